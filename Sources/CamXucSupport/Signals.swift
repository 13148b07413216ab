import Glibc

/// Signals as the shell hands them over.
public enum Signals {
    /// Whether `signal` is ignored now. Called before the program sets a handler of its own, it says whether the
    /// process started with it ignored: `nohup` ignores SIGHUP, and a shell without job control starts a background
    /// job (`camxuc compose … &` in a script) with SIGINT and SIGQUIT ignored. Such a signal stays ignored, as every
    /// program leaves it: a `nohup` composition went on being stopped by the closed terminal's SIGHUP.
    public static func isIgnored(_ signal: Int32) -> Bool {
        var action = sigaction()
        guard sigaction(signal, nil, &action) == 0 else { return false }
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Sets `handler` for each of `signals` the process did not start with ignored.
    public static func catchUnlessIgnored(_ signals: [Int32], _ handler: @convention(c) (Int32) -> Void) {
        for signal in signals where !isIgnored(signal) { Glibc.signal(signal, handler) }
    }
}
