/// Whether a word, without its marks, can still be spelt as a Vietnamese syllable: an onset, one to three vowels and
/// a coda, or a beginning of that. The input methods use it as UniKey's "restore keys for invalid words" does: a key
/// whose tone or mark would make a word no Vietnamese syllable ("thanks" → "thánk", "Linux" → "Lĩnu", "sorry" →
/// "sory", "iphone15" → "ịphone") goes in as typed, and the word keeps the keys that were typed for it.
enum VietnameseSpelling {
    static let onsets = ["ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
                         "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", ""]
    static let codas = ["ch", "ng", "nh", "c", "m", "n", "p", "t"]
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// `folded`: lower-case, without diacritics ("đ" as "d"). True for a syllable or the beginning of one.
    static func couldBeSyllable(_ folded: String) -> Bool { spelledAsSyllable(folded, whole: false) }

    /// `folded` as above: true for a whole syllable only (an onset, one to three vowels, a coda or none).
    static func isSyllable(_ folded: String) -> Bool { !folded.isEmpty && spelledAsSyllable(folded, whole: true) }

    /// An onset, one to three vowels and a coda from the lists; with `whole` false, a beginning of that too (an
    /// onset alone, part of a coda).
    static func spelledAsSyllable(_ folded: String, whole: Bool) -> Bool {
        let letters = Array(folded)
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        for onset in onsets where folded.hasPrefix(onset) {
            let rest = letters.dropFirst(onset.count)
            if rest.isEmpty, !whole { return true }
            let vowelRun = rest.prefix { vowels.contains($0) }
            guard (1...3).contains(vowelRun.count) else { continue }
            let coda = String(rest.dropFirst(vowelRun.count))
            if coda.isEmpty { return true }
            // A vowel run that already ends in its glide (ai, ao, au, ay, eo, iu, oi, ui, …) takes no consonant after
            // it; "uy" (uyên, uynh) and "oa", "oe", "ua", "uơ", "iê", "uô", "ươ" do.
            let run = String(vowelRun)
            if let last = run.last, "iuy".contains(last), run.count > 1, run != "uy" { continue }
            if run.count > 1, run.hasSuffix("o"), run.first == "a" || run.first == "e" { continue }
            if whole ? codas.contains(coda) : codas.contains(where: { $0.hasPrefix(coda) }) { return true }
        }
        return false
    }
}
