import CamXucEmotion
import CamXucMusic

/// The studio's half of emotional arcs: a text of several sentences is read sentence by sentence and the plane
/// numbers their points.
extension StudioModel {
    /// The points the plane numbers and joins: the text's sentences.
    var arcPath: [CircumplexPoint] {
        sentenceReadings.count > 1 ? sentenceReadings.map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) } : []
    }
}
