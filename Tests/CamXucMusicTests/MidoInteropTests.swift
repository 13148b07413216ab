import Foundation
import Testing
@testable import CamXucMusic

/// Our files, read by mido (an independent Python MIDI library). `make test` provides a Python with mido in
/// CAMXUC_PYTHON; without it this test is reported as skipped.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CAMXUC_PYTHON"] != nil, "set CAMXUC_PYTHON to a Python with mido"))
struct MidoInteropTests {
    /// mido parses the file; the notes are paired here in Python (first-in, first-out) and timed with mido's own
    /// tick2second over the tempo changes it read.
    static let script = """
        import json, sys, mido
        midi = mido.MidiFile(sys.argv[1])
        tempos, events = [], []
        for track in midi.tracks:
            tick = 0
            for message in track:
                tick += message.time
                if message.type == "set_tempo": tempos.append((tick, message.tempo))
                events.append((tick, message))
        tempos.sort()
        def seconds(tick):
            elapsed, last, tempo = 0.0, 0, 500000
            for at, us in tempos:
                if at > tick: break
                elapsed += mido.tick2second(at - last, midi.ticks_per_beat, tempo); last, tempo = at, us
            return elapsed + mido.tick2second(tick - last, midi.ticks_per_beat, tempo)
        open_notes, notes, texts, names, programs, signatures, keys = {}, [], [], [], {}, [], []
        for tick, m in sorted(events, key=lambda e: e[0]):
            if m.type == "note_on" and m.velocity > 0:
                open_notes.setdefault((m.channel, m.note), []).append((tick, m.velocity))
            elif m.type in ("note_off", "note_on"):
                start, velocity = open_notes[(m.channel, m.note)].pop(0)
                notes.append([m.note, velocity, start, tick - start, m.channel, seconds(start)])
            elif m.type == "text": texts.append(m.text)
            elif m.type == "track_name": names.append(m.name)
            elif m.type == "program_change": programs[str(m.channel)] = m.program
            elif m.type == "time_signature": signatures.append([tick, m.numerator, m.denominator])
            elif m.type == "key_signature": keys.append([tick, m.key])
        notes.sort(key=lambda n: (n[2], n[0], n[4], n[3]))
        print(json.dumps({"type": midi.type, "notes": notes, "texts": texts, "names": names, "programs": programs,
                          "signatures": signatures, "keys": keys}))
        """

    struct Reading: Decodable {
        var type: Int
        var notes: [[Double]]
        var texts: [String]
        var names: [String]
        var programs: [String: Int]
        var signatures: [[Int]]
        var keys: [[KeyCell]]
    }

    enum KeyCell: Decodable, Equatable {
        case tick(Int), name(String)
        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let tick = try? value.decode(Int.self) { self = .tick(tick) } else { self = .name(try value.decode(String.self)) }
        }
    }

    @Test(arguments: MIDIFile.Format.allCases)
    func midoReadsOurFiles(format: MIDIFile.Format) throws {
        let python = try #require(ProcessInfo.processInfo.environment["CAMXUC_PYTHON"])
        let take = MIDIFileRoundTripTests.richTake()
        let path = FileManagerTemp.make() + "/ours.mid"
        try MIDIFile.write(take, to: path, format: format)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", Self.script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reading = try JSONDecoder().decode(Reading.self, from: data)

        #expect(reading.type == format.rawValue)
        #expect(reading.notes.count == take.notes.count)
        for (note, row) in zip(take.notes, reading.notes) {
            #expect([Double(note.pitch), Double(note.velocity), Double(note.startTick), Double(note.durationTicks),
                     Double(note.channel)] == Array(row.prefix(5)))
            #expect(abs(take.startSeconds(of: note) - row[5]) < 1e-6)
        }
        #expect(reading.programs == ["0": 4, "1": 32])
        // The metre and its changes, where they fall (a take kept one time signature: a jig's 6/4, 4/4, 5/4 was 6/4).
        #expect(reading.signatures == [[0, 6, 8], [2880, 3, 4], [5760, 7, 8]])
        // The key signatures mido names (a take's plan key; every take read as C major in notation programs), and
        // a later one where it changes (an arc's segment in another mode had its first segment's key throughout).
        #expect(reading.keys == [[.tick(0), .name("Ebm")], [.tick(2880), .name("Eb")]])
        let metadata = try #require(reading.texts.first { $0.hasPrefix("camxuc:") })
        let decoded = try JSONDecoder().decode(TakeMetadata.self, from: Data(metadata.dropFirst(7).utf8))
        #expect(decoded == take.metadata)
        // mido reads meta text as Latin-1: the title "Hôm nay tôi rất vui" written as UTF-8 showed as "HÃ´m nay…".
        #expect(reading.names == ["Hom nay toi rat vui"])
    }
}
