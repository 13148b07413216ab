/// A check made on config and theme text before TOMLKit parses it: its C++ parser (toml++) stops the whole process on
/// an assertion for a table header with no name ("[" alone on a line, "[[", "[.", "[=", "[[[a]]]") instead of
/// reporting an error, so such a line is found here first and reported as the one-line error any other bad TOML gets.
enum TOMLHeaders {
    /// The first line (from 1) holding a table header without a name, and what is wrong with it.
    static func firstProblem(in text: String) -> (line: Int, reason: String)? {
        var inMultilineString: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Lines inside a multi-line string ("""…""" or '''…''') are text, not TOML.
            for quote in ["\"\"\"", "'''"] where inMultilineString == nil || inMultilineString == quote {
                if line.components(separatedBy: quote).count % 2 == 0 {
                    inMultilineString = inMultilineString == nil ? quote : nil
                }
            }
            if inMultilineString != nil { continue }
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            let next = rest.drop { $0 == " " || $0 == "\t" }.first
            if next == nil || next == "\r" || next == "[" || next == "." || next == "=" || next == "#" {
                return (index + 1, "a table header needs a name, as in [studio]")
            }
        }
        return nil
    }
}
