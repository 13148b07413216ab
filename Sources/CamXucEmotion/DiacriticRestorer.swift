import CamXucTensor
import CamXucText
import Foundation

/// Puts Vietnamese diacritics back on text typed without them ("het buon roi" → "hết buồn rồi"), so the main heads
/// can read it too: a syllable trigram language model over CamXuc's normalised tokens and exact Viterbi over each
/// token's candidates.
///
/// The twin of `Models/training/text/diacritics.py` (`Restorer`), which trains the model and writes a golden file
/// of restorations that a test reads back: the same tensors, the same arithmetic (float32 log-probabilities summed
/// in Double), the same order of candidates, the first candidate kept on a tie.
public struct DiacriticRestorer: Sendable {
    let vocabulary: [String]
    let index: [String: Int]
    let unigramLogP: [Float]
    let unigramBackoff: [Float]
    /// The bigrams of first word a are `bigramStart[a]..<bigramStart[a + 1]`, sorted by their second word.
    let bigramStart: [Int32]
    let bigramNext: [UInt16]
    let bigramLogP: [Float]
    /// A bigram's weight as the context of a trigram.
    let bigramBackoff: [Float]
    /// The trigrams of bigram j are `trigramStart[j]..<trigramStart[j + 1]`, sorted by their third word.
    let trigramStart: [Int32]
    let trigramNext: [UInt16]
    let trigramLogP: [Float]
    /// Folded form → vocabulary ids of the words that fold to it, most frequent first.
    let candidates: [String: [Int]]
    let bos = 1
    let eos = 2
    /// The share of the restored text's reading when the classifier mixes it with the reading as typed
    /// (`restored_weight`, chosen on UIT-VSMEC valid and the everyday dev set, both without diacritics).
    public let weight: Double

    struct Config: Decodable {
        struct Shape: Decodable { var dtype: String; var shape: [Int] }
        var name: String
        var restored_weight: Double?
        var tensors: [String: Shape]
    }

    public init(configPath: String, weightsPath: String) throws {
        let config: Config
        do {
            guard let data = FileManager.default.contents(atPath: configPath) else {
                throw EmotionError.badConfig(file: configPath, reason: "it cannot be read")
            }
            config = try JSONDecoder().decode(Config.self, from: data)
        } catch let error as EmotionError {
            throw error
        } catch {
            throw EmotionError.badConfig(file: configPath, reason: "it is not the diacritic restorer's config")
        }
        func fail(_ reason: String) -> EmotionError { .badConfig(file: configPath, reason: reason) }
        guard let restoredWeight = config.restored_weight, (0...1).contains(restoredWeight) else {
            throw fail("restored_weight must be a number from 0 to 1")
        }
        weight = restoredWeight
        func count(_ name: String, _ dtype: String) throws -> Int {
            guard let entry = config.tensors[name], entry.dtype == dtype, entry.shape.count == 1 else {
                throw fail("tensor '\(name)' should be one-dimensional \(dtype)")
            }
            return entry.shape[0]
        }
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            func floats(_ name: String, _ dtype: String) throws -> [Float] {
                try file.tensor(name, dtype: dtype, shape: [count(name, dtype)]).values
            }
            func integers(_ name: String) throws -> [Int32] { try file.int32Tensor(name, count: count(name, "I32")) }
            func words(_ name: String) throws -> [UInt16] { try file.uint16Tensor(name, count: count(name, "U16")) }
            func text(_ name: String) throws -> [String] {
                let bytes = try file.byteTensor(name, count: count(name, "U8"))
                return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            vocabulary = try text("vocab")
            unigramLogP = try floats("unigram_logp", "F32")
            unigramBackoff = try floats("unigram_backoff", "F32")
            bigramStart = try integers("bigram_start")
            bigramNext = try words("bigram_next")
            bigramLogP = try floats("bigram_logp", "F16")
            bigramBackoff = try floats("bigram_backoff", "F16")
            trigramStart = try integers("trigram_start")
            trigramNext = try words("trigram_next")
            trigramLogP = try floats("trigram_logp", "F16")
            let forms = try text("forms")
            let starts = try integers("candidate_starts")
            let ids = try integers("candidate_ids")
            let size = vocabulary.count
            guard size >= 3, vocabulary[0] == "<unk>", vocabulary[1] == "<s>", vocabulary[2] == "</s>" else {
                throw fail("the vocabulary must begin with <unk>, <s>, </s>")
            }
            // Every range must lie inside its table and every id inside the vocabulary, so a lookup cannot trap.
            func ranges(_ start: [Int32], count: Int, over table: Int) -> Bool {
                start.count == count + 1 && start.first == 0 && start.last == Int32(table)
                    && zip(start, start.dropFirst()).allSatisfy { $0 <= $1 }
            }
            guard unigramLogP.count == size, unigramBackoff.count == size,
                  ranges(bigramStart, count: size, over: bigramNext.count),
                  bigramLogP.count == bigramNext.count, bigramBackoff.count == bigramNext.count,
                  ranges(trigramStart, count: bigramNext.count, over: trigramNext.count),
                  trigramLogP.count == trigramNext.count,
                  ranges(starts, count: forms.count, over: ids.count),
                  zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }),  // every form has a candidate
                  bigramNext.allSatisfy({ $0 < size }), trigramNext.allSatisfy({ $0 < size }),
                  ids.allSatisfy({ $0 >= 0 && $0 < size })
            else { throw fail("its tables do not agree in length") }
            var index: [String: Int] = [:]
            index.reserveCapacity(size)
            for (id, word) in vocabulary.enumerated() { index[word] = id }
            self.index = index
            var candidates: [String: [Int]] = [:]
            candidates.reserveCapacity(forms.count)
            for (position, form) in forms.enumerated() {
                candidates[form] = ids[Int(starts[position])..<Int(starts[position + 1])].map { Int($0) }
            }
            self.candidates = candidates
        } catch let error as TensorError {
            throw EmotionError.badWeights(error)
        }
    }

    /// The restorer beside the emotion model (`diacritics-vi.json` and `.safetensors` in the same folder), or nil
    /// when it is not there.
    public static func beside(configPath: String) throws -> DiacriticRestorer? {
        let folder = (configPath as NSString).deletingLastPathComponent
        let config = (folder as NSString).appendingPathComponent("diacritics-vi.json")
        let weights = (folder as NSString).appendingPathComponent("diacritics-vi.safetensors")
        guard FileManager.default.fileExists(atPath: config) else { return nil }
        return try DiacriticRestorer(configPath: config, weightsPath: weights)
    }

    /// The position of `value` in `table[range]` (sorted), or nil.
    static func search(_ table: [UInt16], _ range: Range<Int>, _ value: Int) -> Int? {
        var low = range.lowerBound, high = range.upperBound
        guard let target = UInt16(exactly: value) else { return nil }
        while low < high {
            let middle = (low + high) / 2
            if table[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound && table[low] == target ? low : nil
    }

    func bigram(_ a: Int, _ b: Int) -> Int? {
        Self.search(bigramNext, Int(bigramStart[a])..<Int(bigramStart[a + 1]), b)
    }

    func logP2(_ a: Int, _ b: Int) -> Double {
        if let found = bigram(a, b) { return Double(bigramLogP[found]) }
        return Double(unigramBackoff[a]) + Double(unigramLogP[b])
    }

    func logP3(_ a: Int, _ b: Int, _ c: Int) -> Double {
        guard let context = bigram(a, b) else { return 0 + logP2(b, c) }
        if let found = Self.search(trigramNext, Int(trigramStart[context])..<Int(trigramStart[context + 1]), c) {
            return Double(trigramLogP[found])
        }
        return Double(bigramBackoff[context]) + logP2(b, c)
    }

    /// A token the restorer may change: letters only, none of them with a diacritic.
    static func isFoldable(_ token: String) -> Bool {
        !token.isEmpty && token.unicodeScalars.allSatisfy { TextNormalizer.isLetter($0) && VietnameseFolding.fold($0) == $0 }
    }

    func options(_ token: String) -> [(word: String, id: Int)] {
        if Self.isFoldable(token), let ids = candidates[token] {
            return ids.map { (vocabulary[$0], $0) }
        }
        return [(token, index[token] ?? 0)]
    }

    /// `tokens` (normalised) with diacritics restored where the model finds them likelier; tokens that carry a
    /// diacritic, or are not made of letters, stay as they are.
    public func restore(_ tokens: [String]) -> [String] {
        guard !tokens.isEmpty else { return [] }
        struct State: Hashable { var previous: Int; var current: Int }
        struct Cell { var score: Double; var back: State; var word: String }
        var columns: [[State: Cell]] = []
        var order: [[State]] = []  // insertion order, as Python's dict keeps it
        var previous: [(State, Double)] = [(State(previous: bos, current: bos), 0)]
        for token in tokens {
            var column: [State: Cell] = [:]
            var states: [State] = []
            for option in options(token) {
                for (state, score) in previous {
                    let value = score + logP3(state.previous, state.current, option.id)
                    let next = State(previous: state.current, current: option.id)
                    if let existing = column[next] {
                        if value > existing.score { column[next] = Cell(score: value, back: state, word: option.word) }
                    } else {
                        column[next] = Cell(score: value, back: state, word: option.word)
                        states.append(next)
                    }
                }
            }
            columns.append(column)
            order.append(states)
            previous = states.map { ($0, column[$0]!.score) }
        }
        var best = order[order.count - 1][0]
        var bestValue = -Double.infinity
        for state in order[order.count - 1] {
            let total = columns[columns.count - 1][state]!.score + logP3(state.previous, state.current, eos)
            if total > bestValue { best = state; bestValue = total }
        }
        var words: [String] = []
        var state = best
        for column in columns.reversed() {
            let cell = column[state]!
            words.append(cell.word)
            state = cell.back
        }
        return words.reversed()
    }
}
