/// A Vietnamese word as an input method builds it: Latin letters with their marks, and one tone.
struct VietnameseSyllable: Equatable {
    enum Mark: Equatable { case none, circumflex, breve, horn, stroke }
    /// The six tones, in the order of the tone tables: ngang, sắc, huyền, hỏi, ngã, nặng.
    enum Tone: Int, Equatable { case level = 0, acute, grave, hook, tilde, dot }

    struct Letter: Equatable {
        var base: Character  // lower-case Latin a–z
        var mark: Mark
        var uppercase: Bool
    }

    var letters: [Letter] = []
    var tone: Tone = .level

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// Each vowel (with its mark) in the six tones.
    static let toneTable: [String: [Character]] = [
        "a": Array("aáàảãạ"), "ă": Array("ăắằẳẵặ"), "â": Array("âấầẩẫậ"), "e": Array("eéèẻẽẹ"),
        "ê": Array("êếềểễệ"), "i": Array("iíìỉĩị"), "o": Array("oóòỏõọ"), "ô": Array("ôốồổỗộ"),
        "ơ": Array("ơớờởỡợ"), "u": Array("uúùủũụ"), "ư": Array("ưứừửữự"), "y": Array("yýỳỷỹỵ"),
    ]

    static func marked(_ letter: Letter) -> Character {
        switch (letter.base, letter.mark) {
        case ("a", .breve): return "ă"
        case ("a", .circumflex): return "â"
        case ("e", .circumflex): return "ê"
        case ("o", .circumflex): return "ô"
        case ("o", .horn): return "ơ"
        case ("u", .horn): return "ư"
        case ("d", .stroke): return "đ"
        default: return letter.base
        }
    }

    func isVowel(_ index: Int) -> Bool { Self.vowels.contains(letters[index].base) }

    /// Indices of the vowel nucleus: the first run of vowels, without the u of "qu" or the i of "gi" before
    /// another vowel.
    var nucleus: [Int] {
        guard let first = letters.indices.first(where: isVowel) else { return [] }
        var run: [Int] = []
        var index = first
        while index < letters.count, isVowel(index) {
            run.append(index)
            index += 1
        }
        if run.count > 1, first > 0 {
            let previous = letters[first - 1].base
            if (previous == "q" && letters[first].base == "u") || (previous == "g" && letters[first].base == "i") {
                run.removeFirst()
            }
        }
        return run
    }

    /// Where the tone mark goes. `modern` puts it on the second vowel of a final oa, oe, uy (hoà, thuỷ);
    /// otherwise on the first (hòa, thủy).
    func toneIndex(modern: Bool) -> Int? {
        let vowels = nucleus
        guard !vowels.isEmpty else { return nil }
        if let markedVowel = vowels.last(where: { letters[$0].mark == .circumflex || letters[$0].mark == .breve || letters[$0].mark == .horn }) {
            // ươ takes the tone on ơ; otherwise the (last) marked vowel.
            return markedVowel
        }
        if vowels.count == 1 { return vowels[0] }
        let hasFinalConsonant = (vowels.last! + 1) < letters.count
        if hasFinalConsonant { return vowels.last! }
        if vowels.count >= 3 { return vowels[1] }
        let pair = String([letters[vowels[0]].base, letters[vowels[1]].base])
        if modern, ["oa", "oe", "uy"].contains(pair) { return vowels[1] }
        return vowels[0]
    }

    /// The text, with the tone placed by the chosen rule.
    func text(modern: Bool) -> String {
        let toneAt = tone == .level ? nil : toneIndex(modern: modern)
        var letters = self.letters
        // ươ closing a syllable is written uơ (thuở, huơ); with a final consonant it stays ươ (thương).
        if letters.count >= 2, letters[letters.count - 1].base == "o", letters[letters.count - 1].mark == .horn,
           letters[letters.count - 2].base == "u", letters[letters.count - 2].mark == .horn {
            letters[letters.count - 2].mark = .none
        }
        var output = ""
        for (index, letter) in letters.enumerated() {
            var character = Self.marked(letter)
            if index == toneAt, let forms = Self.toneTable[String(character)] {
                character = forms[tone.rawValue]
            }
            output += letter.uppercase ? character.uppercased() : String(character)
        }
        return output
    }
}
