/// What produced a take: the text, the emotion point, the sampling parameters and the model.
///
/// It travels inside the MIDI file as a text meta event, so a saved take can be reproduced from the file alone.
public struct TakeMetadata: Codable, Hashable, Sendable {
    /// A short human title (also written as the MIDI track name).
    public var title: String?
    /// The text the emotion was read from.
    public var text: String?
    /// Target valence, −1...1.
    public var valence: Double?
    /// Target arousal, −1...1.
    public var arousal: Double?
    /// The sampling parameters of the generator.
    public var sampling: SamplingSettings?
    /// Identifier of the model that generated the take (name and version).
    public var modelID: String?
    /// When the take was made, ISO 8601.
    public var created: String?
    /// True when composition stopped before the take's length (restarted, or saved while composing).
    public var partial: Bool?
    /// The emotion's class when it was chosen by hand in the studio (keys 1–7), not read from the text.
    public var emotionChosen: String?
    /// The class the text was read as, where the take's point is that reading's (the studio's takes list names it
    /// beside an emotion chosen by hand).
    public var emotionRead: String?
    /// True when the point was moved by hand on the studio's plane (neither the text's reading nor a class chosen).
    public var pointChosen: Bool?
    /// Where a continuation's emotion came from when nothing was given for it (no text, class or point): the
    /// continued file's own, as the judge hears its notes ("judged") or as its file records it ("recorded").
    public var ownEmotion: String?
    /// Key lock and tempo scale at the start (the studio's parameters beside `sampling`).
    public var keyLock: Bool?
    public var tempoScale: Double?
    /// Parameters changed while the take was composed, in take time.
    public var parameterChanges: [ParameterChange]?
    /// The key and chord progression the model followed ("G minor i–bVI–bIII–bVII…"), for chord-conditioned models.
    public var harmony: String?
    /// The emotional arc the take followed (each segment's times, point and sentence), when its text had several
    /// sentences.
    public var arc: EmotionArc?
    /// The MIDI file (or take) this take continues, when it began with one.
    public var primer: PrimerRecord?
    /// The studio take this one was made from (opened file continued, or continued from the playhead).
    public var parent: Int?
    /// Where the studio last saved the take with s or S (its kept copy remembers it across sessions).
    public var savedAs: String?

    public init(title: String? = nil, text: String? = nil, valence: Double? = nil, arousal: Double? = nil,
                sampling: SamplingSettings? = nil, modelID: String? = nil, created: String? = nil, partial: Bool? = nil,
                emotionChosen: String? = nil, keyLock: Bool? = nil, tempoScale: Double? = nil,
                parameterChanges: [ParameterChange]? = nil) {
        self.title = title
        self.text = text
        self.valence = valence
        self.arousal = arousal
        self.sampling = sampling
        self.modelID = modelID
        self.created = created
        self.partial = partial
        self.emotionChosen = emotionChosen
        self.keyLock = keyLock
        self.tempoScale = tempoScale
        self.parameterChanges = parameterChanges
    }

    /// True when nothing is set.
    public var isEmpty: Bool { self == TakeMetadata() }
}

extension TakeMetadata {
    /// The same metadata with `harmony` set.
    public func with(harmony: String?) -> TakeMetadata {
        var copy = self
        copy.harmony = harmony
        return copy
    }

    /// The same metadata with `arc` set.
    public func with(arc: EmotionArc?) -> TakeMetadata {
        var copy = self
        copy.arc = arc
        return copy
    }
}
