import CamXucSupport
import Glibc
import Testing

/// A signal the process started with ignored (nohup's SIGHUP) stays ignored; the others are caught.
@Suite(.serialized) struct SignalsTests {
    @Test func anIgnoredSignalIsLeftIgnoredAndAnotherIsCaught() {
        let saved = signal(SIGURG, SIG_IGN)
        defer { signal(SIGURG, saved) }
        #expect(Signals.isIgnored(SIGURG))
        Signals.catchUnlessIgnored([SIGURG]) { _ in }
        #expect(Signals.isIgnored(SIGURG))
        signal(SIGURG, SIG_DFL)
        #expect(!Signals.isIgnored(SIGURG))
        Signals.catchUnlessIgnored([SIGURG]) { _ in }
        var action = sigaction()
        sigaction(SIGURG, nil, &action)
        let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        #expect(handler != unsafeBitCast(SIG_DFL, to: Int.self) && handler != unsafeBitCast(SIG_IGN, to: Int.self))
    }
}
