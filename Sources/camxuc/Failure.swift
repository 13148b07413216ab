#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucAudio
import CamXucEmotion
import CamXucMusic
import CamXucStudio

/// Turns a library error into its one line on stderr and its documented exit code.
enum Failure {
    static func exit(_ error: Error) -> ExitCode {
        let code: Int32
        switch error {
        case let error as MusicError:
            switch error {
            case .malformedMIDI: code = 65
            case .cannotRead, .modelNotFound: code = 66
            case .cannotWrite: code = 73
            case .invalidValue: code = 64
            case .badModel, .unusablePrimer: code = 65
            }
        case let error as AudioError:
            switch error {
            case .soundfontNotFound, .noSoundfont, .badSoundfont: code = 66
            case .noAudioDevice, .deviceStopped: code = 69
            case .cannotWrite: code = 73
            case .takeTooLong: code = 65
            case .synthesizerFailed: code = 1
            }
        case let error as StudioError:
            code = error == .injectedFault ? 70 : 78
        case let error as EmotionError:
            switch error {
            case .modelNotFound: code = 66
            case .badConfig, .badWeights, .emptyText: code = 65
            case .cannotSaveCorrection: code = 73
            }
        default:
            code = 1
        }
        printError("\(error)")
        return ExitCode(code)
    }

    /// One line, whatever the message holds: a file name with a newline or an escape sequence in it is shown with
    /// its control characters as escapes, so it can neither split the line nor colour the terminal.
    /// The MIDI file at `file` as `info`, `render` and `play` read it, with a note on stderr for each kind of event
    /// its take has no place for (pitch bends, aftertouch, a second instrument on a channel).
    /// "-" is standard input, as for `analyze` and `--text-file` (it was "cannot read -: no such file").
    static func readMIDI(_ file: String) throws -> Take {
        var leftOut = MIDIFile.LeftOut()
        let take = try MIDIFile.read(path: file == "-" ? "/dev/stdin" : file, leftOut: &leftOut)
        for line in leftOut.lines(file: Terminal.printable(file)) { printError("note: " + line) }
        return take
    }

    static func printWarning(_ message: String) {
        Terminal.standardError("camxuc: warning: " + Terminal.printable(message) + "\n")
    }

    static func printError(_ message: String) {
        Terminal.standardError("camxuc: " + Terminal.printable(message) + "\n")
    }
}
