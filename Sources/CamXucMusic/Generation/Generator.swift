/// Generates music from the LSTM one event at a time and hands over each note the moment its DURATION event is
/// sampled, so a piano roll can fill while the model runs.
///
/// Settings are read again before every step: a change of temperature, top-k, top-p, guidance or controls applies
/// from the next event. Generation stops at the requested length, after `maximumEvents`, or when `isCancelled`
/// says so.
public struct Generator: Sendable {
    /// What can change while a take is being made.
    public struct Settings: Equatable, Sendable {
        public var sampling: Sampler.Settings
        /// Classifier-free guidance strength (1 = plain conditional sampling).
        public var guidance: Double
        /// Musical controls; nil leaves the model alone.
        public var controls: MusicalControls?

        public init(sampling: Sampler.Settings = .init(temperature: 1, topK: 40, topP: 0.95), guidance: Double = 2.5,
                    controls: MusicalControls? = nil) {
            self.sampling = sampling
            self.guidance = guidance
            self.controls = controls
        }
    }

    /// What is fixed for one take.
    public struct Request: Equatable, Sendable {
        /// Target valence and arousal, each clamped to −1...1.
        public var valence: Double
        public var arousal: Double
        public var lengthSeconds: Double
        public var seed: UInt64
        public var maximumEvents: Int

        public init(valence: Double, arousal: Double, lengthSeconds: Double = 30, seed: UInt64 = 0,
                    maximumEvents: Int = 20_000) {
            self.valence = min(max(valence, -1), 1)
            self.arousal = min(max(arousal, -1), 1)
            self.lengthSeconds = max(lengthSeconds, 0)
            self.seed = seed
            self.maximumEvents = max(maximumEvents, 1)
        }
    }

    /// Circumplex points are divided by this to become the model's condition (then clamped to −1...1): the model
    /// was trained on quadrant labels of ±1, and a sure joy sentence lands near valence 0.7.
    public static let conditionScale = 0.75

    /// The model condition for a circumplex point.
    public static func condition(valence: Double, arousal: Double) -> (valence: Double, arousal: Double) {
        (min(max(valence / conditionScale, -1), 1), min(max(arousal / conditionScale, -1), 1))
    }

    public let model: MusicLSTM
    public let vocabulary: EventVocabulary

    public init(model: MusicLSTM, vocabulary: EventVocabulary) {
        self.model = model
        self.vocabulary = vocabulary
    }

    /// Runs one take. `settings` is called before every event; `onNote` gets every finished note (times already
    /// divided by the tempo scale) in order; returns all of them and the number of events generated.
    public func generate(_ request: Request, settings: () -> Settings, isCancelled: () -> Bool = { false },
                         onNote: (EventVocabulary.DecodedNote) -> Void = { _ in }) -> (notes: [EventVocabulary.DecodedNote], events: Int) {
        var stream = GuidedStream(model: model)
        var sampler = Sampler()
        var generator = SplitMix64(seed: request.seed)
        var decoder = EventVocabulary.StreamingDecoder(vocabulary: vocabulary)
        var notes: [EventVocabulary.DecodedNote] = []
        var current = settings()
        // Prime with a velocity event, as every training sequence opens with one.
        let loudness = current.controls?.velocityRange.map { ($0.lowerBound + $0.upperBound) / 2 }
            ?? Int(64 + 28 * request.arousal)
        var token = vocabulary.index(of: .velocity(bin: vocabulary.velocityBin(loudness))) ?? 0
        _ = decoder.feed(token)
        var events = 0
        // Time in the take, advanced by each TIME_SHIFT divided by the tempo scale in force when it was sampled,
        // so that a tempo change affects only what follows it.
        var seconds = 0.0
        while events < request.maximumEvents, seconds < request.lengthSeconds, !isCancelled() {
            current = settings()
            let timeScale = 1 / max(current.controls?.tempoScale ?? 1, 0.1)
            stream.step(token: token, valence: Float(request.valence), arousal: Float(request.arousal),
                        guidance: Float(current.guidance))
            var logits = stream.logits
            current.controls?.apply(to: &logits, vocabulary: vocabulary, seconds: seconds)
            // Specials never belong inside a piece.
            for index in 0..<vocabulary.spec.specials.count { logits[index] = -.infinity }
            token = sampler.sample(logits, settings: current.sampling, generator: &generator)
            events += 1
            let before = decoder.seconds
            let finished = decoder.feed(token)
            seconds += (decoder.seconds - before) * timeScale
            if var note = finished {
                guard seconds < request.lengthSeconds else { break }
                note.startSeconds = seconds
                note.durationSeconds *= timeScale
                notes.append(note)
                onNote(note)
            }
        }
        return (notes, events)
    }
}
