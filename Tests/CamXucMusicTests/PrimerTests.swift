import Foundation
import Testing
@testable import CamXucMusic

/// The primer's rules (what is kept, dropped and cut, each said in one line) and its events.
@Suite struct PrimerTests {
    /// A take at 120 bpm, 480 ticks per quarter (a tick is 1/960 s); notes as (pitch, velocity, start s, length s,
    /// channel).
    static func take(_ notes: [(Int, Int, Double, Double, Int)]) -> Take {
        Take(notes: notes.map {
            Note(pitch: UInt8($0.0), velocity: UInt8($0.1), startTick: Int(($0.2 * 960).rounded()),
                 durationTicks: Int(($0.3 * 960).rounded()), channel: UInt8($0.4))
        })
    }

    static func primer(_ notes: [(Int, Int, Double, Double, Int)], seconds: Double? = nil) throws -> Primer {
        try Primer(take: take(notes), name: "p.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: seconds)
    }

    static let melody = (0..<8).map { (60 + [0, 2, 4, 5, 7, 9, 11, 12][$0], 70, Double($0) * 0.5, 0.4, 0) }

    /// A file's metre changes in the part used are kept on the primer's ticks, and a continuation keeps those up to
    /// where its new music starts (a jig's 6/4, 4/4, 5/4 was continued in 6/4 throughout).
    @Test func theMetreChangesInThePartUsedAreKept() throws {
        var source = Self.take(Self.melody)   // 4 s at 480 ticks a quarter, 120 bpm
        source.timeSignature = TimeSignature(numerator: 6, denominator: 4)
        source.meterChanges = [MeterChange(tick: 960, signature: TimeSignature(numerator: 4, denominator: 4)),
                               MeterChange(tick: 2880, signature: TimeSignature(numerator: 5, denominator: 4)),
                               MeterChange(tick: 9600, signature: TimeSignature(numerator: 3, denominator: 4))]
        let primer = try Primer(take: source, name: "jig.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: 3.2)
        #expect(primer.take.meterChanges.map(\.tick) == [960, 2880])
        let continued = primer.take(continuedWith: [.init(pitch: 60, velocity: 80, startSeconds: 0.5, durationSeconds: 0.5)])
        // The primer's last onset is at 3.0 s (tick 2880): both changes are before the new music.
        #expect(continued.meterChanges == primer.take.meterChanges && continued.timeSignature == source.timeSignature)
    }

    /// A primer note still sounding where the continuation's own tempo begins keeps its length in seconds (mido read
    /// a 4-s chord of a 60-bpm primer continued at 138 bpm as 1.74 s, then 2.2 s of silence before the new music).
    @Test func aPrimerNoteHeldOverTheJoinKeepsItsSeconds() throws {
        // 120 bpm: onsets every 0.5 s, then a chord at 4 s held for 4 s.
        let primer = try Self.primer(Self.melody + [(48, 70, 4, 4, 0), (55, 70, 4, 4, 0)])
        #expect(primer.continuationStartSeconds == 4)
        let continued = primer.take(continuedWith: [.init(pitch: 72, velocity: 80, startSeconds: 4.1, durationSeconds: 0.5)],
                                    tempoMap: TempoMap(beatsPerMinute: 276))
        let chord = continued.decodedNotes.filter { $0.pitch == 48 || $0.pitch == 55 }
        #expect(chord.count == 2)
        for note in chord { #expect(abs(note.startSeconds - 4) < 0.002 && abs(note.durationSeconds - 4) < 0.002, "\(note)") }
        // The notes that ended before the join keep their ticks, and the new note sits where it was composed.
        #expect(continued.notes.prefix(8).map(\.startTick) == primer.take.notes.prefix(8).map(\.startTick))
        #expect(continued.decodedNotes.contains { $0.pitch == 72 && abs($0.startSeconds - 8.1) < 0.002 })
    }

    @Test func drumsOnChannelTenAreLeftOutWithOneLine() throws {
        let primer = try Self.primer(Self.melody + (0..<5).map { (36, 100, Double($0) * 0.5, 0.1, 9) })
        #expect(primer.notes.count == 8)
        #expect(primer.notices == ["p.mid: 5 drum notes on channel 10 left out (the model plays piano)"])
    }

    /// A second instrument is played by the first one's and a later change of instrument is not kept: both went
    /// without a word (a violin on channel 2 came back as piano, the pedal alone was said).
    @Test func otherInstrumentsAndInstrumentChangesAreSaid() throws {
        var source = Self.take(Self.melody + Self.melody.map { ($0.0 + 12, $0.1, $0.2, $0.3, 1) })
        source.channelPrograms = [1: 40]
        source.programChanges = [ProgramChange(tick: 960, channel: 0, program: 24), ProgramChange(tick: 960, channel: 9, program: 1)]
        let primer = try Primer(take: source, name: "p.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(primer.notes.count == 16)
        #expect(primer.notices == ["p.mid: 8 notes of other instruments (Violin) played as Acoustic Grand Piano (the model plays one instrument)",
                                   "p.mid: 1 instrument change left out (the take plays one instrument)"])
    }

    /// A continuation's file keeps its primer's key up to where the new music starts and says the plan's key from
    /// the first bar line there (it said D minor throughout for new music in D major).
    @Test func aContinuationSaysItsPlansKeyFromWhereItStarts() throws {
        var source = Self.take(Self.melody)   // 4 s at 120 bpm, the last onset at 3.5 s
        let dMinor = KeySignature(tonic: 2, minor: true), dMajor = KeySignature(tonic: 2, minor: false)
        source.keySignature = dMinor
        source.keyChanges = [KeyChange(tick: 480, signature: KeySignature(tonic: 9, minor: true))]
        let primer = try Primer(take: source, name: "p.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        let continued = primer.take(continuedWith: [.init(pitch: 62, velocity: 80, startSeconds: 0.3, durationSeconds: 1)])
        #expect(continued.keySignature == dMinor && continued.keyChanges.map(\.tick) == [480])
        let keys = Take.planKeys([dMajor], arc: nil, fromSeconds: primer.continuationStartSeconds,
                                 after: (continued.keySignature, continued.keyChanges), tempoMap: continued.tempoMap)
        #expect(keys.first == dMinor)
        #expect(keys.changes == [KeyChange(tick: 480, signature: KeySignature(tonic: 9, minor: true)),
                                 KeyChange(tick: 8 * 480, signature: dMajor)])
        // A primer in the plan's key: nothing more is said.
        #expect(Take.planKeys([dMinor], arc: nil, fromSeconds: 3.5, after: (dMinor, []), tempoMap: continued.tempoMap).changes.isEmpty)
    }

    /// A C# major file continued in its own key wrote a change to "Db major" where the new music started (the plan
    /// spelt by its pitch class): the plan is spelt as the signature in force at the join.
    @Test func aContinuationSpellsItsKeyAsThePrimersFile() throws {
        var source = Self.take(Self.melody)
        let cSharp = KeySignature(sharps: 7, minor: false)
        source.keySignature = KeySignature(tonic: 0, minor: false)
        source.keyChanges = [KeyChange(tick: 480, signature: cSharp)]
        let primer = try Primer(take: source, name: "p.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(primer.keySpelling == "C#")
        let plan = ChordPlan.sample(try ChordPlanTests.progressions(), valence: 0.5, arousal: 0.5, seed: 7,
                                    lengthSeconds: 10, tonic: 1)
        var spelled = plan
        spelled.spelling = primer.keySpelling
        let continued = primer.take(continuedWith: [.init(pitch: 61, velocity: 80, startSeconds: 0.3, durationSeconds: 1)])
        let keys = Take.planKeys([spelled.keySignature], arc: nil, fromSeconds: primer.continuationStartSeconds,
                                 after: (continued.keySignature, continued.keyChanges), tempoMap: continued.tempoMap)
        #expect(keys.changes == [KeyChange(tick: 480, signature: cSharp)], "\(keys.changes)")
        #expect(try Self.primer(Self.melody).keySpelling == nil)
    }

    @Test func notesOutsideThePianoRangeAreLeftOut() throws {
        let primer = try Self.primer(Self.melody + [(20, 80, 0, 1, 0), (109, 80, 1, 1, 0), (21, 80, 2, 1, 0), (108, 80, 3, 1, 0)])
        #expect(primer.notes.count == 10)
        #expect(primer.notes.map(\.pitch).min() == 21 && primer.notes.map(\.pitch).max() == 108)
        #expect(primer.notices == ["p.mid: 2 notes below or above A0–C8 left out (the model's range is MIDI 21–108)"])
    }

    @Test func aPrimerLongerThanTheCutIsCutThere() throws {
        let primer = try Self.primer(Self.melody, seconds: 2)
        // Onsets 0, 0.5, 1, 1.5 are kept; the note at 1.5 keeps its whole length (to 1.9 s).
        #expect(primer.notes.map(\.startSeconds) == [0, 0.5, 1, 1.5])
        #expect(abs(primer.notes[3].durationSeconds - 0.4) < 1e-9)
        #expect(primer.secondsUsed == 2)
        #expect(primer.notices == ["p.mid: only the first 2.0 s of 3.9 s used; 4 later notes left out"])
        #expect(try Self.primer(Self.melody, seconds: 100).notices.isEmpty)
        #expect(try Self.primer(Self.melody, seconds: 100).secondsUsed == 3.9)
    }

    /// With a cut, what is said of drums and pedal is said of the part used (the whole file's were counted); the
    /// rest is in the count of later notes.
    @Test func leftOutThingsAreCountedInThePartUsed() throws {
        var source = Self.take(Self.melody + [(36, 100, 0.5, 0.1, 9), (36, 100, 3.0, 0.1, 9)])
        source.controlChanges = [ControlChange(tick: 240, controller: 64, value: 127), ControlChange(tick: 3_360, controller: 64, value: 0)]
        let primer = try Primer(take: source, name: "p.mid", vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: 2)
        #expect(primer.notices == ["p.mid: 1 drum note on channel 10 left out (the model plays piano)",
                                   "p.mid: 1 sustain pedal change left out (the take's notes carry their own lengths; pedalled notes end where their keys were let go)",
                                   "p.mid: only the first 2.0 s of 3.9 s used; 5 later notes left out"], "\(primer.notices)")
    }

    /// A file with absurd times (a delta of years) is cut at two hours, asked or not.
    @Test func aPrimerIsAtMostTwoHours() throws {
        let absurd = [(60, 64, 0.0, 1.0, 0), (62, 64, 7_199.0, 1.0, 0), (64, 64, 1e9, 1.0, 0)]
        for asked in [nil, 1e12] as [Double?] {
            let primer = try Self.primer(absurd, seconds: asked)
            #expect(primer.notes.count == 2 && primer.secondsUsed == 7_200)
            #expect(primer.notices.first == "p.mid: only the first 7200.0 s of 1000000001.0 s used (a primer is at most two hours); 1 later note left out")
        }
    }

    /// A note that starts in time but is held for years ends at the two hours (it made a 2,610-hour take).
    @Test func aNoteHeldPastTwoHoursEndsThere() throws {
        let primer = try Self.primer([(60, 64, 0.0, 9e6, 0), (62, 64, 1.0, 1.0, 0)])
        #expect(primer.notes.count == 2)
        #expect(primer.notes.map { $0.startSeconds + $0.durationSeconds }.max().map { abs($0 - 7_200) < 0.01 } == true)
        #expect(primer.notices.contains("p.mid: 1 note held past two hours shortened to end there (a primer is at most two hours)"))
    }

    @Test func fiftyNotesAtOneTickKeepTheTenLoudest() throws {
        let cluster = (0..<50).map { (30 + $0, 20 + $0, 0.0, 1.0, 0) }
        let primer = try Self.primer(cluster + Self.melody.map { ($0.0, $0.1, $0.2 + 1, $0.3, $0.4) })
        let first = primer.notes.filter { $0.startSeconds == 0 }
        #expect(first.count == Primer.maximumNotesPerStep)
        #expect(Set(first.map(\.pitch)) == Set(70...79))
        #expect(primer.notes.count == 18)
        #expect(primer.notices == ["p.mid: more than 10 notes start together (within 10 ms) at 1 moment (the first at 0.00 s); the 40 quietest left out"])
    }

    @Test func oneKeyStruckTwiceAtOneTickByTwoTracksSoundsOnce() throws {
        let primer = try Self.primer(Self.melody + [(60, 90, 0, 1, 1), (62, 50, 0.5, 0.2, 2)])
        #expect(primer.notes.count == 8)
        #expect(primer.take.notes.allSatisfy { $0.channel == 0 })
        // The longer of the two strikes stays.
        #expect(primer.notes[0].pitch == 60 && primer.notes[0].velocity == 90)
        #expect(primer.notices == ["p.mid: 2 doubled notes left out (one key struck twice at one tick sounds once)"])
    }

    @Test(arguments: [
        ([(Int, Int, Double, Double, Int)](), "cannot continue p.mid: it holds no notes"),
        ([(38, 100, 0.0, 0.1, 9), (42, 90, 0.5, 0.1, 9)], "cannot continue p.mid: no notes left to continue (2 drum notes on channel 10 left out)"),
        ([(36, 100, 0.0, 0.1, 9), (10, 90, 0.5, 0.1, 0)],
         "cannot continue p.mid: no notes left to continue (1 drum note on channel 10 left out; 1 note below or above A0–C8 left out)"),
    ])
    func aPrimerWithNothingToContinueIsOneLine(notes: [(Int, Int, Double, Double, Int)], message: String) {
        #expect(throws: MusicError.unusablePrimer(file: "p.mid", reason: String(message.dropFirst("cannot continue p.mid: ".count)))) {
            try Self.primer(notes)
        }
        #expect((try? Self.primer(notes)) == nil)
        #expect(MusicError.unusablePrimer(file: "p.mid", reason: String(message.dropFirst(23))).description == message)
    }

    @Test func aFileThatIsMissingOrNotMIDIIsTheReadersError() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let folder = FileManagerTemp.make()
        #expect(throws: MusicError.cannotRead(file: folder + "/none.mid", reason: "no such file or directory")) {
            try Primer.read(path: folder + "/none.mid", vocabulary: vocabulary)
        }
        try Data("not midi".utf8).write(to: URL(fileURLWithPath: folder + "/text.mid"))
        do {
            _ = try Primer.read(path: folder + "/text.mid", vocabulary: vocabulary)
            Issue.record("read")
        } catch let error as MusicError {
            #expect(error.byteOffset == 0)
        }
    }

    /// The events are the vocabulary's own, worked out by hand from its spec: 10 ms steps, VELOCITY only when the
    /// bin changes, NOTE then DURATION (nearest centre in log space), TIME_SHIFTs of at most 100 steps.
    @Test func theEventsAreTheVocabularysTimedFromTheFirstNoteRead() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let primer = try Self.primer([(60, 64, 2.0, 0.5, 0), (64, 64, 2.5, 0.25, 0), (67, 100, 4.0, 1.0, 0)])
        func id(_ event: EventVocabulary.Event) -> Int { vocabulary.index(of: event) ?? -1 }
        #expect(primer.tokens == [
            id(.velocity(bin: 8)), id(.note(pitch: 60)), id(.duration(bin: 19)),   // 514 ms nearest to 500
            id(.timeShift(steps: 50)), id(.note(pitch: 64)), id(.duration(bin: 15)), // 260 ms nearest to 250
            id(.timeShift(steps: 100)), id(.timeShift(steps: 50)), id(.velocity(bin: 12)), id(.note(pitch: 67)),
            id(.duration(bin: 23)),                                                   // 1019 ms nearest to 1000
        ])
        #expect(primer.continuationStartSeconds == 4)
    }

    @Test func theNetworkReadsTheLastMinuteOfALongPrimer() throws {
        // 20 minutes, a note a second.
        let long = (0..<1200).map { (60 + $0 % 12, 64, Double($0), 0.5, 0) }
        let primer = try Self.primer(long)
        #expect(primer.notes.count == 1200)
        #expect(primer.networkNotes.first?.startSeconds == 1139)
        #expect(primer.networkNotes.count == 61)
        // Each note: NOTE, DURATION and a TIME_SHIFT of 100 steps; one VELOCITY at the start.
        #expect(primer.tokens.count == 1 + 61 * 2 + 60)
        #expect(primer.notices == ["p.mid: 1199.5 s used; the network reads its last 61 notes (1139.0 s to 1199.0 s, 183 events), the earlier ones are kept as they are"])
        // Dense music: at most `maximumNetworkEvents`, whole notes (a NOTE, a DURATION and a TIME_SHIFT of 2 steps
        // each, one VELOCITY): 170 notes are 1 + 170·3 − 1 = 510 events, one more would be 513.
        let dense = try Self.primer((0..<3000).map { (40 + $0 % 40, 64, Double($0) * 0.02, 0.1, 0) })
        #expect(dense.networkNotes.count == 170)
        #expect(dense.tokens.count == 510)
        #expect(dense.networkNotes.last?.startSeconds == dense.continuationStartSeconds)
    }

    /// A karaoke file's words, markers and notices are no part of a take: continuing it said nothing of them, and
    /// the continuation's file had lost them (mido wrote the fixture: 5 lyrics, a copyright, a text and a marker).
    @Test func aKaraokeFilesWordsLeftOutAreSaid() throws {
        let primer = try Primer.read(path: Fixtures.path("midi/karaoke.kar"), vocabulary: EventVocabularyTests.vocabulary())
        #expect(primer.notes.count == 5)
        #expect(primer.notices.contains("karaoke.kar: 8 lyric or text events left out (a take keeps the notes)"),
                "\(primer.notices)")
        // CamXuc's own takes carry their metadata as a text event: nothing is said of it.
        let path = FileManagerTemp.make() + "/own.mid"
        var own = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480)])
        own.metadata.title = "own"
        own.metadata.valence = 0.5
        try MIDIFile.write(own, to: path)
        #expect(try Primer.read(path: path, vocabulary: EventVocabularyTests.vocabulary()).notices.allSatisfy { !$0.contains("text") })
        // A Soft Karaoke file's words are text events ("@" headers, then a syllable each): counted all the same.
        var leftOut = MIDIFile.LeftOut()
        let words: [UInt8] = [0x00, 0xFF, 0x01, 0x03] + Array("@KM".utf8) + [0x00, 0xFF, 0x01, 0x03] + Array("Hap".utf8)
            + [0x00, 0x90, 60, 80, 0x60, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00]
        let file: [UInt8] = Array("MThd".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 0, 96] + Array("MTrk".utf8) + [0, 0, 0, UInt8(words.count)] + words
        _ = try MIDIFile.decode(file, file: "soft.kar", leftOut: &leftOut)
        #expect(leftOut.lines(file: "soft.kar", texts: true) == ["soft.kar: 2 lyric or text events left out (a take keeps the notes)"])
        #expect(leftOut.lines(file: "soft.kar").isEmpty)
    }

    @Test func theKeyIsFoundInTheNotesTheNetworkReads() throws {
        let gMajor = [67, 69, 71, 72, 74, 76, 78, 79, 71, 74, 67, 62].enumerated().map { (pitch: $0.element, 70, Double($0.offset) * 0.5, 0.5, 0) }
        #expect(try Self.primer(gMajor).keyTonic == 7)
    }

    /// mido wrote the fixture (Tests/Fixtures/midi/make_fixtures.py, tempo changes, 96 ticks per quarter, two
    /// channels); its notes are the script's own lists.
    @Test func aMidoFilesNotesAreThePrimersExactly() throws {
        let primer = try Primer.read(path: Fixtures.path("midi/mido-format1.mid"), vocabulary: EventVocabularyTests.vocabulary())
        let expected = try Fixtures.expectation("mido-format1").notes
        #expect(primer.notes.count == expected.count)
        for (note, want) in zip(primer.notes, expected.sorted { ($0.startSeconds, $0.pitch) < ($1.startSeconds, $1.pitch) }) {
            #expect(note.pitch == want.pitch && note.velocity == want.velocity)
            #expect(abs(note.startSeconds - want.startSeconds) < 1e-9)
            #expect(abs(note.startSeconds + note.durationSeconds - want.endSeconds) < 1e-9)
        }
        #expect(primer.take.ticksPerQuarter == 480)
        #expect(primer.name == "mido-format1.mid")
    }
}

/// Continuing a primer with the chord-conditioned model.
@Suite struct PrimerGenerationTests {
    static func continuation(_ primer: Primer, seed: UInt64 = 5, seconds: Double = 6, settings: Generator.Settings = Generator.Settings())
        throws -> [EventVocabulary.DecodedNote] {
        let generator = try ChordGeneratorTests.generator()
        let request = Generator.Request(valence: -0.6, arousal: -0.4, lengthSeconds: seconds, seed: seed,
                                        keyTonic: primer.keyTonic, primerTokens: primer.tokens)
        return generator.generate(request, settings: { settings }).notes
    }

    /// A continuation asked for another emotion than its primer's played on as the primer did (the network's memory
    /// of it whole): lively takes continued for sadness were heard as lively. It now turns after two seconds, keeping a
    /// quarter of that memory; the judge hears the continuations of lively primers as low in arousal more often.
    @Test func aContinuationTurnsToTheEmotionAsked() throws {
        let generator = try ChordGeneratorTests.generator()
        let judge = try MusicJudgeTests.judge()
        let vocabulary = generator.vocabulary
        var calm = 0, beforeTurn = 0
        let seeds: [UInt64] = Array(1...10)
        for seed in seeds {
            let lively = generator.generate(Generator.Request(valence: 0.6, arousal: 0.7, lengthSeconds: 12, seed: seed),
                                            settings: { Generator.Settings(controls: .derived(valence: 0.6, arousal: 0.7)) })
            let primer = try Primer(take: Take(decodedNotes: lively.notes, tempoMap: lively.tempoMap, timeSignature: TimeSignature()),
                                    name: "p.mid", vocabulary: vocabulary)
            let request = Generator.Request(valence: -0.6, arousal: -0.6, lengthSeconds: 16, seed: seed + 100,
                                            keyTonic: primer.keyTonic, primerTokens: primer.tokens)
            let notes = generator.generate(request, settings: { Generator.Settings(controls: .derived(valence: -0.6, arousal: -0.6)) }).notes
            if judge.judge(notes).arousal < 0 { calm += 1 }
            // Its first two seconds go on as the primer played (as loud as its last two seconds, within a margin).
            let end: Double = primer.notes.map { $0.startSeconds }.max() ?? 0
            let last: [Double] = primer.notes.filter { $0.startSeconds > end - 2 }.map { Double($0.velocity) }
            let first: [Double] = notes.filter { $0.startSeconds < 2 }.map { Double($0.velocity) }
            let lastLoudness: Double = last.reduce(0, +) / Double(max(last.count, 1))
            let firstLoudness: Double = first.reduce(0, +) / Double(max(first.count, 1))
            if !first.isEmpty, !last.isEmpty, firstLoudness > lastLoudness - 15 { beforeTurn += 1 }
        }
        print("lively primers continued for sadness: judged low arousal \(calm) of \(seeds.count), first 2 s as loud as the primer's end \(beforeTurn)")
        #expect(calm >= 8)
        #expect(beforeTurn >= 8)
    }

    /// The primer's notes are at the start of the written file exactly (pitch, velocity, onset within 10 ms — here
    /// within a millisecond), and every continued note starts after the primer's last onset.
    @Test func theOutputStartsWithThePrimerExactlyAndContinuesAfterIt() throws {
        let primer = try Primer.read(path: Fixtures.path("midi/mido-format1.mid"), vocabulary: EventVocabularyTests.vocabulary())
        let continuation = try Self.continuation(primer)
        #expect(!continuation.isEmpty)
        #expect(continuation.allSatisfy { $0.startSeconds > 0 && $0.startSeconds < 6 })
        let path = FileManagerTemp.make() + "/continued.mid"
        try MIDIFile.write(primer.take(continuedWith: Take.resolved(continuation)), to: path)
        let written = try MIDIFile.read(path: path).decodedNotes
        let expected = try Fixtures.expectation("mido-format1").notes
            .sorted { ($0.startSeconds, $0.pitch) < ($1.startSeconds, $1.pitch) }
        #expect(written.count == expected.count + Take.resolved(continuation).count)
        for (note, want) in zip(written, expected) {
            #expect(note.pitch == want.pitch && note.velocity == want.velocity)
            #expect(abs(note.startSeconds - want.startSeconds) < 0.001)
        }
        let last = expected.map(\.startSeconds).max() ?? 0
        #expect(written.dropFirst(expected.count).allSatisfy { $0.startSeconds > last })
        for (note, generated) in zip(written.dropFirst(expected.count), Take.resolved(continuation)) {
            #expect(note.pitch == generated.pitch && note.velocity == generated.velocity)
            #expect(abs(note.startSeconds - (last + generated.startSeconds)) < 0.002)
        }
    }

    /// --continuation-only: the new part alone, timed from the primer's last onset (time 0), nothing of the primer.
    @Test func theContinuationAloneStartsAtTimeZero() throws {
        let primer = try Self.primer()
        let continuation = try Self.continuation(primer)
        let take = Take(decodedNotes: continuation)
        #expect(take.notes.count == continuation.count)
        #expect(take.decodedNotes.first.map { $0.startSeconds > 0 && $0.startSeconds < 2 } == true)
    }

    /// A continuation's chords changed on the quadrant's beat, 0.5 s, whatever the primer's: a piece at 66 a minute
    /// went on with chords twice as fast, written at 131 a minute. Now they change on the primer's beat.
    @Test func aContinuationKeepsThePrimersBeat() throws {
        // A quarter note every beat at 66 a minute, the last one under a fermata written as 8 a minute.
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 909_091),
                                                           .init(tick: 480 * 11, microsecondsPerQuarter: 7_500_000)])
        let notes = (0..<12).map { Note(pitch: UInt8(60 + [0, 2, 4, 5][$0 % 4]), velocity: 70, startTick: $0 * 480,
                                        durationTicks: 440, channel: 0) }
        let slow = try Primer(take: Take(notes: notes, tempoMap: map), name: "slow.mid",
                              vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        let beat = try #require(slow.beatSeconds)
        #expect(abs(beat - 60.0 / 66) < 1e-3)
        // Fast or slow beyond 50–200 a minute, the beat is folded by octaves: 240 a minute changes chords every 0.5 s.
        let fast = try Primer(take: Take(notes: notes, tempoMap: TempoMap(beatsPerMinute: 240)), name: "fast.mid",
                              vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(abs((fast.beatSeconds ?? 0) - 0.5) < 1e-3)
        let generator = try ChordGeneratorTests.generator()
        let request = Generator.Request(valence: 0.6, arousal: 0.6, lengthSeconds: 6, seed: 3, primerTokens: slow.tokens,
                                        beatSeconds: slow.beatSeconds)
        #expect(generator.plan(for: request)?.beatSeconds == beat)
        var controls = MusicalControls.derived(valence: 0.45, arousal: 0.45)
        controls.tempoScale = 1  // as compose and the studio set it for a continuation
        let take = generator.generate(request, settings: { Generator.Settings(controls: controls) })
        #expect(abs(take.tempoMap.beatsPerMinute(atTick: 0) - 66) < 0.1, "\(take.tempoMap)")
        // Along an arc too (the segments' tempos moved it: 90 a minute became 108 where the new music began).
        let arc = EmotionArc(segments: [.init(start: 0, end: 3, valence: -0.6, arousal: -0.6, sentence: "a", sentences: [1]),
                                        .init(start: 3, end: 6, valence: 0.6, arousal: 0.8, sentence: "b", sentences: [2])],
                             whole: .init(valence: 0, arousal: 0))
        var along = request
        along.arc = arc
        let settings = Generator.Settings(controls: { var c = MusicalControls.derived(valence: 0, arousal: 0); c.tempoScale = 1; return c }())
        for map in [generator.generate(along, settings: { settings }).tempoMap,
                    generator.generateBatch(along, count: 1, settings: { settings })[0].tempoMap] {
            let tempos = map.changes.map(\.beatsPerMinute)
            // (The first segment's beats stretch so that the second plan starts on a whole beat: not a tempo scale.)
            #expect(abs(tempos[tempos.count - 1] - 66) < 0.1, "\(tempos) \(map)")
        }
    }

    /// The pace is the primer's at its end: a take whose last sentence was slow went on at its earlier tempo (the
    /// median over the minute the network reads).
    @Test func aContinuationGoesOnAtThePaceItsPrimerEndsAt() throws {
        // 40 s a beat at 120 a minute, then 12 s at 80.
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 500_000),
                                                           .init(tick: 480 * 80, microsecondsPerQuarter: 750_000)])
        let notes = (0..<96).map { Note(pitch: UInt8(60 + [0, 4, 7, 4][$0 % 4]), velocity: 70, startTick: $0 * 480,
                                        durationTicks: 400, channel: 0) }
        let primer = try Primer(take: Take(notes: notes, tempoMap: map), name: "arc.mid",
                                vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(abs((primer.beatSeconds ?? 0) - 0.75) < 1e-3)
        #expect(!primer.notices.contains { $0.contains("goes on at") })
    }

    /// A tempo change near the end is not the pace, and the music changes speed at the join: said (a file at 60 a
    /// minute that went to 240 for its last 2 s went on at 60 without a word). A fermata's stretch says nothing.
    @Test func aPrimerEndingAtAnotherTempoSaysItsPace() throws {
        let notes = (0..<24).map { Note(pitch: UInt8(60 + [0, 4, 7, 4][$0 % 4]), velocity: 70, startTick: $0 * 480,
                                        durationTicks: 400, channel: 0) }
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 1_000_000),
                                                           .init(tick: 480 * 16, microsecondsPerQuarter: 250_000)])
        let primer = try Primer(take: Take(notes: notes, tempoMap: map), name: "faster.mid",
                                vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(primer.notices.contains("faster.mid: goes on at 60 a minute, the usual beat of its last 15 s (it ends at 240 a minute)"),
                "\(primer.notices)")
        let fermata = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 909_091),
                                                               .init(tick: 480 * 23, microsecondsPerQuarter: 7_500_000)])
        let held = try Primer(take: Take(notes: notes, tempoMap: fermata), name: "held.mid",
                              vocabulary: EventVocabularyTests.vocabulary(), maximumSeconds: nil)
        #expect(!held.notices.contains { $0.contains("goes on at") }, "\(held.notices)")
    }

    static func primer() throws -> Primer {
        try PrimerTests.primer(PrimerTests.melody + PrimerTests.melody.map { ($0.0 - 12, $0.1, $0.2 + 4, $0.3, 0) })
    }

    @Test func theSameSeedGivesTheSameContinuationAndThePrimerMatters() throws {
        let primer = try Self.primer()
        let first = try Self.continuation(primer)
        #expect(first == (try Self.continuation(primer)))
        let alone = try ChordGeneratorTests.generator().generate(
            Generator.Request(valence: -0.6, arousal: -0.4, lengthSeconds: 6, seed: 5, keyTonic: primer.keyTonic),
            settings: { Generator.Settings() }).notes
        #expect(first != alone)
    }

    /// --best-of with a primer: each take reads the primer on its own stream, one after another.
    @Test func aBatchWithAPrimerEqualsTheTakesMadeOneByOne() throws {
        let generator = try ChordGeneratorTests.generator()
        let primer = try Self.primer()
        let request = Generator.Request(valence: 0.5, arousal: 0.5, lengthSeconds: 4, seed: 9, primerTokens: primer.tokens)
        let batch = generator.generateBatch(request, count: 3, settings: { Generator.Settings() })
        for k in 0..<3 {
            var single = request
            single.seed = 9 + UInt64(k)
            #expect(batch[k].notes == generator.generate(single, settings: { Generator.Settings() }).notes)
        }
    }

    /// Reading a primer layer by layer leaves the state stepping would (up to the rounding of the matrix product),
    /// for both models, with the two guidance streams under their own conditions.
    @Test(arguments: [true, false])
    func readingAPrimerIsSteppingThroughIt(chords: Bool) throws {
        let model = chords ? try MusicLSTMChordsTests.model() : try MusicLSTMTests.model()
        let tokens = try Self.primer().tokens
        var read = GuidedStream(model: model), stepped = GuidedStream(model: model)
        read.read(tokens: Array(tokens.dropLast()), valence: 0.4, arousal: -0.7)
        for token in tokens.dropLast() { stepped.step(token: token, valence: 0.4, arousal: -0.7, guidance: 2) }
        read.step(token: tokens[tokens.count - 1], valence: 0.4, arousal: -0.7, guidance: 2, chord: 3, key: 7)
        stepped.step(token: tokens[tokens.count - 1], valence: 0.4, arousal: -0.7, guidance: 2, chord: 3, key: 7)
        let worst = zip(read.logits, stepped.logits).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-3, "largest logit difference \(worst)")
    }

    /// The older model (no chord inputs) continues a primer too.
    @Test func theOlderModelContinuesAPrimer() throws {
        let primer = try Self.primer()
        let notes = try GeneratorTests.generator().generate(
            Generator.Request(valence: 0.5, arousal: 0.5, lengthSeconds: 4, seed: 2, primerTokens: primer.tokens),
            settings: { Generator.Settings() }).notes
        #expect(!notes.isEmpty && notes.allSatisfy { $0.startSeconds > 0 })
    }

    @Test func theMetadataRecordsThePrimer() throws {
        let primer = try Self.primer()
        let record = primer.record
        #expect(record == TakeMetadata.PrimerRecord(file: "p.mid", seconds: 7.9, notes: 16, continuationStartSeconds: 7.5))
        #expect(record.summary == "p.mid, first 7.9 s, 16 notes, continued from 7.50 s")
        let metadata = TakeMetadata(title: "t").with(primer: record, parent: 3)
        let decoded = try JSONDecoder().decode(TakeMetadata.self, from: JSONEncoder().encode(metadata))
        #expect(decoded == metadata && decoded.parent == 3)
    }
}
