import Foundation
import CamXucEmotion
import CamXucMusic
import CamXucText
import Testing
@testable import CamXucStudio

/// `o` opens a MIDI file through a path prompt (Tab completes) and Enter continues it; `c` keeps the playing take
/// up to the playhead and composes the rest anew. Both make takes that record their parent.
@Suite struct PrimerStudioTests {
    static let scale = (0..<8).map {
        EventVocabulary.DecodedNote(pitch: [60, 62, 64, 65, 67, 69, 71, 72][$0], velocity: 70,
                                    startSeconds: Double($0) * 0.5, durationSeconds: 0.4)
    }

    static func file() -> OpenedFile {
        OpenedFile(name: "song.mid", notes: scale,
                   record: TakeMetadata.PrimerRecord(file: "song.mid", seconds: 3.9, notes: 8, continuationStartSeconds: 3.5),
                   notices: ["song.mid: 4 drum notes on channel 10 left out (the model plays piano)"],
                   judged: CircumplexPoint(valence: 0.4, arousal: -0.2))
    }

    /// Enter on an opened file with no text and no point said only "type some text first", where the line had
    /// offered to continue the file; then it said what gives the continuation its emotion, and still did nothing.
    /// It goes on in the file's own emotion, the one the judge hears in it, and says so.
    @Test func enterOnAnOpenedFileWithNoEmotionGoesOnInTheOneTheJudgeHears() {
        var model = StudioModel()
        model.focus = .roll
        _ = model.update(.opened(take: 1, Self.file()))
        let effects = model.update(.key("Enter"))
        guard case .continueTake(let take, let target, _, _, _)? = effects.first else {
            Issue.record("no continuation: \(effects), \(model.error ?? "")")
            return
        }
        #expect(take == 2 && target == CircumplexPoint(valence: 0.4, arousal: -0.2))
        #expect(model.error == nil)
        #expect(model.notice == "viết tiếp song.mid từ 0:03 theo cảm xúc của chính tệp (thư thái, như máy nghe ra); gõ chữ hoặc 1–7 để chọn khác",
                "\(model.notice ?? "")")
        // A text typed afterwards gives the next continuation its emotion, as before.
        #expect(model.target == nil)
        // Its file says where the emotion came from: it said "the point moved by hand".
        let made = model.takes.first { $0.id == 2 }
        #expect(made?.pointChosen == false && made?.ownEmotion == "judged")
    }

    /// A CamXuc take opened with `o` goes on in the emotion its file records; a file the judge could not hear and
    /// that records none still says where an emotion comes from.
    @Test func anOpenedTakeGoesOnInItsRecordedEmotionAndAFileWithNoneSaysWhereOneComesFrom() {
        var file = Self.file()
        file.emotion = CircumplexPoint(valence: -0.6, arousal: 0.5)
        var model = StudioModel()
        model.english = true
        _ = model.update(.opened(take: 1, file))
        model.focus = .roll
        let effects = model.update(.key("Enter"))
        guard case .continueTake(_, let target, _, _, _)? = effects.first else {
            Issue.record("no continuation: \(effects)")
            return
        }
        #expect(target == CircumplexPoint(valence: -0.6, arousal: 0.5))
        #expect(model.notice?.hasSuffix(" in its own emotion (tense, as its file records); type a text or 1–7 for another") == true,
                "\(model.notice ?? "")")
        #expect(model.takes.last?.ownEmotion == "recorded" && model.takes.last?.pointChosen == false)

        var unheard = Self.file()
        unheard.judged = nil
        var other = StudioModel()
        other.focus = .roll
        _ = other.update(.opened(take: 1, unheard))
        #expect(other.update(.key("Enter")).isEmpty)
        #expect(other.error == "để viết tiếp tệp đã mở, hãy gõ vài chữ, chọn một cảm xúc (1–7) hoặc một điểm trên mặt phẳng trước",
                "\(other.error ?? "")")
    }

    /// A point left by a text since emptied is no choice: a sad take went on happily, without a word, after the
    /// happy text typed before it was cleared. A point moved by hand still is.
    @Test func anOpenedFileGoesOnInItsOwnEmotionAfterTheTextIsCleared() {
        var model = EmotionChoiceTests.analysed()
        for _ in 0..<3 { _ = model.update(.key("Backspace")) }
        #expect(model.editor.text.isEmpty && model.target != nil)
        _ = model.update(.opened(take: 1, Self.file()))
        model.focus = .roll
        guard case .continueTake(_, let target, _, _, _)? = model.update(.key("Enter")).first else {
            Issue.record("no continuation")
            return
        }
        #expect(target == CircumplexPoint(valence: 0.4, arousal: -0.2))
        var moved = EmotionChoiceTests.analysed()
        for _ in 0..<3 { _ = moved.update(.key("Backspace")) }
        moved.target = CircumplexPoint(valence: -0.5, arousal: 0.5)
        _ = moved.update(.opened(take: 1, Self.file()))
        moved.focus = .roll
        guard case .continueTake(_, let chosen, _, _, _)? = moved.update(.key("Enter")).first else {
            Issue.record("no continuation")
            return
        }
        #expect(chosen == CircumplexPoint(valence: -0.5, arousal: 0.5))
    }

    /// Where a continuation's new music starts after the notes it kept was told by the kept notes' shade alone, and
    /// by nothing without colours: a dotted line marks it in the roll, under the notes.
    @Test func theRollMarksWhereAContinuationsNewMusicStarts() {
        var model = Self.ready()
        _ = model.update(.opened(take: 1, Self.file()))
        _ = model.update(.key("Enter"))
        let take = model.generatingTake ?? 0
        #expect(take == 2 && model.rollJoin == nil)
        #expect(!model.view(width: 120, height: 40).rendered().contains("┊"))  // nothing new yet
        _ = model.update(.note(take: take, .init(pitch: 67, velocity: 80, startSeconds: 4.0, durationSeconds: 0.5)))
        #expect(model.rollJoin == 3.5)
        let rows = model.view(width: 120, height: 40).rendered().split(separator: "\n")
        #expect(rows.filter { $0.contains("┊") }.count >= 10, "\(rows.joined(separator: "\n"))")
        var opened = Self.ready()
        _ = opened.update(.opened(take: 1, Self.file()))
        #expect(opened.rollJoin == nil)  // an opened file alone has no join
    }

    /// A studio with text read as happy, outside the text field.
    static func ready() -> StudioModel {
        var model = EmotionChoiceTests.analysed()
        model.focus = .roll
        return model
    }

    /// `ready` with take 1 composed of `scale`, finished, playing at `seconds`.
    static func playingTheScale(at seconds: Double) -> StudioModel {
        var model = ready()
        _ = model.update(.key("Enter"))
        for note in scale { _ = model.update(.note(take: 1, note)) }
        _ = model.update(.finished(take: 1, judged: nil))
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: seconds))
        return model
    }

    /// An opened file's key signature stays with its take and its continuations, and a continuation of a take composed
    /// here has that take's plan key (the studio wrote them without one, where `compose --primer` keeps the primer's).
    @Test func aContinuationKeepsItsPrimersKeySignature() throws {
        var file = Self.file()
        file.keySignature = KeySignature(tonic: 9, minor: false)
        var model = Self.ready()
        _ = model.update(.opened(take: 1, file))
        #expect(model.currentTake?.keySignature?.name == "A major")
        _ = model.update(.key("Enter"))
        #expect(model.currentTake?.id == 2 && model.currentTake?.keySignature?.name == "A major")
        var composed = Self.playingTheScale(at: 2)
        _ = composed.update(.planned(take: 1, harmony: "D minor i–iv–V–i"))
        _ = composed.update(.key("c"))
        #expect(composed.currentTake?.id == 2 && composed.currentTake?.keySignature?.name == "D minor")
        #expect(KeySignature.keys(ofHarmony: "Eb major I–IV–V") == [KeySignature(tonic: 3, minor: false)])
        #expect(KeySignature.keys(ofHarmony: nil).isEmpty && KeySignature.keys(ofHarmony: "C").isEmpty)
    }

    /// An opened file's tempo map and time signature stay with its take and its continuations (they were written at
    /// 120 bpm in 4/4), and its notes come back on their own ticks.
    @Test func anOpenedFileKeepsItsTempoMapThroughItsContinuations() throws {
        let map = TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 600_000),
                                                           .init(tick: 577, microsecondsPerQuarter: 413_333)])
        let source = Take(notes: (0..<8).map { Note(pitch: UInt8(60 + $0), velocity: 70, startTick: $0 * 173, durationTicks: 150) },
                          tempoMap: map, timeSignature: TimeSignature(numerator: 3, denominator: 4))
        var file = Self.file()
        file.notes = source.decodedNotes
        file.tempoMap = map
        file.timeSignature = source.timeSignature
        var model = Self.ready()
        _ = model.update(.opened(take: 1, file))
        #expect(model.currentTake?.tempoMap == map && model.currentTake?.timeSignature?.numerator == 3)
        _ = model.update(.key("Enter"))
        let continued = try #require(model.currentTake)
        #expect(continued.id == 2 && continued.tempoMap == map && continued.timeSignature?.numerator == 3)
        let written = Take(decodedNotes: continued.notes, tempoMap: map, timeSignature: source.timeSignature)
        #expect(written.notes.map(\.startTick) == source.notes.map(\.startTick))
        #expect(written.notes.map(\.durationTicks) == source.notes.map(\.durationTicks))
    }

    /// A violin file continued with Enter came back all piano, its own part too: the file's instrument goes on unless
    /// the instrument row is set.
    @Test func aContinuationKeepsTheFilesInstrumentUnlessTheRowIsSet() throws {
        var file = Self.file()
        file.program = 40
        var model = Self.ready()
        _ = model.update(.opened(take: 1, file))
        _ = model.update(.key("Enter"))
        #expect(try #require(model.currentTake).parameters?.program == 40)
        var chosen = Self.ready()
        chosen.parameters.program = 5
        _ = chosen.update(.opened(take: 1, file))
        _ = chosen.update(.key("Enter"))
        #expect(try #require(chosen.currentTake).parameters?.program == 5)
    }

    @Test func oOpensAPromptWhereKeysTypeAPathAndEscClosesIt() {
        var model = Self.ready()
        #expect(model.update(.key("o")).isEmpty)
        #expect(model.opening != nil)
        _ = StudioTests.typed("songs/a", into: &model)
        #expect(model.opening?.editor.text == "songs/a")   // no Telex in a path, and o, s, a do nothing else here
        #expect(model.takes.isEmpty)
        let screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.split(separator: "\n").last?.hasPrefix(" Mở tệp MIDI: songs/a") == true)
        _ = model.update(.key("Esc"))
        #expect(model.opening == nil)
    }

    @Test func aPathLongerThanThePromptShowsItsEndWithItsCutStartMarked() {
        var model = Self.ready()
        _ = model.update(.key("o"))
        let path = "/home/user/music/" + String(repeating: "a", count: 70) + "/take.mid"
        _ = StudioTests.typed(path, into: &model)
        #expect(model.opening?.editor.text == path)
        let last = String(model.view(width: 80, height: 24).rendered().split(separator: "\n").last ?? "")
        // The end, where the cursor is, and a mark that the start is cut (it showed "aaaa…/take.mid" as if whole).
        #expect(last.hasPrefix(" Mở tệp MIDI: ◂a"))
        #expect(last.contains("/take.mid"))
        // Short paths are shown whole, unmarked.
        var short = Self.ready()
        _ = short.update(.key("o"))
        _ = StudioTests.typed("a.mid", into: &short)
        #expect(!short.view(width: 80, height: 24).rendered().contains("◂"))
    }

    /// A file dropped on the terminal arrives as its pasted path, quoted, escaped or as a URI: it is read as the path
    /// (pasted into `o`, the quotes were part of the name and nothing was found).
    @Test func aDroppedFilesPathIsReadAsAPath() {
        #expect(PathCompletion.dropped("'/home/an/Nhạc/bài hát.mid' ") == "/home/an/Nhạc/bài hát.mid")
        #expect(PathCompletion.dropped("\"/home/an/a.mid\"") == "/home/an/a.mid")
        #expect(PathCompletion.dropped("/home/an/bài\\ hát\\ \\(1\\).mid") == "/home/an/bài hát (1).mid")
        #expect(PathCompletion.dropped("file:///home/an/b%C3%A0i%20h%C3%A1t.mid\r\n") == "/home/an/bài hát.mid")
        #expect(PathCompletion.dropped("~/a.mid") == "~/a.mid")
        #expect(PathCompletion.dropped("hôm nay vui quá") == nil)
        #expect(PathCompletion.dropped("/a.mid\n/b.mid") == nil)
        #expect(PathCompletion.dropped("") == nil)
        #expect(PathCompletion.dropped("/home/an/bài hát.mid") == "/home/an/bài hát.mid")   // typed in the prompt
        // Several at once.
        #expect(PathCompletion.droppedPaths("'/a/x y.mid' '/a/z.mid' ") == ["/a/x y.mid", "/a/z.mid"])
        #expect(PathCompletion.droppedPaths("file:///a/x%20y.mid\r\nfile:///a/z.mid\r\n") == ["/a/x y.mid", "/a/z.mid"])
        #expect(PathCompletion.droppedPaths("'/a/x.mid' và một câu") == nil)
        #expect(PathCompletion.droppedPaths("'/a/x.mid") == nil)
        var model = Self.ready()
        _ = model.update(.key("o"))
        _ = model.update(.paste("'/tmp/Nhạc/bài hát.mid' "))
        // Sent as typed (a name with a quote in it is opened so), read as the dropped path where nothing has that name.
        let effects = model.update(.key("Enter"))
        #expect(effects.contains { if case let .open(_, path) = $0 { return path == "'/tmp/Nhạc/bài hát.mid'" }; return false }, "\(effects)")
        #expect(model.notice == "đang mở bài hát.mid…")
        // Dropped on the studio: opened as o opens it, the help closed for it.
        var dropped = Self.ready()
        _ = dropped.update(.key("?"))
        let opened = dropped.update(.openDropped("/tmp/Nhạc/bài hát.mid"))
        #expect(opened.contains { if case .open = $0 { return true }; return false } && dropped.notice == "đang mở bài hát.mid…")
        #expect(!dropped.showHelp)
        // Neither a drop nor a paste acts under a question (the path went into the text behind "y/n", and y composed
        // it); a paste is not typed unseen behind the help.
        var asked = StudioSafetyTests.composing()
        asked.focus = .text
        _ = asked.update(.key("Enter"))
        #expect(asked.confirming != nil)
        let text = asked.editor.text
        #expect(asked.update(.openDropped("/tmp/a.mid")).isEmpty && asked.update(.paste("'/tmp/a.mid' ")).isEmpty)
        #expect(asked.editor.text == text && asked.confirming != nil)
        var helped = Self.ready()
        helped.focus = .text
        _ = helped.update(.key("F1"))
        _ = helped.update(.paste("buồn quá"))
        #expect(!helped.editor.text.contains("buồn quá"))
    }

    @Test func tabAsksForACompletionAndTheAnswerFillsThePrompt() {
        var model = Self.ready()
        _ = model.update(.key("o"))
        _ = StudioTests.typed("so", into: &model)
        #expect(model.update(.key("Tab")) == [.completePath("so")])
        _ = model.update(.pathCompleted(from: "so", to: "son", candidates: ["sonata.mid", "song.mid"]))
        #expect(model.opening?.editor.text == "son")
        #expect(model.view(width: 80, height: 24).rendered().contains("2 tên: sonata.mid  song.mid"))
        // Long names share the line: the first took it, and nothing said there was a second.
        var long = Self.ready()
        _ = long.update(.key("o"))
        _ = StudioTests.typed("B", into: &long)
        _ = long.update(.pathCompleted(from: "B", to: "B", candidates: ["Bản tình ca mùa thu cho người con gái Hà Nội năm ấy - phiên bản thứ hai rất dài.mid",
                                                                      "Bài hát cho ngày hạnh phúc nhất đời tôi.mid"]))
        let status = long.view(width: 80, height: 24).rendered().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("2 tên: Bản") && status.contains("rất dài.mid  Bài") && DisplayWidth.of(status) <= 80, "\(status)")
        // Names with a long start in common show from near where they differ (both were "bai-ha…u.mid"); on a narrow
        // screen, where the path leaves them no room beside it, on the line above.
        var shared = Self.ready()
        _ = shared.update(.key("o"))
        _ = StudioTests.typed("~/midis/ba", into: &shared)
        _ = shared.update(.pathCompleted(from: "~/midis/ba", to: "~/midis/bai-hat-vui-ve-cho-lop-hoc-buoi-",
                                         candidates: ["bai-hat-vui-ve-cho-lop-hoc-buoi-sang.mid", "bai-hat-vui-ve-cho-lop-hoc-buoi-chieu.mid"]))
        for width in [60, 80] {
            let lines = shared.view(width: width, height: 20).rendered().split(separator: "\n").suffix(2).joined(separator: "\n")
            #expect(lines.contains("2 tên: …uoi-sang.mid  …uoi-chieu.mid"), "\(width): \(lines)")
        }
        // An answer for text that has changed since is ignored.
        _ = model.update(.key("g"))
        _ = model.update(.pathCompleted(from: "son", to: "sonata.mid", candidates: []))
        #expect(model.opening?.editor.text == "song")
    }

    /// A file that cannot be opened uses up no take id (after five failed opens the next take was 11).
    @Test func aFailedOpenUsesUpNoTakeID() {
        var model = Self.ready()
        for _ in 0..<3 {
            _ = model.update(.key("o"))
            _ = StudioTests.typed("nowhere.mid", into: &model)
            #expect(model.update(.key("Enter")) == [.open(take: 1, path: "nowhere.mid")])
            #expect(model.notice == "đang mở nowhere.mid…")
            _ = model.update(.failed("cannot read nowhere.mid: no such file or directory"))
            _ = model.update(.openFailed(take: 1))
        }
        _ = model.update(.key("Esc"))
        model.focus = .roll
        #expect(model.nextTakeID() == 1)
        // Read on a worker, the file's id is its own meanwhile: a take begun before it is read gets the next one.
        var busy = Self.ready()
        _ = busy.update(.key("o"))
        _ = StudioTests.typed("song.mid", into: &busy)
        #expect(busy.update(.key("Enter")) == [.open(take: 1, path: "song.mid")])
        #expect(busy.nextTakeID() == 2)
    }

    /// The store claims an opened file's id when `o` is answered: claimed once the file was read, a take begun meanwhile
    /// had claimed the next id in the store and the file got the one after it, and an id was never used (takes 1, 2,
    /// 3, 5, 6). A file that cannot be read hands its claim back.
    @Test func aFileOpenedWhileATakeBeginsKeepsItsID() throws {
        let folder = TakeIDTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = TakeStore(folder: folder)
        let runtime = StudioRuntime(options: .init(), store: store)
        var model = Self.ready()
        let path = folder + "-song.mid"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MIDIFile.writeAtomically(MIDIFile.encode(Take(decodedNotes: Self.scale)), to: path)
        runtime.open(path, as: 1, in: &model)
        // A take begun while the file is read.
        #expect(runtime.claim(2, in: &model) == 2)
        var opened: Int?
        for _ in 0..<500 where opened == nil {
            for case let .opened(id, _) in runtime.drainInbox() { opened = id }
            if opened == nil { usleep(10_000) }
        }
        #expect(opened == 1)
        // A failed open hands its id back: the next take gets it.
        runtime.open(folder + "-nowhere.mid", as: 3, in: &model)
        var failed = false
        for _ in 0..<500 where !failed {
            for case .openFailed(3) in runtime.drainInbox() { failed = true }
            if !failed { usleep(10_000) }
        }
        #expect(failed)
        #expect(try store.claim(preferred: 3) == 3)
    }

    /// Continuing a take of millions of notes held the screen while it was composed: the roll's window was fitted
    /// again over every note at each new one. A take of 10,000 notes or more is fitted again when it has grown by a
    /// hundredth.
    @Test func aLargeTakeIsNotFittedAgainAtEveryNewNote() {
        var model = Self.ready()
        let many = (0..<20_000).map { EventVocabulary.DecodedNote(pitch: 40 + $0 % 12, velocity: 70, startSeconds: Double($0) * 0.01, durationSeconds: 0.1) }
        _ = model.update(.opened(take: 1, OpenedFile(name: "big.mid", notes: many, record: Self.file().record, notices: [], judged: nil)))
        _ = model.update(.key("Enter"))
        #expect(model.generatingTake == 2)
        for index in 0..<20_000 { _ = model.update(.note(take: 2, many[index])) }
        let fitted = model.rollFit?.notes
        _ = model.update(.note(take: 2, .init(pitch: 90, velocity: 70, startSeconds: 201, durationSeconds: 0.1)))
        #expect(model.rollFit?.notes == fitted)
        for index in 0..<200 { _ = model.update(.note(take: 2, .init(pitch: 90, velocity: 70, startSeconds: 202 + Double(index) * 0.01, durationSeconds: 0.1))) }
        #expect(model.rollFit?.notes != fitted)
    }

    /// While a file is read on a worker the status line says so, after other keys too (the notice went at the next
    /// key, and a large file seemed not to be opening at all), until it is open or cannot be.
    @Test func aFileBeingReadIsSaidUntilItIsOpen() {
        var model = Self.ready()
        _ = model.update(.key("o"))
        _ = StudioTests.typed("big.mid", into: &model)
        #expect(model.update(.key("Enter")) == [.open(take: 1, path: "big.mid")])
        _ = model.update(.key("Esc"))
        _ = model.update(.key("Tab"))
        #expect(model.notice == nil)
        #expect(model.view(width: 100, height: 30).rendered().contains("đang mở big.mid thành take 1…"))
        // Renumbered by the store (another studio took 1): said under its new id.
        _ = model.update(.renumbered(from: 1, to: 2))
        #expect(model.view(width: 100, height: 30).rendered().contains("đang mở big.mid thành take 2…"))
        _ = model.update(.opened(take: 2, Self.file()))
        _ = model.update(.key("Tab"))
        #expect(!model.view(width: 100, height: 30).rendered().contains("đang mở big.mid"))
        // One that cannot be read: the line goes with the failure.
        _ = model.update(.key("o"))
        _ = StudioTests.typed("nowhere.mid", into: &model)
        _ = model.update(.key("Enter"))
        _ = model.update(.openFailed(take: 3))
        _ = model.update(.key("Tab"))
        #expect(!model.view(width: 100, height: 30).rendered().contains("đang mở nowhere.mid"))
    }

    @Test func enterOpensTheFileAsATakeInThePrimerShadeAndEnterAgainContinuesIt() throws {
        var model = Self.ready()
        _ = model.update(.key("o"))
        _ = StudioTests.typed("song.mid", into: &model)
        #expect(model.update(.key("Enter")) == [.open(take: 1, path: "song.mid")])
        #expect(model.opening == nil)
        #expect(model.update(.opened(take: 1, Self.file())) == [.store(take: 1)])
        let opened = try #require(model.currentTake)
        #expect(opened.id == 1 && opened.title == "song.mid" && opened.finished && !opened.fresh)
        #expect(opened.primerNotes == 8 && opened.primer?.opened == true)
        // Made for no target, it shows no distance from one (it read Δ0.00: its target is where the judge places it).
        #expect(model.takeDetails(opened) == "0:03")
        // What was left out, counted, without the reasons (at 120 columns the line ended inside the first one).
        #expect(model.notice == "đã mở song.mid: 8 nốt, 0:03 — Enter để viết tiếp · bỏ 4 nốt trống ở kênh 10", "\(model.notice ?? "")")
        // The roll draws its notes in the primer's shade.
        let grid = model.view(width: 120, height: 40), roll = StudioLayout(width: 120, height: 40).roll.inner
        let roles = Set((roll.y..<roll.y + roll.height).flatMap { y in (roll.x..<roll.x + roll.width).map { grid[$0, y] } }
            .filter { "▃▆█".contains($0.text) }.map(\.role))
        #expect(roles == ["roll.note.primer"])

        let effects = model.update(.key("Enter"))
        let continued = try #require(model.currentTake)
        #expect(continued.id == 2 && continued.parent == 1 && model.generatingTake == 2)
        #expect(continued.notes == Self.scale && continued.primerNotes == 8)
        #expect(continued.primer == TakeMetadata.PrimerRecord(file: "song.mid", seconds: 3.9, notes: 8, continuationStartSeconds: 3.5))
        #expect(effects == [.continueTake(take: 2, target: try #require(model.target), parameters: try #require(continued.parameters),
                                          seconds: model.parameters.lengthSeconds)])
        // New notes arrive after the primer's; the roll shows both shades, the title counts from the primer's end.
        _ = model.update(.note(take: 2, EventVocabulary.DecodedNote(pitch: 74, velocity: 100, startSeconds: 4, durationSeconds: 1)))
        #expect(model.view(width: 120, height: 40).rendered().contains("đang tạo… 1%"))
        _ = model.update(.finished(take: 2, judged: nil))
        #expect(model.currentTake?.notes.count == 9 && model.currentTake?.primerNotes == 8)
        // Enter on the continuation composes a take of its own.
        #expect(model.update(.key("Enter")).first.map { if case .generate = $0 { true } else { false } } == true)
    }

    @Test func cKeepsThePlayingTakeUpToThePlayheadAndComposesTheRest() throws {
        var model = Self.ready()
        _ = model.update(.key("Enter"))
        for note in Self.scale { _ = model.update(.note(take: 1, note)) }
        _ = model.update(.finished(take: 1, judged: nil))
        // Not playing: c says what to do.
        #expect(model.update(.key("c")).isEmpty)
        #expect(model.error?.contains("c viết tiếp từ chỗ đang phát") == true)
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.7))
        let effects = model.update(.key("c"))
        let continued = try #require(model.currentTake)
        #expect(continued.id == 2 && continued.parent == 1)
        #expect(continued.notes == Array(model.takes[0].notes.prefix(4)) && continued.primerNotes == 4)
        #expect(continued.primer == TakeMetadata.PrimerRecord(file: "take 1", seconds: 1.7, notes: 4, continuationStartSeconds: 1.5))
        // The Length (30 s) of new music after the last kept onset, as for an opened file ("the rest of the Length"
        // left 4 s of new music after a late playhead); playback stops first.
        #expect(effects == [.stop, .continueTake(take: 2, target: try #require(model.target),
                                                 parameters: try #require(continued.parameters), seconds: 30)])
        #expect(model.playing == nil)
    }

    /// With no text and no point, c goes on in the take's own emotion as Enter does, and its file says so: it went on
    /// in an opened file's stand-in point (0, 0) and recorded "the point moved by hand".
    @Test func cWithNoEmotionGivenGoesOnInTheTakesOwn() throws {
        var model = StudioModel()
        model.focus = .roll
        _ = model.update(.opened(take: 1, Self.file()))
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.7))
        let effects = model.update(.key("c"))
        guard case .continueTake(let id, let target, _, _, _)? = effects.last else {
            Issue.record("no continuation: \(effects), \(model.error ?? "")")
            return
        }
        #expect(target == CircumplexPoint(valence: 0.4, arousal: -0.2))
        let made = try #require(model.takes.first { $0.id == id })
        #expect(!made.pointChosen && made.ownEmotion == "judged")
        #expect(model.notice?.contains("theo cảm xúc của chính tệp (thư thái, như máy nghe ra)") == true, "\(model.notice ?? "")")
        // An opened file the judge could not hear and that records no emotion asks for one, as Enter does.
        var unheard = Self.file()
        unheard.judged = nil
        var other = StudioModel()
        other.focus = .roll
        _ = other.update(.opened(take: 1, unheard))
        _ = other.update(.key("Space"))
        _ = other.update(.playhead(take: 1, seconds: 1.7))
        #expect(other.update(.key("c")).isEmpty && other.error == other.needsAnEmotion)
    }

    /// A take's file says the tempo it was composed at (the generator's beats: it said 120 bpm whatever the tempo),
    /// and its notes keep their seconds; a continuation of it keeps that map up to where its new music starts, and
    /// says the new music's tempo after it.
    @Test func aTakesFileHasTheTempoItWasComposedAtAndItsContinuationKeepsIt() throws {
        var model = Self.ready()
        _ = model.update(.key("Enter"))
        for note in Self.scale { _ = model.update(.note(take: 1, note)) }
        // 138 bpm, then 200 from 3 s (a live speed-up): the continuation from 1.7 s keeps 138 on.
        let composed = TempoMap(changes: [.init(tick: 0, microsecondsPerQuarter: 434_783), .init(tick: 7 * 480, microsecondsPerQuarter: 300_000)])
        _ = model.update(.finished(take: 1, judged: nil, tempoMap: composed))
        let runtime = StudioRuntime(options: .init())
        let take = try #require(runtime.take(model.takes[0], program: 0))
        #expect(take.tempoMap == composed)
        let read = try MIDIFile.decode(MIDIFile.encode(take))
        #expect(read.tempoMap.changes.map(\.beatsPerMinute).map { ($0 * 10).rounded() / 10 } == [138, 200])
        #expect(zip(read.decodedNotes, Self.scale).allSatisfy { abs($0.startSeconds - $1.startSeconds) < 0.002 })
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.7))
        _ = model.update(.key("c"))
        _ = model.update(.note(take: 2, EventVocabulary.DecodedNote(pitch: 74, velocity: 90, startSeconds: 2, durationSeconds: 1)))
        _ = model.update(.finished(take: 2, judged: nil, tempoMap: TempoMap(beatsPerMinute: 90)))
        // The parent's map up to where the new music starts (its speed-up at 3 s gone), then the new music's own: a
        // continuation kept the tempo in force at the cut (a fermata's 8 bpm for 8 s of music played at 131).
        let continued = try #require(runtime.take(model.takes[1], program: 0)).tempoMap
        #expect(continued == composed.until(seconds: 1.5).continued(atSeconds: 1.5, with: TempoMap(beatsPerMinute: 90)))
        #expect(continued.changes.map { ($0.beatsPerMinute * 10).rounded() / 10 } == [138, 90])
        #expect(abs(continued.seconds(atTick: continued.changes[1].tick) - 1.5) < 0.002)
    }

    /// With an opened file selected, Enter continues it from the text field too, where the line said "Enter tạo".
    @Test func theTextFieldsLineSaysEnterContinuesAnOpenedFile() {
        var model = Self.ready()
        _ = model.update(.opened(take: 1, Self.file()))
        model.focus = .text
        model.notice = nil
        let line = model.view(width: 120, height: 36).rendered().split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.hasPrefix(" Enter viết tiếp tệp đã mở  Esc rời ô văn bản"), "\(line)")
        model.focus = .roll
        let roll = model.view(width: 200, height: 36).rendered().split(separator: "\n").last.map(String.init) ?? ""
        #expect(roll.contains("Enter viết tiếp tệp đã mở") && !roll.contains("Enter tạo"), "\(roll)")
    }

    /// A key set for earlier takes would continue an opened file in that key, not its own: the opened notice says so.
    @Test func openingAFileSaysWhenAKeyIsSet() {
        var model = Self.ready()
        model.parameters.key = 2
        _ = model.update(.opened(take: 1, Self.file()))
        #expect(model.notice?.contains("đã đặt giọng D (0 ở hàng giọng: theo giọng của tệp)") == true, "\(model.notice ?? "")")
    }

    /// Pause at the moment, then c: the take is continued from where it was paused.
    @Test func cContinuesAPausedTakeFromWhereItWasPaused() throws {
        var model = Self.playingTheScale(at: 1.7)
        _ = model.update(.key("Space"))
        #expect(model.playing == nil && model.paused == StudioModel.Paused(take: 1, seconds: 1.7))
        _ = model.update(.key("c"))
        let continued = try #require(model.currentTake)
        #expect(continued.id == 2 && continued.primerNotes == 4
                && continued.primer?.continuationStartSeconds == 1.5)
    }

    /// c while the take is heard as it is composed continues it from the playhead, as README's keys say ("while a
    /// take plays"): its composing stops there, the take kept as partial (it was refused, with a hint to Enter,
    /// which cannot continue a take). Another take being composed is left alone.
    @Test func cContinuesTheTakeHeardWhileItIsComposed() throws {
        var model = Self.ready()
        _ = model.update(.key("Enter"))
        for note in Self.scale.prefix(6) { _ = model.update(.note(take: 1, note)) }
        _ = model.update(.playhead(take: 1, seconds: 1.7))
        let effects = model.update(.key("c"))
        let continued = try #require(model.currentTake)
        #expect(continued.id == 2 && continued.parent == 1 && continued.primerNotes == 4)
        #expect(effects == [.stop, .cancelGeneration(take: 1),
                            .continueTake(take: 2, target: try #require(model.target),
                                          parameters: try #require(continued.parameters), seconds: 30)])
        #expect(model.takes[0].partial && model.generatingTake == 2)
        // Where the new take starts first, which 80 columns keep ("…from" was cut), then where the old one stopped.
        #expect(model.notice?.hasPrefix("viết tiếp take 1 từ 0:0") == true)
        #expect(model.notice?.hasSuffix(" · take 1 ngừng tạo ở 0:02 (giữ lại, dở dang)") == true)
        // Playing take 1 while take 2 is composed: c leaves take 2 alone.
        _ = model.update(.playhead(take: 1, seconds: 1.2))
        model.selectedTake = 1
        #expect(model.update(.key("c")).isEmpty)
        #expect(model.error?.contains("take đang được tạo") == true && model.generatingTake == 2)
    }

    /// A change while a continuation is composed lists what it started with from where it starts, not from 0 s
    /// (its first notes are its parent's, made before: "changed at 0.0 s" covered them); a change before its first
    /// new note is what it is made with.
    @Test func aContinuationsChangesStartWhereItsMusicDoes() throws {
        var model = Self.playingTheScale(at: 1.7)
        _ = model.update(.key("c"))
        let id = try #require(model.currentTake?.id)
        model.focus = .parameters
        model.selectedParameter = .temperature
        _ = model.update(.key("→"))
        var take = try #require(model.takes.first { $0.id == id })
        #expect(take.parameterChanges.isEmpty && take.parameters?.temperature == 1.05)
        _ = model.update(.note(take: id, EventVocabulary.DecodedNote(pitch: 72, velocity: 90, startSeconds: 2.5, durationSeconds: 0.5)))
        _ = model.update(.key("→"))
        take = try #require(model.takes.first { $0.id == id })
        #expect(take.parameterChanges.map(\.seconds) == [1.5, 2.5])
        #expect(take.parameterChanges.map(\.temperature) == [1.05, 1.1])
    }

    /// With a text of several sentences, a continuation follows its arc over the new music, as `compose --primer
    /// --text-file` does (it composed one point), and the take keeps the arc in its own time.
    @Test func aContinuationFollowsTheTextsArc() throws {
        var model = ArcTests.twoSentences()
        _ = model.update(.key("Enter"))
        for note in Self.scale { _ = model.update(.note(take: 1, note)) }
        _ = model.update(.finished(take: 1, judged: nil))
        model.focus = .roll
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.7))
        let effects = model.update(.key("c"))
        guard case let .continueTake(_, _, _, seconds, arc)? = effects.last, let arc else {
            Issue.record("c did not continue along the arc: \(effects)")
            return
        }
        #expect(seconds == 30 && arc.segments.map(\.emotion) == ["Enjoyment", "Sadness"])
        #expect(arc.segments.first?.start == 0 && arc.segments.last?.end == 30)
        let kept = try #require(model.currentTake?.arc)
        #expect(kept.segments.first?.start == 1.5 && kept.segments.last?.end == 31.5)
    }

    @Test func cBeforeAnyNoteSaysWhy() {
        var model = Self.playingTheScale(at: 0)
        #expect(model.update(.key("c")).isEmpty)
        #expect(model.error?.contains("không có nốt nào trước đầu phát") == true)
    }

    @Test func aKeptTakeRemembersWhatItContinues() {
        var entry = StudioModel.TakeEntry(id: 5, title: "t", notes: Self.scale, target: CircumplexPoint(valence: 0, arousal: 0),
                                          finished: true)
        entry.restorePrimer(from: TakeMetadata().with(primer: .init(file: "take 2", seconds: 2, notes: 3, continuationStartSeconds: 1),
                                                      parent: 2))
        #expect(entry.primerNotes == 3 && entry.parent == 2)
        entry.restorePrimer(from: TakeMetadata().with(primer: .init(file: "a.mid", seconds: 4, notes: 8, opened: true)))
        #expect(entry.primerNotes == 8 && entry.parent == nil)
    }

    @Test func theHelpListsBothKeysAndTheConfigTemplateBothActions() {
        let lines = KeyMap.standard.helpLines(english: true).joined(separator: "\n")
        #expect(lines.contains("open MIDI file"))
        #expect(lines.contains("continue here"))
        #expect(KeyMap.standard.action(for: "o", focus: .roll) == .open)
        #expect(KeyMap.standard.action(for: "c", focus: .takes) == .continueFromPlayhead)
        #expect(KeyMap.standard.action(for: "c", focus: .text) == nil)  // typing there
    }
}

/// Tab completion against a made-up folder tree.
@Suite struct PathCompletionTests {
    /// A file named decomposed (NFD, as macOS names files) was not found by `o`, though Tab had completed its name:
    /// the prompt keeps text composed.
    @Test func aFileNamedDecomposedIsFoundByItsComposedName() throws {
        let folder = TakeIDTests.folder() + "/Nhạc".decomposedStringWithCanonicalMapping
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/" + "Buồn.mid".decomposedStringWithCanonicalMapping
        FileManager.default.createFile(atPath: file, contents: Data())
        let typed = file.precomposedStringWithCanonicalMapping
        #expect(!FileManager.default.fileExists(atPath: typed))
        #expect(PathCompletion.onDisk(typed) == file)
        #expect(PathCompletion.onDisk("/nowhere/x.mid") == "/nowhere/x.mid")
        // Tab inside that folder, typed composed, lists its files (it completed nothing).
        let runtime = StudioRuntime(options: .init(), store: TakeStore(folder: TakeIDTests.folder()))
        let typedFolder = folder.precomposedStringWithCanonicalMapping + "/"
        runtime.completePath(typedFolder)
        var found: [String] = []
        var completed: String?
        for case let .pathCompleted(_, to, candidates) in runtime.drainInbox() {
            (found, completed) = (candidates, to)
        }
        #expect(completed?.precomposedStringWithCanonicalMapping == typed || found.map { $0.precomposedStringWithCanonicalMapping } == ["Buồn.mid"],
                "\(String(describing: completed)) \(found)")
    }

    static let tree: [String: [(name: String, isFolder: Bool)]] = [
        ".": [("song.mid", false), ("sonata.MID", false), ("songs", true), ("notes.txt", false), (".hidden.mid", false),
              ("karaoke.kar", false)],
        "songs/": [("a.mid", false)],
        "/home/me/": [("music", true)],
    ]

    static func complete(_ typed: String) -> (text: String, candidates: [String]) {
        PathCompletion.complete(typed, home: "/home/me") { tree[$0] }
    }

    @Test(arguments: [
        ("so", "son", ["sonata.MID", "song.mid", "songs/"]),
        ("song", "song", ["song.mid", "songs/"]),
        ("songs", "songs/", []),
        ("songs/", "songs/a.mid", []),
        ("n", "n", []),                  // only folders and MIDI files
        (".h", ".hidden.mid", []),
        ("k", "karaoke.kar", []),        // a karaoke file is a MIDI file (it was not offered)
        ("~/m", "~/music/", []),
        ("nowhere/x", "nowhere/x", []),
    ])
    func completes(typed: String, text: String, candidates: [String]) {
        let result = Self.complete(typed)
        #expect(result.text == text)
        #expect(result.candidates == candidates)
    }
}
