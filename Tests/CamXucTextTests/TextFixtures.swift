import Foundation

/// The shared fixture written by Models/training/make_text_fixture.py (the Python pipeline's output).
enum TextFixtures {
    struct Case: Decodable, Sendable {
        var raw: String
        var tokens: [String]
        var elongated: Bool
        var features: [Int]
    }

    struct File: Decodable {
        var buckets: Int
        var cases: [Case]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/text")

    static let normalization: File = {
        do {
            let data = try Data(contentsOf: root.appendingPathComponent("normalization.json"))
            return try JSONDecoder().decode(File.self, from: data)
        } catch {
            return File(buckets: 0, cases: [])
        }
    }()
}

