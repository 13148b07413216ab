import Foundation

/// Locates files under Tests/Fixtures.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The notes and facts a fixture's generator recorded beside it.
    struct Expectation: Decodable {
        struct ExpectedNote: Decodable {
            var pitch: Int, velocity: Int, startTick: Int, durationTicks: Int, channel: Int
            var startSeconds: Double, endSeconds: Double
        }
        var ticksPerQuarter: Int
        var programs: [String: Int]
        var timeSignature: [Int]
        var notes: [ExpectedNote]
        struct ExpectedProgramChange: Decodable { var tick: Int, channel: Int, program: Int }
        /// Instrument changes after a channel's first note (only where the fixture has them).
        var programChanges: [ExpectedProgramChange]?
    }

    static func expectation(_ name: String) throws -> Expectation {
        let data = try Data(contentsOf: root.appendingPathComponent("midi/\(name).json"))
        return try JSONDecoder().decode(Expectation.self, from: data)
    }
}
