#if canImport(Glibc)
import Glibc
#endif
import CamXucSupport
import Foundation

/// Standard MIDI Files (format 0 and 1): reading into a `Take` and writing one out.
///
/// Reading never crashes or loops on bad input: every problem becomes a `MusicError.malformedMIDI` that names the
/// file and the byte offset where reading stopped.
public enum MIDIFile {
    /// Format 0 keeps every event in one track; format 1 puts tempo and metadata in a first track and each channel in
    /// a track of its own.
    public enum Format: Int, Sendable, CaseIterable {
        case singleTrack = 0
        case multiTrack = 1
    }

    /// The endings of MIDI files' names: .mid and .midi, karaoke's .kar, the rarer .smf, and .rmi (RIFF-wrapped;
    /// a dropped karaoke file was refused as "not a MIDI file", which `o` opened).
    public static let fileExtensions = [".mid", ".midi", ".kar", ".smf", ".rmi"]

    /// Whether `name` ends as a MIDI file's does (any case).
    public static func isNamedAsOne(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return fileExtensions.contains { lowered.hasSuffix($0) }
    }

    /// Files larger than this are refused before reading: no real MIDI file comes near it.
    public static let maximumFileBytes = 64 << 20

    /// Prefix of the text meta event that carries a take's metadata as JSON.
    static let metadataPrefix = "camxuc:"

    /// Reads the Standard MIDI File at `path`.
    public static func read(path: String) throws -> Take {
        try decode(readBytes(path: path), file: path)
    }

    /// `read`, counting what the take has no place for in `leftOut`.
    public static func read(path: String, leftOut: inout LeftOut) throws -> Take {
        try decode(readBytes(path: path), file: path, leftOut: &leftOut)
    }

    /// Writes `take` to `path` atomically: the file appears whole or not at all.
    public static func write(_ take: Take, to path: String, format: Format = .multiTrack, new: Bool = false) throws {
        try writeAtomically(encode(take, format: format), to: path, new: new)
    }

    /// The whole content of the file at `path`, refusing directories and absurdly large files.
    static func readBytes(path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MusicError.cannotRead(file: path, reason: String(cString: strerror(errno)).lowercased())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw MusicError.cannotRead(file: path, reason: "it is a directory")
        }
        if Int(info.st_size) > maximumFileBytes {
            throw MusicError.cannotRead(file: path,
                                        reason: "\(info.st_size) bytes is larger than any MIDI file should be (limit \(maximumFileBytes))")
        }
        // Opened without waiting: a named pipe that nothing writes to blocked the open for ever, deaf to Ctrl-C (it
        // reads as empty now); then reads wait as usual, for a pipe that is being written.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MusicError.cannotRead(file: path, reason: String(cString: strerror(errno)).lowercased())
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        defer { try? handle.close() }
        do {
            // Read with a cap: a device or a pipe (/dev/zero) has no size to check beforehand.
            var data = Data()
            while data.count <= maximumFileBytes, let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
            }
            if data.count > maximumFileBytes {
                throw MusicError.cannotRead(file: path, reason: "it holds more than \(maximumFileBytes) bytes, larger than any MIDI file should be")
            }
            return [UInt8](data)
        } catch let error as MusicError {
            throw error
        } catch {
            throw MusicError.cannotRead(file: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` as `OutputFile.write` does: atomically for a file (its permissions kept, a symbolic
    /// link followed), through a device or a pipe; a read-only file or a folder is refused.
    /// With `new`, only where nothing has that name yet (`OutputFile.Taken` otherwise).
    public static func writeAtomically(_ bytes: [UInt8], to path: String, new: Bool = false, durable: Bool = true) throws {
        do {
            try OutputFile.write(bytes, to: path, new: new, durable: durable)
        } catch let refusal as OutputFile.Refusal {
            throw MusicError.cannotWrite(file: path, reason: refusal.reason)
        }
    }
}
