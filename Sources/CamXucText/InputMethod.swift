/// Typing Vietnamese without a Vietnamese keyboard: Telex ("tooi" → "tôi", "vieetj" → "việt") and VNI ("to6i" →
/// "tôi", "vie65t" → "việt").
///
/// `compose(_:)` turns the keys of one word into its text, a pure function; `InputSession` feeds a line editor
/// key by key and says what to replace. Rules: Telex aa/ee/oo → â/ê/ô, aw/ow/uw → ă/ơ/ư (uow → ươ, an open ua →
/// ưa, a lone w → ư),
/// dd → đ, tones s f r x j, z removes the tone; VNI 6 → circumflex, 7 → horn, 8 → breve, 9 → đ, tones 1–5, 0 removes
/// the tone. Pressing the same modifier or tone key again undoes it and types the key itself ("ss" → "s",
/// "aaa" → "aa"); after such an undo that key stays a plain letter for the rest of the word. Tones go where the
/// modern rules put them (`ToneStyle.modern`: hoà, thuỷ), or the traditional way (`.traditional`: hòa, thủy).
public struct InputMethod: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case telex = "Telex"
        case vni = "VNI"
    }

    public enum ToneStyle: String, Sendable {
        /// Tone on the second vowel of a final oa, oe, uy: hoà, hoè, thuỷ (the rule of the 1980s spelling reform).
        case modern
        /// Tone on the first: hòa, hòe, thủy.
        case traditional
    }

    public var kind: Kind
    public var toneStyle: ToneStyle

    public init(_ kind: Kind, toneStyle: ToneStyle = .modern) {
        self.kind = kind
        self.toneStyle = toneStyle
    }

    enum Action {
        case tone(VietnameseSyllable.Tone)
        case removeTone
        /// Telex w: breve on a, horn on o and u (uo → ươ); alone, it types ư.
        case telexW
        /// A mark on the last vowel with one of these bases (horn also turns uo into ươ).
        case mark(VietnameseSyllable.Mark, on: Set<Character>)
        /// Telex aa, ee, oo.
        case doubling(Character)
        /// dd (Telex) or 9 (VNI) on a leading d.
        case stroke
    }

    enum Outcome { case applied, undone, notApplicable }

    func action(for key: Character) -> Action? {
        let lower = Character(key.lowercased())
        switch kind {
        case .telex:
            switch lower {
            case "s": return .tone(.acute)
            case "f": return .tone(.grave)
            case "r": return .tone(.hook)
            case "x": return .tone(.tilde)
            case "j": return .tone(.dot)
            case "z": return .removeTone
            case "w": return .telexW
            case "a", "e", "o": return .doubling(lower)
            case "d": return .stroke
            default: return nil
            }
        case .vni:
            switch lower {
            case "1": return .tone(.acute)
            case "2": return .tone(.grave)
            case "3": return .tone(.hook)
            case "4": return .tone(.tilde)
            case "5": return .tone(.dot)
            case "0": return .removeTone
            case "6": return .mark(.circumflex, on: ["a", "e", "o"])
            case "7": return .mark(.horn, on: ["o", "u"])
            case "8": return .mark(.breve, on: ["a"])
            case "9": return .stroke
            default: return nil
            }
        }
    }

    /// The text of one word typed as `keys`.
    public func compose(_ keys: String) -> String {
        var syllable = VietnameseSyllable()
        var plain: Set<Character> = []  // keys that undid themselves: plain letters for the rest of the word
        var loneW: Int?                  // index of an ư typed as a lone Telex w
        for key in keys {
            let lower = Character(key.lowercased())
            let letter = VietnameseSyllable.Letter(base: lower, mark: .none, uppercase: key.isUppercase)
            guard !plain.contains(lower), let action = action(for: key) else {
                if lower.isLetter || lower.isNumber { syllable.letters.append(letter) }
                continue
            }
            switch apply(action, key: letter, to: &syllable, loneW: &loneW) {
            case .applied:
                break
            case .undone:
                plain.insert(lower)
                syllable.letters.append(letter)
            case .notApplicable:
                syllable.letters.append(letter)
            }
        }
        // ư then o before more letters is ươ, as in UniKey ("dduwocj" is "được", "huwong" "hương"; no word writes
        // ưo + a consonant).
        let letters = syllable.letters
        if let u = letters.indices.first(where: { $0 + 2 < letters.count && letters[$0].base == "u" && letters[$0].mark == .horn
                                                  && letters[$0 + 1].base == "o" && letters[$0 + 1].mark == .none }) {
            syllable.letters[u + 1].mark = .horn
        }
        return syllable.text(modern: toneStyle == .modern)
    }

    func apply(_ action: Action, key: VietnameseSyllable.Letter, to syllable: inout VietnameseSyllable,
               loneW: inout Int?) -> Outcome {
        switch action {
        case let .tone(tone):
            guard !syllable.nucleus.isEmpty else { return .notApplicable }
            if syllable.tone == tone {
                syllable.tone = .level
                return .undone
            }
            syllable.tone = tone
            return .applied
        case .removeTone:
            guard syllable.tone != .level else { return .notApplicable }
            syllable.tone = .level
            return .applied
        case .stroke:
            guard let first = syllable.letters.first, first.base == "d" else { return .notApplicable }
            if first.mark == .stroke {
                syllable.letters[0].mark = .none
                return .undone
            }
            syllable.letters[0].mark = .stroke
            return .applied
        case let .doubling(vowel):
            guard let index = syllable.letters.lastIndex(where: { $0.base == vowel }) else { return .notApplicable }
            if syllable.letters[index].mark == .circumflex {
                syllable.letters[index].mark = .none
                return .undone
            }
            syllable.letters[index].mark = .circumflex
            return .applied
        case .telexW:
            if let index = loneW, index == syllable.letters.count - 1 {
                // "ww": the lone ư just typed goes, and the second w is typed as itself. (A w after other letters
                // marks them: "wow" is ươ, as in UniKey; it took the first ư away.)
                syllable.letters.remove(at: index)
                loneW = nil
                return .undone
            }
            loneW = nil
            // An open "ua" takes the horn on its u, not a breve on its a: chuaw → chưa, cuawr → cửa (uă is no
            // rhyme); after q the u is the onset's (quaw → quă). A second w takes it off.
            let letters = syllable.letters
            if let last = letters.last, last.base == "a", last.mark == .none, letters.count >= 2,
               letters[letters.count - 2].base == "u", letters.count < 3 || letters[letters.count - 3].base != "q" {
                if letters[letters.count - 2].mark == .horn {
                    syllable.letters[letters.count - 2].mark = .none
                    return .undone
                }
                if letters[letters.count - 2].mark == .none {
                    syllable.letters[letters.count - 2].mark = .horn
                    return .applied
                }
            }
            let outcome = applyMark(.horn, bases: ["a", "o", "u"], to: &syllable, breveOnA: true)
            if outcome == .notApplicable {
                syllable.letters.append(VietnameseSyllable.Letter(base: "u", mark: .horn, uppercase: key.uppercase))
                loneW = syllable.letters.count - 1
                return .applied
            }
            return outcome
        case let .mark(mark, bases):
            return applyMark(mark, bases: bases, to: &syllable, breveOnA: false)
        }
    }

    /// Puts `mark` on the last vowel with one of `bases` (uo → ươ for the horn), or takes it off if it is there.
    func applyMark(_ mark: VietnameseSyllable.Mark, bases: Set<Character>, to syllable: inout VietnameseSyllable,
                   breveOnA: Bool) -> Outcome {
        func wanted(_ base: Character) -> VietnameseSyllable.Mark { breveOnA && base == "a" ? .breve : mark }
        let letters = syllable.letters
        if mark == .horn, let u = letters.indices.first(where: { $0 + 1 < letters.count && letters[$0].base == "u"
                                                                  && letters[$0 + 1].base == "o" }) {
            if letters[u].mark == .horn && letters[u + 1].mark == .horn {
                syllable.letters[u].mark = .none
                syllable.letters[u + 1].mark = .none
                return .undone
            }
            if letters[u + 1].mark != .circumflex || letters[u].mark == .none {
                syllable.letters[u].mark = .horn
                syllable.letters[u + 1].mark = .horn
                return .applied
            }
        }
        guard let index = letters.lastIndex(where: { bases.contains($0.base) && VietnameseSyllable.vowels.contains($0.base) })
        else { return .notApplicable }
        let target = wanted(letters[index].base)
        if letters[index].mark == target {
            syllable.letters[index].mark = .none
            return .undone
        }
        syllable.letters[index].mark = target
        return .applied
    }
}
