import Testing
@testable import CamXucMusic

@Suite struct TempoMapTests {
    /// A continuation's file says the new music's tempo from where it starts: a fermata written as 8 bpm, in force at
    /// the cut, put 8 s of music played at 131 bpm into one 30-s bar on a 15.6-ms grid.
    @Test func aMapContinuedAtATimeTakesTheContinuationsTempoFromThere() {
        let fermata = TempoMap(changes: [.init(tick: 0, microsecondsPerQuarter: 500_000), .init(tick: 15 * 480, microsecondsPerQuarter: 7_500_000)])
        let continuation = TempoMap(ticksPerQuarter: 960, changes: [.init(tick: 0, microsecondsPerQuarter: 458_000),
                                                                    .init(tick: 8 * 960, microsecondsPerQuarter: 400_000)])
        let joined = fermata.continued(atSeconds: 7.5, with: continuation)
        #expect(joined.changes.map(\.microsecondsPerQuarter) == [500_000, 458_000, 400_000])
        #expect(joined.changes.map(\.tick) == [0, 15 * 480, 23 * 480])
        #expect(joined.continued(atSeconds: 7.5, with: continuation) == joined)
    }

    /// A continuation keeps its primer's tempo up to where the new music starts: a change later in the primer's file
    /// fell in the new music (a waltz's 90 → 150 bpm at 8 s, 3 s into a continuation of its first 5 s).
    @Test func aMapUntilATimeDropsTheChangesAfterIt() {
        let map = TempoMap(changes: [.init(tick: 0, microsecondsPerQuarter: 666_667), .init(tick: 12 * 480, microsecondsPerQuarter: 400_000)])
        #expect(map.seconds(atTick: 12 * 480) > 7.9 && map.seconds(atTick: 12 * 480) < 8.1)
        #expect(map.until(seconds: 5).changes.count == 1 && map.until(seconds: 5).beatsPerMinute(atTick: 20 * 480) < 91)
        #expect(map.until(seconds: 9) == map)
    }

    @Test func defaultTempoIs120BeatsPerMinute() {
        let map = TempoMap(ticksPerQuarter: 480)
        #expect(map.seconds(atTick: 480) == 0.5)
        #expect(map.beatsPerMinute(atTick: 0) == 120)
    }

    @Test func tempoChangesApplyFromTheirTick() {
        // 120 bpm for one bar (1920 ticks = 2 s), then 60 bpm.
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 1920, microsecondsPerQuarter: 1_000_000)])
        #expect(map.seconds(atTick: 1920) == 2.0)
        #expect(map.seconds(atTick: 2400) == 3.0)
        #expect(map.tick(atSeconds: 3.0) == 2400)
        #expect(map.tick(atSeconds: 1.0) == 960)
    }

    @Test(arguments: [0, 1, 479, 480, 1919, 1920, 5000, 123_456])
    func ticksAndSecondsInvertEachOther(tick: Int) {
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 433_333),
                                                           .init(tick: 1000, microsecondsPerQuarter: 800_000),
                                                           .init(tick: 4000, microsecondsPerQuarter: 250_000)])
        #expect(map.tick(atSeconds: map.seconds(atTick: tick)) == tick)
    }

    @Test func laterChangeAtTheSameTickWinsAndRepeatsCollapse() {
        let map = TempoMap(ticksPerQuarter: 96, changes: [.init(tick: 0, microsecondsPerQuarter: 400_000),
                                                          .init(tick: 0, microsecondsPerQuarter: 600_000),
                                                          .init(tick: 96, microsecondsPerQuarter: 600_000)])
        #expect(map.changes == [.init(tick: 0, microsecondsPerQuarter: 600_000)])
    }

    @Test func takeFromSecondsRoundsToTicks() {
        let take = Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0.25, duration: 0.5),
                                       (pitch: 67, velocity: 80, start: 1.0, duration: 0.125)],
                        beatsPerMinute: 90, ticksPerQuarter: 480)
        #expect(take.notes.map(\.startTick) == [180, 720])
        // 90 bpm is 666,666.7 µs a beat, stored as 666,667: a MIDI file holds whole microseconds.
        #expect(abs(take.durationSeconds - 1.125) < 1e-6)
        #expect(abs(take.startSeconds(of: take.notes[0]) - 0.25) < 1e-6)
    }
}
