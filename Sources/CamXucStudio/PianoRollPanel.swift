import CamXucMusic
import CamXucText

/// The piano roll: one row per pitch (highest at the top, names on the left, rows in the locked key marked •), time
/// running right in columns of `secondsPerColumn`, notes as blocks shaded by velocity (the first `primerNotes`,
/// which came from a MIDI file or a parent take, in the primer's shade), and the playhead.
public enum PianoRollPanel {
    public struct View: Equatable, Sendable {
        /// Seconds at the left edge (horizontal scroll).
        public var startSeconds: Double = 0
        /// Zoom: seconds per column.
        public var secondsPerColumn: Double = 0.25
        /// Pitch at the bottom row; nil fits the notes.
        public var lowestPitch: Int?
        /// Turn the page with the playhead so it stays in view (scrolling by hand stops it; `f` starts it again).
        public var follow = true

        /// With `follow`, the view moved to the page that holds `playhead`, for a roll `columns` wide. The last page
        /// of a take `length` seconds long ends where the take does (it turns less than a page), so the view never
        /// shows mostly time after the music.
        public func following(_ playhead: Double, columns: Int, length: Double? = nil) -> View {
            let page = Double(max(columns - PianoRollPanel.gutter, 1)) * max(secondsPerColumn, 0.01)
            guard follow, playhead < startSeconds || playhead >= startSeconds + page else { return self }
            var moved = self
            moved.startSeconds = (playhead / page).rounded(.down) * page
            if let length, length > page {
                // On whole columns, so the grid's bar lines stay where they were.
                let lastStart = ((length - page) / max(secondsPerColumn, 0.01)).rounded(.up) * max(secondsPerColumn, 0.01)
                moved.startSeconds = min(moved.startSeconds, lastStart)
            } else if length != nil {
                moved.startSeconds = 0
            }
            return moved
        }

        public init(startSeconds: Double = 0, secondsPerColumn: Double = 0.25, lowestPitch: Int? = nil) {
            self.startSeconds = startSeconds
            self.secondsPerColumn = secondsPerColumn
            self.lowestPitch = lowestPitch
        }
    }

    /// Width of the pitch names on the left ("C#4•│").
    static let gutter = 5

    /// The lowest pitch to show when the roll fits itself to the take: its whole range, centred in `rows` rows, when
    /// it fits; otherwise the rows that hold most of its notes (of equals, the one nearest the middle of its range).
    /// Counted over the whole take, so the view holds still while the playhead pages and while the take grows.
    /// With `previous` (the window shown so far), it stays while it holds at least four fifths as many notes as the
    /// best window: a take's window jumped as its first notes arrived (G#3–F#2 at 0:02, D5–C4 at 0:07).
    static func fittedLowest(_ notes: [EventVocabulary.DecodedNote], rows: Int, previous: Int?) -> Int {
        let best = fittedLowest(notes, rows: rows)
        guard let previous, previous != best, rows < pitchRange(notes).count,
              let low = notes.map(\.pitch).min(), let high = notes.map(\.pitch).max(), high - low >= rows else { return best }
        func held(_ lowest: Int) -> Int { notes.filter { $0.pitch >= lowest && $0.pitch < lowest + rows }.count }
        return Double(held(previous)) >= 0.8 * Double(held(best)) ? previous : best
    }

    static func fittedLowest(_ notes: [EventVocabulary.DecodedNote], rows: Int) -> Int {
        let top = max(127 - rows + 1, 0)
        let range = pitchRange(notes)
        // Taller than the piano (and the take's notes): the range centred, the rows past it left empty.
        if rows >= range.count { return range.lowerBound - (rows - range.count) / 2 }
        guard let low = notes.map(\.pitch).min(), let high = notes.map(\.pitch).max() else { return 60 - rows / 2 }
        guard high - low >= rows else { return min(max((low + high) / 2 - rows / 2, 0), top) }
        var count = [Int](repeating: 0, count: 128)
        for note in notes where (0..<128).contains(note.pitch) { count[note.pitch] += 1 }
        let middle = Double(low + high) / 2
        var best = max(low, 0), bestCount = -1, bestDistance = Double.infinity
        for lowest in max(low, 0)...max(min(high - rows + 1, top), max(low, 0)) {
            let held = count[lowest..<min(lowest + rows, 128)].reduce(0, +)
            let distance = abs(Double(lowest) + Double(rows - 1) / 2 - middle)
            if held > bestCount || (held == bestCount && distance < bestDistance) {
                best = lowest
                bestCount = held
                bestDistance = distance
            }
        }
        return min(max(best, 0), top)
    }

    /// The pitches a roll taller than them shows: the piano's A0–C8 and any of the take's notes beyond them (a
    /// 200-row window showed G9 to C-1, and 54 rows above G9 with nothing to name).
    static func pitchRange(_ notes: [EventVocabulary.DecodedNote]) -> ClosedRange<Int> {
        var low = 21, high = 108
        for note in notes {
            low = min(low, note.pitch)
            high = max(high, note.pitch)
        }
        return max(low, 0)...min(high, 127)
    }

    /// The column (after the gutter) that take time `seconds` falls in; negative before the view, and past its
    /// width after it.
    static func column(at seconds: Double, view: View) -> Int {
        let value = ((seconds - view.startSeconds) / max(view.secondsPerColumn, 0.01)).rounded(.down)
        return value.isFinite ? Int(min(max(value, -1e9), 1e9)) : 0
    }

    static func velocityRole(_ velocity: Int) -> String {
        velocity < 56 ? "roll.note.low" : velocity < 92 ? "roll.note.mid" : "roll.note.high"
    }

    public static func draw(notes: [EventVocabulary.DecodedNote], view: View, playhead: Double?,
                            scale: Set<Int>?, tempoMap: TempoMap = TempoMap(beatsPerMinute: 120),
                            timeSignature: TimeSignature = TimeSignature(), meterChanges: [MeterChange] = [],
                            primerNotes: Int = 0, join: Double? = nil, into grid: inout Grid, rect: Grid.Rect) {
        guard rect.width > gutter + 2, rect.height >= 3 else { return }
        let rows = rect.height - 1  // the last row is the time axis
        let columns = rect.width - gutter
        let lowest = view.lowestPitch ?? fittedLowest(notes, rows: rows)
        let perColumn = max(view.secondsPerColumn, 0.01)
        func column(at seconds: Double) -> Int { Self.column(at: seconds, view: view) }
        let range = pitchRange(notes)
        // The take's beats and bars (its tempo map's and time signature's, which follow its chord plan or its
        // file; the grid was drawn at 120 bpm in 4/4 whatever the take), in the columns notes are drawn in (a note
        // on a beat was a column left of the beat's dot): column → beat or bar number.
        let quarter = tempoMap.ticksPerQuarter
        let endSeconds = view.startSeconds + Double(columns) * perColumn
        // The bars in view, through the take's metre changes (a jig going 6/4, 4/4, 5/4 was numbered in 6/4): each
        // bar's first tick by its index, and the first bar's length (for the spacing when fewer than two show).
        let bars = MeterChange.bars(timeSignature, changes: meterChanges, ticksPerQuarter: quarter,
                                    from: tempoMap.tick(atSeconds: view.startSeconds), through: tempoMap.tick(atSeconds: endSeconds))
        let barTick = Dictionary(bars.map { ($0.index, $0.tick) }, uniquingKeysWith: { first, _ in first })
        let signatureInView = meterChanges.last { $0.tick <= tempoMap.tick(atSeconds: view.startSeconds) }?.signature ?? timeSignature
        let barTicks = max(signatureInView.ticksPerBar(ticksPerQuarter: quarter), 1)
        /// Column → index of the first of `bars` whose index is a multiple of `step` drawn in it.
        func barMarks(step: Int) -> [Int: Int] {
            var found: [Int: Int] = [:]
            for bar in bars where bar.index % step == 0 {
                let c = column(at: tempoMap.seconds(atTick: bar.tick))
                if (0..<columns).contains(c), found[c] == nil { found[c] = bar.index }
            }
            return found
        }
        func marks(every ticks: Int) -> [Int: Int] {
            var found: [Int: Int] = [:]
            let first = Int((Double(tempoMap.tick(atSeconds: view.startSeconds)) / Double(ticks)).rounded(.up))
            let last = Int((Double(tempoMap.tick(atSeconds: endSeconds)) / Double(ticks)).rounded(.down))
            guard last >= first else { return found }
            for index in first...min(last, first + 20_000) {
                let c = column(at: tempoMap.seconds(atTick: index * ticks))
                if (0..<columns).contains(c), found[c] == nil { found[c] = index }
            }
            return found
        }
        let beatColumns = marks(every: quarter), barColumns = barMarks(step: 1)
        // Beats shown when the closest two are three columns apart or more (zoomed in).
        func closest(_ marks: [Int: Int]) -> Int? {
            let sorted = marks.keys.sorted()
            return zip(sorted, sorted.dropFirst()).map { $1 - $0 }.min()
        }
        let beatSpacing = closest(beatColumns) ?? columns
        let showBeats = beatSpacing >= 3
        for row in 0..<rows {
            let pitch = lowest + rows - 1 - row
            guard (0...127).contains(pitch), rows < range.count || range.contains(pitch) else { continue }
            let inScale = scale?.contains(pitch % 12) ?? false
            let name = Note.name(of: UInt8(pitch))
            // "F#-1" fills the gutter by itself: no room for the key's dot ("F#-1•" pushed the rule aside).
            let label = name.count > 3 ? name : name + String(repeating: " ", count: 3 - name.count) + (inScale ? "•" : " ")
            grid.put(label + "│",
                     x: rect.x, y: rect.y + row, role: inScale ? "roll.scale" : "roll.axis", maxWidth: gutter)
            // The beat grid at the take's tempo: a dot at every bar, and at every beat when zoomed in.
            for c in barColumns.keys {
                grid.put("·", x: rect.x + gutter + c, y: rect.y + row, role: "roll.grid")
            }
            if showBeats {
                for c in beatColumns.keys where barColumns[c] == nil {
                    grid.put("∙", x: rect.x + gutter + c, y: rect.y + row, role: "roll.grid")
                }
            }
        }
        // Where a continuation's new music starts, a dotted line under the notes (the kept notes' shade alone told
        // them apart, and nothing did without colours).
        if let join {
            let c = column(at: join)
            if c >= 0, c < columns {
                for row in 0..<rows { grid.put("┊", x: rect.x + gutter + c, y: rect.y + row, role: "roll.grid") }
            }
        }
        // Notes, with the last column before another strike of the same key left blank so that repeated strikes
        // show as separate notes.
        // Only the notes that can show are looked at (a take of 3.5 million notes cost a quarter of a second a frame,
        // every note sorted each time): those sounding in view, and every strike from the first of them to a column
        // past the view, which may cut one of them short.
        let viewEnd = view.startSeconds + Double(columns) * perColumn
        var firstSounding = Double.infinity
        for note in notes where note.startSeconds + note.durationSeconds >= view.startSeconds && note.startSeconds < viewEnd {
            firstSounding = min(firstSounding, note.startSeconds)
        }
        var near: [Int] = []
        if firstSounding.isFinite {
            for (index, note) in notes.enumerated()
            where note.startSeconds >= firstSounding && note.startSeconds < viewEnd + 2 * perColumn {
                near.append(index)
            }
        }
        var nextOnset: [Int: Int] = [:]  // pitch → column of the next strike, filled walking backwards
        var ends: [Int: Int] = [:]  // index → the column before the next strike of its key
        for index in near.sorted(by: { notes[$0].startSeconds > notes[$1].startSeconds }) {
            let note = notes[index]
            let start = column(at: note.startSeconds)
            if let next = nextOnset[note.pitch], next > start { ends[index] = next - 1 }
            nextOnset[note.pitch] = start
        }
        var above = 0, below = 0
        for index in near {
            let note = notes[index]
            let row = lowest + rows - 1 - note.pitch
            let visibleInTime = note.startSeconds + note.durationSeconds >= view.startSeconds && note.startSeconds < viewEnd
            if row < 0 { above += visibleInTime ? 1 : 0; continue }
            if row >= rows { below += visibleInTime ? 1 : 0; continue }
            let first = max(column(at: note.startSeconds), 0)
            var last = min(column(at: note.startSeconds + max(note.durationSeconds - perColumn / 2, 0)), columns - 1)
            if let end = ends[index], end >= first { last = min(last, end - 1 >= first ? end - 1 : first) }
            guard first < columns, last >= 0, first <= last || first == last + 1 else { continue }
            let block = note.velocity >= 92 ? "█" : note.velocity >= 56 ? "▆" : "▃"
            for c in first...max(first, last) {
                grid.put(block, x: rect.x + gutter + c, y: rect.y + row,
                         role: index < primerNotes ? "roll.note.primer" : velocityRole(note.velocity))
            }
        }
        if let playhead {
            let c = column(at: playhead)
            if c >= 0, c < columns {
                for row in 0..<rows { grid.put("┃", x: rect.x + gutter + c, y: rect.y + row, role: "roll.playhead") }
            }
        }
        // Notes outside the pitches shown (in the time shown): ↑↓ or PgUp/PgDn scroll to them. Over the playhead
        // (it cut them: "▲┃17").
        if above > 0 {
            let label = " ▲ \(above) "
            grid.put(label, x: rect.x + rect.width - DisplayWidth.of(label), y: rect.y, role: "panel.title")
        }
        if below > 0 {
            let label = " ▼ \(below) "
            grid.put(label, x: rect.x + rect.width - DisplayWidth.of(label), y: rect.y + rows - 1, role: "panel.title")
        }
        // Time axis: bar numbers at the take's tempo, with the time in seconds every few bars.
        let axisY = rect.y + rect.height - 1
        // Zoomed out, every second, fourth … bar is labelled, so that labels keep a gap between them (where the bars
        // are closest: a tempo that rises inside the view lost labels after a time label); the time goes with every
        // fourth label.
        let barSpacing = closest(barColumns)
            ?? Int(((tempoMap.seconds(atTick: tempoMap.tick(atSeconds: view.startSeconds) + barTicks) - view.startSeconds)
                    / perColumn).rounded(.up))
        var step = 1
        while step * max(barSpacing, 1) < 5, step < 1 << 12 { step *= 2 }
        // The labelled bars found on their own (zoomed out several bars share a column, and only the first of them
        // was kept: bars 33 and 73 went unlabelled with room for them).
        var regular = step == 1 ? barColumns : barMarks(step: step)
        // Bars far from every regular label get their number too: with very short bars in view (a 5/16 passage)
        // the step was set by them, and long bars 24 columns apart went unnumbered.
        if step > 1 {
            let marks = regular.keys.sorted()
            for (c, index) in barColumns where regular[c] == nil {
                let gap = marks.map { abs($0 - c) }.min() ?? Int.max
                if gap >= 2 * (DisplayWidth.of("\(index + 1)") + 2) { regular[c] = index }
            }
        }
        let labelled = regular.sorted { $0.key < $1.key }
        var free = 0  // the first column no label covers
        for (position, (c, index)) in labelled.enumerated() where c >= free {
            let number = index + 1
            // The room before the next label (a time label took the next bar's place, and its number was lost).
            let room = (position + 1 < labelled.count ? labelled[position + 1].key - 1 : columns) - c
            // The bar's own time (the column's is up to a column off: 6.4 s read "7s").
            let barSeconds = tempoMap.seconds(atTick: barTick[index] ?? index * barTicks)
            var label = index % (4 * step) == 0 ? "\(number) \(Int(barSeconds.rounded()))s" : "\(number)"
            // At the right edge a label is shown whole or not at all ("1" of "10" read as bar 1).
            if DisplayWidth.of(label) > min(room, columns - c) { label = "\(number)" }
            if DisplayWidth.of(label) > columns - c { break }
            grid.put(label, x: rect.x + gutter + c, y: axisY, role: "roll.axis")
            free = c + DisplayWidth.of(label) + 1
        }
    }
}
