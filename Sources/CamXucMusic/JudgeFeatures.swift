import Foundation

/// The 23 features the music-emotion judge reads, computed exactly as `Models/training/camxuc_judge_features.py`
/// does (same order of operations, so the values agree to rounding).
///
/// 0 ln(1 + notes/s), 1 mean velocity/127, 2 std velocity/127, 3 (mean pitch − 60)/24, 4 std pitch/24,
/// 5 mean ln duration, 6 std ln duration, 7 ln(1 + mean polyphony), 8 best major-key correlation, 9 best minor-key
/// correlation, 10 their difference, 11–22 the duration-weighted pitch-class profile from the best key's tonic.
public enum JudgeFeatures {
    public static let count = 23

    static func meanStd(_ values: [Double]) -> (Double, Double) {
        guard !values.isEmpty else { return (0, 0) }
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (mean, (squares / Double(values.count)).squareRoot())
    }

    /// How many of the sorted `values` are at most `limit`.
    static func countNotAbove(_ values: [Double], _ limit: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public static func compute(_ notes: [EventVocabulary.DecodedNote]) -> [Double] {
        guard !notes.isEmpty else { return [Double](repeating: 0, count: count) }
        var end = -Double.infinity
        for note in notes { end = max(end, note.startSeconds + note.durationSeconds) }
        let (velocityMean, velocityStd) = meanStd(notes.map { Double($0.velocity) })
        let (pitchMean, pitchStd) = meanStd(notes.map { Double($0.pitch) })
        let (durationMean, durationStd) = meanStd(notes.map { log(max($0.durationSeconds, 1e-3)) })
        // Notes sounding at each onset, itself included: those begun by then, less those also ended by then
        // (counted by binary search over sorted times; comparing every pair took hours for a file of 4 million notes,
        // on the studio's thread).
        let starts = notes.map(\.startSeconds).sorted()
        let settled = notes.map { max($0.startSeconds, $0.startSeconds + $0.durationSeconds) }.sorted()
        var sounding = 0
        for note in notes {
            sounding += countNotAbove(starts, note.startSeconds) - countNotAbove(settled, note.startSeconds)
        }
        var histogram = [Double](repeating: 0, count: 12)
        for note in notes { histogram[note.pitch % 12] += note.durationSeconds }
        var bestMajor = -2.0, bestMinor = -2.0, best = (r: -2.0, tonic: 0)
        for tonic in 0..<12 {
            for (profile, isMajor) in [(MusicalFeatures.majorProfile, true), (MusicalFeatures.minorProfile, false)] {
                let rotated = (0..<12).map { profile[(($0 - tonic) % 12 + 12) % 12] }
                let r = MusicalFeatures.correlation(histogram, rotated)
                if isMajor { bestMajor = max(bestMajor, r) } else { bestMinor = max(bestMinor, r) }
                if r > best.r { best = (r, tonic) }
            }
        }
        var total = 0.0
        for value in histogram { total += value }
        let relative = (0..<12).map { total > 0 ? histogram[(best.tonic + $0) % 12] / total : 0 }
        let density = end > 0 ? Double(notes.count) / end : 0
        return [log(1 + density), velocityMean / 127, velocityStd / 127, (pitchMean - 60) / 24, pitchStd / 24,
                durationMean, durationStd, log(1 + Double(sounding) / Double(notes.count)), bestMajor, bestMinor,
                bestMajor - bestMinor] + relative
    }
}
