// Speed figures for `make bench`: prints, never asserts.
//   camxuc-bench emotion SENTENCES.txt   model load time and per-sentence latency (single thread)
//   camxuc-bench primer [FILE.mid]       time to the first continued note with a 30-s primer
//   camxuc-bench primer-eval [EMOPIA [OUT.json [SPLIT [SEEDS]]]]   the judge's agreement for continuations of 20
//                                        songs of EMOPIA's SPLIT (test; valid for tuning), SEEDS continuations each
import CamXucEmotion
import CamXucMusic
import CamXucTensor
import CamXucText
import Foundation

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func emotion(sentencesPath: String) throws {
    let clock = ContinuousClock()
    var loads: [Double] = []
    var classifier: EmotionClassifier?
    for _ in 0..<10 {
        let start = clock.now
        classifier = try EmotionClassifier()
        loads.append(milliseconds(clock.now - start))
    }
    guard let classifier else { return }
    let sentences = try String(contentsOfFile: sentencesPath, encoding: .utf8).split(separator: "\n").map(String.init)
    for sentence in sentences.prefix(50) { _ = try classifier.analyze(sentence) }  // warm up
    /// Each sentence read five times, one reading timed at a time; sorted.
    func timed(_ sentences: [String]) throws -> [Double] {
        var times: [Double] = []
        for _ in 0..<5 {
            for sentence in sentences {
                let start = clock.now
                _ = try classifier.analyze(sentence)
                times.append(milliseconds(clock.now - start))
            }
        }
        return times.sorted()
    }
    let latencies = try timed(sentences)
    loads.sort()
    print(String(format: "  Swift    load %.1f ms (median of 10); per sentence p50 %.3f ms, p99 %.3f ms (%d analyses, one thread)",
                 loads[loads.count / 2], percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.count))
    // The diacritic restorer alone (part of the load above when Models/ has it).
    if let config = ModelDirectory.locate("diacritics-vi.json") {
        var restorerLoads: [Double] = []
        for _ in 0..<10 {
            let start = clock.now
            _ = try DiacriticRestorer.beside(configPath: config)
            restorerLoads.append(milliseconds(clock.now - start))
        }
        restorerLoads.sort()
        print(String(format: "  Swift    of which the diacritic restorer %.1f ms", restorerLoads[restorerLoads.count / 2]))
    }
    // The same sentences typed without diacritics: read as typed and again with their diacritics put back.
    let folded = sentences.map { VietnameseFolding.fold($0.precomposedStringWithCanonicalMapping) }
    let foldedLatencies = try timed(folded)
    print(String(format: "  Swift    typed without diacritics (read as typed and restored): p50 %.3f ms, p99 %.3f ms",
                 percentile(foldedLatencies, 0.5), percentile(foldedLatencies, 0.99)))
    // `analyze --explain` reads a text again for every word and word pair left out: a sentence, and a long text
    // (the first sentences joined, up to the linear heads' 512-token window), as written and without diacritics.
    func explainTime(_ text: String) throws -> Double {
        let start = clock.now
        _ = try classifier.explain(text)
        return milliseconds(clock.now - start)
    }
    var long = ""
    for sentence in sentences where classifier.normalizer.normalize(long).tokens.count < 500 { long += sentence + " " }
    let sentenceTimes = try sentences.prefix(100).map(explainTime).sorted()
    print(String(format: "  Swift    explain a sentence p50 %.1f ms; a text of %d words %.0f ms, without diacritics %.0f ms",
                 percentile(sentenceTimes, 0.5), classifier.normalizer.normalize(long).tokens.count, try explainTime(long),
                 try explainTime(VietnameseFolding.fold(long.precomposedStringWithCanonicalMapping))))
}

/// The shipped music generator, or the one named by $CAMXUC_MUSIC_MODEL ("music-lstm" for the older model).
func shippedMusic() throws -> (generator: Generator, folder: String) {
    let name = ProcessInfo.processInfo.environment["CAMXUC_MUSIC_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
    return try Generator.loadShipped(name: name)
}

func music() throws {
    let (generatorForTake, _) = try shippedMusic()
    let model = generatorForTake.model
    print("  model    \(model.config.name) (hidden \(model.config.hidden), chord inputs: \(model.config.hasChordInputs))")
    // A chord (V of D major) and key for the chord-conditioned model; the older model ignores them.
    let chords = [15], keys = [2]
    let clock = ContinuousClock()
    var sampler = Sampler()
    var generator = SplitMix64(seed: 1)
    let settings = Sampler.Settings(temperature: 1, topK: 40, topP: 0.95)
    // Batch 1: embedding, LSTM, projection and sampling.
    var state = model.makeState(batch: 1)
    var logits = [Float](repeating: 0, count: model.config.vocabularySize)
    var token = 103 + 8
    // Five rounds of 2,000 steps after a warm-up; the fastest round is reported (PyTorch's figure is taken the
    // same way), so that another tenant's burst on this shared machine does not decide the figure.
    let steps = 2000, rounds = 5
    for _ in 0..<200 {
        model.step(tokens: [token], conditions: [0.6, 0.5, 1], chords: chords, keys: keys, state: &state, logits: &logits)
        token = sampler.sample(logits, settings: settings, generator: &generator)
    }
    var single = Double.infinity
    for _ in 0..<rounds {
        let start = clock.now
        for _ in 0..<steps {
            model.step(tokens: [token], conditions: [0.6, 0.5, 1], chords: chords, keys: keys, state: &state, logits: &logits)
            token = sampler.sample(logits, settings: settings, generator: &generator)
        }
        single = min(single, milliseconds(clock.now - start) / Double(steps))
    }
    // Guided: conditioned and unconditioned streams as a batch of two.
    var stream = GuidedStream(model: model)
    var guided = Double.infinity
    for _ in 0..<rounds {
        let start = clock.now
        for _ in 0..<steps {
            stream.step(token: token, valence: 0.6, arousal: 0.5, guidance: 2.5, chord: 15, key: 2)
            token = sampler.sample(stream.logits, settings: settings, generator: &generator)
        }
        guided = min(guided, milliseconds(clock.now - start) / Double(steps))
    }
    print(String(format: "  Swift    %.4f ms per step at batch 1 (embedding, LSTM, projection, sampling); %.4f ms guided (batch 2); fastest of 5 rounds",
                 single, guided))
    // A whole take as `camxuc compose` makes it: guidance 2.5, controls on, 30 s (with its chord plan).
    let takeSettings = Generator.Settings(controls: MusicalControls.derived(valence: 0.6, arousal: 0.5))
    var firstNotes: [Double] = [], rates: [Double] = []
    for seed in UInt64(0)..<5 {
        let begin = clock.now
        var first: Double?
        let result = generatorForTake.generate(Generator.Request(valence: 0.8, arousal: 0.67, lengthSeconds: 30, seed: seed),
                                               settings: { takeSettings },
                                               onNote: { _ in if first == nil { first = milliseconds(clock.now - begin) } })
        let total = milliseconds(clock.now - begin)
        firstNotes.append(first ?? total)
        rates.append((result.notes.last.map { $0.startSeconds + $0.durationSeconds } ?? 0) / (total / 1000))
    }
    firstNotes.sort()
    rates.sort()
    print(String(format: "  Swift    first note after %.2f ms; %.0f s of music generated per second (30 s takes, guided, controls on; medians of 5)",
                 firstNotes[2], rates[2]))
}

/// The model card's evaluation: takes per quadrant centre under several settings, judged by the music judge.
/// `mapping` sets the controls; `seedOffset` moves every seed (tuning uses seeds the evaluation never sees);
/// `onlyControls` runs just the product's setting.
func musicEvaluation(takes: Int, seconds: Double, output: String?, mapping: MusicalControls.Mapping = .init(),
                     seedOffset: UInt64 = 0, onlyControls: Bool = false, guidance: Double = 2.5,
                     temperature: Double = 1, conditionScale: Double = Generator.conditionScale,
                     planKeyShare: Float = Generator.Settings.defaultPlanKeyShare, centre: Double = 0.5,
                     referenceArousalShares: [Float] = Generator.Settings.defaultReferenceArousalShares,
                     timingGuidance: Double? = nil) throws {
    let (generator, folder) = try shippedMusic()
    let judge = try MusicJudge(path: folder + "/music-judge.json")
    print("  model    \(generator.model.config.name)")
    // $CAMXUC_EVAL_SETUPS=product runs only the product's setting (guidance + controls), as music-tune does.
    let onlyControls = onlyControls || ProcessInfo.processInfo.environment["CAMXUC_EVAL_SETUPS"] == "product"
    let centres: [(Int, Double, Double)] = [(1, centre, centre), (2, -centre, centre), (3, -centre, -centre),
                                            (4, centre, -centre)]
    struct Setup { var name: String; var guidance: Double; var controls: Bool; var bestOf: Int }
    let allSetups = [Setup(name: "unconditioned", guidance: 0, controls: false, bestOf: 1),
                  Setup(name: "condition only", guidance: 1, controls: false, bestOf: 1),
                  Setup(name: "guidance \(guidance)", guidance: guidance, controls: false, bestOf: 1),
                  Setup(name: "guidance \(guidance) + controls", guidance: guidance, controls: true, bestOf: 1),
                  Setup(name: "guidance \(guidance) + controls, best of 4", guidance: guidance, controls: true, bestOf: 4)]
    let setups = onlyControls ? allSetups.filter { $0.controls && $0.bestOf == 1 } : allSetups
    var totals = (q: 0.0, v: 0.0, a: 0.0)
    var report: [[String: Any]] = []
    for setup in setups {
        for (quadrant, valence, arousal) in centres {
            var q = 0, v = 0, a = 0
            var features: [MusicalFeatures] = []
            var judged: [(Double, Double)] = []
            var planTonics = Set<Int>(), foundKeys = Set<Int>()
            for take in 0..<takes {
                let controls = setup.controls ? MusicalControls.derived(valence: valence, arousal: arousal, mapping: mapping) : nil
                var settings = Generator.Settings(sampling: .init(temperature: temperature, topK: 40, topP: 0.95),
                                                  guidance: setup.guidance, controls: controls, planKeyShare: planKeyShare)
                settings.referenceArousalShares = referenceArousalShares
                settings.timingGuidance = timingGuidance
                let condition = (valence: min(max(valence / conditionScale, -1), 1),
                                 arousal: min(max(arousal / conditionScale, -1), 1))
                var best: (notes: [EventVocabulary.DecodedNote], verdict: MusicJudge.Verdict, distance: Double)?
                let request = Generator.Request(valence: condition.valence, arousal: condition.arousal,
                                                lengthSeconds: seconds, seed: UInt64(quadrant * 100_000 + take * 10) + seedOffset)
                let candidates = setup.bestOf == 1 ? [generator.generate(request, settings: { settings }).notes]
                    : generator.generateBatch(request, count: setup.bestOf, settings: { settings }).map(\.notes)
                for notes in candidates {
                    let verdict = judge.judge(notes)
                    let distance = pow(verdict.valence - valence, 2) + pow(verdict.arousal - arousal, 2)
                    if distance < (best?.distance ?? .infinity) { best = (notes, verdict, distance) }
                }
                guard let best else { continue }
                // $CAMXUC_TAKES_DIR keeps every take as q<quadrant>-<seed>.mid, for eval_human.py evaluate.
                if let folder = ProcessInfo.processInfo.environment["CAMXUC_TAKES_DIR"], setup.controls, setup.bestOf == 1 {
                    try MIDIFile.write(Take(decodedNotes: Take.resolved(best.notes), program: 0),
                                       to: folder + "/q\(quadrant)-\(request.seed).mid")
                }
                if let plan = generator.plan(for: request) { planTonics.insert(plan.tonic) }
                if best.verdict.quadrant == quadrant { q += 1 }
                if (best.verdict.positiveValence > 0.5) == (valence > 0) { v += 1 }
                if (best.verdict.highArousal > 0.5) == (arousal > 0) { a += 1 }
                features.append(MusicalFeatures(notes: best.notes))
                foundKeys.insert(features[features.count - 1].keyTonic + (features[features.count - 1].keyMode == .minor ? 12 : 0))
                judged.append((best.verdict.valence, best.verdict.arousal))
            }
            let n = Double(max(features.count, 1))
            let row: [String: Any] = [
                "setup": setup.name, "quadrant": quadrant, "takes": features.count,
                "quadrant_accuracy": Double(q) / n, "valence_accuracy": Double(v) / n, "arousal_accuracy": Double(a) / n,
                "mean_judged_valence": judged.map(\.0).reduce(0, +) / n, "mean_judged_arousal": judged.map(\.1).reduce(0, +) / n,
                "notes_per_second": features.map(\.notesPerSecond).reduce(0, +) / n,
                "mean_velocity": features.map(\.meanVelocity).reduce(0, +) / n,
                "mean_pitch": features.map(\.meanPitch).reduce(0, +) / n,
                "pitch_range": features.map { Double($0.highestPitch - $0.lowestPitch) }.reduce(0, +) / n,
                "major_share": Double(features.filter { $0.keyMode == .major }.count) / n,
                "pitch_classes": Double(features.map(\.pitchClasses).reduce(0, +)) / n,
                "distinct_plan_tonics": planTonics.count, "distinct_found_keys": foundKeys.count,
                "model": generator.model.config.name,
                "tempo_scale": setup.controls ? MusicalControls.derived(valence: valence, arousal: arousal, mapping: mapping).tempoScale : 1.0,
            ]
            report.append(row)
            if setup.controls, setup.bestOf == 1 {
                totals = (totals.q + Double(q) / n / 4, totals.v + Double(v) / n / 4, totals.a + Double(a) / n / 4)
            }
            print(String(format: "  %-36@ Q%d  4Q %.2f  V %.2f  A %.2f  %.1f notes/s  vel %.0f  pitch %.1f  major %.2f  pcs %.1f  tonics %d  keys %d",
                         setup.name as NSString, quadrant, Double(q) / n, Double(v) / n, Double(a) / n,
                         row["notes_per_second"] as? Double ?? 0, row["mean_velocity"] as? Double ?? 0,
                         row["mean_pitch"] as? Double ?? 0, row["major_share"] as? Double ?? 0,
                         row["pitch_classes"] as? Double ?? 0, planTonics.count, foundKeys.count))
        }
    }
    print(String(format: "  guidance + controls, mean: 4Q %.3f  V %.3f  A %.3f", totals.q, totals.v, totals.a))
    guard let output else { return }
    let data = try JSONSerialization.data(withJSONObject: ["takes_per_quadrant": takes, "seconds": seconds, "rows": report],
                                          options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: output))
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "emotion" where arguments.count == 3:
        try emotion(sentencesPath: arguments[2])
    case "music":
        try music()
    case "music-tune" where arguments.count >= 4:
        // Tuning the emotion-to-controls mapping: seeds offset by 7 from the evaluation's, the product setting only.
        var mapping = MusicalControls.Mapping()
        var pairs = Array(arguments.dropFirst(4))
        func take(_ name: String) -> Double? {
            guard let index = pairs.firstIndex(where: { $0.hasPrefix(name + "=") }) else { return nil }
            defer { pairs.remove(at: index) }
            return Double(pairs[index].dropFirst(name.count + 1))
        }
        let guidance = take("guidance") ?? 2.5, temperature = take("temperature") ?? 1
        let conditionScale = take("conditionScale") ?? Generator.conditionScale
        let planKeyShare = take("planKeyShare").map(Float.init) ?? Generator.Settings.defaultPlanKeyShare
        // centre=0.75 puts the quadrant points where eval_human.py's takes are (|valence| = |arousal| = 0.75).
        let centre = take("centre") ?? 0.5
        // One share everywhere (referenceArousalShare=1) or one per quadrant (referenceArousalShares=0,0,0,1).
        var referenceArousalShares = take("referenceArousalShare").map { [Float](repeating: Float($0), count: 4) }
            ?? Generator.Settings.defaultReferenceArousalShares
        if let index = pairs.firstIndex(where: { $0.hasPrefix("referenceArousalShares=") }) {
            let values = pairs.remove(at: index).dropFirst("referenceArousalShares=".count).split(separator: ",").compactMap { Float($0) }
            guard values.count == 4 else { throw MusicError.badModel("referenceArousalShares takes four numbers, Q1 to Q4") }
            referenceArousalShares = values
        }
        let timingGuidance = take("timingGuidance")
        let unknown = mapping.set(pairs)
        guard unknown.isEmpty else { throw MusicError.badModel("unknown mapping setting " + unknown.joined(separator: ", ")) }
        try musicEvaluation(takes: Int(arguments[2]) ?? 20, seconds: Double(arguments[3]) ?? 30, output: nil,
                            mapping: mapping, seedOffset: 7, onlyControls: true, guidance: guidance, temperature: temperature,
                            conditionScale: conditionScale, planKeyShare: planKeyShare, centre: centre,
                            referenceArousalShares: referenceArousalShares, timingGuidance: timingGuidance)
    case "arc-eval" where (3...4).contains(arguments.count):
        try arcEvaluation(textsPath: arguments[2], seeds: arguments.count == 4 ? max(Int(arguments[3]) ?? 1, 1) : 1)
    case "music-eval" where arguments.count == 5:
        try musicEvaluation(takes: Int(arguments[2]) ?? 50, seconds: Double(arguments[3]) ?? 30, output: arguments[4])
    case "primer" where arguments.count <= 3:
        try primerSpeed(path: arguments.count == 3 ? arguments[2] : repositoryRoot + "/Tests/Fixtures/midi/bench-30s.mid")
    case "primer-eval" where arguments.count <= 6:
        try primerEvaluation(emopia: arguments.count >= 3 ? arguments[2] : repositoryRoot + "/../shared/data/midi/emopia",
                             output: arguments.count >= 4 && !arguments[3].isEmpty ? arguments[3] : nil,
                             split: arguments.count >= 5 ? arguments[4] : "test",
                             seeds: arguments.count >= 6 ? max(Int(arguments[5]) ?? 1, 1) : 1)
    default:
        print("usage: camxuc-bench emotion SENTENCES.txt | music | music-eval TAKES SECONDS OUT.json | music-tune TAKES SECONDS [name=value ...]"
              + " | primer [FILE.mid] | primer-eval [EMOPIA-FOLDER [OUT.json [SPLIT [SEEDS]]]] | arc-eval TEXTS.txt [SEEDS]")
        exit(64)
    }
} catch {
    print("camxuc-bench: \(error)")
    exit(1)
}
