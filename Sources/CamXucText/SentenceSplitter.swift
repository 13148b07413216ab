/// Splits a text into sentences, as the emotional arc reads them: a sentence ends at `.`, `!`, `?` or `…` (and runs of
/// them, "?!", "..."), with any closing quotes and brackets after it, or at a line break — so each line of a poem
/// (lục bát included) is a sentence of its own. A full stop inside a number ("3.5"), a URL ("vnexpress.net/a.html")
/// or an abbreviation ("TP.", "v.v.", a single letter) does not end a sentence.
public enum SentenceSplitter {
    static let enders: Set<Character> = [".", "!", "?", "…"]
    static let closers: Set<Character> = ["\"", "'", ")", "]", "}", "”", "’", "»"]

    /// The sentences of `text`, trimmed, empty ones left out, in order.
    public static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        var wordStart = 0  // index where the current whitespace-free run began
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespaces)
            if trimmed.contains(where: { $0.isLetter || $0.isNumber || $0.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0xFF } }) {
                sentences.append(trimmed)
            } else if !trimmed.isEmpty, let last = sentences.popLast() {
                sentences.append(last + trimmed)  // stray punctuation or emoji-free symbols join the sentence before
            }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            // Any line break: "\r\n" (a Windows file's) is one Character, equal to neither "\n" nor "\r".
            if character.isNewline {
                flush()
                index += 1
                wordStart = index
                continue
            }
            if character.isWhitespace { wordStart = index + 1 }
            current.append(character)
            guard enders.contains(character) else {
                index += 1
                continue
            }
            // A run of enders, then closing quotes or brackets.
            var end = index + 1
            while end < characters.count, enders.contains(characters[end]) { current.append(characters[end]); end += 1 }
            // One stop, whatever closes after it ("(BS.) Lan": the title's stop inside brackets).
            let lone = character == "." && end == index + 1
            while end < characters.count, closers.contains(characters[end]) { current.append(characters[end]); end += 1 }
            let next = end < characters.count ? characters[end] : nil
            let word = String(characters[wordStart..<min(index, characters.count)])
            let singleDot = character == "." && end == index + 1
            let insideToken = next.map { !$0.isWhitespace } ?? false
            let inURL = word.contains("://") || word.lowercased().hasPrefix("www.") || word.contains("/")
            // Chat leaves out the space: "Trời mưa.Mình ở nhà." is two sentences ("TP.HCM", "GS.TS", "Q.1" and
            // "vnexpress.net" are one token: a capital before the stop, or none after it).
            // A lower-case letter or a digit before it ("Năm 2024.Mình"), not an address ("nam.Nguyen@gmail.com",
            // "VnExpress.Net": the whole token is looked at).
            var tokenEnd = end
            while tokenEnd < characters.count, !characters[tokenEnd].isWhitespace { tokenEnd += 1 }
            let after = String(characters[end..<tokenEnd]).lowercased()
            let address = after.contains("@") || after.contains("/") || Self.domains.contains(after.prefix { $0.isLetter }.description)
            let joinedSentence = singleDot && !inURL && !address && index > 0
                && (characters[index - 1].isLowercase || characters[index - 1].isNumber)
                && (next?.isUppercase ?? false) && !word.contains(".") && !word.contains("@")
            if insideToken && (singleDot || inURL) && !joinedSentence {
                // "3.5", "vnexpress.net", "a.html", "a.html?id=1": the mark is part of the token.
                index = end
                continue
            }
            // An abbreviation's full stop ends no sentence; after any other word it does, whatever case follows
            // (chat is typed in lower case: "vui quá. buồn quá." is two sentences).
            var following = end
            while following < characters.count, characters[following].isWhitespace, !characters[following].isNewline { following += 1 }
            if lone, isAbbreviation(word, next: following < characters.count ? characters[following] : nil) {
                index = end
                continue
            }
            // A list's number ("1. Bà ngoại mất.") opens its item: it was a sentence of its own, 4 s of the arc.
            if singleDot, !word.isEmpty, word.count <= 3, word.allSatisfy(\.isNumber),
               current.trimmingCharacters(in: .whitespaces) == word + "." {
                index = end
                continue
            }
            // A hesitation goes on ("Tôi... tôi không biết nữa."), as does a quote's attribution ("Sao thế?" - nó hỏi.):
            // a lower-case word after an ellipsis, or after a closed quote and a dash, is the same sentence.
            let ellipsis = characters[index..<end].allSatisfy { $0 == "." || $0 == "…" } && (end - index >= 2 || character == "…")
            let quoted = end > index && closers.contains(characters[end - 1])
            var look = end
            while look < characters.count, characters[look].isWhitespace, !characters[look].isNewline { look += 1 }
            var dashed = false
            if quoted, look < characters.count, "-–—".contains(characters[look]) {
                dashed = true
                look += 1
                while look < characters.count, characters[look].isWhitespace, !characters[look].isNewline { look += 1 }
            }
            if ellipsis || dashed, look < characters.count, characters[look].isLowercase {
                index = end
                continue
            }
            flush()
            index = end
            wordStart = index
        }
        flush()
        return sentences
    }

    /// What follows the stop of a web address's name ("VnExpress.Net").
    static let domains: Set<String> = ["com", "net", "org", "vn", "edu", "gov", "io", "info", "biz", "html", "htm", "php"]

    /// Short abbreviations that a full stop follows mid-sentence ("TP. Hồ Chí Minh", "v.v. nữa", "Mr. Nam", "BS. Lan",
    /// "9 giờ p.m. hôm qua"), given the first character after the stop and its spaces.
    /// "v.v." ends a list, and its sentence where a capital follows ("…, cá, v.v. Mệt ghê."). A single letter is an
    /// initial when it is a capital of a name ("Nguyễn Văn A. sinh năm"), not the one-letter words "Ừ.", "Ờ.", "À."
    /// (a reply of their own); in lower case it is an abbreviation only before a number ("q. 3", "p. 5"), not a unit
    /// that ends a sentence ("cao 1.75 m. Đẹp trai ghê.").
    static func isAbbreviation(_ word: String, next: Character? = nil) -> Bool {
        let bare = word.trimmingCharacters(in: .punctuationCharacters)
        let lower = bare.lowercased()
        if ["v.v", "vv", "a.m", "p.m"].contains(lower) { return !(next?.isUppercase ?? false) }
        if ["tp", "mr", "mrs", "dr", "st", "ths", "ts", "pgs", "gs", "bs", "ks", "ncs", "tx"].contains(lower) { return true }
        guard bare.count == 1, let letter = bare.first, letter.isLetter else { return false }
        if letter.isUppercase { return letter.isASCII || letter == "Đ" }
        return next?.isNumber ?? false
    }
}
