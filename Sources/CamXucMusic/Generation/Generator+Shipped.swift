import CamXucTensor
import Foundation

extension Generator {
    /// The music models CamXuc ships, best first: the chord-conditioned LSTM, then the one without chord inputs.
    public static let shippedModels = ["music-lstm-chords", "music-lstm"]

    /// Loads the shipped generator: the first of `shippedModels` (or `name`, when given) whose config is found by
    /// `ModelDirectory`, its vocabulary beside it, and, for a chord-conditioned model, `music-progressions.json`
    /// beside it. Returns the generator and the folder it came from.
    ///
    /// Throws a `MusicError` when no model is found, or when a file it needs cannot be read.
    public static func loadShipped(name: String? = nil) throws -> (generator: Generator, folder: String) {
        let names = name.map { [$0] } ?? shippedModels
        // Folder by folder, the best model each holds: a folder named by $CAMXUC_MODELS that has only the older
        // model is used, not passed over for the chord model of a folder further down the list.
        let found = ModelDirectory.candidates().lazy.compactMap { folder in
            names.lazy.map { folder + "/" + $0 + ".json" }.first { FileManager.default.fileExists(atPath: $0) }
        }.first
        guard let configPath = found else {
            throw MusicError.modelNotFound("music model \(names.map { $0 + ".json" }.joined(separator: " or ")) not found (looked in "
                                      + ModelDirectory.candidates().joined(separator: ", ") + "); set CAMXUC_MODELS")
        }
        let model = try MusicLSTM(configPath: configPath,
                                  weightsPath: String(configPath.dropLast(".json".count)) + ".safetensors")
        let folder = (configPath as NSString).deletingLastPathComponent
        let vocabulary = try EventVocabulary.load(path: folder + "/" + model.config.vocabularyFile)
        let progressions = model.config.hasChordInputs
            ? try ChordProgressions(path: folder + "/music-progressions.json") : nil
        return (Generator(model: model, vocabulary: vocabulary, progressions: progressions), folder)
    }
}
