import CamXucEmotion
import CamXucStudio
import CamXucText
import Foundation
import Testing

/// A returning user found every parameter back at its default (cmus and ncmpcpp keep their state): the studio
/// remembers them, the language and the texts typed.
@Suite struct StudioMemoryTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "memory-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A studio killed while it wrote its memory left Foundation's ".dat.nosync…" file beside studio.json for good;
    /// its own temporary files (and a killed take's or record of ids') are cleaned once their process is gone.
    @Test func leftoversOfAKilledWriteAreCleaned() throws {
        let folder = try Self.folder()
        let dead = Int32.max - 1  // no process has this id
        for name in [".studio.json.\(dead).partial", ".take-3.mid.\(dead).partial", "..last-id.\(dead).partial"] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))
        }
        var memory = StudioMemory()
        memory.text = "còn đây"
        try memory.save(path: folder + "/studio.json")
        _ = TakeStore(folder: folder).load()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["studio.json", "studio.json.lock"], "\(left)")
        #expect(StudioMemory.load(path: folder + "/studio.json")?.text == "còn đây")
    }

    @Test func theParametersAndTextsComeBackAsTheyWereLeft() throws {
        let path = try Self.folder() + "/state/camxuc/studio.json"
        var parameters = Parameters()
        parameters.temperature = 0.9
        parameters.guidance = 3
        parameters.tempoScale = 0.8
        parameters.key = 2
        parameters.program = 40
        parameters.seed = 777
        try StudioMemory(parameters: parameters, history: ["buồn quá", "vui ghê"], english: true).save(path: path)
        let memory = try #require(StudioMemory.load(path: path))
        let back = memory.applied(to: Parameters())
        #expect(back.temperature == 0.9 && back.guidance == 3 && back.tempoScale == 0.8 && back.key == 2 && back.program == 40)
        #expect(back.seed == Parameters().seed)   // a new session draws its own seed
        #expect(memory.language == "en" && memory.history == ["buồn quá", "vui ghê"])
        // ↑ in the text field brings the last session's texts back, newest first.
        var editor = LineEditor()
        editor.restoreHistory(memory.history ?? [])
        editor.handle(.historyUp)
        #expect(editor.text == "vui ghê")
        editor.handle(.historyUp)
        #expect(editor.text == "buồn quá")
        // "auto" comes back as auto.
        try StudioMemory(parameters: Parameters(), history: [], english: false).save(path: path)
        var keyed = Parameters()
        keyed.key = 5
        #expect(StudioMemory.load(path: path)?.applied(to: keyed).key == nil)
    }

    /// A point moved by hand on the plane comes back, kept to the plane; one that is not two numbers is left aside.
    @Test func aPointMovedByHandComesBack() throws {
        let path = try Self.folder() + "/studio.json"
        var memory = StudioMemory(parameters: Parameters(), history: [], english: false, text: "vui")
        memory.target = [-0.6, 0.7]
        try memory.save(path: path)
        #expect(StudioMemory.load(path: path)?.targetPoint == CircumplexPoint(valence: -0.6, arousal: 0.7))
        try #"{"target": [3, -9]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(StudioMemory.load(path: path)?.targetPoint == CircumplexPoint(valence: 1, arousal: -1))
        for broken in [#"{"target": [0.5]}"#, #"{"target": "up"}"#, #"{"target": [0.5, null]}"#, #"{"target": [1, 2, 3]}"#] {
            try broken.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(StudioMemory.load(path: path)?.targetPoint == nil, "\(broken)")
        }
        // Without one, the target is the text's reading.
        try StudioMemory(parameters: Parameters(), history: [], english: false, text: "vui").save(path: path)
        #expect(StudioMemory.load(path: path)?.targetPoint == nil)
    }

    /// A file edited by hand, or of another version, costs the remembered values and nothing else.
    @Test func aBrokenOrOutOfRangeFileStartsFromTheDefaults() throws {
        let folder = try Self.folder()
        let path = folder + "/studio.json"
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(StudioMemory.load(path: path) == nil)
        #expect(StudioMemory.load(path: folder) == nil)
        #expect(StudioMemory.load(path: folder + "/none.json") == nil)
        try #"{"temperature": 9, "topK": -3, "lengthSeconds": 1, "key": "13", "program": 400, "unknown": 1}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let back = try #require(StudioMemory.load(path: path)).applied(to: Parameters())
        #expect(back.temperature == 2 && back.topK == 0 && back.lengthSeconds == 5 && back.key == nil && back.program == 127)
        // A named pipe is not waited on.
        let fifo = folder + "/fifo.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(StudioMemory.load(path: fifo) == nil)
    }

    /// One field of the wrong type threw the whole file away, and the next quit wrote the defaults over it.
    @Test func aFieldOfTheWrongTypeIsLeftAsideAlone() throws {
        let path = try Self.folder() + "/studio.json"
        try #"{"key": 5, "keyLock": 1, "temperature": "hot", "history": ["một", null, 7, "hai"], "text": "nháp", "language": "en", "topK": 25}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let memory = try #require(StudioMemory.load(path: path))
        #expect(memory.history == ["một", "hai"] && memory.text == "nháp" && memory.language == "en")
        let back = memory.applied(to: Parameters())
        #expect(back.key == 5 && back.keyLock == Parameters().keyLock && back.temperature == 1 && back.topK == 25)
    }

    /// Two studios open at once: the last to quit wrote the file over, and the first one's texts were gone.
    @Test func aSecondStudiosTextsAreKeptNotWrittenOver() throws {
        let path = try Self.folder() + "/studio.json"
        var a = StudioMemory(parameters: Parameters(), history: ["chung", "của A"], english: false, text: "nháp của A")
        a.session = "A"
        try a.save(path: path)
        var b = StudioMemory(parameters: Parameters(), history: ["chung", "của B"], english: false, text: "")
        b.session = "B"
        try b.save(path: path)
        #expect(StudioMemory.load(path: path)?.history == ["của A", "nháp của A", "chung", "của B"])
    }

    /// Two studios open at once put each other's half-typed texts in the history every two seconds: another
    /// studio's text is kept once it has ended, not while it runs (a process that is alive: here this one's parent).
    @Test func aRunningStudiosDraftIsNotTakenIntoTheHistory() throws {
        let path = try Self.folder() + "/studio.json"
        var running = StudioMemory(parameters: Parameters(), history: [], english: false, text: "Con ch")
        running.session = "\(getppid())-1"
        try running.save(path: path)
        var here = StudioMemory(parameters: Parameters(), history: ["hôm qua"], english: false, text: "")
        here.session = "\(getpid())-2"
        try here.save(path: path)
        #expect(StudioMemory.load(path: path)?.history == ["hôm qua"])
        #expect(StudioMemory.isRunning("\(getppid())-1") && !StudioMemory.isRunning("\(getpid())-2") && !StudioMemory.isRunning("A"))
    }

    /// Each save of one studio (every two seconds while the text changes) put its own last draft in the history as
    /// an older text: "Con ch", a typo, one text three times with different trailing spaces.
    @Test func aStudiosOwnDraftsStayOutOfTheHistory() throws {
        let path = try Self.folder() + "/studio.json"
        for draft in ["Con ch", "Con chó nhà bện", "Con chó nhà bên cạnh. ", "Con chó nhà bên cạnh."] {
            var memory = StudioMemory(parameters: Parameters(), history: ["hôm qua"], english: false, text: draft)
            memory.session = "A"
            try memory.save(path: path)
        }
        #expect(StudioMemory.load(path: path)?.history == ["hôm qua"])
        #expect(StudioMemory.load(path: path)?.text == "Con chó nhà bên cạnh.")
    }

    /// A link is written through (it was replaced by a plain file, its target left stale).
    @Test func aLinkIsWrittenThrough() throws {
        let folder = try Self.folder()
        try FileManager.default.createDirectory(atPath: folder + "/dotfiles", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/studio.json", withDestinationPath: folder + "/dotfiles/studio.json")
        try StudioMemory(parameters: Parameters(), history: ["qua link"], english: true).save(path: folder + "/studio.json")
        #expect(StudioMemory.load(path: folder + "/dotfiles/studio.json")?.history == ["qua link"])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/studio.json")) != nil)
    }

    @Test func onlyTheLatestTextsAreKept() throws {
        let path = try Self.folder() + "/studio.json"
        let texts = (0..<500).map { "câu \($0)" }
        try StudioMemory(parameters: Parameters(), history: texts, english: false).save(path: path)
        #expect(StudioMemory.load(path: path)?.history == Array(texts.suffix(StudioMemory.historyLimit)))
        // Long texts of emoji made a file the reader refused: the newest that fit are kept, each cut to the field's
        // 10,000 characters, and what is written is read back.
        let long = (0..<200).map { index in String(repeating: "😀", count: 12_000) + "\(index)" }
        try? FileManager.default.removeItem(atPath: path)
        try StudioMemory(parameters: Parameters(), history: long, english: false, text: long[0]).save(path: path)
        let back = try #require(StudioMemory.load(path: path))
        #expect(back.history?.last?.count == StudioMemory.textLimit && back.text?.count == StudioMemory.textLimit)
        #expect((back.history?.count ?? 0) >= 20 && (back.history?.count ?? 0) < 200)
    }
}
