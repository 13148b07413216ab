#if canImport(COpenBLAS)  // not in the fuzz build, which compiles this file alone
import COpenBLAS
#endif
import Foundation

/// A safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
/// byte range, then the data. Read in one go and checked completely before any tensor is handed out.
public struct SafeTensorsFile: Sendable {
    /// What the header says about one tensor.
    public struct Entry: Equatable, Sendable {
        public var dtype: String
        public var shape: [Int]
        /// Byte range within the data section.
        public var range: Range<Int>
    }

    public let path: String
    public let entries: [String: Entry]
    public let metadata: [String: String]
    private let bytes: [UInt8]
    private let dataStart: Int

    static let elementSizes = ["F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
                               "U16": 2, "U8": 1, "BOOL": 1]
    /// Headers larger than this are refused (the format's own limit is 100 MB; ours are a few KB).
    static let maximumHeaderBytes = 16 << 20

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            throw TensorError.cannotRead(file: path, reason: reason)
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        self.bytes = bytes
        func fail(_ offset: Int, _ reason: String) -> TensorError { .malformed(file: path, offset: offset, reason: reason) }
        guard bytes.count >= 8 else { throw fail(0, "the file is \(bytes.count) bytes, too short for a header length") }
        var headerLength = 0
        for index in (0..<8).reversed() { headerLength = headerLength << 8 | Int(bytes[index]) }
        guard headerLength > 0, headerLength <= Self.maximumHeaderBytes, headerLength <= bytes.count - 8 else {
            throw fail(0, "header length \(headerLength) does not fit the file (\(bytes.count) bytes)")
        }
        dataStart = 8 + headerLength
        let header = Data(bytes[8..<dataStart])
        guard let object = try? JSONSerialization.jsonObject(with: header), let table = object as? [String: Any] else {
            throw fail(8, "the header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        let dataLength = bytes.count - dataStart
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {  // the same error on every run
            if name == "__metadata__" {
                for (key, item) in value as? [String: Any] ?? [:] { metadata[key] = item as? String }
                continue
            }
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
            else { throw fail(8, "tensor '\(name)' has no valid dtype, shape and data_offsets") }
            guard let size = Self.elementSizes[dtype] else { throw fail(8, "tensor '\(name)' has unknown dtype \(dtype)") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail(8, "tensor '\(name)' has a negative dimension") }
            let (elements, overflow) = shape.reduce((1, false)) { partial, dimension in
                let (product, overflowed) = partial.0.multipliedReportingOverflow(by: dimension)
                return (product, partial.1 || overflowed)
            }
            let (needed, sizeOverflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow, !sizeOverflow else {
                throw fail(8, "tensor '\(name)' has shape \(shape), too large for any file")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength else {
                throw fail(dataStart + max(offsets[0], 0), "tensor '\(name)' lies outside the data (\(dataLength) bytes)")
            }
            guard offsets[1] - offsets[0] == needed else {
                throw fail(dataStart + offsets[0], "tensor '\(name)' holds \(offsets[1] - offsets[0]) bytes, "
                           + "its shape \(shape) of \(dtype) needs \(needed)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
        }
        // Tensors must not overlap.
        let ranges = entries.values.map(\.range).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        for (a, b) in zip(ranges, ranges.dropFirst()) where a.upperBound > b.lowerBound {
            throw fail(dataStart + b.lowerBound, "two tensors overlap")
        }
        self.entries = entries
        self.metadata = metadata
    }

    /// The raw bytes of tensor `name` after checking its dtype and shape (`U8` text, integer tables).
    func checkedBytes(_ name: String, dtype: String, shape: [Int]) throws -> ArraySlice<UInt8> {
        guard let entry = entries[name] else {
            throw TensorError.mismatch(file: path, reason: "tensor '\(name)' is missing")
        }
        guard entry.dtype == dtype else {
            throw TensorError.mismatch(file: path, reason: "tensor '\(name)' is \(entry.dtype), expected \(dtype)")
        }
        guard entry.shape == shape else {
            throw TensorError.mismatch(file: path, reason: "tensor '\(name)' has shape \(entry.shape), expected \(shape)")
        }
        return bytes[(dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound)]
    }

    /// The `U8` tensor `name` as bytes.
    public func byteTensor(_ name: String, count: Int) throws -> [UInt8] {
        Array(try checkedBytes(name, dtype: "U8", shape: [count]))
    }

    /// The one-dimensional `I32` tensor `name` (little-endian in the file, as on every machine this runs on).
    public func int32Tensor(_ name: String, count: Int) throws -> [Int32] {
        try copied(name, dtype: "I32", count: count)
    }

    /// The one-dimensional `U16` tensor `name`.
    public func uint16Tensor(_ name: String, count: Int) throws -> [UInt16] {
        try copied(name, dtype: "U16", count: count)
    }

    /// The one-dimensional tensor `name`, its bytes copied as they are into `count` values of `T`.
    private func copied<T: FixedWidthInteger>(_ name: String, dtype: String, count: Int) throws -> [T] {
        let slice = try checkedBytes(name, dtype: dtype, shape: [count])
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { slice.withUnsafeBytes { raw in _ = memcpy(buffer.baseAddress!, raw.baseAddress!, raw.count) } }
            initialized = count
        }
    }

    /// The tensor `name` as 32-bit floats, after checking it against the expected dtype and shape.
    public func tensor(_ name: String, dtype: String, shape: [Int]) throws -> Tensor {
        let slice = try checkedBytes(name, dtype: dtype, shape: shape)
        let start = slice.startIndex
        let count = slice.count / (Self.elementSizes[dtype] ?? 1)
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { output in
                switch dtype {
                case "F32":
                    for index in 0..<count {
                        output[index] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self).littleEndian)
                    }
                #if canImport(COpenBLAS)
                case "F16" where camxuc_has_f16c() != 0 && count > 0:
                    camxuc_f16_to_f32(raw.baseAddress! + start, output.baseAddress!, count)
                #endif
                case "F16":
                    for index in 0..<count {
                        output[index] = Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: start + 2 * index, as: UInt16.self).littleEndian))
                    }
                case "BF16":
                    for index in 0..<count {
                        let bits = UInt32(raw.loadUnaligned(fromByteOffset: start + 2 * index, as: UInt16.self).littleEndian) << 16
                        output[index] = Float(bitPattern: bits)
                    }
                default:
                    break
                }
            }
        }
        guard ["F32", "F16", "BF16"].contains(dtype) else {
            throw TensorError.mismatch(file: path, reason: "tensor '\(name)' is \(dtype), not a float type")
        }
        // A NaN or an infinity in a weight makes every output of the model meaningless: the file is broken.
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let elementSize = Self.elementSizes[dtype] ?? 1
            throw TensorError.malformed(file: path, offset: start + bad * elementSize,
                                        reason: "tensor '\(name)' holds \(values[bad].isNaN ? "NaN" : "an infinity") at element \(bad)")
        }
        return Tensor(shape: shape, values: values)
    }
}
