#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import CamXucTensor

@Suite struct VectorMathTests {
    /// Every 1/64 from −40 to 40, eight at a time, against glibc's scalar functions.
    static let points: [Float] = (-2560..<2560).map { Float($0) / 64 }

    static func maxError(_ vector: (VectorMath.Vector) -> VectorMath.Vector, _ scalar: (Float) -> Float,
                         relative: Bool) -> Float {
        var worst: Float = 0
        for start in stride(from: 0, to: points.count, by: 8) {
            var x = VectorMath.Vector()
            for i in 0..<8 { x[i] = points[start + i] }
            let y = vector(x)
            for i in 0..<8 {
                let expected = scalar(x[i])
                let error = abs(y[i] - expected) / (relative ? max(abs(expected), .leastNormalMagnitude) : 1)
                worst = max(worst, error)
            }
        }
        return worst
    }

    @Test func expMatchesGlibcToAFewUnitsInTheLastPlace() {
        #expect(Self.maxError(VectorMath.exp, expf, relative: true) < 1e-6)
    }

    @Test func sigmoidAndTanhAreWithinAMillionth() {
        #expect(Self.maxError(VectorMath.sigmoid, { 1 / (1 + expf(-$0)) }, relative: false) < 1e-6)
        #expect(Self.maxError(VectorMath.tanh, tanhf, relative: false) < 1e-6)
    }

    @Test func extremesSaturateInsteadOfOverflowing() {
        let y = VectorMath.sigmoid(VectorMath.Vector(-1000, -100, -20, 0, 20, 100, 1000, .infinity))
        #expect(y[0] >= 0 && y[0] < 1e-30 && y[3] == 0.5 && y[6] == 1 && y[7] == 1)
        let t = VectorMath.tanh(VectorMath.Vector(-1000, -10, 0, 10, 1000, 0.5, -0.5, 3))
        #expect(t[0] == -1 && t[4] == 1 && abs(t[2]) < 1e-7 && abs(t[5] - tanhf(0.5)) < 1e-6)
    }
}
