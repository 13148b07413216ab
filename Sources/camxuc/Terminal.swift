#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Synchronization
import CamXucStudio
import CamXucSupport

/// Reads of a file descriptor as the bytes arrive (`FileHandle.read(upToCount:)` waited for a whole 64 KiB block, so
/// `tail -f chat.log | camxuc analyze` and a coprocess got no answer to a line until 64 KiB or the end had come, and
/// a terminal none until Ctrl-D), and errors as POSIX says them (`FileHandle` trapped on a closed or folder stdin).
enum DescriptorRead {
    struct Failure: Error {
        let code: Int32
        /// "it is a folder", "bad file descriptor": what a user is told.
        var reason: String { code == EISDIR ? "it is a folder" : String(cString: strerror(code)).lowercased() }
    }

    /// What one read(2) gives, at most `limit` bytes; empty at the end.
    static func chunk(_ descriptor: Int32 = STDIN_FILENO, limit: Int = 1 << 16) throws(Failure) -> [UInt8] {
        // Closed at start, and held on /dev/null since (`Terminal.holdClosedStandardDescriptors`).
        if descriptor == STDIN_FILENO, Terminal.standardInputWasClosed { throw Failure(code: EBADF) }
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, limit) }
            if count >= 0 { return Array(buffer[0..<count]) }
            if errno == EINTR { continue }
            throw Failure(code: errno)
        }
    }

    /// Everything to the end, or the first `limit` bytes of it.
    static func all(_ descriptor: Int32 = STDIN_FILENO, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < limit {
            let next = try chunk(descriptor, limit: min(1 << 16, limit - bytes.count))
            if next.isEmpty { break }
            bytes += next
        }
        return bytes
    }
}

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
    /// Every argument holding invalid UTF-8: its index in argv, the first bad byte and its offset, and the argument
    /// with its bad bytes written as \xNN.
    static func allInvalidUTF8() -> [(argument: Int, offset: Int, byte: UInt8, shown: String)] {
        (1..<Int(CommandLine.argc)).compactMap { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return nil }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            guard let invalid = UTF8Check.firstInvalid(bytes) else { return nil }
            var shown = "", rest = bytes[...]
            while !rest.isEmpty {
                if let bad = UTF8Check.firstInvalid(Array(rest)) {
                    shown += String(decoding: rest.prefix(bad.offset), as: UTF8.self) + String(format: "\\x%02X", bad.byte)
                    rest = rest.dropFirst(bad.offset + 1)
                } else {
                    shown += String(decoding: rest, as: UTF8.self)
                    rest = []
                }
            }
            return (index, invalid.offset, invalid.byte, Terminal.printable(shown))
        }
    }

    /// Ends the command with one line and exit 65 when an argument (a text to read or a file name) is not valid
    /// UTF-8.
    static func requireValidUTF8() throws {
        guard let invalid = allInvalidUTF8().first else { return }
        // The argument itself, its bad bytes as \xNN, and the option it is the value of ("argument 9" sent a reader
        // counting through a long compose line).
        let raw = CommandLine.arguments
        // Only an option that takes a value ("after --json" read as if the text were its value).
        let previous = invalid.argument > 1 ? raw[invalid.argument - 1] : ""
        let command = raw.count > 1 && !raw[1].hasPrefix("-") ? raw[1] : nil
        let option = takesValue(previous, command: command) ? " after \(Terminal.printable(previous))" : ""
        Failure.printError(String(format: "argument %d%@ (%@): invalid UTF-8 byte 0x%02X at byte %d (CamXuc reads text and file names as UTF-8)",
                                  invalid.argument, option, invalid.shown, invalid.byte, invalid.offset))
        throw ExitCode(65)
    }
}

/// The few terminal facts the command line needs: whether stderr is a terminal, writing to it, and signals.
enum Terminal {
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1
    static let standardOutputIsTerminal = isatty(STDOUT_FILENO) == 1

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
        keepsWorkingWithoutReader = true
    }
    nonisolated(unsafe) static var keepsWorkingWithoutReader = false

    /// Standard output was closed when the command started (`>&-`).
    nonisolated(unsafe) static var standardOutputWasClosed = false

    /// Standard input, output or error closed at start (`>&-`) is held open on /dev/null, so that the next file
    /// opened does not become it: `render … >&-` wrote its report into the log file, which took descriptor 1, and
    /// exited 0. Writing the report then fails as writing to a closed descriptor does (73).
    static func holdClosedStandardDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == STDOUT_FILENO { standardOutputWasClosed = true }
            if descriptor == STDIN_FILENO { standardInputWasClosed = true }
        }
    }

    /// Standard input was closed when the command started (`<&-`).
    nonisolated(unsafe) static var standardInputWasClosed = false

    /// The report goes to standard error (`compose -o -`: standard output carries the MIDI file).
    nonisolated(unsafe) static var reportOnStandardError = false

    /// Writes `text` to standard output, whole. A write that fails (a full disk, /dev/full) ends the command with
    /// one line on stderr and exit 73: output cut short must never look like success. A reader that went away
    /// (EPIPE, only seen after `keepWorkingWithoutReader()`) is not a failure: the rest of the output is dropped.
    static func standardOutput(_ text: String) {
        if reportOnStandardError {
            standardError(text)
            return
        }
        if outputReaderGone.load(ordering: .relaxed) { return }
        if standardOutputWasClosed {
            standardError("camxuc: cannot write standard output: bad file descriptor\n")
            exit(73)
        }
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
            // A command whose product is what it prints ends with its reader, as with SIGPIPE's default, also where
            // SIGPIPE came ignored from the parent (systemd's services): `analyze` read and classified its endless
            // input on, writing nowhere, and exited 0.
            guard keepsWorkingWithoutReader else {
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
                exit(141)
            }
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

    /// Set by SIGINT, SIGQUIT, SIGTERM or SIGHUP once `catchInterrupts()` ran.
    static let interrupted = Atomic<Bool>(false)

    /// Turns Ctrl-C, Ctrl-\, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) into a flag the command's
    /// loop checks, so it can stop cleanly and leave no partial file. One the process started with ignored stays
    /// ignored (`nohup camxuc compose …` goes on when the terminal closes).
    static func catchInterrupts() {
        Signals.catchUnlessIgnored([SIGINT, SIGQUIT, SIGTERM, SIGHUP]) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
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
        // Counted in tenths, cut as a clock cuts, but not below what the number means to a millisecond (a file's
        // resolution): 4.8 s is 4.7999… in binary and showed as 0:04.7, and a take whose last chord rings to its 30th
        // second ends at 29.9997 s on its file's ticks and showed as 0:29.9.
        let allTenths = Int(clamped * 10 + 0.01)
        let whole = tenths ? allTenths / 10 : Int(clamped + 0.001)
        // An hour or more as h:mm:ss (a long file's length read "4660:20.2").
        let hours = whole / 3600
        let minutes = hours > 0 ? whole / 60 % 60 : whole / 60
        let lead = hours > 0 ? "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes):" : "\(minutes):"
        if tenths {
            let secs = whole % 60
            return lead + (secs < 10 ? "0" : "") + "\(secs).\(allTenths % 10)"
        }
        let secs = Int(clamped + 0.001) % 60
        return lead + (secs < 10 ? "0" : "") + "\(secs)"
    }
}
