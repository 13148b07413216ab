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
}
