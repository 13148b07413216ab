import CamXucSupport
#if canImport(Glibc)
import Glibc
#endif

import CFluidSynth
import Foundation
import Synchronization

/// Sends FluidSynth's and libasound's own messages to a log file instead of the terminal.
///
/// The file is `$XDG_STATE_HOME/camxuc/camxuc.log` (by default `~/.local/state/camxuc/camxuc.log`). When it cannot be
/// opened the messages are dropped: they never reach the terminal either way.
public enum AudioLog {
    /// Where the messages go.
    public static var path: String {
        UserFolder.state.path + "/camxuc.log"
    }

    /// The log file's descriptor, or -1; opened once, on first use.
    private static let descriptor: Int32 = {
        let file = path
        var folder = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
        makeFolders(&folder)
        rotate(file)
        let fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        ALSAMessages.route(to: fd)
        // The descriptor travels in the callback's data pointer (offset by one so that 0 is never null).
        let data = UnsafeMutableRawPointer(bitPattern: Int(fd) + 1)
        camxuc_fluid_route_logs({ level, message, data in
            let fd = Int32(Int(bitPattern: data) - 1)
            guard let message else { return }
            // FluidSynth's ALSA thread says this once, as it gives up on the device and ends.
            if strstr(message, "audio device error") != nil { AudioLog.deviceErrors.add(1, ordering: .relaxed) }
            guard fd >= 0 else { return }
            let names = ["panic", "error", "warning", "info", "debug"]
            let name = (0..<names.count).contains(Int(level)) ? names[Int(level)] : "log"
            let line = "fluidsynth \(name): " + String(cString: message) + "\n"
            line.utf8CString.withUnsafeBufferPointer { buffer in
                _ = write(fd, buffer.baseAddress, buffer.count - 1)
            }
        }, data)
        return fd
    }()

    /// How many times FluidSynth has said an audio device failed (its thread then ends): a player whose device
    /// stopped asking for sound counts as stopped only after one, not when a device merely blocks for a while.
    public static let deviceErrors = Atomic<Int>(0)

    /// The size past which the log is moved to `camxuc.log.1` (replacing an older one) when a command starts.
    public static let rotationBytes = 1 << 20

    /// Keeps the log small: past `rotationBytes` it becomes `camxuc.log.1` and a new log starts.
    static func rotate(_ file: String) {
        var info = stat()
        if stat(file, &info) == 0, Int(info.st_size) > rotationBytes { rename(file, file + ".1") }
    }

    /// Routes the messages; call before creating any synthesiser or audio device. Safe to call often.
    public static func install() {
        _ = descriptor
    }

    /// Runs `body` with the process's standard error going to the log: libraries FluidSynth loads (libinstpatch,
    /// through GLib) print straight to stderr ("** CRITICAL **: ipatch_container_init_iter …" for a broken soundfont),
    /// with no callback to route them by. Without a log, such output is dropped.
    ///
    /// Standard error is the process's, not a thread's: two threads loading soundfonts at once (the studio's player
    /// and a WAV export; tests in parallel) each saved "stderr" and put it back, and the second saved the log itself,
    /// so stderr stayed in the log for good (a whole test run's report went there). Captures are counted under one
    /// lock: the first redirects, the last restores.
    public static func capturingStandardError<T>(_ body: () throws -> T) rethrows -> T {
        install()
        let redirected = capture.withLock { state -> Bool in
            if state.depth == 0 {
                let saved = dup(2)
                guard saved >= 0 else { return false }
                let target = descriptor >= 0 ? descriptor : open("/dev/null", O_WRONLY | O_CLOEXEC)
                dup2(target, 2)
                if target != descriptor { close(target) }
                state.saved = saved
            }
            state.depth += 1
            return true
        }
        defer {
            if redirected {
                capture.withLock { state in
                    state.depth -= 1
                    if state.depth == 0 {
                        dup2(state.saved, 2)
                        close(state.saved)
                        state.saved = -1
                    }
                }
            }
        }
        return try body()
    }

    /// The device and inode standard error names when no capture is running (nil while one is), for tests: other
    /// threads capture too, so only an idle moment says what stderr really is.
    static func idleStandardError() -> (device: UInt, inode: UInt)? {
        capture.withLock { state in
            guard state.depth == 0 else { return nil }
            var info = stat()
            guard fstat(2, &info) == 0 else { return nil }
            return (UInt(info.st_dev), UInt(info.st_ino))
        }
    }

    /// How many captures are running, and the real standard error while any is.
    private static let capture = Mutex<(depth: Int, saved: Int32)>((0, -1))

    /// Appends one line of our own to the log.
    public static func note(_ message: String) {
        install()
        guard descriptor >= 0 else { return }
        let line = "camxuc: " + message + "\n"
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
    }

    private static func makeFolders(_ folder: inout String) {
        var built = ""
        for part in folder.split(separator: "/") {
            built += "/" + part
            mkdir(built, 0o755)
        }
    }
}

