import CamXucEmotion
import CamXucMusic
import CamXucText

extension StudioModel {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// The whole screen for a terminal of `width` × `height`.
    public func view(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            let line = english ? "terminal too small — need 80×24 (now \(width)×\(height))"
                               : "Cửa sổ quá nhỏ — cần 80×24 (đang \(width)×\(height))"
            let shown = Grid.truncated(line, columns: width)
            grid.put(shown, x: max((width - DisplayWidth.of(shown)) / 2, 0), y: height / 2, role: "status.error")
            return grid
        }
        // Text.
        let textRect = Grid.Rect(x: 0, y: 0, width: width, height: 3)
        let method = editor.inputMethod.map { " ─ " + $0.kind.rawValue } ?? ""
        panelBox(&grid, textRect, title: (english ? "Text" : "Văn bản") + method, panel: .text)
        drawEditor(&grid, textRect.padded)
        // The middle row.
        let middleHeight = height >= 40 ? 11 : 9
        let showTakes = width >= 100
        let takesWidth = showTakes ? max(22, width / 5) : 0
        let parametersWidth = 26
        let rest = width - takesWidth - parametersWidth
        let emotionWidth = (rest + 1) / 2
        let circumplexWidth = rest - emotionWidth
        let y = textRect.height
        let emotionRect = Grid.Rect(x: 0, y: y, width: emotionWidth, height: middleHeight)
        panelBox(&grid, emotionRect, title: english ? "Emotion" : "Cảm xúc", panel: .emotion)
        EmotionPanel.draw(distribution, english: english, into: &grid, rect: emotionRect.padded)
        let circumplexRect = Grid.Rect(x: emotionWidth, y: y, width: circumplexWidth, height: middleHeight)
        panelBox(&grid, circumplexRect, title: "Valence · Arousal", panel: .circumplex)
        CircumplexPanel.draw(.init(target: target, take: currentTake?.judged, trail: trail), english: english,
                             into: &grid, rect: circumplexRect.padded)
        let parametersRect = Grid.Rect(x: emotionWidth + circumplexWidth, y: y, width: parametersWidth, height: middleHeight)
        panelBox(&grid, parametersRect, title: english ? "Parameters" : "Tham số", panel: .parameters)
        drawParameters(&grid, parametersRect.padded)
        if showTakes {
            let takesRect = Grid.Rect(x: width - takesWidth, y: y, width: takesWidth, height: middleHeight)
            panelBox(&grid, takesRect, title: "Takes", panel: .takes)
            drawTakes(&grid, takesRect.padded)
        }
        // Piano roll.
        let rollRect = Grid.Rect(x: 0, y: y + middleHeight, width: width, height: height - y - middleHeight - 1)
        panelBox(&grid, rollRect, title: rollTitle(), panel: .roll)
        PianoRollPanel.draw(notes: currentTake?.notes ?? [], view: roll, playhead: playing == selectedTake ? playhead : nil,
                            scale: parameters.keyLock ? keyScale : nil, into: &grid, rect: rollRect.inner)
        // Status line.
        if let error {
            grid.put(" " + Grid.truncated(error, columns: width - 2) + " ", x: 0, y: height - 1, role: "status.error")
        } else if let notice {
            grid.put(" " + Grid.truncated(notice, columns: width - 2), x: 0, y: height - 1, role: "status.key")
        } else {
            grid.put(KeyMap.statusLine(english: english, width: width), x: 0, y: height - 1, role: "status.text")
        }
        if showHelp { drawHelp(&grid, width: width, height: height) }
        return grid
    }

    var keyScale: Set<Int> {
        (target?.valence ?? 0) >= 0 ? MusicalControls.majorScale : MusicalControls.minorScale.union([11])
    }

    func panelBox(_ grid: inout Grid, _ rect: Grid.Rect, title: String, panel: Panel) {
        let focused = focus == panel
        grid.box(rect, title: title, borderRole: focused ? "panel.border.focus" : "panel.border",
                 titleRole: focused ? "panel.title.focus" : "panel.title")
    }

    func drawEditor(_ grid: inout Grid, _ rect: Grid.Rect) {
        // Scroll so the cursor stays visible.
        let columns = rect.width - 1
        var start = 0
        var offset = editor.cursorColumn
        while offset > columns, start < editor.characters.count {
            offset -= DisplayWidth.of(editor.characters[start])
            start += 1
        }
        let shown = String(editor.characters[start...])
        grid.put(shown, x: rect.x, y: rect.y, role: "text", maxWidth: columns)
        if focus == .text {
            let cursorX = rect.x + offset
            let under = cursorX < rect.x + rect.width ? grid[cursorX, rect.y].text : " "
            grid.put(under.isEmpty || under == " " ? " " : under, x: cursorX, y: rect.y, role: "text.cursor")
        }
    }

    func drawParameters(_ grid: inout Grid, _ rect: Grid.Rect) {
        for (index, name) in Parameters.Name.allCases.enumerated() where index < rect.height {
            let (label, value) = parameters.row(name, english: english)
            let selected = focus == .parameters && name == selectedParameter
            let marker = name == selectedParameter ? "▸ " : "  "
            let valueShown = Grid.truncated(value, columns: rect.width - DisplayWidth.of(label) - 3)
            let gap = max(rect.width - 2 - DisplayWidth.of(label) - DisplayWidth.of(valueShown), 1)
            grid.put(marker + label + String(repeating: " ", count: gap) + valueShown, x: rect.x, y: rect.y + index,
                     role: selected ? "param.selected" : "param.label", maxWidth: rect.width)
        }
    }

    func drawTakes(_ grid: inout Grid, _ rect: Grid.Rect) {
        let recent = takes.suffix(rect.height).reversed()
        for (row, take) in recent.enumerated() {
            let selected = take.id == selectedTake
            let seconds = Int((take.notes.last.map { $0.startSeconds + $0.durationSeconds } ?? 0).rounded())
            let length = "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
            let mark = playing == take.id ? " ●" : take.finished ? "" : " …"
            let prefix = (selected ? "▸ " : "  ") + "\(take.id) "
            let room = rect.width - DisplayWidth.of(prefix) - DisplayWidth.of(length) - DisplayWidth.of(mark) - 1
            let line = prefix + Grid.truncated(take.title, columns: max(room, 1)) + " " + length + mark
            grid.put(line, x: rect.x, y: rect.y + row,
                     role: selected && focus == .takes ? "takes.selected" : playing == take.id ? "takes.playing" : "takes.item",
                     maxWidth: rect.width)
        }
    }

    func rollTitle() -> String {
        guard let take = currentTake else { return "Piano roll" }
        var title = "Piano roll ─ take \(take.id)"
        if let playhead, playing == take.id {
            title += " ─ ▶ " + Self.clock(playhead)
        }
        if generatingTake == take.id {
            let done = take.notes.last.map { $0.startSeconds } ?? 0
            let percent = Int(min(done / max(parameters.lengthSeconds, 1), 1) * 100)
            title += (english ? " ─ composing… " : " ─ đang tạo… ") + "\(percent)%"
        }
        return title
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(max(seconds, 0))
        return "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)"
    }

    func drawHelp(_ grid: inout Grid, width: Int, height: Int) {
        let lines = KeyMap.helpLines(english: english)
        // As many columns as the height needs, each as wide as its longest line.
        let rowsAvailable = max(height - 4, 1)
        let columnCount = (lines.count + rowsAvailable - 1) / rowsAvailable
        let rowsPerColumn = (lines.count + columnCount - 1) / columnCount
        let columns = stride(from: 0, to: lines.count, by: rowsPerColumn).map { Array(lines[$0..<min($0 + rowsPerColumn, lines.count)]) }
        let widths = columns.map { ($0.map { DisplayWidth.of($0) }.max() ?? 0) + 3 }
        let boxWidth = min(widths.reduce(0, +) + 3, width - 2)
        let boxHeight = min(rowsPerColumn + 2, height - 2)
        let rect = Grid.Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
        grid.fill(rect, role: "help.text")
        grid.box(rect, title: english ? "Keys — any key closes" : "Phím — bấm phím bất kỳ để đóng",
                 borderRole: "panel.border.focus", titleRole: "panel.title.focus")
        var x = rect.x + 2
        for (index, column) in columns.enumerated() {
            for (row, line) in column.enumerated() where row < boxHeight - 2 {
                grid.put(line, x: x, y: rect.y + 1 + row, role: "help.text", maxWidth: min(widths[index], rect.x + boxWidth - 1 - x))
            }
            x += widths[index]
        }
    }
}
