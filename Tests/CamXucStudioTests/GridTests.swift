import Testing
@testable import CamXucStudio

@Suite struct GridTests {
    /// A cut inside a word goes back to the space before it: a Vietnamese word cut short is often another word
    /// ("tối", evening, cut to "tố", to denounce), unless that would lose more than half of the line (a third, before:
    /// a take's 14-column row read "Ngày bà ngo…").
    @Test func aCutInsideAWordGoesBackToTheSpace() {
        #expect(Grid.truncated("Hôm nay tôi rất vui / Nhưng tối về", columns: 28) == "Hôm nay tôi rất vui / Nhưng…")
        #expect(Grid.truncated("Ngày bà ngoại qua cơn nguy kịch", columns: 12) == "Ngày bà…")
        #expect(Grid.truncated("nhat-ky-buon-1.mid (trong ~/Music)", columns: 24) == "nhat-ky-buon-1.mid…")
        #expect(Grid.truncated("abcdefghijklmnop qrstuvwxyz", columns: 10) == "abcdefghi…")
    }

    @Test func textIsPlacedByDisplayWidthAndClipped() {
        var grid = Grid(width: 12, height: 2)
        #expect(grid.put("Hôm nay 😂 vui", x: 0, y: 0, role: "text") == 12)
        #expect(grid.rendered() == "Hôm nay 😂 v\n            ")
        #expect(grid[8, 0].text == "😂" && grid[9, 0].text == "")
        // A wide character that would be cut in half becomes a space.
        var narrow = Grid(width: 4, height: 1)
        narrow.put("ab😂", x: 1, y: 0, role: "x")
        #expect(narrow.rendered() == " ab ")
    }

    @Test func boxesHaveTitles() {
        var grid = Grid(width: 14, height: 3)
        grid.box(.init(x: 0, y: 0, width: 14, height: 3), title: "Cảm xúc", borderRole: "panel.border", titleRole: "panel.title")
        #expect(grid.rendered() == "┌ Cảm xúc ───┐\n│            │\n└────────────┘")
        #expect(grid[2, 0].role == "panel.title" && grid[0, 0].role == "panel.border")
    }

    @Test func longTitlesAreCutInsideTheBorder() {
        var grid = Grid(width: 10, height: 2)
        grid.box(.init(x: 0, y: 0, width: 10, height: 2), title: "Valence · Arousal", borderRole: "b", titleRole: "t")
        #expect(grid.rendered().hasPrefix("┌ Vale… ─┐"))
        #expect(Grid.truncated("Cảm xúc", columns: 7) == "Cảm xúc" && Grid.truncated("Cảm xúc", columns: 4) == "Cảm…")
        // Cut right after an ellipsis of its own (a chord summary "i–v…") or a space: still one ellipsis.
        #expect(Grid.truncated("A minor i–bVI–v… ─ tempo", columns: 18) == "A minor i–bVI–v…")
        #expect(Grid.truncated("Cảm xúc vui", columns: 5) == "Cảm…")
        #expect(grid.rendered().split(separator: "\n")[0].count == 10)
    }

    @Test func writingOutsideTheGridIsHarmless() {
        var grid = Grid(width: 3, height: 1)
        grid.put("xyz", x: -1, y: 0, role: "t")
        grid.put("q", x: 5, y: 0, role: "t")
        grid.put("q", x: 0, y: 7, role: "t")
        grid.fill(.init(x: -5, y: -5, width: 100, height: 100), with: "#", role: "t")
        #expect(grid.rendered() == "###")
    }
}

@Suite struct GridTailTests {
    /// What a one-line field shows of a text longer than it: its end, within the columns, wide characters counted
    /// as two. (It was found by dropping one character at a time from the front and measuring the rest again: a
    /// second a frame for a 1,200-character path pasted into the o prompt.)
    @Test func theTailIsTheLongestEndThatFits() {
        let text = Array("ab中文cd")
        #expect(String(Grid.tail(text[...], columns: 2)) == "cd")
        #expect(String(Grid.tail(text[...], columns: 3)) == "cd")
        #expect(String(Grid.tail(text[...], columns: 4)) == "文cd")
        #expect(String(Grid.tail(text[...], columns: 100)) == "ab中文cd")
        #expect(Grid.tail(text[...], columns: 0).isEmpty)
        let long = Array(String(repeating: "vui ", count: 300))
        #expect(Grid.tail(long[...], columns: 40).count == 40)
    }
}
