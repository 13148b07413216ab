import CamXucMusic

/// Renders a take to audio as fast as the processor allows, walking the same `EventSchedule` as live playback.
public struct OfflineRenderer {
    /// What a render produced.
    public struct Summary: Sendable {
        public var frames: Int
        public var sampleRate: Double
        /// Highest absolute sample, 0...1 (above 1 was clipped in a 16-bit file).
        public var peak: Float
        public var seconds: Double { Double(frames) / sampleRate }
        /// The peak in dBFS (−inf for silence).
        public var peakDecibels: Double { peak > 0 ? 20 * Double(log10f(peak)) : -.infinity }
        /// Samples (left and right counted apart) beyond full scale, clipped in a 16-bit file.
        public var clippedSamples = 0

        public init(frames: Int, sampleRate: Double, peak: Float, clippedSamples: Int = 0) {
            self.frames = frames
            self.sampleRate = sampleRate
            self.peak = peak
            self.clippedSamples = clippedSamples
        }

        /// A line for the user when the render clipped ("1,234 samples clipped …"), naming a gain under which it
        /// would not have (the peak brought to −1 dBFS) as `setting` gives it (a format with one %.2f: an option, or
        /// the config's key where the command has no option); nil when nothing clipped.
        public func clippingNote(gain: Double, setting: String = "--gain %.2f") -> String? {
            Self.clippingNote(clipped: clippedSamples, peak: peak, gain: gain, setting: setting, what: "this file")
        }

        /// The same line for any sound measured so (`what` names it: "this file", "the sound").
        public static func clippingNote(clipped: Int, peak: Float, gain: Double, setting: String, what: String) -> String? {
            guard clipped > 0, peak > 1 else { return nil }
            let suggested = OfflineRenderer.suggestedGain(gain, peak: peak)
            return String(format: "%d sample%@ clipped (peak %+.1f dBFS): ", clipped, clipped == 1 ? "" : "s",
                          20 * Double(log10f(peak)))
                + String(format: setting, suggested) + " keeps \(what) under full scale"
        }
    }

    /// The gain that brings a sound whose peak was `peak` at `gain` to −1 dBFS, rounded down to hundredths.
    public static func suggestedGain(_ gain: Double, peak: Float) -> Double {
        (gain / Double(peak) * 0.891 * 100).rounded(.down) / 100
    }

    /// Frames per block pulled from the synthesiser between progress reports.
    public static let blockFrames = 4096
    /// After the last note, rendering goes on until the sound falls below −80 dBFS or this many seconds pass; a
    /// sound still ringing then (a sustain pedal never lifted) fades out over the last `fadeSeconds` of them
    /// instead of stopping dead. Live playback rings out as long.
    public static let maximumTailSeconds = EventSchedule.tailSeconds
    public static let fadeSeconds = 0.5
    /// The longest take rendered unless the caller allows more: two hours.
    public static let defaultMaximumSeconds = 7200.0
    /// The longest 16-bit stereo 44.1 kHz audio whose size a RIFF header's 32-bit fields can describe, less the tail.
    public static let largestWAVSeconds = Double((UInt32.max - 44) / 4) / 44_100 - maximumTailSeconds - 1

    public let synthesizer: Synthesizer

    public init(synthesizer: Synthesizer) {
        self.synthesizer = synthesizer
    }

    /// Renders `take` and hands each block of left/right samples to `sink`; `progress` gets 0...1 as it goes.
    public func render(_ take: Take, maximumSeconds: Double = OfflineRenderer.defaultMaximumSeconds,
                       progress: ((Double) throws -> Void)? = nil,
                       sink: (_ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, _ count: Int) throws -> Void)
        throws -> Summary
    {
        try Self.checkLength(take, maximumSeconds: maximumSeconds)
        let schedule = EventSchedule(take: take, sampleRate: synthesizer.sampleRate)
        let block = Self.blockFrames
        let left = UnsafeMutablePointer<Float>.allocate(capacity: block)
        let right = UnsafeMutablePointer<Float>.allocate(capacity: block)
        let buffers = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 2)
        defer {
            left.deallocate()
            right.deallocate()
            buffers.deallocate()
        }
        synthesizer.reset()
        var next = 0
        var position = 0
        var peak: Float = 0
        var clipped = 0
        let maximumTail = Int(Self.maximumTailSeconds * synthesizer.sampleRate)
        let fade = Int(Self.fadeSeconds * synthesizer.sampleRate)
        let quiet: Float = 1e-4  // −80 dBFS
        while true {
            left.initialize(repeating: 0, count: block)
            right.initialize(repeating: 0, count: block)
            schedule.walk(from: position, count: block, next: &next, render: { offset, length in
                buffers[0] = left + offset
                buffers[1] = right + offset
                synthesizer.process(frames: length, buffers: buffers)
            }, apply: { synthesizer.send($0.message) })
            if position + block > schedule.endFrame + maximumTail - fade, next >= schedule.events.count {
                for index in 0..<block {
                    let tail = position + index - schedule.endFrame
                    let gain = Float(min(max(Double(maximumTail - tail) / Double(fade), 0), 1))
                    left[index] *= gain
                    right[index] *= gain
                }
            }
            var blockPeak: Float = 0
            for index in 0..<block {
                let l = abs(left[index]), r = abs(right[index])
                blockPeak = max(blockPeak, l, r)
                if l > 1 { clipped += 1 }
                if r > 1 { clipped += 1 }
            }
            peak = max(peak, blockPeak)
            try sink(left, right, block)
            position += block
            try progress?(min(Double(position) / Double(max(schedule.endFrame, 1)), 1))
            let pastEnd = position >= schedule.endFrame && next >= schedule.events.count
            if pastEnd && (blockPeak < quiet || position - schedule.endFrame >= maximumTail) { break }
        }
        return Summary(frames: position, sampleRate: synthesizer.sampleRate, peak: peak, clippedSamples: clipped)
    }

    /// Throws the `AudioError.cannotWrite` that `renderWAV` would throw for `path` where it can be known before
    /// anything is made (a device or a pipe, a folder, a read-only file).
    public static func checkWAVOutput(_ path: String) throws {
        _ = try WAVWriter.regularFile(path)
    }

    /// Renders `take` to a 16-bit stereo WAV file at `path`, atomically.
    /// Throws `AudioError.takeTooLong` when `take` lasts longer than `maximumSeconds` (or than a WAV can hold).
    public static func checkLength(_ take: Take, maximumSeconds: Double = OfflineRenderer.defaultMaximumSeconds) throws {
        let limit = min(maximumSeconds, largestWAVSeconds)
        let seconds = take.resolvingOverlaps().durationSeconds
        if !(seconds <= limit) { throw AudioError.takeTooLong(seconds: seconds, limit: limit) }
    }

    public func renderWAV(_ take: Take, to path: String, maximumSeconds: Double = OfflineRenderer.defaultMaximumSeconds,
                          progress: ((Double) throws -> Void)? = nil) throws -> Summary {
        try Self.checkLength(take, maximumSeconds: maximumSeconds)
        let writer = try WAVWriter(path: path, sampleRate: Int(synthesizer.sampleRate))
        let summary = try render(take, maximumSeconds: maximumSeconds, progress: progress) { left, right, count in
            try writer.append(left: left, right: right, count: count)
        }
        try writer.finish()
        return summary
    }

    /// Renders `take` into memory as (left, right) samples, for analysis and tests.
    public func renderSamples(_ take: Take) throws -> (left: [Float], right: [Float]) {
        var left: [Float] = [], right: [Float] = []
        _ = try render(take) { l, r, count in
            left.append(contentsOf: UnsafeBufferPointer(start: l, count: count))
            right.append(contentsOf: UnsafeBufferPointer(start: r, count: count))
        }
        return (left, right)
    }
}

#if canImport(Glibc)
import Glibc
#endif
