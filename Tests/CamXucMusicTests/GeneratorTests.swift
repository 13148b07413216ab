import Foundation
import Testing
@testable import CamXucMusic

@Suite struct GeneratorTests {
    static func generator() throws -> Generator {
        Generator(model: try MusicLSTMTests.model(), vocabulary: try EventVocabularyTests.vocabulary())
    }

    /// Two takes made as one batch are the notes of the same two takes made one by one with consecutive seeds.
    static func expectBatchMatchesTakesOneByOne(_ generator: Generator, _ request: Generator.Request,
                                                settings: Generator.Settings) {
        let batch = generator.generateBatch(request, count: 2, settings: { settings })
        for k in 0..<2 {
            var single = request
            single.seed = request.seed + UInt64(k)
            let one = generator.generate(single, settings: { settings })
            let alone = one.notes
            #expect(batch[k].notes.count == alone.count)
            // The beats too: the file of a best-of take has the tempo the take played at.
            #expect(batch[k].tempoMap == one.tempoMap)
            for (a, b) in zip(batch[k].notes, alone) {
                #expect(a.pitch == b.pitch && a.velocity == b.velocity)
                #expect(abs(a.startSeconds - b.startSeconds) < 1e-9 && abs(a.durationSeconds - b.durationSeconds) < 1e-9)
            }
        }
    }

    /// The event bound grows with the length asked for: a fixed 20,000 ended a dense 600-s take at 580 s.
    @Test func theEventBoundGrowsWithTheLength() {
        #expect(Generator.Request(valence: 0, arousal: 0, lengthSeconds: 30).maximumEvents == 20_000)
        #expect(Generator.Request(valence: 0, arousal: 0, lengthSeconds: 600).maximumEvents == 60_000)
        #expect(Generator.Request(valence: 0, arousal: 0, lengthSeconds: .infinity).maximumEvents == 20_000)
        #expect(Generator.Request(valence: 0, arousal: 0, maximumEvents: 300).maximumEvents == 300)
    }

    @Test func theSameSeedAndSettingsGiveTheSameNotes() throws {
        let generator = try Self.generator()
        let request = Generator.Request(valence: 0.7, arousal: 0.6, lengthSeconds: 6, seed: 99)
        let first = generator.generate(request, settings: { Generator.Settings() }).notes
        let second = generator.generate(request, settings: { Generator.Settings() }).notes
        #expect(!first.isEmpty)
        #expect(first == second)
        let other = generator.generate(Generator.Request(valence: 0.7, arousal: 0.6, lengthSeconds: 6, seed: 100),
                                       settings: { Generator.Settings() }).notes
        #expect(other != first)
    }

    @Test func notesArriveOneByOneInOrderAndStayInsideTheLength() throws {
        let generator = try Self.generator()
        var delivered: [EventVocabulary.DecodedNote] = []
        let result = generator.generate(Generator.Request(valence: -0.5, arousal: -0.5, lengthSeconds: 8, seed: 5),
                                        settings: { Generator.Settings() }, onNote: { delivered.append($0) })
        #expect(delivered == result.notes)
        #expect(zip(delivered, delivered.dropFirst()).allSatisfy { $0.startSeconds <= $1.startSeconds })
        #expect(delivered.allSatisfy { $0.startSeconds < 8 })
    }

    /// `compose --best-of` said "composing 4 takes at once…" and nothing more for as long as a 600-s batch took; the
    /// batch now reports the share done (the slowest take's), rising to 1.
    @Test func aBatchReportsItsProgressUpToTheWhole() throws {
        let generator = try Self.generator()
        var shares: [Double] = []
        let batch = generator.generateBatch(Generator.Request(valence: 0.4, arousal: 0.4, lengthSeconds: 6, seed: 3),
                                            count: 3, settings: { Generator.Settings() }, onProgress: { shares.append($0) })
        #expect(batch.count == 3 && shares.count > 10)
        #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(shares.first! < 0.2 && shares.last == 1)
    }

    @Test func cancellingStopsAtOnce() throws {
        let generator = try Self.generator()
        var asked = 0
        let result = generator.generate(Generator.Request(valence: 0, arousal: 0, lengthSeconds: 600, seed: 1),
                                        settings: { Generator.Settings() }, isCancelled: { asked += 1; return asked > 50 })
        #expect(result.events == 50)
    }

    /// Settings are read before every event, so a change applies from the next one; at temperature 0 the seed
    /// no longer matters.
    @Test func settingsChangeBetweenSteps() throws {
        let generator = try Self.generator()
        func tail(seed: UInt64) -> [EventVocabulary.DecodedNote] {
            generator.generate(Generator.Request(valence: 0.5, arousal: 0.5, lengthSeconds: 1000, seed: seed,
                                                 maximumEvents: 300),
                               settings: { Generator.Settings(sampling: .init(temperature: 0)) }).notes
        }
        // Temperature 0 throughout: the seed does not matter.
        #expect(tail(seed: 1) == tail(seed: 2))
        var calls = 0
        let mixed = generator.generate(Generator.Request(valence: 0.5, arousal: 0.5, lengthSeconds: 1000, seed: 3,
                                                         maximumEvents: 300), settings: {
            calls += 1
            return calls <= 100 ? Generator.Settings() : Generator.Settings(sampling: .init(temperature: 0))
        })
        #expect(mixed.events == 300)
        #expect(calls == 301)  // once before the loop, then once per event
    }

    @Test func aKeyBiasPutsMoreNotesInTheScale() throws {
        let generator = try Self.generator()
        func inScaleShare(_ controls: MusicalControls?) -> Double {
            var total = 0, inScale = 0
            for seed in UInt64(0)..<4 {
                let notes = generator.generate(Generator.Request(valence: 0.6, arousal: 0.3, lengthSeconds: 10, seed: seed),
                                               settings: { Generator.Settings(controls: controls) }).notes
                total += notes.count
                inScale += notes.filter { MusicalControls.majorScale.contains($0.pitch % 12) }.count
            }
            return Double(inScale) / Double(max(total, 1))
        }
        var keyOnly = MusicalControls()
        keyOnly.keyTonic = 0
        keyOnly.keyMode = .major
        #expect(inScaleShare(keyOnly) > inScaleShare(nil) + 0.05)
    }
}

/// The guidance's reference stream keeping a share of the arousal condition (its valence 0).
@Suite struct ReferenceArousalTests {
    /// At guidance 1 the reference stream does not count, whatever it reads; at guidance 0 only it counts, so a
    /// reference keeping all the arousal plays as the plain model conditioned on (0, arousal).
    @Test func theReferenceStreamReadsValenceZeroAndTheSharedArousal() throws {
        let generator = try GeneratorTests.generator()
        let request = Generator.Request(valence: 0.6, arousal: -0.4, lengthSeconds: 5, seed: 40)
        var plain = Generator.Settings(guidance: 1)
        var shared = plain
        shared.setReferenceArousalShare(1)
        #expect(generator.generate(request, settings: { shared }).notes == generator.generate(request, settings: { plain }).notes)
        shared.guidance = 0
        var neutral = request
        neutral.valence = 0
        plain.guidance = 1
        let reference = generator.generate(request, settings: { shared }).notes
        #expect(!reference.isEmpty)
        #expect(reference == generator.generate(neutral, settings: { plain }).notes)
        // At the default guidance the share changes the music.
        shared.guidance = 2.5
        var none = shared
        none.setReferenceArousalShare(0)
        #expect(generator.generate(request, settings: { shared }).notes != generator.generate(request, settings: { none }).notes)
    }

    @Test func aBatchEqualsTheTakesMadeOneByOne() throws {
        let generator = try GeneratorTests.generator()
        let request = Generator.Request(valence: -0.6, arousal: 0.7, lengthSeconds: 5, seed: 41)
        var settings = Generator.Settings(controls: MusicalControls.derived(valence: -0.45, arousal: 0.5))
        settings.setReferenceArousalShare(0.5)
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }
}

/// Guidance on valence alone in one quadrant, as it was everywhere else (`Generator.Settings.referenceArousalShares`;
/// measured for calm music and not shipped: the default is 0 everywhere).
@Suite struct QuadrantReferenceTests {
    /// A calm take is guided on valence alone; a happy, tense or sad one as before; the reference's inputs move
    /// between the two without a jump as the point crosses into the calm quadrant, and no share ever jumps from "no
    /// condition" to "the neutral condition".
    static var calmAlone: Generator.Settings {
        var settings = Generator.Settings()
        settings.referenceArousalShares = [0, 0, 0, 1]
        return settings
    }

    @Test func calmTakesAreGuidedOnValenceAloneAndTheOthersAsBefore() throws {
        #expect(Generator.Settings().referenceArousalShares == [0, 0, 0, 0])
        let settings = Self.calmAlone
        #expect(settings.reference(valence: 1, arousal: -0.8) == (-0.8, 1))
        #expect(settings.reference(valence: 0.25, arousal: -0.25) == (-0.25, 1))
        // The other quadrants, and every point on an axis or near one outside the calm quadrant (a neutral text's:
        // a blend across the axes had changed those takes too).
        for (valence, arousal) in [(1, 1), (-1, 1), (-1, -1), (-0.25, -0.6), (0.6, 0.25), (0, 0), (0.1, 0.05),
                                   (-0.05, -0.1), (0.2, 0), (0, -0.2)] as [(Float, Float)] {
            #expect(settings.reference(valence: valence, arousal: arousal) == (0, 0), "\(valence), \(arousal)")
        }
        // Across the valence axis and across the arousal axis into the calm quadrant.
        for path in [{ (t: Float) in (-0.6 + 1.2 * t, Float(-0.6)) }, { (t: Float) in (Float(0.6), 0.6 - 1.2 * t) }] {
            var previous = settings.reference(valence: path(0).0, arousal: path(0).1)
            for step in 1...600 {
                let point = path(Float(step) / 600)
                let next = settings.reference(valence: point.0, arousal: point.1)
                #expect(abs(next.flag - previous.flag) < 0.02 && abs(next.arousal - previous.arousal) < 0.02, "\(point)")
                previous = next
            }
            #expect(previous == (-0.6, 1))
        }
        // One share everywhere, as before.
        var everywhere = Generator.Settings()
        everywhere.setReferenceArousalShare(0.5)
        #expect(everywhere.reference(valence: -1, arousal: -1) == (-0.5, 1))

        let generator = try GeneratorTests.generator()
        var before = Generator.Settings()
        before.setReferenceArousalShare(0)
        var alone = Generator.Settings()
        alone.setReferenceArousalShare(1)
        let calm = Generator.Request(valence: 0.8, arousal: -0.7, lengthSeconds: 5, seed: 42)
        #expect(generator.generate(calm, settings: { settings }).notes == generator.generate(calm, settings: { alone }).notes)
        #expect(generator.generate(calm, settings: { settings }).notes != generator.generate(calm, settings: { before }).notes)
        for (valence, arousal) in [(-0.8, -0.7), (0, 0), (0.1, 0.1)] {
            let request = Generator.Request(valence: valence, arousal: arousal, lengthSeconds: 5, seed: 42)
            #expect(generator.generate(request, settings: { settings }).notes
                    == generator.generate(request, settings: { before }).notes, "\(valence), \(arousal)")
        }
    }

    @Test func aBatchEqualsTheTakesMadeOneByOne() throws {
        let generator = try GeneratorTests.generator()
        for (valence, arousal) in [(0.6, -0.7), (0.1, -0.05)] {
            let request = Generator.Request(valence: valence, arousal: arousal, lengthSeconds: 5, seed: 43)
            GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: Self.calmAlone)
        }
    }
}

@Suite struct GeneratorBatchTests {
    /// A batch of takes is the same as making them one by one with consecutive seeds. (Two takes are four
    /// streams, which `Linear` computes row by row exactly as for one stream; larger batches go through a matrix
    /// product whose last bits may differ.)
    @Test func aBatchEqualsTheTakesMadeOneByOne() throws {
        let generator = try GeneratorTests.generator()
        let request = Generator.Request(valence: 0.6, arousal: -0.4, lengthSeconds: 5, seed: 40)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: 0.45, arousal: -0.3))
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }
}

/// Timing guided apart from the choice of note (`Generator.Settings.timingGuidance`, `GuidedStream.guide`).
@Suite struct TimingGuidanceTests {
    static func softmax(_ logits: [Float]) -> [Double] {
        let top = Double(logits.max() ?? 0)
        let exps = logits.map { exp(Double($0) - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }

    static func plain(_ batch: [Float], size: Int, guidance: Float) -> [Float] {
        var logits = [Float](repeating: 0, count: size)
        GuidedStream.guide(batch, conditioned: 0, unconditioned: size, size: size, guidance: guidance,
                           timingGuidance: nil, noteStarts: 0..<0, into: &logits)
        return logits
    }

    /// Waiting and note lengths are guided by the timing strength, which note by the main one: the note starts'
    /// total probability is the one the timing strength gives them, shared among them as the main strength shares it.
    @Test func timingFollowsItsOwnStrengthAndTheNoteChoiceTheMainOne() {
        let size = 12, notes = 4..<9
        var random = SplitMix64(seed: 5)
        let batch = (0..<(2 * size)).map { _ in Float(Double(random.next() % 1000) / 250 - 2) }
        var logits = [Float](repeating: 0, count: size)
        GuidedStream.guide(batch, conditioned: 0, unconditioned: size, size: size, guidance: 2.5,
                           timingGuidance: 1, noteStarts: notes, into: &logits)
        let mixed = Self.softmax(logits)
        let timing = Self.softmax(Self.plain(batch, size: size, guidance: 1))
        let choice = Self.softmax(Self.plain(batch, size: size, guidance: 2.5))
        for index in 0..<size where !notes.contains(index) {
            #expect(abs(mixed[index] - timing[index]) < 1e-5)
        }
        let mass = notes.map { mixed[$0] }.reduce(0, +), choiceMass = notes.map { choice[$0] }.reduce(0, +)
        #expect(abs(mass - notes.map { timing[$0] }.reduce(0, +)) < 1e-5)
        for index in notes { #expect(abs(mixed[index] / mass - choice[index] / choiceMass) < 1e-5) }
        // The same strength for both is plain guidance, exactly.
        GuidedStream.guide(batch, conditioned: 0, unconditioned: size, size: size, guidance: 2.5,
                           timingGuidance: 2.5, noteStarts: notes, into: &logits)
        #expect(logits == Self.plain(batch, size: size, guidance: 2.5))
    }

    /// In a take: timing at the main strength changes nothing; at its own strength the music changes; a batch
    /// still equals the takes made one by one.
    @Test func aTakeWithTimingGuidedApart() throws {
        let generator = try GeneratorTests.generator()
        let request = Generator.Request(valence: -0.6, arousal: 0.7, lengthSeconds: 5, seed: 42)
        var settings = Generator.Settings(controls: MusicalControls.derived(valence: -0.45, arousal: 0.5))
        let plain = generator.generate(request, settings: { settings }).notes
        settings.timingGuidance = settings.guidance
        #expect(generator.generate(request, settings: { settings }).notes == plain)
        settings.timingGuidance = 1
        #expect(generator.generate(request, settings: { settings }).notes != plain)
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }
}
