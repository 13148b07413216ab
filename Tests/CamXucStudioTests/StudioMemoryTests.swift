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

    @Test func onlyTheLatestTextsAreKept() throws {
        let path = try Self.folder() + "/studio.json"
        let texts = (0..<500).map { "câu \($0)" }
        try StudioMemory(parameters: Parameters(), history: texts, english: false).save(path: path)
        #expect(StudioMemory.load(path: path)?.history == Array(texts.suffix(StudioMemory.historyLimit)))
    }
}
