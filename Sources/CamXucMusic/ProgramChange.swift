/// An instrument change in the middle of a take: from `tick` on, `channel` plays `program`. Only takes read from
/// files have them (a piece that hands its melody from violin to trumpet); a channel's instrument at its first note is
/// `Take.program(forChannel:)`.
public struct ProgramChange: Hashable, Sendable {
    public var tick: Int
    public var channel: UInt8
    /// General MIDI program, 0...127 (on channel 10, the drum kit).
    public var program: UInt8

    public init(tick: Int, channel: UInt8, program: UInt8) {
        self.tick = max(tick, 0)
        self.channel = min(channel, 15)
        self.program = min(program, 127)
    }
}
