#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation

/// Checks on the files a command will write, made before any work starts, so that no output replaces an input or
/// another output of the same command.
enum OutputPaths {
    /// Throws a `ValidationError` (exit 64) for a flag given an empty value (`--soundfont ""` fell back to the
    /// system's soundfont without a word).
    static func requireNotEmpty(_ values: [(flag: String, value: String?)]) throws {
        for (flag, value) in values where value?.isEmpty == true {
            let what = flag == "--device" ? "an ALSA device name" : flag == "--save-folder" ? "a folder" : "a file name"
            throw ValidationError("\(flag) is empty; give \(what)")
        }
    }

    /// Throws a `ValidationError` (exit 64) naming the flags when two of the paths are the same file (by resolved
    /// path, or by device and inode where the file exists), or when an output names a folder.
    static func checkDistinct(inputs: [(flag: String, path: String)], outputs: [(flag: String, path: String)]) throws {
        for (flag, path) in outputs {
            if path.isEmpty { throw ValidationError("\(flag) is empty; give a file name") }
            var isFolder: ObjCBool = false
            if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
                throw ValidationError("\(flag) \(path) is a folder; give a file name inside it")
            }
        }
        let all = inputs.map { ($0.flag, $0.path, true) } + outputs.map { ($0.flag, $0.path, false) }
        for (i, a) in all.enumerated() {
            for b in all[(i + 1)...] where a.2 == false || b.2 == false {
                if sameFile(a.1, b.1) {
                    let what = a.2 || b.2 ? "would replace the input" : "names the same file as"
                    throw ValidationError(a.2 ? "\(b.0) \(b.1) \(what) \(a.1)" : "\(b.0) \(b.1) \(what) \(a.0) \(a.1)")
                }
            }
        }
    }

    /// Whether two paths name one file: the same inode where both exist, else the same absolute, resolved path.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        if stat(a, &first) == 0, stat(b, &second) == 0 {
            return first.st_dev == second.st_dev && first.st_ino == second.st_ino
        }
        return resolved(a) == resolved(b)
    }

    /// The absolute path with symbolic links in its folder resolved (the file itself may not exist yet).
    static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path
        return folder + "/" + url.lastPathComponent
    }
}
