import Foundation

/// Turns raw Vietnamese social-media text into the tokens the emotion model reads.
///
/// The steps, in order, match `Models/training/camxuc_text.py` exactly (a shared fixture of real sentences checks
/// it): NFC; lower-case; HTML tags and entities (named and numeric); full-width forms become ASCII, invisible format
/// characters (zero-width spaces, soft hyphens, byte-order marks; not the emoji joiner) are dropped, curly
/// apostrophes become straight ones and "…" three full stops; a hashtag of words written together is cut into its syllables ("#sợquá" →
/// "#sợ quá"); whitespace-separated chunks that are e-mail addresses or @mentions are dropped,
/// and a link is cut off its chunk with the bracket or quote that opens it (what comes before, "link:" or an emoji,
/// stays); in each other chunk, runs of three
/// or more of one letter (compared without diacritics) shrink to the first ("vuiiii" → "vui", flagged as
/// elongated), or to two when the run is a whole word ("kkkk" → "kk", laughter, not the "k" of "không"); emoticons
/// become emoji; emoji, punctuation and symbols become tokens of their own, and runs of one such token shrink to
/// one; a word ending in a doubled letter no Vietnamese word ends in loses one when the rest is a syllable ("vuii" →
/// "vui", flagged as elongated); a tone written the new way on an open oa, oe, uy moves where most text has it
/// ("hoà" → "hòa"); tokens in the teencode table are replaced by their expansion. Everything works on Unicode code
/// points, as Python strings do.
public struct TextNormalizer: Sendable {
    /// The result: tokens, and whether a letter run was squashed (a sign of emphasis).
    public struct Result: Equatable, Sendable {
        public var tokens: [String]
        public var elongated: Bool
        /// For each token, the piece of the text it was read from, as typed (lower-cased): "k" for the "không" that
        /// "k" became, "vuiiii" for "vui"; the three tokens of an expansion share their piece.
        public var typed: [String]
        /// For each token, the index of that piece among the text's pieces, so an expansion's tokens can be told
        /// from two pieces typed alike ("k k").
        public var origins: [Int]
        public var text: String { tokens.joined(separator: " ") }

        public init(tokens: [String], elongated: Bool, typed: [String]? = nil, origins: [Int]? = nil) {
            self.tokens = tokens
            self.elongated = elongated
            self.typed = typed ?? tokens
            self.origins = origins ?? Array(tokens.indices)
        }

        /// The words of `tokens[range]` as they were typed: each piece once, in order ("k" for "không"; "ntn" for
        /// any of "như thế nào").
        public func typed(_ range: Range<Int>) -> String {
            var pieces: [String] = []
            var last: Int?
            for index in range where origins[index] != last {
                pieces.append(typed[index])
                last = origins[index]
            }
            return pieces.joined(separator: " ")
        }
    }

    public var teencode: TeencodeTable

    public init(teencode: TeencodeTable = .shipped) {
        self.teencode = teencode
    }

    /// Emoticons (lower-cased) and the emoji they become; a run of the last character belongs to the emoticon.
    static let emoticons: [(String, String)] = {
        let table: [String: String] = [
            ":)": "🙂", ":-)": "🙂", "=)": "🙂", ":]": "🙂", "(:": "🙂",
            ":(": "🙁", ":-(": "🙁", "=(": "🙁", ":[": "🙁", "):": "🙁",
            ":d": "😀", ":-d": "😀", "=d": "😀", "xd": "😆",
            ":p": "😛", ":-p": "😛",
            ":'(": "😢", ":((": "😢",
            ";)": "😉", ";-)": "😉",
            ":o": "😮", ":-o": "😮",
            "<3": "❤", "^^": "😊", "^_^": "😊", "-_-": "😑", ":|": "😐",
            ":v": ":v", ":3": ":3", "=))": "😆", ":))": "😆",
            "t_t": "😭", "t.t": "😭", ">.<": "😣", "</3": "💔",
        ]
        // Longest first; among equal lengths Python's stable sort keeps insertion order, which never matters here
        // because no two emoticons of one length share a prefix that both match.
        return table.sorted { ($0.key.unicodeScalars.count, $1.key) > ($1.key.unicodeScalars.count, $0.key) }
            .map { ($0.key, $0.value) }
    }()

    static let entities: [(String, String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&nbsp;", " "),
        ("&hellip;", "…"), ("&ndash;", "–"), ("&mdash;", "—"), ("&lsquo;", "'"), ("&rsquo;", "'"), ("&ldquo;", "\""),
        ("&rdquo;", "\""),
    ]

    /// The last label of a host name read as a link without "http://" ("youtube.com/…", "shopee.vn"): with a path
    /// after it any label of two to six letters counts, without one only these.
    static let bareHostEndings: Set<String> = ["com", "vn", "net", "org", "io", "me", "ly", "be"]

    /// The tone forms of a, e, y (on the second vowel of an open oa, oe, uy: the new placement) and of o, u (the
    /// first vowel: the old one), in the order ` ́ ̉ ̃ ̣.
    static let toned: [Unicode.Scalar: [Unicode.Scalar]] = [
        "a": Array("àáảãạ".unicodeScalars), "e": Array("èéẻẽẹ".unicodeScalars), "y": Array("ỳýỷỹỵ".unicodeScalars),
        "o": Array("òóỏõọ".unicodeScalars), "u": Array("ùúủũụ".unicodeScalars),
    ]

    static let emojiRanges: [ClosedRange<UInt32>] = [
        0x1F000...0x1FAFF, 0x2600...0x27BF, 0x2300...0x23FF, 0x2B00...0x2BFF, 0x3030...0x3030, 0x303D...0x303D,
        0x3297...0x3299,
    ]

    static func isEmojiGlue(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x200D || value == 0xFE0E || value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(value)
    }

    public static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        emojiRanges.contains { $0.contains(scalar.value) }
    }

    /// Whether `text` holds nothing to read: spaces, zero-width and other invisible format or control characters alone.
    public static func isBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            !$0.properties.isWhitespace && $0.properties.generalCategory != .format && $0.properties.generalCategory != .control
        }
    }

    /// Letters and combining marks (Unicode categories L and M).
    public static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Letters only (Python's str.isalpha).
    static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    public static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar)
    }

    /// Python's str.isspace: Unicode White_Space plus the four information separators.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Normalises `raw`.
    public func normalize(_ raw: String) -> Result {
        let lowered = raw.precomposedStringWithCanonicalMapping.lowercased()
        let text = Self.cleanCharacters(Self.stripHTML(Array(lowered.unicodeScalars)))
        var tokens: [String] = []
        var typed: [String] = []
        var origins: [Int] = []
        var pieces = 0
        var elongated = false
        for whole in Self.chunks(text).flatMap(Self.splitHashtag) where !Self.isDropped(whole) {
            var chunk = whole
            if let link = Self.linkStart(chunk) {
                // The bracket or quote that opened the link goes with it.
                var end = link
                while end > 0, "([{<\"'".unicodeScalars.contains(chunk[end - 1]) { end -= 1 }
                chunk = Array(chunk[..<end])
                if chunk.isEmpty { continue }
            }
            let (squashed, didSquash) = Self.squashLetterRuns(chunk)
            elongated = elongated || didSquash
            let parts = Self.split(squashed)
            // What was typed for each part: the chunk split before its letter runs were squashed, where that cuts it
            // alike ("vuiiiii", not "vui"; "kkkk", not "kk").
            let unsquashed = didSquash ? Self.split(chunk) : parts
            let typedParts = unsquashed.count == parts.count ? unsquashed : parts
            for (place, var token) in parts.enumerated() {
                if let last = tokens.last, last == token, let first = token.unicodeScalars.first,
                   !Self.isWordCharacter(first) {
                    continue
                }
                if let first = token.unicodeScalars.first, Self.isLetter(first) {
                    let (word, shrunk) = Self.shrinkDoubledEnd(token)
                    elongated = elongated || shrunk
                    token = Self.oldTonePlacement(word)
                }
                let expansion = teencode[token] ?? [token]
                tokens.append(contentsOf: expansion)
                typed.append(contentsOf: repeatElement(typedParts[place], count: expansion.count))
                origins.append(contentsOf: repeatElement(pieces, count: expansion.count))
                pieces += 1
            }
        }
        return Result(tokens: tokens, elongated: elongated, typed: typed, origins: origins)
    }

    static func hasPrefix(_ text: [Unicode.Scalar], _ prefix: String, at index: Int) -> Bool {
        var position = index
        for scalar in prefix.unicodeScalars {
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    /// The character of "&#NNN;" or "&#xHH;" at `index` and the entity's length, when it names one.
    static func numericEntity(_ text: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        guard hasPrefix(text, "&#", at: index) else { return nil }
        var end = index + 2
        let hexadecimal = end < text.count && text[end] == "x"
        if hexadecimal { end += 1 }
        let start = end
        var value: UInt32 = 0
        while end < text.count, end - start < 8 {
            let scalar = text[end]
            let digit: UInt32
            if ("0"..."9").contains(scalar) {
                digit = scalar.value - 48
            } else if hexadecimal, ("a"..."f").contains(scalar) {
                digit = scalar.value - 87
            } else {
                break
            }
            value = value * (hexadecimal ? 16 : 10) + digit
            end += 1
        }
        guard end > start, end < text.count, text[end] == ";", value != 0, value <= 0x10FFFF,
              let character = Unicode.Scalar(value) else { return nil }
        return (character, end + 1 - index)
    }

    /// Full-width forms become ASCII, invisible format characters are dropped (the emoji joiner stays), curly
    /// apostrophes become straight, the ellipsis character three full stops (as most text types it).
    static func cleanCharacters(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.count)
        for scalar in text {
            let value = scalar.value
            if (0xFF01...0xFF5E).contains(value) {
                var ascii = value - 0xFEE0
                if (65...90).contains(ascii) { ascii += 32 }
                output.append(Unicode.Scalar(ascii)!)
            } else if value == 0x2018 || value == 0x2019 {
                output.append("'")
            } else if value == 0x2026 {
                output += [".", ".", "."]
            } else if value != 0x200D, scalar.properties.generalCategory == .format {
                continue
            } else {
                output.append(scalar)
            }
        }
        return output
    }

    /// Replaces <tags> (no '<' or '>' inside, at most 200 code points) by a space; decodes common and numeric
    /// entities.
    static func stripHTML(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.count)
        var index = 0
        outer: while index < text.count {
            let scalar = text[index]
            if scalar == "<" {
                var end = index + 1
                while end < text.count, end - index <= 200, text[end] != "<", text[end] != ">" { end += 1 }
                if end < text.count, text[end] == ">", end > index + 1,
                   isAlpha(text[index + 1]) || text[index + 1] == "/" || text[index + 1] == "!" {
                    output.append(" ")
                    index = end + 1
                    continue
                }
            }
            if scalar == "&" {
                if let (character, length) = numericEntity(text, at: index) {
                    output.append(character)
                    index += length
                    continue
                }
                for (entity, value) in entities where hasPrefix(text, entity, at: index) {
                    output.append(contentsOf: value.unicodeScalars)
                    index += entity.unicodeScalars.count
                    continue outer
                }
            }
            output.append(scalar)
            index += 1
        }
        return output
    }

    static func chunks(_ text: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var chunks: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text {
            if isSpace(scalar) {
                if !current.isEmpty { chunks.append(current); current = [] }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
    }

    /// Where a link begins in `chunk` ("http://", "https://", "www." anywhere; a bare host name such as
    /// "youtube.com/…" at the start or after a character that is not a letter or digit), or nil.
    static func linkStart(_ chunk: [Unicode.Scalar]) -> Int? {
        for index in chunk.indices {
            if hasPrefix(chunk, "http://", at: index) || hasPrefix(chunk, "https://", at: index) || hasPrefix(chunk, "www.", at: index) {
                return index
            }
            if index > 0, isWordCharacter(chunk[index - 1]) { continue }
            var end = index
            while end < chunk.count, end - index <= 255, isHostCharacter(chunk[end]) { end += 1 }
            // Longer than any host name (and each start would scan the whole of a long chunk again: 10,000
            // characters of "-." took 2.8 s).
            if end - index > 255 { continue }
            let host = String(String.UnicodeScalarView(chunk[index..<end]))
            guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("..") else { continue }
            let ending = String(host[host.index(after: host.lastIndex(of: ".")!)...])
            if end < chunk.count, chunk[end] == "/" {
                if (2...6).contains(ending.unicodeScalars.count), ending.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
                    return index
                }
            } else if bareHostEndings.contains(ending), end == chunk.count || !isWordCharacter(chunk[end]) {
                return index
            }
        }
        return nil
    }

    /// "vuii" → "vui", "buồnn" → "buồn": no Vietnamese word ends in a doubled letter, so one goes when the rest is a
    /// syllable and the word is not a loanword: a doubled consonant only in a word with a Vietnamese letter ("app",
    /// "acc", "boss" stay; "tứcc" → "tức"), never a doubled u ("luu" is lưu typed without its marks).
    static func shrinkDoubledEnd(_ word: String) -> (String, Bool) {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 3, scalars[scalars.count - 1] == scalars[scalars.count - 2],
              scalars.allSatisfy(isLetter) else { return (word, false) }
        let base = VietnameseFolding.fold(scalars[scalars.count - 1])
        let isVowel = ["a", "e", "i", "o", "u", "y"].contains(base)
        if base == "u" || (!isVowel && scalars.allSatisfy({ $0.isASCII })) { return (word, false) }
        let rest = String(String.UnicodeScalarView(scalars.dropLast()))
        guard VietnameseSpelling.couldBeSyllable(VietnameseFolding.fold(rest)) else { return (word, false) }
        return (rest, true)
    }

    /// "hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy": the tone of an open oa, oe, uy on its first vowel ("quý",
    /// whose u belongs to qu, stays).
    static func oldTonePlacement(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2 else { return word }
        let first = scalars[scalars.count - 2], last = scalars[scalars.count - 1]
        for (base, pair) in [("a", "o"), ("e", "o"), ("y", "u")] as [(Unicode.Scalar, Unicode.Scalar)] {
            guard let tone = toned[base]!.firstIndex(of: last), first == pair else { continue }
            if pair == "u", scalars.count >= 3, scalars[scalars.count - 3] == "q" { continue }
            scalars[scalars.count - 2] = toned[pair]![tone]
            scalars[scalars.count - 1] = base
            return String(String.UnicodeScalarView(scalars))
        }
        return word
    }

    /// Every vowel that carries a tone mark: a syllable has at most one.
    static let toneMarked = Set("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ".unicodeScalars)

    /// "#sợquá" → ["#sợ", "quá"]: a hashtag of Vietnamese words written together (with at least one of their marks, so
    /// "#love" stays) is cut into the fewest whole syllables of one tone each, the longest first where there is a
    /// choice; anything else is one chunk as it was.
    static func splitHashtag(_ chunk: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        let word = Array(chunk.dropFirst())
        guard chunk.first == "#", word.count >= 4, word.allSatisfy(isLetter), !word.allSatisfy({ $0.isASCII }) else {
            return [chunk]
        }
        // The fewest syllables word[start...] is cut into, and where the first of them ends (kept as counts, not as
        // lists: a list a place copied the rest of a long tag again).
        var count = [Int?](repeating: nil, count: word.count + 1)
        var firstEnd = [Int](repeating: 0, count: word.count + 1)
        count[word.count] = 0
        for start in stride(from: word.count - 1, through: 0, by: -1) {
            for end in stride(from: min(word.count, start + 7), to: start, by: -1) {
                guard let rest = count[end] else { continue }
                let piece = word[start..<end]
                guard piece.filter({ toneMarked.contains($0) }).count <= 1,
                      VietnameseSpelling.isSyllable(VietnameseFolding.fold(String(String.UnicodeScalarView(piece))))
                else { continue }
                if count[start] == nil || rest + 1 < count[start]! {
                    count[start] = rest + 1
                    firstEnd[start] = end
                }
            }
        }
        guard let total = count[0], total >= 2 else { return [chunk] }
        var pieces: [[Unicode.Scalar]] = []
        var start = 0
        while start < word.count {
            pieces.append(Array(word[start..<firstEnd[start]]))
            start = firstEnd[start]
        }
        pieces[0].insert("#", at: 0)
        return pieces
    }

    /// E-mail addresses and @mentions (links are cut off their chunk by `linkStart`).
    static func isDropped(_ chunk: [Unicode.Scalar]) -> Bool {
        if chunk.first == "@", chunk.count > 1 { return true }
        if let at = chunk.firstIndex(of: "@"), at > 0, chunk[(at + 1)...].contains("."), chunk.last != "." {
            return true
        }
        return false
    }

    static func squashLetterRuns(_ chunk: [Unicode.Scalar]) -> ([Unicode.Scalar], Bool) {
        var output: [Unicode.Scalar] = []
        var squashed = false
        var index = 0
        while index < chunk.count {
            let scalar = chunk[index]
            var end = index + 1
            if isLetter(scalar) {
                let base = VietnameseFolding.fold(scalar)
                while end < chunk.count, isLetter(chunk[end]), VietnameseFolding.fold(chunk[end]) == base { end += 1 }
            }
            if end - index >= 3 {
                // A whole word that is one letter again and again ("kkkk", laughter) keeps two: one would be the "k"
                // of "không".
                let whole = (index == 0 || !isWordCharacter(chunk[index - 1])) && (end == chunk.count || !isWordCharacter(chunk[end]))
                output.append(contentsOf: chunk[index..<(index + (whole ? 2 : 1))])
                squashed = true
            } else {
                output.append(contentsOf: chunk[index..<end])
            }
            index = end
        }
        return (output, squashed)
    }

    /// Splits a whitespace-free chunk into word, emoji, emoticon and punctuation tokens.
    static func split(_ chunk: [Unicode.Scalar]) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty {
                tokens.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        var index = 0
        outer: while index < chunk.count {
            let scalar = chunk[index]
            if isEmojiGlue(scalar) {
                index += 1
                continue
            }
            if !isWordCharacter(scalar) || scalar == "x" || scalar == "d" || scalar == "t" {
                for (emoticon, replacement) in emoticons where hasPrefix(chunk, emoticon, at: index) {
                    // "xd" and "t_t" only count standing alone, not inside a word ("xdd", "xduong").
                    let after = index + emoticon.unicodeScalars.count
                    if isWordCharacter(emoticon.unicodeScalars.first!) {
                        if !word.isEmpty || (after < chunk.count && isWordCharacter(chunk[after])) { continue }
                    }
                    flush()
                    tokens.append(replacement)
                    index += emoticon.unicodeScalars.count
                    let last = emoticon.unicodeScalars.last!
                    while index < chunk.count, chunk[index] == last { index += 1 }
                    continue outer
                }
            }
            if isWordCharacter(scalar) {
                word.append(scalar)
            } else {
                flush()
                tokens.append(String(scalar))
            }
            index += 1
        }
        flush()
        return tokens
    }
}
