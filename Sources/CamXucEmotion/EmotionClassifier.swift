import CamXucTensor
import CamXucText
import Foundation

/// Reads the emotion in Vietnamese text: normalise, hash n-gram features, weight them (sub-linear TF-IDF, L2
/// normalised), one softmax layer with a temperature.
///
/// Two heads of that shape: the main one reads text as written; text with no diacritic at all (typed without a
/// Vietnamese input method) goes to the plain head, trained on the same sentences with every diacritic removed.
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
        /// Whether the plain head read it (the text had no diacritics).
        public var readWithoutDiacritics: Bool = false
        /// Whether most of the words are not spelt like Vietnamese (English, say): the reading is then a guess.
        public var mostlyNotVietnamese: Bool = false
    }

    /// One softmax layer over hashed features.
    struct Head: Sendable {
        let hasher: FeatureHasher
        /// Class weights per bucket: `classes` floats for each bucket, contiguous.
        let weights: [Float]
        let bias: [Float]
        let idf: [Float]
        let temperature: Double

        init(file: SafeTensorsFile, prefix: String, classes: Int, buckets: Int, temperature: Double) throws {
            // Stored [classes, buckets]; kept [buckets, classes] so one bucket's weights are contiguous.
            weights = try file.tensor(prefix + ".weight", dtype: "F16", shape: [classes, buckets]).transposed().values
            bias = try file.tensor(prefix + ".bias", dtype: "F32", shape: [classes]).values
            idf = try file.tensor(prefix + ".idf", dtype: "F16", shape: [buckets]).values
            hasher = FeatureHasher(buckets: buckets)
            self.temperature = temperature
        }

        static func expectedTensors(prefix: String, classes: Int, buckets: Int) -> [(String, String, [Int])] {
            [(prefix + ".weight", "F16", [classes, buckets]), (prefix + ".bias", "F32", [classes]),
             (prefix + ".idf", "F16", [buckets])]
        }

        func probabilities(tokens: [String], elongated: Bool) -> [Double] {
            let classes = bias.count
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
                logits[k] = (logits[k] + Double(bias[k])) / temperature
                maximum = max(maximum, logits[k])
            }
            let exponentials = logits.map { exp($0 - maximum) }
            let total = exponentials.reduce(0, +)
            return exponentials.map { $0 / total }
        }
    }

    public let config: EmotionModelConfig
    public let normalizer: TextNormalizer
    let main: Head
    let plain: Head?

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
        var expected = Head.expectedTensors(prefix: "classifier", classes: classes, buckets: config.buckets)
        if let plain = config.plain {
            expected += Head.expectedTensors(prefix: "plain", classes: classes, buckets: plain.buckets)
        }
        for (name, dtype, shape) in expected where config.tensors[name] != .init(dtype: dtype, shape: shape) {
            throw EmotionError.badConfig(file: configPath, reason: "tensor '\(name)' should be \(dtype) \(shape)")
        }
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            main = try Head(file: file, prefix: "classifier", classes: classes, buckets: config.buckets,
                            temperature: config.temperature)
            plain = try config.plain.map {
                try Head(file: file, prefix: "plain", classes: classes, buckets: $0.buckets, temperature: $0.temperature)
            }
        } catch let error as TensorError {
            throw EmotionError.badWeights(error)
        }
        self.config = config
        self.normalizer = normalizer
    }

    public var labels: [EmotionLabel] { config.labels }

    /// The emotion in `text`; throws `EmotionError.emptyText` for empty or whitespace-only text.
    public func analyze(_ text: String) throws -> Analysis {
        guard text.contains(where: { !$0.isWhitespace }) else { throw EmotionError.emptyText }
        let normalized = normalizer.normalize(text)
        let kept = Array(normalized.tokens.prefix(config.maxTokens))
        let withoutDiacritics = readsWithoutDiacritics(text)
        let distribution = classify(tokens: kept, elongated: normalized.elongated, withoutDiacritics: withoutDiacritics)
        return Analysis(distribution: distribution, tokenCount: kept.count,
                        truncatedTokens: normalized.tokens.count - kept.count, readWithoutDiacritics: withoutDiacritics,
                        mostlyNotVietnamese: LanguageGuess.isMostlyNotVietnamese(kept))
    }

    /// Whether the plain head reads `text`: the model has one and, after NFC, some character is a letter and none
    /// carries a Vietnamese diacritic (or is đ). Decided on the text as typed, before teencode expansion ("dc" →
    /// "được") brings diacritics in. The training script's `reads_plain` is the same rule.
    public func readsWithoutDiacritics(_ text: String) -> Bool {
        guard plain != nil else { return false }
        var hasLetter = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if VietnameseFolding.fold(scalar) != scalar { return false }
            hasLetter = hasLetter || TextNormalizer.isLetter(scalar)
        }
        return hasLetter
    }

    /// Probabilities for already-normalised tokens; `withoutDiacritics` sends them to the plain head (if the model
    /// has one), which reads them with every diacritic removed.
    public func classify(tokens: [String], elongated: Bool, withoutDiacritics: Bool = false) -> EmotionDistribution {
        let probabilities: [Double]
        if withoutDiacritics, let plain {
            probabilities = plain.probabilities(tokens: tokens.map(VietnameseFolding.fold), elongated: elongated)
        } else {
            probabilities = main.probabilities(tokens: tokens, elongated: elongated)
        }
        return EmotionDistribution(labels: config.labels, probabilities: probabilities)
    }
}
