#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a path given for an output really names, checked before anything is written, so that writing a take or a
/// WAV never replaces what the user did not ask to replace: a symbolic link is followed to the file it names (the link
/// stays a link), a read-only file is refused, and a device or a pipe (`/dev/stdout`, `/dev/full`, a FIFO) is written
/// through rather than replaced by a regular file.
public enum OutputFile {
    public enum Target: Equatable, Sendable {
        /// A regular file to write beside and rename into place; `mode` is the existing file's, kept (nil: new).
        case file(path: String, mode: UInt32?)
        /// A device, a FIFO or a socket: written through, in place.
        case special(path: String)
    }

    /// Why `path` cannot be written, in words for the user ("it is read-only").
    public struct Refusal: Error, Equatable, Sendable {
        public let reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// Whether `path` names a FIFO or a socket: CamXuc's own small files (its corrections, its record of take ids)
    /// are not opened there, since opening a FIFO waits for the other end, deaf to Ctrl-C and SIGTERM (the studio
    /// froze on a key). A device (`/dev/full`, `/dev/null`) answers at once and is used as it is.
    public static func isPipe(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && [S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT)
    }

    public static func target(for path: String) throws -> Target {
        guard !path.isEmpty else { throw Refusal("no file name was given") }
        var info = stat()
        // A pipe or a device, however it is reached, is written through in place, opened by the name given:
        // `/dev/stdout` into a pipe ends in /proc/self/fd/1, whose link reads "pipe:[N]" — no path — and following
        // it by hand made "/proc/self/fd/pipe:[N]", "no such file or directory".
        if stat(path, &info) == 0, ![S_IFREG, S_IFDIR].contains(info.st_mode & S_IFMT) { return .special(path: path) }
        var resolved = path
        var hops = 0
        while lstat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            hops += 1
            guard hops <= 40 else { throw Refusal("its symbolic links go round in a loop") }
            var buffer = [UInt8](repeating: 0, count: 4097)
            let count = buffer.withUnsafeMutableBufferPointer { raw in
                raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: 4097) { readlink(resolved, $0, 4096) }
            }
            guard count > 0 else { break }
            let link = String(decoding: buffer[0..<count], as: UTF8.self)
            resolved = link.hasPrefix("/") ? link : folder(of: resolved) + "/" + link
        }
        guard lstat(resolved, &info) == 0 else { return .file(path: resolved, mode: nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if info.st_mode & 0o222 == 0 { throw Refusal("it is read-only") }
            return .file(path: resolved, mode: UInt32(info.st_mode & 0o7777))
        case S_IFDIR:
            throw Refusal("it is a folder")
        default:
            return .special(path: resolved)
        }
    }

    /// Throws the `Refusal` that `write` would, where it can be known before anything is made: an output that
    /// names a folder or a read-only file, or sits in a folder that does not exist (compose composed for half a
    /// minute before saying so).
    public static func check(_ path: String) throws {
        guard case let .file(file, _) = try target(for: path) else { return }
        try requireFolder(of: file)
        // A folder the user cannot write into is known now, not after a take has been composed (`--wav ro/x.wav`).
        if access(folder(of: file), W_OK) != 0, errno == EACCES || errno == EROFS {
            throw Refusal("the folder \(folder(of: file)) is not writable")
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        if name.utf8.count > maximumNameBytes { throw Refusal("its name is longer than \(maximumNameBytes) bytes") }
    }

    /// Deletes the temporary files (".NAME.PID.partial", NAME a MIDI, WAV or JSON file's or `.last-id`, or shortened
    /// with "~" and a checksum) that writes killed before they finished left in `folder`: those whose process is gone. Only the
    /// same output's were deleted, and the studio names every export anew, so a killed export's half-written WAV
    /// (up to a gigabyte for a two-hour take) stayed, hidden, for good.
    public static func removeStalePartials(folder: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var stale: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix("."), name.hasSuffix(".partial") else { continue }
            let inner = name.dropFirst().dropLast(".partial".count)
            guard let dot = inner.lastIndex(of: "."), let pid = Int32(inner[inner.index(after: dot)...]), pid > 0 else { continue }
            let stem = inner[..<dot].lowercased()
            // (A partial's own partial: `render -o -` renders into ".camxuc-standard-output.wav.PID.partial".)
            guard stem.hasSuffix(".wav") || stem.hasSuffix(".mid") || stem.hasSuffix(".json") || stem == ".last-id"
                    || stem.hasSuffix(".partial")
                    || stem.range(of: #"~[0-9a-f]+$"#, options: .regularExpression) != nil,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            stale.append(name)
        }
        for name in stale { unlink(folder + "/" + name) }
    }

    /// The longest file name (not path) Linux file systems take, in bytes.
    public static let maximumNameBytes = 255

    /// The start of the temporary file's name an output `name` is written to before it is renamed into place:
    /// "." + `name`, or for a name too long to take ".PID.partial" after it, its first bytes and a checksum of the
    /// whole (a valid name of 241–255 bytes was refused, "file name too long", and compose had composed first).
    public static func temporaryStem(for name: String) -> String {
        let room = maximumNameBytes - ".\(Int32.max).partial".utf8.count - 1
        guard name.utf8.count > room else { return "." + name }
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let tag = "~" + String(hash, radix: 16)
        var kept = ""
        for character in name {
            guard kept.utf8.count + String(character).utf8.count + tag.utf8.count <= room else { break }
            kept.append(character)
        }
        return "." + kept + tag
    }

    /// Throws unless the folder `file` would be written into exists.
    static func requireFolder(of file: String) throws {
        let folder = folder(of: file)
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Refusal("the folder \(folder) does not exist")
        }
    }

    /// The folder part of `path` ("." for a bare name, "/" for a file at the root).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The message of the C library's `errno`, lower-cased as the tool's lines are.
    public static func describe(errno code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    /// Thrown by `write(_:to:new:)` when the name is already taken.
    public struct Taken: Error, Equatable, Sendable {}

    /// Writes `bytes` to `path`: through a device or pipe in place; to a regular file atomically (a temporary file
    /// beside it, renamed into place, with the replaced file's permissions). Throws `Refusal`.
    /// With `new`, only where nothing has that name yet, atomically: two processes choosing the same free name cannot
    /// both write it (throws `Taken` for the second; four `compose` runs started together each said "wrote take.mid",
    /// and one file was left).
    /// Without `durable`, a regular file is not synced to the disk before it is renamed into place (the studio's
    /// memory, written every few seconds from the screen's thread, where a sync on a busy disk held a frame).
    public static func write(_ bytes: [UInt8], to path: String, new: Bool = false, durable: Bool = true) throws {
        // New: the whole file is written beside and linked in under its name, which link(2) refuses if taken, so no
        // moment leaves an empty file there (the claim below, on file systems without links, leaves one for the
        // write's length).
        if new {
            // Anything there, a link to nowhere or a folder too, is taken.
            var info = stat()
            if lstat(path, &info) == 0 { throw Taken() }
            let file = path
            try requireFolder(of: file)
            let folder = folder(of: file)
            let name = file.split(separator: "/").last.map(String.init) ?? file
            let temporary = folder + "/" + temporaryStem(for: name) + ".\(getpid()).partial"
            // Exclusive: another thread of this process writing the same new name now has it (sharing the temporary
            // file, one thread's clean-up removed the other's before it was linked in).
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                if errno == EEXIST { throw Taken() }
                throw Refusal(errno == EACCES || errno == EROFS ? "the folder \(folder) is not writable" : describe(errno: errno))
            }
            defer { unlink(temporary) }
            do {
                try writeAll(bytes, to: descriptor)
                guard fsync(descriptor) == 0 || errno == EINVAL else { throw Refusal(describe(errno: errno)) }
                close(descriptor)
            } catch {
                close(descriptor)
                throw error
            }
            if link(temporary, file) == 0 { return }
            if errno == EEXIST { throw Taken() }
            guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK else {
                throw Refusal(describe(errno: errno))
            }

            let claim = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if claim < 0 {
                if errno == EEXIST { throw Taken() }
                throw Refusal(errno == EACCES || errno == EROFS ? "the folder \(folder) is not writable" : describe(errno: errno))
            }
            close(claim)
            do {
                try write(bytes, to: path)
            } catch {
                unlink(path)
                throw error
            }
            return
        }
        switch try target(for: path) {
        case let .special(device):
            let descriptor = open(device, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Refusal(describe(errno: errno)) }
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor)
        case let .file(file, mode):
            try requireFolder(of: file)
            let folder = folder(of: file)
            removeStalePartials(folder: folder)
            let name = file.split(separator: "/").last.map(String.init) ?? file
            let temporary = folder + "/" + temporaryStem(for: name) + ".\(getpid()).partial"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode ?? 0o666))
            guard descriptor >= 0 else {
                throw Refusal(errno == EACCES || errno == EROFS ? "the folder \(folder) is not writable" : describe(errno: errno))
            }
            do {
                if let mode { fchmod(descriptor, mode_t(mode)) }  // the replaced file's, whatever the umask
                try writeAll(bytes, to: descriptor)
                guard !durable || fsync(descriptor) == 0 || errno == EINVAL else { throw Refusal(describe(errno: errno)) }
            } catch {
                close(descriptor)
                unlink(temporary)
                throw error
            }
            // Closed once (a failed rename closed it a second time: another thread's newly opened file, perhaps).
            close(descriptor)
            guard rename(temporary, file) == 0 else {
                let reason = describe(errno: errno)
                unlink(temporary)
                throw Refusal(reason)
            }
        }
    }

    /// Writes all of `bytes` to `descriptor` (a short write goes on); throws `Refusal` with the C library's reason.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Refusal(describe(errno: errno))
            }
            offset += written
        }
    }
}
