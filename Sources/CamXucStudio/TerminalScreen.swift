#if canImport(Glibc)
import Glibc
#endif
import CNcursesw

/// The ncursesw terminal: draws a `Grid` by writing only the rows that changed, turns keys into the names the key
/// table uses, and restores the terminal when closed (also on every error path of its owner).
public final class TerminalScreen {
    private var last: Grid?
    private var pairs: [Int: Int16] = [:]
    private let theme: Theme
    public private(set) var colors: Int = 16
    private var open = false

    /// Checks the locale first: without UTF-8, Vietnamese cannot be drawn, so it refuses with advice.
    public init(theme: Theme) throws {
        self.theme = theme
        setlocale(LC_ALL, "")
        let codeset = String(cString: camxuc_codeset())
        guard codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" else {
            throw StudioError.notUTF8(codeset: codeset)
        }
        camxuc_set_escdelay(25)
        initscr()
        open = true
        raw()
        noecho()
        camxuc_keypad_on()
        curs_set(0)
        timeout(33)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(camxuc_colors())
        }
    }

    deinit { close() }

    /// Restores the terminal; safe to call more than once.
    public func close() {
        guard open else { return }
        open = false
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(camxuc_cols()), Int(camxuc_lines())) }

    func pair(for style: Theme.Style) -> Int16 {
        func index(_ color: Theme.Color?) -> Int16 {
            guard let color, case let .indexed(value) = color else { return -1 }
            return Int16(value < colors ? value : value % 16)
        }
        let fg = index(style.foreground), bg = index(style.background)
        let key = Int(fg) * 1000 + Int(bg)
        if let existing = pairs[key] { return existing }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < camxuc_color_pairs() else { return 0 }
        init_pair(next, fg, bg)
        pairs[key] = next
        return next
    }

    /// Draws `grid`, writing only rows that differ from the last one drawn.
    public func draw(_ grid: Grid) {
        let full = last == nil || last?.width != grid.width || last?.height != grid.height
        if full { erase() }
        for row in 0..<grid.height {
            if !full, let last, (0..<grid.width).allSatisfy({ last[$0, row] == grid[$0, row] }) { continue }
            move(Int32(row), 0)
            for column in 0..<grid.width {
                let cell = grid[column, row]
                if cell.text.isEmpty { continue }
                let style = theme.style(cell.role, colors: colors)
                var attributes = camxuc_color_pair(Int32(pair(for: style)))
                if style.bold { attributes |= Int32(bitPattern: camxuc_a_bold()) }
                if style.dim { attributes |= Int32(bitPattern: camxuc_a_dim()) }
                if style.underline { attributes |= Int32(bitPattern: camxuc_a_underline()) }
                if style.reverse { attributes |= Int32(bitPattern: camxuc_a_reverse()) }
                attrset(attributes)
                // The last cell of the last row would scroll the screen on some terminals.
                if row == grid.height - 1, column == grid.width - 1 { continue }
                mvaddstr(Int32(row), Int32(column), cell.text)
            }
        }
        attrset(Int32(bitPattern: camxuc_a_normal()))
        refresh()
        last = grid
    }

    /// The next key as the key table names it, nil after the timeout, "Resize" when the window changed.
    public func readKey() -> String? {
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
            case KEY_HOME: return "Home"
            case KEY_END: return "End"
            case KEY_BACKSPACE: return "Backspace"
            case KEY_DC: return "Delete"
            case KEY_ENTER: return "Enter"
            case KEY_BTAB: return "Shift-Tab"
            case KEY_RESIZE: return "Resize"
            default: return nil
            }
        }
        switch value {
        case 3: return "Ctrl-C"
        case 9: return "Tab"
        case 10, 13: return "Enter"
        case 20: return "Ctrl-T"
        case 23: return "Ctrl-W"
        case 27: return "Esc"
        case 8, 127: return "Backspace"
        case 32: return "Space"
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
    }
}
