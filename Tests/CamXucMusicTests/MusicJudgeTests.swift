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
}
