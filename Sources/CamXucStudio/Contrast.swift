import Foundation

/// WCAG 2 contrast between two terminal colours, as xterm shows them by default.
public enum Contrast {
    /// Roles drawn as marks rather than read: borders, bars, axes, dots and note blocks. They need WCAG's 3:1 for
    /// graphical objects; every other role is text and needs 4.5:1. (The same list is in Themes/README.md.)
    public static let markRoles: Set<String> = [
        "panel.border", "panel.border.focus",
        "emotion.Enjoyment", "emotion.Sadness", "emotion.Anger", "emotion.Fear", "emotion.Disgust", "emotion.Surprise",
        "emotion.Other",
        // The arc strip's segment under the playhead: a band in its emotion's colour (the same pair as emotion.*).
        "arc.Enjoyment", "arc.Sadness", "arc.Anger", "arc.Fear", "arc.Disgust", "arc.Surprise", "arc.Other",
        "circumplex.axis", "circumplex.target", "circumplex.take", "circumplex.trail",
        "roll.grid", "roll.note.low", "roll.note.mid", "roll.note.high", "roll.note.primer", "roll.playhead",
    ]

    /// xterm's default 16 colours (its XTerm-col.ad resources); terminals vary, these are the common reference.
    public static let ansi: [(Int, Int, Int)] = [
        (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
        (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
        (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
        (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
    ]

    /// The RGB of an xterm colour index: the 16, the 6×6×6 cube (16–231), the 24 greys (232–255).
    public static func rgb(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return ansi[max(index, 0)] }
        if index >= 232 { let grey = 8 + 10 * (index - 232); return (grey, grey, grey) }
        let levels = [0, 95, 135, 175, 215, 255], cube = index - 16
        return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
    }

    /// WCAG 2 relative luminance.
    public static func luminance(_ index: Int) -> Double {
        func linear(_ channel: Int) -> Double {
            let value = Double(channel) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = rgb(index)
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// (lighter + 0.05) / (darker + 0.05), from 1 to 21.
    public static func ratio(_ a: Int, _ b: Int) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    public static func format(_ ratio: Double) -> String { String(format: "%.2f:1", ratio) }
}
