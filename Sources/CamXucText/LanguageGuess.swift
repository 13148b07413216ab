/// Whether text is mostly Vietnamese, judged by its words' spelling: every Vietnamese syllable is an onset, one to
/// three vowels and an optional coda from short fixed lists, which most English words ("terrified", "want", "cry")
/// are not. Used to warn that the emotion model, trained on Vietnamese, is guessing.
public enum LanguageGuess {
    static let onsets: Set<String> = ["", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
                                      "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    /// Loan words common in Vietnamese chat that break the spelling rules.
    static let accepted: Set<String> = ["ok", "okay", "oke", "hihi", "haha", "hehe", "kkk", "wow", "like", "share",
                                        "fan", "idol", "game", "online", "facebook", "fb", "zalo", "tiktok", "clip",
                                        "video", "app", "wifi", "team", "check", "vs", "ad", "z", "w", "j", "f"]

    /// Whether `word` (one token, any case, with or without diacritics) is spelt like a Vietnamese syllable.
    public static func isVietnameseSyllable(_ word: String) -> Bool {
        let folded = VietnameseFolding.fold(word.lowercased()).replacingOccurrences(of: "đ", with: "d")
        if accepted.contains(folded) { return true }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        let characters = Array(folded)
        guard let first = characters.firstIndex(where: { vowels.contains($0) }) else { return false }
        var onset = String(characters[..<first])
        var nucleusStart = first
        // "qu" and "gi" take a vowel letter into the onset.
        if onset == "q", first < characters.count, characters[first] == "u" { onset = "qu"; nucleusStart += 1 }
        var end = nucleusStart
        while end < characters.count, vowels.contains(characters[end]) { end += 1 }
        let nucleusLength = end - nucleusStart
        let coda = String(characters[end...])
        return onsets.contains(onset) && codas.contains(coda) && (nucleusLength <= 3) && (nucleusLength >= 1 || onset == "qu")
    }

    /// True when at least three words and at least half of the words in `tokens` are not spelt like Vietnamese.
    /// In scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) every letter
    /// counts as a foreign word: "我今天很高兴" is one token, and was read as Vietnamese typed without diacritics.
    public static func isMostlyNotVietnamese(_ tokens: [String]) -> Bool {
        let words = tokens.filter { token in
            token.unicodeScalars.count > 0 && token.unicodeScalars.allSatisfy { TextNormalizer.isLetter($0) }
                || isVNIResidue(token)
        }
        var foreign = 0, counted = 0
        for word in words {
            let unspaced = word.unicodeScalars.filter(isUnspacedScript).count
            if unspaced > 0 {
                foreign += unspaced
                counted += unspaced
            } else {
                foreign += isVietnameseSyllable(word) ? 0 : 1
                counted += 1
            }
        }
        return foreign >= 3 && foreign * 2 >= counted
    }

    /// A word typed with the VNI input method off ("buo6n2" for buồn): letters with a tone or mark digit right after a
    /// vowel. Such words were left out of the count (they hold digits), so a whole text of them read as Vietnamese.
    static func isVNIResidue(_ token: String) -> Bool {
        let scalars = Array(token.lowercased().unicodeScalars)
        guard scalars.allSatisfy({ TextNormalizer.isLetter($0) || ("0"..."9").contains($0) }),
              scalars.contains(where: { TextNormalizer.isLetter($0) }) else { return false }
        return zip(scalars, scalars.dropFirst()).contains { vowel, digit in
            "aeiouy".unicodeScalars.contains(VietnameseFolding.fold(vowel)) && ("1"..."9").contains(digit)
        }
    }

    /// Letters of scripts that write words without spaces between them.
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F,  // Myanmar
             0x1780...0x17FF,  // Khmer
             0x3040...0x30FF,  // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F:  // Han
            return true
        default:
            return false
        }
    }
}
