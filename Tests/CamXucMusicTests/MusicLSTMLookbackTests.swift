import Foundation
import Testing
@testable import CamXucMusic

/// The lookback inputs (`CopyContext`, `copy_three`/`copy_two`) against PyTorch: a tiny model trained with
/// `train_gpu.py --device cpu --tiny --copy` and its golden fixture (Tests/Fixtures/music/lookback-tiny/), whose
/// candidates come from train_gpu.CopyContext and whose logits move by up to 0.08 with the candidates.
@Suite struct MusicLSTMLookbackTests {
    static let folder = MusicLSTMTests.root.appendingPathComponent("Tests/Fixtures/music/lookback-tiny")

    static func model() throws -> MusicLSTM {
        try MusicLSTM(configPath: folder.appendingPathComponent("music-lstm-chords.json").path,
                      weightsPath: folder.appendingPathComponent("music-lstm-chords.safetensors").path)
    }

    static func golden() throws -> MusicLSTMChordsTests.Golden {
        try MusicLSTMChordsTests.golden("Tests/Fixtures/music/lookback-tiny/golden.json")
    }

    @Test func theCandidatesAfterEveryEventOfAClipAreTheReferences() throws {
        let check = try #require(try Self.golden().copyCheck)
        let copy = try #require(try Self.model().config.copy)
        var context = CopyContext(noteBase: copy.noteBase, pitches: copy.pitches)
        var candidates: [[Int]] = []
        for token in check.tokens {
            context.observe(token)
            candidates.append([context.three, context.two])
        }
        #expect(candidates == check.candidates)
        // The clip repeats itself: both kinds of candidate are set somewhere, so the check says something.
        #expect(candidates.contains { $0[0] >= 0 } && candidates.contains { $0[1] >= 0 })
    }

    @Test func logitsOverAPrefixWithCandidatesMatchPyTorch() throws {
        let golden = try Self.golden()
        #expect(golden.copies?.contains { $0[0] >= 0 } == true)
        MusicLSTMChordsTests.expectPrefixMatches(try Self.model(), golden)
    }

    @Test(arguments: ["1.0", "2.5"])
    func guidedArgmaxContinuationIsIdentical(guidance: String) throws {
        let result = try MusicLSTMChordsTests.continuation(try Self.model(), try Self.golden(), guidance: guidance)
        #expect(result.generated == result.expected)
    }

    /// A primer is read in one pass (`MusicLSTM.read`); the lookback context must come out of it as if each event
    /// had been stepped, or a continuation would start without the primer's figures.
    @Test func aPrimerReadInOnePassLeavesTheSameContextAsSteppingIt() throws {
        let model = try Self.model()
        let golden = try Self.golden()
        let primer = Array(golden.prefix.dropLast())
        let unknown = [Int](repeating: MusicLSTM.ChordIDs.unknown, count: 1)
        var stepped = model.makeState(batch: 1), read = model.makeState(batch: 1)
        var logits = [Float](repeating: 0, count: model.config.vocabularySize)
        for token in primer {
            model.step(tokens: [token], conditions: golden.condition, chords: unknown, keys: [MusicLSTM.KeyIDs.unknown],
                       state: &stepped, logits: &logits)
        }
        model.read(tokens: primer, conditions: golden.condition, state: &read)
        #expect(read.copies.map { [$0.three, $0.two] } == stepped.copies.map { [$0.three, $0.two] })
        var fromRead = logits, fromSteps = logits
        let last = try #require(golden.prefix.last)
        model.step(tokens: [last], conditions: golden.condition, chords: unknown, keys: [MusicLSTM.KeyIDs.unknown],
                   state: &stepped, logits: &fromSteps)
        model.step(tokens: [last], conditions: golden.condition, chords: unknown, keys: [MusicLSTM.KeyIDs.unknown],
                   state: &read, logits: &fromRead)
        let worst = zip(fromRead, fromSteps).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-3, "largest difference \(worst)")
    }
}
