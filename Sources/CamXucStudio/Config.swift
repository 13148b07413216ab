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

    public init(soundfont: String? = nil, gain: Double? = nil, audioDevice: String? = nil) {
        self.soundfont = soundfont
        self.gain = gain
        self.audioDevice = audioDevice
    }

    /// Where the config file is looked for.
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? "/tmp") + "/.config"
        return base + "/camxuc/config.toml"
    }

    /// The config at `path` and warnings about keys it does not know; defaults when the file does not exist.
    public static func load(path: String = Config.defaultPath) throws -> (config: Config, warnings: [String]) {
        guard FileManager.default.fileExists(atPath: path) else { return (Config(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudioError.badConfig(file: path, reason: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudioError.badConfig(file: path, reason: "it is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses config text; `file` names it in errors and warnings.
    public static func parse(_ text: String, file: String) throws -> (config: Config, warnings: [String]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw StudioError.badConfig(file: file, reason: "line \(error.source.begin.line), column "
                                        + "\(error.source.begin.column): \(error.description)")
        } catch {
            throw StudioError.badConfig(file: file, reason: "\(error)")
        }
        var config = Config()
        var warnings: [String] = []
        for key in table.keys.sorted() where key != "audio" {
            warnings.append("\(file): unknown key '\(key)' ignored")
        }
        if let audioValue = table["audio"] {
            guard let audio = audioValue.table else {
                throw StudioError.badConfig(file: file, reason: "'audio' must be a table ([audio])")
            }
            for key in audio.keys.sorted() {
                let value = audio[key]
                switch key {
                case "soundfont":
                    guard let string = value?.string else { throw typeError(file, "audio.soundfont", "a string (a path)") }
                    config.soundfont = string
                case "gain":
                    guard let number = value?.double ?? value?.int.map(Double.init), (0...10).contains(number) else {
                        throw typeError(file, "audio.gain", "a number from 0 to 10")
                    }
                    config.gain = number
                case "device":
                    guard let string = value?.string else { throw typeError(file, "audio.device", "a string (an ALSA device name)") }
                    config.audioDevice = string
                default:
                    warnings.append("\(file): unknown key 'audio.\(key)' ignored")
                }
            }
        }
        return (config, warnings)
    }

    private static func typeError(_ file: String, _ key: String, _ expected: String) -> StudioError {
        .badConfig(file: file, reason: "'\(key)' must be \(expected)")
    }
}
