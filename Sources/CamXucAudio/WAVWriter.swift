#if canImport(Glibc)
import Glibc
#endif
import CamXucSupport
import Synchronization

/// Streams 16-bit stereo PCM into a RIFF/WAVE file, written beside the target and renamed into place on `finish()`,
/// so a failed or interrupted render never leaves a half-written file under the user's name.
final class WAVWriter {
    let path: String
    private let temporaryPath: String
    private var file: UnsafeMutablePointer<FILE>?
    private let sampleRate: Int
    private var dataBytes = 0
    private var scratch: [Int16] = []

    /// The file a WAV asked for at `requested` is written to. A symbolic link is followed to its file (the link
    /// stays); a read-only file, a folder, a device or a pipe is refused: a WAV's header is finished last, so it is
    /// written whole and moved into place.
    static func regularFile(_ requested: String) throws -> String {
        do {
            switch try OutputFile.target(for: requested) {
            case let .file(file, _): return file
            case .special: throw OutputFile.Refusal("it is not a regular file (a WAV is written whole, then moved into place)")
            }
        } catch let refusal as OutputFile.Refusal {
            throw AudioError.cannotWrite(file: requested, reason: refusal.reason)
        }
    }

    init(path requested: String, sampleRate: Int) throws {
        self.sampleRate = sampleRate
        let path = try Self.regularFile(requested)
        self.path = path
        let folderEnd = path.lastIndex(of: "/")
        let folder = folderEnd.map { String(path[..<$0]) } ?? "."
        let name = folderEnd.map { String(path[path.index(after: $0)...]) } ?? path
        // Two renders of one file in this process at once (S pressed twice on a saved take) wrote through one
        // temporary file, and the one that finished second failed to move it: each has its own ("~1" after the name
        // where the plain one is taken, a stem `OutputFile.removeStalePartials` still knows).
        let stem = (folder.isEmpty ? "" : folder) + "/" + OutputFile.temporaryStem(for: name)
        let temporary = Self.temporaryPaths.withLock { taken in
            var candidate = stem + ".\(getpid()).partial", number = 0
            while taken.contains(candidate) {
                number += 1
                candidate = stem + "~\(number).\(getpid()).partial"
            }
            taken.insert(candidate)
            return candidate
        }
        temporaryPath = temporary
        OutputFile.removeStalePartials(folder: folder.isEmpty ? "/" : folder)
        guard let file = fopen(temporary, "wb") else {
            Self.temporaryPaths.withLock { _ = $0.remove(temporary) }
            throw AudioError.cannotWrite(file: path, reason: String(cString: strerror(errno)).lowercased())
        }
        // A replaced file keeps its permissions.
        var existing = stat()
        if stat(path, &existing) == 0 { fchmod(fileno(file), existing.st_mode & 0o7777) }
        self.file = file
        try writeHeader()
    }

    /// The temporary files this process's renders are writing now.
    private static let temporaryPaths = Mutex<Set<String>>([])

    deinit {
        if let file {
            fclose(file)
            unlink(temporaryPath)
        }
        Self.temporaryPaths.withLock { _ = $0.remove(temporaryPath) }
    }

    private func writeHeader() throws {
        var header: [UInt8] = []
        func append32(_ value: Int) { header += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24 & 0xFF)] }
        func append16(_ value: Int) { header += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        header += Array("RIFF".utf8); append32(36 + dataBytes); header += Array("WAVE".utf8)
        header += Array("fmt ".utf8); append32(16); append16(1); append16(2); append32(sampleRate)
        append32(sampleRate * 4); append16(4); append16(16)
        header += Array("data".utf8); append32(dataBytes)
        try put(header)
    }

    private func put(_ bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != bytes.count { throw AudioError.cannotWrite(file: path, reason: String(cString: strerror(errno)).lowercased()) }
    }

    /// Appends `count` frames from separate left and right float buffers (−1...1, clipped beyond).
    func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) throws {
        if scratch.count < count * 2 { scratch = [Int16](repeating: 0, count: count * 2) }
        for index in 0..<count {
            scratch[2 * index] = Self.pcm(left[index])
            scratch[2 * index + 1] = Self.pcm(right[index])
        }
        let written = scratch.withUnsafeBytes { fwrite($0.baseAddress, 4, count, file) }
        if written != count { throw AudioError.cannotWrite(file: path, reason: String(cString: strerror(errno)).lowercased()) }
        dataBytes += count * 4
    }

    static func pcm(_ sample: Float) -> Int16 {
        Int16(max(-32768, min(32767, (sample * 32767).rounded())))
    }

    /// Completes the header and moves the file into place.
    func finish() throws {
        guard fseek(file, 0, SEEK_SET) == 0 else { throw AudioError.cannotWrite(file: path, reason: "cannot seek") }
        try writeHeader()
        // On the disk before it takes the name: after a power cut the WAV is whole or the old one, never empty.
        guard fflush(file) == 0, fsync(fileno(file)) == 0 || errno == EINVAL else {
            throw AudioError.cannotWrite(file: path, reason: String(cString: strerror(errno)).lowercased())
        }
        let closed = fclose(file)
        file = nil
        if closed != 0 || rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno)).lowercased()
            unlink(temporaryPath)
            throw AudioError.cannotWrite(file: path, reason: reason)
        }
    }
}
