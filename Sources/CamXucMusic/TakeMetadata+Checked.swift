import Foundation

extension TakeMetadata {
    /// The metadata as read from a file, with every number brought into a range CamXuc can use (the tempo set by hand
    /// and top-p into the ones it writes; lengths, top-k and sentence numbers under generous bounds): a number
    /// that is not finite is dropped, any other is clamped. A take copied in by hand, synced from elsewhere or
    /// written by another tool with valence 1e300, temperature 1e300, a primer of −1 notes or a sentence numbered
    /// Int.min crashed the studio at every start, while it drew or judged the take.
    public var checked: TakeMetadata {
        var copy = self
        copy.valence = Self.finite(valence).map { Self.clamp($0, -1, 1) }
        copy.arousal = Self.finite(arousal).map { Self.clamp($0, -1, 1) }
        copy.tempoScale = Self.finite(tempoScale).map { Self.clamp($0, Self.tempoScales.lowerBound, Self.tempoScales.upperBound) }
        copy.sampling = sampling.map { settings in
            var settings = settings
            settings.temperature = Self.clamp(Self.finite(settings.temperature) ?? 1, 0, 2)
            settings.topK = min(max(settings.topK, 0), Self.largestTopK)
            settings.topP = Self.clamp(Self.finite(settings.topP) ?? 1, 0.01, 1)
            settings.guidance = Self.clamp(Self.finite(settings.guidance) ?? 1, 0, 20)
            settings.lengthSeconds = Self.clamp(Self.finite(settings.lengthSeconds) ?? 30, 0, Self.longestSeconds)
            return settings
        }
        copy.parameterChanges = parameterChanges?.compactMap { change in
            guard let seconds = Self.finite(change.seconds) else { return nil }
            var change = change
            change.seconds = Self.clamp(seconds, 0, Self.longestSeconds)
            change.temperature = Self.clamp(Self.finite(change.temperature) ?? 1, 0, 2)
            change.topK = min(max(change.topK, 0), Self.largestTopK)
            change.topP = Self.clamp(Self.finite(change.topP) ?? 1, 0.01, 1)
            change.guidance = Self.clamp(Self.finite(change.guidance) ?? 1, 0, 20)
            change.tempoScale = Self.clamp(Self.finite(change.tempoScale) ?? 1, Self.tempoScales.lowerBound, Self.tempoScales.upperBound)
            return change
        }
        copy.arc = arc.flatMap(Self.checked)
        copy.primer = primer.flatMap { record in
            guard let seconds = Self.finite(record.seconds) else { return nil }
            var record = record
            record.seconds = Self.clamp(seconds, 0, Self.longestSeconds)
            record.notes = max(record.notes, 0)
            record.continuationStartSeconds = Self.finite(record.continuationStartSeconds).map { Self.clamp($0, 0, Self.longestSeconds) }
            record.continuationOnlyFromSeconds = Self.finite(record.continuationOnlyFromSeconds).map { Self.clamp($0, 0, Self.longestSeconds) }
            return record
        }
        copy.parent = parent.flatMap { $0 > 0 ? $0 : nil }
        return copy
    }

    /// An arc whose times are finite, each segment ending after it starts, and whose sentence numbers are positive,
    /// its points clamped; nil
    /// when none of it can be kept.
    static func checked(_ arc: EmotionArc) -> EmotionArc? {
        let segments = arc.segments.compactMap { segment -> EmotionArc.Segment? in
            guard let start = finite(segment.start), let end = finite(segment.end), let valence = finite(segment.valence),
                  let arousal = finite(segment.arousal) else { return nil }
            var segment = segment
            segment.start = clamp(start, 0, longestSeconds)
            segment.end = clamp(max(end, start), 0, longestSeconds)
            segment.valence = clamp(valence, -1, 1)
            segment.arousal = clamp(arousal, -1, 1)
            segment.sentences = segment.sentences.filter { (1...largestSentence).contains($0) }
            return segment
        }
        guard !segments.isEmpty else { return nil }
        let whole = EmotionArc.Point(valence: clamp(finite(arc.whole.valence) ?? 0, -1, 1),
                                     arousal: clamp(finite(arc.whole.arousal) ?? 0, -1, 1))
        return EmotionArc(segments: segments, whole: whole)
    }

    /// Seconds past which nothing in a take's metadata is believed (a day).
    static let longestSeconds = 86_400.0
    /// (Top-p is kept in 0.01–1: the sampler takes no 0.)
    /// The tempo scales kept: the studio's row's and `compose --tempo`'s (`info` printed a ×100 that compose refuses).
    static let tempoScales = 0.5...2.0
    /// Top-k past the vocabulary keeps every event anyway.
    static let largestTopK = 100_000
    /// The highest sentence number kept in an arc.
    static let largestSentence = 1_000_000

    static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
    static func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double { min(max(value, low), high) }
}
