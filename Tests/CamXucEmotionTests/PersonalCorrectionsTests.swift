import Foundation
import Testing
@testable import CamXucEmotion

/// Corrections teach the classifier for this user: the corrected sentence and a close paraphrase read the corrected
/// way afterwards, an unrelated sentence does not change, and the file survives a reload.
@Suite struct PersonalCorrectionsTests {
    static func path() -> String { NSTemporaryDirectory() + "/corrections-\(getpid())-\(Int.random(in: 0..<1_000_000)).tsv" }

    @Test func aCorrectedSentenceAndAParaphraseReadTheCorrectedWay() throws {
        let classifier = try EmotionClassifierTests.classifier()
        let text = "Mai đi khám răng rồi, nghĩ tới cái máy khoan là thấy run"
        let paraphrase = "mai đi khám răng rồi, cứ nghĩ tới cái máy khoan là run"
        let unrelated = "Hôm nay được điểm mười, vui quá"
        let before = try classifier.analyze(text).distribution
        let path = Self.path()
        var personal = PersonalCorrections(path: path)
        let corrected = before.winner.code == "Surprise" ? "Anger" : "Surprise"
        try personal.add(text: text, label: corrected)
        let reloaded = PersonalCorrections(path: path)
        #expect(reloaded.entries.count == 1 && reloaded.entries[0].label == corrected)
        #expect(reloaded.adjust(before, text: text).winner.code == corrected)
        let paraphraseReading = try classifier.analyze(paraphrase).distribution
        #expect(reloaded.adjust(paraphraseReading, text: paraphrase).winner.code == corrected)
        let unrelatedReading = try classifier.analyze(unrelated).distribution
        #expect(reloaded.adjust(unrelatedReading, text: unrelated).winner == unrelatedReading.winner)
        let line = try String(contentsOfFile: path, encoding: .utf8)
        #expect(line.hasPrefix(text + "\t" + corrected + "\t"))
    }

    /// Pressing several keys on one text (trying them out) leaves one correction, the last, not a vote of all of them.
    @Test func aTextCorrectedAgainCountsOnceWithItsLastClass() throws {
        let path = Self.path()
        var personal = PersonalCorrections(path: path)
        for label in ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other", "Fear"] {
            try personal.add(text: "thôi kệ đi", label: label)
        }
        try personal.add(text: "mệt quá", label: "Sadness")
        for memory in [personal, PersonalCorrections(path: path)] {
            #expect(memory.entries.map(\.label) == ["Fear", "Sadness"])
        }
        let labels = PersonalCorrections.testLabels
        let adjusted = personal.adjust(Array(repeating: 1.0 / 7, count: 7), text: "một câu khác hẳn", labels: labels)
        // The prior boosts Fear and Sadness alike (one correction each), and no other class.
        #expect(abs(adjusted[1] - adjusted[3]) < 1e-12 && adjusted[1] > adjusted[0] && abs(adjusted[0] - adjusted[2]) < 1e-12)
    }

    @Test func tabsAndNewlinesInATextSurviveTheFile() throws {
        let path = Self.path()
        var personal = PersonalCorrections(path: path)
        try personal.add(text: "một\thai\nba", label: "Other")
        #expect(PersonalCorrections(path: path).entries.first?.text == "một\thai\nba")
    }
}

extension PersonalCorrections {
    static let testLabels = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"].map {
        EmotionLabel(code: $0, vi: $0, en: $0, valence: 0, arousal: 0)
    }
}
