import CamXucSupport
import CamXucMusic
import Foundation

/// Keeps every finished take as a MIDI file in `$XDG_DATA_HOME/camxuc/takes` (default `~/.local/share/...`), so a
/// quit or a crash loses nothing; the studio loads them again at start. Files are written atomically.
public struct TakeStore: Sendable {
    public let folder: String

    public init(folder: String = TakeStore.defaultFolder) {
        self.folder = folder
    }

    public static var defaultFolder: String {
        UserFolder.data.path + "/takes"
    }

    func path(for id: Int) -> String { folder + "/take-\(id).mid" }

    public func save(_ take: Take, id: Int) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try MIDIFile.write(take, to: path(for: id))
    }

    public func delete(id: Int) {
        try? FileManager.default.removeItem(atPath: path(for: id))
    }

    /// The stored takes by id, oldest first; unreadable files are skipped (and named in `problems`).
    public func load() -> (takes: [(id: Int, take: Take)], problems: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        var takes: [(Int, Take)] = []
        var problems: [String] = []
        for name in names where name.hasPrefix("take-") && name.hasSuffix(".mid") {
            guard let id = Int(name.dropFirst(5).dropLast(4)) else { continue }
            do {
                takes.append((id, try MIDIFile.read(path: folder + "/" + name)))
            } catch {
                problems.append("\(error)")
            }
        }
        return (takes.sorted { $0.0 < $1.0 }, problems)
    }
}
