/// The sampling parameters that produced a generated take, kept so that the take can be made again.
public struct SamplingSettings: Codable, Hashable, Sendable {
    /// Softmax temperature; 0 means always take the most likely event.
    public var temperature: Double
    /// Keep only the k most likely events (0 keeps all).
    public var topK: Int
    /// Keep the smallest set of events whose probabilities reach p (1 keeps all).
    public var topP: Double
    /// Classifier-free guidance strength (1 is plain conditional sampling).
    public var guidance: Double
    /// Seed of the SplitMix64 generator.
    public var seed: UInt64
    /// Requested length of the take in seconds.
    public var lengthSeconds: Double

    public init(temperature: Double = 1.0, topK: Int = 0, topP: Double = 1.0, guidance: Double = 1.0,
                seed: UInt64 = 0, lengthSeconds: Double = 30) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.guidance = guidance
        self.seed = seed
        self.lengthSeconds = lengthSeconds
    }
}

/// A change of the live parameters while a take was being composed, with the take time it took effect from: a take
/// made with the temperature raised at 7 s records that, so it can be understood (and made again).
public struct ParameterChange: Codable, Hashable, Sendable {
    /// Seconds into the take from which the new values applied.
    public var seconds: Double
    public var temperature: Double
    public var topK: Int
    public var topP: Double
    public var guidance: Double
    public var keyLock: Bool
    public var tempoScale: Double

    public init(seconds: Double, temperature: Double, topK: Int, topP: Double, guidance: Double, keyLock: Bool,
                tempoScale: Double) {
        self.seconds = seconds
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.guidance = guidance
        self.keyLock = keyLock
        self.tempoScale = tempoScale
    }
}
