import Foundation
import Testing
@testable import CamXucEmotion
@testable import CamXucText

@Suite struct FeatureHasherTests {
    struct Case: Decodable {
        var raw: String
        var tokens: [String]
        var elongated: Bool
        var features: [Int]
    }

    struct File: Decodable {
        var buckets: Int
        var cases: [Case]
    }

    static let fixture: File? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/text/normalization.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(File.self, from: $0) }
    }()

    /// The bucket ids of every fixture sentence equal the Python pipeline's.
    @Test func bucketsMatchThePythonPipeline() throws {
        let fixture = try #require(Self.fixture)
        let hasher = FeatureHasher(buckets: fixture.buckets)
        var mismatches = 0
        for item in fixture.cases {
            let ids = hasher.counts(tokens: item.tokens, elongated: item.elongated).map(\.bucket)
            if ids != item.features {
                mismatches += 1
                if mismatches <= 3 { Issue.record("\(item.raw.debugDescription): \(ids.count) buckets vs \(item.features.count)") }
            }
        }
        #expect(mismatches == 0)
        #expect(fixture.cases.count >= 200)
    }

    /// `explain`'s cache of each token's own features changes nothing: the same counts for every fixture sentence,
    /// read one after another through one cache, with every third token left out and with the sentence whole.
    @Test func cachedCountsEqualTheCountsHashedAnew() throws {
        let fixture = try #require(Self.fixture)
        let hasher = FeatureHasher(buckets: fixture.buckets)
        let cache = FeatureHasher.TokenCache()
        var compared = 0
        for item in fixture.cases {
            let shortened = item.tokens.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
            for tokens in [item.tokens, shortened, item.tokens] {
                let fresh = hasher.counts(tokens: tokens, elongated: item.elongated)
                let cached = hasher.counts(tokens: tokens, elongated: item.elongated, cache: cache)
                #expect(fresh.map(\.bucket) == cached.map(\.bucket) && fresh.map(\.count) == cached.map(\.count), "\(tokens)")
                compared += 1
            }
        }
        #expect(compared >= 600)
    }

    @Test func crc32MatchesZlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926, the standard check value.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func featureStringsFollowTheDocumentedScheme() {
        let strings = FeatureHasher(buckets: 16).featureStrings(tokens: ["rất", "vui"], elongated: true)
        #expect(strings.prefix(4) == ["w:rất", "f:rat", "b:rất vui", "g:rat vui"])
        #expect(strings.contains("c: rất ") && strings.contains("c:t") && strings.contains("c: vui "))
        #expect(strings.last == "e:elongated")
    }
}
