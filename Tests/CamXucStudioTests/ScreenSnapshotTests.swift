import CamXucEmotion
import CamXucMusic
import Foundation
import Testing
@testable import CamXucStudio

/// Whole screens through the in-memory grid, compared with reviewed snapshots in Tests/Fixtures/screens.
/// Set CAMXUC_RECORD_SNAPSHOTS=1 to write them anew after an intended change (and review the diff).
@Suite struct ScreenSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/screens")

    static func scene(_ name: String) -> StudioModel {
        var model = StudioModel()
        switch name {
        case "typed":
            _ = StudioTests.typed("Hoom nay tooi raats vui", into: &model)
        case "emotion":
            _ = StudioTests.typed("Hoom nay tooi raats vui", into: &model)
            _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy))
        case "take", "help":
            _ = StudioTests.typed("Hoom nay tooi raats vui", into: &model)
            _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy))
            _ = model.update(.key("Enter"))
            for index in 0..<48 {
                _ = model.update(.note(take: 1, EventVocabulary.DecodedNote(
                    pitch: 57 + (index * 5) % 17, velocity: 40 + (index * 29) % 87,
                    startSeconds: Double(index) * 0.25, durationSeconds: 0.25 + Double(index % 3) * 0.25)))
            }
            _ = model.update(.finished(take: 1, judged: CircumplexPoint(valence: 0.45, arousal: 0.3)))
            _ = model.update(.playhead(take: 1, seconds: 4.1))
            if name == "help" {
                model.focus = .roll
                _ = model.update(.key("?"))
            }
        case "arc":
            // Two sentences (Alt-Enter between them), composed along their arc, playing in the second segment.
            model = ArcTests.composed(playhead: 20)
        default:
            break
        }
        return model
    }

    /// "small" is the too-small screen (59×20 and 100×17); "compact" the layout below 80 columns, a take playing at
    /// 64×20 and the parameters open over the panels at 60×18.
    @Test(arguments: ["typed", "emotion", "take", "help", "small", "arc", "compact"], [(80, 24), (120, 40)])
    func screenMatchesItsSnapshot(scene name: String, size: (Int, Int)) throws {
        let (width, height) = name == "small" ? (size.0 == 80 ? (59, 20) : (100, 17))
            : name == "compact" ? (size.0 == 80 ? (64, 20) : (60, 18)) : size
        var model = Self.scene(name == "compact" ? "take" : name)
        if name == "compact", size.0 == 120 { model.focus = .parameters }
        let screen = model.view(width: width, height: height).rendered()
        let url = Self.folder.appendingPathComponent("\(name)-\(size.0)x\(size.1).txt")
        if ProcessInfo.processInfo.environment["CAMXUC_RECORD_SNAPSHOTS"] == "1" {
            try (screen + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(screen + "\n" == expected, "screen \(name) at \(width)×\(height) differs from \(url.lastPathComponent)")
    }
}
