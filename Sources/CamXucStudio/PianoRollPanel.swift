import CamXucMusic
import CamXucText

/// The piano roll: one row per pitch (highest at the top, names on the left, rows in the locked key marked •), time
/// running right in columns of `secondsPerColumn`, notes as blocks shaded by velocity, and the playhead.
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

        /// With `follow`, the view moved to the page that holds `playhead`, for a roll `columns` wide.
        public func following(_ playhead: Double, columns: Int) -> View {
            let page = Double(max(columns - PianoRollPanel.gutter, 1)) * max(secondsPerColumn, 0.01)
            guard follow, playhead < startSeconds || playhead >= startSeconds + page else { return self }
            var moved = self
            moved.startSeconds = (playhead / page).rounded(.down) * page
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

    /// The lowest pitch to show so that the notes are centred in `rows` rows.
    static func fittedLowest(_ notes: [EventVocabulary.DecodedNote], rows: Int) -> Int {
        guard let low = notes.map(\.pitch).min(), let high = notes.map(\.pitch).max() else { return 60 - rows / 2 }
        let middle = (low + high) / 2
        return min(max(middle - rows / 2, 0), max(127 - rows + 1, 0))
    }

    static func velocityRole(_ velocity: Int) -> String {
        velocity < 56 ? "roll.note.low" : velocity < 92 ? "roll.note.mid" : "roll.note.high"
    }

    public static func draw(notes: [EventVocabulary.DecodedNote], view: View, playhead: Double?,
                            scale: Set<Int>?, into grid: inout Grid, rect: Grid.Rect) {
        guard rect.width > gutter + 2, rect.height >= 3 else { return }
        let rows = rect.height - 1  // the last row is the time axis
        let columns = rect.width - gutter
        let lowest = view.lowestPitch ?? fittedLowest(notes, rows: rows)
        let perColumn = max(view.secondsPerColumn, 0.01)
        func column(at seconds: Double) -> Int { Int(((seconds - view.startSeconds) / perColumn).rounded(.down)) }
        for row in 0..<rows {
            let pitch = lowest + rows - 1 - row
            guard (0...127).contains(pitch) else { continue }
            let inScale = scale?.contains(pitch % 12) ?? false
            let name = Note.name(of: UInt8(pitch))
            grid.put(name + String(repeating: " ", count: max(3 - name.count, 0)) + (inScale ? "•" : " ") + "│",
                     x: rect.x, y: rect.y + row, role: inScale ? "roll.scale" : "roll.axis", maxWidth: gutter)
            // Bar lines every 2 s (every 8 columns at the default zoom), beats as dots.
            for c in 0..<columns {
                let seconds = view.startSeconds + Double(c) * perColumn
                let step = (seconds / 0.5).rounded()
                if abs(seconds - step * 0.5) < perColumn / 2, Int(step) % 4 == 0 {
                    grid.put("·", x: rect.x + gutter + c, y: rect.y + row, role: "roll.grid")
                }
            }
        }
        for note in notes {
            let row = lowest + rows - 1 - note.pitch
            guard row >= 0, row < rows else { continue }
            let first = max(column(at: note.startSeconds), 0)
            let last = min(column(at: note.startSeconds + max(note.durationSeconds - perColumn / 2, 0)), columns - 1)
            guard first < columns, last >= 0, first <= last || first == last + 1 else { continue }
            let block = note.velocity >= 92 ? "█" : note.velocity >= 56 ? "▆" : "▃"
            for c in first...max(first, last) {
                grid.put(block, x: rect.x + gutter + c, y: rect.y + row, role: velocityRole(note.velocity))
            }
        }
        if let playhead {
            let c = column(at: playhead)
            if c >= 0, c < columns {
                for row in 0..<rows { grid.put("┃", x: rect.x + gutter + c, y: rect.y + row, role: "roll.playhead") }
            }
        }
        // Time axis: seconds at every 2 s mark that fits.
        let axisY = rect.y + rect.height - 1
        var c = 0
        while c < columns {
            let seconds = view.startSeconds + Double(c) * perColumn
            let label = "\(Int(seconds.rounded()))s"
            if abs(seconds - (seconds / 2).rounded() * 2) < perColumn / 2 {
                grid.put(label, x: rect.x + gutter + c, y: axisY, role: "roll.axis", maxWidth: columns - c)
                c += max(DisplayWidth.of(label) + 1, 1)
            } else {
                c += 1
            }
        }
    }
}
