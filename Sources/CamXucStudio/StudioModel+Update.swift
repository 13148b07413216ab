import CamXucEmotion
import CamXucMusic
import CamXucText

extension StudioModel {
    /// Applies `message`; returns the effects to run. Pure: the same model and message always give the same result.
    public mutating func update(_ message: Message) -> [Effect] {
        let shownBefore = selectedTake
        let focusBefore = focus
        let effects = apply(message)
        // Where Esc on the compact layout's parameters goes back to, however they were reached (Tab, a click, the
        // wheel: set by Tab alone, Esc went back to a panel left long before).
        if focus == .parameters, focusBefore != .parameters { focusBeforeParameters = focusBefore == .text ? .roll : focusBefore }
        // Another take selected while the roll was scrolled past its end (a 10-s take after 20 s of a 30-s one): from
        // its start (the roll showed empty bars, nothing saying the take had ended before them).
        if selectedTake != shownBefore, let take = currentTake, roll.startSeconds > 0, roll.startSeconds >= heardLength(of: take) {
            roll.startSeconds = 0
        }
        // The takes overlay belongs to the takes list: focus moved elsewhere (Tab) closes it (it stayed up, offering
        // the list's keys, while they went to the text field underneath: a d was typed into the text).
        if takesOverlay, focus != .takes { takesOverlay = false }
        // The lists' scroll follows the selection as little as keeps it in view, at the screen's size.
        let layout = screenLayout
        parametersFirst = Self.firstShown(stored: parametersFirst, selected: selectedParameter.rawValue,
                                          fit: layout.parameters.padded.height, count: Parameters.Name.allCases.count)
        let takesRect = takesArea((layout.takes ?? layout.takesOverlay).padded).list
        takesFirst = Self.firstShown(stored: takesFirst, selected: selectedTakeRow,
                                     fit: max(takesRect.height / Self.rowsPerTake(width: takesRect.width), 1), count: takes.count)
        // The start's warnings, one at a time, each when the status line has nothing else to say (a key's own notice
        // took the next one's place, and an error at start let them expire unseen behind it).
        if notice == nil, error == nil, confirming == nil, !pendingNotices.isEmpty { notice = pendingNotices.removeFirst() }
        // The roll's window follows the take's notes without jumping as they arrive (fitted again only when they, the
        // take or the rows change: every message passes here, a burst of thousands of notes among them).
        if let take = currentTake, !take.notes.isEmpty {
            let rows = max(rollRows(layout.roll.inner).notes.height - 1, 1)
            let same = rollFit?.take == take.id && rollFit?.rows == rows
            // A large take is fitted again when its notes have grown by a hundredth (fitting 3.5 million notes at
            // every new one held the screen for as long as a continuation of it was composed).
            let fitted = rollFit?.notes ?? 0
            let grown = take.notes.count != fitted && (take.notes.count < 10_000 || abs(take.notes.count - fitted) * 100 >= fitted)
            if !same || grown {
                let lowest = PianoRollPanel.fittedLowest(take.notes, rows: rows, previous: same ? rollFit?.lowest : nil)
                rollFit = RollFit(take: take.id, rows: rows, notes: take.notes.count, lowest: lowest)
            }
        } else {
            rollFit = nil
        }
        return effects
    }

    mutating func apply(_ message: Message) -> [Effect] {
        switch message {
        case let .key(key):
            return handleKey(key)
        case let .openDropped(path):
            // Outside a question (a drop under "y/n" went into the text behind it) and on a screen it can be seen.
            guard confirming == nil, screenLayout.fits else { return [] }
            error = nil
            notice = nil
            showHelp = false
            opening = nil
            return openPath(path)
        case let .paste(text):
            // No answer to a question, nor typed unseen behind the help or a screen too small to be drawn (the text
            // then composed was not the one on screen).
            guard confirming == nil, !showHelp, screenLayout.fits else { return [] }
            if renaming != nil {
                renaming?.editor.handle(.paste(text))
                return []
            }
            if opening != nil {
                opening?.editor.handle(.paste(text))
                return []
            }
            guard focus == .text else { return [] }
            let room = editor.limit - editor.characters.count
            editor.handle(.paste(text))
            if text.count > room {
                error = english ? "the text is full (\(editor.limit) characters); the paste was cut"
                                : "văn bản đã đầy (\(editor.limit) ký tự); phần dán bị cắt"
            }
            return textEdited()
        case let .mouse(event):
            return handleMouse(event)
        case let .analyzed(text, distribution, withoutDiacritics, notVietnamese, readAsKeys, evidence, sentences, chosenBefore):
            guard text == editor.text else { return [] }  // an answer for older text
            self.distribution = distribution
            emotionLabels = distribution.labels
            sentenceReadings = sentences.count > 1 ? sentences : []
            readWithoutDiacritics = withoutDiacritics
            self.notVietnamese = notVietnamese
            self.readAsKeys = readAsKeys
            self.evidence = evidence
            // An emotion chosen with 1–7 belongs to the text it was chosen for: a new text reads its own again, and
            // the target follows it (it stayed on the chosen point, and Enter composed it as the new text's).
            let choiceEnded = text != analyzedText && chosenEmotion != nil
            if text != analyzedText { chosenEmotion = nil }
            var point = distribution.point
            // This very text's emotion was chosen by hand before (its correction kept, in this session or an earlier
            // one): it is that emotion again, its point and "chosen by hand" (the next session composed the same
            // text 0.23 away, between the classes, and the take no longer said it was chosen).
            if let code = chosenBefore, let label = distribution.labels.first(where: { $0.code == code }) {
                chosenEmotion = code
                point = Self.chosenPoint(label, reading: distribution)
            }
            if let old = textPoint, old != point { trail = Array((trail + [old]).suffix(6)) }
            let handEnded = handPointLapsed(for: text)
            if handEnded { handTargetText = nil }
            if target == nil || target == textPoint || choiceEnded || handEnded { target = point }
            textPoint = point
            analyzedText = text
            if generateWhenAnalyzed {
                generateWhenAnalyzed = false
                return perform(.generate)
            }
            return []
        case let .explained(text, evidence):
            if text == analyzedText, text == editor.text {
                self.evidence = evidence ?? []
                evidenceTooLong = evidence == nil
            }
            return []
        case let .note(id, note):
            guard let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
            takes[index].notes.append(note)
            return []
        case let .finished(id, judged, tempoMap):
            guard let index = takes.firstIndex(where: { $0.id == id }) else {
                // Deleted while it was composed: what undo brings back is the take as it ended.
                if let k = deleted.firstIndex(where: { $0.entry.id == id }) {
                    if let tempoMap { deleted[k].entry.applyComposedTempo(tempoMap) }
                    deleted[k].entry.notes = Take.resolved(deleted[k].entry.notes, tempoMap: deleted[k].entry.tempoMap)
                    deleted[k].entry.finished = true
                    deleted[k].entry.judged = judged
                }
                return []
            }
            if let tempoMap { takes[index].applyComposedTempo(tempoMap) }
            // What the roll shows is what a file holds: same-key strikes and overlaps resolved as the writer does.
            takes[index].notes = Take.resolved(takes[index].notes, tempoMap: takes[index].tempoMap)
            takes[index].finished = true
            takes[index].judged = judged
            if generatingTake == id {
                generatingTake = nil
                // "Stop take N and compose anew?" no longer holds once it is whole (it stayed up, asking about a take no
                // longer composed); put away without a take, the Enter pressed for the new text was lost (a probe typed
                // four texts that were never composed). The question stays, asked anew: compose the new text now?
                // Unless the text is the one just composed (a double Enter): then nothing new waits, and the question goes.
                if confirming == .restart {
                    let typed = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if typed == (takes[index].text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) {
                        confirming = nil
                        notice = english ? "take \(id) is finished: Enter composes a new one" : "take \(id) đã xong: Enter để tạo take mới"
                    } else {
                        finishedWhileAsked = id
                    }
                }
            }
            return []
        case let .settingsApplied(id, seconds, applied):
            // The last change recorded applies from here: it was recorded where the screen had seen the take reach,
            // which the generator had passed when it runs ahead (`--no-listen`: "changed at 116.8 s" while the tempo
            // changed at 117.5). Only ever later, never earlier.
            // (Only the values the row holds: a change undone before the generator took it was not what it applied.)
            if let pending = pendingChange, pending.take == id, let index = takes.firstIndex(where: { $0.id == id }),
               takes[index].parameterChanges.indices.contains(pending.row), pending.row > 0 {
                let row = takes[index].parameterChanges[pending.row]
                let at = (seconds * 100).rounded() / 100
                if applied.change(at: row.seconds) == row {
                    if at > row.seconds { takes[index].parameterChanges[pending.row].seconds = at }
                    pendingChange = nil
                }
            }
            return []
        case let .tempoMap(id, tempoMap):
            if let index = takes.firstIndex(where: { $0.id == id }) { takes[index].applyComposedTempo(tempoMap) }
            return []
        case let .playhead(take, seconds):
            // Played to its end: the next Space starts it again (a stop by Space comes after its own nil).
            if take == nil, playing != nil { paused = nil }
            playing = take
            playhead = seconds
            if let seconds, take == selectedTake {
                roll = roll.following(seconds, columns: screenLayout.roll.inner.width,
                                      length: takes.first { $0.id == take }.map(heardLength(of:)) ?? 0)
            }
            return []
        case let .resized(width, height):
            screenWidth = width
            screenHeight = height
            showPausedMoment()
            return []
        case let .failed(text):
            error = text
            notice = nil
            return []
        case let .deleteFailed(id, reason):
            // "Deleted" was shown and the take came back at the next start: it is back now, and the line says why.
            if let at = deleted.lastIndex(where: { $0.entry.id == id }) {
                let back = deleted.remove(at: at)
                takes.insert(back.entry, at: min(back.index, takes.count))
                if back.wasA, markA == nil { markA = id }
                if back.wasB, markB == nil { markB = id }
                // Selected again: the selection had moved on as if it were gone, and a second d deleted another take.
                selectedTake = id
            }
            error = (english ? "take \(id) could not be deleted (it is back): " : "không xoá được take \(id) (đã để lại): ") + reason
            notice = nil
            return []
        case let .notice(text):
            // While a question is asked it would be drawn under it and gone with the answer ("saved MIDI and WAV" of
            // an S pressed just before q was never seen): it comes after.
            if confirming != nil {
                pendingNotices.append(text)
                return []
            }
            notice = text
            error = nil
            return []
        case .flashOver:
            flashing = nil
            return []
        case .noticeExpired:
            notice = nil
            return []
        case let .planned(id, harmony):
            if let index = takes.firstIndex(where: { $0.id == id }) { takes[index].harmony = harmony }
            return []
        case let .saved(id, path):
            // The kept copy records where it was saved, so the ✓ is still there after a restart.
            if let index = takes.firstIndex(where: { $0.id == id }) {
                takes[index].saved = !takes[index].partlySaved
                takes[index].savedAs = path
                if takes[index].finished, mayEdit(id) { return [.store(take: id)] }
            }
            return []
        case let .opened(id, file):
            filesBeingRead[id] = nil
            return open(file, as: id)
        case let .openFailed(id):
            filesBeingRead[id] = nil
            // Handed back unless a later take has been given an id since (ids are never used twice).
            if lastTakeID == id, !takes.contains(where: { $0.id == id }) { lastTakeID = id - 1 }
            return []
        case let .pathCompleted(from, to, candidates):
            guard opening?.editor.text == from else { return [] }
            opening?.editor = LineEditor(text: to, inputMethod: nil)
            opening?.candidates = candidates
            return []
        case let .renumbered(from, to):
            if madeHere.remove(from) != nil { madeHere.insert(to) }
            if let name = filesBeingRead.removeValue(forKey: from) { filesBeingRead[to] = name }
            if let index = takes.firstIndex(where: { $0.id == from }) {
                takes[index].id = to
                if takes[index].title == "take \(from)" { takes[index].title = "take \(to)" }
            }
            if selectedTake == from { selectedTake = to }
            if generatingTake == from { generatingTake = to }
            lastTakeID = max(lastTakeID, to)
            return []
        }
    }

    mutating func handleKey(_ key: String) -> [Effect] {
        // While the screen is too small only "too small" is drawn: a key would act unseen (two takes were deleted,
        // a quit question answered that nobody saw). Only Ctrl-C still quits.
        guard screenLayout.fits || key == "Ctrl-C" else { return [] }
        // Esc then Enter typed quickly arrive as the terminal's Alt-Enter; outside a text they are the two keys
        // (the Enter was lost, and no take was composed).
        if key == "Alt-Enter", focus != .text, !showHelp, !showMessages, confirming == nil, renaming == nil, opening == nil {
            return handleKey("Esc") + handleKey("Enter")
        }
        if showHelp {
            // The help key turns the page (the keys that did not fit the width, the legend where they left it no
            // room); any other key closes, and so does the help key on the last page.
            if keys.isHelpKey(key), helpPage < helpPages(width: screenWidth, height: screenHeight).count - 1 {
                helpPage += 1
                return []
            }
            showHelp = false
            return key == "Ctrl-C" ? quit() : []
        }
        if showMessages { return handleMessagesKey(key) }
        if let question = confirming { return answer(question, key: key) }
        error = nil
        notice = nil
        // F1 is help everywhere, as the help says (in a take's name or a path it did nothing); the field stays.
        if key == "F1", renaming != nil || opening != nil {
            showHelp = true
            helpPage = 0
            return []
        }
        if renaming != nil { return handleRenameKey(key) }
        if opening != nil { return handleOpeningKey(key) }
        // Shift and an arrow on the plane: five steps at once (40 presses crossed it; Shift did nothing there). Not
        // actions of the table, as the arrows themselves are not.
        if focus == .circumplex, let step = Self.bigTargetSteps[key] {
            moveTarget(valence: step.0, arousal: step.1)
            return []
        }
        let action = keys.action(for: key, focus: focus)
        // Esc, and the quit key, close the takes overlay rather than the studio.
        // (However it was reached: Tab to the takes at a narrow width draws the overlay too, and Esc left it up.)
        if takesOverlay || (focus == .takes && screenLayout.takes == nil), key == "Esc" || (action == .quit && key != "Ctrl-C") {
            takesOverlay = false
            focus = focusBeforeTakes ?? .roll
            return []
        }
        // And the parameters' overlay of the compact layout, back to the panel it was opened from.
        if focus == .parameters, screenLayout.compact, key == "Esc" || (action == .quit && key != "Ctrl-C") {
            focus = focusBeforeParameters ?? .roll
            return []
        }
        // Digits on the seed row type a seed (which then stays: it is locked).
        if focus == .parameters, selectedParameter == .seed, key.count == 1, let digit = key.first?.wholeNumberValue {
            // Up to twelve digits: `compose` draws ten-digit seeds, and one it printed could not be typed here (the
            // row kept nine and dropped the rest without a word).
            let base = typingSeed ? parameters.seed : 0
            guard base < Self.seedDigitsLimit / 10 else {
                notice = english ? "a seed has at most 12 digits" : "hạt giống dài nhất 12 chữ số"
                return []
            }
            parameters.seed = base * 10 + UInt64(digit)
            parameters.seedLocked = true
            typingSeed = true
            flashing = .seed
            if generatingTake != nil { notice = english ? "the seed applies from the next take" : "hạt giống mới dùng cho take sau" }
            return []
        }
        // Backspace on the seed row takes its last digit off.
        if focus == .parameters, selectedParameter == .seed, key == "Backspace" {
            parameters.seed /= 10
            parameters.seedLocked = true
            typingSeed = true
            flashing = .seed
            return []
        }
        typingSeed = false
        // On the plane too, where a point is set by hand (1–7 there did nothing, without a word).
        let settingEmotion = focus == .emotion || focus == .circumplex
        if settingEmotion, key.count == 1, let digit = key.first?.wholeNumberValue, let distribution,
           (1...distribution.labels.count).contains(digit) {
            return choose(distribution.labels[digit - 1])
        }
        if settingEmotion, key == "0" { return unchoose() }
        if let scrolled = scroll(key) { return scrolled }
        if action == .quit, key != "Ctrl-C",
           generatingTake != nil || takes.contains(where: { ($0.fresh && !$0.saved) || ($0.unkept && !$0.saved) }) {
            confirming = .quit
            return []
        }
        if let action {
            return perform(action)
        }
        guard focus == .text else { return [] }
        guard let editing = Self.editorKey(key) else { return [] }
        if case .character = editing, editor.characters.count >= editor.limit {
            error = english ? "the text is full (\(editor.limit) characters); nothing more is typed"
                            : "văn bản đã đầy (\(editor.limit) ký tự); không gõ thêm được"
            return []
        }
        editor.handle(editing)
        return textEdited()
    }

    /// The text changed: it is read again; emptied, the reading of what was there goes (its bars and words stayed,
    /// and 1–7 then claimed to remember a correction for a text that was gone).
    mutating func textEdited() -> [Effect] {
        if editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            distribution = nil
            evidence = []
            sentenceReadings = []
            readWithoutDiacritics = false
            notVietnamese = false
            readAsKeys = false
        }
        return [.analyze(editor.text)]
    }

    /// What a key does in a line editor (the text field, a take's name), nil for keys that do nothing there.
    static func editorKey(_ key: String) -> LineEditor.Key? {
        switch key {
        case "Backspace": .backspace
        case "Delete": .delete
        case "←": .left
        case "→": .right
        case "Home": .home
        case "End": .end
        case "Ctrl-←": .wordLeft
        case "Ctrl-→": .wordRight
        case "Ctrl-W": .deleteWordBackward
        case "Ctrl-U": .deleteToStart
        case "Ctrl-K": .deleteToEnd
        case "↑": .historyUp
        case "↓": .historyDown
        case "Space": .character(" ")
        case "Alt-Enter": .newline
        default: key.count == 1 ? key.first.map { .character($0) } : nil
        }
    }

    /// A take's title from its text: line breaks shown as " / " (a list row has one line).
    static func title(fromText text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " / ")
    }

    /// Starts `id` from `fromSeconds`: the model shows it as playing at once, and playhead messages move it on.
    mutating func play(_ id: Int, fromSeconds: Double) -> [Effect] {
        playing = id
        playhead = fromSeconds
        return [.play(take: id, loop: looping, fromSeconds: fromSeconds)]
    }

    mutating func stop() -> [Effect] {
        playing = nil
        playhead = nil
        return [.stop]
    }

    /// The answer to a question on the status line: y does it (Enter too where the question says so: a second
    /// Enter composes anew), anything else leaves things as they are. Enter does not quit or delete: q pressed by
    /// mistake, then Enter to compose, ended the studio. A key that is no answer (an arrow, a letter of another
    /// action) puts the question away and then does what it does (it was lost).
    mutating func answer(_ question: Confirmation, key: String) -> [Effect] {
        // The language key switches the language and leaves the question asked, in the new language (it went, as if
        // answered, and the studio did not quit).
        if keys.action(for: key, focus: focus) == .language {
            return perform(.language)
        }
        // Esc then Enter typed quickly arrive as the terminal's Alt-Enter: while a question is asked they are the two
        // keys (the answer no, then Enter), not a line break put into the text (a storm of them put 29 in).
        if key == "Alt-Enter" { return answer(question, key: "Esc") + handleKey("Enter") }
        // Enter is yes only where the question says "Enter/y"; at a "y/n" question it waits for the answer (it meant
        // no there, and yes at the next question).
        if key == "Enter", question != .restart { return [] }
        confirming = nil
        // In Vietnamese "c" (có) and "k" (không) answer too: c, the continue key, stopped the take and continued it.
        let yes = key == "y" || key == "Y" || (key == "Enter" && question == .restart) || (!english && (key == "c" || key == "C"))
        if key == "Ctrl-C" { return quit() }
        guard yes else {
            notice = question == .quit || generatingTake == nil ? nil : (english ? "still composing" : "vẫn đang tạo")
            let answers = Set(["n", "N", "Esc", "Enter", "q", "Q", "Ctrl-D", "d", "Delete"] + (english ? [] : ["k", "K"]))
            return answers.contains(key) ? [] : update(.key(key))
        }
        switch question {
        case .quit:
            return quit()
        case .restart:
            return stopComposing() + perform(.generate)
        case .deleteComposing:
            // (If the take finished while the question was up, it is deleted as any other.)
            return stopComposing() + perform(.delete)
        }
    }

    /// Stops the take being composed, if one still is: it keeps its notes so far, marked partial.
    mutating func stopComposing() -> [Effect] {
        guard let id = generatingTake, let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
        takes[index].partial = true
        generatingTake = nil
        return [.cancelGeneration(take: id)]
    }

    /// The point of `label` chosen by hand for a text read as `reading`: the class's point, vui vẻ's arousal as calm
    /// or as lively as the text reads (`EmotionDistribution.point`). Choosing vui vẻ for "Nằm nghe mưa rơi, nhẹ nhàng
    /// và thư thái" moved the target from the calm quadrant to the excited corner (+0.70, +0.40), and its take ran at
    /// 134 bpm, where `analyze` and `compose` read the same correction as calm.
    static func chosenPoint(_ label: EmotionLabel, reading: EmotionDistribution) -> CircumplexPoint {
        let oneHot = reading.labels.map { $0.code == label.code ? 1.0 : 0.0 }
        guard oneHot.contains(1) else { return CircumplexPoint(valence: label.valence, arousal: label.arousal) }
        return EmotionDistribution(labels: reading.labels, probabilities: oneHot, calmShare: reading.calmShare).point
    }

    /// Sets the text's emotion by hand: the target moves to the class's point, the next takes record that the
    /// emotion was chosen, and the correction is kept so that later readings of similar text learn from it.
    mutating func choose(_ label: EmotionLabel) -> [Effect] {
        chosenEmotion = label.code
        let point = distribution.map { Self.chosenPoint(label, reading: $0) }
            ?? CircumplexPoint(valence: label.valence, arousal: label.arousal)
        if let old = target, old != point { trail = Array((trail + [old]).suffix(6)) }
        target = point
        let text = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        notice = (english ? "emotion set by hand: " : "đã chọn cảm xúc: ") + label.name(english: english)
            + (text.isEmpty ? (english ? " (no text to remember it for)" : " (không có văn bản để ghi nhớ)")
               : !remembersCorrections ? (english ? " (not remembered: --no-personal)" : " (không ghi nhớ: --no-personal)")
               : english ? " (remembered for texts like this)" : " (ghi nhớ cho các câu tương tự)")
            + (generatingTake != nil ? (english ? "; for the next take" : "; cho take sau") : "")
        return text.isEmpty ? [] : [.correct(text: text, label: label.code)]
    }

    /// The roll, following, keeps a paused take's moment in view (after a resize to 80 columns the view ended before
    /// it, and f did not bring it back).
    mutating func showPausedMoment() {
        guard playing == nil, roll.follow, let held = paused, held.take == selectedTake, let entry = currentTake else { return }
        roll = roll.following(held.seconds, columns: screenLayout.roll.inner.width, length: heardLength(of: entry))
    }

    /// 0 in the Emotion panel: back to the model's reading of the text. The emotion chosen for it goes, and so does
    /// the correction kept for it (there was no way to take one back but editing the file by hand).
    mutating func unchoose() -> [Effect] {
        let text = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        chosenEmotion = nil
        if let textPoint { target = textPoint }
        // Where corrections are kept, what was taken back is said once it is known (`Effect.forgetCorrection`): said
        // here first too, one press of 0 logged a correction forgotten and then that there was none.
        guard remembersCorrections else {
            notice = english ? "back to the model's reading" : "trở lại cách mô hình đọc"
            return []
        }
        return [.forgetCorrection(text: text)]
    }

    /// PgUp/PgDn and ↑↓ in the roll scroll its pitches (= fits the take again); PgUp/PgDn move through the takes,
    /// Home and End to the newest and the oldest.
    mutating func scroll(_ key: String) -> [Effect]? {
        switch (focus, key) {
        case (.roll, "↑"), (.roll, "↓"), (.roll, "PageUp"), (.roll, "PageDown"):
            let rows = max(rollRows(screenLayout.roll.inner).notes.height - 1, 1)
            let lowest = roll.lowestPitch ?? fittedRollLowest(rows: rows) ?? PianoRollPanel.fittedLowest([], rows: rows)
            let step = key == "↑" ? 1 : key == "↓" ? -1 : key == "PageUp" ? rows - 1 : -(rows - 1)
            roll.lowestPitch = min(max(lowest + step, 0), max(127 - rows + 1, 0))
            return []
        case (.roll, "="):
            // Fitted afresh: the window kept while the take grew (within four fifths of the best) left empty rows
            // below its lowest note and hid notes above.
            roll.lowestPitch = nil
            rollFit = nil
            return []
        case (.takes, "PageUp"), (.takes, "PageDown"):
            let ids = takes.map(\.id)
            guard let current = selectedTake, let index = ids.firstIndex(of: current) else { return [] }
            // A page is the takes the list shows (it was 5, more than the 3 shown at 120×40: takes were skipped).
            let shown = takesArea((screenLayout.takes ?? screenLayout.takesOverlay).padded).list
            let page = max(shown.height / Self.rowsPerTake(width: shown.width) - 1, 1)
            selectedTake = ids[min(max(index + (key == "PageUp" ? page : -page), 0), ids.count - 1)]
            return []
        case (.takes, "Home"), (.takes, "End"):
            // The newest (at the top of the list) and the oldest: with hundreds of takes, PgUp a hundred times.
            selectedTake = key == "Home" ? takes.last?.id : takes.first?.id
            return []
        default:
            return nil
        }
    }

    /// Scrolled by hand, the roll stops paging after the playhead; while a take plays or is paused, the status line
    /// says so (the playhead left the view with nothing to say why, or how to have it back; scrolled while paused, it
    /// ran off the roll after Space with no word).
    mutating func stopFollowing() {
        if roll.follow, playing != nil || paused != nil {
            notice = english ? "the roll no longer follows the playhead (f follows again)"
                             : "không cuộn theo đầu phát nữa (f để cuộn theo lại)"
        }
        roll.follow = false
    }

    mutating func quit() -> [Effect] {
        quitting = true
        // A take still being composed stops where it is and is kept, marked partial.
        if let id = generatingTake, let index = takes.firstIndex(where: { $0.id == id }) { takes[index].partial = true }
        return [.stop, .quit]
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let panels = Panel.allCases
        switch action {
        case .quit:
            return quit()
        case .help:
            showHelp = true
            helpPage = 0
        case .messages:
            showMessages = true
            messagesScroll = 0
        case .nextPanel, .previousPanel:
            // In the order they are drawn: where the takes panel sits right of the parameters, it comes before the
            // roll below them.
            let order = screenLayout.takes == nil ? panels
                : panels.filter { $0 != .takes && $0 != .roll } + [.takes, .roll]
            let index = order.firstIndex(of: focus) ?? 0
            let next = order[(index + (action == .nextPanel ? 1 : order.count - 1)) % order.count]
            if next == .takes { focusBeforeTakes = focus == .text ? .roll : focus }
            focus = next
        case .leaveText:
            focus = .emotion
        case .toggleInputMethod:
            editor.inputMethod = nextInputMethod()
        case .why:
            showWhy.toggle()
        case .language:
            english.toggle()
            // The why line is written in a language too ("bạn đã chọn …" stayed under English labels): read again.
            if !editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, analyzedText == editor.text {
                return [.analyzeNow(editor.text)]
            }
        case .generate:
            // The text composed goes in the history from whichever panel Enter was pressed in (only the text field's
            // did, and a diary composed from the plane was not there the next day).
            _ = editor.commit()
            // Enter right after typing: analyse the new text first, then compose for its point (unless the target
            // was moved by hand, which wins over the text).
            let text = editor.text
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text != analyzedText,
               target == nil || target == textPoint || handPointLapsed(for: text) {
                generateWhenAnalyzed = true
                return [.analyzeNow(text)]
            }
            // With no text and no point, an opened file goes on in its own emotion: the one its file records (a
            // CamXuc take) or the one the judge hears in it (Enter said "type a text, choose an emotion or a point
            // first", and a file could not simply be continued).
            // A point left by a text since emptied is no choice either (a sad take went on happily, without a word,
            // after the happy text typed before it was cleared); a point moved by hand is.
            let own = noEmotionGiven ? currentTake.flatMap(Self.ownEmotion(ofOpened:)) : nil
            guard let target = own?.point ?? target else {
                // An opened file is continued in an emotion too: say where one comes from (the line offered "Enter
                // continues the opened file", and Enter answered only "type some text first").
                error = currentTake?.primer?.opened == true ? needsAnEmotion
                    : (english ? "type some text first" : "hãy gõ vài chữ trước")
                return []
            }
            if generatingTake != nil {
                confirming = .restart
                return []
            }
            // An opened MIDI file is continued rather than composed anew.
            if let opened = currentTake, opened.primer?.opened == true {
                let effects = continueTake(opened, before: nil, target: target)
                if let own { goesOnInItsOwnEmotion(own) }
                return effects
            }
            let entry = beginTake(target: target)
            return [.generate(take: entry.id, target: target, parameters: entry.parameters ?? parameters, arc: entry.arc)]
        case .playTake:
            // The selected take from its start; an opened file is continued, as its notice and title say Enter does.
            guard let id = selectedTake, let entry = currentTake else { return [] }
            if entry.primer?.opened == true { return perform(.generate) }
            guard !entry.notes.isEmpty else {
                notice = english ? "nothing to play yet" : "chưa có gì để phát"
                return []
            }
            paused = nil
            roll.follow = true
            return play(id, fromSeconds: 0)
        case .playStop:
            if let id = playing {
                // Stopped where it is: the next Space goes on from there.
                let at = playhead ?? 0
                let effects = stop()
                if let entry = takes.first(where: { $0.id == id }), at > 0.05, at < heardLength(of: entry) - 0.05 {
                    paused = Paused(take: id, seconds: at)
                }
                return effects
            }
            guard let id = selectedTake, let entry = currentTake, !entry.notes.isEmpty else {
                notice = english ? "nothing to play yet" : "chưa có gì để phát"
                return []
            }
            let from = paused?.take == id ? paused?.seconds ?? 0 : 0
            paused = nil
            return play(id, fromSeconds: from)
        case .seekBack, .seekForward:
            // 5 s back or on in the take playing (or paused): there was no way to move in a take but to play it
            // from the top.
            let step = action == .seekBack ? -5.0 : 5.0
            // While a take is composed, only as far as it is, and said (the player cannot go past its notes: ] moved
            // 1–2 s; paused, ] went to 0:42 of a take composed to 0:06, and Space went on from 0:06 without a word).
            func reachable(_ entry: TakeEntry, from seconds: Double) -> Double {
                var end = heardLength(of: entry)
                if generatingTake == entry.id {
                    end = entry.notesEnd
                    if seconds + step > end - 0.05 {
                        notice = english ? "composed up to \(Self.clock(end)) so far" : "mới tạo tới \(Self.clock(end))"
                    }
                }
                return min(max(seconds + step, 0), max(end - 0.05, 0))
            }
            if let id = playing, let entry = takes.first(where: { $0.id == id }) {
                return play(id, fromSeconds: reachable(entry, from: playhead ?? 0))
            }
            if let held = paused, let entry = takes.first(where: { $0.id == held.take }) {
                // A paused take not shown is not moved unseen (Space then played the shown one from 0:00).
                guard held.take == selectedTake else {
                    notice = english ? "take \(held.take) is paused: select it to skip; Space plays take \(selectedTake.map(String.init) ?? "")"
                                     : "take \(held.take) đang tạm dừng: chọn take \(held.take) để tua; Space để phát take \(selectedTake.map(String.init) ?? "")"
                    return []
                }
                let to = reachable(entry, from: held.seconds)
                paused = Paused(take: held.take, seconds: to)
                roll = roll.following(to, columns: screenLayout.roll.inner.width, length: heardLength(of: entry))
                return []
            }
            notice = english ? "[ and ] skip 5 s in the playing take; Space plays it"
                             : "[ và ] tua 5 s trong take đang phát; bấm Space để phát"
            return []
        case .markA, .markB:
            guard let id = selectedTake else { return [] }
            if action == .markA { markA = id } else { markB = id }
            if markA == markB { if action == .markA { markB = nil } else { markA = nil } }
            notice = abNotice()
        case .switchAB:
            guard let a = markA, let b = markB else {
                error = english ? "mark two takes first: a on one, b on the other" : "hãy đánh dấu hai take trước: a cho một, b cho take kia"
                return []
            }
            // From A to B and back at the same moment. When nothing plays, the one of the two not selected starts
            // (x after A played to its end starts B; it always started A again), A when neither is.
            let next = playing == a ? b : playing == b ? a : selectedTake == a ? b : a
            // A take with nothing to hear is not switched to: the other went on sounding under its name.
            if let entry = takes.first(where: { $0.id == next }), entry.notes.isEmpty {
                notice = english ? "take \(next) has no notes to play" : "take \(next) chưa có nốt nào để phát"
                return []
            }
            // At the moment heard, or paused at (x while paused started the other take at 0:00).
            var from = playing != nil ? (playhead ?? 0) : paused.flatMap { $0.take == a || $0.take == b ? $0.seconds : nil } ?? 0
            paused = nil
            selectedTake = next
            notice = abNotice(playingNow: next)
            // A take shorter than the moment switched at starts from its beginning, and says so (it played nothing,
            // while the status line said ▶ A).
            if let entry = takes.first(where: { $0.id == next }), from >= heardLength(of: entry) {
                from = 0
                notice = (notice ?? "") + (english ? "  (take \(next) is \(Self.clock(heardLength(of: entry))) long: from its start)"
                                                   : "  (take \(next) dài \(Self.clock(heardLength(of: entry))): phát từ đầu)")
            }
            return play(next, fromSeconds: from)
        case .showTakes:
            if focus == .takes {
                // Back where t was pressed (it went to the roll, whatever panel one came from).
                focus = focusBeforeTakes ?? .roll
                takesOverlay = false
            } else {
                focusBeforeTakes = focus == .text ? .roll : focus
                focus = .takes
                // Where the takes panel is on screen, t only moves there (an overlay flag left set made the next
                // Esc in the text field jump to the roll).
                takesOverlay = screenLayout.takes == nil
            }
        case .rename:
            guard let id = selectedTake, let entry = currentTake else { return [] }
            guard mayEdit(id) else { return refuseEdit(id) }
            var nameEditor = LineEditor(text: entry.title, inputMethod: editor.inputMethod)
            nameEditor.limit = Self.nameLimit
            renaming = Renaming(take: id, editor: nameEditor)
        case .undo:
            guard let last = deleted.popLast() else {
                notice = english ? "nothing to undo" : "không có gì để hoàn tác"
                return []
            }
            takes.insert(last.entry, at: min(last.index, takes.count))
            selectedTake = last.entry.id
            if last.wasA, markA == nil, markB != last.entry.id { markA = last.entry.id }
            if last.wasB, markB == nil, markA != last.entry.id { markB = last.entry.id }
            notice = (english ? "take \(last.entry.id) is back" : "đã khôi phục take \(last.entry.id)")
            return [.store(take: last.entry.id)]
        case .loop:
            looping.toggle()
            notice = looping ? (english ? "⟳ loop on" : "⟳ lặp lại: bật") : (english ? "loop off" : "lặp lại: tắt")
            if let id = playing { return play(id, fromSeconds: playhead ?? 0) }
        case .save, .saveWithWAV:
            guard let id = selectedTake else { return [] }
            // A take still being composed is saved as far as it has got: that file is not the take, so it earns no ✓
            // (the finished take showed ✓ and quitting did not ask, with 9 s of 31 in the save folder).
            if let index = takes.firstIndex(where: { $0.id == id }) { takes[index].partlySaved = !takes[index].finished }
            return [.save(take: id, wav: action == .saveWithWAV)]
        case .moveUp, .moveDown:
            let step = action == .moveUp ? -1 : 1
            switch focus {
            case .parameters:
                let all = Parameters.Name.allCases
                selectedParameter = all[min(max(selectedParameter.rawValue + step, 0), all.count - 1)]
            case .circumplex:
                moveTarget(valence: 0, arousal: -0.05 * Double(step))
            case .takes:
                // The list shows the newest first, so up means newer.
                let ids = takes.map(\.id)
                if let current = selectedTake, let index = ids.firstIndex(of: current) {
                    selectedTake = ids[min(max(index - step, 0), ids.count - 1)]
                } else {
                    selectedTake = ids.last
                }
            default:
                break
            }
        case .moveLeft, .moveRight, .bigLeft, .bigRight:
            let sign = (action == .moveLeft || action == .bigLeft) ? -1 : 1
            switch focus {
            case .parameters:
                // Rows that are a ring or a switch (key, key lock, seed) have no big step: ten places round the key
                // ring looked like a step backwards.
                let big = (action == .bigLeft || action == .bigRight) && Parameters.hasBigSteps(selectedParameter)
                parameters.adjust(selectedParameter, by: sign * (big ? 10 : 1))
                return parametersChanged()
            case .circumplex:
                moveTarget(valence: 0.05 * Double(sign), arousal: 0)
            case .roll:
                roll.startSeconds = max(roll.startSeconds + Double(sign) * 8 * roll.secondsPerColumn, 0)
                stopFollowing()
            default:
                break
            }
        case .reset:
            parameters.reset(selectedParameter)
            return parametersChanged()
        case .returnToText:
            target = textPoint
            handTargetText = nil
        case .zoomIn:
            roll.secondsPerColumn = max(roll.secondsPerColumn / 2, 0.03125)
        case .zoomOut:
            // No further out than the step that shows the whole take (a 30-s take filled 7 columns of a view that
            // numbered bars to 465).
            let columns = Double(max(screenLayout.roll.inner.width - PianoRollPanel.gutter, 1))
            if let take = currentTake, roll.secondsPerColumn * columns >= heardLength(of: take) {
                // There already: the whole take brought into view (scrolled, its start stayed hidden).
                roll.startSeconds = 0
                stopFollowing()
                break
            }
            roll.secondsPerColumn = min(roll.secondsPerColumn * 2, 4)
            // The step that shows the whole take shows it from its start (scrolled, it showed 11–67 s of a 30-s take).
            if let take = currentTake, roll.secondsPerColumn * columns >= heardLength(of: take), roll.startSeconds > 0 {
                roll.startSeconds = 0
                stopFollowing()
            }
        case .rollStart:
            roll.startSeconds = 0
            // To the start: the take shown and playing goes on from 0:00, a paused one will (it only scrolled the view
            // while the music carried on).
            if let id = playing, id == selectedTake {
                roll.follow = true
                return play(id, fromSeconds: 0)
            }
            stopFollowing()
            // A paused take stays paused, at 0:00 (it became a stopped one, and [ and ] did nothing).
            if paused?.take == selectedTake { paused?.seconds = 0 }
        case .follow:
            roll.follow = true
            if playing != nil { notice = english ? "the roll follows the playhead" : "cuộn theo đầu phát" }
            showPausedMoment()
        case .open:
            opening = Opening()
        case .continueFromPlayhead:
            return continueFromPlayhead()
        case .delete:
            guard let id = selectedTake, let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
            guard mayEdit(id) else { return refuseEdit(id) }
            if generatingTake == id {
                confirming = .deleteComposing
                return []
            }
            deleted.append(DeletedTake(index: index, entry: takes.remove(at: index), wasA: markA == id, wasB: markB == id))
            var dropped: Int?
            if deleted.count > Self.undoDepth { dropped = deleted.removeFirst().entry.id }
            if markA == id { markA = nil }
            if markB == id { markB = nil }
            // The neighbour that took its place in the list (shown newest first): the older one below it, or for
            // the oldest take the one above, now at the bottom (it was the newest, out of sight at the top).
            selectedTake = takes.indices.contains(index - 1) ? takes[index - 1].id : takes.first?.id
            let undoKey = keys.bindings.first { $0.action == .undo }?.key ?? "u"
            notice = english ? "deleted take \(id) — \(undoKey) brings it back" : "đã xoá take \(id) — \(undoKey) để hoàn tác"
            if let dropped {
                notice! += english ? " (take \(dropped), deleted \(Self.undoDepth) deletions ago, is gone for good)"
                                   : " (take \(dropped), xoá cách đây \(Self.undoDepth) lần, không khôi phục được nữa)"
            }
            return playing == id ? stop() + [.forget(take: id)] : [.forget(take: id)]
        }
        return []
    }

    /// Rename or delete on a take another studio holds (see `otherStudio`): said, nothing done.
    mutating func refuseEdit(_ id: Int) -> [Effect] {
        let pid = otherStudio?.pid.map { " (pid \($0))" } ?? ""
        error = english ? "take \(id) is kept by another studio open on these takes\(pid): rename or delete it there"
                        : "take \(id) do một studio khác đang mở giữ\(pid): đổi tên hay xoá ở đó"
        return []
    }

    /// A parameter changed: highlight it, and send it on to the take being generated (from its next event).
    mutating func parametersChanged() -> [Effect] {
        flashing = selectedParameter
        guard let id = generatingTake else { return [] }
        // A take's key is drawn with its chord plan before its first note, and its length asked for when it starts:
        // a new key or length is for the next take.
        if selectedParameter == .key {
            notice = english ? "the key applies from the next take" : "giọng mới dùng cho take sau"
            return []
        }
        if selectedParameter == .length {
            notice = english ? "the length applies from the next take" : "độ dài mới dùng cho take sau"
            return []
        }
        if let index = takes.firstIndex(where: { $0.id == id }) {
            // The take keeps the seed it was started with (the panel already shows the next take's), and records
            // the change with the take time it applies from (the next event after the last note so far).
            // Its length and key, asked for when it started, stay too: a length or key changed on the panel before
            // (for the next take) must not be recorded as this take's when another row changes.
            // The take's parameters stay those it started with (its file's sampling line, the roll's title), the
            // changes listed after them: they had become the last values, as if they had held throughout.
            // A change before the first note is what the whole take is made with.
            // A continuation's rows start where its own music does: its first notes are its primer's, made before.
            let started = takes[index].parameters
            let origin = takes[index].primer?.continuationStartSeconds ?? 0
            let made = takes[index].notes.dropFirst(min(takes[index].primerNotes, takes[index].notes.count))
            let now = max(made.map(\.startSeconds).max() ?? origin, origin)
            if started == nil || made.isEmpty {
                takes[index].parameters = parameters
                takes[index].parameters?.seed = started?.seed ?? parameters.seed
                takes[index].parameters?.lengthSeconds = started?.lengthSeconds ?? parameters.lengthSeconds
                takes[index].parameters?.key = started?.key
                takes[index].parameters?.program = started?.program ?? parameters.program
            }
            // Never before the last row (which the generator may have placed later than the screen has reached).
            let change = parameters.change(at: max((now * 100).rounded() / 100, takes[index].parameterChanges.last?.seconds ?? 0))
            // The instrument sounds from the moment it is chosen (the player changes it at once, where the playhead
            // is): the take keeps the one it started with and records the change there, not in the rows of how it is
            // composed.
            let instrument = takes[index].instrumentChanges.last?.program ?? started?.program ?? parameters.program
            if parameters.program != instrument {
                let heard = playing == id ? playhead ?? now : now
                takes[index].instrumentChanges.removeAll { $0.seconds >= heard }
                takes[index].instrumentChanges.append(InstrumentChange(seconds: (heard * 100).rounded() / 100, program: parameters.program))
                return [.updateGeneration(parameters)]
            }
            // Before its first note the take's own parameters are the new ones: no row.
            let begun = takes[index].parameters
            if var before = takes[index].parameterChanges.last ?? begun?.change(at: origin) {
                before.seconds = change.seconds
                if before == change { return [.updateGeneration(parameters)] }
            }
            if takes[index].parameterChanges.isEmpty, let start = begun {
                // The first change also records what the take started with.
                takes[index].parameterChanges.append(start.change(at: (origin * 100).rounded() / 100))
            }
            if let last = takes[index].parameterChanges.last, last.seconds == change.seconds {
                takes[index].parameterChanges[takes[index].parameterChanges.count - 1] = change
            } else {
                takes[index].parameterChanges.append(change)
            }
            // Changed and changed back before the next event: the row repeats the one before it, and goes (a lone
            // starting row with it).
            let rows = takes[index].parameterChanges
            if rows.count >= 2 {
                var previous = rows[rows.count - 2]
                previous.seconds = rows[rows.count - 1].seconds
                if previous == rows[rows.count - 1] { takes[index].parameterChanges.removeLast() }
                if takes[index].parameterChanges.count == 1 { takes[index].parameterChanges.removeAll() }
            }
            // The row the generator has yet to apply (a change undone before it did leaves none).
            pendingChange = takes[index].parameterChanges.count == rows.count && !rows.isEmpty
                ? PendingChange(take: id, row: rows.count - 1) : nil
        }
        return [.updateGeneration(parameters)]
    }

    func abNotice(playingNow: Int? = nil) -> String {
        func name(_ id: Int?) -> String { id.map { "take \($0)" } ?? "—" }
        var line = "A: \(name(markA))  B: \(name(markB))"
        if let playingNow { line += english ? "  ▶ \(playingNow == markA ? "A" : "B")" : "  ▶ \(playingNow == markA ? "A" : "B")" }
        return line
    }

    /// The most characters a name typed with n takes (the status line says so while it is typed).
    static let nameLimit = 80

    /// The input method after the current one: Telex, then VNI, then none, in the same tone style.
    func nextInputMethod() -> InputMethod? {
        switch editor.inputMethod?.kind {
        case .telex?: return InputMethod(.vni, toneStyle: toneStyle)
        case .vni?: return nil
        case nil: return InputMethod(.telex, toneStyle: toneStyle)
        }
    }

    /// Keys while a take's name is being edited: Enter keeps it, Esc leaves it as it was, Ctrl-C still quits; the
    /// input method's key changes it there and in the text field alike (it did nothing there).
    mutating func handleRenameKey(_ key: String) -> [Effect] {
        guard let id = renaming?.take, var nameEditor = renaming?.editor else { return [] }
        if keys.action(for: key, focus: .text) == .toggleInputMethod {
            editor.inputMethod = nextInputMethod()
            nameEditor.inputMethod = editor.inputMethod
            renaming = Renaming(take: id, editor: nameEditor)
            return []
        }
        switch key {
        case "Ctrl-C":
            renaming = nil
            return quit()
        case "Esc":
            renaming = nil
            return []
        case "Enter":
            renaming = nil
            let name = nameEditor.text.trimmingCharacters(in: .whitespaces)
            guard let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
            guard !name.isEmpty else {
                notice = english ? "an empty name: take \(id) keeps its name" : "tên trống: take \(id) giữ tên cũ"
                return []
            }
            // A new name is a change the saved file does not hold (its ✓ stayed, and the file kept the old title).
            if name != takes[index].title, takes[index].saved || takes[index].savedAs != nil {
                takes[index].saved = false
                takes[index].savedAs = nil
            }
            takes[index].title = name
            return takes[index].finished ? [.store(take: id)] : []
        default:
            guard let editing = Self.editorKey(key) else { return [] }
            nameEditor.handle(editing)
        }
        renaming = Renaming(take: id, editor: nameEditor)
        return []
    }

    /// A click focuses the panel under it and acts there: places the text cursor, moves the target, picks a
    /// parameter or a take; the wheel scrolls the roll, the takes and the parameters.
    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        let layout = StudioLayout(width: event.width, height: event.height)
        guard layout.fits else { return [] }
        if showHelp {
            if event.kind == .press { showHelp = false }
            return []
        }
        if showMessages {
            switch event.kind {
            case .press: showMessages = false
            case .wheelUp: _ = handleMessagesKey("↑")
            case .wheelDown: _ = handleMessagesKey("↓")
            }
            return []
        }
        guard renaming == nil, opening == nil else { return [] }
        // A click or a wheel turn is no answer to a question: as such a key does, it puts the question away first
        // (it acted behind it: a take clicked while "stop and delete take 46?" was up was the one y deleted).
        if let question = confirming {
            confirming = nil
            notice = question == .quit || generatingTake == nil ? nil : (english ? "still composing" : "vẫn đang tạo")
        }
        let overlayOpen = layout.takes == nil && (takesOverlay || focus == .takes)
        let takesRect = overlayOpen ? layout.takesOverlay : layout.takes
        let parametersOpen = layout.compact && focus == .parameters
        let panel: Panel?
        if overlayOpen, layout.takesOverlay.contains(x: event.x, y: event.y) {
            panel = .takes
        } else if parametersOpen, layout.parameters.contains(x: event.x, y: event.y) {
            panel = .parameters
        } else {
            panel = layout.panel(atX: event.x, y: event.y)
        }
        guard let panel else { return [] }
        // A click beside an overlay (the takes below 110 columns, the parameters below 80) closes it and focuses the
        // panel under it, as a click closes the help: it acted there too, and on the Emotion panel's strip beside
        // the takes it chose an emotion by hand and kept the correction.
        if event.kind == .press, (overlayOpen && panel != .takes) || (parametersOpen && panel != .parameters) {
            focus = panel
            takesOverlay = false
            return []
        }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let up = event.kind == .wheelUp
            switch panel {
            case .roll:
                roll.startSeconds = max(roll.startSeconds + (up ? -4 : 4) * roll.secondsPerColumn, 0)
                stopFollowing()
            case .takes:
                focus = .takes
                return perform(up ? .moveUp : .moveDown)
            case .parameters:
                focus = .parameters
                return perform(up ? .moveUp : .moveDown)
            default:
                break
            }
            return []
        case .press:
            // The takes' rows as they were drawn when clicked: focused, the panel shows the selected take's settings
            // under a shorter list, and the click was matched against that one (the take beside the one clicked was
            // selected).
            let takesShown = panel == .takes ? takesRect.map { takeRows(takesArea($0.padded).list) } : nil
            focus = panel
            if panel != .takes { takesOverlay = false }
            switch panel {
            case .text:
                let inside = layout.text.padded
                // The row may be scrolled to keep the cursor in view: count the columns scrolled off too.
                editor.handle(.column(max(event.x - inside.x, 0) + editorHiddenColumns(columns: inside.width - 1)))
            case .circumplex:
                let plot = layout.circumplexPlot
                if plot.contains(x: event.x, y: event.y) {
                    setTargetByHand(CircumplexPanel.point(atX: event.x, y: event.y, in: plot))
                }
            case .emotion:
                let row = event.y - layout.emotion.padded.y
                if let distribution, distribution.sorted.indices.contains(row) {
                    return choose(distribution.sorted[row].label)
                }
            case .parameters:
                // The row under the pointer in the list as scrolled (a click on seed picked khoá giọng), and nothing
                // on the border.
                let inside = layout.parameters.padded
                let row = event.y - inside.y
                if (0..<inside.height).contains(row),
                   let name = Parameters.Name(rawValue: row + parametersOffset(rows: inside.height)) {
                    selectedParameter = name
                }
            case .takes:
                guard let rect = takesRect?.padded else { break }
                let row = event.y - rect.y
                if let id = (takesShown ?? takeRows(takesArea(rect).list)).first(where: { $0.row == row })?.id { selectedTake = id }
            default:
                break
            }
            return []
        }
    }

    /// Shift and an arrow on the plane: (valence, arousal) five steps at once.
    static let bigTargetSteps = ["Shift-←": (-0.25, 0.0), "Shift-→": (0.25, 0.0), "Shift-↑": (0.0, 0.25), "Shift-↓": (0.0, -0.25)]

    mutating func moveTarget(valence: Double, arousal: Double) {
        let current = target ?? CircumplexPoint(valence: 0, arousal: 0)
        setTargetByHand(CircumplexPoint(valence: current.valence + valence, arousal: current.arousal + arousal).clamped)
    }

    /// A point chosen on the plane is a point, not the emotion chosen before it: the Emotion title and the take's file
    /// said "Sadness chosen by hand" while the point was (+0.10, −1.00).
    /// Whether a point moved by hand in an earlier session was moved for another text than `text` (see
    /// `handTargetText`): then `text`'s reading is the target.
    func handPointLapsed(for text: String) -> Bool {
        handTargetText.map { $0 != text } ?? false
    }

    mutating func setTargetByHand(_ point: CircumplexPoint) {
        target = point
        chosenEmotion = nil
        handTargetText = nil
        // The take being composed keeps its point (its file records it); the screen says the new one waits.
        if generatingTake != nil { notice = english ? "the new point is for the next take" : "điểm mới dùng cho take sau" }
    }
}
