import CamXucEmotion
import Testing
@testable import CamXucStudio

@Suite struct PanelTests {
    static let labels = [
        EmotionLabel(code: "Enjoyment", vi: "vui vẻ", en: "enjoyment", valence: 0.7, arousal: 0.4),
        EmotionLabel(code: "Sadness", vi: "buồn bã", en: "sadness", valence: -0.7, arousal: -0.4),
        EmotionLabel(code: "Anger", vi: "tức giận", en: "anger", valence: -0.55, arousal: 0.7),
        EmotionLabel(code: "Fear", vi: "sợ hãi", en: "fear", valence: -0.45, arousal: 0.75),
        EmotionLabel(code: "Disgust", vi: "ghê tởm", en: "disgust", valence: -0.65, arousal: 0.3),
        EmotionLabel(code: "Surprise", vi: "ngạc nhiên", en: "surprise", valence: 0.25, arousal: 0.75),
        EmotionLabel(code: "Other", vi: "bình thường", en: "neutral", valence: 0, arousal: 0),
    ]

    @Test func emotionBarsAreSortedWithTheWinnerMarked() {
        let distribution = EmotionDistribution(labels: Self.labels, probabilities: [0.71, 0.05, 0.04, 0.02, 0.02, 0.09, 0.07])
        var grid = Grid(width: 32, height: 7)
        EmotionPanel.draw(distribution, english: false, into: &grid, rect: .init(x: 0, y: 0, width: 32, height: 7))
        let lines = grid.rendered().split(separator: "\n").map(String.init)
        // Each row starts with the key that sets its emotion by hand: the model's order, not the sorted one.
        #expect(lines[0].hasPrefix("1 vui vẻ      ") && lines[0].hasSuffix(" 0.71"))
        #expect(lines[1].hasPrefix("6 ngạc nhiên ") && lines[1].hasSuffix(" 0.09"))
        #expect(lines[2].hasPrefix("7 bình thường "))
        #expect(lines[6].hasSuffix(" 0.02"))
        // 0.71 of a 13-column bar (32 − 13 for the key and the longest label − 6) is 74 eighths: 9 full blocks and ▎.
        #expect(lines[0].contains(String(repeating: "█", count: 9) + "▎ "))
        #expect(grid[0, 0].role == "text.dim" && grid[2, 0].role == "emotion.winner" && grid[2, 1].role == "text")
        #expect(grid[14, 0].role == "emotion.Enjoyment")
    }

    @Test func circumplexPlacesTheTargetInItsQuadrant() {
        var grid = Grid(width: 31, height: 11)
        let rect = Grid.Rect(x: 0, y: 0, width: 31, height: 11)
        let marks = CircumplexPanel.Marks(target: CircumplexPoint(valence: 0.62, arousal: 0.48),
                                          take: CircumplexPoint(valence: -0.5, arousal: -0.5),
                                          trail: [CircumplexPoint(valence: 0.1, arousal: 0.9)], takeID: 3)
        CircumplexPanel.draw(marks, english: false, into: &grid, rect: rect)
        let plot = Grid.Rect(x: 0, y: 0, width: 31, height: 10)
        let target = CircumplexPanel.cell(of: marks.target!, in: plot)
        #expect(target.x > 15 && target.y < 5)          // right half, upper half: Q1
        #expect(grid[target.x, target.y].text == "◆")
        let take = CircumplexPanel.cell(of: marks.take!, in: plot)
        #expect(take.x < 15 && take.y > 5 && grid[take.x, take.y].text == "●")
        let lines = grid.rendered().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("căng thẳng") && lines[0].hasSuffix("phấn khích"))
        #expect(lines[9].hasPrefix("buồn") && lines[9].hasSuffix("thư thái"))
        // The legend names the take; narrower, it drops words before it cuts the take's number.
        #expect(lines[10].hasPrefix("◆ đích (+0.62, +0.48)  ● take 3"))
        var narrow = Grid(width: 24, height: 11)
        CircumplexPanel.draw(marks, english: false, into: &narrow, rect: .init(x: 0, y: 0, width: 24, height: 11))
        #expect(narrow.rendered().split(separator: "\n").map(String.init)[10].hasPrefix("◆ +0.62 +0.48  ● take 3"))
        #expect(grid[15, 5].text == "┼")
    }

    /// A mark on a quadrant's name never sits inside it ("ex●ited"); the name moves along its row towards the axis,
    /// else to the row inside it (it was left out: a take landing near a corner took "phấn khích" away).
    @Test func aMarkOnAQuadrantsNameMovesTheName() {
        var grid = Grid(width: 31, height: 11)
        CircumplexPanel.draw(.init(target: CircumplexPoint(valence: -0.3, arousal: -0.3),
                                   take: CircumplexPoint(valence: 0.95, arousal: 0.95)),
                             english: false, into: &grid, rect: .init(x: 0, y: 0, width: 31, height: 11))
        let top = grid.rendered().split(separator: "\n").map(String.init)[0]
        #expect(top.contains("phấn khích ●") && top.hasPrefix("căng thẳng"), "\(top)")
        // The half row taken by marks: the name goes one row down.
        var crowded = Grid(width: 31, height: 11)
        CircumplexPanel.draw(.init(target: CircumplexPoint(valence: 0.5, arousal: 1), take: CircumplexPoint(valence: 0.95, arousal: 0.95)),
                             english: false, into: &crowded, rect: .init(x: 0, y: 0, width: 31, height: 11))
        let rows = crowded.rendered().split(separator: "\n").map(String.init)
        #expect(!rows[0].contains("phấn") && rows[1].contains("phấn khích") && rows[0].contains("●") && rows[0].contains("◆"),
                "\(rows[0])\n\(rows[1])")
    }

    /// At 80 columns the legend read "◆ +0.49 +0.08  ● 13" (a third number?) with room for "● take 13".
    @Test func theLegendKeepsTheWordTakeWhereOneSpaceMakesRoom() {
        var grid = Grid(width: 23, height: 11)
        CircumplexPanel.draw(.init(target: CircumplexPoint(valence: 0.49, arousal: 0.08), take: CircumplexPoint(valence: 0.2, arousal: 0.1),
                                   takeID: 13),
                             english: false, into: &grid, rect: .init(x: 0, y: 0, width: 23, height: 11))
        #expect(grid.rendered().split(separator: "\n").map(String.init)[10] == "◆ +0.49 +0.08 ● take 13")
    }

    /// With an even number of rows the axis is half a cell off centre, and every arousal from −0.02 to −0.27 was drawn
    /// on the zero line: calm texts looked neutral beside lively ones. A point 0.05 off an axis is on its own side.
    @Test func aPointOffAnAxisIsDrawnOnItsSide() {
        let plot = Grid.Rect(x: 0, y: 0, width: 31, height: 10)
        let axis = CircumplexPanel.cell(of: CircumplexPoint(valence: 0, arousal: 0), in: plot)
        for arousal in [-0.05, -0.1, -0.27] {
            #expect(CircumplexPanel.cell(of: CircumplexPoint(valence: 0.5, arousal: arousal), in: plot).y > axis.y)
        }
        for arousal in [0.05, 0.1, 0.27] {
            #expect(CircumplexPanel.cell(of: CircumplexPoint(valence: 0.5, arousal: arousal), in: plot).y < axis.y)
        }
        #expect(CircumplexPanel.cell(of: CircumplexPoint(valence: -0.05, arousal: 0), in: plot).x < axis.x)
        #expect(CircumplexPanel.cell(of: CircumplexPoint(valence: 0.02, arousal: 0.02), in: plot) == axis)
        #expect(CircumplexPanel.cell(of: CircumplexPoint(valence: 1, arousal: -1), in: plot) == (30, 9))
    }

    @Test func aTinyPanelDrawsNothingRatherThanGarbage() {
        var grid = Grid(width: 6, height: 3)
        CircumplexPanel.draw(.init(target: CircumplexPoint(valence: 0, arousal: 0)), english: true, into: &grid,
                             rect: .init(x: 0, y: 0, width: 6, height: 3))
        #expect(grid.rendered() == String(repeating: " ", count: 6) + "\n" + String(repeating: " ", count: 6) + "\n" + String(repeating: " ", count: 6))
    }
}
