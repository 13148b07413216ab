import ArgumentParser
import CamXucText
import Foundation

/// A text the user points at with `--text-file`: read whole, checked for UTF-8, or one line and an exit code.
enum TextFile {
    /// Texts longer than this are refused (a novel is not a take's text).
    static let maximumBytes = 4 << 20

    static func read(_ path: String) throws -> String {
        // "-" is standard input, as for `analyze`.
        // A closed standard input, or a folder given as one, is said as a file's would be (it trapped, exit 132).
        if path == "-" {
            do {
                return try check(DescriptorRead.all(limit: maximumBytes + 1), name: "standard input")
            } catch let failure as DescriptorRead.Failure {
                Failure.printError("cannot read standard input: \(failure.reason)")
                throw ExitCode(66)
            }
        }
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
        // A read that fails is said as such (/proc/self/mem was "the file holds no text").
        do {
            return try check(DescriptorRead.all(handle.fileDescriptor, limit: maximumBytes + 1), name: Terminal.printable(path))
        } catch let failure as DescriptorRead.Failure {
            Failure.printError("cannot read \(Terminal.printable(path)): \(failure.reason)")
            throw ExitCode(66)
        }
    }

    /// `text` with Windows (CR LF) and old Mac (CR) line breaks as "\n" and no line break at its end: a line read by a
    /// shell loop from a Windows file kept its CR in the take's metadata ("…troi luon!\r"), and so did `--text-file`.
    static func lineBreaks(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The text of `bytes` (a UTF-8 byte-order mark dropped), or one line naming `name` and what is wrong.
    static func check(_ read: [UInt8], name: String) throws -> String {
        guard read.count <= maximumBytes else {
            Failure.printError("\(name): longer than \(maximumBytes >> 20) MB; give a shorter text")
            throw ExitCode(65)
        }
        // A byte-order mark is no part of the text (it started the take's title and shifted the reading).
        let bytes = read.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(read.dropFirst(3)) : read
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            Failure.printError("\(name): the text is UTF-16; save it as UTF-8")
            throw ExitCode(65)
        }
        if let invalid = UTF8Check.firstInvalid(bytes) {
            Failure.printError(String(format: "%@: invalid UTF-8 byte 0x%02X at byte %d", name, invalid.byte, invalid.offset))
            throw ExitCode(65)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if TextNormalizer.isBlank(text) {
            Failure.printError("\(name): the file holds no text; give a sentence to analyse")
            throw ExitCode(65)
        }
        return text
    }
}
