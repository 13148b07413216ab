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
        /// The text as read when it was typed with the input method off ("tooi buoonf quas" read as "tôi buồn quá",
        /// `KeysLeftInText`); nil when it was read as typed.
        public var readAs: String? = nil
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

        func probabilities(tokens: [String], elongated: Bool, cache: FeatureHasher.TokenCache? = nil) -> [Double] {
            let classes = bias.count
            let counts = cache.map { hasher.counts(tokens: tokens, elongated: elongated, cache: $0) }
                ?? hasher.counts(tokens: tokens, elongated: elongated)
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
    /// The neural head that reads word order, mixed with the linear heads in its config's shares
    /// (`ensembleWeight`, and `ensembleWeightPlain` for text typed without diacritics); nil reads with the linear
    /// heads alone.
    let neural: NeuralEmotionHead?
    /// Puts diacritics back on text typed without them; that text is then read twice — as typed (the plain head,
    /// the neural head's diacritic-free forms) and restored (as text with diacritics is read) — and the two readings
    /// mixed, `restoredWeight` of the restored one. Nil reads such text as typed alone.
    let restorer: DiacriticRestorer?
    /// How calm a good feeling is, for the point's arousal (`CalmHead`); nil leaves Enjoyment's arousal as it is.
    let calm: CalmHead?

    /// The shipped model, found with `ModelDirectory`.
    public convenience init(normalizer: TextNormalizer = TextNormalizer()) throws {
        guard let configPath = ModelDirectory.locate("emotion-vi.json") else {
            throw EmotionError.modelNotFound(file: "emotion-vi.json", searched: ModelDirectory.candidates())
        }
        let weightsPath = String(configPath.dropLast(".json".count)) + ".safetensors"
        let folder = (configPath as NSString).deletingLastPathComponent
        // The neural head is part of the shipped classifier: without it the readings are the linear heads' alone (anger
        // read as sadness again), so a folder that lacks it is an error, not a quiet step back.
        let neuralConfig = folder + "/emotion-vi-neural.json"
        guard FileManager.default.fileExists(atPath: neuralConfig) else {
            throw EmotionError.modelNotFound(file: "emotion-vi-neural.json", searched: [folder])
        }
        let neural = (neuralConfig, folder + "/emotion-vi-neural.safetensors")
        let restorer = try DiacriticRestorer.beside(configPath: configPath)
        try self.init(configPath: configPath, weightsPath: weightsPath, neural: neural, restorer: restorer,
                      calm: CalmHead.paths(beside: configPath), normalizer: normalizer)
    }

    /// The linear heads from `configPath` and `weightsPath`, and the neural head from `neural` and the calm head from
    /// `calm` (each its config and weights) when given.
    public init(configPath: String, weightsPath: String, neural: (config: String, weights: String)? = nil,
                restorer: DiacriticRestorer? = nil, calm: (config: String, weights: String)? = nil,
                normalizer: TextNormalizer = TextNormalizer()) throws {
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
        self.restorer = restorer
        self.calm = try calm.map { try CalmHead(configPath: $0.config, weightsPath: $0.weights) }
        if let neural {
            let head = try NeuralEmotionHead(configPath: neural.config, weightsPath: neural.weights)
            guard head.classes == classes else {
                throw EmotionError.badConfig(file: neural.config, reason: "it scores \(head.classes) classes, not \(classes)")
            }
            self.neural = head
        } else {
            self.neural = nil
        }
    }

    /// Whether a neural head reads word order beside the linear heads.
    public var readsWordOrder: Bool { neural != nil }

    public var labels: [EmotionLabel] { config.labels }

    /// The emotion in `text`; throws `EmotionError.emptyText` for empty or whitespace-only text.
    public func analyze(_ text: String) throws -> Analysis {
        try read(text).analysis
    }

    /// The analysis of `text` with the tokens it read (`explain` reads them again, one left out at a time).
    func read(_ text: String) throws -> (analysis: Analysis, tokens: [String], elongated: Bool, read: TextNormalizer.Result) {
        guard !TextNormalizer.isBlank(text) else { throw EmotionError.emptyText }
        // Keys left in the text by an input method that was off are read as the words they type.
        let readAs = KeysLeftInText.composed(text)
        let source = readAs ?? text
        let normalized = normalizer.normalize(source)
        let kept = Array(normalized.tokens.prefix(config.maxTokens))
        let withoutDiacritics = readsWithoutDiacritics(source)
        let distribution = classify(tokens: kept, elongated: normalized.elongated, withoutDiacritics: withoutDiacritics)
        let analysis = Analysis(distribution: distribution, tokenCount: kept.count,
                                truncatedTokens: normalized.tokens.count - kept.count, readWithoutDiacritics: withoutDiacritics,
                                mostlyNotVietnamese: LanguageGuess.isMostlyNotVietnamese(kept), readAs: readAs)
        return (analysis, kept, normalized.elongated, normalized)
    }

    /// A word's part in a reading: how much the winner's probability falls when the word is left out.
    public struct Evidence: Equatable, Sendable {
        /// The word (a normalised token, or two neighbouring tokens read as one phrase).
        public var phrase: String
        /// The same words as the text has them, before teencode expansion ("k" where `phrase` is "không").
        public var typed: String
        /// The words as typed, with what they were read as when that differs: "k→không" (not "Hôm→hôm").
        public var shown: String { typed.lowercased() == phrase ? typed : typed + "→" + phrase }
        /// The winner's probability with the text whole, minus without the phrase (positive: it raised the winner).
        public var change: Double
    }

    /// The words and two-word phrases that raised the winning class most, by occlusion: each is dropped in turn and
    /// the text read again. At most `limit`, strongest first, only those that raised the winner.
    public func explain(_ text: String, limit: Int = 5) throws -> (analysis: Analysis, evidence: [Evidence]) {
        let (analysis, tokens, elongated, normalized) = try read(text)
        let written = (analysis.readAs ?? text).precomposedStringWithCanonicalMapping
        guard limit > 0 else { return (analysis, []) }
        let winner = analysis.distribution.winner.code
        let whole = analysis.distribution.probability(of: winner) ?? 0
        var evidence: [Evidence] = []
        var spans: [Range<Int>] = []  // each evidence item's tokens
        let isWord = { (token: String) in token.unicodeScalars.contains { TextNormalizer.isLetter($0) || TextNormalizer.isEmoji($0) } }
        // Each reading without a phrase reuses what does not change: the diacritics put back on the whole text (the
        // phrase's words are taken out of them too), and the neural head's reading of its window when the phrase lies
        // past it. A 500-word text took 27 s, restored again and read by the neural head for every phrase.
        let memo = ReadingMemo()
        let restored = analysis.readWithoutDiacritics ? restoration(of: tokens) : nil
        // What is left out is what the user typed: a word, or two neighbouring ones. A teencode piece goes whole ("ny"
        // is "người yêu", never "người" alone).
        var pieces: [Range<Int>] = []
        for index in tokens.indices {
            if let last = pieces.last, normalized.origins[last.lowerBound] == normalized.origins[index] {
                pieces[pieces.count - 1] = last.lowerBound..<(index + 1)
            } else {
                pieces.append(index..<(index + 1))
            }
        }
        // The sentence (or line) of each token, where reading the sentences one by one gives the same tokens: a phrase
        // is two words of one sentence ("nhau trải" joined the end of one line of a verse to the start of the next).
        let sentenceTokens = SentenceSplitter.split(analysis.readAs ?? text).map { normalizer.normalize($0).tokens }
        var sentenceOf: [Int]?
        if sentenceTokens.count > 1, Array(sentenceTokens.joined().prefix(tokens.count)) == tokens {
            sentenceOf = sentenceTokens.enumerated().flatMap { index, sentence in Array(repeating: index, count: sentence.count) }
        }
        for width in [1, 2] where pieces.count > width {
            for start in 0...(pieces.count - width) {
                let range = pieces[start].lowerBound..<pieces[start + width - 1].upperBound
                let span = tokens[range]
                guard span.allSatisfy(isWord) else { continue }
                if let sentenceOf, sentenceOf[range.lowerBound] != sentenceOf[range.upperBound - 1] { continue }
                var rest = tokens
                rest.removeSubrange(range)
                var restoredRest = restored
                restoredRest?.removeSubrange(range)
                let without = classify(tokens: rest, elongated: elongated, withoutDiacritics: analysis.readWithoutDiacritics,
                                       restored: restoredRest, memo: memo).probability(of: winner) ?? 0
                evidence.append(Evidence(phrase: span.joined(separator: " "), typed: Self.asWritten(normalized.typed(range), in: written),
                                         change: whole - without))
                spans.append(range)
            }
        }
        // A phrase is listed only when it says more than its words do alone, and nothing is listed twice: not the
        // same words again, nor a word of a phrase already listed ("Tức quá · Tức" spent the studio's three places on
        // one word).
        var chosen: [Evidence] = []
        var chosenSpans: [Range<Int>] = []
        for place in evidence.indices.sorted(by: { evidence[$0].change > evidence[$1].change }) where evidence[place].change > 0.005 {
            let item = evidence[place]
            let words = item.typed.split(separator: " ").map(String.init)
            if words.count > 1 {
                let best = evidence.filter { words.contains($0.typed) }.map(\.change).max() ?? 0
                if item.change < best + 0.02 { continue }
            }
            // No word twice, wherever it stands ("Tức tức · Tức" named one word three times).
            let shownWords = Set(chosen.flatMap { $0.typed.lowercased().split(separator: " ").map(String.init) })
            // Nor a phrase holding a word already named ("Vui · thì vui").
            if chosen.contains(where: { $0.phrase == item.phrase }) || chosenSpans.contains(where: { $0.overlaps(spans[place]) })
                || words.contains(where: { shownWords.contains($0.lowercased()) }) {
                continue
            }
            // Two neighbouring words both named are one word of two syllables more often than not ("hạnh phúc" was
            // named as "phúc · hạnh"): named as the pair, where it was read.
            if words.count == 1, let neighbour = chosenSpans.firstIndex(where: {
                   $0.count == 1 && ($0.upperBound == spans[place].lowerBound || spans[place].upperBound == $0.lowerBound) }),
               let pair = spans.firstIndex(where: { $0 == min(spans[place].lowerBound, chosenSpans[neighbour].lowerBound)..<max(spans[place].upperBound, chosenSpans[neighbour].upperBound) }) {
                chosen[neighbour] = Evidence(phrase: evidence[pair].phrase, typed: evidence[pair].typed,
                                             change: max(chosen[neighbour].change, evidence[pair].change))
                chosenSpans[neighbour] = spans[pair]
                continue
            }
            chosen.append(item)
            chosenSpans.append(spans[place])
            if chosen.count == limit { break }
        }
        // Strongest first, a pair that took a word's place counted at its own strength ("too long (+0.09)" came before
        // "The movie (+0.10)").
        chosen.sort { $0.change > $1.change }
        // A text of one word: that word is the why (left out, nothing is left to read).
        if chosen.isEmpty, pieces.count == 1, tokens[pieces[0]].allSatisfy(isWord) {
            let range = pieces[0]
            chosen = [Evidence(phrase: tokens[range].joined(separator: " "), typed: Self.asWritten(normalized.typed(range), in: written),
                               change: whole - 1 / Double(analysis.distribution.labels.count))]
        }
        return (analysis, chosen)
    }

    /// `typed` (lower-cased by the normaliser) with the letter case it has in `text`, where the text holds it as it
    /// is ("Hùng", "CHÁN", not "hùng", "chán").
    static func asWritten(_ typed: String, in text: String) -> String {
        // As a whole word: "cả" took its capital from "Cảm" in "Cảm ơn cả nhà".
        var from = text.startIndex
        while let range = text.range(of: typed, options: [.caseInsensitive], range: from..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) {
                let found = String(text[range])
                return found.lowercased() == typed ? found : typed
            }
            from = range.upperBound
        }
        return typed
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
        classify(tokens: tokens, elongated: elongated, withoutDiacritics: withoutDiacritics, restored: nil, memo: nil)
    }

    /// `classify`, with the restored tokens given when they are known (`restored`) and the neural head's readings
    /// kept in `memo`.
    func classify(tokens: [String], elongated: Bool, withoutDiacritics: Bool, restored: [String]?,
                  memo: ReadingMemo?) -> EmotionDistribution {
        var probabilities = mixture(tokens: tokens, elongated: elongated, withoutDiacritics: withoutDiacritics, memo: memo)
        if withoutDiacritics, let restorer, let restoredTokens = restored ?? restoration(of: tokens) {
            let read = mixture(tokens: restoredTokens, elongated: elongated, withoutDiacritics: false, memo: memo)
            probabilities = zip(probabilities, read).map { (1 - restorer.weight) * $0 + restorer.weight * $1 }
        }
        // The calm head moves only the point; `explain`'s readings with a word left out (a memo) need the winner alone.
        return EmotionDistribution(labels: config.labels, probabilities: probabilities,
                                   calmShare: memo == nil ? calm?.calm(tokens: tokens, elongated: elongated) : nil)
    }

    /// `tokens` with their diacritics put back, when text without them is read a second time that way (the model has
    /// a plain head and a restorer with a share above 0); nil otherwise.
    func restoration(of tokens: [String]) -> [String]? {
        guard plain != nil, let restorer, restorer.weight > 0 else { return nil }
        return restorer.restore(tokens)
    }

    /// What `explain` keeps between its many readings of nearly the same text: the neural head's readings by the
    /// tokens of its window, and each linear head's hashed features by token.
    final class ReadingMemo {
        var neural: [[String]: [Double]] = [:]
        let main = FeatureHasher.TokenCache()
        let plain = FeatureHasher.TokenCache()
    }

    /// The heads' mixture for tokens as they are: the plain linear head for text without diacritics, else the main
    /// one; the neural head's share and the mixture's temperature from its config.
    func mixture(tokens: [String], elongated: Bool, withoutDiacritics: Bool, memo: ReadingMemo? = nil) -> [Double] {
        var probabilities: [Double]
        let plainHead = withoutDiacritics ? plain : nil
        if let plainHead {
            probabilities = plainHead.probabilities(tokens: tokens.map(VietnameseFolding.fold), elongated: elongated,
                                                    cache: memo?.plain)
        } else {
            probabilities = main.probabilities(tokens: tokens, elongated: elongated, cache: memo?.main)
        }
        if let neural {
            let read: [Double]
            if let memo {
                let window = Array(tokens.prefix(neural.maxTokens))
                if let known = memo.neural[window] {
                    read = known
                } else {
                    read = neural.probabilities(tokens: window)
                    memo.neural[window] = read
                }
            } else {
                read = neural.probabilities(tokens: tokens)
            }
            let weight = plainHead != nil ? neural.ensembleWeightPlain : neural.ensembleWeight
            let mixed = zip(probabilities, read).map { (1 - weight) * $0 + weight * $1 }
            let temperature = neural.ensembleTemperature
            let sharpened = mixed.map { Foundation.exp(Foundation.log(max($0, 1e-12)) / temperature) }
            let total = sharpened.reduce(0, +)
            probabilities = sharpened.map { $0 / total }
        }
        return probabilities
    }
}
