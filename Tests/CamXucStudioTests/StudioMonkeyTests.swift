import CamXucEmotion
import CamXucMusic
import CamXucText
import Foundation
import Testing
@testable import CamXucStudio

/// Thousands of random keys, pastes, clicks, resizes and runtime answers (readings, notes, playheads, saves,
/// failures) fed to the model in a seeded order, as a user mashing keys while takes are composed and played would
/// send them. A trap (an index out of range, an overflow) anywhere in `update` or `view` ends the test process; the
/// checks after each step are what must always hold: the screen is the terminal's size, take ids are unique, the
/// selection names a take that exists, and the editor's cursor lies within its text.
@Suite struct StudioMonkeyTests {
    /// A small, seeded generator (SplitMix64): the same seed replays the same session.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let keys: [String] = {
        var keys = KeyMap.standard.bindings.map(\.key)
        keys += ["Enter", "Esc", "Tab", "Shift-Tab", "Space", "Backspace", "Delete", "Home", "End", "PageUp", "PageDown",
                 "↑", "↓", "←", "→", "Shift-←", "Shift-→", "Ctrl-←", "Ctrl-→", "Ctrl-U", "Ctrl-K", "Ctrl-W", "Ctrl-A",
                 "Ctrl-E", "Ctrl-T", "F1", "F10", "y", "n", "q", "d", "u", "a", "b", "x", "s", "S", "o", "c", "w", "t",
                 "r", "f", "=", "+", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "?", "/", "~", "é", "ư",
                 "\u{0301}", "😀", "中", " "]
        return keys
    }()

    static let pastes = ["Hôm nay tôi rất vui", "buồn quá\nmai lại đi làm\r\nchán", "😀👨‍👩‍👧 你好 x̣́",
                         String(repeating: "vui ", count: 300), "", "\n\n\n", "/tmp/", "~/nope.mid",
                         "Tức quá. Sợ lắm! Ghê tởm? Bất ngờ…", "\t\u{7}\u{1B}[31m"]

    static func distribution(_ dice: inout Dice) -> EmotionDistribution {
        var raw = (0..<7).map { _ in dice.unit() + 0.01 }
        let total = raw.reduce(0, +)
        raw = raw.map { $0 / total }
        return EmotionDistribution(labels: PanelTests.labels, probabilities: raw)
    }

    /// The runtime's answers to the model's effects, some now, some later (queued), some never. A new take's id is
    /// claimed as the take store claims it (`StudioRuntime.claim`): one already claimed — by a file opened a moment
    /// before, or another studio — is renumbered at once to one above every claimed id.
    static func answers(to effects: [Effect], model: inout StudioModel, claimed: inout Set<Int>,
                        dice: inout Dice) -> [Message] {
        var messages: [Message] = []
        func claim(_ take: Int) -> Int {
            var id = take
            if claimed.contains(id) || dice.below(15) == 0 { id = max(claimed.max() ?? 0, take) + 1 + dice.below(2) }
            claimed.insert(id)
            if id != take { _ = model.update(.renumbered(from: take, to: id)) }
            return id
        }
        for effect in effects {
            switch effect {
            case let .analyze(text), let .analyzeNow(text):
                guard dice.below(4) != 0 else { continue }
                let sentences = text.split(whereSeparator: { ".!?\n".contains($0) }).prefix(4).enumerated().map { index, part in
                    EmotionArc.Reading(sentence: String(part), syllables: max(part.split(separator: " ").count, 1),
                                       valence: dice.unit() * 2 - 1, arousal: dice.unit() * 2 - 1,
                                       emotion: PanelTests.labels[index % 7].code)
                }
                messages.append(.analyzed(text: text, distribution(&dice), withoutDiacritics: dice.below(3) == 0,
                                          notVietnamese: dice.below(9) == 0, evidence: dice.below(2) == 0 ? ["vui"] : [],
                                          sentences: sentences.count > 1 ? sentences : []))
                if dice.below(2) == 0 { messages.append(.explained(text: text, evidence: dice.below(5) == 0 ? nil : ["buồn"])) }
            case let .generate(proposed, _, _, _), let .continueTake(proposed, _, _, _, _):
                let take = claim(proposed)
                if dice.below(3) == 0 { messages.append(.planned(take: take, harmony: "D minor i–bVI–bIII–bVII")) }
                var clock = 0.0
                for _ in 0..<dice.below(40) {
                    clock += dice.unit() * 0.5
                    messages.append(.note(take: take, .init(pitch: 21 + dice.below(88), velocity: 1 + dice.below(127),
                                                            startSeconds: clock, durationSeconds: dice.unit() * 3)))
                }
                if dice.below(5) != 0 {
                    messages.append(.finished(take: take, judged: dice.below(4) == 0 ? nil
                        : CircumplexPoint(valence: dice.unit() * 2 - 1, arousal: dice.unit() * 2 - 1)))
                }
            case let .play(take, _, from):
                for step in 0..<dice.below(6) { messages.append(.playhead(take: take, seconds: from + Double(step) * 0.7)) }
                if dice.below(3) == 0 { messages.append(.playhead(take: nil, seconds: nil)) }
            case let .save(take, _):
                messages.append(dice.below(3) == 0 ? .failed("cannot write: no space left on device")
                                                   : .saved(take: take, path: "/tmp/camxuc-monkey/take-\(take).mid"))
            case let .open(proposed, _):
                if dice.below(2) == 0 {
                    let take = claim(proposed)
                    let notes = (0..<dice.below(30)).map { index in
                        EventVocabulary.DecodedNote(pitch: dice.below(128), velocity: 1 + dice.below(127),
                                                    startSeconds: Double(index) * 0.3, durationSeconds: dice.unit())
                    }
                    let record = TakeMetadata.PrimerRecord(file: "monkey.mid", seconds: notes.last?.startSeconds ?? 0,
                                                           notes: notes.count, opened: true)
                    messages.append(.opened(take: take, OpenedFile(name: "monkey.mid", notes: notes, record: record,
                                                                   notices: dice.below(2) == 0 ? ["3 drum notes left out"] : [],
                                                                   judged: nil)))
                } else {
                    messages.append(.failed("cannot read monkey.mid: not a MIDI file"))
                }
            case let .completePath(typed):
                messages.append(.pathCompleted(from: typed, to: typed + "a/", candidates: dice.below(2) == 0 ? ["a/", "ab.mid"] : []))
            default:
                continue
            }
        }
        return messages
    }

    static func check(_ model: StudioModel, width: Int, height: Int, step: Int, seed: UInt64) {
        if step % 5 == 0 {
            let grid = model.view(width: width, height: height)
            #expect(grid.width == width && grid.height == height, "seed \(seed) step \(step)")
        }
        let ids = model.takes.map(\.id)
        #expect(Set(ids).count == ids.count, "seed \(seed) step \(step): take ids \(ids)")
        if let selected = model.selectedTake { #expect(ids.contains(selected), "seed \(seed) step \(step): selected \(selected) of \(ids)") }
        #expect((0...model.editor.characters.count).contains(model.editor.cursor), "seed \(seed) step \(step)")
    }

    /// Steps a session: CAMXUC_MONKEY_STEPS for a longer hunt by hand.
    static let steps = ProcessInfo.processInfo.environment["CAMXUC_MONKEY_STEPS"].flatMap(Int.init) ?? 800

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func aMashedSessionNeverTrapsAndKeepsItsInvariants(seed: UInt64) {
        var dice = Dice(state: seed)
        var model = StudioModel(english: seed % 2 == 0, inputMethod: seed % 3 == 0 ? nil : InputMethod(.telex))
        var size = (width: 120, height: 40)
        _ = model.update(.resized(width: size.width, height: size.height))
        var queue: [Message] = []
        var claimed = Set<Int>()
        for step in 0..<Self.steps {
            let message: Message
            if !queue.isEmpty, dice.below(3) == 0 {
                message = queue.removeFirst()
            } else {
                switch dice.below(20) {
                case 0: message = .paste(dice.pick(Self.pastes))
                case 1:
                    message = .mouse(MouseEvent(x: dice.below(size.width + 5) - 2, y: dice.below(size.height + 5) - 2,
                                                kind: dice.pick([.press, .wheelUp, .wheelDown]), width: size.width, height: size.height))
                case 2:
                    size = dice.below(4) == 0 ? (dice.below(100), dice.below(30))
                        : (80 + dice.below(120), 24 + dice.below(40))
                    message = .resized(width: size.width, height: size.height)
                case 3: message = dice.pick([.flashOver, .noticeExpired, .notice("đã lưu"), .failed("âm thanh: device gone")])
                default: message = .key(dice.pick(Self.keys))
                }
            }
            let effects = model.update(message)
            queue += Self.answers(to: effects, model: &model, claimed: &claimed, dice: &dice)
            if effects.contains(.quit) || model.quitting {
                // A quit is the end of a session: start another on the same model's takes, as the user would.
                model.quitting = false
            }
            Self.check(model, width: size.width, height: size.height, step: step, seed: seed)
        }
    }
}
