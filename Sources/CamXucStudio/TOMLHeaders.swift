import Foundation

/// A check made on config and theme text before TOMLKit parses it. Its C++ parser (toml++) stops the whole process on
/// an assertion for some table headers instead of reporting an error — a header with no name ("[" alone on a line,
/// "[[", "[.", "[="), or one whose name starts with a letter outside ASCII ("[âm_thanh]") — and it reads a C string,
/// so a NUL byte silently ends the file. Such text is found here first and reported as the one-line error any other
/// bad TOML gets.
///
/// The text is scanned as TOML is tokenised — comments, the four kinds of string (multi-line ones across lines),
/// arrays spanning lines — so a `[` inside a string, a comment or an array value is never taken for a header, and
/// lines end at LF whether or not a CR comes before it.
enum TOMLHeaders {
    /// A TOML library message without the library's own names in it ("… depth of 256 (TOML_MAX_NESTED_VALUES)").
    static func plain(_ message: String) -> String {
        message.replacingOccurrences(of: #" \(TOML_[A-Z_]+\)"#, with: "", options: .regularExpression)
    }

    /// The first line (from 1) with such a problem, and what is wrong with it.
    static func firstProblem(in text: String) -> (line: Int, reason: String)? {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        // TOML allows no control character but tab, LF and CR (a CR only before an LF, which toml++ reports itself).
        for scalar in scalars {
            if scalar == "\n" { line += 1; continue }
            if (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F {
                return (line, "control character U+" + String(scalar.value, radix: 16, uppercase: true)
                            .leftPadded(to: 4) + " is not allowed in TOML")
            }
        }
        line = 1
        var index = 0
        var open: [Unicode.Scalar] = []  // the brackets and braces of values still open ("a = [" … "]" may span lines)
        var atLineStart = true
        // A byte-order mark at the start is skipped, as toml++ skips it (it hid a bad first header).
        if scalars.first == "\u{FEFF}" { index = 1 }
        func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        /// Moves past the string that starts at `index` (counting the lines a multi-line one spans); an unclosed one
        /// runs to the end of its line, or of the text, and toml++ reports it.
        func skipString() {
            let quote = scalars[index]
            if peek(1) == quote, peek(2) == quote {
                index += 3
                while index < scalars.count {
                    if scalars[index] == "\\", quote == "\"" {
                        if peek(1) == "\n" { line += 1 }  // a line-ending backslash
                        index += 2
                        continue
                    }
                    if scalars[index] == quote, peek(1) == quote, peek(2) == quote {
                        index += 3
                        while index < scalars.count, scalars[index] == quote { index += 1 }  // """a"""" ends with a quote
                        return
                    }
                    if scalars[index] == "\n" { line += 1 }
                    index += 1
                }
                return
            }
            index += 1
            while index < scalars.count, scalars[index] != "\n" {
                if scalars[index] == "\\", quote == "\"" { index += 2; continue }
                if scalars[index] == quote { index += 1; return }
                index += 1
            }
        }

        /// Reads the header that starts at `index` ("[a.b]", "[[a]]", "[ \"x y\" ]"); what is wrong with its name,
        /// or nil. Only the name is checked: what follows the brackets is toml++'s to report.
        func header() -> String? {
            index += 1
            if peek(0) == "[" { index += 1 }
            let unnamed = "a table header needs a name, as in [studio]"
            let spelling = "a table name is written with A–Z, a–z, 0–9, _ and - (or quoted: [\"âm thanh\"])"
            while true {
                while let next = peek(0), next == " " || next == "\t" { index += 1 }
                guard let first = peek(0) else { return unnamed }
                if first == "\"" || first == "'" {
                    let start = index
                    skipString()
                    if index - start < 2 { return unnamed }
                } else if isBare(first) {
                    while let next = peek(0), isBare(next) { index += 1 }
                } else if first.value > 0x7F {
                    return spelling
                } else {
                    return unnamed
                }
                while let next = peek(0), next == " " || next == "\t" { index += 1 }
                if peek(0) == "]" { return nil }
                // An unclosed header ("[audio" and a new line) is toml++'s to report; another character is not a name's.
                guard let next = peek(0), next != "\n", next != "\r" else { return nil }
                guard next == "." else { return spelling }
                index += 1
            }
        }

        /// A date at `index` ("1979-05-27") followed by T and something other than a digit.
        func badDateTime() -> String? {
            let digits = [0, 1, 2, 3, 5, 6, 8, 9]
            guard index + 11 < scalars.count, index == 0 || !isBare(scalars[index - 1]),
                  digits.allSatisfy({ ("0"..."9").contains(scalars[index + $0]) }),
                  scalars[index + 4] == "-", scalars[index + 7] == "-",
                  scalars[index + 10] == "T" || scalars[index + 10] == "t" else { return nil }
            return ("0"..."9").contains(scalars[index + 11]) ? nil : "a date-time needs the time after its T, as in 1979-05-27T07:32:00"
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                index += 1
            case " ", "\t", "\r":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\"", "'":
                skipString()
                atLineStart = false
            case "[" where atLineStart && open.isEmpty:
                if let reason = header() { return (line, reason) }
                atLineStart = false
            // More that toml++ stops on instead of reporting (found by fuzzing it against this scan): a closing
            // brace where an array expects a value, a line or paragraph separator in a value, and a date-time whose
            // T is not followed by a digit.
            case "\u{85}", "\u{2028}", "\u{2029}":
                return (line, "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                            + " (a line or paragraph separator) is not allowed outside a string")
            default:
                if scalar == "[" || scalar == "{" { open.append(scalar) }
                if scalar == "}" || scalar == "]" {
                    if let innermost = open.last, (innermost == "[") != (scalar == "]") {
                        return (line, "'\(scalar)' closes a '\(innermost)' it does not match")
                    }
                    if !open.isEmpty { open.removeLast() }
                }
                if let reason = badDateTime() { return (line, reason) }
                atLineStart = false
                index += 1
            }
        }
        return nil
    }

    static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
