import CamXucMusic
import Testing
@testable import CamXucAudio

@Suite struct EventScheduleTests {
    /// Two notes of one key back to back, and a chord: at 44.1 kHz and 120 bpm a 480-tick beat is 22,050 frames.
    static let take = Take(notes: [Note(pitch: 60, velocity: 100, startTick: 0, durationTicks: 480),
                                   Note(pitch: 60, velocity: 90, startTick: 480, durationTicks: 480),
                                   Note(pitch: 64, velocity: 80, startTick: 480, durationTicks: 240)])

    @Test func eventsLandOnTheirFramesWithReleasesBeforeStrikes() {
        let schedule = EventSchedule(take: Self.take, sampleRate: 44_100)
        #expect(schedule.events == [
            ScheduledEvent(frame: 0, message: .programChange(channel: 0, program: 0)),
            ScheduledEvent(frame: 0, message: .noteOn(channel: 0, key: 60, velocity: 100)),
            ScheduledEvent(frame: 22_050, message: .noteOff(channel: 0, key: 60)),
            ScheduledEvent(frame: 22_050, message: .noteOn(channel: 0, key: 60, velocity: 90)),
            ScheduledEvent(frame: 22_050, message: .noteOn(channel: 0, key: 64, velocity: 80)),
            ScheduledEvent(frame: 33_075, message: .noteOff(channel: 0, key: 64)),
            ScheduledEvent(frame: 44_100, message: .noteOff(channel: 0, key: 60)),
        ])
        #expect(schedule.endFrame == 44_100)
        #expect(schedule.firstIndex(atOrAfter: 22_050) == 2)
        #expect(schedule.firstIndex(atOrAfter: 22_051) == 5)
    }

    /// However the frames are cut into periods, every frame is rendered once and each event is applied exactly
    /// when the rendering reaches its frame.
    @Test(arguments: [1, 64, 1000, 4096, 50_000])
    func walkingInPeriodsRendersEveryFrameOnceAndAppliesEventsOnTime(period: Int) {
        let schedule = EventSchedule(take: Self.take, sampleRate: 44_100)
        var rendered = 0
        var applied: [(frame: Int, at: Int)] = []
        var next = 0
        var position = 0
        while position < 50_000 {
            let start = position
            schedule.walk(from: start, count: period, next: &next, render: { offset, length in
                #expect(start + offset == rendered)
                #expect(length > 0)
                rendered += length
            }, apply: { event in
                applied.append((event.frame, rendered))
            })
            position += period
        }
        #expect(rendered == position)
        #expect(applied.count == schedule.events.count)
        for item in applied { #expect(item.frame == item.at) }
    }
}
