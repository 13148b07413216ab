import Testing
@testable import CamXucStudio

/// A held arrow key in the takes list drew the roll of every take it passed (408 KB for 20 repeats at 200×60).
@Suite struct RollHoldTests {
    @Test func aSinglePressIsDrawnAtOnceAndRepeatsHoldTheRollUntilTheSelectionRests() {
        let start = ContinuousClock.now
        var hold = RollHold()
        hold.moved(at: start)
        #expect(!hold.holds(at: start))
        // Key repeats 33 ms apart hold it.
        for step in 1...20 {
            let now = start + .milliseconds(33 * step)
            hold.moved(at: now)
            #expect(hold.holds(at: now + .milliseconds(10)))
        }
        let last = start + .milliseconds(33 * 20)
        let early = hold.ended(at: last + .milliseconds(100))
        #expect(!early)
        // Resting: the roll is drawn once for the take selected, and the hold is over.
        let rested = hold.ended(at: last + .milliseconds(121))
        #expect(rested)
        let again = hold.ended(at: last + .milliseconds(200))
        #expect(!again && !hold.holds(at: last + .milliseconds(200)))
        // A press long after is drawn at once again.
        hold.moved(at: last + .seconds(1))
        #expect(!hold.holds(at: last + .seconds(1)))
    }

    /// Esc right after a held ↓ closed the takes overlay, which stayed drawn over the held roll: the hold is only
    /// while the list has the focus and nothing else is drawn over the roll.
    @Test func theHoldEndsWhenTheListLosesTheFocusOrSomethingOpensOverTheRoll() {
        var model = TakesListTests.withTakes(3)
        #expect(RollHold.mayHold(model))
        _ = model.update(.key("Tab"))
        #expect(model.focus != .takes && !RollHold.mayHold(model))
        for open in [{ (m: inout StudioModel) in m.showHelp = true }, { $0.showMessages = true }, { $0.confirming = .quit }] {
            var other = TakesListTests.withTakes(3)
            open(&other)
            #expect(!RollHold.mayHold(other))
        }
        var renaming = TakesListTests.withTakes(3)
        _ = renaming.update(.key("n"))
        #expect(renaming.renaming != nil && !RollHold.mayHold(renaming))
    }

    @Test func theHeldRollIsCopiedRoundAnOverlayWithoutHalvingAWideCharacter() {
        var before = Grid(width: 10, height: 3)
        before.put("ab日cdefgh", x: 0, y: 1, role: "old")
        var after = Grid(width: 10, height: 3)
        after.put("xxxxxxxxxx", x: 0, y: 1, role: "new")
        after.put("OV", x: 3, y: 1, role: "overlay")
        after.copy(Grid.Rect(x: 0, y: 0, width: 10, height: 3), from: before, except: Grid.Rect(x: 3, y: 1, width: 2, height: 1))
        // 日 took columns 2 and 3; its second half is under the overlay: a space, not half a character.
        #expect(after.rendered().split(separator: "\n", omittingEmptySubsequences: false)[1] == "ab OVdefgh")
        #expect(after[0, 1].role == "old" && after[3, 1].role == "overlay")
    }
}
