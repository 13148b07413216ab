// Speed figures for `make bench`: prints, never asserts.
//   camxuc-bench emotion SENTENCES.txt   model load time and per-sentence latency (single thread)
import CamXucEmotion
import CamXucMusic
import CamXucTensor
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
    var latencies: [Double] = []
    for _ in 0..<5 {
        for sentence in sentences {
            let start = clock.now
            _ = try classifier.analyze(sentence)
            latencies.append(milliseconds(clock.now - start))
        }
    }
    latencies.sort()
    loads.sort()
    print(String(format: "  Swift    load %.1f ms (median of 10); per sentence p50 %.3f ms, p99 %.3f ms (%d analyses, one thread)",
                 loads[loads.count / 2], percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.count))
}

func music() throws {
    guard let configPath = ModelDirectory.locate("music-lstm.json") else {
        print("  (no music model found)")
        return
    }
    let model = try MusicLSTM(configPath: configPath,
                              weightsPath: String(configPath.dropLast(".json".count)) + ".safetensors")
    let clock = ContinuousClock()
    var sampler = Sampler()
    var generator = SplitMix64(seed: 1)
    let settings = Sampler.Settings(temperature: 1, topK: 40, topP: 0.95)
    // Batch 1: embedding, LSTM, projection and sampling.
    var state = model.makeState(batch: 1)
    var logits = [Float](repeating: 0, count: model.config.vocabularySize)
    var token = 103 + 8
    let steps = 4000
    for _ in 0..<200 {
        model.step(tokens: [token], conditions: [0.6, 0.5, 1], state: &state, logits: &logits)
        token = sampler.sample(logits, settings: settings, generator: &generator)
    }
    var start = clock.now
    for _ in 0..<steps {
        model.step(tokens: [token], conditions: [0.6, 0.5, 1], state: &state, logits: &logits)
        token = sampler.sample(logits, settings: settings, generator: &generator)
    }
    let single = milliseconds(clock.now - start) / Double(steps)
    // Guided: conditioned and unconditioned streams as a batch of two.
    var stream = GuidedStream(model: model)
    start = clock.now
    for _ in 0..<steps {
        stream.step(token: token, valence: 0.6, arousal: 0.5, guidance: 2.5)
        token = sampler.sample(stream.logits, settings: settings, generator: &generator)
    }
    let guided = milliseconds(clock.now - start) / Double(steps)
    print(String(format: "  Swift    %.4f ms per step at batch 1 (embedding, LSTM, projection, sampling); %.4f ms guided (batch 2)",
                 single, guided))
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "emotion" where arguments.count == 3:
        try emotion(sentencesPath: arguments[2])
    case "music":
        try music()
    default:
        print("usage: camxuc-bench emotion SENTENCES.txt | music")
        exit(64)
    }
} catch {
    print("camxuc-bench: \(error)")
    exit(1)
}
