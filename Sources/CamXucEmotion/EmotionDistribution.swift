/// Probabilities of the seven emotion classes for one text, and the circumplex point they imply.
public struct EmotionDistribution: Equatable, Sendable {
    public let labels: [EmotionLabel]
    /// Probabilities in the order of `labels`, summing to 1.
    public let probabilities: [Double]
    /// How calm the good feeling is, P(calm | Enjoyment) (`CalmHead`); nil, as lively as Enjoyment's point says.
    public let calmShare: Double?

    public init(labels: [EmotionLabel], probabilities: [Double], calmShare: Double? = nil) {
        self.labels = labels
        self.probabilities = probabilities
        self.calmShare = calmShare.map { min(max($0, 0), 1) }
    }

    /// The most likely class.
    public var winner: EmotionLabel {
        labels[probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0]
    }

    /// (label, probability) from most to least likely.
    public var sorted: [(label: EmotionLabel, probability: Double)] {
        zip(labels, probabilities).sorted { $0.1 > $1.1 }.map { ($0.0, $0.1) }
    }

    /// V = Σ pᵢ·vᵢ and A = Σ pᵢ·aᵢ over the classes' circumplex coordinates, Enjoyment's arousal a taken as
    /// a · (1 − 2 · `calmShare`): +0.4 for lively joy, −0.4 for calm contentment.
    public var point: CircumplexPoint {
        var valence = 0.0, arousal = 0.0
        for (label, probability) in zip(labels, probabilities) {
            valence += probability * label.valence
            let calm = label.code == "Enjoyment" ? calmShare ?? 0 : 0
            arousal += probability * label.arousal * (1 - 2 * calm)
        }
        return CircumplexPoint(valence: valence, arousal: arousal)
    }

    public func probability(of code: String) -> Double? {
        labels.firstIndex { $0.code == code }.map { probabilities[$0] }
    }
}
