#if canImport(Glibc)
import Glibc
#endif

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
    /// Logit penalty for a time shift right after a note, so that another note joins it at the same onset: a
    /// fuller chord where the network alone plays single notes (see `Mapping.onsetSlope`).
    public var onsetPenalty: Float = 0

    public init() {}

    public static func == (a: MusicalControls, b: MusicalControls) -> Bool {
        a.keyTonic == b.keyTonic && a.keyMode == b.keyMode && a.keyStrength == b.keyStrength
            && a.velocityRange == b.velocityRange && a.durationRange == b.durationRange
            && a.registerCenter == b.registerCenter && a.registerHalfWidth == b.registerHalfWidth
            && a.tempoScale == b.tempoScale && a.rangeStrength == b.rangeStrength && a.harmonicMinor == b.harmonicMinor && a.preservePitchMass == b.preservePitchMass
            && a.triadShare == b.triadShare && a.planTriadShare == b.planTriadShare && a.chordSeconds == b.chordSeconds
            && a.onsetPenalty == b.onsetPenalty
    }

    /// How an emotion point becomes controls: the slopes and strengths `derived` uses. The defaults were chosen
    /// on tuning seeds apart from the evaluation's (docs/DECISIONS.md has the figures).
    public struct Mapping: Equatable, Sendable {
        /// Key bias for major (positive valence) and minor (negative valence) pieces.
        public var majorStrength: Float = 6
        public var minorStrength: Float = 8
        /// Minor pieces use the harmonic minor scale (raised 7th, no flat 7th) so they cannot drift into the
        /// relative major, whose scale the natural minor shares.
        public var harmonicMinor = true
        /// Velocity centre is 64 + `velocitySlope`·arousal, ± `velocitySpread` (30, from 22: see `triadShare`).
        public var velocitySlope: Double = 28
        public var velocitySpread: Double = 30
        /// Longest preferred note: `durationBase` − `durationSlope`·arousal seconds. The register's half-width 24
        /// (from 18) and 3 (from 2) were chosen on the tuning seeds against EMOPIA valid, 3 rather than 4 for
        /// emotional arcs (docs/DECISIONS.md, "Lighter controls"); then 3.5 with `triadShare` 0 (see there).
        public var durationBase: Double = 3.5
        public var durationSlope: Double = 1.2
        /// `onsetPenalty` per unit of −arousal (0 at positive arousal). At low arousal the network played 1.2 notes
        /// per onset where EMOPIA's calm and sad clips have 1.6–1.9, so the texture was thin (polyphony 4.4–4.5
        /// against 5.9–7.0); 1 was chosen of 0, 1, 1.5 and 2 on the tuning seeds against EMOPIA valid
        /// (docs/DECISIONS.md, "Fuller chords at low arousal").
        public var onsetSlope: Double = 1
        /// Register centre 62 + `registerSlope`·valence, half-width `registerHalfWidth` semitones.
        public var registerSlope: Double = 7
        public var registerHalfWidth: Int = 24
        /// Tempo scale 1 + `tempoSlope`·arousal; at positive arousal `tempoSlopeHigh` instead where it is set.
        public var tempoSlope: Double = 0.3
        public var tempoSlopeHigh: Double?
        /// Key and register biases move probability between pitches only, never towards or away from notes as a
        /// whole (so a strong key bias does not make the music denser).
        public var preservePitchMass = true
        /// Under a chord plan, the bonus for the plan's chord in force as a fraction of the key strength. 0 since
        /// the chord-conditioned model follows the plan's chords by itself: with 0.5, 91–96 % of each beat was one
        /// triad against EMOPIA's 80–86 %. 0, `velocitySpread` 30 and `durationBase` 3.5 were chosen together on the
        /// tuning seeds against EMOPIA valid by Yang & Lerch's intra/inter-set overlap, with both classifiers'
        /// quadrant agreement and the arc texts as constraints (docs/DECISIONS.md, "No chord-tone bonus").
        public var triadShare: Float = 0
        /// Without a plan (the older model, which has no chord input), the bonus for the fixed loop's chord in
        /// force, as before.
        public var loopTriadShare: Float = 0.5
        /// Seconds per chord of the progression the triad bonus follows; 0 keeps the tonic triad.
        public var chordSeconds: Double = 3

        public init() {}

        /// Sets fields from "name=value" pairs (the names above); returns the pairs it did not understand.
        public mutating func set(_ pairs: [String]) -> [String] {
            var unknown: [String] = []
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let number = Double(parts[1]) else { unknown.append(pair); continue }
                switch parts[0] {
                case "majorStrength": majorStrength = Float(number)
                case "minorStrength": minorStrength = Float(number)
                case "harmonicMinor": harmonicMinor = number != 0
                case "velocitySlope": velocitySlope = number
                case "velocitySpread": velocitySpread = number
                case "durationBase": durationBase = number
                case "durationSlope": durationSlope = number
                case "onsetSlope": onsetSlope = number
                case "registerSlope": registerSlope = number
                case "registerHalfWidth": registerHalfWidth = Int(number)
                case "tempoSlope": tempoSlope = number
                case "tempoSlopeHigh": tempoSlopeHigh = number
                case "preservePitchMass": preservePitchMass = number != 0
                case "triadShare": triadShare = Float(number)
                case "loopTriadShare": loopTriadShare = Float(number)
                case "chordSeconds": chordSeconds = number
                default: unknown.append(pair)
                }
            }
            return unknown
        }
    }

    /// Whether minor pieces leave out the flat 7th (see `Mapping.harmonicMinor`).
    public var harmonicMinor = false
    /// See `Mapping.preservePitchMass`.
    public var preservePitchMass = false
    /// The bonus for the chord in force as a fraction of `keyStrength`.
    public var triadShare: Float = 0.5
    /// The `triadShare` that applies once these controls follow a chord plan (`following(_:share:)`).
    public var planTriadShare: Float = 0
    /// Seconds each chord of the progression lasts; 0 keeps the tonic triad throughout. With a length, the triad
    /// bonus follows I–IV–V–I (major) or i–VI–iv–i (minor), one chord after another, round and round.
    public var chordSeconds: Double = 0

    /// The progression the triad bonus follows ("i–VI–iv–i"), or nil when the tonic triad keeps it throughout.
    public var progressionName: String? {
        guard keyTonic != nil, chordSeconds > 0 else { return nil }
        return keyMode == .major ? "I–IV–V–I" : "i–VI–iv–i"
    }

    /// The pitch classes (semitones above the tonic) of the chord in force `seconds` into the take. The minor
    /// progression avoids the dominant, whose major triad made minor takes read as major (docs/DECISIONS.md).
    static func chord(at seconds: Double, mode: Mode, chordSeconds: Double) -> Set<Int> {
        let tonicTriad: Set<Int> = mode == .major ? [0, 4, 7] : [0, 3, 7]
        guard chordSeconds > 0, seconds.isFinite, seconds >= 0 else { return tonicTriad }
        let step = Int(seconds / chordSeconds) % 4
        if mode == .major { return [tonicTriad, [5, 9, 0], [7, 11, 2], tonicTriad][step] }  // I IV V I
        return [tonicTriad, [8, 0, 3], [5, 8, 0], tonicTriad][step]  // i VI iv i
    }

    /// The controls music psychology suggests for a point: faster, louder and shorter notes with arousal; major and
    /// a higher register with positive valence.
    public static func derived(valence: Double, arousal: Double, mapping: Mapping = Mapping()) -> MusicalControls {
        let v = min(max(valence, -1), 1), a = min(max(arousal, -1), 1)
        var controls = MusicalControls()
        controls.keyTonic = 0
        controls.keyMode = v >= 0 ? .major : .minor
        controls.keyStrength = v >= 0 ? mapping.majorStrength : mapping.minorStrength
        controls.harmonicMinor = mapping.harmonicMinor
        controls.triadShare = mapping.loopTriadShare
        controls.planTriadShare = mapping.triadShare
        controls.chordSeconds = mapping.chordSeconds
        controls.preservePitchMass = mapping.preservePitchMass
        let loudness = Int((64 + mapping.velocitySlope * a).rounded())
        let spread = Int(mapping.velocitySpread.rounded())
        controls.velocityRange = min(max(loudness - spread, 1), 127)...max(min(loudness + spread, 127), 1)
        controls.durationRange = 0.05...max(mapping.durationBase - mapping.durationSlope * a, 0.1)
        controls.registerCenter = Int((62 + mapping.registerSlope * v).rounded())
        controls.registerHalfWidth = mapping.registerHalfWidth
        controls.tempoScale = max(1 + (a > 0 ? mapping.tempoSlopeHigh ?? mapping.tempoSlope : mapping.tempoSlope) * a, 0.25)
        controls.onsetPenalty = Float(mapping.onsetSlope * max(-a, 0))
        return controls
    }

    /// These controls (derived from the point `from`, then perhaps adjusted) moved to the point `to`, as an
    /// emotional arc moves: velocity, note lengths, register, and the key's mode and strength are derived anew for
    /// `to`; the tempo is scaled by the ratio of the two points' tempos, so a tempo factor set by hand stays (with
    /// `keepingTempo`, a pace given by a primer, it stays as it is); a key bias that was off stays off, and a fixed
    /// tonic stays.
    public func moved(from: (valence: Double, arousal: Double), to: (valence: Double, arousal: Double),
                      keepingTempo: Bool = false, mapping: Mapping = Mapping()) -> MusicalControls {
        let before = Self.derived(valence: from.valence, arousal: from.arousal, mapping: mapping)
        let after = Self.derived(valence: to.valence, arousal: to.arousal, mapping: mapping)
        var controls = self
        if keyTonic != nil {
            controls.keyMode = after.keyMode
            controls.keyStrength = after.keyStrength
        }
        if velocityRange != nil { controls.velocityRange = after.velocityRange }
        if durationRange != nil { controls.durationRange = after.durationRange }
        if registerCenter != nil { controls.registerCenter = after.registerCenter }
        controls.onsetPenalty = after.onsetPenalty
        if !keepingTempo { controls.tempoScale = max(tempoScale * after.tempoScale / before.tempoScale, 0.1) }
        return controls
    }

    public static let majorScale: Set<Int> = [0, 2, 4, 5, 7, 9, 11]
    public static let minorScale: Set<Int> = [0, 2, 3, 5, 7, 8, 10]  // natural minor, with the raised 7th allowed below

    /// Adds the biases to `logits` (one entry per vocabulary event); `seconds` is the time in the take, which picks
    /// the chord when the key bias follows a progression; `chordDegrees` (semitones above the tonic), when given,
    /// is the chord of a plan instead; `afterNote` says the event before was a note's DURATION (`onsetPenalty`).
    public func apply(to logits: inout [Float], vocabulary: EventVocabulary, seconds: Double = 0,
                      chordDegrees: (root: Int, third: Int, fifth: Int)? = nil, afterNote: Bool = false) {
        let spec = vocabulary.spec
        if afterNote, onsetPenalty > 0 {
            for steps in 1...spec.timeShift.steps {
                if let index = vocabulary.index(of: .timeShift(steps: steps)) { logits[index] -= onsetPenalty }
            }
        }
        let pitchMassBefore = preservePitchMass ? pitchLogSumExp(logits, vocabulary: vocabulary) : 0
        if let tonic = keyTonic {
            var scale = keyMode == .major ? Self.majorScale : Self.minorScale
            if keyMode == .minor {
                scale.insert(11)  // harmonic minor's leading tone
                if harmonicMinor { scale.remove(10) }
            }
            let triad = chordDegrees.map { Set([$0.root, $0.third, $0.fifth]) }
                ?? Self.chord(at: seconds, mode: keyMode, chordSeconds: chordSeconds)
            for pitch in spec.pitch.lowest...spec.pitch.highest {
                guard let index = vocabulary.index(of: .note(pitch: pitch)) else { continue }
                let degree = ((pitch - tonic) % 12 + 12) % 12
                if !scale.contains(degree) { logits[index] -= keyStrength }
                if triad.contains(degree) { logits[index] += keyStrength * triadShare }
            }
        }
        if let center = registerCenter {
            for pitch in spec.pitch.lowest...spec.pitch.highest {
                guard let index = vocabulary.index(of: .note(pitch: pitch)) else { continue }
                let outside = abs(pitch - center) - registerHalfWidth
                if outside > 0 { logits[index] -= Float(outside) / 6 }
            }
        }
        if preservePitchMass, keyTonic != nil || registerCenter != nil {
            let shift = pitchMassBefore - pitchLogSumExp(logits, vocabulary: vocabulary)
            for pitch in spec.pitch.lowest...spec.pitch.highest {
                if let index = vocabulary.index(of: .note(pitch: pitch)) { logits[index] += shift }
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

    /// log Σ exp over the pitch events' logits.
    func pitchLogSumExp(_ logits: [Float], vocabulary: EventVocabulary) -> Float {
        let spec = vocabulary.spec
        var largest = -Float.infinity
        for pitch in spec.pitch.lowest...spec.pitch.highest {
            if let index = vocabulary.index(of: .note(pitch: pitch)) { largest = max(largest, logits[index]) }
        }
        guard largest.isFinite else { return largest }
        var sum: Float = 0
        for pitch in spec.pitch.lowest...spec.pitch.highest {
            if let index = vocabulary.index(of: .note(pitch: pitch)) { sum += expf(logits[index] - largest) }
        }
        return largest + logf(sum)
    }
}
