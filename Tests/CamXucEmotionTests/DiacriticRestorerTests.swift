import CamXucEmotion
import CamXucText
import Foundation
import Testing

/// Diacritics put back on text typed without them, as `Models/training/text/diacritics.py` puts them back.
@Suite struct DiacriticRestorerTests {
    static let configPath = NeuralEmotionHeadTests.models.appendingPathComponent("diacritics-vi.json").path
    static let weightsPath = NeuralEmotionHeadTests.models.appendingPathComponent("diacritics-vi.safetensors").path
    static let goldenPath = EmotionClassifierTests.root.appendingPathComponent("Tests/Fixtures/emotion/diacritics-golden.json").path

    struct Golden: Decodable {
        struct Case: Decodable { var tokens: [String]; var restored: [String] }
        var cases: [Case]
    }

    /// Every golden sentence (folded sentences of the everyday training corpus, and edge cases: nothing, a word the
    /// model never saw, emoji and digits) is restored exactly as the Python twin restores it.
    @Test func restoresAsTheTrainingScriptDoes() throws {
        let restorer = try DiacriticRestorer(configPath: Self.configPath, weightsPath: Self.weightsPath)
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: URL(fileURLWithPath: Self.goldenPath)))
        #expect(golden.cases.count >= 40)
        for item in golden.cases {
            #expect(restorer.restore(item.tokens) == item.restored, "\(item.tokens)")
        }
    }

    /// What a user typing without diacritics notices: the words come back, and words that carry diacritics or are
    /// not letters are left as they are.
    @Test func theMarksComeBack() throws {
        let restorer = try DiacriticRestorer(configPath: Self.configPath, weightsPath: Self.weightsPath)
        let tokens = TextNormalizer().normalize("hom nay toi rat vui").tokens
        #expect(restorer.restore(tokens) == ["hôm", "nay", "tôi", "rất", "vui"])
        #expect(restorer.restore(["không", "😀", "123", "zzzqx"]) == ["không", "😀", "123", "zzzqx"])
        #expect(restorer.restore([]) == [])
    }

    /// The shipped classifier reads text typed without diacritics both ways and mixes the readings in the
    /// restorer's share; without the restorer it reads it as typed alone.
    @Test func theClassifierMixesTheRestoredReading() throws {
        let restorer = try DiacriticRestorer(configPath: Self.configPath, weightsPath: Self.weightsPath)
        #expect(restorer.weight > 0 && restorer.weight < 1)
        let neural = (NeuralEmotionHeadTests.configPath, NeuralEmotionHeadTests.weightsPath)
        let with = try EmotionClassifier(configPath: EmotionClassifierTests.configPath,
                                         weightsPath: EmotionClassifierTests.weightsPath, neural: neural, restorer: restorer)
        let without = try EmotionClassifier(configPath: EmotionClassifierTests.configPath,
                                            weightsPath: EmotionClassifierTests.weightsPath, neural: neural)
        let typed = "het buon roi, gio thay yeu doi ghe"
        let tokens = with.normalizer.normalize(typed).tokens
        let asTyped = without.classify(tokens: tokens, elongated: false, withoutDiacritics: true).probabilities
        let restored = without.classify(tokens: restorer.restore(tokens), elongated: false).probabilities
        let mixed = try with.analyze(typed).distribution.probabilities
        for k in mixed.indices {
            #expect(abs(mixed[k] - ((1 - restorer.weight) * asTyped[k] + restorer.weight * restored[k])) < 1e-12)
        }
        // Text with diacritics is read as before.
        let written = "Hết buồn rồi, giờ thấy yêu đời ghê"
        #expect(try with.analyze(written).distribution == without.analyze(written).distribution)
    }

    @Test func aBrokenConfigIsOneError() throws {
        let path = NSTemporaryDirectory() + "/diacritics-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.configPath))) as! [String: Any]
        config["restored_weight"] = 2
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        do {
            _ = try DiacriticRestorer(configPath: path, weightsPath: Self.weightsPath)
            Issue.record("a share of 2 was accepted")
        } catch {
            #expect("\(error)".contains("restored_weight must be a number from 0 to 1"), "\(error)")
        }
        try Data("[]".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try DiacriticRestorer(configPath: path, weightsPath: Self.weightsPath)
            Issue.record("a JSON array was read as a config")
        } catch {
            #expect("\(error)".contains("it is not the diacritic restorer's config"), "\(error)")
            #expect(!"\(error)".contains("DecodingError"))
        }
    }
}
