/// The variable-length quantities of Standard MIDI Files: seven bits a byte, high bit set on all but the last byte,
/// at most four bytes (values up to 0x0FFF_FFFF).
public enum VariableLengthQuantity {
    /// The largest value four bytes can hold.
    public static let maximum = 0x0FFF_FFFF

    /// The bytes for `value`, which must lie in 0...maximum.
    public static func encode(_ value: Int) -> [UInt8] {
        precondition((0...maximum).contains(value), "variable-length quantity out of range")
        var bytes: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes.reversed()
    }

    /// Appends the bytes for `value` to `output`.
    public static func append(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: encode(value))
    }
}
