import Foundation
import Testing
@testable import CamXucMusic

@Suite struct MusicalControlsTests {
    static func probabilities(_ logits: [Float]) -> [Double] {
        let top = logits.max() ?? 0
        let e = logits.map { exp(Double($0 - top)) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    @Test func keyAndRegisterBiasesMoveProbabilityBetweenPitchesOnly() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let logits = (0..<vocabulary.count).map { Float(($0 * 37) % 11) / 5 }  // uneven, fixed
        let pitches = (21...108).compactMap { vocabulary.index(of: .note(pitch: $0)) }
        var controls = MusicalControls.derived(valence: -0.5, arousal: -0.5)
        #expect(controls.preservePitchMass && controls.harmonicMinor && controls.keyMode == .minor)
        controls.velocityRange = nil  // these move probability among their own events; here only pitches count
        controls.durationRange = nil
        var biased = logits
        controls.apply(to: &biased, vocabulary: vocabulary)
        let before = Self.probabilities(logits), after = Self.probabilities(biased)
        let noteMass = { (p: [Double]) in pitches.map { p[$0] }.reduce(0, +) }
        #expect(abs(noteMass(before) - noteMass(after)) < 1e-5)
        // Within the notes, C harmonic minor: E♭ up, E and B♭ down.
        let share = { (p: [Double], pitch: Int) in p[vocabulary.index(of: .note(pitch: pitch))!] / noteMass(p) }
        #expect(share(after, 63) > share(before, 63))
        #expect(share(after, 64) < share(before, 64))
        #expect(share(after, 70) < share(before, 70))
        // Without preserving, the triad bonus pulls probability towards notes as a whole.
        controls.preservePitchMass = false
        var unpreserved = logits
        controls.apply(to: &unpreserved, vocabulary: vocabulary)
        #expect(abs(noteMass(Self.probabilities(unpreserved)) - noteMass(after)) > 0.01)
    }

    @Test func theMappingReadsNameValuePairsAndNamesWhatItDoesNotKnow() {
        var mapping = MusicalControls.Mapping()
        #expect(mapping.set(["minorStrength=8", "harmonicMinor=0", "tempoSlope=0.5", "colour=3", "noValue"]) == ["colour=3", "noValue"])
        #expect(mapping.minorStrength == 8 && !mapping.harmonicMinor && mapping.tempoSlope == 0.5)
        let controls = MusicalControls.derived(valence: -1, arousal: 1, mapping: mapping)
        #expect(controls.keyStrength == 8 && controls.tempoScale == 1.5 && !controls.harmonicMinor)
    }

    /// `tempoSlope` alone sets the tempo's slope on both sides of calm; `tempoSlopeHigh` then sets the excited side.
    @Test func theTempoSlopeAtPositiveArousalCanBeSetApart() {
        var both = MusicalControls.Mapping()
        #expect(both.set(["tempoSlope=0.1"]).isEmpty)
        #expect(MusicalControls.derived(valence: 0, arousal: 1, mapping: both).tempoScale == 1.1)
        var apart = MusicalControls.Mapping()
        #expect(apart.set(["tempoSlope=0.2", "tempoSlopeHigh=0"]).isEmpty)
        #expect(MusicalControls.derived(valence: 0.5, arousal: 0.75, mapping: apart).tempoScale == 1)
        #expect(abs(MusicalControls.derived(valence: 0.5, arousal: -0.5, mapping: apart).tempoScale - 0.9) < 1e-12)
    }

    /// Without a chord plan (the older model) the triad bonus follows the fixed progression through the take: i VI iv i in minor and I IV V I in major, one chord
    /// per `chordSeconds`, round and round; with no chord length the tonic triad keeps it throughout.
    @Test func theTriadBonusFollowsTheChordProgression() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let flat = [Float](repeating: 0, count: vocabulary.count)
        func favoured(_ controls: MusicalControls, at seconds: Double) -> Set<String> {
            var logits = flat
            controls.apply(to: &logits, vocabulary: vocabulary, seconds: seconds)
            let top = (60...71).map { logits[vocabulary.index(of: .note(pitch: $0))!] }.max()!
            return Set((60...71).filter { logits[vocabulary.index(of: .note(pitch: $0))!] == top }
                .map { MusicalFeatures.pitchClassNames[$0 % 12] })
        }
        var minor = MusicalControls.derived(valence: -0.5, arousal: 0.5)
        #expect(minor.chordSeconds == 3)
        #expect(favoured(minor, at: 0) == ["C", "Eb", "G"])
        #expect(favoured(minor, at: 3.5) == ["Ab", "C", "Eb"])
        #expect(favoured(minor, at: 6.5) == ["F", "Ab", "C"])
        #expect(favoured(minor, at: 9.5) == ["C", "Eb", "G"])
        #expect(favoured(minor, at: 12.1) == ["C", "Eb", "G"])
        #expect(favoured(minor, at: 15.5) == ["Ab", "C", "Eb"])
        let major = MusicalControls.derived(valence: 0.5, arousal: 0.5)
        #expect(favoured(major, at: 1) == ["C", "E", "G"])
        #expect(favoured(major, at: 4) == ["F", "A", "C"])
        #expect(favoured(major, at: 7) == ["G", "B", "D"])
        #expect(minor.progressionName == "i–VI–iv–i" && major.progressionName == "I–IV–V–I")
        minor.chordSeconds = 0
        #expect(favoured(minor, at: 3.5) == ["C", "Eb", "G"])
        #expect(minor.progressionName == nil)
    }

    /// Under a chord plan (the chord-conditioned model, which reads the plan's chord at every step) the controls
    /// favour the plan key's scale alike and no chord's tones: with a bonus, 91–96 % of each beat was one triad.
    @Test func underAChordPlanNoChordToneIsFavoured() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let plan = ChordPlan(tonic: 2, mode: .minor, chords: [.init(id: 1 + 2 * 8, beats: 8)], beatSeconds: 0.5, names: [:])
        let controls = MusicalControls.derived(valence: -0.5, arousal: 0.5).following(plan, share: 1)
        #expect(controls.triadShare == 0 && controls.keyTonic == 2 && controls.keyMode == .minor)
        var logits = [Float](repeating: 0, count: vocabulary.count)
        controls.apply(to: &logits, vocabulary: vocabulary, seconds: 1, chordDegrees: plan.chordDegrees(atModelSeconds: 1))
        let pitchClasses = (60...71).map { logits[vocabulary.index(of: .note(pitch: $0))!] }
        let top = pitchClasses.max()!
        // D harmonic minor: D E F G A Bb C#, all alike; the VI chord (Bb D F) gets nothing more.
        #expect(Set((60...71).filter { pitchClasses[$0 - 60] == top }.map { MusicalFeatures.pitchClassNames[$0 % 12] })
                == ["D", "E", "F", "G", "A", "Bb", "C#"])
    }

    /// At low arousal a time shift right after a note costs `onsetSlope`·(−arousal), so another note is likelier to
    /// join it at the same onset; after anything else, and at positive arousal, time shifts are left alone.
    @Test func atLowArousalATimeShiftRightAfterANoteIsPenalised() throws {
        let vocabulary = try EventVocabularyTests.vocabulary()
        let shift = vocabulary.index(of: .timeShift(steps: 20))!, note = vocabulary.index(of: .note(pitch: 60))!
        func logits(_ controls: MusicalControls, afterNote: Bool) -> [Float] {
            var logits = [Float](repeating: 0, count: vocabulary.count)
            controls.apply(to: &logits, vocabulary: vocabulary, afterNote: afterNote)
            return logits
        }
        let calm = MusicalControls.derived(valence: 0.5, arousal: -0.75)
        #expect(calm.onsetPenalty == 0.75)
        let after = logits(calm, afterNote: true), otherwise = logits(calm, afterNote: false)
        #expect(after[shift] == otherwise[shift] - 0.75)
        #expect(after[note] == otherwise[note])
        let lively = MusicalControls.derived(valence: 0.5, arousal: 0.5)
        #expect(lively.onsetPenalty == 0 && logits(lively, afterNote: true) == logits(lively, afterNote: false))
        var mapping = MusicalControls.Mapping()
        #expect(mapping.set(["onsetSlope=0"]).isEmpty)
        #expect(MusicalControls.derived(valence: 0.5, arousal: -0.75, mapping: mapping).onsetPenalty == 0)
        // An arc moving from a lively point to a calm one takes the calm point's penalty.
        #expect(lively.moved(from: (0.5, 0.5), to: (0.5, -0.75)).onsetPenalty == 0.75)
    }
}
