/// Descriptive features of a take, the ones music psychology ties to emotion: density, loudness, register, mode.
public struct MusicalFeatures: Equatable, Sendable {
    public var notes: Int
    public var seconds: Double
    public var notesPerSecond: Double
    public var meanVelocity: Double
    public var meanPitch: Double
    public var lowestPitch: Int
    public var highestPitch: Int
    /// Best-matching key by the Krumhansl–Kessler profiles (duration-weighted pitch classes).
    public var keyTonic: Int
    public var keyMode: MusicalControls.Mode
    /// Correlation of the pitch-class profile with that key's profile.
    public var keyCorrelation: Double
    /// How many of the twelve pitch classes hold at least 5 % of the sounding time: 3 is one chord throughout,
    /// 7 a whole scale.
    public var pitchClasses: Int

    /// Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
    static let majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
    static let minorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]

    public init(notes: [EventVocabulary.DecodedNote]) {
        self.notes = notes.count
        let end = notes.map { $0.startSeconds + $0.durationSeconds }.max() ?? 0
        seconds = end
        notesPerSecond = end > 0 ? Double(notes.count) / end : 0
        meanVelocity = notes.isEmpty ? 0 : Double(notes.map(\.velocity).reduce(0, +)) / Double(notes.count)
        meanPitch = notes.isEmpty ? 0 : Double(notes.map(\.pitch).reduce(0, +)) / Double(notes.count)
        lowestPitch = notes.map(\.pitch).min() ?? 0
        highestPitch = notes.map(\.pitch).max() ?? 0
        var histogram = [Double](repeating: 0, count: 12)
        for note in notes { histogram[note.pitch % 12] += note.durationSeconds }
        var best = (tonic: 0, mode: MusicalControls.Mode.major, r: -2.0)
        for tonic in 0..<12 {
            for (mode, profile) in [(MusicalControls.Mode.major, Self.majorProfile), (.minor, Self.minorProfile)] {
                let rotated = (0..<12).map { profile[(($0 - tonic) % 12 + 12) % 12] }
                let r = Self.correlation(histogram, rotated)
                if r > best.r { best = (tonic, mode, r) }
            }
        }
        keyTonic = best.tonic
        keyMode = best.mode
        keyCorrelation = best.r
        let sounding = histogram.reduce(0, +)
        pitchClasses = sounding > 0 ? histogram.filter { $0 >= 0.05 * sounding }.count : 0
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    public static let pitchClassNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]

    public var keyName: String { Self.keyName(tonic: keyTonic, mode: keyMode) }

    /// A key as musicians spell it: "Db major" and "C# minor", "Ab major" and "G# minor" (the spelling with the fewer
    /// accidentals in its signature; F# for the six-accidental keys), so `--key Db` is not shown as "C# major".
    public static func keyName(tonic: Int, mode: MusicalControls.Mode) -> String {
        let major = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
        let minor = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"]
        let pitchClass = ((tonic % 12) + 12) % 12
        return (mode == .major ? major : minor)[pitchClass] + " " + mode.rawValue
    }
}
