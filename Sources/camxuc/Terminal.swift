#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The few terminal facts the command line needs: whether stderr is a terminal, writing to it, and signals.
enum Terminal {
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1

    static func standardError(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    static func standardOutput(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// Rewrites the current stderr line with `text` (only on a terminal).
    static func status(_ text: String) {
        guard standardErrorIsTerminal else { return }
        standardError("\r\u{1B}[2K" + text)
    }

    /// Clears the status line.
    static func clearStatus() {
        guard standardErrorIsTerminal else { return }
        standardError("\r\u{1B}[2K")
    }

    /// Set by SIGINT or SIGTERM once `catchInterrupts()` ran.
    static let interrupted = Atomic<Bool>(false)

    /// Turns Ctrl-C and SIGTERM into a flag the command's loop checks, so it can stop cleanly.
    static func catchInterrupts() {
        signal(SIGINT) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in Terminal.interrupted.store(true, ordering: .relaxed) }
    }

    /// Seconds since the Unix epoch, to the microsecond.
    static func wallClockSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// "m:ss" or "m:ss.t" for a number of seconds.
    static func clock(_ seconds: Double, tenths: Bool = false) -> String {
        let clamped = max(seconds, 0)
        let minutes = Int(clamped) / 60
        if tenths {
            let rest = clamped - Double(minutes * 60)
            let whole = Int(rest)
            let tenth = min(Int((rest - Double(whole)) * 10), 9)
            return "\(minutes):" + (whole < 10 ? "0" : "") + "\(whole).\(tenth)"
        }
        let secs = Int(clamped) % 60
        return "\(minutes):" + (secs < 10 ? "0" : "") + "\(secs)"
    }
}
