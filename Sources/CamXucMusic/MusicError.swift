/// Everything that can go wrong in CamXucMusic, each case worded as the one line a user sees.
public enum MusicError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes are not a valid Standard MIDI File; `offset` is where reading stopped.
    case malformedMIDI(file: String, offset: Int, reason: String)
    /// The file could not be opened or read at all.
    case cannotRead(file: String, reason: String)
    /// The file could not be written.
    case cannotWrite(file: String, reason: String)
    /// A value handed to the library is out of its range.
    case invalidValue(String)
    /// A model file or its config cannot be used.
    case badModel(String)
    /// No model file where CamXuc looks (the message names them and the folders searched).
    case modelNotFound(String)
    /// A MIDI file that reads well but cannot start a take (no notes, or none the model can read).
    case unusablePrimer(file: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedMIDI(file, offset, reason):
            return "cannot read \(file): \(reason) (at byte \(offset))"
        case let .cannotRead(file, reason):
            return "cannot read \(file): \(reason)"
        case let .cannotWrite(file, reason):
            return "cannot write \(file): \(reason)"
        case let .invalidValue(message), let .badModel(message), let .modelNotFound(message):
            return message
        case let .unusablePrimer(file, reason):
            return "cannot continue \(file): \(reason)"
        }
    }

    /// The byte offset of a malformed file, for tests and tools; nil for other errors.
    public var byteOffset: Int? {
        if case let .malformedMIDI(_, offset, _) = self { return offset }
        return nil
    }
}
