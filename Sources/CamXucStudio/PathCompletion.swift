import Foundation
import CamXucMusic
import CamXucSupport
/// Tab completion of a file path typed in a prompt: the longest common beginning of the names in its folder that
/// start with what was typed, with "/" after a lone folder. Only folders and MIDI files (`MIDIFile.fileExtensions`) are offered;
/// hidden ones only when what was typed starts with a dot. "~/" stands for the home folder and stays as typed.
public enum PathCompletion {
    /// The most names listed when several fit.
    static let maximumCandidates = 12

    /// `list(folder)` gives a folder's entries as (name, is a folder), nil when it cannot be read. Returns the
    /// completed text (what was typed when nothing fits) and, when more than one name fits, those names (folders
    /// with a "/", sorted, at most `maximumCandidates`).
    public static func complete(_ typed: String, home: String = HomeFolder.path(),
                                list: (String) -> [(name: String, isFolder: Bool)]?) -> (text: String, candidates: [String]) {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let stem = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderPart.isEmpty ? "." : folderPart
        folder = HomeFolder.expanding(folder, environment: ["HOME": home])
        let fits = (list(folder) ?? []).filter { entry in
            entry.name.hasPrefix(stem) && (stem.hasPrefix(".") || !entry.name.hasPrefix("."))
                && (entry.isFolder || MIDIFile.isNamedAsOne(entry.name))
        }.sorted { $0.name < $1.name }
        guard let first = fits.first else { return (typed, []) }
        if fits.count == 1 { return (folderPart + first.name + (first.isFolder ? "/" : ""), []) }
        var common = first.name
        for entry in fits.dropFirst() {
            while !entry.name.hasPrefix(common) { common.removeLast() }
        }
        return (folderPart + common, fits.prefix(maximumCandidates).map { $0.name + ($0.isFolder ? "/" : "") })
    }

    /// The path a terminal pastes for a file dropped on it, as a path: quoted ('/home/an/Nhạc/bài hát.mid', GNOME's
    /// and Konsole's), with its spaces escaped (/home/an/bài\ hát.mid), or as a URI (file:///home/an/b%C3%A0i.mid).
    /// Nil for anything else: text with a line break, or nothing that looks like a path.
    public static func dropped(_ text: String) -> String? {
        guard let paths = droppedPaths(text), paths.count == 1 else { return nil }
        return paths[0]
    }

    /// The paths of several files dropped at once ("'/a/x.mid' '/a/y.mid' ", or URIs one to a line); nil where any
    /// word of the text is not a path.
    public static func droppedPaths(_ text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.hasPrefix("file://") {
            // URIs, one to a line (spaces and the like are %-escaped in them).
            let paths = trimmed.split(whereSeparator: \.isNewline).map { line -> String? in
                let uri = line.trimmingCharacters(in: .whitespaces)
                guard let url = URL(string: uri), url.isFileURL else { return nil }
                return url.path
            }
            return paths.contains(nil) ? nil : paths.compactMap { $0 }
        }
        guard !trimmed.contains(where: \.isNewline) else { return nil }
        // Words as a shell splits them: quoted ('…' or "…") or with backslash escapes ("bài\ hát.mid").
        var words: [String] = [], word = "", quote: Character?, escaping = false, inWord = false
        for character in trimmed {
            if escaping { word.append(character); escaping = false; continue }
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "\\": escaping = true; inWord = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default: word.append(character); inWord = true
            }
        }
        guard quote == nil, !escaping else { return nil }
        if inWord { words.append(word) }
        // An unquoted path with spaces in it, as typed in the prompt, is one path.
        if !trimmed.contains(where: { "'\"\\".contains($0) }), trimmed.hasPrefix("/") || trimmed.hasPrefix("~/") { return [trimmed] }
        return !words.isEmpty && words.allSatisfy({ $0.hasPrefix("/") || $0.hasPrefix("~/") }) ? words : nil
    }

    /// `path` as it is on disk where its names differ only in how their letters are encoded: the prompt keeps text
    /// composed (NFC), and a file named decomposed (NFD, as macOS names files) was not found though Tab had completed
    /// its name. Each name missing as given is looked for among its folder's entries by its composed form; the path as
    /// given when none is found.
    public static func onDisk(_ path: String) -> String {
        let files = FileManager.default
        guard !files.fileExists(atPath: path) else { return path }
        var resolved = path.hasPrefix("/") ? "" : "."
        for name in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            let next = resolved + "/" + name
            if files.fileExists(atPath: next) {
                resolved = next
                continue
            }
            let composed = name.precomposedStringWithCanonicalMapping
            guard let match = (try? files.contentsOfDirectory(atPath: resolved.isEmpty ? "/" : resolved))?
                .first(where: { $0.precomposedStringWithCanonicalMapping == composed }) else { return path }
            resolved += "/" + match
        }
        return path.hasPrefix("/") ? resolved : String(resolved.dropFirst(2))
    }
}
