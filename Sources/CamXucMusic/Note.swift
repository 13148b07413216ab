/// One sounding note: a MIDI key held from `startTick` for `durationTicks` on one channel.
///
/// Times are in ticks so that a Standard MIDI File round-trips exactly; a take's `TempoMap` turns them into seconds.
public struct Note: Hashable, Sendable, Codable {
    /// MIDI key number, 0...127 (60 is middle C).
    public var pitch: UInt8
    /// Strike velocity, 1...127.
    public var velocity: UInt8
    /// Onset in ticks from the start of the take.
    public var startTick: Int
    /// Length in ticks; zero is allowed (a note that is struck and released at once).
    public var durationTicks: Int
    /// MIDI channel, 0...15 (9 is General MIDI percussion).
    public var channel: UInt8

    public init(pitch: UInt8, velocity: UInt8, startTick: Int, durationTicks: Int, channel: UInt8 = 0) {
        self.pitch = min(pitch, 127)
        self.velocity = min(max(velocity, 1), 127)
        self.startTick = max(startTick, 0)
        self.durationTicks = max(durationTicks, 0)
        self.channel = min(channel, 15)
    }

    /// The tick at which the key is released.
    public var endTick: Int { startTick + durationTicks }

    /// The note's name in scientific pitch notation, e.g. "C4" for 60 and "F#5" for 78.
    public static func name(of pitch: UInt8) -> String {
        let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
        return names[Int(pitch) % 12] + String(Int(pitch) / 12 - 1)
    }
}
