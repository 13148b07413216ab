/// A Standard MIDI File's key signature (meta event FF 59): sharps (negative: flats) and major or minor. CamXuc's
/// takes are in the key of their chord plan, which the file now says, so notation programs and DAWs show it (they
/// showed C major for every take).
public struct KeySignature: Hashable, Sendable {
    /// −7…7: flats when negative.
    public var sharps: Int
    public var minor: Bool

    public init(sharps: Int, minor: Bool) {
        self.sharps = min(max(sharps, -7), 7)
        self.minor = minor
    }

    /// The key on `tonic` (pitch class), spelled as `MusicalFeatures.keyName` spells it ("Db major", "C# minor").
    public init(tonic: Int, minor: Bool) {
        let pitchClass = ((tonic % 12) + 12) % 12
        let major = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5]
        let minorKeys = [-3, 4, -1, -6, 1, -4, 3, -2, 5, 0, -5, 2]
        self.init(sharps: (minor ? minorKeys : major)[pitchClass], minor: minor)
    }

    /// The key on the tonic written `name` ("C#", "Db", "Ab"; the letter in either case), or nil where that spelling
    /// has no signature of seven accidentals or fewer (D# major, Db minor) or `name` is no note name.
    public init?(spelled name: String, minor: Bool) {
        let fifths: [Character: Int] = ["F": -1, "C": 0, "G": 1, "D": 2, "A": 3, "E": 4, "B": 5]
        guard let letter = name.first.flatMap({ fifths[Character($0.uppercased())] }) else { return nil }
        let accidental: Int
        switch name.dropFirst() {
        case "": accidental = 0
        case "#", "♯": accidental = 7
        case "b", "♭": accidental = -7
        default: return nil
        }
        let sharps = letter + accidental - (minor ? 3 : 0)
        guard (-7...7).contains(sharps) else { return nil }
        self.init(sharps: sharps, minor: minor)
    }

    /// This key written as `name` writes its tonic (C# major for "C#" where it would be Db major), where `name` names
    /// this key's tonic and that spelling has a signature; else this key as it is.
    public func spelled(as name: String?) -> KeySignature {
        guard let name, let spelled = KeySignature(spelled: name, minor: minor), spelled.tonic == tonic else { return self }
        return spelled
    }

    /// The tonic's pitch class.
    public var tonic: Int {
        let major = ((sharps * 7) % 12 + 12) % 12
        return minor ? (major + 9) % 12 : major
    }

    /// "D minor", "Eb major": spelled as the signature is, so that seven sharps are C# major (they read "Db major",
    /// five flats) and seven flats A♭ minor; every signature CamXuc writes is spelled as `MusicalFeatures.keyName`
    /// spells its key.
    public var name: String { tonicName + (minor ? " minor" : " major") }

    /// The tonic as the signature spells it: "C#" for seven sharps, "Db" for five flats.
    public var tonicName: String {
        let major = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"]
        let minorNames = ["Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#"]
        return (minor ? minorNames : major)[sharps + 7]
    }

    /// The event's two data bytes.
    var bytes: [UInt8] { [UInt8(bitPattern: Int8(sharps)), minor ? 1 : 0] }

    /// The signature two data bytes give, nil when they are out of range.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        let sharps = Int(Int8(bitPattern: bytes[0]))
        guard (-7...7).contains(sharps), bytes[1] <= 1 else { return nil }
        self.init(sharps: sharps, minor: bytes[1] == 1)
    }
}

/// A key signature that comes into force after a take's start.
public struct KeyChange: Hashable, Sendable {
    public var tick: Int
    public var signature: KeySignature

    public init(tick: Int, signature: KeySignature) {
        self.tick = tick
        self.signature = signature
    }

    /// `changes` sorted by tick, each after `first` (the key at tick 0) and differing from the one in force before it
    /// (the last of several at one tick wins).
    public static func normalized(_ changes: [KeyChange], after first: KeySignature?) -> [KeyChange] {
        var result: [KeyChange] = []
        for change in changes.enumerated().sorted(by: { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) })
            .map(\.element) where change.tick > 0 {
            if result.last?.tick == change.tick { result.removeLast() }
            if (result.last?.signature ?? first) != change.signature { result.append(change) }
        }
        return result
    }
}
