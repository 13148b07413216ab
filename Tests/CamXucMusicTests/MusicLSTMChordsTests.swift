import Foundation
import Testing
@testable import CamXucMusic

/// The chord-conditioned LSTM against PyTorch (Tests/Fixtures/music/music-lstm-chords-golden.json, written by
/// Models/training/music/train_gpu.py from the shipped Models/music-lstm-chords.*).
@Suite struct MusicLSTMChordsTests {
    /// A golden fixture of train_gpu.py (also the lookback model's, which adds its candidates).
    struct Golden: Decodable {
        var prefix: [Int]
        var chords: [Int]
        var key: Int
        var condition: [Float]
        var logitsFirst: [Float]
        var logitsLast: [Float]
        var argmaxAllSteps: [Int]
        var continuations: [String: [Int]]
        /// Lookback models: the candidates (three, two) after each prefix event, and over a whole clip.
        var copies: [[Int]]?
        var copyCheck: CopyCheck?

        struct CopyCheck: Decodable {
            var tokens: [Int]
            var candidates: [[Int]]
        }

        enum CodingKeys: String, CodingKey {
            case prefix, chords, key, condition, continuations, copies
            case logitsFirst = "logits_first", logitsLast = "logits_last", argmaxAllSteps = "argmax_all_steps"
            case copyCheck = "copy_check"
        }
    }

    static func model() throws -> MusicLSTM {
        try MusicLSTM(configPath: MusicLSTMTests.root.appendingPathComponent("Models/music-lstm-chords.json").path,
                      weightsPath: MusicLSTMTests.root.appendingPathComponent("Models/music-lstm-chords.safetensors").path)
    }

    static func golden(_ path: String = "Tests/Fixtures/music/music-lstm-chords-golden.json") throws -> Golden {
        try JSONDecoder().decode(Golden.self, from: Data(contentsOf: MusicLSTMTests.root.appendingPathComponent(path)))
    }

    /// Steps the golden prefix with its chords and key: the largest logit differences at the first and the last
    /// step, and the argmax after every step.
    static func prefix(_ model: MusicLSTM, _ golden: Golden) -> (first: Float, last: Float, argmaxes: [Int]) {
        var state = model.makeState(batch: 1)
        var logits = [Float](repeating: 0, count: model.config.vocabularySize)
        var argmaxes: [Int] = []
        var worstFirst: Float = .infinity
        for (position, (token, chord)) in zip(golden.prefix, golden.chords).enumerated() {
            model.step(tokens: [token], conditions: golden.condition, chords: [chord], keys: [golden.key], state: &state,
                       logits: &logits)
            if position == 0 { worstFirst = zip(logits, golden.logitsFirst).map { abs($0 - $1) }.max() ?? .infinity }
            argmaxes.append(Sampler.argmax(logits))
        }
        return (worstFirst, zip(logits, golden.logitsLast).map { abs($0 - $1) }.max() ?? .infinity, argmaxes)
    }

    /// The guided argmax continuation of the golden prefix, as long as the fixture's for `guidance`.
    static func continuation(_ model: MusicLSTM, _ golden: Golden, guidance: String) throws -> (generated: [Int], expected: [Int]) {
        let expected = try #require(golden.continuations[guidance])
        var stream = GuidedStream(model: model)
        let w = try #require(Float(guidance))
        let (v, a) = (golden.condition[0], golden.condition[1])
        for (token, chord) in zip(golden.prefix.dropLast(), golden.chords.dropLast()) {
            stream.step(token: token, valence: v, arousal: a, guidance: w, chord: chord, key: golden.key)
        }
        var token = try #require(golden.prefix.last)
        let chord = try #require(golden.chords.last)
        var generated: [Int] = []
        for _ in 0..<expected.count {
            stream.step(token: token, valence: v, arousal: a, guidance: w, chord: chord, key: golden.key)
            token = Sampler.argmax(stream.logits)
            generated.append(token)
        }
        return (generated, expected)
    }

    @Test func theConfigHasChordInputsAndTheOldOneHasNot() throws {
        #expect(try Self.model().config.hasChordInputs)
        #expect(try !MusicLSTMTests.model().config.hasChordInputs)
    }

    /// Expects `prefix` to match the fixture: logits within 1e-4 at the first and last step, every argmax equal.
    static func expectPrefixMatches(_ model: MusicLSTM, _ golden: Golden) {
        let result = prefix(model, golden)
        #expect(result.first < 1e-4, "largest difference at the first step \(result.first)")
        #expect(result.last < 1e-4, "largest difference at the last step \(result.last)")
        #expect(result.argmaxes == golden.argmaxAllSteps)
    }

    @Test func logitsAndArgmaxForAFixedPrefixMatchPyTorch() throws {
        Self.expectPrefixMatches(try Self.model(), try Self.golden())
    }

    @Test(arguments: ["1.0", "2.5"])
    func argmaxContinuationIsIdentical(guidance: String) throws {
        let result = try Self.continuation(try Self.model(), try Self.golden(), guidance: guidance)
        #expect(result.generated == result.expected)
    }

    @Test func chordTonesFollowTheIDs() {
        // D minor (key 14): chord 1 is D major (D F# A), chord 2 D minor (D F A), chord 17 = bVI (Bb D F).
        #expect(MusicLSTM.chordTones(chordID: 1, keyID: 14).map { [$0.root, $0.third, $0.fifth] } == [2, 6, 9])
        #expect(MusicLSTM.chordTones(chordID: 2, keyID: 14).map { [$0.root, $0.third, $0.fifth] } == [2, 5, 9])
        #expect(MusicLSTM.chordTones(chordID: 17, keyID: 14).map { [$0.root, $0.third, $0.fifth] } == [10, 2, 5])
        #expect(MusicLSTM.chordTones(chordID: 0, keyID: 14) == nil)
        #expect(MusicLSTM.chordTones(chordID: 25, keyID: 14) == nil)
        #expect(MusicLSTM.chordTones(chordID: 3, keyID: 24) == nil)
    }
}
