import CamXucEmotion
import CamXucMusic
import CamXucSupport
import CamXucText
import Foundation
import Testing
@testable import CamXucStudio

/// Against a probe of storage failures (a full disk, FIFOs, files in the way).
@Suite struct StorageFailureTests {
    static func folder() throws -> String { try StudioMemoryTests.folder() }

    /// A FIFO in place of `.last-id` froze the studio on Enter, deaf to Ctrl-C and SIGTERM (opening it waits for a
    /// writer); one in place of corrections.tsv froze it on 1–7. Neither is opened now.
    @Test func aFIFOInPlaceOfTheStoresOwnFilesIsNotWaitedOn() throws {
        let folder = try Self.folder()
        #expect(mkfifo(folder + "/.last-id", 0o644) == 0)
        let store = TakeStore(folder: folder)
        #expect(store.highestClaimed() == 0)
        #expect(mkfifo(folder + "/corrections.tsv", 0o644) == 0)
        var corrections = PersonalCorrections(path: folder + "/corrections.tsv")
        #expect(throws: EmotionError.self) { try corrections.add(text: "vui", label: "Sadness") }
    }

    /// A takes folder that cannot be written was found only at the first take or delete: the store tells at start
    /// (the studio says it then), for a folder still to be made by the folder above it, and a file in its path.
    @Test func aTakesFolderThatCannotBeWrittenIsKnownAtStart() throws {
        let folder = try Self.folder()
        #expect(TakeStore(folder: folder).isWritable)
        #expect(TakeStore(folder: folder + "/not/made/yet").isWritable)
        #expect(FileManager.default.createFile(atPath: folder + "/a-file", contents: Data()))
        #expect(!TakeStore(folder: folder + "/a-file/takes").isWritable)
        if geteuid() != 0 {  // the owner's write permission does not bind root
            #expect(chmod(folder, 0o555) == 0)
            #expect(!TakeStore(folder: folder).isWritable)
            _ = chmod(folder, 0o755)
        }
    }

    /// A composer that had not stopped 3 s after quitting left its take neither kept nor in the temporary folder, and
    /// nothing said so: the take is kept as far as it got, marked partial, with the notes still on their way.
    @Test func aTakeWhoseComposerDidNotStopInTimeIsKeptPartial() throws {
        let folder = try Self.folder()
        let store = TakeStore(folder: folder)
        let runtime = StudioRuntime(options: .init(), store: store)
        var model = PrimerStudioTests.ready()
        _ = model.update(.key("Enter"))
        #expect(model.generatingTake == 1)
        for note in PrimerStudioTests.scale.prefix(5) { _ = model.update(.note(take: 1, note)) }
        for note in PrimerStudioTests.scale.dropFirst(5) { runtime.post(.note(take: 1, note)) }
        _ = model.update(.key("Ctrl-C"))
        runtime.keepComposedTakes(stopped: false, in: &model)
        let kept = try MIDIFile.read(path: folder + "/take-1.mid")
        #expect(kept.notes.count == 8 && kept.metadata.partial == true)
    }

    /// S on a take over the render limit said, in English on the Vietnamese screen, "nothing was written" (the MIDI
    /// file had been) and to raise a --max-length the studio does not have.
    @Test func aWAVOverTheLimitSaysTheMIDIFileIsSaved() {
        let line = StudioRuntime.wavNotWritten(path: "/x/mua-3-2026.mid", .takeTooLong(seconds: 35_999, limit: 7_200), english: false)
        #expect(line == "không xuất WAV: take dài 9:59:59, quá 120 phút, giới hạn xuất WAV; đã lưu MIDI: mua-3-2026.mid")
        #expect(StudioRuntime.wavNotWritten(path: "/x/a.mid", .takeTooLong(seconds: 35_999, limit: 7_200), english: true)
                == "no WAV: the take lasts 9:59:59, longer than the 120 minutes a WAV is rendered for; the MIDI file is saved: a.mid")
        // At 80 columns the line was cut after "take dài 9:59:…": too wide for one line, it goes on two.
        var model = PrimerStudioTests.ready()
        _ = model.update(.failed(line))
        let rows = model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).map(String.init)
        let shown = rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown == line, "\(rows)")
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 80 })
        // The next key gives the roll its border back.
        _ = model.update(.key("Tab"))
        #expect(model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).first?.hasPrefix("└") == true)
        // With the help open, on the status line alone (its first line was hidden under the help's border).
        _ = model.update(.failed(line))
        model.showHelp = true
        let helped = model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).map(String.init)
        #expect(helped[1].hasPrefix(" không xuất WAV: take dài 9:59:59"), "\(helped)")
    }

    /// A short notice went onto the roll's border with an empty status line under it (the reflow for a long path
    /// took any message whose first line was short): one that fits is on the status line alone.
    @Test func aShortNoticeStaysOnTheStatusLine() {
        var model = PrimerStudioTests.ready()
        _ = model.update(.failed("chưa có gì để phát"))
        for (width, height) in [(80, 24), (100, 30)] {
            let rows = model.view(width: width, height: height).rendered().split(separator: "\n").suffix(2).map(String.init)
            #expect(rows[0].hasPrefix("└") && rows[1].hasPrefix(" chưa có gì để phát"), "\(rows)")
        }
    }

    /// A FIFO in place of studio.json: written into, the studio waited for a reader before its first frame, deaf to
    /// SIGTERM. It is replaced by the file, as before.
    @Test func aFIFOInPlaceOfTheMemoryIsReplaced() throws {
        let folder = try Self.folder()
        #expect(mkfifo(folder + "/studio.json", 0o644) == 0)
        var memory = StudioMemory()
        memory.text = "vẫn còn"
        try memory.save(path: folder + "/studio.json")
        #expect(!OutputFile.isPipe(folder + "/studio.json") && StudioMemory.load(path: folder + "/studio.json")?.text == "vẫn còn")
    }

    /// A missing long path: "cannot read" alone on the first line, the path on the second and its reason cut; the
    /// path is shortened as far as two lines need and the reason stays whole. Where two lines hold it whole, the path
    /// is broken after a "-" or "/" (it was shortened to "…/khong-co-that/…", and a word broken in two elsewhere).
    @Test func aLongPathErrorKeepsItsReasonOnTwoLines() {
        var model = PrimerStudioTests.ready()
        let path = "/tmp/probe/thu-muc-rat-dai-cua-toi-o-day-va-con-dai-hon-nua/khong-co-that/bai-hat-cua-toi-that-su-rat-dai-ten.mid"
        _ = model.update(.failed("cannot read \(path): no such file or directory"))
        let rows = model.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2).map(String.init)
        let joined = rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.hasPrefix("cannot read \(path): ") && joined.hasSuffix("no such file or directory"), "\(rows)")
        #expect(rows[0].trimmingCharacters(in: .whitespaces).hasSuffix("-"), "\(rows)")
        // Longer than two lines hold: shortened as far as they need, the reason whole.
        var longer = PrimerStudioTests.ready()
        _ = longer.update(.failed("cannot read /tmp/mot-thu-muc-nua\(path): no such file or directory"))
        let two = longer.view(width: 80, height: 24).rendered().split(separator: "\n").suffix(2)
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(two.contains("…/") && two.hasSuffix("no such file or directory"), "\(two)")
    }

    /// A take rescued to the temporary folder (its takes folder full, and its record of ids too) had its id given
    /// again by the next studio: two different "take 1"s. The rescued files are found, and their ids are skipped.
    @Test func rescuedTakesAreFoundAndTheirIdsNotGivenAgain() throws {
        let temporary = try Self.folder()
        try MIDIFile.write(Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480)]),
                           to: temporary + "/camxuc-take-4-12345.mid")
        try Data("x".utf8).write(to: URL(fileURLWithPath: temporary + "/camxuc-take-x-1.mid"))
        let rescued = TakeStore.rescued(in: temporary)
        #expect(rescued.map(\.id) == [4] && rescued[0].path.hasSuffix("/camxuc-take-4-12345.mid"))
        let store = TakeStore(folder: try Self.folder() + "/takes", idFloor: 4)
        #expect(try store.claim(preferred: 1) == 5)
    }

    /// A take renamed while the disk was full was rescued at quit and came back at the next start under a new id,
    /// beside its old file: the same music twice. A later copy of the same take (text, seed and notes) is told from
    /// another take, and from an older copy.
    @Test func aRescuedCopyOfAKeptTakeIsToldFromAnotherTake() throws {
        let store = TakeStore(folder: try Self.folder() + "/takes")
        var take = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 480),
                                Note(pitch: 64, velocity: 80, startTick: 480, durationTicks: 480)])
        take.metadata.title = "vui quá"
        take.metadata.text = "vui quá"
        take.metadata.sampling = SamplingSettings(seed: 5)
        try store.save(take, id: 1)
        let temporary = try Self.folder()
        var renamed = take
        renamed.metadata.title = "ten dai"
        try MIDIFile.write(renamed, to: temporary + "/camxuc-take-1-77.mid")
        let renamedBack = try MIDIFile.read(path: temporary + "/camxuc-take-1-77.mid")
        #expect(store.isNewerCopy(renamedBack, at: temporary + "/camxuc-take-1-77.mid", of: 1))
        // Other music under the same id (another folder's take 1), or the same text from another seed: not a copy.
        var other = renamed
        other.notes[1].pitch = 65
        try MIDIFile.write(other, to: temporary + "/camxuc-take-1-78.mid")
        #expect(!store.isNewerCopy(try MIDIFile.read(path: temporary + "/camxuc-take-1-78.mid"), at: temporary + "/camxuc-take-1-78.mid", of: 1))
        var reseeded = renamed
        reseeded.metadata.sampling = SamplingSettings(seed: 6)
        try MIDIFile.write(reseeded, to: temporary + "/camxuc-take-1-79.mid")
        #expect(!store.isNewerCopy(try MIDIFile.read(path: temporary + "/camxuc-take-1-79.mid"), at: temporary + "/camxuc-take-1-79.mid", of: 1))
        // Older than the kept file (renamed again since): not put over it.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                              ofItemAtPath: temporary + "/camxuc-take-1-77.mid")
        #expect(!store.isNewerCopy(renamedBack, at: temporary + "/camxuc-take-1-77.mid", of: 1))
        // No take 2 kept: nothing to be a copy of.
        #expect(!store.isNewerCopy(renamedBack, at: temporary + "/camxuc-take-1-78.mid", of: 2))
    }

    /// In Vietnamese a file in the way of the takes folder was "1 kept take could not be read", pointing to
    /// `camxuc info`, which called the file a broken MIDI file.
    @Test func aFileInTheWayOfTheFolderIsSaidSoInBothLanguages() {
        let problem = [(file: "takes", reason: "/d/camxuc/takes is a file, not a folder: move it away to keep takes")]
        #expect(TakeStore.summary(problem, english: true) == problem[0].reason)
        #expect(TakeStore.summary(problem, english: false) == "/d/camxuc/takes là một tệp, không phải thư mục: dời tệp đó đi thì take mới được giữ")
    }

    /// At 80 columns a real path cut the reason off: "cannot write /home/an/.local/share/camxuc/takes/take-2.mid:
    /// no space…". Paths are shortened first.
    @Test func aLongPathGivesWayToTheReason() {
        let line = "cannot write /home/an/.local/share/camxuc/takes/take-2.mid: no space left on device"
        let fitted = Grid.fittingPaths(line, columns: 60)
        #expect(fitted.hasSuffix("no space left on device") && fitted.contains("take-2.mid"), "\(fitted)")
        #expect(Grid.fittingPaths("short: fine", columns: 60) == "short: fine")
    }

    /// A studio.json that cannot be read at all was written over at the next quit, its texts gone: it is moved
    /// aside and said.
    @Test func anUnreadableMemoryIsSetAsideAndSaid() throws {
        let folder = try Self.folder()
        try "{\"history\": [\"một\", \"h".write(toFile: folder + "/studio.json", atomically: true, encoding: .utf8)
        let (memory, warning) = StudioMemory.loadOrSetAside(path: folder + "/studio.json")
        #expect(memory == nil && warning?.contains("kept as studio.json.broken") == true)
        #expect(FileManager.default.fileExists(atPath: folder + "/studio.json.broken"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/studio.json"))
        // No file is no warning.
        #expect(StudioMemory.loadOrSetAside(path: folder + "/none.json").warning == nil)
        // One too big to read is said as such (it was "unreadable"), in Vietnamese too.
        let big = folder + "/big.json"
        #expect(FileManager.default.createFile(atPath: big, contents: Data("{}".utf8)))
        #expect(truncate(big, 64_000_001) == 0)  // sparse: nothing is written
        let said = StudioMemory.loadOrSetAside(path: big).warning ?? ""
        #expect(said.hasSuffix("big.json: larger than 64 MB, not read, kept as big.json.broken; starting from the defaults"), "\(said)")
        #expect(Message.vietnameseWarning(said).contains("lớn hơn 64 MB nên không đọc, cất thành big.json.broken"))
    }
}
