import CamXucMusic

// libFuzzer entry point: the reader must return a take or throw for every input, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDIReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let take = try? MIDIFile.decode(bytes, file: "fuzz") {
        // Writing what was read must succeed too, and read back.
        _ = try? MIDIFile.decode(MIDIFile.encode(take), file: "fuzz-roundtrip")
    }
    return 0
}
