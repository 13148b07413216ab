import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// y = W·x + b for a batch of inputs, on OpenBLAS (one thread: batch-1 inference gains nothing from more).
public struct Linear: Sendable {
    /// Row-major [outputs, inputs], as PyTorch stores `nn.Linear.weight`.
    public let weight: [Float]
    public let bias: [Float]?
    public let inputs: Int
    public let outputs: Int
    /// Up to this many rows, `apply` uses one matrix-vector product per row instead of a matrix product.
    static let matrixVectorBatchLimit = 4
    /// Whether the CPU has AVX2 and FMA, for the few-row kernel (`camxuc_matvec_avx2`); `CAMXUC_NO_AVX2=1` turns it
    /// off, to compare.
    static let hasAVX2 = camxuc_has_avx2_fma() != 0 && getenv("CAMXUC_NO_AVX2") == nil

    public init(weight: Tensor, bias: Tensor?) {
        self.weight = weight.values
        self.bias = bias?.values
        self.outputs = weight.shape[0]
        self.inputs = weight.shape.count > 1 ? weight.shape[1] : 1
    }

    /// Writes `batch` rows of outputs for `batch` rows of inputs (row-major), adding to what is in `output` when
    /// `accumulate` is true.
    public func apply(_ input: UnsafePointer<Float>, batch: Int, into output: UnsafeMutablePointer<Float>,
                      accumulate: Bool = false) {
        OpenBLAS.useOneThread
        weight.withUnsafeBufferPointer { w in
            if batch <= Self.matrixVectorBatchLimit, Self.hasAVX2 {
                // A handful of rows (the guided stream's two, a batch of takes' four): each weight row is read once
                // for all of them, which is what a step's time goes on (docs/DECISIONS.md).
                camxuc_matvec_avx2(w.baseAddress, Int32(outputs), Int32(inputs), input, Int32(inputs), Int32(batch),
                                   output, Int32(outputs), accumulate ? 1 : 0)
            } else if batch <= Self.matrixVectorBatchLimit {
                // OpenBLAS's sgemm is slow for a handful of rows: one sgemv per row is 2–3× faster there.
                for row in 0..<batch {
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outputs), Int32(inputs), 1, w.baseAddress,
                                Int32(inputs), input + row * inputs, 1, accumulate ? 1 : 0, output + row * outputs, 1)
                }
            } else {
                // output[batch, outputs] = input[batch, inputs] · weightᵀ
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(batch), Int32(outputs), Int32(inputs), 1,
                            input, Int32(inputs), w.baseAddress, Int32(inputs), accumulate ? 1 : 0, output, Int32(outputs))
            }
        }
        if let bias {
            for row in 0..<batch {
                let base = output + row * outputs
                for index in 0..<outputs { base[index] += bias[index] }
            }
        }
    }
}

enum OpenBLAS {
    /// Sets OpenBLAS to one thread, once.
    static let useOneThread: Void = { camxuc_blas_set_threads(1) }()
}
