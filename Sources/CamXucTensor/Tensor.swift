/// A dense tensor of 32-bit floats in row-major order.
public struct Tensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    public var count: Int { values.count }

    /// The same values with the two axes of a matrix swapped.
    public func transposed() -> Tensor {
        guard shape.count == 2 else { return self }
        let rows = shape[0], columns = shape[1]
        var output = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for row in 0..<rows {
                    for column in 0..<columns {
                        target[column * rows + row] = source[row * columns + column]
                    }
                }
            }
        }
        return Tensor(shape: [columns, rows], values: output)
    }
}
