import CamXucMusic
import CamXucText

/// Each sentence's reading, kept by its text: as a text of several sentences is edited, only the sentences that
/// changed are read again (the whole text is read anew each time; its sentences need not be).
struct SentenceCache {
    private(set) var readings: [String: EmotionArc.Reading] = [:]
    /// The most sentences kept; past it the cache starts afresh (a long session of typing stays small).
    static let capacity = 4_096

    /// The readings of `text`'s sentences in order (as `SentenceSplitter` splits it), empty when it has fewer than
    /// two. `read` reads a sentence not seen before; one it cannot read (nil) is left out and tried again next time.
    mutating func readings(of text: String, read: (String) -> EmotionArc.Reading?) -> [EmotionArc.Reading] {
        let sentences = SentenceSplitter.split(text)
        guard sentences.count > 1 else { return [] }
        if readings.count + sentences.count > Self.capacity { readings.removeAll() }
        return sentences.compactMap { sentence in
            if let known = readings[sentence] { return known }
            let reading = read(sentence)
            readings[sentence] = reading
            return reading
        }
    }

    /// Forgets every reading (the user's corrections changed how sentences read).
    mutating func removeAll() { readings.removeAll() }
}
