import CamXucSupport
import Foundation

/// Finds the folder that holds CamXuc's shipped models (`emotion-vi.json`, `music-lstm.json`, …).
///
/// In order: `$CAMXUC_MODELS` (only it when it names no folder: a typo is reported); a `Models/` folder beside the executable or in any folder above it (the repository
/// layout, where `make run` builds into `.build/release`); `$XDG_DATA_HOME/camxuc/models`
/// (default `~/.local/share/camxuc/models`); `/usr/local/share/camxuc/models`; `/usr/share/camxuc/models`.
public enum ModelDirectory {
    /// Every folder looked in, in order.
    public static func candidates(folder name: String = "Models") -> [String] {
        let environment = ProcessInfo.processInfo.environment
        var folders: [String] = []
        if name == "Models", let explicit = environment["CAMXUC_MODELS"], !explicit.isEmpty {
            // A folder named there that does not exist is a mistake to report, not a reason to look elsewhere (a
            // typo silently used another models folder).
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isFolder), isFolder.boolValue else { return [explicit] }
            folders.append(explicit)
        }
        var folder = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        for _ in 0..<8 {
            folders.append(folder.appendingPathComponent(name).path)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let lower = name.lowercased()
        folders += [UserFolder.data.path + "/\(lower)", "/usr/local/share/camxuc/\(lower)", "/usr/share/camxuc/\(lower)"]
        return folders
    }

    /// The path of `file` in the first folder that has it, or nil.
    public static func locate(_ file: String, folder name: String = "Models") -> String? {
        for folder in candidates(folder: name) {
            let path = folder + "/" + file
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments.first ?? "."
    }
}
