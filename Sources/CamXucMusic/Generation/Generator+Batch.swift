extension Generator {
    /// Makes `count` takes at once, as one batch of 2·count streams (each take's conditioned and unconditioned
    /// stream), with seeds `request.seed`, `request.seed + 1`, …; returns each take's notes and tempo map (see
    /// `generate`) in seed order.
    /// Settings are read before every step, as in `generate`. `onProgress` hears the share of the batch done (0–1:
    /// the slowest take's, or the takes finished when they are made one after another).
    public func generateBatch(_ request: Request, count: Int, settings: () -> Settings,
                              isCancelled: () -> Bool = { false },
                              onProgress: (Double) -> Void = { _ in })
        -> [(notes: [EventVocabulary.DecodedNote], tempoMap: TempoMap)] {
        let n = max(count, 1)
        if !request.primerTokens.isEmpty {
            // A primer is read by each take's own stream: the takes are made one after another.
            return (0..<n).map { k in
                var single = request
                single.seed = request.seed &+ UInt64(k)
                defer { onProgress(Double(k + 1) / Double(n)) }
                let take = generate(single, settings: settings, isCancelled: isCancelled)
                return (take.notes, take.tempoMap)
            }
        }
        let size = model.config.vocabularySize
        var state = model.makeState(batch: 2 * n)
        var batchLogits = [Float](repeating: 0, count: 2 * n * size)
        var conditions = [Float](repeating: 0, count: 2 * n * MusicLSTM.conditionSize)
        for k in 0..<n {
            conditions[3 * k] = Float(request.valence)
            conditions[3 * k + 1] = Float(request.arousal)
            conditions[3 * k + 2] = 1
        }
        // Each take's plans (one per segment of the arc), the segment in force and the model time it began at.
        let plans = (0..<n).map { k in
            var take = request
            take.seed = request.seed &+ UInt64(k)
            return self.plans(for: take)
        }
        var followers = [PlanFollower](repeating: PlanFollower(), count: n)
        var keys = [Int](repeating: MusicLSTM.KeyIDs.unknown, count: 2 * n)
        var chords = [Int](repeating: MusicLSTM.ChordIDs.unknown, count: 2 * n)
        var samplers = Array(repeating: Sampler(), count: n)
        var generators = (0..<n).map { SplitMix64(seed: request.seed &+ UInt64($0)) }
        var decoders = Array(repeating: EventVocabulary.StreamingDecoder(vocabulary: vocabulary), count: n)
        var notes = Array(repeating: [EventVocabulary.DecodedNote](), count: n)
        var repetitions = Array(repeating: RepetitionGuard(), count: n)
        var clocks = Array(repeating: BeatClock(), count: n)
        var cadences = Array(repeating: Cadence(lengthSeconds: request.lengthSeconds), count: n)
        var endings = [Int?](repeating: nil, count: n)
        var timeScales = [Double](repeating: 1, count: n)
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
            var controls = [MusicalControls?](repeating: current.controls, count: n)
            // Streams 0..<n conditioned, n..<2n unconditioned, fed the same tokens.
            for k in 0..<n {
                if let arc = request.arc, let point = arc.point(atSeconds: seconds[k]) {
                    let condition = Self.condition(valence: point.valence, arousal: point.arousal)
                    conditions[3 * k] = Float(condition.valence)
                    conditions[3 * k + 1] = Float(condition.arousal)
                    controls[k] = current.controls?.moved(from: (arc.whole.valence, arc.whole.arousal), to: point,
                                                          keepingTempo: request.keepsPace)
                    if followers[k].follow(arc, plans: plans[k], atSeconds: seconds[k], modelSeconds: decoders[k].seconds,
                                           clock: &clocks[k]) {
                        state.fade(row: k, keeping: Self.segmentStateShare)
                        state.fade(row: n + k, keeping: Self.segmentStateShare)
                    }
                }
                let plan = plans[k].indices.contains(followers[k].segment) ? plans[k][followers[k].segment] : nil
                timeScales[k] = 1 / max(controls[k]?.tempoScale ?? 1, 0.1)
                endings[k] = cadences[k].chord(atSeconds: seconds[k], beat: clocks[k].beat,
                                               secondsPerBeat: (plan?.beatSeconds ?? Self.unplannedBeatSeconds) * timeScales[k],
                                               plan: plan)
                chords[k] = endings[k] ?? Self.chordID(plan, modelSeconds: decoders[k].seconds - followers[k].modelStart)
                chords[n + k] = chords[k]
                keys[k] = plan?.keyID ?? MusicLSTM.KeyIDs.unknown
                keys[n + k] = keys[k]
                let reference = current.reference(valence: conditions[3 * k], arousal: conditions[3 * k + 1])
                conditions[3 * (n + k) + 1] = reference.arousal
                conditions[3 * (n + k) + 2] = reference.flag
            }
            model.step(tokens: tokens + tokens, conditions: conditions, chords: chords, keys: keys, state: &state,
                       logits: &batchLogits)
            let guidance = Float(current.guidance), timingGuidance = current.timingGuidance.map(Float.init)
            for k in 0..<n where !done[k] {
                GuidedStream.guide(batchLogits, conditioned: k * size, unconditioned: (n + k) * size, size: size,
                                   guidance: guidance, timingGuidance: timingGuidance,
                                   noteStarts: vocabulary.noteStartTokens, into: &logits)
                let plan = plans[k].indices.contains(followers[k].segment) ? plans[k][followers[k].segment] : nil
                var takeSettings = current
                takeSettings.controls = controls[k]
                let timeScale = timeScales[k]
                takeSettings.controls(under: plan, alongAnArc: request.movesAlongAnArc)?.apply(
                    to: &logits, vocabulary: vocabulary, seconds: seconds[k],
                    chordDegrees: Self.chordDegrees(plan, ending: endings[k],
                                                    modelSeconds: decoders[k].seconds - followers[k].modelStart),
                    afterNote: vocabulary.isDuration(tokens[k]))
                cadences[k].apply(to: &logits, vocabulary: vocabulary, afterNote: vocabulary.isDuration(tokens[k]))
                for index in 0..<vocabulary.spec.specials.count { logits[index] = -.infinity }
                repetitions[k].apply(to: &logits, seconds: seconds[k], vocabulary: vocabulary)
                let token = samplers[k].sample(logits, settings: current.sampling, generator: &generators[k])
                tokens[k] = token
                let before = decoders[k].seconds
                let finished = decoders[k].feed(token)
                repetitions[k].observe(token, seconds: seconds[k], vocabulary: vocabulary)
                clocks[k].advance(atSeconds: seconds[k], modelSeconds: decoders[k].seconds - before,
                                  beatSeconds: plan?.beatSeconds ?? Self.unplannedBeatSeconds, timeScale: timeScale)
                seconds[k] += (decoders[k].seconds - before) * timeScale
                if seconds[k] >= request.lengthSeconds { done[k] = true }
                if var note = finished, !done[k], cadences[k].hasRoom(forNoteAt: seconds[k]) {
                    note.startSeconds = seconds[k]
                    note.durationSeconds *= timeScale
                    if repetitions[k].admits(note) {
                        cadences[k].shape(&note)
                        notes[k].append(note)
                    }
                }
                if cadences[k].isOver(atSeconds: seconds[k]) { done[k] = true }
            }
            events += 1
            var slowest = 1.0  // (no allocation in the step loop)
            for k in 0..<n where !done[k] { slowest = min(slowest, seconds[k] / max(request.lengthSeconds, 1e-9)) }
            onProgress(slowest)
        }
        return (0..<n).map { (notes[$0], clocks[$0].tempoMap()) }
    }
}
