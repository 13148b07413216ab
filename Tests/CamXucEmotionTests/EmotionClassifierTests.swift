import Foundation
import Testing
@testable import CamXucEmotion

@Suite struct EmotionClassifierTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let configPath = root.appendingPathComponent("Models/emotion-vi.json").path
    static let weightsPath = root.appendingPathComponent("Models/emotion-vi.safetensors").path

    static func classifier() throws -> EmotionClassifier {
        try EmotionClassifier(configPath: configPath, weightsPath: weightsPath)
    }

    struct Golden: Decodable {
        struct Case: Decodable {
            var text: String
            var probabilities: [Double]
        }
        var cases: [Case]
    }

    /// PyTorch's probabilities for 120 test sentences (written by the training script) are reproduced within 1e-4.
    @Test func matchesThePyTorchReference() throws {
        let url = Self.root.appendingPathComponent("Tests/Fixtures/emotion/golden.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        #expect(golden.cases.count >= 100)
        let classifier = try Self.classifier()
        var worst = 0.0
        for item in golden.cases {
            let probabilities = try classifier.analyze(item.text).distribution.probabilities
            for (ours, theirs) in zip(probabilities, item.probabilities) { worst = max(worst, abs(ours - theirs)) }
        }
        #expect(worst < 1e-4, "largest difference \(worst)")
    }

    @Test func aHappySentenceReadsAsJoyInTheFirstQuadrant() throws {
        let analysis = try Self.classifier().analyze("Hôm nay tôi rất vui")
        #expect(analysis.distribution.winner.code == "Enjoyment")
        #expect(analysis.distribution.point.valence > 0)
        #expect(abs(analysis.distribution.probabilities.reduce(0, +) - 1) < 1e-9)
    }

    @Test func aSadSentenceHasNegativeValence() throws {
        let analysis = try Self.classifier().analyze("buồn quá, tôi muốn khóc")
        #expect(analysis.distribution.winner.code == "Sadness")
        #expect(analysis.distribution.point.valence < 0)
    }

    @Test func emptyTextIsAnError() throws {
        let classifier = try Self.classifier()
        #expect(throws: EmotionError.emptyText) { try classifier.analyze("  \n\t ") }
        #expect(throws: EmotionError.emptyText) { try classifier.analyze("") }
    }

    @Test func englishAndEmojiOnlyTextStillGetADistribution() throws {
        let classifier = try Self.classifier()
        for text in ["I am so happy today", "😂😂", "🙁", "?!"] {
            let distribution = try classifier.analyze(text).distribution
            #expect(distribution.probabilities.count == 7)
            #expect(abs(distribution.probabilities.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func veryLongTextIsCutToTheWindowAndSaysSo() throws {
        let classifier = try Self.classifier()
        let long = String(repeating: "vui quá đi thôi ", count: 70_000)  // about 1.1 MB
        let analysis = try classifier.analyze(long)
        #expect(analysis.tokenCount == classifier.config.maxTokens)
        #expect(analysis.truncatedTokens == 280_000 - classifier.config.maxTokens)
    }

    @Test func aCorruptWeightsFileIsOneClearError() throws {
        let folder = NSTemporaryDirectory() + "camxuc-emotion-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let truncated = folder + "/emotion-vi.safetensors"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.weightsPath))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        #expect(throws: EmotionError.self) {
            _ = try EmotionClassifier(configPath: Self.configPath, weightsPath: truncated)
        }
        do {
            _ = try EmotionClassifier(configPath: Self.configPath, weightsPath: truncated)
        } catch {
            #expect("\(error)".contains("lies outside the data"), "\(error)")
        }
    }

    @Test func circumplexQuadrants() {
        #expect(CircumplexPoint(valence: 0.5, arousal: 0.5).quadrant == 1)
        #expect(CircumplexPoint(valence: -0.5, arousal: 0.5).quadrant == 2)
        #expect(CircumplexPoint(valence: -0.5, arousal: -0.5).quadrant == 3)
        #expect(CircumplexPoint(valence: 0.5, arousal: -0.5).quadrant == 4)
        #expect(CircumplexPoint(valence: 3, arousal: -2).clamped == CircumplexPoint(valence: 1, arousal: -1))
    }
}
