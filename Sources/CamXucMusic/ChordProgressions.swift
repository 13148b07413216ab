import Foundation

/// The per-quadrant chord progressions of `Models/music-progressions.json` (format: the docstring of
/// `Models/training/music/progressions.py`): start, unigram, bigram and trigram tables of Roman-numeral chords and
/// chord lengths in beats, per quadrant and mode.
///
/// Every distribution is kept as a list sorted by falling probability, then id (the file's order), so that sampling
/// never depends on a dictionary's order.
public struct ChordProgressions: Sendable {
    /// One (chord id or length index, probability) distribution.
    public typealias Distribution = [(id: Int, probability: Double)]

    public struct Table: Sendable {
        public var unigram: Distribution
        public var bigram: [Int: Distribution]
        /// Keyed by previous · 100 + current.
        public var trigram: [Int: Distribution]
        /// Probabilities of 1 … 16 beats.
        public var duration: [Double]
        public var durationByState: [Int: [Double]]

        /// The chords that come before `chord` in this table's music, by how often: P(c | next is `chord`) ∝
        /// unigram(c) · bigram(c → `chord`), `chord` itself left out, and any under `least` of the total dropped
        /// (rare approaches are the tables' noise). Sorted by falling probability, then id.
        public func approaches(to chord: Int, least: Double = 0.05) -> Distribution {
            var scores: [(id: Int, probability: Double)] = []
            for (id, p) in unigram where id != chord {
                guard let next = bigram[id]?.first(where: { $0.id == chord }), next.probability > 0 else { continue }
                scores.append((id, p * next.probability))
            }
            let total = scores.reduce(0) { $0 + $1.probability }
            guard total > 0 else { return [] }
            return scores.filter { $0.probability >= least * total }
                .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.id < $1.id }
        }
    }

    public struct Quadrant: Sendable {
        public var majorShare: Double
        /// Seconds of model time per beat.
        public var beatSeconds: Double
        public var major: Table
        public var minor: Table
    }

    /// Roman numeral of each chord id (1…24), relative to the key's tonic.
    public let names: [Int: String]
    /// "Q1" … "Q4" and "all".
    public let quadrants: [String: Quadrant]

    /// Reads the file; throws a `MusicError` naming it when it is missing or not this format.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MusicError.cannotRead(file: path, reason: "no such file")
        }
        try self.init(data: data, path: path)
    }

    public init(data: Data, path: String = "music-progressions.json") throws {
        struct RawState: Decodable { var id: Int; var name: String }
        struct RawTable: Decodable {
            var unigram: [String: Double]?
            var bigram: [String: [String: Double]]?
            var trigram: [String: [String: Double]]?
            var duration: [Double]?
            var durationByState: [String: [Double]]?
            var use: String?
        }
        struct RawQuadrant: Decodable {
            var majorShare: Double
            var beatSeconds: Double
            var modes: [String: RawTable]
        }
        struct RawFile: Decodable {
            var format: String
            var version: Int
            var states: [RawState]
            var quadrants: [String: RawQuadrant]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        func bad(_ reason: String) -> MusicError { .badModel("cannot use chord progressions \(path): \(reason)") }
        guard let raw = try? decoder.decode(RawFile.self, from: data) else { throw bad("it is not valid JSON of the expected shape") }
        guard raw.format == "camxuc-music-progressions", raw.version == 1 else {
            throw bad("format \(raw.format) version \(raw.version), expected camxuc-music-progressions 1")
        }
        // Every chord a table names must be a state of the file, every probability (of a chord, of a length in beats)
        // finite and not negative: a file that breaks this would plan "?" chords or never draw one.
        let stateIDs = Set(raw.states.map(\.id))
        guard !stateIDs.isEmpty else { throw bad("it lists no chord states") }
        func distribution(_ entries: [String: Double]) throws -> Distribution {
            let parsed = try entries.map { key, p -> (id: Int, probability: Double) in
                guard let id = Int(key), stateIDs.contains(id) else { throw bad("chord '\(key)' is not one of its states") }
                guard p.isFinite, p >= 0 else { throw bad("chord \(key) has the probability \(p)") }
                return (id, p)
            }
            return parsed.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.id < $1.id }
        }
        func lengths(_ values: [Double]) throws -> [Double] {
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 }), values.contains(where: { $0 > 0 }) else {
                throw bad("a table of chord lengths holds a negative or no probability")
            }
            return values
        }
        func table(_ raw: RawTable?) throws -> Table? {
            guard let raw, raw.use == nil, let unigram = raw.unigram, let duration = raw.duration, !duration.isEmpty else { return nil }
            var bigram: [Int: Distribution] = [:], trigram: [Int: Distribution] = [:], byState: [Int: [Double]] = [:]
            for (key, row) in raw.bigram ?? [:] { if let id = Int(key) { bigram[id] = try distribution(row) } }
            for (key, row) in raw.trigram ?? [:] {
                let ids = key.split(separator: ",").compactMap { Int($0) }
                if ids.count == 2 { trigram[ids[0] * 100 + ids[1]] = try distribution(row) }
            }
            for (key, row) in raw.durationByState ?? [:] { if let id = Int(key), !row.isEmpty { byState[id] = try lengths(row) } }
            let first = try distribution(unigram)
            guard first.contains(where: { $0.probability > 0 }) else { throw bad("a table has no chord to start from") }
            return Table(unigram: first, bigram: bigram, trigram: trigram, duration: try lengths(duration),
                         durationByState: byState)
        }
        guard let all = raw.quadrants["all"], let allMajor = try table(all.modes["major"]),
              let allMinor = try table(all.modes["minor"]) else {
            throw bad("the pooled \"all\" tables are missing")
        }
        var quadrants: [String: Quadrant] = [:]
        for (name, entry) in raw.quadrants.sorted(by: { $0.key < $1.key }) {  // the same error on every run
            guard entry.beatSeconds > 0, (0...1).contains(entry.majorShare) else { throw bad("quadrant \(name) has a bad beat or major share") }
            // A mode with too few pieces says "use": "all" and borrows the pooled tables.
            quadrants[name] = Quadrant(majorShare: entry.majorShare, beatSeconds: entry.beatSeconds,
                                       major: try table(entry.modes["major"]) ?? allMajor,
                                       minor: try table(entry.modes["minor"]) ?? allMinor)
        }
        names = Dictionary(raw.states.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.quadrants = quadrants
    }

    /// The quadrant name of a point: "Q1" (V ≥ 0, A ≥ 0), "Q2" (V < 0, A ≥ 0), "Q3", "Q4".
    public static func quadrantName(valence: Double, arousal: Double) -> String {
        switch (valence >= 0, arousal >= 0) {
        case (true, true): "Q1"
        case (false, true): "Q2"
        case (false, false): "Q3"
        case (true, false): "Q4"
        }
    }

    /// Draws from `distribution` leaving out `excluded`, as progressions.py's `draw`; nil when nothing is left.
    static func draw(_ distribution: Distribution, excluding excluded: Int? = nil, generator: inout SplitMix64) -> Int? {
        var total = 0.0
        for entry in distribution where entry.id != excluded { total += entry.probability }
        guard total > 0 else { return nil }
        var x = generator.nextUnit() * total
        var last: Int?
        for entry in distribution where entry.id != excluded {
            x -= entry.probability
            last = entry.id
            if x <= 0 { return entry.id }
        }
        return last
    }
}
