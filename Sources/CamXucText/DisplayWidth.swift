/// How many terminal columns text takes: 2 for emoji and East Asian wide characters, 0 for combining marks and
/// format characters, 1 otherwise (so a Vietnamese letter in NFC or NFD is one column).
public enum DisplayWidth {
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x1F680...0x1F6FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD,
    ]

    /// Columns of one code point.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if value == 0x200D || (0xFE00...0xFE0F).contains(value) { return 0 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// Columns of one grapheme cluster as `drawable` draws it: the widths of its code points, summed.
    public static func of(_ character: Character) -> Int {
        var columns = 0
        for scalar in drawnScalars(character) { columns += of(scalar) }
        return columns
    }

    /// The part of a grapheme cluster the studio draws: an emoji sequence joined by ZWJ keeps its first emoji, and
    /// variation selectors and skin-tone modifiers go ("👨‍👩‍👧" is drawn 👨, "❤️" ❤). ncurses moves its cursor by
    /// each code point's own width, while terminals draw such a sequence in two columns or in more: drawn whole, the
    /// family took 6 columns to ncurses and 2 on screen, and the rest of the row was shifted and left stale
    /// characters. What is drawn is what both count alike.
    public static func drawable(_ character: Character) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: drawnScalars(character))
        return text
    }

    static func drawnScalars(_ character: Character) -> [Unicode.Scalar] {
        var kept: [Unicode.Scalar] = []
        for scalar in character.unicodeScalars {
            if scalar.value == 0x200D { break }
            if (0xFE00...0xFE0F).contains(scalar.value) || (0x1F3FB...0x1F3FF).contains(scalar.value) { continue }
            kept.append(scalar)
        }
        return kept.isEmpty ? Array(character.unicodeScalars.prefix(1)) : kept
    }

    /// Columns of a string.
    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }
}
