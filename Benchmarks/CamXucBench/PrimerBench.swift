// Continuing a MIDI file: how long until the first continued note, and whether the continuation carries the
// requested emotion.
import CamXucMusic
import Foundation

/// The repository's root (the bench is a developer's tool, run from a checkout).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The product's settings for a quadrant centre: guidance 2.5 and the controls of the point, as `compose` has them.
func productRequest(_ generator: Generator, valence: Double, arousal: Double, seconds: Double, seed: UInt64,
                    primer: Primer?) -> (Generator.Request, Generator.Settings) {
    let condition = Generator.condition(valence: valence, arousal: arousal)
    let request = Generator.Request(valence: condition.valence, arousal: condition.arousal, lengthSeconds: seconds,
                                    seed: seed, keyTonic: primer?.keyTonic, primerTokens: primer?.tokens ?? [])
    return (request, Generator.Settings(controls: MusicalControls.derived(valence: valence, arousal: arousal)))
}

/// Time from asking for a take to its first note, with the first 30 s of `path` as the primer and without one
/// (medians of 5 seeds, after a warm-up take).
func primerSpeed(path: String) throws {
    let (generator, _) = try shippedMusic()
    let primer = try Primer.read(path: path, vocabulary: generator.vocabulary, maximumSeconds: 30)
    print(String(format: "  primer   %@: first %.1f s, %d notes, %d events for the network",
                 primer.name, primer.secondsUsed, primer.take.notes.count, primer.tokens.count))
    let clock = ContinuousClock()
    func firstNote(_ primer: Primer?, seed: UInt64) -> Double {
        let (request, settings) = productRequest(generator, valence: 0.5, arousal: 0.5, seconds: 30, seed: seed, primer: primer)
        let begin = clock.now
        var first: Double?
        var stop = false
        _ = generator.generate(request, settings: { settings }, isCancelled: { stop }, onNote: { _ in
            if first == nil { first = milliseconds(clock.now - begin) }
            stop = true
        })
        return first ?? milliseconds(clock.now - begin)
    }
    _ = firstNote(primer, seed: 99)
    let primed = (UInt64(0)..<5).map { firstNote(primer, seed: $0) }.sorted()
    let alone = (UInt64(0)..<5).map { firstNote(nil, seed: $0) }.sorted()
    print(String(format: "  Swift    first continued note after %.1f ms with the 30-s primer (%.1f ms without one); medians of 5 seeds, guided, controls on",
                 primed[2], alone[2]))
}

/// The judge's agreement with the requested quadrant for continuations of held-out songs: the first clip of each
/// of 20 EMOPIA test-split songs (five per the clip's own quadrant, songs in id order), its first 30 s as the
/// primer; the requested quadrant cycles through all four (own, next, opposite, previous: five each); 30-s
/// continuations judged alone. Beside it, takes without a primer for the same requests and seeds, and the judge
/// on the primers themselves against their own labels.
func primerEvaluation(emopia: String, output: String?, split wanted: String = "test", seeds seedsPerClip: Int = 1) throws {
    let (generator, folder) = try shippedMusic()
    let judge = try MusicJudge(path: folder + "/music-judge.json")
    print("  model    \(generator.model.config.name)")
    let split = try String(contentsOfFile: emopia + "/emopia_split.csv", encoding: .utf8)
    var firstClip: [String: (index: Int, clip: String, path: String, quadrant: Int)] = [:]
    for line in split.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 7, fields[6] == wanted, let quadrant = Int(fields[3].dropFirst()),
              let index = Int(fields[0].split(separator: "_").last ?? "") else { continue }
        if let known = firstClip[fields[2]], (known.index, known.clip) <= (index, fields[0]) { continue }
        firstClip[fields[2]] = (index, fields[0], emopia + "/" + fields[1], quadrant)
    }
    let centres = [1: (0.5, 0.5), 2: (-0.5, 0.5), 3: (-0.5, -0.5), 4: (0.5, -0.5)]
    let chosen = (1...4).flatMap { quadrant in
        firstClip.filter { $0.value.quadrant == quadrant }.sorted { $0.key < $1.key }.prefix(5).map(\.value)
    }
    var agree = 0, agreeAlone = 0, primersOwn = 0
    var byShift = [Int](repeating: 0, count: 4)
    var rows: [[String: Any]] = []
    for (i, clip) in chosen.enumerated() {
      for extra in 0..<seedsPerClip {
        let shift = (i + extra) % 4
        let requested = (clip.quadrant - 1 + shift) % 4 + 1
        let (valence, arousal) = centres[requested] ?? (0, 0)
        let primer = try Primer.read(path: clip.path, vocabulary: generator.vocabulary, maximumSeconds: 30)
        let seed = UInt64(7_000 + i + 100 * extra)
        let (request, settings) = productRequest(generator, valence: valence, arousal: arousal, seconds: 30, seed: seed, primer: primer)
        let continuation = Take.resolved(generator.generate(request, settings: { settings }).notes)
        let verdict = judge.judge(continuation)
        let (plain, plainSettings) = productRequest(generator, valence: valence, arousal: arousal, seconds: 30, seed: seed, primer: nil)
        let alone = judge.judge(Take.resolved(generator.generate(plain, settings: { plainSettings }).notes))
        let own = judge.judge(primer.notes)
        if verdict.quadrant == requested { agree += 1; byShift[shift] += 1 }
        if alone.quadrant == requested { agreeAlone += 1 }
        if own.quadrant == clip.quadrant { primersOwn += 1 }
        print(String(format: "  %-22@ own Q%d (judged Q%d)  asked Q%d  continuation judged Q%d %@  (no primer: Q%d)",
                     clip.clip as NSString, clip.quadrant, own.quadrant, requested, verdict.quadrant,
                     verdict.quadrant == requested ? "✓" : "✗", alone.quadrant))
        rows.append(["clip": clip.clip, "own_quadrant": clip.quadrant, "primer_judged": own.quadrant,
                     "requested": requested, "continuation_judged": verdict.quadrant,
                     "continuation_valence": verdict.valence, "continuation_arousal": verdict.arousal,
                     "without_primer_judged": alone.quadrant, "seed": seed, "primer_notes": primer.take.notes.count,
                     "continuation_notes": continuation.count])
      }
    }
    let n = Double(max(rows.count, 1))
    let perQuadrant = (1...4).map { quadrant in
        let asked = rows.filter { $0["requested"] as? Int == quadrant }
        return "Q\(quadrant) \(asked.filter { $0["continuation_judged"] as? Int == quadrant }.count)/\(asked.count)"
    }
    print("  by requested quadrant: " + perQuadrant.joined(separator: ", "))
    print(String(format: "  continuations judged in the requested quadrant: %d/%d = %.2f (asked own %d/5, next %d/5, opposite %d/5, previous %d/5)",
                 agree, rows.count, Double(agree) / n, byShift[0], byShift[1], byShift[2], byShift[3]))
    print(String(format: "  the same requests and seeds without a primer: %d/%d = %.2f; the judge on the primers against their own labels: %d/%d",
                 agreeAlone, rows.count, Double(agreeAlone) / n, primersOwn, chosen.count))
    guard let output else { return }
    let data = try JSONSerialization.data(withJSONObject: ["primer_seconds": 30, "continuation_seconds": 30,
                                                           "agreement": Double(agree) / n,
                                                           "agreement_without_primer": Double(agreeAlone) / n,
                                                           "rows": rows], options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: output))
}
