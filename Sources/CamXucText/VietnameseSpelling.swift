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

    /// The vowel groups Vietnamese writes, with their marks (no tone).
    static let markedNuclei: [[Character]] = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê",
        "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
    ].map(Array.init)
    static let markedVowels: Set<Character> = ["ă", "â", "ê", "ô", "ơ", "ư"]

    /// Whether the vowels of `word` (lower-case, tones allowed) are a group Vietnamese writes: its first vowel group
    /// is one of `markedNuclei` or, with nothing after it, the beginning of one, a letter without its mark standing
    /// for the marked one still to be typed ("ngưo" on the way to "người"). "neư", "pởe", "ừii", "sưêt", "càe",
    /// "tỏu" are none (the spelling check alone reads them without marks, and allows any one to three vowels).
    static func marksFit(_ word: String) -> Bool {
        let letters = word.map { character -> Character in
            for (base, forms) in VietnameseSyllable.toneTable where forms.contains(character) { return Character(base) }
            return character
        }
        func isVowel(_ character: Character) -> Bool { vowels.contains(character) || markedVowels.contains(character) }
        guard let first = letters.firstIndex(where: isVowel) else { return true }
        var run = Array(letters[first...].prefix(while: isVowel))
        if run.count > 1, first > 0,
           (letters[first - 1] == "q" && run[0] == "u") || (letters[first - 1] == "g" && run[0] == "i") {
            run.removeFirst()
        }
        // Unmarked groups too: a tone put on "ae", "ou", "ea" ("càe", "tỏu", "lèa" for cafe, tour, leaf) made them
        // no syllable either.
        let closed = first + run.count < letters.count
        func fits(_ typed: Character, _ written: Character) -> Bool {
            typed == written || VietnameseFolding.fold(String(written)) == String(typed)
        }
        return markedNuclei.contains { nucleus in
            (closed ? nucleus.count == run.count : nucleus.count >= run.count)
                && zip(run, nucleus).allSatisfy { fits($0, $1) }
        }
    }

    /// The vowel groups of `markedNuclei` without their marks ("tôi"'s "oi"; not "ooi").
    static let writtenNuclei: Set<String> = Set(markedNuclei.map { VietnameseFolding.fold(String($0)) })

    /// `folded` as for `isSyllable`, its vowel group one Vietnamese writes (`isSyllable` allows any one to three
    /// vowels: "tooi", typed for tôi, passes it).
    static func isWrittenSyllable(_ folded: String) -> Bool {
        guard isSyllable(folded) else { return false }
        let letters = Array(folded)
        guard let first = letters.firstIndex(where: vowels.contains) else { return false }
        var run = letters[first...].prefix(while: vowels.contains)
        if run.count > 1, first > 0, (letters[first - 1] == "q" && run.first == "u") || (letters[first - 1] == "g" && run.first == "i") {
            run = run.dropFirst()
        }
        // "oo" only before ng and c (xoong, soóc): "hoom" is hôm typed with Telex.
        if String(run) == "oo" { return ["ng", "c"].contains(String(letters[(first + 2)...])) }
        return writtenNuclei.contains(String(run))
    }

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
