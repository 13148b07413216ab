#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CamXucEmotion
import CamXucMusic
import CamXucStudio
import CamXucText
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the emotion in Vietnamese text: seven probabilities and a valence/arousal point.",
        discussion: """
            With no text (or "-"), reads one text per line from standard input and prints one line (or one JSON object with \
            --json) per text. Empty text is an error (exit 65), and so is invalid UTF-8, reported with its byte \
            offset; in batch mode the other lines are still analysed, and a blank line is left blank (no error). Very long text is cut to the model's window, \
            and the output says so.
            """
    )

    @Argument(help: ArgumentHelp("The text (quotes optional; several words are joined with spaces).", valueName: "text"))
    var text: [String] = []

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    @Flag(name: .long, help: "Also list the words that raised the winning emotion most (each left out in turn).")
    var explain = false

    @Flag(name: .customLong("no-personal"), help: "Read without your own corrections (the studio's keys 1–7, kept in $XDG_DATA_HOME/camxuc/corrections.tsv).")
    var noPersonal = false

    @Option(name: .long, help: ArgumentHelp("Label language: vi or en (default: the config's [studio] language, else vi).", valueName: "lang"))
    var lang: Language?

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case vi, en

        /// "EN" and "Vi" too (`--lang EN` was refused).
        init?(argument: String) {
            guard let language = Language(rawValue: argument.lowercased()) else { return nil }
            self = language
        }

        /// The config's `[studio] language`, where it sets one and can be read: the commands' default for `--lang`
        /// (a user who set English there got Vietnamese names from analyze and compose, English from info).
        /// A config that cannot be read says so on stderr (the studio refuses to start on it; these went on quietly).
        static let configured: Language? = {
            do {
                return try Config.load(sections: ["studio"]).config.language.flatMap { Language(rawValue: $0) }
            } catch {
                Failure.printError("note: \(error); --lang takes its default")
                return nil
            }
        }()
    }

    func run() throws {
        let classifier: EmotionClassifier
        do {
            classifier = try EmotionClassifier(normalizer: TextNormalizer(teencode: .shippedWithUserEntries()))
        } catch {
            throw Failure.exit(error)
        }
        let personal = noPersonal ? nil : PersonalCorrections(classifier: classifier)
        // With a correction that changed the winner, the words explain the model's reading, not the one shown: the
        // why is then the correction ("vui (+0.69)" under buồn bã ◀).
        func read(_ text: String) throws -> (EmotionClassifier.Analysis, [EmotionClassifier.Evidence], PersonalCorrections.Entry?) {
            var (analysis, evidence) = explain ? try classifier.explain(text) : (try classifier.analyze(text), [])
            var decided: PersonalCorrections.Entry?
            if let personal {
                let model = analysis.distribution
                analysis.distribution = personal.adjust(model, text: text)
                // Said in every mode (`correctedBy` was null without --explain while a correction flipped the winner).
                if analysis.distribution.winner != model.winner {
                    decided = personal.correction(for: text, reading: model)
                    evidence = []
                }
            }
            return (analysis, evidence, decided)
        }
        // Each sentence on its own, when there are several, read as the whole text is (with the corrections).
        func sentences(_ text: String) -> [(sentence: String, distribution: EmotionDistribution)]? {
            let readings = classifier.analyzeSentences(text) ?? []
            guard readings.count > 1 else { return nil }
            return readings.map { reading in
                (reading.sentence, personal.map { $0.adjust(reading.analysis.distribution, text: reading.sentence) }
                    ?? reading.analysis.distribution)
            }
        }
        if !text.isEmpty, text != ["-"] {
            do {
                // A byte-order mark is no part of the text (it was kept in JSON's `text`), as for --text-file.
                var joined = TextFile.lineBreaks(text.joined(separator: " "))
                if joined.hasPrefix("\u{FEFF}") { joined.removeFirst() }
                // A path given as the text is read as words ("take-1.mid" read as neutral, not Vietnamese): said, once.
                if text.count == 1, !joined.contains(" "), joined.contains("/") || joined.contains("."),
                   FileManager.default.fileExists(atPath: joined) {
                    let midi = MIDIFile.isNamedAsOne(joined)
                    Failure.printError("note: '\(Terminal.printable(joined))' is " + (midi
                        ? "a MIDI file, read here as text; to describe it: camxuc info \(Terminal.printable(joined))"
                        : "a file; analyze reads the text it is given (a text file's lines: camxuc analyze < FILE)"))
                }
                let (analysis, evidence, decided) = try read(joined)
                let bySentence = sentences(joined)
                Terminal.standardOutput(json ? jsonLine(analysis, text: joined, evidence: explain ? evidence : nil, sentences: bySentence,
                                                        correction: decided) + "\n"
                                             : table(analysis) + evidenceLines(evidence, correction: decided, labels: classifier.labels)
                                               + sentenceLines(bySentence))
            } catch {
                // With --json a script still gets one JSON line, as batch mode gives it one per line.
                if json, error is EmotionError { Terminal.standardOutput(errorLine("\(error)", line: 1) + "\n") }
                throw Failure.exit(error)
            }
            return
        }
        var failures = 0
        var lineNumber = 0
        // Typed at a terminal, it waited without a word: say what it reads and how to end (on stderr, so a script
        // reading stdout is not given it).
        if isatty(STDIN_FILENO) == 1, Terminal.standardErrorIsTerminal {
            Terminal.standardError(english ? "camxuc: reading one text per line; Ctrl-D ends\n"
                                           : "camxuc: đọc mỗi dòng một văn bản; Ctrl-D để kết thúc\n")
        }
        for line in StandardInputLines() {
            lineNumber += 1
            switch line {
            case let .unreadable(reason):
                Failure.printError("cannot read standard input: \(reason)")
                throw ExitCode(66)
            case .tooLong:
                failures += 1
                Failure.printError("standard input line \(lineNumber): longer than 4 MB; not read")
                Terminal.standardOutput(json ? errorLine("longer than 4 MB", line: lineNumber) + "\n" : "\n")
            case .utf16:
                // A file saved as "Unicode" (UTF-16) gave a screen of byte errors and readings of its NUL-spaced
                // letters: said once, as `--text-file` says it.
                Failure.printError("standard input is UTF-16; save it as UTF-8")
                throw ExitCode(65)
            case let .invalid(offset, inLine, byte):
                failures += 1
                // "line 4 … at byte 36" pointed past a 7-byte line: the offset was the stream's.
                let problem = String(format: "invalid UTF-8 byte 0x%02X at byte %d of the line (byte %d of the input)",
                                     byte, inLine, offset)
                Failure.printError("standard input line \(lineNumber): " + problem)
                Terminal.standardOutput(json ? errorLine(problem, line: lineNumber) + "\n" : "\n")
            case let .text(value) where TextNormalizer.isBlank(value):
                // A blank line between texts is no mistake: its line stays empty (an error object in JSON, so that
                // outputs line up with inputs), and the batch does not end in 65 for it (two blank lines in a class's
                // sentences stopped a `set -e` script).
                Terminal.standardOutput(json ? errorLine("the text is empty", line: lineNumber) + "\n" : "\n")
            case let .text(value):
                do {
                    let (analysis, evidence, decided) = try read(value)
                    Terminal.standardOutput((json ? jsonLine(analysis, text: value, evidence: explain ? evidence : nil,
                                                             sentences: sentences(value), correction: decided)
                                                  : compactLine(analysis, text: value, corrected: decided != nil,
                                                                why: explain ? (decided.map { correctionNote($0, labels: classifier.labels) }
                                                                    ?? evidence.map { Terminal.printable($0.shown) }.joined(separator: ", ")) : nil)) + "\n")
                } catch {
                    failures += 1
                    Failure.printError("standard input line \(lineNumber): \(error)")
                    // One output line per input line, so outputs still line up with inputs.
                    Terminal.standardOutput(json ? errorLine("\(error)", line: lineNumber) + "\n" : "\n")
                }
            }
        }
        if failures > 0 { throw ExitCode(65) }
    }

    var english: Bool { (lang ?? .configured ?? .vi) == .en }

    func table(_ analysis: EmotionClassifier.Analysis) -> String {
        let rows = analysis.distribution.sorted
        let width = rows.map { $0.label.name(english: english).count }.max() ?? 0
        let winner = analysis.distribution.winner
        var lines: [String] = []
        for (label, probability) in rows {
            let name = label.name(english: english)
            let marker = label == winner ? "  ◀" : ""
            lines.append("  " + name + String(repeating: " ", count: width - name.count) + "  "
                         + Bars.horizontal(probability, width: 24) + String(format: "  %.2f", probability) + marker)
        }
        let point = analysis.distribution.point
        lines.append("")
        lines.append(String(format: "  %@ (V, A) = (%+.2f, %+.2f) · %@", english ? "point" : "điểm", Terminal.hundredths(point.valence),
                            Terminal.hundredths(point.arousal), Quadrants.name(point.quadrant, english: english)))
        if let readAs = analysis.readAs {
            lines.append("  " + (english ? "(typed with the input method off? read as: «\(Self.shown(readAs))»)"
                                         : "(gõ khi tắt bộ gõ? đọc là: «\(Self.shown(readAs))»)"))
        }
        if analysis.readWithoutDiacritics {
            lines.append("  " + (english ? "(no diacritics: read by the model for text typed without them)"
                                         : "(không dấu: đọc bằng mô hình cho văn bản gõ không dấu)"))
        }
        if analysis.mostlyNotVietnamese {
            lines.append("  " + (english ? "(most words are not Vietnamese: the model reads Vietnamese, so this is a guess)"
                                         : "(phần lớn từ không phải tiếng Việt: mô hình chỉ đọc tiếng Việt, kết quả chỉ là đoán)"))
        }
        if analysis.truncatedTokens > 0 {
            lines.append("  " + (english ? "(text cut to the model's first \(analysis.tokenCount) tokens of \(analysis.tokenCount + analysis.truncatedTokens))"
                                         : "(văn bản quá dài: chỉ đọc \(analysis.tokenCount) token đầu trong tổng số \(analysis.tokenCount + analysis.truncatedTokens))"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The user's text in a line of ours: control characters as escapes (an escape sequence in it reached the
    /// terminal, a tab added a column to the tab-separated line), at most 60 characters.
    static func shown(_ text: String, cut: Bool = true) -> String {
        // A line break as the studio shows it (⏎), not as "\u{A}".
        let printable = Terminal.printable(text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ "))
        return cut && printable.count > 60 ? String(printable.prefix(59)) + "…" : printable
    }

    /// The winner, its probability, valence, arousal and the text; then, with --explain, the why; then what the
    /// reading should be taken with (cut, not Vietnamese). The why is always the sixth column: the notes came before
    /// it, so `cut -f6` was the why on some lines and "(not Vietnamese)" on others.
    func compactLine(_ analysis: EmotionClassifier.Analysis, text: String, corrected: Bool = false, why: String? = nil) -> String {
        let winner = analysis.distribution.winner
        let point = analysis.distribution.point
        let probability = analysis.distribution.probability(of: winner.code) ?? 0
        // Whole where a program reads it (a spreadsheet lost all but 60 characters of a paragraph), cut on a terminal.
        let shown = Terminal.standardOutputIsTerminal ? Self.shown(text) : Self.shown(text, cut: false)
        return String(format: "%@\t%.2f\t%+.2f\t%+.2f\t%@", winner.name(english: english), probability, point.valence,
                      point.arousal, shown) + (why.map { "\t" + $0 } ?? "")
            + (analysis.truncatedTokens > 0 ? (english ? "\t(cut)" : "\t(cắt bớt)") : "")
            + (analysis.mostlyNotVietnamese ? (english ? "\t(not Vietnamese)" : "\t(không phải tiếng Việt)") : "")
            // A correction of yours decided the winner: said on the line (a class's votes changed a teacher's own
            // readings, and nothing in the row said so).
            + (corrected ? (english ? "\t(your correction)" : "\t(bạn đã sửa)") : "")
    }

    struct JSONAnalysis: Encodable {
        var text: String
        var winner: String
        var probabilities: [String: Double]
        var valence: Double
        var arousal: Double
        var quadrant: Int
        var tokens: Int
        var truncatedTokens: Int
        var withoutDiacritics: Bool
        var notVietnamese: Bool
        /// The text as read when it was typed with the input method off (its keys composed); absent otherwise.
        var readAs: String?
        /// The correction of yours that decided the winner (its words then explain nothing), in every mode.
        var correctedBy: JSONCorrection?
        var explanation: [JSONEvidence]?
        /// Each sentence's own reading, when the text has more than one (the emotional arc).
        var sentences: [JSONSentence]?
    }

    struct JSONSentence: Encodable {
        var text: String
        var winner: String
        var probabilities: [String: Double]
        var valence: Double
        var arousal: Double
    }

    struct JSONCorrection: Encodable {
        var text: String
        var emotion: String
    }

    struct JSONEvidence: Encodable {
        /// The words as the model read them (teencode expanded).
        var phrase: String
        /// The same words as the text has them.
        var typed: String
        var change: Double
    }

    /// "  vì: hết buồn (+0.31), yêu đời (+0.12)": the words that raised the winner, for the table.
    /// "you chose anger for «…»": a correction that decided the reading, as the why.
    func correctionNote(_ entry: PersonalCorrections.Entry, labels: [EmotionLabel]) -> String {
        let name = labels.first { $0.code == entry.label }?.name(english: english) ?? entry.label
        return (english ? "you chose \(name) for «" : "bạn đã chọn \(name) cho «") + Self.shown(entry.text) + "»"
    }

    func evidenceLines(_ evidence: [EmotionClassifier.Evidence], correction: PersonalCorrections.Entry? = nil,
                       labels: [EmotionLabel] = []) -> String {
        // A reading your correction decided says so even without --explain (the table gave no sign of it).
        if let correction { return "  " + (english ? "why: " : "vì: ") + correctionNote(correction, labels: labels) + "\n" }
        guard explain else { return "" }
        guard !evidence.isEmpty else { return "  " + (english ? "why: no single word decides it" : "vì: không từ nào quyết định một mình") + "\n" }
        return "  " + (english ? "why: " : "vì: ")
            + evidence.map { String(format: "%@ (+%.2f)", Terminal.printable($0.shown), $0.change) }.joined(separator: ", ") + "\n"
    }

    /// The table's lines for a text of several sentences: each one's winner, its probability and point, as the
    /// studio and `compose` lay them out along an arc.
    func sentenceLines(_ sentences: [(sentence: String, distribution: EmotionDistribution)]?) -> String {
        guard let sentences else { return "" }
        let names = sentences.map { $0.distribution.winner.name(english: english) }
        let width = names.map(\.count).max() ?? 0
        var lines = ["", "  " + (english ? "by sentence (the arc compose and the studio follow):" : "từng câu (cung cảm xúc dùng khi soạn nhạc):")]
        for (k, (sentence, distribution)) in sentences.enumerated() {
            let shown = Self.shown(sentence)
            let probability = distribution.probability(of: distribution.winner.code) ?? 0
            lines.append(String(format: "  %2d  %@%@  %.2f  (%+.2f, %+.2f)  %@", k + 1, names[k],
                                String(repeating: " ", count: width - names[k].count), probability,
                                distribution.point.valence, distribution.point.arousal, shown))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON object printed in place of an analysis for an input line that could not be read.
    func errorLine(_ message: String, line: Int) -> String {
        struct ErrorLine: Encodable { var error: String; var line: Int }
        return Self.oneLine(ErrorLine(error: message, line: line))
    }

    /// `value` as one line of JSON with sorted keys, as every line `analyze --json` prints.
    static func oneLine<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Four decimals are all a reader or a script needs.
    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// The probabilities by class code, rounded.
    static func probabilities(_ distribution: EmotionDistribution) -> [String: Double] {
        var probabilities: [String: Double] = [:]
        for (label, probability) in zip(distribution.labels, distribution.probabilities) {
            probabilities[label.code] = round(probability)
        }
        return probabilities
    }

    func jsonLine(_ analysis: EmotionClassifier.Analysis, text: String, evidence: [EmotionClassifier.Evidence]? = nil,
                  sentences: [(sentence: String, distribution: EmotionDistribution)]? = nil,
                  correction: PersonalCorrections.Entry? = nil) -> String {
        let distribution = analysis.distribution
        let round = Self.round
        let value = JSONAnalysis(text: text.count > 200 ? String(text.prefix(200)) : text, winner: distribution.winner.code,
                                 probabilities: Self.probabilities(distribution), valence: round(distribution.point.valence),
                                 arousal: round(distribution.point.arousal), quadrant: distribution.point.quadrant,
                                 tokens: analysis.tokenCount, truncatedTokens: analysis.truncatedTokens,
                                 withoutDiacritics: analysis.readWithoutDiacritics,
                                 notVietnamese: analysis.mostlyNotVietnamese, readAs: analysis.readAs,
                                 correctedBy: correction.map { JSONCorrection(text: $0.text, emotion: $0.label) },
                                 explanation: evidence.map { $0.map { JSONEvidence(phrase: $0.phrase, typed: $0.typed, change: round($0.change)) } },
                                 sentences: sentences.map { $0.map { reading in
                                     JSONSentence(text: reading.sentence, winner: reading.distribution.winner.code,
                                                  probabilities: Self.probabilities(reading.distribution),
                                                  valence: round(reading.distribution.point.valence),
                                                  arousal: round(reading.distribution.point.arousal))
                                 } })
        return Self.oneLine(value)
    }
}

/// Names of the circumplex quadrants.
enum Quadrants {
    /// "Q4 thư thái": the number and the plane's name for it.
    static func name(_ quadrant: Int, english: Bool) -> String {
        "Q\((1...3).contains(quadrant) ? quadrant : 4) " + CircumplexPanel.quadrantName(quadrant, english: english)
    }
}

/// Horizontal bars drawn with eighth blocks.
enum Bars {
    static func horizontal(_ fraction: Double, width: Int) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
        bar += String(repeating: " ", count: max(width - bar.count, 0))
        return bar
    }
}

/// Standard input split into lines, each either text or the first invalid UTF-8 byte (with its offset in the stream).
/// A line longer than `maximumLineBytes` is reported as too long and its bytes dropped up to its end (a stream with
/// no newline, as /dev/zero, is read in bounded memory); a failed read ends the lines with `.unreadable`.
struct StandardInputLines: Sequence, IteratorProtocol {
    enum Line: Equatable {
        case text(String), invalid(offset: Int, inLine: Int, byte: UInt8), tooLong(bytes: Int), unreadable(String)
        /// The input starts with UTF-16's byte-order mark (FF FE or FE FF).
        case utf16
    }

    /// The longest line read: as `--text-file` takes at most 4 MB.
    static let maximumLineBytes = 4 << 20

    private var buffer: [UInt8] = []
    private var position = 0
    private var consumed = 0
    private var finished = false
    /// Inside a line too long to read: its bytes are dropped until its newline.
    private var skipping = false
    private let read: () throws -> Data

    /// Reads what has arrived (a line typed or written by a coprocess is answered at once).
    init(read: @escaping () throws -> Data = { Data(try DescriptorRead.chunk()) }) {
        self.read = read
    }

    mutating func next() -> Line? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                if skipping {
                    skipping = false
                    position = newline + 1
                    continue
                }
                let line = Array(buffer[position..<newline])
                let start = consumed + position
                position = newline + 1
                return decode(line, start: start)
            }
            if skipping {
                position = buffer.count
            } else if buffer.count - position > Self.maximumLineBytes {
                skipping = true
                let length = buffer.count - position
                position = buffer.count
                return .tooLong(bytes: length)
            }
            if finished {
                guard position < buffer.count, !skipping else { return nil }
                let line = Array(buffer[position...])
                let start = consumed + position
                position = buffer.count
                return decode(line, start: start)
            }
            let chunk: Data
            do {
                chunk = try read()
            } catch {
                finished = true
                buffer = []
                position = 0
                if let failure = error as? DescriptorRead.Failure { return .unreadable(failure.reason) }
                let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
                    ?? ((error as NSError).domain == NSPOSIXErrorDomain ? (error as NSError).code : nil)
                return .unreadable(code == Int(EISDIR) ? "it is a folder"
                                   : code.map { String(cString: strerror(Int32($0))).lowercased() } ?? "it cannot be read")
            }
            if chunk.isEmpty { finished = true }
            consumed += position
            buffer = Array(buffer[position...]) + chunk
            position = 0
        }
    }

    private func decode(_ bytes: [UInt8], start: Int) -> Line {
        // The input's byte-order mark is no part of its first text.
        var line = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if line.last == 0x0D { line.removeLast() }
        // Both bytes of the mark: a file in the Vietnamese Windows code page may start with 0xFE, its "₫", and was
        // called UTF-16.
        if start == 0, line.starts(with: [0xFF, 0xFE]) || line.starts(with: [0xFE, 0xFF]) { return .utf16 }
        if let invalid = UTF8Check.firstInvalid(line) {
            return .invalid(offset: start + invalid.offset, inLine: invalid.offset, byte: invalid.byte)
        }
        return .text(String(decoding: line, as: UTF8.self))
    }
}
