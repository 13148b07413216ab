#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import CamXucSupport

@Suite struct OutputFileTests {
    /// A name the file system takes (up to 255 bytes) is written: the temporary file beside it was 14–16 bytes longer
    /// and "file name too long" refused names of 241–255 bytes.
    /// `-o /dev/stdout` into a pipe: the link chain ends in /proc/self/fd/N, whose link reads "pipe:[…]"; followed by
    /// hand it became a path that does not exist ("no such file or directory", exit 73, nothing written).
    @Test func aPipeReachedThroughProcFdIsWrittenThrough() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let path = "/proc/self/fd/\(ends[1])"
        #expect(try OutputFile.target(for: path) == .special(path: path))
        try OutputFile.write(Array("MThd".utf8), to: path)
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = read(ends[0], &buffer, 16)
        #expect(count == 4 && Array(buffer[0..<4]) == Array("MThd".utf8))
    }

    /// A name written as new is claimed first: a second writer of that name is refused (`Taken`) and the first's file
    /// stays; four compose runs started together each "wrote take.mid" over the others.
    @Test func aNewNameIsWrittenOnceAndNeverOver() throws {
        let folder = NSTemporaryDirectory() + "camxuc-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/take.mid"
        try OutputFile.write(Array("first".utf8), to: path, new: true)
        #expect(throws: OutputFile.Taken.self) { try OutputFile.write(Array("second".utf8), to: path, new: true) }
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))
        // A write that fails gives the claimed name back.
        #expect(throws: OutputFile.Refusal.self) { try OutputFile.write([], to: folder + "/none/take.mid", new: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["take.mid"])
    }

    /// A folder the user cannot write into is known before anything is made (`compose --wav ro/x.wav` composed first).
    @Test func aFolderThatCannotBeWrittenIsRefusedByTheCheck() throws {
        guard geteuid() != 0 else { return }   // root writes everywhere
        let folder = NSTemporaryDirectory() + "camxuc-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { chmod(folder, 0o755); try? FileManager.default.removeItem(atPath: folder) }
        chmod(folder, 0o555)
        #expect(throws: OutputFile.Refusal("the folder \(folder) is not writable")) { try OutputFile.check(folder + "/x.wav") }
    }

    @Test func theLongestNamesAreWritten() throws {
        let folder = NSTemporaryDirectory() + "camxuc-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in [String(repeating: "a", count: 251) + ".mid", String(repeating: "nhạc buồn ", count: 17) + ".mid"] {
            #expect(name.utf8.count <= 255)
            try OutputFile.check(folder + "/" + name)
            try OutputFile.write(Array("MThd".utf8), to: folder + "/" + name)
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == Data("MThd".utf8))
            #expect(OutputFile.temporaryStem(for: name).utf8.count + ".\(Int32.max).partial".utf8.count <= 255)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 2)  // no temporary file left
        // Two long names that share their first bytes get temporary names of their own.
        let stem = String(repeating: "b", count: 250)
        #expect(OutputFile.temporaryStem(for: stem + "1.mid") != OutputFile.temporaryStem(for: stem + "2.mid"))
        #expect(OutputFile.temporaryStem(for: "short.mid") == ".short.mid")
        // A name no file system takes is refused before anything is made.
        #expect(throws: OutputFile.Refusal("its name is longer than 255 bytes")) {
            try OutputFile.check(folder + "/" + String(repeating: "c", count: 256))
        }
    }

    /// What a killed write left (".NAME.PID.partial" whose process is gone) is deleted at the next write into the
    /// folder, whatever output it was for (the studio names each export anew, so a killed export's stayed for good);
    /// a live process's, and files that are not such leftovers, stay.
    @Test func leftoversOfKilledWritesAreDeleted() throws {
        let folder = NSTemporaryDirectory() + "camxuc-partials-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead: Int32 = 2_147_483_646
        let names = [".old-take-1.wav.\(dead).partial", ".old.mid.\(dead).partial", ".aaaa~1f2e3d.\(dead).partial",
                     ".live.wav.\(getpid()).partial", ".notes.txt.\(dead).partial", "keep.partial", "song.mid"]
        for name in names { try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        try OutputFile.write(Array("MThd".utf8), to: folder + "/new.mid")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(left == [".live.wav.\(getpid()).partial", ".notes.txt.\(dead).partial", "keep.partial", "song.mid", "new.mid"])
    }
}
