import CamXucTensor
import Foundation

/// The emotion-conditioned music LSTM: embedding ⊕ condition → LSTM layers → logits over the event vocabulary.
///
/// Weights come from `Models/music-lstm.safetensors` with PyTorch's names, checked against `music-lstm.json`.
/// `step` advances a batch of streams by one event without allocating: classifier-free guidance runs the
/// conditioned and unconditioned streams as a batch of two, best-of-N as a batch of 2N.
public final class MusicLSTM: Sendable {
    public struct Config: Codable, Equatable, Sendable {
        public var name: String
        public var version: Int
        public var vocabularyFile: String
        public var vocabularySize: Int
        public var embedding: Int
        public var hidden: Int
        public var layers: Int
    }

    /// The hidden and cell state of every layer for a batch of streams, and scratch space for one step.
    public struct State: Sendable {
        public let batch: Int
        var h: [[Float]]
        var c: [[Float]]
        var gates: [Float]
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

    public init(configPath: String, weightsPath: String) throws {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw MusicError.badModel("cannot read model config \(configPath): no such file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let config = try? decoder.decode(Config.self, from: data), config.layers >= 1, config.hidden > 0,
              config.embedding > 0, config.vocabularySize > 0 else {
            throw MusicError.badModel("cannot use model config \(configPath): it is not a valid music-lstm config")
        }
        do {
            let file = try SafeTensorsFile(path: weightsPath)
            let e = config.embedding, h = config.hidden, v = config.vocabularySize
            embedding = try file.tensor("embedding.weight", dtype: "F32", shape: [v, e]).values
            var layers: [LSTMLayer] = []
            for layer in 0..<config.layers {
                let inputs = layer == 0 ? e + Self.conditionSize : h
                layers.append(LSTMLayer(
                    weightIH: try file.tensor("lstm.weight_ih_l\(layer)", dtype: "F32", shape: [4 * h, inputs]),
                    weightHH: try file.tensor("lstm.weight_hh_l\(layer)", dtype: "F32", shape: [4 * h, h]),
                    biasIH: try file.tensor("lstm.bias_ih_l\(layer)", dtype: "F32", shape: [4 * h]),
                    biasHH: try file.tensor("lstm.bias_hh_l\(layer)", dtype: "F32", shape: [4 * h])))
            }
            self.layers = layers
            firstLayerTable = embedding.withUnsafeBufferPointer {
                layers[0].inputGates(columns: 0..<e, values: $0.baseAddress!, count: v)
            }
            conditionColumns = layers[0].inputColumns(e..<(e + Self.conditionSize))
            output = Linear(weight: try file.tensor("output.weight", dtype: "F32", shape: [v, h]),
                            bias: try file.tensor("output.bias", dtype: "F32", shape: [v]))
        } catch let error as TensorError {
            throw MusicError.badModel(error.description)
        }
        self.config = config
    }

    /// A zero state for `batch` streams.
    public func makeState(batch: Int) -> State {
        let h = config.hidden
        return State(batch: batch,
                     h: Array(repeating: [Float](repeating: 0, count: batch * h), count: config.layers),
                     c: Array(repeating: [Float](repeating: 0, count: batch * h), count: config.layers),
                     gates: [Float](repeating: 0, count: batch * 4 * h))
    }

    /// Feeds `tokens[b]` with `conditions[b*3..<b*3+3]` to stream b and writes the next-event logits of every stream
    /// to `logits` [batch, vocabularySize].
    public func step(tokens: [Int], conditions: [Float], state: inout State, logits: inout [Float]) {
        let batch = state.batch
        let h = config.hidden
        precondition(tokens.count == batch && conditions.count == batch * Self.conditionSize
                     && logits.count == batch * config.vocabularySize, "MusicLSTM.step: batch sizes differ")
        // The first layer: the embedding's share looked up, the condition's added, then the recurrent part.
        state.gates.withUnsafeMutableBufferPointer { gates in
            firstLayerTable.withUnsafeBufferPointer { table in
                for b in 0..<batch {
                    let token = min(max(tokens[b], 0), config.vocabularySize - 1)
                    (gates.baseAddress! + b * 4 * h).update(from: table.baseAddress! + token * 4 * h, count: 4 * h)
                }
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
}
