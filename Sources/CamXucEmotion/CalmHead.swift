import CamXucTensor
import Foundation

/// How much energy a good feeling has: P(calm | the text's feeling is a good one), from CamXuc's calm/lively corpus
/// (`Models/emotion-vi-calm.md`). The seven classes put every good feeling at Enjoyment's point (arousal +0.4):
/// "Chiều nay ngồi uống trà, thấy lòng thật bình yên" read as excited joy and was composed as such, and the calm
/// quadrant was out of reach of text. The point's arousal takes Enjoyment's share at a · (1 − 2 · P(calm))
/// (`EmotionDistribution.point`); the seven probabilities are not touched.
///
/// One softmax layer over the linear heads' hashed features ([lively, calm]), read by the same code as they are.
struct CalmHead: Sendable {
    let head: EmotionClassifier.Head

    init(configPath: String, weightsPath: String) throws {
        struct Config: Decodable {
            var buckets: Int
            var labels: [String]
            var temperature: Double
            var featureVersion: Int
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw EmotionError.modelNotFound(file: (configPath as NSString).lastPathComponent,
                                             searched: [(configPath as NSString).deletingLastPathComponent])
        }
        guard let config = try? decoder.decode(Config.self, from: data) else {
            throw EmotionError.badConfig(file: configPath, reason: "it is not the calm head's JSON")
        }
        guard config.labels == ["lively", "calm"], config.buckets > 0, config.temperature > 0 else {
            throw EmotionError.badConfig(file: configPath, reason: "labels \(config.labels), buckets \(config.buckets)")
        }
        guard config.featureVersion == FeatureHasher.version else {
            throw EmotionError.badConfig(file: configPath, reason: "feature version \(config.featureVersion), this CamXuc computes version \(FeatureHasher.version)")
        }
        do {
            head = try EmotionClassifier.Head(file: SafeTensorsFile(path: weightsPath), prefix: "calm", classes: 2,
                                              buckets: config.buckets, temperature: config.temperature)
        } catch let error as TensorError {
            throw EmotionError.badWeights(error)
        }
    }

    /// The calm head's files beside the classifier's config (`emotion-vi-calm.*`), or nil when there are none.
    static func paths(beside configPath: String) -> (config: String, weights: String)? {
        let folder = (configPath as NSString).deletingLastPathComponent
        let config = (folder as NSString).appendingPathComponent("emotion-vi-calm.json")
        guard FileManager.default.fileExists(atPath: config) else { return nil }
        return (config, (folder as NSString).appendingPathComponent("emotion-vi-calm.safetensors"))
    }

    /// P(calm) for the tokens the classifier reads.
    func calm(tokens: [String], elongated: Bool) -> Double {
        head.probabilities(tokens: tokens, elongated: elongated)[1]
    }
}
