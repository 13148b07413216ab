/// A point on Russell's valence/arousal circumplex; both coordinates in −1...1.
public struct CircumplexPoint: Codable, Equatable, Hashable, Sendable {
    public var valence: Double
    public var arousal: Double

    public init(valence: Double, arousal: Double) {
        self.valence = valence
        self.arousal = arousal
    }

    /// The point with both coordinates clamped to −1...1.
    public var clamped: CircumplexPoint {
        CircumplexPoint(valence: min(max(valence, -1), 1), arousal: min(max(arousal, -1), 1))
    }

    /// The quadrant, Q1 (positive valence, high arousal) counter-clockwise to Q4 (positive valence, low arousal),
    /// as EMOPIA numbers them. A coordinate of exactly 0 counts as positive.
    public var quadrant: Int {
        switch (valence >= 0, arousal >= 0) {
        case (true, true): return 1
        case (false, true): return 2
        case (false, false): return 3
        case (true, false): return 4
        }
    }
}
