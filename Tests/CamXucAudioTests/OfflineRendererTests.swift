import CamXucMusic
import Foundation
import Testing
@testable import CamXucAudio

@Suite struct OfflineRendererTests {
    @Test func renderIsNotSilentAndTheFirstOnsetLandsWhereTheTakeSays() throws {
        let synthesizer = try AudioTestSupport.synthesizer()
        // The first note at 0.5 s (frame 22,050, not a multiple of FluidSynth's 64-frame block).
        let take = AudioTestSupport.take([(60, 0.5, 0.5), (67, 1.0, 0.5)])
        let (left, right) = try OfflineRenderer(synthesizer: synthesizer).renderSamples(take)
        // FluidSynth's reverb adds an offset near −150 dBFS against denormals; anything above −120 dBFS is sound.
        let onset = try #require(AudioTestSupport.firstOnset(left, threshold: 1e-6))
        #expect(onset >= 22_050 && onset < 22_050 + 64, "onset at frame \(onset)")
        #expect(left[..<22_050].allSatisfy { abs($0) < 1e-6 } && right[..<22_050].allSatisfy { abs($0) < 1e-6 })
        let peak = left.map(abs).max() ?? 0
        #expect(peak > 0.05, "peak \(peak) is too quiet")
        #expect(peak < 1.0, "peak \(peak) clips")
        // The render covers the take and a decaying tail, but not an endless one.
        #expect(Double(left.count) / 44_100 >= 1.5)
        #expect(Double(left.count) / 44_100 <= 1.5 + OfflineRenderer.maximumTailSeconds + 0.1)
    }

    /// A chord held by a pedal never lifted rings past the render's 3-s tail: it fades out over the last half second
    /// instead of stopping dead (it ended at −43 dBFS with a step to nothing, a click in headphones).
    @Test func aSoundStillRingingAtTheTailsEndFadesOut() throws {
        var take = AudioTestSupport.take([36, 43, 48, 52, 55, 60].map { (UInt8($0), 0.0, 0.5) }, velocity: 120)
        take.controlChanges = [ControlChange(tick: 0, controller: 64, value: 127)]
        let (left, right) = try OfflineRenderer(synthesizer: try AudioTestSupport.synthesizer()).renderSamples(take)
        let end = 0.5 + OfflineRenderer.maximumTailSeconds
        #expect(Double(left.count) / 44_100 >= end && Double(left.count) / 44_100 < end + 0.2)
        func peak(from: Double, to: Double) -> Float {
            let range = Int(from * 44_100)..<min(Int(to * 44_100), left.count)
            return range.map { max(abs(left[$0]), abs(right[$0])) }.max() ?? 0
        }
        #expect(peak(from: end - 0.7, to: end - 0.5) > 1e-3)   // still ringing before the fade
        #expect(peak(from: end - 0.002, to: end + 1) < 1e-4)  // and faded out at the end (−80 dBFS)
    }

    /// A pedal lifted 30 s after a 1-s take's only note (as DAW exports write a trailing controller) made the render
    /// 31 s long, past `--max-length`, and held `play` on "0:01 / 0:01" through the silence: the take ends with its
    /// notes and the tail a render keeps; a controller within that tail is still heard.
    @Test func aControllerLongAfterTheLastNoteDoesNotLengthenTheTake() throws {
        var take = AudioTestSupport.take([(60, 0, 1)])
        take.controlChanges = [ControlChange(tick: take.tempoMap.tick(atSeconds: 31), controller: 64, value: 0),
                               ControlChange(tick: take.tempoMap.tick(atSeconds: 2), controller: 7, value: 90)]
        let schedule = EventSchedule(take: take, sampleRate: 44_100)
        #expect(schedule.events.allSatisfy { $0.frame <= 4 * 44_100 })
        #expect(schedule.events.contains { $0.message == .controlChange(channel: 0, controller: 7, value: 90) })
        let (left, _) = try OfflineRenderer(synthesizer: try AudioTestSupport.synthesizer()).renderSamples(take)
        #expect(Double(left.count) / 44_100 <= 1 + OfflineRenderer.maximumTailSeconds + 0.1, "\(Double(left.count) / 44_100) s")
    }

    /// Two renders of one WAV at once in one process (S pressed twice on a saved take) wrote through one temporary
    /// file: the second truncated what the first was writing, and the one that finished second could not move it
    /// into place ("no such file or directory"). Each has its own; both finish, and the WAV is whole.
    @Test func twoRendersOfOneFileAtOnceBothFinish() throws {
        let path = AudioTestSupport.temporaryFolder() + "/same.wav"
        let first = try WAVWriter(path: path, sampleRate: 44_100)
        let second = try WAVWriter(path: path, sampleRate: 44_100)
        let samples = [Float](repeating: 0.25, count: 4_410)
        try samples.withUnsafeBufferPointer { try first.append(left: $0.baseAddress!, right: $0.baseAddress!, count: $0.count) }
        try samples.withUnsafeBufferPointer { try second.append(left: $0.baseAddress!, right: $0.baseAddress!, count: $0.count) }
        try first.finish()
        try second.finish()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size == 44 + 4_410 * 4)
    }

    @Test func defaultGainIsNotWhisperQuiet() throws {
        // A middle-register melody at mezzo-forte velocity should peak above −20 dBFS (FluidSynth's default gain
        // leaves it near −29).
        let take = AudioTestSupport.take((0..<16).map { (UInt8(60 + $0 % 8), Double($0) * 0.25, 0.3) }, velocity: 80)
        let samples = try OfflineRenderer(synthesizer: try AudioTestSupport.synthesizer()).renderSamples(take)
        let peak = samples.left.map(abs).max() ?? 0
        #expect(20 * log10(Double(peak)) > -20)
    }

    @Test func wavFileIsWholeAndReadable() throws {
        let folder = AudioTestSupport.temporaryFolder()
        let path = folder + "/take.wav"
        let renderer = OfflineRenderer(synthesizer: try AudioTestSupport.synthesizer())
        let summary = try renderer.renderWAV(AudioTestSupport.take([(60, 0.1, 0.4)]), to: path)
        let wav = try AudioTestSupport.readWAV(path)
        #expect(wav.rate == 44_100 && wav.channels == 2)
        #expect(wav.left.count == summary.frames)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["take.wav"])
    }

    @Test func writingIntoAMissingFolderFailsWithoutLeavingAFile() throws {
        let renderer = OfflineRenderer(synthesizer: try AudioTestSupport.synthesizer())
        #expect(throws: AudioError.self) {
            _ = try renderer.renderWAV(AudioTestSupport.take([(60, 0, 0.1)]), to: "/nonexistent-camxuc/take.wav")
        }
    }

    /// The fluidsynth program, rendering the same file with the same soundfont and gain, is the reference: each
    /// note's onset must agree within two of FluidSynth's 64-frame blocks, and the loudness within 1.5 dB.
    @Test func rendersLikeTheFluidsynthProgram() throws {
        let folder = AudioTestSupport.temporaryFolder()
        let starts = [0.25, 0.75, 1.3, 2.05]
        let take = AudioTestSupport.take(starts.enumerated().map { (UInt8(60 + 4 * $0.offset), $0.element, 0.3) })
        try MIDIFile.write(take, to: folder + "/take.mid")
        let synthesizer = try AudioTestSupport.synthesizer()
        _ = try OfflineRenderer(synthesizer: synthesizer).renderWAV(take, to: folder + "/ours.wav")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fluidsynth")
        process.arguments = ["-ni", "-q", "-C", "0", "-R", "1", "-g", String(Synthesizer.defaultGain), "-r", "44100",
                             "-F", folder + "/theirs.wav", synthesizer.soundfontPath, folder + "/take.mid"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let ours = try AudioTestSupport.readWAV(folder + "/ours.wav").left
        let theirs = try AudioTestSupport.readWAV(folder + "/theirs.wav").left
        for start in starts {
            let frame = Int(start * 44_100)
            // Search from just before each note; the previous note has been released by then but its tail rings, so
            // look for a clear rise over the preceding level.
            let ourOnset = try #require(Self.rise(ours, after: frame - 256))
            let theirOnset = try #require(Self.rise(theirs, after: frame - 256))
            #expect(abs(ourOnset - theirOnset) <= 128, "note at \(start) s: ours \(ourOnset), fluidsynth \(theirOnset)")
        }
        let ourLevel = Self.rmsDecibels(ours.prefix(Int(2.5 * 44_100)))
        let theirLevel = Self.rmsDecibels(theirs.prefix(Int(2.5 * 44_100)))
        #expect(abs(ourLevel - theirLevel) < 1.5, "RMS ours \(ourLevel) dB, fluidsynth \(theirLevel) dB")
    }

    /// First frame after `start` whose magnitude jumps above four times the level of the 256 frames before `start`.
    static func rise(_ samples: [Float], after start: Int) -> Int? {
        let before = samples[max(start - 256, 0)..<max(start, 1)].map(abs).max() ?? 0
        let threshold = max(before * 4, 2e-3)
        var index = max(start, 0)
        while index < samples.count {
            if abs(samples[index]) > threshold { return index }
            index += 1
        }
        return nil
    }

    static func rmsDecibels(_ samples: ArraySlice<Float>) -> Double {
        let power = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(samples.count, 1))
        return 10 * log10(max(power, 1e-20))
    }
}
