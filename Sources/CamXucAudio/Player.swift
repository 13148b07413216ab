#if canImport(Glibc)
import Glibc
#endif

import CamXucMusic
import CFluidSynth
import Synchronization

/// Live playback through FluidSynth's ALSA driver, sequenced on the audio thread against the sample clock.
///
/// Every call returns at once: the audio thread pulls samples, applies each event of the take's `EventSchedule` at
/// its frame, loops and stops by itself. `status` can be read at any time for the playhead. Closing (or dropping
/// the player) deletes the audio driver first, which joins the audio thread, and only then frees the synthesiser.
public final class Player: @unchecked Sendable {
    /// What the UI shows.
    public struct Status: Equatable, Sendable {
        public var isPlaying: Bool
        public var isLooping: Bool
        /// The playhead: seconds into the take of the sound now leaving the speakers (as near as the device says).
        public var positionSeconds: Double
        public var durationSeconds: Double
        /// True once a take played to its end (and was not looping).
        public var hasFinished: Bool
        /// True while the take is still being composed (`load(_:growing:)`, `extend`).
        public var isGrowing: Bool
        /// Seconds from the last `play()` to the audio thread striking the first note, once it has.
        public var firstSoundDelaySeconds: Double?
        /// The highest absolute sample sent to the device since the take was loaded (above 1 was clipped), the samples
        /// clipped, and the highest in the last period (how loud it still rings).
        public var peak: Float = 0
        public var clippedSamples = 0
        public var level: Float = 0
        /// Playing, the device has not asked for sound for `stallSeconds`, and FluidSynth has said it failed: its
        /// thread has ended (a sound card unplugged, a plugin or a disk behind it failing), and the playhead will not
        /// move again. A device that only blocks for a while (a sink waking up) is not stalled: nothing waits on it.
        public var isStalled = false
    }

    /// Seconds without a call from the device, while playing, after which it counts as stopped (`Status.isStalled`).
    /// Idle, the audio thread sleeps at most a second between periods.
    public static let stallSeconds = 2.5

    /// Why the device stopped, as libasound said it (nil when it said nothing).
    public var deviceProblem: String? { ALSAMessages.last }

    public let synthesizer: Synthesizer
    private let engine: PlaybackEngine
    private let driver: Mutex<OpaquePointer?>
    /// FluidSynth's count of failed devices when this player opened its own.
    private let deviceErrorsBefore: Int
    /// Frames the device buffers ahead of the speakers.
    public let bufferedFrames: Int
    /// The seconds of sound between what is rendered and what is heard (`status`'s position is what is heard).
    public var bufferedSeconds: Double { Double(bufferedFrames) / synthesizer.sampleRate }

    /// Opens the ALSA device (`device`, or ALSA's "default") and starts the audio thread, silent until `play()`.
    ///
    /// Throws `AudioError.noAudioDevice` when no sound card can be opened (as on a server or over SSH).
    public init(synthesizer: Synthesizer, device: String? = nil) throws {
        AudioLog.install()
        self.synthesizer = synthesizer
        let settings = synthesizer.settings
        let deviceName = device ?? "default"
        fluid_settings_setstr(settings, "audio.driver", "alsa")
        fluid_settings_setstr(settings, "audio.alsa.device", deviceName)
        var periodSize: Int32 = 64, periods: Int32 = 16
        fluid_settings_getint(settings, "audio.period-size", &periodSize)
        fluid_settings_getint(settings, "audio.periods", &periods)
        bufferedFrames = Int(periodSize) * Int(periods)
        engine = PlaybackEngine(synthesizer: synthesizer)
        engine.leadSeconds = max(Double(bufferedFrames) / synthesizer.sampleRate, 0.02)
        ALSAMessages.clear()
        deviceErrorsBefore = AudioLog.deviceErrors.load(ordering: .relaxed)
        let data = Unmanaged.passUnretained(engine).toOpaque()
        guard let handle = new_fluid_audio_driver2(settings, playbackCallback, data) else {
            throw AudioError.noAudioDevice(reason: "cannot open ALSA device '\(deviceName)'"
                                           + (ALSAMessages.last.map { " (\($0))" } ?? ""))
        }
        driver = Mutex(handle)
        AudioLog.note("audio: ALSA device '\(deviceName)' open, \(bufferedFrames) frames buffered")
    }

    deinit {
        close()
    }

    /// Stops the audio thread and closes the device; safe to call more than once.
    public func close() {
        driver.withLock { handle in
            if let open = handle {
                delete_fluid_audio_driver(open)
                handle = nil
            }
        }
    }

    /// Makes `take` the one to play, stopping whatever played and rewinding to its start. A `growing` take is one
    /// still being composed: at its end the playhead waits for more (see `extend`) instead of finishing.
    public func load(_ take: Take, growing: Bool = false) {
        let schedule = EventSchedule(take: take, sampleRate: synthesizer.sampleRate)
        engine.state.withLock { state in
            state.schedule = schedule
            state.position = 0
            state.heardFrom = 0
            state.next = 0
            state.playing = false
            state.finished = false
            state.growing = growing
            state.peak = 0
            state.clippedSamples = 0
            synthesizer.reset()
        }
    }

    /// Replaces the growing take being played with a longer version of it (the same notes and more) without moving
    /// the playhead: what lies before it is not played again, and notes sounding now end where the new take says.
    /// With `complete` the take has stopped growing and finishes at its end as any other. An instrument chosen
    /// meanwhile (the take's program changed) is heard from the playhead on.
    public func extend(_ take: Take, complete: Bool) {
        let schedule = EventSchedule(take: take, sampleRate: synthesizer.sampleRate)
        engine.state.withLock { state in
            guard let old = state.schedule, state.growing else { return }
            state.schedule = schedule
            state.next = schedule.firstIndex(atOrAfter: state.position)
            state.growing = !complete
            if old.programChanges != schedule.programChanges { restoreControls(schedule, before: state.next) }
        }
    }

    /// Sends the program changes and controllers (pedals) that come before event `next`, so that the synthesiser
    /// plays on from there as the schedule says. Call inside the state lock.
    private func restoreControls(_ schedule: EventSchedule, before next: Int) {
        for event in schedule.events[..<next] {
            if case .noteOn = event.message { continue }
            if case .noteOff = event.message { continue }
            synthesizer.send(event.message)
        }
    }

    /// Starts (or resumes) playback from the playhead; from the start when the take had finished.
    public func play() {
        engine.state.withLock { state in
            guard state.schedule != nil else { return }
            if state.finished {
                state.position = 0
                state.heardFrom = 0
                state.next = 0
                state.finished = false
            } else if !state.playing, state.next > 0, let schedule = state.schedule {
                // Resumed after a pause, which lifted the pedals: a note struck now under a pedal held down before
                // the pause rang dry until the file's next pedal event.
                restoreControls(schedule, before: state.next)
            }
            state.playRequested = ContinuousClock.now
            state.firstSoundDelay = nil
            state.playing = true
        }
    }

    /// Pauses at the playhead; held notes are released and ring out.
    public func pause() {
        engine.state.withLock { state in
            state.playing = false
            synthesizer.releaseAll()
        }
    }

    /// Stops and rewinds to the start.
    public func stop() {
        engine.state.withLock { state in
            state.playing = false
            state.position = 0
            state.heardFrom = 0
            state.next = 0
            synthesizer.releaseAll()
        }
    }

    /// Moves the playhead to `seconds` (clamped to the take); notes already sounding are released.
    public func seek(toSeconds seconds: Double) {
        engine.state.withLock { state in
            guard let schedule = state.schedule else { return }
            let frame = min(schedule.frame(atSeconds: seconds), schedule.endFrame)
            state.position = frame
            state.heardFrom = frame
            state.next = schedule.firstIndex(atOrAfter: frame)
            state.finished = false
            synthesizer.releaseAll()
            // Programs and pedal state before the new position still apply.
            restoreControls(schedule, before: state.next)
        }
    }

    /// Loops the whole take when on.
    public func setLooping(_ looping: Bool) {
        engine.state.withLock { $0.looping = looping }
    }

    /// The playhead and transport state.
    public var status: Status {
        engine.state.withLock { state in
            let duration = state.schedule.map { $0.seconds(atFrame: $0.endFrame) } ?? 0
            // What the device still holds is not heard yet, but nothing before where playing started (or last moved)
            // is heard again: `play --start 4` showed 0:03 first.
            let audible = state.playing ? max(state.position - bufferedFrames, state.heardFrom, 0) : state.position
            return Status(isPlaying: state.playing, isLooping: state.looping,
                          positionSeconds: min(Double(audible) / synthesizer.sampleRate, duration),
                          durationSeconds: duration, hasFinished: state.finished, isGrowing: state.growing,
                          firstSoundDelaySeconds: state.firstSoundDelay.map { Self.seconds($0) },
                          peak: state.peak, clippedSamples: state.clippedSamples, level: state.level,
                          isStalled: state.playing && AudioLog.deviceErrors.load(ordering: .relaxed) > deviceErrorsBefore
                              && Self.seconds(ContinuousClock.now - state.lastCallback) > Self.stallSeconds)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The state the audio thread and the caller share, behind one lock.
final class PlaybackEngine: @unchecked Sendable {
    struct State {
        var schedule: EventSchedule?
        var next = 0
        var position = 0
        var playing = false
        var looping = false
        var finished = false
        /// A take still being composed: its end is where the playhead waits, not where it finishes.
        var growing = false
        var playRequested: ContinuousClock.Instant?
        var firstSoundDelay: Duration?
        var peak: Float = 0
        var clippedSamples = 0
        var level: Float = 0
        /// When the device last asked for sound.
        var lastCallback = ContinuousClock.now
        /// Where playing started or last moved to (a seek, a loop's wrap): the playhead shows nothing before it.
        var heardFrom = 0
    }

    /// Wall-clock pacing of the audio thread, touched by that thread alone. A sound card paces the callback by
    /// blocking; a device that never blocks (ALSA's null device, some network sinks) would have the thread render
    /// as fast as the processor allows, so the thread sleeps whenever it runs ahead of real time by more than the
    /// device's buffer.
    struct Pacing {
        var start: ContinuousClock.Instant?
        var frames = 0
        /// Frames rendered since the last sound: after a few seconds of silence the synthesiser is not called.
        var silentFrames = 0
    }

    let state = Mutex(State())
    nonisolated(unsafe) var pacing = Pacing()
    let synthesizer: Synthesizer
    /// How far ahead of real time the thread may run before it sleeps (the device's buffer, at least 20 ms).
    var leadSeconds = 0.05
    /// Two float pointers into the device's buffers, shifted as events split a period; used by the audio thread only.
    nonisolated(unsafe) let shifted = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 2)

    init(synthesizer: Synthesizer) {
        self.synthesizer = synthesizer
    }

    deinit {
        shifted.deallocate()
    }

    /// Fills `frames` frames of the device buffers (already zeroed by the driver).
    func fill(frames: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>) {
        let sounding = state.withLock { state -> Bool in
            state.lastCallback = ContinuousClock.now
            var done = 0
            while done < frames, state.playing, let schedule = state.schedule {
                // A take still being composed loops only once it is whole; one without notes does not loop at all
                // (`play --loop` on an empty file went round one frame for ever, in silence).
                let loopEnd = state.looping && !state.growing && schedule.endFrame > 0 ? schedule.endFrame : Int.max
                if state.position >= loopEnd {
                    state.position = 0
                    state.heardFrom = 0
                    state.next = 0
                }
                // The playhead of a growing take goes no further than its notes: it waits there for the next ones.
                let waitAt = state.growing ? schedule.endFrame : Int.max
                let count = min(frames - done, loopEnd - state.position, waitAt - state.position)
                if count <= 0 { break }
                let base = done
                schedule.walk(from: state.position, count: count, next: &state.next, render: { offset, length in
                    shifted[0] = left + base + offset
                    shifted[1] = right + base + offset
                    synthesizer.process(frames: length, buffers: shifted)
                }, apply: { event in
                    if case .noteOn = event.message, state.firstSoundDelay == nil, let asked = state.playRequested {
                        state.firstSoundDelay = ContinuousClock.now - asked
                    }
                    synthesizer.send(event.message)
                })
                state.position += count
                done += count
                if state.looping, !state.growing, state.position >= loopEnd {
                    synthesizer.releaseAll()
                    state.position = 0
                    state.heardFrom = 0
                    state.next = 0
                } else if !state.looping || schedule.endFrame == 0, !state.growing, state.position >= schedule.endFrame,
                          state.next >= schedule.events.count {
                    state.playing = false
                    state.finished = true
                }
            }
            if done < frames {
                // Stopped or finished: let released notes ring out for a few seconds, then stay silent without
                // calling the synthesiser (the driver has zeroed the buffers).
                let ringOut = Int(Self.ringOutSeconds * synthesizer.sampleRate)
                if pacing.silentFrames < ringOut {
                    shifted[0] = left + done
                    shifted[1] = right + done
                    synthesizer.process(frames: frames - done, buffers: shifted)
                    // A sound still ringing then (a pedal never lifted) fades out over the last half second, as
                    // `OfflineRenderer` writes it, instead of stopping dead.
                    let fade = Int(OfflineRenderer.fadeSeconds * synthesizer.sampleRate)
                    if pacing.silentFrames + frames - done > ringOut - fade {
                        for index in done..<frames {
                            let after = pacing.silentFrames + index - done
                            let gain = Float(min(max(Double(ringOut - after) / Double(fade), 0), 1))
                            left[index] *= gain
                            right[index] *= gain
                        }
                    }
                }
                pacing.silentFrames += frames - done
            } else {
                pacing.silentFrames = 0
            }
            var level: Float = 0
            for index in 0..<frames {
                let l = abs(left[index]), r = abs(right[index])
                level = max(level, l, r)
                if l > 1 { state.clippedSamples += 1 }
                if r > 1 { state.clippedSamples += 1 }
            }
            state.level = level
            state.peak = max(state.peak, level)
            return state.playing
        }
        pace(frames: frames, sounding: sounding)
    }

    /// Seconds released notes may ring after playback stops before the thread stops calling the synthesiser.
    static let ringOutSeconds = OfflineRenderer.maximumTailSeconds

    /// Sleeps while the thread is ahead of real time by more than `leadSeconds` (idle: by more than a tenth of a second).
    private func pace(frames: Int, sounding: Bool) {
        let now = ContinuousClock.now
        guard let start = pacing.start else {
            pacing.start = now
            pacing.frames = frames
            return
        }
        pacing.frames += frames
        let elapsed = Player.seconds(now - start)
        let rendered = Double(pacing.frames) / synthesizer.sampleRate
        if rendered < elapsed - 0.5 {
            // Far behind (a suspended machine, a slow device): start counting again rather than racing to catch up.
            pacing.start = now
            pacing.frames = 0
            return
        }
        let ahead = rendered - elapsed - (sounding ? leadSeconds : max(leadSeconds, 0.1))
        // While silent, sleep at least 50 ms at a time, so an idle device costs a few wake-ups a second.
        let silent = !sounding && pacing.silentFrames >= Int(Self.ringOutSeconds * synthesizer.sampleRate)
        if ahead > 0.001 { usleep(UInt32(min(silent ? max(ahead, 0.05) : ahead, 1) * 1_000_000)) }
    }
}

/// FluidSynth's audio callback: hands the period to the engine behind `data`.
private let playbackCallback: fluid_audio_func_t = { data, length, _, _, outputCount, outputs in
    guard let data, let outputs, outputCount >= 2, let left = outputs[0], let right = outputs[1], length > 0 else {
        return FLUID_OK
    }
    Unmanaged<PlaybackEngine>.fromOpaque(data).takeUnretainedValue().fill(frames: Int(length), left: left, right: right)
    return FLUID_OK
}
