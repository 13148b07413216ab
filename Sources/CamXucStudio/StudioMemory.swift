import CamXucEmotion
import CamXucMusic
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
    /// The point moved by hand on the Valence · Arousal plane, [valence, arousal], when the target was not the text's
    /// (a returning user found the text back and the point they had moved it to gone: the next take was composed for
    /// the text's reading).
    public var target: [Double]?
    /// The studio that wrote the file, for as long as it runs: another studio's unsent text is kept in the history
    /// when this one writes, its own earlier drafts are not (each save put the last one's half-typed text, "Con ch",
    /// in the history as an older text).
    public var session: String?

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
        self.history = Self.kept(history)
        self.text = text.isEmpty ? nil : String(text.prefix(Self.textLimit))
    }

    /// A text is at most the text field's 10,000 characters (an entry of a million, edited in by hand, left a field
    /// that took no typing).
    public static let textLimit = 10_000
    /// What the history may hold in all: the newest texts that fit (200 long texts of emoji made a file the reader
    /// then refused, and the next quit wrote the defaults over it).
    static let historyCharacters = 300_000

    /// The newest of `texts` that fit the limits, oldest first, each cut to `textLimit`, without empty ones.
    static func kept(_ texts: [String]) -> [String] {
        var kept: [String] = [], total = 0
        for text in texts.reversed() where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let cut = String(text.prefix(textLimit))
            guard kept.count < historyLimit, total + cut.count <= historyCharacters else { break }
            kept.append(cut)
            total += cut.count
        }
        return kept.reversed()
    }

    /// The file, in the state folder.
    public static var path: String { UserFolder.state.path + "/studio.json" }

    /// The remembered state at `path`; nil when there is none or it cannot be read (a hand-edited file, another
    /// version's), which costs the user nothing but the remembered values.
    /// Each field is read on its own: one of the wrong type (`"key": 5`, a null among the texts) is left aside, not
    /// the whole file (which the next quit then wrote the defaults over).
    public static func load(path: String = StudioMemory.path) -> StudioMemory? {
        var status = stat()
        // A regular file only (a named pipe would hang the start).
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size < 64_000_000,
              let data = FileManager.default.contents(atPath: path),
              let fields = try? JSONDecoder().decode([String: Field].self, from: data) else { return nil }
        func number(_ name: String) -> Double? {
            if case let .number(value)? = fields[name] { return value }
            return nil
        }
        func whole(_ name: String) -> Int? {
            number(name).flatMap { $0.isFinite && abs($0) < 1e9 ? Int($0.rounded()) : nil }
        }
        func string(_ name: String) -> String? {
            if case let .string(value)? = fields[name] { return value }
            return nil
        }
        var memory = StudioMemory()
        memory.temperature = number("temperature")
        memory.topK = whole("topK")
        memory.topP = number("topP")
        memory.guidance = number("guidance")
        memory.lengthSeconds = number("lengthSeconds")
        memory.key = string("key") ?? whole("key").map(String.init)
        if case let .bool(value)? = fields["keyLock"] { memory.keyLock = value }
        memory.tempoScale = number("tempoScale")
        memory.program = whole("program")
        memory.language = string("language").flatMap { ["vi", "en"].contains($0) ? $0 : nil }
        if case let .list(values)? = fields["history"] {
            memory.history = kept(values.compactMap { if case let .string(text) = $0 { return text } else { return nil } })
        }
        memory.text = string("text").map { String($0.prefix(textLimit)) }
        memory.session = string("session")
        if case let .list(values)? = fields["target"], values.count == 2,
           case let .number(valence) = values[0], case let .number(arousal) = values[1], valence.isFinite, arousal.isFinite {
            memory.target = [min(max(valence, -1), 1), min(max(arousal, -1), 1)]
        }
        return memory
    }

    /// A JSON value of any type, so that each field is taken or left on its own.
    enum Field: Decodable {
        case bool(Bool), number(Double), string(String), list([Field]), other

        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let flag = try? value.decode(Bool.self) { self = .bool(flag) }
            else if let number = try? value.decode(Double.self) { self = .number(number) }
            else if let text = try? value.decode(String.self) { self = .string(text) }
            else if let list = try? value.decode([Field].self) { self = .list(list) }
            else { self = .other }
        }
    }

    /// `load`, and a file there that cannot be read at all (cut short, not JSON) moved aside to "studio.json.broken"
    /// and said, rather than written over at the next quit with its texts (it was replaced silently).
    public static func loadOrSetAside(path: String = StudioMemory.path) -> (StudioMemory?, warning: String?) {
        if let memory = load(path: path) { return (memory, nil) }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else { return (nil, nil) }
        let aside = path + ".broken"
        guard rename(path, aside) == 0 else { return (nil, nil) }
        // Too big is said as such (an 88-MB file written by another program was called unreadable).
        let why = status.st_size >= 64_000_000 ? "larger than 64 MB, not read" : "unreadable"
        return (nil, "\(path): \(why), kept as \((aside as NSString).lastPathComponent); starting from the defaults")
    }

    /// Writes it at `path` (the folder made if need be), atomically: an interrupted write leaves the last one whole.
    /// Another studio may have written since this one read the file: the texts it typed are kept (before this one's,
    /// its unsent text among them), not written over. A link is written through, not replaced by a file.
    public func save(path: String = StudioMemory.path) throws {
        // Through links (a dangling one too, which `resolvingSymlinksInPath` leaves as it is), at most 16 deep.
        var target = path
        for _ in 0..<16 {
            guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: target) else { break }
            target = next.hasPrefix("/") ? next : (target as NSString).deletingLastPathComponent + "/" + next
        }
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        // Read, merged and written under a lock, so that two studios saving at once do not each write what they read
        // before the other wrote (one's texts were lost).
        let lock = open(target + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        if lock >= 0 { while flock(lock, LOCK_EX) != 0 && errno == EINTR {} }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        var merged = self
        if let other = Self.load(path: target) {
            let ours = history ?? []
            var theirs = (other.history ?? []).filter { !ours.contains($0) }
            if let draft = other.text, other.session != session, !Self.isRunning(other.session), draft != text,
               !ours.contains(draft), !theirs.contains(draft) {
                theirs.append(draft)
            }
            merged.history = Self.kept(theirs + ours)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // CamXuc's own atomic write (".studio.json.PID.partial", renamed into place), whose leftovers from a killed
        // studio are cleaned: Foundation's left ".dat.nosync…" files in the folder for good.
        // A FIFO or socket in its place is replaced by the file, as before (written into, the studio waited for a
        // reader before its first frame, deaf to SIGTERM); `load` skips one for the same reason.
        if OutputFile.isPipe(target) { unlink(target) }
        try MIDIFile.writeAtomically(Array(try encoder.encode(merged)), to: target, durable: false)
    }

    /// Whether the studio that wrote `session` ("PID-…") still runs: its text is a draft it is still typing (two
    /// studios open at once put each other's half-typed texts in the history every two seconds), kept only once it
    /// has ended.
    public static func isRunning(_ session: String?) -> Bool {
        guard let pid = session?.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// The remembered point moved by hand, if any.
    public var targetPoint: CircumplexPoint? {
        guard let target, target.count == 2 else { return nil }
        return CircumplexPoint(valence: target[0], arousal: target[1])
    }

    /// `parameters` with the remembered values put in, each kept to its row's range (the seed untouched).
    public func applied(to parameters: Parameters) -> Parameters {
        var result = parameters
        func clamp<T: Comparable>(_ value: T, _ range: ClosedRange<T>) -> T { min(max(value, range.lowerBound), range.upperBound) }
        if let temperature, temperature.isFinite { result.temperature = clamp(temperature, 0...2) }
        if let topK { result.topK = clamp(topK, 0...200) }
        if let topP, topP.isFinite { result.topP = clamp(topP, 0.01...1) }
        if let guidance, guidance.isFinite { result.guidance = clamp(guidance, Parameters.guidanceRange) }
        if let lengthSeconds, lengthSeconds.isFinite { result.lengthSeconds = clamp(lengthSeconds, Parameters.lengthRange) }
        if let key {
            if key == "auto" { result.key = nil } else if let tonic = Int(key), (0...11).contains(tonic) { result.key = tonic }
        }
        if let keyLock { result.keyLock = keyLock }
        if let tempoScale, tempoScale.isFinite { result.tempoScale = clamp(tempoScale, 0.5...2) }
        if let program { result.program = clamp(program, 0...127) }
        return result
    }
}
