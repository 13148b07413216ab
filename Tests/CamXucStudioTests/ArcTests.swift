import CamXucEmotion
import CamXucMusic
import Foundation
import Testing
@testable import CamXucStudio

/// Emotional arcs in the studio: several sentences typed with Alt-Enter, each read on its own, and the numbered path on
/// the plane.
@Suite struct ArcTests {
    static let joy = EmotionArc.Reading(sentence: "vui quá", syllables: 2, valence: 0.6, arousal: 0.4, emotion: "Enjoyment")
    static let sorrow = EmotionArc.Reading(sentence: "buồn quá", syllables: 2, valence: -0.6, arousal: -0.5, emotion: "Sadness")

    /// "vui quá", Alt-Enter, "buồn quá", read: the whole text happy, each sentence its own.
    static func twoSentences() -> StudioModel {
        var model = StudioModel()
        _ = StudioTests.typed("vui quas", into: &model)
        _ = model.update(.key("Alt-Enter"))
        _ = StudioTests.typed("buoonf quas", into: &model)
        _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy, sentences: [joy, sorrow]))
        return model
    }

    @Test func eachSentencesReadingIsKeptAndThePlaneNumbersThem() {
        let model = Self.twoSentences()
        #expect(model.sentenceReadings == [Self.joy, Self.sorrow])
        let grid = model.view(width: 120, height: 40)
        let plot = StudioLayout(width: 120, height: 40).circumplexPlot
        let one = CircumplexPanel.cell(of: CircumplexPoint(valence: 0.6, arousal: 0.4), in: plot)
        let two = CircumplexPanel.cell(of: CircumplexPoint(valence: -0.6, arousal: -0.5), in: plot)
        #expect(grid[one.x, one.y].text == "1" && grid[one.x, one.y].role == "circumplex.path")
        #expect(grid[two.x, two.y].text == "2")
        // The dotted line between them (where the axes do not cross it).
        let dots = (plot.x..<(plot.x + plot.width)).flatMap { x in (plot.y..<(plot.y + plot.height)).map { (x, $0) } }
            .filter { grid[$0.0, $0.1].text == "·" && grid[$0.0, $0.1].role == "circumplex.path" }
        #expect(dots.count >= 5)
        #expect(dots.allSatisfy { $0.0 > two.x && $0.0 < one.x })
        // A text of one sentence has no path.
        var single = StudioModel()
        _ = StudioTests.typed("vui", into: &single)
        _ = single.update(.analyzed(text: "vui", StudioTests.happy, sentences: [Self.joy]))
        #expect(single.sentenceReadings.isEmpty && single.arcPath.isEmpty)
    }

    @Test func pathMarksRunFromDigitsToLettersToPlus() {
        #expect((0..<11).map(CircumplexPanel.pathMark) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b"])
        #expect(CircumplexPanel.pathMark(40) == "+")
    }

    @Test func editingOneSentenceReadsOnlyThatSentenceAgain() {
        var cache = SentenceCache()
        var read: [String] = []
        func reading(_ sentence: String) -> EmotionArc.Reading? {
            read.append(sentence)
            return EmotionArc.Reading(sentence: sentence, syllables: 2, valence: 0, arousal: 0)
        }
        #expect(cache.readings(of: "Hôm nay vui quá.", read: reading).isEmpty)  // one sentence: no arc
        let first = cache.readings(of: "Sáng vui quá.\nChiều buồn ghê.\nTối lại vui.", read: reading)
        #expect(first.map(\.sentence) == ["Sáng vui quá.", "Chiều buồn ghê.", "Tối lại vui."])
        read.removeAll()
        let second = cache.readings(of: "Sáng vui quá.\nChiều buồn lắm.\nTối lại vui.", read: reading)
        #expect(read == ["Chiều buồn lắm."])
        #expect(second.map(\.sentence) == ["Sáng vui quá.", "Chiều buồn lắm.", "Tối lại vui."])
    }
}
