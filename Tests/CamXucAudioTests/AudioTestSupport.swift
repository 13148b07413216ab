import CamXucAudio
import CamXucMusic
import Foundation

enum AudioTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Points ALSA's default PCM at the null device (once, before anything opens ALSA) unless the caller chose.
    static let nullAudio: Void = {
        if ProcessInfo.processInfo.environment["ALSA_CONFIG_PATH"] == nil {
            setenv("ALSA_CONFIG_PATH", fixtures.appendingPathComponent("alsa-null.conf").path, 1)
        }
        // Keep the test run's FluidSynth/ALSA log out of the user's state folder.
        if ProcessInfo.processInfo.environment["XDG_STATE_HOME"] == nil {
            setenv("XDG_STATE_HOME", NSTemporaryDirectory() + "camxuc-test-state", 1)
        }
    }()

    static var soundfont: String {
        get throws { try SoundfontLocator(flag: nil, environment: nil).resolve().path }
    }

    static func synthesizer(gain: Double = Synthesizer.defaultGain) throws -> Synthesizer {
        _ = nullAudio
        return try Synthesizer(soundfont: try soundfont, gain: gain)
    }

    /// Notes at a constant 120 bpm from (pitch, start seconds, duration seconds).
    static func take(_ notes: [(UInt8, Double, Double)], velocity: UInt8 = 100) -> Take {
        Take(secondsNotes: notes.map { (pitch: $0.0, velocity: velocity, start: $0.1, duration: $0.2) })
    }

    /// A long take, for stopping in the middle.
    static func longTake(seconds: Int) -> Take {
        take((0..<seconds * 4).map { (UInt8(48 + $0 % 24), Double($0) * 0.25, 0.4) })
    }

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "camxuc-audio-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// First frame whose absolute sample exceeds `threshold`.
    static func firstOnset(_ samples: [Float], threshold: Float = 1e-3, from start: Int = 0) -> Int? {
        var index = start
        while index < samples.count {
            if abs(samples[index]) > threshold { return index }
            index += 1
        }
        return nil
    }

    /// Reads a 16-bit PCM WAV written by us or by the fluidsynth program: (sample rate, channels, left channel).
    static func readWAV(_ path: String) throws -> (rate: Int, channels: Int, left: [Float]) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count > 44, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var offset = 12
        var rate = 0, channels = 0, bits = 0
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            if id == "fmt " {
                channels = u16(offset + 10)
                rate = u32(offset + 12)
                bits = u16(offset + 22)
            } else if id == "data" {
                guard bits == 16 else { throw CocoaError(.fileReadCorruptFile) }
                let end = min(offset + 8 + size, bytes.count)
                var left: [Float] = []
                var at = offset + 8
                while at + 2 * channels <= end {
                    left.append(Float(Int16(bitPattern: UInt16(u16(at)))) / 32768)
                    at += 2 * channels
                }
                return (rate, channels, left)
            }
            offset += 8 + size + (size & 1)
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}
