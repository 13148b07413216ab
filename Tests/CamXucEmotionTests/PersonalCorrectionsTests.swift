import Foundation
import Testing
@testable import CamXucEmotion

/// Corrections teach the classifier for this user: the corrected sentence and a close paraphrase read the corrected
/// way afterwards, an unrelated sentence does not change, and the file survives a reload.
@Suite struct PersonalCorrectionsTests {
    static func path() -> String { NSTemporaryDirectory() + "/corrections-\(getpid())-\(Int.random(in: 0..<1_000_000)).tsv" }

    /// The memory looks only at corrections sharing a word with the text (postings) and loads in one pass: the
    /// readings are those of comparing the text with every correction, as before, and a text corrected several
    /// times counts once, with its last class, in the place of its last line.
    @Test func theIndexedMemoryReadsAsComparingWithEveryCorrection() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let words = ["vui", "buồn", "tức", "sợ", "chán", "ghét", "hôm", "nay", "mai", "trời", "mưa", "đi", "học", "làm", "quá"]
        let labels = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]
        var generator = SystemRandomNumberGenerator()
        var lines: [String] = []
        var texts: [String] = []
        for index in 0..<600 {
            let text = (0..<Int.random(in: 2...5, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            texts.append(text)
            lines.append("\(text)\t\(labels[index % labels.count])\t2026-12-06T00:00:00Z")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let memory = PersonalCorrections(path: path)
        // The entries: each text once, with the class of its last line, ordered by those last lines.
        var last: [String: Int] = [:]
        for (index, text) in texts.enumerated() { last[text] = index }
        let expected = last.sorted { $0.value < $1.value }
        #expect(memory.entries.map(\.text) == expected.map(\.key))
        #expect(memory.entries.map(\.label) == expected.map { labels[$0.value % labels.count] })
        // Adjusting: against a search over every entry (the closest by Jaccard similarity, the latest of equals).
        let classLabels = labels.map { EmotionLabel(code: $0, vi: $0, en: $0, valence: 0, arousal: 0) }
        let flat = [Double](repeating: 1.0 / 7, count: 7)
        for probe in texts.prefix(60) + ["vui quá đi", "hoàn toàn khác", "trời mưa buồn quá"] {
            let mine = memory.features(probe)
            var best: (Double, String)?
            for entry in memory.entries {
                let union = mine.union(entry.features).count
                guard union > 0 else { continue }
                let similarity = Double(mine.intersection(entry.features).count) / Double(union)
                if similarity >= PersonalCorrections.threshold, similarity >= (best?.0 ?? 0) { best = (similarity, entry.label) }
            }
            var counts: [String: Int] = [:]
            for entry in memory.entries { counts[entry.label, default: 0] += 1 }
            var reference = flat.enumerated().map { $0.element * (1 + PersonalCorrections.priorWeight * Double(counts[labels[$0.offset]] ?? 0) / Double(memory.entries.count)) }
            let total = reference.reduce(0, +)
            reference = reference.map { $0 / total }
            if let best, let index = labels.firstIndex(of: best.1) {
                let pull = PersonalCorrections.memoryWeight * best.0
                reference = reference.enumerated().map { $0.offset == index ? (1 - pull) * $0.element + pull : (1 - pull) * $0.element }
            }
            let adjusted = memory.adjust(flat, text: probe, labels: classLabels)
            #expect(zip(adjusted, reference).allSatisfy { abs($0 - $1) < 1e-12 }, "\(probe)")
        }
    }

    /// A text's words are read from its first 20,000 characters (a correction of 70 MB kept the studio on a blank
    /// screen for a minute at every start): a long text corrected is still that text read back, and a correction of a
    /// million words loads beside it.
    @Test func aVeryLongCorrectedTextIsReadFromItsStart() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(path: path)
        let long = String(repeating: "hôm nay buồn quá ", count: 3_000)   // 51,000 characters
        try personal.add(text: long, label: "Sadness")
        try personal.add(text: String(repeating: "vui ", count: 1_000_000), label: "Enjoyment")
        let again = PersonalCorrections(path: path)
        #expect(again.entries.count == 2)
        #expect(again.chosenClass(exactly: long) == "Sadness")
        #expect(again.entries.allSatisfy { $0.features.count < 20_000 })
    }

    /// Pressing the key of the class a text already has writes nothing (each press wrote a line).
    @Test func theSameAnswerAgainWritesNoLine() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(path: path)
        for _ in 0..<5 { try personal.add(text: "buồn quá", label: "Sadness") }
        try personal.add(text: "buồn quá", label: "Anger")
        try personal.add(text: "buồn quá", label: "Anger")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(PersonalCorrections(path: path).entries.map(\.label) == ["Anger"])
    }

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

    /// A correction speaks for close paraphrases, not for another meaning in the same words: the emotion word swapped
    /// (a correction of "… buồn quá" made "… vui quá" read as anger), or a negation taken away (a correction of "không
    /// hề thấy vui" made "thật sự thấy vui" read as sadness). Text typed with Telex off matches its words.
    @Test func aCorrectionDoesNotSpeakForAnotherMeaningInTheSameWords() throws {
        let classifier = try EmotionClassifierTests.classifier()
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(classifier: classifier, path: path)
        try personal.add(text: "Hôm nay tôi thấy buồn quá", label: "Anger")
        try personal.add(text: "Tôi không hề thấy vui khi nghe tin đó", label: "Sadness")
        for (text, corrected) in [("Hôm nay tôi thấy buồn quá", true), ("hôm nay tôi thấy buồn quá đi", true),
                                  ("Hôm nay tôi thấy vui quá", false), ("Tôi không hề thấy vui khi nghe tin đó", true),
                                  ("Tôi thật sự thấy vui khi nghe tin đó", false), ("hoom nay tooi thaays buoonf quas", true)] {
            let reading = try classifier.analyze(text).distribution
            let adjusted = personal.adjust(reading, text: text)
            #expect((personal.chosenClass(for: text) != nil) == corrected, "\(text)")
            if !corrected { #expect(adjusted.winner == reading.winner, "\(text)") }
        }
    }

    /// A correction can be taken back (0 in the studio): a line that forgets it, so the file stays a log, and the
    /// text reads as the model reads it again, after a restart too.
    @Test func aCorrectionCanBeTakenBack() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(path: path)
        try personal.add(text: "thôi kệ đi", label: "Anger")
        try personal.add(text: "chán ghê", label: "Sadness")
        try personal.forget(text: "thôi kệ đi")
        #expect(personal.entries.map(\.text) == ["chán ghê"] && personal.chosenClass(for: "thôi kệ đi") == nil)
        #expect(PersonalCorrections(path: path).entries.map(\.text) == ["chán ghê"])
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last?.hasPrefix("thôi kệ đi\t-\t") == true)
        try personal.add(text: "thôi kệ đi", label: "Other")
        #expect(PersonalCorrections(path: path).entries.map(\.label) == ["Sadness", "Other"])
    }

    /// A mark makes another word: a correction of "Bé ôm mẹ rồi." (the baby hugged mum) spoke for "Bé ốm rồi." (the
    /// baby is sick), joy for a sick child. Text typed without marks still meets its corrected text.
    @Test func aWordWithAnotherMarkIsAnotherWord() throws {
        let classifier = try EmotionClassifierTests.classifier()
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(classifier: classifier, path: path)
        try personal.add(text: "Bé ôm mẹ rồi.", label: "Enjoyment")
        #expect(personal.chosenClass(for: "Bé ốm rồi.") == nil)
        #expect(personal.chosenClass(for: "Bé ốm mẹ rồi.") == nil)
        #expect(personal.chosenClass(for: "bé ôm mẹ rồi") == "Enjoyment")
        #expect(personal.chosenClass(for: "Bé ôm mẹ rồi nè.") == "Enjoyment")
        // In a sentence of ordinary length too (the overlap of its other words let it through).
        try personal.add(text: "Tối qua đi làm về mệt quá, bé ôm mẹ rồi ngủ thiếp đi.", label: "Enjoyment")
        #expect(personal.chosenClass(for: "Tối qua đi làm về mệt quá, bé ốm mẹ rồi ngủ thiếp đi.") == nil)
        #expect(personal.chosenClass(for: "Tối qua đi làm về mệt quá, bé ôm mẹ rồi ngủ thiếp đi luôn.") == "Enjoyment")
    }

    /// "ừ" corrected spoke for "ờ" and not for "ừ."; "phiền quá đi" and "Phiền quá đi." were two corrections, and the
    /// reading depended on the full stop. Case, punctuation and spacing make no other text.
    @Test func caseAndPunctuationMakeNoOtherText() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(path: path)
        try personal.add(text: "ừ", label: "Other")
        for text in ["ừ.", "Ừ.", "ừ!", "  ừ  "] { #expect(personal.chosenClass(for: text) == "Other", "\(text)") }
        try personal.add(text: "phiền quá đi", label: "Anger")
        try personal.add(text: "Phiền quá đi.", label: "Enjoyment")
        for memory in [personal, PersonalCorrections(path: path)] {
            #expect(memory.entries.map(\.text) == ["ừ", "Phiền quá đi."])
            for text in ["phiền quá đi", "PHIỀN QUÁ ĐI", "Phiền quá đi!"] { #expect(memory.chosenClass(for: text) == "Enjoyment", "\(text)") }
        }
        // Taken back, it stays taken back after a restart (the other spelling's correction came back).
        try personal.forget(text: "Phiền quá đi.")
        for memory in [personal, PersonalCorrections(path: path)] {
            #expect(memory.entries.map(\.text) == ["ừ"] && memory.chosenClass(for: "phiền quá đi") == nil)
        }
    }

    /// 0 on a paraphrase read by another text's correction took nothing back and said it had: the correction that
    /// decides the reading is the one forgotten, and its text is named.
    @Test func forgettingFromAParaphraseForgetsTheCorrectionThatSpokeForIt() throws {
        let classifier = try EmotionClassifierTests.classifier()
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var personal = PersonalCorrections(classifier: classifier, path: path)
        try personal.add(text: "Tôi không hề thấy vui.", label: "Sadness")
        #expect(personal.chosenClass(for: "Mình không hề thấy vui.") == "Sadness")
        #expect(try personal.forget(text: "Mình không hề thấy vui.") == "Tôi không hề thấy vui.")
        #expect(personal.chosenClass(for: "Mình không hề thấy vui.") == nil && personal.entries.isEmpty)
        #expect(PersonalCorrections(path: path).entries.isEmpty)
        #expect(try personal.forget(text: "không liên quan") == nil)
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

    /// A class written by hand as "anger", a Windows line end ("Anger\r") or the half of a text with a tab in it
    /// counted as a choice made by hand — compose switched the arc off and said "set by hand (anger, …)" — while the
    /// reading was pulled nowhere: the class is matched to the model's whatever its case, and a line naming none is
    /// skipped.
    @Test func aClassIsOneOfTheModelsOrTheLineIsSkipped() throws {
        let path = Self.path()
        try Data(("vui quá\tanger\t2024-01-01T00:00:00Z\n" + "mệt quá\tFear\r\n" + "đi học\tvề muộn\tSadness\n"
                  + "chán quá\t Disgust \n").utf8).write(to: URL(fileURLWithPath: path))
        let classes = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]
        let personal = PersonalCorrections(path: path, classes: classes)
        #expect(personal.entries.map(\.label) == ["Anger", "Fear", "Disgust"])
        #expect(personal.chosenClass(exactly: "đi học") == nil && personal.chosenClass(exactly: "vui quá") == "Anger")
        let classifier = try EmotionClassifierTests.classifier()
        #expect(PersonalCorrections(classifier: classifier, path: path).entries.map(\.label) == ["Anger", "Fear", "Disgust"])
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
