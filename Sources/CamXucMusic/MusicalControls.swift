/// Musical controls applied to the model's logits while it generates: soft biases, never hard masks (a hard scale
/// mask made the music worse than a soft bias towards the key and its tonic triad).
public struct MusicalControls: Equatable, Sendable {
    public enum Mode: String, Sendable, CaseIterable { case major, minor }

    /// Pitch class of the tonic (0 = C) and the mode; nil leaves the key free.
    public var key: (tonic: Int, mode: Mode)? {
        get { keyTonic.map { ($0, keyMode) } }
        set { keyTonic = newValue?.tonic; keyMode = newValue?.mode ?? .major }
    }
    public var keyTonic: Int?
    public var keyMode: Mode = .major
    /// Logit penalty for notes outside the scale (the tonic triad gets half of it as a bonus).
    public var keyStrength: Float = 1.5
    /// Preferred velocities; velocity events outside get a penalty.
    public var velocityRange: ClosedRange<Int>?
    /// Preferred note lengths in seconds; duration events outside get a penalty.
    public var durationRange: ClosedRange<Double>?
    /// Centre and half-width of the preferred register (MIDI pitches); notes further away are penalised.
    public var register: (center: Int, halfWidth: Int)? {
        get { registerCenter.map { ($0, registerHalfWidth) } }
        set { registerCenter = newValue?.center; registerHalfWidth = newValue?.halfWidth ?? 18 }
    }
    public var registerCenter: Int?
    public var registerHalfWidth: Int = 18
    /// Time is divided by this when events become notes: 1.2 plays 20 % faster.
    public var tempoScale: Double = 1
    /// Logit penalty for velocity and duration events outside their ranges.
    public var rangeStrength: Float = 3

    public init() {}

    public static func == (a: MusicalControls, b: MusicalControls) -> Bool {
        a.keyTonic == b.keyTonic && a.keyMode == b.keyMode && a.keyStrength == b.keyStrength
            && a.velocityRange == b.velocityRange && a.durationRange == b.durationRange
            && a.registerCenter == b.registerCenter && a.registerHalfWidth == b.registerHalfWidth
            && a.tempoScale == b.tempoScale && a.rangeStrength == b.rangeStrength
    }

    /// The controls music psychology suggests for a point: faster, louder and shorter notes with arousal; major and
    /// a higher register with positive valence.
    public static func derived(valence: Double, arousal: Double) -> MusicalControls {
        let v = min(max(valence, -1), 1), a = min(max(arousal, -1), 1)
        var controls = MusicalControls()
        controls.keyTonic = 0
        controls.keyMode = v >= 0 ? .major : .minor
        let loudness = Int((64 + 28 * a).rounded())
        controls.velocityRange = max(loudness - 22, 1)...min(loudness + 22, 127)
        controls.durationRange = 0.05...(1.6 - 0.8 * a)
        controls.registerCenter = Int((62 + 7 * v).rounded())
        controls.tempoScale = 1 + 0.2 * a
        return controls
    }

    public static let majorScale: Set<Int> = [0, 2, 4, 5, 7, 9, 11]
    public static let minorScale: Set<Int> = [0, 2, 3, 5, 7, 8, 10]  // natural minor, with the raised 7th allowed below

    /// Adds the biases to `logits` (one entry per vocabulary event).
    public func apply(to logits: inout [Float], vocabulary: EventVocabulary) {
        let spec = vocabulary.spec
        if let tonic = keyTonic {
            var scale = keyMode == .major ? Self.majorScale : Self.minorScale
            if keyMode == .minor { scale.insert(11) }  // harmonic minor's leading tone
            let triad: Set<Int> = keyMode == .major ? [0, 4, 7] : [0, 3, 7]
            for pitch in spec.pitch.lowest...spec.pitch.highest {
                guard let index = vocabulary.index(of: .note(pitch: pitch)) else { continue }
                let degree = ((pitch - tonic) % 12 + 12) % 12
                if !scale.contains(degree) { logits[index] -= keyStrength }
                if triad.contains(degree) { logits[index] += keyStrength / 2 }
            }
        }
        if let center = registerCenter {
            for pitch in spec.pitch.lowest...spec.pitch.highest {
                guard let index = vocabulary.index(of: .note(pitch: pitch)) else { continue }
                let outside = abs(pitch - center) - registerHalfWidth
                if outside > 0 { logits[index] -= Float(outside) / 6 }
            }
        }
        if let range = velocityRange {
            for bin in 0..<spec.velocity.bins where !range.contains(vocabulary.velocity(ofBin: bin)) {
                if let index = vocabulary.index(of: .velocity(bin: bin)) { logits[index] -= rangeStrength }
            }
        }
        if let range = durationRange {
            for (bin, milliseconds) in spec.duration.centersMs.enumerated()
            where !range.contains(Double(milliseconds) / 1000) {
                if let index = vocabulary.index(of: .duration(bin: bin)) { logits[index] -= rangeStrength }
            }
        }
    }
}
