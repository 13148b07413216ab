import ArgumentParser
import CamXucStudio

struct Studio: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the studio (the default): type Vietnamese, see its emotion, hear it as piano music.",
        discussion: "Needs a UTF-8 locale. Keys: ? in the studio shows them all; Ctrl-C always quits."
    )

    @Option(name: .long, help: ArgumentHelp("Label language: vi or en.", valueName: "lang"))
    var lang: Analyze.Language = .vi

    @Option(name: .long, help: ArgumentHelp("Theme: dark, light, high-contrast or sixteen.", valueName: "name"))
    var theme: String = "dark"

    @Option(name: .long, help: ArgumentHelp("SoundFont 2 file to play with.", valueName: "file"))
    var soundfont: String?

    @Option(name: .long, help: ArgumentHelp("ALSA device to play on.", valueName: "name"))
    var device: String?

    @Option(name: .customLong("save-folder"), help: ArgumentHelp("Where s saves takes (default ~/Music/CamXuc).", valueName: "folder"))
    var saveFolder: String?

    func run() throws {
        var options = StudioRuntime.Options()
        options.english = lang == .en
        options.theme = theme
        options.soundfont = soundfont
        options.device = device
        options.saveFolder = saveFolder
        do {
            try StudioRuntime(options: options).run()
        } catch {
            throw Failure.exit(error)
        }
    }
}
