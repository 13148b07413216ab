/// A piece of music as CamXuc keeps it: notes in ticks with a tempo map, the instrument, and what produced it.
///
/// A take is a plain value. The MIDI file reader and writer, the generator and the synthesiser all convert to and
/// from it, and nothing else holds musical state.
public struct Take: Hashable, Sendable {
    /// Notes sorted by onset (then pitch, then channel).
    public var notes: [Note] {
        didSet { notes.sort(by: Take.noteOrder) }
    }
    /// Control changes (the sustain pedal, mostly) sorted by tick.
    public var controlChanges: [ControlChange]
    /// Tick/second conversion; its `ticksPerQuarter` is the take's resolution.
    public var tempoMap: TempoMap
    /// The time signature at tick 0, and where it changes after (a file's metre; CamXuc's own music keeps one).
    public var timeSignature: TimeSignature
    public var meterChanges: [MeterChange]
    /// The General MIDI program (0 is Acoustic Grand Piano) of the take's instrument.
    public var program: UInt8
    /// Programs of other channels, where a file gave them one of their own (channel 10's: its drum kit).
    public var channelPrograms: [UInt8: UInt8]
    /// Instrument changes after a channel's first note, sorted by tick (files only).
    public var programChanges: [ProgramChange] {
        didSet { programChanges.sort { $0.tick < $1.tick } }
    }
    public var metadata: TakeMetadata
    /// The key signature written at the file's start (a take's plan's key; a file's own first one), if any.
    public var keySignature: KeySignature?
    /// Key signatures after the start, sorted by tick (an arc's segments in another key; a file's own changes).
    public var keyChanges: [KeyChange] = []

    public init(notes: [Note] = [], controlChanges: [ControlChange] = [], tempoMap: TempoMap = TempoMap(),
                timeSignature: TimeSignature = TimeSignature(), meterChanges: [MeterChange] = [], program: UInt8 = 0,
                channelPrograms: [UInt8: UInt8] = [:], programChanges: [ProgramChange] = [],
                metadata: TakeMetadata = TakeMetadata()) {
        self.notes = notes.sorted(by: Take.noteOrder)
        self.controlChanges = controlChanges.enumerated()
            .sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }.map(\.element)
        self.tempoMap = tempoMap
        self.timeSignature = timeSignature
        self.meterChanges = MeterChange.normalized(meterChanges, after: timeSignature)
        self.program = min(program, 127)
        self.channelPrograms = channelPrograms
        self.programChanges = programChanges.enumerated()
            .sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }.map(\.element)
        self.metadata = metadata
    }

    static func noteOrder(_ a: Note, _ b: Note) -> Bool {
        (a.startTick, a.pitch, a.channel, a.durationTicks) < (b.startTick, b.pitch, b.channel, b.durationTicks)
    }

    /// The key signature in force at `tick`.
    public func keySignature(atTick tick: Int) -> KeySignature? {
        keyChanges.last { $0.tick <= tick }?.signature ?? keySignature
    }

    /// The key signatures of music composed on plans of `keys` (one a segment of `arc`, in take time; one plan
    /// without an arc) from take time `seconds` on, after a primer's keys `before` (its first and its changes, those
    /// up to there kept): the first plan's key at the first bar line from `seconds` (at tick 0 the take's first
    /// key) and each later segment's at the first bar line of its segment (bars by `timeSignature` and
    /// `meterChanges`), each written only where it differs from the key in force. An arc's file said its first
    /// segment's key throughout, and a continuation's its primer's (D minor for new music in D major).
    public static func planKeys(_ keys: [KeySignature], arc: EmotionArc?, fromSeconds seconds: Double = 0,
                                after before: (first: KeySignature?, changes: [KeyChange]) = (nil, []), tempoMap: TempoMap,
                                timeSignature: TimeSignature = TimeSignature(), meterChanges: [MeterChange] = [])
        -> (first: KeySignature?, changes: [KeyChange]) {
        let quarter = tempoMap.ticksPerQuarter
        let longest = ([timeSignature] + meterChanges.map(\.signature)).map { $0.ticksPerBar(ticksPerQuarter: quarter) }.max() ?? 4 * quarter
        // On the first bar line at or after the music in the new key begins (they were on its first whole beat, and
        // 35 of 48 fell inside a bar, where notation programs cannot draw a key change).
        // Searched from where the music begins, less a thousandth of a beat for rounding: searched from the next whole
        // beat, a bar line between the two was passed over in a metre whose bars are not whole beats (5/16).
        func barTick(_ seconds: Double) -> Int {
            let tick = max(Int((Double(tempoMap.tick(atSeconds: seconds)) - Double(quarter) * 1e-3).rounded(.up)), 0)
            return MeterChange.bars(timeSignature, changes: meterChanges, ticksPerQuarter: quarter, from: tick,
                                    through: tick + max(longest, 1), limit: 1).first?.tick ?? tick
        }
        let join = barTick(seconds)
        var first = before.first
        var changes = before.changes.filter { $0.tick < join }
        if let key = keys.first {
            if join <= 0, changes.isEmpty { first = key } else { changes.append(KeyChange(tick: join, signature: key)) }
        }
        if let arc, keys.count > 1, keys.count == arc.segments.count {
            changes += zip(arc.segments, keys).dropFirst().map { KeyChange(tick: max(barTick($0.start), join), signature: $1) }
        }
        return (first, KeyChange.normalized(changes, after: first))
    }

    /// The time signature in force at `tick`.
    public func timeSignature(atTick tick: Int) -> TimeSignature {
        meterChanges.last { $0.tick <= tick }?.signature ?? timeSignature
    }

    /// Ticks per quarter note.
    public var ticksPerQuarter: Int { tempoMap.ticksPerQuarter }

    /// The tick at which the last note ends (0 for an empty take).
    public var endTick: Int { notes.reduce(0) { max($0, $1.endTick) } }

    /// The take's length in seconds, up to the end of its last note.
    public var durationSeconds: Double { tempoMap.seconds(atTick: endTick) }

    /// Onset of `note` in seconds.
    public func startSeconds(of note: Note) -> Double { tempoMap.seconds(atTick: note.startTick) }

    /// Release of `note` in seconds.
    public func endSeconds(of note: Note) -> Double { tempoMap.seconds(atTick: note.endTick) }

    /// The program a channel plays, General MIDI percussion aside.
    public func program(forChannel channel: UInt8) -> UInt8 { channelPrograms[channel] ?? program }

    /// Channels that have at least one note, in order.
    public var channelsInUse: [UInt8] { Array(Set(notes.map(\.channel))).sorted() }

    /// A take built from times in seconds at a constant tempo, as a generator produces them.
    ///
    /// Each tuple is (pitch, velocity, start seconds, duration seconds); times are rounded to the nearest tick.
    public init(secondsNotes: [(pitch: UInt8, velocity: UInt8, start: Double, duration: Double)],
                beatsPerMinute: Double = 120, ticksPerQuarter: Int = 480, program: UInt8 = 0,
                metadata: TakeMetadata = TakeMetadata()) {
        let map = TempoMap(ticksPerQuarter: ticksPerQuarter, beatsPerMinute: beatsPerMinute)
        let notes = secondsNotes.map { item in
            let start = map.tick(atSeconds: item.start)
            let end = map.tick(atSeconds: item.start + max(item.duration, 0))
            return Note(pitch: item.pitch, velocity: item.velocity, startTick: start, durationTicks: end - start)
        }
        self.init(notes: notes, tempoMap: map, program: program, metadata: metadata)
    }

    /// The same take with overlapping notes of one key on one channel resolved as a piano does: a key struck again
    /// while it still sounds ends the earlier note at the new onset.
    ///
    /// A MIDI file cannot say which note-off belongs to which of two overlapping notes of the same key, so the writer
    /// resolves overlaps this way first; that makes writing and reading a take an exact round trip. Two notes of one
    /// key that start on the same tick become one (the later in order, which is the longer).
    public func resolvingOverlaps() -> Take {
        var lastIndex: [Int: Int] = [:]  // channel * 128 + pitch → index in `resolved`
        var resolved: [Note] = []
        resolved.reserveCapacity(notes.count)
        for note in notes {
            let key = Int(note.channel) * 128 + Int(note.pitch)
            if let index = lastIndex[key], resolved[index].endTick > note.startTick {
                if resolved[index].startTick == note.startTick {
                    // Two strikes of one key at one instant are one strike: keep the later (longer) note.
                    resolved[index] = note
                    continue
                }
                resolved[index].durationTicks = note.startTick - resolved[index].startTick
            }
            lastIndex[key] = resolved.count
            resolved.append(note)
        }
        var copy = self
        copy.notes = resolved
        return copy
    }
}

extension Take {
    /// The notes in seconds, as the judge and the features read them: everything that describes a take reads its
    /// resolved notes, so what is printed and judged is what a file holds.
    public var decodedNotes: [EventVocabulary.DecodedNote] {
        notes.map { note in
            let start = tempoMap.seconds(atTick: note.startTick)
            return EventVocabulary.DecodedNote(pitch: Int(note.pitch), velocity: Int(note.velocity), startSeconds: start,
                                               durationSeconds: tempoMap.seconds(atTick: note.endTick) - start)
        }
    }

    /// A take of notes in seconds, as the generator emits them (at the default tempo and resolution).
    public init(decodedNotes: [EventVocabulary.DecodedNote], program: UInt8 = 0, metadata: TakeMetadata = TakeMetadata()) {
        self.init(secondsNotes: decodedNotes.map {
            (pitch: UInt8(clamping: $0.pitch), velocity: UInt8(clamping: $0.velocity), start: $0.startSeconds,
             duration: $0.durationSeconds)
        }, program: program, metadata: metadata)
    }

    /// A take of notes in seconds on `tempoMap` and `timeSignature` (a file's, which a studio take that starts with
    /// its notes keeps): notes read from that file come back on their own ticks.
    public init(decodedNotes: [EventVocabulary.DecodedNote], tempoMap: TempoMap, timeSignature: TimeSignature,
                meterChanges: [MeterChange] = [], program: UInt8 = 0, metadata: TakeMetadata = TakeMetadata()) {
        let notes = decodedNotes.map { note in
            let start = tempoMap.tick(atSeconds: note.startSeconds)
            let end = tempoMap.tick(atSeconds: note.startSeconds + max(note.durationSeconds, 0))
            return Note(pitch: UInt8(clamping: note.pitch), velocity: UInt8(clamping: note.velocity), startTick: start,
                        durationTicks: end - start)
        }
        self.init(notes: notes, tempoMap: tempoMap, timeSignature: timeSignature, meterChanges: meterChanges,
                  program: program, metadata: metadata)
    }

    /// Generated notes as a file will hold them: on the take's ticks (`tempoMap`'s when it has one of its own),
    /// with same-key strikes and overlaps resolved.
    public static func resolved(_ notes: [EventVocabulary.DecodedNote], tempoMap: TempoMap? = nil) -> [EventVocabulary.DecodedNote] {
        guard let tempoMap else { return Take(decodedNotes: notes).resolvingOverlaps().decodedNotes }
        return Take(decodedNotes: notes, tempoMap: tempoMap, timeSignature: TimeSignature()).resolvingOverlaps().decodedNotes
    }
}
