import Foundation
import Testing
@testable import CamXucMusic

/// Files written by other software (mido, and hand-assembled bytes) read as their writers meant.
@Suite struct MIDIFileInteropTests {
    static let fixtures = ["mido-format0", "mido-format1", "mido-format2", "running-status", "overlapping", "split-off", "programs", "programs-setup-last", "karaoke", "smpte", "bench-30s"]

    static func little(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }

    /// The fixture's file: the karaoke one ends in .kar, as such files do.
    static func path(_ name: String) -> String { Fixtures.path("midi/\(name)" + (name == "karaoke" ? ".kar" : ".mid")) }

    @Test(arguments: fixtures)
    func readsFixture(_ name: String) throws {
        let expectation = try Fixtures.expectation(name)
        let take = try MIDIFile.read(path: Self.path(name))
        #expect(take.ticksPerQuarter == expectation.ticksPerQuarter)
        #expect(take.notes.count == expectation.notes.count)
        for (note, expected) in zip(take.notes, expectation.notes) {
            #expect(Int(note.pitch) == expected.pitch)
            #expect(Int(note.velocity) == expected.velocity)
            #expect(note.startTick == expected.startTick)
            #expect(note.durationTicks == expected.durationTicks)
            #expect(Int(note.channel) == expected.channel)
            #expect(abs(take.startSeconds(of: note) - expected.startSeconds) < 1e-6)
            #expect(abs(take.endSeconds(of: note) - expected.endSeconds) < 1e-6)
        }
        for (channel, program) in expectation.programs {
            #expect(Int(take.program(forChannel: UInt8(channel)!)) == program)
        }
        #expect([take.timeSignature.numerator, take.timeSignature.denominator] == expectation.timeSignature)
        #expect(take.programChanges.map { [$0.tick, Int($0.channel), Int($0.program)] }
                == (expectation.programChanges ?? []).map { [$0.tick, $0.channel, $0.program] })
    }

    /// The instruments a player hears are the ones sent: the kit on channel 10 at the start, the trumpet from beat
    /// 4 (the piano before), and the file CamXuc writes holds them again.
    @Test func instrumentsAreSentWhereTheFileHasThem() throws {
        let take = try MIDIFile.read(path: Fixtures.path("midi/programs.mid"))
        let programs = take.channelMessages().compactMap { timed -> [Int]? in
            guard case let .programChange(channel, program) = timed.message else { return nil }
            return [timed.tick, Int(channel), Int(program)]
        }
        #expect(programs == [[0, 0, 0], [0, 1, 0], [0, 9, 25], [1920, 0, 56]])
        let again = try MIDIFile.decode(MIDIFile.encode(take))
        #expect(again.programChanges == take.programChanges && again.channelPrograms == take.channelPrograms
                && again.program == take.program)
        // CamXuc's own takes name no kit: channel 10 plays the standard one, as before.
        let own = Take(notes: [Note(pitch: 38, velocity: 90, startTick: 0, durationTicks: 100, channel: 9)])
        #expect(!own.channelMessages().contains { if case .programChange(9, _) = $0.message { return true } else { return false } })
    }

    @Test func format1KeepsSustainPedalAndTitle() throws {
        let take = try MIDIFile.read(path: Fixtures.path("midi/mido-format1.mid"))
        let pedal = take.controlChanges.filter { $0.controller == ControlChange.sustainPedal }
        #expect(pedal.map(\.tick) == [0, 400])
        #expect(pedal.map(\.value) == [127, 0])
        #expect(take.metadata.title == "mido format 1")
    }

    @Test func format2PatternsAreNamedAsPlayedOneAfterAnother() throws {
        var leftOut = MIDIFile.LeftOut()
        let take = try MIDIFile.read(path: Fixtures.path("midi/mido-format2.mid"), leftOut: &leftOut)
        #expect(take.metadata.title == "mido format 2")
        #expect(leftOut.lines(file: "f.mid") == ["f.mid: format 2, its 3 patterns played one after another"])
        var none = MIDIFile.LeftOut()
        _ = try MIDIFile.read(path: Fixtures.path("midi/mido-format1.mid"), leftOut: &none)
        #expect(none.lines(file: "f.mid").isEmpty)
    }

    /// A file's metre changes are kept (a jig going 6/4, 4/4, 5/4 was shown, kept and continued in 6/4 throughout).
    /// The same signature repeated on a second track, or again at a later tick, is no change.
    @Test func timeSignatureChangesAreKept() throws {
        func track(_ events: [UInt8]) -> [UInt8] {
            let body = events + [0x00, 0xFF, 0x2F, 0x00]
            let n = body.count
            return Array("MTrk".utf8) + [UInt8(n >> 24), UInt8((n >> 16) & 255), UInt8((n >> 8) & 255), UInt8(n & 255)] + body
        }
        func signature(_ delta: UInt8, _ numerator: UInt8, _ power: UInt8) -> [UInt8] { [delta, 0xFF, 0x58, 0x04, numerator, power, 24, 8] }
        // Format 1, two tracks, 96 ticks a quarter: 6/4, then 4/4 at 96, 4/4 again at 192, 5/4 at 288; the second
        // track says 6/4 at 0 and holds a note.
        let conductor = track(signature(0, 6, 2) + signature(96, 4, 2) + signature(96, 4, 2) + signature(96, 5, 2))
        let notes = track(signature(0, 6, 2) + [0x00, 0x90, 60, 90, 0x60, 0x80, 60, 0])
        let bytes = Array("MThd".utf8) + [0, 0, 0, 6, 0, 1, 0, 2, 0, 96] + conductor + notes
        var leftOut = MIDIFile.LeftOut()
        let take = try MIDIFile.decode(bytes, file: "jig.mid", leftOut: &leftOut)
        #expect(take.timeSignature == TimeSignature(numerator: 6, denominator: 4))
        #expect(take.meterChanges == [MeterChange(tick: 96, signature: TimeSignature(numerator: 4, denominator: 4)),
                                      MeterChange(tick: 288, signature: TimeSignature(numerator: 5, denominator: 4))])
        #expect(leftOut.lines(file: "jig.mid").isEmpty)
        // The bars through the changes: 6/4 (576 ticks) cut short by 4/4 at 96, then 4/4 bars of 384, 5/4 at 288.
        let bars = MeterChange.bars(take.timeSignature, changes: take.meterChanges, ticksPerQuarter: 96, from: 0, through: 1000)
        #expect(bars.map(\.tick) == [0, 96, 288, 768] && bars.map(\.index) == [0, 1, 2, 3])
        // Written and read again, they stay (up to the last note: the changes after it are not written).
        let again = try MIDIFile.decode(MIDIFile.encode(take))
        #expect(again.meterChanges == [MeterChange(tick: 96, signature: TimeSignature(numerator: 4, denominator: 4))])
    }

    /// A file whose first time signature comes at bar 3 is in MIDI's default 4/4 until then (its 3/4 was put at bar
    /// 1); two signatures at one tick: the last given wins, at tick 0 as at any other (the first won at tick 0).
    @Test func aLateFirstSignatureIsAChangeFrom4_4() throws {
        func file(_ events: [UInt8]) -> [UInt8] {
            let body = events + [0x00, 0x90, 60, 90, 0x83, 0x60, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00]
            return Array("MThd".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 0, 96] + Array("MTrk".utf8)
                + [0, 0, UInt8(body.count >> 8), UInt8(body.count & 255)] + body
        }
        // 3/4 at tick 768 (bar 3 of 4/4 at 96 ticks a quarter).
        let late = try MIDIFile.decode(file([0x86, 0x00, 0xFF, 0x58, 0x04, 3, 2, 24, 8]))
        #expect(late.timeSignature == TimeSignature() && late.meterChanges == [MeterChange(tick: 768, signature: TimeSignature(numerator: 3, denominator: 4))])
        // 4/4 then 3/4, both at tick 0.
        let twice = try MIDIFile.decode(file([0x00, 0xFF, 0x58, 0x04, 4, 2, 24, 8, 0x00, 0xFF, 0x58, 0x04, 3, 2, 24, 8]))
        #expect(twice.timeSignature == TimeSignature(numerator: 3, denominator: 4) && twice.meterChanges.isEmpty)
    }

    /// A RIFF MIDI file (.rmi) is the Standard MIDI File in its "data" chunk: the same notes as the file it wraps
    /// (it was refused as one that "does not start with 'MThd'"); one without that chunk says so.
    @Test func aRIFFMIDIFileIsReadFromItsDataChunk() throws {
        let wrapped = try MIDIFile.read(path: Fixtures.path("midi/rmid.rmi"))
        #expect(wrapped == (try MIDIFile.read(path: Fixtures.path("midi/mido-format1.mid"))))
        #expect(MIDIFile.isNamedAsOne("Song.RMI") && MIDIFile.isNamedAsOne("a.kar") && !MIDIFile.isNamedAsOne("a.wav"))
        let empty: [UInt8] = Array("RIFF".utf8) + [4, 0, 0, 0] + Array("RMID".utf8)
        #expect(throws: MusicError.self) { try MIDIFile.decode(empty) }
        do {
            _ = try MIDIFile.decode(empty, file: "x.rmi")
        } catch let error as MusicError {
            #expect("\(error)".contains("RIFF MIDI file (RMID) without its 'data' chunk"), "\(error)")
        }
        // One level: a RIFF file inside the chunk is refused, however deep (2,000 levels in 40 KB crashed the reader).
        var nested = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("midi/rmid.rmi"))))
        for _ in 0..<2000 {
            let data = Array("data".utf8) + Self.little(nested.count) + nested
            nested = Array("RIFF".utf8) + Self.little(4 + data.count) + Array("RMID".utf8) + data
        }
        #expect(throws: MusicError.malformedMIDI(file: "deep.rmi", offset: 20, reason: "a RIFF MIDI file inside another")) {
            try MIDIFile.decode(nested, file: "deep.rmi")
        }
        // A broken file inside names the whole file's offset (it named the data chunk's).
        var broken = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("midi/rmid.rmi"))))
        broken[24] = 0x7F  // the header length's highest byte (the inner file starts at byte 20)
        do {
            _ = try MIDIFile.decode(broken, file: "broken.rmi")
            Issue.record("read")
        } catch let error as MusicError {
            #expect(error.byteOffset == 24, "\(error)")
        }
    }

    @Test func rewrittenFixturesReadTheSame() throws {
        for name in Self.fixtures {
            let take = try MIDIFile.read(path: Self.path(name))
            for format in MIDIFile.Format.allCases {
                let again = try MIDIFile.decode(MIDIFile.encode(take, format: format))
                #expect(again.notes == take.resolvingOverlaps().notes, "\(name) format \(format.rawValue)")
                #expect(again.controlChanges == take.controlChanges)
                #expect(abs(again.durationSeconds - take.resolvingOverlaps().durationSeconds) < 1e-9)
            }
        }
    }
}
