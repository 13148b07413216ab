import CamXucText

/// Hashed n-gram features of normalised tokens, exactly as `Models/training/camxuc_features.py` computes them
/// (the shared fixture checks every bucket id).
///
/// Word 1-, 2- and 3-grams; the same without diacritics (1 and 2); character 1- to 5-grams of each word padded with
/// spaces; a flag for squashed letter runs. Each feature string goes to bucket crc32(UTF-8) mod `buckets`; the
/// result counts how often each bucket was hit.
public struct FeatureHasher: Sendable {
    public static let version = 2
    public let buckets: Int

    public init(buckets: Int) {
        self.buckets = max(buckets, 1)
    }

    /// The feature strings, in the Python order (for tests and debugging).
    public func featureStrings(tokens: [String], elongated: Bool) -> [String] {
        var features: [String] = []
        visitFeatures(tokens: tokens, elongated: elongated) { features.append(String(decoding: $0, as: UTF8.self)) }
        return features
    }

    /// Bucket id → count, sorted by id.
    public func counts(tokens: [String], elongated: Bool) -> [(bucket: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        visitFeatures(tokens: tokens, elongated: elongated) { counts[bucket($0), default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The buckets of each token's own features (its word, folded word and character n-grams), kept for many texts
    /// made of the same tokens (`EmotionClassifier.explain` reads a text again with each word left out).
    public final class TokenCache {
        var buckets: [String: [Int]] = [:]
        public init() {}
    }

    /// `counts`, with each token's own features hashed once in `cache` (the same counts).
    public func counts(tokens: [String], elongated: Bool, cache: TokenCache) -> [(bucket: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for token in tokens {
            let own: [Int]
            if let known = cache.buckets[token] {
                own = known
            } else {
                var found: [Int] = []
                visitTokenFeatures(token: token, word: Array(token.utf8),
                                   folded: Array(VietnameseFolding.fold(token).utf8)) { found.append(bucket($0)) }
                cache.buckets[token] = found
                own = found
            }
            for id in own { counts[id, default: 0] += 1 }
        }
        visitContextFeatures(words: tokens.map { Array($0.utf8) }, folded: tokens.map { Array(VietnameseFolding.fold($0).utf8) }) {
            counts[bucket($0), default: 0] += 1
        }
        if elongated { counts[bucket(Array("e:elongated".utf8)), default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private func bucket(_ bytes: [UInt8]) -> Int { Int(CRC32.checksum(bytes) % UInt32(buckets)) }

    private static func emit(_ prefix: String, _ parts: [[UInt8]], _ visit: ([UInt8]) -> Void) {
        var bytes = Array(prefix.utf8)
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: " ")) }
            bytes += part
        }
        visit(bytes)
    }

    /// A token's own features: "w:" and "f:" for the word and its folded form, "c:" character 1- to 5-grams.
    private func visitTokenFeatures(token: String, word: [UInt8], folded: [UInt8], _ visit: ([UInt8]) -> Void) {
        visitWordFeatures(word: word, folded: folded, visit)
        visitCharacterFeatures(token: token, visit)
    }

    private func visitWordFeatures(word: [UInt8], folded: [UInt8], _ visit: ([UInt8]) -> Void) {
        Self.emit("w:", [word], visit)
        Self.emit("f:", [folded], visit)
    }

    private func visitCharacterFeatures(token: String, _ visit: ([UInt8]) -> Void) {
        guard let first = token.unicodeScalars.first, TextNormalizer.isWordCharacter(first) else { return }
        let padded: [Unicode.Scalar] = [" "] + Array(token.unicodeScalars) + [" "]
        for size in 1...5 where size <= padded.count {
            for start in 0...(padded.count - size) {
                var gram = String.UnicodeScalarView()
                gram.append(contentsOf: padded[start..<start + size])
                Self.emit("c:", [Array(String(gram).utf8)], visit)
            }
        }
    }

    /// The features of neighbouring tokens: "b:" and "g:" word pairs (as written and folded), "t:" triples.
    private func visitContextFeatures(words: [[UInt8]], folded: [[UInt8]], _ visit: ([UInt8]) -> Void) {
        for index in words.indices {
            visitContextFeatures(at: index, words: words, folded: folded, visit)
        }
    }

    private func visitContextFeatures(at index: Int, words: [[UInt8]], folded: [[UInt8]], _ visit: ([UInt8]) -> Void) {
        if index + 1 < words.count {
            Self.emit("b:", [words[index], words[index + 1]], visit)
            Self.emit("g:", [folded[index], folded[index + 1]], visit)
        }
        if index + 2 < words.count {
            Self.emit("t:", [words[index], words[index + 1], words[index + 2]], visit)
        }
    }

    private func visitFeatures(tokens: [String], elongated: Bool, _ visit: ([UInt8]) -> Void) {
        let words = tokens.map { Array($0.utf8) }
        let foldedWords = tokens.map { Array(VietnameseFolding.fold($0).utf8) }
        // In the Python order: per token its word features, its neighbours', then its character n-grams.
        for index in tokens.indices {
            visitWordFeatures(word: words[index], folded: foldedWords[index], visit)
            visitContextFeatures(at: index, words: words, folded: foldedWords, visit)
            visitCharacterFeatures(token: tokens[index], visit)
        }
        if elongated { visit(Array("e:elongated".utf8)) }
    }
}
