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

    /// A file whose last line has no newline (a write cut short, a hand edit): the next correction used to be glued to
    /// it ("…04:00:00ZToi vui\tFear…") and both were lost.
    @Test func aCorrectionAfterALineWithoutANewlineIsKept() throws {
        let path = Self.path()
        try Data("Hom nay that te\tSadness\t2026-12-06T04:00:00Z".utf8).write(to: URL(fileURLWithPath: path))
        var personal = PersonalCorrections(path: path)
        try personal.add(text: "Toi vui", label: "Fear")
        let reloaded = PersonalCorrections(path: path)
        #expect(reloaded.entries.map(\.text) == ["Hom nay that te", "Toi vui"])
        #expect(reloaded.entries.map(\.label) == ["Sadness", "Fear"])
    }

    /// One line that is not UTF-8 costs that line only (it cost every correction).
    @Test func aBrokenLineCostsOnlyItself() throws {
        let path = Self.path()
        var bytes = Array("vui quá\tSadness\t2024-01-01T00:00:00Z\n".utf8)
        bytes += [0xFF, 0x0A]
        bytes += Array("mệt quá\tAnger\t2024-01-01T00:00:00Z\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(PersonalCorrections(path: path).entries.map(\.label) == ["Sadness", "Anger"])
    }

    /// A correction that cannot be written says so in words naming the file as the user's corrections.
    @Test func aFailedWriteNamesTheCorrectionsFile() throws {
        var personal = PersonalCorrections(path: "/dev/full")
        do {
            try personal.add(text: "vui", label: "Sadness")
            Issue.record("a write to /dev/full succeeded")
        } catch {
            #expect("\(error)" == "cannot save your correction to /dev/full: the disk is full", "\(error)")
        }
        #expect(personal.entries.isEmpty)
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
