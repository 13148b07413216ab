import Foundation
import Testing
@testable import CamXucTensor

@Suite struct SafeTensorsFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tensor")
    static let path = folder.appendingPathComponent("small.safetensors").path

    struct Expected: Decodable {
        var shape: [Int]
        var values: [Float]
    }

    @Test(arguments: [("matrix.f32", "F32"), ("vector.f16", "F16"), ("vector.bf16", "BF16"), ("empty.f32", "F32")])
    func readsWhatTheSafetensorsLibraryWrote(name: String, dtype: String) throws {
        let expected = try JSONDecoder().decode([String: Expected].self,
                                                from: Data(contentsOf: Self.folder.appendingPathComponent("small.json")))
        let file = try SafeTensorsFile(path: Self.path)
        let tensor = try file.tensor(name, dtype: dtype, shape: try #require(expected[name]).shape)
        #expect(tensor.values == expected[name]?.values)
        #expect(file.metadata["format"] == "test")
    }

    @Test func mismatchesNameTheTensor() throws {
        let file = try SafeTensorsFile(path: Self.path)
        #expect(throws: TensorError.mismatch(file: Self.path, reason: "tensor 'matrix.f32' has shape [2, 3], expected [3, 2]")) {
            try file.tensor("matrix.f32", dtype: "F32", shape: [3, 2])
        }
        #expect(throws: TensorError.mismatch(file: Self.path, reason: "tensor 'vector.f16' is F16, expected F32")) {
            try file.tensor("vector.f16", dtype: "F32", shape: [4])
        }
        #expect(throws: TensorError.mismatch(file: Self.path, reason: "tensor 'missing' is missing")) {
            try file.tensor("missing", dtype: "F32", shape: [1])
        }
    }

    static func file(header: String, data: [UInt8] = []) -> [UInt8] {
        let json = Array(header.utf8)
        var bytes = (0..<8).map { UInt8((json.count >> (8 * $0)) & 0xFF) }
        bytes += json + data
        return bytes
    }

    @Test(arguments: [
        ("too short", [UInt8](repeating: 0, count: 5), "too short"),
        ("absurd header length", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0x7B], "does not fit the file"),
        ("header not JSON", file(header: "not json"), "not a JSON object"),
        ("unknown dtype", file(header: #"{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}"#, data: [0]), "unknown dtype Q7"),
        ("outside the data", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]), "outside the data"),
        ("wrong byte count", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "needs 8"),
        ("overlap", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}"#,
                         data: [UInt8](repeating: 0, count: 8)), "overlap"),
        ("shape 2^62", file(header: #"{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "too large"),
        ("shape 2^31 x 2^31", file(header: #"{"a":{"dtype":"F16","shape":[2147483648,2147483648],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "too large"),
    ] as [(String, [UInt8], String)])
    func malformedFilesGiveOneLine(name: String, bytes: [UInt8], says: String) {
        do {
            _ = try SafeTensorsFile(bytes: bytes, path: "bad.safetensors")
            Issue.record("\(name): read without error")
        } catch let error as TensorError {
            #expect(error.description.contains(says), "\(error)")
            #expect(error.description.hasPrefix("cannot read model bad.safetensors: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nonFiniteWeightsAreABrokenFile() throws {
        let nan = Float.nan.bitPattern.littleEndian
        let data = [0, 8, 16, 24].map { UInt8((nan >> $0) & 0xFF) } + [0, 0, 0x80, 0x3F]
        let bytes = Self.file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: data)
        let file = try SafeTensorsFile(bytes: bytes, path: "nan.safetensors")
        #expect(throws: TensorError.self) { try file.tensor("w", dtype: "F32", shape: [2]) }
        do {
            _ = try file.tensor("w", dtype: "F32", shape: [2])
        } catch {
            #expect("\(error)".contains("tensor 'w' holds NaN at element 0"))
        }
    }

    @Test func transposeSwapsAxes() {
        let matrix = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(matrix.transposed() == Tensor(shape: [3, 2], values: [1, 4, 2, 5, 3, 6]))
    }
}
