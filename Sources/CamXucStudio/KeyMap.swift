import CamXucText

/// The studio's panels, in focus order.
public enum Panel: String, CaseIterable, Sendable {
    case text, emotion, circumplex, parameters, roll, takes
}

/// What a key does.
///
/// The raw values are the names the config's `[keys]` table uses (`save = "w"`).
public enum Action: String, CaseIterable, Sendable {
    case generate, playStop, nextPanel, previousPanel, save, saveWithWAV, loop, delete, undo, rename
    case markA, markB, switchAB, showTakes
    case help, quit, leaveText, moveUp, moveDown, moveLeft, moveRight, bigLeft, bigRight, reset
    case returnToText, zoomIn, zoomOut, rollStart, follow, toggleInputMethod, language, why
    case open, continueFromPlayhead, seekBack, seekForward, playTake, messages
}

/// One row of the key-binding table: the one source for the dispatcher, the status line and the help overlay.
public struct KeyBinding: Equatable, Sendable {
    /// The key as it is shown and matched: "Enter", "Space", "Tab", "Shift-Tab", "Ctrl-C", "↑", "s", "?", …
    public var key: String
    public var action: Action
    /// Where it works; nil means everywhere (outside the text field for printable keys).
    public var panel: Panel?
    public var vi: String
    public var en: String
    /// Shown on the status line (the main keys only).
    public var inStatusLine: Bool

    public func label(english: Bool) -> String { english ? en : vi }
}

/// The key-binding table. `standard` is the shipped one; the config's `[keys]` table overrides it.
public struct KeyMap: Equatable, Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    public static let standard = KeyMap(bindings: [
        KeyBinding(key: "Enter", action: .generate, panel: nil, vi: "tạo", en: "compose", inStatusLine: true),
        KeyBinding(key: "Space", action: .playStop, panel: nil, vi: "phát/tạm dừng", en: "play/pause", inStatusLine: true),
        KeyBinding(key: "Tab", action: .nextPanel, panel: nil, vi: "ô kế", en: "next panel", inStatusLine: true),
        KeyBinding(key: "Shift-Tab", action: .previousPanel, panel: nil, vi: "ô trước", en: "prev. panel", inStatusLine: false),
        KeyBinding(key: "←→", action: .moveRight, panel: .parameters, vi: "chỉnh", en: "adjust", inStatusLine: true),
        KeyBinding(key: "s", action: .save, panel: nil, vi: "lưu", en: "save", inStatusLine: true),
        KeyBinding(key: "S", action: .saveWithWAV, panel: nil, vi: "lưu kèm WAV", en: "save with WAV", inStatusLine: false),
        KeyBinding(key: "l", action: .loop, panel: nil, vi: "lặp", en: "loop", inStatusLine: true),
        KeyBinding(key: "t", action: .showTakes, panel: nil, vi: "danh sách take", en: "takes", inStatusLine: false),
        KeyBinding(key: "o", action: .open, panel: nil, vi: "mở tệp MIDI", en: "open MIDI file", inStatusLine: false),
        KeyBinding(key: "c", action: .continueFromPlayhead, panel: nil, vi: "tiếp từ đây", en: "continue here", inStatusLine: false),
        KeyBinding(key: "a", action: .markA, panel: nil, vi: "đánh dấu A", en: "mark as A", inStatusLine: false),
        KeyBinding(key: "b", action: .markB, panel: nil, vi: "đánh dấu B", en: "mark as B", inStatusLine: false),
        KeyBinding(key: "x", action: .switchAB, panel: nil, vi: "chuyển A/B", en: "switch A/B", inStatusLine: true),
        KeyBinding(key: "[", action: .seekBack, panel: nil, vi: "tua lùi 5 s", en: "back 5 s", inStatusLine: false),
        KeyBinding(key: "]", action: .seekForward, panel: nil, vi: "tua tới 5 s", en: "forward 5 s", inStatusLine: false),
        // In the list, Enter acts on the row, as in cmus and lazygit (it composed a new take).
        KeyBinding(key: "Enter", action: .playTake, panel: .takes, vi: "phát từ đầu", en: "play take", inStatusLine: false),
        KeyBinding(key: "d", action: .delete, panel: .takes, vi: "xoá take", en: "delete take", inStatusLine: false),
        KeyBinding(key: "u", action: .undo, panel: nil, vi: "hoàn tác xoá", en: "undo delete", inStatusLine: false),
        KeyBinding(key: "n", action: .rename, panel: .takes, vi: "đổi tên", en: "rename", inStatusLine: false),
        KeyBinding(key: "↑", action: .moveUp, panel: nil, vi: "lên", en: "up", inStatusLine: false),
        KeyBinding(key: "↓", action: .moveDown, panel: nil, vi: "xuống", en: "down", inStatusLine: false),
        KeyBinding(key: "←", action: .moveLeft, panel: nil, vi: "trái", en: "left", inStatusLine: false),
        KeyBinding(key: "→", action: .moveRight, panel: nil, vi: "phải", en: "right", inStatusLine: false),
        KeyBinding(key: "Shift-←", action: .bigLeft, panel: .parameters, vi: "bước lớn", en: "big step", inStatusLine: false),
        KeyBinding(key: "Shift-→", action: .bigRight, panel: .parameters, vi: "bước lớn", en: "big step", inStatusLine: false),
        KeyBinding(key: "0", action: .reset, panel: .parameters, vi: "mặc định", en: "reset", inStatusLine: false),
        KeyBinding(key: "w", action: .why, panel: .emotion, vi: "vì sao (bật/tắt)", en: "why (toggle)", inStatusLine: false),
        KeyBinding(key: "r", action: .returnToText, panel: .circumplex, vi: "về điểm văn bản", en: "to text point", inStatusLine: false),
        KeyBinding(key: "+", action: .zoomIn, panel: .roll, vi: "phóng to", en: "zoom in", inStatusLine: false),
        KeyBinding(key: "-", action: .zoomOut, panel: .roll, vi: "thu nhỏ", en: "zoom out", inStatusLine: false),
        KeyBinding(key: "Home", action: .rollStart, panel: .roll, vi: "về đầu", en: "to the start", inStatusLine: false),
        KeyBinding(key: "f", action: .follow, panel: .roll, vi: "bám đầu phát", en: "follow", inStatusLine: false),
        KeyBinding(key: "Ctrl-T", action: .toggleInputMethod, panel: nil, vi: "Telex/VNI/tắt", en: "Telex/VNI/off", inStatusLine: false),
        KeyBinding(key: "m", action: .messages, panel: nil, vi: "thông báo", en: "messages", inStatusLine: false),
        KeyBinding(key: "L", action: .language, panel: nil, vi: "English", en: "tiếng Việt", inStatusLine: false),
        KeyBinding(key: "Esc", action: .leaveText, panel: .text, vi: "rời ô văn bản", en: "leave text", inStatusLine: false),
        KeyBinding(key: "?", action: .help, panel: nil, vi: "trợ giúp", en: "help", inStatusLine: true),
        // F1 too, which works in the text field, where ? is typed.
        KeyBinding(key: "F1", action: .help, panel: nil, vi: "trợ giúp", en: "help", inStatusLine: false),
        KeyBinding(key: "q", action: .quit, panel: nil, vi: "thoát", en: "quit", inStatusLine: false),
        KeyBinding(key: "Ctrl-C", action: .quit, panel: nil, vi: "thoát", en: "quit", inStatusLine: true),
    ])

    /// Every key name the terminal reports besides single characters.
    public static let namedKeys: Set<String> = {
        var names: Set<String> = ["Enter", "Space", "Tab", "Shift-Tab", "Esc", "Backspace", "Delete", "Home", "End",
                                  "PageUp", "PageDown", "↑", "↓", "←", "→", "Shift-←", "Shift-→", "Shift-↑", "Shift-↓", "Ctrl-←", "Ctrl-→"]
        for letter in "ABDEFGKLNOPRSUVXYZ" { names.insert("Ctrl-\(letter)") }  // not C, H, I, J, M, Q, T, W
        for number in 1...12 { names.insert("F\(number)") }
        return names
    }()

    /// This table with the actions in `overrides` (action name → keys) bound to other keys, and one warning per
    /// entry that cannot be used. A new key replaces the action's own keys (Ctrl-C always quits and cannot be
    /// moved) and takes the key away from whatever else had it in the same place — for an action that works
    /// everywhere, in every panel (`save = "w"` left w toggling the Emotion panel's why line there, and saving
    /// nothing); an action left without a key is warned about.
    public func overriding(_ overrides: [(action: String, keys: [String])], file: String) -> (keys: KeyMap, warnings: [String]) {
        var table = bindings
        var warnings: [String] = []
        for (name, keys) in overrides {
            guard let action = Action(rawValue: name) else {
                warnings.append("\(file): [keys] has no action '\(name)'; the actions are "
                                + Action.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            let usable = keys.filter { key in
                if key == "Ctrl-C" {
                    warnings.append("\(file): [keys] Ctrl-C always quits and cannot be bound")
                    return false
                }
                // Ctrl-T is the input method's own (bound back to it, it was called a key no terminal can send).
                let ok = (key.count == 1 && key != " ") || Self.namedKeys.contains(key) || (key == "Ctrl-T" && action == .toggleInputMethod)
                if !ok { warnings.append("\(file): [keys] \(name) = \"\(Self.shortened(key))\" " + Self.whyNotAKey(key)) }
                return ok
            }
            for key in usable where Self.isTyping(key) && (action == .generate || action == .leaveText) {
                warnings.append("\(file): [keys] \(name) = \"\(key)\" types in the text field; there \(action == .generate ? "Enter composes" : "Esc leaves it") as always")
            }
            for key in usable where Self.editsText(key) && action != .leaveText {
                warnings.append("\(file): [keys] \(name) = \"\(key)\" edits the text field; there \(key) edits the text as always")
            }
            // The action's binding that works everywhere, where it has one: the arrows' first rows are a panel's
            // hints ("←→ adjust" in Parameters), and `moveRight = "l"` then worked in Parameters alone.
            guard !usable.isEmpty,
                  let template = table.first(where: { $0.action == action && $0.panel == nil }) ?? table.first(where: { $0.action == action })
            else { continue }
            let movable = table.filter { $0.action == action && $0.key != "Ctrl-C" }
            let panel = template.panel
            table.removeAll { $0.action == action && $0.key != "Ctrl-C" }
            let displaced = table.filter { usable.contains($0.key) && (panel == nil || $0.panel == panel) }
            table.removeAll { usable.contains($0.key) && (panel == nil || $0.panel == panel) }
            // Esc leaves the text field whatever [keys] says (it was said to have no key now); compose keeps Enter
            // there.
            for lost in displaced where lost.action != action && lost.action != .leaveText
                && !table.contains(where: { $0.action == lost.action }) {
                warnings.append("\(file): [keys] \(name) = \"\(lost.key)\" takes \(lost.key) from \(lost.action.rawValue), "
                                + (lost.action == .generate ? "which composes now only with Enter in the text field" : "which has no key now"))
            }
            // A digit in the Emotion panel and on the plane is an emotion's number (and 0 the model's reading): there
            // it chooses the emotion, and writes a correction (`save = "1"` did, without a word).
            for key in usable where key.count == 1 && key.first?.isNumber == true {
                warnings.append("\(file): [keys] \(name) = \"\(key)\" is an emotion's number in the Emotion panel and on the plane; "
                                + "there \(key) chooses \(key == "0" ? "the model's reading" : "that emotion") as always")
            }
            let position = bindings.firstIndex { $0.action == action }.map { min($0, table.count) } ?? table.count
            let fresh = usable.enumerated().map { index, key in
                KeyBinding(key: key, action: action, panel: panel, vi: template.vi, en: template.en,
                           inStatusLine: index == 0 && movable.contains { $0.inStatusLine })
            }
            table.insert(contentsOf: fresh, at: position)
        }
        return (KeyMap(bindings: table), warnings)
    }

    /// Keys that edit the text field (its cursor, deleting, earlier texts), whatever `[keys]` binds them to
    /// elsewhere: with `save = "Backspace"` Backspace deleted nothing there and saved the take, `language = "Ctrl-U"`
    /// switched the language instead of clearing the text.
    static let textEditingKeys: Set<String> = ["Backspace", "Delete", "←", "→", "Home", "End", "Ctrl-←", "Ctrl-→",
                                               "Ctrl-U", "Ctrl-K", "↑", "↓"]

    static func editsText(_ key: String) -> Bool { textEditingKeys.contains(key) }

    /// Why a key named in `[keys]` cannot be bound: the terminal sends some Ctrl keys as others, the text field has
    /// its own, and a name may differ only in its capitals from one that can ("enter": the warning gave no hint).
    static func whyNotAKey(_ key: String) -> String {
        let sentAs = ["Ctrl-H": "Backspace", "Ctrl-I": "Tab", "Ctrl-J": "Enter", "Ctrl-M": "Enter"]
        if let other = sentAs[key] { return "is sent by the terminal as \(other); bind \(other) itself, or another key" }
        if key == "Ctrl-W" { return "deletes a word in the text field and cannot be bound" }
        if key == "Ctrl-T" { return "switches Telex/VNI/off and can be bound only to toggleInputMethod" }
        if key == "Ctrl-Q" { return "is taken by many terminals for flow control and cannot be bound" }
        if let named = namedKeys.first(where: { $0.lowercased() == key.lowercased() }) {
            return "is not a key name; did you mean \"\(named)\"?"
        }
        return "is not a key this terminal can send (one character, or one of: " + namedKeys.sorted().joined(separator: ", ") + ")"
    }

    /// A key name as a warning quotes it: at most 40 characters (a 20,000-character value was quoted whole).
    static func shortened(_ key: String) -> String { key.count > 40 ? String(key.prefix(40)) + "…" : key }

    /// Keys that type text when the text field has focus, and so are not commands there.
    static func isTyping(_ key: String) -> Bool {
        key.count == 1 && key != "?" || key == "Space"
    }

    /// The action for `key` with `focus` on a panel: a panel's own binding first, then a global one. In the text
    /// field printable keys type (only Enter, Tab, Esc, the arrows and Ctrl keys act).
    public func action(for key: String, focus: Panel) -> Action? {
        if focus == .text, Self.isTyping(key) || key == "?" || Self.editsText(key) { return nil }
        // A text field's own keys, whatever [keys] moved the actions to: Enter composes, Esc leaves it (with
        // generate bound to "g", Enter did nothing there while the status line still said "Enter compose").
        if focus == .text, key == "Enter" { return .generate }
        if focus == .text, key == "Esc" { return .leaveText }
        if let own = bindings.first(where: { $0.key == key && $0.panel == focus }) { return own.action }
        if let action = bindings.first(where: { $0.key == key && $0.panel == nil })?.action { return action }
        // F1 is help wherever no binding takes it (with `help = "h"` nothing opened the help from the text field).
        return key == "F1" ? .help : nil
    }

    /// F1 as help where no binding uses F1 (with `help = "h"` nothing opened the help from the text field); nil where
    /// one does.
    var unboundF1Help: KeyBinding? {
        bindings.contains { $0.key == "F1" } ? nil
            : KeyBinding(key: "F1", action: .help, panel: nil, vi: "trợ giúp", en: "help", inStatusLine: false)
    }

    /// Whether `key` is a help key: one bound to help, or F1 where no binding uses it.
    func isHelpKey(_ key: String) -> Bool {
        bindings.contains { $0.action == .help && $0.key == key } || unboundF1Help?.key == key
    }

    /// "Enter tạo  Space phát/tạm dừng  …", cut to `width` columns at a binding's edge. With `focus`, the focused
    /// panel's own keys come first (in the text field: its editing keys), and the help and quit keys always end
    /// the line, however narrow the screen.
    /// `seedRow`: the Parameters panel's seed row is selected, where the digits type a seed (0 included, which
    /// resets the other rows: the line offered "0 reset" there).
    /// `openedRow`: the takes list's selected row is an opened file, which Enter continues (it said "play").
    /// `continuesOpened`: the selected take is an opened file, which the compose key continues (the text field's line
    /// said "Enter compose", and Enter made a continuation of the file a minute long).
    public func statusLine(english: Bool, width: Int, focus: Panel? = nil, seedRow: Bool = false, noBigSteps: Bool = false, openedRow: Bool = false,
                           continuesOpened: Bool = false) -> String {
        func item(_ key: String, _ label: String) -> String { key + " " + label }
        let composeLabel = { (binding: KeyBinding) -> String in
            continuesOpened ? (english ? "continue the opened file" : "viết tiếp tệp đã mở") : binding.label(english: english)
        }
        var items: [String] = []
        if let focus {
            if focus == .text {
                items.append(item("Enter", continuesOpened ? (english ? "continue the opened file" : "viết tiếp tệp đã mở")
                                                           : (english ? "compose" : "tạo")))
                items.append(item("Esc", english ? "leave text" : "rời ô văn bản"))
                // Off too, as the help says (the line said "Telex/VNI", the key cycling through off as well); by the
                // key it is bound to (moved to F5, the line still said Ctrl-T).
                if let toggle = bindings.first(where: { $0.action == .toggleInputMethod }) {
                    items.append(item(toggle.key, english ? "Telex/VNI/off" : "Telex/VNI/tắt"))
                }
            } else {
                // The Emotion panel's own keys are digits, not in the table (its line showed only w).
                // On the plane too, where they work as well.
                if focus == .emotion || focus == .circumplex {
                    items.append(item("1–7", english ? "set by hand" : "chọn bằng tay"))
                    items.append(item("0", english ? "as the model reads" : "theo mô hình"))
                }
                for binding in bindings where binding.panel == focus && binding.action != .leaveText && binding.action != .bigRight {
                    let label = binding.label(english: english)
                    let key = binding.action == .bigLeft ? "Shift-←→" : binding.key
                    var shown = binding.key == "←" || binding.key == "→" ? nil : item(key, label)
                    if openedRow, binding.action == .playTake { shown = item(key, english ? "continue it" : "viết tiếp") }
                    if seedRow, focus == .parameters, binding.action == .reset {
                        shown = item("0–9", english ? "type a seed" : "gõ seed")
                    }
                    // The seed, key and key lock rows have no big step.
                    if seedRow || noBigSteps, focus == .parameters, binding.action == .bigLeft { shown = nil }
                    // On the seed row ←→ lock and unlock it: the only way to unlock a typed seed, said nowhere.
                    if seedRow, focus == .parameters, binding.action == .moveRight {
                        shown = item("←→", english ? "lock/unlock" : "khoá/bỏ khoá")
                    }
                    if let shown, !items.contains(shown) { items.append(shown) }
                }
            }
        }
        // The help key that works here (in the text field, not one that types).
        let help = bindings.first { $0.action == .help && !(focus == .text && (Self.isTyping($0.key) || $0.key == "?")) }
            ?? unboundF1Help
        let closing = [help.map { item($0.key, $0.label(english: english)) },
                       item("Ctrl-C", english ? "quit" : "thoát")].compactMap { $0 }
        for binding in bindings where binding.inStatusLine && binding.panel == nil
            && binding.action != .help && binding.action != .quit
            && !(focus == .text && (Self.isTyping(binding.key) || Self.editsText(binding.key)))
            // A key the focused panel gives another action (Enter plays the row in the takes list) is not listed
            // with the action it has elsewhere.
            && !bindings.contains(where: { $0.key == binding.key && $0.panel != nil && $0.panel == focus && focus != .text }) {
            let shown = item(binding.key, binding.action == .generate ? composeLabel(binding) : binding.label(english: english))
            if !items.contains(shown) { items.append(shown) }
        }
        let tail = closing.map { "  " + $0 }.joined()
        var line = ""
        for entry in items {
            let next = (line.isEmpty ? " " : "  ") + entry
            if DisplayWidth.of(line + next + tail) > width { break }
            line += next
        }
        return line.isEmpty ? " " + closing.joined(separator: "  ") : line + tail
    }

    /// The help overlay's lines: every binding, grouped by where it works.
    public func helpLines(english: Bool) -> [String] {
        var lines: [String] = []
        let groups: [(Panel?, String, String)] = [(nil, "Mọi nơi", "Everywhere"), (.text, "Văn bản", "Text"),
                                                   (.emotion, "Cảm xúc", "Emotion"),
                                                   (.parameters, "Tham số", "Parameters"), (.circumplex, "Valence · Arousal", "Valence · Arousal"),
                                                   (.roll, "Piano roll", "Piano roll"), (.takes, "Takes", "Takes")]
        for (panel, vi, en) in groups {
            // Arrow keys that only move are one line ("↑↓←→ move"), pairs of big steps one more.
            let arrows: Set<Action> = [.moveUp, .moveDown, .moveLeft, .moveRight]
            // One row per action, its keys together ("q Ctrl-C  quit").
            var rows: [(String, String)] = []
            var seen: Set<Action> = []
            for binding in bindings where binding.panel == panel && !arrows.contains(binding.action)
                && binding.action != .bigRight && !seen.contains(binding.action) {
                seen.insert(binding.action)
                let keys = bindings.filter { $0.action == binding.action && $0.panel == panel }.map(\.key)
                // Pairs share a row ("a b  mark A, B"), so that the whole table fits at 80×24; the save row names the
                // WAV key as bound ("S: +WAV" stayed after saveWithWAV moved to F3).
                let wav = bindings.first { $0.action == .saveWithWAV && $0.panel == panel }?.key ?? "S"
                let pairs: [(Action, Action, String, String)] = [
                    (.nextPanel, .previousPanel, "ô kế, ô trước", "next, previous"),
                    (.save, .saveWithWAV, "lưu (\(wav): +WAV)", "save (\(wav): +WAV)"), (.markA, .markB, "đánh dấu A, B", "mark A, B"),
                    (.seekBack, .seekForward, "tua 5 s", "skip 5 s"), (.delete, .rename, "xoá, đổi tên", "del, rename"),
                ]
                if let pair = pairs.first(where: { $0.0 == binding.action }) {
                    let other = bindings.filter { $0.action == pair.1 && $0.panel == panel }.map(\.key)
                    if !other.isEmpty {
                        seen.insert(pair.1)
                        // "Tab ⇧Tab", as the plane's "⇧ ×5" (Shift-Tab widened the keys' column).
                        let shown = (keys + other).map { $0.hasPrefix("Shift-") && $0.count > 7 ? "⇧" + $0.dropFirst(6) : $0 }
                        rows.append((shown.joined(separator: " "), english ? pair.3 : pair.2))
                        continue
                    }
                }
                rows.append((binding.action == .bigLeft ? "Shift-←→" : keys.joined(separator: " "), binding.label(english: english)))
            }
            if panel == nil, bindings.contains(where: { arrows.contains($0.action) && $0.panel == nil }) {
                rows.append((arrowKeys([.moveUp, .moveDown, .moveLeft, .moveRight]), english ? "move" : "di chuyển"))
            }
            rows += fixedKeys(panel, english: english)
            guard !rows.isEmpty else { continue }
            let keyWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
            if !lines.isEmpty { lines.append("") }
            lines.append(english ? en : vi)
            for (key, label) in rows {
                lines.append(" " + key + String(repeating: " ", count: keyWidth - DisplayWidth.of(key) + 2) + label)
            }
        }
        return lines
    }

    /// Keys that are not commands of the table but still do something, for the help overlay: the text field's
    /// editing keys, the roll's and lists' scrolling, the mouse and the answers to a question.
    /// The keys bound everywhere to `actions`, as the help shows them: "↑↓←→" as shipped, else each action's keys
    /// ("k j h l"; the help said "↑↓←→ move" after they were bound to h j k l).
    func arrowKeys(_ actions: [Action]) -> String {
        let keys = actions.flatMap { action in bindings.filter { $0.action == action && $0.panel == nil }.map(\.key) }
        return keys.allSatisfy { ["↑", "↓", "←", "→"].contains($0) } ? keys.joined() : keys.joined(separator: " ")
    }

    func fixedKeys(_ panel: Panel?, english: Bool) -> [(String, String)] {
        switch panel {
        case nil:
            return [("Esc", english ? "close overlay" : "đóng cửa sổ"),
                    ("y n", english ? "answer" : "trả lời"),
                    (english ? "click" : "chuột", english ? "pick" : "chọn"),
                    (english ? "wheel" : "lăn", english ? "scroll" : "cuộn")]
        case .text?:
            return [("←→", english ? "cursor" : "con trỏ"), ("Alt-Enter", english ? "line break" : "xuống dòng"),
                    ("Ctrl-←→", english ? "by word" : "theo từ"),
                    ("Ctrl-W", english ? "delete word" : "xoá từ"), ("↑↓", english ? "earlier texts" : "văn bản trước")]
        case .parameters?:
            return [("↑↓", english ? "choose" : "chọn"), ("0–9", english ? "type a seed" : "gõ seed")]
        case .roll?:
            return [(arrowKeys([.moveLeft, .moveRight]), english ? "scroll time" : "cuộn ngang"), ("PgUp/Dn", english ? "pitches" : "cao độ"),
                    ("=", english ? "fit take" : "vừa take")]
        case .takes?:
            return [("PgUp/Dn", english ? "page" : "trang")]
        case .circumplex?:
            // With Shift five times as far (40 presses crossed the plane).
            return [(arrowKeys([.moveLeft, .moveRight, .moveUp, .moveDown]), english ? "move, ⇧ ×5" : "dời, ⇧ ×5")]
        case .emotion?:
            return [("1–7", english ? "set by hand" : "chọn bằng tay"), ("0", english ? "as the model reads" : "theo mô hình")]
        }
    }
}
