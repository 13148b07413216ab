import Foundation
import Testing
@testable import CamXucStudio

@Suite struct ConfigTests {
    /// The TOML library's own names stay out of the line ("… depth of 256 (TOML_MAX_NESTED_VALUES)").
    @Test func deepNestingIsOneLineWithoutTheLibrarysNames() {
        let text = "[parameters]\nx = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        do {
            _ = try Config.parse(text, file: "c.toml")
            Issue.record("300 nested arrays were read")
        } catch {
            #expect("\(error)".contains("c.toml") && !"\(error)".contains("TOML_"), "\(error)")
        }
    }

    @Test func readsTheAudioSection() throws {
        let (config, warnings) = try Config.parse("""
            # comments are fine
            [audio]
            soundfont = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
            gain = 1.5
            device = "hw:1"
            """, file: "config.toml")
        #expect(config == Config(soundfont: "/usr/share/sounds/sf2/FluidR3_GM.sf2", gain: 1.5, audioDevice: "hw:1"))
        #expect(warnings.isEmpty)
    }

    @Test func integerGainIsANumberToo() throws {
        #expect(try Config.parse("[audio]\ngain = 2", file: "c").config.gain == 2)
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let (config, warnings) = try Config.parse("colour = \"blue\"\n[audio]\nvolume = 3\n", file: "c.toml")
        #expect(config == Config())
        #expect(warnings == ["c.toml: unknown key 'colour' ignored", "c.toml: unknown key 'audio.volume' ignored"])
    }

    @Test(arguments: [
        ("[audio]\ngain = \"loud\"", "'audio.gain' must be a number from 0 to 10"),
        ("[audio]\ngain = 11", "'audio.gain' must be a number from 0 to 10"),
        ("[audio]\nsoundfont = 3", "'audio.soundfont' must be a string (a path)"),
        ("audio = 1", "'audio' must be a table ([audio])"),
        ("[audio\nsoundfont = 1", "line 1"),
        // Headers without a name stop toml++ on an assertion (the process aborted): reported like any bad TOML.
        ("[audio]\ngain = 1\n[\n", "line 3: a table header needs a name"),
        ("[[", "line 1: a table header needs a name"),
        ("[[[a]]]", "line 1: a table header needs a name"),
        ("  [.", "line 1: a table header needs a name"),
        ("[=", "line 1: a table header needs a name"),
        // A probe found three more ways past the first check (each aborted the process with a backtrace): a name
        // starting outside ASCII, a file with CRLF line ends, a """ in a comment before the bad line.
        ("[âm_thanh]\nx = 1\n", "line 1: a table name is written with A–Z, a–z, 0–9, _ and -"),
        ("[[é]]\n", "line 1: a table name is written with A–Z"),
        ("[audio.é]\n", "line 1: a table name is written with A–Z"),
        ("[audio]\r\ngain = 1.0\r\n[\r\n", "line 3: a table header needs a name"),
        ("# use \"\"\" for long strings\n[\n", "line 2: a table header needs a name"),
        ("x = '\"\"\"'\n[\n", "line 2: a table header needs a name"),
        // A fraction of a top-k was cut to a whole number without a word; empty paths fell back to the defaults.
        ("[parameters]\ntop_k = 1.5\n", "'parameters.top_k' must be a whole number from 0 to 200"),
        ("[audio]\nsoundfont = \"\"\n", "'audio.soundfont' must be a string (a path), not empty"),
        ("[audio]\ndevice = \"\"\n", "'audio.device' must be a string (an ALSA device name), not empty"),
        ("[studio]\nsave_folder = \"\"\n", "'studio.save_folder' must be a string (a folder), not empty"),
        // A review fuzzing toml++ against this scan found more that aborted the process.
        ("k = [}\n", "line 1: '}' closes a '[' it does not match"),
        ("[audio]\ncolors = [ # c\n  } ]\n", "line 3: '}' closes a '['"),
        ("k = [\u{2028}]\n", "line 1: U+2028 (a line or paragraph separator) is not allowed outside a string"),
        ("x = 1979-05-27T:\n", "line 1: a date-time needs the time after its T"),
        ("\u{FEFF}[\n", "line 1: a table header needs a name"),
        ("a = \"\"\"x\\\n  y\"\"\"\n[\n", "line 3: a table header needs a name"),
        // TOML forbids control characters; toml++ reads a C string, so a NUL silently ended the file.
        ("[audio]\ngain = 0\n\u{0}\ngain = \"not a number\"\n", "line 3: control character U+0000 is not allowed in TOML"),
    ])
    func badValuesNameTheFileAndKey(text: String, says: String) {
        do {
            _ = try Config.parse(text, file: "/home/u/.config/camxuc/config.toml")
            Issue.record("accepted \(text)")
        } catch let error as StudioError {
            #expect(error.description.hasPrefix("cannot use config /home/u/.config/camxuc/config.toml: "))
            #expect(error.description.contains(says), "\(error)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// What looks like a header but is not one (inside a string, a comment or an array value) passes the check, and
    /// quoted or dotted names are names.
    @Test(arguments: [
        "x = \"\"\"\n[\n\"\"\"\n[audio]\ngain = 1\n",
        "# [\n[audio]\ngain = 1\n",
        "[\"audio\"]\ngain = 1\n",
        "[ audio ]\ngain = 1\n",
        "[keys]\nquit = [\n  \"q\",\n  \"Ctrl-C\",\n]\n",
        "[audio]\r\ngain = 1\r\n",
        "[studio]\nx = '[' # [\n",
        "k = {a=[1, 2], b={c=[3]}}\n[audio]\n",
        "when = 1979-05-27T07:32:00Z\nday = 1979-05-27\n",
        "\u{FEFF}[audio]\ngain = 1\n",
        "s = \"a \u{2028} b\"\n",
    ])
    func headersThatAreFinePass(text: String) {
        #expect(TOMLHeaders.firstProblem(in: text) == nil, "\(text)")
    }

    /// The commands that make sound read [audio] alone: `guidance = 30` (the studio's range is 0–20) stopped render.
    @Test func onlyTheSectionsAskedForAreRead() throws {
        let text = "[audio]\ngain = 2\n[parameters]\nguidance = 30\n[keys]\nsave = 3\n"
        let (config, warnings) = try Config.parse(text, file: "c.toml", sections: ["audio"])
        #expect(config.gain == 2 && config.guidance == nil && warnings.isEmpty)
        #expect(throws: StudioError.self) { try Config.parse(text, file: "c.toml") }
    }

    @Test func aMissingFileMeansDefaults() throws {
        let (config, warnings) = try Config.load(path: "/nonexistent-camxuc/config.toml")
        #expect(config == Config() && warnings.isEmpty)
        // Nor can there be one under a file (XDG_CONFIG_HOME set to a file made render and play exit 78).
        let file = NSTemporaryDirectory() + "config-home-\(UUID().uuidString)"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try Config.load(path: file + "/camxuc/config.toml").config == Config())
    }

    /// "~" in save_folder is $HOME, as everywhere else (it was the account's home: saves went to /root/saves).
    @Test func theSaveFoldersTildeIsHOME() throws {
        #expect(try Config.saveFolderPath("~/saves", environment: ["HOME": "/tmp/someone"]) == "/tmp/someone/saves")
        #expect(try Config.saveFolderPath("~", environment: ["HOME": "/tmp/someone"]) == "/tmp/someone")
        #expect(try Config.saveFolderPath("/music", environment: [:]) == "/music")
        #expect(throws: StudioError.self) { try Config.saveFolderPath("music", environment: [:]) }
    }

    /// A config that is there but cannot be looked at was taken for no config: the studio started with the defaults
    /// and no word. A link loop is an error naming the file; a link to a file not there yet still means defaults.
    @Test func aConfigThatCannotBeLookedAtIsAnErrorNotTheDefaults() throws {
        let folder = NSTemporaryDirectory() + "camxuc-config-loop-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/config.toml", withDestinationPath: folder + "/b.toml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.toml", withDestinationPath: folder + "/config.toml")
        #expect(throws: StudioError.badConfig(file: folder + "/config.toml",
                                              reason: "it cannot be read (too many levels of symbolic links)")) {
            try Config.load(path: folder + "/config.toml")
        }
        try FileManager.default.removeItem(atPath: folder + "/b.toml")
        #expect(try Config.load(path: folder + "/config.toml").config == Config())
    }
}

@Suite struct ConfigStudioTests {
    @Test func theFirstRunTemplateParsesToDefaultsWithoutWarnings() throws {
        let (config, warnings) = try Config.parse(Config.template, file: "config.toml")
        #expect(config == Config() && warnings.isEmpty)
    }

    @Test func studioAndParameterSettings() throws {
        let (config, warnings) = try Config.parse("""
            [studio]
            theme = "light"
            language = "en"
            save_folder = "~/takes"
            telex = false
            listen = false
            [parameters]
            temperature = 0.8
            top_k = 20
            top_p = 0.9
            guidance = 3
            length = 45
            key = "F#"
            key_lock = false
            tempo = 0.8
            instrument = 4
            """, file: "c.toml")
        #expect(warnings.isEmpty)
        #expect(config.theme == "light" && config.language == "en" && config.saveFolder == "~/takes" && config.telex == false)
        #expect(config.listen == false)
        #expect(config.temperature == 0.8 && config.topK == 20 && config.topP == 0.9 && config.guidance == 3 && config.lengthSeconds == 45)
        #expect(config.key == .some(6) && config.keyLock == false && config.tempoScale == 0.8 && config.program == 4)
        #expect(try Config.parse("[parameters]\nkey = \"auto\"", file: "c.toml").0.key == .some(nil))
        // Guidance as compose takes it, 0–20 (the studio stopped at 6: a take made with 10 could not be made again).
        #expect(try Config.parse("[parameters]\nguidance = 10", file: "c.toml").0.guidance == 10)
        var row = Parameters()
        for _ in 0..<200 { row.adjust(.guidance, by: 1) }
        #expect(row.guidance == 20)
        // Length as compose --seconds takes it, up to 600 (the studio stopped at 300).
        #expect(try Config.parse("[parameters]\nlength = 600", file: "c.toml").0.lengthSeconds == 600)
        for _ in 0..<200 { row.adjust(.length, by: 1) }
        #expect(row.lengthSeconds == 600)
        #expect(try Config.parse("[parameters]\nkey = \"Bb\"", file: "c.toml").0.key == .some(10))
        // Spelt as written: the key row says C#, not C#/Db, until it is changed by hand.
        #expect(try Config.parse("[parameters]\nkey = \"C#\"", file: "c.toml").0.keyName == "C#")
        var spelled = Parameters()
        (spelled.key, spelled.keySpelling) = (1, "C#")
        #expect(spelled.row(.key, english: true).1 == "C#")
        spelled.adjust(.key, by: 1)
        spelled.adjust(.key, by: -1)
        #expect(spelled.row(.key, english: true).1 == "C#/Db" && spelled.keySpelling == nil)
    }

    @Test func badStudioValuesNameTheKey() throws {
        #expect(throws: StudioError.badConfig(file: "c.toml", reason: "'studio.language' must be \"vi\" or \"en\"")) {
            try Config.parse("[studio]\nlanguage = \"fr\"", file: "c.toml")
        }
        // Upper case, as --lang EN takes it (it was refused).
        #expect(try Config.parse("[studio]\nlanguage = \"EN\"", file: "c.toml").0.language == "en")
        #expect(throws: StudioError.badConfig(file: "c.toml", reason: "'parameters.temperature' must be a number from 0 to 2 (got 5)")) {
            try Config.parse("[parameters]\ntemperature = 5", file: "c.toml")
        }
        #expect(throws: StudioError.badConfig(file: "c.toml", reason: "'studio.listen' must be true or false")) {
            try Config.parse("[studio]\nlisten = \"yes\"", file: "c.toml")
        }
        // The key row could not be set here before (an unknown key, ignored with a warning).
        #expect(throws: StudioError.badConfig(file: "c.toml", reason: "'parameters.key' must be \"auto\" or a tonic such as \"C\", \"F#\" or \"Bb\"")) {
            try Config.parse("[parameters]\nkey = \"H\"", file: "c.toml")
        }
        #expect(throws: StudioError.badConfig(file: "c.toml", reason: "'parameters.instrument' must be a whole number from 0 to 127 (got 4.5)")) {
            try Config.parse("[parameters]\ninstrument = 4.5", file: "c.toml")
        }
    }

    @Test func theTemplateIsWrittenOnceAndNeverOverwritten() throws {
        let folder = NSTemporaryDirectory() + "camxuc-config-" + UUID().uuidString
        let path = folder + "/camxuc/config.toml"
        Config.writeTemplateIfMissing(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Config.template)
        try "[studio]\ntheme = \"light\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        Config.writeTemplateIfMissing(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[studio]\ntheme = \"light\"\n")
        // A link whose target is not there yet (dotfiles not yet in place) stays a link: it was replaced.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder + "/dotfiles/camxuc.toml")
        Config.writeTemplateIfMissing(path: path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == folder + "/dotfiles/camxuc.toml")
    }

    @Test func keyOverridesAreReadFromTheKeysTable() throws {
        let (config, warnings) = try Config.parse("[keys]\nsave = \"w\"\nquit = [\"q\", \"F10\"]\n", file: "c.toml")
        #expect(warnings.isEmpty)
        #expect(Set(config.keys.map(\.action)) == ["save", "quit"])
        #expect(config.keys.first { $0.action == "quit" }?.keys == ["q", "F10"])
        // README: problems in [keys] are warnings; a wrong type stopped the studio (and render and play) with 78.
        let (kept, said) = try Config.parse("[keys]\nsave = 3\nquit = \"F10\"\n", file: "c.toml")
        #expect(said == ["c.toml: [keys] save must be a key name or a list of key names, such as \"w\" or [\"q\", \"F10\"]; ignored"])
        #expect(kept.keys.map(\.action) == ["quit"])
    }

    /// A power user's slips (probe-config): a number error says what it got, a section's key above every section
    /// says where it belongs, a list of keys keeps each once.
    @Test func slipsAreSaidWithWhatWasGiven() throws {
        for (value, got) in [("\"1.0\"", "(got the string \"1.0\")"), ("nan", "(got nan)"), ("-1", "(got -1)")] {
            #expect(throws: StudioError.self) { try Config.parse("[parameters]\ntemperature = \(value)\n", file: "c.toml") }
            do { _ = try Config.parse("[parameters]\ntemperature = \(value)\n", file: "c.toml") } catch {
                #expect("\(error)".contains("'parameters.temperature' must be a number from 0 to 2 " + got), "\(error)")
            }
        }
        let (config, warnings) = try Config.parse("theme = \"light\"\n[keys]\nloop = [\"F2\", \"F3\", \"F2\"]\n", file: "c.toml")
        #expect(warnings == ["c.toml: unknown key 'theme' ignored (it belongs under [studio])"])
        #expect(config.keys.first?.keys == ["F2", "F3"])
    }

    /// Two actions given one key: the later line wins, as in the file (the table came sorted, so save beat loop).
    @Test func keysAreTakenInTheFilesOrder() throws {
        let (config, _) = try Config.parse("[keys]\nsave = \"z\"\nloop = \"z\"\n", file: "c.toml")
        #expect(config.keys.map(\.action) == ["save", "loop"])
        let (keys, _) = KeyMap.standard.overriding(config.keys.map { ($0.action, $0.keys) }, file: "c.toml")
        #expect(keys.action(for: "z", focus: .roll) == .loop)
    }

    @Test func theTemplateParsesAndListsEveryActionItMentions() throws {
        #expect(try Config.parse(Config.template, file: "t").warnings.isEmpty)
        for action in Action.allCases where ![.moveUp, .moveDown, .moveLeft, .moveRight, .bigLeft, .bigRight, .language].contains(action) {
            #expect(Config.template.contains(action.rawValue), "\(action) missing from the template")
        }
    }
}
