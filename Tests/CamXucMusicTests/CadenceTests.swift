import Foundation
import Testing
@testable import CamXucMusic

/// Takes stopped where the clock ran out: mid-phrase, on whatever chord the plan had reached, notes left hanging past
/// the end (of 48 takes of 30 s, 12 a quadrant, the notes sounding in the last 0.3 s were all tones of the key's
/// tonic chord in 15 %). Now a take ends on a cadence (`Cadence`).
@Suite struct CadenceTests {
    static let points = [(0.6, 0.4), (-0.6, 0.4), (-0.6, -0.4), (0.6, -0.4)]

    @Test(arguments: points)
    func aTakeEndsOnItsTonicChordHeldToTheEnd(valence: Double, arousal: Double) throws {
        let generator = try ChordGeneratorTests.generator()
        var withTonic = 0
        for seed in UInt64(700)..<704 {
            let request = Generator.Request(valence: valence / 0.75, arousal: arousal / 0.75, lengthSeconds: 16, seed: seed)
            let settings = Generator.Settings(controls: .derived(valence: valence, arousal: arousal))
            let plan = try #require(generator.plan(for: request))
            let notes = generator.generate(request, settings: { settings }).notes
            let end = request.lengthSeconds
            let third = plan.mode == .minor ? 3 : 4
            let triad: Set<Int> = [plan.tonic, (plan.tonic + third) % 12, (plan.tonic + 7) % 12]
            let ringing = notes.filter { $0.startSeconds < end - 0.3 && $0.startSeconds + $0.durationSeconds > end - 0.3 }
            #expect(!ringing.isEmpty, "seed \(seed): nothing sounds at the end")
            #expect(ringing.allSatisfy { triad.contains($0.pitch % 12) },
                    "seed \(seed), \(plan.summary()): \(ringing.map(\.pitch)) ring at the end")
            if ringing.contains(where: { $0.pitch % 12 == plan.tonic }) { withTonic += 1 }
            // Held to the end, never past it.
            #expect(ringing.contains { abs($0.startSeconds + $0.durationSeconds - end) < 1e-9 })
            #expect(notes.allSatisfy { $0.startSeconds + $0.durationSeconds <= end + 1e-9 })
        }
        #expect(withTonic >= 3, "the tonic itself sounds at the end of \(withTonic) of 4 takes")
    }

    /// The chord before the tonic is one that leads to it in the quadrant's music: in EMOPIA's and VGMIDI's happy
    /// pieces in major, V and IV (shares 0.311 and 0.294 of P(c) · P(I | c), computed with Python from
    /// Models/music-progressions.json), then ♭VII, vi and ii; in sad pieces in minor V, ♭VI, ♭VII, iv.
    @Test func theApproachToTheTonicIsLearnt() throws {
        let progressions = try ChordPlanTests.progressions()
        let happy = try #require(progressions.quadrants["Q1"]).major.approaches(to: 1)
        #expect(happy.map(\.id) == [15, 11, 21, 20, 6])
        #expect(abs(happy[0].probability / happy[1].probability - 0.3107 / 0.2939) < 0.002)
        let sad = try #require(progressions.quadrants["Q3"]).minor.approaches(to: 2)
        #expect(sad.map(\.id) == [15, 17, 21, 12, 7, 11])
        // Every plan draws one of them.
        for seed in UInt64(0)..<20 {
            let plan = ChordPlan.sample(progressions, valence: 0.5, arousal: 0.5, seed: seed, lengthSeconds: 30)
            #expect(happy.map(\.id).contains(try #require(plan.cadence)))
        }
    }

    /// A sketch of a few beats has no room for a cadence; its notes still end with it (a 3-s take's last bass note
    /// rang on for 4.7 s).
    @Test func aShortTakeHasNoCadence() throws {
        let generator = try ChordGeneratorTests.generator()
        var cadence = Cadence(lengthSeconds: 3)
        let plan = try #require(generator.plan(for: Generator.Request(valence: 0.5, arousal: 0.5, lengthSeconds: 3, seed: 1)))
        #expect(cadence.chord(atSeconds: 2.5, beat: 5, secondsPerBeat: 0.5, plan: plan) == nil)
        #expect(!cadence.hasBegun)
        var note = EventVocabulary.DecodedNote(pitch: 40, velocity: 60, startSeconds: 2.6, durationSeconds: 4.7)
        cadence.shape(&note)
        #expect(abs(note.durationSeconds - 0.4) < 1e-9)
        for seed in UInt64(1)..<5 {
            let take = generator.generate(Generator.Request(valence: -0.6, arousal: -0.5, lengthSeconds: 3, seed: seed),
                                          settings: { Generator.Settings(controls: .derived(valence: -0.45, arousal: -0.4)) })
            #expect(take.notes.allSatisfy { $0.startSeconds + $0.durationSeconds <= 3 + 1e-9 })
        }
        // A note struck in the last 10 ms had the shortest length, 10 ms, and rang past the end (`compose --seconds 1
        // --tempo 2 --seed 14`: a chord at 0.9998 s, the file 1.0101 s long); alone or in a batch.
        var settings = Generator.Settings(controls: .derived(valence: 0.6, arousal: 0.68))
        settings.controls?.tempoScale *= 2
        for seed in UInt64(0)..<40 {
            let request = Generator.Request(valence: 0.8, arousal: 0.9, lengthSeconds: 1, seed: seed)
            let takes = [generator.generate(request, settings: { settings }).notes]
                + generator.generateBatch(request, count: 2, settings: { settings }).map(\.notes)
            for notes in takes {
                #expect(notes.allSatisfy { $0.startSeconds + $0.durationSeconds <= 1 + 1e-9 }, "seed \(seed)")
            }
        }
    }

    /// The tonic's beat is fixed when the approach begins: a live change of tempo moves its time, not its beat.
    @Test func theApproachThenTheTonicOnAnEvenBeat() throws {
        let plan = try #require(try ChordGeneratorTests.generator().plan(for: Generator.Request(valence: -0.5, arousal: 0.5, seed: 4)))
        var cadence = Cadence(lengthSeconds: 10)
        // 20 beats in all at 0.5 s: the tonic on beat 18 (held 2 beats), the approach from beat 16.
        #expect(cadence.chord(atSeconds: 7.9, beat: 15.8, secondsPerBeat: 0.5, plan: plan) == nil)
        #expect(abs((cadence.tonicSeconds ?? 0) - 9) < 1e-9)
        #expect(cadence.chord(atSeconds: 8, beat: 16, secondsPerBeat: 0.5, plan: plan) == plan.cadence)
        // Slower now: the tonic still comes on beat 18, later in seconds.
        #expect(cadence.chord(atSeconds: 8.5, beat: 17, secondsPerBeat: 0.6, plan: plan) == plan.cadence)
        #expect(abs((cadence.tonicSeconds ?? 0) - 9.1) < 1e-9)
        #expect(cadence.chord(atSeconds: 9.1, beat: 18, secondsPerBeat: 0.6, plan: plan) == plan.tonicChordID)
        #expect(!cadence.isOver(atSeconds: 9.2))
        var note = EventVocabulary.DecodedNote(pitch: 60 + plan.tonic, velocity: 60, startSeconds: 9.1, durationSeconds: 0.2)
        cadence.shape(&note)
        #expect(abs(note.durationSeconds - 0.9) < 1e-9)  // rings to the end
        var passing = EventVocabulary.DecodedNote(pitch: 62 + plan.tonic, velocity: 60, startSeconds: 9.2, durationSeconds: 0.6)
        cadence.shape(&passing)
        #expect(abs(passing.durationSeconds - 0.2) < 1e-9)  // not a tonic tone: it stops where the ringing begins
        #expect(!cadence.isOver(atSeconds: 9.3))
        #expect(cadence.isOver(atSeconds: 9.4))  // a beat before the end
    }

    @Test func aBatchEndsAsTheTakesMadeOneByOne() throws {
        let generator = try ChordGeneratorTests.generator()
        let request = Generator.Request(valence: -0.6, arousal: -0.5, lengthSeconds: 9, seed: 41)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: -0.45, arousal: -0.4))
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }
}
