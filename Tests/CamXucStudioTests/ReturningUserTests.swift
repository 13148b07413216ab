import CamXucEmotion
import CamXucMusic
import CamXucText
import Foundation
import Testing
@testable import CamXucStudio

/// Against two probes of this round: a returning daily user, and a hostile pass over the listening keys.
@Suite struct ReturningUserTests {
    /// ] while paused on a take still being composed went to 0:42 of a take composed to 0:06, and Space went on from
    /// 0:06 without a word: paused, it goes as far as it is composed, and says so, as playing does.
    @Test func skippingAPausedTakeBeingComposedStopsAtWhatIsComposed() {
        var model = StudioSafetyTests.composing()
        _ = model.update(.note(take: 1, .init(pitch: 60, velocity: 80, startSeconds: 5, durationSeconds: 1)))
        model.focus = .roll
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 2))
        _ = model.update(.key("Space"))
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 2))
        for _ in 0..<8 { _ = model.update(.key("]")) }
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 5.95))
        #expect(model.notice == "mới tạo tới 0:06")
        #expect(model.update(.key("Space")) == [.play(take: 1, loop: false, fromSeconds: 5.95)])
    }

    /// With another take selected, [ and ] moved the paused take unseen, and Space then played the selected one.
    @Test func bracketsDoNotMoveAPausedTakeThatIsNotShown() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.note(take: 2, .init(pitch: 64, velocity: 80, startSeconds: 20, durationSeconds: 2)))
        _ = model.update(.key("Space"))                      // take 2
        _ = model.update(.playhead(take: 2, seconds: 3))
        _ = model.update(.key("Space"))
        _ = model.update(.key("↓"))                          // take 1 shown
        #expect(model.update(.key("]")).isEmpty)
        #expect(model.paused == StudioModel.Paused(take: 2, seconds: 3))
        #expect(model.notice == "take 2 đang tạm dừng: chọn take 2 để tua; Space để phát take 1")
    }

    /// After a resize to 80 columns the view ended before the paused moment, and f did not bring it back.
    @Test func aResizeKeepsThePausedMomentInView() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.note(take: 1, .init(pitch: 64, velocity: 80, startSeconds: 55, durationSeconds: 1)))
        _ = model.update(.resized(width: 100, height: 32))
        model.focus = .roll
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 20))
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 20))
        _ = model.update(.key("f"))
        _ = model.update(.resized(width: 80, height: 24))
        let page = Double(model.screenLayout.roll.inner.width - PianoRollPanel.gutter) * model.roll.secondsPerColumn
        #expect(model.roll.startSeconds <= 20 && 20 < model.roll.startSeconds + page)
    }

    /// Tab with the takes overlay up moved the focus to the text field and left the overlay, its keys offered, on
    /// screen: a d meant for the list was typed into the text.
    @Test func tabAwayFromTheTakesOverlayClosesIt() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.resized(width: 80, height: 24))
        model.focus = .roll
        _ = model.update(.key("t"))
        #expect(model.takesOverlay && model.focus == .takes)
        _ = model.update(.key("Tab"))
        #expect(!model.takesOverlay && model.focus != .takes)
        #expect(!model.view(width: 80, height: 24).rendered().contains("┌ Takes"))
    }

    /// A line cut after a separator ended "·…" or "/…", or in a bare number ("· 5…" for "5 Electric Piano").
    @Test func aCutLineEndsAfterAWord() {
        #expect(Grid.truncated("1: D minor · T 0.95 · nhịp ×0.80", columns: 22) == "1: D minor · T 0.95…")
        #expect(Grid.truncated("vui quá / buồn quá", columns: 10) == "vui quá…")
        #expect(Grid.truncated("nhịp ×0.80 · 5 Electric Piano", columns: 15) == "nhịp ×0.80…")
        // A word cut short goes back to the space before it when it is a word's length; a long token (a chord
        // progression) is cut where it is (it went whole, leaving 26 columns of bare border in the roll's title).
        #expect(Grid.truncated("take 1 ─ Bb thứ I–bVII–vii–V–i–iv–V–i", columns: 28).hasPrefix("take 1 ─ Bb thứ I–bVII"))
        #expect(Grid.truncated("Nhưng tối nay trời mưa", columns: 8) == "Nhưng…")
    }

    /// "Stop take N and compose anew?" stayed up after the take was whole, asking about a take no longer composed;
    /// then, put away, the Enter pressed for a new text was lost (four texts typed in a soak were never composed).
    /// Once the take is whole the question asks whether to compose the new take, and Enter does.
    @Test func theComposeAnewQuestionAsksAnewWhenTheTakeIsWhole() {
        var model = StudioSafetyTests.composing()
        model.editor = LineEditor()
        _ = StudioTests.typed("buon", into: &model)   // a new text, typed while take 1 is composed
        _ = model.update(.analyzed(text: "buon", StudioTests.happy))
        model.focus = .roll
        _ = model.update(.key("Enter"))
        #expect(model.confirming == .restart)
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.confirming == .restart && model.finishedWhileAsked == 1)
        let line = String(model.view(width: 80, height: 24).rendered().split(separator: "\n").last ?? "")
        #expect(line.contains("take 1 đã xong — tạo take mới ngay? Enter/y, Esc không") && !line.contains("đang được tạo"), "\(line)")
        let effects = model.update(.key("Enter"))
        #expect(!effects.contains { if case .cancelGeneration = $0 { return true } else { return false } })
        guard case .generate? = effects.first else { Issue.record("Enter composed nothing: \(effects)"); return }
        #expect(model.confirming == nil && model.finishedWhileAsked == nil)
        // Esc leaves it.
        var other = StudioSafetyTests.composing()
        other.editor = LineEditor()
        _ = StudioTests.typed("buon", into: &other)
        _ = other.update(.analyzed(text: "buon", StudioTests.happy))
        other.focus = .roll
        _ = other.update(.key("Enter"))
        _ = other.update(.finished(take: 1, judged: nil))
        #expect(other.update(.key("Esc")).isEmpty && other.confirming == nil)
        // A double Enter on the text being composed: when the take is whole, nothing new waits, and no question stays.
        var twice = StudioSafetyTests.composing()       // "vui", the text of take 1
        twice.focus = .roll
        _ = twice.update(.key("Enter"))
        #expect(twice.confirming == .restart)
        _ = twice.update(.finished(take: 1, judged: nil))
        #expect(twice.confirming == nil && twice.notice == "take 1 đã xong: Enter để tạo take mới")
    }

    /// A take renamed after it was saved kept its ✓ while the saved file kept the old title.
    @Test func aRenameAfterASaveTakesTheTickAway() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.saved(take: 1, path: "/music/vui-1.mid"))
        #expect(model.takes[0].saved)
        _ = model.update(.key("n"))
        _ = model.update(.key("Ctrl-U"))
        _ = StudioTests.typed("khac", into: &model)
        _ = model.update(.key("Enter"))
        #expect(model.takes[0].title == "khác" || model.takes[0].title == "khac")
        #expect(!model.takes[0].saved && model.takes[0].savedAs == nil)
    }

    /// The same text whose emotion was chosen by hand is that emotion again, at its point and marked chosen (the next
    /// session composed it 0.23 away, and the take no longer said it was chosen).
    @Test func aTextChosenBeforeIsThatEmotionAgain() {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy, chosenBefore: "Sadness"))
        let sadness = StudioTests.happy.labels.first { $0.code == "Sadness" }!
        #expect(model.chosenEmotion == "Sadness")
        #expect(model.target == CircumplexPoint(valence: sadness.valence, arousal: sadness.arousal))
        model.focus = .roll
        guard case let .generate(id, target, _, _)? = model.update(.key("Enter")).first else { Issue.record("no take"); return }
        #expect(target.valence == sadness.valence && model.takes.first { $0.id == id }?.chosenEmotion == "Sadness")
    }

    /// A point moved by hand yesterday composed today's new diary for that one point (its arc ignored, nothing said,
    /// the file not saying the point was moved by hand): it holds for the text it was moved for, a new text's reading
    /// takes the target back, and a take composed for a moved point says so.
    @Test func yesterdaysHandPointHoldsOnlyForItsText() {
        var model = StudioModel()
        let hand = CircumplexPoint(valence: -0.39, arousal: 0.42)
        // As the runtime restores it: the text left in the field, the point moved for it.
        _ = StudioTests.typed("vui", into: &model)
        model.target = hand
        model.handTargetText = "vui"
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        #expect(model.target == hand)
        model.focus = .roll
        guard case let .generate(id, target, _, _)? = model.update(.key("Enter")).first else { Issue.record("no take"); return }
        #expect(target == hand && model.takes.first { $0.id == id }?.pointChosen == true)
        _ = model.update(.finished(take: id, judged: nil))
        // A new text: Enter reads it first, and its reading is the target.
        model.focus = .text
        _ = model.update(.key("Ctrl-U"))
        _ = StudioTests.typed("buồn", into: &model)
        model.focus = .roll
        #expect(model.update(.key("Enter")) == [.analyzeNow("buồn")])
        let effects = model.update(.analyzed(text: "buồn", StudioTests.sad))
        #expect(model.target == StudioTests.sad.point && model.handTargetText == nil)
        guard case let .generate(next, point, _, _)? = effects.first else { Issue.record("no take"); return }
        #expect(point == StudioTests.sad.point && model.takes.first { $0.id == next }?.pointChosen == false)
        // Moved by hand in this session, the point holds for a new text, as before.
        model.setTargetByHand(hand)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        #expect(model.target == hand)
    }

    /// A text composed with Enter from another panel than the text field was not kept for ↑ (a diary composed from the
    /// plane was not there the next day).
    @Test func aTextComposedFromAnyPanelIsInTheHistory() {
        var model = EmotionChoiceTests.analysed()
        model.focus = .emotion
        _ = model.update(.key("Enter"))
        #expect(model.editor.history == ["vui"])
    }

    /// L switched every label but the why line, written in the language it was read in: the text is read again.
    @Test func theLanguageKeyReadsTheTextAgain() {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        model.focus = .roll
        #expect(model.update(.key("L")) == [.analyzeNow("vui")])
        #expect(model.english)
    }

    /// A CamXuc take opened with o came back as a foreign file: its file name as the title, and a grand piano for its
    /// electric piano (then saved so).
    @Test func anOpenedCamXucTakeKeepsItsTitleAndInstrument() throws {
        var model = PrimerStudioTests.ready()
        var file = PrimerStudioTests.file()
        file.title = "sáng vui"
        file.program = 4
        _ = model.update(.opened(take: 1, file))
        let opened = try #require(model.currentTake)
        #expect(opened.title == "sáng vui" && opened.fileProgram == 4)
    }

    /// An opened CamXuc take showed none of what its file records it was made with (`info` prints its key and seed):
    /// its row shows the seed and its settings the key and temperature; its copy keeps them; a continuation still
    /// uses the studio's parameters.
    @Test func anOpenedCamXucTakeShowsItsSeedAndKey() throws {
        var model = PrimerStudioTests.ready()
        var file = PrimerStudioTests.file()
        file.title = "chiều thu"
        file.sampling = SamplingSettings(temperature: 0.9, topK: 40, topP: 0.95, guidance: 2.5, seed: 987_654_321_987)
        file.keySignature = KeySignature(sharps: 4, minor: true)
        _ = model.update(.opened(take: 1, file))
        model.focus = .takes
        let screen = model.view(width: 100, height: 30).rendered()
        #expect(screen.contains("seed 987654321987") && screen.contains("1: tệp đã mở · 8 nốt · C# thứ · nhiệt độ 0.90"), "\(screen)")
        let runtime = StudioRuntime(options: .init())
        let entry = try #require(model.currentTake)
        let copy = try #require(runtime.take(entry, program: 0))
        #expect(copy.metadata.sampling?.seed == 987_654_321_987)
        model.parameters.temperature = 1.2
        model.focus = .roll
        let effects = model.update(.key("Enter"))
        #expect(effects.contains { if case let .continueTake(_, _, parameters, _, _) = $0 { return parameters.temperature == 1.2 }; return false },
                "\(effects)")
    }

    /// An opened CamXuc take lost its text, and its file then recorded where the judge placed the music as its
    /// emotion, under the same label as an intent (+0.38, −0.49 for a take made for +0.37, −0.07). It keeps the
    /// file's text and emotion; a file with none records none.
    @Test func anOpenedTakeKeepsItsTextAndEmotionAndClaimsNoneItHadNot() throws {
        var model = PrimerStudioTests.ready()
        var file = PrimerStudioTests.file()
        file.text = "Hôm nay trời mưa, mình buồn quá."
        file.emotion = CircumplexPoint(valence: 0.37, arousal: -0.07)
        _ = model.update(.opened(take: 1, file))
        let runtime = StudioRuntime(options: .init())
        let ownEntry = try #require(model.currentTake)
        let own = try #require(runtime.take(ownEntry, program: 0))
        #expect(own.metadata.text == file.text && own.metadata.valence == 0.37 && own.metadata.arousal == -0.07)
        _ = model.update(.opened(take: 2, PrimerStudioTests.file()))
        let otherEntry = try #require(model.currentTake)
        let other = try #require(runtime.take(otherEntry, program: 0))
        #expect(other.metadata.text == nil && other.metadata.valence == nil && other.metadata.arousal == nil)
    }

    /// A long opened file's name took the notice at 90 columns, the key and what was left out cut: the notice goes on
    /// two rows, or its short form leaves the name out.
    @Test func aLongOpenedNameLeavesRoomForWhatWasLeftOut() {
        #expect(Grid.middleCut("nhac-nen-cho-buoi-chieu-mua-thu-ha-noi-ban-cuoi.mid", columns: 28)
                == "nhac-nen-cho-b…-ban-cuoi.mid")
        #expect(Grid.middleCut("song.mid", columns: 28) == "song.mid")
        var model = PrimerStudioTests.ready()
        var file = PrimerStudioTests.file()
        // Cut to 28, a name was cut at 120 columns with 50 to spare: whole.
        file.name = "nhac-nen-cho-buoi-chieu-mua-thu-ha-noi-ban-cuoi.mid"
        _ = model.update(.opened(take: 1, file))
        #expect(model.notice?.hasPrefix("đã mở nhac-nen-cho-buoi-chieu-mua-thu-ha-noi-ban-cuoi.mid: 8 nốt, 0:03 — Enter để viết tiếp") == true, "\(model.notice ?? "")")
        // Longer, the notice keeps it whole (`m` lists it so); where two rows cannot hold it, the status line's short
        // form leaves it out.
        file.name = "nhac-nen-cho-buoi-chieu-mua-thu-ha-noi-nam-ay-phien-ban-thu-hai-rat-dai-ban-cuoi.mid"
        _ = model.update(.opened(take: 2, file))
        #expect(model.notice?.hasPrefix("đã mở nhac-nen-cho-buoi-chieu-mua-thu-ha-noi-nam-ay-phien-ban-thu-hai-rat-dai-ban-cuoi.mid: 8 nốt") == true, "\(model.notice ?? "")")
        // At 90 columns what was left out still shows.
        let status = model.view(width: 90, height: 30).rendered().split(separator: "\n").suffix(2).joined(separator: " ")
        #expect(status.contains("bỏ 4 nốt trống ở kênh 10"), "\(status)")
    }

    /// What a band's file lost (its drums, its flute played by the strings) was cut off at 120 columns, unreadable
    /// anywhere in the studio: a status line too narrow for the notice leaves out the name and "Enter để viết tiếp",
    /// which the roll's title says.
    /// At 80 columns it was still cut ("…32 nốt của nhạc cụ khác chơi…"): a notice too wide for the status line goes
    /// on two lines, whole where two hold it.
    @Test func whatAnOpenedFileLostShowsAt80And120Columns() {
        var model = PrimerStudioTests.ready()
        var file = PrimerStudioTests.file()
        file.name = "band-3tracks.mid"
        file.notices = ["band-3tracks.mid: 64 drum notes on channel 10 left out (the model plays piano)",
                        "band-3tracks.mid: 32 notes of other instruments (Flute) played as String Ensemble 1 (the model plays one instrument)"]
        _ = model.update(.opened(take: 1, file))
        func status(_ width: Int) -> String {
            model.view(width: width, height: 24).rendered().split(separator: "\n").suffix(2)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        for width in [80, 120] {
            #expect(status(width).contains("bỏ 64 nốt trống ở kênh 10, 32 nốt của nhạc cụ khác chơi bằng String Ensemble 1"),
                    "\(status(width))")
        }
        #expect(status(120).contains("đã mở band-3tracks.mid: 8 nốt, 0:03 — Enter để viết tiếp · bỏ 64"), "\(status(120))")
        // Wide enough, on one line.
        let wide = model.view(width: 200, height: 36).rendered().split(separator: "\n").last.map(String.init) ?? ""
        #expect(wide.contains("đã mở band-3tracks.mid: 8 nốt, 0:03 — Enter để viết tiếp · bỏ 64"), "\(wide)")
    }

    /// A file another program made, in the takes folder, had a title made up from a (0, 0) target — "C trưởng
    /// I–IV–V–I · nhịp ×1.00 · lực 34–94 ─ ◆ +0.00 +0.00" — and a Δ from it: it says what the file holds.
    @Test func aFileFromElsewhereSaysWhatItHolds() {
        var model = PrimerStudioTests.ready()
        var entry = StudioModel.TakeEntry(id: 11, title: "take 11", text: nil, notes: PrimerStudioTests.scale,
                                          target: CircumplexPoint(valence: 0, arousal: 0), finished: true, parameters: nil)
        entry.fromFile = true
        entry.targetIsIntent = false
        entry.tempoMap = TempoMap(beatsPerMinute: 96)
        entry.keySignature = KeySignature(sharps: 1, minor: true)
        entry.judged = CircumplexPoint(valence: 0.7, arousal: 0.8)
        model.takes.append(entry)
        model.selectedTake = 11
        let screen = model.view(width: 120, height: 36).rendered()
        #expect(screen.contains("Piano roll ─ take 11 ─ tệp từ nơi khác · 96 bpm · E thứ ─"), "\(screen)")
        #expect(!screen.contains("◆ +0.00") && !screen.contains("Δ"), "\(screen)")
    }

    /// An opened file's title is its file name: its extension is no word of the saved name.
    @Test func aSavedNameHasNoMidWord() throws {
        let folder = NSTemporaryDirectory() + "names-\(UUID().uuidString)"
        let path = try StudioRuntime.exportPath(folder: folder, title: "875.MID", id: 9, wav: false)
        #expect((path as NSString).lastPathComponent.hasPrefix("875-9-"))
    }
}
