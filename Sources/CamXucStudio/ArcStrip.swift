import CamXucMusic
import CamXucText

/// The row above the piano roll's notes for a take that follows an emotional arc: each segment over its time span
/// (on the roll's time scale) in its emotion's colour, with its number and the emotion's name; the segment under
/// the playhead is drawn as a solid band.
public enum ArcStrip {
    /// Draws `arc` on the row `rect` (the roll's inside width: the gutter, then the time columns). `names` turns
    /// an emotion's class code into the label shown; `current` is the segment to highlight.
    public static func draw(_ arc: EmotionArc, view: PianoRollPanel.View, current: Int?, english: Bool,
                            names: (String?) -> String, into grid: inout Grid, rect: Grid.Rect) {
        let gutter = PianoRollPanel.gutter
        guard rect.width > gutter + 2, rect.height >= 1 else { return }
        let columns = rect.width - gutter
        let title = english ? "arc" : "câu"
        grid.put(title + String(repeating: " ", count: max(gutter - 1 - DisplayWidth.of(title), 0)) + "│",
                 x: rect.x, y: rect.y, role: "roll.axis", maxWidth: gutter)
        for (index, segment) in arc.segments.enumerated() {
            let first = max(PianoRollPanel.column(at: segment.start, view: view), 0)
            let last = min(PianoRollPanel.column(at: segment.end, view: view) - 1, columns - 1)
            guard first <= last else { continue }
            let code = segment.emotion ?? "Other"
            let lit = index == current
            let text = band(number: label(segment.sentences, fallback: index), name: names(segment.emotion),
                            width: last - first + 1, solid: lit)
            grid.put(text, x: rect.x + gutter + first, y: rect.y, role: (lit ? "arc." : "emotion.") + code,
                     maxWidth: last - first + 1)
        }
    }

    /// A segment's sentences as the plane marks them ("2", or "3–5" for merged ones), so both speak of one sentence
    /// by one mark (the strip had numbered segments: after a merge its "2" was the plane's 3).
    static func label(_ sentences: [Int], fallback index: Int) -> String {
        guard let first = sentences.first, let last = sentences.last else { return CircumplexPanel.pathMark(index) }
        return first == last ? CircumplexPanel.pathMark(first - 1)
            : CircumplexPanel.pathMark(first - 1) + "–" + CircumplexPanel.pathMark(last - 1)
    }

    /// A segment `width` columns wide: "━ 2 buồn bã ━━━━", shortened to "━ 2 ━" or "2" when narrow; with `solid`,
    /// spaces instead of lines (drawn on the emotion's colour).
    static func band(number: String, name: String, width: Int, solid: Bool) -> String {
        let fill = solid ? " " : "━"
        let labels = (name.isEmpty ? [] : ["\(fill) \(number) \(name) "]) + ["\(fill) \(number) ", "\(number)"]
        let label = labels.first { DisplayWidth.of($0) <= width } ?? ""
        return label + String(repeating: fill, count: max(width - DisplayWidth.of(label), 0))
    }
}
