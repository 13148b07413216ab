extension Generator {
    /// Sets the state of `stream` from the request's primer: every primer event but the last is fed under the
    /// target condition (an arc's first point) with unknown chord and key (the primer has no plan; the training data's unknown ids mean
    /// "not said"). Returns the last event, which the take's first step feeds under the plan's first chord and key,
    /// so that the first continued event is predicted under the plan.
    ///
    /// `decoder` keeps the continuation's clock at 0 (the primer's last onset) and learns the primer's last
    /// velocity, as the model writes a VELOCITY event only when the velocity changes.
    func prime(_ stream: inout GuidedStream, decoder: inout EventVocabulary.StreamingDecoder, _ request: Request) -> Int {
        let tokens = request.primerTokens
        // Along an arc, the primer is read under the arc's first point.
        let start = request.arc?.point(atSeconds: 0).map { Self.condition(valence: $0.valence, arousal: $0.arousal) }
            ?? (request.valence, request.arousal)
        stream.read(tokens: Array(tokens.dropLast()), valence: Float(start.0), arousal: Float(start.1))
        if let velocity = tokens.last(where: { if case .velocity? = vocabulary.event($0) { true } else { false } }) {
            _ = decoder.feed(velocity)
        }
        return tokens.last ?? 0
    }
}

extension EventVocabulary {
    /// Leaves only the TIME_SHIFT events possible: the first event of a continuation, whose primer's last onset
    /// is complete (every note that starts there was read), so the continuation starts after it, never on it.
    func keepOnlyTimeShifts(_ logits: inout [Float]) {
        for index in logits.indices where index < timeShiftBase || index >= velocityBase { logits[index] = -.infinity }
    }
}
