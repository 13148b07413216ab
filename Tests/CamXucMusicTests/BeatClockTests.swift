import Foundation
import Testing
@testable import CamXucMusic

/// A take's file says the tempo its music was played at, and its beat grid is the chord plan's: every file said a
/// nominal 120 bpm, so a DAW's bars and tempo had nothing to do with a take at tempo ×1.15 or an arc's changes.
@Suite struct BeatClockTests {
    /// `events` events of 0.1 s of model time under a plan of 0.5-s beats, each `timeScale` times as long in take time.
    static func advance(_ clock: inout BeatClock, events: Int, seconds: inout Double, timeScale: Double) {
        for _ in 0..<events {
            clock.advance(atSeconds: seconds, modelSeconds: 0.1, beatSeconds: 0.5, timeScale: timeScale)
            seconds += 0.1 * timeScale
        }
    }

    @Test func aSteadyTempoIsOneTempoEvent() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 100, seconds: &seconds, timeScale: 1 / 1.15)
        let map = clock.tempoMap()
        #expect(map.changes.count == 1)
        #expect(abs(map.changes[0].beatsPerMinute - 138) < 0.01)
    }

    /// A tempo changed while a take is composed (the studio's live parameter) is a tempo event where it happened.
    @Test func aTempoChangedOnTheWayIsATempoEventAtItsBeat() {
        var clock = BeatClock()
        var seconds = 0.0
        for step in 0..<200 {
            let scale = step < 75 ? 1.0 : 2.0
            clock.advance(atSeconds: seconds, modelSeconds: 0.1, beatSeconds: 0.5, timeScale: 1 / scale)
            seconds += 0.1 / scale
        }
        let map = clock.tempoMap()
        #expect(map.changes.map(\.beatsPerMinute).map { $0.rounded() } == [120, 240])
        // 75 events of 0.1 s of model time are 15 beats; they took 7.5 s.
        #expect(map.changes[1].tick == 15 * 480)
        #expect(abs(map.seconds(atTick: 15 * 480) - 7.5) < 1e-6)
        #expect(abs(map.seconds(atTick: 35 * 480) - 12.5) < 1e-6)
    }

    /// An arc's next plan starts on a whole beat of the take, at the second it starts, the beats before it stretched
    /// evenly (here 12.4 beats made 12) and nothing shifted elsewhere.
    @Test func aNewPlanStartsOnAWholeBeat() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 62, seconds: &seconds, timeScale: 1)
        clock.startPlan(atSeconds: seconds)
        Self.advance(&clock, events: 50, seconds: &seconds, timeScale: 0.8)
        let map = clock.tempoMap()
        #expect(map.changes.map(\.tick) == [0, 12 * 480])
        #expect(abs(map.seconds(atTick: 12 * 480) - 6.2) < 1e-5)  // (a tempo is whole microseconds)
        #expect(abs(map.changes[1].beatsPerMinute - 150) < 0.01)
        #expect(abs(map.seconds(atTick: 22 * 480) - 10.2) < 1e-5)
    }

    /// Only the last chord's beats stretch: every chord change before it stays on its beat (stretching the whole
    /// segment moved a short segment's chord change 0.29 of a beat off the file's beats).
    @Test func onlyTheLastChordStretches() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 61, seconds: &seconds, timeScale: 1)
        clock.startPlan(atSeconds: seconds, chordStartBeat: 10)   // 12.2 beats in; the last chord began on beat 10
        clock.advance(atSeconds: seconds, modelSeconds: 0.1, beatSeconds: 0.5, timeScale: 1)
        let map = clock.tempoMap()
        #expect(abs(map.seconds(atTick: 10 * 480) - 5) < 1e-5, "the chord change on beat 10 stays at 5 s")
        #expect(abs(map.seconds(atTick: 8 * 480) - 4) < 1e-5)
        #expect(abs(map.seconds(atTick: 12 * 480) - 6.1) < 1e-5, "the new plan on beat 12")
        #expect(map.changes.map(\.tick) == [0, 10 * 480, 12 * 480])
    }

    /// A last chord begun a moment before the new plan (0.04 of a beat) was stretched to the next whole beat: a
    /// file's beat of 10 ms, "5866 bpm" in `info`. Then the whole segment stretches, and no beat runs at more than
    /// twice the tempo played.
    @Test func aChordBegunAMomentBeforeTheNewPlanDoesNotMakeATempoSpike() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 252, seconds: &seconds, timeScale: 1)          // 50.4 beats
        clock.startPlan(atSeconds: seconds, chordStartBeat: 50.36)
        Self.advance(&clock, events: 20, seconds: &seconds, timeScale: 1)
        let tempos = clock.tempoMap().changes.map(\.beatsPerMinute)
        #expect(tempos.allSatisfy { $0 < 240 && $0 > 60 }, "\(tempos)")
    }

    /// A last chord of half a beat was squeezed into a whole one: the tempo lane doubled for a moment ("269 bpm" in
    /// a take of 106–139). Past 15 % faster or slower the segment shares the stretch, and no tempo is far from the
    /// one played.
    @Test func aShortLastChordDoesNotDoubleTheTempo() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 125, seconds: &seconds, timeScale: 1)          // 25 beats
        Self.advance(&clock, events: 3, seconds: &seconds, timeScale: 1)            // … and 0.6 of the next
        clock.startPlan(atSeconds: seconds, chordStartBeat: 25)
        Self.advance(&clock, events: 20, seconds: &seconds, timeScale: 1)
        let tempos = clock.tempoMap().changes.map(\.beatsPerMinute)
        #expect(tempos.allSatisfy { $0 < 125 && $0 > 115 }, "\(tempos)")
    }

    /// A chord that began on a whole beat just as the new plan did was given a whole beat in no time (611 bpm for a
    /// moment in a take of 107–140).
    @Test func aChordBegunAsTheNewPlanStartsIsNoBeatOfItsOwn() {
        var clock = BeatClock()
        var seconds = 0.0
        Self.advance(&clock, events: 225, seconds: &seconds, timeScale: 1)          // 45 beats
        clock.startPlan(atSeconds: seconds, chordStartBeat: clock.beat)              // (to the last bit, as the follower has it)
        Self.advance(&clock, events: 20, seconds: &seconds, timeScale: 1)
        let map = clock.tempoMap()
        #expect(map.changes.map(\.beatsPerMinute).allSatisfy { abs($0 - 120) < 0.01 }, "\(map.changes)")
        #expect(abs(map.seconds(atTick: 45 * 480) - 22.5) < 1e-5)
    }

    @Test func nothingCountedIs120() {
        #expect(BeatClock().tempoMap() == TempoMap(beatsPerMinute: 120))
    }

    /// The generator's takes: a take at a faster tempo is written at it, and along an arc every segment's plan starts
    /// on a whole beat at the second the segment starts.
    @Test func takesAreWrittenAtTheTempoTheyPlayedAt() throws {
        let generator = try ChordGeneratorTests.generator()
        let controls = MusicalControls.derived(valence: 0.6, arousal: 0.6)
        #expect(controls.tempoScale > 1.1)
        let take = generator.generate(Generator.Request(valence: 0.8, arousal: 0.8, lengthSeconds: 8, seed: 4),
                                      settings: { Generator.Settings(controls: controls) })
        #expect(take.tempoMap.changes.count == 1)
        #expect(abs(take.tempoMap.changes[0].beatsPerMinute - 120 * controls.tempoScale) < 0.05)

        let arc = EmotionArc(segments: [.init(start: 0, end: 5, valence: -0.6, arousal: -0.6, sentence: "a", sentences: [0]),
                                        .init(start: 5, end: 10, valence: 0.6, arousal: 0.6, sentence: "b", sentences: [1])],
                             whole: .init(valence: 0, arousal: 0))
        let request = Generator.Request(valence: 0, arousal: 0, lengthSeconds: 10, seed: 4, arc: arc)
        let settings = Generator.Settings(controls: .derived(valence: 0, arousal: 0))
        let arcTake = generator.generate(request, settings: { settings })
        let map = arcTake.tempoMap
        #expect(map.changes.count > 2, "the glide's tempo changes are in the file")
        #expect(map.beatsPerMinute(atTick: 0) < 110 && map.beatsPerMinute(atTick: map.tick(atSeconds: 9)) > 130)
        // The first event at or after 5 s starts the second plan: a whole beat.
        let start = map.changes.map { map.seconds(atTick: $0.tick) }.first { $0 >= 5 && $0 < 5.3 }
        let tick = try #require(start.map { map.tick(atSeconds: $0) })
        #expect(tick % 480 == 0)
        // The second plan's key (minor to major) is written on the first bar line from that beat (the file said the
        // first key throughout).
        let keys = generator.plans(for: request).map(\.keySignature)
        #expect(keys.count == 2 && keys[0].minor && !keys[1].minor)
        let written = Take.planKeys(keys, arc: arc, tempoMap: map)
        #expect(written.first == keys[0] && written.changes == [KeyChange(tick: (tick + 1919) / 1920 * 1920, signature: keys[1])])
        // The same notes as a batch of one makes, on the same beats.
        #expect(generator.generateBatch(request, count: 1, settings: { settings })[0].tempoMap == map)
    }

    /// A segment's key comes at the first bar line from its start, only where it differs from the key before (on
    /// its first whole beat, 35 of 48 changes fell inside a bar, where notation programs cannot draw them).
    @Test func planKeysChangeOnTheFirstBarLineOfTheirSegment() {
        let c = KeySignature(tonic: 0, minor: false), cm = KeySignature(tonic: 0, minor: true)
        let arc = EmotionArc(segments: [.init(start: 0, end: 10, valence: 0.6, arousal: 0.6, sentence: "a", sentences: [1]),
                                        .init(start: 10, end: 20, valence: -0.6, arousal: -0.6, sentence: "b", sentences: [2]),
                                        .init(start: 20, end: 30, valence: -0.5, arousal: 0.5, sentence: "c", sentences: [3])],
                             whole: .init(valence: 0, arousal: 0))
        // 100 bpm: 10 s is beat 16⅔, so the change is on beat 20, bar 6's first (beat 18 in 3/4).
        let map = TempoMap(ticksPerQuarter: 480, beatsPerMinute: 100)
        let keys = Take.planKeys([c, cm, cm], arc: arc, tempoMap: map)
        #expect(keys.first == c && keys.changes == [KeyChange(tick: 20 * 480, signature: cm)])
        #expect(Take.planKeys([c, cm, cm], arc: arc, tempoMap: map, timeSignature: TimeSignature(numerator: 3, denominator: 4)).changes
                == [KeyChange(tick: 18 * 480, signature: cm)])
        #expect(Take.planKeys([c, cm], arc: nil, tempoMap: map).changes.isEmpty)
        // In 5/16 bars are 1¼ beats: music from beat 1.1 changes key on the bar line at beat 1¼ (searched from the next
        // whole beat, it went to the one at 2½).
        #expect(Take.planKeys([cm], arc: nil, fromSeconds: 1.1 * 0.6, after: (c, []), tempoMap: map,
                              timeSignature: TimeSignature(numerator: 5, denominator: 16)).changes
                == [KeyChange(tick: 600, signature: cm)])
        var take = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 30 * 480)], tempoMap: map)
        (take.keySignature, take.keyChanges) = Take.planKeys([c, cm, c], arc: arc, tempoMap: take.tempoMap)
        #expect(take.keySignature(atTick: 0) == c && take.keySignature(atTick: 20 * 480) == cm
                && take.keySignature(atTick: 36 * 480) == c && take.keySignature(atTick: 35 * 480) == cm)
        // Named as the signature is spelled: seven sharps read "Db major" (five flats), seven flats minor "G# minor";
        // every key CamXuc plans keeps the name its plan has.
        #expect(KeySignature(sharps: 7, minor: false).name == "C# major" && KeySignature(sharps: -7, minor: true).name == "Ab minor"
                && KeySignature(sharps: -6, minor: false).name == "Gb major")
        for tonic in 0..<12 {
            for minor in [false, true] {
                #expect(KeySignature(tonic: tonic, minor: minor).name == MusicalFeatures.keyName(tonic: tonic, mode: minor ? .minor : .major))
            }
        }
        #expect(KeySignature.keys(ofHarmony: "Ab major I–IV → G# minor i–V") == [KeySignature(tonic: 8, minor: false),
                                                                                  KeySignature(tonic: 8, minor: true)])
    }
}
