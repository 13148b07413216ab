extension Generator {
    /// Makes `count` takes at once, as one batch of 2·count streams (each take's conditioned and unconditioned
    /// stream), with seeds `request.seed`, `request.seed + 1`, …; returns each take's notes in seed order.
    /// Settings are read before every step, as in `generate`.
    public func generateBatch(_ request: Request, count: Int, settings: () -> Settings,
                              isCancelled: () -> Bool = { false }) -> [[EventVocabulary.DecodedNote]] {
        let n = max(count, 1)
        let size = model.config.vocabularySize
        var state = model.makeState(batch: 2 * n)
        var batchLogits = [Float](repeating: 0, count: 2 * n * size)
        var conditions = [Float](repeating: 0, count: 2 * n * MusicLSTM.conditionSize)
        for k in 0..<n {
            conditions[3 * k] = Float(request.valence)
            conditions[3 * k + 1] = Float(request.arousal)
            conditions[3 * k + 2] = 1
        }
        let plans = (0..<n).map { plan(for: Request(valence: request.valence, arousal: request.arousal,
                                                    lengthSeconds: request.lengthSeconds, seed: request.seed &+ UInt64($0),
                                                    maximumEvents: request.maximumEvents, keyTonic: request.keyTonic)) }
        let keys = (plans + plans).map { $0?.keyID ?? MusicLSTM.KeyIDs.unknown }
        var chords = [Int](repeating: MusicLSTM.ChordIDs.unknown, count: 2 * n)
        var samplers = Array(repeating: Sampler(), count: n)
        var generators = (0..<n).map { SplitMix64(seed: request.seed &+ UInt64($0)) }
        var decoders = Array(repeating: EventVocabulary.StreamingDecoder(vocabulary: vocabulary), count: n)
        var notes = Array(repeating: [EventVocabulary.DecodedNote](), count: n)
        var seconds = [Double](repeating: 0, count: n)
        var done = [Bool](repeating: false, count: n)
        var current = settings()
        let loudness = current.controls?.velocityRange.map { ($0.lowerBound + $0.upperBound) / 2 }
            ?? Int(64 + 28 * request.arousal)
        let first = vocabulary.index(of: .velocity(bin: vocabulary.velocityBin(loudness))) ?? 0
        var tokens = [Int](repeating: first, count: n)
        for k in 0..<n { _ = decoders[k].feed(first) }
        var logits = [Float](repeating: 0, count: size)
        var events = 0
        while events < request.maximumEvents, done.contains(false), !isCancelled() {
            current = settings()
            let timeScale = 1 / max(current.controls?.tempoScale ?? 1, 0.1)
            // Streams 0..<n conditioned, n..<2n unconditioned, fed the same tokens.
            for k in 0..<n {
                chords[k] = Self.chordID(plans[k], modelSeconds: decoders[k].seconds)
                chords[n + k] = chords[k]
            }
            model.step(tokens: tokens + tokens, conditions: conditions, chords: chords, keys: keys, state: &state,
                       logits: &batchLogits)
            let guidance = Float(current.guidance)
            for k in 0..<n where !done[k] {
                for index in 0..<size {
                    let conditioned = batchLogits[k * size + index], unconditioned = batchLogits[(n + k) * size + index]
                    logits[index] = unconditioned + guidance * (conditioned - unconditioned)
                }
                current.controls(under: plans[k])?.apply(to: &logits, vocabulary: vocabulary, seconds: seconds[k],
                                                         chordDegrees: plans[k]?.chordDegrees(atModelSeconds: decoders[k].seconds))
                for index in 0..<vocabulary.spec.specials.count { logits[index] = -.infinity }
                let token = samplers[k].sample(logits, settings: current.sampling, generator: &generators[k])
                tokens[k] = token
                let before = decoders[k].seconds
                let finished = decoders[k].feed(token)
                seconds[k] += (decoders[k].seconds - before) * timeScale
                if seconds[k] >= request.lengthSeconds { done[k] = true }
                if var note = finished, !done[k] {
                    note.startSeconds = seconds[k]
                    note.durationSeconds *= timeScale
                    notes[k].append(note)
                }
            }
            events += 1
        }
        return notes
    }
}
