import Foundation

/// The home folder, and "~" in paths a user typed or wrote in a config: one rule for every place CamXuc reads one
/// (the config's `save_folder`, the soundfont, the studio's path prompt and its completion, the saved notice). The
/// home is `$HOME` when it is an absolute path, else the account's home from the user database (`NSHomeDirectory()`).
/// "~" alone and "~/…" are expanded; "~user/…" is not (kept as typed, as a name starting with "~").
public enum HomeFolder {
    /// The home folder for an environment.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
    }

    /// `path` with a leading "~" or "~/" replaced by the home folder; any other path as it is.
    public static func expanding(_ path: String,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = Self.path(environment: environment)
        return path == "~" ? home : (home == "/" ? "" : home) + path.dropFirst()
    }

    /// `path` with the home folder at its start written as "~" (for lines shown to the user).
    public static func abbreviating(_ path: String,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = Self.path(environment: environment)
        guard home != "/" else { return path }
        if path == home { return "~" }
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
