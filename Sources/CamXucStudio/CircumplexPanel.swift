import CamXucEmotion
import CamXucText

/// The Valence · Arousal panel: the plane with its axes and quadrant names, the target point (◆), the judged point
/// of the current take (●), a short trail of earlier targets (°), and a text's emotional arc as a numbered path.
public enum CircumplexPanel {
    public struct Marks: Equatable, Sendable {
        public var target: CircumplexPoint?
        public var take: CircumplexPoint?
        public var trail: [CircumplexPoint]
        /// The arc's points in order (each sentence's), drawn as 1, 2, … joined by a dotted line.
        public var path: [CircumplexPoint]
        /// The marks of `path`'s points where they are not 1, 2, … (a take's merged segments, by their first
        /// sentence's mark).
        public var pathMarks: [String]
        /// The number of the take whose judged point `take` is, named in the legend ("● take 3").
        public var takeID: Int?

        public init(target: CircumplexPoint? = nil, take: CircumplexPoint? = nil, trail: [CircumplexPoint] = [],
                    path: [CircumplexPoint] = [], pathMarks: [String] = [], takeID: Int? = nil) {
            self.target = target
            self.take = take
            self.trail = trail
            self.path = path
            self.pathMarks = pathMarks
            self.takeID = takeID
        }
    }

    /// The mark of the arc's `index`th point (from 0): 1…9, then a…z, then +.
    public static func pathMark(_ index: Int) -> String {
        if index < 9 { return "\(index + 1)" }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index - 9 < letters.count ? String(letters[index - 9]) : "+"
    }

    /// The arc's path: dots on the blank cells between consecutive points, then each point's mark (a later point
    /// on the same cell wins).
    static func drawPath(_ path: [CircumplexPoint], marks: [String] = [], into grid: inout Grid, plot: Grid.Rect,
                         dots: Bool = true, numbers: Bool = true) {
        let cells = path.map { cell(of: $0, in: plot) }
        for (from, to) in zip(cells, cells.dropFirst()) where dots {
            let steps = max(abs(to.x - from.x), abs(to.y - from.y))
            for step in stride(from: 1, to: steps, by: 1) {
                let x = from.x + Int((Double((to.x - from.x) * step) / Double(steps)).rounded())
                let y = from.y + Int((Double((to.y - from.y) * step) / Double(steps)).rounded())
                if grid[x, y].text == " " { grid.put("·", x: x, y: y, role: "circumplex.path") }
            }
        }
        for (index, place) in cells.enumerated() where numbers {
            grid.put(index < marks.count ? marks[index] : pathMark(index), x: place.x, y: place.y, role: "circumplex.path")
        }
    }

    static func quadrantNames(english: Bool) -> (q1: String, q2: String, q3: String, q4: String) {
        english ? ("excited", "tense", "sad", "calm") : ("phấn khích", "căng thẳng", "buồn", "thư thái")
    }

    /// Quadrant 1–4's name ("thư thái" for 4, as `CircumplexPoint.quadrant` numbers them), the plane's and the
    /// commands' alike.
    public static func quadrantName(_ quadrant: Int, english: Bool) -> String {
        let names = quadrantNames(english: english)
        switch quadrant {
        case 1: return names.q1
        case 2: return names.q2
        case 3: return names.q3
        default: return names.q4
        }
    }

    /// The cell of a point inside `plot`: valence left to right, arousal bottom to top. A point 0.05 or more off an
    /// axis is drawn off it, on its own side, and one nearer is drawn on it: with the axis half a cell off centre (an even number of rows), every
    /// arousal from −0.02 to −0.27 was drawn on the zero line and calm texts looked neutral beside lively ones.
    public static func cell(of point: CircumplexPoint, in plot: Grid.Rect) -> (x: Int, y: Int) {
        let clamped = point.clamped
        let centreX = plot.x + Int((Double(plot.width - 1) / 2).rounded())
        let centreY = plot.y + Int((Double(plot.height - 1) / 2).rounded())
        var x = plot.x + Int(((clamped.valence + 1) / 2 * Double(plot.width - 1)).rounded())
        var y = plot.y + Int(((1 - clamped.arousal) / 2 * Double(plot.height - 1)).rounded())
        if abs(clamped.valence) < 0.05 { x = centreX }
        if abs(clamped.arousal) < 0.05 { y = centreY }
        if clamped.valence >= 0.05, x <= centreX { x = min(centreX + 1, plot.x + plot.width - 1) }
        if clamped.valence <= -0.05, x >= centreX { x = max(centreX - 1, plot.x) }
        if clamped.arousal >= 0.05, y >= centreY { y = max(centreY - 1, plot.y) }
        if clamped.arousal <= -0.05, y <= centreY { y = min(centreY + 1, plot.y + plot.height - 1) }
        return (x, y)
    }

    /// The point a cell of `plot` stands for (the inverse of `cell(of:in:)`), for a mouse click.
    /// The axes are 0: with an even number of rows (or columns) the axis is drawn half a cell off centre, and a click
    /// on ┼ gave arousal −0.20 while ◆ at (0, 0) is drawn there.
    public static func point(atX x: Int, y: Int, in plot: Grid.Rect) -> CircumplexPoint {
        let centre = cell(of: CircumplexPoint(valence: 0, arousal: 0), in: plot)
        let valence = x == centre.x ? 0 : Double(x - plot.x) / Double(max(plot.width - 1, 1)) * 2 - 1
        let arousal = y == centre.y ? 0 : 1 - Double(y - plot.y) / Double(max(plot.height - 1, 1)) * 2
        return CircumplexPoint(valence: (valence * 20).rounded() / 20, arousal: (arousal * 20).rounded() / 20).clamped
    }

    public static func draw(_ marks: Marks, english: Bool, into grid: inout Grid, rect: Grid.Rect) {
        guard rect.width >= 11, rect.height >= 5 else { return }
        // The last row is the legend; the plot is everything above it.
        let plot = Grid.Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)
        let centre = cell(of: CircumplexPoint(valence: 0, arousal: 0), in: plot)
        for y in plot.y..<(plot.y + plot.height) { grid.put("│", x: centre.x, y: y, role: "circumplex.axis") }
        grid.put(String(repeating: "─", count: plot.width), x: plot.x, y: centre.y, role: "circumplex.axis")
        grid.put("┼", x: centre.x, y: centre.y, role: "circumplex.axis")
        let names = quadrantNames(english: english)
        let half = max(centre.x - plot.x - 1, 1)
        // A quadrant's name gives way to a mark that lands on it (a point is information, the name decoration): the
        // name is left out rather than drawn with the mark inside it ("ex●ited").
        let marked = Set(([marks.take, marks.target].compactMap { $0 } + marks.trail + marks.path).map {
            let place = cell(of: $0, in: plot)
            return place.y * 10_000 + place.x
        })
        // It moves first, along its row towards the axis and then to the row inside it, within its quadrant (a judged
        // point on the top row took "phấn khích" away each time a take landed near it).
        // Two rows in at most, on its side of the axis, and a cell clear of any mark ("◆phấn khích" read as one).
        func label(_ name: String, x: Int, y: Int, towardAxis: Int, inward: Int) {
            let width = DisplayWidth.of(name)
            for row in [y, y + inward, y + 2 * inward] where inward > 0 ? row < centre.y : row > centre.y {
                for shift in 0...max(half - width, 0) {
                    let start = x + towardAxis * shift
                    let cells = start..<(start + width)
                    guard !cells.contains(centre.x), cells.lowerBound >= plot.x, cells.upperBound <= plot.x + plot.width else { break }
                    if !((start - 1)..<(start + width + 1)).contains(where: { marked.contains(row * 10_000 + $0) }) {
                        grid.put(name, x: start, y: row, role: "circumplex.label")
                        return
                    }
                }
            }
        }
        let bottom = plot.y + plot.height - 1
        let q2 = Grid.truncated(names.q2, columns: half), q1 = Grid.truncated(names.q1, columns: half)
        let q3 = Grid.truncated(names.q3, columns: half), q4 = Grid.truncated(names.q4, columns: half)
        label(q2, x: plot.x, y: plot.y, towardAxis: 1, inward: 1)
        label(q1, x: plot.x + plot.width - DisplayWidth.of(q1), y: plot.y, towardAxis: -1, inward: 1)
        label(q3, x: plot.x, y: bottom, towardAxis: 1, inward: -1)
        label(q4, x: plot.x + plot.width - DisplayWidth.of(q4), y: bottom, towardAxis: -1, inward: -1)
        // Earlier targets as small rings (dots like the arc's path made a stray dot look like part of it), the arc's
        // dots, the points, and the arc's numbers over all: a point on a number's cell, or the judged point on the
        // target's, goes beside it (a target moved by hand onto the first sentence's cell was hidden under its "1",
        // and the judged point under ◆ while the legend named it).
        for point in marks.trail {
            let place = cell(of: point, in: plot)
            grid.put("°", x: place.x, y: place.y, role: "circumplex.trail")
        }
        drawPath(marks.path, marks: marks.pathMarks, into: &grid, plot: plot, numbers: false)
        var taken = Set(marks.path.map { cell(of: $0, in: plot) }.map { $0.y * 10_000 + $0.x })
        func free(_ place: (x: Int, y: Int)) -> (x: Int, y: Int) {
            for dx in [0, 1, -1, 2, -2] {
                let x = place.x + dx
                if (plot.x..<(plot.x + plot.width)).contains(x), !taken.contains(place.y * 10_000 + x) { return (x, place.y) }
            }
            return place
        }
        let targetPlace = marks.target.map { free(cell(of: $0, in: plot)) }
        if let targetPlace { taken.insert(targetPlace.y * 10_000 + targetPlace.x) }
        if let take = marks.take {
            let place = free(cell(of: take, in: plot))
            grid.put("●", x: place.x, y: place.y, role: "circumplex.take")
        }
        if let targetPlace {
            grid.put("◆", x: targetPlace.x, y: targetPlace.y, role: "circumplex.target")
        }
        drawPath(marks.path, marks: marks.pathMarks, into: &grid, plot: plot, dots: false)
        // The legend, shorter forms first dropping words, then the target's brackets, before anything is cut.
        let take = marks.take == nil ? nil : "● take" + (marks.takeID.map { " \($0)" } ?? "")
        var forms: [String] = []
        if let target = marks.target {
            let point = "\(signed(target.valence)), \(signed(target.arousal))"
            forms = [(english ? "◆ target " : "◆ đích ") + "(" + point + ")", "◆ (" + point + ")",
                     "◆ " + point.replacingOccurrences(of: ",", with: "")]
        }
        if let take {
            let mark = take.replacingOccurrences(of: "take ", with: "")
            // One space before "take" rather than the word left out ("◆ +0.49 +0.08  ● 13" read as a third number).
            forms = forms.isEmpty ? [take, mark]
                : forms.map { $0 + "  " + take } + forms.suffix(1).map { $0 + " " + take } + forms.suffix(1).map { $0 + "  " + mark }
        }
        let legend = forms.first { DisplayWidth.of($0) <= rect.width } ?? forms.last ?? ""
        grid.put(Grid.truncated(legend, columns: rect.width), x: rect.x, y: rect.y + rect.height - 1,
                 role: "circumplex.label")
    }

    static func signed(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        return (value < 0 && hundredths > 0 ? "−" : "+") + "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
