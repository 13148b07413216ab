/// Converts between ticks and seconds for a piece whose tempo may change.
///
/// A tempo applies from its tick until the next change; before the first change the tempo is 120 beats per minute,
/// as the Standard MIDI File specification says.
public struct TempoMap: Hashable, Sendable {
    /// A tempo that starts at `tick`.
    public struct Change: Hashable, Sendable, Codable {
        public var tick: Int
        /// Microseconds per quarter note (500,000 is 120 beats per minute).
        public var microsecondsPerQuarter: Int

        public init(tick: Int, microsecondsPerQuarter: Int) {
            self.tick = max(tick, 0)
            self.microsecondsPerQuarter = min(max(microsecondsPerQuarter, 1), 0xFF_FFFF)
        }

        public var beatsPerMinute: Double { 60_000_000 / Double(microsecondsPerQuarter) }
    }

    /// The default tempo of a MIDI file without tempo events.
    public static let defaultMicrosecondsPerQuarter = 500_000

    /// Ticks per quarter note (the file's division).
    public let ticksPerQuarter: Int
    /// Tempo changes sorted by tick, the first one at tick 0.
    public let changes: [Change]
    /// Seconds elapsed at each change's tick, parallel to `changes`.
    private let secondsAtChange: [Double]

    /// A tempo map from changes in any order; of several changes at one tick the last one wins.
    public init(ticksPerQuarter: Int = 480, changes: [Change] = []) {
        self.ticksPerQuarter = max(ticksPerQuarter, 1)
        var sorted: [Change] = []
        for change in changes.enumerated().sorted(by: { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }) {
            if let last = sorted.last, last.tick == change.element.tick {
                sorted[sorted.count - 1] = change.element
            } else {
                sorted.append(change.element)
            }
        }
        if sorted.first?.tick != 0 {
            sorted.insert(Change(tick: 0, microsecondsPerQuarter: Self.defaultMicrosecondsPerQuarter), at: 0)
        }
        // Drop changes that repeat the tempo already in force.
        var compact: [Change] = []
        for change in sorted where compact.last?.microsecondsPerQuarter != change.microsecondsPerQuarter {
            compact.append(change)
        }
        self.changes = compact
        var seconds: [Double] = []
        seconds.reserveCapacity(compact.count)
        var elapsed = 0.0
        for (index, change) in compact.enumerated() {
            if index > 0 {
                let previous = compact[index - 1]
                elapsed += Double(change.tick - previous.tick) * Double(previous.microsecondsPerQuarter)
                    / 1_000_000 / Double(self.ticksPerQuarter)
            }
            seconds.append(elapsed)
        }
        self.secondsAtChange = seconds
    }

    /// A constant tempo.
    public init(ticksPerQuarter: Int = 480, beatsPerMinute: Double) {
        let bpm = min(max(beatsPerMinute, 4), 960)
        self.init(ticksPerQuarter: ticksPerQuarter,
                  changes: [Change(tick: 0, microsecondsPerQuarter: Int((60_000_000 / bpm).rounded()))])
    }

    /// Index of the change in force at `tick`.
    private func changeIndex(atTick tick: Int) -> Int {
        var low = 0, high = changes.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if changes[mid].tick <= tick { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Index of the change in force at `seconds`.
    private func changeIndex(atSeconds seconds: Double) -> Int {
        var low = 0, high = changes.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if secondsAtChange[mid] <= seconds { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Seconds from the start of the piece to `tick`.
    public func seconds(atTick tick: Int) -> Double {
        let index = changeIndex(atTick: tick)
        let change = changes[index]
        return secondsAtChange[index]
            + Double(tick - change.tick) * Double(change.microsecondsPerQuarter) / 1_000_000 / Double(ticksPerQuarter)
    }

    /// The tick nearest to `seconds` from the start of the piece.
    public func tick(atSeconds seconds: Double) -> Int {
        let clamped = max(seconds, 0)
        let index = changeIndex(atSeconds: clamped)
        let change = changes[index]
        let ticks = (clamped - secondsAtChange[index]) * 1_000_000 * Double(ticksPerQuarter)
            / Double(change.microsecondsPerQuarter)
        // Clamped far below Int's range, so absurd times (a file's 77-hour note) never trap.
        return change.tick &+ Int(min(ticks.rounded(), 9_007_199_254_740_992))
    }

    /// The map up to `seconds`: its changes after that are dropped, so the tempo in force there holds on. A
    /// continuation's notes come after its primer's last onset; a tempo change later in the primer's file (past the
    /// part kept) fell in the new music (a waltz's 90 → 150 bpm at 8 s, 3 s into a continuation of its first 5 s).
    public func until(seconds: Double) -> TempoMap {
        let tick = self.tick(atSeconds: seconds)
        return TempoMap(ticksPerQuarter: ticksPerQuarter, changes: changes.filter { $0.tick <= tick })
    }

    /// The map up to `seconds`, then `continuation`'s (a map in time from there, as the generator gives a
    /// continuation's) from the tick `seconds` falls on, at this map's resolution. A continuation kept the primer's
    /// tempo in force where it was cut: a fermata written as 8 bpm put 8 s of new music played at 131 bpm in one
    /// 30-s bar, on a 15.6-ms grid, and a primer at 1 µs a quarter wrote files of 3 × 10⁹ ticks that FluidSynth played
    /// for hours. Applied again at the same `seconds` it replaces the continuation's part.
    public func continued(atSeconds seconds: Double, with continuation: TempoMap) -> TempoMap {
        let start = tick(atSeconds: seconds)
        let scale = Double(ticksPerQuarter) / Double(continuation.ticksPerQuarter)
        let after = continuation.changes.map {
            Change(tick: start + Int((Double($0.tick) * scale).rounded()), microsecondsPerQuarter: $0.microsecondsPerQuarter)
        }
        return TempoMap(ticksPerQuarter: ticksPerQuarter, changes: changes.filter { $0.tick < start } + after)
    }

    /// The tempo in force at `tick`, in beats (quarter notes) per minute.
    public func beatsPerMinute(atTick tick: Int) -> Double {
        changes[changeIndex(atTick: tick)].beatsPerMinute
    }
}
