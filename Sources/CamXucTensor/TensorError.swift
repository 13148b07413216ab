/// Everything that can go wrong in CamXucTensor, each case worded as the one line a user sees.
public enum TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file cannot be read at all.
    case cannotRead(file: String, reason: String)
    /// The file is not a valid safetensors file; `offset` is the byte where the problem is.
    case malformed(file: String, offset: Int, reason: String)
    /// A tensor is missing or differs from what the model's config expects.
    case mismatch(file: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(file, reason): return "cannot read model \(file): \(reason)"
        case let .malformed(file, offset, reason): return "cannot read model \(file): \(reason) (at byte \(offset))"
        case let .mismatch(file, reason): return "model \(file) does not match its config: \(reason)"
        }
    }
}
