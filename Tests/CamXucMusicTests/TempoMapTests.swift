import Testing
@testable import CamXucMusic

@Suite struct TempoMapTests {
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
