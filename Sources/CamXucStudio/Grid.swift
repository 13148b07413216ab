import CamXucSupport
import CamXucText
import Foundation

/// What the studio's `view` draws into: rows of cells, each a grapheme cluster with its display width and a style
/// role. The ncurses screen writes the cells that changed; tests render the grid to text.
public struct Grid: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        /// One grapheme cluster, or "" for the second column of a wide one.
        public var text: String
        public var role: String

        public static func blank(_ role: String) -> Cell { Cell(text: " ", role: role) }
    }

    public struct Rect: Equatable, Sendable {
        public var x: Int, y: Int, width: Int, height: Int

        public init(x: Int, y: Int, width: Int, height: Int) {
            self.x = x
            self.y = y
            self.width = max(width, 0)
            self.height = max(height, 0)
        }

        /// The rect one cell in from each side.
        public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

        /// Inside the border with a column of space on the left and right.
        public var padded: Rect { Rect(x: x + 2, y: y + 1, width: width - 4, height: height - 2) }

        public func contains(x: Int, y: Int) -> Bool {
            x >= self.x && x < self.x + width && y >= self.y && y < self.y + height
        }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, role: String = "text") {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The first cell (row by row) drawn in `role`, as (x, y).
    public func firstCell(withRole role: String) -> (x: Int, y: Int)? {
        cells.firstIndex { $0.role == role }.map { ($0 % width, $0 / width) }
    }

    /// The cells of `rect` taken from `other` (a grid of the same size), but for those inside `except` (an overlay
    /// drawn over it); a wide character cut in half at either edge becomes a space.
    public mutating func copy(_ rect: Rect, from other: Grid, except: Rect? = nil) {
        guard other.width == width, other.height == height else { return }
        for y in max(rect.y, 0)..<min(rect.y + rect.height, height) {
            let columns = (max(rect.x, 0)..<min(rect.x + rect.width, width)).filter { !(except?.contains(x: $0, y: y) ?? false) }
            for x in columns { cells[y * width + x] = other.cells[y * width + x] }
            for x in columns {
                let cell = cells[y * width + x]
                // A second half whose first is not a wide character's, or a wide one whose second half is not there.
                let orphan = cell.text.isEmpty && (x == 0 || DisplayWidth.of(cells[y * width + x - 1].text) != 2)
                let widowed = DisplayWidth.of(cell.text) == 2 && (x + 1 >= width || !cells[y * width + x + 1].text.isEmpty)
                if orphan || widowed { cells[y * width + x] = .blank(cell.role) }
            }
        }
    }

    /// Writes `text` from (x, y) in `role`, clipped at `maxWidth` columns and at the grid's edge; a wide character
    /// that would be cut in half becomes a space. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: String, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth.map { x + max($0, 0) } ?? width, width)
        var column = x
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A stray combining mark joins the previous cell.
                if column > x, column - 1 >= 0, column - 1 < width {
                    cells[y * width + column - 1].text.append(character)
                }
                continue
            }
            if column + columns > limit {
                if column < limit, column >= 0 { cells[y * width + column] = Cell(text: " ", role: role) }
                break
            }
            if column >= 0 {
                cells[y * width + column] = Cell(text: DisplayWidth.drawable(character), role: role)
                // The columns a wide character covers past its first are drawn by it.
                for extra in 1..<max(columns, 1) where column + extra < width {
                    cells[y * width + column + extra] = Cell(text: "", role: role)
                }
            }
            column += columns
        }
        return max(column - x, 0)
    }

    /// Fills `rect` with `character` in `role`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: String) {
        for row in max(rect.y, 0)..<min(rect.y + rect.height, height) {
            for column in max(rect.x, 0)..<min(rect.x + rect.width, width) {
                cells[row * width + column] = Cell(text: String(character), role: role)
            }
        }
    }

    /// Draws a box around `rect` with ` title ` in its top border.
    public mutating func box(_ rect: Rect, title: String? = nil, borderRole: String, titleRole: String) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        put("┌" + String(repeating: "─", count: rect.width - 2) + "┐", x: rect.x, y: rect.y, role: borderRole)
        put("└" + String(repeating: "─", count: rect.width - 2) + "┘", x: rect.x, y: bottom, role: borderRole)
        for row in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: row, role: borderRole)
            put("│", x: right, y: row, role: borderRole)
        }
        if let title, rect.width > 4 {
            let shown = Self.truncated(title, columns: rect.width - 5)
            put(" " + shown + " ", x: rect.x + 1, y: rect.y, role: titleRole, maxWidth: rect.width - 3)
        }
    }

    /// `text` in at most `columns` columns, its middle given way to "…" ("a-very-long-song-name…-final.mid").
    public static func middleCut(_ text: String, columns: Int) -> String {
        guard DisplayWidth.of(text) > columns, columns > 4 else { return text }
        let characters = Array(text)
        var head = "", tail = "", used = 1
        var front = 0, back = characters.count - 1
        while front <= back {
            let take = DisplayWidth.of(head) <= DisplayWidth.of(tail)
            let character = take ? characters[front] : characters[back]
            guard used + DisplayWidth.of(character) <= columns else { break }
            used += DisplayWidth.of(character)
            if take { head.append(character); front += 1 } else { tail = String(character) + tail; back -= 1 }
        }
        return head + "…" + tail
    }

    /// The longest start of `characters` at most `columns` wide (what is kept of a line cut at its end).
    public static func head(_ characters: ArraySlice<Character>, columns: Int) -> ArraySlice<Character> {
        var used = 0
        var end = characters.startIndex
        while end < characters.endIndex {
            let width = DisplayWidth.of(characters[end])
            if used + width > columns { break }
            used += width
            end += 1
        }
        return characters[..<end]
    }

    /// The longest end of `characters` at most `columns` wide: what a one-line field shows of a text longer than it
    /// (the cursor at the end). Counted once from the end — dropping a character at a time from the front and
    /// measuring the rest again took a second a frame for a pasted 1,200-character path.
    public static func tail(_ characters: ArraySlice<Character>, columns: Int) -> ArraySlice<Character> {
        var used = 0
        var start = characters.endIndex
        while start > characters.startIndex {
            let width = DisplayWidth.of(characters[start - 1])
            if used + width > columns { break }
            used += width
            start -= 1
        }
        return characters[start...]
    }

    /// `text` in `columns`, its file paths shortened first (the home folder as "~", then the folders before a file's
    /// last two names as "…"), so that the reason after a path is what is kept: "cannot write
    /// /home/an/.local/share/camxuc/takes/take-2.mid: no space…" lost the one word that explained it.
    public static func fittingPaths(_ text: String, columns: Int) -> String {
        var line = text
        guard DisplayWidth.of(line) > columns,
              let pattern = try? NSRegularExpression(pattern: #"/[^\s:;,()"'«»]+"#) else { return truncated(line, columns: columns) }
        for keep in [Int.max, 2, 1] where DisplayWidth.of(line) > columns {
            let range = NSRange(line.startIndex..., in: line)
            for match in pattern.matches(in: line, range: range).reversed() {
                guard var found = Range(match.range, in: line) else { continue }
                // A path already shortened ("…/takes/x.mid") is not shortened again ("……/x.mid"); one from the
                // home folder is shortened whole ("~/.local/…" became "~…/x.mid").
                if found.lowerBound > line.startIndex {
                    let before = line.index(before: found.lowerBound)
                    if line[before] == "…" { continue }
                    if line[before] == "~" { found = before..<found.upperBound }
                }
                let path = String(line[found])
                var shown = HomeFolder.abbreviating(path)
                let parts = shown.split(separator: "/", omittingEmptySubsequences: false)
                if keep != .max, parts.count > keep + 1 { shown = "…/" + parts.suffix(keep).joined(separator: "/") }
                line.replaceSubrange(found, with: shown)
            }
        }
        return truncated(line, columns: columns)
    }

    /// `text` cut to `columns` display columns, ending in "…" when cut.
    public static func truncated(_ text: String, columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        let characters = Array(text)
        var output = String(head(characters[...], columns: columns - 1))
        // A Vietnamese word cut short is often another word ("tối" → "tố", "trong" → "tro"): a cut inside a word
        // goes back to the space before it, when that loses little of the line (at most half, and a word remains:
        // at most a third left "Ngày bà ngo…" in a 14-column row)
        // and the word is a word's length (a chord progression "I–bVII–vii–V…" went whole, leaving 26 columns of
        // bare border in the roll's title).
        if output.count < characters.count, characters[output.count].isLetter, output.last?.isLetter == true,
           let space = output.lastIndex(of: " "), output.distance(from: output.startIndex, to: space) * 2 >= output.count,
           output.distance(from: space, to: output.endIndex) <= 9 {
            output = String(output[..<space])
        }
        // One ellipsis, after a word: an ellipsis, spaces or a separator the text had at the cut are dropped ("·…",
        // "/…" read as a broken line); a lone number the cut left after a separator too ("· 5…" for "5 Electric Piano").
        while let last = output.last, "… ·/—–;,".contains(last) { output.removeLast() }
        if let separator = output.range(of: " · ", options: .backwards),
           output[separator.upperBound...].allSatisfy(\.isNumber), output.distance(from: separator.upperBound, to: output.endIndex) > 0,
           characters.count > output.count, characters[output.count] == " " {
            output = String(output[..<separator.lowerBound])
        }
        guard !output.isEmpty else { return "…" }
        return output + "…"
    }

    /// The grid as text, one line per row, trailing spaces kept (for snapshot tests).
    public func rendered() -> String {
        (0..<height).map { row in
            (0..<width).map { cells[row * width + $0].text }.joined()
        }.joined(separator: "\n")
    }

    /// The roles of one row, one letter each for tests: the role's first letter, "." for `text`.
    public func roles(row: Int) -> [String] { (0..<width).map { cells[row * width + $0].role } }
}
