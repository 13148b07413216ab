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

    @Test func tabsAndNewlinesInATextSurviveTheFile() throws {
        let path = Self.path()
        var personal = PersonalCorrections(path: path)
        try personal.add(text: "một\thai\nba", label: "Other")
        #expect(PersonalCorrections(path: path).entries.first?.text == "một\thai\nba")
    }
}
