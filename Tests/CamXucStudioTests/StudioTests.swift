import CamXucEmotion
import CamXucMusic
import CamXucText
import Testing
@testable import CamXucStudio

@Suite struct StudioTests {
    static let happy = EmotionDistribution(labels: PanelTests.labels, probabilities: [0.71, 0.05, 0.04, 0.02, 0.02, 0.09, 0.07])
    static let sad = EmotionDistribution(labels: PanelTests.labels, probabilities: [0.05, 0.8, 0.03, 0.04, 0.04, 0.01, 0.03])

    static func typed(_ keys: String, into model: inout StudioModel) -> [Effect] {
        var effects: [Effect] = []
        for character in keys { effects += model.update(.key(character == " " ? "Space" : String(character))) }
        return effects
    }

    @Test func typingWithTelexAsksForAnalysisAndShowsTheEmotion() {
        var model = StudioModel()
        let effects = Self.typed("Hoom nay tooi raats vui", into: &model)
        #expect(model.editor.text == "Hôm nay tôi rất vui")
        #expect(effects.last == .analyze("Hôm nay tôi rất vui"))
        _ = model.update(.analyzed(text: "Hôm nay tôi rất vui", Self.happy))
        #expect(model.target?.quadrant == 1)
        let screen = model.view(width: 80, height: 24).rendered()
        #expect(screen.contains("Văn bản ─ Telex"))
        #expect(screen.contains("Hôm nay tôi rất vui"))
        #expect(screen.contains("vui vẻ"))
        #expect(screen.contains("0.71"))
        #expect(screen.contains("◆"))
    }

    /// Text typed without diacritics is read by the model's plain head, and the Emotion panel's title says so until
    /// text with diacritics is read again.
    @Test func theEmotionPanelSaysWhenTextWasReadWithoutDiacritics() {
        var model = StudioModel()
        model.editor.inputMethod = nil
        _ = Self.typed("vui qua", into: &model)
        _ = model.update(.analyzed(text: "vui qua", Self.happy, withoutDiacritics: true))
        #expect(model.view(width: 80, height: 24).rendered().contains("Cảm xúc ─ không dấu"))
        model.english = true
        #expect(model.view(width: 80, height: 24).rendered().contains("Emotion ─ no accents"))
        _ = model.update(.paste(" à"))
        _ = model.update(.analyzed(text: "vui qua à", Self.happy))
        #expect(!model.view(width: 80, height: 24).rendered().contains("no accents"))
    }

    @Test func anAnswerForOlderTextIsIgnored() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vu", Self.sad))
        #expect(model.distribution == nil)
    }

    @Test func aNewSentenceMovesThePointAndLeavesATrail() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        _ = model.update(.paste(" buồn"))
        _ = model.update(.analyzed(text: "vui buồn", Self.sad))
        #expect(model.target?.quadrant == 3)
        #expect(model.trail.count == 1 && model.trail[0].quadrant == 1)
    }

    @Test func enterGeneratesAndNotesFillTheRoll() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        let effects = model.update(.key("Enter"))
        guard case let .generate(take, target, _, _)? = effects.first else {
            Issue.record("no generate effect: \(effects)")
            return
        }
        #expect(take == 1 && target.quadrant == 1)
        _ = model.update(.note(take: 1, EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 0, durationSeconds: 1)))
        let screen = model.view(width: 120, height: 40).rendered()
        #expect(screen.contains("Piano roll ─ take 1 ─ đang tạo…"))
        #expect(screen.contains("████"))
        #expect(screen.contains("Takes"))
        _ = model.update(.finished(take: 1, judged: CircumplexPoint(valence: 0.4, arousal: 0.3)))
        #expect(model.view(width: 120, height: 40).rendered().contains("●"))
    }

    /// Tab follows the screen: where the takes panel sits right of the parameters (110 columns and more) it comes
    /// before the roll below them; on a narrower screen the roll comes first and t opens the takes.
    @Test func tabGoesThroughThePanelsInTheOrderTheyAreDrawn() {
        var model = StudioModel()
        _ = model.update(.resized(width: 120, height: 40))
        var seen: [Panel] = []
        for _ in 0..<6 { _ = model.update(.key("Tab")); seen.append(model.focus) }
        #expect(seen == [.emotion, .circumplex, .parameters, .takes, .roll, .text])
        _ = model.update(.key("Shift-Tab"))
        #expect(model.focus == .roll)
        _ = model.update(.resized(width: 80, height: 24))
        model.focus = .parameters
        _ = model.update(.key("Tab"))
        #expect(model.focus == .roll)
    }

    @Test func tabMovesFocusAndParametersChangeWithArrows() {
        var model = StudioModel()
        _ = model.update(.key("Tab"))
        #expect(model.focus == .emotion)
        _ = model.update(.key("Tab"))
        _ = model.update(.key("Tab"))
        #expect(model.focus == .parameters)
        _ = model.update(.key("→"))
        #expect(model.parameters.temperature == 1.05)
        _ = model.update(.key("↓"))
        _ = model.update(.key("Shift-←"))
        #expect(model.parameters.topK == 1)   // the fewest candidates, not "all"
        _ = model.update(.key("0"))
        #expect(model.parameters.topK == 40)
        model.parameters.topK = 200
        _ = model.update(.key("→"))
        #expect(model.parameters.topK == 0)   // "all" sits above 200
        _ = model.update(.key("→"))
        #expect(model.parameters.topK == 0)
        _ = model.update(.key("←"))
        #expect(model.parameters.topK == 200)
        _ = model.update(.key("0"))
        _ = model.update(.key("Shift-Tab"))
        #expect(model.focus == .circumplex)
    }

    @Test func aParameterChangeDuringGenerationIsSentOn() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        _ = model.update(.key("Enter"))
        model.focus = .parameters
        let effects = model.update(.key("←"))
        #expect(effects == [.updateGeneration(model.parameters)])
        #expect(model.parameters.temperature == 0.95)
    }

    /// "vui" read and composed: the take being composed, with one note at 1 s.
    static func composingOneNote() throws -> (StudioModel, Int) {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        _ = model.update(.key("Enter"))
        let id = try #require(model.generatingTake)
        _ = model.update(.note(take: id, .init(pitch: 60, velocity: 80, startSeconds: 1, durationSeconds: 0.5)))
        return (model, id)
    }

    /// A length changed on the panel while a take is composed is the next take's: changing another row afterwards
    /// must not record it as this take's (its title said / 0:35 and its file "lengthSeconds 35" for a 30-s take);
    /// an instrument change adds no "changed" row of unchanged values: the take keeps the instrument it started with
    /// and the change where it was heard (the last instrument was the whole take's, from 0 s, unlike what was heard).
    @Test func aTakeKeepsItsLengthAndAnInstrumentChangeAddsNoRow() throws {
        var (model, id) = try Self.composingOneNote()
        model.focus = .parameters
        model.selectedParameter = .length
        _ = model.update(.key("→"))
        #expect(model.parameters.lengthSeconds == 35)
        model.selectedParameter = .temperature
        _ = model.update(.key("→"))
        model.selectedParameter = .program
        _ = model.update(.key("→"))
        let take = try #require(model.takes.first { $0.id == id })
        #expect(take.parameters?.lengthSeconds == 30 && take.parameters?.program == 0)
        // What it started with stays its sampling (the file's line, the roll's title); the change is a row of its own
        // (the last values had become the take's, as if they held throughout).
        #expect(take.parameters?.temperature == 1.0 && take.parameterChanges.last?.temperature == 1.05)
        #expect(take.instrumentChanges == [StudioModel.InstrumentChange(seconds: 1, program: 1)])
        #expect(take.parameterChanges.count == 2)      // what it started with, and the temperature
        #expect(model.composedSeconds(of: take) == 30)
        // Heard while it plays: the change is where the playhead is, and back to the first instrument is a change too.
        _ = model.update(.note(take: id, .init(pitch: 62, velocity: 80, startSeconds: 3, durationSeconds: 0.5)))
        _ = model.update(.playhead(take: id, seconds: 2.5))
        model.playing = id
        _ = model.update(.key("←"))
        let heard = try #require(model.takes.first { $0.id == id })
        #expect(heard.instrumentChanges.map(\.program) == [1, 0] && heard.instrumentChanges.last?.seconds == 2.5)
    }

    /// A change made and taken back before the next event leaves no row (it left one repeating the row before it).
    @Test func aChangeTakenBackLeavesNoRow() throws {
        var (model, id) = try Self.composingOneNote()
        model.focus = .parameters
        model.selectedParameter = .temperature
        _ = model.update(.key("→"))
        _ = model.update(.key("←"))
        #expect(model.takes.first { $0.id == id }?.parameterChanges.isEmpty == true)
        _ = model.update(.key("→"))
        _ = model.update(.note(take: id, .init(pitch: 62, velocity: 80, startSeconds: 2, durationSeconds: 0.5)))
        _ = model.update(.key("→"))
        _ = model.update(.key("←"))
        #expect(model.takes.first { $0.id == id }?.parameterChanges.map(\.seconds) == [0, 1])
    }

    /// s while a take is composed saves what it has so far: that is no ✓ for the take, and quitting still asks (it
    /// showed ✓ and quit at once, with 9 s of a 31-s take in the save folder).
    @Test func aSaveMadeWhileComposingIsNoTick() throws {
        var (model, id) = try Self.composingOneNote()
        model.focus = .takes
        #expect(model.update(.key("s")) == [.save(take: id, wav: false)])
        _ = model.update(.saved(take: id, path: "/tmp/x.mid"))
        _ = model.update(.finished(take: id, judged: nil))
        let take = try #require(model.takes.first { $0.id == id })
        #expect(!take.saved && take.savedAs == "/tmp/x.mid")
        #expect(model.update(.key("q")).isEmpty && model.confirming == .quit)
        // L switches the language and leaves the question asked (it went, as if answered).
        _ = model.update(.key("L"))
        #expect(model.english && model.confirming == .quit)
        let asked = model.view(width: 100, height: 30)
        #expect(asked.rendered().contains("quit? y/n"))
        // A question in a colour of its own: it was drawn as the errors are.
        #expect(asked[1, 29].role == "status.question")
        _ = model.update(.key("L"))
        // Saved again once finished: the whole take, ✓.
        _ = model.update(.key("Esc"))
        _ = model.update(.key("s"))
        _ = model.update(.saved(take: id, path: "/tmp/y.mid"))
        #expect(model.takes.first { $0.id == id }?.saved == true)
    }

    @Test func qTypesInTheTextFieldButQuitsElsewhere() {
        var model = StudioModel()
        _ = model.update(.key("q"))
        #expect(model.editor.text == "q" && !model.quitting)
        _ = model.update(.key("Esc"))
        #expect(model.update(.key("q")) == [.stop, .quit])
        var other = StudioModel()
        #expect(other.update(.key("Ctrl-C")) == [.stop, .quit])
    }

    @Test func theTooSmallScreenAndTheHelpOverlay() {
        var model = StudioModel()
        let small = model.view(width: 59, height: 20).rendered()
        #expect(small.contains("Cửa sổ quá nhỏ — cần 60×18 (đang 59×20)"))
        model.english = true
        #expect(model.view(width: 100, height: 17).rendered().contains("terminal too small — need 60×18 (now 100×17)"))
        model.focus = .emotion
        _ = model.update(.key("?"))
        let help = model.view(width: 120, height: 40).rendered()
        #expect(help.contains("Keys — any key closes") && help.contains("compose") && help.contains("temperature, top-k"))
        _ = model.update(.key("x"))
        #expect(!model.showHelp)
    }

    /// Two warnings at start showed "warning 1 of 2" and never the second (a `[keys]` line that left why without a
    /// key): each comes in turn, when the one before expires or at the next key.
    @Test func theStartsWarningsShowOneAfterAnother() {
        var model = StudioModel()
        model.notice = "warning 1 of 3: a"
        model.pendingNotices = ["warning 2 of 3: b", "warning 3 of 3: c"]
        _ = model.update(.noticeExpired)
        #expect(model.notice == "warning 2 of 3: b")
        #expect(model.view(width: 120, height: 40).rendered().contains("warning 2 of 3: b"))
        _ = model.update(.key("Tab"))
        #expect(model.notice == "warning 3 of 3: c")
        _ = model.update(.noticeExpired)
        #expect(model.notice == nil && model.pendingNotices.isEmpty)
        // Behind an error (no sound at start, say) they wait for it to go; a key's own notice does not take a
        // warning's place.
        model.error = "không có âm thanh: …"
        model.pendingNotices = ["warning 1 of 2: a", "warning 2 of 2: b"]
        _ = model.update(.noticeExpired)
        #expect(model.notice == nil && model.pendingNotices.count == 2)
        _ = model.update(.key("l"))   // loop: a notice of its own
        #expect(model.notice?.contains("lặp") == true && model.pendingNotices.count == 2)
        _ = model.update(.noticeExpired)
        #expect(model.notice == "warning 1 of 2: a")
        // A notice that comes while a question is asked (a save finished after q) is shown once it is answered.
        var asked = TakesListTests.withTakes(1)
        asked.focus = .takes
        asked.confirming = .quit
        _ = asked.update(.notice("đã lưu MIDI và WAV: a.mid"))
        _ = asked.update(.key("n"))
        #expect(asked.confirming == nil && asked.notice == "đã lưu MIDI và WAV: a.mid")
    }

    /// At 80×24 and 100×30 the keys leave the legend (what T k p g, Δ, V and A mean) no room, and it was nowhere: the
    /// help key turns to it as a page of its own, and any key then closes.
    @Test func theLegendIsAPageOfItsOwnOnSmallScreens() {
        for english in [true, false] {
            for (width, height) in [(80, 24), (100, 30)] {
                var model = StudioModel()
                model.english = english
                model.screenWidth = width
                model.screenHeight = height
                model.focus = .emotion
                _ = model.update(.key("?"))
                let keys = model.view(width: width, height: height).rendered()
                #expect(keys.contains(english ? "Keys — ? legend, any other key closes" : "Phím — ? chú thích, phím khác đóng"), "\(keys)")
                #expect(!keys.contains(english ? "temperature, top-k" : "nhiệt độ, top-k"))
                _ = model.update(.key("F1"))
                let legend = model.view(width: width, height: height).rendered()
                #expect(model.showHelp && legend.contains(english ? "Legend — any key closes" : "Chú thích — bấm phím bất kỳ để đóng"))
                #expect(legend.contains(english ? "T k p g  temperature, top-k, top-p, guidance" : "T k p g  nhiệt độ, top-k, top-p, hướng dẫn"))
                _ = model.update(.key("?"))
                #expect(!model.showHelp)
                // Opened again, it starts on the keys.
                _ = model.update(.key("?"))
                #expect(model.helpPage == 0)
            }
        }
    }

    /// The help overlay's columns begin with a heading: no section is split between two columns where the same
    /// number of columns holds them whole (at 120×40 "↑↓ earlier texts" began the second column without its "Text").
    @Test func helpColumnsKeepSectionsWhole() {
        for (height, english) in [(40, false), (40, true), (24, false), (30, true)] {
            let lines = KeyMap.standard.helpLines(english: english)
            let columns = StudioModel.helpColumns(lines, rowsAvailable: height - 4)
            // Every line once, a section's heading again where it goes on in the next column ("Tham số (tiếp)").
            #expect(columns.flatMap { $0 }.filter { !$0.isEmpty && !$0.hasSuffix(" (tiếp)") } == lines.filter { !$0.isEmpty })
            for column in columns {
                #expect(column.count <= height - 4)
                if height == 40 {
                    #expect(column.first.map { !$0.hasPrefix(" ") } == true, "a column starts inside a section")
                }
            }
        }
    }

    @Test func bothSizesLayOutEveryPanelWithinTheScreen() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        for (width, height) in [(80, 24), (120, 40)] {
            let lines = model.view(width: width, height: height).rendered().split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == height)
            #expect(lines.allSatisfy { $0.count == width || $0.unicodeScalars.count >= 1 })
            let screen = lines.joined(separator: "\n")
            for title in ["Văn bản", "Cảm xúc", "Valence · Arousal", "Tham số", "Piano roll"] { #expect(screen.contains(title)) }
            #expect(screen.contains("Takes") == (width >= 100))
            #expect(lines.last!.hasPrefix(" Enter tạo"))
        }
    }

    @Test func enterRightAfterTypingAnalysesFirstThenComposesForTheNewPoint() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        _ = Self.typed(" buoonf", into: &model)         // newer text, not analysed yet
        #expect(model.update(.key("Enter")) == [.analyzeNow("vui buồn")])
        #expect(model.takes.isEmpty)
        let effects = model.update(.analyzed(text: "vui buồn", Self.sad))
        guard case let .generate(take, target, _, _)? = effects.first else {
            Issue.record("no generate effect after the analysis: \(effects)")
            return
        }
        #expect(take == 1 && target.quadrant == 3)
    }

    @Test func aTargetMovedByHandIsComposedAtOnce() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        _ = Self.typed("x", into: &model)
        model.focus = .circumplex
        _ = model.update(.key("←"))
        guard case .generate? = model.update(.key("Enter")).first else {
            Issue.record("Enter did not compose at the moved target")
            return
        }
    }

    /// A text longer than its row marks the side it runs off: ◂ when its start is scrolled away, ▸ when its end is.
    @Test func aLongTextMarksWhereItRunsOffTheRow() {
        var model = StudioModel()
        _ = model.update(.paste(String(repeating: "chữ ", count: 40)))
        var row = model.view(width: 80, height: 24).rendered().split(separator: "\n").map(String.init)[1]
        #expect(row.hasPrefix("│◂") && !row.contains("▸"))
        // One step back from the end, the letter at the cursor is drawn under it (scrolled to the right edge, it fell
        // outside the row).
        _ = model.update(.paste("xyz"))
        _ = model.update(.key("←"))
        let grid = model.view(width: 80, height: 24)
        let cursor = (0..<80).first { grid[$0, 1].role == "text.cursor" }
        #expect(cursor.map { grid[$0, 1].text } == "z", "\(String(describing: cursor))")
        _ = model.update(.key("Home"))
        row = model.view(width: 80, height: 24).rendered().split(separator: "\n").map(String.init)[1]
        #expect(row.hasPrefix("│ chữ") && row.hasSuffix("▸│"))
        _ = model.update(.key("Ctrl-U"))   // before the cursor: nothing
        _ = model.update(.key("Ctrl-K"))   // after it: everything
        #expect(model.editor.text.isEmpty)
    }

    /// Zooming out stops at the step that shows the whole take (a 30-s take filled 7 columns of a view that numbered
    /// bars to 465).
    @Test func zoomingOutStopsWhereTheWholeTakeShows() {
        var model = TakesListTests.withTakes(1)
        model.takes[0].notes.append(.init(pitch: 60, velocity: 90, startSeconds: 28, durationSeconds: 2))  // 30 s long
        _ = model.update(.resized(width: 120, height: 40))
        model.focus = .roll
        for _ in 0..<10 { _ = model.update(.key("-")) }
        // 113 columns: 0.25 s each shows 28 s, 0.5 s each the whole 30 s.
        #expect(model.roll.secondsPerColumn == 0.5)
        _ = model.update(.key("+"))
        #expect(model.roll.secondsPerColumn == 0.25)
        // Scrolled: the step that shows the whole take shows it from its start (it showed 11–67 s of a 30-s take), and
        // - at the limit brings it back the same way.
        model.roll.startSeconds = 11
        _ = model.update(.key("-"))
        #expect(model.roll.secondsPerColumn == 0.5 && model.roll.startSeconds == 0)
        model.roll.startSeconds = 20
        _ = model.update(.key("-"))
        #expect(model.roll.secondsPerColumn == 0.5 && model.roll.startSeconds == 0)
    }

    @Test func theRollTurnsThePageWithThePlayheadUntilScrolledByHand() {
        var model = TakesListTests.withTakes(1)
        model.takes[0].notes.append(.init(pitch: 60, velocity: 90, startSeconds: 88, durationSeconds: 2))  // 90 s long
        _ = model.update(.resized(width: 120, height: 40))
        // 118 inner columns less the 5-column gutter, 0.25 s each: a page is 28.25 s.
        _ = model.update(.playhead(take: 1, seconds: 10))
        #expect(model.roll.startSeconds == 0)
        _ = model.update(.playhead(take: 1, seconds: 30))
        #expect(model.roll.startSeconds == 28.25)
        model.focus = .roll
        _ = model.update(.key("←"))
        #expect(model.roll.startSeconds == 26.25 && !model.roll.follow)
        _ = model.update(.playhead(take: 1, seconds: 60))
        #expect(model.roll.startSeconds == 26.25)
        _ = model.update(.key("f"))
        _ = model.update(.playhead(take: 1, seconds: 60.5))
        #expect(model.roll.startSeconds == 56.5)
        // The last page ends where the take does (90 s), not 28.25 s after 84.75.
        _ = model.update(.playhead(take: 1, seconds: 89))
        #expect(model.roll.startSeconds == 61.75)
    }

    @Test func aChangedParameterIsHighlightedUntilTheFlashIsOver() {
        var model = StudioModel()
        model.focus = .parameters
        _ = model.update(.key("→"))
        #expect(model.flashing == .temperature)
        let rect = StudioLayout(width: 120, height: 40).parameters.padded
        #expect(model.view(width: 120, height: 40)[rect.x + 3, rect.y].role == "param.changed")
        _ = model.update(.flashOver)
        #expect(model.flashing == nil)
        #expect(model.view(width: 120, height: 40)[rect.x + 3, rect.y].role == "param.selected")
    }

    @Test func aTakeKeepsTheParametersItWasMadeWith() {
        var model = StudioModel()
        _ = Self.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", Self.happy))
        let seed = model.parameters.seed                // the panel shows the seed the next take uses
        _ = model.update(.key("Enter"))
        #expect(model.takes[0].parameters?.seed == seed)
        #expect(model.parameters.seed != seed)              // and then a fresh one
        #expect(model.takes[0].text == "vui")
        model.focus = .parameters
        _ = model.update(.key("→"))                       // while it is being generated
        #expect(model.takes[0].parameters?.temperature == 1.05)
        _ = model.update(.finished(take: 1, judged: nil))
        _ = model.update(.key("→"))                       // after: the take keeps what made it
        #expect(model.takes[0].parameters?.temperature == 1.05 && model.parameters.temperature == 1.1)
        #expect(model.view(width: 200, height: 40).rendered().contains("T 1.05 · k 40 · p 0.95 · g 2.5 · seed \(seed)"))
        #expect(seed < 1_000_000)
    }

    @Test func parametersRoundTripThroughATakesSamplingSettings() {
        var parameters = Parameters()
        parameters.temperature = 0.8
        parameters.topK = 25
        parameters.seed = 42
        parameters.program = 5
        #expect(Parameters(sampling: parameters.sampling, program: 5) == parameters)
    }

    /// The key row: auto, then C … B, round to auto again; 0 resets it; while a take is composed a new key waits for
    /// the next take (its plan is drawn before its first note) and says so.
    @Test func theKeyRowCyclesAutoAndTheTwelveTonicsAndWaitsForTheNextTake() {
        var parameters = Parameters()
        #expect(parameters.key == nil && parameters.row(.key, english: false) == ("giọng", "tự động"))
        parameters.adjust(.key, by: 1)
        #expect(parameters.key == 0 && parameters.row(.key, english: true) == ("key", "C"))
        parameters.adjust(.key, by: 2)
        #expect(parameters.row(.key, english: true).1 == "D")
        parameters.adjust(.key, by: -3)
        #expect(parameters.key == nil)
        parameters.adjust(.key, by: -1)
        #expect(parameters.row(.key, english: true).1 == "B")
        parameters.adjust(.key, by: 10)  // a big step goes round: B, auto, C, … G#/Ab
        // Both spellings where major and minor differ (a configured "Db" showed as C#; the take said Db major).
        #expect(parameters.row(.key, english: true).1 == "G#/Ab")
        parameters.key = 1
        #expect(parameters.row(.key, english: true).1 == "C#/Db")
        parameters.reset(.key)
        #expect(parameters.key == nil)
        var model = StudioSafetyTests.composing()
        model.focus = .parameters
        model.selectedParameter = .key
        #expect(model.update(.key("→")).isEmpty)
        #expect(model.parameters.key == 0 && model.notice == "giọng mới dùng cho take sau")
        #expect(model.takes[0].parameterChanges.isEmpty)
    }

    @Test func ctrlTCyclesTelexVNIAndOffAndTheTitleSaysWhich() {
        var model = StudioModel()
        #expect(model.view(width: 80, height: 24).rendered().contains("Văn bản ─ Telex"))
        _ = model.update(.key("Ctrl-T"))
        _ = Self.typed("vie65t", into: &model)
        #expect(model.editor.text == "việt")
        #expect(model.view(width: 80, height: 24).rendered().contains("Văn bản ─ VNI"))
        _ = model.update(.key("Ctrl-T"))
        _ = Self.typed(" aa", into: &model)
        #expect(model.editor.text == "việt aa")
        #expect(model.view(width: 80, height: 24).rendered().contains("┌ Văn bản ──"))
        _ = model.update(.key("Ctrl-T"))
        #expect(model.editor.inputMethod?.kind == .telex)
    }

    /// A text read as typed with the input method off says so in the Emotion panel's title.
    @Test func aTextReadAsKeysSaysSo() {
        var model = StudioModel()
        _ = model.update(.paste("tooi buoonf quas"))
        _ = model.update(.analyzed(text: model.editor.text, Self.happy, withoutDiacritics: false, readAsKeys: true))
        #expect(model.view(width: 80, height: 24).rendered().contains("Cảm xúc ─ đọc phím gõ"))
    }

    /// The config chooses the method the field starts with and where tones go on an open oa, oe, uy (a VNI user
    /// pressed Ctrl-T at every start, and "hòa" could not be typed); Ctrl-T keeps the tone style.
    @Test func theConfigChoosesTheInputMethodAndTheToneStyle() throws {
        let (config, warnings) = try Config.parse("[studio]\ninput = \"vni\"\ntones = \"old\"", file: "c.toml")
        #expect(warnings.isEmpty && config.startingInputMethod == InputMethod(.vni, toneStyle: .traditional))
        var model = StudioModel(inputMethod: config.startingInputMethod, toneStyle: config.toneStyle)
        _ = Self.typed("hoa2 ", into: &model)
        _ = model.update(.key("Ctrl-T"))
        _ = model.update(.key("Ctrl-T"))
        _ = Self.typed("thuyr", into: &model)
        #expect(model.editor.text == "hòa thủy")
        #expect(try Config.parse("[studio]\ninput = \"off\"", file: "c.toml").0.startingInputMethod == nil)
        #expect(try Config.parse("[studio]\ntelex = false", file: "c.toml").0.startingInputMethod == nil)
        #expect(try Config.parse("", file: "c.toml").0.startingInputMethod == InputMethod(.telex))
        #expect(throws: (any Error).self) { try Config.parse("[studio]\ninput = \"unikey\"", file: "c.toml") }
    }
}
