extension InputMethod {
    /// The keys that type `word` with this input method: marks as their keys after each letter, the tone key at
    /// the end ("tiếng" → "tieengs" in Telex, "tie6ng1" in VNI). `compose(decompose(w)) == w` for Vietnamese words.
    public func decompose(_ word: String) -> String {
        var keys = ""
        var toneKey: Character?
        for character in word {
            let upper = character.isUppercase
            let lower = Character(character.lowercased())
            var base = lower
            var markKeys = ""
            // Find the tone and the marked vowel.
            for (marked, forms) in VietnameseSyllable.toneTable {
                if let tone = forms.firstIndex(of: lower) {
                    base = Character(marked)
                    if tone > 0 { toneKey = toneKeys[tone] }
                    break
                }
            }
            switch base {
            case "ă": base = "a"; markKeys = kind == .telex ? "w" : "8"
            case "â": base = "a"; markKeys = kind == .telex ? "a" : "6"
            case "ê": base = "e"; markKeys = kind == .telex ? "e" : "6"
            case "ô": base = "o"; markKeys = kind == .telex ? "o" : "6"
            case "ơ": base = "o"; markKeys = kind == .telex ? "w" : "7"
            case "ư": base = "u"; markKeys = kind == .telex ? "w" : "7"
            case "đ": base = "d"; markKeys = kind == .telex ? "d" : "9"
            default: break
            }
            let letter = upper ? Character(base.uppercased()) : base
            keys.append(letter)
            keys += upper && kind == .telex ? markKeys.uppercased() : markKeys
        }
        if let toneKey { keys.append(toneKey) }
        return keys
    }

    /// The key of each tone in table order (ngang has none).
    var toneKeys: [Character?] {
        kind == .telex ? [nil, "s", "f", "r", "x", "j"] : [nil, "1", "2", "3", "4", "5"]
    }
}
