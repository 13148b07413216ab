/// A MIDI control change kept with a take, such as the sustain pedal (controller 64) of a transcribed performance.
public struct ControlChange: Hashable, Sendable, Codable {
    public var tick: Int
    public var channel: UInt8
    /// Controller number, 0...127.
    public var controller: UInt8
    /// Controller value, 0...127.
    public var value: UInt8

    public init(tick: Int, channel: UInt8 = 0, controller: UInt8, value: UInt8) {
        self.tick = max(tick, 0)
        self.channel = min(channel, 15)
        self.controller = min(controller, 127)
        self.value = min(value, 127)
    }

    /// The sustain (damper) pedal controller.
    public static let sustainPedal: UInt8 = 64
}
