import Foundation
import Testing
@testable import CamXucMusic

/// The Swift LSTM against PyTorch (Tests/Fixtures/music/lstm-golden.json, written by Models/training/export_music.py
/// from the shipped model).
@Suite struct MusicLSTMTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Golden: Decodable {
        var prefix: [Int]
        var condition: [Float]
        var logits: [[Float]]
        var argmaxContinuations: [String: [Int]]

        enum CodingKeys: String, CodingKey {
            case prefix, condition, logits
            case argmaxContinuations = "argmax_continuations"
        }
    }

    static func model() throws -> MusicLSTM {
        try MusicLSTM(configPath: root.appendingPathComponent("Models/music-lstm.json").path,
                      weightsPath: root.appendingPathComponent("Models/music-lstm.safetensors").path)
    }

    static func golden() throws -> Golden {
        try JSONDecoder().decode(Golden.self, from: Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/music/lstm-golden.json")))
    }

    @Test func logitsForAFixedPrefixMatchPyTorch() throws {
        let model = try Self.model()
        let golden = try Self.golden()
        var state = model.makeState(batch: 1)
        var logits = [Float](repeating: 0, count: model.config.vocabularySize)
        var worst: Float = 0
        for (position, token) in golden.prefix.enumerated() {
            model.step(tokens: [token], conditions: golden.condition, state: &state, logits: &logits)
            for (ours, theirs) in zip(logits, golden.logits[position]) { worst = max(worst, abs(ours - theirs)) }
        }
        #expect(worst < 1e-4, "largest difference \(worst)")
    }

    @Test(arguments: ["1.0", "2.5"])
    func argmaxContinuationIsIdentical(guidance: String) throws {
        let model = try Self.model()
        let golden = try Self.golden()
        let expected = try #require(golden.argmaxContinuations[guidance])
        var stream = GuidedStream(model: model)
        let w = Float(guidance)!
        for token in golden.prefix.dropLast() {
            stream.step(token: token, valence: golden.condition[0], arousal: golden.condition[1], guidance: w)
        }
        var token = golden.prefix.last!
        var generated: [Int] = []
        for _ in 0..<expected.count {
            stream.step(token: token, valence: golden.condition[0], arousal: golden.condition[1], guidance: w)
            token = Sampler.argmax(stream.logits)
            generated.append(token)
        }
        #expect(generated == expected)
    }

    @Test func aTruncatedWeightsFileIsOneClearError() throws {
        let weights = Self.root.appendingPathComponent("Models/music-lstm.safetensors")
        let bytes = try Data(contentsOf: weights)
        let path = NSTemporaryDirectory() + "camxuc-music-\(UUID().uuidString).safetensors"
        try bytes.prefix(1000).write(to: URL(fileURLWithPath: path))
        do {
            _ = try MusicLSTM(configPath: Self.root.appendingPathComponent("Models/music-lstm.json").path, weightsPath: path)
            Issue.record("a truncated model loaded")
        } catch let error as MusicError {
            #expect(error.description.hasPrefix("cannot read model \(path):"), "\(error)")
        }
    }
}
