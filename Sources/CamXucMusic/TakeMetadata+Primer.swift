import Foundation

extension TakeMetadata {
    /// What a continued take keeps of the music it continues.
    public struct PrimerRecord: Codable, Hashable, Sendable {
        /// The file's name (or "take 3" for a take of the studio).
        public var file: String
        /// Seconds of it used.
        public var seconds: Double
        /// Its notes kept (after the primer's rules).
        public var notes: Int
        /// Where the continuation begins (the primer's last onset), in seconds of the file that holds both; nil
        /// when the file holds the continuation alone.
        public var continuationStartSeconds: Double?
        /// True for a take that is the opened file itself, nothing continued yet (the studio's `o`).
        public var opened: Bool?
        /// For a file that holds the continuation alone (`compose --continuation-only`): the second of the primer its
        /// time 0 is, so that it can be laid back after the primer.
        public var continuationOnlyFromSeconds: Double?

        public init(file: String, seconds: Double, notes: Int, continuationStartSeconds: Double? = nil, opened: Bool? = nil) {
            self.file = file
            self.seconds = seconds
            self.notes = notes
            self.continuationStartSeconds = continuationStartSeconds
            self.opened = opened
        }

        /// "song.mid, first 30.0 s, 152 notes, continued from 29.84 s": the line `camxuc info` prints.
        public var summary: String {
            var line = "\(file), " + String(format: "first %.1f s", seconds) + ", \(notes) " + (notes == 1 ? "note" : "notes")
            if opened == true {
                line += ", opened (nothing continued yet)"
            } else if let start = continuationStartSeconds {
                line += String(format: ", continued from %.2f s", start)
            } else {
                line += ", continuation only"
                if let from = continuationOnlyFromSeconds { line += String(format: " (its 0 s is %.2f s of the primer)", from) }
            }
            return line
        }
    }

    /// The same metadata with `primer` and `parent` set.
    public func with(primer: PrimerRecord?, parent: Int? = nil) -> TakeMetadata {
        var copy = self
        copy.primer = primer
        copy.parent = parent
        return copy
    }
}
