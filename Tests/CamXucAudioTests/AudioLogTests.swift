@testable import CamXucAudio
import Foundation
import Testing

/// FluidSynth's libraries' stderr noise goes to the log while a soundfont loads; standard error must come back.
@Suite struct AudioLogTests {
    static func identity(_ fd: Int32) -> (UInt, UInt) {
        var info = stat()
        fstat(fd, &info)
        return (UInt(info.st_dev), UInt(info.st_ino))
    }

    /// Captures overlapping on several threads (soundfonts loaded at once) leave stderr what it was. Before the
    /// captures were counted under a lock, the second saved the log as "stderr" and restored it last, and every
    /// later line of the process — a whole test run's report — went to the log.
    @Test func overlappingCapturesGiveStandardErrorBack() {
        let before = Self.identity(2)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            _ = AudioLog.capturingStandardError { usleep(useconds_t(1000 * (index % 5 + 1))) }
        }
        let after = Self.identity(2)
        #expect(before == after)
    }
}
