import CamXucEmotion
import CamXucMusic

/// The studio's half of emotional arcs: a text of several sentences is read sentence by sentence, the plane numbers
/// their points, Enter composes along them, and the roll's strip shows each segment of the take.
extension StudioModel {
    /// The arc Enter composes along: the analysed text's sentences laid out over a take of `lengthSeconds`. Nil for
    /// a text of one sentence, and when the target was set by hand (a moved point or a chosen emotion wins over
    /// the text, as it does for one point).
    func arcToCompose(lengthSeconds: Double) -> EmotionArc? {
        guard sentenceReadings.count > 1, analyzedText == editor.text, chosenEmotion == nil,
              let target, target == textPoint else { return nil }
        let arc = EmotionArc.layout(sentenceReadings, whole: .init(valence: target.valence, arousal: target.arousal),
                                    lengthSeconds: lengthSeconds)
        // A take too short for two segments is the text's one point (its sentences' mean was neither that point
        // nor any sentence's).
        return arc.segments.count > 1 ? arc : nil
    }

    /// The marks of `arcPath`'s points: a take's segments by their first sentence's mark, as its strip labels them
    /// ("3" for sentences 3–5); a text's sentences 1, 2, … (empty).
    var arcPathMarks: [String] {
        guard planeShowsTakeArc, let segments = currentTake?.arc?.segments else { return [] }
        return segments.enumerated().map { index, segment in
            CircumplexPanel.pathMark((segment.sentences.first ?? index + 1) - 1)
        }
    }

    /// The points the plane numbers and joins: the text's sentences (what Enter composes along), else the segments
    /// of the current take's arc. The take's wins while it plays or the Takes panel has the focus: the roll's strip
    /// shows that take then, and the plane drew the typed text's path beside it.
    var arcPath: [CircumplexPoint] {
        if planeShowsTakeArc {
            return (currentTake?.arc?.segments ?? []).map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) }
        }
        return sentenceReadings.count > 1 ? sentenceReadings.map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) } : []
    }

    /// Whether the plane draws the current take's segments rather than the typed text's sentences: while it plays or
    /// the Takes panel has the focus, or when no text is typed (a text of one sentence typed since showed the last
    /// take's arc as if it were its own).
    var planeShowsTakeArc: Bool {
        guard let take = currentTake, let arc = take.arc, arc.segments.count > 1 else { return false }
        return focus == .takes || playing == take.id || editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// What the screen shows of the playhead: which take plays, the roll column it is in, the whole second the clocks
    /// show, where the roll starts (it follows the playhead) and the arc's segment under it. The studio redraws when
    /// this changes, not at every new position of the sound (which moves every few milliseconds).
    struct PlayheadShown: Equatable {
        var take: Int?
        var column: Int?
        var second: Int?
        var rollStart: Double
        var segment: Int?
    }

    var playheadShown: PlayheadShown {
        PlayheadShown(take: playing, column: playhead.map { PianoRollPanel.column(at: $0, view: roll) },
                      second: playhead.map { Int(min(max($0, 0), 1e9)) }, rollStart: roll.startSeconds,
                      segment: playingSegment)
    }

    /// The segment of the current take's arc under the playhead, while that take plays.
    var playingSegment: Int? {
        guard let playhead, playing == selectedTake else { return nil }
        return currentTake?.arc?.segmentIndex(atSeconds: playhead)
    }

    /// The roll's inside split into the arc strip's row, when the current take follows an arc, and the notes'
    /// rows under it.
    func rollRows(_ inside: Grid.Rect) -> (strip: Grid.Rect?, notes: Grid.Rect) {
        guard currentTake?.arc?.segments.isEmpty == false, inside.height > 3 else { return (nil, inside) }
        return (Grid.Rect(x: inside.x, y: inside.y, width: inside.width, height: 1),
                Grid.Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1))
    }

    /// The lowest pitch row of the roll's fitted window for the current take: the one kept as its notes arrived
    /// (`rollFit`), else the best for its notes; nil with no notes (the panel's own default).
    func fittedRollLowest(rows: Int) -> Int? {
        guard let take = currentTake, !take.notes.isEmpty else { return nil }
        if let fit = rollFit, fit.take == take.id, fit.rows == rows { return fit.lowest }
        return PianoRollPanel.fittedLowest(take.notes, rows: rows)
    }

    /// The roll with the current take's arc strip above its notes.
    func drawRoll(_ grid: inout Grid, _ inside: Grid.Rect) {
        let rows = rollRows(inside)
        if let strip = rows.strip, let arc = currentTake?.arc {
            ArcStrip.draw(arc, view: roll, current: playingSegment, english: english, names: emotionName,
                          into: &grid, rect: strip)
        }
        var view = roll
        if view.lowestPitch == nil { view.lowestPitch = fittedRollLowest(rows: max(rows.notes.height - 1, 1)) }
        // A paused take shows where it will go on from.
        let held = playing == nil && paused?.take == selectedTake ? paused?.seconds : nil
        PianoRollPanel.draw(notes: currentTake?.notes ?? [], view: view, playhead: playing == selectedTake ? playhead : held,
                            scale: parameters.keyLock ? keyScale : nil,
                            tempoMap: currentTake?.tempoMap ?? TempoMap(beatsPerMinute: 120),
                            timeSignature: currentTake?.timeSignature ?? TimeSignature(),
                            meterChanges: currentTake?.meterChanges ?? [],
                            primerNotes: currentTake?.primerNotes ?? 0, join: rollJoin,
                            into: &grid, rect: rows.notes)
    }

    /// Where the current take's new music starts after notes it kept (a continuation of a file or a take): only
    /// the primer's shade told them apart, and without colours nothing did.
    var rollJoin: Double? {
        guard let take = currentTake, take.primerNotes > 0, take.notes.count > take.primerNotes,
              let start = take.primer?.continuationStartSeconds else { return nil }
        return start
    }

    /// An emotion class's name in the UI's language ("vui vẻ"); its code when the classes are not known.
    func emotionName(_ code: String?) -> String {
        guard let code else { return "" }
        return emotionLabels.first { $0.code == code }?.name(english: english) ?? code
    }
}
