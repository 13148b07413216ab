import CamXucEmotion
import CamXucMusic
import Foundation

/// A sentence's reading as the arc takes it.
func arcReading(_ reading: EmotionClassifier.SentenceReading) -> EmotionArc.Reading {
    let distribution = reading.analysis.distribution
    return EmotionArc.Reading(sentence: reading.sentence, syllables: reading.syllables, valence: distribution.point.valence,
                              arousal: distribution.point.arousal, emotion: distribution.winner.code)
}

/// `camxuc-bench arc-eval TEXTS.txt [SEEDS]`: for each two-sentence text, one take along its arc (30 s, seed = its
/// line number, default settings and controls; with SEEDS, that many takes a text, the seed 1,000 more each time); the judge reads each segment's notes on their own. Prints, per text,
/// the quadrant each sentence was read in and the quadrant the judge hears in its segment, and how often the two
/// agree. Then the time to read a text of about 5,000 syllables sentence by sentence and lay out its arc.
func arcEvaluation(textsPath: String, seeds: Int = 1) throws {
    let classifier = try EmotionClassifier()
    let (generator, folder) = try shippedMusic()
    let judge = try MusicJudge(path: folder + "/music-judge.json")
    let texts = try String(contentsOfFile: textsPath, encoding: .utf8).split(separator: "\n")
        .map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    let seconds = 30.0
    var agree = [0, 0], valenceAgree = [0, 0], counted = 0
    // Each text once a seed: its line number, then 1,000 more a round.
    for (round, index, text) in (0..<seeds).flatMap({ round in texts.enumerated().map { (round, $0.offset, $0.element) } }) {
        let whole = try classifier.analyze(text).distribution.point
        let readings = classifier.analyzeSentences(text) ?? []
        guard readings.count == 2 else {
            print("  text \(index + 1): \(readings.count) sentences, skipped")
            continue
        }
        let arc = EmotionArc.layout(readings.map(arcReading), whole: .init(valence: whole.valence, arousal: whole.arousal),
                                    lengthSeconds: seconds)
        let condition = Generator.condition(valence: whole.valence, arousal: whole.arousal)
        let request = Generator.Request(valence: condition.valence, arousal: condition.arousal, lengthSeconds: seconds,
                                        seed: UInt64(index + 1 + 1000 * round), arc: arc)
        let settings = Generator.Settings(controls: MusicalControls.derived(valence: whole.valence, arousal: whole.arousal))
        let notes = Take.resolved(generator.generate(request, settings: { settings }).notes)
        var row = String(format: "  text %2d", index + 1)
        for (half, segment) in arc.segments.enumerated() {
            let verdict = judge.judge(notes.filter { $0.startSeconds >= segment.start && $0.startSeconds < segment.end }
                .map { var note = $0; note.startSeconds -= segment.start; return note })
            let asked = CircumplexPoint(valence: segment.valence, arousal: segment.arousal)
            let heard = CircumplexPoint(valence: verdict.valence, arousal: verdict.arousal)
            if asked.quadrant == heard.quadrant { agree[half] += 1 }
            if (asked.valence >= 0) == (heard.valence >= 0) { valenceAgree[half] += 1 }
            row += String(format: "   %@ %-9@ read Q%d, heard Q%d", half == 0 ? "first" : "second",
                          (segment.emotion ?? "") as NSString, asked.quadrant, heard.quadrant)
        }
        counted += 1
        print(row)
    }
    guard counted > 0 else { return }
    print(String(format: "  own quadrant: first half %d/%d, second half %d/%d; valence sign: first %d/%d, second %d/%d",
                 agree[0], counted, agree[1], counted, valenceAgree[0], counted, valenceAgree[1], counted))
    // A long text: the twenty texts over and over, about 5,000 syllables.
    var long = ""
    while long.split(whereSeparator: \.isWhitespace).count < 5_000 { long += texts.joined(separator: "\n") + "\n" }
    let syllables = long.split(whereSeparator: \.isWhitespace).count
    let clock = ContinuousClock()
    let start = clock.now
    let point = try classifier.analyze(long).distribution.point
    let readings = classifier.analyzeSentences(long) ?? []
    let arc = EmotionArc.layout(readings.map(arcReading), whole: .init(valence: point.valence, arousal: point.arousal),
                                lengthSeconds: 120)
    let elapsed = milliseconds(clock.now - start)
    print(String(format: "  a %d-syllable text (%d sentences) read and laid out over 120 s in %.0f ms: %d segments, %d merged groups",
                 syllables, readings.count, elapsed, arc.segments.count, arc.merges.count))
}
