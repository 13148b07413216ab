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
