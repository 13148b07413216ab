import Foundation

/// Turns raw Vietnamese social-media text into the tokens the emotion model reads.
///
/// The steps, in order, match `Models/training/camxuc_text.py` exactly (a shared fixture of real sentences checks
/// it): NFC; lower-case; HTML tags and entities; whitespace-separated chunks that are URLs, e-mail addresses or
/// @mentions are dropped; in each other chunk, runs of three or more of one letter (compared without diacritics)
/// shrink to the first ("vuiiii" → "vui", flagged as elongated); emoticons become emoji; emoji, punctuation and
/// symbols become tokens of their own, and runs of one such token shrink to one; tokens in the teencode table are
/// replaced by their expansion. Everything works on Unicode code points, as Python strings do.
public struct TextNormalizer: Sendable {
    /// The result: tokens, and whether a letter run was squashed (a sign of emphasis).
    public struct Result: Equatable, Sendable {
        public var tokens: [String]
        public var elongated: Bool
        /// For each token, the piece of the text it was read from before teencode expansion (lower-cased): "k" for
        /// the "không" that "k" became; the three tokens of an expansion share their piece.
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
        ]
        // Longest first; among equal lengths Python's stable sort keeps insertion order, which never matters here
        // because no two emoticons of one length share a prefix that both match.
        return table.sorted { ($0.key.unicodeScalars.count, $1.key) > ($1.key.unicodeScalars.count, $0.key) }
            .map { ($0.key, $0.value) }
    }()

    static let entities: [(String, String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", " "),
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
        let text = Self.stripHTML(Array(lowered.unicodeScalars))
        var tokens: [String] = []
        var typed: [String] = []
        var origins: [Int] = []
        var pieces = 0
        var elongated = false
        for chunk in Self.chunks(text) where !Self.isDropped(chunk) {
            let (squashed, didSquash) = Self.squashLetterRuns(chunk)
            elongated = elongated || didSquash
            for token in Self.split(squashed) {
                if let last = tokens.last, last == token, let first = token.unicodeScalars.first,
                   !Self.isWordCharacter(first) {
                    continue
                }
                let expansion = teencode[token] ?? [token]
                tokens.append(contentsOf: expansion)
                typed.append(contentsOf: repeatElement(token, count: expansion.count))
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

    /// Replaces <tags> (no '<' or '>' inside, at most 200 code points) by a space; decodes common entities.
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

    /// URLs, e-mail addresses and @mentions.
    static func isDropped(_ chunk: [Unicode.Scalar]) -> Bool {
        if hasPrefix(chunk, "http://", at: 0) || hasPrefix(chunk, "https://", at: 0) || hasPrefix(chunk, "www.", at: 0) {
            return true
        }
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
                output.append(scalar)
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
            if !isWordCharacter(scalar) || scalar == "x" || scalar == "d" {
                for (emoticon, replacement) in emoticons where hasPrefix(chunk, emoticon, at: index) {
                    let first = emoticon.unicodeScalars.first!
                    if first == "x" || first == "d" {
                        if !word.isEmpty || (index + 2 < chunk.count && isWordCharacter(chunk[index + 2])) { continue }
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
