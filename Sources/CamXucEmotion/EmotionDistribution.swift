/// Probabilities of the seven emotion classes for one text, and the circumplex point they imply.
public struct EmotionDistribution: Equatable, Sendable {
    public let labels: [EmotionLabel]
    /// Probabilities in the order of `labels`, summing to 1.
    public let probabilities: [Double]

    public init(labels: [EmotionLabel], probabilities: [Double]) {
        self.labels = labels
        self.probabilities = probabilities
    }

    /// The most likely class.
    public var winner: EmotionLabel {
        labels[probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0]
    }

    /// (label, probability) from most to least likely.
    public var sorted: [(label: EmotionLabel, probability: Double)] {
        zip(labels, probabilities).sorted { $0.1 > $1.1 }.map { ($0.0, $0.1) }
    }

    /// V = Σ pᵢ·vᵢ and A = Σ pᵢ·aᵢ over the classes' circumplex coordinates.
    public var point: CircumplexPoint {
        var valence = 0.0, arousal = 0.0
        for (label, probability) in zip(labels, probabilities) {
            valence += probability * label.valence
            arousal += probability * label.arousal
        }
        return CircumplexPoint(valence: valence, arousal: arousal)
    }

    public func probability(of code: String) -> Double? {
        labels.firstIndex { $0.code == code }.map { probabilities[$0] }
    }
}
