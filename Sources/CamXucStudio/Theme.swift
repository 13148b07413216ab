import CamXucTensor
import Foundation
import TOMLKit

/// A studio theme: named colours and the style of every role (`Themes/*.toml`). The UI asks for roles, never for
/// colours.
///
/// Loading never fails on a missing piece: a role the file leaves out falls back to `text` (to the default theme's
/// role when the file has no `text`), a colour to the default theme's; unknown keys, and roles too faint to read,
/// come back as warnings. Only a file that is not TOML at all, or a value of the wrong
/// type, is an error naming the file and key. Every role is drawn on the palette's `background` unless it names
/// its own, so a theme looks the same whatever the terminal's own colours are.
public struct Theme: Equatable, Sendable {
    /// A colour as the terminal will get it.
    public enum Color: Equatable, Hashable, Sendable {
        /// One of the 256 xterm colours.
        case indexed(Int)
    }

    /// What a role looks like once resolved for a terminal.
    public struct Style: Equatable, Hashable, Sendable {
        public var foreground: Color?
        public var background: Color?
        public var bold = false
        public var dim = false
        public var underline = false
        public var reverse = false

        public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
                    underline: Bool = false, reverse: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.dim = dim
            self.underline = underline
            self.reverse = reverse
        }
    }

    /// A role as the file states it: palette names and attributes.
    public struct RoleSpec: Equatable, Sendable {
        public var foreground: String?
        public var background: String?
        public var bold = false
        public var dim = false
        public var underline = false
        public var reverse = false
    }

    public var name: String
    /// `#rrggbb` colours by name, as [red, green, blue].
    public var palette: [String: [UInt8]]
    /// 16-colour indices by name.
    public var palette16: [String: Int]
    public var roles: [String: RoleSpec]
    /// True when the theme asks for the 16 colours even on richer terminals.
    public var sixteenColorsOnly: Bool

    /// The roles every theme should define (the studio draws with these).
    public static let knownRoles: Set<String> = [
        "text", "text.dim", "text.cursor", "panel.border", "panel.border.focus", "panel.title", "panel.title.focus",
        "emotion.Enjoyment", "emotion.Sadness", "emotion.Anger", "emotion.Fear", "emotion.Disgust", "emotion.Surprise",
        "emotion.Other", "emotion.winner", "arc.Enjoyment", "arc.Sadness", "arc.Anger", "arc.Fear", "arc.Disgust",
        "arc.Surprise", "arc.Other", "circumplex.axis", "circumplex.label", "circumplex.target",
        "circumplex.take", "circumplex.trail", "circumplex.path", "param.label", "param.value", "param.selected", "param.changed",
        "roll.grid", "roll.axis", "roll.scale", "roll.note.low", "roll.note.mid", "roll.note.high", "roll.note.primer",
        "roll.playhead", "takes.item", "takes.selected", "takes.playing", "status.text", "status.key", "status.error", "status.question", "help.text",
        "help.key", "messages.error",
    ]

    /// Roles drawn as another where a theme (one written before them) leaves them out: a question as an error was
    /// drawn, rather than as plain text.
    static let standIns = ["status.question": "status.error"]

    /// Parses a theme; `fallback` supplies colours the file leaves out. Returns the theme and warnings.
    public static func parse(_ text: String, file: String, fallback: Theme? = nil) throws -> (theme: Theme, warnings: [String]) {
        let table: TOMLTable
        if let problem = TOMLHeaders.firstProblem(in: text) {
            throw StudioError.badTheme(file: file, reason: "line \(problem.line): \(problem.reason)")
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw StudioError.badTheme(file: file, reason: "line \(error.source.begin.line), column \(error.source.begin.column): \(TOMLHeaders.plain(error.description))")
        } catch {
            throw StudioError.badTheme(file: file, reason: "\(error)")
        }
        func fail(_ key: String, _ expected: String) -> StudioError {
            .badTheme(file: file, reason: "'\(key)' must be \(expected)")
        }
        var warnings: [String] = []
        // The colours the file gives as "#rrggbb" and those it gives for 16-colour terminals.
        var givenTrue: Set<String> = [], givenSixteen: Set<String> = []
        var theme = Theme(name: fallback?.name ?? "unnamed", palette: fallback?.palette ?? [:],
                          palette16: fallback?.palette16 ?? [:], roles: [:], sixteenColorsOnly: false)
        for key in table.keys.sorted() {
            let value = table[key]
            switch key {
            case "name":
                guard let name = value?.string else { throw fail("name", "a string") }
                theme.name = name
            case "colors":
                guard let count = value?.int, count == 16 || count == 256 else { throw fail("colors", "16 or 256") }
                theme.sixteenColorsOnly = count == 16
            case "palette":
                guard let entries = value?.table else { throw fail("palette", "a table") }
                for colorName in entries.keys {
                    guard let hex = entries[colorName]?.string, let rgb = Self.rgb(hex) else {
                        throw fail("palette.\(colorName)", "a colour like \"#7aa2f7\"")
                    }
                    theme.palette[colorName] = rgb
                    givenTrue.insert(colorName)
                }
            case "palette16":
                guard let entries = value?.table else { throw fail("palette16", "a table") }
                for colorName in entries.keys {
                    guard let index = entries[colorName]?.int, (0...15).contains(index) else {
                        throw fail("palette16.\(colorName)", "a colour index from 0 to 15")
                    }
                    theme.palette16[colorName] = index
                    givenSixteen.insert(colorName)
                }
            case "roles":
                guard let entries = value?.table else { throw fail("roles", "a table") }
                for role in entries.keys.sorted() {
                    guard let spec = entries[role]?.table else { throw fail("roles.\(role)", "an inline table such as { fg = \"text\" }") }
                    var parsed = RoleSpec()
                    for attribute in spec.keys.sorted() {
                        let item = spec[attribute]
                        switch attribute {
                        case "fg", "bg":
                            guard let colorName = item?.string else { throw fail("roles.\(role).\(attribute)", "a palette name") }
                            if attribute == "fg" { parsed.foreground = colorName } else { parsed.background = colorName }
                        case "bold", "dim", "underline", "reverse":
                            guard let flag = item?.bool else { throw fail("roles.\(role).\(attribute)", "true or false") }
                            switch attribute {
                            case "bold": parsed.bold = flag
                            case "dim": parsed.dim = flag
                            case "underline": parsed.underline = flag
                            default: parsed.reverse = flag
                            }
                        default:
                            warnings.append("\(file): unknown key 'roles.\(role).\(attribute)' ignored")
                        }
                    }
                    if !knownRoles.contains(role) { warnings.append("\(file): unknown role '\(role)' ignored") }
                    theme.roles[role] = parsed
                }
            default:
                warnings.append("\(file): unknown key '\(key)' ignored")
            }
        }
        // A colour given only as "#rrggbb" is, on a 16-colour terminal (TERM=xterm, screen, linux), the nearest of
        // the 16: it was the default theme's colour of that name, so a white-on-black theme came out black on white
        // there, without a word.
        for colorName in givenTrue.subtracting(givenSixteen) {
            if let rgb = theme.palette[colorName] { theme.palette16[colorName] = Self.nearestSixteen(rgb) }
        }
        // Themes/README.md: a theme must set its background (else roles are drawn on the terminal's own, and the
        // contrast it was checked for is gone).
        if theme.palette["background"] == nil && theme.palette16["background"] == nil {
            warnings.append("\(file): the palette has no 'background'; the terminal's own background is used")
        }
        for role in theme.roles.values {
            for colorName in [role.foreground, role.background].compactMap({ $0 })
            where theme.palette[colorName] == nil && theme.palette16[colorName] == nil {
                warnings.append("\(file): role colour '\(colorName)' is not in the palette")
            }
        }
        // Without `text` every role it leaves out had no style at all: no colours, no focus, no cursor (an empty file
        // gave that studio, without a word). Such roles are the default theme's, in this theme's palette.
        if theme.roles["text"] == nil, let fallback {
            warnings.append("\(file): the theme has no 'text' role; the roles it leaves out are the default theme's")
            theme.roles.merge(fallback.roles) { own, _ in own }
        }
        if let unreadable = theme.contrastProblem() { warnings.append("\(file): \(unreadable)") }
        // The missing text role first: it explains the colours, and the status line shows only the first warning.
        return (theme, Array(Set(warnings)).sorted { ($0.contains("no 'text' role") ? 0 : 1, $0) < ($1.contains("no 'text' role") ? 0 : 1, $1) })
    }

    /// The roles that miss WCAG contrast against the background they are drawn on (4.5:1 for text, 3:1 for marks,
    /// `Contrast.markRoles`), on the colours the theme uses most (256, or its 16), in one line; nil when all reach it.
    /// The shipped themes are held to it by tests; a user's theme is told (text in the background colour was drawn
    /// invisible without a word).
    func contrastProblem() -> String? {
        let colors = sixteenColorsOnly ? 16 : 256
        var low: [(role: String, ratio: Double)] = []
        for role in Self.knownRoles.sorted() {
            let style = style(role, colors: colors)
            guard case let .indexed(foreground)? = style.foreground, case let .indexed(background)? = style.background else { continue }
            let ratio = Contrast.ratio(foreground, background)
            if ratio < (Contrast.markRoles.contains(role) ? 3 : 4.5) { low.append((role, ratio)) }
        }
        // The least readable, `text` first among equals (the roles that fall back to it share its colours).
        guard let worst = low.min(by: { ($0.ratio, $0.role == "text" ? 0 : 1) < ($1.ratio, $1.role == "text" ? 0 : 1) })
        else { return nil }
        return low.count == 1
            ? "'\(worst.role)' hard to read: \(Contrast.format(worst.ratio)) (WCAG: 4.5:1 text, 3:1 marks)"
            : "\(low.count) roles hard to read, worst '\(worst.role)' \(Contrast.format(worst.ratio)) (WCAG: 4.5:1 text, 3:1 marks)"
    }

    public static func load(path: String, fallback: Theme? = nil) throws -> (theme: Theme, warnings: [String]) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            // It said "it cannot be read as UTF-8 text".
            throw StudioError.badTheme(file: path, reason: "it is a folder, not a theme file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StudioError.badTheme(file: path, reason: "it cannot be read as UTF-8 text")
        }
        return try parse(text, file: path, fallback: fallback)
    }

    /// The themes that can be named: `NAME.toml` in any themes folder (see `ModelDirectory.candidates`), sorted.
    public static func availableNames() -> [String] {
        var names = Set(builtInTexts.keys)
        for folder in ModelDirectory.candidates(folder: "Themes") {
            // Only files there are (a broken link was listed as a theme by the message that said there was none).
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".toml")
                && FileManager.default.fileExists(atPath: folder + "/" + file) {
                names.insert(String(file.dropLast(".toml".count)))
            }
        }
        return names.sorted()
    }

    /// The file of the theme called `name`: `NAME.toml` in the first themes folder that has it.
    ///
    /// Throws `StudioError.unknownTheme`, listing the themes there are, when no folder has it (or the name is a
    /// path); `origin` says where the name came from, for that message.
    public static func locate(named name: String, origin: String) throws -> String {
        if !name.isEmpty, !name.contains("/"), let path = ModelDirectory.locate("\(name).toml", folder: "Themes") {
            return path
        }
        throw StudioError.unknownTheme(name: name, origin: origin, available: availableNames())
    }

    static func rgb(_ hex: String) -> [UInt8]? {
        // Six hex digits exactly: UInt32(_:radix:) alone would take "#+12345" as #012345.
        guard hex.hasPrefix("#"), hex.count == 7, hex.dropFirst().allSatisfy(\.isHexDigit),
              let value = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        return [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The style of `role` for a terminal with `colors` colours (16, 256 or more); a missing role is `text`'s. A role
    /// without a background of its own gets the palette's `background` (nil only when the palette has none).
    public func style(_ role: String, colors: Int) -> Style {
        guard let spec = roles[role] ?? Self.standIns[role].flatMap({ roles[$0] }) ?? roles["text"] else { return Style() }
        let sixteen = colors < 256 || sixteenColorsOnly
        func resolve(_ colorName: String?) -> Color? {
            guard let colorName else { return nil }
            if !sixteen, let rgb = palette[colorName] { return .indexed(Self.xterm256(rgb[0], rgb[1], rgb[2])) }
            return palette16[colorName].map { .indexed($0) }
        }
        return Style(foreground: resolve(spec.foreground), background: resolve(spec.background ?? "background"), bold: spec.bold,
                     dim: spec.dim, underline: spec.underline, reverse: spec.reverse)
    }

    /// The nearest of the 16 colours as xterm draws them by default (0 black … 7 light grey, 8 dark grey … 15 white).
    static func nearestSixteen(_ rgb: [UInt8]) -> Int {
        let sixteen: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                          (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                                          (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        let (r, g, b) = (Int(rgb[0]), Int(rgb[1]), Int(rgb[2]))
        return sixteen.indices.min { a, c in
            let (x, y) = (sixteen[a], sixteen[c])
            return (x.0 - r) * (x.0 - r) + (x.1 - g) * (x.1 - g) + (x.2 - b) * (x.2 - b)
                < (y.0 - r) * (y.0 - r) + (y.1 - g) * (y.1 - g) + (y.2 - b) * (y.2 - b)
        } ?? 7
    }

    /// The nearest of the xterm 256 colours: the 6×6×6 cube or the 24 greys, whichever is closer.
    public static func xterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) } ?? 0
        }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(max((average - 8 + 5) / 10, 0), 23)
        let grey = 8 + 10 * greyIndex
        func distance(_ c: (Int, Int, Int)) -> Int {
            (c.0 - Int(r)) * (c.0 - Int(r)) + (c.1 - Int(g)) * (c.1 - Int(g)) + (c.2 - Int(b)) * (c.2 - Int(b))
        }
        return distance((grey, grey, grey)) < distance(cube) ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }
}
