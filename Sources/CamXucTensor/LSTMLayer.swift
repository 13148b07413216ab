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
        hiddenWeights.apply(h, batch: batch, into: gates, accumulate: true)
        let size = hidden
        for row in 0..<batch {
            let g = gates + row * 4 * size
            let hRow = h + row * size
            let cRow = c + row * size
            for j in 0..<size {
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

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
}
