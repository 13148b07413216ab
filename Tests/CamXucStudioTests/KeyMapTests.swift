import Testing
@testable import CamXucStudio

@Suite struct KeyMapTests {
    @Test func panelBindingsWinOverGlobalOnes() {
        #expect(KeyMap.standard.action(for: "Home", focus: .roll) == .rollStart)
        #expect(KeyMap.standard.action(for: "d", focus: .takes) == .delete)
        #expect(KeyMap.standard.action(for: "d", focus: .roll) == nil)
        #expect(KeyMap.standard.action(for: "s", focus: .roll) == .save)
    }

    @Test func theTextFieldKeepsPrintableKeys() {
        #expect(KeyMap.standard.action(for: "q", focus: .text) == nil)      // q types a q there
        #expect(KeyMap.standard.action(for: "?", focus: .text) == nil)
        #expect(KeyMap.standard.action(for: "Space", focus: .text) == nil)
        #expect(KeyMap.standard.action(for: "q", focus: .emotion) == .quit)
        #expect(KeyMap.standard.action(for: "Ctrl-C", focus: .text) == .quit)  // always quits
        #expect(KeyMap.standard.action(for: "Enter", focus: .text) == .generate)
        #expect(KeyMap.standard.action(for: "Esc", focus: .text) == .leaveText)
    }

    @Test func theStatusLineComesFromTheTableAndFitsTheWidth() {
        let line = KeyMap.standard.statusLine(english: false, width: 80)
        #expect(line.hasPrefix(" Enter tạo  Space phát/tạm dừng  Tab ô kế"))
        #expect(line.count <= 80)
        #expect(line.hasSuffix("? trợ giúp  Ctrl-C thoát"))
        // However narrow, help and quit stay; the other keys are cut at a binding's edge.
        #expect(KeyMap.standard.statusLine(english: true, width: 36) == " Enter compose  ? help  Ctrl-C quit")
        #expect(KeyMap.standard.statusLine(english: true, width: 30) == " ? help  Ctrl-C quit")
        // Focus-aware: the text field shows its own keys, and F1 for help, not "?" (it types there).
        let text = KeyMap.standard.statusLine(english: true, width: 80, focus: .text)
        #expect(text.contains("Esc leave text") && text.hasSuffix("F1 help  Ctrl-C quit") && !text.contains("? help"))
        #expect(KeyMap.standard.action(for: "F1", focus: .text) == .help)
        #expect(KeyMap.standard.statusLine(english: true, width: 80, focus: .takes).hasPrefix(" Enter play take  d delete take  n rename"))
        // The Emotion panel's keys are digits (its line showed only w); the seed row's ←→ lock and unlock it.
        #expect(KeyMap.standard.statusLine(english: false, width: 80, focus: .emotion).hasPrefix(" 1–7 chọn bằng tay  0 theo mô hình  w vì sao"))
        #expect(KeyMap.standard.statusLine(english: true, width: 100, focus: .parameters, seedRow: true).contains("←→ lock/unlock"))
    }

    /// F1 is help everywhere, as the help says: in a take's name or a path being typed it did nothing.
    @Test func f1OpensTheHelpWhileANameIsTypedAndTheNameStays() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.key("n"))
        _ = model.update(.key("x"))
        let typed = model.renaming?.editor.text
        _ = model.update(.key("F1"))
        #expect(model.showHelp && model.renaming?.editor.text == typed)
        _ = model.update(.key("y"))
        #expect(!model.showHelp && model.renaming?.editor.text == typed)
    }

    @Test func theHelpOverlayListsEveryBinding() {
        let help = KeyMap.standard.helpLines(english: true).joined(separator: "\n")
        let arrows: Set<Action> = [.moveUp, .moveDown, .moveLeft, .moveRight]
        let paired: Set<Action> = [.markA, .markB, .save, .saveWithWAV, .seekBack, .seekForward, .delete, .rename,
                                   .nextPanel, .previousPanel]
        for binding in KeyMap.standard.bindings where !arrows.contains(binding.action) && !paired.contains(binding.action) {
            #expect(help.contains(binding.en), "\(binding.key) missing from help")
        }
        #expect(help.contains(" a b  ") && help.contains("mark A, B"))   // one row for the two marks
        #expect(help.contains(" Tab ⇧Tab  next, previous"))
        #expect(help.contains(" d n  ") && help.contains("del, rename"))
        #expect(help.contains(" s S  ") && help.contains("save (S: +WAV)") && help.contains(" [ ]  ") && help.contains("skip 5 s"))
        #expect(help.contains("↑↓←→") && help.contains("move") && help.contains("wheel") && help.contains("PgUp/Dn"))
        #expect(help.hasPrefix("Everywhere"))
    }

    @Test func noKeyIsBoundTwiceInOnePlace() {
        var seen = Set<String>()
        for binding in KeyMap.standard.bindings {
            let place = "\(binding.panel?.rawValue ?? "global") \(binding.key)"
            #expect(!seen.contains(place), "\(place) is bound twice")
            seen.insert(place)
        }
    }

    /// On the seed row the digits type a seed, 0 too: the line there offered "0 reset".
    @Test func theSeedRowsStatusLineSaysTheDigitsTypeASeed() {
        let seed = KeyMap.standard.statusLine(english: true, width: 300, focus: .parameters, seedRow: true)
        #expect(seed.contains("0–9 type a seed") && !seed.contains("0 reset"))
        let other = KeyMap.standard.statusLine(english: true, width: 300, focus: .parameters)
        #expect(other.contains("0 reset"))
    }

    @Test func aConfigOverrideMovesAnActionToAnotherKey() {
        let (keys, warnings) = KeyMap.standard.overriding([("save", ["w"])], file: "config.toml")
        // w toggled the Emotion panel's why line, and kept doing so there: save = "w" saved nothing in the panel
        // that Esc from the text field lands in, under a status line offering "w save" and "w why" both.
        #expect(warnings == ["config.toml: [keys] save = \"w\" takes w from why, which has no key now"])
        #expect(keys.action(for: "w", focus: .emotion) == .save)
        #expect(!keys.statusLine(english: true, width: 300, focus: .emotion).contains("w why"))
        #expect(keys.action(for: "w", focus: .roll) == .save)
        #expect(keys.action(for: "s", focus: .roll) == nil)
        #expect(keys.statusLine(english: false, width: 200).contains("w lưu"))
        #expect(keys.helpLines(english: true).contains { $0.contains(" w S ") && $0.contains("save") })
    }

    @Test func anOverrideTakesTheKeyFromWhatHadItAndKeepsSeveralKeys() {
        let (keys, warnings) = KeyMap.standard.overriding([("quit", ["x", "F10"])], file: "c.toml")
        #expect(warnings == ["c.toml: [keys] quit = \"x\" takes x from switchAB, which has no key now"])
        #expect(keys.action(for: "x", focus: .roll) == .quit)   // x switched A/B before
        #expect(keys.action(for: "F10", focus: .roll) == .quit)
        #expect(keys.action(for: "q", focus: .roll) == nil)
        #expect(keys.action(for: "Ctrl-C", focus: .text) == .quit)  // Ctrl-C stays
        #expect(!keys.bindings.contains { $0.action == .switchAB })
    }

    /// The text field's Enter and Esc stay, whatever [keys] moves generate and leaveText to (a probe's generate = "g"
    /// left Enter doing nothing under a status line that said "Enter compose"), and a printable key for them is
    /// warned about: it types there.
    @Test func theTextFieldKeepsEnterAndEsc() {
        let (keys, warnings) = KeyMap.standard.overriding([("generate", ["g"]), ("leaveText", ["x"])], file: "c.toml")
        #expect(keys.action(for: "Enter", focus: .text) == .generate)
        #expect(keys.action(for: "Esc", focus: .text) == .leaveText)
        #expect(keys.action(for: "g", focus: .text) == nil && keys.action(for: "x", focus: .text) == nil)
        #expect(keys.action(for: "g", focus: .roll) == .generate)
        #expect(warnings == ["c.toml: [keys] generate = \"g\" types in the text field; there Enter composes as always",
                             "c.toml: [keys] leaveText = \"x\" types in the text field; there Esc leaves it as always"])
        let line = keys.statusLine(english: true, width: 200, focus: .text)
        #expect(line.hasPrefix(" Enter compose  Esc leave text"), "\(line)")
    }

    /// A power user's config (probe-config): the text field's editing keys bound to actions stopped editing
    /// (Backspace saved the take, Ctrl-U switched the language); they edit there as always, and the binding is said.
    @Test func theTextFieldKeepsItsEditingKeys() {
        let (keys, warnings) = KeyMap.standard.overriding([("save", ["Backspace"]), ("language", ["Ctrl-U"]), ("loop", ["Ctrl-K"]),
                                                           ("showTakes", ["Home"])], file: "c.toml")
        for key in ["Backspace", "Ctrl-U", "Ctrl-K", "Home"] { #expect(keys.action(for: key, focus: .text) == nil, "\(key)") }
        #expect(keys.action(for: "Backspace", focus: .roll) == .save && keys.action(for: "Ctrl-U", focus: .roll) == .language)
        #expect(warnings.contains("c.toml: [keys] save = \"Backspace\" edits the text field; there Backspace edits the text as always"))
        #expect(!keys.statusLine(english: true, width: 300, focus: .text).contains("Backspace"))
    }

    /// `moveRight = "l"` (vim keys) worked in Parameters alone (the action's first row is that panel's "←→ adjust"
    /// hint), and the help still said "↑↓←→ move" and, on the plane, "←→↑↓"; `toggleInputMethod = "F5"` left the
    /// text field's line saying Ctrl-T, `saveWithWAV = "F3"` the help saying "S: +WAV".
    @Test func movedArrowsWorkEverywhereAndTheHelpSaysTheirKeys() {
        let (keys, _) = KeyMap.standard.overriding([("moveLeft", ["h"]), ("moveDown", ["j"]), ("moveUp", ["k"]), ("moveRight", ["l"]),
                                                    ("loop", ["L"]), ("language", ["F9"]), ("toggleInputMethod", ["F5"]),
                                                    ("saveWithWAV", ["F3"])], file: "c.toml")
        for focus in [Panel.circumplex, .roll, .parameters, .takes] {
            #expect(keys.action(for: "l", focus: focus) == .moveRight, "\(focus)")
            #expect(keys.action(for: "h", focus: focus) == .moveLeft, "\(focus)")
        }
        let help = keys.helpLines(english: true)
        #expect(help.contains { $0.contains("k j h l") && $0.contains("move") } && !help.contains { $0.contains("↑↓←→") })
        #expect(help.contains { $0.contains("h l") && $0.contains("scroll time") })
        #expect(help.contains { $0.contains("h l k j") && $0.contains("move, ⇧ ×5") })
        #expect(help.contains { $0.contains("save (F3: +WAV)") })
        let line = keys.statusLine(english: true, width: 300, focus: .text)
        #expect(line.contains("F5 Telex/VNI/off") && !line.contains("Ctrl-T"), "\(line)")
    }

    /// The warnings say why (probe-config): the input method's own Ctrl-T was "not a key this terminal can send", and
    /// so were Ctrl-H and "enter"; Esc was said to leave leaveText without a key (it leaves the text field always);
    /// a digit, which chooses an emotion in two panels, was taken silently.
    @Test func bindingWarningsSayWhy() {
        let (keys, warnings) = KeyMap.standard.overriding([("toggleInputMethod", ["Ctrl-T"]), ("loop", ["Ctrl-H"]), ("save", ["enter"]),
                                                           ("quit", ["Esc"]), ("markA", ["1"])], file: "c.toml")
        #expect(keys.action(for: "Ctrl-T", focus: .text) == .toggleInputMethod)
        #expect(warnings == [
            "c.toml: [keys] loop = \"Ctrl-H\" is sent by the terminal as Backspace; bind Backspace itself, or another key",
            "c.toml: [keys] save = \"enter\" is not a key name; did you mean \"Enter\"?",
            "c.toml: [keys] markA = \"1\" is an emotion's number in the Emotion panel and on the plane; there 1 chooses that emotion as always",
        ], "\(warnings)")
        #expect(keys.action(for: "Esc", focus: .text) == .leaveText && keys.action(for: "Esc", focus: .roll) == .quit)
        #expect(Message.vietnameseWarning(warnings[1]) == "c.toml: [keys] save = \"enter\" không phải tên phím; có phải là \"Enter\"?")
    }

    /// Against a probe of the help: the plane's line left out 1–7 and 0, which work there; the seed row's offered a
    /// big step it does not have; the text field's said Ctrl-T for Telex/VNI, the key turning the method off too.
    @Test func eachLineOffersWhatItsPanelDoes() {
        let plane = KeyMap.standard.statusLine(english: true, width: 200, focus: .circumplex)
        #expect(plane.contains("1–7 set by hand") && plane.contains("0 as the model reads"), "\(plane)")
        let seed = KeyMap.standard.statusLine(english: true, width: 200, focus: .parameters, seedRow: true)
        #expect(!seed.contains("big step") && seed.contains("0–9 type a seed"), "\(seed)")
        #expect(KeyMap.standard.statusLine(english: true, width: 200, focus: .parameters).contains("Shift-←→ big step"))
        #expect(KeyMap.standard.statusLine(english: false, width: 200, focus: .text).contains("Ctrl-T Telex/VNI/tắt"))
    }

    /// With `help = "h"` nothing opened the help from the text field (F1 went with ?): F1 is help wherever no
    /// binding takes it, and the text field's line says so.
    @Test func f1IsHelpWhereNothingElseTakesIt() {
        let (keys, _) = KeyMap.standard.overriding([("help", ["h"])], file: "c.toml")
        #expect(keys.action(for: "F1", focus: .text) == .help && keys.action(for: "h", focus: .roll) == .help)
        #expect(keys.statusLine(english: true, width: 200, focus: .text).contains("F1 help"))
        var model = StudioModel(english: true)
        model.keys = keys
        _ = model.update(.key("F1"))
        #expect(model.showHelp)
        // The key ring, the key lock and the seed have no big step (Shift-→ on the key row went ten places round).
        #expect(!KeyMap.standard.statusLine(english: true, width: 200, focus: .parameters, noBigSteps: true).contains("big step"))
        model.showHelp = false
        model.focus = .parameters
        model.selectedParameter = .key
        _ = model.update(.key("Shift-→"))
        #expect(model.parameters.key == 0)
    }

    @Test func badOverridesAreWarnedAboutAndIgnored() {
        let (keys, warnings) = KeyMap.standard.overriding([("sav", ["w"]), ("save", ["Ctrl-C"]), ("loop", ["Hyper-Q"])],
                                                          file: "c.toml")
        #expect(warnings.count == 3)
        #expect(warnings[0].contains("no action 'sav'") && warnings[0].hasPrefix("c.toml: "))
        #expect(warnings[1].contains("Ctrl-C always quits"))
        #expect(warnings[2].contains("\"Hyper-Q\" is not a key"))
        #expect(keys == KeyMap.standard)
    }
}

@Suite struct HelpOverlayTests {
    /// Opens the help at `width`×`height` and expects each of `lines` (the model's) whole on the screen.
    static func expectShown(english: Bool, width: Int, height: Int, _ lines: (StudioModel) -> [String]) {
        var model = StudioModel(english: english)
        model.focus = .roll
        _ = model.update(.key("?"))
        let screen = model.view(width: width, height: height).rendered()
        for line in lines(model) where !line.isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(screen.contains(trimmed), "help line '\(trimmed)' is cut at \(width)×\(height)")
        }
    }

    /// The help's section headings stand apart in the theme's help key style (all was one style).
    @Test func theHelpsHeadingsAreDrawnAsKeys() {
        var model = StudioModel()
        model.focus = .roll
        _ = model.update(.key("?"))
        let grid = model.view(width: 120, height: 40)
        let rows = grid.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = rows.firstIndex { $0.contains(" Mọi nơi ") } ?? 0
        let x = Array(rows[y]).firstIndex(of: "M") ?? 0
        #expect(grid[x, y].role == "help.key" && grid[x + 8, y + 1].role == "help.text")
    }

    @Test(arguments: [false, true])
    func everyLineOfTheHelpIsShownWholeAt80x24(english: Bool) {
        Self.expectShown(english: english, width: 80, height: 24) { $0.keys.helpLines(english: english) }
    }

    /// "T 1.00 · k 40 · p 0.95 · w 2.5", Δ and V/A were explained nowhere on screen (and w was also the why key): the
    /// help has a legend where it fits beside every key, and the roll's title writes guidance as g.
    @Test(arguments: [false, true])
    func theHelpExplainsTheScreensLettersWhereItHasRoom(english: Bool) {
        Self.expectShown(english: english, width: 120, height: 36) { $0.helpLegend() + $0.keys.helpLines(english: english) }
    }
}
