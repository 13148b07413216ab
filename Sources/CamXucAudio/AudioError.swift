/// Everything that can go wrong in CamXucAudio, each case worded as the one line a user sees.
public enum AudioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A soundfont named by the user (flag, environment or config) does not exist.
    case soundfontNotFound(path: String, source: String)
    /// No soundfont was named and none of the system ones exists.
    case noSoundfont(tried: [String])
    /// The soundfont exists but is not usable.
    case badSoundfont(path: String, reason: String)
    /// No sound card could be opened; rendering and saving still work.
    case noAudioDevice(reason: String)
    /// The sound card stopped taking sound while playing (unplugged, or a plugin or disk behind it failed).
    case deviceStopped(reason: String?)
    /// FluidSynth refused to start.
    case synthesizerFailed(String)
    /// An output file could not be written.
    case cannotWrite(file: String, reason: String)
    /// A take is longer than a render may be (`seconds` long, `limit` allowed).
    case takeTooLong(seconds: Double, limit: Double)

    public var description: String {
        switch self {
        case let .soundfontNotFound(path, source):
            return "soundfont not found: \(path) (from \(source))"
        case let .noSoundfont(tried):
            return "no soundfont found (tried \(tried.joined(separator: ", "))); "
                + "install timgm6mb-soundfont or pass --soundfont FILE"
        case let .badSoundfont(path, reason):
            return "cannot use soundfont \(path): \(reason)"
        case let .noAudioDevice(reason):
            return "no audio device: \(reason); rendering and saving still work"
        case let .deviceStopped(reason):
            return "the audio device stopped working while playing" + (reason.map { " (\($0))" } ?? "")
                + "; rendering and saving still work"
        case let .synthesizerFailed(message):
            return "the synthesiser failed: \(message)"
        case let .cannotWrite(file, reason):
            return "cannot write \(file): \(reason)"
        case let .takeTooLong(seconds, limit):
            // m:ss under an hour, as every other length is written (a 20-s take read "0:00:20").
            let length = seconds > 360_000 ? String(format: "%.0f hours", seconds / 3600)
                : seconds >= 3600 ? String(format: "%d:%02d:%02d", Int(seconds) / 3600, Int(seconds) / 60 % 60, Int(seconds) % 60)
                : String(format: "%d:%02d", Int(seconds) / 60, Int(seconds) % 60)
            // The limit as given: --max-length 0.1 was "0 minutes".
            let minutes = limit / 60
            let limitText = minutes == minutes.rounded() ? "\(Int(minutes)) minute\(minutes == 1 ? "" : "s")"
                : String(format: "%g minutes (%g s)", minutes, limit)
            return "the take lasts \(length), longer than the render limit of \(limitText) "
                + "(--max-length raises it; nothing was written)"
        }
    }
}
