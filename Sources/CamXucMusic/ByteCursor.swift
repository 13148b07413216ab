/// Reads big-endian integers and variable-length quantities from a byte buffer, bounded by a limit, throwing a
/// `MusicError.malformedMIDI` that names the offset when the data runs out or breaks the format.
struct ByteCursor {
    let bytes: [UInt8]
    let file: String
    var offset: Int
    /// Reading stops here (the end of the current chunk, or of the file).
    var limit: Int
    /// True while reading inside a track chunk, so that errors say which end was reached.
    var insideChunk = false

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        self.offset = 0
        self.limit = bytes.count
    }

    var remaining: Int { limit - offset }
    var isAtEnd: Bool { offset >= limit }

    func error(_ reason: String, at position: Int? = nil) -> MusicError {
        .malformedMIDI(file: file, offset: position ?? offset, reason: reason)
    }

    /// A description of where the data ends, for truncation errors.
    private var endDescription: String {
        // The error names the byte where reading stopped: the chunk's end is named only where it is another byte
        // ("the track chunk ends (at byte 47) (at byte 47)").
        insideChunk ? (offset == limit ? "the track chunk ends there" : "the track chunk ends at byte \(limit)")
            : "the file ends (\(bytes.count) bytes)"
    }

    mutating func require(_ count: Int, _ what: String) throws {
        if count > remaining {
            throw error("\(what) needs \(count) byte\(count == 1 ? "" : "s") but \(endDescription)")
        }
    }

    mutating func peek() -> UInt8? { isAtEnd ? nil : bytes[offset] }

    mutating func uint8(_ what: String) throws -> UInt8 {
        try require(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ what: String) throws -> Int {
        try require(2, what)
        defer { offset += 2 }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    mutating func uint32(_ what: String) throws -> Int {
        try require(4, what)
        defer { offset += 4 }
        return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
    }

    mutating func tag() throws -> String {
        try require(4, "a chunk type")
        defer { offset += 4 }
        return String(decoding: bytes[offset..<offset + 4].map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") },
                      as: UTF8.self)
    }

    /// A variable-length quantity of at most four bytes.
    mutating func variableLengthQuantity(_ what: String) throws -> Int {
        let start = offset
        var value = 0
        for index in 0..<4 {
            if isAtEnd {
                throw error("\(what) is cut off: \(endDescription)", at: start)
            }
            let byte = bytes[offset]
            offset += 1
            value = value << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
            if index == 3 {
                throw error("\(what) is a variable-length quantity longer than 4 bytes", at: start)
            }
        }
        return value
    }

    mutating func bytes(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        if count > remaining {
            throw error("\(what) of \(count) bytes runs past where \(endDescription)")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
