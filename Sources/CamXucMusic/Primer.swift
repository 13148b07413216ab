import Foundation

/// A MIDI file's opening made ready to be continued: the notes a continued take begins with, exactly as the file
/// has them, and the events that set the network's state before it continues.
///
/// Which notes, by rule, each rule that drops or cuts something saying so in one line of `notices`:
/// - every track and channel is merged onto one piano channel, except General MIDI percussion (channel 10), which
///   is left out: the model plays piano, and drum keys are not pitches;
/// - notes outside the vocabulary's pitch range (21–108, the piano's A0–C8) are left out;
/// - with `maximumSeconds`, notes that start at or after it are cut (a note that starts before it is kept whole);
///   a primer is at most `longestSeconds` (two hours, the render limit) whatever is asked (a note held past it
///   ends there), so that a file with
///   absurd times (a delta of years) cannot make an output no reader takes;
/// - one key struck twice at one tick (two tracks doubling a note) is one note, as a file of one channel can only
///   hold one (the longer, as `Take.resolvingOverlaps` keeps it); a key struck again while it sounds ends the
///   earlier note there, as a piano does;
/// - at most `maximumNotesPerStep` notes start in one step of the vocabulary (10 ms): a pianist's ten fingers
///   (EMOPIA's clips never start more than 8 at once); beyond that the quietest are left out (of equal velocity,
///   the lower ones), so the melody on top stays;
/// - the sustain pedal and other controllers are left out (the vocabulary has none; notes carry their lengths);
/// - notes of other instruments are played by the first channel's, and later changes of instrument are left out
///   (the model plays one instrument).
///
/// Everything dropped is dropped from the output as well as from the network's input, so a continued take starts
/// with exactly what the network read. One limit applies to the network alone: it reads the notes of the last
/// `networkSeconds` before the primer's last onset (at most `maximumNetworkNotes` of them); earlier notes are kept
/// `networkSeconds` before the primer's last onset, and of those at most the last `maximumNetworkEvents` events
/// (whole notes); earlier notes are kept in the output but set no state. The model was trained on windows of 512
/// events, an LSTM's memory of a minute ago barely reaches the next note, and each event read costs about a
/// millisecond before the first note (a 20-minute file would delay it by half a minute).
public struct Primer: Equatable, Sendable {
    /// Notes that may start in one step of the vocabulary.
    public static let maximumNotesPerStep = 10
    /// The longest primer used, in seconds, whatever `maximumSeconds` says.
    public static let longestSeconds = 7_200.0
    /// Seconds before the last onset whose notes the network reads.
    public static let networkSeconds = 60.0
    /// The most events the network reads (the last whole notes), whatever their density: the length of the
    /// chord model's training windows (Models/training/runs/music-chords-args.json).
    public static let maximumNetworkEvents = 512

    /// The file's name as lines and metadata show it (its last path component).
    public let name: String
    /// The kept notes on channel 0 in the file's own ticks, with its tempo map and time signature (the resolution
    /// raised to at least 480 ticks per quarter, which changes no time, so that continued notes land within a
    /// millisecond).
    public let take: Take
    /// Seconds of the file used: the cut when the file is longer, else the file's length.
    public let secondsUsed: Double
    /// One line per rule that dropped or cut something, each naming the file.
    public private(set) var notices: [String]
    /// The file's own metadata and instrument (a CamXuc take's title, text and model; its General MIDI program).
    public let sourceMetadata: TakeMetadata
    public let sourceProgram: UInt8
    let vocabulary: EventVocabulary

    /// The kept notes in seconds from the file's start.
    public var notes: [EventVocabulary.DecodedNote] { take.decodedNotes }

    /// The primer's last onset in seconds: the continuation's time 0 (its first note comes after it, when the
    /// model says).
    public var continuationStartSeconds: Double { take.notes.last.map { take.startSeconds(of: $0) } ?? 0 }

    /// The tonic as the key signature in force where the continuation starts writes it ("C#" for seven sharps), for
    /// the plan that goes on in that key: spelt as the pitch class, a C# major file went on "in Db major", a key
    /// change written at the join to the same key. Nil where the file has no key signature.
    public var keySpelling: String? {
        take.keySignature(atTick: take.tempoMap.tick(atSeconds: continuationStartSeconds))?.tonicName
    }

    /// The notes the network reads (see the type's description), in seconds from the primer's start.
    public var networkNotes: [EventVocabulary.DecodedNote] {
        let from = continuationStartSeconds - Self.networkSeconds
        let recent = Array(notes.drop { $0.startSeconds < from })
        // The first note to read: the earliest whose events from there fit (fewer events the later it is).
        var low = 0, high = max(recent.count - 1, 0)
        while low < high {
            let middle = (low + high) / 2
            if events(recent[middle...]).count <= Self.maximumNetworkEvents { high = middle } else { low = middle + 1 }
        }
        return Array(recent[low...])
    }

    /// The events the network reads, timed from the first note it reads.
    public var tokens: [Int] { events(networkNotes[...]) }

    /// The primer's beat in seconds, which a continuation's chords change on: the median of the tempos its file says
    /// where the notes of its last `paceSeconds` start (a fermata's or a last bar's tempo is not the piece's), folded
    /// by octaves into `beatRange` (200 to 50 a minute). A continuation's chords changed on the quadrant's beat, 0.5 s,
    /// whatever the primer's: a piece at 66 a minute went on with chords twice as fast and a file at 131 a minute.
    /// (Over the network's whole minute, a take whose last sentence was slow, 103 a minute, went on at its earlier
    /// 133.)
    public var beatSeconds: Double? {
        let map = take.tempoMap
        let from = continuationStartSeconds - Self.paceSeconds
        let beats = networkNotes.filter { $0.startSeconds >= from }
            .map { 60 / map.beatsPerMinute(atTick: map.tick(atSeconds: $0.startSeconds)) }
            .filter { $0.isFinite && $0 > 0 }.sorted()
        guard !beats.isEmpty else { return nil }
        return Self.folded(beats[beats.count / 2])
    }

    /// `beat` (seconds) folded by octaves into `beatRange`.
    static func folded(_ beat: Double) -> Double {
        var beat = beat
        for _ in 0..<64 where beat > Self.beatRange.upperBound { beat /= 2 }
        for _ in 0..<64 where beat < Self.beatRange.lowerBound { beat *= 2 }
        return min(max(beat, Self.beatRange.lowerBound), Self.beatRange.upperBound)
    }

    /// Where the tempo the primer ends at is not its pace (folded, more than 15 % apart), the line that says the
    /// continuation goes on at its pace: the music changes speed at the join (a file at 60 a minute that went to
    /// 240 for its last 2 s went on at 60, without a word). A fermata's or a last bar's stretch folds to about the
    /// pace and says nothing.
    var paceNotice: String? {
        guard let beat = beatSeconds else { return nil }
        let map = take.tempoMap
        let ending = map.beatsPerMinute(atTick: map.tick(atSeconds: continuationStartSeconds))
        guard ending.isFinite, ending > 0 else { return nil }
        let endingBeat = Self.folded(60 / ending)
        guard max(endingBeat, beat) / min(endingBeat, beat) > 1.15 else { return nil }
        return String(format: "%@: goes on at %.0f a minute, the usual beat of its last %.0f s (it ends at %.0f a minute)",
                      name, 60 / beat, Self.paceSeconds, ending)
    }

    /// Seconds before the last onset whose tempos set a continuation's pace.
    public static let paceSeconds = 15.0

    /// The beats a continuation's chords may change on, in seconds.
    public static let beatRange = 0.3...1.2

    /// The events of `notes`, timed from the first of them.
    func events(_ notes: ArraySlice<EventVocabulary.DecodedNote>) -> [Int] {
        let origin = notes.first?.startSeconds ?? 0
        return vocabulary.encode(notes.map {
            var note = $0
            note.startSeconds -= origin
            return note
        })
    }

    /// The tonic (0 = C) of the key the Krumhansl–Kessler profiles find in the notes the network reads: the key
    /// the music is in where the continuation begins.
    public var keyTonic: Int { MusicalFeatures(notes: networkNotes).keyTonic }

    /// What a take's metadata keeps of the primer.
    public var record: TakeMetadata.PrimerRecord {
        TakeMetadata.PrimerRecord(file: name, seconds: secondsUsed, notes: take.notes.count,
                                  continuationStartSeconds: continuationStartSeconds)
    }

    /// Reads the primer from the MIDI file at `path`.
    ///
    /// Throws `MusicError.cannotRead` for a missing or unreadable file, `.malformedMIDI` for one that is not a
    /// Standard MIDI File, and `.unusablePrimer` when no note is left after the rules.
    public static func read(path: String, vocabulary: EventVocabulary, maximumSeconds: Double? = nil) throws -> Primer {
        var leftOut = MIDIFile.LeftOut()
        let name = String(path.split(separator: "/").last ?? Substring(path))
        var primer = try Primer(take: MIDIFile.read(path: path, leftOut: &leftOut), name: name,
                                vocabulary: vocabulary, maximumSeconds: maximumSeconds)
        // What the take has no place for (time-signature changes, pitch bends) is said as the rules' notices are.
        primer.notices = primer.notices + leftOut.lines(file: name, texts: true)  // notes left out first, then pitch bends
        return primer
    }

    /// The primer of `take` (see the type's description); `name` names it in notices and errors.
    public init(take source: Take, name: String, vocabulary: EventVocabulary, maximumSeconds asked: Double? = nil) throws {
        let maximumSeconds = min(asked ?? Self.longestSeconds, Self.longestSeconds)
        self.name = name
        self.vocabulary = vocabulary
        sourceMetadata = source.metadata
        sourceProgram = source.program
        let map = source.tempoMap
        let fileSeconds = source.durationSeconds
        var notices: [String] = [], dropped: [String] = []
        func say(_ count: Int, _ noun: String, _ rest: String, because reason: String) {
            guard count > 0 else { return }
            dropped.append("\(Self.count(count, noun)) \(rest)")
            notices.append("\(name): \(dropped[dropped.count - 1]) (\(reason))")
        }
        guard !source.notes.isEmpty else { throw MusicError.unusablePrimer(file: name, reason: "it holds no notes") }

        // What is said of the file is said of the part used (with --primer-seconds 5, the pedal changes and other
        // instruments of the whole file were counted); what comes later is one count of later notes.
        let cut = maximumSeconds < fileSeconds
        func used(_ tick: Int) -> Bool { !cut || map.seconds(atTick: tick) < maximumSeconds }
        let inTime = cut ? source.notes.filter { used($0.startTick) } : source.notes
        let melodic = inTime.filter { $0.channel != 9 }
        say(inTime.count - melodic.count, "drum note", "on channel 10 left out", because: "the model plays piano")
        say(source.controlChanges.filter { $0.controller == 64 && $0.channel != 9 && used($0.tick) }.count, "sustain pedal change", "left out",
            because: "the take's notes carry their own lengths; pedalled notes end where their keys were let go")
        // Other instruments are merged into the first one, and a change of instrument is not kept: both were dropped
        // without a word (a violin on channel 2 came back as piano).
        let others = melodic.filter { source.program(forChannel: $0.channel) != source.program }
        let otherNames = Set(others.map { GeneralMIDI.name(ofProgram: Int(source.program(forChannel: $0.channel))) }).sorted()
        if !others.isEmpty {
            notices.append("\(name): \(Self.count(others.count, "note")) of other instruments (\(otherNames.joined(separator: ", "))) played as "
                           + "\(GeneralMIDI.name(ofProgram: Int(source.program))) (the model plays one instrument)")
        }
        say(source.programChanges.filter { $0.channel != 9 && used($0.tick) }.count, "instrument change", "left out",
            because: "the take plays one instrument")
        let range = vocabulary.spec.pitch.lowest...vocabulary.spec.pitch.highest
        let inRange = melodic.filter { range.contains(Int($0.pitch)) }
        say(melodic.count - inRange.count, "note", "below or above \(Note.name(of: UInt8(range.lowerBound)))–"
            + "\(Note.name(of: UInt8(range.upperBound))) left out", because: "the model's range is MIDI \(range.lowerBound)–\(range.upperBound)")
        var kept = inRange
        if inTime.count < source.notes.count {
            let later = Self.count(source.notes.count - inTime.count, "later note")
            dropped.append(String(format: "%@ after %.1f s left out", later, maximumSeconds))
            notices.append(String(format: "%@: only the first %.1f s of %.1f s used%@; %@ left out", name, maximumSeconds,
                                  fileSeconds, asked.map { $0 > Self.longestSeconds } ?? true ? " (a primer is at most two hours)" : "",
                                  later))
        }
        // A note held past the two hours a primer may last ends there (kept whole, an absurd length would make the
        // continued take as long: a file others could not open).
        let lastTick = map.tick(atSeconds: Self.longestSeconds)
        var shortened = 0
        kept = kept.map { note in
            guard note.startTick < lastTick, note.startTick &+ note.durationTicks > lastTick else { return note }
            shortened += 1
            var cut = note
            cut.durationTicks = lastTick - note.startTick
            return cut
        }
        say(shortened, "note", "held past two hours shortened to end there", because: "a primer is at most two hours")
        secondsUsed = min(maximumSeconds, fileSeconds, Self.longestSeconds)

        // One channel, as the continued take has it; the resolution raised without moving any time.
        let factor = max((480 + map.ticksPerQuarter - 1) / map.ticksPerQuarter, 1)
        let fine = TempoMap(ticksPerQuarter: map.ticksPerQuarter * factor, changes: map.changes.map {
            TempoMap.Change(tick: $0.tick &* factor, microsecondsPerQuarter: $0.microsecondsPerQuarter)
        })
        let merged = Take(notes: kept.map {
            Note(pitch: $0.pitch, velocity: $0.velocity, startTick: $0.startTick &* factor,
                 durationTicks: $0.durationTicks &* factor)
        }, tempoMap: fine, timeSignature: source.timeSignature).resolvingOverlaps()
        say(kept.count - merged.notes.count, "doubled note", "left out", because: "one key struck twice at one tick sounds once")

        // At most `maximumNotesPerStep` onsets per vocabulary step: the loudest, the higher of equals.
        let stepSeconds = Double(vocabulary.spec.timeShift.stepMs) / 1000
        var chosen: [Note] = []
        var crowded = (steps: 0, dropped: 0, first: Double?.none)
        var group: [Note] = []
        var groupStep = Int.min
        func flush() {
            if group.count > Self.maximumNotesPerStep {
                crowded.steps += 1
                crowded.dropped += group.count - Self.maximumNotesPerStep
                if crowded.first == nil { crowded.first = fine.seconds(atTick: group[0].startTick) }
                let loudest = group.sorted { ($0.velocity, $0.pitch) > ($1.velocity, $1.pitch) }.prefix(Self.maximumNotesPerStep)
                chosen += group.filter { loudest.contains($0) }
            } else {
                chosen += group
            }
            group.removeAll()
        }
        for note in merged.notes {
            let step = Int((fine.seconds(atTick: note.startTick) / stepSeconds + 0.5).rounded(.down))
            if step != groupStep { flush() }
            groupStep = step
            group.append(note)
        }
        flush()
        if crowded.dropped > 0 {
            dropped.append("\(crowded.dropped) notes crowded into one moment left out")
            notices.append(String(format: "%@: more than %d notes start together (within %d ms) at %d %@ (the first at %.2f s); the %d quietest left out",
                                  name, Self.maximumNotesPerStep, vocabulary.spec.timeShift.stepMs, crowded.steps,
                                  crowded.steps == 1 ? "moment" : "moments", crowded.first ?? 0, crowded.dropped))
        }
        guard !chosen.isEmpty else {
            throw MusicError.unusablePrimer(file: name, reason: "no notes left to continue ("
                                            + dropped.joined(separator: "; ") + ")")
        }
        // The file's metre changes in the part used, on the finer ticks.
        let usedTick = map.tick(atSeconds: secondsUsed)
        var used = Take(notes: chosen, tempoMap: fine, timeSignature: source.timeSignature,
                        meterChanges: source.meterChanges.filter { $0.tick < usedTick }.map {
                            MeterChange(tick: $0.tick &* factor, signature: $0.signature)
                        })
        used.keySignature = source.keySignature
        used.keyChanges = source.keyChanges.filter { $0.tick < usedTick }.map {
            KeyChange(tick: $0.tick &* factor, signature: $0.signature)
        }
        take = used
        self.notices = notices
        let read = networkNotes
        if let first = read.first, first.startSeconds > take.startSeconds(of: take.notes[0]) {
            self.notices.append(String(format: "%@: %.1f s used; the network reads its last %@ (%.1f s to %.1f s, %d events), the earlier ones are kept as they are",
                                       name, secondsUsed, Self.count(read.count, "note"), first.startSeconds,
                                       continuationStartSeconds, tokens.count))
        }
        if let pace = paceNotice { self.notices.append(pace) }
    }

    /// "1 note", "2 notes".
    static func count(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The take that starts with the primer and goes on with `continuation` (notes timed from
    /// `continuationStartSeconds`): the primer's notes keep their ticks, pitches and velocities; continued notes
    /// go onto the primer's tempo map, a key struck again ending its earlier note as a piano does.
    /// `tempoMap`: the continuation's own (the generator's, in its time from 0); from where it starts the file says
    /// that tempo (`TempoMap.continued`). Without one, the primer's tempo in force there holds on.
    public func take(continuedWith continuation: [EventVocabulary.DecodedNote], tempoMap continuationTempo: TempoMap? = nil,
                     program: UInt8 = 0, metadata: TakeMetadata = TakeMetadata()) -> Take {
        let origin = continuationStartSeconds
        let map = continuationTempo.map { take.tempoMap.continued(atSeconds: origin, with: $0) } ?? take.tempoMap.until(seconds: origin)
        let added = continuation.map { note in
            let start = map.tick(atSeconds: origin + note.startSeconds)
            let end = map.tick(atSeconds: origin + note.startSeconds + max(note.durationSeconds, 0))
            return Note(pitch: UInt8(clamping: note.pitch), velocity: UInt8(clamping: note.velocity), startTick: start,
                        durationTicks: end - start)
        }
        // The primer's metre up to where the new music starts; the one in force there goes on.
        let startTick = take.tempoMap.tick(atSeconds: origin)
        // A primer note still sounding where the new tempo begins keeps its seconds, not its ticks: a 4-s chord held
        // over the join of a 60-bpm primer continued at 138 bpm lasted 1.7 s, and 2 s of silence followed it.
        let kept = take.notes.map { note -> Note in
            let end = note.startTick + note.durationTicks
            guard end > startTick else { return note }
            var retimed = note
            retimed.durationTicks = max(map.tick(atSeconds: take.tempoMap.seconds(atTick: end)) - note.startTick, 0)
            return retimed
        }
        var continued = Take(notes: kept + added, tempoMap: map, timeSignature: take.timeSignature,
                             meterChanges: take.meterChanges.filter { $0.tick <= startTick }, program: program,
                             metadata: metadata)
        continued.keySignature = take.keySignature
        continued.keyChanges = take.keyChanges.filter { $0.tick <= startTick }
        return continued.resolvingOverlaps()
    }
}
