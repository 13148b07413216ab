/// Where each panel sits on a screen of a given size: one answer for drawing (`view`) and for the mouse (`update`).
public struct StudioLayout: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let text: Grid.Rect
    public let emotion: Grid.Rect
    public let circumplex: Grid.Rect
    /// On screens below 80 columns (`compact`) an overlay at the right, drawn only while the panel is focused.
    public let parameters: Grid.Rect
    /// Below 80 columns (a big font, a projector) the middle row holds only the Emotion panel and the plane, each half the
    /// width, and the parameters open over them when focused, as the takes do below 110 columns (the studio asked
    /// for a larger window instead, and a projector's font at 64×20 could not use it).
    public let compact: Bool
    /// Beside the other panels on screens at least 110 columns wide; otherwise the takes open as an overlay.
    public let takes: Grid.Rect?
    public let roll: Grid.Rect
    public let takesOverlay: Grid.Rect

    /// Whether the screen is big enough to use at all.
    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    /// The smallest screen drawn at all, in the compact layout.
    public static let minimumWidth = 60
    public static let minimumHeight = 18
    /// The narrowest screen with every panel in its place (a lower one only has a lower roll).
    public static let fullWidth = 80

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        text = Grid.Rect(x: 0, y: 0, width: width, height: 3)
        // From 48 rows all ten parameters show at once.
        let middleHeight = height >= 48 ? 12 : height >= 40 ? 11 : 9
        // Beside the others from 110 columns: at 100 the Emotion panel's bars shrank to one cell.
        let takesWidth = width >= 110 ? max(22, width / 5) : 0
        // Wide enough for a whole instrument name ("▸ nhạc cụ  0 Acoustic Grand Piano") from 120 columns.
        compact = width < Self.fullWidth
        let parametersWidth = width >= 120 ? 36 : width >= 100 ? 30 : 26
        let rest = width - takesWidth - (compact ? 0 : parametersWidth)
        let emotionWidth = (rest + 1) / 2
        let circumplexWidth = rest - emotionWidth
        let y = text.height
        emotion = Grid.Rect(x: 0, y: y, width: emotionWidth, height: middleHeight)
        circumplex = Grid.Rect(x: emotionWidth, y: y, width: circumplexWidth, height: middleHeight)
        if compact {
            // Over the plane, all ten rows where the screen has them (at the right, where the panel sits on a larger
            // screen; 30 columns wide, it left a strip of the plane beside it).
            parameters = Grid.Rect(x: emotionWidth, y: y, width: circumplexWidth,
                                   height: min(Parameters.Name.allCases.count + 2, height - y - 1))
        } else {
            parameters = Grid.Rect(x: emotionWidth + circumplexWidth, y: y, width: parametersWidth, height: middleHeight)
        }
        // From 50 rows the takes run down beside the roll too (at 200×60 the list showed 5 of 13 takes beside a
        // roll 44 rows high).
        let tall = takesWidth > 0 && height >= 50
        takes = takesWidth > 0 ? Grid.Rect(x: width - takesWidth, y: y, width: takesWidth,
                                           height: tall ? height - y - 1 : middleHeight) : nil
        roll = Grid.Rect(x: 0, y: y + middleHeight, width: tall ? width - takesWidth : width, height: height - y - middleHeight - 1)
        let overlayWidth = min(max(width / 2, 40), width - 4)
        let overlayHeight = min(max(height - 8, 6), height - 2)
        takesOverlay = Grid.Rect(x: (width - overlayWidth) / 2, y: (height - overlayHeight) / 2,
                                 width: overlayWidth, height: overlayHeight)
    }

    /// The panel under a cell, if any (the overlays aside: the parameters in the compact layout, the takes below 110
    /// columns).
    public func panel(atX x: Int, y: Int) -> Panel? {
        let places: [(Panel, Grid.Rect?)] = [(.text, text), (.emotion, emotion), (.circumplex, circumplex),
                                             (.parameters, compact ? nil : parameters), (.takes, takes), (.roll, roll)]
        return places.first { $0.1?.contains(x: x, y: y) ?? false }?.0
    }

    /// The circumplex's plot area (its inside less the legend row), as `CircumplexPanel` draws it.
    public var circumplexPlot: Grid.Rect {
        let inside = circumplex.padded
        return Grid.Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 1)
    }
}
