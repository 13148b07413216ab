#if canImport(Glibc)
import Glibc
#endif
import CNcursesw

/// The ncursesw terminal: draws a `Grid` by writing only the rows that changed, turns keys into the names the key
/// table uses, and restores the terminal when closed (also on every error path of its owner).
public final class TerminalScreen {
    private var last: Grid?
    /// The looks each cell was last drawn with (see `looks`), row by row.
    private var lastLooks: [Drawn] = []
    private var pairs: [Int: Int16] = [:]
    private let theme: Theme
    public private(set) var colors: Int = 16
    /// The theme's background where it is a colour, to tell cells marked by a background of their own (set once the
    /// terminal's colours are known: it was looked up in the theme for every cell drawn).
    private var textBackground: Theme.Color?
    private var open = false
    /// How long `read` waits, as last set (restored after the short waits of a paste or an Alt key).
    private var timeoutMilliseconds: Int32 = 33

    /// What the terminal reports: a key by the key table's name, text pasted in one piece, a mouse event, or a
    /// change of size.
    public enum Input: Equatable, Sendable {
        case key(String)
        case paste(String)
        case mouse(x: Int, y: Int, kind: MouseEvent.Kind)
        case resize
        /// The terminal is gone (its window closed): the studio ends as on SIGHUP.
        case hangUp
    }

    // Key codes of our own for escape sequences ncurses does not name.
    private static let pasteStart: Int32 = 0x600, pasteEnd: Int32 = 0x601
    private static let controlLeft: Int32 = 0x602, controlRight: Int32 = 0x603
    private static let home: Int32 = 0x604, end: Int32 = 0x605
    private static let sgrMouseStart: Int32 = 0x606
    /// Whether the studio asked for xterm's SGR mouse encoding itself (see `camxuc_mouse_reads_x10`).
    private var readsSGRMouse = false

    /// TERM as the user's terminal set it, where this machine's terminfo has no entry for it and the studio draws as
    /// xterm-256color instead (said at start).
    public nonisolated(unsafe) static var drawnAs: String?

    /// Terminals that speak xterm's sequences under a name of their own.
    static func speaksXterm(_ term: String) -> Bool {
        term.hasPrefix("xterm-") || ["alacritty", "wezterm", "foot", "foot-extra", "contour", "rio", "st-256color", "ghostty"].contains(term)
    }

    /// Checks the locale first: without UTF-8, Vietnamese cannot be drawn, so it refuses with advice.
    public init(theme: Theme) throws {
        self.theme = theme
        // No terminal first: from cron or a pipe (LANG=C there, often) the locale's complaint hid the real one.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StudioError.notATerminal }
        let installed = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: camxuc_codeset())
        guard codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" else {
            // LANG=vi_VN.UTF-8 where no such locale is installed: the C library fell back to C, and "not UTF-8"
            // blamed the name the user gave.
            if !installed, let (variable, value) = Self.localeAskedFor() { throw StudioError.localeMissing(variable: variable, value: value) }
            throw StudioError.notUTF8(codeset: codeset)
        }
        // Numbers as everywhere else on screen and in files, whatever the locale writes them with: under
        // vi_VN.UTF-8 the roll's title said "nhịp ×1,03" beside "0.61".
        setlocale(LC_NUMERIC, "C")
        let term = getenv("TERM").map { String(cString: $0) }
        // The window's size from the terminal itself, never from LINES and COLUMNS exported by a shell's start-up
        // files: they drew a 120×40 layout into a 100×30 window (or said it was too small), and no resize fixed it.
        // (Unset rather than `use_env(false)`, with which ncurses no longer followed a resize at all.)
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let term, !term.isEmpty, term != "dumb" else {
            throw StudioError.unusableTerminal(term: term.flatMap { $0.isEmpty ? nil : $0 })
        }
        switch camxuc_terminal_usable() {
        case 1: break
        case -1 where Self.speaksXterm(term):
            // A terminal newer than this machine's terminfo (kitty, ghostty, alacritty, wezterm, foot over SSH) was
            // refused as one that "cannot draw the studio": it draws as xterm-256color, and says so.
            setenv("TERM", "xterm-256color", 1)
            guard camxuc_terminal_usable() == 1 else { throw StudioError.unknownTerminal(term: term) }
            Self.drawnAs = term
        case -1: throw StudioError.unknownTerminal(term: term)
        default: throw StudioError.unusableTerminal(term: term)
        }
        camxuc_install_crash_handlers()
        camxuc_set_escdelay(25)
        initscr()
        open = true
        // A signal that ends the process sends the shell below the last frame where no alternate screen takes it away.
        camxuc_set_frame_stays(camxuc_has_alternate_screen() == 0 ? 1 : 0)
        raw()
        noecho()
        camxuc_keypad_on()
        curs_set(0)
        timeout(33)
        camxuc_mouse_on()
        // Inside tmux and screen the terminfo entry has the old mouse encoding, which cannot say a column past 223
        // (a full-screen tmux on a wide monitor: the right of the roll and the takes took no click): asked for xterm's
        // SGR encoding, as vim, htop and lazygit do, and read here. A terminal that does not speak it goes on sending
        // the old one, which ncurses still reads.
        if camxuc_mouse_reads_x10() == 1 {
            readsSGRMouse = true
            camxuc_define_key("\u{1B}[<", Self.sgrMouseStart)
            camxuc_write_raw("\u{1B}[?1006h")
        }
        camxuc_define_key("\u{1B}[200~", Self.pasteStart)
        camxuc_define_key("\u{1B}[201~", Self.pasteEnd)
        for sequence in ["\u{1B}[1;5D", "\u{1B}[5D", "\u{1B}Od"] { camxuc_define_key(sequence, Self.controlLeft) }
        for sequence in ["\u{1B}[1;5C", "\u{1B}[5C", "\u{1B}Oc"] { camxuc_define_key(sequence, Self.controlRight) }
        // Home and End as terminals send them whatever TERM says (vt220's ESC[1~ / ESC[4~ from PuTTY and inside
        // screen): unknown, they were read as Esc, [, 4, ~ — and the 4 chose an emotion and wrote a correction.
        for sequence in ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"] { camxuc_define_key(sequence, Self.home) }
        for sequence in ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"] { camxuc_define_key(sequence, Self.end) }
        camxuc_write_raw("\u{1B}[?2004h")  // bracketed paste on
        // NO_COLOR (no-color.org): any value but the empty one asks for no colours.
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        if !has_colors() || noColor {
            colors = 0
        } else {
            start_color()
            use_default_colors()
            colors = Int(camxuc_colors())
            // Cleared cells and the one corner cell never written get the theme's background too.
            camxuc_set_background(Int32(pair(for: Self.drawn(theme.style("text", colors: colors), colors: colors))))
        }
        textBackground = theme.style("text", colors: colors).background
    }

    /// The variable that names the character locale, as the C library reads them: LC_ALL, then LC_CTYPE, then LANG.
    static func localeAskedFor() -> (String, String)? {
        for variable in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(variable).map({ String(cString: $0) }), !value.isEmpty { return (variable, value) }
        }
        return nil
    }

    deinit { close() }

    /// Restores the terminal; safe to call more than once.
    public func close() {
        guard open else { return }
        open = false
        camxuc_write_raw("\u{1B}[?2004l" + (readsSGRMouse ? "\u{1B}[?1006l" : ""))
        endwin()
        camxuc_set_frame_stays(0)
        // A terminal without an alternate screen (the Linux console, vt100) keeps the last frame: the shell's prompt
        // went onto the status line ("rc=0er tạo…"); it goes below it.
        if camxuc_has_alternate_screen() == 0 { camxuc_write_raw("\r\n") }
    }

    public var size: (width: Int, height: Int) { (Int(camxuc_cols()), Int(camxuc_lines())) }

    /// Ctrl-Z: stops the process as the shell's job control expects (the terminal is raw, so the key does not do it
    /// by itself). ncurses' own SIGTSTP handler gives the terminal back first and takes it again on `fg`; the next
    /// draw repaints the whole screen.
    /// Bracketed paste is turned off while the studio is stopped (the shell and what runs in it would see every paste
    /// wrapped in ESC[200~ … ESC[201~) and on again after `fg` (a shell may have turned it off meanwhile, and pastes
    /// then went through Telex with a line break pressing Enter).
    /// Returns whether the process was stopped: with no shell's job control above it (the studio run as a tmux
    /// window's own command) the stop is discarded and nothing seemed to happen.
    @discardableResult
    public func suspend() -> Bool {
        camxuc_write_raw("\u{1B}[?2004l" + (readsSGRMouse ? "\u{1B}[?1006l" : ""))
        camxuc_continued(1)
        raise(SIGTSTP)
        camxuc_write_raw("\u{1B}[?2004h" + (readsSGRMouse ? "\u{1B}[?1006h" : ""))
        camxuc_repaint_all()
        return camxuc_continued(0) == 1
    }

    /// Has the next `draw` paint every cell again, whatever the terminal shows now.
    public func repaintAll() {
        camxuc_repaint_all()
    }

    /// How long `read` waits for input, in milliseconds.
    public func setTimeout(milliseconds: Int) {
        timeoutMilliseconds = Int32(milliseconds)
        timeout(timeoutMilliseconds)
    }

    /// The colour indices (-1: the terminal's default) and extra attributes a style is drawn with on a terminal of
    /// `colors` colours. An 8-colour terminal (TERM=xterm, screen, linux) has only the dark half: a bright colour is
    /// its dark half in bold. A foreground that then falls on its own background — the themes' grey (bright black)
    /// on black became bold black on black, invisible where bold does not brighten — is drawn dim white on black,
    /// or black on white.
    ///
    /// Without colours (TERM=vt100, xterm-mono, or NO_COLOR set) a cell marked by its background — the text cursor,
    /// a selected row, an error — is drawn in reverse video, and a focused panel's border in bold and its title in bold
    /// reverse video: the cursor and the focus were invisible there, and a bold frame alone was hard to tell in many
    /// fonts.
    static func drawn(_ style: Theme.Style, colors: Int, role: String = "",
                      background: Theme.Color? = nil) -> Drawn {
        guard colors > 0 else {
            // An overlay's fill (the help, the messages, the takes list over the roll) is no mark: reversed whole
            // where a theme's surface is not its background (light), it hid the one reversed row, the selection.
            let surface = role.hasPrefix("help.") || role.hasPrefix("messages.")
            let marked = !surface && style.background != nil && style.background != background
            // The focused panel's title bold and underlined: reversed, it and the selected row under it were two
            // reversed bars, where the selection should be the one reversed thing on the screen.
            return Drawn(fg: -1, bg: -1, bold: style.bold || role.hasSuffix(".focus"), dim: false,
                         // The text cursor whatever the theme says (one without a text.cursor role left it unmarked).
                         reverse: style.reverse || (marked && role != "panel.title.focus") || role == "text.cursor",
                         underline: style.underline || role == "panel.title.focus")
        }
        func index(_ color: Theme.Color?) -> Int16 {
            guard let color, case let .indexed(value) = color else { return -1 }
            return Int16(value < colors ? value : value % (colors < 16 ? 8 : 16))
        }
        func bright(_ color: Theme.Color?) -> Bool {
            guard colors < 16, let color, case let .indexed(value) = color else { return false }
            return (8...15).contains(value)
        }
        var fg = index(style.foreground)
        let bg = index(style.background)
        var bold = style.bold || bright(style.foreground), dim = style.dim
        if colors < 16, fg >= 0, fg == bg {
            fg = bg == 0 ? 7 : 0
            bold = style.bold
            dim = dim || fg == 7
        }
        return Drawn(fg: fg, bg: bg, bold: bold, dim: dim, reverse: style.reverse, underline: style.underline)
    }

    struct Drawn: Equatable {
        var fg: Int16, bg: Int16
        var bold: Bool, dim: Bool, reverse: Bool
        var underline = false

        /// Whether a space drawn so shows its background alone (a foreground, bold or dim cannot be seen on it).
        var showsOnlyBackground: Bool { !reverse && !underline }
    }

    /// The colour pair of a style's drawn colours, made the first time it is asked for.
    func pair(for drawn: Drawn) -> Int16 {
        let (fg, bg) = (drawn.fg, drawn.bg)
        let key = Int(fg) * 1000 + Int(bg)
        if let existing = pairs[key] { return existing }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < camxuc_color_pairs() else { return 0 }
        init_pair(next, fg, bg)
        pairs[key] = next
        return next
    }

    /// The looks a row's cells are drawn with: each cell's own, but a space takes the foreground and attributes of
    /// the cell after it where it would look the same, or keeps those it was drawn with before if it is unchanged.
    /// A take's playhead steps down every row of the roll four times a second, and its old column, a space in the
    /// roll's colours, and the playhead beside it, in its own, cost two colour changes a row (50 bytes; a slow link
    /// fell behind the music): now none.
    static func looks(_ own: [Drawn], texts: [String], previous: [Drawn]?, unchanged: [Bool]) -> [Drawn] {
        var looks = own
        for column in own.indices.reversed() where texts[column] == " " && own[column].showsOnlyBackground {
            func fits(_ look: Drawn) -> Bool { look.showsOnlyBackground && look.bg == own[column].bg }
            if unchanged[column], let previous, fits(previous[column]) {
                looks[column] = previous[column]
            } else if column + 1 < own.count, fits(looks[column + 1]) {
                looks[column] = looks[column + 1]
            }
        }
        return looks
    }

    /// Draws `grid`, writing only rows that differ from the last one drawn.
    public func draw(_ grid: Grid) {
        let full = last == nil || last?.width != grid.width || last?.height != grid.height
        if full {
            erase()
            lastLooks = []
        }
        for row in 0..<grid.height {
            if !full, let last, (0..<grid.width).allSatisfy({ last[$0, row] == grid[$0, row] }) { continue }
            move(Int32(row), 0)
            let cells = (0..<grid.width).map { grid[$0, row] }
            let own = cells.map { Self.drawn(theme.style($0.role, colors: colors), colors: colors, role: $0.role, background: textBackground) }
            let span = row * grid.width..<(row + 1) * grid.width
            let looks = Self.looks(own, texts: cells.map(\.text), previous: full || lastLooks.count != grid.cells.count ? nil : Array(lastLooks[span]),
                                   unchanged: (0..<grid.width).map { !full && last?[$0, row] == cells[$0] })
            if lastLooks.count != grid.cells.count, let first = own.first { lastLooks = Array(repeating: first, count: grid.cells.count) }
            lastLooks.replaceSubrange(span, with: looks)
            for column in 0..<grid.width {
                let cell = cells[column]
                if cell.text.isEmpty { continue }
                let drawn = looks[column]
                var attributes = colors > 0 ? camxuc_color_pair(Int32(pair(for: drawn))) : 0
                if drawn.bold { attributes |= Int32(bitPattern: camxuc_a_bold()) }
                if drawn.dim { attributes |= Int32(bitPattern: camxuc_a_dim()) }
                if drawn.underline { attributes |= Int32(bitPattern: camxuc_a_underline()) }
                if drawn.reverse { attributes |= Int32(bitPattern: camxuc_a_reverse()) }
                attrset(attributes)
                // The last cell of the last row would scroll the screen on some terminals.
                if row == grid.height - 1, column == grid.width - 1 { continue }
                mvaddstr(Int32(row), Int32(column), cell.text)
            }
        }
        attrset(Int32(bitPattern: camxuc_a_normal()))
        // The terminal's own cursor where typing goes: where it cannot be hidden (vt100) it blinked on a panel's
        // corner, and screen readers and input methods follow it.
        if let (x, y) = grid.firstCell(withRole: "text.cursor") { move(Int32(y), Int32(x)) }
        refresh()
        last = grid
    }

    /// The next input, nil after the timeout.
    public func read() -> Input? {
        guard let key = readKey() else { return camxuc_input_gone(STDIN_FILENO) == 1 ? .hangUp : nil }
        switch key {
        case "Resize": return .resize
        case "PasteStart": return .paste(readPaste())
        case "PasteEnd": return nil
        case "SGRMouse": return readSGRMouse()
        case "Mouse":
            var x: Int32 = 0, y: Int32 = 0
            switch camxuc_get_mouse(&x, &y) {
            case 1: return .mouse(x: Int(x), y: Int(y), kind: .press)
            case 4: return .mouse(x: Int(x), y: Int(y), kind: .wheelUp)
            case 5: return .mouse(x: Int(x), y: Int(y), kind: .wheelDown)
            default: return nil
            }
        default: return .key(key)
        }
    }

    /// Everything up to the end of a bracketed paste, as text (a megabyte at most; the rest is read and dropped).
    private func readPaste() -> String {
        var scalars: [Unicode.Scalar] = []
        var count = 0
        timeout(500)
        defer { timeout(timeoutMilliseconds) }
        while true {
            var value: UInt32 = 0
            let result = camxuc_get_wch(&value)
            if result == ERR { break }  // the end marker never came
            if result == camxuc_key_code_yes() {
                if Int32(value) == Self.pasteEnd { break }
                continue
            }
            count += 1
            guard count <= 1_000_000, let scalar = Unicode.Scalar(value) else { continue }
            scalars.append(scalar)
        }
        return Self.pastedText(scalars)
    }

    /// The rest of a mouse report in xterm's SGR encoding after its ESC [ <: "button;x;y" and M (a press) or m (a
    /// release), x and y counted from 1. Read where ncurses reads only the old encoding (see `init`).
    private func readSGRMouse() -> Input? {
        timeout(50)
        defer { timeout(timeoutMilliseconds) }
        var fields = ""
        while fields.count < 24 {
            var value: UInt32 = 0
            let result = camxuc_get_wch(&value)
            guard result != ERR, result != camxuc_key_code_yes(), let scalar = Unicode.Scalar(value) else { return nil }
            if scalar == "M" || scalar == "m" { return Self.sgrMouse(fields, released: scalar == "m") }
            fields.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// A mouse report's fields ("0;230;5") as the studio's input: a press of the left button, the wheel; nil for a
    /// release, a drag, another button or fields that are not three numbers.
    static func sgrMouse(_ fields: String, released: Bool) -> Input? {
        let numbers = fields.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard !released, numbers.count == 3, let button = numbers[0], let x = numbers[1], let y = numbers[2],
              x >= 1, y >= 1, button & 32 == 0 else { return nil }
        // Shift, Alt and Ctrl (4, 8, 16) held with it change nothing.
        switch button & ~(4 | 8 | 16) {
        case 0: return .mouse(x: x - 1, y: y - 1, kind: .press)
        case 64: return .mouse(x: x - 1, y: y - 1, kind: .wheelUp)
        case 65: return .mouse(x: x - 1, y: y - 1, kind: .wheelDown)
        default: return nil
        }
    }

    /// A paste's text: a line break as CR LF (a Windows file's), CR (what terminals send for a line break) or LF is one
    /// "\n" (CR LF became two, a blank line after every line of the text the take kept).
    static func pastedText(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        var afterCR = false
        for scalar in scalars {
            if scalar == "\n", afterCR {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            text.append(afterCR ? "\n" : scalar)
        }
        return String(text)
    }

    /// The next key as the key table names it, nil after the timeout, "Resize" when the window changed.
    func readKey() -> String? {
        var value: UInt32 = 0
        let result = camxuc_get_wch(&value)
        if result == ERR { return nil }
        if result == camxuc_key_code_yes() {
            switch Int32(value) {
            case KEY_UP: return "↑"
            case KEY_DOWN: return "↓"
            case KEY_LEFT: return "←"
            case KEY_RIGHT: return "→"
            case KEY_SLEFT: return "Shift-←"
            case KEY_SRIGHT: return "Shift-→"
            case KEY_SR: return "Shift-↑"
            case KEY_SF: return "Shift-↓"
            case KEY_HOME: return "Home"
            case KEY_END: return "End"
            case KEY_PPAGE: return "PageUp"
            case KEY_NPAGE: return "PageDown"
            case KEY_BACKSPACE: return "Backspace"
            case KEY_DC: return "Delete"
            case KEY_ENTER: return "Enter"
            case KEY_BTAB: return "Shift-Tab"
            case KEY_RESIZE: return "Resize"
            case camxuc_key_mouse(): return "Mouse"
            case Self.pasteStart: return "PasteStart"
            case Self.pasteEnd: return "PasteEnd"
            case Self.sgrMouseStart: return "SGRMouse"
            case Self.controlLeft: return "Ctrl-←"
            case Self.controlRight: return "Ctrl-→"
            case Self.home: return "Home"
            case Self.end: return "End"
            case KEY_F0 + 1...KEY_F0 + 12: return "F\(Int32(value) - KEY_F0)"
            default:
                // Terminals whose terminfo names Ctrl-arrows (xterm's kLFT5, kRIT5).
                switch String(cString: camxuc_key_name(Int32(value))) {
                case "kLFT5": return "Ctrl-←"
                case "kRIT5": return "Ctrl-→"
                default: return nil
                }
            }
        }
        switch value {
        case 3: return "Ctrl-C"
        case 9: return "Tab"
        case 10, 13: return "Enter"
        case 20: return "Ctrl-T"
        case 23: return "Ctrl-W"
        case 27: return escapeOrAlt()  // nil: a sequence no key of ours, dropped whole
        case 8, 127: return "Backspace"
        case 32: return "Space"
        case 1...26: return "Ctrl-" + String(Character(Unicode.Scalar(UInt8(value + 64))))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
    }

    /// After an Esc byte: "Alt-Enter" when CR or LF came with it (the terminal sends Alt-Enter as Esc CR); nil for
    /// the rest of an escape sequence that came at once (ESC [ … final byte, or ESC O x) but names no key we know,
    /// which is dropped whole — read as Esc and then its characters, its digits chose emotions and wrote
    /// corrections; else "Esc", with whatever came next pushed back to be read as the next key. Does not wait for
    /// more input.
    private func escapeOrAlt() -> String? {
        timeout(0)
        defer { timeout(timeoutMilliseconds) }
        var next: UInt32 = 0
        let result = camxuc_get_wch(&next)
        if result == ERR { return "Esc" }
        if result == camxuc_key_code_yes() {
            _ = camxuc_ungetch(Int32(bitPattern: next))
        } else if next == 10 || next == 13 {
            return "Alt-Enter"
        } else if next == 0x5B || next == 0x4F {  // "[" or "O": a sequence, if more came with it
            var following: UInt32 = 0
            guard camxuc_get_wch(&following) != ERR else {
                _ = camxuc_unget_wch(next)
                return "Esc"
            }
            if next == 0x4F { return nil }  // ESC O x: one character more
            var count = 0
            var byte = following
            while !(0x40...0x7E).contains(byte), count < 32 {
                guard camxuc_get_wch(&byte) != ERR else { break }
                count += 1
            }
            return nil
        } else {
            _ = camxuc_unget_wch(next)
        }
        return "Esc"
    }
}
