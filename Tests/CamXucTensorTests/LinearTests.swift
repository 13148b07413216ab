import Testing
@testable import CamXucTensor

/// The few-row kernel: each row's result is the plain sum (within float rounding), and does not depend on the other
/// rows of the batch, so a batch of takes gives exactly the notes of the same takes made one by one.
@Suite struct LinearTests {
    static func linear(outputs: Int, inputs: Int) -> Linear {
        var generator = UInt64(7)
        func next() -> Float {
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int(generator >> 40) % 2001 - 1000) / 1000
        }
        return Linear(weight: Tensor(shape: [outputs, inputs], values: (0..<outputs * inputs).map { _ in next() }),
                      bias: Tensor(shape: [outputs], values: (0..<outputs).map { _ in next() }))
    }

    static func apply(_ linear: Linear, _ input: [Float], batch: Int, start: [Float]? = nil) -> [Float] {
        var output = start ?? [Float](repeating: 0, count: batch * linear.outputs)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                linear.apply(x.baseAddress!, batch: batch, into: y.baseAddress!, accumulate: start != nil)
            }
        }
        return output
    }

    @Test(arguments: [(37, 21), (64, 512), (239, 512), (5, 3)])
    func rowsMatchThePlainSumAndDoNotDependOnTheBatch(outputs: Int, inputs: Int) {
        let linear = Self.linear(outputs: outputs, inputs: inputs)
        let input = (0..<4 * inputs).map { Float(($0 * 37) % 101 - 50) / 50 }
        let four = Self.apply(linear, input, batch: 4)
        for b in 0..<4 {
            let alone = Self.apply(linear, Array(input[b * inputs..<(b + 1) * inputs]), batch: 1)
            #expect(Array(four[b * outputs..<(b + 1) * outputs]) == alone)
            for r in 0..<outputs {
                var sum = Double(linear.bias?[r] ?? 0)
                for c in 0..<inputs { sum += Double(linear.weight[r * inputs + c]) * Double(input[b * inputs + c]) }
                #expect(abs(Double(alone[r]) - sum) < 1e-3 * max(1, abs(sum)))
            }
        }
    }

    @Test func accumulateAddsToWhatIsThere() {
        let linear = Self.linear(outputs: 16, inputs: 40)
        let input = (0..<80).map { Float($0 % 7) / 7 }
        let plain = Self.apply(linear, input, batch: 2)
        let added = Self.apply(linear, input, batch: 2, start: [Float](repeating: 1, count: 32))
        for (a, b) in zip(plain, added) { #expect(abs(b - (a + 1)) < 1e-5) }
    }
}
