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
                             "x.toml: unknown key 'roles.text.blink' ignored", "x.toml: unknown key 'shadow' ignored",
                             "x.toml: unknown role 'sidebar' ignored"])
    }

    @Test(arguments: [
        ("[palette]\ntext = \"white\"", "'palette.text' must be a colour like \"#7aa2f7\""),
        ("[palette16]\ntext = 16", "'palette16.text' must be a colour index from 0 to 15"),
        ("[roles]\n\"text\" = { bold = \"yes\" }", "'roles.text.bold' must be true or false"),
        ("colors = 8", "'colors' must be 16 or 256"),
        ("[roles\n", "line 1"),
    ])
    func badValuesNameTheFileAndKey(text: String, says: String) {
        do {
            _ = try Theme.parse(text, file: "bad.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix("cannot use config bad.toml: "), "\(error)")
            #expect("\(error)".contains(says), "\(error)")
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
