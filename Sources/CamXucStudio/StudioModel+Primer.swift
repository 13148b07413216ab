import CamXucEmotion
import CamXucMusic
import CamXucText

/// A MIDI file read for `o`: its notes as `Primer` keeps them, and what was left out.
public struct OpenedFile: Equatable, Sendable {
    public var name: String
    public var notes: [EventVocabulary.DecodedNote]
    public var record: TakeMetadata.PrimerRecord
    /// One line per rule that left something out ("12 drum notes on channel 10 left out (…)").
    public var notices: [String]
    /// Where the judge places the file's music.
    public var judged: CircumplexPoint?
    /// The file's tempo map and time signature, which the take and its continuations keep (they were written at
    /// 120 bpm in 4/4: a DAW lost the bars, and rubato onsets moved by half a millisecond).
    public var tempoMap: TempoMap?
    public var timeSignature: TimeSignature?
    public var meterChanges: [MeterChange] = []
    /// The file's key signature, which the take and its continuations keep (the studio's copy of an opened file and
    /// its continuations were written without it, where `compose --primer` keeps it).
    public var keySignature: KeySignature?
    public var keyChanges: [KeyChange]
    /// A CamXuc take's own title (its file name was shown: "sang-vui-1-2026-…" for "sáng vui"), and the file's
    /// instrument, which the take plays and is saved with (an electric piano came back a grand piano).
    public var title: String?
    public var program: Int?
    /// A CamXuc take's text and emotion (the opened copy dropped the text and wrote the judge's point as its emotion).
    public var text: String?
    public var emotion: CircumplexPoint?
    /// A CamXuc take's sampling settings (its seed, temperature, …): the list and the take's settings showed none.
    public var sampling: SamplingSettings?

    public init(name: String, notes: [EventVocabulary.DecodedNote], record: TakeMetadata.PrimerRecord, notices: [String],
                judged: CircumplexPoint?, tempoMap: TempoMap? = nil, timeSignature: TimeSignature? = nil,
                title: String? = nil, program: Int? = nil, meterChanges: [MeterChange] = [],
                keySignature: KeySignature? = nil, keyChanges: [KeyChange] = [], text: String? = nil,
                emotion: CircumplexPoint? = nil, sampling: SamplingSettings? = nil) {
        self.sampling = sampling
        self.text = text
        self.emotion = emotion
        self.meterChanges = meterChanges
        self.keySignature = keySignature
        self.keyChanges = keyChanges
        self.title = title
        self.program = program
        self.name = name
        self.notes = notes
        self.record = record
        self.notices = notices
        self.judged = judged
        self.tempoMap = tempoMap
        self.timeSignature = timeSignature
    }
}

extension StudioModel {
    /// The key signatures a take is written with, as `compose` writes them: its plans' keys, read from its harmony
    /// line ("D minor i–iv–V–i"; along an arc each segment's where it starts), after the keys of the file or take it
    /// continues up to where the new music starts (an opened file: the file's alone).
    static func keys(of entry: TakeEntry) -> (first: KeySignature?, changes: [KeyChange]) {
        Take.planKeys(KeySignature.keys(ofHarmony: entry.harmony), arc: entry.arc,
                      fromSeconds: entry.primer?.continuationStartSeconds ?? 0, after: (entry.keySignature, entry.keyChanges),
                      tempoMap: entry.tempoMap ?? TempoMap(beatsPerMinute: 120),
                      timeSignature: entry.timeSignature ?? TimeSignature(), meterChanges: entry.meterChanges)
    }

    /// The path prompt of `o`: a line editor on the status line (no Telex: paths are typed as they are) and the
    /// names Tab found when more than one fits.
    public struct Opening: Equatable, Sendable {
        public var editor = LineEditor(inputMethod: nil)
        public var candidates: [String] = []

        public init() {}
    }

    /// Keys while the path prompt is open: Enter opens the file, Tab completes, Esc closes, Ctrl-C still quits.
    mutating func handleOpeningKey(_ key: String) -> [Effect] {
        guard var prompt = opening else { return [] }
        switch key {
        case "Ctrl-C":
            opening = nil
            return quit()
        case "Esc":
            opening = nil
            return []
        case "Tab":
            return [.completePath(prompt.editor.text)]
        case "Enter":
            // As typed (a path quoted or escaped as a dropped file's is read so where nothing has its name as typed).
            let typed = prompt.editor.text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return [] }
            opening = nil
            let name = PathCompletion.dropped(typed).flatMap { $0.split(separator: "/").last.map(String.init) }
            return openPath(typed, name: name)
        default:
            guard let editing = Self.editorKey(key) else { return [] }
            prompt.editor.handle(editing)
            prompt.candidates = []
            opening = prompt
            return []
        }
    }

    /// Opens the file at `path` as a new take, read on a worker: the id is this file's while it is read (a take
    /// composed meanwhile gets the next one), and free again if it cannot be used.
    mutating func openPath(_ path: String, name shown: String? = nil) -> [Effect] {
        let name = shown ?? path.split(separator: "/").last.map(String.init) ?? path
        notice = (english ? "opening " : "đang mở ") + name + "…"
        let id = nextTakeID()
        filesBeingRead[id] = name
        return [.open(take: id, path: path)]
    }

    /// The opened file becomes a finished take of its notes, all in the primer's shade, selected, so that Enter
    /// continues it; it is kept in the take store like any take.
    mutating func open(_ file: OpenedFile, as id: Int) -> [Effect] {
        lastTakeID = max(lastTakeID, id)
        var entry = TakeEntry(id: id, title: file.title ?? file.name, text: file.text, notes: file.notes,
                              target: file.emotion ?? file.judged ?? target ?? CircumplexPoint(valence: 0, arousal: 0),
                              judged: file.judged, finished: true)
        entry.targetIsIntent = file.emotion != nil
        entry.primerNotes = file.notes.count
        entry.primer = file.record
        entry.tempoMap = file.tempoMap
        entry.timeSignature = file.timeSignature
        entry.meterChanges = file.meterChanges
        entry.keySignature = file.keySignature
        entry.keyChanges = file.keyChanges
        entry.fileProgram = file.program
        entry.fileSampling = file.sampling
        entry.primer?.opened = true
        entry.ownKeyScale = Self.foundKeyScale(of: file.notes)
        takes.append(entry)
        madeHere.insert(id)
        selectedTake = id
        roll = PianoRollPanel.View(startSeconds: 0, secondsPerColumn: roll.secondsPerColumn)
        let length = file.notes.map { $0.startSeconds + $0.durationSeconds }.max() ?? 0
        // What was left out, counts first and without the reasons `compose --primer` gives (at 120 columns the line
        // ended inside the first reason, and "48 doubled notes left out" was never seen); the network's window last.
        let notices = file.notices.map { $0.hasPrefix(file.name + ": ") ? String($0.dropFirst(file.name.count + 2)) : $0 }
        let isWindow = { (notice: String) in notice.contains("the network reads its last") }
        let dropped = (notices.filter { !isWindow($0) } + notices.filter(isWindow))
            .map { english ? $0 : Message.vietnameseDetail($0) }
            .map { $0.replacingOccurrences(of: #" \([^()]*\)"#, with: "", options: .regularExpression) }
        // A key set for earlier takes would continue it in that key, not its own: said before Enter, early in the
        // line (at its end it was cut off even at 200 columns).
        let keySet = parameters.key.map { key -> String in
            let name = Parameters.tonicNames[((key % 12) + 12) % 12]
            return english ? " · key \(name) set (0 on the key row: the file's own)" : " · đã đặt giọng \(name) (0 ở hàng giọng: theo giọng của tệp)"
        } ?? ""
        // The name whole: the notice goes on two rows where one is too narrow, and where two are too, the short form
        // leaves the name out so that the key and what was left out still show (cut in the middle, it was cut at 120
        // columns with 50 to spare, and `m` listed it cut too).
        let name = file.name
        let counts = english ? "\(file.notes.count) note\(file.notes.count == 1 ? "" : "s"), \(Self.clock(length))"
                             : "\(file.notes.count) nốt, \(Self.clock(length))"
        let rest = keySet + (dropped.isEmpty ? "" : " · " + (english ? dropped.joined(separator: "; ")
            // One "bỏ" for the list ("bỏ 30 nốt trống ở kênh 10, 1 nốt ngoài A0–C8").
            : dropped.enumerated().map { $0.offset > 0 && $0.element.hasPrefix("bỏ ") ? String($0.element.dropFirst(3)) : $0.element }
                .joined(separator: ", ")))
        let full = (english ? "opened \(name): \(counts) — Enter continues it" : "đã mở \(name): \(counts) — Enter để viết tiếp") + rest
        notice = full
        // Too wide (cut at 120 columns, what was left out unread), without what the roll's title says.
        narrowNotice = NarrowNotice(full: full, short: (english ? "opened: " : "đã mở: ") + counts + rest)
        return [.store(take: id)]
    }

    /// `c`: keeps the playing take up to the playhead and composes the rest anew for the current target.
    mutating func continueFromPlayhead() -> [Effect] {
        // From the playhead, or from where the take was paused (pause at the moment, then c).
        let held = paused.flatMap { $0.take == currentTake?.id && playing == nil ? $0.seconds : nil }
        if let heard = playing, heard != currentTake?.id {
            error = english ? "c continues the playing take from its playhead: select take \(heard) in the list"
                            : "c viết tiếp từ chỗ đang phát: hãy chọn take \(heard) trong danh sách"
            return []
        }
        guard let parent = currentTake, let seconds = playing == parent.id ? playhead : held else {
            error = english ? "c continues from the playhead: play a take (Space), then press c where it should go on"
                            : "c viết tiếp từ chỗ đang phát: hãy phát một take (Space) rồi bấm c ở chỗ muốn viết tiếp"
            return []
        }
        // The take heard as it is composed is continued from the playhead too: its composing stops there (it stays,
        // marked partial, as Enter's "compose anew" leaves it). Another take being composed is left alone.
        guard generatingTake == nil || generatingTake == parent.id else {
            error = english ? "a take is being composed; wait for it, or stop it with Enter" : "take đang được tạo; hãy chờ, hoặc dừng bằng Enter"
            return []
        }
        guard parent.notes.contains(where: { $0.startSeconds < seconds }) else {
            error = english ? "no note before the playhead to keep" : "không có nốt nào trước đầu phát để giữ lại"
            return []
        }
        // With no emotion given, the take goes on in its own, as Enter continues an opened file (c went on in an opened
        // file's stand-in point, (0, 0), and recorded it as moved by hand): an opened file's, else the take's.
        let own = noEmotionGiven ? Self.ownEmotion(ofOpened: parent) ?? (parent.primer?.opened == true ? nil : (parent.target, true)) : nil
        if noEmotionGiven, own == nil {
            error = needsAnEmotion
            return []
        }
        let halted = stopComposing()
        let effects = stop() + halted + continueTake(parent, before: seconds, target: own?.point ?? target ?? parent.target)
        if let own { goesOnInItsOwnEmotion(own) }
        if !halted.isEmpty {
            // Where its composing stopped (paused, it had run on past the playhead: "stopped at 0:02" of a 7.7-s take).
            let stoppedAt = max(seconds, parent.notesEnd)
            // After what is being done, which 80 columns cut ("continuing take 12 from…" lost where it starts).
            notice = (notice.map { $0 + " · " } ?? "")
                + (english ? "take \(parent.id) stopped at \(Self.clock(stoppedAt)) (kept, partial)"
                           : "take \(parent.id) ngừng tạo ở \(Self.clock(stoppedAt)) (giữ lại, dở dang)")
        }
        return effects
    }

    /// A new take that starts with `parent`'s notes (those that start before `before`, all of them when nil) and
    /// continues them for `target` with the Length parameter's seconds of new music.
    /// The emotion an opened file goes on in when nothing else gives one: what its file records (a CamXuc take) or
    /// what the judge hears in its notes.
    static func ownEmotion(ofOpened entry: TakeEntry) -> (point: CircumplexPoint, recorded: Bool)? {
        guard entry.primer?.opened == true else { return nil }
        if entry.targetIsIntent { return (entry.target, true) }
        return entry.judged.map { ($0, false) }
    }

    /// Whether nothing gives a new take its emotion: no point, or only one left by a text since emptied (a sad take
    /// went on happily, without a word, after the happy text typed before it was cleared); a point moved by hand or
    /// an emotion chosen with 1–7 does.
    var noEmotionGiven: Bool {
        target == nil || target == textPoint && editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// What an opened file with no emotion of its own (none recorded, none heard) asks for before it is continued.
    var needsAnEmotion: String {
        english ? "to continue the opened file, type a text, choose an emotion (1–7) or a point on the plane first"
                : "để viết tiếp tệp đã mở, hãy gõ vài chữ, chọn một cảm xúc (1–7) hoặc một điểm trên mặt phẳng trước"
    }

    /// The continuation just begun goes on in its parent's own emotion: said after "continuing … from 0:03", and
    /// recorded as that in its file, not as a point moved by hand (its file said "the point moved by hand").
    mutating func goesOnInItsOwnEmotion(_ own: (point: CircumplexPoint, recorded: Bool)) {
        notice = (notice ?? "") + ownEmotionNote(own)
        guard let index = takes.firstIndex(where: { $0.id == generatingTake }) else { return }
        takes[index].pointChosen = false
        takes[index].ownEmotion = own.recorded ? "recorded" : "judged"
    }

    /// " in its own emotion (calm, as the judge hears it); type a text or 1–7 for another": said after "continuing
    /// song.mid from 0:03" where the file's own emotion was used.
    func ownEmotionNote(_ own: (point: CircumplexPoint, recorded: Bool)) -> String {
        let name = CircumplexPanel.quadrantName(own.point.quadrant, english: english)
        if english {
            return " in its own emotion (\(name), \(own.recorded ? "as its file records" : "as the judge hears it")); type a text or 1–7 for another"
        }
        return " theo cảm xúc của chính tệp (\(name), \(own.recorded ? "như tệp ghi" : "như máy nghe ra")); gõ chữ hoặc 1–7 để chọn khác"
    }

    mutating func continueTake(_ parent: TakeEntry, before: Double?, target: CircumplexPoint) -> [Effect] {
        _ = editor.commit()  // the text it is composed for, for ↑ (a continuation's was not kept)
        let kept = parent.notes.filter { $0.startSeconds < before ?? .infinity }
        let start = kept.map(\.startSeconds).max() ?? 0
        // Length is the new music's, as for an opened file: "the rest of the Length" left 4 s of new music after a
        // playhead at 0:36 of a 52-s take (Length 30 s), and the last 16 s were gone.
        let seconds = parameters.lengthSeconds
        let file = parent.primer?.opened == true ? parent.primer?.file ?? parent.title : "take \(parent.id)"
        let title = "\(file) " + (english ? "continued" : "viết tiếp")
        // Along the text's arc, as `compose --primer --text-file` does: laid out over the new music (it followed one
        // point), kept in the take in its own time (from the continuation's start).
        let arc = arcToCompose(lengthSeconds: seconds)
        // The parent's instrument goes on unless the instrument row is set (a violin file continued with Enter came
        // back all piano, its own part too), as `compose --primer` keeps it without --program.
        let parentProgram = parameters.program == Parameters().program ? parent.parameters?.program ?? parent.fileProgram : nil
        let entry = beginTake(target: target) { entry in
            entry.notes = kept
            entry.primerNotes = kept.count
            entry.parent = parent.id
            entry.primer = TakeMetadata.PrimerRecord(file: file, seconds: before ?? parent.primer?.seconds ?? start,
                                                     notes: kept.count, continuationStartSeconds: start)
            entry.continuationSeconds = seconds
            // Up to where the new music starts: a tempo change later in the parent (a live speed-up past the
            // playhead) fell in the continuation.
            entry.tempoMap = parent.tempoMap?.until(seconds: start)
            entry.timeSignature = parent.timeSignature
            // The parent's key signatures up to where the new music starts: its file's, or its plans' for a take
            // composed here.
            let keys = Self.keys(of: parent)
            entry.keySignature = keys.first
            let startTick = (parent.tempoMap ?? TempoMap(beatsPerMinute: 120)).tick(atSeconds: start)
            entry.keyChanges = keys.changes.filter { $0.tick <= startTick }
            // The parent's metre up to where the new music starts (the one in force there goes on).
            if parent.tempoMap != nil { entry.meterChanges = parent.meterChanges.filter { $0.tick <= startTick } }
            entry.arc = arc?.shifted(by: start)
            if entry.text == nil { entry.title = title }
            if let parentProgram { entry.parameters?.program = parentProgram }
        }
        notice = (english ? "continuing \(file) from " : "viết tiếp \(file) từ ") + Self.clock(start)
        return [.continueTake(take: entry.id, target: target, parameters: entry.parameters ?? parameters, seconds: seconds,
                              arc: arc)]
    }

    /// The prompt on the status line: "Open MIDI file: path█  (Tab completes …)" and the names Tab found.
    func drawOpening(_ grid: inout Grid, width: Int, height: Int) {
        guard let opening else { return }
        let label = english ? " Open MIDI file: " : " Mở tệp MIDI: "
        let room = max(width - DisplayWidth.of(label) - 2, 1)
        // A path longer than the line shows the part around the cursor, its cut start marked as the text field and a
        // name being edited mark theirs (a long path showed "me/user/…" as if that were where it began).
        let shown = Self.fieldView(opening.editor.characters, cursor: opening.editor.cursor, columns: room)
        let line = label + shown.text
        // The names Tab found, counted, each cut in the middle to a share of the line so that up to three show (the
        // first long name took the line, and nothing said there was a second).
        let candidates = Self.distinguished(opening.candidates)
        let counted = candidates.count > 1 ? (english ? "\(candidates.count) names: " : "\(candidates.count) tên: ") : ""
        // Beside the path where there is room for them, else on the line above, the whole width (at 60 columns a long
        // path left the names no room at all).
        let besideRoom = width - DisplayWidth.of(line) - 5 - DisplayWidth.of(counted)
        let above = !candidates.isEmpty && besideRoom < 24 && height >= 8
        let free = above ? width - 4 - DisplayWidth.of(counted) : besideRoom
        let share = max(12, free / max(min(candidates.count, 3), 1) - 2)
        let hint = candidates.isEmpty
            ? (english ? "   Tab completes · Enter opens · Esc cancels" : "   Tab gợi ý · Enter mở · Esc thôi")
            : "   " + counted + candidates.map { Grid.middleCut($0, columns: share) }.joined(separator: "  ")
        grid.put(String(repeating: " ", count: width), x: 0, y: height - 1, role: "status.key")
        grid.put(line, x: 0, y: height - 1, role: "status.key", maxWidth: width)
        Self.drawFieldCursor(&grid, x: DisplayWidth.of(label) + shown.cursor, y: height - 1)
        if above {
            grid.fill(Grid.Rect(x: 0, y: height - 2, width: width, height: 1), role: "status.text")
            grid.put(Grid.truncated(String(hint.dropFirst(2)), columns: width - 1), x: 0, y: height - 2, role: "status.text")
            return
        }
        // Short of the last column (the terminal's bottom-right cell cannot be written), so a cut hint keeps its "…".
        grid.put(Grid.truncated(hint, columns: max(width - DisplayWidth.of(line) - 2, 0)), x: DisplayWidth.of(line) + 1,
                 y: height - 1, role: "status.text")
    }

    /// Names Tab found, told apart: where they share a long start (the path already holds it, completed as far as
    /// they agree) each shows from a little before they differ ("bai-hat-vui-ve-cho-lop-hoc-buoi-sang.mid" and
    /// "…-buoi-chieu.mid" were cut in the middle to "bai-ha…u.mid" both).
    static func distinguished(_ names: [String]) -> [String] {
        guard names.count > 1, let first = names.first else { return names }
        var shared = first.count
        for name in names.dropFirst() {
            shared = min(shared, zip(first, name).prefix { $0 == $1 }.count)
        }
        // A few characters of the shared start kept for context; nothing cut where it is short.
        let cut = shared - 4
        guard cut >= 6 else { return names }
        return names.map { "…" + String($0.dropFirst(cut)) }
    }
}

extension StudioModel.TakeEntry {
    /// What a kept take's metadata says it continues: its primer, its parent, and how many of its first notes are
    /// the primer's (all of them for an opened file).
    mutating func restorePrimer(from metadata: TakeMetadata) {
        primer = metadata.primer
        parent = metadata.parent
        if let primer = metadata.primer {
            primerNotes = primer.opened == true ? notes.count : min(primer.notes, notes.count)
        }
    }
}

extension StudioModel.TakeEntry {
    /// The tempo map of the music composed for this take (the generator's, in its time from the take's start or, for
    /// a continuation, from where the new music starts): a take of its own is written on it; a continuation keeps its
    /// primer's map up to there and this one after it; an opened file keeps its own.
    mutating func applyComposedTempo(_ map: TempoMap) {
        guard let primer else {
            tempoMap = map
            return
        }
        guard primer.opened != true else { return }
        tempoMap = (tempoMap ?? TempoMap(beatsPerMinute: 120)).continued(atSeconds: primer.continuationStartSeconds ?? 0, with: map)
    }
}
