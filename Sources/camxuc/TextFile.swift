import ArgumentParser
import Foundation

/// A text the user points at with `--text-file`: read whole, checked for UTF-8, or one line and an exit code.
enum TextFile {
    /// Texts longer than this are refused (a novel is not a take's text).
    static let maximumBytes = 4 << 20

    static func read(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            Failure.printError("cannot read \(Terminal.printable(path)): no such file")
            throw ExitCode(66)
        }
        guard !isFolder.boolValue else {
            Failure.printError("cannot read \(Terminal.printable(path)): it is a folder")
            throw ExitCode(66)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            Failure.printError("cannot read \(Terminal.printable(path)): permission denied")
            throw ExitCode(66)
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
        guard data.count <= maximumBytes else {
            Failure.printError("\(Terminal.printable(path)): longer than \(maximumBytes >> 20) MB; give a shorter text")
            throw ExitCode(65)
        }
        let bytes = [UInt8](data)
        if let invalid = UTF8Check.firstInvalid(bytes) {
            Failure.printError(String(format: "%@: invalid UTF-8 byte 0x%02X at byte %d", Terminal.printable(path),
                                      invalid.byte, invalid.offset))
            throw ExitCode(65)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) {
            Failure.printError("\(Terminal.printable(path)): the file holds no text; give a sentence to analyse")
            throw ExitCode(65)
        }
        return text
    }
}
