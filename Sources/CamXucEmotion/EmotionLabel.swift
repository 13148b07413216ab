/// One of the seven classes: the six Ekman emotions and neutral (UIT-VSMEC's Other), with its names and its place
/// on Russell's circumplex.
public struct EmotionLabel: Codable, Equatable, Hashable, Sendable {
    /// UIT-VSMEC's code: Enjoyment, Sadness, Anger, Fear, Disgust, Surprise, Other.
    public var code: String
    /// Vietnamese name (vui vẻ, buồn bã, …).
    public var vi: String
    /// English name.
    public var en: String
    /// Valence of the class, −1...1.
    public var valence: Double
    /// Arousal of the class, −1...1.
    public var arousal: Double

    public init(code: String, vi: String, en: String, valence: Double, arousal: Double) {
        self.code = code
        self.vi = vi
        self.en = en
        self.valence = valence
        self.arousal = arousal
    }

    public func name(english: Bool) -> String { english ? en : vi }
}
