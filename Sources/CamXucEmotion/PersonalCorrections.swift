#if canImport(Glibc)
import Glibc
#endif
import CamXucSupport
import CamXucText
import Foundation

/// What one person taught the classifier: every time they set a text's emotion by hand (keys 1–7 in the studio),
/// the text and the class are kept in `$XDG_DATA_HOME/camxuc/corrections.tsv` (text, class, time). Readings then
/// lean towards those answers for that person:
/// - a nearest-neighbour memory: a text whose words overlap a corrected one (Jaccard similarity of their normalised
///   tokens and two-token phrases, 0.5 or more) takes that correction's class, in proportion to the overlap;
/// - a prior: each class the person chose gets a small boost by its share of their corrections.
/// A text corrected again counts once, with its last class.
/// `analyze --no-personal` (and the studio's `--no-personal`) read without them.
public struct PersonalCorrections: Sendable {
    public struct Entry: Equatable, Sendable {
        public var text: String
        public var label: String
        public var time: String
        /// The normalised tokens and their two-token phrases, compared by Jaccard similarity.
        var features: Set<String>
        /// What makes two texts one (`PersonalCorrections.identity`), found once: the studio asks for the text's own
        /// correction at every reading.
        var identity: String
    }

    public private(set) var entries: [Entry] = []
    /// The entries (their places in `entries`) that hold each feature, and how many chose each class: a reading
    /// looks only at corrections that share a word with it (with 10,000 corrections every reading compared itself with
    /// each, 1.9 s a text, and a key typed in the studio took 2.9 s to appear).
    var postings: [String: [Int]] = [:]
    var labelCounts: [String: Int] = [:]
    public let path: String
    let normalizer: TextNormalizer
    /// The model's own reading of a text (no corrections), when the caller has a classifier: a correction speaks for
    /// a new text only if the model read the corrected text about as it reads the new one. Without it the words
    /// alone decide, and a correction of "Hôm nay tôi thấy buồn quá" spoke for "Hôm nay tôi thấy vui quá".
    public var reader: (@Sendable (String) -> EmotionDistribution?)?

    /// Similarity from which a correction speaks for a new text.
    public static let threshold = 0.5
    /// The characters of a text its words are read from.
    public static let longestText = 20_000
    /// How strongly a perfect match pulls the reading to the corrected class (1 would replace it).
    public static let memoryWeight = 0.85
    /// The largest boost the prior gives a class all of the person's corrections chose.
    public static let priorWeight = 0.15

    public static var defaultPath: String { UserFolder.data.path + "/corrections.tsv" }

    /// Loads `path`; a missing file is an empty memory, and malformed lines are skipped — each line on its own, so
    /// one line that is not UTF-8 (a write cut inside a letter) costs that line, not every correction.
    /// With `classes` (the model's codes), a line's class is matched to one of them whatever its case, and a line
    /// whose class is none of them is skipped: "anger", or the half of a text with a tab in it, counted as a choice
    /// made by hand (the arc was switched off) that pulled the reading nowhere.
    public init(path: String = PersonalCorrections.defaultPath, normalizer: TextNormalizer = TextNormalizer(),
                classes: [String]? = nil) {
        self.path = path
        self.normalizer = normalizer
        guard !OutputFile.isPipe(path), let data = FileManager.default.contents(atPath: path) else { return }
        // The last line of each text counts, in the order of those last lines (a text corrected again moves to the
        // end); gathered in one pass (each line searched the entries so far: 20,000 lines took 7 s to load).
        // By what makes two texts one (`identity`): a "-" for "Phiền quá đi." forgets "phiền quá đi" too (it came back
        // at the next start, the file read one spelling at a time).
        var latest: [String: (line: Int, text: String, words: [String], label: String, time: String)] = [:]
        var number = 0
        let byFolded = classes.map { Dictionary($0.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first }) }
        for var bytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            // A line written with Windows' line ends ("…\tAnger\r"): its class is "Anger".
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            // Split as bytes (a tab is one byte in UTF-8): splitting a 70-MB line by characters took seconds.
            let fields = bytes.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard fields.count >= 2, !fields[0].isEmpty else { continue }
            let written = fields[1].trimmingCharacters(in: .whitespaces)
            guard !written.isEmpty else { continue }
            let label: String
            if written == Self.forgotten {
                label = written
            } else if let byFolded {
                guard let known = byFolded[written.lowercased()] else { continue }
                label = known
            } else {
                label = written
            }
            number += 1
            let text = Self.unescape(Self.cut(fields[0]))
            let read = words(text)
            latest[read.joined(separator: " ")] = (number, text, read, label, fields.count > 2 ? fields[2] : "")
        }
        entries = latest.values.filter { $0.label != Self.forgotten }.sorted { $0.line < $1.line }.map { last in
            Self.entry(text: last.text, words: last.words, label: last.label, time: last.time)
        }
        rebuildIndex()
    }

    /// This person's corrections, judged against `classifier`'s own readings (see `reader`).
    public init(classifier: EmotionClassifier, path: String = PersonalCorrections.defaultPath) {
        self.init(path: path, normalizer: classifier.normalizer, classes: classifier.labels.map(\.code))
        reader = { text in try? classifier.analyze(text).distribution }
    }

    mutating func rebuildIndex() {
        postings = [:]
        labelCounts = [:]
        for (place, entry) in entries.enumerated() { index(entry, at: place) }
    }

    mutating func index(_ entry: Entry, at place: Int) {
        for feature in entry.features { postings[feature, default: []].append(place) }
        labelCounts[entry.label, default: 0] += 1
    }

    func features(_ text: String) -> Set<String> { Self.features(of: words(text)) }

    /// The folded words and their two-word phrases.
    static func features(of words: [String]) -> Set<String> {
        let tokens = words.map { VietnameseFolding.fold($0) }
        var set = Set(tokens)
        for (a, b) in zip(tokens, tokens.dropFirst()) { set.insert(a + " " + b) }
        return set
    }

    /// An entry of `text`, whose `words` are read once for its features and its identity.
    static func entry(text: String, words: [String], label: String, time: String) -> Entry {
        Entry(text: cut(text), label: label, time: time, features: features(of: words), identity: words.joined(separator: " "))
    }

    /// Only the first `longestText` characters of a text are its words, and all an entry holds of it (a correction
    /// of 70 MB, one line of the file, kept the studio on a blank screen for a minute and a half at every start).
    static func cut(_ text: String) -> String {
        text.utf8.count > longestText ? String(text.prefix(longestText)) : text
    }

    /// The words of `text` as the classifier reads them (keys typed with the input method off as the words they
    /// type), in lower case, without punctuation: "ừ." and "ừ" are one reply ("ừ" corrected spoke for "ờ" and not
    /// for "ừ."); from its first `longestText` characters.
    func words(_ text: String) -> [String] {
        let text = Self.cut(text)
        return normalizer.normalize(KeysLeftInText.composed(text) ?? text).tokens.map { $0.lowercased() }
            .filter { $0.contains { $0.isLetter || $0.isNumber || $0.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0xFF } } }
    }

    /// What makes two texts one for the memory: their words, whatever the case, punctuation and spacing ("Phiền quá
    /// đi." and "phiền quá đi" were two corrections, and which one spoke depended on a full stop).
    func identity(_ text: String) -> String { words(text).joined(separator: " ") }

    /// Whether `text` carries any Vietnamese mark.
    static func hasDiacritics(_ text: String) -> Bool { VietnameseFolding.fold(text) != text }

    /// The class a line names for a text whose correction was taken back (0 in the studio): the file stays a log.
    public static let forgotten = "-"

    /// Takes back the correction that decides `text`'s reading: its own, or else the close text's that speaks for it
    /// (0 on a paraphrase said the correction was gone, and the paraphrase still read as corrected, with no way to
    /// undo it from there). Returns the corrected text forgotten, nil when none spoke for `text`.
    @discardableResult
    public mutating func forget(text: String, reading: EmotionDistribution? = nil) throws -> String? {
        let key = identity(text)
        let own = entries.filter { $0.identity == key }.map(\.text)
        let forgotten = own.isEmpty ? correction(for: text, reading: reading).map { [$0.text] } ?? [] : own
        guard !forgotten.isEmpty else { return nil }
        for corrected in forgotten { try append(text: corrected, label: Self.forgotten, time: Date()) }
        entries.removeAll { forgotten.contains($0.text) }
        rebuildIndex()
        return forgotten.last
    }

    /// Adds a correction and appends it to the file (one line, so a crash loses nothing written before). A file whose
    /// last line has no newline (cut short, or edited by hand) gets one first, so the new line is not glued to it; a
    /// write cut short (a full disk) is taken back, so the file never ends in half a line.
    public mutating func add(text: String, label: String, time: Date = Date()) throws {
        // The same answer again changes nothing: no line (each press of a key wrote one).
        if entries.last(where: { $0.text == text })?.label == label { return }
        let stamp = try append(text: text, label: label, time: time)
        remember(Self.entry(text: text, words: words(text), label: label, time: stamp))
    }

    /// Appends one line (text, class, time) to the file; its time stamp.
    @discardableResult
    func append(text: String, label: String, time: Date) throws -> String {
        let stamp = ISO8601DateFormatter().string(from: time)
        var line = Self.escape(text) + "\t" + label + "\t" + stamp + "\n"
        func fail(_ code: Int32) -> EmotionError {
            .cannotSaveCorrection(file: path, reason: code == ENOSPC ? "the disk is full" : String(cString: strerror(code)).lowercased())
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw EmotionError.cannotSaveCorrection(file: path, reason: "its folder cannot be made")
        }
        // Not a FIFO or a device: opening one waits for a reader, and the studio froze on 1–7.
        guard !OutputFile.isPipe(path) else {
            throw EmotionError.cannotSaveCorrection(file: path, reason: "it is a pipe, not a file")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else { throw fail(errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw fail(errno) }
        let size = off_t(info.st_size)
        // The last byte, read through a descriptor of its own (a file that can be appended to need not be readable).
        let reader = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if size > 0, reader >= 0 {
            var last: UInt8 = 0
            if pread(reader, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") { line = "\n" + line }
        }
        if reader >= 0 { close(reader) }
        let bytes = Array(line.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = count == 0 ? ENOSPC : errno
                _ = ftruncate(descriptor, size)
                throw fail(code)
            }
            written += count
        }
        return stamp
    }

    /// The file is a log; for a text corrected more than once, the last answer is the one that counts (in the memory
    /// and in the prior), so trying several keys on one text leaves one correction.
    mutating func remember(_ entry: Entry) {
        if entries.contains(where: { $0.identity == entry.identity }) {
            entries.removeAll { $0.identity == entry.identity }
            entries.append(entry)
            rebuildIndex()
        } else {
            entries.append(entry)
            index(entry, at: entries.count - 1)
        }
    }

    /// `probabilities` (in `labels`' order) adjusted towards this person's corrections.
    public func adjust(_ probabilities: [Double], text: String, labels: [EmotionLabel]) -> [Double] {
        guard !entries.isEmpty else { return probabilities }
        var result = probabilities
        // The prior: a small boost per class by its share of the corrections.
        for (index, label) in labels.enumerated() {
            result[index] *= 1 + Self.priorWeight * Double(labelCounts[label.code] ?? 0) / Double(entries.count)
        }
        let best = nearest(text, reading: EmotionDistribution(labels: labels, probabilities: probabilities))
        let total = result.reduce(0, +)
        result = result.map { $0 / max(total, 1e-12) }
        if let best, let index = labels.firstIndex(where: { $0.code == entries[best.place].label }) {
            let pull = Self.memoryWeight * best.similarity
            result = result.enumerated().map { $0.offset == index ? (1 - pull) * $0.element + pull : (1 - pull) * $0.element }
        }
        return result
    }

    /// The closest corrected text, if close enough (the latest of equally close ones) and not another meaning: texts
    /// that differ by a negation ("không hề thấy vui" and "thật sự thấy vui") are two meanings, and so are texts the
    /// model reads differently (`reader`: their readings more than half apart), whatever words they share. Only texts
    /// that share a feature can be close: the postings count the shared ones.
    func nearest(_ text: String, reading: EmotionDistribution? = nil) -> (similarity: Double, place: Int)? {
        let mine = features(text)
        var shared: [Int: Int] = [:]
        for feature in mine { for place in postings[feature] ?? [] { shared[place, default: 0] += 1 } }
        var candidates: [(similarity: Double, place: Int)] = []
        for (place, common) in shared {
            let similarity = Double(common) / Double(mine.count + entries[place].features.count - common)
            if similarity >= Self.threshold { candidates.append((similarity, place)) }
        }
        candidates.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.place > $1.place }
        let reading = reading ?? reader?(text)
        let key = identity(text)
        for candidate in candidates.prefix(3) {
            let entry = entries[candidate.place]
            if entry.identity == key { return candidate }
            if differsByNegation(entry.text, text) { continue }
            // Both written with their marks: a mark makes another word (ôm "hug" and ốm "sick", qua and quá). "Bé ôm
            // mẹ rồi." corrected to joy read "Bé ốm rồi." as joy, and so did a long sentence told apart by that word.
            if Self.hasDiacritics(entry.text), Self.hasDiacritics(text) {
                let theirs = Set(words(entry.text)), ours = Set(words(text))
                let onlyTheirs = Set(theirs.subtracting(ours).map { VietnameseFolding.fold($0) })
                if ours.subtracting(theirs).contains(where: { onlyTheirs.contains(VietnameseFolding.fold($0)) }) { continue }
            }
            if let reading, let theirs = reader?(entry.text),
               zip(reading.probabilities, theirs.probabilities).map({ abs($0 - $1) }).reduce(0, +) / 2 > 0.5 { continue }
            return candidate
        }
        return nil
    }

    /// Words that turn a meaning round: one text has one of them and the other does not.
    static let negators: Set<String> = ["không", "chẳng", "chả", "chưa", "đừng", "hết", "đâu", "hề", "chớ", "hông", "hổng"]

    func differsByNegation(_ one: String, _ other: String) -> Bool {
        let first = Set(normalizer.normalize(Self.cut(one)).tokens.map { $0.lowercased() })
        let second = Set(normalizer.normalize(Self.cut(other)).tokens.map { $0.lowercased() })
        return !first.symmetricDifference(second).isDisjoint(with: Self.negators)
    }

    /// The correction that speaks for `text` (itself or a close text), else nil.
    public func correction(for text: String, reading: EmotionDistribution? = nil) -> Entry? {
        nearest(text, reading: reading).map { entries[$0.place] }
    }

    /// The class this person chose for `text` or a text close to it (the memory's answer), else nil. A text whose
    /// emotion was set by hand is composed for that one emotion, not along its sentences' arc.
    public func chosenClass(for text: String, reading: EmotionDistribution? = nil) -> String? {
        nearest(text, reading: reading).map { entries[$0.place].label }
    }

    /// The class this person chose for `text` itself (its spaces at either end aside), not for a text like it.
    public func chosenClass(exactly text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = identity(trimmed)
        return entries.last { $0.identity == key }?.label
    }

    /// Whether two texts are one for the memory (case, punctuation and spacing aside).
    public func isSameText(_ one: String, _ other: String) -> Bool { one == other || identity(one) == identity(other) }

    /// `distribution` adjusted towards this person's corrections of texts like `text`.
    public func adjust(_ distribution: EmotionDistribution, text: String) -> EmotionDistribution {
        EmotionDistribution(labels: distribution.labels,
                            probabilities: adjust(distribution.probabilities, text: text, labels: distribution.labels),
                            calmShare: distribution.calmShare)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
