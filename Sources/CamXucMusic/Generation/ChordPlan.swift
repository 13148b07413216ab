/// The harmony of one take for the chord-conditioned LSTM: a key and a progression of chords with lengths in beats,
/// drawn from `ChordProgressions` for the target's quadrant, and the chord in force at any model time.
///
/// The plan is a pure function of its inputs and the take's seed. The tonic is drawn from the seed unless fixed;
/// the mode follows the sign of valence (major for V ≥ 0), not the quadrant's major share: the share would put a
/// quarter to a third of every quadrant's takes in the other mode, and the mode is the strongest cue to valence
/// the music has. The progression is drawn as `progressions.py`'s `sample()` draws it (start on the tonic, then
/// trigram, bigram or unigram; lengths per chord) until it covers twice the take's length in model time (room for
/// a faster tempo); past its end it starts again from its first chord.
public struct ChordPlan: Equatable, Sendable {
    public struct Chord: Equatable, Sendable {
        /// The chord id the model reads: 1 + 2·root + minor, root in semitones above the tonic.
        public var id: Int
        public var beats: Int
    }

    /// Tonic pitch class, C = 0.
    public var tonic: Int
    public var mode: MusicalControls.Mode
    public var chords: [Chord]
    /// Model seconds per beat.
    public var beatSeconds: Double
    /// Roman numerals of the chord ids.
    public var names: [Int: String]
    /// The chord that leads to the tonic at the take's end (`Cadence`), drawn from what comes before the tonic in
    /// the quadrant's music; nil, straight to the tonic.
    public var cadence: Int?
    /// How the tonic is written where the user named it ("C#" for `--key C#`): the plan's key is then spelled so
    /// (C# major, seven sharps) where that key has a signature; nil, as `MusicalFeatures.keyName` spells it.
    public var spelling: String? = nil

    /// The id of the tonic chord (I, or i in minor).
    public var tonicChordID: Int { mode == .major ? 1 : 2 }

    /// The model's key id: tonic + 12 for minor.
    public var keyID: Int { tonic + (mode == .minor ? 12 : 0) }

    public var lengthSeconds: Double { Double(chords.reduce(0) { $0 + $1.beats }) * beatSeconds }

    /// The index of the chord in force `seconds` into the take (model time), the plan repeating past its end.
    public func chordIndex(atModelSeconds seconds: Double) -> Int {
        let length = lengthSeconds
        guard !chords.isEmpty, length > 0, seconds.isFinite, seconds > 0 else { return 0 }
        let beat = Int((seconds.truncatingRemainder(dividingBy: length) / beatSeconds).rounded(.down))
        var end = 0
        for (index, chord) in chords.enumerated() {
            end += chord.beats
            if beat < end { return index }
        }
        return chords.count - 1
    }

    /// The beat, counted from the plan's start (its repeats included), on which the chord in force at `seconds` of
    /// model time began.
    public func chordStartBeat(atModelSeconds seconds: Double) -> Double {
        let length = lengthSeconds
        guard !chords.isEmpty, length > 0, seconds.isFinite, seconds > 0 else { return 0 }
        let cycles = (seconds / length).rounded(.down)
        let index = chordIndex(atModelSeconds: seconds)
        let before = chords.prefix(index).reduce(0) { $0 + $1.beats }
        return cycles * Double(chords.reduce(0) { $0 + $1.beats }) + Double(before)
    }

    /// The chord id in force at `seconds` of model time (25, unknown, for an empty plan).
    public func chordID(atModelSeconds seconds: Double) -> Int {
        chords.isEmpty ? MusicLSTM.ChordIDs.unknown : chords[chordIndex(atModelSeconds: seconds)].id
    }

    /// The chord's pitch classes relative to the tonic (root, third, fifth) at `seconds` of model time.
    public func chordDegrees(atModelSeconds seconds: Double) -> (root: Int, third: Int, fifth: Int)? {
        MusicLSTM.chordTones(chordID: chordID(atModelSeconds: seconds), keyID: mode == .minor ? 12 : 0)
    }

    /// The absolute pitch classes (C = 0) of the chord at `seconds` of model time.
    public func chordTones(atModelSeconds seconds: Double) -> (root: Int, third: Int, fifth: Int)? {
        MusicLSTM.chordTones(chordID: chordID(atModelSeconds: seconds), keyID: keyID)
    }

    /// "D minor i–bVI–bIII–bVII…": the key and the first `count` chords.
    public func summary(chords count: Int = 8) -> String {
        let numerals = chords.prefix(count).map { names[$0.id] ?? "?" }.joined(separator: "–")
        return "\(keySignature.name) \(numerals)\(chords.count > count ? "…" : "")"
    }

    /// The pitch class of a tonic written as a note name ("C", "C#", "Db", … "B"; the letter in either case), or nil.
    public static func tonic(named name: String) -> Int? {
        let letters: [Character: Int] = ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11]
        guard let first = name.first.flatMap({ letters[Character($0.uppercased())] }) else { return nil }
        switch name.dropFirst() {
        case "": return first
        case "#", "♯": return (first + 1) % 12
        case "b", "♭": return (first + 11) % 12
        default: return nil
        }
    }

    /// The seed of the plan's own generator: the take's seed mixed, so that the plan's draws and the sampler's
    /// never share a stream.
    static func planSeed(_ seed: UInt64) -> UInt64 { seed ^ 0x4348_4F52_4450_4C41 }

    /// Draws the plan of a take (see the type's description). `tonic` fixes the key's tonic (0–11).
    public static func sample(_ progressions: ChordProgressions, valence: Double, arousal: Double, seed: UInt64,
                              lengthSeconds: Double, tonic fixedTonic: Int? = nil) -> ChordPlan {
        var generator = SplitMix64(seed: planSeed(seed))
        let drawnTonic = Int(generator.next() % 12)
        let tonic = fixedTonic.map { (($0 % 12) + 12) % 12 } ?? drawnTonic
        let mode: MusicalControls.Mode = valence >= 0 ? .major : .minor
        let names = progressions.names
        guard let quadrant = progressions.quadrants[ChordProgressions.quadrantName(valence: valence, arousal: arousal)]
                ?? progressions.quadrants["all"] else {
            return ChordPlan(tonic: tonic, mode: mode, chords: [], beatSeconds: 0.5, names: names)
        }
        let table = mode == .major ? quadrant.major : quadrant.minor
        let target = max(2 * lengthSeconds, 8 * quadrant.beatSeconds)
        var chords: [Chord] = []
        var current = mode == .major ? 1 : 2
        var previous: Int?
        var covered = 0.0
        while covered < target, chords.count < 512 {
            let lengths = table.durationByState[current] ?? table.duration
            let index = ChordProgressions.draw(lengths.enumerated().map { ($0.offset, $0.element) }, generator: &generator) ?? 0
            chords.append(Chord(id: current, beats: index + 1))
            covered += Double(index + 1) * quadrant.beatSeconds
            var nexts: ChordProgressions.Distribution?
            if let previous { nexts = table.trigram[previous * 100 + current] }
            if nexts == nil { nexts = table.bigram[current] }
            let following = nexts.flatMap { ChordProgressions.draw($0, excluding: current, generator: &generator) }
                ?? ChordProgressions.draw(table.unigram, excluding: current, generator: &generator)
            guard let following else { break }
            previous = current
            current = following
        }
        // The cadence is drawn after the progression, so that adding it changed no plan's chords.
        let tonicID = mode == .major ? 1 : 2
        let cadence = ChordProgressions.draw(table.approaches(to: tonicID), generator: &generator)
        return ChordPlan(tonic: tonic, mode: mode, chords: chords, beatSeconds: quadrant.beatSeconds, names: names,
                         cadence: cadence)
    }
}

extension ChordPlan {
    /// The key signature of the plan's key, as a take composed on it is written with.
    public var keySignature: KeySignature { KeySignature(tonic: tonic, minor: mode == .minor).spelled(as: spelling) }
}

extension KeySignature {
    /// The keys of a take's harmony line, one a plan ("D minor i–iv–V–i", an arc's "C major I–V → C minor i–iv"),
    /// in order; empty when a segment names no key.
    public static func keys(ofHarmony harmony: String?) -> [KeySignature] {
        guard let harmony else { return [] }
        var keys: [KeySignature] = []
        for segment in harmony.components(separatedBy: " → ") {
            let words = segment.split(separator: " ")
            guard words.count >= 2, let tonic = ChordPlan.tonic(named: String(words[0])),
                  ["major", "minor"].contains(words[1]) else { return [] }
            keys.append(KeySignature(tonic: tonic, minor: words[1] == "minor").spelled(as: String(words[0])))
        }
        return keys
    }
}
