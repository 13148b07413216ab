import Foundation
import Testing
@testable import CamXucMusic

@Suite struct EmotionArcTests {
    static func reading(_ sentence: String, _ syllables: Int, _ valence: Double, _ arousal: Double,
                        _ emotion: String? = nil) -> EmotionArc.Reading {
        EmotionArc.Reading(sentence: sentence, syllables: syllables, valence: valence, arousal: arousal, emotion: emotion)
    }

    static let whole = EmotionArc.Point(valence: 0, arousal: 0)

    @Test func sharesFollowSyllablesAndCoverTheTake() {
        let arc = EmotionArc.layout([Self.reading("a", 10, 0.5, 0.5), Self.reading("b", 30, -0.5, -0.5)],
                                    whole: Self.whole, lengthSeconds: 40)
        #expect(arc.segments.map(\.start) == [0, 10])
        #expect(arc.segments.map(\.end) == [10, 40])
        #expect(arc.segments.map(\.sentences) == [[1], [2]])
    }

    @Test func noSegmentIsShorterThanFourSeconds() {
        let arc = EmotionArc.layout([Self.reading("short", 1, 0.5, 0.5), Self.reading("long", 99, -0.5, -0.5)],
                                    whole: Self.whole, lengthSeconds: 30)
        #expect(abs(arc.segments[0].end - 4) < 1e-9)
        #expect(arc.segments[1].end == 30)
    }

    @Test func aTooShortTakeMergesTheNeighboursWithTheNearestPoints() {
        // Five sentences into 12 s: three segments at most; 2 and 3 are nearly the same point, then 4 and 5.
        let readings = [Self.reading("1", 5, 0.8, 0.5), Self.reading("2", 5, -0.6, -0.4), Self.reading("3", 5, -0.62, -0.41),
                        Self.reading("4", 5, 0.1, 0.9), Self.reading("5", 5, 0.12, 0.8)]
        let arc = EmotionArc.layout(readings, whole: Self.whole, lengthSeconds: 12)
        #expect(arc.segments.map(\.sentences) == [[1], [2, 3], [4, 5]])
        #expect(arc.merges == [[2, 3], [4, 5]])
        #expect(arc.segments[1].sentence == "2 3")
        #expect(abs(arc.segments[1].valence - -0.61) < 1e-9)
        #expect(arc.segments.allSatisfy { $0.end - $0.start >= 4 - 1e-9 })
    }

    /// Many sentences of emotions that come and go: the segments share the text about evenly, and a merged one is
    /// named by its sentence nearest to its point. (By distance alone the first merged group's mean drifted to the
    /// middle and took 1,982 of 2,000 sentences into 6 s of a 30-s take.)
    @Test func manySentencesShareTheTakeEvenly() {
        let points: [(Double, Double, String)] = [(0.8, 0.5, "Enjoyment"), (-0.7, -0.4, "Sadness"), (-0.6, 0.7, "Anger"),
                                                  (-0.5, 0.6, "Fear"), (0.5, 0.7, "Surprise"), (-0.6, 0.3, "Disgust"), (0.1, -0.1, "Other")]
        let readings = (0..<2000).map { index in
            let (valence, arousal, emotion) = points[index % points.count]
            return EmotionArc.Reading(sentence: "s\(index)", syllables: 6, valence: valence, arousal: arousal, emotion: emotion)
        }
        let arc = EmotionArc.layout(readings, whole: Self.whole, lengthSeconds: 30)
        let counts = arc.segments.map(\.sentences.count)
        #expect(counts.reduce(0, +) == 2000)
        #expect((counts.max() ?? 0) <= 2 * 2000 / counts.count, "\(counts)")
        for segment in arc.segments {
            let members = segment.sentences.map { readings[$0 - 1] }
            let nearest = members.min { a, b in
                pow(a.valence - segment.valence, 2) + pow(a.arousal - segment.arousal, 2)
                    < pow(b.valence - segment.valence, 2) + pow(b.arousal - segment.arousal, 2)
            }
            #expect(segment.emotion == nearest?.emotion)
        }
    }

    /// Twenty lines alternating joy and sadness in 30 s: the merges spread over the text (lines 1–16 had been
    /// merged into three near-neutral segments of 14 s while lines 17–20 kept a segment each).
    @Test func mergesSpreadOverTheText() {
        let readings = (0..<20).map { index in
            index % 2 == 0 ? Self.reading("vui \(index + 1)", 4, 0.66, 0.4) : Self.reading("buồn \(index + 1)", 4, -0.67, -0.36)
        }
        let arc = EmotionArc.layout(readings, whole: Self.whole, lengthSeconds: 30)
        let counts = arc.segments.map(\.sentences.count)
        #expect(counts.count == 7 && counts.reduce(0, +) == 20)
        #expect(counts.max()! - counts.min()! <= 1, "\(counts)")
        // A text that changes its emotion once is cut where it changes, whatever the sizes.
        let once = (0..<12).map { index in
            index < 9 ? Self.reading("vui", 4, 0.66, 0.4) : Self.reading("buồn", 4, -0.67, -0.36)
        }
        #expect(EmotionArc.layout(once, whole: Self.whole, lengthSeconds: 8).segments.map(\.sentences.count) == [9, 3])
        // A run of joy and sadness whose mean sits at the centre is named neutral, not after one of its sentences.
        let pair = [Self.reading("vui", 4, 0.66, 0.4, "Enjoyment"), Self.reading("buồn", 4, -0.67, -0.36, "Sadness"),
                    Self.reading("sợ", 30, -0.45, 0.75, "Fear")]
        let merged = EmotionArc.layout(pair, whole: Self.whole, lengthSeconds: 8)
        #expect(merged.segments.map(\.sentences) == [[1, 2], [3]] && merged.segments.map(\.emotion) == ["Other", "Fear"])
    }

    @Test func thePointGlidesOverOneSecondAcrossABoundary() throws {
        let arc = EmotionArc.layout([Self.reading("a", 10, 0.8, 0.6), Self.reading("b", 10, -0.8, -0.6)],
                                    whole: Self.whole, lengthSeconds: 20)
        #expect(try #require(arc.point(atSeconds: 5)) == (0.8, 0.6))
        #expect(try #require(arc.point(atSeconds: 9.4)) == (0.8, 0.6))
        let middle = try #require(arc.point(atSeconds: 10))
        #expect(abs(middle.valence) < 1e-9 && abs(middle.arousal) < 1e-9)
        #expect(abs(try #require(arc.point(atSeconds: 9.75)).valence - 0.4) < 1e-9)
        #expect(try #require(arc.point(atSeconds: 10.6)) == (-0.8, -0.6))
        // No jump: sampled every 10 ms, the point never moves more than 1.6 / 100 per step.
        var previous = try #require(arc.point(atSeconds: 0))
        for step in 1...2000 {
            let point = try #require(arc.point(atSeconds: Double(step) / 100))
            #expect(abs(point.valence - previous.valence) <= 0.016 + 1e-9)
            previous = point
        }
    }

    @Test func controlsMoveWithThePointAndKeepAHandSetTempo() {
        var controls = MusicalControls.derived(valence: 0.6, arousal: 0.6)
        controls.tempoScale *= 1.5
        let moved = controls.moved(from: (0.6, 0.6), to: (-0.6, -0.6))
        let there = MusicalControls.derived(valence: -0.6, arousal: -0.6)
        #expect(moved.keyMode == .minor && moved.velocityRange == there.velocityRange)
        #expect(moved.registerCenter == there.registerCenter && moved.durationRange == there.durationRange)
        #expect(abs(moved.tempoScale - there.tempoScale * 1.5) < 1e-9)
        var keyOff = controls
        keyOff.keyTonic = nil
        #expect(keyOff.moved(from: (0.6, 0.6), to: (-0.6, -0.6)).keyTonic == nil)
    }

    @Test func oneSegmentPlansMatchThePlainPlanAndSegmentsKeepTheTonic() throws {
        let generator = try ChordGeneratorTests.generator()
        let arc = EmotionArc.layout([Self.reading("vui", 10, 0.6, 0.4), Self.reading("buồn", 10, -0.6, -0.4)],
                                    whole: Self.whole, lengthSeconds: 20)
        let request = Generator.Request(valence: 0, arousal: 0, lengthSeconds: 20, seed: 8, arc: arc)
        let plans = generator.plans(for: request)
        #expect(plans.count == 2)
        #expect(plans[0].tonic == plans[1].tonic)
        #expect(plans[0].mode == .major && plans[1].mode == .minor)
        let plain = Generator.Request(valence: 0.8, arousal: 0.53, lengthSeconds: 10, seed: 8)
        #expect(plans[0].tonic == generator.plan(for: plain)?.tonic)
        #expect(generator.plans(for: plain) == [generator.plan(for: plain)])
    }

    /// Along an arc the controls move with the point, which is no change of the settings: the studio was told of
    /// one at nearly every event (about 60,000 messages for a 10-minute take). A real change is still heard once.
    @Test func anArcMovingTheControlsIsNoChangeOfSettings() throws {
        let generator = try ChordGeneratorTests.generator()
        let arc = EmotionArc.layout([Self.reading("vui", 10, 0.6, 0.4), Self.reading("buồn", 10, -0.6, -0.4)],
                                    whole: Self.whole, lengthSeconds: 20)
        let request = Generator.Request(valence: 0, arousal: 0, lengthSeconds: 20, seed: 8, arc: arc)
        let settings = Generator.Settings(controls: .derived(valence: 0, arousal: 0))
        var applied: [Double] = []
        _ = generator.generate(request, settings: { settings }, onSettingsApplied: { applied.append($0) })
        #expect(applied.isEmpty, "\(applied.count) changes heard")
        var reads = 0
        _ = generator.generate(request, settings: {
            reads += 1
            var changed = settings
            if reads > 100 { changed.sampling.temperature = 0.9 }
            return changed
        }, onSettingsApplied: { applied.append($0) })
        #expect(applied.count == 1)
    }

    /// How major a half sounds in the take's tonic: the correlation of its duration-weighted pitch classes with the
    /// Krumhansl–Kessler major profile on that tonic, less that with the minor profile (a key finder held to the
    /// tonic, so the relative key cannot stand in for the mode).
    static func majorness(_ notes: [EventVocabulary.DecodedNote], tonic: Int) -> Double {
        var histogram = [Double](repeating: 0, count: 12)
        for note in notes { histogram[note.pitch % 12] += note.durationSeconds }
        func profile(_ values: [Double]) -> [Double] { (0..<12).map { values[(($0 - tonic) % 12 + 12) % 12] } }
        return MusicalFeatures.correlation(histogram, profile(MusicalFeatures.majorProfile))
            - MusicalFeatures.correlation(histogram, profile(MusicalFeatures.minorProfile))
    }

    /// Joy then sadness: over twelve seeds the first half is louder, denser and more major (in the take's tonic)
    /// than the second in nearly every take, and higher on average (the register's pull is wide, so one take's mean
    /// pitch is a weak cue).
    @Test func joyThenSadnessIsBrighterDenserAndLouderFirst() throws {
        let generator = try ChordGeneratorTests.generator()
        let arc = EmotionArc.layout([Self.reading("vui", 10, 0.65, 0.4), Self.reading("buồn", 10, -0.65, -0.4)],
                                    whole: .init(valence: 0, arousal: 0), lengthSeconds: 16)
        var louder = 0, denser = 0, brighter = 0, pitchDifference = 0.0
        let seeds: [UInt64] = Array(1...12)
        for seed in seeds {
            let request = Generator.Request(valence: 0, arousal: 0, lengthSeconds: 16, seed: seed, arc: arc)
            let settings = Generator.Settings(controls: MusicalControls.derived(valence: 0, arousal: 0))
            let notes = generator.generate(request, settings: { settings }).notes
            let tonic = try #require(generator.plans(for: request).first).tonic
            let firstNotes = notes.filter { $0.startSeconds < 8 }, secondNotes = notes.filter { $0.startSeconds >= 8 }
            let first = MusicalFeatures(notes: firstNotes), second = MusicalFeatures(notes: secondNotes)
            if first.meanVelocity > second.meanVelocity { louder += 1 }
            if first.notes > second.notes { denser += 1 }
            if Self.majorness(firstNotes, tonic: tonic) > Self.majorness(secondNotes, tonic: tonic) { brighter += 1 }
            pitchDifference += (first.meanPitch - second.meanPitch) / Double(seeds.count)
        }
        #expect(louder >= 11)
        #expect(denser >= 11)
        #expect(brighter >= 11)
        #expect(pitchDifference > 0)
        print("joy then sadness over \(seeds.count) seeds: louder \(louder), denser \(denser), brighter \(brighter), pitch \(pitchDifference)")
    }

    @Test func aBatchAlongAnArcEqualsTheTakesMadeOneByOne() throws {
        let generator = try ChordGeneratorTests.generator()
        let arc = EmotionArc.layout([Self.reading("vui", 10, 0.6, 0.5), Self.reading("buồn", 10, -0.6, -0.4)],
                                    whole: .init(valence: 0.1, arousal: 0.1), lengthSeconds: 9)
        let request = Generator.Request(valence: 0.13, arousal: 0.13, lengthSeconds: 9, seed: 70, arc: arc)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: 0.1, arousal: 0.1))
        GeneratorTests.expectBatchMatchesTakesOneByOne(generator, request, settings: settings)
    }

    /// A take of one point has the light key bias (a quarter of the key strength); along an arc of two segments or
    /// more the bias keeps its full strength, so that a new segment's mode is heard at once. An arc merged into
    /// one segment is one point.
    @Test func anArcKeepsTheFullKeyBiasAndOnePointTheLightOne() throws {
        let plan = ChordPlan(tonic: 2, mode: .minor, chords: [.init(id: 1 + 2 * 0 + 1, beats: 8)], beatSeconds: 0.5, names: [:])
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: -0.5, arousal: 0.5))
        #expect(Generator.Settings.defaultPlanKeyShare == 0.25)
        #expect(settings.controls(under: plan)?.keyStrength == 8 * 0.25)
        #expect(settings.controls(under: plan, alongAnArc: true)?.keyStrength == 8)
        let two = EmotionArc.layout([Self.reading("a", 10, 0.5, 0.5), Self.reading("b", 10, -0.5, -0.5)],
                                    whole: Self.whole, lengthSeconds: 20)
        let merged = EmotionArc.layout([Self.reading("a", 10, 0.5, 0.5), Self.reading("b", 10, -0.5, -0.5)],
                                       whole: Self.whole, lengthSeconds: 5)
        #expect(two.segments.count == 2 && merged.segments.count == 1)
        #expect(Generator.Request(valence: 0, arousal: 0, arc: two).movesAlongAnArc)
        #expect(!Generator.Request(valence: 0, arousal: 0, arc: merged).movesAlongAnArc)
        #expect(!Generator.Request(valence: 0, arousal: 0).movesAlongAnArc)
    }

    /// A 600-s take of 120 sentences: segment 100's line read "100495.0–499.8 s", a time of 100,495 s.
    @Test func segmentNumbersOfThreeDigitsKeepASpaceBeforeTheTime() {
        let segments = (0..<120).map {
            EmotionArc.Segment(start: Double($0) * 5, end: Double($0 + 1) * 5, valence: 0.4, arousal: 0.2, sentence: "câu \($0)",
                               emotion: "Enjoyment", sentences: [$0 + 1])
        }
        let lines = EmotionArc(segments: segments, whole: .init(valence: 0.4, arousal: 0.2)).lines()
        #expect(lines[99].hasPrefix("100 495.0–500.0 s"))
        #expect(lines[0].hasPrefix("1   0.0–5.0 s"))
        let few = EmotionArc(segments: Array(segments.prefix(12)), whole: .init(valence: 0.4, arousal: 0.2)).lines()
        #expect(few[0].hasPrefix("1  0.0–5.0 s") && few[11].hasPrefix("12 55.0–60.0 s"))
    }
}
