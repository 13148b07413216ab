import CamXucEmotion
import CamXucMusic
import CamXucText
import Testing
@testable import CamXucStudio

/// Below 80 columns (a projector's big font at 64×20) the studio drew only "too small": the middle row now holds the
/// Emotion panel and the plane, and the parameters open over them while focused.
@Suite struct CompactLayoutTests {
    static func playing(width: Int, height: Int) -> StudioModel {
        var model = ScreenSnapshotTests.scene("take")
        model.screenWidth = width
        model.screenHeight = height
        return model
    }

    @Test func aProjectorsScreenShowsTheReadingThePlaneAndThePlayingRoll() {
        let model = Self.playing(width: 64, height: 20)
        let screen = model.view(width: 64, height: 20).rendered()
        #expect(!screen.contains("quá nhỏ"))
        #expect(screen.contains("Hôm nay tôi rất vui"))
        #expect(screen.contains("1 vui vẻ") && screen.contains("Valence · Arousal") && screen.contains("buồn"))
        // The playing take: its title, its clock and the playhead's column.
        #expect(screen.contains("Piano roll ─ take 1 ─ ▶ 0:04 / 0:12") && screen.contains("┃"))
        // The parameters are not drawn until focused.
        #expect(!screen.contains("Tham số") && !screen.contains("nhiệt độ"))
        for line in screen.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 64) }
    }

    @Test func theParametersOpenOverThePanelsWhileFocusedAndEscClosesThem() {
        var model = Self.playing(width: 60, height: 18)
        _ = model.update(.key("Esc"))
        while model.focus != .parameters { _ = model.update(.key("Tab")) }
        var screen = model.view(width: 60, height: 18).rendered()
        // All ten rows, the seed the last of them, on a screen of eighteen rows.
        #expect(screen.contains("Tham số") && screen.contains("nhiệt độ") && screen.contains("seed"))
        #expect(!screen.contains("Valence · Arousal"))
        _ = model.update(.key("↓"))
        _ = model.update(.key("→"))
        #expect(model.parameters.topK == 45)
        // Esc closes them, back to the panel they were opened from; the plane is drawn again.
        _ = model.update(.key("Esc"))
        #expect(model.focus == .circumplex)
        screen = model.view(width: 60, height: 18).rendered()
        #expect(!screen.contains("Tham số") && screen.contains("Valence · Arousal"))
        // Tab goes through them as through any panel.
        _ = model.update(.key("Tab"))
        #expect(model.focus == .parameters)
        _ = model.update(.key("Tab"))
        #expect(model.focus == .roll && !model.view(width: 60, height: 18).rendered().contains("Tham số"))
    }

    @Test func aClickPicksARowInTheOverlayOrThePanelUnderIt() {
        var model = Self.playing(width: 64, height: 20)
        let layout = StudioLayout(width: 64, height: 20)
        #expect(layout.compact)
        // Closed, a click where the overlay would be is the plane's.
        #expect(layout.panel(atX: layout.parameters.x + 3, y: layout.parameters.y + 3) == .circumplex)
        model.focus = .parameters
        let inside = layout.parameters.padded
        _ = model.update(.mouse(MouseEvent(x: inside.x + 2, y: inside.y + 2, kind: .press, width: 64, height: 20)))
        #expect(model.focus == .parameters && model.selectedParameter == .topP)
        // Outside it, the panel under the click: the overlay closes, and the click does nothing more there (on an
        // emotion's row it chose that emotion by hand and kept the correction).
        #expect(model.update(.mouse(MouseEvent(x: 3, y: 5, kind: .press, width: 64, height: 20))).isEmpty)
        #expect(model.focus == .emotion && model.chosenEmotion == nil)
        #expect(!model.view(width: 64, height: 20).rendered().contains("Tham số"))
        // The next click there chooses, as on any panel.
        #expect(!model.update(.mouse(MouseEvent(x: 3, y: 5, kind: .press, width: 64, height: 20))).isEmpty)
        #expect(model.chosenEmotion != nil)
    }

    /// Reached by a click on a wide screen, then narrowed: Esc goes back to the panel the click left (set by Tab alone,
    /// it went back to one left long before, the takes overlay opening).
    @Test func escGoesBackWhereAClickCameFrom() {
        var model = Self.playing(width: 120, height: 40)
        model.focus = .takes
        _ = model.update(.key("Shift-Tab"))
        _ = model.update(.key("Shift-Tab"))
        _ = model.update(.key("Shift-Tab"))
        let wide = StudioLayout(width: 120, height: 40)
        _ = model.update(.mouse(MouseEvent(x: 3, y: wide.emotion.y, kind: .press, width: 120, height: 40)))
        #expect(model.focus == .emotion)
        _ = model.update(.mouse(MouseEvent(x: wide.parameters.x + 3, y: wide.parameters.padded.y, kind: .press, width: 120, height: 40)))
        #expect(model.focus == .parameters)
        _ = model.update(.resized(width: 70, height: 22))
        _ = model.update(.key("Esc"))
        #expect(model.focus == .emotion && !model.takesOverlay)
    }

    @Test func aClickBesideTheTakesOverlayOnlyClosesIt() {
        var model = Self.playing(width: 60, height: 18)
        _ = model.update(.key("Esc"))
        _ = model.update(.key("t"))
        #expect(model.focus == .takes)
        let layout = StudioLayout(width: 60, height: 18)
        // The Emotion panel's strip left of the overlay, on the row of its fourth emotion.
        let x = layout.emotion.x + 2, y = layout.emotion.padded.y + 3
        #expect(!layout.takesOverlay.contains(x: x, y: y))
        #expect(model.update(.mouse(MouseEvent(x: x, y: y, kind: .press, width: 60, height: 18))).isEmpty)
        #expect(model.focus == .emotion && model.chosenEmotion == nil && !model.takesOverlay)
    }

    /// The roll scrolled past the end of the take selected next (20 s into a 30-s take, then a 10-s one) showed empty
    /// bars: it starts at that take's start.
    @Test func aShorterTakeSelectedIsShownFromItsStart() {
        var model = TakesListTests.withTakes(2)
        model.screenWidth = 64
        model.screenHeight = 20
        // Take 2 runs 22 s, take 1 two.
        model.takes[1].notes.append(.init(pitch: 64, velocity: 90, startSeconds: 20, durationSeconds: 2))
        let long = model.takes[1].id, short = model.takes[0].id
        model.selectedTake = long
        model.roll.follow = false
        model.roll.startSeconds = 12
        model.focus = .takes
        _ = model.update(.key("↓"))
        #expect(model.selectedTake == short && model.roll.startSeconds == 0)
        // One that still reaches the view keeps it (A/B compares the same bars).
        model.roll.startSeconds = 1
        _ = model.update(.key("↑"))
        #expect(model.selectedTake == long && model.roll.startSeconds == 1)
    }

    @Test func theHelpTurnsPagesWhereItsColumnsDoNotFitAndEveryKeyIsOnOne() {
        for (width, height) in [(60, 18), (64, 20), (80, 24), (120, 40)] {
            var model = Self.playing(width: width, height: height)
            model.focus = .roll
            _ = model.update(.key("?"))
            var seen = ""
            var pages = 0
            while model.showHelp, pages < 10 {
                let screen = model.view(width: width, height: height).rendered()
                for line in screen.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= width) }
                seen += screen
                pages += 1
                _ = model.update(.key("?"))
            }
            #expect(!model.showHelp, "the help key on the last page closes it (\(width)×\(height))")
            // Every entry of the keys, whole (at 60 columns the third column was cut to "Cảm x", "Tham").
            for line in model.keys.helpLines(english: false) where !line.isEmpty {
                let entry = line.trimmingCharacters(in: .whitespaces)
                #expect(seen.contains(entry), "\(width)×\(height): \(entry) on no page")
            }
            #expect(seen.contains("sôi nổi"), "the legend at \(width)×\(height)")
            #expect(pages == (width >= 120 ? 1 : width >= 80 ? 2 : width >= 64 ? 3 : 4), "\(width)×\(height): \(pages) pages")
        }
    }
}
