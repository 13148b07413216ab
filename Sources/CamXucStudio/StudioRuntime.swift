#if canImport(Glibc)
import Glibc
#endif
import CamXucAudio
import CamXucSupport
import CamXucEmotion
import CamXucMusic
import CamXucTensor
import CamXucText
import Foundation
import Synchronization

/// Runs the studio: the terminal loop on this thread, generation on a worker thread, sound on FluidSynth's.
/// Results come back as messages; `update` and `view` stay pure. The terminal is restored on every way out.
public final class StudioRuntime: @unchecked Sendable {
    public struct Options: Sendable {
        public var english = false
        public var theme = "dark"
        /// The soundfont from --soundfont, and the one the config names (errors say which one was meant); nil and nil
        /// mean the system's.
        public var soundfont: String?
        public var configuredSoundfont: String?
        public var gain = Synthesizer.defaultGain
        public var device: String?
        public var saveFolder: String?
        /// The text field's input method at start (nil: none).
        public var inputMethod: InputMethod? = InputMethod(.telex)
        public var toneStyle: InputMethod.ToneStyle = .modern
        public var parameters = Parameters()
        /// The texts typed in earlier sessions (`StudioMemory`), for ↑↓ in the text field, and the text the last one
        /// ended with.
        public var history: [String] = []
        public var text = ""
        /// The point the last session's target had been moved to by hand (nil: the text's reading).
        public var target: CircumplexPoint?
        /// The language the last session left ("vi", "en"), kept unless L changes it in this one (a single run with
        /// `--lang en` replaced the language chosen with L for every later session).
        public var rememberedLanguage: String?
        /// Where the studio's state is remembered between sessions; nil remembers nothing.
        public var memoryPath: String? = StudioMemory.path
        /// The key table with the config's overrides.
        public var keys = KeyMap.standard
        /// Shown on the status line at start (config warnings).
        public var startupNotices: [String] = []
        /// Read with the user's own corrections (off with `--no-personal`).
        public var personal = true
        /// Enter plays a new take while it is being composed, the composition paced to stay `listenLead` seconds
        /// ahead of what is heard, so that a parameter changed while it plays is heard soon after (off with
        /// `--no-listen` or `[studio] listen = false`: the take is then composed at full speed, and Space plays it).
        public var listen = true
        public init() {}
    }

    let options: Options
    /// The language the studio speaks now (the model's, which the language key switches), for the lines the runtime
    /// and its workers write: they kept the one it started with.
    let speaksEnglish: Atomic<Bool>
    var english: Bool { speaksEnglish.load(ordering: .relaxed) }
    /// Takes an earlier studio wrote to the temporary folder because its takes folder could not hold them: said at
    /// start (the line that named them went to a closed window), and their ids are not given again.
    let rescued: [(path: String, id: Int)]
    let store: TakeStore
    /// This studio's mark in the memory file (see `StudioMemory.session`).
    let memorySession = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let inbox = Mutex<[Message]>([])
    let liveParameters = Mutex(Parameters())
    let cancelGeneration = Atomic<Int>(0)
    /// The take heard while it is being composed, nil when none is (see `Options.listen`).
    let listening = Mutex<Int?>(nil)
    /// Where the take heard while it is composed was first heard from (a continuation: two seconds before its primer
    /// ends): the player is given the notes from there on, not the whole primer again at every new note.
    let heardFrom = Mutex<Double>(0)
    /// How far the composition of a take being heard runs ahead of the playhead, in seconds of music.
    static let listenLead = 1.0
    /// A continuation heard while it is composed starts this many seconds before its primer's end.
    static let listenPrimerSeconds = 2.0
    /// The threads composing takes; at exit the studio waits for them so that a take cut short is still stored.
    let composers = DispatchGroup()
    let classifier: EmotionClassifier?
    let generator: Generator?
    let judge: MusicJudge?
    /// Why a model could not be loaded, as the command line would say it ("not found", or what is wrong with the
    /// file): the studio shows it instead of "not found" for a file that is there but broken.
    let classifierProblem: String?
    let generatorProblem: String?
    let judgeProblem: String?
    var player: Player?
    /// This user's corrections (keys 1–7), nil with `--no-personal`.
    var personal: PersonalCorrections?
    /// The readings of the sentences typed so far, so that editing one sentence re-reads only that one.
    var sentenceCache = SentenceCache()
    /// Finds the words behind a reading off the loop, posting `.explained`.
    lazy var explainer = Explainer(classifier: classifier) { [weak self] text, evidence in
        self?.post(.explained(text: text, evidence: evidence))
    }
    static let stopRequested = Atomic<Bool>(false)

    /// What went wrong in `result`, as its one line; nil when it worked.
    static func problem<T>(_ result: Result<T, Error>) -> String? {
        if case let .failure(error) = result { return "\(error)" }
        return nil
    }

    /// `store` is for tests; the studio keeps its takes in `TakeStore.defaultFolder`.
    public init(options: Options, store: TakeStore? = nil) {
        self.options = options
        rescued = TakeStore.rescued()
        self.store = store ?? TakeStore(idFloor: rescued.map(\.id).max() ?? 0)
        speaksEnglish = Atomic(options.english)
        let classifierLoad = Result { try EmotionClassifier(normalizer: TextNormalizer(teencode: .shippedWithUserEntries())) }
        classifier = try? classifierLoad.get()
        classifierProblem = Self.problem(classifierLoad)
        personal = !options.personal ? nil
            : classifier.map { PersonalCorrections(classifier: $0) } ?? PersonalCorrections(normalizer: TextNormalizer())
        switch Result(catching: { try Generator.loadShipped() }) {
        case let .success(shipped):
            generator = shipped.generator
            generatorProblem = nil
            let judgeLoad = Result { try MusicJudge(path: shipped.folder + "/music-judge.json") }
            judge = try? judgeLoad.get()
            judgeProblem = Self.problem(judgeLoad)
        case let .failure(error):
            generator = nil
            generatorProblem = "\(error)"
            judge = nil
            judgeProblem = nil
        }
    }

    /// The why line of a reading a correction decided: what decided it first, the emotion's name (the winner's,
    /// shown above it) last, so that a narrow panel cuts the name: at 80 columns "vì: ghê tởm (câu…" lost what it
    /// meant to say.
    static func correctionNote(_ name: String, sameText: Bool, english: Bool) -> String {
        sameText ? (english ? "you chose \(name)" : "bạn chọn \(name)")
            : (english ? "like text: \(name)" : "câu giống: \(name)")
    }

    func post(_ message: Message) { inbox.withLock { $0.append(message) } }

    /// How the studio ended.
    public enum Ending: Sendable { case quit, signal }

    /// Lines for standard error once the terminal is restored: the takes that could not be kept in the takes
    /// folder, and where they went instead (or that they are lost).
    public private(set) var closingLines: [String] = []

    /// Runs until the user quits (or SIGTERM or SIGHUP arrive); throws if the terminal cannot be used. The terminal
    /// is restored on every way out.
    @discardableResult
    public func run() throws -> Ending {
        let theme = try Theme.named(options.theme, origin: "the studio's options").theme
        let screen = try TerminalScreen(theme: theme)
        defer { screen.close() }
        // SIGTERM and SIGHUP end it as `q` does; a SIGINT sent from outside too (Ctrl-C in the studio is a key: the
        // terminal is raw), and a SIGQUIT (the runtime's backtracer printed a crash report over the screen and held
        // the studio 30 s). One the process started with ignored stays ignored.
        Signals.catchUnlessIgnored([SIGTERM, SIGHUP, SIGINT, SIGQUIT]) { _ in StudioRuntime.stopRequested.store(true, ordering: .relaxed) }
        var model = StudioModel(english: options.english, inputMethod: options.inputMethod, toneStyle: options.toneStyle)
        model.parameters = options.parameters
        model.editor.restoreHistory(options.history)
        if !options.text.isEmpty { model.editor.handle(.paste(options.text)) }
        // Kept where the text's reading arrives: a target that is not the text's point stays.
        if let point = options.target {
            model.target = point
            model.handTargetText = options.text
        }
        // A new session draws a fresh seed (six digits), unless the config or a kept seed says otherwise.
        if !model.parameters.seedLocked {
            model.parameters.seed = Parameters.nextSeed(after: UInt64.random(in: 0...UInt64.max))
        }
        model.keys = options.keys
        model.emotionLabels = classifier?.labels ?? []
        model.remembersCorrections = options.personal
        // Shown one after another once nothing else is (an error at start, no sound say, hid the first).
        model.pendingNotices = options.startupNotices
        if let term = TerminalScreen.drawnAs {
            model.pendingNotices.insert(english ? "this machine knows no terminal TERM=\(term): drawn as xterm-256color"
                                                : "máy này không biết terminal TERM=\(term): vẽ như xterm-256color", at: 0)
        }
        if let classifierProblem { model.error = classifierProblem }
        else if let generatorProblem { model.error = generatorProblem }
        else if let judgeProblem { model.error = judgeProblem + (english ? " (takes are not judged)" : " (take không được chấm)") }
        // A soundfont that cannot be found is said at start, in the UI's language, not at the first Space.
        do {
            _ = try SoundfontLocator(flag: options.soundfont, configured: options.configuredSoundfont).resolve()
        } catch {
            model.error = (english ? "no sound: " : "không có âm thanh: ") + Message.describe(error, english: english)
        }
        // Said at start, not at the first take or delete, and until a key (a notice went in 12 s).
        if !store.isWritable {
            let said = english ? "the takes folder \(store.folder) cannot be written: takes are not kept there (at quit they go to \(TakeStore.temporaryFolder))"
                               : "không ghi được vào thư mục take \(store.folder): take không được giữ ở đó (khi thoát sẽ ghi vào \(TakeStore.temporaryFolder))"
            if model.error == nil { model.error = said } else { model.pendingNotices.insert(said, at: 0) }
        }
        // One studio edits the kept takes; a second one open on the same folder adds its own and leaves the rest.
        var editing = store.holdForEditing()
        defer { withExtendedLifetime(editing) {} }
        if case let .heldElsewhere(pid) = editing {
            model.otherStudio = StudioModel.OtherStudio(pid: pid)
            let who = pid.map { " (pid \($0))" } ?? ""
            model.notice = (english
                ? "another studio\(who) is open on these takes: this one renames and deletes only the takes it makes"
                : "một studio khác\(who) đang mở các take này: ở đây chỉ đổi tên, xoá được take tạo mới")
                + (model.notice.map { " · " + $0 } ?? "")
        }
        // A large folder (3,000 takes, some of 10 minutes) took 5 s on a blank screen, deaf to Ctrl-C: past a fifth of
        // a second the screen says how far reading and judging the takes has come, and Ctrl-C (quit) or a signal
        // stops the studio there.
        let loadingStarted = ContinuousClock.now
        var lastShown = loadingStarted
        var quitWhileLoading = false
        func loading(_ share: Double, takes total: Int) -> Bool {
            let now = ContinuousClock.now
            if now - loadingStarted > .milliseconds(200), now - lastShown > .milliseconds(100) {
                lastShown = now
                let (width, height) = screen.size
                var grid = Grid(width: width, height: height)
                let percent = Int(min(max(share, 0), 1) * 100)
                let line = english ? "opening \(total) takes… \(percent)%  (Ctrl-C quits)"
                                   : "đang mở \(total) take… \(percent)%  (Ctrl-C thoát)"
                grid.put(Grid.truncated(line, columns: width), x: max((width - DisplayWidth.of(line)) / 2, 0),
                         y: height / 2, role: "text")
                screen.draw(grid)
                screen.setTimeout(milliseconds: 0)
                while let input = screen.read() {
                    if input == .key("Ctrl-C") { quitWhileLoading = true }
                    if input == .hangUp { StudioRuntime.stopRequested.store(true, ordering: .relaxed) }
                }
            }
            return !quitWhileLoading && !StudioRuntime.stopRequested.load(ordering: .relaxed)
        }
        // Takes an earlier studio had to leave in the temporary folder come back into the takes folder, as they were
        // (text, settings, harmony), under new ids; those that still cannot are said below. (The notice named them
        // at every start, and opening one with o made a bare file of it.)
        // Only by the studio that holds the folder: two starting together would each bring the same take back.
        var restored: [Int] = [], updated: [Int] = [], stillRescued: [(path: String, id: Int)] = []
        for item in rescued {
            if case .heldElsewhere = editing {
                stillRescued.append(item)
                continue
            }
            do {
                let take = try MIDIFile.read(path: item.path)
                // A newer copy of a take the folder still holds (renamed while the disk was full, its old file left
                // as it was) takes that file's place: it came back beside it, the same music twice.
                if store.isNewerCopy(take, at: item.path, of: item.id) {
                    try store.save(take, id: item.id)
                    unlink(item.path)
                    updated.append(item.id)
                    continue
                }
                let id = try store.claim(preferred: item.id)
                try store.save(take, id: id)
                unlink(item.path)
                restored.append(id)
            } catch {
                stillRescued.append(item)
            }
        }
        let (stored, problems) = store.load { done, total in loading(Double(done) / Double(2 * total), takes: total) }
        for (index, (id, take)) in stored.enumerated() {
            guard loading(0.5 + Double(index) / Double(2 * stored.count), takes: stored.count) else { break }
            let notes = take.decodedNotes
            let target = CircumplexPoint(valence: take.metadata.valence ?? 0, arousal: take.metadata.arousal ?? 0)
            var entry = StudioModel.TakeEntry(
                id: id, title: take.metadata.title ?? "take \(id)", text: take.metadata.text, notes: notes, target: target,
                finished: true, parameters: take.metadata.sampling.map { Parameters(sampling: $0, program: Int(take.program)) })
            entry.parameterChanges = take.metadata.parameterChanges ?? []
            entry.fromFile = true
            entry.targetIsIntent = Self.emotion(of: take.metadata) != nil
            entry.tempoMap = take.tempoMap
            entry.timeSignature = take.timeSignature
            entry.meterChanges = take.meterChanges
            entry.keySignature = take.keySignature
            entry.keyChanges = take.keyChanges
            entry.fileProgram = Int(take.program)
            entry.fileModelID = take.metadata.modelID
            entry.instrumentChanges = take.programChanges.filter { $0.channel == 0 }
                .map { StudioModel.InstrumentChange(seconds: take.tempoMap.seconds(atTick: $0.tick), program: Int($0.program)) }
            // The tempo and key lock it was made with (the roll's title multiplies the controls' tempo by it).
            entry.parameters?.tempoScale = take.metadata.tempoScale ?? 1
            entry.parameters?.keyLock = take.metadata.keyLock ?? true
            entry.partial = take.metadata.partial ?? false
            entry.chosenEmotion = take.metadata.emotionChosen
            entry.readEmotion = take.metadata.emotionRead
            entry.pointChosen = take.metadata.pointChosen ?? false
            entry.ownEmotion = take.metadata.ownEmotion
            entry.savedAs = take.metadata.savedAs
            // Saved while the file it was saved as is still there (moved away, the ✓ stayed).
            entry.saved = take.metadata.savedAs.map { FileManager.default.fileExists(atPath: $0) } ?? false
            entry.harmony = take.metadata.harmony
            entry.arc = take.metadata.arc
            entry.restorePrimer(from: take.metadata)
            if entry.primer?.opened == true {
                entry.ownKeyScale = StudioModel.foundKeyScale(of: notes)
                // An opened file's sampling is what its file was made with, shown; its continuation uses the studio's.
                entry.fileSampling = take.metadata.sampling
                entry.parameters = nil
            }
            // Judged as when it was composed: a continuation's new notes alone, timed from where they began.
            if let judge {
                var judged = notes
                if let primer = entry.primer, primer.opened != true {
                    let origin = primer.continuationStartSeconds ?? 0
                    judged = notes.dropFirst(min(entry.primerNotes, notes.count)).map {
                        var note = $0
                        note.startSeconds -= origin
                        return note
                    }
                }
                let verdict = judge.judge(judged)
                entry.judged = CircumplexPoint(valence: verdict.valence, arousal: verdict.arousal)
            }
            model.takes.append(entry)
        }
        model.selectedTake = model.takes.last?.id
        model.lastTakeID = store.highestClaimed()
        if !restored.isEmpty {
            let ids = restored.map(String.init).joined(separator: ", ")
            let line = english
                ? "take\(restored.count == 1 ? "" : "s") \(ids), left in the temporary folder last time, \(restored.count == 1 ? "is" : "are") back in the takes list"
                : "take \(ids) lần trước phải để ở thư mục tạm, nay đã về danh sách take"
            model.notice = (model.notice.map { $0 + " · " } ?? "") + line
        }
        if !updated.isEmpty {
            let ids = updated.map(String.init).joined(separator: ", ")
            let line = english
                ? "take\(updated.count == 1 ? "" : "s") \(ids) as last changed (left in the temporary folder last time)"
                : "take \(ids) đã như lần sửa cuối (lần trước phải để ở thư mục tạm)"
            model.notice = (model.notice.map { $0 + " · " } ?? "") + line
        }
        if !stillRescued.isEmpty {
            let folder = HomeFolder.abbreviating(OutputFile.folder(of: stillRescued[0].path))
            let names = stillRescued.prefix(2).map { ($0.path as NSString).lastPathComponent }.joined(separator: ", ")
                + (stillRescued.count > 2 ? ", …" : "")
            let line = english
                ? "\(stillRescued.count) take\(stillRescued.count == 1 ? "" : "s") from last time still in \(folder) (the takes folder cannot hold \(stillRescued.count == 1 ? "it" : "them")): \(names)"
                : "còn \(stillRescued.count) take lần trước ở \(folder) (thư mục take chưa giữ được): \(names)"
            model.notice = (model.notice.map { $0 + " · " } ?? "") + line
        }
        // Ctrl-C while the takes were opened quits as Ctrl-C does (exit 0), nothing made yet.
        if quitWhileLoading { model.quitting = true }
        if let problem = TakeStore.summary(problems, english: english) { model.error = problem }
        // The text the last session ended with is read at once.
        var pendingAnalysis: (text: String, at: ContinuousClock.Instant)? = model.editor.text.isEmpty ? nil
            : (model.editor.text, ContinuousClock.now - .seconds(1))
        var dirty = true
        let environment = ProcessInfo.processInfo.environment
        // For `make bench`: leave right after the first frame (launch-to-first-frame timing), and frame statistics.
        let exitAfterFirstFrame = environment["CAMXUC_BENCH_FIRST_FRAME"] == "1"
        var frames = environment["CAMXUC_FRAME_STATS"].map { FrameStatistics(path: $0) }
        defer { frames?.write() }
        // For the end-to-end test of the terminal being restored when the studio fails with an error.
        let failAfterFirstFrame = environment["CAMXUC_FAULT"] == "after-first-frame"
        let crashAfterFirstFrame = environment["CAMXUC_FAULT"] == "crash"
        var waitMilliseconds = 33
        let (startWidth, startHeight) = screen.size
        _ = model.update(.resized(width: startWidth, height: startHeight))
        var flashStarted: (Parameters.Name, ContinuousClock.Instant)?
        var noticeShown: (String, ContinuousClock.Instant)?
        var memoryChecked = ContinuousClock.now
        var checkpointedNotes: [Int: Int] = [:]
        var lastCheckpoint = ContinuousClock.now, checkpointCost = Duration.zero
        // Takes whose growing copy could not be written, said once each.
        var checkpointsFailed: Set<Int> = []
        var remembered = MemorySnapshot(model)
        // The last session's memory is this one's from now (its text is in the field): marked as this studio's, so
        // that its text is not taken for another studio's unsent one. A state folder that cannot be written is said
        // now (it was said only at quit, the whole session's texts and settings forgotten without a word).
        if let error = remember(model) {
            let line = english ? "this session cannot be remembered for the next one: " + Message.describe(error, english: true)
                               : "phiên này không nhớ được cho lần sau: " + Message.describe(error, english: false)
            // An error, which stays until a key (as a notice it went by itself in seconds), unless one is shown.
            if model.error == nil { model.error = line } else { model.pendingNotices.append(line) }
        }
        if model.error == nil, model.notice == nil, !model.pendingNotices.isEmpty { model.notice = model.pendingNotices.removeFirst() }
        var drainingInput = false
        // When the playhead was read for this turn's key, while a take played (see `play(_:loop:fromSeconds:heardAt:)`).
        var heardAt: ContinuousClock.Instant?
        var lastDrawn = ContinuousClock.now
        var lastResize: ContinuousClock.Instant?
        // The frame last drawn, and a held arrow key in the takes list (see `RollHold`).
        var lastGrid: Grid?
        var rollHold = RollHold()
        while !model.quitting, !StudioRuntime.stopRequested.load(ordering: .relaxed) {
            // What the next session starts from is kept a moment after it changes (a text typed, a parameter moved),
            // not only as a take starts and at the end: kill -9 or a crash lost a diary typed since the last take.
            if ContinuousClock.now - memoryChecked > .seconds(2) {
                memoryChecked = ContinuousClock.now
                let now = MemorySnapshot(model)
                if now != remembered {
                    remembered = now
                    remember(model)
                }
                // The take being composed is kept as it grows, marked partial (kill -9, a crash or a power cut lost a
                // take heard for minutes: it was written only when whole or stopped). Its last write is the whole take.
                // A large one (a continuation of a file of millions of notes took a second or two to write) is written
                // at most a twentieth of the time, so that the screen and Ctrl-C are answered between writes.
                if let id = model.generatingTake, let entry = model.takes.first(where: { $0.id == id }),
                   entry.notes.count != checkpointedNotes[id], ContinuousClock.now - lastCheckpoint >= checkpointCost * 20,
                   let partial = take(entry, program: liveParameters.withLock { $0.program }) {
                    checkpointedNotes[id] = entry.notes.count
                    let writing = ContinuousClock.now
                    defer {
                        lastCheckpoint = ContinuousClock.now
                        checkpointCost = lastCheckpoint - writing
                    }
                    do {
                        try store.save(partial, id: id)
                        // Written again: the line that said it could not be goes (it stayed until the take was whole).
                        if checkpointsFailed.remove(id) != nil {
                            model.error = nil
                            _ = model.update(.notice(english ? "take \(id) kept in \(store.folder) again" : "take \(id) lại được giữ trong \(store.folder)"))
                            dirty = true
                        }
                    } catch {
                        // Said at once (a crash would lose what is not written), not only when the take is whole.
                        if checkpointsFailed.insert(id).inserted {
                            _ = model.update(.failed(english: english, error))
                            dirty = true
                        }
                    }
                }
                // The other studio on these takes has ended: this one holds them now (it went on refusing renames,
                // naming a process that was gone).
                if model.otherStudio != nil {
                    let again = store.holdForEditing()
                    if case .held = again {
                        editing = again
                        model.otherStudio = nil
                        _ = model.update(.notice(english ? "the other studio on these takes has ended: every take can be renamed and deleted here now"
                                                         : "studio kia đã đóng: giờ đổi tên, xoá được mọi take ở đây"))
                        dirty = true
                    }
                }
                // A finished take that could not be written is tried again (it waited for the next take or the quit,
                // and a crash meanwhile lost it though the folder had been writable again for long).
                for entry in model.takes where entry.unkept && entry.finished {
                    if keep(entry.id, in: &model, quietly: true) {
                        _ = model.update(.notice(english ? "take \(entry.id) kept in \(store.folder)" : "đã giữ take \(entry.id) trong \(store.folder)"))
                        dirty = true
                    }
                }
            }
            // Keys already typed are taken before the next frame (up to a tenth of a second of them): with a large
            // take on screen a frame took a quarter of a second, drawn after every typed key, and Ctrl-C waited
            // behind 34 of them for 6.5 s.
            // A window being dragged (or a phone turning) sends a resize every few milliseconds, and each drew the
            // whole screen (41 in a second sent 1.5 MB over the terminal's link): while they come, at most one frame a
            // 150 ms, and the last one once they stop.
            let resizing = lastResize.map { ContinuousClock.now - $0 < .milliseconds(50) } ?? false
            if dirty, !drainingInput || ContinuousClock.now - lastDrawn > .milliseconds(100),
               !resizing || ContinuousClock.now - lastDrawn > .milliseconds(150) {
                lastDrawn = ContinuousClock.now
                let (width, height) = screen.size
                let started = ContinuousClock.now
                var grid = model.view(width: width, height: height)
                if rollHold.holds(at: started), let lastGrid {
                    // The roll's notes as they were drawn (its title and borders, and a two-line message over its
                    // lower border, as they are now), under the takes' overlay where that is open.
                    let layout = StudioLayout(width: width, height: height)
                    grid.copy(layout.roll.inner, from: lastGrid, except: layout.takes == nil ? layout.takesOverlay : nil)
                }
                screen.draw(grid)
                lastGrid = grid
                frames?.record(drawing: ContinuousClock.now - started, generating: model.generatingTake != nil)
                dirty = false
                if exitAfterFirstFrame { break }
                if failAfterFirstFrame { throw StudioError.injectedFault }
                // For the end-to-end test of the terminal being restored after a crash (a trap, as an overflow gives).
                if crashAfterFirstFrame { Self.trap(Int.max) }
            }
            if rollHold.ended(at: ContinuousClock.now) { dirty = true }
            // Only while the takes list moves and nothing else is drawn over the roll: the focus gone elsewhere, the
            // help, the messages, a question, a prompt or a rename end the hold at once (a closed overlay stayed drawn
            // over the held roll).
            if rollHold.until != nil, !RollHold.mayHold(model) {
                rollHold = RollHold()
                dirty = true
            }
            // A changed parameter stays highlighted for 400 ms.
            if let flashing = model.flashing {
                if flashStarted?.0 != flashing { flashStarted = (flashing, ContinuousClock.now) }
                if let started = flashStarted?.1, ContinuousClock.now - started > .milliseconds(400) {
                    _ = model.update(.flashOver)
                    flashStarted = nil
                    dirty = true
                }
            } else {
                flashStarted = nil
            }
            // A notice goes away after four seconds (errors stay until the next key).
            if let notice = model.notice {
                if noticeShown?.0 != notice { noticeShown = (notice, ContinuousClock.now) }
                if let shown = noticeShown?.1, ContinuousClock.now - shown > .seconds(4) {
                    _ = model.update(.noticeExpired)
                    noticeShown = nil
                    dirty = true
                }
            } else {
                noticeShown = nil
            }
            // Short waits while something moves (30+ frames a second), longer ones when idle (little CPU).
            let busy = model.generatingTake != nil || model.playing != nil || pendingAnalysis != nil || model.flashing != nil
                || rollHold.until != nil
            let wanted = drainingInput ? 0 : busy ? 15 : 50
            if wanted != waitMilliseconds {
                screen.setTimeout(milliseconds: wanted)
                waitMilliseconds = wanted
            }
            var effects: [Effect] = []
            let input = screen.read()
            drainingInput = input != nil
            switch input {
            case .resize?:
                lastResize = ContinuousClock.now
                let (width, height) = screen.size
                effects += model.update(.resized(width: width, height: height))
                dirty = true
            case .key("Ctrl-Z")? where model.keys.action(for: "Ctrl-Z", focus: model.focus) == nil:
                // Suspends the studio (sound goes on); `fg` brings it back. Without a shell's job control the stop is
                // discarded: say so, instead of a flicker and nothing.
                if !screen.suspend() {
                    _ = model.update(.notice(english ? "Ctrl-Z: no shell to return to (start camxuc from a shell to suspend it)"
                                                             : "Ctrl-Z: không có shell để quay về (chạy camxuc từ một shell để tạm dừng)"))
                }
                dirty = true
            case .key("Ctrl-L")? where model.keys.action(for: "Ctrl-L", focus: model.focus) == nil:
                // Redraws the whole screen, as in other terminal programs: what another program wrote over it (a
                // background job's output, landing after the typed text as if typed) stayed until a resize.
                screen.repaintAll()
                dirty = true
            case let .key(key)?:
                // Against the moment heard now (x switched from the playhead of the last frame, and each switch put the
                // music 30–36 ms behind).
                dirty = refreshPlayhead(in: &model) || dirty
                heardAt = model.playing != nil ? ContinuousClock.now : nil
                let listed = model.focus == .takes ? model.selectedTake : nil
                effects += model.update(.key(key))
                if listed != nil, model.focus == .takes, model.selectedTake != listed { rollHold.moved(at: .now) }
                dirty = true
            case let .paste(text)?:
                // A MIDI file dropped on the terminal (its path pasted) opens as `o` would open it, rather than its
                // path becoming the text read for emotion.
                // Several dropped at once open one after another; what is not a MIDI file there is said (a drop of a
                // folder or a text file did nothing, or became the text).
                if model.renaming == nil, model.confirming == nil,
                   let paths = PathCompletion.droppedPaths(text)?.map({ HomeFolder.expanding($0) }),
                   paths.contains(where: { FileManager.default.fileExists(atPath: PathCompletion.onDisk($0)) }) {
                    var isFolder: ObjCBool = false
                    let bad = paths.filter { path in
                        !(MIDIFile.isNamedAsOne(path)
                          && FileManager.default.fileExists(atPath: PathCompletion.onDisk(path), isDirectory: &isFolder) && !isFolder.boolValue)
                    }
                    for path in paths where !bad.contains(path) { effects += model.update(.openDropped(path)) }
                    if let first = bad.first {
                        let name = (first as NSString).lastPathComponent
                        let more = bad.count > 1 ? (english ? " (and \(bad.count - 1) more)" : " (và \(bad.count - 1) tệp nữa)") : ""
                        let endings = MIDIFile.fileExtensions.joined(separator: ", ")
                        effects += model.update(.failed(english ? "not opened: \(name) is not a MIDI file (\(endings))\(more)"
                                                                : "không mở: \(name) không phải tệp MIDI (\(endings))\(more)"))
                    }
                } else {
                    effects += model.update(.paste(text))
                }
                dirty = true
            case let .mouse(x, y, kind)?:
                let (width, height) = screen.size
                let listed = model.selectedTake
                effects += model.update(.mouse(MouseEvent(x: x, y: y, kind: kind, width: width, height: height)))
                // The wheel over the list, turned fast, as a held key.
                if kind != .press, model.focus == .takes, model.selectedTake != listed { rollHold.moved(at: .now) }
                dirty = true
            case .hangUp?:
                // No key will ever come (a closed window whose SIGHUP never reached us): end as SIGHUP ends it,
                // keeping the takes, instead of spinning on a failing read with the takes folder held.
                StudioRuntime.stopRequested.store(true, ordering: .relaxed)
            case nil:
                break
            }
            let heard = listening.withLock { $0 }
            var heardGrew = false
            for message in drainInbox() {
                effects += model.update(message)
                dirty = true
                switch message {
                case let .finished(id, _, _):
                    effects.append(.store(take: id))
                    heardGrew = heardGrew || id == heard
                case let .note(id, _):
                    heardGrew = heardGrew || id == heard
                default:
                    break
                }
            }
            if heardGrew, let heard { extendHeard(heard, in: &model) }
            // Analyse once typing pauses for 120 ms (and at once on Enter, which then composes for the new point).
            if let pending = pendingAnalysis, ContinuousClock.now - pending.at > .milliseconds(120) {
                pendingAnalysis = nil
                if !pending.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                   let analysis = try? classifier?.analyze(pending.text) {
                    var distribution = analysis.distribution
                    if let personal { distribution = personal.adjust(distribution, text: pending.text) }
                    // A text whose emotion this person set by hand (1–7) is composed for that emotion, one point: its
                    // sentences' arc played joy then sadness under an anger target.
                    let corrected = personal?.chosenClass(for: pending.text, reading: analysis.distribution) != nil
                    let sentences = corrected ? [] : sentenceCache.readings(of: pending.text, read: readSentence)
                    // The reading is shown at once; the words behind it (about 30 readings more) come from a worker,
                    // and until they do, the words of the last explanation still in the text stay — while the text
                    // is the same text being edited (it begins as it did), not one pasted over it, whose reading
                    // they do not explain.
                    let edited = model.analyzedText.map { old in pending.text.hasPrefix(String(old.prefix(12))) } ?? false
                    effects += model.update(.analyzed(text: pending.text, distribution,
                                                      withoutDiacritics: analysis.readWithoutDiacritics,
                                                      notVietnamese: analysis.mostlyNotVietnamese,
                                                      readAsKeys: analysis.readAs != nil,
                                                      evidence: edited ? model.evidence.filter { pending.text.contains($0) } : [],
                                                      sentences: sentences,
                                                      chosenBefore: personal?.chosenClass(exactly: pending.text)))
                    // A correction that changed the winner is the why: the model's words explain its own reading,
                    // not the one shown ("vì: vui" under buồn bã).
                    if distribution.winner != analysis.distribution.winner,
                       let decided = personal?.correction(for: pending.text, reading: analysis.distribution) {
                        let name = distribution.labels.first { $0.code == decided.label }?.name(english: model.english) ?? decided.label
                        let note = Self.correctionNote(name, sameText: personal?.isSameText(decided.text, pending.text) == true,
                                                       english: model.english)
                        effects += model.update(.explained(text: pending.text, evidence: [note]))
                    } else {
                        explainer.explain(pending.text)
                    }
                } else if model.generateWhenAnalyzed {
                    model.generateWhenAnalyzed = false
                    effects += model.update(.failed(english ? "the emotion model could not read this text"
                                                                    : "mô hình cảm xúc không đọc được văn bản này"))
                }
                dirty = true
            }
            speaksEnglish.store(model.english, ordering: .relaxed)
            for effect in effects {
                switch effect {
                case let .analyze(text):
                    pendingAnalysis = (text, ContinuousClock.now)
                case let .analyzeNow(text):
                    pendingAnalysis = (text, ContinuousClock.now - .seconds(1))
                case let .generate(take, target, parameters, arc):
                    // The store claims the id, so a second studio on the same folder can never write the same file.
                    let id = claim(take, in: &model)
                    let heardBy = options.listen && generator != nil ? listen(to: id, program: parameters.program, in: &model) : nil
                    startGeneration(take: id, target: target, parameters: parameters, arc: arc, heardBy: heardBy)
                    // Kept as each take starts too: a studio killed outright still remembers its last settings.
                    remember(model)
                case let .continueTake(take, target, parameters, seconds, arc):
                    continueTake(take, target: target, parameters: parameters, seconds: seconds, arc: arc, in: &model)
                    remember(model)  // a continuation is a take starting too
                case let .open(take, path):
                    open(path, as: take, in: &model)
                case let .completePath(typed):
                    completePath(typed)
                case let .updateGeneration(parameters):
                    liveParameters.withLock { $0 = parameters }
                case let .play(id, loop, from):
                    if let entry = model.takes.first(where: { $0.id == id }) {
                        play(entry, loop: loop, fromSeconds: from, heardAt: from > 0 ? heardAt : nil)
                    }
                case .stop:
                    listening.withLock { $0 = nil }
                    player?.stop()
                    // At once, not posted: a take started by a later effect of this turn (a continuation heard as
                    // it is composed) must stay marked as playing.
                    _ = model.update(.playhead(take: nil, seconds: nil))
                case let .save(id, wav):
                    if let entry = model.takes.first(where: { $0.id == id }) { save(entry, wav: wav) }
                case .quit:
                    cancelGeneration.add(1, ordering: .relaxed)
                case let .correct(text, label):
                    sentenceCache.removeAll()  // sentences like the corrected text may read otherwise now
                    do {
                        try personal?.add(text: text, label: label)
                        // Read again at once, the correction in: the bars showed the model's reading until a restart.
                        pendingAnalysis = (model.editor.text, ContinuousClock.now - .seconds(1))
                    } catch {
                        _ = model.update(.failed(english: english, error))
                    }
                case let .forgetCorrection(text):
                    sentenceCache.removeAll()
                    do {
                        let forgotten = try personal?.forget(text: text)
                        // What was taken back: this text's correction, another text's that spoke for it, or none.
                        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                        if forgotten == trimmed {
                            _ = model.update(.notice(english ? "back to the model's reading; a correction of this text is forgotten"
                                                             : "trở lại cách mô hình đọc; bỏ điều đã sửa cho văn bản này"))
                        } else if let forgotten {
                            _ = model.update(.notice(english ? "back to the model's reading; forgot the correction of «\(Grid.middleCut(forgotten, columns: 40))»"
                                                             : "trở lại cách mô hình đọc; bỏ điều đã sửa cho «\(Grid.middleCut(forgotten, columns: 40))»"))
                        } else if personal != nil {
                            _ = model.update(.notice(english ? "back to the model's reading (no correction spoke for this text)"
                                                             : "trở lại cách mô hình đọc (không có điều đã sửa nào cho văn bản này)"))
                        } else {
                            _ = model.update(.notice(english ? "back to the model's reading" : "trở lại cách mô hình đọc"))
                        }
                        pendingAnalysis = (model.editor.text, ContinuousClock.now - .seconds(1))
                    } catch {
                        _ = model.update(.failed(english: english, error))
                    }
                case .cancelGeneration:
                    // The worker sees the new ticket, stops, and posts `.finished` with the notes so far.
                    cancelGeneration.add(1, ordering: .relaxed)
                case let .forget(id):
                    do {
                        try store.delete(id: id)
                    } catch {
                        _ = model.update(.deleteFailed(take: id, Message.describe(error, english: english)))
                    }
                case let .store(id):
                    storeTake(id, in: &model)
                }
            }
            // The playhead, while the model shows something playing; a take that played to its end stops it. Read after
            // this turn's effects ran, so a take just asked to play is already playing.
            dirty = refreshPlayhead(in: &model) || dirty
            heardAt = nil
        }
        // A signal ends the studio as q does: a take still being composed is kept, marked partial.
        if !model.quitting { _ = model.quit() }
        // The text in the field, when it cannot be remembered (a full disk), is given back on the terminal rather
        // than dropped without a word.
        if let error = remember(model), !model.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            closingLines.append("the text in the field could not be kept for the next session ("
                                + Message.describe(error, english: true) + "); it was: " + model.editor.text)
        }
        cancelGeneration.add(1, ordering: .relaxed)
        // A take cut short by quitting (as one being heard while composed often is) is kept as a partial take.
        keepComposedTakes(stopped: composers.wait(timeout: .now() + 3) == .success, in: &model)
        // A last try for the takes that could not be kept (space may have come back since).
        for entry in model.takes where entry.unkept { keep(entry.id, in: &model, quietly: true) }
        // Those still not kept (nor saved with s) go to the temporary folder instead, and are named on the terminal
        // once it is restored: a signal ended the studio without the quit question that names them.
        for entry in model.takes where entry.unkept && !entry.saved {
            if let line = rescue(entry, program: liveParameters.withLock { $0.program }) { closingLines.append(line) }
        }
        player?.close()
        // A WAV still being written stops (its MIDI file is saved; the WAV is not): quitting waited for it, the screen
        // frozen, for as long as the export had left (25 s for a two-hour file).
        cancelSaves.store(true, ordering: .relaxed)
        savers.wait()
        closingLines += abandonedExports.withLock { $0 }
        return StudioRuntime.stopRequested.load(ordering: .relaxed) ? .signal : .quit
    }

    /// At the end: the notes composed since the last frame, and the takes that finished, kept. A composer that has
    /// not `stopped` in time leaves its take kept as far as it got, marked partial (it was neither kept nor written
    /// to the temporary folder, and nothing said so).
    func keepComposedTakes(stopped: Bool, in model: inout StudioModel) {
        for message in drainInbox() {
            _ = model.update(message)
            if case let .finished(id, _, _) = message { storeTake(id, in: &model) }
        }
        guard !stopped, let id = model.generatingTake, let index = model.takes.firstIndex(where: { $0.id == id }) else { return }
        model.takes[index].partial = true
        _ = model.update(.finished(take: id, judged: nil))
        storeTake(id, in: &model)
    }

    /// Reads the player's position into the model while it shows something playing (a take that played to its end
    /// stops it); whether what is drawn changed.
    func refreshPlayhead(in model: inout StudioModel) -> Bool {
        if let player, let playing = model.playing {
            let status = player.status
            if dropStalled(player, status: status, in: &model) { return true }
            let seconds: Double? = status.isPlaying ? status.positionSeconds : nil
            guard seconds != model.playhead else { return false }
            let shown = model.playheadShown
            _ = model.update(.playhead(take: seconds == nil ? nil : playing, seconds: seconds))
            return model.playheadShown != shown
        } else if player == nil, model.playing != nil {
            _ = model.update(.playhead(take: nil, seconds: nil))
            return true
        }
        return false
    }

    /// A device that stopped taking sound while a take played (unplugged, a plugin or a disk behind it failing) held
    /// the playhead at 0:00 for ever, the composition heard with it waiting on that playhead, and every later play
    /// too, without a word. Once FluidSynth has said the device failed (`Player.Status.isStalled`; a machine waking
    /// from sleep or a device that blocks a while is no such failure), the player is closed and said so; the
    /// composition goes on at full speed, and the next play opens the device again. Whether it was dropped.
    func dropStalled(_ player: Player, status: Player.Status, in model: inout StudioModel) -> Bool {
        guard status.isStalled else { return false }
        let reason = player.deviceProblem
        listening.withLock { $0 = nil }
        player.close()
        self.player = nil
        _ = model.update(.playhead(take: nil, seconds: nil))
        _ = model.update(.failed(english: english, AudioError.deviceStopped(reason: reason)))
        return true
    }

    /// What `remember` keeps, cheap to compare every few seconds.
    struct MemorySnapshot: Equatable {
        var text: String, parameters: Parameters, target: CircumplexPoint?, english: Bool, texts: Int
        init(_ model: StudioModel) {
            text = model.editor.text
            parameters = model.parameters
            target = model.target
            english = model.english
            texts = model.editor.history.count
        }
    }

    /// Keeps the parameters and the texts typed for the next session (`StudioMemory`); a state folder that cannot be
    /// written costs only that.
    @discardableResult
    func remember(_ model: StudioModel) -> Error? {
        guard let path = options.memoryPath else { return nil }
        var memory = StudioMemory(parameters: model.parameters, history: model.editor.history, english: model.english,
                                  text: model.editor.text)
        memory.session = memorySession
        if model.english == options.english, let language = options.rememberedLanguage { memory.language = language }
        // Only a point moved on the plane: an emotion chosen with 1–7 comes back through the corrections kept for it.
        if let target = model.target, target != model.textPoint, model.chosenEmotion == nil {
            memory.target = [target.valence, target.arousal]
        }
        do {
            try memory.save(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// Overflows on purpose: `CAMXUC_FAULT=crash` checks that a crash restores the terminal.
    @inline(never) static func trap(_ value: Int) {
        let bumped = value + Int(ProcessInfo.processInfo.processIdentifier > 0 ? 1 : 0)
        AudioLog.note("unreachable: \(bumped)")
    }

    /// One sentence's reading (with the user's corrections), nil when the classifier cannot read it.
    func readSentence(_ sentence: String) -> EmotionArc.Reading? {
        guard let classifier, let analysis = try? classifier.analyze(sentence) else { return nil }
        var distribution = analysis.distribution
        if let personal { distribution = personal.adjust(distribution, text: sentence) }
        return EmotionArc.Reading(sentence: sentence, syllables: EmotionClassifier.SentenceReading.syllables(in: sentence),
                                  valence: distribution.point.valence, arousal: distribution.point.arousal,
                                  emotion: distribution.winner.code)
    }

    /// The player, opened (with its synthesiser) the first time sound is wanted.
    func openPlayer() throws -> Player {
        if let player { return player }
        let synthesizer = try Synthesizer(soundfontFlag: options.soundfont, configured: options.configuredSoundfont, gain: options.gain)
        let opened = try Player(synthesizer: synthesizer, device: options.device)
        player = opened
        return opened
    }

    /// The messages the workers posted since the last call, in order.
    func drainInbox() -> [Message] {
        inbox.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    /// Writes take `id` to the store once it is finished. A take that cannot be written is marked unkept (the list
    /// and the quit question say so); once a take is written, those that could not be are tried again.
    func storeTake(_ id: Int, in model: inout StudioModel) {
        guard keep(id, in: &model) else { return }
        for other in model.takes where other.unkept && other.id != id {
            _ = keep(other.id, in: &model, quietly: true)
        }
    }

    /// Where `s` saves takes: `--save-folder` or the config's, else ~/Music/CamXuc.
    var saveFolder: String { options.saveFolder ?? HomeFolder.path() + "/Music/CamXuc" }

    /// Writes a take that could not be kept in the takes folder to the temporary folder; the line that says where
    /// (or that it is lost), nil when the takes folder took it after all.
    func rescue(_ entry: StudioModel.TakeEntry, program: Int) -> String? {
        var reason = "its notes are gone"
        if let take = take(entry, program: program) {
            do {
                try store.save(take, id: entry.id)
                return nil
            } catch {
                reason = Message.describe(error, english: true)
            }
            // The temporary folder (where the next studio finds it again), then /tmp, then the save folder: with the
            // takes folder and $TMPDIR both unwritable a take was lost though the save folder took files.
            let temporary = TakeStore.temporaryFolder
            var places = [temporary]
            if temporary != "/tmp" { places.append("/tmp") }
            places.append(saveFolder)
            for folder in places {
                let path = folder + "/camxuc-take-\(entry.id)-\(getpid()).mid"
                do {
                    if folder == places.last { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                    // Outside $TMPDIR only where nothing has the name yet (/tmp is everyone's: a link put there by
                    // another user is not written through).
                    try MIDIFile.write(take, to: path, new: folder != temporary)
                    return "take \(entry.id) could not be kept in \(store.folder) (\(reason)); written to \(path) instead"
                } catch {
                    // Where each try failed (the line said "lost" and named only the takes folder).
                    reason += (folder == temporary ? "; nor in the temporary folder \(folder): " : "; nor in \(folder): ")
                        + Message.describe(error, english: true)
                }
            }
        }
        return "take \(entry.id) could not be kept in \(store.folder) (\(reason)): lost"
    }

    /// Writes one take; whether it is now kept. `quietly` leaves the status line alone (a retry).
    @discardableResult
    func keep(_ id: Int, in model: inout StudioModel, quietly: Bool = false) -> Bool {
        guard let index = model.takes.firstIndex(where: { $0.id == id }), model.takes[index].finished,
              let take = take(model.takes[index], program: liveParameters.withLock { $0.program }) else { return false }
        do {
            try store.save(take, id: id)
            model.takes[index].unkept = false
            return true
        } catch {
            model.takes[index].unkept = true
            if !quietly { _ = model.update(.failed(english: english, error)) }
            return false
        }
    }

    /// Starts playing take `id` before it has (all its) notes, as a growing take that the composition extends —
    /// from the start, or with `opening` (a continuation's primer) from `seconds` into it; returns the player that
    /// hears it, nil when there is no sound (the studio then composes at full speed, and says why).
    func listen(to id: Int, program: Int, opening: [EventVocabulary.DecodedNote] = [], fromSeconds seconds: Double = 0,
                in model: inout StudioModel) -> Player? {
        let player: Player
        do {
            player = try openPlayer()
        } catch {
            _ = model.update(.failed(english: english, error))
            return nil
        }
        heardFrom.withLock { $0 = seconds }
        // The primer's notes still sounding from there on (a take of 3.5 million notes was loaded whole).
        let audible = Self.sounding(opening, from: seconds)
        player.load(Take(decodedNotes: audible, program: UInt8(clamping: program)), growing: true)
        // With l on, the take heard as it is composed loops once it is whole (⟳ showed, and it stopped at the end).
        player.setLooping(model.looping)
        if seconds > 0 { player.seek(toSeconds: seconds) }
        player.play()
        listening.withLock { $0 = id }
        _ = model.update(.playhead(take: id, seconds: seconds))
        return player
    }

    /// The notes still sounding at `seconds` or starting after it (all of them from 0).
    static func sounding(_ notes: [EventVocabulary.DecodedNote], from seconds: Double) -> [EventVocabulary.DecodedNote] {
        seconds > 0 ? notes.filter { $0.startSeconds + $0.durationSeconds >= seconds } : notes
    }

    /// Hands the player the take being heard as it now stands; once the take is finished it is whole, and nothing is
    /// being heard while composed any more.
    func extendHeard(_ id: Int, in model: inout StudioModel) {
        guard let player, var entry = model.takes.first(where: { $0.id == id }) else { return }
        // What can still be heard: a continuation of a take of 3.5 million notes built that whole take again for the
        // player at every new note, and the studio answered no key (Ctrl-C included) for as long as it composed.
        let from = heardFrom.withLock { $0 }
        entry.notes = Self.sounding(entry.notes, from: from)
        if let take = take(entry, program: liveParameters.withLock { $0.program }) {
            player.extend(take, complete: entry.finished)
        } else if entry.finished {
            player.stop()  // finished without a note: nothing to hear
        }
        if entry.finished { listening.withLock { $0 = nil } }
    }

    /// Holds the composing thread while the note it just made starts more than `listenLead` seconds after what is
    /// heard, so that a parameter changed while the take plays is heard about that much later. It lets go as soon as
    /// the take is no longer the one being heard (Space stopped it, another take plays) or the composition ends.
    func pace(noteAt seconds: Double, take: Int, player: Player, ticket: Int) {
        while listening.withLock({ $0 }) == take, cancelGeneration.load(ordering: .relaxed) == ticket {
            let status = player.status
            guard status.isPlaying, status.isGrowing, seconds > status.positionSeconds + Self.listenLead else { return }
            usleep(10_000)
        }
    }

    /// Composes take `take` on a thread of its own; with `arc`, the condition, controls and chord plans follow it;
    /// with `primer`, `seconds` of music that continue it (its notes are already the take's first ones: the new ones
    /// come timed after its last onset, and the judge reads them alone). With `heardBy`, the take is being heard as
    /// it is composed, and the composition keeps pace with that player.
    func startGeneration(take: Int, target: CircumplexPoint, parameters: Parameters, arc: EmotionArc? = nil,
                         primer: Primer? = nil, primerKey: Int? = nil, seconds: Double? = nil, heardBy player: Player? = nil) {
        guard let generator else {
            post(.failed(generatorProblem ?? "music model not found; set CAMXUC_MODELS"))
            return
        }
        let ticket = cancelGeneration.add(1, ordering: .relaxed).newValue
        liveParameters.withLock { $0 = parameters }
        let judge = self.judge
        composers.enter()
        let thread = Thread { [self] in
            defer { composers.leave() }
            let condition = Generator.condition(valence: target.valence, arousal: target.arousal)
            var request = Generator.Request(valence: condition.valence, arousal: condition.arousal,
                                            lengthSeconds: seconds ?? parameters.lengthSeconds, seed: parameters.seed,
                                            keyTonic: parameters.key ?? primerKey ?? primer?.keyTonic, arc: arc,
                                            primerTokens: primer?.tokens ?? [], beatSeconds: primer?.beatSeconds)
            // Spelt as the config wrote the key ("C#"), or as the primer's file writes its own (a C# major file went
            // on "in Db major", a key change at the join to the same key).
            request.keySpelling = parameters.key != nil ? parameters.keySpelling : primer?.keySpelling
            let origin = primer?.continuationStartSeconds ?? 0
            var notes: [EventVocabulary.DecodedNote] = []
            if let harmony = generator.harmonySummary(for: request) { post(.planned(take: take, harmony: harmony)) }
            let generated = generator.generate(request, settings: { [self] in
                let live = liveParameters.withLock { $0 }
                var controls: MusicalControls? = MusicalControls.derived(valence: target.valence, arousal: target.arousal)
                if !live.keyLock { controls?.keyTonic = nil }
                // A continuation keeps its primer's pace (see compose): only the hand's tempo applies.
                if primer != nil { controls?.tempoScale = 1 }
                controls?.tempoScale *= live.tempoScale
                return Generator.Settings(sampling: .init(temperature: live.temperature, topK: live.topK, topP: live.topP),
                                          guidance: live.guidance, controls: controls)
            }, isCancelled: { [self] in cancelGeneration.load(ordering: .relaxed) != ticket }, onNote: { [self] note in
                notes.append(note)
                var placed = note
                placed.startSeconds += origin
                post(.note(take: take, placed))
                if let player { pace(noteAt: placed.startSeconds, take: take, player: player, ticket: ticket) }
            }, onTempo: { [self] map in
                post(.tempoMap(take: take, map))
            }, onSettingsApplied: { [self] seconds in
                post(.settingsApplied(take: take, seconds: seconds + origin, parameters: liveParameters.withLock { $0 }))
            })
            // The judge reads the notes as the take's file will hold them (resolved, on its ticks), as it does when
            // the take is loaded again. The map is the new music's own (a continuation's, from where it starts).
            let verdict = judge?.judge(Take.resolved(notes, tempoMap: generated.tempoMap))
            post(.finished(take: take, judged: verdict.map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) },
                           tempoMap: generated.tempoMap))
        }
        thread.start()
    }

    /// The take as a Take with its metadata (title, text and target), nil while it has no notes.
    func take(_ entry: StudioModel.TakeEntry, program: Int) -> Take? {
        guard !entry.notes.isEmpty else { return nil }
        var take = Take(decodedNotes: entry.notes, tempoMap: entry.tempoMap ?? TempoMap(beatsPerMinute: 120),
                        timeSignature: entry.timeSignature ?? TimeSignature(), meterChanges: entry.meterChanges,
                        program: UInt8(entry.parameters?.program ?? entry.fileProgram ?? program),
                    metadata: TakeMetadata(title: entry.title, text: entry.text,
                                           valence: entry.targetIsIntent ? entry.target.valence : nil,
                                           arousal: entry.targetIsIntent ? entry.target.arousal : nil, sampling: entry.parameters?.sampling ?? entry.fileSampling,
                                           modelID: entry.fromFile ? entry.fileModelID : entry.primer?.opened == true ? nil
                                               : generator.map { "\($0.model.config.name) \($0.model.config.version)" } ?? "music-lstm 1",
                                           partial: entry.partial || !entry.finished ? true : nil,
                                           emotionChosen: entry.chosenEmotion,
                                           // Only where they are not the defaults, as `compose --no-key-lock --tempo`
                                           // writes them: the same settings give the same file either way.
                                           keyLock: entry.parameters?.keyLock == false ? false : nil,
                                           tempoScale: entry.parameters.flatMap { $0.tempoScale != 1 ? $0.tempoScale : nil },
                                           parameterChanges: entry.parameterChanges.isEmpty ? nil : entry.parameterChanges)
                        .with(harmony: entry.harmony).with(arc: entry.arc).with(primer: entry.primer, parent: entry.parent))
        take.metadata.savedAs = entry.savedAs
        take.metadata.pointChosen = entry.pointChosen ? true : nil
        take.metadata.emotionRead = entry.readEmotion
        take.metadata.ownEmotion = entry.ownEmotion
        // The keys of the take's plans, as `compose` writes them; a continuation or an opened file keeps its file's
        // (the plan's key is the new music's, not the primer's).
        (take.keySignature, take.keyChanges) = StudioModel.keys(of: entry)
        take.programChanges = entry.instrumentChanges.map {
            ProgramChange(tick: take.tempoMap.tick(atSeconds: $0.seconds), channel: 0, program: UInt8(clamping: $0.program))
        }
        return take
    }

    /// `heardAt`: when `fromSeconds` was the moment heard (a switch or a jump from the playing take's playhead): the
    /// time since is added, and the sound already in the device's buffer, which is heard before the new take, so that
    /// the music goes on where it was (each A/B switch put it 30–36 ms behind the clock: 50 switches, 1.8 s).
    func play(_ entry: StudioModel.TakeEntry, loop: Bool, fromSeconds: Double, heardAt: ContinuousClock.Instant? = nil) {
        listening.withLock { $0 = nil }
        do {
            let player = try openPlayer()
            guard let take = take(entry, program: liveParameters.withLock { $0.program }) else { return }
            // A take still being composed is heard as it grows (l, x or Space on it while it is made).
            player.load(take, growing: !entry.finished)
            player.setLooping(loop)
            let since = heardAt.map { instant -> Double in
                let elapsed = ContinuousClock.now - instant
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            } ?? 0
            // Not past the take's end (x or ] just before it played nothing).
            let caught = fromSeconds + since + (heardAt == nil ? 0 : player.bufferedSeconds)
            if fromSeconds > 0 { player.seek(toSeconds: caught < take.durationSeconds ? caught : fromSeconds) }
            player.play()
            if !entry.finished { listening.withLock { $0 = entry.id } }
        } catch {
            post(.failed(english: english, error))
        }
    }

    /// "đã lưu MIDI và WAV (take dở dang): NAME (trong ~/Music/CamXuc)": what was saved first, then the file's name,
    /// then its folder, since the status line cuts the end (it had cut "(take dở dang)" after a long path).
    static func savedNotice(path: String, wav: Bool, partial: Bool, already: Bool, english: Bool) -> String {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let folder = HomeFolder.abbreviating(OutputFile.folder(of: path))
        return english
            ? (already ? "already saved" : "saved") + (wav ? " MIDI and WAV" : "") + (partial ? " (partial take)" : "")
                + ": " + name + " (in " + folder + ")"
            : (already ? "đã lưu rồi" : "đã lưu") + (wav ? " MIDI và WAV" : "") + (partial ? " (take dở dang)" : "")
                + ": " + name + " (trong " + folder + ")"
    }

    /// The line for a WAV that could not be written beside the MIDI file just saved at `path`.
    static func wavNotWritten(path: String, _ error: AudioError, english: Bool) -> String {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let reason: String
        if case let .takeTooLong(seconds, limit) = error {
            reason = Message.tooLongForWAV(seconds: seconds, limit: limit, english: english)
        } else {
            reason = english ? "\(error)" : Message.vietnamese(error)
        }
        // Why first, the file's long name last (at 80 columns the reason was cut).
        return english ? "no WAV: \(reason); the MIDI file is saved: \(name)" : "không xuất WAV: \(reason); đã lưu MIDI: \(name)"
    }

    /// " · the WAV clipped …" after the saved notice when the WAV went past full scale (the gain set high), naming the
    /// config's gain that keeps it under; empty otherwise. `render` and `compose --wav` say the same.
    static func clippingNotice(_ summary: OfflineRenderer.Summary, gain: Double, english: Bool) -> String {
        guard let note = summary.clippingNote(gain: gain, setting: "gain = %.2f in the config's [audio]") else { return "" }
        if english { return " · the WAV clipped: " + note }
        return String(format: " · WAV bị méo: %d mẫu vượt mức tối đa (đỉnh %+.1f dBFS); gain = %.2f trong [audio] của tệp cấu hình giữ nó dưới mức đó",
                      summary.clippedSamples, summary.peakDecibels, OfflineRenderer.suggestedGain(gain, peak: summary.peak))
    }

    /// Saves run on a thread of their own (a WAV of a long take takes seconds); the studio waits for them at exit.
    let savers = DispatchGroup()
    /// Set when the studio ends: a WAV being written stops, and is named in `abandonedExports`.
    let cancelSaves = Atomic<Bool>(false)
    let abandonedExports = Mutex<[String]>([])
    struct ExportCancelled: Error {}

    func save(_ entry: StudioModel.TakeEntry, wav: Bool) {
        // The exported file is the take itself; where the kept copy was saved before is the studio's business.
        guard var exported = take(entry, program: liveParameters.withLock { $0.program }) else {
            post(.failed(english ? "nothing to save yet" : "chưa có gì để lưu"))
            return
        }
        exported.metadata.savedAs = nil
        let take = exported
        let folder = saveFolder
        let english = self.english
        let soundfont = options.soundfont, configuredSoundfont = options.configuredSoundfont, gain = options.gain
        savers.enter()
        let thread = Thread { [self] in
            defer { savers.leave() }
            do {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    // A save folder that cannot be made is a write that failed (it said "cannot read").
                    let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
                    throw MusicError.cannotWrite(file: folder, reason: code.map { String(cString: strerror(Int32($0))).lowercased() }
                                                 ?? Message.fileInTheWay(of: folder + "/x").map { "\($0) is a file, not a folder" }
                                                 ?? "the folder cannot be made")
                }
                // S after s: the WAV goes beside the MIDI file s saved, when that file still holds this take as it
                // is (a second copy of the MIDI file was saved before).
                let path: String
                let partial = !(entry.finished && !entry.partial)
                let unchanged = entry.savedAs.flatMap { saved in
                    saved.hasSuffix(".mid") && FileManager.default.contents(atPath: saved).map { [UInt8]($0) == MIDIFile.encode(take) } == true
                        ? saved : nil
                }
                if let unchanged, !wav || FileManager.default.fileExists(atPath: String(unchanged.dropLast(4)) + ".wav") {
                    // Saved before and unchanged since: said, and no second copy (s twice wrote two files).
                    post(.saved(take: entry.id, path: unchanged))
                    post(.notice(Self.savedNotice(path: unchanged, wav: wav, partial: partial, already: true, english: english)))
                    return
                }
                if wav, let unchanged {
                    path = unchanged
                } else {
                    path = try Self.writeNew(take, folder: folder, title: entry.title, id: entry.id, wav: wav)
                    // The ✓ as soon as the MIDI file is in place: a studio killed while the WAV was written left the
                    // file without it, and the next s saved a second copy.
                    if wav { post(.saved(take: entry.id, path: path)) }
                }
                var clipped = ""
                if wav {
                    do {
                        let renderer = OfflineRenderer(synthesizer: try Synthesizer(soundfontFlag: soundfont, configured: configuredSoundfont,
                                                                                    gain: gain, threads: 1))
                        var shown = -1
                        let summary = try renderer.renderWAV(take, to: String(path.dropLast(4)) + ".wav") { fraction in
                            if self.cancelSaves.load(ordering: .relaxed) { throw ExportCancelled() }
                            let percent = Int(fraction * 100)
                            if percent / 5 != shown / 5 {
                                shown = percent
                                self.post(.notice((english ? "rendering WAV… " : "đang xuất WAV… ") + "\(percent)%"))
                            }
                        }
                        clipped = Self.clippingNotice(summary, gain: gain, english: english)
                    } catch let error as AudioError {
                        // The MIDI file is saved: said so, and why the WAV is not (a take over the render limit said
                        // "nothing was written" in English, and to raise a --max-length the studio does not have).
                        post(.failed(Self.wavNotWritten(path: path, error, english: english)))
                        return
                    }
                }
                if !wav { post(.saved(take: entry.id, path: path)) }
                post(.notice(Self.savedNotice(path: path, wav: wav, partial: partial, already: false, english: english) + clipped))
            } catch is ExportCancelled {
                abandonedExports.withLock {
                    $0.append("the WAV of take \(entry.id) was not written: the studio ended while it was being written "
                              + "(camxuc render can write it from the saved MIDI file)")
                }
            } catch {
                post(.failed(english: english, error))
            }
        }
        thread.start()
    }

    /// Writes `take` under a name no other file has (`exportPath`), claimed as it is written: two studios saving
    /// into one folder in the same second chose the same free name, both said "saved", and one file was left.
    static func writeNew(_ take: Take, folder: String, title: String, id: Int, wav: Bool) throws -> String {
        for _ in 0..<999 {
            let path = try exportPath(folder: folder, title: title, id: id, wav: wav)
            do {
                try MIDIFile.write(take, to: path, new: true)
                return path
            } catch is OutputFile.Taken {
                continue  // taken since it was found free: the next name
            }
        }
        throw MusicError.cannotWrite(file: folder, reason: "no free name for the take")
    }

    /// A name for an exported take that no other file has: its title's first words, its id and the time, with a
    /// counter if two saves fall in the same second.
    static func exportPath(folder: String, title: String, id: Int, wav: Bool) throws -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        // An opened file's title is its file name, and its continuation's "NAME continued": the extension is no word
        // of the name ("875-mid-9-…", "karaoke-kar-viet-tiep-3-…").
        let endings = MIDIFile.fileExtensions.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let stem = title.replacingOccurrences(of: "(" + endings + #")(?=\s|$)"#, with: "", options: [.regularExpression, .caseInsensitive])
        var slug = VietnameseFolding.fold(stem.lowercased()).split { !$0.isLetter && !$0.isNumber }
            .prefix(6).joined(separator: "-")
        // At most 120 bytes, whole characters: 80 Chinese characters (240 bytes) and the id and time made a name longer
        // than a file name may be, and the take could not be saved.
        while slug.utf8.count > 120 || slug.hasSuffix("-") { slug.removeLast() }
        let base = folder + "/" + (slug.isEmpty ? "take" : slug) + "-\(id)-" + stamp
        for counter in 1...999 {
            let path = base + (counter == 1 ? "" : "-\(counter)") + ".mid"
            let wavPath = String(path.dropLast(4)) + ".wav"
            // Anything under the name is there, a link to nowhere too (which `fileExists` does not see).
            var info = stat()
            if lstat(path, &info) != 0, !(wav && lstat(wavPath, &info) == 0) { return path }
        }
        throw MusicError.cannotWrite(file: base + ".mid", reason: "999 files of that name already exist")
    }
}
