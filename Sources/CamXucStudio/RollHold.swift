/// A held arrow key in the takes list: the roll keeps the take it shows until the selection rests.
///
/// Each take passed by a key repeat (about 30 ms apart) was drawn whole in the roll: at 200×60, 20 repeats sent
/// 408 KB to the terminal, three minutes of a 3 KB/s link. A move that follows the one before within `repeatGap` (a
/// key repeats every 30–40 ms; two presses a quarter of a second apart are a hurry too) holds the roll, the list still
/// moving at once; `settle` after the last move the roll shows the selected take. A single press is drawn at once.
struct RollHold {
    static let repeatGap = Duration.milliseconds(250)
    static let settle = Duration.milliseconds(120)

    private var lastMove: ContinuousClock.Instant?
    private(set) var until: ContinuousClock.Instant?

    /// Whether the roll may stay held with the studio as `model` has it: only while the takes list has the focus and
    /// nothing else is drawn over the roll (a closed overlay stayed drawn over the held roll; the help, the messages,
    /// a question, a prompt or a rename opened during a hold lost their part over it).
    static func mayHold(_ model: StudioModel) -> Bool {
        model.focus == .takes && !model.showHelp && !model.showMessages && model.confirming == nil && model.opening == nil
            && model.renaming == nil
    }

    /// The selection moved at `now`.
    mutating func moved(at now: ContinuousClock.Instant) {
        if let lastMove, now - lastMove < Self.repeatGap { until = now + Self.settle }
        lastMove = now
    }

    /// Whether the roll is held at `now`.
    func holds(at now: ContinuousClock.Instant) -> Bool { until.map { now < $0 } ?? false }

    /// True once, when a hold has ended at `now` (the roll is then drawn for the selected take).
    mutating func ended(at now: ContinuousClock.Instant) -> Bool {
        guard let until, now >= until else { return false }
        self.until = nil
        return true
    }
}
