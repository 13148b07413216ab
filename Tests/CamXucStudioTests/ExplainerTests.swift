#if canImport(Glibc)
import Glibc
#endif
import CamXucEmotion
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CamXucStudio

/// The words behind a reading come from a worker, after the reading, and only for the newest text.
@Suite struct ExplainerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func onlyTheNewestTextIsExplainedOffTheCallersThread() throws {
        let classifier = try EmotionClassifier(configPath: Self.root.appendingPathComponent("Models/emotion-vi.json").path,
                                               weightsPath: Self.root.appendingPathComponent("Models/emotion-vi.safetensors").path)
        let delivered = Mutex<[(String, [String]?)]>([])
        let done = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let onCaller = Mutex(false)
        let explainer = Explainer(classifier: classifier) { text, evidence in
            if pthread_equal(pthread_self(), caller) != 0 { onCaller.withLock { $0 = true } }
            delivered.withLock { $0.append((text, evidence)) }
            if text.hasSuffix("ghê") { done.signal() }
        }
        // The worker is held while four texts arrive (as if busy with an earlier one): only the last is explained.
        let texts = ["Hôm nay tôi rất vui", "Hết buồn", "Hết buồn rồi", "Hết buồn rồi, giờ thấy yêu đời ghê"]
        explainer.queue.suspend()
        for text in texts { explainer.explain(text) }
        explainer.queue.resume()
        #expect(done.wait(timeout: .now() + 60) == .success)
        explainer.queue.sync {}
        let results = delivered.withLock { $0 }
        #expect(results.map(\.0) == [texts[3]])
        #expect(results.first.map { $0.1?.isEmpty == false } == true)
        #expect(!onCaller.withLock { $0 })
    }

    @Test func aTextTooLongToExplainSaysSoOnTheWhyLine() throws {
        let classifier = try EmotionClassifier(configPath: Self.root.appendingPathComponent("Models/emotion-vi.json").path,
                                               weightsPath: Self.root.appendingPathComponent("Models/emotion-vi.safetensors").path)
        let long = String(repeating: "tôi buồn quá vì bị mất việc ", count: 25)
        let delivered = Mutex<[String]??>(nil)
        let done = DispatchSemaphore(value: 0)
        let explainer = Explainer(classifier: classifier) { _, evidence in
            delivered.withLock { $0 = .some(evidence) }
            done.signal()
        }
        explainer.explain(long)
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(delivered.withLock { $0 } == .some(nil))
        // The line said nothing at all for such a text, as if the key did nothing.
        var model = StudioModel()
        _ = StudioTests.typed(long, into: &model)
        let typed = model.editor.text
        _ = model.update(.analyzed(text: typed, StudioTests.sad))
        _ = model.update(.explained(text: typed, evidence: nil))
        #expect(model.view(width: 120, height: 40).rendered().contains("vì: (dài hơn 120 từ)"))
        _ = model.update(.explained(text: typed, evidence: ["buồn"]))
        #expect(!model.view(width: 120, height: 40).rendered().contains("dài hơn 120"))
    }

    /// The studio named other words than `analyze --explain` for the same sentence ("tức" for "tức thật", "e" for
    /// "e bi", a third word missing): asked for three, the explanation stopped before a neighbouring word could join
    /// its pair. It names the first three of what `analyze --explain` names.
    @Test func theStudioNamesTheFirstWordsAnalyzeNames() throws {
        let classifier = try EmotionClassifier(configPath: Self.root.appendingPathComponent("Models/emotion-vi.json").path,
                                               weightsPath: Self.root.appendingPathComponent("Models/emotion-vi.safetensors").path)
        let texts = ["Tuan nay em duoc 10 diem toan, vui qua troi luon!", "Tức thật, đi học về bị đổ oan là ăn cắp",
                     "hum nay e bi co mang vi quen bai 🙁", "hp qa e dc di choi voi truong 😊", "Chiều nay thấy ấm áp, vui vì học đều"]
        for text in texts {
            let delivered = Mutex<[String]?>(nil)
            let done = DispatchSemaphore(value: 0)
            let explainer = Explainer(classifier: classifier) { _, evidence in
                delivered.withLock { $0 = evidence }
                done.signal()
            }
            explainer.explain(text)
            #expect(done.wait(timeout: .now() + 60) == .success)
            let analyze = try classifier.explain(text).evidence.map(\.typed)
            #expect(delivered.withLock { $0 } == Array(analyze.prefix(Explainer.limit)), "\(text): \(analyze)")
        }
    }

    @Test func anExplanationForOlderTextIsIgnored() {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        _ = model.update(.explained(text: "vu", evidence: ["vu"]))
        #expect(model.evidence.isEmpty)
        _ = model.update(.explained(text: "vui", evidence: ["vui"]))
        #expect(model.evidence == ["vui"])
    }

    /// The why line showed as many words as fit, the last cut ("vì: vui mừng · lòng…" where "kịch" came next): whole
    /// words, and " …" where some were left out.
    @Test func theWhyLineShowsWholeWords() {
        #expect(EmotionPanel.whyLine(["vui mừng", "lòng", "kịch"], english: false, columns: 26) == "vì: vui mừng · lòng · kịch")
        #expect(EmotionPanel.whyLine(["vui mừng", "lòng", "kịch"], english: false, columns: 22) == "vì: vui mừng · lòng …")
        #expect(EmotionPanel.whyLine(["vui mừng", "lòng", "kịch"], english: false, columns: 15) == "vì: vui mừng …")
        #expect(EmotionPanel.whyLine(["hết buồn", "yêu đời"], english: true, columns: 40) == "why: hết buồn · yêu đời")
    }

    /// A reading a similar text's correction decided said "vì: ghê tởm (câu…" at 80 columns: what decided it is said
    /// first, and the emotion's name whole.
    @Test func aCorrectionsWhyKeepsItsKeyWordsAt80Columns() {
        var model = EmotionChoiceTests.analysed()
        let note = StudioRuntime.correctionNote("bình thường", sameText: false, english: false)
        _ = model.update(.explained(text: "vui", evidence: [note]))
        let screen = model.view(width: 80, height: 24).rendered()
        // Whole, without "vì:", where with it the emotion was cut ("vì: câu giống · bình…").
        #expect(screen.contains("└ câu giống: bình thường ─┘"), "\(screen)")
        #expect(model.view(width: 100, height: 24).rendered().contains("vì: câu giống: bình thường "))
    }
}
