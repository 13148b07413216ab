import Foundation
import Testing
@testable import CamXucMusic

@Suite struct ChordPlanTests {
    static func progressions() throws -> ChordProgressions {
        try ChordProgressions(path: MusicLSTMTests.root.appendingPathComponent("Models/music-progressions.json").path)
    }

    @Test func theSameSeedGivesTheSamePlan() throws {
        let progressions = try Self.progressions()
        let a = ChordPlan.sample(progressions, valence: -0.6, arousal: 0.5, seed: 1234, lengthSeconds: 30)
        let b = ChordPlan.sample(progressions, valence: -0.6, arousal: 0.5, seed: 1234, lengthSeconds: 30)
        #expect(a == b)
        #expect(a.summary() == b.summary())
        let c = ChordPlan.sample(progressions, valence: -0.6, arousal: 0.5, seed: 1235, lengthSeconds: 30)
        #expect(a != c)
    }

    @Test(arguments: [(0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5), (0.5, -0.5)])
    func plansVaryInKeyAndCoverTheTake(valence: Double, arousal: Double) throws {
        let progressions = try Self.progressions()
        var tonics = Set<Int>()
        var progressionsSeen = Set<[Int]>()
        for seed in UInt64(500)..<550 {
            let plan = ChordPlan.sample(progressions, valence: valence, arousal: arousal, seed: seed, lengthSeconds: 30)
            tonics.insert(plan.tonic)
            progressionsSeen.insert(plan.chords.prefix(6).map(\.id))
            #expect(plan.mode == (valence >= 0 ? .major : .minor))
            #expect(plan.chords.allSatisfy { $0.beats >= 1 && (1...24).contains($0.id) })
            #expect(zip(plan.chords, plan.chords.dropFirst()).allSatisfy { $0.id != $1.id })
            #expect(plan.chords.first?.id == (valence >= 0 ? 1 : 2))
            #expect(plan.lengthSeconds >= 60)
            #expect(plan.keyID == plan.tonic + (valence >= 0 ? 0 : 12))
        }
        #expect(tonics.count >= 8, "\(tonics.count) distinct tonics")
        #expect(progressionsSeen.count >= 25, "\(progressionsSeen.count) distinct openings")
    }

    @Test func aFixedTonicKeepsTheProgression() throws {
        let progressions = try Self.progressions()
        let free = ChordPlan.sample(progressions, valence: 0.4, arousal: 0.2, seed: 9, lengthSeconds: 20)
        let fixed = ChordPlan.sample(progressions, valence: 0.4, arousal: 0.2, seed: 9, lengthSeconds: 20, tonic: 2)
        #expect(fixed.tonic == 2)
        #expect(fixed.chords == free.chords)
        #expect(fixed.summary().hasPrefix("D major I–"))
    }

    @Test func theChordAtATimeFollowsTheLengthsAndRepeats() throws {
        let progressions = try Self.progressions()
        let plan = ChordPlan.sample(progressions, valence: -0.3, arousal: -0.3, seed: 77, lengthSeconds: 10)
        var start = 0.0
        for chord in plan.chords {
            #expect(plan.chordID(atModelSeconds: start + 0.001) == chord.id)
            #expect(plan.chordID(atModelSeconds: start + Double(chord.beats) * plan.beatSeconds - 0.001) == chord.id)
            start += Double(chord.beats) * plan.beatSeconds
        }
        #expect(plan.chordID(atModelSeconds: plan.lengthSeconds + 0.001) == plan.chords[0].id)
        #expect(plan.chordID(atModelSeconds: 0) == plan.chords[0].id)
        let tones = try #require(plan.chordTones(atModelSeconds: 0))
        #expect(tones.root == plan.tonic && tones.third == (plan.tonic + 3) % 12)
    }

    /// The shipped file edited as the probe edited it: no states, a negative probability, a chord that is not a state.
    /// Each is one error naming the file (before, "?–?–?" chords were planned, exit 0).
    @Test(arguments: ["states-empty", "negative", "unknown-chord"])
    func aDamagedProgressionsFileIsOneClearError(damage: String) throws {
        let path = MusicLSTMTests.root.appendingPathComponent("Models/music-progressions.json").path
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var quadrants = try #require(json["quadrants"] as? [String: Any])
        var all = try #require(quadrants["all"] as? [String: Any])
        var modes = try #require(all["modes"] as? [String: Any])
        var major = try #require(modes["major"] as? [String: Any])
        var unigram = try #require(major["unigram"] as? [String: Any])
        switch damage {
        case "states-empty": json["states"] = [Any]()
        case "negative": unigram[unigram.keys.sorted()[0]] = -1.0
        default: unigram["999"] = 0.5
        }
        major["unigram"] = unigram
        modes["major"] = major
        all["modes"] = modes
        quadrants["all"] = all
        json["quadrants"] = quadrants
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            _ = try ChordProgressions(data: data, path: "p.json")
            Issue.record("a damaged file (\(damage)) loaded")
        } catch let error as MusicError {
            #expect(error.description.hasPrefix("cannot use chord progressions p.json:"), "\(error)")
        }
    }

    @Test func aFileOfAnotherFormatIsOneClearError() {
        do {
            _ = try ChordProgressions(data: Data(#"{"format":"x","version":1,"states":[],"quadrants":{}}"#.utf8), path: "p.json")
            Issue.record("loaded")
        } catch let error as MusicError {
            #expect(error.description.hasPrefix("cannot use chord progressions p.json:"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite struct ChordGeneratorTests {
    static func generator() throws -> Generator {
        Generator(model: try MusicLSTMChordsTests.model(), vocabulary: try EventVocabularyTests.vocabulary(),
                  progressions: try ChordPlanTests.progressions())
    }

    static func file(_ notes: [EventVocabulary.DecodedNote]) -> [UInt8] {
        MIDIFile.encode(Take(secondsNotes: notes.map { (pitch: UInt8($0.pitch), velocity: UInt8($0.velocity),
                                                        start: $0.startSeconds, duration: $0.durationSeconds) }))
    }

    /// Calm takes from the shipped model were thin (1.2 notes per onset, EMOPIA's calm clips 1.6–1.9): with the
    /// default controls more notes share an onset than without the onset penalty, over the same seeds.
    @Test func calmTakesHaveFullerChordsWithTheOnsetPenalty() throws {
        let generator = try Self.generator()
        func notesPerOnset(onsetSlope: Double) -> Double {
            var mapping = MusicalControls.Mapping()
            mapping.onsetSlope = onsetSlope
            var notes = 0, onsets = 0
            for seed in UInt64(0)..<6 {
                let request = Generator.Request(valence: 1, arousal: -1, lengthSeconds: 12, seed: 500 + seed)
                let settings = Generator.Settings(controls: .derived(valence: 0.75, arousal: -0.75, mapping: mapping))
                let take = generator.generate(request, settings: { settings }).notes
                notes += take.count
                onsets += Set(take.map { Int(($0.startSeconds * 100).rounded()) }).count
            }
            return Double(notes) / Double(max(onsets, 1))
        }
        let without = notesPerOnset(onsetSlope: 0), with = notesPerOnset(onsetSlope: MusicalControls.Mapping().onsetSlope)
        #expect(with > without + 0.1, "notes per onset \(with) with the penalty, \(without) without")
    }

    @Test func theSameSeedAndSettingsGiveTheSameFile() throws {
        let generator = try Self.generator()
        let request = Generator.Request(valence: -0.6, arousal: 0.5, lengthSeconds: 6, seed: 31)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: -0.45, arousal: 0.4))
        let first = generator.generate(request, settings: { settings }).notes
        let second = generator.generate(request, settings: { settings }).notes
        #expect(!first.isEmpty)
        #expect(Self.file(first) == Self.file(second))
        var other = request
        other.seed = 32
        #expect(Self.file(generator.generate(other, settings: { settings }).notes) != Self.file(first))
        #expect(generator.plan(for: request) == generator.plan(for: request))
    }

    @Test func theOldModelHasNoPlan() throws {
        let old = Generator(model: try MusicLSTMTests.model(), vocabulary: try EventVocabularyTests.vocabulary(),
                            progressions: try ChordPlanTests.progressions())
        #expect(old.plan(for: Generator.Request(valence: 0.5, arousal: 0.5)) == nil)
    }

    @Test func aFixedKeyIsThePlansKey() throws {
        let generator = try Self.generator()
        let plan = try #require(generator.plan(for: Generator.Request(valence: 0.5, arousal: 0.5, seed: 3, keyTonic: 7)))
        #expect(plan.tonic == 7 && plan.mode == .major && plan.keyID == 7)
    }

    @Test func aBatchEqualsTheTakesMadeOneByOne() throws {
        let generator = try Self.generator()
        let request = Generator.Request(valence: 0.6, arousal: -0.4, lengthSeconds: 4, seed: 40)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: 0.45, arousal: -0.3), planKeyShare: 0.3)
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }
}

@Suite struct RepetitionGuardTests {
    static func vocabulary() throws -> EventVocabulary { try EventVocabularyTests.vocabulary() }

    /// The longest run of one pitch as the top of consecutive onsets (notes starting within 10 ms are one onset).
    static func longestTopRun(_ notes: [EventVocabulary.DecodedNote]) -> Int {
        var tops: [(start: Double, top: Int)] = []
        for note in notes.sorted(by: { $0.startSeconds < $1.startSeconds }) {
            if let last = tops.last, note.startSeconds - last.start < 0.01 {
                tops[tops.count - 1].top = max(last.top, note.pitch)
            } else {
                tops.append((note.startSeconds, note.pitch))
            }
        }
        var longest = tops.isEmpty ? 0 : 1, run = 1
        for index in tops.indices.dropFirst() {
            run = tops[index].top == tops[index - 1].top ? run + 1 : 1
            longest = max(longest, run)
        }
        return longest
    }

    @Test func afterSixOnsetsToppedByOnePitchThatPitchIsLeftOutOfTheNext() throws {
        let vocabulary = try Self.vocabulary()
        let c4 = try #require(vocabulary.index(of: .note(pitch: 60))), e3 = try #require(vocabulary.index(of: .note(pitch: 52)))
        var guardian = RepetitionGuard()
        for onset in 1...6 {
            let seconds = Double(onset) / 4
            #expect(guardian.blockedPitch(atSeconds: seconds) == nil)
            guardian.observe(e3, seconds: seconds, vocabulary: vocabulary)
            guardian.observe(c4, seconds: seconds + 0.008, vocabulary: vocabulary)  // within 10 ms: one onset
        }
        // Within the sixth onset another note may still come; the seventh onset may not hold C4.
        #expect(guardian.blockedPitch(atSeconds: 1.505) == nil)
        #expect(guardian.blockedPitch(atSeconds: 1.75) == 60)
        var logits = [Float](repeating: 0, count: vocabulary.names.count)
        guardian.apply(to: &logits, seconds: 1.75, vocabulary: vocabulary)
        #expect(logits[c4] == -.infinity && logits[e3] == 0)
        // An onset topped by another pitch ends the run.
        guardian.observe(e3, seconds: 1.75, vocabulary: vocabulary)
        #expect(guardian.blockedPitch(atSeconds: 2) == nil)
    }

    /// A key struck is not struck again within 30 ms (a note, then the same key one 10-ms step later, made an 8-ms
    /// sliver and a doubled attack); another key may be, and the key may be struck again after.
    @Test func aKeyIsNotStruckAgainWithinThirtyMilliseconds() throws {
        var guardian = RepetitionGuard()
        func note(_ pitch: Int, _ start: Double) -> EventVocabulary.DecodedNote {
            .init(pitch: pitch, velocity: 80, startSeconds: start, durationSeconds: 0.5)
        }
        // Once, twice at one tick, a 10-ms flam, another key, a repeat a hand can play.
        let admitted = [note(60, 1.0), note(60, 1.0), note(60, 1.01), note(64, 1.01), note(60, 1.03)].map { guardian.admits($0) }
        #expect(admitted == [true, false, false, true, true])
    }

    /// A continuation re-struck the primer's last note 13 ms after it (2 of 48 continuations): the primer's last
    /// strikes count.
    @Test func aContinuationDoesNotReStrikeThePrimersLastNote() throws {
        let vocabulary = try Self.vocabulary()
        let primer = try PrimerTests.primer(PrimerTests.melody)     // its last onset: C5 (72) at 3.5 s
        var guardian = RepetitionGuard()
        guardian.rememberPrimer(primer.tokens, vocabulary: vocabulary)
        func note(_ pitch: Int, _ start: Double) -> EventVocabulary.DecodedNote {
            .init(pitch: pitch, velocity: 80, startSeconds: start, durationSeconds: 0.5)
        }
        let admitted = [note(72, 0.01), note(71, 0.01), note(72, 0.03)].map { guardian.admits($0) }
        #expect(admitted == [false, true, true])
    }

    /// The probe's takes: 408 re-strikes under 30 ms in 80 takes; none now.
    @Test(arguments: [(0.5, 0.5, UInt64(3), 0.0), (-0.7, 0.7, UInt64(12), 1.0), (0.75, 0.75, UInt64(2), 1.0)])
    func noKeyIsStruckTwiceWithinThirtyMilliseconds(valence: Double, arousal: Double, seed: UInt64, temperature: Double) throws {
        let generator = try ChordGeneratorTests.generator()
        let condition = Generator.condition(valence: valence, arousal: arousal)
        let request = Generator.Request(valence: condition.valence, arousal: condition.arousal, lengthSeconds: 30, seed: seed)
        var settings = Generator.Settings(controls: MusicalControls.derived(valence: valence, arousal: arousal))
        settings.sampling.temperature = temperature
        let notes = generator.generate(request, settings: { settings }).notes
        var last: [Int: Double] = [:]
        var flams = 0
        for note in notes.sorted(by: { $0.startSeconds < $1.startSeconds }) {
            if let before = last[note.pitch], note.startSeconds - before < 0.0295 { flams += 1 }
            last[note.pitch] = note.startSeconds
        }
        #expect(notes.count > 50 && flams == 0, "\(flams) re-strikes under 30 ms in \(notes.count) notes")
    }

    /// Takes of the chord model that struck one top pitch 7 to 11 times in a row now stop at six.
    @Test(arguments: [(-0.75, 0.75, UInt64(5)), (-0.75, 0.75, UInt64(1)), (-0.75, -0.75, UInt64(7))])
    func noTopLineRunIsLongerThanSix(valence: Double, arousal: Double, seed: UInt64) throws {
        let generator = try ChordGeneratorTests.generator()
        let condition = Generator.condition(valence: valence, arousal: arousal)
        let request = Generator.Request(valence: condition.valence, arousal: condition.arousal, lengthSeconds: 30, seed: seed)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: valence, arousal: arousal))
        let notes = Take.resolved(generator.generate(request, settings: { settings }).notes)
        #expect(Self.longestTopRun(notes) <= RepetitionGuard.maximumRun)
    }
}

@Suite struct KeySignatureTests {
    /// Every key is written with the signature its name is spelt with ("Db major" five flats, "C# minor" four
    /// sharps), and read back as that key.
    @Test func everyKeyHasTheSignatureOfItsName() throws {
        for tonic in 0..<12 {
            for minor in [false, true] {
                let key = KeySignature(tonic: tonic, minor: minor)
                #expect(key.tonic == tonic && key.minor == minor)
                #expect(key.name == MusicalFeatures.keyName(tonic: tonic, mode: minor ? .minor : .major))
                var take = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480)])
                take.keySignature = key
                #expect(try MIDIFile.decode(MIDIFile.encode(take)).keySignature == key)
            }
        }
        #expect(KeySignature(tonic: 1, minor: false).sharps == -5 && KeySignature(tonic: 1, minor: true).sharps == 4)
        #expect(KeySignature(bytes: [8, 0]) == nil && KeySignature(bytes: [0xF9, 1]) == KeySignature(sharps: -7, minor: true))
    }
}

@Suite struct KeyNameTests {
    @Test func keysAreSpelledAsTheirSignaturesSpellThem() {
        // `--key Db` reads as pitch class 1, which was shown "C# major" (seven sharps) instead of "Db major".
        #expect(ChordPlan.tonic(named: "Db").map { MusicalFeatures.keyName(tonic: $0, mode: .major) } == "Db major")
        #expect(ChordPlan.tonic(named: "C#").map { MusicalFeatures.keyName(tonic: $0, mode: .minor) } == "C# minor")
        #expect(MusicalFeatures.keyName(tonic: 8, mode: .major) == "Ab major")
        #expect(MusicalFeatures.keyName(tonic: 8, mode: .minor) == "G# minor")
        #expect(MusicalFeatures.keyName(tonic: 10, mode: .minor) == "Bb minor")
        #expect(MusicalFeatures.keyName(tonic: 3, mode: .minor) == "Eb minor")
        #expect(MusicalFeatures.keyName(tonic: 6, mode: .major) == "F# major")
    }

    @Test func aPlanInDbSaysDbMajor() throws {
        let plan = ChordPlan.sample(try ChordPlanTests.progressions(), valence: 0.5, arousal: 0.5, seed: 7,
                                    lengthSeconds: 10, tonic: 1)
        #expect(plan.summary().hasPrefix("Db major "), "\(plan.summary())")
    }

    @Test func aKeyTheUserNamedIsWrittenAsTheyWroteIt() throws {
        // `compose --key C#` printed and wrote "Db major" (five flats); a spelling without a signature (Db minor,
        // eight flats) stays as musicians spell it.
        var plan = ChordPlan.sample(try ChordPlanTests.progressions(), valence: 0.5, arousal: 0.5, seed: 7,
                                    lengthSeconds: 10, tonic: 1)
        plan.spelling = "C#"
        #expect(plan.summary().hasPrefix("C# major "), "\(plan.summary())")
        #expect(plan.keySignature == KeySignature(sharps: 7, minor: false))
        #expect(KeySignature.keys(ofHarmony: plan.summary()) == [KeySignature(sharps: 7, minor: false)])
        #expect(KeySignature(tonic: 1, minor: true).spelled(as: "Db") == KeySignature(sharps: 4, minor: true))
        #expect(KeySignature(tonic: 3, minor: true).spelled(as: "d#").name == "D# minor")
        #expect(KeySignature(tonic: 6, minor: false).spelled(as: "Gb").name == "Gb major")
        #expect(KeySignature(tonic: 6, minor: false).spelled(as: "C#") == KeySignature(tonic: 6, minor: false))
        #expect(KeySignature(spelled: "G#", minor: false) == nil && KeySignature(spelled: "H", minor: false) == nil)
        #expect(KeySignature(spelled: "Ab", minor: true) == KeySignature(sharps: -7, minor: true))
    }
}
