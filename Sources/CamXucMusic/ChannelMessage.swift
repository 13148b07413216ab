/// A MIDI channel message as a take plays it.
public enum ChannelMessage: Hashable, Sendable {
    case programChange(channel: UInt8, program: UInt8)
    case noteOff(channel: UInt8, key: UInt8)
    case controlChange(channel: UInt8, controller: UInt8, value: UInt8)
    case noteOn(channel: UInt8, key: UInt8, velocity: UInt8)

    public var channel: UInt8 {
        switch self {
        case let .programChange(channel, _), let .noteOff(channel, _), let .controlChange(channel, _, _),
             let .noteOn(channel, _, _):
            return channel
        }
    }

    /// The message's bytes (note-off with release velocity 64).
    public var bytes: [UInt8] {
        switch self {
        case let .programChange(channel, program): return [0xC0 | channel, program]
        case let .noteOff(channel, key): return [0x80 | channel, key, 0x40]
        case let .controlChange(channel, controller, value): return [0xB0 | channel, controller, value]
        case let .noteOn(channel, key, velocity): return [0x90 | channel, key, velocity]
        }
    }
}

/// A channel message at a tick of a take.
public struct TimedMessage: Hashable, Sendable {
    public var tick: Int
    public var message: ChannelMessage

    public init(tick: Int, message: ChannelMessage) {
        self.tick = tick
        self.message = message
    }
}

extension Take {
    /// The channel messages that play this take, in the order a sequencer must send them.
    ///
    /// Overlaps are resolved first (`resolvingOverlaps()`). Each channel's program opens the take (channel 10's only
    /// when the take names a kit); a later change is sent at its tick. At one tick the order is: program changes, releases,
    /// controllers, strikes, and last the releases of zero-length notes, which must follow their own strike. Both
    /// the MIDI file writer and the synthesiser's schedule use this one ordering.
    public func channelMessages() -> [TimedMessage] {
        let take = resolvingOverlaps()
        var events: [(tick: Int, order: Int, message: ChannelMessage)] = []
        var channels = Set(take.notes.map(\.channel)).union(take.controlChanges.map(\.channel))
        if channels.isEmpty { channels = [0] }
        // Channel 10 is the drum kit: a program there chooses a kit, and only a file's own choice is sent.
        for channel in channels.sorted() where channel != 9 || take.channelPrograms[9] != nil {
            events.append((0, 0, .programChange(channel: channel, program: take.program(forChannel: channel))))
        }
        for change in take.programChanges {
            events.append((change.tick, 0, .programChange(channel: change.channel, program: change.program)))
        }
        for change in take.controlChanges {
            events.append((change.tick, 2, .controlChange(channel: change.channel, controller: change.controller,
                                                           value: change.value)))
        }
        for note in take.notes {
            events.append((note.startTick, 3, .noteOn(channel: note.channel, key: note.pitch, velocity: note.velocity)))
            events.append((note.endTick, note.durationTicks == 0 ? 4 : 1, .noteOff(channel: note.channel, key: note.pitch)))
        }
        return events.enumerated()
            .sorted { ($0.element.tick, $0.element.order, $0.offset) < ($1.element.tick, $1.element.order, $1.offset) }
            .map { TimedMessage(tick: $0.element.tick, message: $0.element.message) }
    }
}
