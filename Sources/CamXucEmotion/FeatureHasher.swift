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
        visitFeatures(tokens: tokens, elongated: elongated) { bytes in
            counts[Int(CRC32.checksum(bytes) % UInt32(buckets)), default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private func visitFeatures(tokens: [String], elongated: Bool, _ visit: ([UInt8]) -> Void) {
        let folded = tokens.map(VietnameseFolding.fold)
        let words = tokens.map { Array($0.utf8) }
        let foldedWords = folded.map { Array($0.utf8) }
        let space = UInt8(ascii: " ")
        func emit(_ prefix: String, _ parts: [[UInt8]]) {
            var bytes = Array(prefix.utf8)
            for (index, part) in parts.enumerated() {
                if index > 0 { bytes.append(space) }
                bytes += part
            }
            visit(bytes)
        }
        let count = tokens.count
        for index in 0..<count {
            emit("w:", [words[index]])
            emit("f:", [foldedWords[index]])
            if index + 1 < count {
                emit("b:", [words[index], words[index + 1]])
                emit("g:", [foldedWords[index], foldedWords[index + 1]])
            }
            if index + 2 < count {
                emit("t:", [words[index], words[index + 1], words[index + 2]])
            }
            if let first = tokens[index].unicodeScalars.first, TextNormalizer.isWordCharacter(first) {
                let padded: [Unicode.Scalar] = [" "] + Array(tokens[index].unicodeScalars) + [" "]
                for size in 1...5 where size <= padded.count {
                    for start in 0...(padded.count - size) {
                        var gram = String.UnicodeScalarView()
                        gram.append(contentsOf: padded[start..<start + size])
                        emit("c:", [Array(String(gram).utf8)])
                    }
                }
            }
        }
        if elongated { visit(Array("e:elongated".utf8)) }
    }
}
