import Foundation

/// Where a piece lands on the circumplex, by three logistic regressions over `JudgeFeatures`: its quadrant, its
/// valence sign and its arousal sign (trained on EMOPIA and VGMIDI; see `Models/music-judge.json`).
public struct MusicJudge: Sendable {
    public struct Verdict: Equatable, Sendable {
        /// Probabilities of Q1…Q4.
        public var quadrants: [Double]
        /// Probability that valence is positive, and that arousal is high.
        public var positiveValence: Double
        public var highArousal: Double

        /// The judged point: 2p − 1 on each axis.
        public var valence: Double { 2 * positiveValence - 1 }
        public var arousal: Double { 2 * highArousal - 1 }
        /// The most likely quadrant, 1–4.
        public var quadrant: Int { (quadrants.indices.max { quadrants[$0] < quadrants[$1] } ?? 0) + 1 }
    }

    struct Head: Codable, Sendable {
        var weights: [[Double]]
        var bias: [Double]
    }

    struct File: Codable, Sendable {
        var name: String
        var version: Int
        var features: Int
        var mean: [Double]
        var scale: [Double]
        var heads: [String: Head]
    }

    let file: File

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MusicError.cannotRead(file: "music judge \(path)", reason: "no such file")
        }
        guard let file = try? JSONDecoder().decode(File.self, from: data), file.features == JudgeFeatures.count,
              file.mean.count == file.features, file.scale.count == file.features,
              let quadrant = file.heads["quadrant"], quadrant.weights.count == 4,
              let valence = file.heads["valence"], valence.weights.count == 2,
              let arousal = file.heads["arousal"], arousal.weights.count == 2,
              ([quadrant, valence, arousal].allSatisfy { $0.weights.allSatisfy { $0.count == file.features } && $0.bias.count == $0.weights.count })
        else {
            throw MusicError.badModel("cannot use music judge \(path): it does not describe \(JudgeFeatures.count) features and three heads")
        }
        // Numbers a trained logistic regression can have: anything else (inf, NaN, 1e308) makes every verdict NaN.
        let weights = file.heads.values.flatMap { $0.weights.flatMap { $0 } + $0.bias }
        guard file.mean.allSatisfy({ $0.isFinite && abs($0) < 1e9 }),
              file.scale.allSatisfy({ $0.isFinite && $0 > 1e-12 && $0 < 1e9 }),
              weights.allSatisfy({ $0.isFinite && abs($0) < 1e6 })
        else {
            throw MusicError.badModel("cannot use music judge \(path): it holds values that are not finite or far out of range")
        }
        self.file = file
    }

    /// Probabilities of each head for already computed features.
    public func probabilities(features: [Double]) -> [String: [Double]] {
        var z = features
        for index in z.indices { z[index] = (z[index] - file.mean[index]) / file.scale[index] }
        var result: [String: [Double]] = [:]
        for (name, head) in file.heads {
            var logits = head.bias
            for (row, weights) in head.weights.enumerated() {
                for (index, weight) in weights.enumerated() { logits[row] += weight * z[index] }
            }
            let top = logits.max() ?? 0
            let exps = logits.map { exp($0 - top) }
            let total = exps.reduce(0, +)
            result[name] = exps.map { $0 / total }
        }
        return result
    }

    public func judge(_ notes: [EventVocabulary.DecodedNote]) -> Verdict {
        let p = probabilities(features: JudgeFeatures.compute(notes))
        return Verdict(quadrants: p["quadrant"] ?? [0.25, 0.25, 0.25, 0.25], positiveValence: p["valence"]?[1] ?? 0.5,
                       highArousal: p["arousal"]?[1] ?? 0.5)
    }
}
