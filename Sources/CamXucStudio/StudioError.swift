import Foundation

/// Everything that can go wrong in CamXucStudio, each case worded as the one line a user sees.
public enum StudioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The config file exists but cannot be used.
    case badConfig(file: String, reason: String)
    /// A theme file exists but cannot be used.
    case badTheme(file: String, reason: String)
    /// No themes folder has `NAME.toml` for the theme asked for; `origin` says who asked (the flag or the config).
    case unknownTheme(name: String, origin: String, available: [String])
    /// The terminal's locale cannot show Vietnamese.
    case notUTF8(codeset: String)
    /// The locale asked for (LC_ALL, LC_CTYPE or LANG) is not installed here, so the C library fell back to C.
    case localeMissing(variable: String, value: String)
    /// Standard input or output is not a terminal (a pipe, /dev/null), so there is nothing to draw on or type in.
    case notATerminal
    /// TERM is unset, "dumb" or unknown to the terminal database, so the screen cannot be addressed.
    case unusableTerminal(term: String?)
    /// TERM names a terminal this machine's terminfo does not know (and not one that speaks xterm's sequences).
    case unknownTerminal(term: String)
    /// A failure made on purpose (`CAMXUC_FAULT=after-first-frame`) to test that the terminal is restored.
    case injectedFault

    public var description: String {
        switch self {
        case let .badConfig(file, reason):
            return "cannot use config \(file): \(reason)"
        case let .badTheme(file, reason):
            return "cannot use theme \(file): \(reason)"
        case let .unknownTheme(name, origin, available):
            return "there is no theme '\(name)' (\(origin)); "
                + (available.isEmpty ? "no themes folder was found" : "the themes are " + available.joined(separator: ", "))
        case let .notUTF8(codeset):
            // The variable that decided it: with LANG=C.UTF-8 already set, LC_ALL=POSIX was the cause, and the advice
            // to set LANG did nothing.
            let environment = ProcessInfo.processInfo.environment
            for variable in ["LC_ALL", "LC_CTYPE"] {
                if let value = environment[variable], !value.isEmpty {
                    return "the terminal's locale is \(codeset) (\(variable)=\(value)), not UTF-8, so Vietnamese cannot be shown; "
                        + "run with \(variable)=C.UTF-8 (or without \(variable))"
                }
            }
            return "the terminal's locale is \(codeset), not UTF-8, so Vietnamese cannot be shown; run with LANG=C.UTF-8 (or another UTF-8 locale)"
        case let .localeMissing(variable, value):
            // The variable that decided, as the advice: LANG=C.UTF-8 cannot win over LC_ALL or LC_CTYPE (it said so
            // with LANG=C.UTF-8 already set).
            return "the locale \(variable)=\(value) is not installed on this machine, so Vietnamese cannot be shown; "
                + "run with \(variable)=C.UTF-8 (or install that locale)"
        case .notATerminal:
            return "the studio needs a terminal: standard input and output must not be a pipe or a file "
                + "(use camxuc analyze or compose in scripts)"
        case let .unknownTerminal(term):
            return "this machine knows no terminal TERM=\(term) (no terminfo entry); run with TERM=xterm-256color, "
                + "or install the terminal's terminfo (Debian: ncurses-term)"
        case let .unusableTerminal(term):
            return term.map { "the terminal type TERM=\($0) cannot draw the studio; run it in a terminal such as xterm-256color" }
                ?? "TERM is not set (or empty), so the studio cannot draw; set it (for example TERM=xterm-256color)"
        case .injectedFault:
            return "the studio stopped on the test fault CAMXUC_FAULT asked for; the terminal was restored"
        }
    }
}
