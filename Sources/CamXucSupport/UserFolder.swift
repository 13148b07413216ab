import Foundation

/// CamXuc's folders in the XDG base-directory layout: `$XDG_CONFIG_HOME/camxuc`, `$XDG_DATA_HOME/camxuc` and
/// `$XDG_STATE_HOME/camxuc`, each with its standard default under the home folder. A relative XDG value is ignored,
/// as the specification asks.
public enum UserFolder: Sendable {
    case config, data, state

    /// The folder's path (not created).
    public var path: String { path(environment: ProcessInfo.processInfo.environment) }

    /// The folder's path for a given environment (for tests).
    public func path(environment: [String: String]) -> String {
        let (variable, fallback) = switch self {
        case .config: ("XDG_CONFIG_HOME", "/.config")
        case .data: ("XDG_DATA_HOME", "/.local/share")
        case .state: ("XDG_STATE_HOME", "/.local/state")
        }
        let base = environment[variable].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? HomeFolder.path(environment: environment) + fallback
        return base + "/camxuc"
    }
}
