import CamXucEmotion
import CamXucMusic
import CamXucText
import Testing
@testable import CamXucStudio

/// The roll shows what it holds; no stray key loses work; the seed can be typed.
@Suite struct StudioSafetyTests {
    static func composing() -> StudioModel {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 1, .init(pitch: 60, velocity: 80, startSeconds: 0, durationSeconds: 1)))
        return model
    }

    @Test func theRollScrollsThroughPitchesAndMarksNotesOutOfView() {
        var grid = Grid(width: 30, height: 6)
        let notes = [EventVocabulary.DecodedNote(pitch: 30, velocity: 80, startSeconds: 0, durationSeconds: 1),
                     EventVocabulary.DecodedNote(pitch: 60, velocity: 80, startSeconds: 0, durationSeconds: 1),
                     EventVocabulary.DecodedNote(pitch: 90, velocity: 80, startSeconds: 0, durationSeconds: 1)]
        PianoRollPanel.draw(notes: notes, view: .init(lowestPitch: 58), playhead: nil, scale: nil, into: &grid,
                            rect: .init(x: 0, y: 0, width: 30, height: 6))
        let screen = grid.rendered()
        #expect(screen.contains("▲ 1") && screen.contains("▼ 1"))
        // In the studio, ↑ in the roll moves the view up a pitch, PgDn a page down, = fits the take again.
        var model = TakesListTests.withTakes(1)
        model.focus = .roll
        _ = model.update(.key("↑"))
        let raised = model.roll.lowestPitch
        #expect(raised != nil)
        _ = model.update(.key("PageDown"))
        #expect((model.roll.lowestPitch ?? 0) < (raised ?? 0))
        _ = model.update(.key("="))
        #expect(model.roll.lowestPitch == nil)
    }

    /// = kept the window the take had while it grew (good enough then), with empty rows below its lowest note and
    /// notes above out of view: it fits the take afresh.
    @Test func fitShowsTheRowsWhereMostNotesAre() {
        var model = TakesListTests.withTakes(1)
        model.focus = .roll
        let rows = max(model.rollRows(model.screenLayout.roll.inner).notes.height - 1, 1)
        let id = model.takes[0].id
        model.takes[0].notes = (0..<40).map { EventVocabulary.DecodedNote(pitch: 41 + $0 % 30, velocity: 80, startSeconds: Double($0) * 0.1, durationSeconds: 0.1) }
        model.rollFit = StudioModel.RollFit(take: id, rows: rows, notes: model.takes[0].notes.count, lowest: 38)
        _ = model.update(.key("="))
        let lowest = model.fittedRollLowest(rows: rows) ?? 0
        #expect(lowest == PianoRollPanel.fittedLowest(model.takes[0].notes, rows: rows) && lowest >= 41, "\(lowest)")
    }

    @Test func repeatedStrikesOfOneKeyShowAsSeparateNotes() {
        var grid = Grid(width: 30, height: 4)
        let notes = [EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 0, durationSeconds: 1),
                     EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 1, durationSeconds: 1)]
        PianoRollPanel.draw(notes: notes, view: .init(lowestPitch: 59), playhead: nil, scale: nil, into: &grid,
                            rect: .init(x: 0, y: 0, width: 30, height: 4))
        let row = grid.rendered().split(separator: "\n")[1]  // C4
        #expect(row.contains("███ ████") || row.contains("███·████"), "\(row)")
    }

    /// In English at 120×40 the row read "instrument   0 Acoustic Grand…": the name whole, before its number.
    @Test func theInstrumentsNameIsShownWhole() {
        var model = StudioModel(english: true)
        model.focus = .parameters
        let screen = model.view(width: 120, height: 40).rendered()
        #expect(screen.contains("instr.  0 Acoustic Grand Piano"), "\(screen)")
        model.english = false
        #expect(model.view(width: 120, height: 40).rendered().contains("nhạc cụ 0 Acoustic Grand Piano"))
    }

    @Test func digitsOnTheSeedRowTypeASeedAndLockIt() {
        var model = StudioModel()
        model.focus = .parameters
        model.selectedParameter = .seed
        for digit in "4711" { _ = model.update(.key(String(digit))) }
        #expect(model.parameters.seed == 4711 && model.parameters.seedLocked)
        _ = model.update(.key("↑"))
        _ = model.update(.key("↓"))
        _ = model.update(.key("9"))
        #expect(model.parameters.seed == 9)  // a new run of digits starts a new seed
        // A ten-digit seed `compose` printed can be typed (nine were kept, the rest dropped without a word); past
        // twelve digits the row says so and keeps the seed.
        _ = model.update(.key("↑"))
        _ = model.update(.key("↓"))
        for digit in "3134477726" { _ = model.update(.key(String(digit))) }
        #expect(model.parameters.seed == 3_134_477_726)
        #expect(model.view(width: 80, height: 30).rendered().contains("⚿ 3134477726"))
        for digit in "9876" { _ = model.update(.key(String(digit))) }
        #expect(model.parameters.seed == 313_447_772_698 && model.notice == "hạt giống dài nhất 12 chữ số")
    }

    @Test func qAsksBeforeQuittingWhileComposingAndNKeepsTheStudio() {
        var model = Self.composing()
        model.focus = .emotion
        #expect(model.update(.key("q")).isEmpty)
        #expect(model.confirming == .quit && !model.quitting)
        #expect(model.view(width: 120, height: 40).rendered().contains("vẫn thoát? y/n"))
        _ = model.update(.key("n"))
        #expect(model.confirming == nil && !model.quitting)
        // Enter is no yes here (q by mistake, then Enter to compose, ended the studio).
        _ = model.update(.key("q"))
        #expect(model.update(.key("Enter")).isEmpty && !model.quitting)
        // Nor no: the question waits for y or n (Enter meant no here and yes at "compose anew? Enter/y").
        #expect(model.confirming == .quit)
        #expect(model.update(.key("y")) == [.stop, .quit])
        // Ctrl-C quits at once.
        var other = Self.composing()
        #expect(other.update(.key("Ctrl-C")) == [.stop, .quit])
    }

    /// A take whose kept copy could not be written (a full disk) lives only in memory: the list says so, and q asks
    /// naming it instead of saying it stays in the takes list (a probe lost two such takes that way).
    @Test func aTakeThatCouldNotBeKeptIsMarkedAndQuittingWarnsOfIt() {
        var model = Self.composing()
        _ = model.update(.finished(take: 1, judged: nil))
        model.takes[0].fresh = false  // as a take loaded at start: only its being unkept asks
        model.takes[0].unkept = true
        model.focus = .emotion
        #expect(model.update(.key("q")).isEmpty)
        #expect(model.confirming == .quit)
        let status = model.view(width: 120, height: 40).rendered().split(separator: "\n").last.map(String.init) ?? ""
        // It goes to the temporary folder, as the question now says (it said "will be lost", then was written there).
        #expect(status.contains("take 1 chưa giữ được, sẽ để ở thư mục tạm (mất khi tắt máy)"), "\(status)")
        #expect(model.takeDetails(model.takes[0]).hasPrefix("chưa ghi được! · "), "\(model.takeDetails(model.takes[0]))")
        #expect(model.takeDetails(model.takes[0], columns: 21).hasPrefix("chưa ghi được!"))  // the takes panel at 120 columns
        _ = model.update(.key("n"))
        model.takes[0].unkept = false
        #expect(model.update(.key("q")) == [.stop, .quit])
    }

    /// Quitting while a take is composed (as a take heard while it is composed usually is) keeps what there is as a
    /// partial take, not as a whole one.
    /// README: Δ is the first thing a narrow takes panel leaves out; the count of changes went first and Δ stayed.
    @Test func aNarrowTakeLineLeavesOutDeltaFirst() {
        var model = StudioModel()
        var entry = StudioModel.TakeEntry(id: 1, title: "vui", text: "vui", notes: [.init(pitch: 60, velocity: 80, startSeconds: 0, durationSeconds: 30)],
                                          target: CircumplexPoint(valence: 0.5, arousal: 0.5), judged: CircumplexPoint(valence: 0.2, arousal: 0.1),
                                          finished: true, parameters: Parameters())
        let change = ParameterChange(seconds: 2, temperature: 1.1, topK: 40, topP: 0.95, guidance: 2.5, keyLock: true, tempoScale: 1)
        entry.parameterChanges = [change, change]
        model.takes = [entry]
        let whole = model.takeDetails(entry)
        #expect(whole.contains("Δ0.50") && whole.contains("đổi 1×"), "\(whole)")
        let narrow = model.takeDetails(entry, columns: whole.count - 2)
        #expect(!narrow.contains("Δ") && narrow.contains("đổi 1×"), "\(narrow)")
    }

    @Test func quittingWhileComposingMarksTheTakePartial() {
        var model = Self.composing()
        _ = model.update(.key("Ctrl-C"))
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.takes.first?.partial == true && model.takes.first?.finished == true)
        // A take that was whole before quitting stays whole.
        var done = Self.composing()
        _ = done.update(.finished(take: 1, judged: nil))
        _ = done.update(.key("Ctrl-C"))
        #expect(done.takes.first?.partial == false)
    }

    @Test func escAndQCloseTheTakesOverlayNotTheStudio() {
        var model = TakesListTests.withTakes(1)
        model.takesOverlay = true
        _ = model.update(.key("q"))
        #expect(!model.takesOverlay && !model.quitting && model.confirming == nil)
        model.takesOverlay = true
        model.focus = .takes
        _ = model.update(.key("Esc"))
        #expect(!model.takesOverlay)
    }

    /// In the Vietnamese studio c (có) and k (không) answer a question: c, the continue key, stopped the take being
    /// composed and started a continuation of it.
    @Test func cAndKAnswerAVietnameseQuestion() {
        var model = Self.composing()
        _ = model.update(.key("Enter"))
        #expect(model.update(.key("k")).isEmpty && model.confirming == nil && model.generatingTake == 1)
        _ = model.update(.key("Enter"))
        #expect(model.update(.key("c")).first == .cancelGeneration(take: 1))
        #expect(model.generatingTake == 2 && model.takes.allSatisfy { $0.parent == nil })
    }

    @Test func enterWhileComposingAsksAndKeepsTheStoppedTakeAsPartial() {
        var model = Self.composing()
        #expect(model.update(.key("Enter")).isEmpty)
        #expect(model.confirming == .restart)
        #expect(model.view(width: 120, height: 40).rendered().contains("take 1 đang được tạo (dừng thì giữ lại, dở dang) — tạo lại? Enter/y, Esc không"))
        // At 80 columns the question itself is never cut (in English "… and compo…" lost it), nor what is at stake:
        // on two lines where one is too narrow.
        model.english = true
        let narrow = model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).map(String.init)
        #expect(narrow[0].hasPrefix(" take 1 is still being composed (if stopped, kept as a partial take) —"))
        #expect(narrow[1].hasPrefix(" compose anew? Enter/y, Esc no"))
        #expect(model.view(width: 120, height: 40).rendered().contains("take 1 is still being composed (if stopped, kept as a partial take) — compose anew?"))
        model.english = false
        _ = model.update(.key("Esc"))
        #expect(model.generatingTake == 1 && model.takes.count == 1)
        _ = model.update(.key("Enter"))
        let effects = model.update(.key("y"))
        #expect(effects.first == .cancelGeneration(take: 1))
        #expect(model.takes.first?.partial == true && model.takes.count == 2 && model.generatingTake == 2)
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.view(width: 200, height: 40).rendered().contains("dở dang"))
        // A key that is no answer puts the question away and does what it does (the arrow was lost).
        model.focus = .parameters
        model.selectedParameter = .temperature
        _ = model.update(.key("Enter"))
        #expect(model.confirming == .restart)
        let before = model.parameters.temperature
        _ = model.update(.key("→"))
        #expect(model.confirming == nil && model.generatingTake == 2 && model.parameters.temperature > before)
        // Esc then Enter typed quickly (the terminal's Alt-Enter) while asked, in the text field: no, then asked
        // again — no line break in the text (a storm of them put 29 into it).
        model.focus = .text
        _ = model.update(.key("Enter"))
        #expect(model.confirming == .restart)
        let text = model.editor.text
        _ = model.update(.key("Alt-Enter"))
        #expect(model.editor.text == text && !model.editor.text.contains("\n") && model.confirming == .restart)
    }

    @Test func deletingTheTakeBeingComposedAsksThenStopsItAndUndoBringsItBackPartial() {
        var model = Self.composing()
        model.focus = .takes
        // Before, d on the take being composed did nothing and said nothing.
        #expect(model.update(.key("d")).isEmpty)
        #expect(model.confirming == .deleteComposing)
        #expect(model.view(width: 120, height: 40).rendered().contains("take 1 vẫn đang được tạo — dừng và xoá? y/n"))
        _ = model.update(.key("n"))
        #expect(model.generatingTake == 1 && model.takes.count == 1 && model.notice == "vẫn đang tạo")
        _ = model.update(.key("d"))
        let effects = model.update(.key("y"))
        #expect(effects.first == .cancelGeneration(take: 1) && effects.contains(.forget(take: 1)))
        #expect(model.takes.isEmpty && model.generatingTake == nil)
        // The composing thread's last word arrives after the delete; undo brings back the take as it ended.
        _ = model.update(.note(take: 1, .init(pitch: 64, velocity: 80, startSeconds: 1, durationSeconds: 1)))
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.takes.isEmpty)
        #expect(model.update(.key("u")) == [.store(take: 1)])
        #expect(model.takes.first?.partial == true && model.takes.first?.finished == true)
        #expect(model.takes.first?.notes.count == 1)
    }

    @Test func theRollTitleCountsTheTakesOwnLengthWhenTheLengthRowChangesWhileItIsComposed() {
        var model = Self.composing()  // a 30-s take, its first note at 0 s
        _ = model.update(.note(take: 1, .init(pitch: 62, velocity: 80, startSeconds: 15, durationSeconds: 1)))
        _ = model.update(.playhead(take: 1, seconds: 14))
        #expect(model.rollTitle().contains("▶ 0:14 / 0:30 ─ đang tạo… 50%"))
        // The length set now is for the next take: before, the percent was counted against it (15 of 60 s: 25 %).
        model.focus = .parameters
        model.selectedParameter = .length
        for _ in 0..<6 { _ = model.update(.key("→")) }
        #expect(model.parameters.lengthSeconds == 60 && model.notice == "độ dài mới dùng cho take sau")
        #expect(model.rollTitle().contains("▶ 0:14 / 0:30 ─ đang tạo… 50%"))
        #expect(model.takes[0].parameters?.lengthSeconds == 30 && model.takes[0].parameterChanges.isEmpty)
    }

    /// d in a read-only takes folder said "deleted" and the take came back at the next start: it comes back at once,
    /// and the line says why.
    @Test func aTakeWhoseFileCannotBeDeletedComesBack() {
        var model = TakesListTests.withTakes(2)
        model.focus = .takes
        let id = model.selectedTake ?? 0
        #expect(model.update(.key("d")).contains(.forget(take: id)))
        #expect(!model.takes.contains { $0.id == id })
        _ = model.update(.deleteFailed(take: id, "cannot write take-\(id).mid: permission denied"))
        #expect(model.takes.contains { $0.id == id } && model.deleted.isEmpty)
        // Selected again (it stayed on the take beside, and a second d deleted that one).
        #expect(model.selectedTake == id)
        #expect(model.error == "không xoá được take \(id) (đã để lại): cannot write take-\(id).mid: permission denied")
    }

    /// At 120 columns, playing and composing, the plan's eight chords pushed the target and "g 2.5" off the roll's
    /// title: the chords are cut to four, then to the key alone, where the title is too long.
    @Test func theRollTitleCutsItsChordsBeforeTheTargetAndSampling() {
        var model = Self.composing()
        _ = model.update(.planned(take: 1, harmony: "G major I–V–vi–I–vi–V–IV–bVII…"))
        _ = model.update(.note(take: 1, .init(pitch: 62, velocity: 80, startSeconds: 15, durationSeconds: 1)))
        _ = model.update(.playhead(take: 1, seconds: 5))
        #expect(model.rollTitle().contains("G trưởng I–V–vi–I–vi–V–IV–bVII…"))
        func title(_ width: Int) -> String {
            model.view(width: width, height: 40).rendered().split(separator: "\n").first { $0.contains("Piano roll") }.map(String.init) ?? ""
        }
        #expect(title(120).contains("─ G trưởng · nhịp ×1.11 ─ ◆ +0.44 +0.38 ─ T 1.00"), "\(title(120))")
        #expect(title(200).contains("G trưởng I–V–vi–I–vi–V–IV–bVII… · nhịp"), "\(title(200))")
        // Composed and heard: the whole title but for the chords and the velocity range at 120 columns (it ended
        // "─ ◆ +0.44 +0.38 ─ T 1.0…", then "seed…" without its number).
        _ = model.update(.finished(take: 1, judged: nil))
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(title(120).contains("─ G trưởng · nhịp ×1.11 ─ ◆ +0.44 +0.38 ─ T 1.00 · k 40 · p 0.95 · g 2.5 · seed 1234 "),
                "\(title(120))")
        #expect(title(130).contains("─ G trưởng · nhịp ×1.11 · lực 45–105 ─ ◆"), "\(title(130))")
        #expect(title(140).contains("─ G trưởng I–V–vi–I… · nhịp"), "\(title(140))")
    }

    /// The roll's title cut inside a value: "nhịp ×1.0…" (×1.07), "◆ +0.49 +0.…", "p 0…", "seed 9876…" (987654321),
    /// "g…" with no value. An item shows whole or not at all, at every width, composing, playing and idle.
    @Test func theRollTitleNeverCutsAValue() {
        var model = Self.composing()
        model.takes[0].parameters?.seed = 987_654_321
        _ = model.update(.planned(take: 1, harmony: "B major I–V–vi–IV–I–V–IV–V…"))
        _ = model.update(.note(take: 1, .init(pitch: 62, velocity: 80, startSeconds: 15, durationSeconds: 1)))
        _ = model.update(.playhead(take: 1, seconds: 3))
        func check() {
            // The title's forms, whole: with all its chords, four, the key alone, without the velocity range.
            let forms = [model.rollTitle(chords: nil), model.rollTitle(chords: 4), model.rollTitle(chords: 0),
                         model.rollTitle(chords: 0, velocity: false)]
            for width in stride(from: 60, through: 200, by: 1) {
                let title = model.rollTitle(columns: width - 5)
                #expect(DisplayWidth.of(title) <= width - 5, "\(title)")
                guard !forms.contains(title) else { continue }
                // Else one form's beginning up to a whole item, then "…".
                #expect(title.hasSuffix("…"), "\(title)")
                let kept = String(title.dropLast()).trimmingCharacters(in: .whitespaces)
                #expect(forms.contains { form in
                    let next = form.dropFirst(kept.count)
                    return form.hasPrefix(kept) && (next.hasPrefix(" ─ ") || next.hasPrefix(" · "))
                }, "cut inside a value at \(width): \(title)")
            }
        }
        check()
        _ = model.update(.finished(take: 1, judged: nil))
        check()
        #expect(!model.rollTitle(columns: 127).contains("seed 9876…"))
    }

    /// The studio redraws for the playhead only when what it shows moves: a new roll column (0.25 s at the default
    /// zoom) or a new second on the clocks. Before, every new position of the sound (every loop turn) redrew the whole
    /// screen: 9 % of a core while a take played, 4–5 % now (camxuc-bench's "while playing that take").
    @Test func thePlayheadAsShownChangesOnlyWithItsColumnOrSecond() {
        var model = Self.composing()
        _ = model.update(.finished(take: 1, judged: nil))
        _ = model.update(.playhead(take: 1, seconds: 2.01))
        let shown = model.playheadShown
        _ = model.update(.playhead(take: 1, seconds: 2.2))
        #expect(model.playheadShown == shown)
        _ = model.update(.playhead(take: 1, seconds: 2.26))
        #expect(model.playheadShown != shown && model.playheadShown.second == 2)
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.playheadShown.take == nil && model.playheadShown.column == nil)
    }

    @Test func aFinishedTakeIsResolvedAsTheFileWillHoldIt() {
        var model = Self.composing()
        // The same key struck again before it was released, and twice at one instant.
        _ = model.update(.note(take: 1, .init(pitch: 60, velocity: 70, startSeconds: 0.5, durationSeconds: 1)))
        _ = model.update(.note(take: 1, .init(pitch: 62, velocity: 70, startSeconds: 2, durationSeconds: 1)))
        _ = model.update(.note(take: 1, .init(pitch: 62, velocity: 90, startSeconds: 2, durationSeconds: 1.5)))
        _ = model.update(.finished(take: 1, judged: nil))
        let notes = model.takes[0].notes
        #expect(notes.count == 3)
        #expect(abs(notes[0].durationSeconds - 0.5) < 0.002)  // cut where the key was struck again
    }
}

@Suite struct PlannedKeyTests {
    @Test func theRollMarksTheScaleOfTheTakesPlannedKey() {
        var model = StudioSafetyTests.composing()
        _ = model.update(.planned(take: 1, harmony: "Eb minor i–bVI–bIII–bVII"))
        // Eb natural minor (Eb F Gb Ab Bb Cb Db) and the raised seventh D.
        #expect(model.keyScale == [3, 5, 6, 8, 10, 11, 1, 2])
        #expect(model.view(width: 200, height: 40).rendered().contains("Eb thứ i–bVI–bIII–bVII · nhịp ×"))
        model.english = true
        #expect(model.view(width: 200, height: 40).rendered().contains("Eb minor i–bVI–bIII–bVII · tempo ×"))
        model.english = false
    }

    /// A take without a plan (an opened file) was marked in C minor whatever its notes: an A-minor melody had its A and
    /// E unmarked. Its marks are the key its notes are in.
    @Test func anOpenedFileIsMarkedInTheKeyOfItsNotes() {
        var model = PrimerStudioTests.ready()
        let melody = [57, 60, 62, 64, 67, 69, 64, 60, 57, 45].enumerated().map {
            EventVocabulary.DecodedNote(pitch: $0.element, velocity: 80, startSeconds: Double($0.offset) * 0.5,
                                        durationSeconds: $0.offset == 9 ? 2 : 0.5)
        }
        _ = model.update(.opened(take: 1, OpenedFile(name: "am.mid", notes: melody,
                                            record: TakeMetadata.PrimerRecord(file: "am.mid", seconds: 5, notes: 10, continuationStartSeconds: 4.5),
                                            notices: [], judged: nil)))
        #expect(model.keyScale.isSuperset(of: [9, 0, 2, 4, 7]) && !model.keyScale.contains(3) && !model.keyScale.contains(10))
    }
}
