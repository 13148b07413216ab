@testable import CamXucAudio
import Foundation
import Testing

/// FluidSynth's libraries' stderr noise goes to the log while a soundfont loads; standard error must come back.
@Suite struct AudioLogTests {
    /// What stderr is at a moment no capture runs (tests in parallel load soundfonts too).
    static func idleStandardError() -> (device: UInt, inode: UInt) {
        for _ in 0..<10_000 {
            if let identity = AudioLog.idleStandardError() { return identity }
            usleep(1000)
        }
        return (0, 0)
    }

    /// Captures overlapping on several threads (soundfonts loaded at once) leave stderr what it was. Before the
    /// captures were counted under a lock, the second saved the log as "stderr" and restored it last, and every
    /// later line of the process — a whole test run's report — went to the log.
    @Test func overlappingCapturesGiveStandardErrorBack() {
        let before = Self.idleStandardError()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            _ = AudioLog.capturingStandardError { usleep(useconds_t(1000 * (index % 5 + 1))) }
        }
        let after = Self.idleStandardError()
        #expect(before.device == after.device && before.inode == after.inode && before.inode != 0)
    }
}
