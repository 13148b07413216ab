/// Keeps the top line of a take from striking one pitch more than `maximumRun` times in a row.
///
/// The top line is the highest note of each onset (the notes that start within 10 ms of the onset's first, in take
/// time, as the evaluation groups them). After `maximumRun`
/// onsets whose top was the same pitch, that pitch is left out of the next onset altogether, so its top is another
/// pitch. It watches the tokens the generator feeds and takes the pitch out of the logits before sampling; nothing
/// else is changed (issue #13 counted runs of up to 11 strikes of one pitch in takes of the chord model).
///
/// It also lets no key be struck again within `restrikeSeconds` of its last strike (`admits`): takes held such "flams"
/// (a key struck, then again one 10-ms step later: an 8-ms sliver in the file and a doubled attack), about ten a
/// minute in happy and tense takes, where 200 EMOPIA clips (52,897 notes) have none; no pianist repeats a key that
/// fast. The second strike is left out of the take, the first keeping its own length; the network is not steered
/// (taking the key out of its choices moved the music elsewhere: the joy half of a joy-then-sadness arc came out
/// lower and quieter than before, over 24 seeds).
struct RepetitionGuard: Sendable {
    static let maximumRun = 6
    /// The shortest time between two strikes of one key.
    static let restrikeSeconds = 0.03

    /// When each key was last struck in the take (take time).
    private var lastStrike: [Int: Double] = [:]

    /// The tops of the finished onsets, the latest last (at most `maximumRun`).
    private var tops: [Int] = []
    /// Notes starting within this many seconds of an onset's first belong to it.
    static let onsetSeconds = 0.01

    /// The onset being made: when it began (take time) and its highest pitch so far.
    private var onsetStart: Double?
    private var onsetTop = 0

    private func isInOnset(_ seconds: Double) -> Bool {
        onsetStart.map { seconds - $0 < Self.onsetSeconds } ?? false
    }

    /// Notes `token`, fed at `seconds` of take time.
    mutating func observe(_ token: Int, seconds: Double, vocabulary: EventVocabulary) {
        guard case let .note(pitch)? = vocabulary.event(token) else { return }
        if isInOnset(seconds) {
            onsetTop = max(onsetTop, pitch)
            return
        }
        if onsetStart != nil { tops = Array((tops + [onsetTop]).suffix(Self.maximumRun)) }
        onsetStart = seconds
        onsetTop = pitch
    }

    /// The pitch a note sampled at `seconds` of take time must not have, if any.
    func blockedPitch(atSeconds seconds: Double) -> Int? {
        var history = tops
        if onsetStart != nil, !isInOnset(seconds) { history = Array((history + [onsetTop]).suffix(Self.maximumRun)) }
        guard history.count == Self.maximumRun, let first = history.first, history.allSatisfy({ $0 == first }) else {
            return nil
        }
        return first
    }

    /// Takes the blocked pitch, if any, out of `logits`.
    func apply(to logits: inout [Float], seconds: Double, vocabulary: EventVocabulary) {
        if let pitch = blockedPitch(atSeconds: seconds), let index = vocabulary.index(of: .note(pitch: pitch)) {
            logits[index] = -.infinity
        }
    }

    /// A key struck before the take's time 0: a primer's last onset, which a continuation's first note re-struck 13 ms
    /// later.
    mutating func struck(_ pitch: Int, atSeconds seconds: Double) {
        lastStrike[pitch] = max(lastStrike[pitch] ?? -.infinity, seconds)
    }

    /// Whether a finished note (its start in take time) goes into the take: not when its key was struck less than
    /// `restrikeSeconds` before.
    mutating func admits(_ note: EventVocabulary.DecodedNote) -> Bool {
        if let last = lastStrike[note.pitch], note.startSeconds - last < Self.restrikeSeconds { return false }
        lastStrike[note.pitch] = note.startSeconds
        return true
    }
}

extension RepetitionGuard {
    /// The keys a primer strikes at its last onset and just before, at their times before the continuation's 0 (the
    /// primer's last onset).
    mutating func rememberPrimer(_ tokens: [Int], vocabulary: EventVocabulary) {
        var reader = EventVocabulary.StreamingDecoder(vocabulary: vocabulary)
        var notes: [EventVocabulary.DecodedNote] = []
        for token in tokens { if let note = reader.feed(token) { notes.append(note) } }
        let end = reader.seconds
        for note in notes where end - note.startSeconds < Self.restrikeSeconds {
            struck(note.pitch, atSeconds: note.startSeconds - end)
        }
    }
}
