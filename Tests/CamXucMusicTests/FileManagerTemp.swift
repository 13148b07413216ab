import Foundation

/// Fresh temporary folders for tests.
enum FileManagerTemp {
    static func make() -> String {
        let path = NSTemporaryDirectory() + "camxuc-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
    }
}
