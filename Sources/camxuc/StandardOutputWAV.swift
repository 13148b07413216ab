#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucSupport
import Foundation

/// `-` as a WAV output (`render -o -`, `compose --wav -`): a WAV is written whole, its header last, so it is rendered
/// into a temporary file and then copied to standard output (`-` made a file named "-", and the next run replaced it
/// without a word).
enum StandardOutputWAV {
    /// Refuses a terminal (a WAV is no text for one) and sends the report to standard error.
    static func prepare(flag: String) throws {
        guard isatty(STDOUT_FILENO) != 1 else {
            Failure.printError("\(flag) - writes the WAV to standard output, which is a terminal; redirect it (> take.wav) or pipe it")
            throw ExitCode(64)
        }
        Terminal.reportOnStandardError = true
    }

    /// Where the WAV is rendered before it is copied.
    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "camxuc-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).wav"
    }

    /// Copies the rendered WAV at `path` to standard output and removes it.
    static func send(_ path: String) throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            Failure.printError("cannot read the rendered WAV back from \(path)")
            throw ExitCode(73)
        }
        do {
            try OutputFile.writeAll([UInt8](data), to: STDOUT_FILENO)
        } catch let refusal as OutputFile.Refusal {
            Failure.printError("cannot write standard output: " + refusal.reason)
            throw ExitCode(73)
        }
    }
}
