import CamXucSupport
import Foundation

/// What the studio remembers from one session to the next, in `$XDG_STATE_HOME/camxuc/studio.json`: the parameters
/// as they were left (a returning user found temperature, guidance, tempo and key back at their defaults, where cmus
/// and ncmpcpp keep their state), the text in the field and the texts typed before (↑↓), and the language L chose. The seed is not
/// remembered (a new session draws a fresh one). A setting given in the config or on the command line wins over a
/// remembered one. Written when a take starts and when the studio ends (q, Ctrl-C, a signal); a file that cannot be
/// read is left aside and the studio starts from the defaults.
public struct StudioMemory: Codable, Equatable, Sendable {
    public var temperature: Double?
    public var topK: Int?
    public var topP: Double?
    public var guidance: Double?
    public var lengthSeconds: Double?
    /// The key row: "auto" or a tonic's number 0–11.
    public var key: String?
    public var keyLock: Bool?
    public var tempoScale: Double?
    public var program: Int?
    /// "vi" or "en".
    public var language: String?
    /// The texts typed, oldest first (at most `historyLimit`).
    public var history: [String]?
    /// What the text field held when the studio ended (a diary entry typed and never composed was lost at q).
    public var text: String?

    /// The most texts kept.
    public static let historyLimit = 200

    public init() {}

    /// The studio's state to remember.
    public init(parameters: Parameters, history: [String], english: Bool, text: String = "") {
        temperature = parameters.temperature
        topK = parameters.topK
        topP = parameters.topP
        guidance = parameters.guidance
        lengthSeconds = parameters.lengthSeconds
        key = parameters.key.map(String.init) ?? "auto"
        keyLock = parameters.keyLock
        tempoScale = parameters.tempoScale
        program = parameters.program
        language = english ? "en" : "vi"
        self.history = Array(history.suffix(Self.historyLimit))
        self.text = text.isEmpty ? nil : text
    }

    /// The file, in the state folder.
    public static var path: String { UserFolder.state.path + "/studio.json" }

    /// The remembered state at `path`; nil when there is none or it cannot be read (a hand-edited file, another
    /// version's), which costs the user nothing but the remembered values.
    public static func load(path: String = StudioMemory.path) -> StudioMemory? {
        var status = stat()
        // A regular file only (a named pipe would hang the start).
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size < 4_000_000,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(StudioMemory.self, from: data)
    }

    /// Writes it at `path` (the folder made if need be), atomically: an interrupted write leaves the last one whole.
    public func save(path: String = StudioMemory.path) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// `parameters` with the remembered values put in, each kept to its row's range (the seed untouched).
    public func applied(to parameters: Parameters) -> Parameters {
        var result = parameters
        func clamp<T: Comparable>(_ value: T, _ range: ClosedRange<T>) -> T { min(max(value, range.lowerBound), range.upperBound) }
        if let temperature, temperature.isFinite { result.temperature = clamp(temperature, 0...2) }
        if let topK { result.topK = clamp(topK, 0...200) }
        if let topP, topP.isFinite { result.topP = clamp(topP, 0.01...1) }
        if let guidance, guidance.isFinite { result.guidance = clamp(guidance, 0...6) }
        if let lengthSeconds, lengthSeconds.isFinite { result.lengthSeconds = clamp(lengthSeconds, 5...300) }
        if let key {
            if key == "auto" { result.key = nil } else if let tonic = Int(key), (0...11).contains(tonic) { result.key = tonic }
        }
        if let keyLock { result.keyLock = keyLock }
        if let tempoScale, tempoScale.isFinite { result.tempoScale = clamp(tempoScale, 0.5...2) }
        if let program { result.program = clamp(program, 0...127) }
        return result
    }
}
