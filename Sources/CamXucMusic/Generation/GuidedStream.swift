/// One generation stream with classifier-free guidance: the conditioned and the unconditioned model state advance
/// together as a batch of two, and the next-event logits are uncond + w·(cond − uncond).
///
/// Guidance 1 is plain conditional sampling; 0 ignores the condition; above 1 pushes the music further towards it.
public struct GuidedStream: Sendable {
    public let model: MusicLSTM
    var state: MusicLSTM.State
    var batchLogits: [Float]
    /// The guided logits of the last step.
    public private(set) var logits: [Float]

    public init(model: MusicLSTM) {
        self.model = model
        state = model.makeState(batch: 2)
        batchLogits = [Float](repeating: 0, count: 2 * model.config.vocabularySize)
        logits = [Float](repeating: 0, count: model.config.vocabularySize)
    }

    /// Feeds `token` under the condition (valence, arousal) with guidance `guidance`; updates `logits`.
    public mutating func step(token: Int, valence: Float, arousal: Float, guidance: Float) {
        model.step(tokens: [token, token], conditions: [valence, arousal, 1, 0, 0, 0], state: &state,
                   logits: &batchLogits)
        let size = model.config.vocabularySize
        for index in 0..<size {
            let conditioned = batchLogits[index], unconditioned = batchLogits[size + index]
            logits[index] = unconditioned + guidance * (conditioned - unconditioned)
        }
    }
}
