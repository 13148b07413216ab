import Foundation

/// The model's JSON config, written by `Models/training/train_emotion.py` and read here: nothing about the model is
/// decided on the Swift side.
public struct EmotionModelConfig: Codable, Equatable, Sendable {
    public struct TensorSpec: Codable, Equatable, Sendable {
        public var dtype: String
        public var shape: [Int]
    }

    /// The head for text without diacritics: its own bucket count and temperature.
    public struct PlainHead: Codable, Equatable, Sendable {
        public var buckets: Int
        public var temperature: Double
    }

    public var name: String
    public var version: Int
    public var architecture: String
    public var featureVersion: Int
    public var buckets: Int
    public var temperature: Double
    /// Texts longer than this many tokens are cut (and the analysis says so).
    public var maxTokens: Int
    public var labels: [EmotionLabel]
    /// Absent in models made before the plain head existed; then every text goes to the main head.
    public var plain: PlainHead?
    public var tensors: [String: TensorSpec]

    enum CodingKeys: String, CodingKey {
        case name, version, architecture, buckets, temperature, labels, tensors, plain
        case featureVersion = "feature_version"
        case maxTokens = "max_tokens"
    }

    /// What a JSON decoding error means, in words for the user (never the decoder's own debug text).
    static func describe(decoding error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String { context.codingPath.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let DecodingError.keyNotFound(key, _): return "key '\(key.stringValue)' is missing"
        case let DecodingError.typeMismatch(_, context): return "'\(path(context))' has the wrong type"
        case let DecodingError.valueNotFound(_, context): return "'\(path(context))' is null"
        case let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty:
            return "'\(path(context))' holds a value that cannot be used"
        default: return "it is not valid JSON"
        }
    }

    public static func load(path: String) throws -> EmotionModelConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmotionError.badConfig(file: path, reason: "it cannot be read")
        }
        let config: EmotionModelConfig
        do {
            config = try JSONDecoder().decode(EmotionModelConfig.self, from: data)
        } catch {
            throw EmotionError.badConfig(file: path, reason: Self.describe(decoding: error))
        }
        guard config.architecture == "hashed-ngram-softmax" else {
            throw EmotionError.badConfig(file: path, reason: "architecture '\(config.architecture)' is not supported by this version of CamXuc")
        }
        guard config.featureVersion == FeatureHasher.version else {
            throw EmotionError.badConfig(file: path, reason: "feature version \(config.featureVersion), this CamXuc computes version \(FeatureHasher.version)")
        }
        guard config.labels.count >= 2, config.buckets > 0, config.temperature > 0, config.maxTokens > 0,
              config.plain.map({ $0.buckets > 0 && $0.temperature > 0 }) ?? true else {
            throw EmotionError.badConfig(file: path, reason: "labels, buckets, temperature, max_tokens or the plain head out of range")
        }
        return config
    }
}
