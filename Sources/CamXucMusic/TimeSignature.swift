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
