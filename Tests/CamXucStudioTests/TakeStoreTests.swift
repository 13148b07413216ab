import CamXucMusic
import Foundation
import Testing
@testable import CamXucStudio

@Suite struct TakeStoreTests {
    @Test func takesSurviveAndCorruptFilesAreSkipped() throws {
        let folder = NSTemporaryDirectory() + "camxuc-store-" + UUID().uuidString
        let store = TakeStore(folder: folder)
        let take = Take(secondsNotes: [(pitch: 60, velocity: 90, start: 0, duration: 0.5)],
                        metadata: TakeMetadata(title: "vui", text: "vui", valence: 0.6, arousal: 0.4))
        try store.save(take, id: 2)
        try store.save(take, id: 1)
        try Data("not midi".utf8).write(to: URL(fileURLWithPath: folder + "/take-9.mid"))
        let (loaded, problems) = store.load()
        #expect(loaded.map(\.id) == [1, 2])
        #expect(loaded[0].take.metadata.text == "vui" && loaded[0].take.notes.count == 1)
        #expect(problems.count == 1 && problems[0].contains("take-9.mid"))
        store.delete(id: 1)
        #expect(store.load().takes.map(\.id) == [2])
    }

    @Test func deletingATakeAsksToForgetItsStoredCopy() {
        var model = StudioModel()
        model.takes = [.init(id: 3, title: "x", notes: [], target: .init(valence: 0, arousal: 0), judged: nil, finished: true)]
        model.selectedTake = 3
        model.focus = .takes
        #expect(model.update(.key("d")) == [.forget(take: 3)])
        #expect(model.takes.isEmpty)
    }
}
