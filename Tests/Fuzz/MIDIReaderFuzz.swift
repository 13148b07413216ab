// libFuzzer entry point for the Standard MIDI File reader and the event schedule built from what it reads. Built by
// `make fuzz` with swiftc, in one module with the CamXucMusic sources and CamXucAudio's EventSchedule (so no
// import), and -sanitize=fuzzer,address: the reader must return a take or throw for every input, never crash, read
// out of bounds or hang; what it reads must also write and read back, and schedule and walk (absurd times included:
// a file's delta times can place events millions of hours away) without a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDIReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let take = try? MIDIFile.decode(bytes, file: "fuzz") {
        for format in MIDIFile.Format.allCases {
            _ = try? MIDIFile.decode(MIDIFile.encode(take, format: format), file: "fuzz-roundtrip")
        }
        let schedule = EventSchedule(take: take, sampleRate: 44_100)
        // A few frames from the start and from just before the end, as playback and seeking walk them.
        for start in [0, max(schedule.endFrame - 2048, 0)] {
            var next = schedule.firstIndex(atOrAfter: start)
            var rendered = 0
            schedule.walk(from: start, count: 4096, next: &next, render: { _, length in rendered += length }, apply: { _ in })
            precondition(rendered == 4096, "the walk must cover every frame once")
        }
        _ = schedule.frame(atSeconds: take.durationSeconds)
    }
    return 0
}
