import Foundation

extension MIDIFile {
    /// Decodes a Standard MIDI File held in memory; `file` names it in errors.
    ///
    /// Format 0, 1 and 2 are read; format 2's tracks are independent patterns, so each starts where the one before
    /// it ended, at the default tempo unless it sets its own (they were overlaid, as if they played together). Running status, meta
    /// and system-exclusive events, unknown chunks, SMPTE time division and note-on with velocity 0 are handled.
    /// Overlapping notes of one key are paired first-in, first-out within their track. In format 0 and 1 a note
    /// left held at its track's end is released by a note-off of its channel and key in another track, as the
    /// tracks sound merged (FluidSynth and `mido` read it so), and otherwise at its track's end.
    public static func decode(_ bytes: [UInt8], file: String = "<memory>") throws -> Take {
        var leftOut = LeftOut()
        return try decode(bytes, file: file, leftOut: &leftOut)
    }

    /// What a take has no place for and the reader left out (a take holds notes, controllers, tempo, the time
    /// signature and one program a channel): `info`, `render` and `play` say so in a line each, since the file
    /// then sounds otherwise in another player.
    public struct LeftOut: Equatable, Sendable {
        public var pitchBends = 0
        public var aftertouch = 0
        /// The patterns of a format-2 file (0 for format 0 and 1), which are played one after another.
        public var sequentialPatterns = 0
        /// Lyrics, markers, cue points, copyright notices and other text events (a karaoke file's words, in lyric
        /// events or, in Soft Karaoke's, text events): a take keeps none of them (its own metadata aside), which only
        /// matters where one is written from the file.
        public var texts = 0

        public init() {}

        /// One line for each kind left out, naming `file`; with `texts`, the words too (for a file continued or
        /// saved again, whose copy would lose them: a karaoke file's lyrics went without a word).
        public func lines(file: String, texts withTexts: Bool = false) -> [String] {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var lines: [String] = []
            if pitchBends > 0 { lines.append("\(file): \(count(pitchBends, "pitch bend")) left out (CamXuc plays notes at their pitch)") }
            if aftertouch > 0 { lines.append("\(file): \(count(aftertouch, "aftertouch message")) left out") }
            if sequentialPatterns > 1 {
                lines.append("\(file): format 2, its \(sequentialPatterns) patterns played one after another")
            }
            if withTexts, texts > 0 {
                lines.append("\(file): \(count(texts, "lyric or text event")) left out (a take keeps the notes)")
            }
            return lines
        }
    }

    /// Whether `bytes` start as a RIFF MIDI file ("RIFF", a size, "RMID").
    static func isRIFFMIDI(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<12]) == Array("RMID".utf8)
    }

    /// `decode`, counting what it leaves out in `leftOut`.
    public static func decode(_ bytes: [UInt8], file: String, leftOut: inout LeftOut) throws -> Take {
        var cursor = ByteCursor(bytes: bytes, file: file)
        // A RIFF MIDI file (.rmi, Windows' wrapping): the Standard MIDI File in its "data" chunk (it was refused as
        // one that "does not start with 'MThd'"). One level only: a RIFF file inside the chunk is refused (each level
        // read the next, and 2,000 of them in 40 KB overflowed the stack). Errors name the whole file's offsets.
        if Self.isRIFFMIDI(bytes) {
            var offset = 12
            while offset + 8 <= bytes.count {
                let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                    | Int(bytes[offset + 7]) << 24
                if Array(bytes[offset..<offset + 4]) == Array("data".utf8) {
                    let start = offset + 8, inner = Array(bytes[start..<min(start + size, bytes.count)])
                    if Self.isRIFFMIDI(inner) { throw cursor.error("a RIFF MIDI file inside another", at: start) }
                    do {
                        return try decode(inner, file: file, leftOut: &leftOut)
                    } catch let MusicError.malformedMIDI(file, at, reason) {
                        throw MusicError.malformedMIDI(file: file, offset: start + at, reason: reason)
                    }
                }
                offset += 8 + size + (size & 1)
            }
            throw cursor.error("a RIFF MIDI file (RMID) without its 'data' chunk", at: 12)
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == Array("MThd".utf8) else {
            throw cursor.error("not a Standard MIDI File: it does not start with 'MThd'", at: 0)
        }
        cursor.offset = 4
        let headerLength = try cursor.uint32("the header length")
        if headerLength < 6 {
            throw cursor.error("the header length is \(headerLength), at least 6 expected", at: 4)
        }
        if headerLength > cursor.remaining {
            throw cursor.error("the header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)",
                               at: 4)
        }
        let headerEnd = cursor.offset + headerLength
        let format = try cursor.uint16("the format")
        if format > 2 {
            throw cursor.error("unknown MIDI file format \(format) (0, 1 or 2 expected)", at: 8)
        }
        let trackCount = try cursor.uint16("the track count")
        let division = try cursor.uint16("the time division")
        let ticksPerQuarter: Int
        var smpte = false
        var smpteMicrosecondsPerQuarter = 1_000_000
        if division & 0x8000 != 0 {
            // SMPTE: frames per second (as a negative byte) and ticks per frame. Expressed as a tempo map with one
            // "quarter note" per second so that ticks still convert to seconds.
            let framesPerSecond = 256 - (division >> 8)
            let ticksPerFrame = division & 0xFF
            guard [24, 25, 29, 30].contains(framesPerSecond), ticksPerFrame > 0 else {
                throw cursor.error("SMPTE time division \(framesPerSecond) frames × \(ticksPerFrame) ticks is invalid",
                                   at: 12)
            }
            // 29 is "30 drop-frame", 29.97 frames a second: 30 frames of ticks take 1.001 s (it was timed at 29.00).
            ticksPerQuarter = (framesPerSecond == 29 ? 30 : framesPerSecond) * ticksPerFrame
            smpteMicrosecondsPerQuarter = framesPerSecond == 29 ? 1_001_000 : 1_000_000
            smpte = true
        } else {
            guard division > 0 else { throw cursor.error("the time division is 0 ticks per quarter note", at: 12) }
            ticksPerQuarter = division
        }
        cursor.offset = headerEnd

        var state = DecodeState()
        state.sequential = format == 2
        var tracksRead = 0
        while tracksRead < trackCount {
            if cursor.remaining == 0 {
                throw cursor.error("the header promises \(trackCount) track\(trackCount == 1 ? "" : "s") but the file ends after \(tracksRead)")
            }
            let chunkStart = cursor.offset
            let type = try cursor.tag()
            let length = try cursor.uint32("the chunk length")
            if length > cursor.remaining {
                throw cursor.error("chunk length \(length) runs past the end of the file (\(bytes.count) bytes)",
                                   at: chunkStart + 4)
            }
            let chunkEnd = cursor.offset + length
            if type == "MTrk" {
                var trackCursor = cursor
                trackCursor.limit = chunkEnd
                trackCursor.insideChunk = true
                try state.readTrack(&trackCursor, index: tracksRead)
                tracksRead += 1
            }
            // Unknown chunk types are skipped, as the specification asks.
            cursor.offset = chunkEnd
        }
        state.releaseAcrossTracks()

        let tempoMap = smpte
            ? TempoMap(ticksPerQuarter: ticksPerQuarter,
                       changes: [TempoMap.Change(tick: 0, microsecondsPerQuarter: smpteMicrosecondsPerQuarter)])
            : TempoMap(ticksPerQuarter: ticksPerQuarter, changes: state.tempoChanges)
        leftOut = state.leftOut
        if format == 2 { leftOut.sequentialPatterns = tracksRead }
        var metadata = state.metadata ?? TakeMetadata()
        if metadata.title == nil { metadata.title = state.firstTrackName }
        let (programs, programChanges) = state.instruments()
        // The take's instrument is its first melodic channel's; channel 10's program is a drum kit, kept for it alone.
        let melodic = Set(state.notes.map(\.channel)).subtracting([9])
        let firstChannel = melodic.min() ?? 0
        var channelPrograms = programs
        channelPrograms[firstChannel] = nil
        // A melodic channel the file gave no program plays General MIDI's default, the piano (it played the first
        // channel's instrument: a bass voice as a flute).
        for channel in melodic where channel != firstChannel && programs[channel] == nil {
            channelPrograms[channel] = 0
        }
        var take = Take(notes: state.notes, controlChanges: state.controlChanges, tempoMap: tempoMap,
                        timeSignature: state.timeSignature, meterChanges: state.meterChanges,
                        program: programs[firstChannel] ?? 0,
                        channelPrograms: channelPrograms, programChanges: programChanges, metadata: metadata)
        take.keySignature = state.keySignature
        take.keyChanges = KeyChange.normalized(state.keyChanges, after: state.keySignature)
        return take
    }
}

/// What the reader gathers across tracks.
private struct DecodeState {
    var leftOut = MIDIFile.LeftOut()
    var notes: [Note] = []
    var controlChanges: [ControlChange] = []
    var tempoChanges: [TempoMap.Change] = []
    /// The time signatures in the order read.
    var signatures: [MeterChange] = []
    /// The last key signature at tick 0, and the later ones in the order read.
    var keySignature: KeySignature?
    var keyChanges: [KeyChange] = []
    /// The take's at tick 0: the last given there, else 4/4 (a file whose first signature comes at bar 3 is in
    /// MIDI's default 4/4 until then: it was put at bar 1), and the changes after it.
    var timeSignature: TimeSignature { signatures.last { $0.tick == 0 }?.signature ?? TimeSignature() }
    var meterChanges: [MeterChange] { MeterChange.normalized(signatures, after: timeSignature) }
    /// Every program change, and each channel's first strike, with `order` for the tracks' merged order.
    var programEvents: [(tick: Int, order: Int, channel: UInt8, program: UInt8)] = []
    var firstStrike: [UInt8: (tick: Int, order: Int)] = [:]
    var metadata: TakeMetadata?
    var firstTrackName: String?
    /// Format 2: each track starts at `patternStart`, where the one before ended.
    var sequential = false
    var patternStart = 0
    /// Format 0 and 1, per channel*128+key: note-offs that found no note of their key held in their own track, and
    /// notes still held when their track ended. `order` counts events across the file, so sorting by (tick, order)
    /// is the tracks' merged order (an earlier track first at one tick).
    var strayOffs: [Int: [(tick: Int, order: Int)]] = [:]
    var heldAtTrackEnd: [Int: [(tick: Int, order: Int, velocity: UInt8, trackEnd: Int)]] = [:]
    var strayOffCount = 0
    var order = 0

    /// Each channel's instrument at its first note (the last program change before it in the merged order, as a
    /// player has it then: two at the start are an instrument and then the piano the piece is for), and the changes
    /// after it that change the instrument. A channel without notes keeps its last program.
    func instruments() -> (programs: [UInt8: UInt8], changes: [ProgramChange]) {
        var programs: [UInt8: UInt8] = [:]
        var changes: [ProgramChange] = []
        var current: [UInt8: UInt8] = [:]
        for event in programEvents.sorted(by: { ($0.tick, $0.order) < ($1.tick, $1.order) }) {
            // A change at the tick of the channel's first note is its instrument, wherever the file wrote it (a
            // format 1 file's set-up track after the notes' tracks, or after the note-on): the player sends a tick's
            // program changes before its notes, and info, a continuation and the studio said piano where it played a
            // flute.
            if let first = firstStrike[event.channel], first.tick < event.tick {
                let playing = current[event.channel] ?? programs[event.channel] ?? 0
                if event.program != playing { changes.append(ProgramChange(tick: event.tick, channel: event.channel, program: event.program)) }
                current[event.channel] = event.program
            } else {
                programs[event.channel] = event.program
            }
        }
        return (programs, changes)
    }

    /// Pairs the notes tracks left held with the other tracks' stray note-offs in merged order, first-in first-out;
    /// a note no stray note-off ends is released at its own track's end, as before.
    mutating func releaseAcrossTracks() {
        for slot in heldAtTrackEnd.keys.sorted() {
            let held = heldAtTrackEnd[slot]!.sorted { ($0.tick, $0.order) < ($1.tick, $1.order) }
            let offs = (strayOffs[slot] ?? []).sorted { ($0.tick, $0.order) < ($1.tick, $1.order) }
            var nextOff = 0
            for note in held {
                while nextOff < offs.count, (offs[nextOff].tick, offs[nextOff].order) < (note.tick, note.order) {
                    nextOff += 1  // before this note in the merged stream: it ended nothing that is still held
                }
                var end = note.trackEnd
                if nextOff < offs.count {
                    end = offs[nextOff].tick
                    nextOff += 1
                }
                notes.append(Note(pitch: UInt8(slot % 128), velocity: note.velocity, startTick: note.tick,
                                  durationTicks: end - note.tick, channel: UInt8(slot / 128)))
            }
        }
        strayOffs = [:]
        heldAtTrackEnd = [:]
    }

    mutating func readTrack(_ cursor: inout ByteCursor, index: Int) throws {
        var tick = sequential ? patternStart : 0
        // A pattern after the first starts at the default tempo; its own tempo at its first tick replaces it.
        if sequential, index > 0 {
            tempoChanges.append(TempoMap.Change(tick: tick, microsecondsPerQuarter: TempoMap.defaultMicrosecondsPerQuarter))
        }
        defer { if sequential { patternStart = tick } }
        var runningStatus: UInt8?
        // Open notes per channel*128+key, oldest first from `released[slot]` on: an index, not removeFirst, so that
        // releasing n strikes of one key costs n steps, not n² (87,000 unreleased strikes took 31 s to read).
        var open: [Int: [(tick: Int, order: Int, velocity: UInt8)]] = [:]
        var released: [Int: Int] = [:]
        let sequential = self.sequential

        func closeNote(channel: UInt8, key: UInt8, at tick: Int) {
            let slot = Int(channel) * 128 + Int(key)
            let next = released[slot, default: 0]
            guard let count = open[slot]?.count, next < count, let started = open[slot]?[next] else {
                // Kept to end another track's held note; a file of nothing but stray note-offs keeps a bounded few.
                if !sequential, strayOffCount < 1_000_000 {
                    strayOffs[slot, default: []].append((tick, order))
                    strayOffCount += 1
                }
                return
            }
            released[slot] = next + 1
            if next + 1 == count {
                open[slot] = nil
                released[slot] = nil
            }
            notes.append(Note(pitch: key, velocity: started.velocity, startTick: started.tick,
                              durationTicks: tick - started.tick, channel: channel))
        }

        trackLoop: while !cursor.isAtEnd {
            order += 1
            let delta = try cursor.variableLengthQuantity("the delta time")
            tick += delta
            let statusOffset = cursor.offset
            guard let first = cursor.peek() else {
                throw cursor.error("an event is missing after its delta time: the track chunk ends")
            }
            let status: UInt8
            if first & 0x80 != 0 {
                status = first
                cursor.offset += 1
                if status < 0xF0 { runningStatus = status }
            } else {
                guard let running = runningStatus else {
                    throw cursor.error(String(format: "data byte 0x%02X where a status byte was expected (no running status)", first))
                }
                status = running
            }

            switch status {
            case 0xFF:
                let type = try cursor.uint8("the meta event type")
                let length = try cursor.variableLengthQuantity("the meta event length")
                let data = try cursor.bytes(length, "meta event 0x" + String(type, radix: 16, uppercase: true))
                switch type {
                case 0x2F:
                    break trackLoop
                case 0x51:
                    if data.count >= 3 {
                        let b = Array(data.prefix(3))
                        let microseconds = Int(b[0]) << 16 | Int(b[1]) << 8 | Int(b[2])
                        if microseconds > 0 {
                            tempoChanges.append(TempoMap.Change(tick: tick, microsecondsPerQuarter: microseconds))
                        }
                    }
                case 0x59:
                    // The last at the start, as the take's key (as the time signature's); later ones as its changes.
                    if let key = KeySignature(bytes: Array(data.prefix(2))) {
                        if tick == 0 { keySignature = key } else { keyChanges.append(KeyChange(tick: tick, signature: key)) }
                    }
                case 0x58:
                    if data.count >= 2 {
                        let b = Array(data.prefix(2))
                        let signature = TimeSignature(numerator: Int(b[0]), denominator: 1 << Int(min(b[1], 7)))
                        // Every one, with its tick: the take's metre (a jig going 6/4, 4/4, 5/4 was kept in 6/4
                        // throughout); sorted out once all tracks are read.
                        signatures.append(MeterChange(tick: tick, signature: signature))
                    }
                case 0x01:
                    let text = String(decoding: data, as: UTF8.self)
                    if text.hasPrefix(MIDIFile.metadataPrefix) {
                        if metadata == nil {
                            let json = Data(text.dropFirst(MIDIFile.metadataPrefix.count).utf8)
                            metadata = (try? JSONDecoder().decode(TakeMetadata.self, from: json))?.checked
                        }
                    } else if !data.isEmpty {
                        leftOut.texts += 1  // (the empty ones split a long pause: CamXuc's own among them)
                    }
                case 0x02, 0x05, 0x06, 0x07:
                    if !data.isEmpty { leftOut.texts += 1 }
                case 0x03:
                    if firstTrackName == nil, !data.isEmpty {
                        let name = String(validating: data, as: UTF8.self)
                            ?? String(data.map { Character(Unicode.Scalar($0)) })
                        firstTrackName = name
                    }
                default:
                    break
                }
            case 0xF0, 0xF7:
                let length = try cursor.variableLengthQuantity("the system-exclusive length")
                _ = try cursor.bytes(length, "a system-exclusive event")
            case 0xF1...0xFE:
                throw cursor.error(String(format: "status byte 0x%02X is not allowed in a MIDI file", status),
                                   at: statusOffset)
            default:
                let kind = status & 0xF0
                let channel = status & 0x0F
                let dataCount = (kind == 0xC0 || kind == 0xD0) ? 1 : 2
                var data: (UInt8, UInt8) = (0, 0)
                for position in 0..<dataCount {
                    let byteOffset = cursor.offset
                    let byte = try cursor.uint8("a data byte")
                    if byte & 0x80 != 0 {
                        throw cursor.error(String(format: "status byte 0x%02X where a data byte of event 0x%02X was expected",
                                                  byte, status), at: byteOffset)
                    }
                    if position == 0 { data.0 = byte } else { data.1 = byte }
                }
                switch kind {
                case 0x90 where data.1 > 0:
                    open[Int(channel) * 128 + Int(data.0), default: []].append((tick, order, data.1))
                    if firstStrike[channel] == nil { firstStrike[channel] = (tick, order) }
                case 0x80, 0x90:
                    closeNote(channel: channel, key: data.0, at: tick)
                case 0xB0:
                    controlChanges.append(ControlChange(tick: tick, channel: channel, controller: data.0, value: data.1))
                case 0xC0:
                    programEvents.append((tick, order, channel, data.0))
                case 0xE0:
                    if data != (0x00, 0x40) { leftOut.pitchBends += 1 }  // the centre, a reset, changes nothing
                default:
                    leftOut.aftertouch += 1  // 0xA0 and 0xD0: aftertouch is not part of a take
                }
            }
        }
        // Notes still held when the track ends are released at its last event: a format-2 pattern's now; in format
        // 0 and 1 once every track is read, unless another track's note-off ends them first (`releaseAcrossTracks`).
        for slot in open.keys.sorted() {
            if sequential {
                while open[slot] != nil {
                    closeNote(channel: UInt8(slot / 128), key: UInt8(slot % 128), at: tick)
                }
            } else if let notes = open[slot] {
                heldAtTrackEnd[slot, default: []] += notes[released[slot, default: 0]...]
                    .map { ($0.tick, $0.order, $0.velocity, tick) }
            }
        }
    }
}
