import Foundation
import Testing
@testable import CamXucMusic

/// The Swift vocabulary against the Python one (Tests/Fixtures/music/vocabulary.json, written by
/// Models/training/make_music_fixture.py from notes that mido read).
@Suite struct EventVocabularyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Fixture: Decodable {
        struct Piece: Decodable { var midi: String; var tokens: [Int]; var decoded: [[Double]] }
        var size: Int
        var names: [String]
        var pieces: [Piece]
    }

    static func vocabulary() throws -> EventVocabulary {
        try EventVocabulary.load(path: root.appendingPathComponent("Models/music-vocab.json").path)
    }

    static func fixture() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/music/vocabulary.json")))
    }

    @Test func everyEventHasThePythonIndex() throws {
        let vocabulary = try Self.vocabulary()
        let fixture = try Self.fixture()
        #expect(vocabulary.count == fixture.size)
        #expect(vocabulary.names == fixture.names)
    }

    /// (event, index) pairs at the edges of each group.
    @Test(arguments: [
        (EventVocabulary.Event.special("PAD"), 0), (.special("BOS"), 1), (.special("EOS"), 2),
        (.timeShift(steps: 1), 3), (.timeShift(steps: 100), 102), (.velocity(bin: 0), 103), (.velocity(bin: 15), 118),
        (.note(pitch: 21), 119), (.note(pitch: 60), 158), (.note(pitch: 108), 206), (.duration(bin: 0), 207),
        (.duration(bin: 31), 238),
    ])
    func eventAndIndexAgree(event: EventVocabulary.Event, index: Int) throws {
        let vocabulary = try Self.vocabulary()
        #expect(vocabulary.index(of: event) == index)
        #expect(vocabulary.event(index) == event)
    }

    @Test func outOfRangeEventsHaveNoIndex() throws {
        let vocabulary = try Self.vocabulary()
        #expect(vocabulary.index(of: .note(pitch: 20)) == nil)
        #expect(vocabulary.index(of: .timeShift(steps: 101)) == nil)
        #expect(vocabulary.event(239) == nil && vocabulary.event(-1) == nil)
    }

    @Test func encodingAndDecodingMatchPython() throws {
        let vocabulary = try Self.vocabulary()
        for piece in try Self.fixture().pieces {
            let take = try MIDIFile.read(path: Self.root.appendingPathComponent("Tests/Fixtures/midi/\(piece.midi)").path)
            #expect(vocabulary.encode(take) == piece.tokens, "\(piece.midi)")
            let decoded = vocabulary.decode(piece.tokens)
            #expect(decoded.count == piece.decoded.count)
            for (note, expected) in zip(decoded, piece.decoded) {
                #expect(Double(note.pitch) == expected[0] && Double(note.velocity) == expected[1])
                #expect(abs(note.startSeconds - expected[2]) < 1e-6 && abs(note.durationSeconds - expected[3]) < 1e-6)
            }
        }
    }

    @Test func streamingDeliversEachNoteWhenItsDurationArrives() throws {
        let vocabulary = try Self.vocabulary()
        var decoder = EventVocabulary.StreamingDecoder(vocabulary: vocabulary)
        #expect(decoder.feed(try #require(vocabulary.index(of: .timeShift(steps: 50)))) == nil)
        #expect(decoder.feed(try #require(vocabulary.index(of: .velocity(bin: 12)))) == nil)
        #expect(decoder.feed(try #require(vocabulary.index(of: .note(pitch: 60)))) == nil)
        let note = decoder.feed(try #require(vocabulary.index(of: .duration(bin: 10))))
        #expect(note == EventVocabulary.DecodedNote(pitch: 60, velocity: 100, startSeconds: 0.5, durationSeconds: 0.11))
        // A DURATION without a NOTE before it is ignored.
        #expect(decoder.feed(try #require(vocabulary.index(of: .duration(bin: 3)))) == nil)
    }

    @Test func aMissingSpecIsNamed() {
        #expect(throws: MusicError.cannotRead(file: "/nonexistent/music-vocab.json", reason: "no such file")) {
            try EventVocabulary.load(path: "/nonexistent/music-vocab.json")
        }
    }
}
