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
        /// Under a chord plan (a chord-conditioned model), the share of the controls' key strength that stays, the
        /// key bias then following the plan's key and chords; 0 leaves harmony to the model alone.
        public var planKeyShare: Float
        /// How much of the arousal condition the guidance's reference stream keeps (its valence is 0), in each
        /// quadrant of the condition (Q1 happy, Q2 tense, Q3 sad, Q4 calm): 0, the reference has no condition at all
        /// and uncond + w·(cond − uncond) pushes both valence and arousal w times; 1, guidance on valence alone,
        /// arousal as the plain conditional model plays it; between, arousal is pushed less than valence. Between
        /// quadrants the reference's inputs are blended (see `reference(valence:arousal:)`).
        public var referenceArousalShares: [Float] = Settings.defaultReferenceArousalShares
        /// Guidance for when notes come and how long they last (time shifts, durations, and whether the next event
        /// starts a note or waits), while `guidance` keeps choosing which note and how loud; nil, `guidance` for
        /// everything. Guidance exaggerates the density and note lengths the condition goes with (tense takes
        /// busier and shorter than EMOPIA's, sad ones sparser) as much as it sharpens harmony (see
        /// `GuidedStream.guide`).
        public var timingGuidance: Double?

        /// Guidance pushing arousal as much as valence everywhere. Calm takes guided on valence alone ([0, 0, 0, 1])
        /// came nearer EMOPIA's calm clips at the quadrant's centre (overlap 0.914 → 0.938 on the tuning seeds, 0.855
        /// → 0.863 on EMOPIA test), but at the calm points texts give about one take in eight became a flood of
        /// loud chords heard as excited, and arcs lost halves; 0.5 kept the floods. Not shipped (docs/DECISIONS.md,
        /// "Guidance on valence alone where the music is calm: measured, not shipped"); the shares stay for a
        /// network that carries valence itself.
        public static let defaultReferenceArousalShares: [Float] = [0, 0, 0, 0]

        /// One share in every quadrant.
        public mutating func setReferenceArousalShare(_ share: Float) {
            referenceArousalShares = [share, share, share, share]
        }

        /// What the guidance's reference stream reads at the condition (valence, arousal) (each −1...1, the
        /// network's units): its arousal and condition flag (`GuidedStream.reference`) for the share of the quadrant
        /// the point is in, reached `quadrantBlend` inside it on both axes; nearer an axis the inputs fade to no
        /// condition (share 0), all of them at the axes. The inputs themselves are blended, flag included, so a point
        /// crossing an axis moves the music smoothly (any share but 0 reads the neutral condition, so blending the
        /// share alone jumped at the axis); and only points in a quadrant whose share is not 0 read a flag the
        /// network was not trained on (between 0 and 1): a neutral text's point, near both axes, kept the takes it
        /// had (a bilinear blend across the axes had put a quarter of the calm quadrant's reference there).
        public func reference(valence: Float, arousal: Float) -> (arousal: Float, flag: Float) {
            let shares = referenceArousalShares
            guard shares.count == 4, !shares.allSatisfy({ $0 == shares[0] }) else {
                return GuidedStream.reference(arousal: arousal, share: shares.first ?? 0)
            }
            let quadrant = valence >= 0 ? (arousal >= 0 ? 0 : 3) : (arousal >= 0 ? 1 : 2)
            let own = GuidedStream.reference(arousal: arousal, share: shares[quadrant])
            // 1 from `quadrantBlend` inside on both axes (exactly, at a quadrant's centre), 0 on an axis.
            let depth = min(abs(valence) / Self.quadrantBlend, 1) * min(abs(arousal) / Self.quadrantBlend, 1)
            return (own.arousal * depth, own.flag * depth)
        }

        /// How far inside a quadrant, in the network's condition units, the reference reaches its share.
        public static let quadrantBlend: Float = 0.25

        /// The default share: a light key bias (1.5 logits off notes outside a major scale, 2 outside a minor one).
        /// With the chord-tone bonus gone it keeps sad takes minor as well as the full strength did: 0.25 of 0, 0.1,
        /// 0.25, 0.5 and 1 on the tuning seeds (`camxuc-bench music-tune 20 30 planKeyShare=…`: 4-quadrant 0.763,
        /// 0.800, 0.925, 0.925, 0.925; docs/DECISIONS.md, "A light key bias"). Before the chord-tone bonus went, 1.
        public static let defaultPlanKeyShare: Float = 0.25

        public init(sampling: Sampler.Settings = .init(temperature: 1, topK: 40, topP: 0.95), guidance: Double = 2.5,
                    controls: MusicalControls? = nil, planKeyShare: Float = Settings.defaultPlanKeyShare) {
            self.sampling = sampling
            self.guidance = guidance
            self.controls = controls
            self.planKeyShare = planKeyShare
        }

        /// Along an emotional arc the key bias keeps at least this share: the network, trained on pieces of one
        /// mood, follows a change of condition slowly, and the full bias makes the new segment's mode heard at once
        /// (the arc texts: 16 and 16 of 20 halves in their quadrant at 1, 13 and 16 at 0.25; docs/DECISIONS.md).
        public static let arcPlanKeyShare: Float = 1

        /// The controls that apply under `plan` (see `MusicalControls.following`); `alongAnArc` for a take whose
        /// condition follows an emotional arc.
        func controls(under plan: ChordPlan?, alongAnArc: Bool = false) -> MusicalControls? {
            guard let plan else { return controls }
            return controls?.following(plan, share: alongAnArc ? max(planKeyShare, Self.arcPlanKeyShare) : planKeyShare)
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
        /// The tonic of the chord plan (0 = C … 11 = B); nil draws it from the seed.
        public var keyTonic: Int?
        /// How the plans' tonic is written where it has a spelling of its own ("C#" for `--key C#`, a C# major
        /// primer's): `ChordPlan.spelling`. Nil, as `MusicalFeatures.keyName` spells it.
        public var keySpelling: String?
        /// An emotional arc (circumplex points in take time): the condition, the controls and the chord plan follow
        /// it; `valence` and `arousal` are then the whole text's condition. Nil or empty keeps one point.
        public var arc: EmotionArc?
        /// Events of music to continue (`Primer.tokens`), read first to set the network's state; the take is then
        /// the continuation, timed from the primer's last onset. Empty for a take of its own.
        public var primerTokens: [Int]
        /// The beat the chord plan's chords change on, in model seconds (a continuation's: its primer's,
        /// `Primer.beatSeconds`); nil, the quadrant's own (`ChordProgressions.Quadrant.beatSeconds`).
        public var beatSeconds: Double?
        /// Whether the take goes on at a pace given to it (a primer's beat): then an arc moves no tempo (a continuation
        /// along three sentences jumped from its primer's 90 bpm to 108 where the new music began).
        public var keepsPace: Bool { beatSeconds != nil }
        /// Whether the condition moves: an arc of two segments or more (one segment is one point).
        public var movesAlongAnArc: Bool { (arc?.segments.count ?? 0) > 1 }

        /// At most this many events a second of the asked length (the densest takes make about 60), and never fewer
        /// than `leastMaximumEvents`: a safety bound, not a length. A fixed 20,000 ended a dense 600-s take at 580 s,
        /// silently.
        public static let maximumEventsPerSecond = 100.0
        public static let leastMaximumEvents = 20_000

        public init(valence: Double, arousal: Double, lengthSeconds: Double = 30, seed: UInt64 = 0,
                    maximumEvents: Int? = nil, keyTonic: Int? = nil, arc: EmotionArc? = nil, primerTokens: [Int] = [],
                    beatSeconds: Double? = nil) {
            self.beatSeconds = beatSeconds.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            self.keyTonic = keyTonic.map { ($0 % 12 + 12) % 12 }
            self.arc = arc?.segments.isEmpty == false ? arc : nil
            self.primerTokens = primerTokens
            self.valence = min(max(valence, -1), 1)
            self.arousal = min(max(arousal, -1), 1)
            self.lengthSeconds = max(lengthSeconds, 0)
            self.seed = seed
            let bound = lengthSeconds.isFinite ? Int(min(max(lengthSeconds, 0), 1e6) * Self.maximumEventsPerSecond) : 0
            self.maximumEvents = max(maximumEvents ?? max(Self.leastMaximumEvents, bound), 1)
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
    /// The progressions a chord-conditioned model's plans are drawn from.
    public let progressions: ChordProgressions?

    public init(model: MusicLSTM, vocabulary: EventVocabulary, progressions: ChordProgressions? = nil) {
        self.model = model
        self.vocabulary = vocabulary
        self.progressions = progressions
    }

    /// The chord plan of a take: nil unless the model reads chords and progressions were given. Deterministic
    /// for the request (its seed, point, length and key).
    public func plan(for request: Request) -> ChordPlan? {
        guard model.config.hasChordInputs, let progressions else { return nil }
        var plan = ChordPlan.sample(progressions, valence: request.valence, arousal: request.arousal, seed: request.seed,
                                    lengthSeconds: request.lengthSeconds, tonic: request.keyTonic)
        if let beat = request.beatSeconds { plan.beatSeconds = beat }
        return plan
    }

    /// The chord plans of a take, one per segment of its arc (one without an arc; none unless the model reads
    /// chords). Every segment keeps the first plan's tonic; its mode and progression follow the segment's point;
    /// the first segment's plan is the one `plan(for:)` gives for the request's seed.
    public func plans(for request: Request) -> [ChordPlan] {
        drawnPlans(for: request).map { plan in
            var plan = plan
            plan.spelling = request.keySpelling
            return plan
        }
    }

    private func drawnPlans(for request: Request) -> [ChordPlan] {
        guard let arc = request.arc, request.movesAlongAnArc else { return plan(for: request).map { [$0] } ?? [] }
        var plans: [ChordPlan] = []
        for (index, segment) in arc.segments.enumerated() {
            let condition = Self.condition(valence: segment.valence, arousal: segment.arousal)
            let seed = index == 0 ? request.seed : request.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            var segmentRequest = Request(valence: condition.valence, arousal: condition.arousal,
                                         lengthSeconds: segment.end - segment.start, seed: seed,
                                         keyTonic: plans.first?.tonic ?? request.keyTonic, beatSeconds: request.beatSeconds)
            segmentRequest.maximumEvents = request.maximumEvents
            guard let plan = plan(for: segmentRequest) else { return [] }
            plans.append(plan)
        }
        return plans
    }

    /// The harmony of a take in words: its plan's summary, or each segment's joined by arrows.
    public func harmonySummary(for request: Request) -> String? {
        Self.harmonySummary(plans(for: request))
    }

    /// The summary of plans already drawn (see `harmonySummary(for:)`).
    public static func harmonySummary(_ plans: [ChordPlan]) -> String? {
        guard !plans.isEmpty else { return nil }
        return plans.count == 1 ? plans[0].summary() : plans.map { $0.summary(chords: 4) }.joined(separator: " → ")
    }

    /// The chord id the model reads after an event that ends at `modelSeconds`: the plan's chord 25 ms later.
    static func chordID(_ plan: ChordPlan?, modelSeconds: Double) -> Int {
        plan?.chordID(atModelSeconds: modelSeconds + lookaheadSeconds) ?? MusicLSTM.ChordIDs.unknown
    }

    /// The chord's degrees the controls follow: the cadence's chord while it is read, else the plan's.
    static func chordDegrees(_ plan: ChordPlan?, ending: Int?, modelSeconds: Double) -> (root: Int, third: Int, fifth: Int)? {
        guard let plan else { return nil }
        guard let ending else { return plan.chordDegrees(atModelSeconds: modelSeconds) }
        return MusicLSTM.chordTones(chordID: ending, keyID: plan.mode == .minor ? 12 : 0)
    }

    /// The share of the network's state a new segment of an arc starts from (the rest is forgotten, as at the start
    /// of a training window): a calm sentence after an angry one was heard as excited, and joy after sadness as calm,
    /// the state carrying the first sentence's arousal on. On twenty tuning texts × 16 seeds the judge heard second
    /// halves in their own quadrant 180 times of 320 keeping the whole state, 212 keeping half, 217 / 232 / 204
    /// keeping 0.3 / 0.15 / none; half is the share under which joy-then-sadness takes stay louder first in 11 of 12
    /// (`EmotionArcTests`; 10 with 0.15).
    static let segmentStateShare: Float = 0.5

    /// A continuation keeps its primer's whole state for its first `continuationTurnSeconds`, then this share of it
    /// (the rest forgotten, as at a training window's start): continuations played on as their primer did, and the
    /// judge heard the asked quadrant 41 times in 60 on tuning primers (`camxuc-bench primer-eval … valid 3`: EMOPIA
    /// valid's songs, apart from the test songs `primer-eval` scores). Faded at the join 0.5 / 0.25 / none of it
    /// kept: 43 / 51 / 52, but the music changed at the join itself (over the 3 s before and after it, the median
    /// change of note density 0.45 against 0.27 unfaded and 0.10 inside a human piece; of mean pitch 5.9 semitones
    /// against 2.9 and 3.2); faded 2 s in: 50 of 60, density 0.25 and velocity as unfaded; 4 s in: 46.
    static let continuationStateShare: Float = 0.25
    static let continuationTurnSeconds = 2.0

    /// How far after an event's time its chord is read (the training data's rule).
    static let lookaheadSeconds = 0.025

    /// Runs one take. `settings` is called before every event; `onNote` gets every finished note (times already
    /// divided by the tempo scale) in order, and `onTempo` the tempo map so far whenever the tempo changes (the first
    /// time at the first event); returns all the notes, the number of events generated, and the tempo map that puts
    /// the chord plan's beats on the file's beats (`BeatClock`; a continuation's counts from its start).
    /// `onSettingsApplied` hears the take time from which changed settings apply (the next event's): the studio
    /// records a change there (it recorded where it had seen the take reach, which a generator running ahead of the
    /// screen had passed: `info`'s "changed at" and the file's tempo events disagreed).
    public func generate(_ request: Request, settings: () -> Settings, isCancelled: () -> Bool = { false },
                         onNote: (EventVocabulary.DecodedNote) -> Void = { _ in },
                         onTempo: (TempoMap) -> Void = { _ in },
                         onSettingsApplied: (Double) -> Void = { _ in })
        -> (notes: [EventVocabulary.DecodedNote], events: Int, tempoMap: TempoMap) {
        var stream = GuidedStream(model: model, noteStarts: vocabulary.noteStartTokens)
        let plans = plans(for: request)
        // The segment of the arc whose plan is in force, and the model time it began at (its plan starts there).
        var follower = PlanFollower()
        var sampler = Sampler()
        var generator = SplitMix64(seed: request.seed)
        var decoder = EventVocabulary.StreamingDecoder(vocabulary: vocabulary)
        var notes: [EventVocabulary.DecodedNote] = []
        var repetition = RepetitionGuard()
        var clock = BeatClock()
        var cadence = Cadence(lengthSeconds: request.lengthSeconds)
        var current = settings()
        // The settings as read, before an arc moves the controls (compared with the moved ones, every event of an
        // arc's take was a change: ~60,000 messages to the studio for a 10-minute take).
        var read = current
        // Prime with a velocity event, as every training sequence opens with one.
        let loudness = current.controls?.velocityRange.map { ($0.lowerBound + $0.upperBound) / 2 }
            ?? Int(64 + 28 * request.arousal)
        var token = vocabulary.index(of: .velocity(bin: vocabulary.velocityBin(loudness))) ?? 0
        _ = decoder.feed(token)
        if !request.primerTokens.isEmpty {
            token = prime(&stream, decoder: &decoder, request)
            repetition.rememberPrimer(request.primerTokens, vocabulary: vocabulary)
        }
        var events = 0
        // Time in the take, advanced by each TIME_SHIFT divided by the tempo scale in force when it was sampled,
        // so that a tempo change affects only what follows it.
        var seconds = 0.0
        var turned = request.primerTokens.isEmpty
        while events < request.maximumEvents, seconds < request.lengthSeconds, !cadence.isOver(atSeconds: seconds),
              !isCancelled() {
            // A continuation goes on as its primer played for a moment, then turns to what was asked.
            if !turned, seconds >= Self.continuationTurnSeconds {
                stream.fade(keeping: Self.continuationStateShare)
                turned = true
            }
            current = settings()
            if events > 0, current != read { onSettingsApplied(seconds) }
            read = current
            var condition = (valence: request.valence, arousal: request.arousal)
            if let arc = request.arc, let point = arc.point(atSeconds: seconds) {
                condition = Self.condition(valence: point.valence, arousal: point.arousal)
                current.controls = current.controls?.moved(from: (arc.whole.valence, arc.whole.arousal), to: point,
                                                           keepingTempo: request.keepsPace)
                if follower.follow(arc, plans: plans, atSeconds: seconds, modelSeconds: decoder.seconds, clock: &clock) {
                    stream.fade(keeping: Self.segmentStateShare)
                }
            }
            let plan = plans.indices.contains(follower.segment) ? plans[follower.segment] : nil
            let timeScale = 1 / max(current.controls?.tempoScale ?? 1, 0.1)
            // The decoder's clock is model time (before the tempo scale), as the plan's is; a segment's plan starts
            // when the segment does.
            let planSeconds = decoder.seconds - follower.modelStart
            let ending = cadence.chord(atSeconds: seconds, beat: clock.beat,
                                       secondsPerBeat: (plan?.beatSeconds ?? Self.unplannedBeatSeconds) * timeScale,
                                       plan: plan)
            stream.step(token: token, valence: Float(condition.valence), arousal: Float(condition.arousal),
                        guidance: Float(current.guidance), timingGuidance: current.timingGuidance.map(Float.init),
                        reference: current.reference(valence: Float(condition.valence), arousal: Float(condition.arousal)),
                        chord: ending ?? Self.chordID(plan, modelSeconds: planSeconds),
                        key: plan?.keyID ?? MusicLSTM.KeyIDs.unknown)
            var logits = stream.logits
            current.controls(under: plan, alongAnArc: request.movesAlongAnArc)?.apply(
                to: &logits, vocabulary: vocabulary, seconds: seconds,
                chordDegrees: Self.chordDegrees(plan, ending: ending, modelSeconds: planSeconds),
                afterNote: vocabulary.isDuration(token))
            cadence.apply(to: &logits, vocabulary: vocabulary, afterNote: vocabulary.isDuration(token))
            // Specials never belong inside a piece.
            for index in 0..<vocabulary.spec.specials.count { logits[index] = -.infinity }
            repetition.apply(to: &logits, seconds: seconds, vocabulary: vocabulary)
            if events == 0, !request.primerTokens.isEmpty { vocabulary.keepOnlyTimeShifts(&logits) }
            token = sampler.sample(logits, settings: current.sampling, generator: &generator)
            events += 1
            let before = decoder.seconds
            let finished = decoder.feed(token)
            repetition.observe(token, seconds: seconds, vocabulary: vocabulary)
            let marks = clock.marks.count
            clock.advance(atSeconds: seconds, modelSeconds: decoder.seconds - before,
                          beatSeconds: plan?.beatSeconds ?? Self.unplannedBeatSeconds, timeScale: timeScale)
            if clock.marks.count != marks { onTempo(clock.tempoMap()) }
            seconds += (decoder.seconds - before) * timeScale
            if var note = finished {
                guard seconds < request.lengthSeconds else { break }
                guard cadence.hasRoom(forNoteAt: seconds) else { continue }
                note.startSeconds = seconds
                note.durationSeconds *= timeScale
                guard repetition.admits(note) else { continue }
                cadence.shape(&note)
                notes.append(note)
                onNote(note)
            }
        }
        return (notes, events, clock.tempoMap())
    }

    /// The beat of a take without a chord plan (a model that reads no chords): the plans' own, 120 a minute.
    static let unplannedBeatSeconds = 0.5
}
