/// One generation stream with classifier-free guidance: the conditioned and the unconditioned model state advance
/// together as a batch of two, and the next-event logits are uncond + w·(cond − uncond).
///
/// Guidance 1 is plain conditional sampling; 0 ignores the condition; above 1 pushes the music further towards it.
/// Both streams read the same chord and key ids (the unconditioned one only lacks the emotion).
public struct GuidedStream: Sendable {
    public let model: MusicLSTM
    var state: MusicLSTM.State
    var batchLogits: [Float]
    // Inputs of the batch of two, kept so that a step allocates nothing.
    var tokens = [0, 0]
    var conditions: [Float] = [0, 0, 1, 0, 0, 0]
    var chords = [MusicLSTM.ChordIDs.unknown, MusicLSTM.ChordIDs.unknown]
    var keys = [MusicLSTM.KeyIDs.unknown, MusicLSTM.KeyIDs.unknown]
    /// The guided logits of the last step.
    public private(set) var logits: [Float]

    public init(model: MusicLSTM) {
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

    /// The arousal and the condition flag the reference stream reads (its valence is 0): none with `share` 0, else
    /// `share`·`arousal` (see `Generator.Settings.referenceArousalShare`).
    static func reference(arousal: Float, share: Float) -> (arousal: Float, flag: Float) {
        share > 0 ? (share * arousal, 1) : (0, 0)
    }

    /// Feeds `token` under the condition (valence, arousal) with guidance `guidance`, and, for a chord-conditioned
    /// model, the chord id and key id of the plan (25 and 24 without one); updates `logits`.
    /// With `referenceArousalShare` s > 0 the reference stream reads (valence 0, s·`arousal`) rather than no
    /// condition, so the guidance pushes arousal less than valence (not at all with s = 1).
    public mutating func step(token: Int, valence: Float, arousal: Float, guidance: Float, referenceArousalShare: Float = 0,
                              chord: Int = MusicLSTM.ChordIDs.unknown, key: Int = MusicLSTM.KeyIDs.unknown) {
        tokens[0] = token
        tokens[1] = token
        conditions[0] = valence
        conditions[1] = arousal
        let reference = Self.reference(arousal: arousal, share: referenceArousalShare)
        conditions[4] = reference.arousal
        conditions[5] = reference.flag
        chords[0] = chord
        chords[1] = chord
        keys[0] = key
        keys[1] = key
        model.step(tokens: tokens, conditions: conditions, chords: chords, keys: keys, state: &state,
                   logits: &batchLogits)
        let size = model.config.vocabularySize
        for index in 0..<size {
            let conditioned = batchLogits[index], unconditioned = batchLogits[size + index]
            logits[index] = unconditioned + guidance * (conditioned - unconditioned)
        }
    }
}
