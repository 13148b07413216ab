import CamXucMusic

/// A MIDI channel message due at a sample frame of the output.
public struct ScheduledEvent: Hashable, Sendable {
    /// Frames from the start of the take at the schedule's sample rate.
    public var frame: Int
    public var message: ChannelMessage

    public init(frame: Int, message: ChannelMessage) {
        self.frame = frame
        self.message = message
    }
}
