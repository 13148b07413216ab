import CamXucEmotion
import CamXucMusic
import Testing
@testable import CamXucStudio

@Suite struct MouseAndPasteTests {
    static func click(_ x: Int, _ y: Int, _ kind: MouseEvent.Kind = .press, width: Int = 120, height: Int = 40) -> Message {
        .mouse(MouseEvent(x: x, y: y, kind: kind, width: width, height: height))
    }

    @Test func aClickFocusesThePanelUnderIt() {
        let layout = StudioLayout(width: 120, height: 40)
        var model = StudioModel()
        for panel in [Panel.emotion, .roll, .parameters, .text] {
            let rect: Grid.Rect = switch panel {
            case .emotion: layout.emotion
            case .roll: layout.roll
            case .parameters: layout.parameters
            default: layout.text
            }
            _ = model.update(Self.click(rect.x + 1, rect.y + 1))
            #expect(model.focus == panel)
        }
    }

    @Test func aClickOnThePlaneMovesTheTargetThere() {
        let plot = StudioLayout(width: 120, height: 40).circumplexPlot
        var model = StudioModel()
        // Top left corner: negative valence, high arousal (tense).
        _ = model.update(Self.click(plot.x, plot.y))
        #expect(model.focus == .circumplex)
        #expect(model.target == CircumplexPoint(valence: -1, arousal: 1))
        // Bottom right: calm.
        _ = model.update(Self.click(plot.x + plot.width - 1, plot.y + plot.height - 1))
        #expect(model.target == CircumplexPoint(valence: 1, arousal: -1))
        // The drawn ◆ lands on the cell that was clicked.
        _ = model.update(Self.click(plot.x + 5, plot.y + 2))
        let cell = CircumplexPanel.cell(of: model.target!, in: plot)
        #expect(abs(cell.x - (plot.x + 5)) <= 1 && cell.y == plot.y + 2)
        #expect(model.view(width: 120, height: 40)[plot.x + 5, plot.y + 2].text == "◆"
                || model.view(width: 120, height: 40)[cell.x, cell.y].text == "◆")
    }

    @Test func clicksPickParametersAndTakesAndTheWheelScrolls() {
        var model = TakesListTests.withTakes(3)
        let layout = StudioLayout(width: 120, height: 40)
        _ = model.update(Self.click(layout.parameters.x + 3, layout.parameters.padded.y + 2))
        #expect(model.focus == .parameters && model.selectedParameter == .topP)
        let takes = layout.takes!.padded
        _ = model.update(Self.click(takes.x + 2, takes.y + 4))   // newest first, name and details: row 4 is take 1
        #expect(model.focus == .takes && model.selectedTake == 1)
        _ = model.update(Self.click(takes.x + 2, takes.y, .wheelDown))
        #expect(model.selectedTake == 1)                          // already the oldest
        _ = model.update(Self.click(takes.x + 2, takes.y, .wheelUp))
        #expect(model.selectedTake == 2)
        _ = model.update(Self.click(layout.roll.x + 10, layout.roll.y + 3, .wheelDown))
        #expect(model.roll.startSeconds > 0)
        _ = model.update(Self.click(layout.roll.x + 10, layout.roll.y + 3, .wheelUp))
        #expect(model.roll.startSeconds == 0)
    }

    /// A click on an emotion's row does what its digit key does (a probe saw the click leave the bars at the model's
    /// reading): the same correction asked for, the same state.
    @Test func aClickOnAnEmotionRowIsItsDigitKey() {
        var keyed = EmotionChoiceTests.analysed()
        keyed.focus = .emotion
        let label = keyed.distribution!.labels[1]
        let byKey = keyed.update(.key("2"))
        var clicked = EmotionChoiceTests.analysed()
        _ = clicked.update(.resized(width: 120, height: 40))
        let row = clicked.distribution!.sorted.firstIndex { $0.label == label }!
        let inside = StudioLayout(width: 120, height: 40).emotion.padded
        let byClick = clicked.update(Self.click(inside.x + 2, inside.y + row))
        #expect(byKey == byClick && byKey.contains(.correct(text: "vui", label: label.code)), "\(byKey) \(byClick)")
        #expect(clicked.chosenEmotion == keyed.chosenEmotion && clicked.target == keyed.target)
    }

    /// The plot has an even number of rows at 120×40, so its axis is drawn half a cell off centre: a click on ┼ gave
    /// (+0.00, −0.20) and no click gave arousal 0.
    @Test func aClickOnTheCrossIsTheCentre() {
        let plot = StudioLayout(width: 120, height: 40).circumplexPlot
        let centre = CircumplexPanel.cell(of: CircumplexPoint(valence: 0, arousal: 0), in: plot)
        var model = StudioModel()
        _ = model.update(Self.click(centre.x, centre.y))
        #expect(model.target == CircumplexPoint(valence: 0, arousal: 0))
        #expect(model.view(width: 120, height: 40)[centre.x, centre.y].text == "◆")
        _ = model.update(Self.click(centre.x + 4, centre.y))
        #expect(model.target?.arousal == 0 && (model.target?.valence ?? 0) > 0)
    }

    /// With the Parameters list scrolled (rows 4–10 of 10 at 100×32), a click picked the row as if it were not: a click
    /// on seed picked khoá giọng, and one on the bottom border picked tempo, a row not drawn there.
    @Test func aClickInAScrolledParametersListPicksTheRowUnderIt() {
        var model = StudioModel()
        _ = model.update(.resized(width: 100, height: 32))
        let inside = StudioLayout(width: 100, height: 32).parameters.padded
        #expect(inside.height < Parameters.Name.allCases.count)
        model.focus = .parameters
        for _ in 0..<9 { _ = model.update(.key("↓")) }
        #expect(model.selectedParameter == .seed)
        let last = inside.y + inside.height - 1
        _ = model.update(Self.click(inside.x + 3, last - 1, width: 100, height: 32))
        #expect(model.selectedParameter == .program, "the row above seed, where it was drawn")
        let drawn = model.view(width: 100, height: 32).rendered().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(drawn[last - 1].contains("▸ "), "the list did not move under the pointer")
        _ = model.update(Self.click(inside.x + 3, last + 1, width: 100, height: 32))   // the border
        #expect(model.selectedParameter == .program)
    }

    /// A click on a take while another panel had focus was matched against the list as focused (shorter: the selected
    /// take's settings under it), and selected the take beside the one clicked.
    @Test func aClickFromAnotherPanelSelectsTheTakeUnderThePointer() {
        var model = TakesListTests.withTakes(12)
        _ = model.update(.key("End"))
        model.focus = .roll
        let rect = StudioLayout(width: 120, height: 40).takes!.padded
        let drawn = model.view(width: 120, height: 40).rendered().split(separator: "\n").map(String.init)
        for shown in model.takeRows(model.takesArea(rect).list) where !shown.details {
            var clicked = model
            _ = clicked.update(Self.click(rect.x + 3, rect.y + shown.row))
            #expect(clicked.selectedTake == shown.id, "row \(shown.row): \(drawn[rect.y + shown.row])")
        }
    }

    /// A click in a scrolled takes list put the clicked take on the list's last row, so the list moved under the
    /// pointer and a double click landed on another take.
    @Test func aClickInAScrolledTakesListLeavesTheListWhereItIs() {
        var model = TakesListTests.withTakes(40)
        _ = model.update(.key("End"))
        #expect(model.selectedTake == 1)
        // The list's own rows (the selected take's settings take the panel's last rows).
        let takes = model.takesArea(StudioLayout(width: 120, height: 40).takes!.padded).list
        let rows = model.takeRows(takes)
        let before = rows.first { !$0.details }!
        _ = model.update(Self.click(takes.x + 2, takes.y + before.row))
        _ = model.update(Self.click(takes.x + 2, takes.y + before.row))
        #expect(model.selectedTake == before.id)
        #expect(model.takeRows(takes).map(\.id) == rows.map(\.id))
        // Keys still scroll by a row when the selection leaves the view.
        _ = model.update(.key("↑"))
        #expect(model.takeRows(takes).first?.id == before.id + 1)
    }

    /// A click while a question is up acted behind it, and the answer then applied to what the click chose: with
    /// "stop and delete take 3?" up, a click on take 1 and y deleted take 1. Like a key that is no answer, a click
    /// puts the question away first.
    @Test func aClickPutsAQuestionAwayBeforeItActs() {
        var model = TakesListTests.withTakes(2)
        model.focus = .roll
        _ = model.update(.key("Enter"))      // take 3, being composed
        model.focus = .takes
        _ = model.update(.key("d"))
        #expect(model.confirming == .deleteComposing)
        let takes = StudioLayout(width: 120, height: 40).takes!.padded
        let one = model.takeRows(takes).first { $0.id == 1 && !$0.details }!
        _ = model.update(Self.click(takes.x + 2, takes.y + one.row))
        #expect(model.confirming == nil && model.selectedTake == 1)
        _ = model.update(.key("y"))
        #expect(model.takes.map(\.id) == [1, 2, 3] && model.generatingTake == 3)
    }

    /// Keyboard rough edges a new user met: Shift and an arrow on the plane moved nothing (40 presses crossed it);
    /// closing the takes list put the focus on the roll whatever panel t was pressed in; ← on instrument 0 went round
    /// to 126 Applause; the quit question did not say which takes were unsaved.
    @Test func keyboardRoughEdgesOfTheFirstHour() {
        var model = StudioModel()
        model.focus = .circumplex
        model.target = CircumplexPoint(valence: 0, arousal: 0)
        _ = model.update(.key("Shift-→"))
        _ = model.update(.key("Shift-↓"))
        #expect(model.target == CircumplexPoint(valence: 0.25, arousal: -0.25))
        var listed = TakesListTests.withTakes(2)
        listed.focus = .emotion
        _ = listed.update(.resized(width: 100, height: 32))   // the takes list as an overlay
        _ = listed.update(.key("t"))
        #expect(listed.focus == .takes)
        _ = listed.update(.key("Esc"))
        #expect(listed.focus == .emotion)
        // Reached with Tab the overlay is closed by Esc too (it stayed up), back to the panel before it.
        listed.focus = .roll
        _ = listed.update(.key("Tab"))
        #expect(listed.focus == .takes)
        _ = listed.update(.key("Esc"))
        #expect(listed.focus == .roll && !listed.view(width: 100, height: 32).rendered().contains("┌ Takes"))
        var parameters = Parameters()
        parameters.adjust(.program, by: -1)
        #expect(parameters.program == 0)
        parameters.program = 127
        parameters.adjust(.program, by: 10)
        #expect(parameters.program == 127)
        listed.focus = .roll
        _ = listed.update(.key("q"))
        #expect(listed.view(width: 120, height: 40).rendered().contains("take 1, 2 chưa lưu bằng s"))
        // With save bound to F2 (and s to the why line) the question names F2: it said s, which now did something else.
        listed.keys = KeyMap.standard.overriding([("save", ["F2"]), ("why", ["s"])], file: "config.toml").keys
        #expect(listed.view(width: 120, height: 40).rendered().contains("take 1, 2 chưa lưu bằng F2"))
        listed.english = true
        #expect(listed.view(width: 120, height: 40).rendered().contains("never saved with F2"))
    }

    @Test func aClickInTheTextPlacesTheCursor() {
        var model = StudioModel()
        _ = model.update(.paste("Hôm nay tôi rất vui"))
        let inside = StudioLayout(width: 120, height: 40).text.padded
        _ = model.update(Self.click(inside.x + 4, inside.y))
        #expect(model.focus == .text && model.editor.cursor == 4)
        _ = model.update(Self.click(inside.x + 100, inside.y))
        #expect(model.editor.cursor == model.editor.characters.count)
    }

    @Test func aClickClosesTheHelpAndDoesNothingElse() {
        var model = StudioModel()
        model.focus = .roll
        _ = model.update(.key("?"))
        _ = model.update(Self.click(2, 1))
        #expect(!model.showHelp && model.focus == .roll)
    }

    @Test func onANarrowScreenClicksInTheTakesOverlayPickTakes() {
        var model = TakesListTests.withTakes(3)
        let overlay = StudioLayout(width: 80, height: 24).takesOverlay.padded
        _ = model.update(Self.click(overlay.x + 1, overlay.y + 2, width: 80, height: 24))  // row 2: take 2's name
        #expect(model.selectedTake == 2)
        _ = model.update(Self.click(overlay.x + 1, overlay.y + 5, width: 80, height: 24))  // row 5: take 1's details
        #expect(model.selectedTake == 1)
    }

    @Test func aBracketedPasteArrivesInOnePieceWithItsLineBreaksAndIsAnalysedOnce() {
        var model = StudioModel()
        let effects = model.update(.paste("Hôm nay vui.\r\nChiều lại buồn."))
        #expect(model.editor.text == "Hôm nay vui.\nChiều lại buồn.")
        #expect(effects == [.analyze("Hôm nay vui.\nChiều lại buồn.")])
        // Pasted text is taken as it is, not through Telex.
        _ = model.update(.paste(" oo"))
        #expect(model.editor.text.hasSuffix(" oo"))
    }

    @Test func outsideTheTextAPasteChangesNothing() {
        var model = StudioModel()
        model.focus = .roll
        #expect(model.update(.paste("abc")).isEmpty && model.editor.text.isEmpty)
    }
}
