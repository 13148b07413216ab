/// Text typed with the input method off: "tooi buoonf quas" for "tôi buồn quá", VNI's "to6i buo6n2" too. Its words
/// are no Vietnamese syllables as they stand, and each becomes one when its keys are composed; the emotion model,
/// which never saw such words, read them as unknown ("tooi buoonf quas" as joy). `composed` puts the text through the
/// input method when the whole text clearly is such keys, and leaves it alone otherwise (a loan word among Vietnamese,
/// English, names, teencode).
public enum KeysLeftInText {
    static let telex = InputMethod(.telex, toneStyle: .traditional)
    static let vni = InputMethod(.vni, toneStyle: .traditional)

    /// What one ASCII word of the text is.
    enum Kind: Equatable {
        /// Keys that compose into a syllable.
        case keys(String)
        /// A word spelt as a Vietnamese syllable as it stands, or shorthand.
        case vietnamese
        case foreign
    }

    /// English words that Telex would compose into a syllable ("this is" → "thí í"): they do not count as keys when
    /// deciding whether a text was typed with the input method off (English in Vietnamese chat, "This is so bad",
    /// "Is this real?", was read as such keys); in a text that clearly was, they are composed with the rest ("thí
    /// sinh", "ít", "á").
    static let englishWords: Set<String> = ["is", "this", "as", "was", "has", "his", "us", "its", "yes", "does", "goes",
                                            "says", "miss", "kiss", "boss", "less", "pass", "class", "if", "of", "off",
                                            "or", "our", "her", "are", "were", "for", "bus", "plus", "guess", "mess",
                                            "kids", "fans", "boys", "girls", "oh", "ah", "hi", "bye"]

    static func kind(of word: String) -> Kind {
        let lower = word.lowercased()
        if VietnameseSpelling.isWrittenSyllable(lower) || LanguageGuess.accepted.contains(lower) { return .vietnamese }
        // Codes and names in capitals ("SE1", "BEST"; a capital Ơ is "OW") are not keys, nor digits VNI never types
        // together (a mark then a tone: "o71", "u75"; not "23").
        if word.filter(\.isLetter).count > 2, word == word.uppercased() { return .foreign }
        var digits = ""
        for character in word + " " {
            if character.isNumber { digits.append(character); continue }
            if digits.count > 2 || digits.count == 2 && !("6"..."9" ~= digits.first! && "0"..."5" ~= digits.last!) {
                return .foreign
            }
            digits = ""
        }
        let method = lower.contains(where: \.isNumber) ? vni : telex
        let composed = method.compose(word)
        let composedLower = composed.lowercased()
        guard composed != word, composed.unicodeScalars.contains(where: { !$0.isASCII }), isWritten(composed),
              VietnameseSpelling.marksFit(composedLower) else { return .foreign }
        return .keys(composed)
    }

    /// Whether `word` (marks and tones allowed) is spelt as a syllable Vietnamese writes.
    static func isWritten(_ word: String) -> Bool {
        VietnameseSpelling.isWrittenSyllable(VietnameseFolding.fold(word.lowercased()).replacingOccurrences(of: "đ", with: "d"))
    }

    /// `text` with its words of keys composed, when the whole text was clearly typed so: at least two different
    /// words of keys, a quarter of its words or more, at least twice as many as words written with diacritics and as
    /// many as foreign ones. A loan word among Vietnamese ("seen", "deep", "per", "best" read as sên, dêp, pẻ, bét in
    /// UIT-VSMEC's comments) is no such text. Nil when nothing changes.
    public static func composed(_ text: String) -> String? {
        var words: [(range: Range<String.Index>, kind: Kind)] = []
        var marked = 0  // words written with diacritics
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isLetter || text[index].isNumber else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, text[end].isLetter || text[end].isNumber { end = text.index(after: end) }
            let word = String(text[index..<end])
            // Words written with their marks are the text's own; only letters and digits of ASCII can be keys.
            if word.contains(where: \.isLetter) {
                let ascii = word.allSatisfy(\.isASCII)
                words.append((index..<end, ascii ? kind(of: word) : .vietnamese))
                if !ascii { marked += 1 }
            }
            index = end
        }
        var keys = 0, foreign = 0, distinct = Set<String>()
        for (range, kind) in words where !englishWords.contains(text[range].lowercased()) {
            switch kind {
            case .keys:
                keys += 1
                distinct.insert(text[range].lowercased())
            case .foreign: foreign += 1
            case .vietnamese: break
            }
        }
        let clear = distinct.count >= 2 && keys * 4 >= words.count && keys >= 2 * marked && keys >= foreign
        guard clear else { return nil }
        // In such a text a word that is also spelt as a syllable is keys too when they compose one ("khoong",
        // "OOng": oo is written only in xoong, boong); shorthand and loan words ("ok", "wow") are not.
        var result = text
        for (range, kind) in words.reversed() {
            let word = String(text[range])
            switch kind {
            case let .keys(composed):
                result.replaceSubrange(range, with: composed)
            case .vietnamese where word.allSatisfy(\.isASCII) && !LanguageGuess.accepted.contains(word.lowercased()):
                let composed = telex.compose(word)
                if composed != word, isWritten(composed) { result.replaceSubrange(range, with: composed) }
            default:
                break
            }
        }
        return result
    }
}
