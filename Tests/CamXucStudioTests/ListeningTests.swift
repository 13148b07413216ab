import Foundation
import CamXucAudio
import CamXucEmotion
import CamXucMusic
import Synchronization
import Testing
@testable import CamXucStudio

/// The listening loop as the model sees it, and take ids that are never used twice.
@Suite struct ListeningTests {
    @Test func spaceShowsThePlayheadAtOnceAndASecondSpaceStops() {
        var model = TakesListTests.withTakes(1)
        #expect(model.update(.key("Space")) == [.play(take: 1, loop: false, fromSeconds: 0)])
        // Playing before the first playhead report: the runtime polls the player only while this is set.
        #expect(model.playing == 1 && model.playhead == 0)
        #expect(model.view(width: 120, height: 40).rendered().contains("▶ 0:00 / 0:02"))
        _ = model.update(.playhead(take: 1, seconds: 1.2))
        #expect(model.view(width: 120, height: 40).rendered().contains("▶ 0:01 / 0:02"))
        #expect(model.update(.key("Space")) == [.stop])
        #expect(model.playing == nil)
        #expect(!model.view(width: 120, height: 40).rendered().contains("▶"))
    }

    /// Space stopped and the next Space started again from 0:00, and nothing moved within a take: continuing with c at a
    /// chosen moment meant listening from the top each time. Space now pauses and goes on, [ and ] move 5 s, Home in
    /// the roll goes back to the start, and a take played to its end starts again.
    @Test func spacePausesAndGoesOnAndBracketsMoveFiveSeconds() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.note(take: 1, .init(pitch: 64, velocity: 80, startSeconds: 20, durationSeconds: 2)))
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 8.4))
        #expect(model.update(.key("]")) == [.play(take: 1, loop: false, fromSeconds: 13.4)])
        _ = model.update(.playhead(take: 1, seconds: 13.5))
        #expect(model.update(.key("[")) == [.play(take: 1, loop: false, fromSeconds: 8.5)])
        _ = model.update(.playhead(take: 1, seconds: 9))
        #expect(model.update(.key("Space")) == [.stop])
        _ = model.update(.playhead(take: nil, seconds: nil))   // the runtime's report of the stop
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 9))
        #expect(model.view(width: 120, height: 40).rendered().contains("⏸ 0:09 / 0:22"))
        _ = model.update(.key("["))
        #expect(model.update(.key("Space")) == [.play(take: 1, loop: false, fromSeconds: 4)])
        // Played to its end: the next Space starts it again.
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.paused == nil && model.update(.key("Space")) == [.play(take: 1, loop: false, fromSeconds: 0)])
        _ = model.update(.playhead(take: 1, seconds: 6))
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: nil, seconds: nil))
        model.focus = .roll
        _ = model.update(.key("Home"))
        // Still paused, at 0:00 (Home made it a stopped take, and [ and ] then did nothing).
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 0))
        #expect(model.view(width: 120, height: 40).rendered().contains("⏸ 0:00 / 0:22"))
        _ = model.update(.key("]"))
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 5))
    }

    /// Against a probe of the listening keys: x while paused switches at the paused moment (it started at 0:00); Home
    /// while the shown take plays takes the music back to the start too (it only scrolled the view); ] on a take still
    /// being composed goes as far as it is composed, and says so (the player cannot go past its notes); a paused take
    /// shows where it will go on from.
    @Test func listeningKeysAgainstAProbe() {
        var model = TakesListTests.withTakes(2)
        for id in 1...2 { _ = model.update(.note(take: id, .init(pitch: 64, velocity: 80, startSeconds: 20, durationSeconds: 2))) }
        _ = model.update(.key("a"))                   // take 2 (selected) is A
        _ = model.update(.key("↓"))
        _ = model.update(.key("b"))                   // take 1 is B
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 10))
        _ = model.update(.key("Space"))
        #expect(model.paused == StudioModel.Paused(take: 1, seconds: 10))
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 10)])
        model.focus = .roll
        _ = model.update(.playhead(take: 2, seconds: 12))
        #expect(model.update(.key("Home")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        // A take heard while it is composed: ] stops at what is composed.
        var composing = StudioSafetyTests.composing()
        _ = composing.update(.note(take: 1, .init(pitch: 60, velocity: 80, startSeconds: 11, durationSeconds: 1)))
        composing.focus = .roll
        _ = composing.update(.key("Space"))
        _ = composing.update(.playhead(take: 1, seconds: 10))
        #expect(composing.update(.key("]")) == [.play(take: 1, loop: false, fromSeconds: 11.95)])
        #expect(composing.notice == "mới tạo tới 0:12")
    }

    @Test func xAlternatesBetweenAAndBWithoutPlayheadReports() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.key("a"))          // take 2
        _ = model.update(.key("↓"))
        _ = model.update(.key("b"))          // take 1
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        #expect(model.update(.key("x")) == [.play(take: 1, loop: false, fromSeconds: 0)])
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        #expect(model.notice?.hasSuffix("▶ A") == true)
    }

    /// Stopped, x starts the one of A and B not selected: after A played to its end, x started A again, never B.
    @Test func xWhileStoppedStartsTheOtherOfTheTwo() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.key("a"))          // take 2
        _ = model.update(.key("↓"))
        _ = model.update(.key("b"))          // take 1, selected
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        _ = model.update(.playhead(take: nil, seconds: nil))   // A played to its end
        #expect(model.playing == nil)
        #expect(model.update(.key("x")) == [.play(take: 1, loop: false, fromSeconds: 0)])
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
    }

    /// x to a take with no notes said it played, its clock running past 0:00, while the other take went on
    /// sounding: it is not switched to.
    @Test func xToATakeWithNoNotesKeepsTheOneThatPlays() {
        var model = TakesListTests.withTakes(2)
        let empty = model.takes.firstIndex { $0.id == 2 }!
        model.takes[empty].notes = []
        _ = model.update(.key("a"))          // take 2, empty
        _ = model.update(.key("↓"))
        _ = model.update(.key("b"))          // take 1
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.0))
        #expect(model.update(.key("x")) == [])
        #expect(model.playing == 1)
        #expect(model.notice == "take 2 chưa có nốt nào để phát")
    }

    /// x to a take shorter than the moment switched at played nothing while the status line said "▶ A"; it starts
    /// from its beginning and says so.
    @Test func xToAShorterTakeStartsItFromItsBeginning() {
        var model = TakesListTests.withTakes(2)
        let short = model.takes.firstIndex { $0.id == 2 }!
        model.takes[short].notes = [.init(pitch: 60, velocity: 80, startSeconds: 0, durationSeconds: 0.5)]
        _ = model.update(.key("a"))          // take 2, 0.5 s
        _ = model.update(.key("↓"))
        _ = model.update(.key("b"))          // take 1
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: 1, seconds: 1.5))
        #expect(model.update(.key("x")) == [.play(take: 2, loop: false, fromSeconds: 0)])
        #expect(model.notice?.contains("phát từ đầu") == true, "\(model.notice ?? "")")
        // Back to B at A's moment, as ever.
        _ = model.update(.playhead(take: 2, seconds: 0.25))
        #expect(model.update(.key("x")) == [.play(take: 1, loop: false, fromSeconds: 0.25)])
    }

    /// An hour-long file showed "65:01" in the studio and "1:05:01" in `camxuc info`.
    @Test func anHourOrMoreIsShownWithItsHours() {
        #expect(StudioModel.clock(59 * 60 + 59) == "59:59")
        #expect(StudioModel.clock(3901) == "1:05:01")
        #expect(StudioModel.clock(.nan) == "0:00")
    }

    /// A 5-s take whose last chord rings to its end lasts 4.9997 s on its file's ticks and showed "/ 0:04"; a clock
    /// still cuts, to the millisecond.
    @Test func aLengthAHairUnderASecondIsThatSecond() {
        #expect(StudioModel.clock(4.9997) == "0:05")
        #expect(StudioModel.clock(4.998) == "0:04")
        #expect(StudioModel.clock(29.9996) == "0:30")
    }

    /// Home and End in the Takes panel go to the newest and the oldest take (550 takes took a hundred PgUp).
    @Test func homeAndEndInTheTakesListGoToTheNewestAndTheOldest() {
        var model = TakesListTests.withTakes(12)
        model.focus = .takes
        _ = model.update(.key("End"))
        #expect(model.selectedTake == model.takes.first?.id)
        _ = model.update(.key("Home"))
        #expect(model.selectedTake == model.takes.last?.id)
    }

    /// Scrolling the roll by hand while a take plays stops it following the playhead: it said nothing, and the
    /// playhead left the view.
    @Test func scrollingAwayFromThePlayheadSaysHowToFollowAgain() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.key("Space"))
        model.focus = .roll
        _ = model.update(.key("→"))
        #expect(!model.roll.follow)
        #expect(model.notice == "không cuộn theo đầu phát nữa (f để cuộn theo lại)")
        _ = model.update(.key("f"))
        #expect(model.roll.follow && model.notice == "cuộn theo đầu phát")
        // Scrolled while paused too (the playhead then ran off the roll after Space with no word).
        _ = model.update(.playhead(take: 1, seconds: 1))
        _ = model.update(.key("Space"))
        #expect(model.paused != nil && model.playing == nil)
        _ = model.update(.key("→"))
        #expect(!model.roll.follow && model.notice == "không cuộn theo đầu phát nữa (f để cuộn theo lại)")
    }

    /// Another take chosen while one plays: the roll shows the chosen take and names the one heard.
    @Test func theRollSaysWhichTakeIsHeardWhenAnotherIsChosen() {
        var model = TakesListTests.withTakes(2)
        _ = model.update(.key("Space"))           // the newest, take 2
        _ = model.update(.playhead(take: 2, seconds: 1.2))
        model.focus = .takes
        _ = model.update(.key("↓"))                // take 1 chosen
        let screen = model.view(width: 120, height: 40).rendered()
        #expect(screen.contains("Piano roll ─ take 1 ─ đang nghe take 2 ▶ 0:01"), "\(screen)")
        // Space pauses the take heard: the title says so (it said nothing, as if it had stopped).
        #expect(model.update(.key("Space")) == [.stop])
        _ = model.update(.playhead(take: nil, seconds: nil))
        let paused = model.view(width: 120, height: 40).rendered()
        #expect(paused.contains("Piano roll ─ take 1 ─ take 2 tạm dừng ⏸ 0:01"), "\(paused)")
    }

    @Test func loopSaysSoAndShowsInTheRollTitle() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.key("l"))
        #expect(model.notice == "⟳ lặp lại: bật")
        _ = model.update(.key("Space"))
        #expect(model.view(width: 120, height: 40).rendered().contains("/ 0:02 ⟳"))
    }

    @Test func aFinishedTakeStopsShowingAsPlaying() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.key("Space"))
        _ = model.update(.playhead(take: nil, seconds: nil))
        #expect(model.playing == nil)
        #expect(model.update(.key("Space")) == [.play(take: 1, loop: false, fromSeconds: 0)])
    }

    @Test func deleteComposeUndoNeverReusesAnID() {
        var model = TakesListTests.withTakes(2)
        #expect(model.update(.key("d")) == [.forget(take: 2)])
        model.focus = .roll
        let effects = model.update(.key("Enter"))
        guard case let .generate(id, _, _, _)? = effects.first else {
            Issue.record("Enter did not compose: \(effects)")
            return
        }
        #expect(id == 3)
        _ = model.update(.finished(take: 3, judged: nil))
        _ = model.update(.key("u"))
        #expect(model.takes.map(\.id).sorted() == [1, 2, 3])
    }

    @Test func aRenumberedTakeKeepsItsSelectionAndComposition() {
        var model = TakesListTests.withTakes(1)
        model.focus = .roll
        _ = model.update(.key("Enter"))
        _ = model.update(.renumbered(from: 2, to: 7))
        #expect(model.takes.map(\.id) == [1, 7])
        #expect(model.selectedTake == 7 && model.generatingTake == 7 && model.lastTakeID == 7)
        guard case let .generate(id, _, _, _)? = model.update(.key("Enter")).first else { return }
        #expect(id == 8)
    }
}

/// The take store's ids: claimed under a lock, never handed out twice, absurd file numbers skipped.
@Suite struct TakeIDTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "camxuc-takestore-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    /// A folder whose file system refuses `flock` (a network folder without its lock daemon: ENOLCK): the claim went
    /// on without the lock, and two studios could claim one id, the second take's file replacing the first's. A
    /// `.lock.d` folder then holds the claims apart.
    @Test func claimsStayUniqueWhereTheFileSystemRefusesLocks() async throws {
        let path = Self.folder()
        let refusing: @Sendable (Int32) -> Int32 = { _ in errno = ENOLCK; return -1 }
        let stores = (0..<4).map { _ in TakeStore(folder: path, lockFile: refusing) }
        let ids = try await withThrowingTaskGroup(of: [Int].self) { group in
            for store in stores {
                group.addTask { try (0..<25).map { _ in try store.claim(preferred: 1) } }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(ids.count == 100 && Set(ids).count == 100 && ids.max() == 100)
        #expect(!FileManager.default.fileExists(atPath: path + "/.lock.d"))
        // One left by a studio that ended while it held it is taken for stale after a while, not waited on for ever.
        mkdir(path + "/.lock.d", 0o700)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path + "/.lock.d")
        #expect(try stores[0].claim(preferred: 1) == 101)
    }

    @Test func claimsAreUniqueAcrossStoresOnOneFolder() throws {
        let path = Self.folder()
        let first = TakeStore(folder: path), second = TakeStore(folder: path)
        #expect(try first.claim(preferred: 1) == 1)
        #expect(try second.claim(preferred: 1) == 2)
        try first.save(Take(), id: 1)
        try first.delete(id: 1)
        // A deleted take's id is still never handed out again.
        #expect(try second.claim(preferred: 1) == 3)
        #expect(first.highestClaimed() == 3)
    }

    /// Two studios on one folder: a take file changed or deleted by one since the other read it is not written over
    /// by the other (a save there undid a rename made here, and a rename there brought back a take deleted here).
    @Test func aTakeChangedOrDeletedByAnotherStudioIsNotWrittenOver() throws {
        let path = Self.folder()
        let maker = TakeStore(folder: path)
        var take = Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0, duration: 0.5)])
        take.metadata.title = "vui"
        try maker.save(take, id: 1)
        let other = TakeStore(folder: path)
        #expect(other.load().takes.count == 1)
        take.metadata.title = "renamed there"
        try other.save(take, id: 1)
        take.metadata.title = "saved here"
        #expect(throws: (any Error).self) { try maker.save(take, id: 1) }
        #expect(try MIDIFile.read(path: path + "/take-1.mid").metadata.title == "renamed there")
        #expect(throws: (any Error).self) { try maker.delete(id: 1) }
        try other.delete(id: 1)
        take.metadata.title = "renamed here"
        let third = TakeStore(folder: path)
        try third.save(take, id: 2)
        #expect(throws: (any Error).self) { try maker.save(take, id: 1) }
        #expect(!FileManager.default.fileExists(atPath: path + "/take-1.mid"))
    }

    /// A take file touched, or written again with the same bytes (a backup or sync tool), is still this studio's:
    /// the take being composed went on unkept for the rest of the session, "another CamXuc studio changed it". A file
    /// that holds other bytes is still not written over.
    @Test func aTouchedTakeIsStillKept() throws {
        let path = Self.folder()
        let store = TakeStore(folder: path)
        var take = Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0, duration: 0.5)])
        try store.save(take, id: 1)
        let file = path + "/take-1.mid"
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        take.metadata.title = "grown"
        try store.save(take, id: 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileManager.default.removeItem(atPath: file)
        try bytes.write(to: URL(fileURLWithPath: file))   // the same bytes, a new inode
        take.metadata.title = "grown again"
        try store.save(take, id: 1)
        #expect(try MIDIFile.read(path: file).metadata.title == "grown again")
        var other = take
        other.metadata.title = "not mine"
        try MIDIFile.encode(other).withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: file)) }
        #expect(throws: (any Error).self) { try store.save(take, id: 1) }
    }

    /// A take file that is a link to a song elsewhere: writing the take replaces the link, never the song; a FIFO
    /// named like a take is skipped (the studio hung at start reading it); a file where the folder should be is said.
    @Test func linksFIFOsAndAFileForTheFolder() throws {
        let path = Self.folder()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let song = path + "-song.mid"
        try MIDIFile.write(Take(secondsNotes: [(pitch: 64, velocity: 90, start: 0, duration: 1)], program: 27), to: song)
        let before = try Data(contentsOf: URL(fileURLWithPath: song))
        try FileManager.default.createSymbolicLink(atPath: path + "/take-5.mid", withDestinationPath: song)
        #expect(mkfifo(path + "/take-6.mid", 0o644) == 0)
        let store = TakeStore(folder: path)
        let (takes, problems) = store.load()
        #expect(takes.map(\.id) == [5] && problems.map(\.file) == ["take-6.mid"])
        #expect(problems.first?.reason.contains("not a regular file") == true)
        var renamed = takes[0].take
        renamed.metadata.title = "mine"
        try store.save(renamed, id: 5)
        #expect(try Data(contentsOf: URL(fileURLWithPath: song)) == before)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/take-5.mid")) == nil)
        #expect(try MIDIFile.read(path: path + "/take-5.mid").metadata.title == "mine")
        let blocked = Self.folder()
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocked))
        #expect(TakeStore(folder: blocked).load().problems.first?.reason.contains("is a file, not a folder") == true)
    }

    @Test func absurdTakeNumbersAreSkippedNotTrapped() throws {
        let path = Self.folder()
        let store = TakeStore(folder: path)
        try store.save(Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480)]), id: 4)
        try FileManager.default.copyItem(atPath: path + "/take-4.mid", toPath: path + "/take-9223372036854775807.mid")
        let (takes, problems) = store.load()
        #expect(takes.map(\.id) == [4])
        #expect(problems.first?.reason.contains("outside CamXuc's take ids") == true)
        #expect(store.highestClaimed() == 4)
        #expect(try store.claim(preferred: 1) == 5)
    }
}

/// Export names are unique even when two takes with one title are saved within a second.
@Suite struct ExportPathTests {
    @Test func twoSavesInOneSecondGetTwoNames() throws {
        let folder = TakeIDTests.folder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let first = try StudioRuntime.exportPath(folder: folder, title: "Buồn quá", id: 1, wav: false)
        _ = FileManager.default.createFile(atPath: first, contents: Data())
        let second = try StudioRuntime.exportPath(folder: folder, title: "Buồn quá", id: 1, wav: false)
        #expect(first != second)
        let other = try StudioRuntime.exportPath(folder: folder, title: "Buồn quá", id: 2, wav: false)
        #expect(other.contains("buon-qua-2-"))
        // An opened file's continuation: its extension is no word of the name.
        let continued = try StudioRuntime.exportPath(folder: folder, title: "karaoke.KAR viết tiếp", id: 4, wav: false)
        #expect((continued as NSString).lastPathComponent.hasPrefix("karaoke-viet-tiep-4-"), "\(continued)")
        // 80 Chinese characters (240 bytes) made a name too long to write: the title's part is cut to 120 bytes.
        let long = try StudioRuntime.exportPath(folder: folder, title: String(repeating: "中", count: 80), id: 3, wav: false)
        let name = (long as NSString).lastPathComponent
        #expect(name.hasPrefix(String(repeating: "中", count: 40) + "-3-") && name.utf8.count < 255)
        _ = try StudioRuntime.writeNew(Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0, duration: 0.5)]), folder: folder,
                                   title: String(repeating: "中", count: 80), id: 3, wav: false)
    }

    /// A save claims its name as it writes: two studios saving into one folder in the same second both found one
    /// name free, both said "saved", and one file was left. Here the free name is taken between finding and
    /// writing (a link to nowhere, which the search does not see); and sixteen saves at once keep sixteen files.
    @Test func aNameTakenWhileSavingIsNotWrittenOver() throws {
        let folder = TakeIDTests.folder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let take = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480)])
        let found = try StudioRuntime.exportPath(folder: folder, title: "Vui", id: 3, wav: false)
        #expect(symlink(folder + "/nowhere", found) == 0)
        let written = try StudioRuntime.writeNew(take, folder: folder, title: "Vui", id: 3, wav: false)
        #expect(written != found)
        #expect(FileManager.default.fileExists(atPath: written) && !FileManager.default.fileExists(atPath: folder + "/nowhere"))
        let paths = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            if let path = try? StudioRuntime.writeNew(take, folder: folder, title: "Buồn", id: 1, wav: false) {
                paths.withLock { $0.append(path) }
            }
        }
        #expect(Set(paths.withLock { $0 }).count == 16)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("buon-1-") }.count == 16)
    }
}

/// A take records the parameters changed while it was composed, with the take time they applied from.
@Suite struct ParameterHistoryTests {
    /// Take 1 composed up to a note at 6.9 s, the Parameters panel focused.
    static func composedTo6point9() -> StudioModel {
        var model = StudioModel()
        _ = StudioTests.typed("vui", into: &model)
        _ = model.update(.analyzed(text: "vui", StudioTests.happy))
        _ = model.update(.key("Enter"))
        _ = model.update(.note(take: 1, .init(pitch: 60, velocity: 80, startSeconds: 6.9, durationSeconds: 0.5)))
        model.focus = .parameters
        return model
    }

    @Test func aChangeDuringCompositionIsRecordedWithItsTime() {
        var model = Self.composedTo6point9()
        _ = model.update(.key("→"))                    // temperature 1.05 from 6.9 s (23 % of 30 s)
        let changes = model.takes[0].parameterChanges
        #expect(changes.count == 2)
        #expect(changes[0].seconds == 0 && changes[0].temperature == 1.0)
        #expect(changes[1].seconds == 6.9 && changes[1].temperature == 1.05 && changes[1].keyLock)
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.view(width: 200, height: 40).rendered().contains("đổi 1×"))
    }

    /// A change is recorded where the screen had seen the take reach; the generator, ahead of the screen (with
    /// --no-listen, far ahead), applies it later, and says where: the row moves there ("changed at 116.8 s" while the
    /// file's tempo changed at 117.5). A change undone before the generator took it leaves no row to move.
    @Test func aChangeIsRecordedWhereTheGeneratorAppliedIt() {
        var model = Self.composedTo6point9()
        _ = model.update(.key("→"))
        _ = model.update(.settingsApplied(take: 1, seconds: 9.314, parameters: model.parameters))
        #expect(model.takes[0].parameterChanges.map(\.seconds) == [0, 9.31])
        // Changed and changed back at once: the generator's report of the passing value moves nothing.
        _ = model.update(.key("→"))
        let passing = model.parameters
        _ = model.update(.key("←"))
        _ = model.update(.settingsApplied(take: 1, seconds: 12, parameters: passing))
        #expect(model.takes[0].parameterChanges.map(\.seconds) == [0, 9.31])
        #expect(model.takes[0].parameterChanges.map(\.temperature) == [1, 1.05])
        // The roll's title says where the temperature went (it kept "T 1.00", no sign of the change).
        _ = model.update(.finished(take: 1, judged: nil))
        #expect(model.view(width: 240, height: 40).rendered().contains("─ T 1.00→1.05 · k 40 · p 0.95"))
    }

    @Test func theTextFieldSaysWhenItIsFull() {
        var model = StudioModel()
        model.editor.limit = 3
        _ = StudioTests.typed("abc", into: &model)
        _ = model.update(.key("d"))
        #expect(model.editor.text == "abc")
        #expect(model.error?.contains("3 ký tự") == true)
    }
}

/// Foundation's file errors reach the status line as one translated line, never an NSCocoaErrorDomain dump.
@Suite struct FailureLineTests {
    @Test func aCocoaWriteErrorIsOneLine() {
        let error = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/proc/nope"])
        #expect(Message.describe(error, english: true) == "cannot write /proc/nope: permission denied")
        #expect(Message.describe(error, english: false) == "không ghi được /proc/nope: không có quyền")
    }

    /// CamXuc's own file errors speak the UI's language too (the Vietnamese screen showed them in English).
    @Test func ourOwnFileErrorsAreTranslated() {
        let full = MusicError.cannotWrite(file: "/x/take-2.mid", reason: "no space left on device")
        #expect(Message.describe(full, english: false) == "không ghi được /x/take-2.mid: đĩa đầy")
        #expect(Message.describe(full, english: true) == "cannot write /x/take-2.mid: no space left on device")
        let folder = MusicError.cannotRead(file: "/x/take-3.mid", reason: "it is a directory")
        #expect(Message.describe(folder, english: false) == "không đọc được /x/take-3.mid: đó là thư mục")
        let correction = EmotionError.cannotSaveCorrection(file: "/x/corrections.tsv", reason: "the disk is full")
        #expect(Message.describe(correction, english: false) == "không lưu được chỉnh sửa của bạn vào /x/corrections.tsv: đĩa đầy")
    }

    /// What the MIDI reader and a primer say, and config warnings, in the Vietnamese UI (a probe found them English).
    @Test func midiAndPrimerAndConfigWordsAreTranslated() {
        let notMIDI = MusicError.malformedMIDI(file: "bad.mid", offset: 0, reason: "not a Standard MIDI File: it does not start with 'MThd'")
        #expect(Message.describe(notMIDI, english: false) == "không đọc được bad.mid: không phải tệp MIDI chuẩn (không bắt đầu bằng 'MThd') (ở byte 0)")
        let drums = MusicError.unusablePrimer(file: "drums.mid", reason: "no notes left to continue (1 drum note on channel 10 left out)")
        #expect(Message.describe(drums, english: false) == "không viết tiếp được drums.mid: không còn nốt nào để viết tiếp (bỏ 1 nốt trống ở kênh 10)")
        #expect(Message.describe(drums, english: true) == "cannot continue drums.mid: no notes left to continue (1 drum note on channel 10 left out)")
        #expect(Message.vietnameseDetail("3 notes below or above A0–C8 left out (the model's range is MIDI 21–108)")
                == "bỏ 3 nốt ngoài A0–C8 (tầm của mô hình là MIDI 21–108)")
        #expect(Message.vietnameseWarning("/c/config.toml: unknown key 'keysold' ignored") == "/c/config.toml: bỏ qua khoá lạ 'keysold'")
        // The warnings added since, as the loaders write them: none reached the Vietnamese status line in English.
        let themeWarnings = (try? Theme.parse("[palette]\nbackground = \"#16161e\"\n", file: "t.toml", fallback: Theme.builtInDark).warnings) ?? []
        let faint = (try? Theme.parse("[palette]\nbackground = \"#16161e\"\n[roles]\ntext = { fg = \"background\" }\n", file: "f.toml",
                                      fallback: Theme.builtInDark).warnings) ?? []
        let configWarnings = (try? Config.parse("[keys]\nsave = 3\n", file: "c.toml").warnings) ?? []
        let keyWarnings = KeyMap.standard.overriding([("save", ["w"])], file: "c.toml").warnings
        let all = themeWarnings + faint + configWarnings + keyWarnings
        #expect(all.count >= 4)
        for warning in all {
            let vietnamese = Message.vietnameseWarning(warning)
            #expect(vietnamese != warning && !vietnamese.contains(" the ") && !vietnamese.contains("must be"), "\(vietnamese)")
        }
        // A long file opened with o: the Vietnamese status line ended in this English sentence.
        #expect(Message.vietnameseDetail("725.0 s used; the network reads its last 31 notes (664.0 s to 724.0 s, 123 events), the earlier ones are kept as they are")
                == "dùng 725.0 s; mô hình chỉ đọc 31 nốt cuối (664.0 s tới 724.0 s, 123 sự kiện), các nốt trước giữ nguyên")
        #expect(TakeStore.summary([("take-9.mid", "cannot read …")], english: false)
                == "1 take đã giữ không đọc được (take-9.mid); camxuc info TỆP cho biết vì sao")
        #expect(TakeStore.summary([("take-9.mid", "cannot read …")], english: true) == "cannot read …")
    }

    /// A save folder under a file: Foundation's error has no reason ("error 512" reached the status line).
    @Test func aFileInTheWayIsNamed() throws {
        let file = NSTemporaryDirectory() + "/camxuc-notadir-\(getpid())"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true)
            Issue.record("a folder was made under a file")
        } catch {
            let line = Message.describe(error, english: true)
            #expect(line.hasSuffix("camxuc-notadir-\(getpid()) is a file, not a folder"), "\(line)")
            #expect(!line.contains("error 512") && !line.contains("Code=512"))  // not the pid, which may hold "512"
        }
    }
}

/// The studio's WAV export says when the WAV clipped (a gain set high in the config), naming the config's gain that
/// keeps it under full scale, as `render` and `compose --wav` say it (it said only "saved MIDI and WAV").
@Suite struct ExportClippingTests {
    @Test func aClippedExportIsSaidWithTheGainThatKeepsItUnder() {
        var summary = OfflineRenderer.Summary(frames: 44_100, sampleRate: 44_100, peak: 1.55)
        summary.clippedSamples = 46
        #expect(StudioRuntime.clippingNotice(summary, gain: 4, english: true)
                == " · the WAV clipped: 46 samples clipped (peak +3.8 dBFS): gain = 2.29 in the config's [audio] keeps this file under full scale")
        #expect(StudioRuntime.clippingNotice(summary, gain: 4, english: false)
                == " · WAV bị méo: 46 mẫu vượt mức tối đa (đỉnh +3.8 dBFS); gain = 2.29 trong [audio] của tệp cấu hình giữ nó dưới mức đó")
        summary.clippedSamples = 0
        summary.peak = 0.9
        #expect(StudioRuntime.clippingNotice(summary, gain: 1, english: false).isEmpty)
    }
}

/// The Vietnamese studio says its sound, file and store errors in Vietnamese (they came through in English), and L
/// switches the language (the action could not be bound).
@Suite struct VietnameseMessageTests {
    @Test func errorsAreSaidInVietnamese() {
        #expect(Message.describe(AudioError.soundfontNotFound(path: "/nope.sf2", source: "the config file"), english: false)
                == "không tìm thấy soundfont /nope.sf2 (từ tệp cấu hình)")
        #expect(Message.describe(AudioError.badSoundfont(path: "x.txt", reason: "not a SoundFont 2 file (no RIFF 'sfbk' header)"), english: false)
                == "không dùng được soundfont x.txt: không phải tệp SoundFont 2 (thiếu phần đầu RIFF 'sfbk')")
        #expect(Message.describe(MusicError.cannotWrite(file: "/sys/kernel/a.mid", reason: "the folder /sys/kernel is not writable"), english: false)
                == "không ghi được /sys/kernel/a.mid: không ghi được vào thư mục /sys/kernel")
        #expect(Message.describe(MusicError.malformedMIDI(file: "b.mid", offset: 18, reason: "chunk length 16 runs past the end of the file (25 bytes)"), english: false)
                == "không đọc được b.mid: khối dài 16 byte vượt quá cuối tệp (25 byte) (ở byte 18)")
        // A fault late in a large file was said in English inside a Vietnamese line.
        #expect(Message.vietnameseDetail("status byte 0xF4 where a data byte of event 0x90 was expected")
                == "byte trạng thái 0xF4 ở chỗ cần byte dữ liệu của sự kiện 0x90")
        #expect(Message.vietnameseDetail("unknown MIDI file format 7 (0, 1 or 2 expected)") == "định dạng MIDI lạ 7 (cần 0, 1 hoặc 2)")
        #expect(Message.vietnameseDetail("2 doubled notes left out (one key struck twice at one tick sounds once)")
                == "bỏ 2 nốt lặp (một phím gõ hai lần cùng lúc chỉ kêu một lần)")
        #expect(Message.describe(MusicError.cannotWrite(file: "t.mid", reason: "another CamXuc studio or another program changed it since this one read it; start the studio again to see its change"), english: false)
                .hasSuffix("một studio CamXuc khác hay một chương trình khác đã sửa nó từ lúc studio này đọc; mở lại studio để thấy thay đổi đó"))
    }

    @Test func aSaveFolderThatCannotBeMadeIsAWriteThatFailed() {
        #expect(Message.describe(MusicError.cannotWrite(file: "/proc/camxuc", reason: "the folder cannot be made"), english: false)
                == "không ghi được /proc/camxuc: không tạo được thư mục")
    }

    @Test func lSwitchesTheLanguage() {
        var model = StudioModel()
        model.focus = .takes
        _ = model.update(.key("L"))
        #expect(model.english && model.view(width: 80, height: 24).rendered().contains("┌ Text"))
        _ = model.update(.key("L"))
        #expect(!model.english)
    }
}
