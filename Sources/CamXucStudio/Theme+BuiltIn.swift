import CamXucTensor

/// The default theme, built in: `Themes/dark.toml` word for word (a test keeps the two equal), so the studio has
/// its colours wherever the binary is copied, and every other theme takes the colours it leaves out from it.
extension Theme {
    static let builtInDarkText = #"""
# CamXuc theme: Dark. Roles name palette entries; see Themes/README.md.
name = "Dark"

[palette]                      # "#rrggbb" for terminals with 256 colours or more
background = "#16161e"
surface    = "#1f2335"
text       = "#c0caf5"
muted      = "#7a82b0"
grid       = "#6c6c6c"
accent     = "#7aa2f7"
red        = "#f7768e"
green      = "#9ece6a"
yellow     = "#e0af68"
blue       = "#7dcfff"
magenta    = "#bb9af7"
cyan       = "#73daca"
quiet      = "#5f87af"
medium     = "#7aa2f7"
loud       = "#b4f9f8"

[palette16]                    # the same names as indices 0–15, for 16-colour terminals
background = 0
surface    = 0
text       = 7
muted      = 8
grid       = 8
accent     = 14
red        = 9
green      = 10
yellow     = 11
blue       = 12
magenta    = 13
cyan       = 14
quiet      = 12
medium     = 6
loud       = 14

[roles]
"text"                = { fg = "text" }
"text.dim"            = { fg = "muted" }
"text.cursor"         = { fg = "background", bg = "accent" }
"panel.border"        = { fg = "muted" }
"panel.border.focus"  = { fg = "accent" }
"panel.title"         = { fg = "text", bold = true }
"panel.title.focus"   = { fg = "background", bg = "text", bold = true }
"emotion.Enjoyment"   = { fg = "yellow" }
"emotion.Sadness"     = { fg = "blue" }
"emotion.Anger"       = { fg = "red" }
"emotion.Fear"        = { fg = "magenta" }
"emotion.Disgust"     = { fg = "green" }
"emotion.Surprise"    = { fg = "cyan" }
"emotion.Other"       = { fg = "muted" }
"emotion.winner"      = { fg = "text", bold = true }
"arc.Enjoyment"       = { fg = "background", bg = "yellow", bold = true }
"arc.Sadness"         = { fg = "background", bg = "blue", bold = true }
"arc.Anger"           = { fg = "background", bg = "red", bold = true }
"arc.Fear"            = { fg = "background", bg = "magenta", bold = true }
"arc.Disgust"         = { fg = "background", bg = "green", bold = true }
"arc.Surprise"        = { fg = "background", bg = "cyan", bold = true }
"arc.Other"           = { fg = "background", bg = "muted", bold = true }
"circumplex.axis"     = { fg = "muted" }
"circumplex.label"    = { fg = "muted" }
"circumplex.target"   = { fg = "accent", bold = true }
"circumplex.take"     = { fg = "yellow", bold = true }
"circumplex.trail"    = { fg = "muted" }
"circumplex.path"     = { fg = "text", bold = true }
"param.label"         = { fg = "text" }
"param.value"         = { fg = "accent" }
"param.selected"      = { fg = "background", bg = "accent" }
"param.changed"       = { fg = "yellow", bold = true }
"roll.grid"           = { fg = "grid" }
"roll.axis"           = { fg = "muted" }
"roll.scale"          = { fg = "accent" }
"roll.note.low"       = { fg = "quiet" }
"roll.note.mid"       = { fg = "medium" }
"roll.note.high"      = { fg = "loud", bold = true }
"roll.note.primer"    = { fg = "yellow" }
"roll.playhead"       = { fg = "red" }
"takes.item"          = { fg = "text" }
"takes.selected"      = { fg = "background", bg = "accent" }
"takes.playing"       = { fg = "green", bold = true }
"status.text"         = { fg = "muted" }
"status.key"          = { fg = "accent", bold = true }
"status.error"        = { fg = "background", bg = "red", bold = true }
"status.question"     = { fg = "background", bg = "yellow", bold = true }
"help.text"           = { fg = "text", bg = "surface" }
"help.key"            = { fg = "accent", bg = "surface", bold = true }
"messages.error"      = { fg = "red", bg = "surface", bold = true }
"""#

    /// `Themes/light.toml` word for word (a test keeps the two equal): its palettes, then the roles all four share.
    static let builtInLightText = #"""
# CamXuc theme: Light. Roles name palette entries; see Themes/README.md.
name = "Light"

[palette]                      # "#rrggbb" for terminals with 256 colours or more
background = "#f5f5f0"
surface    = "#e6e6e0"
text       = "#2a2b33"
muted      = "#5f6170"
grid       = "#878787"
accent     = "#2e5cb8"
red        = "#af0000"
green      = "#005f00"
yellow     = "#875f00"
blue       = "#005fd7"
magenta    = "#8700af"
cyan       = "#008787"
quiet      = "#0087d7"
medium     = "#005faf"
loud       = "#000087"

# On white, xterm's yellows, greens and cyans (2, 3, 6, 10, 11, 14) are under 3:1 and its greys (7, 8) under 4.5:1:
# readable colours stand in for them (muted text is black; grey 8 draws only lines and dots), so some names below
# do not describe the colour they get.
[palette16]                    # the same names as indices 0–15, for 16-colour terminals
background = 15
surface    = 7
text       = 0
muted      = 0
grid       = 8
accent     = 4
red        = 1
green      = 12
yellow     = 5
blue       = 4
magenta    = 13
cyan       = 9
quiet      = 12
medium     = 4
loud       = 0

"""# + "\n" + builtInRoles

    /// `Themes/high-contrast.toml` word for word (a test keeps the two equal): its palettes, then the roles all four share.
    static let builtInHighContrastText = #"""
# CamXuc theme: High contrast. Roles name palette entries; see Themes/README.md.
name = "High contrast"

[palette]                      # "#rrggbb" for terminals with 256 colours or more
background = "#000000"
surface    = "#000000"
text       = "#ffffff"
muted      = "#c0c0c0"
grid       = "#606060"
accent     = "#ffff00"
red        = "#ff4040"
green      = "#40ff40"
yellow     = "#ffff00"
blue       = "#40c0ff"
magenta    = "#ff60ff"
cyan       = "#40ffff"
quiet      = "#40c0ff"
medium     = "#40ffff"
loud       = "#ffffff"

[palette16]                    # the same names as indices 0–15, for 16-colour terminals
background = 0
surface    = 0
text       = 15
muted      = 7
grid       = 8
accent     = 11
red        = 9
green      = 10
yellow     = 11
blue       = 12
magenta    = 13
cyan       = 14
quiet      = 12
medium     = 14
loud       = 15

"""# + "\n" + builtInRoles

    /// `Themes/sixteen.toml` word for word (a test keeps the two equal): its palettes, then the roles all four share.
    static let builtInSixteenText = #"""
# CamXuc theme: 16 colours: the terminal's own 16 colours, for consoles and terminals without 256 colours.
name = "16 colours"
colors = 16

[palette16]
background = 0
surface    = 0
text       = 7
muted      = 8
grid       = 8
accent     = 14
red        = 9
green      = 10
yellow     = 11
blue       = 12
magenta    = 13
cyan       = 14
quiet      = 12
medium     = 6
loud       = 14

"""# + "\n" + builtInRoles

    /// The roles section the shipped themes share, from `[roles]` to the end.
    static let builtInRoles = "[roles]" + (builtInDarkText.components(separatedBy: "[roles]").last ?? "")

    /// The default theme as parsed from `builtInDarkText`.
    public static let builtInDark: Theme = {
        // The text is a fixture of this file: a parse failure is a bug caught by ThemeTests, never a user's mistake.
        (try? parse(builtInDarkText, file: "dark (built in)").theme) ?? Theme(name: "dark", palette: [:], palette16: [:],
                                                                          roles: [:], sixteenColorsOnly: false)
    }()

    /// The theme called `name`: its file from the first themes folder that has it, read with the default theme's
    /// colours for those it leaves out; a shipped theme from the binary when no folder has its file.
    /// Throws `StudioError.unknownTheme` (see `locate`) or `StudioError.badTheme`.
    public static func named(_ given: String, origin: String) throws -> (theme: Theme, warnings: [String]) {
        // A shipped theme's name in other capitals is that theme ("--theme Dark" was "there is no theme").
        let name = builtInTexts[given] == nil && builtInTexts[given.lowercased()] != nil
            && ModelDirectory.locate("\(given).toml", folder: "Themes") == nil ? given.lowercased() : given
        if ModelDirectory.locate("\(name).toml", folder: "Themes") == nil, let text = builtInTexts[name] {
            if name == "dark" { return (builtInDark, []) }
            return try parse(text, file: "\(name) (built in)", fallback: builtInDark)
        }
        return try load(path: locate(named: name, origin: origin), fallback: builtInDark)
    }

    /// The shipped themes, built in, so that every theme `--help` names is there wherever the binary is copied or
    /// installed (a copy outside the source tree refused `--theme light`, README's own example: "the themes are dark").
    static let builtInTexts = ["dark": builtInDarkText, "light": builtInLightText, "high-contrast": builtInHighContrastText,
                               "sixteen": builtInSixteenText]
}
