import Testing
@testable import CamXucStudio

/// A space shows its background alone: drawn in the looks of the cell after it, the playhead's old column and the
/// playhead beside it need no colour change (each step down the roll cost two a row, 50 bytes: a take replayed at
/// 120×40 sent 6.3 KB a second, 2.4 now; a slow link fell behind the music).
@Suite struct CellLooksTests {
    typealias Look = TerminalScreen.Drawn
    static func look(_ fg: Int16, _ bg: Int16 = 234, bold: Bool = false, reverse: Bool = false, underline: Bool = false) -> Look {
        Look(fg: fg, bg: bg, bold: bold, dim: false, reverse: reverse, underline: underline)
    }
    static let roll = look(153), playhead = look(210), grid = look(240)

    @Test func thePlayheadsOldColumnTakesThePlayheadsColours() {
        // Before: "·", a space, the playhead, a space. After a step: "·", two spaces, the playhead.
        let before = TerminalScreen.looks([Self.grid, Self.roll, Self.playhead, Self.roll], texts: ["·", " ", "┃", " "],
                                          previous: nil, unchanged: [false, false, false, false])
        #expect(before == [Self.grid, Self.playhead, Self.playhead, Self.roll])
        let after = TerminalScreen.looks([Self.grid, Self.roll, Self.roll, Self.playhead], texts: ["·", " ", " ", "┃"],
                                         previous: before, unchanged: [true, true, false, false])
        // The column left behind is a space in the playhead's colours: the row changes with no colour change.
        #expect(after == [Self.grid, Self.playhead, Self.playhead, Self.playhead])
    }

    @Test func onlyWhatCannotBeSeenIsShared() {
        let texts = [" ", "a", " ", "b", " ", "c", " ", "d"]
        let own = [Self.roll, Self.look(1, 17), Self.roll, Self.look(2, underline: true), Self.roll, Self.look(3, reverse: true),
                   Self.look(153, reverse: true), Self.look(4, bold: true)]
        let looks = TerminalScreen.looks(own, texts: texts, previous: nil, unchanged: Array(repeating: false, count: 8))
        // Another background, an underline, a reverse: each space keeps its own looks.
        #expect(looks[0] == Self.roll && looks[2] == Self.roll && looks[4] == Self.roll)
        // A reversed space is its foreground's colour: its own too.
        #expect(looks[6] == own[6])
        // Letters always keep their own.
        #expect(looks[1] == own[1] && looks[3] == own[3] && looks[5] == own[5] && looks[7] == own[7])
        // Bold and another foreground on the same background: shared.
        let shared = TerminalScreen.looks([Self.roll, Self.look(4, bold: true)], texts: [" ", "d"], previous: nil, unchanged: [false, false])
        #expect(shared == [Self.look(4, bold: true), Self.look(4, bold: true)])
    }

    @Test func anUnchangedSpaceKeepsTheLooksItWasDrawnWith() {
        // The playhead passed a bar's dot: the spaces behind it keep the playhead's colours (rewriting them in the
        // dot's would cost a run of spaces a row).
        let previous = [Self.playhead, Self.playhead, Self.playhead]
        let looks = TerminalScreen.looks([Self.roll, Self.roll, Self.grid], texts: [" ", " ", "·"], previous: previous,
                                         unchanged: [true, true, false])
        #expect(looks == [Self.playhead, Self.playhead, Self.grid])
    }
}

/// Inside tmux and screen the studio reads xterm's SGR mouse reports itself (their terminfo has the old encoding,
/// which stops at column 223).
@Suite struct SGRMouseTests {
    @Test func pressesAndTheWheelAreReadAndTheRestIsNot() {
        #expect(TerminalScreen.sgrMouse("0;231;6", released: false) == .mouse(x: 230, y: 5, kind: .press))
        #expect(TerminalScreen.sgrMouse("64;300;1", released: false) == .mouse(x: 299, y: 0, kind: .wheelUp))
        #expect(TerminalScreen.sgrMouse("65;1;1", released: false) == .mouse(x: 0, y: 0, kind: .wheelDown))
        // Ctrl held with a click is still a click.
        #expect(TerminalScreen.sgrMouse("16;5;5", released: false) == .mouse(x: 4, y: 4, kind: .press))
        // A release, a drag, the right button, and fields that are not three numbers.
        for (fields, released) in [("0;5;5", true), ("32;5;5", false), ("2;5;5", false), ("0;5", false), ("0;;5", false),
                                   ("a;5;5", false), ("0;0;5", false)] {
            #expect(TerminalScreen.sgrMouse(fields, released: released) == nil, "\(fields)")
        }
    }
}
