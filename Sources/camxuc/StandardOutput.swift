#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucStudio
import CamXucSupport
import Foundation

/// `-` as an output: `compose -o -` (the MIDI file), `render -o -` and `compose --wav -` (a WAV, written whole with its
/// header last, so rendered into a temporary file and then copied; `-` made a file named "-", and the next run
/// replaced it without a word).
enum StandardOutput {
    /// Refuses a terminal (a MIDI file or a WAV is no text for one) and sends the report to standard error.
    static func claim(flag: String, what: String, example: String) throws {
        guard isatty(STDOUT_FILENO) != 1 else {
            Failure.printError("\(flag) - writes the \(what) to standard output, which is a terminal; redirect it (> \(example)) or pipe it")
            throw ExitCode(64)
        }
        Terminal.reportOnStandardError = true
    }

    /// Writes `bytes` to standard output, or says why it cannot (exit 73).
    static func write(_ bytes: [UInt8]) throws {
        do {
            try OutputFile.writeAll(bytes, to: STDOUT_FILENO)
        } catch let refusal as OutputFile.Refusal {
            Failure.printError("cannot write standard output: " + refusal.reason)
            throw ExitCode(73)
        }
    }

    /// Where a WAV is rendered before it is copied: in the temporary folder, named as a partial file of this
    /// process, so that one left by a killed run is cleaned up by the next (`OutputFile.removeStalePartials`).
    static func temporaryWAVPath() -> String {
        let folder = TakeStore.temporaryFolder
        OutputFile.removeStalePartials(folder: folder)
        return folder + "/.camxuc-standard-output.wav.\(getpid()).partial"
    }

    /// Copies the rendered WAV at `path` to standard output a megabyte at a time and removes it (read whole, a
    /// 20-minute take took 466 MB); Ctrl-C or SIGTERM stops the copy (exit 130).
    static func sendWAV(_ path: String) throws {
        defer { unlink(path) }
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            Failure.printError("cannot read the rendered WAV back from \(path)")
            throw ExitCode(73)
        }
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            if Terminal.interrupted.load(ordering: .relaxed) {
                Failure.printError("stopped; the WAV on standard output is cut short")
                throw ExitCode(130)
            }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            try write(Array(buffer[..<count]))
        }
    }
}
