/// Where the beats of a take's chord plans fall in take time, for its file's tempo map.
///
/// The network plays in model time, and a plan's chords change on its beats (`ChordPlan.beatSeconds` of model time);
/// the tempo scale stretches model time into take time. A file written at a nominal 120 bpm put a DAW's bars and tempo
/// display out of step with the music (a take at tempo ×1.15 showed 120 bpm, an arc's tempo changes none); this
/// clock follows the plan's beats through every change of tempo, so that the file says the tempo the music was
/// played at and its beat grid is the plan's. Each plan of an arc starts on a beat of its own: the beats of the
/// segment before are stretched evenly so that the new plan's first beat is a whole beat of the take.
struct BeatClock: Sendable {
    struct Mark: Equatable, Sendable {
        var seconds: Double
        var beat: Double
        var secondsPerBeat: Double
    }

    /// Points where the tempo changed, in take time, with the beat reached there.
    private(set) var marks: [Mark] = []
    /// Beats counted so far.
    private(set) var beat = 0.0
    /// The beat the plan in force started on.
    private var planStart = 0.0

    /// A change of tempo smaller than this share is not a change (an arc's glide moves the tempo a little at every
    /// event; a tempo event for each would bloat the file for nothing a listener or a DAW can tell apart).
    static let tolerance = 0.01
    /// The most a segment's last chord is stretched or squeezed to bring the next plan onto a whole beat (15 % faster
    /// or slower); beyond it the whole segment shares the stretch when that is nearer its own tempo (its chord changes
    /// then move off the file's beats by up to half a beat at its end; the notes themselves are not on them).
    static let largestStretch = 1.15

    /// Counts an event of `modelSeconds` of model time that starts at take time `seconds`, under a plan whose beats
    /// last `beatSeconds` of model time, played `timeScale` times as long (1 / tempo scale).
    mutating func advance(atSeconds seconds: Double, modelSeconds: Double, beatSeconds: Double, timeScale: Double) {
        guard beatSeconds > 0, timeScale > 0, modelSeconds.isFinite, seconds.isFinite else { return }
        let perBeat = beatSeconds * timeScale
        if let last = marks.last {
            if abs(perBeat / last.secondsPerBeat - 1) > Self.tolerance {
                if last.seconds == seconds {
                    marks[marks.count - 1].secondsPerBeat = perBeat
                } else {
                    marks.append(Mark(seconds: seconds, beat: beat, secondsPerBeat: perBeat))
                }
            }
        } else {
            marks.append(Mark(seconds: seconds, beat: beat, secondsPerBeat: perBeat))
        }
        beat += max(modelSeconds, 0) / beatSeconds
    }

    /// A new plan starts at take time `seconds` (an arc's next segment): it starts on a whole beat (the nearest one
    /// after the chord in force began), the beats of that last chord stretched to reach it. `chordStartBeat`: the
    /// beat of the plan in force on which its last chord began (nil: its first beat); every chord change before it
    /// stays on its beat (stretching the whole segment moved a short segment's chord change 0.29 of a beat off).
    mutating func startPlan(atSeconds seconds: Double, chordStartBeat: Double? = nil) {
        guard !marks.isEmpty, seconds.isFinite, seconds >= marks[marks.count - 1].seconds else { return }
        var anchor = min(max(planStart + (chordStartBeat ?? 0), planStart), beat)
        // A chord that begins just as the new plan does has no beats to stretch: the segment's are (it was given a
        // whole beat in no time, "611 bpm" for a moment).
        if beat - anchor < 1e-9 { anchor = min(planStart, beat) }
        var whole = beat > anchor ? max(beat.rounded(), anchor.rounded(.down) + 1) : beat.rounded()
        // A last chord that cannot reach a whole beat without a tempo far from its own (half a beat stretched to a
        // whole one: a tempo lane doubling for a moment, "269 bpm" in a take of 106–139; 0.04 of a beat: "5866
        // bpm") gives way to the whole segment, whose many beats share the stretch, where that keeps nearer its tempo.
        func distortion(_ anchor: Double, _ whole: Double) -> Double {
            guard beat > anchor else { return 1 }
            let factor = (whole - anchor) / (beat - anchor)
            return max(factor, 1 / factor)
        }
        if distortion(anchor, whole) > Self.largestStretch {
            let segmentAnchor = min(planStart, beat)
            let segmentWhole = beat > segmentAnchor ? max(beat.rounded(), segmentAnchor.rounded(.down) + 1) : beat.rounded()
            if distortion(segmentAnchor, segmentWhole) < distortion(anchor, whole) {
                (anchor, whole) = (segmentAnchor, segmentWhole)
            }
        }
        if beat > anchor {
            // A mark on the anchor (between the marks around it, or the last one and now), so that only what
            // follows it stretches.
            if let index = marks.lastIndex(where: { $0.beat <= anchor }), marks[index].beat < anchor {
                let next = index + 1 < marks.count ? (marks[index + 1].seconds, marks[index + 1].beat) : (seconds, beat)
                let share = (anchor - marks[index].beat) / max(next.1 - marks[index].beat, 1e-12)
                let at = marks[index].seconds + share * (next.0 - marks[index].seconds)
                marks.insert(Mark(seconds: at, beat: anchor, secondsPerBeat: marks[index].secondsPerBeat), at: index + 1)
            }
            let factor = (whole - anchor) / (beat - anchor)
            for index in marks.indices where marks[index].beat > anchor {
                marks[index].beat = anchor + (marks[index].beat - anchor) * factor
                marks[index].secondsPerBeat /= factor
            }
        }
        let perBeat = marks[marks.count - 1].secondsPerBeat
        if marks[marks.count - 1].seconds == seconds {
            marks[marks.count - 1].beat = whole
        } else {
            marks.append(Mark(seconds: seconds, beat: whole, secondsPerBeat: perBeat))
        }
        beat = whole
        planStart = whole
    }

    /// The tempo map that puts every mark on its beat: between two marks the tempo that covers the seconds between
    /// them in the beats between them, after the last one its own tempo. 120 bpm when nothing was counted.
    func tempoMap(ticksPerQuarter: Int = 480) -> TempoMap {
        guard !marks.isEmpty else { return TempoMap(ticksPerQuarter: ticksPerQuarter, beatsPerMinute: 120) }
        let quarter = Double(ticksPerQuarter)
        let ticks = marks.map { Int(($0.beat * quarter).rounded()) }
        var changes: [TempoMap.Change] = []
        for (index, mark) in marks.enumerated() {
            let secondsPerQuarter: Double
            if index + 1 < marks.count {
                // Marks closer than a tick: the later one sets the tempo from that tick.
                guard ticks[index + 1] > ticks[index] else { continue }
                secondsPerQuarter = (marks[index + 1].seconds - mark.seconds) * quarter / Double(ticks[index + 1] - ticks[index])
            } else {
                secondsPerQuarter = mark.secondsPerBeat
            }
            changes.append(TempoMap.Change(tick: ticks[index],
                                           microsecondsPerQuarter: Int((secondsPerQuarter * 1_000_000).rounded())))
        }
        return TempoMap(ticksPerQuarter: ticksPerQuarter, changes: changes)
    }
}
