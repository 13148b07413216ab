import ArgumentParser
import CamXucAudio
import CamXucMusic
import Foundation

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a MIDI file to a WAV file (16-bit stereo, 44.1 kHz), faster than real time.",
        discussion: "Needs no sound card. The WAV appears whole or not at all; Ctrl-C leaves no partial file."
    )

    @Argument(help: ArgumentHelp("The Standard MIDI File to render.", valueName: "file.mid"))
    var file: String

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the WAV (default: the MIDI file's name with .wav).", valueName: "file.wav"))
    var output: String?

    @OptionGroup var sound: SoundOptions

    @Option(name: .customLong("max-length"), parsing: .unconditional, help: ArgumentHelp("Longest take to render, in minutes (default \(Int(OfflineRenderer.defaultMaximumSeconds / 60)), at most \(Int(OfflineRenderer.largestWAVSeconds / 60)): a 16-bit WAV header cannot describe more).", valueName: "minutes"))
    var maxLength: Double?

    struct Interrupted: Error {}

    func validate() throws {
        let target = output ?? Self.defaultOutput(for: file)
        try OutputPaths.checkDistinct(inputs: [("file.mid", file)], outputs: target == "-" ? [] : [("-o", target)])
        if let maxLength, !(maxLength.isFinite && maxLength > 0 && maxLength * 60 <= OfflineRenderer.largestWAVSeconds) {
            throw ValidationError("--max-length must be more than 0 and at most \(Int(OfflineRenderer.largestWAVSeconds / 60)) minutes (got \(maxLength))")
        }
    }

    func run() throws {
        Terminal.keepWorkingWithoutReader()
        let target = output ?? Self.defaultOutput(for: file)
        // "-o -" is standard output: rendered into a temporary file, then copied.
        let toStandardOutput = target == "-"
        if toStandardOutput { try StandardOutput.claim(flag: "-o", what: "WAV", example: "take.wav") }
        let path = toStandardOutput ? StandardOutput.temporaryWAVPath() : target
        do {
            let config = try LoadedConfig.load()
            var take = try Failure.readMIDI(file)
            sound.apply(to: &take)
            let synthesizer = try sound.makeSynthesizer(config: config, threads: 1)
            let renderer = OfflineRenderer(synthesizer: synthesizer)
            Terminal.catchInterrupts()
            let name = toStandardOutput ? "standard output" : String(target.split(separator: "/").last ?? Substring(target))
            let clock = ContinuousClock()
            let began = clock.now
            var lastShown = -1
            let summary = try renderer.renderWAV(take, to: path, maximumSeconds: maxLength.map { $0 * 60 } ?? OfflineRenderer.defaultMaximumSeconds) { fraction in
                if Terminal.interrupted.load(ordering: .relaxed) { throw Interrupted() }
                let percent = Int(fraction * 100)
                if percent != lastShown {
                    lastShown = percent
                    Terminal.status("rendering \(name)  \(percent)%")
                }
            }
            if toStandardOutput { try StandardOutput.sendWAV(path) }
            let elapsed = clock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            Terminal.clearStatus()
            // Below half of a 16-bit step the WAV holds only zeros ("peak -150.0 dBFS" for --gain 0 said otherwise).
            let peak = summary.peak >= 0.5 / 32768 ? String(format: "%.1f dBFS", summary.peakDecibels) : "silent"
            Terminal.standardOutput(String(format: "wrote %@: %.1f s of audio in %.2f s (%.0f× real time), peak %@\n",
                                           toStandardOutput ? "standard output" : target, summary.seconds, seconds, summary.seconds / max(seconds, 1e-6), peak))
            // A clipped WAV is distorted: said, with a gain that would not clip (a peak of +15 dBFS was reported as if fine).
            if let note = summary.clippingNote(gain: synthesizer.gain) { Failure.printError("note: " + note) }
        } catch let exit as ExitCode {
            throw exit  // already said (standard output closed or full: 73)
        } catch is Interrupted {
            Terminal.clearStatus()
            Failure.printError("stopped; \(toStandardOutput ? "nothing was written to standard output" : target + " was not written")")
            throw ExitCode(130)
        } catch {
            throw Failure.exit(error)
        }
    }

    /// Beside a MIDI file, with .wav; for an input that is not a regular file (`/dev/stdin`, `<(…)`), in the
    /// current folder under its name (`render /dev/stdin` wrote /dev/stdin.wav into /dev).
    static func defaultOutput(for file: String) -> String {
        if file == "-" { return "stdin.wav" }  // standard input, as /dev/stdin
        var status = stat()
        let url = URL(fileURLWithPath: file)
        let folder = url.deletingLastPathComponent().path
        let system = ["/dev", "/proc"].contains { folder == $0 || folder.hasPrefix($0 + "/") }
        guard !system, stat(file, &status) != 0 || status.st_mode & S_IFMT == S_IFREG else {
            return url.deletingPathExtension().appendingPathExtension("wav").lastPathComponent
        }
        return url.deletingPathExtension().appendingPathExtension("wav").path
    }
}
