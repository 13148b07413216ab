import Testing
@testable import CamXucMusic

@Suite struct MusicalFeaturesTests {
    static func notes(_ pitches: [Int], velocity: Int = 80) -> [EventVocabulary.DecodedNote] {
        pitches.enumerated().map { EventVocabulary.DecodedNote(pitch: $1, velocity: velocity, startSeconds: Double($0) * 0.5, durationSeconds: 0.5) }
    }

    @Test func aCMajorScaleIsCMajorAndAnAMinorArpeggioIsAMinor() {
        let major = MusicalFeatures(notes: Self.notes([60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60, 60]))
        #expect(major.keyName == "C major")
        let minor = MusicalFeatures(notes: Self.notes([57, 60, 64, 69, 64, 60, 57, 62, 65, 69, 64, 68, 71, 57]))
        #expect(minor.keyName == "A minor")
    }

    @Test func densityLoudnessAndRegister() {
        let features = MusicalFeatures(notes: Self.notes([48, 60, 72, 84], velocity: 100))
        #expect(features.notes == 4 && features.seconds == 2 && features.notesPerSecond == 2)
        #expect(features.meanVelocity == 100 && features.meanPitch == 66)
        #expect(features.lowestPitch == 48 && features.highestPitch == 84)
    }

    /// Pitch classes that hold at least 5 % of the sounding time: a C major scale has seven, a C minor arpeggio three,
    /// and one passing note among forty does not count.
    @Test func pitchClassesCountWhatIsHeard() {
        #expect(MusicalFeatures(notes: Self.notes([60, 62, 64, 65, 67, 69, 71, 72])).pitchClasses == 7)
        #expect(MusicalFeatures(notes: Self.notes([48, 60, 63, 67, 72, 75, 79, 67])).pitchClasses == 3)
        let passing = MusicalFeatures(notes: Self.notes(Array(repeating: [60, 64, 67, 72], count: 10).flatMap { $0 } + [61]))
        #expect(passing.pitchClasses == 3)
        #expect(MusicalFeatures(notes: []).pitchClasses == 0)
    }
}
