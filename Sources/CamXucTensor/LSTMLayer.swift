import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// One LSTM layer with PyTorch's weights and gate order (input, forget, cell, output):
/// gates = W_ih·x + b_ih + W_hh·h + b_hh; c' = σ(f)·c + σ(i)·tanh(g); h' = σ(o)·tanh(c').
public struct LSTMLayer: Sendable {
    public let inputs: Int
    public let hidden: Int
    let inputWeights: Linear
    let hiddenWeights: Linear

    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        inputWeights = Linear(weight: weightIH, bias: biasIH)
        hiddenWeights = Linear(weight: weightHH, bias: biasHH)
        inputs = weightIH.shape[1]
        hidden = weightHH.shape[1]
    }

    /// Advances `batch` streams one step: reads `input` [batch, inputs], updates `h` and `c` [batch, hidden] in
    /// place, using `gates` [batch, 4·hidden] as scratch. Allocates nothing.
    public func step(input: UnsafePointer<Float>, batch: Int, h: UnsafeMutablePointer<Float>,
                     c: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>) {
        inputWeights.apply(input, batch: batch, into: gates)
        step(inputGates: gates, batch: batch, h: h, c: c)
    }

    /// The rest of a step when `gates` [batch, 4·hidden] already holds the input's share (W_ih·x + b_ih): adds
    /// W_hh·h + b_hh and updates `h` and `c`.
    public func step(inputGates gates: UnsafeMutablePointer<Float>, batch: Int, h: UnsafeMutablePointer<Float>,
                     c: UnsafeMutablePointer<Float>) {
        hiddenWeights.apply(h, batch: batch, into: gates, accumulate: true)
        let size = hidden
        let wide = size / 8 * 8
        for row in 0..<batch {
            let g = gates + row * 4 * size
            let hRow = h + row * size
            let cRow = c + row * size
            var j = 0
            while j < wide {
                let load = { (pointer: UnsafeMutablePointer<Float>) in
                    UnsafeRawPointer(pointer + j).loadUnaligned(as: VectorMath.Vector.self)
                }
                let inputGate = VectorMath.sigmoid(load(g))
                let forgetGate = VectorMath.sigmoid(load(g + size))
                let cellGate = VectorMath.tanh(load(g + 2 * size))
                let outputGate = VectorMath.sigmoid(load(g + 3 * size))
                let cell = forgetGate * load(cRow) + inputGate * cellGate
                UnsafeMutableRawPointer(cRow + j).storeBytes(of: cell, as: VectorMath.Vector.self)
                UnsafeMutableRawPointer(hRow + j).storeBytes(of: outputGate * VectorMath.tanh(cell), as: VectorMath.Vector.self)
                j += 8
            }
            for j in wide..<size {
                let inputGate = Self.sigmoid(g[j])
                let forgetGate = Self.sigmoid(g[size + j])
                let cellGate = tanhf(g[2 * size + j])
                let outputGate = Self.sigmoid(g[3 * size + j])
                let cell = forgetGate * cRow[j] + inputGate * cellGate
                cRow[j] = cell
                hRow[j] = outputGate * tanhf(cell)
            }
        }
    }

    /// The input share of a step (W_ih·x + b_ih) for `count` inputs at once (rows of `input`), into `gates`
    /// [count, 4·hidden]: a whole sentence's inputs in one matrix product before the recurrence runs.
    public func inputShare(_ input: UnsafePointer<Float>, count: Int, into gates: UnsafeMutablePointer<Float>) {
        inputWeights.apply(input, batch: count, into: gates)
    }

    /// W_ih[:, columns]·xᵣ + b_ih for `count` inputs xᵣ (rows of `values`, `columns.count` wide) whose other
    /// columns are zero: the input share of a step for every entry of a lookup table, in one matrix product.
    /// With `bias` false, b_ih is left out (for a second table added to one that holds it).
    public func inputGates(columns: Range<Int>, values: UnsafePointer<Float>, count: Int, bias: Bool = true) -> [Float] {
        let width = 4 * hidden
        var gates = [Float](repeating: 0, count: count * width)
        OpenBLAS.useOneThread
        inputWeights.weight.withUnsafeBufferPointer { w in
            gates.withUnsafeMutableBufferPointer { out in
                // out[count, width] = values[count, columns] · W[:, columns]ᵀ
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(width), Int32(columns.count), 1,
                            values, Int32(columns.count), w.baseAddress! + columns.lowerBound, Int32(inputs), 0,
                            out.baseAddress, Int32(width))
            }
        }
        if bias, let bias = inputWeights.bias {
            for row in 0..<count {
                for index in 0..<width { gates[row * width + index] += bias[index] }
            }
        }
        return gates
    }

    /// W_ih[:, columns] stored column by column (`columns.count` runs of 4·hidden floats), for `accumulateInput`.
    public func inputColumns(_ columns: Range<Int>) -> [Float] {
        let width = 4 * hidden
        var result = [Float](repeating: 0, count: columns.count * width)
        for (k, column) in columns.enumerated() {
            for row in 0..<width { result[k * width + row] = inputWeights.weight[row * inputs + column] }
        }
        return result
    }

    /// gates[b] += W_ih[:, columns]·x[b] for a few columns (the condition beside a looked-up embedding), with those
    /// columns as `inputColumns` returns them: contiguous, so the rows go eight at a time.
    public func accumulateInput(columns: [Float], values: UnsafePointer<Float>, batch: Int,
                                into gates: UnsafeMutablePointer<Float>) {
        let width = 4 * hidden
        let count = columns.count / width
        columns.withUnsafeBufferPointer { w in
            for b in 0..<batch {
                let x = values + b * count
                let out = gates + b * width
                // Column by column, so that the inner loop runs over contiguous rows and vectorises.
                for k in 0..<count {
                    let column = w.baseAddress! + k * width
                    let value = x[k]
                    for row in 0..<width { out[row] += column[row] * value }
                }
            }
        }
    }

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
}
