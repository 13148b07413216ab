import Foundation
import Testing
@testable import CamXucEmotion

/// Every good feeling sat at Enjoyment's point (arousal +0.4): calm texts were composed as excited joy and the calm
/// quadrant was out of reach of text. The calm head moves Enjoyment's share of the arousal by how calm the feeling is.
@Suite struct CalmHeadTests {
    static let configPath = EmotionClassifierTests.root.appendingPathComponent("Models/emotion-vi-calm.json").path
    static let weightsPath = EmotionClassifierTests.root.appendingPathComponent("Models/emotion-vi-calm.safetensors").path

    struct Config: Decodable {
        struct Reference: Decodable {
            var text: String
            var calm: Double
        }
        var reference: [Reference]
    }

    /// P(calm) as the training script computed it (scikit-learn's logistic regression over the Python features, the
    /// weights rounded to float16 as stored) for the reference sentences, within 1e-3.
    @Test func matchesThePythonReference() throws {
        let config = try JSONDecoder().decode(Config.self, from: Data(contentsOf: URL(fileURLWithPath: Self.configPath)))
        #expect(config.reference.count >= 6)
        let head = try CalmHead(configPath: Self.configPath, weightsPath: Self.weightsPath)
        let classifier = try EmotionClassifierTests.classifier()
        for reference in config.reference {
            let normalized = classifier.normalizer.normalize(reference.text)
            let calm = head.calm(tokens: Array(normalized.tokens.prefix(classifier.config.maxTokens)),
                                 elongated: normalized.elongated)
            #expect(abs(calm - reference.calm) < 1e-3, "\(reference.text): \(calm) against \(reference.calm)")
        }
    }

    /// Calm contentment reads in the calm quadrant (Q4), lively joy in Q1; the seven probabilities are the same with
    /// the calm head as without it.
    @Test(arguments: [
        ("Chiều nay ngồi uống trà, thấy lòng thật bình yên", 4),
        ("Nằm nghe mưa rơi, nhẹ nhàng và thư thái", 4),
        ("Cuối cùng cũng được nghỉ ngơi, thật dễ chịu", 4),
        ("Đậu đại học rồi, sướng phát điên lên được!!!", 1),
        ("Trời ơi vé concert tới tay rồi, háo hức quá không ngủ nổi", 1),
    ])
    func calmAndLivelyJoyLandInTheirQuadrants(text: String, quadrant: Int) throws {
        let with = try EmotionClassifier()
        let reading = try with.analyze(text).distribution
        #expect(reading.winner.code == "Enjoyment")
        #expect(reading.point.quadrant == quadrant, "\(text): \(reading.point), P(calm) \(reading.calmShare ?? -1)")
        let before = try EmotionClassifier(configPath: EmotionClassifierTests.configPath,
                                           weightsPath: EmotionClassifierTests.weightsPath,
                                           neural: (NeuralEmotionHeadTests.configPath, NeuralEmotionHeadTests.weightsPath),
                                           restorer: try DiacriticRestorer.beside(configPath: EmotionClassifierTests.configPath))
            .analyze(text).distribution
        for (a, b) in zip(reading.probabilities, before.probabilities) { #expect(abs(a - b) < 1e-12) }
        #expect(before.calmShare == nil)
    }

    /// A negative feeling's point does not move with the calm head: only Enjoyment's share is scaled.
    @Test func onlyEnjoymentsShareMoves() throws {
        let labels = try EmotionClassifierTests.classifier().labels
        var probabilities = [Double](repeating: 0, count: labels.count)
        probabilities[labels.firstIndex { $0.code == "Sadness" }!] = 0.6
        probabilities[labels.firstIndex { $0.code == "Enjoyment" }!] = 0.4
        let lively = EmotionDistribution(labels: labels, probabilities: probabilities, calmShare: 0)
        let calm = EmotionDistribution(labels: labels, probabilities: probabilities, calmShare: 1)
        let joy = try #require(labels.first { $0.code == "Enjoyment" })
        #expect(abs(lively.point.arousal - calm.point.arousal - 0.4 * 2 * joy.arousal) < 1e-12)
        #expect(lively.point.valence == calm.point.valence)
        #expect(EmotionDistribution(labels: labels, probabilities: probabilities).point == lively.point)
    }
}
