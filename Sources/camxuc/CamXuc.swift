import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `camxuc` command: argument parsing and wiring only; the work lives in the libraries.
@main
struct CamXuc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "camxuc",
        abstract: "Vietnamese text to emotion to piano music, in the terminal.",
        discussion: """
            Reads the emotion in Vietnamese text; plays, renders and inspects takes (Standard MIDI Files) through \
            FluidSynth.

            Exit codes: 0 success; 1 internal failure; 64 bad command line (or an output that would replace an input); \
            65 malformed input (a file, text, a model, a take too long to render, a primer with no notes to continue); \
            66 input file, soundfont or model missing or unreadable; 69 no audio device; 73 cannot write output or standard output; \
            70 the studio stopped on an internal error; 78 bad config or theme, no UTF-8 locale, or no usable terminal; \
            130 interrupted (Ctrl-C or SIGTERM; SIGTERM, SIGHUP or SIGINT in the studio).

            Config: $XDG_CONFIG_HOME/camxuc/config.toml (default ~/.config/camxuc/config.toml). \
            Log of FluidSynth and ALSA messages: $XDG_STATE_HOME/camxuc/camxuc.log (default ~/.local/state/camxuc/).
            """,
        version: CamXucVersion.string,
        subcommands: [Studio.self, Analyze.self, Compose.self, Play.self, Render.self, Info.self],
        defaultSubcommand: Studio.self
    )

    /// Like ArgumentParser's own entry point, but a command-line mistake is one line on stderr (exit 64), not an
    /// error followed by the usage; help and version still print in full.
    static func main() {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            // `help NAME` for a command that does not exist is a mistake, not the general help with exit 0.
            let names = configuration.subcommands.map { $0._commandName }
            if arguments.count > 1, arguments[0] == "help", !names.contains(arguments[1]) {
                Failure.printError("there is no command '\(arguments[1])'; the commands are \(names.joined(separator: ", ")) (see camxuc help)")
                exit(withError: ExitCode(64))
            }
            // The studio (the default command) takes no words, so a first word that names no command is a mistyped
            // one ("camxuc compse" said "Unexpected argument 'compse'").
            if let first = arguments.first, !first.hasPrefix("-"), first != "help", !names.contains(first) {
                Failure.printError("there is no command '\(Terminal.printable(first))'; the commands are \(names.joined(separator: ", ")) (see camxuc help)")
                exit(withError: ExitCode(64))
            }
            // A text that opens with a dialogue dash ("- Em đi đâu đấy?") is text, not an option: `analyze` reads it
            // as if "--" came before it (compose's --text takes any value that follows it).
            if arguments.first == "analyze", !arguments.contains("--"),
               let dash = arguments.firstIndex(where: { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().first?.isWhitespace == true }) {
                arguments.insert("--", at: dash)
            }
            // Swift repairs invalid UTF-8 in arguments, so a Latin-1 file name opened "no such file" and an output
            // name was written under another (repaired) name: every command refuses such an argument, naming it.
            try RawArguments.requireValidUTF8()
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // Help and the version, written as everything else is: a full disk or a closed pipe is noticed
                // (`camxuc --version >/dev/full` exited 0 having written nothing).
                let text = fullMessage(for: error)
                if !text.isEmpty { Terminal.standardOutput(text + "\n") }
                Glibc.exit(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
            if !message.isEmpty {
                Failure.printError(message + (code == .validationFailure ? " (see camxuc help)" : ""))
            }
            exit(withError: ExitCode(code.rawValue))
        }
    }
}

enum CamXucVersion {
    static let string = "0.1.0"
}
