import CamXucText
import Foundation
import Testing
@testable import CamXucEmotion

/// The neural head against PyTorch: the training script stores, in the shipped config, 24 sentences with the token
/// ids its own tokeniser gave them and the probabilities the PyTorch student computed.
@Suite struct NeuralEmotionHeadTests {
    static let models = EmotionClassifierTests.root.appendingPathComponent("Models")
    static let configPath = models.appendingPathComponent("emotion-vi-neural.json").path
    static let weightsPath = models.appendingPathComponent("emotion-vi-neural.safetensors").path

    struct Golden: Decodable {
        struct Case: Decodable {
            var text: String
            var syllableIDs: [Int]
            var foldedIDs: [Int]
            var probabilities: [Double]
            enum CodingKeys: String, CodingKey {
                case text, probabilities
                case syllableIDs = "syllable_ids"
                case foldedIDs = "folded_ids"
            }
        }
        var golden: [Case]
    }

    @Test func tokensAndProbabilitiesMatchPyTorch() throws {
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: URL(fileURLWithPath: Self.configPath)))
        #expect(golden.golden.count >= 20)
        let head = try NeuralEmotionHead(configPath: Self.configPath, weightsPath: Self.weightsPath)
        let normalizer = TextNormalizer()
        for item in golden.golden {
            let tokens = normalizer.normalize(item.text).tokens
            let ids = head.ids(tokens)
            #expect(ids.map(\.syllable) == item.syllableIDs, "syllable ids of '\(item.text)'")
            #expect(ids.map(\.folded) == item.foldedIDs, "folded ids of '\(item.text)'")
            let probabilities = head.probabilities(tokens: tokens)
            for (swift, torch) in zip(probabilities, item.probabilities) {
                #expect(abs(swift - torch) < 2e-4, "'\(item.text)': \(probabilities) vs \(item.probabilities)")
            }
        }
    }

    /// Anger the linear model read as sadness now reads as anger. (The negation examples "Hết buồn rồi, giờ thấy yêu
    /// đời ghê" and "Chẳng có gì đáng buồn cả, hôm nay tuyệt lắm" still read as sadness: see the model card.)
    @Test(arguments: [
        ("Tôi giận lắm, sao anh ta dám nói dối tôi như vậy", "Anger"),
        ("Tức quá, đi làm về còn bị mắng oan", "Anger"),
    ])
    func negationAndContrastReadAsMeant(text: String, expected: String) throws {
        let classifier = try TypedFormsTests.classifier()
        #expect(try classifier.analyze(text).distribution.winner.code == expected)
    }

    struct MixtureGolden: Decodable {
        struct Case: Decodable {
            var text: String
            var withoutDiacritics: Bool
            var probabilities: [Double]
            enum CodingKeys: String, CodingKey {
                case text, probabilities
                case withoutDiacritics = "without_diacritics"
            }
        }
        var mixtureGolden: [Case]
        enum CodingKeys: String, CodingKey { case mixtureGolden = "mixture_golden" }
    }

    /// The whole classifier (both linear heads, the neural head, their weights and the mixture's temperature) reads
    /// UIT-VSMEC valid sentences as `ensemble.py` scored it, as written and typed without diacritics, where the
    /// mixture gives the neural head its own weight.
    @Test func theShippedMixtureReadsAsTheScriptScoredIt() throws {
        let golden = try JSONDecoder().decode(MixtureGolden.self,
                                              from: Data(contentsOf: URL(fileURLWithPath: Self.configPath))).mixtureGolden
        #expect(golden.filter(\.withoutDiacritics).count >= 6 && golden.filter { !$0.withoutDiacritics }.count >= 6)
        let classifier = try EmotionClassifier(configPath: EmotionClassifierTests.configPath,
                                               weightsPath: EmotionClassifierTests.weightsPath,
                                               neural: (Self.configPath, Self.weightsPath),
                                               restorer: DiacriticRestorer.beside(configPath: EmotionClassifierTests.configPath))
        for item in golden {
            let analysis = try classifier.analyze(item.text)
            #expect(analysis.readWithoutDiacritics == item.withoutDiacritics, "'\(item.text)'")
            for (swift, python) in zip(analysis.distribution.probabilities, item.probabilities) {
                #expect(abs(swift - python) < 1e-3, "'\(item.text)': \(analysis.distribution.probabilities) vs \(item.probabilities)")
            }
        }
    }

    @Test func aBrokenNeuralConfigIsOneError() throws {
        let path = NSTemporaryDirectory() + "/neural-\(getpid()).json"
        try Data("{\"vocab\": []}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EmotionError.self) { try NeuralEmotionHead(configPath: path, weightsPath: Self.weightsPath) }
        // An empty file says what is wrong in words, not the decoder's debug text.
        try Data().write(to: URL(fileURLWithPath: path))
        do {
            _ = try NeuralEmotionHead(configPath: path, weightsPath: Self.weightsPath)
            Issue.record("an empty config was read")
        } catch {
            #expect("\(error)".hasSuffix("it is not the neural head's config: it is not valid JSON"), "\(error)")
            #expect(!"\(error)".contains("DecodingError"))
        }
    }
}

/// `analyze --explain`: the words that raised the winner, by occlusion.
@Suite struct ExplainTests {
    @Test func theDecidingWordsAreNamed() throws {
        let classifier = try TypedFormsTests.classifier()
        let (analysis, evidence) = try classifier.explain("Hôm nay trời mưa nhưng tôi vui lắm")
        #expect(analysis.distribution.winner.code == "Enjoyment")
        #expect(evidence.first?.phrase.contains("vui") == true, "\(evidence)")
        #expect(evidence.allSatisfy { $0.change > 0 })
        #expect(try classifier.explain("vui", limit: 0).evidence.isEmpty)
    }

    /// What `explain` keeps between its readings (the neural head's reading of its window, each token's features)
    /// changes no reading: texts that share tokens, read through one memo, read exactly as they do alone.
    @Test func readingsThroughTheMemoAreTheReadingsAlone() throws {
        let classifier = try TypedFormsTests.classifier()
        let words = classifier.normalizer.normalize(String(repeating: "hôm nay trời mưa nhưng tôi vui lắm, chẳng buồn gì cả. ", count: 20)).tokens
        #expect(words.count > 200)  // past the neural head's window of 128
        let memo = EmotionClassifier.ReadingMemo()
        for (start, plain) in [(0, false), (3, false), (150, false), (190, false), (150, false), (5, true), (160, true)] {
            var rest = words
            rest.removeSubrange(start..<(start + 2))
            let alone = classifier.classify(tokens: rest, elongated: false, withoutDiacritics: plain)
            let memoised = classifier.classify(tokens: rest, elongated: false, withoutDiacritics: plain, restored: nil, memo: memo)
            #expect(alone.probabilities == memoised.probabilities, "left out at \(start)")
        }
        #expect(memo.neural.count < 7)  // the windows past the first 128 tokens were read once
    }

    /// A word of a phrase already listed is not listed again: the studio shows three, and "Tức quá · Tức · …" named
    /// one word twice where "mắng" went unsaid.
    @Test func noWordIsNamedTwice() throws {
        let classifier = try TypedFormsTests.classifier()
        for text in ["Tức quá, đi làm về còn bị mắng oan", "buồn quá k muốn đi đâu hết, ny bỏ rồi", "Hôm nay trời mưa nhưng tôi vui lắm",
                     "vui quá vui quá"] {
            let evidence = try classifier.explain(text, limit: 20).evidence
            let phrases = evidence.filter { $0.phrase.contains(" ") }
            for phrase in phrases {
                let words = phrase.typed.split(separator: " ").map(String.init)
                #expect(!evidence.contains { $0.typed != phrase.typed && words.contains($0.typed) }, "\(text): \(evidence.map(\.shown))")
            }
            #expect(Set(evidence.map(\.phrase)).count == evidence.count)
        }
        let angry = try classifier.explain("Tức quá, đi làm về còn bị mắng oan", limit: 3).evidence.map(\.typed)
        #expect(angry.contains("mắng"), "\(angry)")
    }

    /// From a probe of the why line: a word of two syllables is named whole, not as its halves ("phúc · hạnh"); a
    /// word is not named again where it stands twice ("Tức tức · Tức"); a capital is no shorthand ("Hôm→hôm"); a word
    /// takes its capital from itself, not from a word it is part of ("Cả" from "Cảm"); a text of one word is
    /// explained by that word (it said no word decides).
    @Test func theWhyNamesWholeWordsOnce() throws {
        let classifier = try TypedFormsTests.classifier()
        let happy = try classifier.explain("Hôm nay tôi thấy hạnh phúc quá", limit: 3).evidence.map(\.typed)
        #expect(happy.first == "hạnh phúc" && !happy.contains("hạnh") && !happy.contains("phúc"), "\(happy)")
        let angry = try classifier.explain("Tức tức tức, Tức quá đi", limit: 3).evidence.map { $0.typed.lowercased() }
        #expect(Set(angry.flatMap { $0.split(separator: " ") }).count == angry.flatMap { $0.split(separator: " ") }.count, "\(angry)")
        #expect(EmotionClassifier.Evidence(phrase: "hôm", typed: "Hôm", change: 0.1).shown == "Hôm")
        #expect(EmotionClassifier.asWritten("cả", in: "Cảm ơn cả nhà") == "cả")
        let one = try classifier.explain("vui", limit: 3).evidence
        #expect(one.map(\.typed) == ["vui"] && one[0].change > 0)
    }

    /// From a native reader's probe: a word already named is not named again inside a phrase ("Vui · thì vui"); the
    /// list is strongest first ("too long (+0.09)" came before "The movie (+0.10)"); a phrase is two words of one
    /// sentence or line ("nhau trải" joined two lines of a verse).
    @Test func theWhyIsSortedNamesNoWordTwiceAndKeepsPhrasesInTheirSentence() throws {
        let classifier = try TypedFormsTests.classifier()
        for text in ["Vui thì vui nhưng mà mệt.", "The movie was boring and too long", "Thật á? Bạn ấy cưới rồi hả?",
                     "Trăm năm trong cõi người ta\nChữ tài chữ mệnh khéo là ghét nhau\nTrải qua một cuộc bể dâu\nNhững điều trông thấy mà đau đớn lòng"] {
            let evidence = try classifier.explain(text, limit: 20).evidence
            #expect(evidence.map(\.change) == evidence.map(\.change).sorted(by: >), "\(text): \(evidence.map(\.shown))")
            let words = evidence.flatMap { $0.typed.lowercased().split(separator: " ") }
            #expect(Set(words).count == words.count, "\(text): \(evidence.map(\.shown))")
            if text.contains("\n") {
                let lines = text.lowercased().split(separator: "\n")
                for phrase in evidence.map({ $0.typed.lowercased() }) where phrase.contains(" ") {
                    #expect(lines.contains { $0.contains(phrase) }, "\(phrase) spans two lines")
                }
            }
        }
    }

    /// Teencode is named as typed: the user wrote "k", not the "không" the model read.
    @Test func shorthandIsNamedAsTyped() throws {
        let classifier = try TypedFormsTests.classifier()
        let (_, evidence) = try classifier.explain("buồn quá k muốn đi đâu hết, ny bỏ rồi", limit: 20)
        #expect(!evidence.isEmpty)
        for item in evidence {
            #expect(!item.typed.contains("người") && !item.typed.contains("không"), "\(item)")
            #expect("buồn quá k muốn đi đâu hết, ny bỏ rồi".contains(item.typed), "\(item)")
        }
        // Capitals as written.
        let shouted = try classifier.explain("CHÁN QUÁ, KO MUỐN ĐI ĐÂU", limit: 20).evidence
        #expect(shouted.contains { $0.typed == "CHÁN" || $0.typed == "CHÁN QUÁ" }, "\(shouted)")
        #expect(!shouted.contains { $0.typed != $0.typed.uppercased() }, "\(shouted)")
        // Letters typed again and again are named as typed, with the word they were read as.
        let drawn = try classifier.explain("vuiiiii quá đi", limit: 20).evidence
        #expect(drawn.contains { $0.typed.hasPrefix("vuiiiii") && $0.phrase.hasPrefix("vui") }, "\(drawn.map(\.shown))")
        if let lover = evidence.first(where: { $0.phrase.contains("người yêu") }) {
            #expect(lover.typed.contains("ny") && lover.shown.contains("→"), "\(lover)")
        }
    }
}

/// One meaning typed the ways people type it reads as one meaning (a probe of 1,600 such pairs found these apart).
@Suite struct TypedFormsTests {
    static func classifier() throws -> EmotionClassifier {
        try EmotionClassifier(configPath: EmotionClassifierTests.configPath, weightsPath: EmotionClassifierTests.weightsPath,
                              neural: (NeuralEmotionHeadTests.configPath, NeuralEmotionHeadTests.weightsPath))
    }

    @Test(arguments: [
        ("sợ quá", "sợợ quá"), ("buồn quá", "buồnn quá"), ("tức quá", "tứcc quá"), ("vui quá", "vuii quá"),
        ("buồn quá, không muốn làm gì nữa", "bu\u{200B}ồn quá, không muốn làm gì nữa"),
        ("buồn quá, không muốn làm gì nữa", "bu\u{00AD}ồn quá, không muốn làm gì nữa"),
        ("sợ quá, ma kìa", "ｓợ ｑｕá, ｍａ ｋìａ"),
        ("tức quá, nó lừa mình!", "tức quá, nó lừa mình&#33;"),
        ("tức quá, nó lừa mình", "tức quá, nó lừa mình (https://fb.com/x)"),
        ("sợ quá, ma kìa", "sợ quá, ma kìa youtube.com/watch?v=abc123"),
        ("cay thật, bị hủy kèo lần thứ ba rồi", "cay thật, bị huỷ kèo lần thứ ba rồi"),
        ("muốn khóc", "mún khóc"), ("buồn quá, muốn khóc :'(", "buồn quá, muốn khóc :’("),
        ("#sợ quá", "#sợquá"), ("#tức quá", "#tứcquá"), ("#hạnh phúc", "#hạnhphúc"),
        ("cay thật, bị hủy kèo lần thứ ba rồi #tâm trạng #cuộc sống", "cay thật, bị hủy kèo lần thứ ba rồi #tâmtrạng #cuộcsống"),
    ])
    func readsAlike(_ written: String, _ typed: String) throws {
        let classifier = try Self.classifier()
        let a = try classifier.analyze(written).distribution, b = try classifier.analyze(typed).distribution
        #expect(a.winner == b.winner, "\(typed): \(b.winner.code) against \(a.winner.code)")
        #expect(zip(a.probabilities, b.probabilities).allSatisfy { abs($0 - $1) < 0.15 }, "\(typed): \(b.probabilities) against \(a.probabilities)")
    }

    /// Laughter is not "không", and the crying face is not "tao _ tao".
    @Test func laughterAndCrying() throws {
        let classifier = try Self.classifier()
        #expect(try classifier.analyze("thi xong rồi kkkk").distribution.winner.code == "Enjoyment")
        #expect(try classifier.analyze("T_T").distribution.winner.code == "Sadness")
    }
}
