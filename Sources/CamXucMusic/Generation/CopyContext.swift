/// The lookback inputs of a music LSTM trained with them (`train_gpu.py --copy`; `copy_three` and `copy_two` in
/// its `input_layout`): after each event a stream has read, the pitch that followed the latest earlier occurrence
/// of its last three NOTEs, and of its last two. Only NOTE events count; velocities, durations and time shifts are
/// skipped. Human music repeats its figures within seconds (a fifth of EMOPIA's 4-note top-line figures come back
/// within 30 s) and a plain LSTM barely does; these inputs show the network what came after the same notes before,
/// and it learned from the music when to play it again (Models/training/music/README.md).
///
/// The rule is `CopyContext` in train_gpu.py, and the PyTorch golden fixture checks the two agree.
public struct CopyContext: Sendable {
    /// The first NOTE token and the number of pitches: a candidate is a pitch index, token − `noteBase`.
    public let noteBase: Int
    public let pitches: Int
    /// Every NOTE read so far, as pitch indices.
    private var notes: [Int] = []
    /// The candidates after the last event read; −1 for none.
    public private(set) var three = -1
    public private(set) var two = -1

    public init(noteBase: Int, pitches: Int) {
        self.noteBase = noteBase
        self.pitches = pitches
        notes.reserveCapacity(2048)
    }

    /// Reads one event: a NOTE moves the context and the candidates; any other event leaves them.
    public mutating func observe(_ token: Int) {
        let pitch = token - noteBase
        guard (0..<pitches).contains(pitch) else { return }
        notes.append(pitch)
        three = follower(context: 3)
        two = follower(context: 2)
    }

    /// The note after the latest earlier place where the last `context` notes were played in the same order.
    private func follower(context: Int) -> Int {
        let count = notes.count
        guard count > context else { return -1 }
        // An earlier occurrence ends at index end (< count − 1) and must have a note after it.
        var end = count - 2
        while end >= context - 1 {
            var matches = true
            for offset in 0..<context where notes[end - offset] != notes[count - 1 - offset] {
                matches = false
                break
            }
            if matches { return notes[end + 1] }
            end -= 1
        }
        return -1
    }
}
