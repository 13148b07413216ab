#if canImport(Glibc)
import Glibc
#endif

/// Picks the next event from logits: temperature (0 takes the most likely), top-k, top-p, from a seeded generator.
///
/// Settings can change between any two steps; the sampler keeps no state but its scratch buffers.
public struct Sampler: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Softmax temperature, ≥ 0; 0 means argmax.
        public var temperature: Double
        /// Keep the k most likely events; 0 keeps all.
        public var topK: Int
        /// Keep the smallest set of events whose probability reaches p, in (0, 1]; 1 keeps all.
        public var topP: Double

        public init(temperature: Double = 1, topK: Int = 0, topP: Double = 1) {
            self.temperature = temperature
            self.topK = topK
            self.topP = topP
        }

        /// Throws `MusicError.invalidValue` naming the flag for values out of range.
        public func validate() throws {
            // The studio's row and the config's key stop at 2 as well; far above it every event is about as likely.
            guard (0...2).contains(temperature) else {
                throw MusicError.invalidValue("--temperature must be from 0 to 2 (got \(temperature))")
            }
            guard topK >= 0 else { throw MusicError.invalidValue("--top-k must be 0 or more (got \(topK))") }
            guard topP > 0, topP <= 1 else { throw MusicError.invalidValue("--top-p must be in (0, 1] (got \(topP))") }
        }
    }

    private var order: [Int] = []
    private var probabilities: [Double] = []

    public init() {}

    /// The index of the largest logit (the first of equals).
    public static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }

    /// Draws an event index from `logits` with `settings`, using `generator`.
    public mutating func sample(_ logits: [Float], settings: Settings, generator: inout SplitMix64) -> Int {
        guard settings.temperature > 0, !logits.isEmpty else { return Self.argmax(logits) }
        let count = logits.count
        if order.count != count {
            order = Array(0..<count)
            probabilities = [Double](repeating: 0, count: count)
        }
        // Indices by logit, descending, ties by index (deterministic): the k best by insertion when top-k keeps
        // fewer than all (most events fall below the k-th best and cost one comparison), else a full sort.
        let kept = settings.topK > 0 ? min(settings.topK, count) : count
        if kept < count {
            var filled = 0
            for index in 0..<count {
                let value = logits[index]
                if filled == kept {
                    if value <= logits[order[kept - 1]] { continue }
                } else {
                    filled += 1
                }
                var position = filled - 1
                while position > 0, logits[order[position - 1]] < value {
                    order[position] = order[position - 1]
                    position -= 1
                }
                order[position] = index
            }
        } else {
            for index in 0..<count { order[index] = index }
            order.sort { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        }
        let top = Double(logits[order[0]])
        var total = 0.0
        for rank in 0..<kept {
            let p = exp((Double(logits[order[rank]]) - top) / settings.temperature)
            probabilities[rank] = p
            total += p
        }
        // Nucleus: the smallest prefix whose probability reaches topP.
        var cut = kept
        if settings.topP < 1 {
            var running = 0.0
            for rank in 0..<kept {
                running += probabilities[rank] / total
                if running >= settings.topP {
                    cut = rank + 1
                    break
                }
            }
            total = probabilities[0..<cut].reduce(0, +)
        }
        let u = generator.nextUnit() * total
        var running = 0.0
        for rank in 0..<cut {
            running += probabilities[rank]
            if u < running { return order[rank] }
        }
        return order[cut - 1]
    }
}
