import Foundation
import Testing
@testable import CamXucMusic

/// The Swift judge against Python (Tests/Fixtures/music/judge-golden.json: 30 held-out pieces as tokens, their
/// features and the three heads' probabilities, written by Models/training/train_judge.py).
@Suite struct MusicJudgeTests {
    struct Case: Decodable {
        var tokens: [Int]
        var features: [Double]
        var probabilities: [String: [Double]]
    }

    static let root = MusicLSTMTests.root

    static func judge() throws -> MusicJudge {
        try MusicJudge(path: root.appendingPathComponent("Models/music-judge.json").path)
    }

    @Test func featuresAndProbabilitiesMatchPython() throws {
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/music/judge-golden.json")))
        #expect(cases.count == 30)
        let vocabulary = try EventVocabularyTests.vocabulary()
        let judge = try Self.judge()
        var worstFeature = 0.0, worstProbability = 0.0
        for item in cases {
            let features = JudgeFeatures.compute(vocabulary.decode(item.tokens))
            for (ours, theirs) in zip(features, item.features) { worstFeature = max(worstFeature, abs(ours - theirs)) }
            let probabilities = judge.probabilities(features: features)
            for (task, expected) in item.probabilities {
                for (ours, theirs) in zip(probabilities[task] ?? [], expected) {
                    worstProbability = max(worstProbability, abs(ours - theirs))
                }
            }
        }
        #expect(worstFeature < 1e-9, "features differ by \(worstFeature)")
        #expect(worstProbability < 1e-6, "probabilities differ by \(worstProbability)")
    }

    @Test func aBrokenJudgeFileIsOneClearError() {
        #expect(throws: MusicError.cannotRead(file: "music judge /nonexistent/judge.json", reason: "no such file")) {
            try MusicJudge(path: "/nonexistent/judge.json")
        }
    }

    /// The notes sounding at each onset are counted by sorting, as every pair was before (a file of 4 million notes
    /// kept the studio busy for hours): the same counts on awkward notes, and a 200,000-note take at once.
    @Test func soundingNotesAreCountedAsPairsWere() {
        var generator = SplitMix64(seed: 5)
        let notes = (0..<400).map { index -> EventVocabulary.DecodedNote in
            let start = Double(generator.next() % 40) * 0.25
            let duration = [0, 0.25, 0.5, 1, 3, -0.5][Int(generator.next() % 6)]
            return .init(pitch: 40 + index % 40, velocity: 70, startSeconds: start, durationSeconds: duration)
        }
        var pairs = 0
        for note in notes {
            for other in notes where other.startSeconds <= note.startSeconds
                && note.startSeconds < other.startSeconds + other.durationSeconds { pairs += 1 }
        }
        #expect(JudgeFeatures.compute(notes)[7] == log(1 + Double(pairs) / Double(notes.count)))
        // An onset every 0.1 s, each note 0.25 s long: itself and the two before sound at each onset.
        let long = (0..<200_000).map { EventVocabulary.DecodedNote(pitch: 60, velocity: 70, startSeconds: Double($0) * 0.1,
                                                                   durationSeconds: 0.25) }
        #expect(abs(JudgeFeatures.compute(long)[7] - log(1 + (3.0 * 200_000 - 3) / 200_000)) < 1e-9)
    }
}
