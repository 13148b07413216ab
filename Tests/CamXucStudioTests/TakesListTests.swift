import CamXucEmotion
import CamXucMusic
import CamXucText
import Testing
@testable import CamXucStudio

/// The takes list: A/B comparison, delete with undo, rename.
@Suite struct TakesListTests {
    /// A model with `count` finished takes (ids 1…count), the takes panel focused, the newest selected.
    static func withTakes(_ count: Int) -> StudioModel {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        for id in 1...count {
            _ = model.update(.key("Enter"))
            _ = model.update(.note(take: id, .init(pitch: 60 + id, velocity: 90, startSeconds: 0, durationSeconds: 2)))
            _ = model.update(.finished(take: id, judged: nil))
        }
        model.focus = .takes
        return model
    }

    /// A class's take (an emotion chosen with 1–7) and the model's take of one sentence looked alike in the list,
    /// the same text and a seed apiece: the chosen emotion is named on its row.
    /// A studio whose text is read, with one take of that reading composed (a note, two seconds).
    static func oneReadTake() -> StudioModel {
        var model = EmotionChoiceTests.analysed()
        model.emotionLabels = PanelTests.labels
        model.focus = .roll
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 1, .init(pitch: 60, velocity: 90, startSeconds: 0, durationSeconds: 2)))
        _ = model.update(.finished(take: 1, judged: nil))
        return model
    }

    @Test func aTakeWhoseEmotionWasChosenByHandSaysWhichOnItsRow() {
        var model = Self.oneReadTake()
        model.focus = .emotion
        _ = model.update(.key("6"))
        model.focus = .roll
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 2, .init(pitch: 62, velocity: 90, startSeconds: 0, durationSeconds: 2)))
        _ = model.update(.finished(take: 2, judged: nil))
        _ = model.update(.key("t"))
        let screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("0:02 · chọn: ngạc nhiên"), "\(screen)")
        #expect(screen.components(separatedBy: "chọn: ").count == 2)
        // The model's take records what the text was read as (its file too), and names it where the rows have room
        // (first left out: all takes of one text share it).
        #expect(model.takes[0].readEmotion == "Enjoyment" && model.takes[1].readEmotion == nil)
        let wide = Self.oneReadTake().view(width: 300, height: 60).rendered()
        #expect(wide.contains("0:02 · đọc: vui vẻ"), "\(wide.split(separator: "\n").filter { $0.contains("0:02") })")
    }

    /// The side panel showed "· seed 825641" on one row and nothing on the next (its 9-digit seed did not fit), and Δ
    /// only beside 4-digit seeds: every row shown has the same fields.
    @Test func everyRowOfTheListShowsTheSameFields() {
        var model = Self.withTakes(4)
        let seeds: [UInt64] = [987_654_321, 17_929, 5_189, 825_641]
        for (index, seed) in seeds.enumerated() {
            model.takes[index].parameters?.seed = seed
            model.takes[index].judged = CircumplexPoint(valence: 0.1, arousal: 0.2)
        }
        for width in [132, 160, 200] {
            let rect = StudioLayout(width: width, height: 43).takes ?? Grid.Rect(x: 0, y: 0, width: 0, height: 0)
            let screen = model.view(width: width, height: 43).rendered().split(separator: "\n").map(String.init)
            let rows = screen.filter { $0.contains("0:02") }.map { String(Array($0)[rect.x..<(rect.x + rect.width)]) }
            #expect(rows.count == 4, "\(width): \(rows)")
            let withSeed = rows.filter { $0.contains("seed ") }.count, withDelta = rows.filter { $0.contains("Δ") }.count
            #expect((withSeed == 0 || withSeed == 4) && (withDelta == 0 || withDelta == 4), "\(width): \(rows)")
            #expect(!rows.contains { $0.range(of: #"seed [0-9]*…"#, options: .regularExpression) != nil }, "\(width): \(rows)")
        }
    }

    /// At 200×60 the list showed 5 of 13 takes beside a roll 44 rows high: from 50 rows it runs down beside the roll,
    /// and a click there picks a take.
    @Test func onATallScreenTheTakesRunDownBesideTheRoll() {
        let layout = StudioLayout(width: 200, height: 60)
        guard let takes = layout.takes else { Issue.record("no takes panel at 200×60"); return }
        #expect(takes.height == 60 - 3 - 1 && layout.roll.width == 200 - takes.width)
        #expect(StudioLayout(width: 200, height: 49).roll.width == 200)
        var model = Self.withTakes(13)
        let screen = model.view(width: 200, height: 60).rendered()
        for id in 1...13 { #expect(screen.contains("▸ \(id) vui") || screen.contains("  \(id) vui"), "take \(id) not listed") }
        _ = model.update(.mouse(MouseEvent(x: 190, y: 40, kind: .press, width: 200, height: 60)))
        #expect(model.focus == .takes)
    }

    /// Where the rows leave every seed out, the selected take's settings say its seed, short as it may be (take 3's
    /// seed 7 was taken for shown in its row, and shown nowhere).
    @Test func theSettingsSayTheSeedWhereTheRowsLeaveItOut() {
        var model = Self.withTakes(4)
        let seeds: [UInt64] = [987_654_321_987, 1_511_121_551, 7, 825_641]
        for (index, seed) in seeds.enumerated() { model.takes[index].parameters?.seed = seed }
        for id in 1...4 {
            model.selectedTake = id
            let screen = model.view(width: 120, height: 40).rendered()
            #expect(screen.contains("seed \(seeds[id - 1])"), "take \(id): \(screen)")
        }
    }

    /// With the list over the roll (below 110 columns) a paused take looked stopped: its row says ⏸.
    @Test func aPausedTakesRowSaysSo() {
        var model = Self.withTakes(2)
        _ = model.update(.key("Enter"))   // plays the selected take
        _ = model.update(.playhead(take: model.selectedTake, seconds: 1))
        #expect(model.view(width: 80, height: 24).rendered().contains("▶"))
        _ = model.update(.key("Space"))
        #expect(model.paused != nil)
        let row = model.view(width: 80, height: 24).rendered().split(separator: "\n").first { $0.contains("▸ 2") } ?? ""
        #expect(row.contains("⏸"), "\(row)")
    }

    @Test func xSwitchesBetweenTheMarkedTakesAtTheSameMoment() {
        var model = Self.withTakes(3)
        #expect(model.update(.key("x")).isEmpty)
        #expect(model.error?.contains("a") == true)
        _ = model.update(.key("↓"))          // take 2
        _ = model.update(.key("a"))
        _ = model.update(.key("↑"))          // take 3
        _ = model.update(.key("b"))
        #expect(model.markA == 2 && model.markB == 3)
        #expect(model.notice == "A: take 2  B: take 3")
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        _ = model.update(.playhead(take: 2, seconds: 1.25))
        #expect(model.update(.key("x")) == [.play(take: 3, loop: false, fromSeconds: 1.25)])
        #expect(model.selectedTake == 3)
        _ = model.update(.playhead(take: 3, seconds: 1.5))
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 1.5)])
        let screen = model.view(width: 120, height: 40).rendered()
        #expect(screen.contains(" A") && screen.contains(" B"))
    }

    /// Enter on a row of the list plays that take from its start, as cmus and lazygit act on the row (it composed
    /// a new take for the target, and the status line offered "Enter compose" in the list); an opened file is still
    /// continued, as its notice says.
    @Test func enterInTheListPlaysTheSelectedTakeFromItsStart() {
        var model = Self.withTakes(3)
        _ = model.update(.key("↓"))          // take 2
        #expect(model.update(.key("Enter")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        #expect(model.takes.count == 3 && model.generatingTake == nil)
        _ = model.update(.playhead(take: 2, seconds: 1.5))
        #expect(model.update(.key("Enter")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        let line = model.keys.statusLine(english: true, width: 200, focus: .takes)
        #expect(line.hasPrefix(" Enter play take") && !line.contains("compose"))
        // Elsewhere Enter still composes.
        model.focus = .roll
        guard case .generate? = model.update(.key("Enter")).first else { Issue.record("Enter composed nothing"); return }
    }

    /// Two takes of one text differed in the list by their seeds alone: the selected take's key and settings are on
    /// the list's last row while it has focus.
    @Test func theSelectedTakesSettingsAreShownUnderTheList() throws {
        var model = Self.withTakes(2)
        model.english = true
        model.parameters.temperature = 0.9
        model.parameters.tempoScale = 0.8
        model.focus = .roll
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 3, .init(pitch: 62, velocity: 90, startSeconds: 0, durationSeconds: 2)))
        _ = model.update(.planned(take: 3, harmony: "D minor i–iv–V–i"))
        _ = model.update(.finished(take: 3, judged: nil))
        model.focus = .takes
        let screen = model.view(width: 100, height: 32).rendered()
        // On two rows where one would cut it (the settings that tell takes apart were cut).
        #expect(screen.contains("│ 3: D minor · temperature 0.90 ") && screen.contains("│ tempo set ×0.80 "), "\(screen)")
        _ = model.update(.key("↓"))
        #expect(model.view(width: 100, height: 32).rendered().contains("│ 2: temperature 1.00  "))
        model.focus = .roll
        #expect(!model.view(width: 100, height: 32).rendered().contains("2: temperature 1.00"))
        // An arc's take names every key it goes through, not its first alone ("C thứ" for C minor → C major).
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 4, .init(pitch: 60, velocity: 90, startSeconds: 0, durationSeconds: 2)))
        _ = model.update(.planned(take: 4, harmony: "C minor i–iv → C minor i–V → C major I–IV–V–I"))
        _ = model.update(.finished(take: 4, judged: nil))
        model.english = false
        #expect(model.takeSettings(try #require(model.currentTake)).hasPrefix("4: C thứ → C trưởng · nhiệt độ 0.90"))
        // In a narrow panel the keys break after their arrows (the 22-column side panel cut them after the first).
        #expect(StudioModel.wrapped("1: G# thứ → Ab trưởng → G# thứ · nhiệt độ 1.00", width: 22, rows: 3)
                == ["1: G# thứ →", "Ab trưởng → G# thứ", "nhiệt độ 1.00"])
    }

    /// The side panel at 110 columns and over is too narrow for a take's seed on its details row: its settings rows
    /// give it instead (the wider overlay under 110 columns showed it, the side panel never did).
    @Test func theSidePanelsSettingsGiveTheSeedItsListLeavesOut() {
        var model = Self.withTakes(1)
        model.english = true
        model.parameters.seed = 4_089_591_234
        model.focus = .roll
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 2, .init(pitch: 62, velocity: 90, startSeconds: 0, durationSeconds: 2)))
        _ = model.update(.finished(take: 2, judged: CircumplexPoint(valence: 0.2, arousal: 0.1)))
        model.focus = .takes
        let side = model.view(width: 120, height: 40).rendered()
        #expect(side.contains("seed 4089591234"), "\(side)")
        #expect(side.components(separatedBy: "seed 4089591234").count == 2)   // once, not on the details row too
        // The overlay shows it on the details row, and not twice.
        let overlay = model.view(width: 100, height: 32).rendered()
        #expect(overlay.components(separatedBy: "seed 4089591234").count == 2, "\(overlay)")
        // In Vietnamese, with a key, a changed tempo and a text, the side panel still shows it (put last, it was cut).
        model.english = false
        model.takes[model.takes.count - 1].harmony = "D minor i–iv–V–i"
        model.takes[model.takes.count - 1].text = "hôm nay trời đẹp quá"
        model.takes[model.takes.count - 1].parameters?.tempoScale = 0.8
        let vietnamese = model.view(width: 120, height: 40).rendered()
        #expect(vietnamese.contains("seed 4089591234"), "\(vietnamese)")
    }

    /// PgUp moved five takes where three showed (at 120×40): two takes were skipped, never selected nor seen. A page
    /// is what the list shows, less one kept in view.
    @Test func pageUpAndDownSkipNoTake() {
        for (width, height) in [(120, 40), (80, 24), (200, 60)] {
            var model = Self.withTakes(30)
            _ = model.update(.resized(width: width, height: height))
            _ = model.update(.key("End"))
            var seen: Set<Int> = []
            for _ in 0..<40 {
                let screen = model.view(width: width, height: height)
                let shown = Set(model.takeRows(model.takesArea((model.screenLayout.takes ?? model.screenLayout.takesOverlay).padded).list).map(\.id))
                _ = screen
                seen.formUnion(shown)
                let before = model.selectedTake ?? 0
                _ = model.update(.key("PageUp"))
                #expect((model.selectedTake ?? 0) == 30 || shown.contains(model.selectedTake ?? 0) || (model.selectedTake ?? 0) > before, "\(width)×\(height)")
            }
            #expect(seen == Set(1...30), "\(width)×\(height): \(Set(1...30).subtracting(seen).sorted()) never shown")
        }
    }

    @Test func markingTheSameTakeAsBothLeavesOnlyTheNewerMark() {
        var model = Self.withTakes(2)
        _ = model.update(.key("a"))
        _ = model.update(.key("b"))
        #expect(model.markA == nil && model.markB == 2)
    }

    @Test func deleteCanBeUndoneAndTheTakeReturnsToItsPlace() {
        var model = Self.withTakes(3)
        _ = model.update(.key("↓"))          // take 2
        _ = model.update(.key("a"))
        #expect(model.update(.key("d")) == [.forget(take: 2)])
        #expect(model.takes.map(\.id) == [1, 3])
        #expect(model.markA == nil)
        #expect(model.notice == "đã xoá take 2 — u để hoàn tác")
        #expect(model.update(.key("u")) == [.store(take: 2)])
        #expect(model.takes.map(\.id) == [1, 2, 3])
        #expect(model.selectedTake == 2)
        #expect(model.markA == 2)            // it comes back marked A, as it was
        #expect(model.update(.key("u")).isEmpty)
        #expect(model.notice == "không có gì để hoàn tác")
    }

    @Test func deletingThePlayingTakeStopsIt() {
        var model = Self.withTakes(1)
        _ = model.update(.playhead(take: 1, seconds: 0.5))
        #expect(model.update(.key("d")) == [.stop, .forget(take: 1)])
        #expect(model.takes.isEmpty && model.selectedTake == nil)
    }

    @Test func renameEditsTheTitleAndStoresIt() {
        var model = Self.withTakes(1)
        _ = model.update(.key("n"))
        #expect(model.renaming?.editor.text == "vui")
        // The row shows it is being edited, and the status line says how to keep, leave or clear it.
        let editing = model.view(width: 120, height: 40).rendered()
        #expect(editing.contains("✎ 1 vui") && editing.contains("đổi tên take 1 (Telex): Enter giữ  Esc huỷ  Ctrl-U xoá hết  Ctrl-T Telex/VNI/tắt"))
        for key in ["Backspace", "Backspace", "Backspace", "b", "a", "i", "f", "Space", "m", "o", "o", "j", "t"] {
            #expect(model.update(.key(key)).isEmpty)  // letters type into the name, not commands (b, t)
        }
        #expect(model.renaming?.editor.text == "bài một")
        // The cursor is drawn where typing goes, over the letter there (it stayed after the name whatever ← did).
        for _ in 0..<3 { _ = model.update(.key("←")) }
        let grid = model.view(width: 120, height: 40)
        let row = grid.rendered().split(separator: "\n").firstIndex { $0.contains("✎ 1 bài một") } ?? 0
        let cursorCells = (0..<120).filter { grid[$0, row].role == "text.cursor" }
        #expect(cursorCells.count == 1 && cursorCells.first.map { grid[$0, row].text } == "m", "\(cursorCells)")
        // The name around it is drawn as text, not as the selected row, whose colours the cursor cell has.
        #expect(cursorCells.first.map { grid[$0 - 1, row].role } == "text")
        // A cut end is marked ▸ as a cut start is ◂.
        #expect(StudioModel.fieldView(Array("abcdefghij"), cursor: 2, columns: 6) == ("abcde▸", 2))
        #expect(StudioModel.fieldView(Array("abcdefghij"), cursor: 10, columns: 6) == ("◂hij", 4))
        #expect(StudioModel.fieldView(Array("abcdefghij"), cursor: 7, columns: 6) == ("◂efgh▸", 4))
        // A wide character under the cursor is shown whole (the cursor sat on a blank).
        let wide = StudioModel.fieldView(Array("日本語のファイル名.mid"), cursor: 5, columns: 10)
        #expect(wide.text.contains("ァ") && DisplayWidth.of(wide.text) <= 10, "\(wide)")
        for _ in 0..<3 { _ = model.update(.key("→")) }
        #expect(model.update(.key("Enter")) == [.store(take: 1)])
        #expect(model.takes[0].title == "bài một" && model.renaming == nil)
        #expect(model.view(width: 120, height: 40).rendered().contains("1 bài một"))
    }

    /// Ctrl-T changes the input method in the rename field too, and the text field's with it (it did nothing there,
    /// and the line did not say which method types the name).
    @Test func ctrlTChangesTheInputMethodWhileRenaming() {
        var model = Self.withTakes(1)
        _ = model.update(.key("n"))
        _ = model.update(.key("Ctrl-U"))
        #expect(model.update(.key("Ctrl-T")).isEmpty)
        for key in ["t", "o", "6", "i"] { _ = model.update(.key(key)) }
        #expect(model.renaming?.editor.text == "tôi" && model.editor.inputMethod?.kind == .vni)
        #expect(model.view(width: 120, height: 40).rendered().contains("đổi tên take 1 (VNI): "))
        _ = model.update(.key("Ctrl-T"))
        for key in ["Space", "a", "a"] { _ = model.update(.key(key)) }
        #expect(model.renaming?.editor.text == "tôi aa" && model.editor.inputMethod == nil)
    }

    /// A name longer than its row shows its end with ◂ before it, as the text field marks text scrolled out.
    @Test func aLongNameBeingEditedIsMarked() {
        var model = Self.withTakes(1)
        _ = model.update(.key("n"))
        for character in "ban thu am lan thu hai muoi lam cho buoi bieu dien toi nay" {
            _ = model.update(.key(character == " " ? "Space" : String(character)))
        }
        let screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("✎ 1 ◂"), "\(screen)")
    }

    /// Ctrl-U clears the name; a name typed as Unicode (a system input method's "Bản") goes in as typed, not re-toned.
    @Test func ctrlUClearsTheNameAndTypedUnicodeStaysAsTyped() {
        var model = Self.withTakes(1)
        model.editor.inputMethod = InputMethod(.telex)
        _ = model.update(.key("n"))
        _ = model.update(.key("Ctrl-U"))
        #expect(model.renaming?.editor.text == "")
        for key in ["c", "ũ", "B", "ả", "n", "Space", "x", "i", "n", "c", "h", "à", "o"] { _ = model.update(.key(key)) }
        #expect(model.renaming?.editor.text == "cũBản xinchào")
        _ = model.update(.paste(String(repeating: "a", count: 200)))
        #expect(model.renaming?.editor.characters.count == 80)
        #expect(model.view(width: 120, height: 40).rendered().contains("(đã đủ 80 ký tự)"))
    }

    /// "▲ 5" (takes above the rows shown) sits beside the first row's title, not over its last letters.
    @Test func theCountOfTakesAboveNeverCoversATitle() throws {
        var model = Self.withTakes(12)
        for index in model.takes.indices { model.takes[index].title = "trời mưa buồn quá đi thôi" }
        model.selectedTake = 1
        let screen = model.view(width: 120, height: 40).rendered()
        let line = try #require(screen.split(separator: "\n").first { $0.contains("▲") })
        let before = try #require(line.range(of: "▲")).lowerBound
        #expect(line[line.index(before: before)] == " ", "\(line)")
    }

    /// A save is remembered by the kept copy (stored again with where it went), so the ✓ is there after a restart.
    @Test func aSavedTakeIsStoredAgainWithWhereItWent() {
        var model = Self.withTakes(1)
        #expect(model.update(.saved(take: 1, path: "/music/vui-1.mid")) == [.store(take: 1)])
        #expect(model.takes[0].saved && model.takes[0].savedAs == "/music/vui-1.mid")
        #expect(model.view(width: 200, height: 40).rendered().contains("✓"))
    }

    @Test func escapeLeavesTheNameAsItWas() {
        var model = Self.withTakes(1)
        _ = model.update(.key("n"))
        _ = model.update(.key("z"))
        _ = model.update(.key("Esc"))
        #expect(model.takes[0].title == "vui" && model.renaming == nil)
    }

    @Test func onANarrowScreenTOpensTheTakesAsAnOverlay() {
        var model = Self.withTakes(2)
        model.focus = .roll
        #expect(!model.view(width: 80, height: 24).rendered().contains("┌ Takes"))
        _ = model.update(.key("t"))
        #expect(model.focus == .takes)
        let screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("┌ Takes"))
        #expect(screen.contains("▸ 2 vui"))
        _ = model.update(.key("t"))
        #expect(!model.view(width: 80, height: 24).rendered().contains("┌ Takes"))
    }
}

/// What a probe of the takes list found: deletes past the undo depth, the oldest take, a second studio on the folder.
@Suite struct TakesListProbeTests {
    @Test func deletingTheOldestTakeSelectsTheOneNowAtTheBottom() {
        var model = TakesListTests.withTakes(4)
        for _ in 0..<5 { _ = model.update(.key("↓")) }  // take 1, at the bottom of the list
        #expect(model.selectedTake == 1)
        _ = model.update(.key("d"))
        #expect(model.selectedTake == 2)  // was 4, the newest, out of sight at the top of a long list
        _ = model.update(.key("d"))
        #expect(model.takes.map(\.id) == [3, 4])
    }

    @Test func aDeleteThatPushesAnOlderOneOutOfUndoSaysSo() {
        let depth = StudioModel.undoDepth
        var model = TakesListTests.withTakes(depth + 2)
        for _ in 0..<depth { _ = model.update(.key("d")) }
        #expect(model.notice?.contains("không khôi phục") == false)
        _ = model.update(.key("d"))
        let newest = depth + 2  // the first one deleted
        #expect(model.notice?.contains("take \(newest), xoá cách đây \(depth) lần, không khôi phục được nữa") == true, "\(model.notice ?? "")")
        for _ in 0..<depth { _ = model.update(.key("u")) }
        #expect(!model.takes.contains { $0.id == newest })
        _ = model.update(.key("u"))
        #expect(model.notice == "không có gì để hoàn tác")
    }

    @Test func keysDoNothingWhileTheScreenIsTooSmall() {
        var model = TakesListTests.withTakes(3)
        _ = model.update(.resized(width: 59, height: 20))
        #expect(model.update(.key("d")).isEmpty)
        #expect(model.update(.key("q")).isEmpty)
        #expect(model.update(.key("y")).isEmpty)
        #expect(model.takes.count == 3 && model.confirming == nil && !model.quitting)
        #expect(model.update(.mouse(MouseEvent(x: 10, y: 10, kind: .press, width: 59, height: 20))).isEmpty)
        #expect(model.update(.key("Ctrl-C")).contains(.quit))
    }

    @Test func tWhereTheTakesPanelIsShownLeavesNoOverlayBehind() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.resized(width: 120, height: 40))
        model.focus = .text
        _ = model.update(.key("Esc"))
        _ = model.update(.key("t"))
        #expect(model.focus == .takes && !model.takesOverlay)
        model.focus = .text
        _ = model.update(.key("Esc"))
        #expect(model.focus == .emotion)  // was the roll: the overlay flag closed an overlay that was never drawn
        _ = model.update(.resized(width: 80, height: 24))
        _ = model.update(.key("t"))
        #expect(model.takesOverlay)
    }

    @Test func theQuitQuestionKeepsItsKeysAtEightyColumns() {
        var model = TakesListTests.withTakes(6)
        for index in model.takes.indices { model.takes[index].unkept = true }
        _ = model.update(.key("q"))
        for (width, english) in [(80, false), (80, true)] {
            model.english = english
            // On two lines, what is at stake whole on the first (below 80 columns it was cut).
            let status = model.view(width: width, height: 24).rendered().split(separator: "\n").suffix(2).joined(separator: "\n")
            #expect(status.contains(english ? "6 takes not kept: to the temporary folder at quit (lost at reboot)"
                                            : "6 take chưa giữ được, sẽ để ở thư mục tạm (mất khi tắt máy)"), "\(status)")
            #expect(status.contains(english ? "quit: y/n" : "thoát: y/n"), "\(status)")
        }
    }

    /// Esc then Enter typed quickly reach the studio as Alt-Enter: outside the text field they are Esc and Enter.
    @Test func escThenEnterTypedFastStillComposes() {
        var model = TakesListTests.withTakes(1)
        model.focus = .roll
        _ = model.update(.key("Alt-Enter"))
        #expect(model.generatingTake == 2)
        // In the text field Alt-Enter breaks the line.
        model.focus = .text
        _ = model.update(.key("Alt-Enter"))
        #expect(model.editor.text.contains("\n"))
    }

    @Test func anEmptyNameIsSaidAndTheOldNameKept() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.key("n"))
        _ = model.update(.key("Ctrl-U"))
        _ = model.update(.key(" "))
        #expect(model.update(.key("Enter")).isEmpty)
        #expect(model.notice == "tên trống: take 1 giữ tên cũ")
        #expect(model.takes[0].title == "vui")
    }

    /// A second studio on the same takes folder renames and deletes only its own takes, and a save does not rewrite
    /// the others' files: each studio wrote its old copy of a take over the other's rename.
    @Test func withAnotherStudioOnTheFolderOnlyTakesMadeHereAreEdited() throws {
        var model = StudioModel()
        model.otherStudio = StudioModel.OtherStudio(pid: 4242)
        model.takes.append(StudioModel.TakeEntry(id: 1, title: "kept", notes: [.init(pitch: 60, velocity: 90, startSeconds: 0, durationSeconds: 1)],
                                                 target: CircumplexPoint(valence: 0, arousal: 0), finished: true))
        model.selectedTake = 1
        model.focus = .takes
        #expect(model.update(.key("n")).isEmpty && model.renaming == nil)
        #expect(model.error?.contains("take 1 do một studio khác đang mở giữ (pid 4242)") == true, "\(model.error ?? "")")
        #expect(model.update(.key("d")).isEmpty && model.takes.count == 1)
        #expect(model.update(.saved(take: 1, path: "/tmp/x.mid")).isEmpty)  // exported, but take-1.mid not rewritten
        #expect(model.takes[0].saved)
        // A take made here is this studio's own.
        model.focus = .text
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        _ = model.update(.key("Enter"))
        let id = try #require(model.generatingTake)
        _ = model.update(.note(take: id, .init(pitch: 62, velocity: 90, startSeconds: 0, durationSeconds: 1)))
        _ = model.update(.finished(take: id, judged: nil))
        model.focus = .takes
        model.selectedTake = id
        #expect(model.update(.key("d")) == [.forget(take: id)])
    }
}
