import Foundation

/// The studio's one-line text editor as a value: text in NFC, a cursor between grapheme clusters, word motions,
/// history, paste, and an optional Telex/VNI input method. A `multiline` editor also holds line breaks ("\n"), which
/// a one-row display shows as `lineBreakColumns` columns.
///
/// With an input method on, a letter (or VNI digit) typed right after a word re-composes that word from its keys
/// (`InputMethod.decompose`) plus the new one, so tones and marks can be added to any word the cursor sits after,
/// and backspace simply deletes a character.
public struct LineEditor: Equatable, Sendable {
    public enum Key: Equatable, Sendable {
        case character(Character)
        case backspace, delete, left, right, home, end, wordLeft, wordRight, deleteWordBackward
        /// Ctrl-U and Ctrl-K: everything before the cursor, everything after it.
        case deleteToStart, deleteToEnd
        case historyUp, historyDown
        /// A line break (Alt-Enter): inserted in a `multiline` editor, ignored in a one-line one.
        case newline
        case paste(String)
        /// Puts the cursor at a display column (a mouse click): before the character that covers it, at the end
        /// past the text.
        case column(Int)
    }

    public private(set) var characters: [Character] = []
    /// Cursor position in grapheme clusters, 0...characters.count.
    public private(set) var cursor = 0
    public var inputMethod: InputMethod?
    public private(set) var history: [String] = []
    var historyIndex: Int?
    /// The keys typed for the word that ends at `typedEnd`, while it is that word (a word composed by the input
    /// method, whose keys `decompose` can only guess in another order).
    var typedKeys: TypedKeys?
    struct TypedKeys: Equatable, Sendable {
        var word: String
        var end: Int
        var keys: String
    }
    var draft: [Character] = []
    /// At most this many characters (a pasted megabyte is cut, not kept).
    public var limit = 10_000
    /// Whether the text may hold line breaks (typed with `.newline`, kept from a paste); otherwise a pasted line
    /// break becomes a space.
    public var multiline = false
    /// The columns a line break takes on a one-row display (" ⏎ ").
    public static let lineBreakColumns = 3

    public init(text: String = "", inputMethod: InputMethod? = nil) {
        characters = Array(text.precomposedStringWithCanonicalMapping)
        cursor = characters.count
        self.inputMethod = inputMethod
    }

    public var text: String { String(characters) }

    /// The cursor's column: the display width of everything before it.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + columns(of: $1) } }

    /// The columns `character` takes on a one-row display: a line break `lineBreakColumns`, others their width.
    public func columns(of character: Character) -> Int {
        character == "\n" ? Self.lineBreakColumns : DisplayWidth.of(character)
    }

    public mutating func handle(_ key: Key) {
        switch key {
        case let .character(character):
            insert(character)
        case .newline:
            if multiline { insert("\n") }
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left:
            cursor = max(cursor - 1, 0)
        case .right:
            cursor = min(cursor + 1, characters.count)
        case .home:
            cursor = 0
        case .end:
            cursor = characters.count
        case .wordLeft:
            cursor = wordStart(before: cursor)
        case .wordRight:
            var position = cursor
            // A run of letters and digits, or of emoji, as Ctrl-← and Ctrl-W take them ("vui😀" is two words).
            while position < characters.count, !isMoveWordCharacter(characters[position]) { position += 1 }
            let symbols = position < characters.count && !isWordCharacter(characters[position])
            while position < characters.count, isMoveWordCharacter(characters[position]),
                  isWordCharacter(characters[position]) != symbols { position += 1 }
            cursor = position
        case .deleteWordBackward:
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .deleteToEnd:
            characters.removeSubrange(cursor...)
        case .historyUp:
            guard !history.isEmpty else { return }
            if historyIndex == nil { draft = characters }
            let index = max((historyIndex ?? history.count) - 1, 0)
            historyIndex = index
            replaceAll(Array(history[index]))
        case .historyDown:
            guard let index = historyIndex else { return }
            if index + 1 < history.count {
                historyIndex = index + 1
                replaceAll(Array(history[index + 1]))
            } else {
                historyIndex = nil
                replaceAll(draft)
            }
        case let .column(target):
            var position = 0, column = 0
            while position < characters.count {
                let width = columns(of: characters[position])
                if column + width > target { break }
                column += width
                position += 1
            }
            cursor = position
        case let .paste(text):
            // Pasted text is taken literally (no input method); line breaks (CR LF, CR, LF, U+2028) stay as "\n" in
            // a multiline editor and become spaces in a one-line one; a tab is a space and other control characters go
            // (`Self.shown`).
            let lineBreak: Character = multiline ? "\n" : " "
            let cleaned = text.precomposedStringWithCanonicalMapping.compactMap { $0.isNewline ? lineBreak : Self.shown($0) }
            let room = max(limit - characters.count, 0)
            let start = cursor
            characters.insert(contentsOf: cleaned.prefix(room), at: cursor)
            cursor += min(cleaned.count, room)
            regroup(from: start, to: cursor)
        }
    }

    /// Enter: returns the text and keeps it in the history, as its newest (an earlier copy of it goes: a text composed
    /// again was listed twice); the line stays as it is.
    public mutating func commit() -> String {
        let value = text
        if !value.trimmingCharacters(in: .whitespaces).isEmpty {
            history.removeAll { $0 == value }
            history.append(value)
        }
        historyIndex = nil
        return value
    }

    /// The texts committed in earlier sessions, oldest first, for `historyUp` (before any committed now).
    public mutating func restoreHistory(_ texts: [String]) {
        let earlier = texts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { String($0.prefix(limit)) }
        history = earlier + history
        historyIndex = nil
    }

    mutating func replaceAll(_ new: [Character]) {
        characters = new
        cursor = new.count
    }

    func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// A word for Ctrl-←→ and Ctrl-W: letters and digits, and an emoji or other symbol as a word of its own kind (Ctrl-W
    /// after "vui 😀 " took "vui" with it).
    func isMoveWordCharacter(_ character: Character) -> Bool { isWordCharacter(character) || Self.isEmoji(character) }

    /// An emoji (not "$", "+" or a digit, which Unicode also lists among emoji bases).
    static func isEmoji(_ character: Character) -> Bool {
        !character.isASCII && (character.unicodeScalars.first?.properties.isEmoji ?? false)
    }

    func wordStart(before position: Int) -> Int {
        var start = position
        while start > 0, !isMoveWordCharacter(characters[start - 1]) { start -= 1 }
        let symbols = start > 0 && !isWordCharacter(characters[start - 1])
        while start > 0, isMoveWordCharacter(characters[start - 1]), isWordCharacter(characters[start - 1]) != symbols { start -= 1 }
        return start
    }

    /// A character as the field keeps it: a tab is a space; a control character (BEL, ESC: pasted, they were kept
    /// unseen in texts and take names, a tab gluing two words together on screen) and the marks that reorder text
    /// right to left on some terminals are left out; nil when nothing is left.
    static func shown(_ character: Character) -> Character? {
        if character == "\t" { return " " }
        if character.isNewline { return character }
        let bidi: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        var kept = String.UnicodeScalarView()
        for scalar in character.unicodeScalars where scalar.properties.generalCategory != .control && !bidi.contains(scalar.value) {
            kept.append(scalar)
        }
        return String(kept).first
    }

    mutating func insert(_ character: Character) {
        guard let character = Self.shown(character) else { return }
        // A key that continues the character before it into one — a combining mark typed on its own (text typed
        // decomposed, NFD: "a" then U+0309), a zero-width joiner and the emoji after it, a skin tone, a flag's second
        // letter, a variation selector — joins it, composed (NFC): kept apart, a mark made the take's text and file
        // name differ from the same words typed precomposed ("bản" found by no `ls bản*`), Backspace left half a flag
        // or a family in pieces, and the cursor counted each piece as a character (it drifted right of the text).
        if cursor > 0 {
            let joined = (String(characters[cursor - 1]) + String(character)).precomposedStringWithCanonicalMapping
            if joined.count == 1, let first = joined.first {
                characters[cursor - 1] = first
                typedKeys = nil
                return
            }
        }
        guard characters.count < limit else { return }
        // Inside a word the cursor moved back into (letters on both sides, not the word being typed), a key that
        // marks the word marks all of it ("buo|n" + f is "buòn"; composed with the part before the cursor it was
        // "bùon"), and any other key goes in as typed ("ti|ng" + e is "tieng", and a second e makes it "tiêng").
        let insideWord = cursor > 0 && cursor < characters.count && isWordCharacter(characters[cursor - 1])
            && isWordCharacter(characters[cursor]) && typedKeys?.end != cursor
        if insideWord, let method = inputMethod, composes(character, with: method) {
            if markWholeWord(with: character, method: method) { return }
            characters.insert(character, at: cursor)
            cursor += 1
            typedKeys = nil
            return
        }
        if let method = inputMethod, composes(character, with: method),
           let (start, composed, keys) = recomposition(adding: character, with: method) {
            characters.replaceSubrange(start..<cursor, with: Array(composed))
            cursor = start + composed.count
            typedKeys = TypedKeys(word: composed, end: cursor, keys: keys)
            return
        }
        characters.insert(character, at: cursor)
        cursor += 1
        typedKeys = nil
        // A flag's first letter typed before its second, a joiner between two emoji: one character with the one after.
        regroup(from: cursor - 1, to: cursor)
    }

    /// Groups the characters from `start` to `end` (the cursor, just after what was put in) with their neighbours
    /// into grapheme clusters again, composed, and puts the cursor after the cluster that holds `end`'s boundary: text
    /// put in beside a character it continues (a skin tone pasted after 👍, a flag's second letter typed before the
    /// first's) was kept as two characters shown as one, the cursor counting both.
    mutating func regroup(from start: Int, to end: Int) {
        let low = max(start - 1, 0), high = min(end + 1, characters.count)
        guard low < high else { return }
        let target = String(characters[low..<end]).precomposedStringWithCanonicalMapping.unicodeScalars.count
        let regrouped = Array(String(characters[low..<high]).precomposedStringWithCanonicalMapping)
        guard regrouped.count != high - low else { return }
        var scalars = 0, index = 0
        while index < regrouped.count, scalars < target {
            scalars += regrouped[index].unicodeScalars.count
            index += 1
        }
        characters.replaceSubrange(low..<high, with: regrouped)
        cursor = low + index
    }

    /// The word before the cursor composed again with `character`: where it starts, what it becomes and the keys
    /// typed for it; nil when the letter goes in as typed.
    func recomposition(adding character: Character, with method: InputMethod) -> (start: Int, word: String, keys: String)? {
        var start = cursor
        while start > 0, isWordCharacter(characters[start - 1]) { start -= 1 }
        let word = String(characters[start..<cursor])
        // The keys typed for this word when we saw them typed; else the keys the method would have used.
        let known = typedKeys.flatMap { $0.word == word && $0.end == cursor ? $0.keys : nil }
        let keys = known ?? method.decompose(word)
        // A word the method would not have written from its keys (typed directly as "chào" by a system input
        // method, pasted, or a key that undid itself) is left as it is: the letter goes in as typed.
        guard known != nil || method.compose(keys) == word else { return nil }
        let typed = keys + String(character)
        // A word shown as its keys because a key marked it into no syllable stays its keys: what follows goes in as
        // typed (composed again, a later key undoing a tone no longer shown took a letter off the screen: "addres"
        // + s → "addes", "win1" + 0 → "win").
        if let known, known == word, method.compose(known) != known { return (start, typed, typed) }
        let composed = method.compose(typed)
        // A key that would mark the word into no Vietnamese syllable (an English word, a name, "iphone15") leaves
        // the word as its keys were typed, as UniKey's "restore keys for invalid words"; without the real keys (a
        // word typed before the cursor moved) the letter goes in as typed. (A doubled key that undoes its mark
        // leaves plain letters, as Telex always has: "tesst" is "test", and "sorr" is "sor".)
        // A d struck alone ("đc", "đt" for được, điện thoại) is shorthand, typed as meant. (A z for d, "zậy", is
        // not: "zoom", "zoo", "zero" became "zôm", "zô", "zẻo".)
        if composed.unicodeScalars.contains(where: { !$0.isASCII && $0 != "đ" && $0 != "Đ" }), !Self.couldBeSyllable(composed) {
            return known == nil ? nil : (start, typed, typed)
        }
        return (start, composed, typed)
    }

    /// Whether `word`, marks and tone included, is a Vietnamese syllable or the beginning of one.
    static func couldBeSyllable(_ word: String) -> Bool {
        let lower = word.lowercased()
        return VietnameseSpelling.couldBeSyllable(VietnameseFolding.fold(lower)) && VietnameseSpelling.marksFit(lower)
    }

    /// The word around the cursor marked by `character` as a whole (its keys, then this one), when that key marks it
    /// into a syllable without adding or taking a letter; false when it does not (the key is then a letter).
    mutating func markWholeWord(with character: Character, method: InputMethod) -> Bool {
        var start = cursor, end = cursor
        while start > 0, isWordCharacter(characters[start - 1]) { start -= 1 }
        while end < characters.count, isWordCharacter(characters[end]) { end += 1 }
        let word = String(characters[start..<end])
        let keys = method.decompose(word)
        guard method.compose(keys) == word else { return false }
        let composed = method.compose(keys + String(character))
        guard composed != word, composed.count == word.count, Self.couldBeSyllable(composed) else { return false }
        characters.replaceSubrange(start..<end, with: Array(composed))
        typedKeys = nil
        return true
    }

    func composes(_ character: Character, with method: InputMethod) -> Bool {
        switch method.kind {
        case .telex: return character.isLetter && character.isASCII
        case .vni: return (character.isLetter && character.isASCII) || ("0"..."9").contains(character)
        }
    }
}
