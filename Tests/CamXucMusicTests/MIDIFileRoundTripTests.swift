import Testing
@testable import CamXucMusic

@Suite struct MIDIFileRoundTripTests {
    /// A take with a little of everything: two channels, a tempo change, the pedal, a zero-length note, metadata.
    static func richTake() -> Take {
        var notes: [Note] = []
        for index in 0..<64 {
            notes.append(Note(pitch: UInt8(48 + (index * 7) % 36), velocity: UInt8(30 + index % 90),
                              startTick: index * 120, durationTicks: 60 + (index % 5) * 100, channel: 0))
        }
        notes.append(Note(pitch: 36, velocity: 100, startTick: 0, durationTicks: 7680, channel: 1))
        notes.append(Note(pitch: 90, velocity: 20, startTick: 500, durationTicks: 0, channel: 0))
        let metadata = TakeMetadata(
            title: "Hôm nay tôi rất vui", text: "Hôm nay tôi rất vui 🎹", valence: 0.62, arousal: 0.48,
            sampling: SamplingSettings(temperature: 0.9, topK: 40, topP: 0.95, guidance: 2.0,
                                       seed: 0xFEDC_BA98_7654_3210, lengthSeconds: 30),
            modelID: "music-lstm 1", created: "2026-11-23T12:00:00Z")
        var take = Take(notes: notes,
                    controlChanges: [ControlChange(tick: 0, controller: 64, value: 127),
                                     ControlChange(tick: 3000, controller: 64, value: 0)],
                    tempoMap: TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 500_000),
                                                                       .init(tick: 1920, microsecondsPerQuarter: 400_000)]),
                    timeSignature: TimeSignature(numerator: 6, denominator: 8),
                    meterChanges: [MeterChange(tick: 2880, signature: TimeSignature(numerator: 3, denominator: 4)),
                                   MeterChange(tick: 5760, signature: TimeSignature(numerator: 7, denominator: 8))],
                    program: 4,
                    channelPrograms: [1: 32], metadata: metadata)
        take.keySignature = KeySignature(tonic: 3, minor: true)   // Eb minor, six flats
        take.keyChanges = [KeyChange(tick: 2880, signature: KeySignature(tonic: 3, minor: false))]   // Eb major
        return take
    }

    /// Of several key signatures at one tick the last is the one in force, at the start as later (the first won at
    /// tick 0 and the last after it; time signatures take the last everywhere).
    @Test func theLastKeySignatureAtATickIsTheOneInForce() throws {
        let events: [UInt8] = [0x00, 0xFF, 0x59, 0x02, 0x00, 0x00,   // C major
                               0x00, 0xFF, 0x59, 0x02, 0xFD, 0x01,   // C minor
                               0x00, 0x90, 0x3C, 0x40,
                               0x83, 0x60, 0x80, 0x3C, 0x00,         // 480 ticks later
                               0x00, 0xFF, 0x59, 0x02, 0x01, 0x00,   // G major
                               0x00, 0xFF, 0x59, 0x02, 0x02, 0x00,   // D major
                               0x00, 0x90, 0x3E, 0x40, 0x83, 0x60, 0x80, 0x3E, 0x00,
                               0x00, 0xFF, 0x2F, 0x00]
        let bytes: [UInt8] = Array("MThd".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0] + Array("MTrk".utf8)
            + [0, 0, 0, UInt8(events.count)] + events
        let take = try MIDIFile.decode(bytes)
        #expect(take.keySignature == KeySignature(tonic: 0, minor: true))
        #expect(take.keyChanges == [KeyChange(tick: 480, signature: KeySignature(tonic: 2, minor: false))])
    }

    @Test(arguments: MIDIFile.Format.allCases)
    func roundTripIsExact(format: MIDIFile.Format) throws {
        let take = Self.richTake()
        let again = try MIDIFile.decode(MIDIFile.encode(take, format: format))
        #expect(again.notes == take.notes)
        #expect(again.controlChanges == take.controlChanges)
        #expect(again.tempoMap == take.tempoMap)
        #expect(again.timeSignature == take.timeSignature)
        #expect(again.program == 4)
        #expect(again.program(forChannel: 1) == 32)
        #expect(again.metadata == take.metadata)
        #expect(again == take)
    }

    /// Tempo changes past the last note are not written, and the tracks end with the music: a continuation kept a
    /// primer's whole tempo map, so other players (mido, FluidSynth, TiMidity) played 6½ minutes of silence after it.
    @Test func theFileEndsWithTheMusicNotAtALaterTempoChange() throws {
        let take = Take(notes: [Note(pitch: 60, velocity: 80, startTick: 0, durationTicks: 960, channel: 0)],
                        tempoMap: TempoMap(ticksPerQuarter: 480, changes: [.init(tick: 0, microsecondsPerQuarter: 500_000),
                                                                           .init(tick: 480, microsecondsPerQuarter: 600_000),
                                                                           .init(tick: 57_600, microsecondsPerQuarter: 400_000)]))
        let bytes = MIDIFile.encode(take)
        let back = try MIDIFile.decode(bytes, file: "t.mid")
        #expect(back.tempoMap.changes.map(\.tick) == [0, 480])
        // The conductor track's delta times add up to the note's end, not to the late change.
        var index = 22, tick = 0
        while index < bytes.count {
            var delta = 0
            repeat { delta = delta << 7 | Int(bytes[index] & 0x7F); index += 1 } while bytes[index - 1] & 0x80 != 0
            tick += delta
            if bytes[index] == 0xFF, bytes[index + 1] == 0x2F { break }
            let length = Int(bytes[index + 2])
            index += 3 + length
        }
        #expect(tick == 960)
    }

    @Test func formatsHaveTheExpectedTrackCounts() {
        let take = Self.richTake()
        let single = MIDIFile.encode(take, format: .singleTrack)
        let multi = MIDIFile.encode(take, format: .multiTrack)
        #expect(Array(single[8..<12]) == [0, 0, 0, 1])  // format 0, one track
        #expect(Array(multi[8..<12]) == [0, 1, 0, 3])   // format 1, conductor + two channels
    }

    @Test func overlappingNotesOfOneKeyAreCutAtTheNewStrike() throws {
        let take = Take(notes: [Note(pitch: 60, velocity: 90, startTick: 0, durationTicks: 960),
                                Note(pitch: 60, velocity: 50, startTick: 480, durationTicks: 240),
                                Note(pitch: 60, velocity: 70, startTick: 480, durationTicks: 100)])
        let again = try MIDIFile.decode(MIDIFile.encode(take))
        #expect(again.notes == [Note(pitch: 60, velocity: 90, startTick: 0, durationTicks: 480),
                                Note(pitch: 60, velocity: 50, startTick: 480, durationTicks: 240)])
    }

    @Test func eventsAreEncodedWithDeltaTimesAndRunningStatus() {
        // One note on channel 0, 480 ticks long, at 120 bpm, no metadata: exact bytes of the channel track.
        let take = Take(notes: [Note(pitch: 60, velocity: 100, startTick: 0, durationTicks: 480),
                                Note(pitch: 64, velocity: 90, startTick: 0, durationTicks: 480)])
        let bytes = MIDIFile.encode(take, format: .multiTrack)
        let channelTrack: [UInt8] = [
            0x00, 0xC0, 0x00,               // program 0
            0x00, 0x90, 60, 100,            // note on
            0x00, 64, 90,                   // running status
            0x83, 0x60, 0x80, 60, 0x40,     // 480 ticks later (VLQ 0x83 0x60), note off
            0x00, 64, 0x40,                 // running status
            0x00, 0xFF, 0x2F, 0x00,         // end of track
        ]
        let suffix = Array(bytes.suffix(channelTrack.count + 8))
        #expect(Array(suffix.prefix(4)) == Array("MTrk".utf8))
        #expect(Array(suffix[4..<8]) == [0, 0, 0, UInt8(channelTrack.count)])
        #expect(Array(suffix.dropFirst(8)) == channelTrack)
    }

    /// A meta event cancels running status (the standard; strict readers refuse the next channel event without its
    /// status): after a tempo change, and after the empty text events a delta too long for one number is split with.
    @Test func aChannelEventAfterAMetaEventWritesItsStatusAgain() {
        let events = [MIDIFile.TimedEvent(tick: 0, bytes: [0x90, 60, 100]),
                      MIDIFile.TimedEvent(tick: 10, bytes: [0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20]),
                      MIDIFile.TimedEvent(tick: 10, bytes: [0x90, 62, 100]),
                      MIDIFile.TimedEvent(tick: 10 + VariableLengthQuantity.maximum + 5, bytes: [0x90, 64, 100])]
        let body = MIDIFile.encodeTrack(events, endTick: 0)
        #expect(Array(body.prefix(15)) == [0x00, 0x90, 60, 100, 0x0A, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, 0x00, 0x90, 62, 100])
        // The long delta: its maximum, an empty text event, the rest (5), then the note with its status.
        #expect(Array(body[15...].prefix(4 + 3 + 1 + 3)) == [0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0x01, 0x00, 0x05, 0x90, 64, 100])
    }

    @Test func fileWriteIsAtomicAndReadable() throws {
        let folder = FileManagerTemp.make()
        let path = folder + "/take.mid"
        try MIDIFile.write(Self.richTake(), to: path)
        let again = try MIDIFile.read(path: path)
        #expect(again == Self.richTake())
        let leftovers = try FileManagerTemp.contents(folder).filter { $0 != "take.mid" }
        #expect(leftovers.isEmpty)
    }

    @Test func writingIntoAMissingFolderNamesIt() {
        #expect(throws: MusicError.cannotWrite(file: "/nonexistent-camxuc/take.mid",
                                               reason: "the folder /nonexistent-camxuc does not exist")) {
            try MIDIFile.write(Take(), to: "/nonexistent-camxuc/take.mid")
        }
    }

    @Test func readingAMissingFileNamesIt() {
        #expect(throws: MusicError.cannotRead(file: "/nonexistent-camxuc.mid", reason: "no such file or directory")) {
            try MIDIFile.read(path: "/nonexistent-camxuc.mid")
        }
    }

    /// The data of the first track-name meta event (FF 03) in `bytes`.
    static func trackName(in bytes: [UInt8]) -> [UInt8]? {
        guard let start = bytes.indices.dropLast(2).first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] == 0x03 }) else { return nil }
        let length = Int(bytes[start + 2])  // every name here is under 128 bytes: a one-byte length
        return Array(bytes[(start + 3)..<(start + 3 + length)])
    }

    @Test(arguments: [
        ("Hôm nay tôi rất vui", "Hom nay toi rat vui"),
        ("Đường về nhà ĐÊM ĐÔNG", "Duong ve nha DEM DONG"),
        ("Thương… “mưa” — 🎹 nhé", "Thuong... \"mua\" - ? nhe"),
        ("plain title", "plain title"),
    ])
    func theTrackNameIsASCIISoEveryToolShowsItAndTheTitleComesBackWhole(title: String, trackName: String) throws {
        // MIDI text has no declared encoding (mido reads Latin-1, so UTF-8 showed as "HÃ´m nay"); the exact title
        // travels in the metadata, whose JSON is ASCII with \u escapes.
        var take = Self.richTake()
        take.metadata.title = title
        for format in MIDIFile.Format.allCases {
            let bytes = MIDIFile.encode(take, format: format)
            let name = try #require(Self.trackName(in: bytes))
            #expect(name.allSatisfy { $0 < 0x80 })
            #expect(String(decoding: name, as: UTF8.self) == trackName)
            #expect(try MIDIFile.decode(bytes).metadata.title == title)
        }
    }

    @Test func withoutMetadataTheTitleIsTheTrackNameReadAsUTF8() throws {
        // Other tools' files (and ours from before the name was folded) carry the title only as the track name.
        let name = Array("Hôm nay".utf8)
        let track: [UInt8] = [0x00, 0xFF, 0x03, UInt8(name.count)] + name
            + [0x00, 0x90, 0x3C, 0x40, 0x60, 0x3C, 0x00, 0x00, 0xFF, 0x2F, 0x00]
        let bytes: [UInt8] = Array("MThd".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0] + Array("MTrk".utf8)
            + [0, 0, 0, UInt8(track.count)] + track
        #expect(try MIDIFile.decode(bytes).metadata.title == "Hôm nay")
    }
}
