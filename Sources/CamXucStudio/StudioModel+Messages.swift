import CamXucText

/// The session's messages, whole: `m` lists every error and notice the status line showed, so that one cut there
/// (an opened file's four left-out counts at 80 columns), gone at the next key, or hidden under the help can be read.
extension StudioModel {
    mutating func log(_ text: String, isError: Bool) {
        // A message shown again at once (the same notice set by the next event) is one entry, and so is one built in
        // two steps (a notice and, just after, the notice with more said: it was logged twice).
        if let last = messageLog.last, last.isError == isError, text.hasPrefix(last.text) {
            if text == last.text { return }
            messageLog.removeLast()
        } else if let last = messageLog.last, let progress = Self.progressStem(text), progress == Self.progressStem(last.text) {
            // A job's progress ("đang xuất WAV… 5%", "… 10%") is one entry that moves on: one S filled a tenth of the
            // log with twenty of them.
            messageLog.removeLast()
        }
        messageLog.append(LoggedMessage(text: text, isError: isError))
        if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
        // Open and scrolled back, the view stays on the lines it shows.
        if showMessages, messagesScroll > 0 {
            messagesScroll += Self.wrapped(text, width: Self.messagesWidth(screenWidth)).count
        }
    }

    /// "đang xuất WAV… " for "đang xuất WAV… 35%": what a progress message says before its percentage.
    static func progressStem(_ text: String) -> Substring? {
        guard text.hasSuffix("%"), let space = text.lastIndex(of: " "),
              Int(text[text.index(after: space)...].dropLast()) != nil else { return nil }
        return text[...space]
    }

    /// The key that opens the messages, if one is bound.
    var messagesKey: String? { keys.bindings.first { $0.action == .messages }?.key }

    /// " m xem hết": what ends a message the status line had to cut (empty where no key shows the messages).
    var messagesHint: String {
        guard let key = messagesKey else { return "" }
        // In the text field the key types: Esc first (it typed an "m", and the text was read again).
        let keys = focus == .text && KeyMap.isTyping(key) ? "Esc \(key)" : key
        return english ? " \(keys) shows all" : " \(keys) xem hết"
    }

    /// `text` fitted to `columns` as the status line shows it, its paths shortened first; where more of it has to go
    /// (or went before: `cut`), it ends with the key that shows it whole ("… m xem hết").
    func fittedMessage(_ text: String, columns: Int, cut: Bool = false) -> String {
        let fitted = Grid.fittingPaths(text, columns: columns)
        let hint = messagesHint
        guard cut || Self.isCut(fitted, from: text), !hint.isEmpty, columns > DisplayWidth.of(hint) + 10 else { return fitted }
        let shorter = Grid.fittingPaths(text, columns: columns - DisplayWidth.of(hint))
        return shorter + String(repeating: " ", count: max(0, columns - DisplayWidth.of(hint) - DisplayWidth.of(shorter))) + hint
    }

    /// Whether `fitted` (`Grid.fittingPaths` of `text`) lost more than the folders of its paths.
    static func isCut(_ fitted: String, from text: String) -> Bool { fitted.hasSuffix("…") && !text.hasSuffix("…") }

    /// Keys while the messages are up: ↑↓ a line, PgUp/PgDn a page, Home the oldest, End the newest; any other key
    /// closes them (Ctrl-C still quits).
    mutating func handleMessagesKey(_ key: String) -> [Effect] {
        let lines = messageLines(width: Self.messagesWidth(screenWidth)).count
        let page = max(1, messagesRect(width: screenWidth, height: screenHeight, lines: lines).height - 2)
        let most = max(0, lines - page)
        // Scrolled on a smaller screen, the view may be past the top of this one's (↓ did nothing for hundreds of
        // presses after a resize).
        messagesScroll = min(messagesScroll, most)
        switch key {
        case "↑": messagesScroll = min(most, messagesScroll + 1)
        case "↓": messagesScroll = max(0, messagesScroll - 1)
        case "PageUp": messagesScroll = min(most, messagesScroll + page)
        case "PageDown": messagesScroll = max(0, messagesScroll - page)
        case "Home": messagesScroll = most
        case "End": messagesScroll = 0
        default:
            showMessages = false
            return key == "Ctrl-C" ? quit() : []
        }
        return []
    }

    /// The messages box's width on a screen `width` wide: at most 110 columns.
    static func messagesWidth(_ width: Int) -> Int { min(width - 4, 110) }

    /// Where the messages are drawn: as many rows as they take (`lines`, counted here if not given), up to most of
    /// the screen.
    func messagesRect(width: Int, height: Int, lines given: Int? = nil) -> Grid.Rect {
        let boxWidth = Self.messagesWidth(width)
        let lines = given ?? messageLines(width: boxWidth).count
        let boxHeight = max(3, min(height - 4, lines + 2))
        return Grid.Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
    }

    /// The log as lines inside a box `width` wide: each message marked (✗ an error, · a notice) on its first line.
    func messageLines(width: Int) -> [(text: String, isError: Bool, first: Bool)] {
        messageLog.flatMap { message in
            Self.wrapped(message.text, width: width).enumerated().map { ($0.element, message.isError, $0.offset == 0) }
        }
    }

    /// One message wrapped whole inside a box `width` wide (`messageLines` breaks a word longer than a line too).
    static func wrapped(_ text: String, width: Int) -> [String] {
        messageLines(text, columns: max(8, width - 6))
    }

    func drawMessages(_ grid: inout Grid, width: Int, height: Int) {
        // Wrapped once a frame (twice, the whole log, cost a take playing behind it three times the CPU).
        let lines = messageLines(width: Self.messagesWidth(width))
        let rect = messagesRect(width: width, height: height, lines: lines.count)
        let page = rect.height - 2
        let scroll = min(messagesScroll, max(0, lines.count - page))
        let end = lines.count - scroll
        let shown = lines[max(0, end - page)..<end]
        let title: String
        if lines.count > page {
            let from = end - shown.count + 1
            title = english ? "Messages \(from)–\(end)/\(lines.count) lines — ↑↓ PgUp PgDn scroll, any other key closes"
                            : "Thông báo, dòng \(from)–\(end)/\(lines.count) — ↑↓ PgUp PgDn cuộn, phím khác đóng"
        } else {
            title = english ? "Messages — any key closes" : "Thông báo — bấm phím bất kỳ để đóng"
        }
        grid.fill(rect, role: "help.text")
        grid.box(rect, title: title, borderRole: "panel.border.focus", titleRole: "panel.title.focus")
        if lines.isEmpty {
            grid.put(english ? "no messages yet in this session" : "phiên này chưa có thông báo nào",
                     x: rect.x + 2, y: rect.y + 1, role: "help.text", maxWidth: rect.width - 4)
            return
        }
        for (row, line) in shown.enumerated() {
            let y = rect.y + 1 + row
            // An error's lines in the error colour, bold (its ✗ alone, in the keys' colour, told it from a notice).
            let role = line.isError ? "messages.error" : "help.text"
            if line.first { grid.put(line.isError ? "✗" : "·", x: rect.x + 2, y: y, role: role) }
            grid.put(line.text, x: rect.x + 4, y: y, role: role, maxWidth: rect.width - 6)
        }
    }
}
