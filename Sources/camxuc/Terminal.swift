#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Synchronization
import CamXucStudio

/// Where bytes stop being UTF-8: the offset and value of the first byte that is not, or nil for valid UTF-8.
enum UTF8Check {
    static func firstInvalid(_ bytes: [UInt8]) -> (offset: Int, byte: UInt8)? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            let before = offset
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return (bytes.count, 0)
            case .error: return (before, bytes[before])
            }
        }
    }
}

/// The command line exactly as the C runtime received it; Swift's `CommandLine.arguments` repairs invalid UTF-8.
enum RawArguments {
    /// The first argument (1-based, after the program's name) holding invalid UTF-8, with the byte and its offset.
    static func firstInvalidUTF8() -> (argument: Int, offset: Int, byte: UInt8)? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            if let invalid = UTF8Check.firstInvalid(bytes) { return (index, invalid.offset, invalid.byte) }
        }
        return nil
    }

    /// Ends the command with one line and exit 65 when an argument (a text to read or a file name) is not valid
    /// UTF-8.
    static func requireValidUTF8() throws {
        guard let invalid = firstInvalidUTF8() else { return }
        Failure.printError(String(format: "argument %d: invalid UTF-8 byte 0x%02X at byte %d (CamXuc reads text and file names as UTF-8)",
                                  invalid.argument, invalid.byte, invalid.offset))
        throw ExitCode(65)
    }
}

/// The few terminal facts the command line needs: whether stderr is a terminal, writing to it, and signals.
enum Terminal {
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1

    static func standardError(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// Set once standard output's reader has gone (`camxuc compose … | head -1`) in a command that keeps working
    /// without one: what it would have printed is dropped, the files it makes are still written.
    static let outputReaderGone = Atomic<Bool>(false)

    /// For commands whose product is a file (compose, render): a reader that closes standard output early neither
    /// kills the command (SIGPIPE) nor fails it — the MIDI and WAV files it was asked for are still written.
    /// Commands whose product is what they print keep the default and end with the pipe, as `cat` does.
    static func keepWorkingWithoutReader() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` to standard output, whole. A write that fails (a full disk, /dev/full) ends the command with
    /// one line on stderr and exit 73: output cut short must never look like success. A reader that went away
    /// (EPIPE, only seen after `keepWorkingWithoutReader()`) is not a failure: the rest of the output is dropped.
    static func standardOutput(_ text: String) {
        if outputReaderGone.load(ordering: .relaxed) { return }
        let failure: Int32? = text.utf8CString.withUnsafeBufferPointer { buffer in
            guard var base = UnsafeRawPointer(buffer.baseAddress) else { return nil }
            var left = buffer.count - 1
            while left > 0 {
                let written = write(STDOUT_FILENO, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                left -= written
                base += written
            }
            return nil
        }
        if failure == EPIPE {
            outputReaderGone.store(true, ordering: .relaxed)
            return
        }
        if let failure {
            standardError("camxuc: cannot write standard output: " + String(cString: strerror(failure)).lowercased() + "\n")
            exit(73)
        }
    }

    /// Rewrites the current stderr line with `text` (only on a terminal), cut to the terminal's width: a line wider
    /// than the terminal wrapped, and each redraw then added a line (`play` scrolled at 100 columns).
    static func status(_ text: String) {
        guard standardErrorIsTerminal else { return }
        standardError("\r\u{1B}[2K" + (columns().map { Grid.truncated(text, columns: $0 - 1) } ?? text))
    }

    /// The terminal's width in columns (standard error's), nil when it cannot be asked.
    static func columns() -> Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }


    /// Clears the status line.
    static func clearStatus() {
        guard standardErrorIsTerminal else { return }
        standardError("\r\u{1B}[2K")
    }

    /// Set by SIGINT, SIGTERM or SIGHUP once `catchInterrupts()` ran.
    static let interrupted = Atomic<Bool>(false)

    /// Turns Ctrl-C, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) into a flag the command's loop
    /// checks, so it can stop cleanly and leave no partial file.
    static func catchInterrupts() {
        signal(SIGINT) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
        signal(SIGHUP) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
    }

    /// Seconds since the Unix epoch, to the microsecond.
    static func wallClockSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// `text` with every control character (escape sequences from a file's track name, say) shown as `\u{1B}`
    /// instead of reaching the terminal.
    /// `value` as "%+.2f" shows it, without the "−0.00" a tiny negative number prints as.
    static func hundredths(_ value: Double) -> Double {
        let rounded = (value * 100).rounded() / 100
        return rounded == 0 ? 0 : rounded
    }

    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// "m:ss" or "m:ss.t" for a number of seconds.
    static func clock(_ seconds: Double, tenths: Bool = false) -> String {
        let clamped = seconds.isNaN ? 0 : min(max(seconds, 0), 1e12)
        // Counted in tenths, cut as a clock cuts, but not below what the number means: 4.8 s is 4.7999… in binary and
        // showed as 0:04.7.
        let allTenths = Int(clamped * 10 + 1e-6)
        let whole = tenths ? allTenths / 10 : Int(clamped)
        // An hour or more as h:mm:ss (a long file's length read "4660:20.2").
        let hours = whole / 3600
        let minutes = hours > 0 ? whole / 60 % 60 : whole / 60
        let lead = hours > 0 ? "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes):" : "\(minutes):"
        if tenths {
            let secs = whole % 60
            return lead + (secs < 10 ? "0" : "") + "\(secs).\(allTenths % 10)"
        }
        let secs = Int(clamped) % 60
        return lead + (secs < 10 ? "0" : "") + "\(secs)"
    }
}
