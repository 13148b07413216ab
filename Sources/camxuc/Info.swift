import ArgumentParser
import CamXucEmotion
import CamXucMusic
import CamXucTensor
import Foundation

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe MIDI files: notes, length, tempo, instrument, and the text and settings that made them."
    )

    @Argument(help: ArgumentHelp("The Standard MIDI Files to describe (one or more; several are described one after another, with --json as an array).",
                                 valueName: "file.mid"))
    var files: [String]

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Language of the emotion names: en or vi (as compose --lang names them; default: the config's [studio] language, else en).", valueName: "lang"))
    var lang: Analyze.Language?

    struct Summary: Encodable {
        var file: String
        var notes: Int
        var channels: [Int]
        var durationSeconds: Double
        var ticksPerQuarter: Int
        var beatsPerMinute: Double
        /// The tempo changes heard (up to the last note), and the lowest and highest tempo they reach.
        var tempoChanges: Int
        var beatsPerMinuteRange: [Double]
        var timeSignature: String
        /// Changes of time signature heard (up to the last note), and the signatures the file moves between.
        var timeSignatureChanges: Int
        var timeSignatures: [String]
        /// The key signature at the start ("D minor"), if the file gives one, and where it changes (up to the last
        /// note).
        var keySignature: String?
        var keyChanges: [KeyChangeSummary]
        var program: Int
        var programName: String
        /// Instrument changes after a channel's first note.
        var programChanges: Int
        var lowestPitch: String?
        var highestPitch: String?
        var metadata: TakeMetadata?
    }

    struct KeyChangeSummary: Encodable {
        var seconds: Double
        var key: String
    }

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Missing expected argument '<file.mid> ...'") }
    }

    /// Set when file names were left out before parsing (not UTF-8): the JSON is an array however many are left.
    nonisolated(unsafe) static var alwaysArray = false

    /// Each file in turn; one that cannot be read is said on stderr and the others are still described (a folder's
    /// takes could not be listed: a second file was "Unexpected argument"). The exit code is the first failure's.
    func run() throws {
        var firstFailure: ExitCode?
        var summaries: [String] = []
        for (index, file) in files.enumerated() {
            do {
                let described = try describe(file)
                if json {
                    summaries.append(described)
                } else {
                    Terminal.standardOutput((index > 0 ? "\n" : "") + described)
                }
            } catch let code as ExitCode {
                firstFailure = firstFailure ?? code
            }
        }
        if json {
            Terminal.standardOutput(files.count == 1 && !Self.alwaysArray ? summaries.joined()
                                    : "[\n" + summaries.map { $0.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
                                        .map { "  " + $0 }.joined(separator: "\n") }.joined(separator: ",\n") + "\n]\n")
        }
        if let firstFailure { throw firstFailure }
    }

    /// "all" for top-k 0 (every event kept), as the studio's row says it; the number otherwise.
    static func topK(_ k: Int) -> String { k == 0 ? "all" : "\(k)" }

    /// One file's description (its JSON with --json), ending in a line break.
    func describe(_ file: String) throws -> String {
        do {
            let take = try Failure.readMIDI(file)
            let pitches = take.notes.map(\.pitch)
            // Channel 10 is General MIDI's drum kit, whatever its program says (a drums-only file read "Acoustic
            // Grand Piano", and in JSON its kit's number as a melodic instrument).
            let drumsOnly = !take.notes.isEmpty && take.notes.allSatisfy { $0.channel == 9 }
            // The tempo changes heard (up to the last note; those after it play nothing).
            let heardTempos = take.tempoMap.changes.filter { $0.tick <= max(take.endTick, 0) }.map(\.beatsPerMinute)
            let heardMeter = take.meterChanges.filter { $0.tick <= max(take.endTick, 0) }
            let summary = Summary(
                file: file, notes: take.notes.count, channels: take.channelsInUse.map(Int.init),
                durationSeconds: (take.durationSeconds * 1000).rounded() / 1000, ticksPerQuarter: take.ticksPerQuarter,
                beatsPerMinute: (take.tempoMap.beatsPerMinute(atTick: 0) * 100).rounded() / 100,
                tempoChanges: max(heardTempos.count - 1, 0),
                beatsPerMinuteRange: [heardTempos.min() ?? 120, heardTempos.max() ?? 120].map { ($0 * 100).rounded() / 100 },
                timeSignature: take.timeSignature.description,
                timeSignatureChanges: heardMeter.count,
                timeSignatures: ([take.timeSignature] + heardMeter.map(\.signature)).reduce(into: [String]()) { seen, signature in
                    if !seen.contains(signature.description) { seen.append(signature.description) }
                },
                keySignature: take.keySignature?.name,
                keyChanges: take.keyChanges.filter { $0.tick <= max(take.endTick, 0) }.map {
                    KeyChangeSummary(seconds: (take.tempoMap.seconds(atTick: $0.tick) * 1000).rounded() / 1000, key: $0.signature.name)
                },
                program: Int(drumsOnly ? take.channelPrograms[9] ?? 0 : take.program),
                programName: drumsOnly ? "drums (channel 10)" : GeneralMIDI.name(ofProgram: Int(take.program)),
                programChanges: take.programChanges.count,
                lowestPitch: pitches.min().map(Note.name(of:)), highestPitch: pitches.max().map(Note.name(of:)),
                metadata: take.metadata.isEmpty ? nil : take.metadata)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
            }
            let safe = Terminal.printable
            var lines = [safe(file)]
            lines.append("  notes     \(summary.notes)" + (summary.lowestPitch.map { " (\($0)–\(summary.highestPitch ?? $0))" } ?? "")
                         + " on \(summary.channels.count) channel\(summary.channels.count == 1 ? "" : "s")")
            lines.append("  length    \(Terminal.clock(take.durationSeconds, tenths: true))")
            // With changes, the range they span (an arc's take read "130.5 bpm (21 changes)", its first tempo),
            // written as the first tempo is.
            let changes = summary.tempoChanges + 1
            let span = changes > 1 ? String(format: ", %.1f–%.1f bpm", summary.beatsPerMinuteRange[0], summary.beatsPerMinuteRange[1]) : ""
            lines.append(String(format: "  tempo     %.1f bpm", summary.beatsPerMinute)
                         + (changes > 1 ? " (\(changes - 1) change\(changes == 2 ? "" : "s")\(span))" : "")
                         + ", \(summary.timeSignature)"
                         + (summary.timeSignatureChanges > 0
                            ? " (\(summary.timeSignatureChanges) time-signature change\(summary.timeSignatureChanges == 1 ? "" : "s"): \(summary.timeSignatures.joined(separator: ", ")))"
                            : "")
                         + (summary.keySignature.map { ", key signature \($0)" }
                            ?? (summary.keyChanges.isEmpty ? "" : ", no key signature at the start"))
                         + (summary.keyChanges.isEmpty ? ""
                            : summary.keyChanges.count > 8
                            // Counted, as the metre's changes are (5,000 of them made one line of 100,000 characters).
                            ? " (\(summary.keyChanges.count) key changes: \(Set(summary.keyChanges.map(\.key)).count) keys)"
                            : " (" + summary.keyChanges.map { String(format: "%@ from %.1f s", $0.key, $0.seconds) }.joined(separator: ", ") + ")"))
            // Each channel's instrument changes are said with its instrument (the bass's change was put on the piano).
            let mainChannel = take.channelsInUse.filter { $0 != 9 }.min()
            func changeCount(_ channel: UInt8?) -> Int { take.programChanges.filter { $0.channel == channel }.count }
            func later(_ count: Int) -> String { "\(count) instrument change\(count == 1 ? "" : "s") later" }
            let instrumentChanges = changeCount(drumsOnly ? 9 : mainChannel)
            func kitChanges(_ count: Int) -> String { "\(count) kit change\(count == 1 ? "" : "s") later" }
            // The other channels' instruments where they differ or change (a band's file named its strings alone,
            // and opening it then played its flute on them and left its drums out).
            let others = drumsOnly ? [] : take.channelsInUse.compactMap { channel -> String? in
                let program = take.program(forChannel: channel), count = changeCount(channel)
                // The kit's changes too (JSON's count had them, the line did not).
                if channel == 9 {
                    return "drums (channel 10" + (count > 0 ? ", " + kitChanges(count) : "") + ")"
                }
                guard channel != mainChannel, program != take.program || count > 0 else { return nil }
                return "\(program) \(GeneralMIDI.name(ofProgram: Int(program))) (channel \(channel + 1)"
                    + (count > 0 ? ", " + later(count) : "") + ")"
            }
            lines.append("  program   " + (drumsOnly ? summary.programName : "\(summary.program) \(summary.programName)")
                         + (instrumentChanges > 0 ? " (" + (drumsOnly ? kitChanges : later)(instrumentChanges) + ")" : "")
                         + (others.isEmpty ? "" : "; also " + others.prefix(6).joined(separator: ", ") + (others.count > 6 ? ", …" : "")))
            let metadata = take.metadata
            if let title = metadata.title { lines.append("  title     \(safe(title))") }
            if let text = metadata.text {
                // A text of several lines (a poem, a diary) on one line, its breaks shown as " / ".
                let textLines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
                lines.append("  text      \(safe(textLines.joined(separator: " / ")))")
            }
            // Named as compose --lang names them ("Other" read as a word the printout never uses); the names in
            // Vietnamese come from the emotion model's labels (a take composed with --lang vi was listed in English).
            let labels = (lang ?? .configured ?? .en) == .vi ? ModelDirectory.locate("emotion-vi.json").flatMap { try? EmotionModelConfig.load(path: $0).labels } : nil
            let emotionName = { (code: String) -> String in
                labels?.first { $0.code == code }?.name(english: false) ?? (code == "Other" ? "neutral" : code.lowercased())
            }
            // A point is in [−1, 1]²; a file claiming more (edited, or another tool's) shows where it is clamped to.
            if let valence = metadata.valence, let arousal = metadata.arousal, valence.isFinite, arousal.isFinite {
                let point = CircumplexPoint(valence: valence, arousal: arousal).clamped
                lines.append(String(format: "  emotion   valence %+.2f, arousal %+.2f", Terminal.hundredths(point.valence),
                                    Terminal.hundredths(point.arousal))
                             // The emotion's name, not its code ("Anger chosen by hand", and "Other" for neutral).
                             + (metadata.emotionChosen.map { " (\(safe(emotionName($0))) chosen by hand)" } ?? "")
                             + (metadata.emotionChosen == nil ? metadata.emotionRead.map { " (the text read as \(safe(emotionName($0))))" } ?? "" : "")
                             + (metadata.pointChosen == true ? " (the point moved by hand)" : "")
                             + (metadata.ownEmotion.map {
                                 $0 == "recorded" ? " (the continued file's own, as it records)"
                                     : " (the continued file's own, as the judge hears it)" } ?? ""))
            }
            if let harmony = metadata.harmony { lines.append("  harmony   \(safe(harmony))") }
            if let arc = metadata.arc {
                lines.append("  arc       \(arc.segments.count) segment\(arc.segments.count == 1 ? "" : "s"), the point gliding over \(Int(EmotionArc.glideSeconds)) s between them")
                lines += arc.lines(name: emotionName).map { "    " + safe($0) }
            }
            if let primer = metadata.primer { lines.append("  primer    \(safe(primer.summary))") }
            if let parent = metadata.parent { lines.append("  parent    take \(parent)") }
            if let savedAs = metadata.savedAs { lines.append("  saved as  \(safe(savedAs))") }
            if metadata.partial == true { lines.append("  partial   composing stopped before the take's length") }
            if let sampling = metadata.sampling {
                // Top-k 0 keeps every event: "all", as the studio's row says it.
                lines.append(String(format: "  sampling  temperature %.2f, top-k %@, top-p %.2f, guidance %g, seed %@",
                                    sampling.temperature, Self.topK(sampling.topK), sampling.topP, sampling.guidance,
                                    String(sampling.seed))
                             // Set by hand (the studio's tempo row and key lock; `compose --tempo`, `--no-key-lock`):
                             // a take made at ×1.10 could not be made again from what `info` printed.
                             + (metadata.tempoScale.map { $0 != 1 ? String(format: ", tempo set ×%.2f", $0) : "" } ?? "")
                             + (metadata.keyLock == false ? ", key lock off" : ""))
            }
            // A change that changes nothing (the studio records the settings a take starts with, a continuation's at its
            // join: "changed at 39.3 s" repeated the sampling line) is not a change.
            var before = metadata.sampling.map { ($0.temperature, $0.topK, $0.topP, $0.guidance, metadata.keyLock ?? true, metadata.tempoScale ?? 1) }
            for change in metadata.parameterChanges ?? [] {
                let now = (change.temperature, change.topK, change.topP, change.guidance, change.keyLock, change.tempoScale)
                defer { before = now }
                if let before, before == now { continue }
                lines.append(String(format: "  changed   at %.1f s: temperature %.2f, top-k %@, top-p %.2f, guidance %g, key lock %@, tempo ×%.2f",
                                    change.seconds, change.temperature, Self.topK(change.topK), change.topP, change.guidance,
                                    change.keyLock ? "on" : "off", change.tempoScale))
            }
            if let model = metadata.modelID { lines.append("  model     \(safe(model))") }
            return lines.joined(separator: "\n") + "\n"
        } catch {
            throw Failure.exit(error)
        }
    }
}
