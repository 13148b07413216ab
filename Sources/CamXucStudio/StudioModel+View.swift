import CamXucEmotion
import CamXucMusic
import CamXucText

extension StudioModel {
    /// The whole screen for a terminal of `width` × `height`.
    public func view(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        let layout = StudioLayout(width: width, height: height)
        guard layout.fits else {
            let least = "\(StudioLayout.minimumWidth)×\(StudioLayout.minimumHeight)"
            let line = english ? "terminal too small — need \(least) (now \(width)×\(height))"
                               : "Cửa sổ quá nhỏ — cần \(least) (đang \(width)×\(height))"
            let shown = Grid.truncated(line, columns: width)
            grid.put(shown, x: max((width - DisplayWidth.of(shown)) / 2, 0), y: height / 2, role: "status.error")
            // Every other key waits for the window to grow (none acts unseen): say how to leave meanwhile.
            let hint = Grid.truncated(english ? "Ctrl-C quits" : "Ctrl-C thoát", columns: width)
            if height / 2 + 1 < height {
                grid.put(hint, x: max((width - DisplayWidth.of(hint)) / 2, 0), y: height / 2 + 1, role: "text.dim")
            }
            return grid
        }
        let method = editor.inputMethod.map { " ─ " + $0.kind.rawValue } ?? ""
        panelBox(&grid, layout.text, title: (english ? "Text" : "Văn bản") + method, panel: .text)
        drawEditor(&grid, layout.text.padded)
        var emotionTitle = english ? "Emotion" : "Cảm xúc"
        // How the text was read, where it is in doubt: short enough for the panel's title at 80 columns ("không
        // phải tiế…" lost the word that said it).
        let reading: String? = distribution == nil ? nil
            : notVietnamese ? (english ? " ─ not Vietnamese?" : " ─ ngoại ngữ?")
            // Typed with Telex or VNI off: read as the words its keys type.
            : readAsKeys ? (english ? " ─ read as keys" : " ─ đọc phím gõ")
            : readWithoutDiacritics ? (english ? " ─ no accents" : " ─ không dấu") : nil
        if let chosen = chosenEmotion, let label = distribution?.labels.first(where: { $0.code == chosen }) {
            // The name whole, where the panel has room for it (at 80 columns "đã chọn: ng…" hid which one); the
            // doubt about the reading after it where there is room too (a choice by hand hid it).
            let long = (english ? " ─ chosen: " : " ─ đã chọn: ") + label.name(english: english)
            let short = " ─ ✓ " + label.name(english: english)
            let fits = { (title: String) in DisplayWidth.of(title) + 5 <= layout.emotion.width }
            let forms = (reading.map { [long + $0, short + $0] } ?? []) + [long, short]
            emotionTitle += forms.first { fits(emotionTitle + $0) } ?? short
        } else if let reading {
            emotionTitle += reading
        }
        panelBox(&grid, layout.emotion, title: emotionTitle, panel: .emotion)
        // Where the Emotion panel's border would cut the why line (at 80×24 "vì: vui qua …", and no key showed the
        // rest), it goes whole under the text it explains, naming the emotion it explains.
        let wholeWhy = EmotionPanel.wholeWhy(evidence, english: english)
        let whyUnderText = showWhy && !evidenceTooLong && !evidence.isEmpty && distribution != nil
            && DisplayWidth.of(wholeWhy) > layout.emotion.padded.width
        if whyUnderText, let winner = distribution?.winner {
            let line = evidence.count == 1 ? wholeWhy : winner.name(english: english) + ", " + wholeWhy
            grid.put(" " + Grid.truncated(line, columns: layout.text.width - 6) + " ", x: layout.text.x + 2,
                     y: layout.text.y + layout.text.height - 1, role: "text.dim")
        }
        EmotionPanel.draw(distribution, english: english, why: showWhy && !whyUnderText ? evidence : [],
                          whyNote: showWhy && evidenceTooLong
                              ? (english ? "why: (over \(Explainer.longestText) words)"
                                         : "vì: (dài hơn \(Explainer.longestText) từ)") : nil,
                          into: &grid,
                          rect: layout.emotion.padded)
        panelBox(&grid, layout.circumplex, title: "Valence · Arousal", panel: .circumplex)
        CircumplexPanel.draw(.init(target: target, take: currentTake?.judged, trail: trail, path: arcPath, pathMarks: arcPathMarks,
                                   takeID: currentTake?.id), english: english,
                             into: &grid, rect: layout.circumplex.padded)
        let parameterRows = Parameters.Name.allCases.count
        let shownRows = layout.parameters.padded.height
        let parametersTitle = (english ? "Parameters" : "Tham số")
            + (shownRows < parameterRows ? " \(parametersOffset(rows: shownRows) + 1)–\(parametersOffset(rows: shownRows) + shownRows)/\(parameterRows)" : "")
        if !layout.compact {
            panelBox(&grid, layout.parameters, title: parametersTitle, panel: .parameters)
            drawParameters(&grid, layout.parameters.padded)
        }
        if let takesRect = layout.takes {
            panelBox(&grid, takesRect, title: "Takes", panel: .takes)
            drawTakes(&grid, takesRect.padded)
        }
        // Piano roll.
        let rollRect = layout.roll
        panelBox(&grid, rollRect, title: rollTitle(columns: rollRect.width - 5), panel: .roll)
        drawRoll(&grid, rollRect.inner)
        // Status line: a question first, then an error, a notice, or the keys for the focused panel.
        if let confirming {
            // What is at stake, then the question and its keys, which are never cut: at 80 columns a list of six
            // unkept takes pushed "y/n" off the line that warned they would be lost.
            let (stake, ask): (String, String)
            switch confirming {
            case .quit:
                // The key that saves, as the config binds it ("never saved with s" where s had become the why key).
                let save = keys.bindings.first { $0.action == .save }?.key ?? "s"
                let unkept = takes.filter { $0.unkept && !$0.saved }.map(\.id)
                let named = unkept.count <= 3 ? "take " + unkept.map(String.init).joined(separator: ", ")
                    : english ? "\(unkept.count) takes" : "\(unkept.count) take"
                (stake, ask) = generatingTake != nil
                    ? (english ? "a take is still being composed" : "take vẫn đang được tạo", english ? "quit anyway? y/n" : "vẫn thoát? y/n")
                    : !unkept.isEmpty
                    // What happens to it: written to the temporary folder (it said "will be lost", then was written there).
                    // Short: at 80 columns "(lost at reboot)" must stay.
                    ? (english ? "\(named) not kept: to the temporary folder at quit (lost at reboot)"
                               : "\(named) chưa giữ được, sẽ để ở thư mục tạm (mất khi tắt máy)",
                       english ? "save with \(save) first? quit: y/n" : "lưu bằng \(save) trước? thoát: y/n")
                    : {
                        // Which ones (it said "takes made now" with no count and no names).
                        let fresh = takes.filter { $0.fresh && !$0.saved }.map(\.id)
                        let which = fresh.count <= 4 ? fresh.map(String.init).joined(separator: ", ")
                            : fresh.prefix(3).map(String.init).joined(separator: ", ") + (english ? " and \(fresh.count - 3) more" : " và \(fresh.count - 3) take nữa")
                        return (english ? "take\(fresh.count == 1 ? "" : "s") \(which) never saved with \(save) (kept in the takes list)"
                                        : "take \(which) chưa lưu bằng \(save) (vẫn còn trong danh sách take)",
                                english ? "quit? y/n" : "thoát? y/n")
                    }()
            case .restart where generatingTake == nil:
                // The take finished while the question was up: what is left to ask is whether to compose the new text.
                let id = finishedWhileAsked.map { " \($0)" } ?? ""
                (stake, ask) = english ? ("take\(id) is finished", "compose a new take now? Enter/y, Esc no")
                                       : ("take\(id) đã xong", "tạo take mới ngay? Enter/y, Esc không")
            case .restart:
                // Named: the take being composed need not be the one selected.
                let id = generatingTake.map { " \($0)" } ?? ""
                // The question goes on the side that is never cut (at 80 columns "… and compo…" lost it).
                // "(stopped, it is kept …)" read as if it had already been stopped.
                (stake, ask) = english ? ("take\(id) is still being composed (if stopped, kept as a partial take)", "compose anew? Enter/y, Esc no")
                                       : ("take\(id) đang được tạo (dừng thì giữ lại, dở dang)", "tạo lại? Enter/y, Esc không")
            case .deleteComposing:
                (stake, ask) = english ? ("take \(generatingTake ?? 0) is still being composed", "stop and delete it? y/n")
                                       : ("take \(generatingTake ?? 0) vẫn đang được tạo", "dừng và xoá? y/n")
            }
            let room = width - 2 - DisplayWidth.of(ask) - 3
            if DisplayWidth.of(stake) > room, height >= 8, !showHelp {
                // On two lines where one would cut what is at stake (below 80 columns "chưa lưu bằng s (vẫn còn
                // trong…" lost where the takes are kept), the first over the roll's lower border, as a long notice.
                grid.fill(Grid.Rect(x: 0, y: height - 2, width: width, height: 1), role: "status.question")
                grid.put(" " + Grid.truncated(stake + " —", columns: width - 2), x: 0, y: height - 2, role: "status.question")
                grid.put(" " + Grid.truncated(ask, columns: width - 2) + " ", x: 0, y: height - 1, role: "status.question")
            } else {
                let question = room >= 8 ? Grid.truncated(stake, columns: room) + " — " + ask : Grid.truncated(ask, columns: width - 2)
                // A question is no error: a colour of its own (it was the errors' red).
                grid.put(" " + question + " ", x: 0, y: height - 1, role: "status.question")
            }
        } else if let renaming {
            // The name is edited in the takes list; this line says so, and how to leave.
            let full = renaming.editor.characters.count >= Self.nameLimit
            let method = renaming.editor.inputMethod.map { " (\($0.kind.rawValue))" } ?? ""
            let toggle = keys.bindings.first { $0.action == .toggleInputMethod }.map { "  \($0.key) Telex/VNI/" + (english ? "off" : "tắt") } ?? ""
            let prompt = english
                ? "renaming take \(renaming.take)\(method): Enter keeps  Esc cancels  Ctrl-U clears" + toggle + (full ? "  (80 characters: full)" : "")
                : "đổi tên take \(renaming.take)\(method): Enter giữ  Esc huỷ  Ctrl-U xoá hết" + toggle + (full ? "  (đã đủ 80 ký tự)" : "")
            grid.put(" " + Grid.truncated(prompt, columns: width - 2), x: 0, y: height - 1, role: "status.key")
        } else if let error {
            putMessage(&grid, error, role: "status.error", width: width, height: height)
        } else if let notice {
            // The whole notice on two lines where it fits in them, else the short one an opened file has.
            let shown = Self.messageLines(notice, columns: width - 2).count > 2 && narrowNotice?.full == notice
                ? narrowNotice?.short ?? notice : notice
            putMessage(&grid, shown, role: "status.key", width: width, height: height)
        } else if let (id, name) = filesBeingRead.min(by: { $0.key < $1.key }) {
            let more = filesBeingRead.count > 1 ? (english ? " (and \(filesBeingRead.count - 1) more)" : " (và \(filesBeingRead.count - 1) tệp nữa)") : ""
            let line = (english ? "opening \(name) as take \(id)…" : "đang mở \(name) thành take \(id)…") + more
            grid.put(" " + Grid.fittingPaths(line, columns: width - 2), x: 0, y: height - 1, role: "status.key")
        } else {
            let shownFocus = layout.takes == nil && takesOverlay ? .takes : focus
            // One column short of the width: the terminal's bottom-right cell cannot be written without scrolling.
            grid.put(keys.statusLine(english: english, width: width - 1, focus: shownFocus,
                                     seedRow: selectedParameter == .seed, noBigSteps: !Parameters.hasBigSteps(selectedParameter),
                                     openedRow: shownFocus == .takes && currentTake?.primer?.opened == true,
                                     continuesOpened: currentTake?.primer?.opened == true), x: 0, y: height - 1,
                     role: "status.text")
        }
        if layout.compact, focus == .parameters {
            grid.fill(layout.parameters, role: "help.text")
            panelBox(&grid, layout.parameters, title: parametersTitle, panel: .parameters)
            drawParameters(&grid, layout.parameters.padded)
        }
        if layout.takes == nil, takesOverlay || focus == .takes {
            grid.fill(layout.takesOverlay, role: "help.text")
            panelBox(&grid, layout.takesOverlay, title: "Takes", panel: .takes)
            drawTakes(&grid, layout.takesOverlay.padded)
        }
        drawOpening(&grid, width: width, height: height)
        if showHelp { drawHelp(&grid, width: width, height: height) }
        if showMessages { drawMessages(&grid, width: width, height: height) }
        return grid
    }

    /// An error or notice on the status line. One wider than the line goes on two, the first over the roll's lower
    /// border until the next key replaces it (at 80 columns "…32 nốt của nhạc cụ khác chơi…" lost the instrument
    /// the notes were played with, and "không xuất WAV: take dài 9:59:…" the reason); the second line is cut, its
    /// paths shortened first, where two are not enough.
    func putMessage(_ grid: inout Grid, _ text: String, role: String, width: Int, height: Int) {
        // Paths shortened as far as two lines need (a long path alone on the second line left "cannot read" on the
        // first and still cut the reason).
        let columns = width - 2
        var lines = Self.messageLines(text, columns: columns)
        // Cut where two lines cannot hold it: it then ends with the key that shows it whole (`m`).
        var cut = false
        if lines.count > 2 || (lines.count == 2 && DisplayWidth.of(lines[0]) * 2 < columns) {
            cut = Self.isCut(Grid.fittingPaths(text, columns: 2 * columns - 8), from: text)
            let shortened = Grid.fittingPaths(text, columns: 2 * columns - 8 - (cut ? DisplayWidth.of(messagesHint) : 0))
            lines = Self.messageLines(shortened, columns: columns)
            if lines.count > 2 || DisplayWidth.of(lines[0]) * 2 < columns {
                // Broken where the first line is full, inside a word if need be.
                let characters = Array(shortened)
                let first = Grid.head(characters[...], columns: columns)
                lines = [String(first), String(characters[first.endIndex...])]
            }
        }
        // Not under the help, which covers the line above the status line (only the tail of a notice showed).
        guard lines.count > 1, height >= 8, !showHelp, DisplayWidth.of(lines[0]) <= columns else {
            grid.put(" " + fittedMessage(text, columns: columns) + " ", x: 0, y: height - 1, role: role)
            return
        }
        grid.fill(Grid.Rect(x: 0, y: height - 2, width: width, height: 1), role: role)
        grid.put(" " + lines[0], x: 0, y: height - 2, role: role)
        grid.put(" " + fittedMessage(lines.dropFirst().joined(separator: " "), columns: width - 2, cut: cut) + " ",
                 x: 0, y: height - 1, role: role)
    }

    /// `text` broken at spaces into lines of at most `columns` display columns. A word wider than a line, or a long
    /// path, is broken after a "/", "-" or "_" where one falls in the line, filling the line it starts on, else where
    /// the line is full ("…-thu-tho" / "ng-bao-loi" broke a word of the path in two; a path alone on a line left
    /// "cannot read" alone on the one before).
    static func messageLines(_ text: String, columns: Int) -> [String] {
        guard DisplayWidth.of(text) > columns, columns > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let joined = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(joined) <= columns {
                line = joined
            } else if DisplayWidth.of(word) <= columns, !word.contains("/") || DisplayWidth.of(word) * 3 <= columns {
                lines.append(line)
                line = word
            } else {
                var current = line.isEmpty ? "" : line + " "
                // Widths counted once, character by character (a 10,000-character message took a second a frame).
                let characters = Array(word)
                let widths = characters.map { DisplayWidth.of(String($0)) }
                var start = 0, restWidth = widths.reduce(0, +)
                while DisplayWidth.of(current) + restWidth > columns {
                    let room = columns - DisplayWidth.of(current)
                    var used = 0, end = start, lastBreak: Int?
                    while end < characters.count, used + widths[end] <= room {
                        used += widths[end]
                        if "/-_".contains(characters[end]) { lastBreak = end + 1 }
                        end += 1
                    }
                    // Where no break falls in what is left of a line that holds words already, the next line starts
                    // with the word; on a line of its own, it is cut where the line is full (one character at least).
                    let cut = lastBreak ?? (current.isEmpty ? max(end, start + 1) : start)
                    current += String(characters[start..<cut])
                    lines.append(current.hasSuffix(" ") ? String(current.dropLast()) : current)
                    current = ""
                    restWidth -= widths[start..<cut].reduce(0, +)
                    start = cut
                }
                line = current + String(characters[start...])
            }
        }
        return lines + [line]
    }

    /// The pitch classes the roll marks: the scale of the current take's planned key when its model follows a
    /// chord plan ("Eb minor …"), else C major or minor by the target's valence, as the older model's controls play.
    var keyScale: Set<Int> {
        let words = currentTake?.harmony?.split(separator: " ") ?? []
        if words.count >= 2, let tonic = ChordPlan.tonic(named: String(words[0])) {
            return Self.scale(tonic: tonic, minor: words[1] == "minor")
        }
        // An opened file (no plan, and its title names no key): the key its notes are in, found when it was opened.
        if currentTake?.primer?.opened == true, let ownKey = currentTake?.ownKeyScale { return ownKey }
        return Self.scale(tonic: 0, minor: (target?.valence ?? 0) < 0)
    }

    /// The pitch classes the roll marks for a key: its major scale, or its natural minor with the leading tone.
    static func scale(tonic: Int, minor: Bool) -> Set<Int> {
        Set((minor ? MusicalControls.minorScale.union([11]) : MusicalControls.majorScale).map { ($0 + tonic) % 12 })
    }

    /// The scale of the key `notes` are in, as a continuation finds it (an opened A-minor melody was marked in C
    /// minor, its A and E left out); nil for no notes. Found once, when a file is opened or read back (it was found
    /// on every frame drawn).
    static func foundKeyScale(of notes: [EventVocabulary.DecodedNote]) -> Set<Int>? {
        guard !notes.isEmpty else { return nil }
        let found = MusicalFeatures(notes: notes)
        return scale(tonic: found.keyTonic, minor: found.keyMode == .minor)
    }

    func panelBox(_ grid: inout Grid, _ rect: Grid.Rect, title: String, panel: Panel) {
        let focused = focus == panel
        grid.box(rect, title: title, borderRole: focused ? "panel.border.focus" : "panel.border",
                 titleRole: focused ? "panel.title.focus" : "panel.title")
    }

    /// Where the text row starts so the cursor stays visible on `columns` columns: the first character shown,
    /// the columns scrolled off before it, and the cursor's column on the row.
    /// The character at the cursor is kept in view with it (scrolled to the right edge, it fell just outside the row,
    /// and the letter after the insertion point was never seen).
    /// Found from the cursor back, a row's worth of characters: counted from the text's start, every frame of a
    /// 10,000-character text took 30 ms in it, and each key showed 30–130 ms late.
    func editorScroll(columns: Int) -> (start: Int, cursor: Int) {
        let under = editor.cursor < editor.characters.count ? editor.columns(of: editor.characters[editor.cursor]) : 0
        var start = editor.cursor, offset = 0
        while start > 0 {
            let width = editor.columns(of: editor.characters[start - 1])
            guard offset + width + under <= columns else { break }
            offset += width
            start -= 1
        }
        return (start, offset)
    }

    /// The columns of text scrolled off the row's left side (for a click on the row).
    func editorHiddenColumns(columns: Int) -> Int {
        editor.characters[..<editorScroll(columns: columns).start].reduce(0) { $0 + editor.columns(of: $1) }
    }

    /// The text on one row, each line break shown as a dim " ⏎ " (the editor counts it as that many columns).
    func drawEditor(_ grid: inout Grid, _ rect: Grid.Rect) {
        // Scrolled so that the cursor has a column after the text; drawn to the row's last column (the one left for
        // the cursor stayed blank before ▸ while the text went on past it).
        let scroll = editorScroll(columns: rect.width - 1)
        let columns = rect.width
        var x = rect.x
        var run = ""
        func flush() {
            grid.put(run, x: x, y: rect.y, role: "text", maxWidth: max(rect.x + columns - x, 0))
            x += DisplayWidth.of(run)
            run = ""
        }
        var shownColumns = 0
        var hiddenAfter = false
        for character in editor.characters[scroll.start...] {
            let width = editor.columns(of: character)
            guard shownColumns + width <= columns else {
                hiddenAfter = true
                break
            }
            shownColumns += width
            guard character == "\n" else {
                run.append(character)
                continue
            }
            flush()
            grid.put(" ⏎ ", x: x, y: rect.y, role: "text.dim", maxWidth: max(rect.x + columns - x, 0))
            x += LineEditor.lineBreakColumns
        }
        flush()
        // Text scrolled out of the row on either side is marked in the padding columns beside it.
        if scroll.start > 0 { grid.put("◂", x: rect.x - 1, y: rect.y, role: "text.dim") }
        if hiddenAfter { grid.put("▸", x: rect.x + rect.width, y: rect.y, role: "text.dim") }
        if focus == .text {
            let cursorX = rect.x + scroll.cursor
            let under = cursorX < rect.x + rect.width ? grid[cursorX, rect.y].text : " "
            grid.put(under.isEmpty || under == " " ? " " : under, x: cursorX, y: rect.y, role: "text.cursor")
        }
    }

    /// A one-row field (a take's name being edited, the `o` prompt's path) on `columns` columns: what it shows — the
    /// whole text where it fits, else a part around the cursor, "◂" where its start is cut and "▸" where its end is —
    /// and the cursor's column in that. The fields drew the cursor after the text whatever ←→ and Home had done, so a key went where nothing
    /// showed it would.
    static func fieldView(_ characters: [Character], cursor: Int, columns: Int) -> (text: String, cursor: Int) {
        let widths = characters.map { DisplayWidth.of($0) }
        let before = widths[..<cursor].reduce(0, +)
        if widths.reduce(0, +) + 1 <= columns { return (String(characters), before) }
        // The cursor's cell is as wide as the character under it (one past the end); one column is kept for "▸".
        let under = cursor < widths.count ? widths[cursor] : 1
        let room = columns - 1
        var start = 0, hidden = 0
        while start < cursor, 1 + before - hidden + under > room {
            hidden += widths[start]
            start += 1
        }
        var text = start > 0 ? "◂" : "", used = start > 0 ? 1 : 0, index = start
        while index < characters.count, used + widths[index] + (index == characters.count - 1 ? 1 : 0) <= room {
            text.append(characters[index])
            used += widths[index]
            index += 1
        }
        if index < characters.count { text += "▸" }
        return (text, (start > 0 ? 1 : 0) + before - hidden)
    }

    /// Draws the cursor of a field at `x`, over the character there.
    static func drawFieldCursor(_ grid: inout Grid, x: Int, y: Int) {
        let under = x < grid.width ? grid[x, y].text : " "
        grid.put(under.isEmpty || under == " " ? " " : under, x: x, y: y, role: "text.cursor")
    }

    /// The first row a list shows, `fit` rows at a time: the one it showed (`stored`), moved as little as brings
    /// `selected` into view, and never past the end.
    static func firstShown(stored: Int, selected: Int, fit: Int, count: Int) -> Int {
        guard fit < count else { return 0 }
        var first = min(max(stored, 0), count - fit)
        if selected < first { first = selected } else if selected >= first + fit { first = selected - fit + 1 }
        return min(max(first, 0), count - fit)
    }

    /// The first parameter row shown when only `rows` fit: the selected row is always in view.
    func parametersOffset(rows: Int) -> Int {
        Self.firstShown(stored: parametersFirst, selected: selectedParameter.rawValue, fit: max(rows, 1),
                        count: Parameters.Name.allCases.count)
    }

    /// The selected take's place in the list, newest first (0 when none is selected).
    var selectedTakeRow: Int {
        selectedTake.flatMap { id in takes.reversed().firstIndex { $0.id == id } } ?? 0
    }

    /// Rows a take takes in a list `width` columns wide: its name, and its details on a row of their own when one
    /// row would cut the name short (the 48-column overlay at 96 columns showed "Tôi buồn…" where the 40-column one
    /// at 80 showed the whole sentence).
    static func rowsPerTake(width: Int) -> Int { width >= 60 ? 1 : 2 }

    func drawParameters(_ grid: inout Grid, _ rect: Grid.Rect) {
        let offset = parametersOffset(rows: rect.height)
        for (index, name) in Parameters.Name.allCases.enumerated().dropFirst(offset) where index - offset < rect.height {
            var (label, value) = parameters.row(name, english: english)
            // The instrument's name whole ("instrument   0 Acoustic Grand…" at 120 columns): the label shortened, then
            // the number left out.
            let fits = { DisplayWidth.of(value) <= rect.width - DisplayWidth.of(label) - 3 }
            if name == .program, english, !fits() { label = "instr." }
            if name == .program, !fits() { value = GeneralMIDI.name(ofProgram: parameters.program) }
            let selected = focus == .parameters && name == selectedParameter
            let role = flashing == name ? "param.changed" : selected ? "param.selected" : "param.label"
            let marker = name == selectedParameter ? "▸ " : "  "
            let valueShown = Grid.truncated(value, columns: rect.width - DisplayWidth.of(label) - 3)
            let gap = max(rect.width - 2 - DisplayWidth.of(label) - DisplayWidth.of(valueShown), 1)
            grid.put(marker + label + String(repeating: " ", count: gap) + valueShown, x: rect.x, y: rect.y + index - offset,
                     role: role, maxWidth: rect.width)
        }
    }

    /// The takes panel's rows: the list, and under it, while the panel has focus, the selected take's settings and
    /// the lines they are shown on (two takes of one text differed on screen by their seeds alone: key, T, w and
    /// tempo were known only from `camxuc info`).
    func takesArea(_ rect: Grid.Rect) -> (list: Grid.Rect, settings: (rect: Grid.Rect, lines: [String])?) {
        guard focus == .takes, let take = currentTake, rect.height >= 5 else { return (rect, nil) }
        // More rows where one would cut it and the panel has room (the 30-column side panel cut the tempo): two from
        // 8 rows, three from 12.
        // The seed, where the list's details row leaves it out (the 30-column side panel at 110 columns showed no
        // seed for any take, where the wider overlay under 110 showed it).
        // Which the list decides for all its rows (take 3's short seed was taken for shown where the rows left every
        // seed out): asked of the list as it is with the seed among the settings.
        let most = rect.height >= 12 ? 3 : rect.height >= 8 ? 2 : 1
        var settings = takeSettings(take, withSeed: true)
        if Self.rowsPerTake(width: rect.width) == 1 {
            settings = takeSettings(take, withSeed: false)
        } else {
            var list = rect
            list.height -= min(Self.wrapped(settings, width: rect.width, rows: .max).count, most)
            let level = listShape(list).level
            if level < 3, takeDetails(take, leavingOut: level).contains("seed ") {
                settings = takeSettings(take, withSeed: false)
            }
        }
        let all = Self.wrapped(settings, width: rect.width, rows: .max)
        var rows = min(all.count, most)
        // A row the list cannot use (two rows a take) goes to the settings where they need it (it stayed empty above
        // "seed 17929 · nhiệt…").
        if all.count > rows { rows = min(all.count, rows + (rect.height - rows) % Self.rowsPerTake(width: rect.width)) }
        var list = rect
        list.height -= rows
        return (list, (Grid.Rect(x: rect.x, y: rect.y + rect.height - rows, width: rect.width, height: rows),
                       rows == all.count ? all : Self.wrapped(settings, width: rect.width, rows: rows)))
    }

    /// `text`'s " · "-separated parts on at most `rows` lines of `width` columns, a part never split between lines.
    /// A part wider than a line that lists an arc's keys ("G# thứ → Ab trưởng → G# thứ") breaks after its arrows (the
    /// 22-column side panel cut it after the first key).
    static func wrapped(_ text: String, width: Int, rows: Int) -> [String] {
        var lines: [String] = [""]
        var parts: [(text: String, separator: String)] = []
        for part in text.components(separatedBy: " · ") {
            let keys = part.components(separatedBy: " → ")
            if DisplayWidth.of(part) > width, keys.count > 1 {
                parts.append((keys[0] + " →", " · "))
                parts += keys.dropFirst().enumerated().map { ($1 + ($0 < keys.count - 2 ? " →" : ""), " ") }
            } else {
                parts.append((part, " · "))
            }
        }
        var cut = false
        for (part, separator) in parts {
            let joined = lines[lines.count - 1].isEmpty ? part : lines[lines.count - 1] + separator + part
            if DisplayWidth.of(joined) <= width || lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = joined
            } else if lines.count < rows {
                lines.append(part)
            } else {
                cut = true
                break
            }
        }
        // The last row ends after a whole part ("nhiệt…" was "nhiệt độ 1.00" cut).
        if cut { lines[lines.count - 1] = cutAtItem(lines[lines.count - 1] + " · …", columns: width) }
        return lines.map { Grid.truncated($0, columns: width) }
    }

    /// "3: D minor · temperature 0.90 · tempo set ×0.80 · 40 Violin · guidance 3.0": what the selected take was made with (top-k, top-p
    /// and guidance only where they are not the defaults).
    func takeSettings(_ take: TakeEntry, withSeed: Bool = false) -> String {
        var parts: [String] = []
        if take.primer?.opened == true {
            // Two parts, so that a narrow panel cuts after a whole one ("tệp đã mở, 24…").
            parts.append(english ? "opened file" : "tệp đã mở")
            parts.append("\(take.notes.count) " + (english ? "notes" : "nốt"))
            // What a CamXuc file says it was made with: its key, seed and temperature.
            if let key = take.keySignature?.name {
                parts.append(english ? key : key.replacingOccurrences(of: " major", with: " trưởng").replacingOccurrences(of: " minor", with: " thứ"))
            }
            if let sampling = take.fileSampling {
                if withSeed { parts.append("seed \(sampling.seed)") }
                parts.append((english ? "temperature " : "nhiệt độ ") + String(format: "%.2f", sampling.temperature))
            }
        } else {
            // Every key of an arc's plans, each once where it follows itself ("C thứ → C trưởng"): the first alone
            // said a take going from C minor to C major was in C minor.
            var keys: [String] = []
            for segment in (take.harmony ?? "").components(separatedBy: " → ") {
                let words = segment.split(separator: " ")
                guard words.count >= 2, ["major", "minor"].contains(words[1]) else { continue }
                let key = english ? "\(words[0]) \(words[1])" : "\(words[0]) " + (words[1] == "major" ? "trưởng" : "thứ")
                if keys.last != key { keys.append(key) }
            }
            if !keys.isEmpty { parts.append(keys.joined(separator: " → ")) }
            if let used = take.parameters {
                let row = { (name: Parameters.Name) in used.row(name, english: self.english).1 }
                // The temperature always, the tempo and instrument where changed, then the other samplers where they
                // are not the defaults: what is cut at a narrow panel's edge is the least heard.
                // In the Parameters panel's words ("T" and "w" meant nothing beside "nhiệt độ" and "hướng dẫn"); the
                // tempo as set by hand (the roll's title gives it times the emotion's).
                let defaults = Parameters()
                // The seed first, where the list leaves it out: it makes the take again (put last, it was always cut
                // at the side panel's two rows).
                if withSeed { parts.append("seed \(used.seed)") }
                parts.append(used.row(.temperature, english: english).0 + " " + row(.temperature))
                if used.tempoScale != 1 { parts.append((english ? "tempo set " : "nhịp chỉnh ") + row(.tempo)) }
                if used.program != 0 { parts.append(row(.program)) }
                if used.guidance != defaults.guidance { parts.append(used.row(.guidance, english: english).0 + " " + row(.guidance)) }
                if used.topK != defaults.topK { parts.append("k " + row(.topK)) }
                if used.topP != defaults.topP { parts.append("p " + row(.topP)) }
            }
            if let text = take.text, !text.isEmpty, text != take.title { parts.append("“" + text.replacingOccurrences(of: "\n", with: " ⏎ ") + "”") }
        }
        return "\(take.id): " + parts.joined(separator: " · ")
    }

    /// Which take sits on which row of `rect`: newest first, one row each on a wide list and two (name, then
    /// details) on a narrow one, scrolled so the selected take is in view.
    func takeRows(_ rect: Grid.Rect) -> [(id: Int, row: Int, details: Bool)] {
        let perTake = Self.rowsPerTake(width: rect.width)
        let fit = max(rect.height / perTake, 1)
        let newestFirst = takes.reversed().map(\.id)
        let first = Self.firstShown(stored: takesFirst, selected: selectedTakeRow, fit: fit, count: newestFirst.count)
        var rows: [(Int, Int, Bool)] = []
        for (offset, id) in newestFirst.dropFirst(first).prefix(fit).enumerated() {
            rows.append((id, offset * perTake, false))
            if perTake == 2 { rows.append((id, offset * perTake + 1, true)) }
        }
        return rows
    }

    /// "0:30 · seed 408959 · Δ0.21 ✓": a take's length, seed, the judge's distance from its target, saved or partial.
    /// An opened file was made for no target (its target is where the judge places it), so it has no distance.
    /// Narrower than `columns`, whole fields are left out (the emotion the text was read as, then the distance, then
    /// parameter changes, then the seed, which the settings under the list then give for the selected take, then an
    /// emotion chosen by hand, which tells a class's take from the model's in A/B), never a part of a number; what
    /// still does not fit ends in "…".
    func takeDetails(_ take: TakeEntry, columns: Int = .max, leavingOut level: Int = 0) -> String {
        // (text, the order fields are left out in: 0 never), joined by " · " (the saved mark by a space).
        var parts: [(text: String, dropOrder: Int)] = [(Self.clock(take.notesEnd), 0)]
        // An emotion chosen by hand (1–7) is named: a class's take and the model's of one sentence looked alike in
        // A/B, the same text and a seed apiece.
        // Left out last: where the rows leave the seed out, the settings under the list give the selected take's.
        if let chosen = take.chosenEmotion { parts.append(((english ? "chosen: " : "chọn: ") + emotionName(chosen), 5)) }
        // And the model's reading where that gave the point, so that the two are told apart both ways.
        else if let read = take.readEmotion { parts.append(((english ? "read: " : "đọc: ") + emotionName(read), 1)) }
        if let seed = take.parameters?.seed ?? take.fileSampling?.seed { parts.append(("seed \(seed)", 4)) }
        if let judged = take.judged, take.primer?.opened != true, !take.isFromElsewhere {
            let distance = ((judged.valence - take.target.valence) * (judged.valence - take.target.valence)
                + (judged.arousal - take.target.arousal) * (judged.arousal - take.target.arousal)).squareRoot()
            parts.append(("Δ" + String(format: "%.2f", distance), 2))
        }
        if !take.parameterChanges.isEmpty {
            // Kept after Δ, as README says (the change count went first and Δ stayed).
            parts.append(((english ? "changed " : "đổi ") + "\(max(take.parameterChanges.count - 1, 1))×", 3))
        }
        if take.partial { parts.append((english ? "partial" : "dở dang", 0)) }
        // First, where the narrow takes panel cannot cut it ("chưa ghi…" read as something else).
        if take.unkept { parts.insert((english ? "not kept!" : "chưa ghi được!", 0), at: 0) }
        func joined() -> String { parts.map(\.text).joined(separator: " · ") + (take.saved ? " ✓" : "") }
        parts.removeAll { $0.dropOrder > 0 && $0.dropOrder <= level }
        var line = joined()
        while DisplayWidth.of(line) > columns, let drop = parts.indices.filter({ parts[$0].dropOrder > 0 })
            .min(by: { parts[$0].dropOrder < parts[$1].dropOrder }) {
            parts.remove(at: drop)
            line = joined()
        }
        return Grid.truncated(line, columns: max(columns, 0))
    }

    /// How many of the details' fields `takeDetails` leaves out of `take`'s row at `columns` (as its `level`): the
    /// list's rows all leave out as many as the fullest needs, so that every row shows the same fields (a 9-digit
    /// seed was left out of its row while the rows around it showed theirs, and Δ only beside 4-digit seeds).
    func detailsLevel(_ take: TakeEntry, columns: Int) -> Int {
        (0...4).first { DisplayWidth.of(takeDetails(take, leavingOut: $0)) <= columns } ?? 5
    }

    func drawTakes(_ grid: inout Grid, _ whole: Grid.Rect) {
        let (rect, settings) = takesArea(whole)
        if let settings {
            for (row, line) in settings.lines.enumerated() {
                grid.put(line, x: settings.rect.x, y: settings.rect.y + row, role: "panel.title")
            }
        }
        if takes.isEmpty {
            grid.put(Grid.truncated(english ? "no takes yet" : "chưa có take", columns: rect.width),
                     x: rect.x, y: rect.y, role: "takes.item")
        }
        let (rows, aboveCount, belowCount, lastRow, level) = listShape(rect)
        for (id, row, details) in rows {
            guard let take = takes.first(where: { $0.id == id }) else { continue }
            let fullWidth = rect.width
            var rect = rect
            rect.width = rowWidth(rect, row: row, lastRow: lastRow, above: aboveCount, below: belowCount)
            let selected = take.id == selectedTake
            let mark = rowMark(take)
            let role = selected && focus == .takes ? "takes.selected" : playing == take.id ? "takes.playing" : "takes.item"
            if details {
                // The selected and the playing take's rows coloured across the panel (the two rows of one take ended
                // at different columns).
                let details = "    " + takeDetails(take, columns: rect.width - 4, leavingOut: level)
                grid.put(role == "takes.item" ? details : Self.padded(details, to: fullWidth), x: rect.x, y: rect.y + row,
                         role: role == "takes.item" ? "panel.border" : role, maxWidth: fullWidth)
                continue
            }
            let prefix = rowPrefix(take)
            if let renaming, renaming.take == take.id {
                let room = max(rect.width - DisplayWidth.of(prefix) - 1, 1)
                // A name longer than the row shows the part around the cursor, marked as the text field marks it.
                let shown = Self.fieldView(renaming.editor.characters, cursor: renaming.editor.cursor, columns: room)
                // Drawn as a text being typed, not as the selected row, whose colours the cursor cell has in every
                // theme (the cursor could not be seen).
                grid.put(prefix + shown.text, x: rect.x, y: rect.y + row, role: "text", maxWidth: rect.width)
                Self.drawFieldCursor(&grid, x: rect.x + DisplayWidth.of(prefix) + shown.cursor, y: rect.y + row)
                continue
            }
            let suffix = rows.contains(where: { $0.id == id && $0.details }) ? mark
                : " " + takeDetails(take, columns: oneLineDetailsRoom(take, width: rect.width), leavingOut: level) + mark
            let room = rect.width - DisplayWidth.of(prefix) - DisplayWidth.of(suffix) - 1
            let line = prefix + Grid.truncated(take.title, columns: max(room, 1)) + suffix
            // Coloured to the panel's edge on a row with "▲ n" or "▼ n" too (drawn over it after).
            grid.put(role == "takes.item" ? line : Self.padded(line, to: fullWidth), x: rect.x, y: rect.y + row, role: role,
                     maxWidth: fullWidth)
        }
        if aboveCount > 0 {
            let label = "▲ \(aboveCount)"
            grid.put(label, x: rect.x + rect.width - DisplayWidth.of(label), y: rect.y, role: "panel.title")
        }
        if belowCount > 0 {
            let label = "▼ \(belowCount)"
            grid.put(label, x: rect.x + rect.width - DisplayWidth.of(label), y: rect.y + rect.height - 1, role: "panel.title")
        }
    }

    /// The takes list in `rect`: which take is on which row, how many are above and below the rows shown ("▲ n" and
    /// "▼ n" at the panel's right edge, which the first and last rows leave room for), and how many of the details'
    /// fields every row shown leaves out (one set of fields for all).
    func listShape(_ rect: Grid.Rect) -> (rows: [(id: Int, row: Int, details: Bool)], above: Int, below: Int, lastRow: Int, level: Int) {
        let rows = takeRows(rect)
        let shownIDs = Set(rows.map(\.id))
        let newestFirst = takes.reversed().map(\.id)
        let above = newestFirst.firstIndex { shownIDs.contains($0) } ?? 0
        let below = newestFirst.lastIndex { shownIDs.contains($0) }.map { newestFirst.count - 1 - $0 } ?? 0
        let lastRow = rows.map(\.row).max() ?? 0
        let level = rows.compactMap { row -> Int? in
            guard let take = takes.first(where: { $0.id == row.id }) else { return nil }
            let width = rowWidth(rect, row: row.row, lastRow: lastRow, above: above, below: below)
            if row.details { return detailsLevel(take, columns: width - 4) }
            guard !rows.contains(where: { $0.id == row.id && $0.details }) else { return nil }
            return detailsLevel(take, columns: oneLineDetailsRoom(take, width: width))
        }.max() ?? 0
        return (rows, above, below, lastRow, level)
    }

    /// `text` with spaces after it up to `width` columns.
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    /// A takes row's width: the first and last leave room for "▲ n" and "▼ n".
    func rowWidth(_ rect: Grid.Rect, row: Int, lastRow: Int, above: Int, below: Int) -> Int {
        var width = rect.width
        if row == 0, above > 0 { width -= DisplayWidth.of("▲ \(above)") + 1 }
        if row == lastRow, row == rect.height - 1, below > 0 { width -= DisplayWidth.of("▼ \(below)") + 1 }
        return width
    }

    /// " ▶" playing, " ⏸" paused (the takes overlay covers the roll's title, and a paused take looked stopped),
    /// " …" being composed; A and B.
    func rowMark(_ take: TakeEntry) -> String {
        var mark = playing == take.id ? " ▶" : playing == nil && paused?.take == take.id ? " ⏸" : ""
        if !take.finished { mark += " …" }
        if markA == take.id { mark += " A" }
        if markB == take.id { mark += " B" }
        return mark
    }

    /// "▸ 3 ": a takes row's start, ✎ while the take is renamed, ▸ where it is selected.
    func rowPrefix(_ take: TakeEntry) -> String {
        (renaming?.take == take.id ? "✎ " : take.id == selectedTake ? "▸ " : "  ") + "\(take.id) "
    }

    /// On one line the title keeps at least 12 columns (or all of itself) and the details fit the rest.
    func oneLineDetailsRoom(_ take: TakeEntry, width: Int) -> Int {
        return width - DisplayWidth.of(rowPrefix(take)) - DisplayWidth.of(rowMark(take)) - 2 - min(DisplayWidth.of(take.title), 12)
    }

    /// The seconds a take composes, as it was asked when it started (a length set since is for the next take).
    func composedSeconds(of take: TakeEntry) -> Double {
        take.continuationSeconds ?? take.parameters?.lengthSeconds ?? parameters.lengthSeconds
    }

    /// How long a take heard runs: to its last note, or, while it is being composed, to the length asked for (after
    /// its primer, if any).
    func heardLength(of take: TakeEntry) -> Double {
        let length = take.notesEnd
        guard generatingTake == take.id else { return length }
        return max(length, (take.primer?.continuationStartSeconds ?? 0) + composedSeconds(of: take))
    }

    /// The roll's title; where it is wider than `columns`, the plan's chords are cut to four, then left out (at 120
    /// columns eight of them pushed the target and the sampling values, "◆ … ─ T … · g 2.5", off the title).
    func rollTitle(columns: Int = .max) -> String {
        let title = rollTitle(chords: nil)
        guard DisplayWidth.of(title) > columns, let take = currentTake else { return title }
        // An opened file's title is its name: cut as text.
        if take.primer?.opened == true || take.isFromElsewhere { return title }
        guard take.harmony != nil else { return Self.cutAtItem(title, columns: columns) }
        // Then the velocity range (at 120 columns the seed's number was still cut, "seed…").
        for (chords, velocity) in [(4, true), (0, true), (0, false)] {
            let shorter = rollTitle(chords: chords, velocity: velocity)
            if DisplayWidth.of(shorter) <= columns || !velocity { return Self.cutAtItem(shorter, columns: columns) }
        }
        return title
    }

    /// `title` cut after its last whole item (" ─ " and " · " part them) that fits in `columns` with " …": a value is
    /// shown whole or not at all ("nhịp ×1.0…" read as "about 1.0", "seed 9876…" was another seed, "g…" had no value).
    static func cutAtItem(_ title: String, columns: Int) -> String {
        guard DisplayWidth.of(title) > columns else { return title }
        var best: Substring?
        var searchFrom = title.startIndex
        while let separator = title.range(of: #" [─·] "#, options: .regularExpression, range: searchFrom..<title.endIndex) {
            let prefix = title[..<separator.lowerBound]
            guard DisplayWidth.of(String(prefix)) + 2 <= columns else { break }
            best = prefix
            searchFrom = separator.upperBound
        }
        // After a number, a space first: "×1.06…" read as a number cut.
        return best.map { $0 + ($0.last?.isNumber == true ? " …" : "…") } ?? Grid.truncated(title, columns: columns)
    }

    func rollTitle(chords: Int?, velocity: Bool = true) -> String {
        guard let take = currentTake else { return "Piano roll" }
        var title = "Piano roll ─ take \(take.id)"
        if let playhead, playing == take.id {
            title += " ─ ▶ " + Self.clock(playhead) + " / " + Self.clock(heardLength(of: take)) + (looping ? " ⟳" : "")
        } else if playing == nil, let held = paused, held.take == take.id {
            // Paused: where Space goes on from.
            title += " ─ ⏸ " + Self.clock(held.seconds) + " / " + Self.clock(heardLength(of: take))
        } else if let other = playing, let playhead {
            // Another take chosen in the list while one plays: the roll shows the chosen one, and says what is heard
            // (Space stops it) — it showed no playhead, the music going on from nowhere on screen.
            title += " ─ " + (english ? "playing take \(other) ▶ " : "đang nghe take \(other) ▶ ") + Self.clock(playhead)
        } else if playing == nil, let held = paused, takes.contains(where: { $0.id == held.take }) {
            // Space paused the take heard while another was chosen: it said nothing of it, as if stopped.
            title += " ─ " + (english ? "take \(held.take) paused ⏸ " : "take \(held.take) tạm dừng ⏸ ") + Self.clock(held.seconds)
        }
        if generatingTake == take.id {
            // A continuation counts from the primer's last onset, over the seconds it composes.
            let start = take.primer?.continuationStartSeconds ?? 0
            let done = (take.notes.last.map { $0.startSeconds } ?? 0) - start
            let percent = Int(min(max(done / max(composedSeconds(of: take), 1), 0), 1) * 100)
            title += (english ? " ─ composing… " : " ─ đang tạo… ") + "\(percent)%"
        }
        if take.primer?.opened == true {
            return title + " ─ " + (english ? "opened " : "đã mở ") + take.title + (english ? " (Enter continues it)" : " (Enter để viết tiếp)")
        }
        if take.isFromElsewhere {
            // What the file itself says: its tempo, and its key signature where it has one.
            let bpm = (take.tempoMap ?? TempoMap(beatsPerMinute: 120)).beatsPerMinute(atTick: 0)
            var own = (english ? "a file from elsewhere · " : "tệp từ nơi khác · ") + String(format: "%.0f bpm", bpm)
            if let key = take.keySignature?.name {
                own += " · " + (english ? key : key.replacingOccurrences(of: " major", with: " trưởng").replacingOccurrences(of: " minor", with: " thứ"))
            }
            return title + " ─ " + own
        }
        // How the emotion became music: key and chords, tempo and loudness (what `compose` prints as controls).
        let controls = MusicalControls.derived(valence: take.target.valence, arousal: take.target.arousal)
        let keyLocked = take.parameters?.keyLock ?? parameters.keyLock
        var made: String
        if let harmony = take.harmony, (take.arc?.segments.count ?? 0) > 1, harmony.contains(" → ") {
            // Along an arc each segment's key alone, a run of one key once (its chord chains filled the title at 100
            // columns, and the tempo and loudness after them were never seen; the strip and `info` have them).
            var keys: [String] = []
            for part in harmony.components(separatedBy: " → ") {
                let key = part.split(separator: " ").prefix(2).joined(separator: " ")
                if keys.last != key { keys.append(key) }
            }
            made = keys.joined(separator: " → ")
        } else if let harmony = take.harmony {
            made = harmony
            if let chords, case let words = harmony.split(separator: " ", maxSplits: 2), words.count == 3 {
                let numerals = words[2].split(separator: "–").map(String.init)
                made = words[0] + " " + words[1] + (chords == 0 ? ""
                    : " " + numerals.prefix(chords).joined(separator: "–").replacingOccurrences(of: "…", with: "")
                        + (numerals.count > chords || words[2].hasSuffix("…") ? "…" : ""))
            }
        } else {
            made = keyLocked ? MusicalFeatures.keyName(tonic: controls.keyTonic ?? 0, mode: controls.keyMode)
                             : (english ? "any key" : "mọi giọng")
            if keyLocked, let chords = controls.progressionName { made += " " + chords }
        }
        let handTempo = take.parameters?.tempoScale ?? 1
        // In Vietnamese the words too: "Eb trưởng", "nhịp", "lực" (the title mixed "Eb major · tempo · vel" in).
        if !english {
            made = made.replacingOccurrences(of: " major", with: " trưởng").replacingOccurrences(of: " minor", with: " thứ")
        }
        let (tempoWord, velocityWord) = english ? ("tempo", "vel") : ("nhịp", "lực")
        if let ranges = take.arc?.controlRanges, (take.arc?.segments.count ?? 0) > 1 {
            // Along an arc: the segments' own tempo and loudness, not the whole text's point's (a continuation keeps
            // its primer's pace along it too).
            made += take.primer == nil
                ? String(format: " · %@ ×%.2f–%.2f", tempoWord, ranges.tempo.lowerBound * handTempo, ranges.tempo.upperBound * handTempo)
                : String(format: " · %@ ×%.2f", tempoWord, handTempo)
            if velocity { made += " · \(velocityWord) \(ranges.velocity.lowerBound)–\(ranges.velocity.upperBound)" }
        } else {
            // A continuation plays at its primer's pace: only the hand's tempo scales it.
            made += String(format: " · %@ ×%.2f", tempoWord, (take.primer == nil ? controls.tempoScale : 1) * handTempo)
            if velocity, let velocities = controls.velocityRange { made += " · \(velocityWord) \(velocities.lowerBound)–\(velocities.upperBound)" }
        }
        if take.partial { made += english ? " · partial" : " · dở dang" }
        title += " ─ " + made
        // What the take was made from: its target and parameters (cut first when the title is too long).
        title += " ─ ◆ " + CircumplexPanel.signed(take.target.valence) + " " + CircumplexPanel.signed(take.target.arousal)
        if let used = take.parameters {
            // A value changed while the take was composed shows where it went ("T 1.00→1.15"): the title kept the
            // starting values alone, with no sign that the file records changes.
            var ended = used
            if let last = take.parameterChanges.last {
                (ended.temperature, ended.topK, ended.topP, ended.guidance) = (last.temperature, last.topK, last.topP, last.guidance)
            }
            let row = { (name: Parameters.Name) -> String in
                let start = used.row(name, english: self.english).1, end = ended.row(name, english: self.english).1
                return start == end ? start : start + "→" + end
            }
            // g for guidance (it was w, the why key's letter); the help's legend says what each letter is.
            title += " ─ T " + row(.temperature) + " · k " + row(.topK) + " · p " + row(.topP) + " · g " + row(.guidance)
                + " · seed \(used.seed)"
        }
        return title
    }

    static func clock(_ seconds: Double) -> String {
        // Cut as a clock cuts, but not below what the number means to a millisecond: a 5-s take whose last chord rings
        // to its end lasts 4.9997 s on its file's ticks and showed "/ 0:04".
        let whole = seconds.isNaN ? 0 : Int(min(max(seconds, 0), 1e9) + 0.001)
        func two(_ value: Int) -> String { (value < 10 ? "0" : "") + "\(value)" }
        // An hour or more as h:mm:ss, as `camxuc info` writes it (a 65-minute file showed "65:01").
        guard whole >= 3600 else { return "\(whole / 60):" + two(whole % 60) }
        return "\(whole / 3600):" + two(whole / 60 % 60) + ":" + two(whole % 60)
    }

    /// The help's lines in as many columns as `rowsAvailable` rows need: whole sections to a column where as many
    /// columns do (a little taller), so that no heading is left at the foot of one column and its keys in the next.
    /// Where whole sections do not fit, a section goes on in the next column under its heading again ("Tham số
    /// (tiếp)"): its keys at the top of a column read as keys of the section before ("0–9 gõ seed" under "Mọi nơi").
    static func helpColumns(_ lines: [String], rowsAvailable: Int, continued: String = " (tiếp)") -> [[String]] {
        let columnCount = (lines.count + rowsAvailable - 1) / rowsAvailable
        let evenRows = (lines.count + columnCount - 1) / columnCount
        let sections = lines.split(separator: "", omittingEmptySubsequences: true).map(Array.init)
        for rows in evenRows...max(rowsAvailable, evenRows) {
            var packed: [[String]] = [[]]
            for section in sections {
                let needed = section.count + (packed[packed.count - 1].isEmpty ? 0 : 1)
                if packed[packed.count - 1].count + needed > rows, !packed[packed.count - 1].isEmpty { packed.append([]) }
                if !packed[packed.count - 1].isEmpty { packed[packed.count - 1].append("") }
                packed[packed.count - 1] += section
            }
            if packed.count <= columnCount, packed.allSatisfy({ $0.count <= rows }) { return packed }
        }
        var packed: [[String]] = [[]]
        for section in sections {
            // A section starts in a column with room for its heading and a key after the blank line, else in the next.
            if !packed[packed.count - 1].isEmpty {
                if packed[packed.count - 1].count + 3 <= rowsAvailable { packed[packed.count - 1].append("") } else { packed.append([]) }
            }
            var rest = section[...]
            while !rest.isEmpty {
                let room = rowsAvailable - packed[packed.count - 1].count
                let taken = rest.count <= room ? rest.count : room
                packed[packed.count - 1] += rest.prefix(taken)
                rest = rest.dropFirst(taken)
                if !rest.isEmpty { packed.append([section[0] + continued]) }
            }
        }
        // More columns than the lines' count alone would need: the help's pages take them (split evenly to keep the
        // count, a section went on at the top of a column without its heading).
        return packed
    }

    /// What the screen's letters and marks mean, in the help where it has room (a newcomer could decode "T 1.00 · k 40
    /// · p 0.95 · w 2.5", Δ and V/A nowhere on screen).
    func helpLegend() -> [String] {
        english
            ? ["Legend", " T k p g  temperature, top-k, top-p, guidance", " Δ        from the judged ● to the target ◆",
               " V A      valence: unpleasant − / + pleasant;", "          arousal: calm − / + excited"]
            : ["Chú thích", " T k p g  nhiệt độ, top-k, top-p, hướng dẫn", " Δ        từ ● (máy nghe) tới ◆ (đích)",
               " V A      valence: khó chịu − / + dễ chịu;", "          arousal: êm − / + sôi nổi"]
    }

    /// The help's keys in columns, with the legend beside them where it fits (`legendShown`).
    func helpKeyColumns(width: Int, height: Int) -> (columns: [[String]], legendShown: Bool) {
        let keyLines = keys.helpLines(english: english)
        // Every row but the status line's (the box's borders take two): the row more makes room at 80×24 for a
        // section's heading repeated where it goes on in the next column.
        let rowsAvailable = max(height - 3, 1)
        // The legend only where the keys still fit beside it.
        let withLegend = keyLines + [""] + helpLegend()
        let continued = english ? " (cont.)" : " (tiếp)"
        let legendColumns = Self.helpColumns(withLegend, rowsAvailable: rowsAvailable, continued: continued)
        if Self.helpWidth(legendColumns) <= width - 2 { return (legendColumns, true) }
        return (Self.helpColumns(keyLines, rowsAvailable: rowsAvailable, continued: continued), false)
    }

    /// The width of a help box holding `columns`, one column of space between them.
    static func helpWidth(_ columns: [[String]]) -> Int {
        columns.map { ($0.map { DisplayWidth.of($0) }.max() ?? 0) + 1 }.reduce(0, +) + 3
    }

    /// The help's pages: the keys' columns, as many to a page as the screen's width holds (below 80 columns the
    /// third column was cut to "Cảm x", "Tham"), then the legend where no page had room for it. The help key turns
    /// the page; any other key closes.
    func helpPages(width: Int, height: Int) -> [[[String]]] {
        let (columns, legendShown) = helpKeyColumns(width: width, height: height)
        var pages: [[[String]]] = [[]]
        for column in columns {
            if !pages[pages.count - 1].isEmpty, Self.helpWidth(pages[pages.count - 1] + [column]) > width - 2 { pages.append([]) }
            pages[pages.count - 1].append(column)
        }
        return legendShown ? pages : pages + [[helpLegend()]]
    }

    func drawHelp(_ grid: inout Grid, width: Int, height: Int) {
        let pages = helpPages(width: width, height: height)
        let page = min(helpPage, pages.count - 1)
        let columns = pages[page]
        // Where the keys leave the legend no room (80×24, 100×30) it is a page of its own, the help key turning to it.
        let helpKey = keys.bindings.first { $0.action == .help }?.key ?? "F1"
        let keyPages = pages.count - (helpKeyColumns(width: width, height: height).legendShown ? 0 : 1)
        let numbered = keyPages > 1 ? " \(page + 1)/\(keyPages)" : ""
        let title = page >= keyPages ? (english ? "Legend — any key closes" : "Chú thích — bấm phím bất kỳ để đóng")
            : page == pages.count - 1 ? (english ? "Keys\(numbered) — any key closes" : "Phím\(numbered) — bấm phím bất kỳ để đóng")
            : page == keyPages - 1
            ? (english ? "Keys\(numbered) — \(helpKey) legend, any other key closes" : "Phím\(numbered) — \(helpKey) chú thích, phím khác đóng")
            : (english ? "Keys\(numbered) — \(helpKey) next page, any other key closes" : "Phím\(numbered) — \(helpKey) trang sau, phím khác đóng")
        let rowsPerColumn = columns.map(\.count).max() ?? 0
        // Two columns of space between columns where the screen has room (a long entry then does not run into the
        // next column's heading), else one.
        let longest = columns.map { $0.map { DisplayWidth.of($0) }.max() ?? 0 }
        let gap = longest.reduce(0, +) + 2 * columns.count + 3 <= width - 2 ? 2 : 1
        let widths = longest.map { $0 + gap }
        // The whole width where a column's margin would be all that is left: the panels' borders showed through it
        // on both edges at 80×24 ("┌┌", "└│").
        // Wide enough for its title too, which says how to turn the page or close it (a last page of one column cut
        // it to "Phím 3/3 — ? chú…").
        let wanted = max(widths.reduce(0, +) + 3, DisplayWidth.of(title) + 6)
        let boxWidth = wanted >= width - 4 ? width : wanted
        let boxHeight = min(rowsPerColumn + 2, height - 1)
        let rect = Grid.Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
        grid.fill(rect, role: "help.text")
        grid.box(rect, title: title, borderRole: "panel.border.focus", titleRole: "panel.title.focus")
        var x = rect.x + 2
        for (index, column) in columns.enumerated() {
            for (row, line) in column.enumerated() where row < boxHeight - 2 {
                // A section's heading (a line that does not start with a space) in the theme's help key style, so
                // that the sections stand apart (all was one style).
                let heading = !line.isEmpty && !line.hasPrefix(" ")
                grid.put(line, x: x, y: rect.y + 1 + row, role: heading ? "help.key" : "help.text",
                         maxWidth: min(widths[index], rect.x + boxWidth - 1 - x))
            }
            x += widths[index]
        }
    }
}
