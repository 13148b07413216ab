import Foundation

/// One generation stream with classifier-free guidance: the conditioned and the unconditioned model state advance
/// together as a batch of two, and the next-event logits are uncond + w·(cond − uncond).
///
/// Guidance 1 is plain conditional sampling; 0 ignores the condition; above 1 pushes the music further towards it.
/// Both streams read the same chord and key ids (the unconditioned one only lacks the emotion).
public struct GuidedStream: Sendable {
    public let model: MusicLSTM
    /// The vocabulary's note-start tokens (`EventVocabulary.noteStartTokens`), for timing guided apart; empty, plain
    /// guidance whatever `timingGuidance` says.
    public let noteStarts: Range<Int>
    var state: MusicLSTM.State
    var batchLogits: [Float]
    // Inputs of the batch of two, kept so that a step allocates nothing.
    var tokens = [0, 0]
    var conditions: [Float] = [0, 0, 1, 0, 0, 0]
    var chords = [MusicLSTM.ChordIDs.unknown, MusicLSTM.ChordIDs.unknown]
    var keys = [MusicLSTM.KeyIDs.unknown, MusicLSTM.KeyIDs.unknown]
    /// The guided logits of the last step.
    public private(set) var logits: [Float]

    public init(model: MusicLSTM, noteStarts: Range<Int> = 0..<0) {
        self.noteStarts = noteStarts
        self.model = model
        state = model.makeState(batch: 2)
        batchLogits = [Float](repeating: 0, count: 2 * model.config.vocabularySize)
        logits = [Float](repeating: 0, count: model.config.vocabularySize)
    }

    /// Feeds `tokens` (a primer) to both streams under the condition (valence, arousal), with no chord plan and
    /// without computing logits (see `MusicLSTM.read`); `logits` stay as they were.
    public mutating func read(tokens: [Int], valence: Float, arousal: Float) {
        conditions[0] = valence
        conditions[1] = arousal
        model.read(tokens: tokens, conditions: conditions, state: &state)
    }

    /// Scales both streams' LSTM states by `share` (0: the state of a fresh start).
    public mutating func fade(keeping share: Float) {
        state.fade(row: 0, keeping: share)
        state.fade(row: 1, keeping: share)
    }

    /// The arousal and the condition flag the reference stream reads (its valence is 0): none with `share` 0, else
    /// `share`·`arousal` (see `Generator.Settings.referenceArousalShares`).
    static func reference(arousal: Float, share: Float) -> (arousal: Float, flag: Float) {
        share > 0 ? (share * arousal, 1) : (0, 0)
    }

    /// Feeds `token` under the condition (valence, arousal) with guidance `guidance`, and, for a chord-conditioned
    /// model, the chord id and key id of the plan (25 and 24 without one); updates `logits`.
    /// `reference` is what the reference stream reads besides valence 0: its arousal and condition flag (no
    /// condition, (0, 0), by default; see `reference(arousal:share:)` and `Generator.Settings.reference`), so that
    /// with (s·`arousal`, 1) the guidance pushes arousal less than valence (not at all with s = 1).
    /// With `timingGuidance` (and `noteStarts` given at init) timing is guided apart (see `guide`).
    public mutating func step(token: Int, valence: Float, arousal: Float, guidance: Float, timingGuidance: Float? = nil,
                              reference: (arousal: Float, flag: Float) = (0, 0),
                              chord: Int = MusicLSTM.ChordIDs.unknown, key: Int = MusicLSTM.KeyIDs.unknown) {
        tokens[0] = token
        tokens[1] = token
        conditions[0] = valence
        conditions[1] = arousal
        conditions[4] = reference.arousal
        conditions[5] = reference.flag
        chords[0] = chord
        chords[1] = chord
        keys[0] = key
        keys[1] = key
        model.step(tokens: tokens, conditions: conditions, chords: chords, keys: keys, state: &state,
                   logits: &batchLogits)
        let size = model.config.vocabularySize
        Self.guide(batchLogits, conditioned: 0, unconditioned: size, size: size, guidance: guidance,
                   timingGuidance: timingGuidance, noteStarts: noteStarts, into: &logits)
    }

    /// The guided logits of one stream pair, from `batch` (the conditioned stream's logits at `conditioned`, the
    /// reference's at `unconditioned`): uncond + w·(cond − uncond) with w = `guidance`.
    ///
    /// With a `timingGuidance` w_t of its own, timing follows w_t and the choice of note follows w: every token
    /// outside `noteStarts` (time shifts, durations) gets uncond + w_t·(cond − uncond), and the note starts
    /// (velocities, pitches) share the probability mass that w_t gives them as a group, spread among them as w
    /// spreads it. So whether the next event starts a note or waits, how long it waits and how long a note lasts
    /// are guided by w_t, which note and how loud by w; with w_t = w this is plain guidance.
    static func guide(_ batch: [Float], conditioned: Int, unconditioned: Int, size: Int, guidance: Float,
                      timingGuidance: Float?, noteStarts: Range<Int>, into logits: inout [Float]) {
        let timing = noteStarts.isEmpty ? guidance : timingGuidance ?? guidance
        for index in 0..<size {
            let c = batch[conditioned + index], u = batch[unconditioned + index]
            logits[index] = u + timing * (c - u)
        }
        guard timing != guidance else { return }
        // The note starts keep the total mass timing gives them, spread as the main guidance spreads it.
        let timingMass = logSumExp(logits, noteStarts)
        for index in noteStarts {
            let c = batch[conditioned + index], u = batch[unconditioned + index]
            logits[index] = u + guidance * (c - u)
        }
        let shift = timingMass - logSumExp(logits, noteStarts)
        for index in noteStarts { logits[index] += shift }
    }

    /// log Σ exp(values[range]), shifted by the largest value so that nothing overflows.
    private static func logSumExp(_ values: [Float], _ range: Range<Int>) -> Float {
        let top = values[range].max() ?? -.infinity
        return top + logf(values[range].reduce(0) { $0 + expf($1 - top) })
    }
}
