/// A time signature such as 4/4 or 6/8; the denominator is a power of two.
public struct TimeSignature: Hashable, Sendable, Codable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int = 4, denominator: Int = 4) {
        self.numerator = min(max(numerator, 1), 255)
        // Only powers of two are writable in a MIDI file.
        var power = 1
        while power < denominator && power < 128 { power *= 2 }
        self.denominator = power
    }

    /// Ticks in one bar at the given resolution.
    public func ticksPerBar(ticksPerQuarter: Int) -> Int {
        numerator * ticksPerQuarter * 4 / denominator
    }

    public var description: String { "\(numerator)/\(denominator)" }
}

/// A time signature from a tick on: a file's metre changes (a jig going 6/4, 4/4, 5/4; a prelude from 4/4 to 9/4).
/// The one at tick 0 is `Take.timeSignature`; a take's `meterChanges` follow it, each at a later tick and each
/// different from the one before.
public struct MeterChange: Hashable, Sendable, Codable {
    public var tick: Int
    public var signature: TimeSignature

    public init(tick: Int, signature: TimeSignature) {
        self.tick = tick
        self.signature = signature
    }

    /// `changes` as a take keeps them: sorted by tick (the last given at a tick wins), after tick 0, each one
    /// different from the signature before it (`first` at tick 0).
    public static func normalized(_ changes: [MeterChange], after first: TimeSignature) -> [MeterChange] {
        var byTick: [Int: TimeSignature] = [:]
        for change in changes where change.tick > 0 { byTick[change.tick] = change.signature }
        var kept: [MeterChange] = []
        var current = first
        for tick in byTick.keys.sorted() where byTick[tick] != current {
            current = byTick[tick]!
            kept.append(MeterChange(tick: tick, signature: current))
        }
        return kept
    }

    /// The bars of the metre `first` then `changes` that start from tick `from` through tick `through`: each bar's
    /// first tick and its index from 0 (bar 1 is index 0), at most `limit` of them. A change starts a new bar where
    /// it falls (a bar cut short before it counts as a bar).
    public static func bars(_ first: TimeSignature, changes: [MeterChange], ticksPerQuarter: Int,
                            from: Int, through: Int, limit: Int = 20_000) -> [(tick: Int, index: Int)] {
        var found: [(tick: Int, index: Int)] = []
        let segments = [MeterChange(tick: 0, signature: first)] + changes
        var offset = 0
        for (position, segment) in segments.enumerated() {
            let length = max(segment.signature.ticksPerBar(ticksPerQuarter: ticksPerQuarter), 1)
            let end = position + 1 < segments.count ? segments[position + 1].tick : Int.max
            let count = end == Int.max ? Int.max : (end - segment.tick + length - 1) / length
            if through >= segment.tick, from < end {
                let firstBar = max(0, (from - segment.tick + length - 1) / length)
                let lastBar = min(count == Int.max ? Int.max : count - 1, (through - segment.tick) / length)
                var bar = firstBar
                while bar <= lastBar, found.count < limit {
                    found.append((segment.tick + bar * length, offset + bar))
                    bar += 1
                }
            }
            if count == Int.max || found.count >= limit || segment.tick > through { break }
            offset += count
        }
        return found
    }
}
