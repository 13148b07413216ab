import Foundation
import Testing
@testable import CamXucStudio

@Suite struct ThemeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    static func shipped(_ name: String) throws -> (theme: Theme, warnings: [String]) {
        try Theme.load(path: folder.appendingPathComponent("\(name).toml").path)
    }

    @Test(arguments: ["dark", "light", "high-contrast", "sixteen"])
    func shippedThemesLoadCleanlyAndDefineEveryRole(name: String) throws {
        let (theme, warnings) = try Self.shipped(name)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(Set(theme.roles.keys) == Theme.knownRoles)
        for role in Theme.knownRoles {
            let spec = try #require(theme.roles[role])
            for colorName in [spec.foreground, spec.background].compactMap({ $0 }) {
                #expect(theme.palette16[colorName] != nil, "\(name): \(role) uses \(colorName), missing from palette16")
                if !theme.sixteenColorsOnly {
                    #expect(theme.palette[colorName] != nil, "\(name): \(role) uses \(colorName), missing from palette")
                }
            }
        }
    }

    /// On an 8-colour terminal (TERM=xterm, screen, linux) every role stays visible without relying on bold: the
    /// themes' grey (bright black) on black was sent as bold black on black — borders, digits, probabilities and the
    /// roll's grid vanished where bold does not brighten.
    @Test(arguments: ["dark", "light", "high-contrast", "sixteen"])
    func noRoleIsDrawnInItsOwnBackgroundOnEightColours(name: String) throws {
        let (theme, _) = try Self.shipped(name)
        for role in Theme.knownRoles {
            let style = theme.style(role, colors: 8)
            let drawn = TerminalScreen.drawn(style, colors: 8)
            guard drawn.fg >= 0, drawn.bg >= 0, !style.reverse else { continue }
            #expect(drawn.fg != drawn.bg, "\(name): \(role) is colour \(drawn.fg) on \(drawn.bg)")
            #expect((0..<8).contains(drawn.fg) && (0..<8).contains(drawn.bg))
        }
        let grey = TerminalScreen.drawn(Theme.Style(foreground: .indexed(8), background: .indexed(0)), colors: 8)
        #expect(grey.fg == 7 && grey.bg == 0 && grey.dim && !grey.bold)
        let onWhite = TerminalScreen.drawn(Theme.Style(foreground: .indexed(15), background: .indexed(7)), colors: 8)
        #expect(onWhite.fg == 0 && onWhite.bg == 7)
        // A bright colour on another background is still its dark half in bold; 16 colours are left as they are.
        #expect(TerminalScreen.drawn(Theme.Style(foreground: .indexed(9), background: .indexed(0)), colors: 8)
                == .init(fg: 1, bg: 0, bold: true, dim: false, reverse: false))
        #expect(TerminalScreen.drawn(Theme.Style(foreground: .indexed(8), background: .indexed(0)), colors: 16)
                == .init(fg: 8, bg: 0, bold: false, dim: false, reverse: false))
    }

    /// The playhead steps four times a second down every row of the roll: bold, each of its cells cost a reset and
    /// both colours again on the cell after it (a take replayed at 120×40 sent 6.3 KB a second, 5.0 without bold;
    /// a slow link fell behind). Its colour and its glyph (┃) mark it.
    @Test(arguments: ["dark", "light", "high-contrast", "sixteen"])
    func thePlayheadIsNotBold(name: String) throws {
        let (theme, _) = try Self.shipped(name)
        #expect(!theme.style("roll.playhead", colors: 256).bold)
        #expect(!Theme.builtInDark.style("roll.playhead", colors: 256).bold)
    }

    /// A theme written before questions had a role of their own draws them as its errors, not as plain text; the
    /// shipped themes tell the two apart.
    @Test func aQuestionIsDrawnAsAnErrorWhereAThemeHasNoRoleForIt() throws {
        let (old, _) = try Theme.parse("""
            [palette]
            background = "#000000"
            text = "#ffffff"
            red = "#ff0000"
            [palette16]
            background = 0
            text = 7
            red = 1
            [roles]
            "text" = { fg = "text" }
            "status.error" = { fg = "background", bg = "red", bold = true }
            """, file: "old.toml")
        #expect(old.style("status.question", colors: 256) == old.style("status.error", colors: 256))
        for name in ["dark", "light", "high-contrast", "sixteen"] {
            let (theme, _) = try Self.shipped(name)
            #expect(theme.style("status.question", colors: 256) != theme.style("status.error", colors: 256), "\(name)")
        }
    }

    /// Without colours (vt100, xterm-mono, NO_COLOR) the text cursor and the selected rows showed nothing and the
    /// focused panel looked like the others.
    @Test(arguments: ["dark", "light", "high-contrast", "sixteen"])
    func withoutColoursMarkedCellsAreReversedAndTheFocusIsBold(name: String) throws {
        let (theme, _) = try Self.shipped(name)
        let background = theme.style("text", colors: 0).background
        func drawn(_ role: String) -> TerminalScreen.Drawn {
            TerminalScreen.drawn(theme.style(role, colors: 0), colors: 0, role: role, background: background)
        }
        for role in ["text.cursor", "takes.selected", "param.selected", "status.error", "status.question"] {
            #expect(drawn(role).reverse, "\(name): \(role)")
        }
        // Nor an overlay's fill (light's surface is not its background: the help, the messages and the takes list
        // were reversed wall to wall, and the selected take was the one row that was not); an error in the messages
        // is bold.
        for role in ["text", "text.dim", "panel.border", "roll.grid", "takes.item", "help.text", "help.key", "messages.error"] {
            #expect(!drawn(role).reverse, "\(name): \(role)")
        }
        #expect(drawn("messages.error").bold && !drawn("help.text").bold)
        #expect(drawn("panel.border.focus").bold && !drawn("panel.border").bold)
        // The focused panel's title bold and underlined too (a bold frame alone was hard to tell), not reversed: it
        // and the selected row under it were two reversed bars.
        #expect(drawn("panel.title.focus").underline && drawn("panel.title.focus").bold && !drawn("panel.title.focus").reverse)
        #expect(!drawn("panel.title").underline && !drawn("panel.title").reverse)
        #expect(drawn("text").fg == -1 && drawn("text").bg == -1)
        // A theme of one's own without a text.cursor role: the cursor is still reversed (it was drawn as text).
        let plain = TerminalScreen.drawn(Theme.Style(), colors: 0, role: "text.cursor", background: nil)
        #expect(plain.reverse)
    }

    /// Which panel the keys go to was told by a hue alone in colour (focused and other titles both bold; in the dark
    /// theme the focused one was the darker): its title is a bar of its own, the background colour on the text colour
    /// (on the accent it looked like the selected row under it), in every shipped theme; and an error in the messages
    /// list is the error colour, bold, where its ✗ alone told it.
    @Test(arguments: ["dark", "light", "high-contrast", "sixteen"])
    func theFocusedTitleIsABarAndMessagesErrorsAreRed(name: String) throws {
        let (theme, _) = try Self.shipped(name)
        for colors in [16, 256] {
            let focused = theme.style("panel.title.focus", colors: colors), other = theme.style("panel.title", colors: colors)
            #expect(focused.background == theme.style("text", colors: colors).foreground, "\(name) \(colors)")
            #expect(focused.background != theme.style("param.selected", colors: colors).background
                    && focused.background != theme.style("takes.selected", colors: colors).background)
            #expect(focused.foreground == theme.style("text", colors: colors).background && other.background != focused.background)
            #expect(theme.style("messages.error", colors: colors).foreground == theme.style("roll.playhead", colors: colors).foreground)
        }
    }

    @Test func rolesResolveToTheRightColoursFor256And16ColourTerminals() throws {
        let (dark, _) = try Self.shipped("dark")
        // "emotion.Anger" is red: #f7768e on 256 colours, index 9 on 16.
        #expect(dark.style("emotion.Anger", colors: 256).foreground == .indexed(Theme.xterm256(0xF7, 0x76, 0x8E)))
        #expect(dark.style("emotion.Anger", colors: 16).foreground == .indexed(9))
        #expect(dark.style("status.error", colors: 16) == Theme.Style(foreground: .indexed(0), background: .indexed(9), bold: true))
        let (sixteen, _) = try Self.shipped("sixteen")
        #expect(sixteen.style("emotion.Anger", colors: 256).foreground == .indexed(9))
    }

    @Test func aMissingRoleFallsBackToTextAndAMissingColourToTheDefaultTheme() throws {
        let (dark, _) = try Self.shipped("dark")
        let (theme, warnings) = try Theme.parse("""
            name = "Partial"
            [palette]
            text = "#ffffff"
            [roles]
            "text" = { fg = "text" }
            "emotion.Anger" = { fg = "red" }
            """, file: "partial.toml", fallback: dark)
        #expect(warnings.isEmpty)
        #expect(theme.style("roll.playhead", colors: 256) == theme.style("text", colors: 256))
        #expect(theme.style("text", colors: 256).foreground == .indexed(231))
        #expect(theme.style("emotion.Anger", colors: 256) == dark.style("emotion.Anger", colors: 256))
    }

    @Test func unknownKeysAreWarnedAboutOnce() throws {
        let (_, warnings) = try Theme.parse("""
            name = "X"
            shadow = true
            [roles]
            "text" = { fg = "text", blink = true }
            "sidebar" = { fg = "text" }
            "text.dim" = { fg = "nowhere" }
            """, file: "x.toml")
        #expect(warnings == ["x.toml: role colour 'nowhere' is not in the palette", "x.toml: role colour 'text' is not in the palette",
                             "x.toml: the palette has no 'background'; the terminal's own background is used",
                             "x.toml: unknown key 'roles.text.blink' ignored", "x.toml: unknown key 'shadow' ignored",
                             "x.toml: unknown role 'sidebar' ignored"])
        // A shipped theme's name in other capitals is that theme.
        #expect(try Theme.named("Dark", origin: "--theme").theme == Theme.builtInDark)
        // A palette with its background says nothing of it (Themes/README.md: a theme must set it).
        let (_, complete) = try Theme.parse("[palette]\nbackground = \"#000000\"\ntext = \"#ffffff\"", file: "y.toml")
        #expect(complete.isEmpty)
    }

    /// Themes/README.md: a colour a theme leaves out comes from the default theme. A probe's theme without `accent`
    /// drew the text cursor in the background colour on the terminal's own (an invisible cursor).
    @Test func aColourLeftOutComesFromTheDefaultTheme() throws {
        let dark = try String(contentsOf: Self.folder.appendingPathComponent("dark.toml"), encoding: .utf8)
        let withoutAccent = dark.split(separator: "\n").filter { !$0.hasPrefix("accent") }.joined(separator: "\n")
        let (theme, warnings) = try Theme.parse(withoutAccent, file: "noaccent.toml", fallback: Theme.builtInDark)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(theme.style("text.cursor", colors: 256) == Theme.builtInDark.style("text.cursor", colors: 256))
        #expect(theme.style("text.cursor", colors: 256).background != nil)
        // Without the fallback the same file says the colour is missing.
        #expect(try Theme.parse(withoutAccent, file: "noaccent.toml").warnings == ["noaccent.toml: role colour 'accent' is not in the palette"])
    }

    /// A theme of one's own with "#rrggbb" colours and no [palette16]: on a 16-colour terminal it took the default
    /// theme's colours of those names (black on white came out light on black); now the nearest of the 16.
    @Test func aThemeWithoutSixteenColoursGetsTheNearestOnes() throws {
        let path = NSTemporaryDirectory() + "camxuc-theme-\(getpid())-16.toml"
        try "name = \"Mine\"\n[palette]\nbackground = \"#ffffff\"\ntext = \"#000000\"\nred = \"#ff2020\"\n[roles]\n\"text\" = { fg = \"text\" }\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (theme, _) = try Theme.load(path: path)
        let style = theme.style("text", colors: 16)
        #expect(style.foreground == .indexed(0) && style.background == .indexed(15))
        #expect(theme.palette16["red"] == 9)
    }

    /// The default theme is built into the binary, word for word the shipped file, so the studio starts wherever
    /// the binary is copied (a probe's copy in another folder stopped with "there is no theme 'dark'").
    @Test func theDefaultThemeIsBuiltIn() throws {
        let dark = try String(contentsOf: Self.folder.appendingPathComponent("dark.toml"), encoding: .utf8)
        #expect(Theme.builtInDarkText + "\n" == dark)
        #expect(try Theme.parse(dark, file: "dark.toml").theme == Theme.builtInDark)
        #expect(Theme.availableNames().contains("dark"))
    }

    /// Every shipped theme is built in too, word for word its file: a binary copied out of the source tree (or
    /// installed) refused `--theme light`, README's own example, with "the themes are dark".
    @Test func everyShippedThemeIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Theme.builtInTexts.keys))
        for file in files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(5))
            #expect(Theme.builtInTexts[name].map { $0 + "\n" } == text, "\(name)")
            let builtIn = try Theme.parse(try #require(Theme.builtInTexts[name]), file: name, fallback: Theme.builtInDark)
            let fromFile = try Theme.parse(text, file: file, fallback: Theme.builtInDark)
            #expect(builtIn.warnings.isEmpty && builtIn.theme == fromFile.theme)
        }
        #expect(Set(Theme.availableNames()).isSuperset(of: ["dark", "light", "high-contrast", "sixteen"]))
    }

    /// A folder named like a theme file was "cannot be read as UTF-8 text".
    @Test func aFolderIsNoThemeFile() throws {
        let folder = NSTemporaryDirectory() + "theme-\(UUID().uuidString)/light.toml"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: StudioError.badTheme(file: folder, reason: "it is a folder, not a theme file")) {
            try Theme.load(path: folder)
        }
    }

    @Test func aSignedHexColourIsRefused() {
        #expect(Theme.rgb("#+12345") == nil && Theme.rgb("#-12345") == nil && Theme.rgb("#0a0B0c") == [10, 11, 12])
    }

    @Test(arguments: [
        ("[palette]\ntext = \"white\"", "'palette.text' must be a colour like \"#7aa2f7\""),
        ("[palette16]\ntext = 16", "'palette16.text' must be a colour index from 0 to 15"),
        ("[roles]\n\"text\" = { bold = \"yes\" }", "'roles.text.bold' must be true or false"),
        ("colors = 8", "'colors' must be 16 or 256"),
        ("[roles\n", "line 1"),
        ("name = \"x\"\n[\n", "line 2: a table header needs a name"),
    ])
    func badValuesNameTheFileAndKey(text: String, says: String) {
        do {
            _ = try Theme.parse(text, file: "bad.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix("cannot use theme bad.toml: "), "\(error)")
            #expect("\(error)".contains(says), "\(error)")
        }
    }

    static let shippedNames = ["dark", "light", "high-contrast", "sixteen"]
    static let terminals = [256, 16]

    /// The background a role is drawn on: its own, else the theme's `background` (as the terminal gets it).
    static func background(of style: Theme.Style, in theme: Theme, colors: Int) -> Int? {
        if case let .indexed(index)? = style.background { return index }
        if colors >= 256, !theme.sixteenColorsOnly, let rgb = theme.palette["background"] {
            return Theme.xterm256(rgb[0], rgb[1], rgb[2])
        }
        return theme.palette16["background"]
    }

    /// The contrast of `role`'s foreground against its background, or nil when either is the terminal's default.
    static func contrast(_ role: String, in theme: Theme, colors: Int) -> Double? {
        let style = theme.style(role, colors: colors)
        guard case let .indexed(foreground)? = style.foreground,
              let background = background(of: style, in: theme, colors: colors) else { return nil }
        return Contrast.ratio(foreground, background)
    }

    @Test(arguments: shippedNames, terminals)
    func everyRoleSetsItsColoursSoTheThemeLooksTheSameOnAnyTerminal(name: String, colors: Int) throws {
        // Without a background of its own a light theme draws dark text on a dark terminal's black.
        let (theme, _) = try Self.shipped(name)
        for role in Theme.knownRoles.sorted() {
            let style = theme.style(role, colors: colors)
            #expect(style.foreground != nil, "\(name) at \(colors) colours: \(role) has no foreground")
            #expect(style.background != nil, "\(name) at \(colors) colours: \(role) has no background")
        }
    }

    @Test(arguments: shippedNames, terminals)
    func everyRoleReachesWCAGContrastAgainstItsBackground(name: String, colors: Int) throws {
        let (theme, _) = try Self.shipped(name)
        for role in Theme.knownRoles.sorted() {
            let ratio = try #require(Self.contrast(role, in: theme, colors: colors), "\(name): \(role)")
            let needed = Contrast.markRoles.contains(role) ? 3.0 : 4.5
            #expect(ratio >= needed, "\(name) at \(colors) colours: \(role) has contrast \(Contrast.format(ratio)), needs \(needed):1")
        }
    }

    @Test(arguments: shippedNames, terminals)
    func louderNotesStandOutMore(name: String, colors: Int) throws {
        // Each velocity step has at least a fifth more contrast than the one below, so loud notes read as louder
        // (the block glyphs ▃ ▆ █ grow with velocity too).
        let (theme, _) = try Self.shipped(name)
        let ratios = try ["roll.note.low", "roll.note.mid", "roll.note.high"].map {
            try #require(Self.contrast($0, in: theme, colors: colors), "\(name): \($0)")
        }
        #expect(ratios[1] >= ratios[0] * 1.2 && ratios[2] >= ratios[1] * 1.2,
                "\(name) at \(colors) colours: low, mid, high contrast \(ratios.map(Contrast.format))")
    }

    @Test func contrastFollowsWCAG() {
        #expect(abs(Contrast.ratio(16, 231) - 21) < 1e-9)   // black on white
        #expect(abs(Contrast.ratio(0, 0) - 1) < 1e-9)
        #expect(abs(Contrast.ratio(4, 0) - 2.23) < 0.01)    // xterm's blue on black: the sixteen theme's old sadness
        #expect(Contrast.rgb(244) == (128, 128, 128))
        #expect(Contrast.rgb(111) == (135, 175, 255))
    }

    @Test func shippedThemesAreFoundByNameAndAnUnknownNameListsThem() throws {
        let light = try Theme.locate(named: "light", origin: "--theme")
        #expect(light.hasSuffix("/Themes/light.toml"))
        #expect(Set(Self.shippedNames).isSubset(of: Set(Theme.availableNames())))
        for name in ["nope", "", "../Themes/dark"] {
            do {
                _ = try Theme.locate(named: name, origin: "--theme")
                Issue.record("found a theme called '\(name)'")
            } catch let error as StudioError {
                guard case let .unknownTheme(unknown, origin, available) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(unknown == name && origin == "--theme" && available == Theme.availableNames())
                #expect("\(error)".hasPrefix("there is no theme '\(name)' (--theme); the themes are "), "\(error)")
                #expect("\(error)".contains("dark, high-contrast, light, sixteen"), "\(error)")
            }
        }
    }

    @Test func aRoleWithoutItsOwnBackgroundIsDrawnOnTheTheme() throws {
        let (theme, _) = try Theme.parse("""
            [palette]
            background = "#000000"
            text = "#ffffff"
            surface = "#ff0000"
            [roles]
            "text" = { fg = "text" }
            "help.text" = { fg = "text", bg = "surface" }
            """, file: "bg.toml")
        #expect(theme.style("text", colors: 256).background == .indexed(16))
        #expect(theme.style("help.text", colors: 256).background == .indexed(196))
        let (bare, _) = try Theme.parse("[roles]\n\"text\" = { fg = \"text\" }", file: "bare.toml")
        #expect(bare.style("text", colors: 256).background == nil)
    }

    /// An empty theme gave a studio with no colours, no visible focus and no cursor, without a word: the roles of a
    /// theme with no `text` are the default theme's, and it says so.
    @Test func aThemeWithoutTextTakesTheDefaultRolesAndSaysSo() throws {
        let (theme, warnings) = try Theme.parse("", file: "empty.toml", fallback: Theme.builtInDark)
        #expect(warnings.contains("empty.toml: the theme has no 'text' role; the roles it leaves out are the default theme's"))
        for role in ["text", "panel.border.focus", "text.cursor"] {
            #expect(theme.style(role, colors: 256) == Theme.builtInDark.style(role, colors: 256), "\(role)")
        }
    }

    /// A user's theme with text in the background colour drew the whole studio invisible, without a word; the shipped
    /// themes reach WCAG (the tests above) and get no such warning.
    @Test func aThemeTooFaintToReadIsToldSo() throws {
        let (_, warnings) = try Theme.parse("""
            [palette]
            background = "#16161e"
            [roles]
            text = { fg = "background" }
            """, file: "invisible.toml", fallback: Theme.builtInDark)
        #expect(warnings.contains { $0.hasPrefix("invisible.toml: ") && $0.contains("roles hard to read, worst 'text' 1.00:1 (WCAG: 4.5:1 text, 3:1 marks)") }, "\(warnings)")
        for name in Self.shippedNames {
            #expect(try Self.shipped(name).1.allSatisfy { !$0.contains("hard to read") }, "\(name)")
        }
    }

    @Test func xterm256MapsToTheCubeOrTheGreys() {
        #expect(Theme.xterm256(0, 0, 0) == 16)
        #expect(Theme.xterm256(255, 255, 255) == 231)
        #expect(Theme.xterm256(255, 0, 0) == 196)
        #expect(Theme.xterm256(0x80, 0x80, 0x80) == 244)
        #expect(Theme.xterm256(0x87, 0xAF, 0xFF) == 111)
    }
}
