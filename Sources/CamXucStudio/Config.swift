import CamXucText
import CamXucMusic
import CamXucSupport
import Foundation
import TOMLKit

/// The user's settings from `$XDG_CONFIG_HOME/camxuc/config.toml` (by default `~/.config/camxuc/config.toml`).
///
/// Command-line flags override it. A missing file means defaults; a file that is not valid TOML, or a value of the
/// wrong type, is an error naming the file and the key; unknown keys are warnings, so that a config written for a
/// newer version still loads.
public struct Config: Equatable, Sendable {
    /// `[audio] soundfont`: the SoundFont 2 file to play with.
    public var soundfont: String?
    /// `[audio] gain`: output gain, 0–10.
    public var gain: Double?
    /// `[audio] device`: the ALSA device to play on.
    public var audioDevice: String?
    /// `[studio] theme`: dark, light, high-contrast, sixteen, or a file name in the themes folder.
    public var theme: String?
    /// `[studio] language`: "vi" or "en".
    public var language: String?
    /// `[studio] save_folder`: where s saves takes.
    public var saveFolder: String?
    /// `[studio] telex`: whether the Telex input method starts on (`input` says which one).
    public var telex: Bool?
    /// `[studio] input`: the input method the text field starts with: telex, vni or off.
    public var input: InputMethod.Kind??
    /// `[studio] tones`: where a tone goes on an open oa, oe, uy: "new" (hoà, thuỷ) or "old" (hòa, thủy).
    public var toneStyle: InputMethod.ToneStyle?

    /// The input method the text field starts with: `input`, else `telex`, else Telex; in `toneStyle`.
    public var startingInputMethod: InputMethod? {
        let kind: InputMethod.Kind? = input ?? (telex == false ? nil : .telex)
        return kind.map { InputMethod($0, toneStyle: toneStyle ?? .modern) }
    }
    /// `[studio] listen`: whether Enter plays a take while it is being composed (paced to what is heard).
    public var listen: Bool?
    /// `[parameters]`: starting values of the sampling parameters.
    public var temperature: Double?
    public var topK: Int?
    public var topP: Double?
    public var guidance: Double?
    public var lengthSeconds: Double?
    /// `[parameters] key`: the key row's start, "auto" (`.some(nil)`: from each take's seed) or a tonic 0–11.
    public var key: Int??
    /// The tonic as the file writes it ("C#"), for the key's spelling.
    public var keyName: String?
    public var keyLock: Bool?
    public var tempoScale: Double?
    /// `[parameters] instrument`: the General MIDI program (0 = Acoustic Grand Piano).
    public var program: Int?
    /// `[keys]`: actions bound to other keys, in key order (`save = "w"`, `quit = ["q", "F10"]`).
    public var keys: [KeyOverride] = []

    public struct KeyOverride: Equatable, Sendable {
        public var action: String
        public var keys: [String]
    }

    public init(soundfont: String? = nil, gain: Double? = nil, audioDevice: String? = nil) {
        self.soundfont = soundfont
        self.gain = gain
        self.audioDevice = audioDevice
    }

    /// The file written on first run: every setting, commented out at its default.
    /// `text` as comment lines of at most `width` columns.
    static func wrappedComment(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count + 1 + word.count > width { lines.append(line); line = "#" }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    public static let template = """
        # CamXuc settings. Lines starting with # are comments; remove the # to change a setting.
        # Command-line flags override what is here.

        [audio]
        # soundfont = "/usr/share/sounds/sf2/TimGM6mb.sf2"   # a SoundFont 2 file
        # gain = 1.0                                          # 0–10
        # device = "default"                                  # the ALSA device

        [studio]
        # theme = "dark"              # dark, light, high-contrast, sixteen
        # language = "vi"             # vi or en
        # save_folder = "~/Music/CamXuc"
        # input = "telex"             # the text field's input method at start: telex, vni or off (Ctrl-T cycles)
        # tones = "new"               # a tone on an open oa, oe, uy: new (hoà, thuỷ) or old (hòa, thủy)
        # listen = true               # Enter plays the take as it is composed; changes are heard a second later

        [parameters]
        # temperature = 1.0           # 0–2
        # top_k = 40                  # 0 keeps all
        # top_p = 0.95                # 0.01 to 1
        # guidance = 2.5              # 0–20
        # length = 30                 # seconds, 5–600
        # key = "auto"                # auto (the seed chooses) or a tonic: C, C#, Db, D … B
        # key_lock = true             # notes kept to the key's scale, lightly
        # tempo = 1.0                 # 0.5–2, times the tempo the emotion gives
        # instrument = 0              # General MIDI program 0–127 (0 = Acoustic Grand Piano)

        [keys]
        # Bind an action to other keys: a character, or Enter, Space, Tab, Esc, Home, End, PageUp, PageDown,
        # arrows, F1–F12, Ctrl-A–Ctrl-Z but Ctrl-C (always quits), Ctrl-H, I, J, M (terminals send them as
        # Backspace, Tab and Enter), Ctrl-Q (flow control), Ctrl-T and Ctrl-W (the text field's). A list gives
        # several keys; a key given here is taken from whatever had it. The actions:
        \(Self.wrappedComment(Action.allCases.map(\.rawValue).joined(separator: ", ") + ".", width: 110))
        # save = "F2"
        # quit = ["q", "F10"]

        """

    /// Writes `template` to `path` if no file is there (creating the folder); errors are ignored, since the
    /// studio works without a config file.
    /// A symbolic link there counts as a file, its target written or not (a dotfiles link not yet filled was
    /// replaced by the template).
    public static func writeTemplateIfMissing(path: String = Config.defaultPath) {
        var status = stat()
        guard lstat(path, &status) != 0 else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? template.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `[studio] save_folder` as a path: "~" and "~/…" in the home folder, as `HomeFolder` reads every "~" of
    /// CamXuc's (saves had gone to /root/saves under another HOME). A relative path would depend on where the studio was started (a
    /// probe's "~" made a folder named "~" there), so it is a config error.
    public static func saveFolderPath(_ folder: String,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let expanded = HomeFolder.expanding(folder, environment: environment)
        guard expanded.hasPrefix("/") else {
            throw StudioError.badConfig(file: Config.defaultPath,
                                        reason: "'studio.save_folder' must be a folder from / or ~/ (got \"\(folder)\")")
        }
        return expanded
    }

    /// Where the config file is looked for.
    public static var defaultPath: String {
        UserFolder.config.path + "/config.toml"
    }

    /// The config at `path` and warnings about keys it does not know; defaults when the file does not exist.
    /// A file that is there but cannot be looked at (a link loop, a folder that may not be read) is an error: it was
    /// taken for no file, and the user's settings silently did not apply. Only a file that is not there (or a link
    /// to one, dotfiles not yet in place) means the defaults.
    /// `sections`: the tables to read (nil, all); the others are left unread, so that a studio setting out of its
    /// range does not stop `play` or `render`, which never use it.
    public static func load(path: String = Config.defaultPath, sections: Set<String>? = nil) throws -> (config: Config, warnings: [String]) {
        var status = stat()
        if stat(path, &status) != 0 {
            let reason = errno
            // None there, or none can be (a file where a folder of its path should be: XDG_CONFIG_HOME set to a file
            // made render and play exit 78 over a config nobody wrote).
            if reason == ENOENT || reason == ENOTDIR { return (Config(), []) }
            throw StudioError.badConfig(file: path, reason: "it cannot be read (\(String(cString: strerror(reason)).lowercased()))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudioError.badConfig(file: path, reason: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudioError.badConfig(file: path, reason: "it is not UTF-8 text")
        }
        return try parse(text, file: path, sections: sections)
    }

    /// Parses config text; `file` names it in errors and warnings.
    public static func parse(_ text: String, file: String, sections wanted: Set<String>? = nil) throws -> (config: Config, warnings: [String]) {
        let table: TOMLTable
        if let problem = TOMLHeaders.firstProblem(in: text) {
            throw StudioError.badConfig(file: file, reason: "line \(problem.line): \(problem.reason)")
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw StudioError.badConfig(file: file, reason: "line \(error.source.begin.line), column "
                                        + "\(error.source.begin.column): \(TOMLHeaders.plain(error.description))")
        } catch {
            throw StudioError.badConfig(file: file, reason: "\(error)")
        }
        var config = Config()
        var warnings: [String] = []
        let sections = ["audio", "studio", "parameters", "keys"]
        // A section's key written above every section ("theme" at the top of the file) is said where it belongs.
        let homes = ["soundfont": "audio", "gain": "audio", "device": "audio", "theme": "studio", "language": "studio",
                     "save_folder": "studio", "input": "studio", "tones": "studio", "listen": "studio", "telex": "studio",
                     "temperature": "parameters", "top_k": "parameters", "top_p": "parameters", "guidance": "parameters",
                     "length": "parameters", "key": "parameters", "key_lock": "parameters", "tempo": "parameters",
                     "instrument": "parameters"]
        for key in table.keys.sorted() where !sections.contains(key) {
            warnings.append("\(file): unknown key '\(key)' ignored" + (homes[key].map { " (it belongs under [\($0)])" } ?? ""))
        }
        func section(_ name: String) throws -> TOMLTable? {
            guard wanted?.contains(name) ?? true, let value = table[name] else { return nil }
            guard let sub = value.table else { throw StudioError.badConfig(file: file, reason: "'\(name)' must be a table ([\(name)])") }
            return sub
        }
        // What was given, in the message (a string "1.0", nan and -1 all read "must be a number from 0 to 2").
        func got(_ value: TOMLValueConvertible?) -> String {
            if let string = value?.string { return " (got the string \"\(string.count > 40 ? String(string.prefix(40)) + "…" : string)\")" }
            if let number = value?.double { return " (got \(number))" }
            if let number = value?.int { return " (got \(number))" }
            if let flag = value?.bool { return " (got \(flag))" }
            return ""
        }
        func number(_ value: TOMLValueConvertible?, _ key: String, _ range: ClosedRange<Double>) throws -> Double {
            guard let number = value?.double ?? value?.int.map(Double.init), range.contains(number) else {
                throw typeError(file, key, "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))" + got(value))
            }
            return number
        }
        func wholeNumber(_ value: TOMLValueConvertible?, _ key: String, _ range: ClosedRange<Double>) throws -> Int {
            let number = try? number(value, key, range)
            guard let number, number == number.rounded() else {
                throw typeError(file, key, "a whole number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))" + got(value))
            }
            return Int(number)
        }
        // An empty path or device name is a mistake, never "the default" (it fell back to the system soundfont, or
        // asked ALSA for a device called '').
        func nonEmpty(_ value: TOMLValueConvertible?, _ key: String, _ what: String) throws -> String {
            guard let string = value?.string, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw typeError(file, key, "a string (\(what)), not empty")
            }
            return string
        }
        if let audio = try section("audio") {
            for key in audio.keys.sorted() {
                let value = audio[key]
                switch key {
                case "soundfont":
                    config.soundfont = try nonEmpty(value, "audio.soundfont", "a path")
                case "gain":
                    config.gain = try number(value, "audio.gain", 0...10)
                case "device":
                    config.audioDevice = try nonEmpty(value, "audio.device", "an ALSA device name")
                default:
                    warnings.append("\(file): unknown key 'audio.\(key)' ignored")
                }
            }
        }
        if let studio = try section("studio") {
            for key in studio.keys.sorted() {
                let value = studio[key]
                switch key {
                case "theme":
                    guard let string = value?.string else { throw typeError(file, "studio.theme", "a string") }
                    config.theme = string
                case "language":
                    // Upper case too, as --lang, input and tones take it.
                    guard let string = value?.string?.lowercased(), ["vi", "en"].contains(string) else {
                        throw typeError(file, "studio.language", "\"vi\" or \"en\"")
                    }
                    config.language = string
                case "save_folder":
                    config.saveFolder = try nonEmpty(value, "studio.save_folder", "a folder")
                case "telex":
                    guard let flag = value?.bool else { throw typeError(file, "studio.telex", "true or false") }
                    config.telex = flag
                case "input":
                    switch value?.string?.lowercased() {
                    case "telex"?: config.input = .some(.telex)
                    case "vni"?: config.input = .some(.vni)
                    case "off"?: config.input = .some(nil)
                    default: throw typeError(file, "studio.input", "\"telex\", \"vni\" or \"off\"")
                    }
                case "tones":
                    switch value?.string?.lowercased() {
                    case "new"?: config.toneStyle = .modern
                    case "old"?: config.toneStyle = .traditional
                    default: throw typeError(file, "studio.tones", "\"new\" (hoà, thuỷ) or \"old\" (hòa, thủy)")
                    }
                case "listen":
                    guard let flag = value?.bool else { throw typeError(file, "studio.listen", "true or false") }
                    config.listen = flag
                default:
                    warnings.append("\(file): unknown key 'studio.\(key)' ignored")
                }
            }
        }
        if let parameters = try section("parameters") {
            for key in parameters.keys.sorted() {
                let value = parameters[key]
                switch key {
                case "temperature": config.temperature = try number(value, "parameters.temperature", 0...2)
                case "top_k": config.topK = try wholeNumber(value, "parameters.top_k", 0...200)
                case "top_p": config.topP = try number(value, "parameters.top_p", 0.01...1)
                case "guidance": config.guidance = try number(value, "parameters.guidance", Parameters.guidanceRange)
                case "length": config.lengthSeconds = try number(value, "parameters.length", Parameters.lengthRange)
                case "key":
                    guard let name = value?.string, name == "auto" || ChordPlan.tonic(named: name) != nil else {
                        throw typeError(file, "parameters.key", "\"auto\" or a tonic such as \"C\", \"F#\" or \"Bb\"")
                    }
                    config.key = .some(name == "auto" ? nil : ChordPlan.tonic(named: name))
                    // As musicians write it: "c#" is shown "C#".
                    config.keyName = name == "auto" ? nil : name.prefix(1).uppercased() + name.dropFirst()
                case "key_lock":
                    guard let flag = value?.bool else { throw typeError(file, "parameters.key_lock", "true or false") }
                    config.keyLock = flag
                case "tempo": config.tempoScale = try number(value, "parameters.tempo", 0.5...2)
                case "instrument": config.program = try wholeNumber(value, "parameters.instrument", 0...127)
                default: warnings.append("\(file): unknown key 'parameters.\(key)' ignored")
                }
            }
        }
        if let keys = try section("keys") {
            // In the order the file gives them, so that of two actions given one key the later line wins (the table's
            // keys come sorted: `save = "z"` then `loop = "z"` left z saving).
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            func line(of key: String) -> Int {
                lines.firstIndex { line in
                    [key, "\"\(key)\"", "keys.\(key)"].contains { name in
                        line.hasPrefix(name) && line.dropFirst(name.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
                    }
                } ?? lines.count
            }
            for key in keys.keys.sorted(by: { (line(of: $0), $0) < (line(of: $1), $1) }) {
                if let single = keys[key]?.string {
                    config.keys.append(KeyOverride(action: key, keys: [single]))
                } else if let array = keys[key]?.array, !array.isEmpty,
                          case let strings = array.compactMap({ $0.string }), strings.count == array.count {
                    // Each key once (a list of thousands repeating F1–F12 filled the help's key column).
                    var seen: Set<String> = []
                    config.keys.append(KeyOverride(action: key, keys: strings.filter { seen.insert($0).inserted }))
                } else {
                    // README: problems in [keys] are warnings (it stopped the studio, and render and play too).
                    warnings.append("\(file): [keys] \(key) must be a key name or a list of key names, such as \"w\" or [\"q\", \"F10\"]; ignored")
                }
            }
        }
        return (config, warnings)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func typeError(_ file: String, _ key: String, _ expected: String) -> StudioError {
        .badConfig(file: file, reason: "'\(key)' must be \(expected)")
    }
}
