import Testing
@testable import CamXucStudio

/// The text field holds several lines (Alt-Enter): shown on its one row with a ⏎ between them, the cursor in view.
@Suite struct TextLinesTests {
    @Test func altEnterBreaksTheLineAndTheTextRowShowsIt() {
        var model = StudioModel()
        _ = StudioTests.typed("vui quas", into: &model)
        #expect(model.update(.key("Alt-Enter")) == [.analyze("vui quá\n")])
        _ = StudioTests.typed("buoonf", into: &model)
        #expect(model.editor.text == "vui quá\nbuồn")
        let row = model.view(width: 80, height: 24).rendered().split(separator: "\n")[1]
        #expect(row.hasPrefix("│ vui quá ⏎ buồn "))
    }

    @Test func theCursorStaysInViewOnALongTextOfSeveralLines() throws {
        var model = StudioModel()
        _ = model.update(.paste(String(repeating: "vui quá. ", count: 12) + "\nbuồn"))
        let grid = model.view(width: 80, height: 24)
        let cursor = (1..<79).filter { grid[$0, 1].role == "text.cursor" }
        #expect(cursor.count == 1)
        #expect(grid.rendered().split(separator: "\n")[1].contains("⏎ buồn"))
        // A click on the scrolled row puts the cursor under it: before the "b" of "buồn".
        let b = try #require((1..<79).first { grid[$0, 1].text == "b" } as Int?)
        _ = model.update(MouseAndPasteTests.click(b, 1, width: 80, height: 24))
        #expect(model.editor.cursor == model.editor.characters.count - 4)
    }

    /// A text longer than its row, the cursor at its start: the row is filled to its last column before ▸ (that
    /// column, kept for the cursor after the text, stayed blank: "… tin nhắn củ ▸").
    @Test func aLongTextFillsItsRowUpToTheMark() {
        var model = StudioModel()
        _ = model.update(.paste(String(repeating: "abcdefghij", count: 12)))
        _ = model.update(.key("Home"))
        let row = String(model.view(width: 80, height: 24).rendered().split(separator: "\n")[1])
        #expect(row.range(of: #"[a-j]▸│$"#, options: .regularExpression) != nil, "\(row)")
    }

    @Test func aTakesNameStaysOnOneLine() {
        var model = TakesListTests.withTakes(1)
        _ = model.update(.key("n"))
        _ = model.update(.key("Alt-Enter"))
        _ = model.update(.paste("hai\ndòng"))
        _ = model.update(.key("Enter"))
        #expect(model.takes[0].title == "vuihai dòng")
    }

    @Test func aTakeOfSeveralLinesIsTitledWithTheLinesJoined() {
        var model = StudioModel()
        _ = model.update(.paste("Sáng vui.\n\nChiều buồn. "))
        _ = model.update(.analyzed(text: model.editor.text, StudioTests.happy))
        _ = model.update(.key("Enter"))
        #expect(model.takes.first?.title == "Sáng vui. / Chiều buồn.")
        #expect(model.takes.first?.text == "Sáng vui.\n\nChiều buồn. ")
    }
}
