import Testing
@testable import CamXucMusic

@Suite struct VariableLengthQuantityTests {
    /// The examples from the Standard MIDI File specification.
    static let table: [(Int, [UInt8])] = [
        (0x00, [0x00]), (0x40, [0x40]), (0x7F, [0x7F]), (0x80, [0x81, 0x00]), (0x2000, [0xC0, 0x00]),
        (0x3FFF, [0xFF, 0x7F]), (0x4000, [0x81, 0x80, 0x00]), (0x10_0000, [0xC0, 0x80, 0x00]),
        (0x1F_FFFF, [0xFF, 0xFF, 0x7F]), (0x20_0000, [0x81, 0x80, 0x80, 0x00]),
        (0x800_0000, [0xC0, 0x80, 0x80, 0x00]), (0xFFF_FFFF, [0xFF, 0xFF, 0xFF, 0x7F]),
    ]

    @Test(arguments: table)
    func encodesAsTheSpecificationSays(value: Int, bytes: [UInt8]) {
        #expect(VariableLengthQuantity.encode(value) == bytes)
    }

    @Test(arguments: table)
    func decodesAsTheSpecificationSays(value: Int, bytes: [UInt8]) throws {
        var cursor = ByteCursor(bytes: bytes, file: "vlq")
        #expect(try cursor.variableLengthQuantity("value") == value)
        #expect(cursor.isAtEnd)
    }

    @Test func deltaTimesLongerThanOneQuantityStillRoundTrip() throws {
        let far = VariableLengthQuantity.maximum * 2 + 5
        let take = Take(notes: [Note(pitch: 60, velocity: 64, startTick: far, durationTicks: 10)])
        #expect(try MIDIFile.decode(MIDIFile.encode(take)).notes == take.notes)
    }
}
