import CamXucEmotion
import Dispatch
import CamXucText
import Synchronization

/// The words behind a reading (`EmotionClassifier.explain`: one reading more for each word left out, 30–60 ms for a
/// sentence) found on a worker queue, so typing never waits for them. Only the newest text is explained: a text that
/// was replaced while it waited is skipped.
final class Explainer: Sendable {
    let classifier: EmotionClassifier?
    /// The words for a text, or nil for a text too long to be explained.
    let deliver: @Sendable (String, [String]?) -> Void
    let queue = DispatchQueue(label: "camxuc.explainer", qos: .utility)
    private let latest = Mutex<UInt64>(0)

    /// At most this many words are named.
    static let limit = 3
    /// How many `camxuc analyze --explain` names (`EmotionClassifier.explain`'s default): the studio names its first.
    static let analyzeLimit = 5
    /// Texts of more words than this (punctuation and emoji not counted) are not explained.
    static let longestText = 120

    init(classifier: EmotionClassifier?, deliver: @escaping @Sendable (String, [String]?) -> Void) {
        self.classifier = classifier
        self.deliver = deliver
    }

    /// Explains `text` soon, unless a newer text comes first.
    func explain(_ text: String) {
        guard let classifier else { return }
        let ticket = latest.withLock { value -> UInt64 in
            value += 1
            return value
        }
        queue.async { [self] in
            guard latest.withLock({ $0 }) == ticket else { return }
            // Two readings more for every word: past a paragraph that takes seconds (a pasted page took twenty, the
            // line meanwhile naming another text's words), so a long text is not explained, and the line says so.
            let words = classifier.normalizer.normalize(text).tokens.filter { $0.unicodeScalars.contains { TextNormalizer.isLetter($0) } }
            guard words.count <= Self.longestText else {
                deliver(text, nil)
                return
            }
            // The first of the words `analyze --explain` names, as it names them: asked for three, the explanation
            // stopped before a neighbouring word could join its pair ("tức" where analyze said "tức thật", "e" for
            // "e bi"), and the third place went to another word.
            guard let (_, evidence) = try? classifier.explain(text, limit: Self.analyzeLimit) else { return }
            guard latest.withLock({ $0 }) == ticket else { return }
            // The words as the user typed them ("k", not the "không" it was read as), each once.
            var shown: [String] = []
            for item in evidence where !shown.contains(where: { $0.lowercased() == item.typed.lowercased() }) { shown.append(item.typed) }
            deliver(text, Array(shown.prefix(Self.limit)))
        }
    }
}
