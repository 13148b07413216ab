// libFuzzer entry point for the Standard MIDI File reader. Built by `make fuzz` with swiftc, in one module with the
// CamXucMusic sources (so no import), and -sanitize=fuzzer,address: the reader must return a take or throw for every
// input, never crash, read out of bounds or hang. What it reads must also write and read back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDIReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let take = try? MIDIFile.decode(bytes, file: "fuzz") {
        for format in MIDIFile.Format.allCases {
            _ = try? MIDIFile.decode(MIDIFile.encode(take, format: format), file: "fuzz-roundtrip")
        }
    }
    return 0
}
