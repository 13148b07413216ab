import CamXucSupport
import Foundation

/// Vietnamese social-media shorthand ("k" → "không", "dc" → "được") and the words it stands for.
///
/// The shipped table is `Resources/teencode.tsv` (the Python training code reads the same file); a user's own
/// `~/.config/camxuc/teencode.tsv` adds entries and overrides shipped ones.
public struct TeencodeTable: Sendable, Equatable {
    public private(set) var entries: [String: [String]]

    public init(entries: [String: [String]] = [:]) {
        self.entries = entries
    }

    /// Parses lines of `short<TAB>expansion`; `#` starts a comment line. Malformed lines are skipped, and so is a
    /// line that was not UTF-8 (read as U+FFFD). Lines may end as Windows ends them (a file with "\r\n" was read as
    /// one line: its first entry took the rest as its expansion), and a shorthand is kept as the text it is looked up
    /// in is read, in lower case and composed ("BCQ" never matched).
    public init(tsv: String) {
        var entries: [String: [String]] = [:]
        for line in tsv.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") || line.contains("\u{FFFD}") { continue }
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let key = String(parts[0]).lowercased().precomposedStringWithCanonicalMapping
            let value = parts[1].precomposedStringWithCanonicalMapping.split(separator: " ").map(String.init)
            if !key.isEmpty, !value.isEmpty { entries[key] = value }
        }
        self.entries = entries
    }

    /// The shipped table.
    public static let shipped: TeencodeTable = {
        guard let url = Bundle.module.url(forResource: "teencode", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return TeencodeTable() }
        return TeencodeTable(tsv: text)
    }()

    /// Where a user's own entries live: `$XDG_CONFIG_HOME/camxuc/teencode.tsv` (default `~/.config/...`).
    public static var userPath: String {
        UserFolder.config.path + "/teencode.tsv"
    }

    /// The shipped table with the user's entries added (theirs win); just the shipped one when there is no file. A
    /// byte that is not UTF-8 costs its line, not the whole file.
    public static func shippedWithUserEntries(path: String = TeencodeTable.userPath) -> TeencodeTable {
        guard !OutputFile.isPipe(path), let data = FileManager.default.contents(atPath: path) else { return shipped }
        // A byte-order mark (Notepad writes one) is no part of the first shorthand (it was lost).
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        return shipped.merging(TeencodeTable(tsv: String(decoding: bytes, as: UTF8.self)))
    }

    /// This table with `other`'s entries added (they win).
    public func merging(_ other: TeencodeTable) -> TeencodeTable {
        TeencodeTable(entries: entries.merging(other.entries) { _, new in new })
    }

    public subscript(token: String) -> [String]? { entries[token] }

    public var count: Int { entries.count }
}
