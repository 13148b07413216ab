import ArgumentParser
import CamXucAudio
import CamXucStudio
import CamXucSupport
import Foundation

struct Studio: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the studio (the default): type Vietnamese, see its emotion, hear it as piano music.",
        discussion: "Needs a UTF-8 locale. Keys: ? in the studio shows them all; Ctrl-C always quits. On screen: V (valence) runs from unpleasant (−1) to pleasant (+1), A (arousal) from calm (−1) to excited (+1); ◆ is the target, ● where the judge places the music, Δ the distance between them; T k p g in the roll's title are temperature, top-k, top-p and guidance (see compose --help)."
    )

    @Option(name: .long, help: ArgumentHelp("Label language: vi or en.", valueName: "lang"))
    var lang: Analyze.Language?

    @Option(name: .long, help: ArgumentHelp("Theme: dark, light, high-contrast, sixteen, or NAME for your own $XDG_DATA_HOME/camxuc/themes/NAME.toml (by default ~/.local/share/camxuc/themes).", valueName: "name"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("SoundFont 2 file to play with.", valueName: "file"))
    var soundfont: String?

    @Option(name: .long, help: ArgumentHelp("ALSA device to play on.", valueName: "name"))
    var device: String?

    @Option(name: .customLong("save-folder"), help: ArgumentHelp("Where s saves takes (default ~/Music/CamXuc).", valueName: "folder"))
    var saveFolder: String?

    @Flag(name: .customLong("no-listen"), help: "Enter composes a take without playing it (Space plays it).")
    var noListen = false

    @Flag(name: .customLong("listen"), help: "Enter plays the take as it is composed, whatever the config's listen says.")
    var listen = false

    @Flag(name: .customLong("no-personal"), help: "Read emotions without your own corrections, and keep none made here (keys 1–7 in the Emotion panel): for a class or a guest.")
    var noPersonal = false

    func validate() throws {
        try OutputPaths.requireNotEmpty([("--soundfont", soundfont), ("--device", device), ("--save-folder", saveFolder)])
        if listen && noListen { throw ValidationError("--listen and --no-listen cannot both be given") }
        // "~user/…" quoted past the shell is no folder of ours (it made "./~nouser/x" where the config refuses it).
        if let saveFolder, saveFolder.hasPrefix("~"), saveFolder != "~", !saveFolder.hasPrefix("~/") {
            throw ValidationError("--save-folder '\(saveFolder)': only ~ alone or ~/ names a home folder here (yours); give the folder from / or ~/")
        }
    }

    func run() throws {
        do {
            Config.writeTemplateIfMissing()
            let (config, warnings) = try Config.load()
            // Where the last session left the parameters and the language; the config and the flags win.
            let (memory, memoryWarning) = StudioMemory.loadOrSetAside()
            for warning in warnings { Failure.printWarning(warning) }
            var options = StudioRuntime.Options()
            options.english = (lang?.rawValue ?? config.language ?? memory?.language) == "en"
            // The theme is found and read here, before the terminal is touched: an unknown name or a broken file is
            // the one-line exit 78, never a studio without colours.
            let themeName = theme ?? config.theme ?? "dark"
            let origin = theme != nil ? "--theme" : config.theme != nil ? "[studio] theme in \(Config.defaultPath)" : "the default"
            let (_, themeWarnings) = try Theme.named(themeName, origin: origin)
            for warning in themeWarnings { Failure.printWarning(warning) }
            options.theme = themeName
            options.soundfont = soundfont
            options.configuredSoundfont = config.soundfont
            options.device = device ?? config.audioDevice
            if let gain = config.gain { options.gain = gain }
            // A folder given on the command line is taken from where the command runs, as a shell user means it
            // (kept relative, it depended on the working folder at the moment of each save).
            options.saveFolder = try saveFolder.map { folder in
                let expanded = HomeFolder.expanding(folder)
                return expanded.hasPrefix("/") ? expanded
                    : URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
            } ?? config.saveFolder.map { try Config.saveFolderPath($0) }
            options.inputMethod = config.startingInputMethod
            options.toneStyle = config.toneStyle ?? .modern
            // A flag overrides the config either way (there was none to undo `listen = false`).
            options.listen = listen || (!noListen && (config.listen ?? true))
            options.personal = !noPersonal
            var parameters = memory?.applied(to: Parameters()) ?? Parameters()
            options.history = memory?.history ?? []
            options.text = memory?.text ?? ""
            options.target = memory?.targetPoint
            options.rememberedLanguage = memory?.language
            if let value = config.temperature { parameters.temperature = value }
            if let value = config.topK { parameters.topK = value }
            if let value = config.topP { parameters.topP = value }
            if let value = config.guidance { parameters.guidance = value }
            if let value = config.lengthSeconds { parameters.lengthSeconds = value }
            if let value = config.key { (parameters.key, parameters.keySpelling) = (value, config.keyName) }
            if let value = config.keyLock { parameters.keyLock = value }
            if let value = config.tempoScale { parameters.tempoScale = value }
            if let value = config.program { parameters.program = value }
            options.parameters = parameters
            let (keys, keyWarnings) = KeyMap.standard.overriding(config.keys.map { ($0.action, $0.keys) }, file: Config.defaultPath)
            for warning in keyWarnings { Failure.printWarning(warning) }
            options.keys = keys
            // The warnings on the status line one after another; all of them on stderr too, seen once the studio ends.
            if let memoryWarning { Failure.printWarning(memoryWarning) }
            let allWarnings = warnings + keyWarnings + themeWarnings + (memoryWarning.map { [$0] } ?? [])
            options.startupNotices = allWarnings.enumerated().map { index, whole in
                let count = allWarnings.count
                // The file by its name on the status line (the whole path is on stderr): at 80 columns
                // "/home/NAME/.config/camxuc/config.toml: …" left no room for the key it was about.
                var first = whole
                if whole.hasPrefix("/"), let colon = whole.range(of: ": ") {
                    first = (String(whole[..<colon.lowerBound]) as NSString).lastPathComponent + whole[colon.lowerBound...]
                }
                // How many first: after a long first warning (one listing every action) the count was cut off at
                // 80 columns, and the others seemed not to exist; where they are said last (before it, the key the
                // first was about was cut off).
                // Each in turn (the second, often the one that mattered, was never shown in the studio).
                return options.english
                    ? (count > 1 ? "warning \(index + 1) of \(count): " : "warning: ") + first
                        + (count > 1 ? " (all \(count) on the terminal once the studio ends)" : "")
                    : (count > 1 ? "cảnh báo \(index + 1)/\(count): " : "cảnh báo: ") + Message.vietnameseWarning(first)
                        + (count > 1 ? " (cả \(count) in ra terminal khi studio đóng)" : "")
            }
            let runtime = StudioRuntime(options: options)
            let ending = try runtime.run()
            // On the terminal, and in the log, which outlives a closed window.
            for line in runtime.closingLines {
                Failure.printError(line)
                AudioLog.note(line)
            }
            if ending == .signal { throw ExitCode(130) }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw Failure.exit(error)
        }
    }
}
