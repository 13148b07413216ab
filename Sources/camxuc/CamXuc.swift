import ArgumentParser
import CamXucSupport
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
            130 interrupted (Ctrl-C, Ctrl-\\ or SIGTERM; SIGTERM, SIGHUP, SIGINT or SIGQUIT in the studio).

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
        Terminal.holdClosedStandardDescriptors()
        // Ctrl-\ (SIGQUIT) quits, as it does every program: the Swift runtime's backtracer took it for a crash,
        // printed "Program crashed" with a backtrace, held the terminal 30 s for a key and then let the command go on.
        // Commands that stop cleanly on Ctrl-C catch it with it (`Terminal.catchInterrupts`). Ignored by the parent
        // (a background job of a script), it stays ignored.
        if !Signals.isIgnored(SIGQUIT) { signal(SIGQUIT, SIG_DFL) }
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // `help NAME` for a command that does not exist is a mistake, not the general help with exit 0.
            let names = configuration.subcommands.map { $0._commandName }
            if arguments.count > 1, arguments[0] == "help", arguments[1] == "help" { arguments = ["help"] }
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
            // A number written with the minus sign the help itself prints ("−1 (unpleasant)"): as with "-".
            arguments = arguments.map { argument in
                guard argument.hasPrefix("\u{2212}"), Double("-" + argument.dropFirst()) != nil else { return argument }
                return "-" + argument.dropFirst()
            }
            // A text that opens with a dialogue dash ("- Em đi đâu đấy?") is text, not an option: `analyze` reads it
            // as if "--" came before it (compose's --text takes any value that follows it).
            // The words of the text go after "--", the options before it, so an option after the text is still one
            // (`analyze "- Em đi đâu đấy?" --json` read "--json" as a second sentence and printed the table).
            if arguments.first == "analyze", !arguments.contains("--"),
               let dash = arguments.firstIndex(where: { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().first?.isWhitespace == true }) {
                var options: [String] = [], text: [String] = []
                var index = dash
                while index < arguments.count {
                    let word = arguments[index]
                    if index != dash, word.hasPrefix("-"), word.count > 1, !(word.dropFirst().first?.isWhitespace ?? false) {
                        options.append(word)
                        if takesValue(word, command: "analyze"), index + 1 < arguments.count {
                            options.append(arguments[index + 1])
                            index += 1
                        }
                    } else {
                        text.append(word)
                    }
                    index += 1
                }
                arguments = Array(arguments[..<dash]) + options + ["--"] + text
            }
            // Swift repairs invalid UTF-8 in arguments, so a Latin-1 file name opened "no such file" and an output
            // name was written under another (repaired) name: every command refuses such an argument, naming it.
            // `info` describes the other files, as it does past a file it cannot read (`info ~/Music/*.mid` printed
            // nothing for one Latin-1 name among them).
            var undescribed = 0
            if arguments.first == "info" {
                let invalid = RawArguments.allInvalidUTF8()
                for bad in invalid {
                    Failure.printError(String(format: "%@: invalid UTF-8 byte 0x%02X at byte %d of the name; not described (CamXuc reads file names as UTF-8)",
                                              bad.shown, bad.byte, bad.offset))
                }
                for index in invalid.map(\.argument).sorted(by: >) { arguments.remove(at: index - 1) }
                undescribed = invalid.count
                if undescribed > 0 {
                    // Several files asked for: JSON is the array it would have been, of those described ("[]" when
                    // none is; it printed one object, or nothing).
                    Info.alwaysArray = true
                    // The words that are no option before "--", and all after it.
                    let dashes = arguments.firstIndex(of: "--") ?? arguments.endIndex
                    let files = arguments[1..<dashes].filter { !$0.hasPrefix("-") } + arguments.dropFirst(dashes + 1)
                    if files.isEmpty {
                        if arguments.contains("--json") { Terminal.standardOutput("[]\n") }
                        exit(withError: ExitCode(65))
                    }
                }
            } else {
                try RawArguments.requireValidUTF8()
            }
            var command = try parseAsRoot(arguments)
            try command.run()
            if undescribed > 0 { exit(withError: ExitCode(65)) }
        } catch {
            let code = exitCode(for: error)
            // A text or a file name beginning with "-" is read as short options: one holding an h asked for the help
            // (`info -dash.mid`, `analyze --json "-hôm nay…"` printed it with exit 0, which a script took for the
            // result), others gave "Unknown option" or "Missing expected argument". Said as what it is, with the way out.
            let words = arguments.prefix { $0 != "--" }
            if let suspect = words.first(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.count > 2 && Double($0) == nil }),
               !(code == .success && (words.contains("-h") || words.contains("--help") || words.first == "help" || words.contains("--version"))) {
                let command = names(in: words).map { $0 + " " } ?? ""
                let shown = Terminal.printable(suspect)
                // After an option it is that option's value, which "--" cannot help: "-o=-dash.mid" can.
                if let at = words.firstIndex(of: suspect), at > words.startIndex, takesValue(words[at - 1], command: names(in: words)) {
                    let option = Terminal.printable(words[at - 1])
                    Failure.printError("'\(shown)' after \(option) is read as an option; give a value that begins with '-' as \(option)=\(shown)")
                } else {
                    Failure.printError("'\(shown)' is not an option; put -- before a text or file name that begins with "
                                       + "'-' (camxuc \(command)-- \(shown))")
                }
                exit(withError: ExitCode(64))
            }
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

/// Whether `option` of `command` takes a value (parsed alone, it is missing one).
func takesValue(_ option: String, command: String?) -> Bool {
    guard option.hasPrefix("-"), !option.contains("="), Double(option) == nil else { return false }
    do {
        _ = try CamXuc.parseAsRoot((command.map { [$0] } ?? []) + [option])
        return false
    } catch {
        return CamXuc.message(for: error).hasPrefix("Missing value for")
    }
}

/// The command named first in `words`, if any.
private func names(in words: ArraySlice<String>) -> String? {
    let commands = CamXuc.configuration.subcommands.map { $0._commandName }
    return words.first.flatMap { commands.contains($0) ? $0 : nil }
}

enum CamXucVersion {
    static let string = "0.1.0"
}
