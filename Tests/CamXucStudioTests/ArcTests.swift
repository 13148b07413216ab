import CamXucEmotion
import CamXucMusic
import Foundation
import Testing
@testable import CamXucStudio

/// Emotional arcs in the studio: several sentences typed with Alt-Enter, each read on its own, the numbered path on
/// the plane, Enter composing along the arc, and the strip above the roll.
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

    /// `twoSentences` composed into take 1 (30 s), its notes in, finished, playing at `playhead` seconds.
    static func composed(playhead: Double) -> StudioModel {
        var model = twoSentences()
        _ = model.update(.key("Enter"))
        for index in 0..<60 {
            _ = model.update(.note(take: 1, .init(pitch: 60 + index % 12, velocity: 80, startSeconds: Double(index) * 0.5,
                                                  durationSeconds: 0.5)))
        }
        _ = model.update(.finished(take: 1, judged: CircumplexPoint(valence: 0.1, arousal: 0)))
        _ = model.update(.playhead(take: 1, seconds: playhead))
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

    /// With a new text of three sentences typed, the plane previews them (what Enter composes), but while the take
    /// of two segments plays, or the Takes panel has the focus, it draws that take's segments, as the roll's strip
    /// does (it kept the typed text's path beside the take's strip).
    @Test func thePlaneDrawsTheTakeThatPlaysOrIsLookedAt() {
        var model = Self.composed(playhead: 3)
        _ = model.update(.playhead(take: nil, seconds: nil))     // played to its end
        model.focus = .text
        _ = StudioTests.typed(" ", into: &model)
        let three = [Self.joy, Self.sorrow, EmotionArc.Reading(sentence: "sợ", syllables: 1, valence: -0.5, arousal: 0.7, emotion: "Fear")]
        _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy, sentences: three))
        #expect(model.arcPath.count == 3 && model.arcPathMarks.isEmpty)
        _ = model.update(.playhead(take: 1, seconds: 4))
        #expect(model.arcPath == [CircumplexPoint(valence: 0.6, arousal: 0.4), CircumplexPoint(valence: -0.6, arousal: -0.5)])
        #expect(model.arcPathMarks == ["1", "2"])
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.arcPath.count == 3)
        model.focus = .takes
        #expect(model.arcPath.count == 2)
    }

    /// A text of one sentence typed after an arc's take showed that take's arc on the plane as if it were the text's
    /// (until a new take started): the plane draws the take's arc then only while it plays, the Takes panel has the
    /// focus, or no text is typed.
    @Test func aOneSentenceTextDoesNotShowTheLastTakesArc() {
        var model = Self.composed(playhead: 3)
        _ = model.update(.playhead(take: nil, seconds: nil))
        model.focus = .text
        _ = model.update(.key("Ctrl-U"))
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        #expect(model.arcPath.isEmpty)
        _ = model.update(.key("Ctrl-U"))
        #expect(model.arcPath.count == 2)
        _ = StudioTests.typed("vui", into: &model)
        model.focus = .takes
        #expect(model.arcPath.count == 2)
    }

    /// An arc take's chord chains filled the roll's title at 100 columns; its tempo and loudness were never seen.
    /// Each segment's key is named, a run of one key once.
    @Test func anArcTakesTitleNamesItsKeysAndKeepsTempoAndLoudness() {
        var model = Self.composed(playhead: 3)
        model.takes[0].harmony = "A minor i–bVII–v–bVI… → A minor i–v–i–VII → A major I–V–vi–IV…"
        let title = model.rollTitle()
        #expect(title.contains("─ A thứ → A trưởng · nhịp ×"), "\(title)")
        #expect(model.view(width: 100, height: 30).rendered().contains("A thứ → A trưởng · nhịp ×"))
    }

    /// A target moved by hand onto the first sentence's cell was hidden under its "1" (and, with the numbers drawn
    /// under the points, a judged point could hide a number): each goes beside what holds its cell.
    @Test func aPointOnANumbersCellIsDrawnBesideIt() {
        var model = Self.twoSentences()
        model.setTargetByHand(CircumplexPoint(valence: 0.6, arousal: 0.4))
        let grid = model.view(width: 120, height: 40)
        let plot = StudioLayout(width: 120, height: 40).circumplexPlot
        let one = CircumplexPanel.cell(of: CircumplexPoint(valence: 0.6, arousal: 0.4), in: plot)
        #expect(grid[one.x, one.y].text == "1")
        #expect(grid[one.x + 1, one.y].text == "◆" || grid[one.x - 1, one.y].text == "◆")
    }

    @Test func pathMarksRunFromDigitsToLettersToPlus() {
        #expect((0..<11).map(CircumplexPanel.pathMark) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b"])
        #expect(CircumplexPanel.pathMark(40) == "+")
    }

    @Test func enterComposesAlongTheArcOfTheSentences() {
        var model = Self.twoSentences()
        let effects = model.update(.key("Enter"))
        guard case let .generate(id, target, parameters, arc)? = effects.first, let arc else {
            Issue.record("Enter did not compose along an arc: \(effects)")
            return
        }
        #expect(id == 1 && target == model.textPoint && parameters.lengthSeconds == 30)
        #expect(arc.segments.map(\.start) == [0, 15] && arc.segments.map(\.end) == [15, 30])
        #expect(arc.segments.map(\.emotion) == ["Enjoyment", "Sadness"])
        #expect(arc.whole == EmotionArc.Point(valence: target.valence, arousal: target.arousal))
        #expect(model.takes[0].arc == arc)
        #expect(model.takes[0].title == "vui quá / buồn quá" && model.takes[0].text == "vui quá\nbuồn quá")
    }

    /// A take too short for two segments is composed for the text's own point, not its sentences' mean.
    @Test func aTakeTooShortForTwoSegmentsComposesTheTextsPoint() {
        var model = Self.twoSentences()
        model.parameters.lengthSeconds = 6
        guard case let .generate(_, target, _, arc)? = model.update(.key("Enter")).first else {
            Issue.record("Enter did not compose")
            return
        }
        #expect(arc == nil && target == model.textPoint)
    }

    /// Sentences merged to fit the length are said, and the strip names them by the plane's marks ("1–2"), not as a
    /// segment "1" beside a plane whose "2" is another sentence.
    @Test func mergedSentencesAreSaidAndNamedAsThePlaneNamesThem() throws {
        var model = StudioModel()
        _ = StudioTests.typed("vui quas", into: &model)
        _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy,
                                   sentences: [Self.joy, Self.joy, Self.sorrow]))
        model.parameters.lengthSeconds = 8
        _ = model.update(.key("Enter"))
        let arc = try #require(model.takes.last?.arc)
        #expect(arc.segments.map(\.sentences) == [[1, 2], [3]])
        #expect(model.notice?.contains("câu 1–2 được gộp cho vừa 8 s") == true, "\(model.notice ?? "")")
        #expect(ArcStrip.label([1, 2], fallback: 0) == "1–2" && ArcStrip.label([12], fallback: 0) == "c")
        let text = model.view(width: 120, height: 40).rendered()
        #expect(text.contains("1–2 vui vẻ"), "\(text)")
    }

    /// Past z every plane mark is "+": a long text's merges were said as "+–+, +–+, …" eleven times. They are said by
    /// number then, six at most and how many more; and the take's title is the text cut to 80 characters at a word.
    @Test func manyMergesAreSaidByNumberAndALongTextsTitleIsCut() throws {
        var model = StudioModel()
        let long = String(repeating: "hôm nay trời đẹp quá ", count: 30)
        _ = model.update(.paste(long))
        _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy,
                                   sentences: (0..<60).map { $0 % 3 == 0 ? Self.sorrow : Self.joy }))
        model.parameters.lengthSeconds = 60
        _ = model.update(.key("Enter"))
        let notice = try #require(model.notice)
        #expect(!notice.contains("+") && notice.contains(" đoạn nữa được gộp cho vừa 60 s"), "\(notice)")
        #expect(notice.hasPrefix("câu 2–6, 8–12, "), "\(notice)")
        let title = try #require(model.takes.last?.title)
        #expect(title.count <= 80 && title.hasSuffix("…") && title.hasPrefix("hôm nay trời đẹp quá"))
    }

    /// A paste's line breaks: CR LF is one (the text a take kept had a blank line after every line), as CR and LF are.
    @Test func aPastedWindowsTextKeepsOneBreakALine() {
        #expect(TerminalScreen.pastedText(Array("a\r\nb\r\n".unicodeScalars)) == "a\nb\n")
        #expect(TerminalScreen.pastedText(Array("a\rb\nc\r\rd".unicodeScalars)) == "a\nb\nc\n\nd")
    }

    @Test func aTargetSetByHandOrOneSentenceComposesOnePoint() {
        var chosen = Self.twoSentences()
        chosen.focus = .emotion
        _ = chosen.update(.key("2"))
        guard case let .generate(_, _, _, arc)? = chosen.update(.key("Enter")).first else {
            Issue.record("Enter did not compose")
            return
        }
        #expect(arc == nil)
        var single = StudioModel()
        _ = StudioTests.typed("vui", into: &single)
        _ = single.update(.analyzed(text: "vui", StudioTests.happy))
        guard case let .generate(_, _, _, none)? = single.update(.key("Enter")).first else { return }
        #expect(none == nil)
    }

    @Test func theRollShowsTheArcStripAndLightsTheSegmentUnderThePlayhead() throws {
        let model = Self.composed(playhead: 20)
        let grid = model.view(width: 120, height: 40)
        let inside = StudioLayout(width: 120, height: 40).roll.inner
        let strip = try #require(grid.rendered().split(separator: "\n").map(String.init).first { $0.contains("câu │") })
        #expect(strip.contains("━ 1 vui vẻ ━") && strip.contains(" 2 buồn bã "))
        // 0.25 s a column: segment 1 covers columns 0–59, segment 2 from 60; the second one plays.
        let x = inside.x + PianoRollPanel.gutter
        #expect(grid[x + 10, inside.y].role == "emotion.Enjoyment")
        #expect(grid[x + 70, inside.y].role == "arc.Sadness")
        // The notes start on the row under the strip.
        #expect(grid[inside.x, inside.y + 1].text != "c")
        let quiet = Self.composed(playhead: 5)
        #expect(quiet.view(width: 120, height: 40)[x + 10, inside.y].role == "arc.Enjoyment")
        // At 80×24 the strip fits too.
        #expect(Self.composed(playhead: 20).view(width: 80, height: 24).rendered().contains("câu │━ 1 vui vẻ"))
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

    @Test func aSavedTakeKeepsItsArcInTheMetadata() throws {
        let model = Self.composed(playhead: 0)
        let entry = try #require(model.currentTake)
        let take = try #require(StudioRuntime(options: .init()).take(entry, program: 0))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("camxuc-arc-\(UUID().uuidString).mid").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MIDIFile.write(take, to: path)
        let read = try MIDIFile.read(path: path)
        #expect(read.metadata.arc?.segments.map(\.sentence) == ["vui quá", "buồn quá"])
        #expect(read.metadata.arc?.segments.map(\.end) == [15, 30])
    }
}
