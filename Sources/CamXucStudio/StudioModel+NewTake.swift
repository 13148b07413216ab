import CamXucEmotion
import CamXucMusic

extension StudioModel {
    /// The id for a new take: above every id handed out or seen, deleted takes' included.
    mutating func nextTakeID() -> Int {
        let id = proposedTakeID()
        lastTakeID = id
        return id
    }

    /// The id a new take would get, not yet handed out: a file opened with o takes it only once it has been read (a
    /// failed open used up an id, and after five the next take was 11).
    func proposedTakeID() -> Int {
        max(lastTakeID, takes.map(\.id).max() ?? 0, deleted.map(\.entry.id).max() ?? 0) + 1
    }

    /// Adds a take to be composed for `target` with the current text and parameters, selects it and marks it as
    /// composing; `prepare` adds what a continuation starts with. The seed the panel shows is the one this take
    /// uses; the next take gets a fresh one unless it is locked.
    mutating func beginTake(target: CircumplexPoint, prepare: (inout TakeEntry) -> Void = { _ in }) -> TakeEntry {
        let id = nextTakeID()
        let used = parameters
        if !parameters.seedLocked { parameters.seed = Parameters.nextSeed(after: parameters.seed) }
        // At most 80 characters, cut at a word with "…", as `compose` and a rename have it (a 967-character text was
        // the title, printed whole by `info` before the text itself).
        let title = TakeMetadata.title(from: Self.title(fromText: editor.text))
        var entry = TakeEntry(id: id, title: title.isEmpty ? "take \(id)" : title, text: editor.text.isEmpty ? nil : editor.text,
                              notes: [], target: target, judged: nil, finished: false, parameters: used)
        entry.fresh = true
        madeHere.insert(id)
        entry.chosenEmotion = chosenEmotion
        entry.pointChosen = chosenEmotion == nil && target != textPoint
        // What the text was read as, where the point is that reading's (a take of the model's and a class's of one
        // sentence: the class's was named, the model's not).
        if chosenEmotion == nil, !entry.pointChosen, analyzedText == editor.text, !editor.text.isEmpty {
            entry.readEmotion = distribution?.sorted.first?.label.code
        }
        entry.arc = arcToCompose(lengthSeconds: used.lengthSeconds)
        // Sentences merged to fit the length are said, as `compose` says them (the strip showed fewer segments than
        // the plane sentences, without a word).
        if let merges = entry.arc?.merges, !merges.isEmpty {
            // By the plane's marks while they tell sentences apart, else by number (past z every mark is "+", and a
            // long text's line read "+–+, +–+, …" eleven times); at most six runs, then how many more.
            let pastMarks = merges.contains { ($0.last ?? 0) > 9 + 26 }
            let shown = merges.prefix(6).map {
                pastMarks ? "\($0.first ?? 0)–\($0.last ?? 0)" : ArcStrip.label($0, fallback: 0)
            }
            let more = merges.count - shown.count
            let runs = shown.joined(separator: ", ")
                + (more > 0 ? (english ? " and \(more) more runs" : " và \(more) đoạn nữa") : "")
            let length = String(format: "%g", used.lengthSeconds)
            notice = english ? "sentences \(runs) merged to fit \(length) s (at least 4 s each)"
                             : "câu \(runs) được gộp cho vừa \(length) s (mỗi đoạn ít nhất 4 s)"
        }
        prepare(&entry)
        takes.append(entry)
        selectedTake = id
        generatingTake = id
        roll = PianoRollPanel.View(startSeconds: 0, secondsPerColumn: roll.secondsPerColumn)
        return entry
    }
}
