#if canImport(Glibc)
import Glibc
#endif
import CamXucMusic
import Testing
@testable import CamXucAudio

/// Live playback through the real ALSA driver, pointed at ALSA's null device (which takes audio as fast as it is
/// made, so a take plays in a fraction of its length). Waits poll a condition with a generous cap, never a fixed
/// sleep that hopes the audio thread kept up.
@Suite struct PlayerTests {
    func makePlayer() throws -> Player {
        try Player(synthesizer: try AudioTestSupport.synthesizer())
    }

    /// Polls `condition` every millisecond for up to `seconds`.
    func eventually(within seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(1000)
        }
        return condition()
    }

    @Test func playsATakeToItsEnd() throws {
        let player = try makePlayer()
        player.load(AudioTestSupport.take([(60, 0.1, 0.5), (64, 0.6, 0.5), (67, 1.1, 0.9)]))
        var loaded = player.status
        #expect(loaded.peak < 1e-4 && loaded.clippedSamples == 0)   // nothing but the reverb's floor yet
        loaded.peak = 0
        loaded.level = 0
        #expect(loaded == Player.Status(isPlaying: false, isLooping: false, positionSeconds: 0,
                                        durationSeconds: 2.0, hasFinished: false, isGrowing: false,
                                        firstSoundDelaySeconds: nil))
        player.play()
        #expect(eventually { player.status.hasFinished })
        let status = player.status
        #expect(!status.isPlaying)
        #expect(status.positionSeconds == 2.0)
        #expect(status.firstSoundDelaySeconds != nil)
        // Playing a finished take starts it again.
        player.play()
        #expect(eventually { player.status.hasFinished })
        player.close()
        player.close()
    }

    /// What was sent to the device is measured: at gain 10 a loud chord clips, and `play` says so as `render` does
    /// (it distorted silently); at the default gain it does not. The level falls as the sound rings out.
    @Test func clippingAndTheLevelAreMeasured() throws {
        let chord = AudioTestSupport.take([48, 55, 60, 64, 67].map { (UInt8($0), 0.0, 0.4) }, velocity: 127)
        for (gain, clips) in [(10.0, true), (Synthesizer.defaultGain, false)] {
            let player = try Player(synthesizer: try AudioTestSupport.synthesizer(gain: gain))
            player.load(chord)
            player.play()
            #expect(eventually { player.status.hasFinished })
            #expect(eventually { player.status.level < 1e-4 })
            let status = player.status
            #expect((status.clippedSamples > 0) == clips && (status.peak > 1) == clips, "gain \(gain): \(status)")
            player.close()
        }
    }

    @Test func pausedPlayheadStaysWhereItIsAndSeekMovesIt() throws {
        let player = try makePlayer()
        player.load(AudioTestSupport.longTake(seconds: 600))
        player.seek(toSeconds: 12.5)
        #expect(player.status.positionSeconds == 12.5)
        usleep(20_000)
        #expect(player.status.positionSeconds == 12.5, "a paused playhead must not move")
        player.play()
        #expect(eventually { player.status.positionSeconds > 13 })
        player.pause()
        let paused = player.status.positionSeconds
        usleep(20_000)
        #expect(player.status.positionSeconds == paused)
        #expect(!player.status.isPlaying)
        player.seek(toSeconds: 10_000)
        #expect(player.status.positionSeconds == player.status.durationSeconds)
        player.stop()
        #expect(player.status.positionSeconds == 0)
    }

    @Test func loopingNeverFinishesAndWrapsAround() throws {
        let player = try makePlayer()
        // Four seconds of notes: the playhead spends half of each pass past 2 s and half before it.
        player.load(AudioTestSupport.take((0..<8).map { (UInt8(60 + $0), Double($0) * 0.5, 0.5) }))
        player.setLooping(true)
        player.play()
        var sawLate = false, wrapped = false
        #expect(eventually {
            let position = player.status.positionSeconds
            if position > 2 { sawLate = true }
            if sawLate, position < 2 { wrapped = true }
            return wrapped
        })
        #expect(!player.status.hasFinished)
        #expect(player.status.isPlaying)
        player.setLooping(false)
        #expect(eventually { player.status.hasFinished })
    }

    /// `play --start 4` showed 0:03 first: the sound the device still held was taken off a playhead that had just
    /// been moved there. Nothing before where playing starts is shown.
    @Test func thePlayheadNeverShowsBeforeWherePlayingStarted() throws {
        let player = try makePlayer()
        player.load(AudioTestSupport.longTake(seconds: 60))
        player.seek(toSeconds: 4)
        player.play()
        #expect(player.status.positionSeconds >= 4)
        player.close()
    }

    /// A take with no notes, looped (`play --loop` on an empty file), went round one frame for ever in silence: it
    /// finishes as it does unlooped.
    @Test func anEmptyTakeLoopedFinishes() throws {
        let player = try makePlayer()
        player.load(AudioTestSupport.take([]))
        player.setLooping(true)
        player.play()
        #expect(eventually { player.status.hasFinished })
        player.close()
    }

    /// A take still being composed: the playhead waits at the end of what there is (playing, not finished), goes on
    /// when more comes, and the take finishes only once it is whole.
    @Test func aGrowingTakeWaitsForMoreAndFinishesOnlyWhenWhole() throws {
        let player = try makePlayer()
        let notes = (0..<8).map { (UInt8(60 + $0), Double($0) * 0.25, 0.25) }
        player.load(AudioTestSupport.take([]), growing: true)
        player.play()
        #expect(player.status.isPlaying && player.status.isGrowing)
        player.extend(AudioTestSupport.take(Array(notes.prefix(2))), complete: false)  // to 0.5 s
        #expect(eventually { player.status.firstSoundDelaySeconds != nil })
        #expect(eventually { player.status.positionSeconds > 0.3 })
        usleep(400_000)
        var status = player.status
        #expect(status.isPlaying && !status.hasFinished && status.positionSeconds <= 0.5)
        player.extend(AudioTestSupport.take(notes), complete: false)  // to 2 s
        #expect(eventually { player.status.positionSeconds > 0.6 })
        usleep(400_000)
        #expect(!player.status.hasFinished)
        player.extend(AudioTestSupport.take(notes), complete: true)
        #expect(eventually { player.status.hasFinished })
        status = player.status
        #expect(!status.isPlaying && !status.isGrowing && status.positionSeconds == 2.0)
        // A whole take is not extended any more.
        player.extend(AudioTestSupport.take(Array(notes.prefix(1))), complete: false)
        #expect(player.status.durationSeconds == 2.0 && !player.status.isGrowing)
        player.close()
    }

    /// The instrument chosen while a take is composed and heard: the next version of the take plays another program,
    /// and it is heard from the playhead on (before, its program change lay behind the playhead and was never sent).
    @Test func anInstrumentChangedWhileATakeGrowsIsHeardAtOnce() throws {
        let player = try makePlayer()
        let notes: [(pitch: UInt8, velocity: UInt8, start: Double, duration: Double)] =
            (0..<40).map { (UInt8(60 + $0 % 12), 90, Double($0) * 0.25, 0.25) }
        player.load(Take(secondsNotes: Array(notes.prefix(8))), growing: true)
        player.play()
        #expect(eventually { player.status.positionSeconds > 0.5 })
        #expect(player.synthesizer.program(channel: 0) == 0)
        player.extend(Take(secondsNotes: Array(notes.prefix(20)), program: 40), complete: false)
        #expect(player.synthesizer.program(channel: 0) == 40)
        // The same instrument again sends nothing new; a seek keeps it too.
        player.extend(Take(secondsNotes: notes, program: 40), complete: true)
        player.seek(toSeconds: 3)
        #expect(player.synthesizer.program(channel: 0) == 40)
        player.close()
    }

    /// Stopping, closing and dropping a player while the audio thread is in the middle of a take must be safe.
    @Test func stoppingDuringPlaybackIsSafe() throws {
        let take = AudioTestSupport.longTake(seconds: 600)
        for round in 0..<20 {
            let player = try makePlayer()
            player.load(take)
            player.play()
            #expect(eventually { player.status.positionSeconds > 0 })
            switch round % 3 {
            case 0: player.stop(); player.close()
            case 1: player.pause()
            default: break  // dropped while playing
            }
        }
    }

    /// Pausing lifts the pedals (held notes ring out), and resuming left them up: a note struck under a pedal held
    /// down since before the pause rang dry until the file's next pedal event. Resumed, the pedal is down again.
    @Test func resumingAfterAPausePutsThePedalBackDown() throws {
        let player = try makePlayer()
        var take = AudioTestSupport.longTake(seconds: 60)
        take.controlChanges = [ControlChange(tick: 0, controller: 64, value: 127)]
        player.load(take)
        player.play()
        #expect(eventually { player.status.positionSeconds > 0.5 })
        #expect(player.synthesizer.controller(64, channel: 0) == 127)
        player.pause()
        #expect(player.synthesizer.controller(64, channel: 0) == 0)
        player.play()
        #expect(player.synthesizer.controller(64, channel: 0) == 127)
        player.close()
    }

    /// A device that stops taking sound while playing (its writes go to /dev/full, as a card unplugged or a plugin
    /// whose disk is full fails) left the playhead where it was for ever, and nothing said so: the status says the
    /// device stalled.
    @Test func aDeviceThatStopsWhilePlayingIsSaidToHaveStalled() throws {
        let player = try Player(synthesizer: try AudioTestSupport.synthesizer(), device: "camxuc_failing")
        player.load(AudioTestSupport.longTake(seconds: 60))
        #expect(!player.status.isStalled)
        player.play()
        #expect(eventually(within: 30) { player.status.isStalled })
        #expect(player.status.positionSeconds < 60)
        // Why (libasound's last message) is checked end to end: other tests' players, opened meanwhile, clear it.
        player.close()
    }

    @Test func aMissingDeviceIsOneClearError() throws {
        let synthesizer = try AudioTestSupport.synthesizer()
        do {
            _ = try Player(synthesizer: synthesizer, device: "camxuc_no_such_device")
            Issue.record("opened a device that does not exist")
        } catch let error as AudioError {
            guard case .noAudioDevice = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.hasPrefix("no audio device: cannot open ALSA device 'camxuc_no_such_device'"))
            #expect(error.description.hasSuffix("rendering and saving still work"))
            #expect(!error.description.contains("\n"))
        }
    }
}
