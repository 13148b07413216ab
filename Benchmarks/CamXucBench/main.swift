// Speed figures for `make bench`: prints, never asserts.
//   camxuc-bench emotion SENTENCES.txt   model load time and per-sentence latency (single thread)
import CamXucEmotion
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

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "emotion" where arguments.count == 3:
        try emotion(sentencesPath: arguments[2])
    default:
        print("usage: camxuc-bench emotion SENTENCES.txt")
        exit(64)
    }
} catch {
    print("camxuc-bench: \(error)")
    exit(1)
}
