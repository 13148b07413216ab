/// How a take ends: on a cadence, not where the clock runs out.
///
/// A take used to stop at its length wherever the music was: mid-phrase, on whatever chord the plan had reached, its
/// last notes cut or left hanging past the end. Now its last chords are a cadence: the chord that leads to the tonic
/// in the quadrant's own music (`ChordPlan.cadence`, drawn from the progressions' tables: V, IV, ♭VI, ♭VII…) for two
/// beats, then the tonic, on an even beat 2–4 beats before the end. The network is told these chords as it is told
/// the plan's and plays into them by itself; over the tonic its tones are favoured (`apply`). A beat before the end
/// (or half a beat after a late first note on the tonic) the take stops: every tonic-chord note struck over the tonic
/// rings to the end (a pianist's final chord held with the pedal), a note that is not one of the tonic's tones stops
/// where the tonic begins or where the ringing begins, and no note outlasts the take — a take too short for a cadence
/// included (a 3-s sketch's last bass note rang on for 4.7 s).
///
/// Chosen on the tuning seeds against EMOPIA's train and valid clips (docs/DECISIONS.md, "Takes end on a cadence"):
/// stopping a beat after the tonic's first note instead left the last 2–4 beats bare and the takes a little less
/// like EMOPIA's (overlap 0.924 against 0.926 with no cadence); playing on over the tonic kept it (0.926).
///
/// A take shorter than `leastBeats` beats, or one without a chord plan (a model that reads no chords), ends as it
/// did. Along an arc, the cadence is the last segment's (its key and mode). Everything is a function of the take's
/// time, its beat clock and its plan: the same seed and settings end the same way.
struct Cadence: Sendable {
    /// Beats of the approach chord, and the least the tonic is held.
    static let approachBeats = 2.0
    static let holdBeats = 2.0
    /// A take shorter than this has no cadence.
    static let leastBeats = 8.0
    /// A note this close before the tonic's beat counts as struck on it (a chord rolled or played a hair early).
    static let onsetTolerance = 0.03

    let lengthSeconds: Double
    /// The beat of the clock the tonic starts on, fixed when the approach begins (a live change of tempo then
    /// moves the tonic's time, never its beat).
    private var tonicBeat: Double?
    /// Take time of the tonic's first beat: estimated from the tempo in force until the clock reaches it.
    private(set) var tonicSeconds: Double?
    /// The tonic chord's pitch classes (C = 0) of the plan in force, and that plan's key id.
    private var tonicTones: Set<Int> = []
    private var tonicKey: Int?
    private var firstTonicOnset: Double?
    /// Notes struck on the tonic so far.
    private var struck = 0
    /// Whether the network reads the tonic now.
    private var readsTonic = false
    private var secondsPerBeat = 0.5

    init(lengthSeconds: Double) {
        self.lengthSeconds = lengthSeconds
    }

    /// Whether the cadence has begun (the approach chord or the tonic is what the network reads).
    var hasBegun: Bool { tonicBeat != nil }

    /// Called before each step, with the take time, the beat the clock has counted, the take seconds a beat lasts
    /// now, and the plan in force: the chord the network reads instead of the plan's, or nil.
    mutating func chord(atSeconds seconds: Double, beat: Double, secondsPerBeat: Double, plan: ChordPlan?) -> Int? {
        guard let plan, !plan.chords.isEmpty, secondsPerBeat > 0, secondsPerBeat.isFinite, lengthSeconds.isFinite
        else { return nil }
        self.secondsPerBeat = secondsPerBeat
        // The chord is read a moment ahead of the event, as the plan's is (`Generator.chordID`).
        let ahead = beat + Generator.lookaheadSeconds / plan.beatSeconds
        if plan.keyID != tonicKey {
            tonicKey = plan.keyID
            let third = plan.mode == .minor ? 3 : 4
            tonicTones = [plan.tonic, (plan.tonic + third) % 12, (plan.tonic + 7) % 12]
        }
        if tonicBeat == nil {
            let endBeat = beat + (lengthSeconds - seconds) / secondsPerBeat
            guard endBeat >= Self.leastBeats else { return nil }
            // An even beat, held 2 to 4 beats.
            let tonic = ((endBeat - Self.holdBeats) / 2).rounded(.down) * 2
            tonicSeconds = seconds + (tonic - beat) * secondsPerBeat
            guard ahead >= tonic - Self.approachBeats else { return nil }
            tonicBeat = tonic
        }
        guard let tonicBeat else { return nil }
        if beat < tonicBeat { tonicSeconds = seconds + (tonicBeat - beat) * secondsPerBeat }
        readsTonic = ahead >= tonicBeat
        return readsTonic ? plan.tonicChordID : plan.cadence
    }

    /// The shortest note a take keeps; one that would start later than this before the take's end is left out (it
    /// rang up to 10 ms past the end of a take too short for a cadence).
    static let shortestNote = 0.01

    /// Whether a note struck at `seconds` has room for `shortestNote` before the take's end.
    func hasRoom(forNoteAt seconds: Double) -> Bool { seconds <= lengthSeconds - Self.shortestNote }

    /// Shapes a note just made (its start and length in take time; see the type's description).
    mutating func shape(_ note: inout EventVocabulary.DecodedNote) {
        guard lengthSeconds.isFinite else { return }
        defer { note.durationSeconds = max(min(note.durationSeconds, lengthSeconds - note.startSeconds), Self.shortestNote) }
        guard let tonicSeconds else { return }
        let end = note.startSeconds + note.durationSeconds
        if hasBegun, note.startSeconds >= tonicSeconds - Self.onsetTolerance {
            if firstTonicOnset == nil { firstTonicOnset = note.startSeconds }
            struck += 1
            let ringing = lengthSeconds - Self.ringBeats * secondsPerBeat
            if tonicTones.contains(note.pitch % 12) {
                note.durationSeconds = max(note.durationSeconds, lengthSeconds - note.startSeconds)
            } else if note.startSeconds + note.durationSeconds > ringing {
                note.durationSeconds = max(ringing - note.startSeconds, 0.05)
            }
        } else if end > tonicSeconds, !tonicTones.contains(note.pitch % 12),
                  tonicSeconds - note.startSeconds > Self.onsetTolerance {
            note.durationSeconds = tonicSeconds - note.startSeconds
        }
    }

    /// Logits added while the tonic is struck: tones outside the tonic chord lose `offChordPenalty`, the first
    /// note struck (the lowest of a chord: notes that start together come low to high, as the network learnt them)
    /// gains `rootBonus` on the tonic's own pitch class, and until `fullChord` notes have been struck a time shift
    /// right after a note loses `spreadPenalty`, so that they sound together. The network's choice otherwise: its
    /// register, its voicing, how loud.
    static let offChordPenalty: Float = 3
    static let rootBonus: Float = 1.5
    static let spreadPenalty: Float = 1
    static let fullChord = 3

    /// Adds the strike's biases (see above) to `logits` while the network reads the tonic; `afterNote` says the event
    /// before was a note's DURATION.
    func apply(to logits: inout [Float], vocabulary: EventVocabulary, afterNote: Bool) {
        guard readsTonic, let tonic = tonicKey.map({ $0 % 12 }) else { return }
        let spec = vocabulary.spec
        for pitch in spec.pitch.lowest...spec.pitch.highest {
            guard let index = vocabulary.index(of: .note(pitch: pitch)) else { continue }
            if !tonicTones.contains(pitch % 12) { logits[index] -= Self.offChordPenalty }
            if firstTonicOnset == nil, (pitch - tonic) % 12 == 0 { logits[index] += Self.rootBonus }
        }
        if afterNote, struck < Self.fullChord {
            for steps in 1...spec.timeShift.steps {
                if let index = vocabulary.index(of: .timeShift(steps: steps)) { logits[index] -= Self.spreadPenalty }
            }
        }
    }

    /// Whether the take is over at `seconds`: the tonic has been struck and its beat has passed.
    func isOver(atSeconds seconds: Double) -> Bool {
        guard let first = firstTonicOnset, tonicSeconds != nil else { return false }
        return seconds >= max(lengthSeconds - Self.ringBeats * secondsPerBeat, first + secondsPerBeat / 2)
    }

    /// The beats at the end in which nothing new is struck: the last chord rings.
    static let ringBeats = 1.0
}
