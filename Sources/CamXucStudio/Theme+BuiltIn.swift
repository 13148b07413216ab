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
"panel.title.focus"   = { fg = "accent", bold = true }
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
"roll.playhead"       = { fg = "red", bold = true }
"takes.item"          = { fg = "text" }
"takes.selected"      = { fg = "background", bg = "accent" }
"takes.playing"       = { fg = "green", bold = true }
"status.text"         = { fg = "muted" }
"status.key"          = { fg = "accent", bold = true }
"status.error"        = { fg = "background", bg = "red", bold = true }
"help.text"           = { fg = "text", bg = "surface" }
"help.key"            = { fg = "accent", bg = "surface", bold = true }
"""#

    /// The default theme as parsed from `builtInDarkText`.
    public static let builtInDark: Theme = {
        // The text is a fixture of this file: a parse failure is a bug caught by ThemeTests, never a user's mistake.
        (try? parse(builtInDarkText, file: "dark (built in)").theme) ?? Theme(name: "dark", palette: [:], palette16: [:],
                                                                          roles: [:], sixteenColorsOnly: false)
    }()

    /// The theme called `name`: its file from the first themes folder that has it, read with the default theme's
    /// colours for those it leaves out; the default theme itself from the binary when no folder has `dark.toml`.
    /// Throws `StudioError.unknownTheme` (see `locate`) or `StudioError.badTheme`.
    public static func named(_ name: String, origin: String) throws -> (theme: Theme, warnings: [String]) {
        if name == "dark", ModelDirectory.locate("dark.toml", folder: "Themes") == nil {
            return (builtInDark, [])
        }
        return try load(path: locate(named: name, origin: origin), fallback: builtInDark)
    }
}
