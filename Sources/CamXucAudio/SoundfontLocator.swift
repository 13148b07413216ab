import CamXucSupport
import Foundation

/// Finds the soundfont to play with: `--soundfont`, then `CAMXUC_SOUNDFONT`, then the config file, then the system's
/// General MIDI soundfonts.
///
/// A path the user named that does not exist is an error naming it, never a silent fall back to another soundfont.
public struct SoundfontLocator: Sendable {
    /// Where a soundfont path came from, as the user would name it.
    public enum Source: String, Sendable {
        case flag = "--soundfont"
        case environment = "CAMXUC_SOUNDFONT"
        case config = "the config file"
        case system = "the system soundfonts"
    }

    /// The soundfonts Debian installs, best first.
    public static let systemCandidates = [
        "/usr/share/sounds/sf2/TimGM6mb.sf2",
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    ]

    public var flag: String?
    public var environment: String?
    public var configured: String?
    public var candidates: [String]

    public init(flag: String? = nil, environment: String? = ProcessInfo.processInfo.environment["CAMXUC_SOUNDFONT"],
                configured: String? = nil, candidates: [String] = SoundfontLocator.systemCandidates) {
        self.flag = flag
        self.environment = environment
        self.configured = configured
        self.candidates = candidates
    }

    /// The soundfont to use and where its path came from.
    public func resolve() throws -> (path: String, source: Source) {
        let named: [(String?, Source)] = [(flag, .flag), (environment, .environment), (configured, .config)]
        for case let (path?, source) in named where !path.isEmpty {
            let expanded = HomeFolder.expanding(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), isDirectory.boolValue {
                throw AudioError.badSoundfont(path: expanded, reason: "it is a folder; give a SoundFont 2 file (.sf2) inside it (from \(source.rawValue))")
            }
            guard Self.isFile(expanded) else { throw AudioError.soundfontNotFound(path: expanded, source: source.rawValue) }
            return (expanded, source)
        }
        for path in candidates where Self.isFile(path) {
            return (path, .system)
        }
        throw AudioError.noSoundfont(tried: candidates)
    }

    /// Checks the RIFF/sfbk header so that a wrong file gets a precise message before FluidSynth sees it.
    public static func validate(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AudioError.badSoundfont(path: path, reason: "it cannot be opened for reading")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        guard header.count == 12, Array(header[0..<4]) == Array("RIFF".utf8), Array(header[8..<12]) == Array("sfbk".utf8)
        else {
            throw AudioError.badSoundfont(path: path, reason: "not a SoundFont 2 file (no RIFF 'sfbk' header)")
        }
    }

    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

}
