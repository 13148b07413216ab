#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucAudio
import CamXucMusic
import CamXucStudio
import CamXucText
import CNcursesw

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a MIDI file through the sound card.",
        discussion: """
            Shows the playhead on one line while it plays. In a terminal, Space pauses and resumes, ← and → jump 5 \
            seconds, l turns looping on and off, and q stops (exit 0); Ctrl-C stops cleanly (exit 130). Without a \
            sound card (a server, SSH) it says so in one line and exits with code 69; `camxuc render` still works there.
            """
    )

    @Argument(help: ArgumentHelp("The Standard MIDI File to play.", valueName: "file.mid"))
    var file: String

    @OptionGroup var sound: SoundOptions

    @Flag(name: .long, help: "Play again from the start when the take ends, until Ctrl-C.")
    var loop = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Start this many seconds into the take.", valueName: "seconds"))
    var start: Double = 0

    @Option(name: .long, help: ArgumentHelp("ALSA device to play on (default: ALSA's \"default\").", valueName: "name"))
    var device: String?

    @Flag(name: .long, help: .hidden)
    var timing = false

    func validate() throws {
        try OutputPaths.requireNotEmpty([("--device", device)])
        guard start.isFinite, start >= 0, start <= 1e9 else {
            throw ValidationError("--start must be a number of seconds from 0 up to the take's length (got \(start))")
        }
    }

    func run() throws {
        do {
            let config = try LoadedConfig.load()
            var take = try Failure.readMIDI(file)
            if start > take.durationSeconds {
                Failure.printError(String(format: "--start %g is past the end of %@ (%.1f s long)", start,
                                          Terminal.printable(file), take.durationSeconds))
                throw ExitCode(64)
            }
            sound.apply(to: &take)
            let synthesizer = try sound.makeSynthesizer(config: config)
            let player = try Player(synthesizer: synthesizer, device: device ?? config.audioDevice)
            Terminal.catchInterrupts()
            player.load(take)
            var looping = loop
            player.setLooping(looping)
            if start > 0 { player.seek(toSeconds: start) }
            let askedWallClock = Terminal.wallClockSeconds()
            player.play()
            let keys = PlayKeys()
            defer { keys.restore() }
            let name = file == "-" ? "standard input" : String(file.split(separator: "/").last ?? Substring(file))
            var status = player.status
            var paused = false
            var shownLine = ""
            // Sound past full scale is distorted: said after playing, as `render` says it of a file.
            func clippingNote() {
                let heard = player.status
                if let note = OfflineRenderer.Summary.clippingNote(clipped: heard.clippedSamples, peak: heard.peak,
                                                                   gain: synthesizer.gain, setting: "--gain %.2f", what: "it") {
                    Failure.printError("note: " + note)
                }
            }
            func stopped(exit code: Int32) -> ExitCode {
                player.stop()
                player.close()
                keys.restore()
                Terminal.clearStatus()
                Terminal.standardOutput("stopped \(name) at \(Terminal.clock(status.positionSeconds))\n")
                clippingNote()
                return ExitCode(code)
            }
            while !status.hasFinished {
                if Terminal.interrupted.load(ordering: .relaxed) { throw stopped(exit: 130) }
                for key in keys.typed() {
                    switch key {
                    case .pause:
                        if paused { player.play() } else { player.pause() }
                        paused.toggle()
                    case let .jump(seconds):
                        player.seek(toSeconds: min(max(status.positionSeconds + seconds, 0), status.durationSeconds))
                    case .loop:
                        looping.toggle()
                        player.setLooping(looping)
                    case .quit:
                        throw stopped(exit: 0)
                    }
                    status = player.status
                }
                // Redrawn only when it changes (it was written 20 times a second), and the Space hint says what
                // Space does now.
                // The name gives way first, so that the keys stay on the one line (a studio save's long name wrapped it).
                let head = (paused ? "⏸ " : "▶ ") + "\(Terminal.clock(status.positionSeconds)) / "
                    + "\(Terminal.clock(status.durationSeconds))  "
                let tail = (looping ? "  ⟳ loop" : "")
                    + (keys.shownActive ? "  · Space \(paused ? "play" : "pause") · ←→ 5 s · l loop · q stop" : "  · Ctrl-C stops")
                let room = (Terminal.columns() ?? Int.max / 2) - 1 - DisplayWidth.of(head + tail)
                let line = head + Grid.truncated(name, columns: max(room, 12)) + tail
                if line != shownLine {
                    Terminal.status(line)
                    shownLine = line
                }
                usleep(50_000)
                status = player.status
                // A device that stopped taking sound (unplugged, a plugin failing) left the playhead where it was for
                // ever, and `play` waited on it without a word: once FluidSynth has said so (`isStalled`), it is said
                // here, and the exit is 69 as for no device at all.
                if status.isStalled {
                    let reason = player.deviceProblem
                    player.close()
                    keys.restore()
                    Terminal.clearStatus()
                    throw AudioError.deviceStopped(reason: reason)
                }
            }
            // Let the last notes ring out before the device closes, as `render` writes them: until the sound falls
            // under −80 dBFS, at most its 3 s (a second, cut mid-ring, ended a pedalled chord differently).
            for _ in 0..<Int(OfflineRenderer.maximumTailSeconds * 20) where !Terminal.interrupted.load(ordering: .relaxed) {
                usleep(50_000)
                if player.status.level < 1e-4 { break }
            }
            status = player.status
            player.close()
            Terminal.clearStatus()
            Terminal.standardOutput("played \(name) (\(Terminal.clock(status.durationSeconds)))\n")
            clippingNote()
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

/// Keys while a file plays in a terminal, read without waiting: Space, ← and →, l, q. Standard input leaves canonical
/// mode and echo (Ctrl-C still interrupts) and gets its modes back at the end, and after a crash. Only while the
/// process is the terminal's foreground job: `camxuc play take.mid &` plays on and never touches the terminal (a
/// background job that did would be stopped), and after Ctrl-Z and `fg` the modes are set again.
final class PlayKeys {
    enum Key: Equatable { case pause, jump(Double), loop, quit }

    private var saved = termios()
    private var modes = termios()
    let active: Bool

    init() {
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else {
            active = false
            return
        }
        active = true
        modes = saved
        modes.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &modes.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        if Self.foreground { camxuc_install_crash_handlers() }  // saves the modes now in force, restored on a trap
        keysMode()
    }

    static var foreground: Bool { tcgetpgrp(STDIN_FILENO) == getpgrp() }

    /// Our modes, when the terminal is ours and does not have them (at the start, and after a stop and `fg`).
    private func keysMode() {
        guard Self.foreground else { return }
        var now = termios()
        if tcgetattr(STDIN_FILENO, &now) == 0, now.c_lflag & tcflag_t(ICANON | ECHO) != 0 {
            tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        }
    }

    /// Standard input's modes as they were; safe to call more than once.
    func restore() {
        if active, Self.foreground { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }

    var shownActive: Bool { active && Self.foreground }

    /// The keys typed since the last call (others are ignored); never waits.
    func typed() -> [Key] {
        guard active, Self.foreground else { return [] }
        keysMode()
        var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 0) == 1, ready.revents & Int16(POLLIN) != 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(STDIN_FILENO, &bytes, bytes.count)
        return count > 0 ? Self.keys(in: Array(bytes[0..<count])) : []
    }

    static func keys(in bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "["),
               bytes[index + 2] == UInt8(ascii: "C") || bytes[index + 2] == UInt8(ascii: "D") {
                keys.append(.jump(bytes[index + 2] == UInt8(ascii: "C") ? 5 : -5))
                index += 3
                continue
            }
            switch byte {
            case UInt8(ascii: " "): keys.append(.pause)
            case UInt8(ascii: "l"), UInt8(ascii: "L"): keys.append(.loop)
            case UInt8(ascii: "q"), UInt8(ascii: "Q"): keys.append(.quit)
            default: break
            }
            index += 1
        }
        return keys
    }
}
