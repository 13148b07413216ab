/// Everything that can go wrong in CamXucStudio, each case worded as the one line a user sees.
public enum StudioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The config file exists but cannot be used.
    case badConfig(file: String, reason: String)

    public var description: String {
        switch self {
        case let .badConfig(file, reason):
            return "cannot use config \(file): \(reason)"
        }
    }
}
