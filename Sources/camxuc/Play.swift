#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucAudio
import CamXucMusic

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a MIDI file through the sound card.",
        discussion: """
            Shows the playhead on one line while it plays; Ctrl-C stops cleanly. Without a sound card (a server, \
            SSH) it says so in one line and exits with code 69; `camxuc render` still works there.
            """
    )

    @Argument(help: ArgumentHelp("The Standard MIDI File to play.", valueName: "file.mid"))
    var file: String

    @OptionGroup var sound: SoundOptions

    @Flag(name: .long, help: "Play again from the start when the take ends, until Ctrl-C.")
    var loop = false

    @Option(name: .long, help: ArgumentHelp("Start this many seconds into the take.", valueName: "seconds"))
    var start: Double = 0

    @Option(name: .long, help: ArgumentHelp("ALSA device to play on (default: ALSA's \"default\").", valueName: "name"))
    var device: String?

    @Flag(name: .long, help: .hidden)
    var timing = false

    func validate() throws {
        guard start.isFinite, start >= 0, start <= 1e9 else {
            throw ValidationError("--start must be a number of seconds from 0 up to the take's length (got \(start))")
        }
    }

    func run() throws {
        do {
            let config = try LoadedConfig.load()
            var take = try MIDIFile.read(path: file)
            sound.apply(to: &take)
            let synthesizer = try sound.makeSynthesizer(config: config)
            let player = try Player(synthesizer: synthesizer, device: device ?? config.audioDevice)
            Terminal.catchInterrupts()
            player.load(take)
            player.setLooping(loop)
            if start > 0 { player.seek(toSeconds: start) }
            let askedWallClock = Terminal.wallClockSeconds()
            player.play()
            let name = String(file.split(separator: "/").last ?? Substring(file))
            var status = player.status
            while !status.hasFinished {
                if Terminal.interrupted.load(ordering: .relaxed) {
                    player.stop()
                    player.close()
                    Terminal.clearStatus()
                    Terminal.standardOutput("stopped \(name) at \(Terminal.clock(status.positionSeconds))\n")
                    throw ExitCode(130)
                }
                Terminal.status("▶ \(Terminal.clock(status.positionSeconds)) / \(Terminal.clock(status.durationSeconds))  "
                                + name + (loop ? "  ⟳ loop" : "") + "  · Ctrl-C stops")
                usleep(50_000)
                status = player.status
            }
            // Let the last notes ring out before the device closes.
            for _ in 0..<20 where !Terminal.interrupted.load(ordering: .relaxed) { usleep(50_000) }
            player.close()
            Terminal.clearStatus()
            Terminal.standardOutput("played \(name) (\(Terminal.clock(status.durationSeconds)))\n")
            if timing, let delay = status.firstSoundDelaySeconds {
                // For `make bench`: the wall-clock instant the first note was rendered, and the device's buffer.
                let struck = askedWallClock + delay
                Terminal.standardOutput(String(format: "timing: first note rendered at %.6f s since the epoch; "
                                               + "device buffer %.1f ms\n", struck,
                                               Double(player.bufferedFrames) / synthesizer.sampleRate * 1000))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }
}
