import CamXucTensor

/// Everything that can go wrong in CamXucEmotion, each case worded as the one line a user sees.
public enum EmotionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The model's files are not where CamXuc looks.
    case modelNotFound(file: String, searched: [String])
    /// The config JSON cannot be used.
    case badConfig(file: String, reason: String)
    /// The weights file failed its checks.
    case badWeights(TensorError)
    /// The text is empty or only whitespace.
    case emptyText
    /// A correction (keys 1–7) could not be added to the user's corrections file.
    case cannotSaveCorrection(file: String, reason: String)

    public var description: String {
        switch self {
        case let .modelNotFound(file, searched):
            return "emotion model \(file) not found (looked in \(searched.joined(separator: ", "))); set CAMXUC_MODELS to its folder"
        case let .badConfig(file, reason):
            return "cannot use model config \(file): \(reason)"
        case let .badWeights(error):
            return error.description
        case .emptyText:
            return "the text is empty; give a sentence to analyse"
        case let .cannotSaveCorrection(file, reason):
            return "cannot save your correction to \(file): \(reason)"
        }
    }
}
