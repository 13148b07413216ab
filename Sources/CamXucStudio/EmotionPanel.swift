import CamXucEmotion
import CamXucText

/// The Emotion panel: the seven classes sorted by probability, each with a bar and its value; the winner bold. Each
/// row starts with the digit that sets that emotion by hand (keys 1–7 follow the model's order of the classes, which
/// the sorting hides).
public enum EmotionPanel {
    /// With `why`, the last row says which words raised the winner most ("vì: hết buồn · yêu đời").
    /// `whyNote`, when given, takes that row's place (a text too long to be explained says so).
    /// "vì: hết buồn · yêu đời" with as many of the (up to three) words as fit whole, " …" saying more were left out
    /// ("vì: câu giống · tức…" cut the emotion a correction named).
    static func whyLine(_ why: [String], english: Bool, columns: Int) -> String {
        let prefix = english ? "why: " : "vì: "
        for count in stride(from: min(why.count, 3), through: 1, by: -1) {
            let line = prefix + why.prefix(count).joined(separator: " · ") + (count < min(why.count, 3) ? " …" : "")
            if DisplayWidth.of(line) <= columns { return line }
        }
        // One note that says itself what decided the reading ("câu giống: ghê tởm", "bạn chọn ngạc nhiên"): whole
        // without "vì:" rather than its emotion cut ("vì: câu giống · ghê…").
        if why.count == 1, DisplayWidth.of(why[0]) <= columns { return why[0] }
        return Grid.truncated(prefix + why.prefix(3).joined(separator: " · "), columns: columns)
    }

    /// The why line with all (up to three) of its words, and whether it is wider than `columns`.
    static func wholeWhy(_ why: [String], english: Bool) -> String {
        why.count == 1 ? why[0] : (english ? "why: " : "vì: ") + why.prefix(3).joined(separator: " · ")
    }

    public static func draw(_ distribution: EmotionDistribution?, english: Bool, why: [String] = [], whyNote: String? = nil,
                            into grid: inout Grid, rect: Grid.Rect) {
        guard let distribution else {
            grid.put(english ? "type some text…" : "hãy gõ vài chữ…", x: rect.x, y: rect.y, role: "text.dim",
                     maxWidth: rect.width)
            return
        }
        let rows = distribution.sorted
        let digitWidth = 2
        let labelWidth = (rows.map { DisplayWidth.of($0.label.name(english: english)) }.max() ?? 0) + digitWidth
        let barWidth = max(rect.width - labelWidth - 6, 1)
        let winner = distribution.winner
        // The "why" row goes under the bars when all seven and it fit; otherwise on the panel's bottom border (the
        // row below `rect`), so that no class is hidden for it.
        let whyInside = rect.height > rows.count
        let columns = whyInside ? rect.width : rect.width - 2
        let make = { (columns: Int) in
            whyNote.map { Grid.truncated($0, columns: columns) } ?? (why.isEmpty ? nil : whyLine(why, english: english, columns: columns))
        }
        var line = make(columns)
        let barRows = line == nil || !whyInside ? rect.height : rect.height - 1
        if whyInside, let line {
            grid.put(line, x: rect.x, y: rect.y + rect.height - 1, role: "text.dim", maxWidth: rect.width)
        } else if line != nil {
            // On the border, the corners' dashes too where the line needs them ("câu giống: bình thường" at 80
            // columns lost its emotion's last word).
            let wider = make(rect.width)
            let useCorners = wider != line
            if useCorners { line = wider }
            grid.put(" " + (line ?? "") + " ", x: rect.x - (useCorners ? 1 : 0), y: rect.y + rect.height, role: "text.dim",
                     maxWidth: rect.width + (useCorners ? 2 : 0))
        }
        for (index, row) in rows.enumerated() where index < barRows {
            let y = rect.y + index
            let isWinner = row.label == winner
            let name = row.label.name(english: english)
            if let digit = distribution.labels.firstIndex(of: row.label), digit < 9 {
                grid.put("\(digit + 1)", x: rect.x, y: y, role: "text.dim", maxWidth: 1)
            }
            grid.put(name, x: rect.x + digitWidth, y: y, role: isWinner ? "emotion.winner" : "text",
                     maxWidth: labelWidth - digitWidth)
            grid.put(Bars.horizontal(row.probability, width: barWidth), x: rect.x + labelWidth + 1, y: y,
                     role: "emotion.\(row.label.code)", maxWidth: barWidth)
            grid.put(Bars.value(row.probability), x: rect.x + labelWidth + 2 + barWidth, y: y,
                     role: isWinner ? "emotion.winner" : "text.dim", maxWidth: 4)
        }
    }
}

/// Bars drawn with eighth blocks.
public enum Bars {
    public static func horizontal(_ fraction: Double, width: Int) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let bar = String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
        return bar + String(repeating: " ", count: max(width - bar.count, 0))
    }

    /// "0.71", or "1.00".
    public static func value(_ fraction: Double) -> String {
        let hundredths = Int((min(max(fraction, 0), 1) * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
