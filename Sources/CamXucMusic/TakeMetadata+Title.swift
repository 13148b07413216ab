extension TakeMetadata {
    /// The longest title made from a text, in characters (grapheme clusters).
    public static let maximumTitleCharacters = 80

    /// A title for a take made from `text`: the text on one line, whole when it has at most `maximumCharacters`
    /// characters, else cut after the last whole word that fits, with "…" (which counts towards the limit).
    ///
    /// A single word longer than the limit is cut inside it, as nothing better is possible.
    public static func title(from text: String, maximumCharacters: Int = maximumTitleCharacters) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        guard line.count > maximumCharacters, maximumCharacters > 1 else { return line }
        var title = ""
        for word in words {
            let candidate = title.isEmpty ? String(word) : title + " " + word
            if candidate.count > maximumCharacters - 1 { break }
            title = candidate
        }
        if title.isEmpty { title = String(line.prefix(maximumCharacters - 1)) }
        return title + "…"
    }
}
