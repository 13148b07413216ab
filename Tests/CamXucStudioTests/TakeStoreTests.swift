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
        #expect(problems.count == 1 && problems[0].reason.contains("take-9.mid"))
        #expect(TakeStore.summary(problems, english: true) == problems[0].reason)
        // More than one unreadable file: all are named (only the first was, and the others vanished unmentioned).
        try Data().write(to: URL(fileURLWithPath: folder + "/take-4.mid"))
        try FileManager.default.createDirectory(atPath: folder + "/take-5.mid", withIntermediateDirectories: true)
        // A name CamXuc never writes is not a second take 1.
        try FileManager.default.copyItem(atPath: folder + "/take-1.mid", toPath: folder + "/take-01.mid")
        let again = store.load()
        #expect(again.takes.map(\.id) == [1, 2])
        #expect(TakeStore.summary(again.problems, english: true)
                == "3 kept takes could not be read (take-4.mid, take-5.mid, take-9.mid); camxuc info FILE says why")
        try store.delete(id: 1)
        #expect(store.load().takes.map(\.id) == [2])
    }

    /// A large folder is read with progress (the studio shows it, and stops at Ctrl-C: 3,000 takes took 5 s on a blank
    /// screen, deaf to it); stopped, what was read is kept.
    @Test func readingTellsHowFarItCameAndStopsWhenAsked() throws {
        let folder = NSTemporaryDirectory() + "camxuc-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = TakeStore(folder: folder)
        let take = Take(secondsNotes: [(pitch: 60, velocity: 90, start: 0, duration: 0.5)])
        for id in 1...5 { try store.save(take, id: id) }
        var heard: [String] = []
        let all = store.load { done, total in heard.append("\(done)/\(total)"); return true }
        #expect(all.takes.count == 5 && heard == ["1/5", "2/5", "3/5", "4/5"])
        let stopped = store.load { done, _ in done < 2 }
        #expect(stopped.takes.map(\.id) == [1, 2])
    }

    /// The first studio on a folder holds it for editing; a second one learns who holds it; once the first is gone
    /// the next studio holds it.
    @Test func oneStudioAtATimeHoldsTheFolderForEditing() throws {
        let folder = NSTemporaryDirectory() + "camxuc-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = TakeStore(folder: folder)
        var first: TakeStore.Editing? = store.holdForEditing()
        guard case .held = first else { Issue.record("the first studio does not hold the folder"); return }
        guard case let .heldElsewhere(pid) = store.holdForEditing() else { Issue.record("a second studio holds it too"); return }
        #expect(pid == getpid())
        #expect(store.load().takes.isEmpty && store.load().problems.isEmpty)  // the lock file is no take
        first = nil
        guard case .held = store.holdForEditing() else { Issue.record("the folder stayed held"); return }
        _ = first
        // A folder that cannot be made: nothing can be written there, and this studio acts as the holder.
        guard case .unavailable = TakeStore(folder: "/dev/null/takes").holdForEditing() else { Issue.record("held /dev/null"); return }
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
