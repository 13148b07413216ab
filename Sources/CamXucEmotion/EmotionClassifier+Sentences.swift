import CamXucText

extension EmotionClassifier {
    /// One sentence of a text and its own reading.
    public struct SentenceReading: Equatable, Sendable {
        public var sentence: String
        public var analysis: Analysis
        /// Whitespace-separated words: a Vietnamese sentence's syllables.
        public var syllables: Int

        /// The syllables of `sentence` (at least 1): what its share of an arc is weighed by. Only pieces with a letter
        /// or digit count: a dialogue dash, a spaced "—" or ", , ," are no syllables (each took a syllable's time).
        public static func syllables(in sentence: String) -> Int {
            max(sentence.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count, 1)
        }
    }

    /// Each sentence of `text` (as `SentenceSplitter` splits it) read on its own, in order; sentences with nothing
    /// to read are left out.
    /// `progress` hears (sentences read, sentences in all) before each sentence; false stops the reading there, and
    /// nil is returned.
    public func analyzeSentences(_ text: String, progress: (Int, Int) -> Bool = { _, _ in true }) -> [SentenceReading]? {
        let sentences = SentenceSplitter.split(text)
        var readings: [SentenceReading] = []
        for (index, sentence) in sentences.enumerated() {
            guard progress(index, sentences.count) else { return nil }
            guard let analysis = try? analyze(sentence) else { continue }
            readings.append(SentenceReading(sentence: sentence, analysis: analysis, syllables: SentenceReading.syllables(in: sentence)))
        }
        return readings
    }
}
