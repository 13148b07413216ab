// libFuzzer entry point for the safetensors reader. Built by `make fuzz` with swiftc, in one module with
// CamXucTensor's SafeTensorsFile, Tensor and TensorError (so no import): every input must give a file whose tensors
// can all be read, or throw one TensorError — never trap on a header's shapes, offsets or lengths.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? SafeTensorsFile(bytes: bytes, path: "fuzz") {
        for (name, entry) in file.entries {
            _ = try? file.tensor(name, dtype: entry.dtype, shape: entry.shape)
        }
    }
    return 0
}
