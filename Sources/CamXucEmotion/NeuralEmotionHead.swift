import CamXucTensor
import CamXucText
import Foundation

/// The neural head: a bidirectional LSTM over the normalised syllables, so word order counts ("không vui",
/// "hết buồn rồi"). Each token is the sum of a syllable embedding and an embedding of the syllable with its
/// diacritics removed (text typed without accents lands near its accented form); a forward and a backward LSTM run
/// over the sentence; the mean and the maximum of their outputs over time go through one linear layer and a softmax
/// with a temperature. Trained by distillation from a larger encoder (`Models/training/text/gpu_teacher.py`); the
/// exact forward pass is `student_eval.py`'s, whose PyTorch outputs are the golden fixture.
///
/// Loading checks every tensor against the config. Reading is pure and thread-safe; it allocates per call only.
public final class NeuralEmotionHead: Sendable {
    /// The config `gpu_teacher.py` writes beside the weights.
    struct Config: Decodable {
        var vocab: [String]
        var foldedVocab: [String]
        var embedding: Int
        var hidden: Int
        var temperature: Double
        var maxTokens: Int
        var unk: Int
        var ensembleWeight: Double?
        var ensembleWeightPlain: Double?
        var ensembleTemperature: Double?

        enum CodingKeys: String, CodingKey {
            case vocab, embedding, hidden, temperature, unk
            case ensembleWeight = "ensemble_weight"
            case ensembleWeightPlain = "ensemble_weight_plain"
            case ensembleTemperature = "ensemble_temperature"
            case foldedVocab = "folded_vocab"
            case maxTokens = "max_tokens"
        }
    }

    let vocabulary: [String: Int]
    let foldedVocabulary: [String: Int]
    let syllableEmbedding: [Float]
    let foldedEmbedding: [Float]
    let forward: LSTMLayer
    let backward: LSTMLayer
    let head: Linear
    public let embedding: Int
    public let hidden: Int
    public let temperature: Double
    public let maxTokens: Int
    /// This head's share when mixed with the linear heads (1 when the config names none).
    public let ensembleWeight: Double
    /// Its share for text typed without diacritics, which the plain linear head reads (`ensemble.py`: the weight
    /// that reads UIT-VSMEC valid without diacritics best among those that read the everyday dev set without
    /// diacritics no worse than `ensembleWeight`); `ensembleWeight` when the config names none.
    public let ensembleWeightPlain: Double
    /// The mixture's temperature (p ← p^(1/T), renormalised), fitted on UIT-VSMEC valid; 1 when the config names none.
    public let ensembleTemperature: Double
    let unknown: Int

    public init(configPath: String, weightsPath: String) throws {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw EmotionError.badConfig(file: configPath, reason: "it cannot be read")
        }
        let config: Config
        do {
            config = try JSONDecoder().decode(Config.self, from: data)
        } catch {
            throw EmotionError.badConfig(file: configPath, reason: "it is not the neural head's config: " + EmotionModelConfig.describe(decoding: error))
        }
        guard config.embedding > 0, config.hidden > 0, !config.vocab.isEmpty, !config.foldedVocab.isEmpty,
              config.unk >= 0, config.unk < min(config.vocab.count, config.foldedVocab.count), config.temperature > 0,
              config.maxTokens > 0 else {
            throw EmotionError.badConfig(file: configPath, reason: "its sizes are out of range")
        }
        let (e, h) = (config.embedding, config.hidden)
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
                let dtype = file.entries[name]?.dtype ?? "F16"
                return try file.tensor(name, dtype: dtype == "F32" ? "F32" : "F16", shape: shape)
            }
            syllableEmbedding = try tensor("syllable_embedding", [config.vocab.count, e]).values
            foldedEmbedding = try tensor("folded_embedding", [config.foldedVocab.count, e]).values
            func layer(_ prefix: String) throws -> LSTMLayer {
                LSTMLayer(weightIH: try tensor(prefix + ".weight_ih", [4 * h, e]),
                          weightHH: try tensor(prefix + ".weight_hh", [4 * h, h]),
                          biasIH: try tensor(prefix + ".bias_ih", [4 * h]), biasHH: try tensor(prefix + ".bias_hh", [4 * h]))
            }
            forward = try layer("forward")
            backward = try layer("backward")
            let classes = file.entries["head.bias"]?.shape.first ?? 7
            head = Linear(weight: try tensor("head.weight", [classes, 4 * h]), bias: try tensor("head.bias", [classes]))
        } catch let error as TensorError {
            throw EmotionError.badWeights(error)
        }
        vocabulary = Dictionary(config.vocab.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        foldedVocabulary = Dictionary(config.foldedVocab.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        embedding = e
        hidden = h
        temperature = config.temperature
        maxTokens = config.maxTokens
        unknown = config.unk
        ensembleWeight = min(max(config.ensembleWeight ?? 1, 0), 1)
        ensembleWeightPlain = min(max(config.ensembleWeightPlain ?? ensembleWeight, 0), 1)
        ensembleTemperature = min(max(config.ensembleTemperature ?? 1, 0.05), 20)
    }

    /// Classes the head scores.
    public var classes: Int { head.outputs }

    /// The ids of `tokens` (already normalised): the syllable's and its folded form's, unknown ones as `unk`.
    func ids(_ tokens: [String]) -> [(syllable: Int, folded: Int)] {
        let kept = tokens.prefix(maxTokens)
        guard !kept.isEmpty else { return [(unknown, unknown)] }
        return kept.map { (vocabulary[$0] ?? unknown, foldedVocabulary[VietnameseFolding.fold($0)] ?? unknown) }
    }

    /// Logits (before the temperature) for already-normalised tokens.
    public func logits(tokens: [String]) -> [Float] {
        let ids = ids(tokens)
        let n = ids.count, e = embedding, h = hidden
        var inputs = [Float](repeating: 0, count: n * e)
        syllableEmbedding.withUnsafeBufferPointer { syllables in
            foldedEmbedding.withUnsafeBufferPointer { folded in
                for (t, id) in ids.enumerated() {
                    for k in 0..<e { inputs[t * e + k] = syllables[id.syllable * e + k] + folded[id.folded * e + k] }
                }
            }
        }
        var outputs = [Float](repeating: 0, count: n * 2 * h)  // [n, forward ⊕ backward]
        var gates = [Float](repeating: 0, count: n * 4 * h)
        var state = [Float](repeating: 0, count: 2 * h)        // h then c
        for (layer, reversed) in [(forward, false), (backward, true)] {
            inputs.withUnsafeBufferPointer { x in
                gates.withUnsafeMutableBufferPointer { g in layer.inputShare(x.baseAddress!, count: n, into: g.baseAddress!) }
            }
            for k in 0..<(2 * h) { state[k] = 0 }
            state.withUnsafeMutableBufferPointer { s in
                gates.withUnsafeMutableBufferPointer { g in
                    for step in 0..<n {
                        let t = reversed ? n - 1 - step : step
                        layer.step(inputGates: g.baseAddress! + t * 4 * h, batch: 1, h: s.baseAddress!, c: s.baseAddress! + h)
                        for k in 0..<h { outputs[t * 2 * h + (reversed ? h : 0) + k] = s[k] }
                    }
                }
            }
        }
        var features = [Float](repeating: 0, count: 4 * h)
        for k in 0..<(2 * h) {
            var sum: Float = 0, peak = -Float.infinity
            for t in 0..<n {
                let value = outputs[t * 2 * h + k]
                sum += value
                peak = max(peak, value)
            }
            features[k] = sum / Float(n)
            features[2 * h + k] = peak
        }
        var logits = [Float](repeating: 0, count: head.outputs)
        features.withUnsafeBufferPointer { f in
            logits.withUnsafeMutableBufferPointer { l in head.apply(f.baseAddress!, batch: 1, into: l.baseAddress!) }
        }
        return logits
    }

    /// Probabilities for already-normalised tokens.
    public func probabilities(tokens: [String]) -> [Double] {
        let logits = logits(tokens: tokens).map { Double($0) / temperature }
        let maximum = logits.max() ?? 0
        let exponentials = logits.map { Foundation.exp($0 - maximum) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
