#if canImport(Glibc)
import Glibc
#endif
import CamXucSupport
import CamXucMusic
import Foundation
import Synchronization

/// Keeps every finished take as a MIDI file in `$XDG_DATA_HOME/camxuc/takes` (default `~/.local/share/...`), so a
/// quit or a crash loses nothing; the studio loads them again at start. Files are written atomically.
public struct TakeStore: Sendable {
    public let folder: String
    /// What each take file was when this store last read or wrote it (device, inode, size, modification time), and
    /// for a file it wrote a digest of its bytes: a file that is no longer so, and does not hold those bytes, was
    /// changed or deleted by another studio (or another program), and is not written over.
    let seen = SeenFiles()

    final class SeenFiles: Sendable {
        let files = Mutex<[Int: Fingerprint]>([:])
        let digests = Mutex<[Int: UInt64]>([:])
    }

    struct Fingerprint: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int
    }

    /// Ids up to this are taken elsewhere (takes an earlier studio rescued to the temporary folder when this folder
    /// could not hold them, nor its record of ids: the next studio gave their ids again).
    public let idFloor: Int

    /// Takes the claim lock on an open `.lock` (`flock`); 0 or -1 with errno set. Tests stand in a file system that
    /// refuses it.
    let lockFile: @Sendable (Int32) -> Int32

    public init(folder: String = TakeStore.defaultFolder, idFloor: Int = 0) {
        self.init(folder: folder, idFloor: idFloor, lockFile: { flock($0, LOCK_EX) })
    }

    init(folder: String, idFloor: Int = 0, lockFile: @escaping @Sendable (Int32) -> Int32) {
        self.folder = folder
        self.idFloor = idFloor
        self.lockFile = lockFile
    }

    /// Whether takes can be written into the folder (or, where it is still to be made, into the nearest folder above
    /// it that exists): a read-only disk or folder was found only at the first take or delete.
    public var isWritable: Bool {
        var path = folder
        while !path.isEmpty, !FileManager.default.fileExists(atPath: path) {
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path { break }
            path = parent
        }
        var isFolder: ObjCBool = false
        let existing = path.isEmpty ? "." : path
        // A file where a folder of the path should be (a mistyped setting) holds no takes either.
        guard FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), isFolder.boolValue else { return false }
        return access(existing, W_OK) == 0
    }

    /// Where a take the folder cannot hold is written instead: `$TMPDIR`, else /tmp.
    public static var temporaryFolder: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Takes an earlier studio could not keep in its takes folder and wrote to the temporary folder instead
    /// ("camxuc-take-3-4242.mid", this user's), oldest first, with their ids.
    public static func rescued(in folder: String = TakeStore.temporaryFolder) -> [(path: String, id: Int)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> (path: String, id: Int, time: Int)? in
            let parts = name.split(separator: "-")
            guard name.hasPrefix("camxuc-take-"), name.hasSuffix(".mid"), parts.count == 4,
                  let id = Int(parts[2]), (1...largestID).contains(id), Int(parts[3].dropLast(4)) != nil else { return nil }
            var status = stat()
            let path = folder + "/" + name
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == getuid() else { return nil }
            return (path, id, Int(status.st_mtim.tv_sec))
        }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map { ($0.path, $0.id) }
    }

    /// Whether `take`, rescued to `path`, is a later copy of the take this folder holds as `id`: the same text, seed
    /// and notes (what a rename or a save changes is its metadata), and written after that file.
    public func isNewerCopy(_ take: Take, at path: String, of id: Int) -> Bool {
        guard let rescued = Self.fingerprint(path), let kept = Self.fingerprint(self.path(for: id)),
              (rescued.seconds, rescued.nanoseconds) >= (kept.seconds, kept.nanoseconds),
              let stored = try? MIDIFile.read(path: self.path(for: id)) else { return false }
        return stored.metadata.text == take.metadata.text && stored.metadata.sampling?.seed == take.metadata.sampling?.seed
            && stored.decodedNotes == take.decodedNotes
    }

    /// The file at `path` as `lstat` sees it; nil when there is none.
    static func fingerprint(_ path: String) -> Fingerprint? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return Fingerprint(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
                           seconds: status.st_mtim.tv_sec, nanoseconds: status.st_mtim.tv_nsec)
    }

    /// Throws when take `id`'s file is not what this store last saw of it: another studio open on the folder changed
    /// or deleted it since (a rename made there was undone by a save made here, a deleted take came back).
    func checkUnchanged(_ id: Int) throws {
        guard let known = seen.files.withLock({ $0[id] }) else { return }
        let now = Self.fingerprint(path(for: id))
        guard now != known else { return }
        // Touched, or written again with the same bytes (a backup or sync tool): still the file this store wrote (a
        // touch stopped the studio keeping the take being composed, blaming a studio that did not exist).
        if let now, now.size == known.size, let digest = seen.digests.withLock({ $0[id] }),
           let bytes = FileManager.default.contents(atPath: path(for: id)), Self.digest([UInt8](bytes)) == digest {
            seen.files.withLock { $0[id] = now }
            return
        }
        throw MusicError.cannotWrite(file: path(for: id), reason: now == nil
            ? "another CamXuc studio or another program deleted it since this one read it; nothing was written"
            : "another CamXuc studio or another program changed it since this one read it; start the studio again to see its change")
    }

    /// FNV-1a over `bytes`.
    static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    public static var defaultFolder: String {
        UserFolder.data.path + "/takes"
    }

    func path(for id: Int) -> String { folder + "/take-\(id).mid" }

    /// Writes take `id`, unless another studio changed or deleted its file since this store read or wrote it. A
    /// take file that is a symbolic link is replaced by a file of its own: the file it pointed at (a song linked
    /// into the folder) is never written.
    public func save(_ take: Take, id: Int) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try checkUnchanged(id)
        let file = path(for: id)
        var status = stat()
        if lstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK { unlink(file) }
        let bytes = MIDIFile.encode(take)
        try MIDIFile.writeAtomically(bytes, to: file)
        remember(id)
        seen.digests.withLock { $0[id] = Self.digest(bytes) }
    }

    /// Removes take `id`'s file, unless another studio changed it since (its change is kept).
    public func delete(id: Int) throws {
        try checkUnchanged(id)
        do {
            try FileManager.default.removeItem(atPath: path(for: id))
        } catch {
            // A file that stays (a read-only takes folder) is said: "deleted" was shown, and the take came back at the
            // next start.
            if FileManager.default.fileExists(atPath: path(for: id)) { throw error }
        }
        _ = seen.files.withLock { $0.removeValue(forKey: id) }
        _ = seen.digests.withLock { $0.removeValue(forKey: id) }
    }

    func remember(_ id: Int) {
        let now = Self.fingerprint(path(for: id))
        seen.files.withLock { $0[id] = now }
    }

    /// A studio's hold on the folder for as long as it runs (a lock on `.studio`, released when the process ends,
    /// however it ends).
    public final class EditingHold: Sendable {
        let descriptor: Int32
        init(descriptor: Int32) { self.descriptor = descriptor }
        deinit { close(descriptor) }
    }

    /// Who edits the kept takes: this studio (`held`), or another one running on the folder (`heldElsewhere`, with
    /// its process id when it wrote one). `unavailable` when no lock can be taken (the folder cannot be made, say):
    /// then nothing can be written either, and this studio acts as the holder.
    public enum Editing {
        case held(EditingHold)
        case heldElsewhere(pid: Int32?)
        case unavailable
    }

    /// Takes the studio's hold on the folder if no other studio has it.
    public func holdForEditing() -> Editing {
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else {
            return .unavailable
        }
        let descriptor = open(folder + "/.studio", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .unavailable }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        if result != 0 {
            let busy = errno == EWOULDBLOCK
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            guard busy else { return .unavailable }
            let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
            return .heldElsewhere(pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 { _ = pwrite(descriptor, pid, pid.count, 0) }
        return .held(EditingHold(descriptor: descriptor))
    }

    /// Ids run from 1 to this; a file named with a larger one is not CamXuc's and is skipped.
    public static let largestID = 999_999_999

    /// Claims a take id no studio has used in this folder: `preferred` if it is free, else the next after the
    /// highest ever claimed. Claims go through a lock on the folder and a record of the highest id (`.last-id`),
    /// so two studios open on one folder never write the same file, and an id is never used twice, even after its
    /// take was deleted.
    public func claim(preferred: Int) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try withClaimLock {
            let highest = max(recordedID(), storedIDs().max() ?? 0, idFloor)
            let id = preferred > highest ? preferred : highest + 1
            guard id <= Self.largestID else {
                throw MusicError.cannotWrite(file: folder, reason: "take ids are used up (\(Self.largestID))")
            }
            try MIDIFile.writeAtomically(Array("\(id)\n".utf8), to: folder + "/.last-id")
            return id
        }
    }

    /// Hands back `id`, claimed for a file that could not be opened, if no id has been claimed since and no take
    /// file has it: the next take gets it (a failed open, or a take begun while a large file was read, left a gap).
    public func release(_ id: Int) {
        try? withClaimLock {
            guard recordedID() == id, !storedIDs().contains(id) else { return }
            try? MIDIFile.writeAtomically(Array("\(id - 1)\n".utf8), to: folder + "/.last-id")
        }
    }

    /// How long a `.lock.d` may stand before it is taken for one left by a studio that ended while it held it (it is
    /// held for the milliseconds of a claim), and how long a claim waits for another studio's.
    static let staleClaimLock: TimeInterval = 10
    static let claimLockWait = Duration.seconds(5)

    /// Runs `body` under the folder's claim lock: `flock` on `.lock`, or where the file system refuses it (a network
    /// folder without its lock daemon says ENOLCK; some FUSE mounts do not lock at all) a `.lock.d` folder made for
    /// the time of it, mkdir being atomic everywhere. The lock's failure was not looked at: two studios then claimed
    /// one id, and the second take's file replaced the first's.
    func withClaimLock<T>(_ body: () throws -> T) throws -> T {
        let lock = open(folder + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard lock >= 0 else {
            throw MusicError.cannotWrite(file: folder + "/.lock", reason: String(cString: strerror(errno)).lowercased())
        }
        defer { close(lock) }
        var result: Int32
        repeat { result = lockFile(lock) } while result != 0 && errno == EINTR
        if result == 0 {
            defer { flock(lock, LOCK_UN) }
            return try body()
        }
        let path = folder + "/.lock.d"
        let deadline = ContinuousClock.now + Self.claimLockWait
        while mkdir(path, 0o700) != 0 {
            let reason = errno
            guard reason == EEXIST else {
                throw MusicError.cannotWrite(file: path, reason: String(cString: strerror(reason)).lowercased())
            }
            let made = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let made, Date().timeIntervalSince(made) > Self.staleClaimLock {
                rmdir(path)
                continue
            }
            guard ContinuousClock.now < deadline else {
                throw MusicError.cannotWrite(file: path, reason: "another studio has held it for \(Self.claimLockWait); remove it if none runs")
            }
            usleep(5_000)
        }
        defer { rmdir(path) }
        return try body()
    }

    /// The id in a take file's name, only as CamXuc writes it ("take-7.mid"; not "take-07.mid" or "take-+7.mid").
    static func id(ofFileNamed name: String) -> Int? {
        guard name.hasPrefix("take-"), name.hasSuffix(".mid"), let id = Int(name.dropFirst(5).dropLast(4)),
              name == "take-\(id).mid" else { return nil }
        return id
    }

    /// The ids of the take files in the folder.
    func storedIDs() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in Self.id(ofFileNamed: name).flatMap { (1...Self.largestID).contains($0) ? $0 : nil } }
    }

    /// The highest id ever claimed in the folder (0 when none).
    public func highestClaimed() -> Int {
        min(max(recordedID(), storedIDs().max() ?? 0, idFloor), Self.largestID)
    }

    /// The highest id recorded in `.last-id` (0 when there is none).
    func recordedID() -> Int {
        // A FIFO in its place is not read (reading one waits for a writer: Enter froze the studio).
        guard !OutputFile.isPipe(folder + "/.last-id") else { return 0 }
        return (try? String(contentsOfFile: folder + "/.last-id", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    /// The stored takes by id, oldest first; unreadable files are skipped (and named in `problems`, each with what is
    /// wrong). Only the names CamXuc writes count as takes: "take-01.mid" or "take-+1.mid" (copied in by hand) would
    /// load as a second take 1.
    /// `progress` hears (files read, files in all) after each file; false stops the reading there (what was read is
    /// kept).
    public func load(progress: (Int, Int) -> Bool = { _, _ in true })
        -> (takes: [(id: Int, take: Take)], problems: [(file: String, reason: String)]) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            // Said at start, not at the first take that cannot be kept.
            return ([], [((folder as NSString).lastPathComponent,
                          "\(folder) is a file, not a folder: move it away to keep takes")])
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        // What a studio killed while it wrote a take (or its record of ids) left behind.
        OutputFile.removeStalePartials(folder: folder)
        var takes: [(Int, Take)] = []
        var problems: [(file: String, reason: String)] = []
        let takeNames = names.sorted().filter { Self.id(ofFileNamed: $0) != nil }
        for (index, name) in takeNames.enumerated() {
            if index > 0, !progress(index, takeNames.count) { break }
            guard let id = Self.id(ofFileNamed: name) else { continue }
            guard (1...Self.largestID).contains(id) else {
                problems.append((name, "skipped \(folder)/\(name): its number is outside CamXuc's take ids"))
                continue
            }
            // A FIFO, socket or device named like a take would block the read (the studio hung at start, deaf to
            // Ctrl-C): only regular files, or links to them, are read.
            var status = stat()
            if stat(folder + "/" + name, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
                problems.append((name, "skipped \(folder)/\(name): it is not a regular file"))
                continue
            }
            do {
                takes.append((id, try MIDIFile.read(path: folder + "/" + name)))
                remember(id)
            } catch {
                problems.append((name, "\(error)"))
            }
        }
        return (takes.sorted { $0.0 < $1.0 }, problems)
    }

    /// The one line the studio shows for the takes `load` could not read: the problem itself when there is one, else
    /// how many and which, so that none vanishes unmentioned.
    public static func summary(_ problems: [(file: String, reason: String)], english: Bool) -> String? {
        guard let first = problems.first else { return nil }
        guard problems.count > 1 || !english else { return first.reason }
        // A file in the way of the folder is no take that could not be read (in Vietnamese it sent the user to
        // `camxuc info`, which called the file a broken MIDI file).
        if let end = first.reason.range(of: " is a file, not a folder: move it away to keep takes") {
            return "\(first.reason[..<end.lowerBound]) là một tệp, không phải thư mục: dời tệp đó đi thì take mới được giữ"
        }
        let files = problems.map(\.file).joined(separator: ", ")
        return english ? "\(problems.count) kept takes could not be read (\(files)); camxuc info FILE says why"
                       : "\(problems.count) take đã giữ không đọc được (\(files)); camxuc info TỆP cho biết vì sao"
    }
}
