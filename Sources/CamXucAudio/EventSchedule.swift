import CamXucMusic

/// A take's channel messages placed on sample frames: the one timeline that both offline rendering and live
/// playback walk, so the two sound the same.
public struct EventSchedule: Sendable {
    public let sampleRate: Double
    /// Events sorted by frame, in the order `Take.channelMessages()` gives within a frame.
    public let events: [ScheduledEvent]
    /// The frame at which the last note ends.
    public let endFrame: Int
    /// The program changes among the events, in order (the instruments the take plays).
    public let programChanges: [ChannelMessage]

    /// Seconds a take may ring after its last note (`OfflineRenderer.maximumTailSeconds`, the player's ring-out): a
    /// controller within them is kept. Here, because the fuzz build compiles this file without the renderer.
    public static let tailSeconds = 3.0

    /// The latest frame a schedule holds (about 6,500 years at 44.1 kHz): later times are clamped to it, so a file
    /// with absurd times can be scheduled without trapping; renders refuse such takes by their length first.
    public static let lastFrame = 1 << 53

    public init(take: Take, sampleRate: Double) {
        self.sampleRate = sampleRate
        let map = take.tempoMap
        let endFrame = Self.frame(seconds: take.resolvingOverlaps().durationSeconds, sampleRate: sampleRate)
        // A controller or program change long after the last note (a pedal lifted 30 s later, as DAW exports write)
        // held `play` on "0:01 / 0:01" through 30 s of silence, and a render wrote them past its length limit: the
        // take ends with its notes, and only what falls within the tail a render keeps (a pedal lifted as the last
        // chord rings) is heard.
        let lastControl = endFrame + Self.frame(seconds: Self.tailSeconds, sampleRate: sampleRate)
        self.events = take.channelMessages().compactMap { timed in
            let event = ScheduledEvent(frame: Self.frame(seconds: map.seconds(atTick: timed.tick), sampleRate: sampleRate),
                                       message: timed.message)
            return event.frame > lastControl ? nil : event
        }
        self.endFrame = endFrame
        self.programChanges = events.compactMap { event in
            if case .programChange = event.message { return event.message }
            return nil
        }
    }

    static func frame(seconds: Double, sampleRate: Double) -> Int {
        let frames = (seconds * sampleRate).rounded()
        guard frames.isFinite else { return frames > 0 ? lastFrame : 0 }
        return Int(min(max(frames, 0), Double(lastFrame)))
    }

    /// Index of the first event at or after `frame`.
    public func firstIndex(atOrAfter frame: Int) -> Int {
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].frame < frame { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Walks the frames `start..<start+count`: `render(offset, length)` for each stretch between events (offsets
    /// relative to `start`), `apply(event)` when an event's frame is reached. `next` is the index of the next event
    /// to apply and is advanced; events whose frame lies before `start` are applied at once.
    public func walk(from start: Int, count: Int, next: inout Int,
                     render: (_ offset: Int, _ length: Int) -> Void, apply: (ScheduledEvent) -> Void) {
        var done = 0
        while done < count {
            while next < events.count, events[next].frame <= start + done {
                apply(events[next])
                next += 1
            }
            let stretch = next < events.count ? min(events[next].frame - (start + done), count - done) : count - done
            render(done, stretch)
            done += stretch
        }
    }

    /// Seconds at a frame.
    public func seconds(atFrame frame: Int) -> Double { Double(frame) / sampleRate }

    /// The frame nearest to `seconds`.
    public func frame(atSeconds seconds: Double) -> Int { Self.frame(seconds: seconds.isNaN ? 0 : seconds, sampleRate: sampleRate) }
}
