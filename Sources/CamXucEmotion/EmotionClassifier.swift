import CamXucTensor
import CamXucText
import Foundation

/// Reads the emotion in Vietnamese text: normalise, hash n-gram features, weight them (sub-linear TF-IDF, L2
/// normalised), one softmax layer with a temperature.
///
/// Loading checks every tensor's name, dtype and shape against the config. Classifying is pure and thread-safe.
public final class EmotionClassifier: Sendable {
    /// What `analyze` found.
    public struct Analysis: Equatable, Sendable {
        public var distribution: EmotionDistribution
        /// Tokens the model read (after normalisation and any cut).
        public var tokenCount: Int
        /// Tokens dropped because the text was longer than the model's window.
        public var truncatedTokens: Int
    }

    public let config: EmotionModelConfig
    public let normalizer: TextNormalizer
    let hasher: FeatureHasher
    /// Class weights per bucket: `classes` floats for each bucket, contiguous.
    let weights: [Float]
    let bias: [Float]
    let idf: [Float]

    /// The shipped model, found with `ModelDirectory`.
    public convenience init(normalizer: TextNormalizer = TextNormalizer()) throws {
        guard let configPath = ModelDirectory.locate("emotion-vi.json") else {
            throw EmotionError.modelNotFound(file: "emotion-vi.json", searched: ModelDirectory.candidates())
        }
        let weightsPath = String(configPath.dropLast(".json".count)) + ".safetensors"
        try self.init(configPath: configPath, weightsPath: weightsPath, normalizer: normalizer)
    }

    public init(configPath: String, weightsPath: String, normalizer: TextNormalizer = TextNormalizer()) throws {
        let config = try EmotionModelConfig.load(path: configPath)
        let classes = config.labels.count
        let expected: [(String, String, [Int])] = [
            ("classifier.weight", "F16", [classes, config.buckets]),
            ("classifier.bias", "F32", [classes]),
            ("features.idf", "F16", [config.buckets]),
        ]
        for (name, dtype, shape) in expected where config.tensors[name] != .init(dtype: dtype, shape: shape) {
            throw EmotionError.badConfig(file: configPath, reason: "tensor '\(name)' should be \(dtype) \(shape)")
        }
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            // Stored [classes, buckets]; kept [buckets, classes] so one bucket's weights are contiguous.
            weights = try file.tensor("classifier.weight", dtype: "F16", shape: [classes, config.buckets]).transposed().values
            bias = try file.tensor("classifier.bias", dtype: "F32", shape: [classes]).values
            idf = try file.tensor("features.idf", dtype: "F16", shape: [config.buckets]).values
        } catch let error as TensorError {
            throw EmotionError.badWeights(error)
        }
        self.config = config
        self.normalizer = normalizer
        self.hasher = FeatureHasher(buckets: config.buckets)
    }

    public var labels: [EmotionLabel] { config.labels }

    /// The emotion in `text`; throws `EmotionError.emptyText` for empty or whitespace-only text.
    public func analyze(_ text: String) throws -> Analysis {
        guard text.contains(where: { !$0.isWhitespace }) else { throw EmotionError.emptyText }
        let normalized = normalizer.normalize(text)
        let kept = Array(normalized.tokens.prefix(config.maxTokens))
        let distribution = classify(tokens: kept, elongated: normalized.elongated)
        return Analysis(distribution: distribution, tokenCount: kept.count,
                        truncatedTokens: normalized.tokens.count - kept.count)
    }

    /// Probabilities for already-normalised tokens.
    public func classify(tokens: [String], elongated: Bool) -> EmotionDistribution {
        let classes = config.labels.count
        let counts = hasher.counts(tokens: tokens, elongated: elongated)
        var featureWeights = [Float](repeating: 0, count: counts.count)
        var squaredNorm: Float = 0
        for (index, item) in counts.enumerated() {
            let weight = (1 + Float(log(Double(item.count)))) * idf[item.bucket]
            featureWeights[index] = weight
            squaredNorm += weight * weight
        }
        let norm = max(squaredNorm.squareRoot(), 1e-12)
        var logits = [Double](repeating: 0, count: classes)
        weights.withUnsafeBufferPointer { table in
            for (index, item) in counts.enumerated() {
                let weight = Double(featureWeights[index] / norm)
                let row = item.bucket * classes
                for k in 0..<classes { logits[k] += weight * Double(table[row + k]) }
            }
        }
        var maximum = -Double.infinity
        for k in 0..<classes {
            logits[k] = (logits[k] + Double(bias[k])) / config.temperature
            maximum = max(maximum, logits[k])
        }
        var total = 0.0
        var probabilities = logits.map { exp($0 - maximum) }
        for p in probabilities { total += p }
        probabilities = probabilities.map { $0 / total }
        return EmotionDistribution(labels: config.labels, probabilities: probabilities)
    }
}
