import Testing
@testable import CamXucMusic

/// Broken files give one error naming the byte where reading stopped, never a crash or an endless loop.
@Suite struct MIDIFileMalformedTests {
    static func header(format: Int = 0, tracks: Int = 1, division: Int = 480) -> [UInt8] {
        Array("MThd".utf8) + [0, 0, 0, 6, 0, UInt8(format), 0, UInt8(tracks), UInt8(division >> 8), UInt8(division & 0xFF)]
    }

    /// A file with one track chunk holding `body` (the body starts at byte 22).
    static func file(_ body: [UInt8], tracks: Int = 1) -> [UInt8] {
        header(tracks: tracks) + Array("MTrk".utf8) + [0, 0, 0, UInt8(body.count)] + body
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var offset: Int
        var says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: [], offset: 0, says: "does not start with 'MThd'"),
        Case(name: "not MIDI", bytes: Array("RIFF\u{0}\u{0}\u{0}\u{4}WAVE".utf8), offset: 0, says: "not a Standard MIDI File"),
        Case(name: "header cut short", bytes: Array("MThd".utf8) + [0, 0, 0, 6, 0, 0], offset: 4,
             says: "header length 6 runs past the end of the file"),
        Case(name: "header too small", bytes: Array("MThd".utf8) + [0, 0, 0, 2, 0, 0], offset: 4,
             says: "at least 6 expected"),
        Case(name: "unknown format", bytes: header(format: 3) + Array("MTrk".utf8) + [0, 0, 0, 0], offset: 8,
             says: "unknown MIDI file format 3"),
        Case(name: "zero division", bytes: header(division: 0), offset: 12, says: "0 ticks per quarter note"),
        Case(name: "bad SMPTE division", bytes: header(division: 0xE028), offset: 12, says: "SMPTE"),
        Case(name: "missing tracks", bytes: file([0x00, 0xFF, 0x2F, 0x00], tracks: 2), offset: 26,
             says: "promises 2 tracks but the file ends after 1"),
        Case(name: "absurd chunk length", bytes: header() + Array("MTrk".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0x00],
             offset: 18, says: "chunk length 4294967295 runs past the end of the file (23 bytes)"),
        Case(name: "chunk header cut short", bytes: header() + Array("MTr".utf8), offset: 14, says: "a chunk type needs 4 bytes"),
        Case(name: "delta time over 4 bytes", bytes: file([0x81, 0x81, 0x81, 0x81, 0x00, 0x90, 60, 64]), offset: 22,
             says: "longer than 4 bytes"),
        Case(name: "delta time cut off", bytes: file([0x00, 0x90, 60, 64, 0x81]), offset: 26, says: "delta time is cut off"),
        Case(name: "data byte without status", bytes: file([0x00, 0x3C, 0x40]), offset: 23,
             says: "data byte 0x3C where a status byte was expected"),
        Case(name: "status instead of data", bytes: file([0x00, 0x90, 0x3C, 0x90, 0x3C, 0x40]), offset: 25,
             says: "status byte 0x90 where a data byte of event 0x90 was expected"),
        Case(name: "event cut off", bytes: file([0x00, 0x90, 0x3C]), offset: 25, says: "a data byte needs 1 byte"),
        Case(name: "meta runs past chunk", bytes: file([0x00, 0xFF, 0x01, 0x7F, 0x61]), offset: 26,
             says: "meta event 0x1 of 127 bytes runs past where the track chunk ends"),
        Case(name: "meta length over 4 bytes", bytes: file([0x00, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]), offset: 25,
             says: "meta event length is a variable-length quantity longer than 4 bytes"),
        Case(name: "realtime byte in file", bytes: file([0x00, 0xF8]), offset: 23, says: "status byte 0xF8 is not allowed"),
        Case(name: "sysex runs past chunk", bytes: file([0x00, 0xF0, 0x05, 0x01]), offset: 25,
             says: "a system-exclusive event of 5 bytes runs past"),
    ]

    @Test(arguments: cases)
    func reportsTheOffset(_ testCase: Case) {
        do {
            _ = try MIDIFile.decode(testCase.bytes, file: "broken.mid")
            Issue.record("\(testCase.name): read without error")
        } catch let error as MusicError {
            #expect(error.byteOffset == testCase.offset, "\(error)")
            #expect(error.description.contains(testCase.says), "\(error)")
            #expect(error.description.hasPrefix("cannot read broken.mid: "))
            #expect(error.description.hasSuffix("(at byte \(testCase.offset))"))
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func trackWithoutEndOfTrackEndsAtItsChunk() throws {
        let take = try MIDIFile.decode(Self.file([0x00, 0x90, 60, 64, 0x60, 0x80, 60, 0]))
        #expect(take.notes == [Note(pitch: 60, velocity: 64, startTick: 0, durationTicks: 0x60)])
    }

    @Test func eventsAfterEndOfTrackAreIgnored() throws {
        let take = try MIDIFile.decode(Self.file([0x00, 0x90, 60, 64, 0x10, 0xFF, 0x2F, 0x00, 0x00, 0x90, 62, 64]))
        #expect(take.notes == [Note(pitch: 60, velocity: 64, startTick: 0, durationTicks: 0x10)])
    }

    /// Every prefix and many single-byte corruptions of a real file either read or fail cleanly.
    @Test func everyPrefixAndCorruptionFailsCleanly() throws {
        let bytes = MIDIFile.encode(MIDIFileRoundTripTests.richTake())
        for length in 0..<bytes.count {
            _ = try? MIDIFile.decode(Array(bytes.prefix(length)))
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var corrupt = bytes
            for _ in 0..<3 {
                corrupt[Int.random(in: 0..<corrupt.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? MIDIFile.decode(corrupt)
        }
    }
}

/// What a take has no place for is counted, so `info`, `render` and `play` can say it was left out (a file with pitch
/// bends and a second instrument sounded otherwise than in the `fluidsynth` program, without a word).
@Suite struct MIDIFileLeftOutTests {
    @Test func pitchBendsAndAftertouchAreCounted() throws {
        let body: [UInt8] = [0x00, 0xC0, 0x00,             // piano
                             0x00, 0x90, 60, 90,            // C4 on
                             0x10, 0xE0, 0x00, 0x20,        // bend down
                             0x10, 0xE0, 0x00, 0x40,        // back to the centre: changes nothing, not counted
                             0x10, 0xD0, 0x30,              // channel aftertouch
                             0x10, 0xC0, 0x28,              // violin
                             0x10, 0xC0, 0x28,              // violin again: no change
                             0x60, 0x80, 60, 0,             // C4 off
                             0x00, 0xFF, 0x2F, 0x00]
        var leftOut = MIDIFile.LeftOut()
        let take = try MIDIFile.decode(MIDIFileMalformedTests.file(body), file: "x.mid", leftOut: &leftOut)
        #expect(take.notes.count == 1 && take.program == 0)
        // The instrument change is kept, at its tick (it was left out): the violin from there on.
        #expect(take.programChanges == [ProgramChange(tick: 0x40, channel: 0, program: 40)])
        #expect(leftOut.pitchBends == 1 && leftOut.aftertouch == 1)
        #expect(leftOut.lines(file: "x.mid") == [
            "x.mid: 1 pitch bend left out (CamXuc plays notes at their pitch)",
            "x.mid: 1 aftertouch message left out"])
        var none = MIDIFile.LeftOut()
        _ = try MIDIFile.decode(MIDIFileMalformedTests.file([0x00, 0x90, 60, 90, 0x60, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00]),
                                file: "y.mid", leftOut: &none)
        #expect(none.lines(file: "y.mid").isEmpty)
    }
}

/// Many strikes of one key that are never released (a drum track's shape): paired first-in, first-out and released at
/// the track's end, in a time that grows with their number (their release copied the queue each time: 87,000
/// strikes, a 256 KiB file, took 31 s to read).
@Suite struct MIDIFileStackedStrikesTests {
    @Test func manyUnreleasedStrikesOfOneKeyAreReadInOrder() throws {
        let strikes = 30_000
        var body: [UInt8] = [0x00, 0x90, 61, 100]
        for _ in 1..<strikes { body += [0x01, 61, 100] }  // running status, one tick apart
        body += [0x01, 0x80, 61, 0, 0x01, 0x80, 61, 0]  // two of them released
        body += [0x00, 0xFF, 0x2F, 0x00]
        var bytes = MIDIFileMalformedTests.header(tracks: 1) + Array("MTrk".utf8)
        bytes += [UInt8(body.count >> 24 & 0xFF), UInt8(body.count >> 16 & 0xFF), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)]
        bytes += body
        let take = try MIDIFile.decode(bytes)
        #expect(take.notes.count == strikes)
        let end = strikes - 1 + 2
        // The first two strikes end at the two note-offs; the others at the track's end.
        let byStart = take.notes.sorted { $0.startTick < $1.startTick }
        #expect(byStart[0].startTick == 0 && byStart[0].durationTicks == strikes)
        #expect(byStart[1].startTick == 1 && byStart[1].durationTicks == strikes)
        #expect(byStart[2].startTick == 2 && byStart[2].durationTicks == end - 2)
        #expect(byStart.last?.startTick == strikes - 1)
    }
}

/// SMPTE time division 29 is "30 drop-frame": 29.97 frames a second (it was timed at 29.00, 3 % slow).
@Suite struct MIDIFileSMPTETests {
    @Test func dropFrameIsTwentyNineNinetySeven() throws {
        let division = ((256 - 29) << 8) | 100  // 29.97 frames a second × 100 ticks a frame
        let body: [UInt8] = [0x00, 0x90, 60, 100, 0x96, 0x54, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00]  // 2,900 ticks
        var bytes = MIDIFileMalformedTests.header(tracks: 1, division: division) + Array("MTrk".utf8)
        bytes += [0, 0, 0, UInt8(body.count)] + body
        let take = try MIDIFile.decode(bytes)
        let note = try #require(take.notes.first)
        #expect(note.durationTicks == 2900)
        #expect(abs(take.endSeconds(of: note) - 2900 / (30_000.0 / 1001 * 100)) < 1e-9)  // 0.9676 s, not 1.000
    }

    /// A take's metadata with numbers CamXuc never writes (copied in by hand, or written by another tool) crashed the
    /// studio at every start: read, every number is in the range CamXuc writes, or gone where it is not finite.
    @Test func metadataNumbersOutOfRangeAreBroughtIntoIt() throws {
        var metadata = TakeMetadata(title: "x", valence: 1e300, arousal: -1e300,
                                    sampling: SamplingSettings(temperature: 1e300, topK: Int.max, topP: -3, guidance: 1e300,
                                                               seed: 7, lengthSeconds: 1e300),
                                    tempoScale: 0, parameterChanges: [ParameterChange(seconds: -5, temperature: 9, topK: -1, topP: 2,
                                                                                      guidance: -1, keyLock: true, tempoScale: 1e300)])
        metadata.primer = TakeMetadata.PrimerRecord(file: "a.mid", seconds: 3, notes: -1, continuationStartSeconds: -1e300)
        metadata.arc = EmotionArc(segments: [.init(start: 0, end: 5, valence: 4, arousal: 0.2, sentence: "a", sentences: [Int.min, 1]),
                                             .init(start: 5, end: 1e300, valence: -0.5, arousal: -9, sentence: "b", sentences: [2])],
                                  whole: .init(valence: 3, arousal: 0))
        metadata.parent = -4
        let take = Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0, duration: 0.5)], metadata: metadata)
        let read = try MIDIFile.decode(MIDIFile.encode(take)).metadata
        #expect(read.valence == 1 && read.arousal == -1 && read.tempoScale == 0.5 && read.parent == nil)
        #expect(read.sampling == SamplingSettings(temperature: 2, topK: 100_000, topP: 0.01, guidance: 20, seed: 7, lengthSeconds: 86_400))
        #expect(read.parameterChanges == [ParameterChange(seconds: 0, temperature: 2, topK: 0, topP: 1, guidance: 0, keyLock: true,
                                                          tempoScale: 2)])
        #expect(read.primer?.notes == 0 && read.primer?.continuationStartSeconds == 0)
        // The largest count is printed as it is (it read "-1 notes").
        #expect(TakeMetadata.PrimerRecord(file: "a.mid", seconds: 3, notes: Int.max).summary.contains(", 9223372036854775807 notes, "))
        let arc = try #require(read.arc)
        #expect(arc.segments.map(\.sentences) == [[1], [2]] && arc.segments.map(\.valence) == [1, -0.5]
                && arc.segments.map(\.arousal) == [0.2, -1] && arc.segments[1].end == 86_400 && arc.whole.valence == 1)
        // What CamXuc writes is read as it was written.
        let plain = Take(secondsNotes: [(pitch: 60, velocity: 80, start: 0, duration: 0.5)],
                         metadata: TakeMetadata(title: "y", valence: 0.3, arousal: -0.2, sampling: SamplingSettings(temperature: 0.9)))
        #expect(try MIDIFile.decode(MIDIFile.encode(plain)).metadata == plain.metadata)
    }
}
