import CamXucMusic

/// The sampling and musical parameters the studio shows and changes, each with its step, range and default.
public struct Parameters: Equatable, Sendable {
    public enum Name: Int, CaseIterable, Sendable {
        case temperature, topK, topP, guidance, length, key, keyLock, tempo, program, seed
    }

    public var temperature = 1.0
    public var topK = 40
    public var topP = 0.95
    /// The key row's tonics, spelt as `MusicalFeatures.keyName` spells the major and the minor key on them.
    static let tonicNames = ["C", "C#/Db", "D", "D#/Eb", "E", "F", "F#/Gb", "G", "G#/Ab", "A", "A#/Bb", "B"]
    public var guidance = 2.5
    public var lengthSeconds = 30.0
    /// The tonic of the next take's key (0 = C … 11 = B); nil draws it from the seed. The mode follows valence. A
    /// continuation stays in its primer's key unless this is set.
    public var key: Int?
    /// How the config wrote that tonic ("C#", so that takes are in C# major, not Db major); nil once the row is
    /// changed by hand (the row names both, "C#/Db").
    public var keySpelling: String?
    public var keyLock = true
    public var tempoScale = 1.0
    public var program = 0
    public var seed: UInt64 = 1234
    public var seedLocked = false

    public init() {}

    /// The defaults with a stored take's sampling settings and instrument.
    public init(sampling: SamplingSettings, program: Int) {
        temperature = sampling.temperature
        topK = sampling.topK
        topP = sampling.topP
        guidance = sampling.guidance
        seed = sampling.seed
        lengthSeconds = sampling.lengthSeconds
        self.program = program
    }

    /// The values a take records when they change while it is composed, applying from `seconds` into it.
    func change(at seconds: Double) -> ParameterChange {
        ParameterChange(seconds: seconds, temperature: temperature, topK: topK, topP: topP, guidance: guidance,
                        keyLock: keyLock, tempoScale: tempoScale)
    }

    /// The sampling settings a take records in its MIDI metadata.
    public var sampling: SamplingSettings {
        SamplingSettings(temperature: temperature, topK: topK, topP: topP, guidance: guidance, seed: seed,
                         lengthSeconds: lengthSeconds)
    }

    /// Changes `name` by `steps` (negative for down; big steps are 10 small ones), clamped to its range.
    public mutating func adjust(_ name: Name, by steps: Int) {
        switch name {
        case .temperature: temperature = Self.clamp(((temperature + 0.05 * Double(steps)) * 100).rounded() / 100, 0, 2)
        case .topK:
            // Fewer candidates to the left (down to 1), more to the right: "all" (0) sits above 200.
            let next = (topK == 0 ? 205 : topK) + 5 * steps
            topK = next > 200 ? 0 : max(next, 1)
        // From 0.01, as the config and compose --top-p take it (← raised a configured 0.01 to 0.05).
        case .topP: topP = Self.clamp(((topP + 0.01 * Double(steps)) * 100).rounded() / 100, 0.01, 1)
        case .guidance: guidance = Self.clamp(((guidance + 0.25 * Double(steps)) * 100).rounded() / 100,
                                              Self.guidanceRange.lowerBound, Self.guidanceRange.upperBound)
        case .length: lengthSeconds = Self.clamp(lengthSeconds + 5 * Double(steps), Self.lengthRange.lowerBound, Self.lengthRange.upperBound)
        case .key:
            // auto, C, C#, … B, then auto again: thirteen places in a ring.
            let place = (((key.map { $0 + 1 } ?? 0) + steps) % 13 + 13) % 13
            key = place == 0 ? nil : place - 1
            keySpelling = nil
        case .keyLock: if steps != 0 { keyLock.toggle() }
        case .tempo: tempoScale = Self.clamp(((tempoScale + 0.05 * Double(steps)) * 100).rounded() / 100, 0.5, 2)
        // Stops at 0 and 127 (← on 0 went round to 126 Applause, heard at once while a take was composed).
        case .program: program = min(max(program + steps, 0), 127)
        case .seed: if steps != 0 { seedLocked.toggle() }
        }
    }

    /// Puts `name` back to its default.
    public mutating func reset(_ name: Name) {
        let defaults = Parameters()
        switch name {
        case .temperature: temperature = defaults.temperature
        case .topK: topK = defaults.topK
        case .topP: topP = defaults.topP
        case .guidance: guidance = defaults.guidance
        case .length: lengthSeconds = defaults.lengthSeconds
        case .key: (key, keySpelling) = (defaults.key, nil)
        case .keyLock: keyLock = defaults.keyLock
        case .tempo: tempoScale = defaults.tempoScale
        case .program: program = defaults.program
        case .seed: seedLocked = defaults.seedLocked
        }
    }

    /// A fresh seed short enough to read and type again: six digits from a step of a 64-bit LCG.
    public static func nextSeed(after seed: UInt64) -> UInt64 {
        ((seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) >> 33) % 1_000_000
    }

    static func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double { min(max(value, low), high) }

    /// Guidance as `compose --guidance` takes it: the studio stopped at 6, and a take made with 10 could not be made
    /// again there.
    public static let guidanceRange = 0.0...20.0
    /// Whether Shift-←→ moves the row ten steps: not on the key ring, the key lock switch or the seed.
    public static func hasBigSteps(_ name: Name) -> Bool { ![.key, .keyLock, .seed].contains(name) }

    /// A take's length in seconds, as `compose --seconds` allows (the row stopped at 300).
    public static let lengthRange = 5.0...600.0

    /// (label, value) for the panel.
    public func row(_ name: Name, english: Bool) -> (String, String) {
        func fixed(_ value: Double, _ digits: Int) -> String {
            let scale = digits == 2 ? 100.0 : 10.0
            let scaled = Int((value * scale).rounded())
            let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
            return "\(whole)." + (digits == 2 && fraction < 10 ? "0" : "") + "\(fraction)"
        }
        switch name {
        case .temperature: return (english ? "temperature" : "nhiệt độ", fixed(temperature, 2))
        case .topK: return ("top-k", topK == 0 ? (english ? "all" : "tất cả") : "\(topK)")
        case .topP: return ("top-p", fixed(topP, 2))
        // Guidance moves by 0.25: shown to two places when it is not a whole tenth (2.75, not 2.8).
        case .guidance:
            let tenths = (guidance * 10).rounded() / 10 == guidance
            return (english ? "guidance" : "hướng dẫn", fixed(guidance, tenths ? 1 : 2))
        case .length: return (english ? "length" : "độ dài", "\(Int(lengthSeconds)) s")
        // Both spellings where major and minor spell the tonic apart (Db major, C# minor: the mode follows valence,
        // so the row cannot know it; a configured "Db" showed as C# while the take said Db major).
        case .key: return (english ? "key" : "giọng", key.map { keySpelling ?? Self.tonicNames[(($0 % 12) + 12) % 12] } ?? (english ? "auto" : "tự động"))
        case .keyLock: return (english ? "key lock" : "khoá giọng", keyLock ? (english ? "on" : "bật") : (english ? "off" : "tắt"))
        // "nhịp" as the roll's title says it (the row said tempo, the title nhịp).
        case .tempo: return (english ? "tempo" : "nhịp", "×" + fixed(tempoScale, 2))
        case .program: return (english ? "instrument" : "nhạc cụ", "\(program) " + GeneralMIDI.name(ofProgram: program))
        case .seed: return ("seed", (seedLocked ? "⚿ " : "") + "\(seed)")
        }
    }
}
