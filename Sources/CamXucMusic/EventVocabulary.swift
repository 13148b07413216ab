import Foundation

/// The music model's events, defined once in `Models/music-vocab.json` and read by both the Python training code
/// (`Models/training/camxuc_music.py`) and this type; a shared fixture checks that both give the same tokens.
///
/// A note is VELOCITY (only when its bin changes), NOTE, DURATION, after the TIME_SHIFT tokens that reach its
/// onset. Every note states its own length, so a model cannot forget to end it. Times round to the nearest
/// `stepMilliseconds` with ⌊x + ½⌋; durations go to the nearest centre in log space.
public struct EventVocabulary: Sendable, Equatable {
    /// The JSON spec.
    public struct Spec: Codable, Equatable, Sendable {
        public struct TimeShift: Codable, Equatable, Sendable { public var stepMs: Int; public var steps: Int }
        public struct Velocity: Codable, Equatable, Sendable { public var bins: Int }
        public struct Pitch: Codable, Equatable, Sendable { public var lowest: Int; public var highest: Int }
        public struct Duration: Codable, Equatable, Sendable { public var centersMs: [Int] }
        public var name: String
        public var version: Int
        public var specials: [String]
        public var timeShift: TimeShift
        public var velocity: Velocity
        public var pitch: Pitch
        public var duration: Duration
    }

    /// What one token means.
    public enum Event: Equatable, Sendable {
        case special(String)
        /// Advance time by this many steps.
        case timeShift(steps: Int)
        case velocity(bin: Int)
        case note(pitch: Int)
        case duration(bin: Int)
    }

    /// A note as the vocabulary can express it.
    public struct DecodedNote: Equatable, Sendable {
        public var pitch: Int
        public var velocity: Int
        public var startSeconds: Double
        public var durationSeconds: Double

        public init(pitch: Int, velocity: Int, startSeconds: Double, durationSeconds: Double) {
            self.pitch = pitch
            self.velocity = velocity
            self.startSeconds = startSeconds
            self.durationSeconds = durationSeconds
        }
    }

    public let spec: Spec
    public let names: [String]
    let timeShiftBase: Int
    let velocityBase: Int
    let noteBase: Int
    let durationBase: Int
    let logDurations: [Double]

    public init(spec: Spec) {
        self.spec = spec
        var names = spec.specials
        names += (1...max(spec.timeShift.steps, 1)).map { "TIME_SHIFT_\($0)" }
        names += (0..<spec.velocity.bins).map { "VELOCITY_\($0)" }
        names += (spec.pitch.lowest...spec.pitch.highest).map { "NOTE_\($0)" }
        names += spec.duration.centersMs.indices.map { "DURATION_\($0)" }
        self.names = names
        timeShiftBase = spec.specials.count
        velocityBase = timeShiftBase + spec.timeShift.steps
        noteBase = velocityBase + spec.velocity.bins
        durationBase = noteBase + (spec.pitch.highest - spec.pitch.lowest + 1)
        logDurations = spec.duration.centersMs.map { log(Double(max($0, 1))) }
    }

    /// Reads the spec; throws `MusicError.cannotRead` naming the file.
    public static func load(path: String) throws -> EventVocabulary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MusicError.cannotRead(file: path, reason: "no such file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let spec = try? decoder.decode(Spec.self, from: data) else {
            throw MusicError.badModel("cannot use event vocabulary \(path): not a valid event vocabulary spec")
        }
        guard spec.timeShift.steps > 0, spec.timeShift.stepMs > 0, spec.velocity.bins > 0, spec.velocity.bins <= 128,
              spec.pitch.lowest >= 0, spec.pitch.highest <= 127, spec.pitch.lowest <= spec.pitch.highest,
              !spec.duration.centersMs.isEmpty else {
            throw MusicError.badModel("cannot use event vocabulary \(path): the spec's ranges are out of bounds")
        }
        return EventVocabulary(spec: spec)
    }

    public var count: Int { names.count }

    /// The meaning of token `index` (nil outside the vocabulary).
    public func event(_ index: Int) -> Event? {
        switch index {
        case 0..<timeShiftBase: return .special(names[index])
        case timeShiftBase..<velocityBase: return .timeShift(steps: index - timeShiftBase + 1)
        case velocityBase..<noteBase: return .velocity(bin: index - velocityBase)
        case noteBase..<durationBase: return .note(pitch: index - noteBase + spec.pitch.lowest)
        case durationBase..<names.count: return .duration(bin: index - durationBase)
        default: return nil
        }
    }

    /// The tokens that start a note (VELOCITY and NOTE events), against the time shifts that wait and the durations.
    var noteStartTokens: Range<Int> { velocityBase..<durationBase }

    /// Whether token `index` is a DURATION event, the last of a note's events.
    public func isDuration(_ index: Int) -> Bool { (durationBase..<names.count).contains(index) }

    /// The token of `event` (nil when the event is outside the vocabulary).
    public func index(of event: Event) -> Int? {
        switch event {
        case let .special(name): return spec.specials.firstIndex(of: name)
        case let .timeShift(steps): return (1...spec.timeShift.steps).contains(steps) ? timeShiftBase + steps - 1 : nil
        case let .velocity(bin): return (0..<spec.velocity.bins).contains(bin) ? velocityBase + bin : nil
        case let .note(pitch): return (spec.pitch.lowest...spec.pitch.highest).contains(pitch) ? noteBase + pitch - spec.pitch.lowest : nil
        case let .duration(bin): return spec.duration.centersMs.indices.contains(bin) ? durationBase + bin : nil
        }
    }

    public func velocityBin(_ velocity: Int) -> Int { min(max(velocity, 1), 127) * spec.velocity.bins / 128 }

    public func velocity(ofBin bin: Int) -> Int {
        let width = 128 / spec.velocity.bins
        return min(max(bin * width + width / 2, 1), 127)
    }

    public func durationBin(seconds: Double) -> Int {
        let target = log(max(seconds * 1000, 1e-3))
        var best = 0, bestDistance = Double.infinity
        for (index, value) in logDurations.enumerated() where abs(value - target) < bestDistance {
            best = index
            bestDistance = abs(value - target)
        }
        return best
    }

    /// Tokens for notes given as (pitch, velocity, start seconds, duration seconds); notes outside the pitch
    /// range are dropped.
    public func encode(_ notes: [DecodedNote]) -> [Int] {
        let ordered = notes.enumerated().sorted {
            ($0.element.startSeconds, $0.element.pitch, $0.offset) < ($1.element.startSeconds, $1.element.pitch, $1.offset)
        }.map(\.element)
        var tokens: [Int] = []
        var currentStep = 0
        var lastVelocityBin: Int?
        for note in ordered where (spec.pitch.lowest...spec.pitch.highest).contains(note.pitch) {
            let step = Int((note.startSeconds * 1000 / Double(spec.timeShift.stepMs) + 0.5).rounded(.down))
            var delta = step - currentStep
            while delta > 0 {
                let shift = min(delta, spec.timeShift.steps)
                tokens.append(timeShiftBase + shift - 1)
                delta -= shift
            }
            currentStep = max(currentStep, step)
            let bin = velocityBin(note.velocity)
            if bin != lastVelocityBin {
                tokens.append(velocityBase + bin)
                lastVelocityBin = bin
            }
            tokens.append(noteBase + note.pitch - spec.pitch.lowest)
            tokens.append(durationBase + durationBin(seconds: note.durationSeconds))
        }
        return tokens
    }

    /// Tokens for every melodic note of `take` (General MIDI percussion on channel 10 is left out).
    public func encode(_ take: Take) -> [Int] {
        encode(take.notes.filter { $0.channel != 9 }.map { note in
            DecodedNote(pitch: Int(note.pitch), velocity: Int(note.velocity), startSeconds: take.startSeconds(of: note),
                        durationSeconds: take.endSeconds(of: note) - take.startSeconds(of: note))
        })
    }

    /// Notes from tokens (a NOTE without its DURATION is dropped).
    public func decode(_ tokens: [Int]) -> [DecodedNote] {
        var decoder = StreamingDecoder(vocabulary: self)
        return tokens.compactMap { decoder.feed($0) }
    }

    /// Turns tokens into notes one at a time, as a generator emits them: a note exists once its DURATION arrives.
    public struct StreamingDecoder: Sendable {
        public let vocabulary: EventVocabulary
        /// Time reached so far, in steps.
        public private(set) var step = 0
        public private(set) var velocity: Int
        var pending: Int?

        public init(vocabulary: EventVocabulary) {
            self.vocabulary = vocabulary
            velocity = vocabulary.velocity(ofBin: vocabulary.spec.velocity.bins / 2)
        }

        /// Seconds reached so far.
        public var seconds: Double { Double(step * vocabulary.spec.timeShift.stepMs) / 1000 }

        /// Feeds one token; returns the note it completes, if any.
        public mutating func feed(_ token: Int) -> DecodedNote? {
            switch vocabulary.event(token) {
            case let .timeShift(steps)?:
                step += steps
                pending = nil
            case let .velocity(bin)?:
                velocity = vocabulary.velocity(ofBin: bin)
            case let .note(pitch)?:
                pending = pitch
            case let .duration(bin)?:
                if let pitch = pending {
                    pending = nil
                    return DecodedNote(pitch: pitch, velocity: velocity, startSeconds: seconds,
                                       durationSeconds: Double(vocabulary.spec.duration.centersMs[bin]) / 1000)
                }
            case .special?, nil:
                break
            }
            return nil
        }
    }
}
