import CamXucMusic
import Testing
@testable import CamXucStudio

@Suite struct PianoRollPanelTests {
    static let notes = [
        EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 0, durationSeconds: 1),     // C4 loud, 4 columns
        EventVocabulary.DecodedNote(pitch: 64, velocity: 40, startSeconds: 1, durationSeconds: 0.5),    // E4 soft
        EventVocabulary.DecodedNote(pitch: 67, velocity: 70, startSeconds: 30, durationSeconds: 1),     // off screen
    ]

    static func draw(view: PianoRollPanel.View = .init(lowestPitch: 58), playhead: Double? = nil) -> Grid {
        var grid = Grid(width: 25, height: 9)
        PianoRollPanel.draw(notes: notes, view: view, playhead: playhead, scale: [0, 2, 4, 5, 7, 9, 11], into: &grid,
                            rect: .init(x: 0, y: 0, width: 25, height: 9))
        return grid
    }

    @Test func notesSitOnTheirPitchRowsShadedByVelocity() {
        let grid = Self.draw()
        let lines = grid.rendered().split(separator: "\n").map(String.init)
        // Rows from the top: 65 F4 … 58 A#3; C4 is row 5, E4 row 1.
        #expect(lines[5].hasPrefix("C4 •│████"))
        #expect(lines[1].hasPrefix("E4 •│·   ▃▃  ·"))  // bar lines every 2 s, as dots
        #expect(lines[0].hasPrefix("F4 •│"))
        #expect(lines[4].hasPrefix("C#4 │"))
        #expect(grid[5, 5].role == "roll.note.high" && grid[9, 1].role == "roll.note.low")
        #expect(lines[8].hasPrefix("     1 0s    2"))  // bar numbers at 120 bpm, seconds every fourth bar
    }

    /// A window 200 rows tall showed G9 down to C-1 with 54 unnamed rows above, and "F#-1•" pushed the rule aside.
    @Test func aRollTallerThanThePianoShowsThePianoCentredAndLabelsFit() {
        var grid = Grid(width: 30, height: 183)
        PianoRollPanel.draw(notes: Self.notes, view: .init(), playhead: nil, scale: [0, 2, 4, 5, 7, 9, 11], into: &grid,
                            rect: .init(x: 0, y: 0, width: 30, height: 183))
        let lines = grid.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let named = lines.filter { $0.count > 5 && Array($0)[4] == "│" || $0.hasPrefix("C8") }
        #expect(named.first?.hasPrefix("C8 •│") == true, "\(named.first ?? "")")
        #expect(named.last?.hasPrefix("A0 •│") == true, "\(named.last ?? "")")
        #expect(named.count == 88)
        #expect(!lines.contains { $0.contains("-1") || $0.hasPrefix("G9") })
        // Scrolled by hand to the lowest octave: the four-letter names keep the rule in its column.
        var low = Grid(width: 30, height: 9)
        PianoRollPanel.draw(notes: Self.notes, view: .init(lowestPitch: 0), playhead: nil, scale: [0, 2, 4, 5, 7, 9, 11],
                            into: &low, rect: .init(x: 0, y: 0, width: 30, height: 9))
        #expect(low.rendered().split(separator: "\n").prefix(8).allSatisfy { Array($0)[4] == "│" }, "\(low.rendered())")
    }

    @Test func theViewScrollsAndZooms() {
        let scrolled = Self.draw(view: .init(startSeconds: 29, secondsPerColumn: 0.25, lowestPitch: 60))
        let lines = scrolled.rendered().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("G4 •│    ▆▆▆▆"))
        let zoomed = Self.draw(view: .init(startSeconds: 0, secondsPerColumn: 0.5, lowestPitch: 58))
        #expect(zoomed.rendered().split(separator: "\n")[5].hasPrefix("C4 •│██ "))
        // Zoomed out to 1 s a column a bar is 2 columns: every fourth bar is labelled, so numbers never run together.
        let far = Self.draw(view: .init(startSeconds: 0, secondsPerColumn: 1, lowestPitch: 58))
        #expect(far.rendered().split(separator: "\n")[8] == "     1 0s    5       9   ")
    }

    /// Scrolled into a take, the roll looks only at the notes that can show (every note was sorted each frame: a
    /// take of 3.5 million notes cost a quarter of a second a frame), and draws them as before: a note held from before
    /// the view runs into it (struck again before the view too), and one cut by a strike just past the view's edge
    /// keeps its blank column.
    @Test func scrolledTheRollDrawsNotesFromBeforeTheViewAndStrikesAfterIt() {
        let notes = [
            EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 0, durationSeconds: 12),   // C4 held into view
            EventVocabulary.DecodedNote(pitch: 62, velocity: 100, startSeconds: 0, durationSeconds: 12),   // D4 held, but…
            EventVocabulary.DecodedNote(pitch: 62, velocity: 40, startSeconds: 2, durationSeconds: 0.5),   // … struck again at 2 s
            EventVocabulary.DecodedNote(pitch: 64, velocity: 100, startSeconds: 10, durationSeconds: 10),  // E4 to the view's end…
            EventVocabulary.DecodedNote(pitch: 64, velocity: 100, startSeconds: 15, durationSeconds: 1),   // … struck again past it
        ] + (0..<2000).map { EventVocabulary.DecodedNote(pitch: 65, velocity: 70, startSeconds: 20 + Double($0) * 0.5, durationSeconds: 0.25) }
        var grid = Grid(width: 25, height: 9)
        // Columns of 0.25 s from 10 s: 20 columns, to 15 s.
        PianoRollPanel.draw(notes: notes, view: .init(startSeconds: 10, secondsPerColumn: 0.25, lowestPitch: 58), playhead: nil,
                            scale: nil, into: &grid, rect: .init(x: 0, y: 0, width: 25, height: 9))
        let lines = grid.rendered().split(separator: "\n").map(String.init)
        #expect(lines[5] == "C4  │████████·       ·   ", "\(lines[5])")  // held to 12 s (bars at 12 and 14 s)
        #expect(lines[3] == "D4  │████████·       ·   ", "\(lines[3])")  // as long, though struck again at 2 s
        #expect(lines[1] == "E4  │███████████████████ ", "\(lines[1])")  // the last column before the strike at 15 s blank
        #expect(lines[0] == "F4  │·       ·       ·   ", "\(lines[0])")  // its 2,000 strikes all after the view
    }

    /// README says bars are numbered at the take's tempo, but the roll drew them at 120 bpm in 4/4 whatever the take:
    /// a take at 150 bpm (a happy one's, or a file's) has a bar every 1.6 s, a 3/4 one every three beats, and a tempo
    /// change moves the bars after it.
    @Test func barsFollowTheTakesTempoMapAndTimeSignature() {
        func axis(_ map: TempoMap, _ signature: TimeSignature = TimeSignature()) -> String {
            var grid = Grid(width: 40, height: 9)
            PianoRollPanel.draw(notes: Self.notes, view: .init(lowestPitch: 58), playhead: nil, scale: nil,
                                tempoMap: map, timeSignature: signature, into: &grid,
                                rect: .init(x: 0, y: 0, width: 40, height: 9))
            return String(grid.rendered().split(separator: "\n")[8])
        }
        // 0.25 s a column: at 150 bpm a bar is 6.4 columns, bar 5 starts at 6.4 s; a bar in the column its first
        // note would be drawn in (a note on a beat was drawn a column left of the beat's dot).
        #expect(axis(TempoMap(beatsPerMinute: 150)) == "     1 0s  2     3      4     5 6s   6  ")
        // 3/4 at 120 bpm: a bar every 1.5 s, 6 columns.
        #expect(axis(TempoMap(beatsPerMinute: 120), TimeSignature(numerator: 3, denominator: 4)).hasPrefix("     1 0s  2     3     4"))
        // 120 bpm for the first bar (2 s), then 60: the second bar is 4 s long.
        let slower = TempoMap(changes: [.init(tick: 0, microsecondsPerQuarter: 500_000), .init(tick: 4 * 480, microsecondsPerQuarter: 1_000_000)])
        #expect(axis(slower).hasPrefix("     1 0s    2               3 "))
        // Faster inside the view (120 then 300 bpm from bar 3): labels are spaced by the closest bars, and a time
        // label leaves the next bar its number (after "9 8s" bars were lost).
        let faster = TempoMap(changes: [.init(tick: 0, microsecondsPerQuarter: 500_000), .init(tick: 8 * 480, microsecondsPerQuarter: 200_000)])
        var grid = Grid(width: 60, height: 9)
        PianoRollPanel.draw(notes: Self.notes, view: .init(lowestPitch: 58), playhead: nil, scale: nil, tempoMap: faster,
                            into: &grid, rect: .init(x: 0, y: 0, width: 60, height: 9))
        let line = String(grid.rendered().split(separator: "\n")[8])
        // (Bar 2, long at 120 bpm, had room and no number: bars far from every regular label are numbered too.)
        #expect(line == "     1 0s    2       3     5     7      9 9s  11     13     ", "\(line)")
    }

    /// A file's metre changes move the bars after them (a jig going 6/4, 4/4, 5/4 was numbered in 6/4 throughout):
    /// 4/4 for one bar (2 s, 8 columns), then 3/4 (1.5 s, 6 columns).
    @Test func barsFollowTheTakesMetreChanges() {
        var grid = Grid(width: 40, height: 9)
        PianoRollPanel.draw(notes: Self.notes, view: .init(lowestPitch: 58), playhead: nil, scale: nil,
                            tempoMap: TempoMap(beatsPerMinute: 120), timeSignature: TimeSignature(),
                            meterChanges: [MeterChange(tick: 4 * 480, signature: TimeSignature(numerator: 3, denominator: 4))],
                            into: &grid, rect: .init(x: 0, y: 0, width: 40, height: 9))
        let axis = String(grid.rendered().split(separator: "\n")[8])
        #expect(axis.hasPrefix("     1 0s    2     3     4     5 7s  6"), "\(axis)")   // bar 5 at 6.5 s
    }

    /// Zoomed out, several bars share a column, and only the first of them could be labelled: bars 33 and 73 went
    /// unlabelled with room for them. Every labelled bar is there, none skipped.
    @Test func zoomedOutNoLabelledBarIsSkipped() {
        var grid = Grid(width: 100, height: 9)
        PianoRollPanel.draw(notes: Self.notes, view: .init(startSeconds: 0, secondsPerColumn: 1, lowestPitch: 58), playhead: nil,
                            scale: nil, tempoMap: TempoMap(beatsPerMinute: 290), into: &grid, rect: .init(x: 0, y: 0, width: 100, height: 9))
        let axis = String(grid.rendered().split(separator: "\n")[8])
        let numbers = axis.split(separator: " ").filter { !$0.hasSuffix("s") }.compactMap { Int($0) }
        let steps = Set(zip(numbers, numbers.dropFirst()).map { $1 - $0 })
        #expect(numbers.first == 1 && numbers.count >= 8 && steps.count == 1, "\(axis)")
    }

    /// As a take's notes arrive the window stays where it is while it shows four fifths as many notes as the best one
    /// would (it jumped from G#3–F#2 to D5–C4 within five seconds of a take).
    @Test func theFittedWindowDoesNotJumpAsNotesArrive() {
        func notes(low: Int, high: Int) -> [EventVocabulary.DecodedNote] {
            (0..<low).map { EventVocabulary.DecodedNote(pitch: 40 + $0 % 4, velocity: 80, startSeconds: Double($0), durationSeconds: 0.5) }
                + (0..<high).map { EventVocabulary.DecodedNote(pitch: 80 + $0 % 4, velocity: 80, startSeconds: Double($0), durationSeconds: 0.5) }
        }
        let low = PianoRollPanel.fittedLowest(notes(low: 10, high: 0), rows: 8)
        #expect((33...40).contains(low))
        #expect(PianoRollPanel.fittedLowest(notes(low: 10, high: 12), rows: 8) >= 76)            // alone it moves
        #expect(PianoRollPanel.fittedLowest(notes(low: 10, high: 12), rows: 8, previous: low) == low)
        #expect(PianoRollPanel.fittedLowest(notes(low: 10, high: 14), rows: 8, previous: low) >= 76)
    }

    /// A small window (8 pitch rows at 80×24) and a take wider than that: the roll shows the rows where most of the
    /// take's notes are. Before, it centred the take's range (40–85: rows 58–65), where no note lay.
    @Test func aRollTooShortForTheTakeShowsWhereMostOfItsNotesAre() {
        let bass = (0..<24).map { EventVocabulary.DecodedNote(pitch: 40 + $0 % 6, velocity: 80, startSeconds: Double($0) * 0.25,
                                                              durationSeconds: 0.25) }
        let tune = (0..<16).map { EventVocabulary.DecodedNote(pitch: 80 + $0 % 6, velocity: 80, startSeconds: 8 + Double($0) * 0.25,
                                                              durationSeconds: 0.25) }
        let lowest = PianoRollPanel.fittedLowest(bass + tune, rows: 8)
        #expect(lowest <= 40 && lowest + 7 >= 45)   // the bass's six rows, where 24 of the 40 notes are
        // A take that fits is centred, as before; no notes: middle C's neighbourhood.
        #expect(PianoRollPanel.fittedLowest(bass, rows: 8) == 38)
        #expect(PianoRollPanel.fittedLowest([], rows: 8) == 56)
        // Drawn: the bass at the start; paged on to the tune, the rows hold still and ▲ counts the tune's notes.
        func drawn(from seconds: Double) -> String {
            var grid = Grid(width: 25, height: 9)
            PianoRollPanel.draw(notes: bass + tune, view: .init(startSeconds: seconds), playhead: nil, scale: nil,
                                into: &grid, rect: .init(x: 0, y: 0, width: 25, height: 9))
            return grid.rendered()
        }
        #expect(drawn(from: 0).contains("▆") && !drawn(from: 0).contains("▲"))
        #expect(!drawn(from: 8).contains("▆") && drawn(from: 8).contains("▲ 16"))
    }

    /// Following the playhead turns a page at a time, but the last page ends where the take does: a 30-s take on a
    /// 28-s page is not left showing its last two seconds and 26 of silence when it ends.
    @Test func followingStopsAtTheTakesLastPage() {
        let view = PianoRollPanel.View(secondsPerColumn: 0.25)      // 117 columns less the gutter: 28 s a page
        #expect(view.following(10, columns: 117, length: 30).startSeconds == 0)
        #expect(view.following(29, columns: 117, length: 30).startSeconds == 2)
        #expect(view.following(30.4, columns: 117, length: 30).startSeconds == 2)
        #expect(view.following(57, columns: 117, length: 90).startSeconds == 56)   // whole pages before the last
        #expect(view.following(29, columns: 117).startSeconds == 28)               // no length: a whole page
    }

    @Test func thePlayheadIsAColumn() {
        let grid = Self.draw(playhead: 2.0)
        for row in 0..<8 { #expect(grid[5 + 8, row].text == "┃") }
    }
}
