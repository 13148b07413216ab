import CamXucTensor
import Foundation

/// The emotion-conditioned music LSTM: embedding ⊕ condition → LSTM layers → logits over the event vocabulary.
///
/// Weights come from `Models/music-lstm.safetensors` with PyTorch's names, checked against `music-lstm.json`.
/// `step` advances a batch of streams by one event without allocating: classifier-free guidance runs the
/// conditioned and unconditioned streams as a batch of two, best-of-N as a batch of 2N.
///
/// The chord-conditioned model (`music-lstm-chords.json`, whose config has `chord_embedding`, `key_embedding` and
/// `input_layout`) also reads a chord id and a key id per step (Models/training/music/README.md): their
/// embeddings' input shares are tables made at load, and the 12 + 12 absolute chord-tone and root columns are
/// added per step. A model without chord inputs ignores chord and key ids.
public final class MusicLSTM: Sendable {
    public struct Config: Codable, Equatable, Sendable {
        public var name: String
        public var version: Int
        public var vocabularyFile: String
        public var vocabularySize: Int
        public var embedding: Int
        public var hidden: Int
        public var layers: Int
        /// Width of the chord-id embedding; nil for a model without chord inputs.
        public var chordEmbedding: Int?
        /// Width of the key-id embedding; nil for a model without chord inputs.
        public var keyEmbedding: Int?
        /// Where each part of the first layer's input sits (chord-conditioned models).
        public var inputLayout: [InputPart]?
        /// The weights' dtypes ("F16" matrices, "F32" biases); F32 throughout when absent.
        public var dtype: DType?
        /// Models trained with lookback inputs (`CopyContext`): where the NOTE tokens start and how many there are;
        /// `input_layout` then has `copy_three` and `copy_two` of `pitches` columns each.
        public var copy: Copy?

        public struct Copy: Codable, Equatable, Sendable {
            public var noteBase: Int
            public var pitches: Int
        }

        public struct InputPart: Codable, Equatable, Sendable {
            public var name: String
            public var offset: Int
            public var size: Int
        }

        public struct DType: Codable, Equatable, Sendable {
            public var matrices: String
            public var biases: String
        }

        /// Whether the model reads a chord plan.
        public var hasChordInputs: Bool { chordEmbedding != nil && keyEmbedding != nil && inputLayout != nil }
    }

    /// Chord ids (1 + 2·root + minor relative to the tonic; 0 no chord) and key ids (tonic + 12·minor).
    public enum ChordIDs {
        public static let count = 26
        public static let none = 0
        /// No chord plan: give it with `KeyIDs.unknown`.
        public static let unknown = 25
    }

    public enum KeyIDs {
        public static let count = 25
        public static let unknown = 24
    }

    /// The hidden and cell state of every layer for a batch of streams, and scratch space for one step.
    public struct State: Sendable {
        public let batch: Int
        var h: [[Float]]
        var c: [[Float]]
        var gates: [Float]
        /// Each stream's lookback context (models with lookback inputs; empty otherwise): what it has read.
        var copies: [CopyContext] = []

        /// Scales stream `row`'s hidden and cell states by `share` (0: the state a stream starts from).
        public mutating func fade(row: Int, keeping share: Float) {
            guard batch > 0, (0..<batch).contains(row) else { return }
            for layer in h.indices {
                let width = h[layer].count / batch
                for index in row * width..<(row + 1) * width {
                    h[layer][index] *= share
                    c[layer][index] *= share
                }
            }
        }
    }

    /// Width of the condition: (valence, arousal, present).
    public static let conditionSize = 3

    public let config: Config
    let embedding: [Float]
    let layers: [LSTMLayer]
    let output: Linear
    /// The first layer's input share for each event, W_ih·embedding + b_ih, computed once at load: a step then
    /// looks it up instead of multiplying the embedding again.
    let firstLayerTable: [Float]
    /// The first layer's input weights for the condition's columns, contiguous.
    let conditionColumns: [Float]
    /// Chord-conditioned models: the input shares of every chord id [26, 4H] and key id [25, 4H] (W_ih·embedding,
    /// no bias), and W_ih's chord-tone and root columns, each column contiguous [12, 4H].
    let chordTable: [Float]
    let keyTable: [Float]
    let toneColumns: [Float]
    let rootColumns: [Float]
    /// Models with lookback inputs: W_ih's `copy_three` and `copy_two` columns, each column contiguous [P, 4H].
    let copyThreeColumns: [Float]
    let copyTwoColumns: [Float]

    public init(configPath: String, weightsPath: String) throws {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw MusicError.cannotRead(file: "model config \(configPath)", reason: "no such file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let config = try? decoder.decode(Config.self, from: data), config.layers >= 1, config.hidden > 0,
              config.embedding > 0, config.vocabularySize > 0 else {
            throw MusicError.badModel("cannot use model config \(configPath): it is not a valid music-lstm config")
        }
        let matrices = config.dtype?.matrices ?? "F32", biases = config.dtype?.biases ?? "F32"
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            let e = config.embedding, h = config.hidden, v = config.vocabularySize
            // Column ranges of the first layer's input.
            var event = 0..<e, condition = e..<(e + Self.conditionSize)
            var chordColumns = 0..<0, keyColumns = 0..<0, tones = 0..<0, roots = 0..<0
            var copyThree = 0..<0, copyTwo = 0..<0
            var firstInputs = e + Self.conditionSize
            if config.hasChordInputs, let layout = config.inputLayout {
                func part(_ name: String, size: Int) throws -> Range<Int> {
                    guard let entry = layout.first(where: { $0.name == name }), entry.size == size, entry.offset >= 0 else {
                        throw MusicError.badModel("cannot use model config \(configPath): input_layout lacks '\(name)' of width \(size)")
                    }
                    return entry.offset..<(entry.offset + entry.size)
                }
                event = try part("event", size: e)
                chordColumns = try part("chord", size: config.chordEmbedding ?? 0)
                keyColumns = try part("key", size: config.keyEmbedding ?? 0)
                tones = try part("chord_tones", size: 12)
                roots = try part("chord_root", size: 12)
                condition = try part("condition", size: Self.conditionSize)
                if let copy = config.copy {
                    guard copy.pitches > 0, copy.noteBase >= 0, copy.noteBase + copy.pitches <= config.vocabularySize else {
                        throw MusicError.badModel("cannot use model config \(configPath): its copy inputs lie outside the vocabulary")
                    }
                    copyThree = try part("copy_three", size: copy.pitches)
                    copyTwo = try part("copy_two", size: copy.pitches)
                }
                firstInputs = layout.map { $0.offset + $0.size }.max() ?? 0
            }
            embedding = try file.tensor("embedding.weight", dtype: matrices, shape: [v, e]).values
            var layers: [LSTMLayer] = []
            for layer in 0..<config.layers {
                let inputs = layer == 0 ? firstInputs : h
                layers.append(LSTMLayer(
                    weightIH: try file.tensor("lstm.weight_ih_l\(layer)", dtype: matrices, shape: [4 * h, inputs]),
                    weightHH: try file.tensor("lstm.weight_hh_l\(layer)", dtype: matrices, shape: [4 * h, h]),
                    biasIH: try file.tensor("lstm.bias_ih_l\(layer)", dtype: biases, shape: [4 * h]),
                    biasHH: try file.tensor("lstm.bias_hh_l\(layer)", dtype: biases, shape: [4 * h])))
            }
            self.layers = layers
            firstLayerTable = embedding.withUnsafeBufferPointer {
                layers[0].inputGates(columns: event, values: $0.baseAddress!, count: v)
            }
            conditionColumns = layers[0].inputColumns(condition)
            if config.hasChordInputs, let c = config.chordEmbedding, let k = config.keyEmbedding {
                let chords = try file.tensor("chord_embedding.weight", dtype: matrices, shape: [ChordIDs.count, c]).values
                let keys = try file.tensor("key_embedding.weight", dtype: matrices, shape: [KeyIDs.count, k]).values
                chordTable = chords.withUnsafeBufferPointer {
                    layers[0].inputGates(columns: chordColumns, values: $0.baseAddress!, count: ChordIDs.count, bias: false)
                }
                keyTable = keys.withUnsafeBufferPointer {
                    layers[0].inputGates(columns: keyColumns, values: $0.baseAddress!, count: KeyIDs.count, bias: false)
                }
                toneColumns = layers[0].inputColumns(tones)
                rootColumns = layers[0].inputColumns(roots)
            } else {
                chordTable = []
                keyTable = []
                toneColumns = []
                rootColumns = []
            }
            copyThreeColumns = layers[0].inputColumns(copyThree)
            copyTwoColumns = layers[0].inputColumns(copyTwo)
            output = Linear(weight: try file.tensor("output.weight", dtype: matrices, shape: [v, h]),
                            bias: try file.tensor("output.bias", dtype: biases, shape: [v]))
        } catch let TensorError.cannotRead(file, reason) {
            // A weights file that is missing or unreadable is a missing input (66), not a broken one (65).
            throw MusicError.cannotRead(file: "model \(file)", reason: reason)
        } catch let error as TensorError {
            throw MusicError.badModel(error.description)
        }
        self.config = config
    }

    /// A zero state for `batch` streams.
    public func makeState(batch: Int) -> State {
        let h = config.hidden
        let copies = config.hasChordInputs ? config.copy.map {
            Array(repeating: CopyContext(noteBase: $0.noteBase, pitches: $0.pitches), count: batch)
        } ?? [] : []
        return State(batch: batch,
                     h: Array(repeating: [Float](repeating: 0, count: batch * h), count: config.layers),
                     c: Array(repeating: [Float](repeating: 0, count: batch * h), count: config.layers),
                     gates: [Float](repeating: 0, count: batch * 4 * h), copies: copies)
    }

    /// Feeds `tokens[b]` with `conditions[b*3..<b*3+3]` to stream b and writes the next-event logits of every stream
    /// to `logits` [batch, vocabularySize].
    /// `chords[b]` and `keys[b]` are stream b's chord id and key id; a model without chord inputs ignores them,
    /// and empty arrays mean no plan (chord 25, key 24) for every stream.
    public func step(tokens: [Int], conditions: [Float], chords: [Int] = [], keys: [Int] = [], state: inout State,
                     logits: inout [Float]) {
        let batch = state.batch
        let h = config.hidden
        precondition(tokens.count == batch && conditions.count == batch * Self.conditionSize
                     && logits.count == batch * config.vocabularySize, "MusicLSTM.step: batch sizes differ")
        precondition((chords.isEmpty || chords.count == batch) && (keys.isEmpty || keys.count == batch),
                     "MusicLSTM.step: chord or key count differs from the batch")
        // The first layer: the embedding's share looked up, the condition's added, then the recurrent part.
        state.gates.withUnsafeMutableBufferPointer { gates in
            firstLayerTable.withUnsafeBufferPointer { table in
                for b in 0..<batch {
                    let token = min(max(tokens[b], 0), config.vocabularySize - 1)
                    (gates.baseAddress! + b * 4 * h).update(from: table.baseAddress! + token * 4 * h, count: 4 * h)
                }
            }
            if config.hasChordInputs {
                addChordShare(chords: chords, keys: keys, batch: batch, into: gates.baseAddress!)
            }
            for b in state.copies.indices {
                state.copies[b].observe(tokens[b])
                addCopyShare(state.copies[b], into: gates.baseAddress! + b * 4 * h)
            }
            conditions.withUnsafeBufferPointer { condition in
                layers[0].accumulateInput(columns: conditionColumns, values: condition.baseAddress!, batch: batch,
                                          into: gates.baseAddress!)
            }
            state.h[0].withUnsafeMutableBufferPointer { hBuffer in
                state.c[0].withUnsafeMutableBufferPointer { cBuffer in
                    layers[0].step(inputGates: gates.baseAddress!, batch: batch, h: hBuffer.baseAddress!,
                                   c: cBuffer.baseAddress!)
                }
            }
        }
        for index in layers.indices.dropFirst() {
            let layer = layers[index]
            // This layer's input is the previous layer's new hidden state, read in place (a second reference to
            // its buffer, not a copy; it is let go before the next step writes that layer again).
            let previous = state.h[index - 1]
            previous.withUnsafeBufferPointer { input in
                state.h[index].withUnsafeMutableBufferPointer { hBuffer in
                    state.c[index].withUnsafeMutableBufferPointer { cBuffer in
                        state.gates.withUnsafeMutableBufferPointer { gates in
                            layer.step(input: input.baseAddress!, batch: batch, h: hBuffer.baseAddress!,
                                       c: cBuffer.baseAddress!, gates: gates.baseAddress!)
                        }
                    }
                }
            }
        }
        state.h[layers.count - 1].withUnsafeBufferPointer { top in
            logits.withUnsafeMutableBufferPointer { out in
                output.apply(top.baseAddress!, batch: batch, into: out.baseAddress!)
            }
        }
    }

    /// gates[b] += C[chord] + K[key] + the chord-tone and root columns of the chord's absolute pitch classes.
    func addChordShare(chords: [Int], keys: [Int], batch: Int, into gates: UnsafeMutablePointer<Float>) {
        let width = 4 * config.hidden
        chordTable.withUnsafeBufferPointer { chordRows in
            keyTable.withUnsafeBufferPointer { keyRows in
                toneColumns.withUnsafeBufferPointer { toneRows in
                    rootColumns.withUnsafeBufferPointer { rootRows in
                        for b in 0..<batch {
                            let out = gates + b * width
                            let chord = chords.isEmpty ? ChordIDs.unknown : min(max(chords[b], 0), ChordIDs.count - 1)
                            let key = keys.isEmpty ? KeyIDs.unknown : min(max(keys[b], 0), KeyIDs.count - 1)
                            let chordRow = chordRows.baseAddress! + chord * width, keyRow = keyRows.baseAddress! + key * width
                            for row in 0..<width { out[row] += chordRow[row] + keyRow[row] }
                            guard let tones = Self.chordTones(chordID: chord, keyID: key) else { continue }
                            let root = rootRows.baseAddress! + tones.root * width
                            let first = toneRows.baseAddress! + tones.root * width
                            let third = toneRows.baseAddress! + tones.third * width
                            let fifth = toneRows.baseAddress! + tones.fifth * width
                            for row in 0..<width { out[row] += first[row] + third[row] + fifth[row] + root[row] }
                        }
                    }
                }
            }
        }
    }

    /// gates += the `copy_three` and `copy_two` columns of `context`'s candidates (nothing for none).
    func addCopyShare(_ context: CopyContext, into out: UnsafeMutablePointer<Float>) {
        func add(_ columns: [Float], _ pitch: Int) {
            guard pitch >= 0 else { return }
            let width = 4 * config.hidden
            columns.withUnsafeBufferPointer { rows in
                let column = rows.baseAddress! + pitch * width
                for row in 0..<width { out[row] += column[row] }
            }
        }
        add(copyThreeColumns, context.three)
        add(copyTwoColumns, context.two)
    }

    /// The absolute pitch classes (C = 0) of a chord's root, third and fifth, or nil for no chord, an unknown chord
    /// or an unknown key.
    public static func chordTones(chordID: Int, keyID: Int) -> (root: Int, third: Int, fifth: Int)? {
        guard (1...24).contains(chordID), (0..<KeyIDs.unknown).contains(keyID) else { return nil }
        let root = (keyID % 12 + (chordID - 1) / 2) % 12
        let minor = (chordID - 1) % 2
        return (root, (root + 4 - minor) % 12, (root + 7) % 12)
    }
}
