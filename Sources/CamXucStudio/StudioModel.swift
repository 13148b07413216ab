import CamXucEmotion
import CamXucMusic
import CamXucText

/// Everything the studio screen shows, as one value. `update` changes it in answer to messages and returns the
/// effects to run (analysis, generation, playback, saving); `view` draws it.
public struct StudioModel: Equatable, Sendable {
    /// An instrument chosen from `seconds` of a take on (a General MIDI program).
    public struct InstrumentChange: Equatable, Sendable {
        public var seconds: Double
        public var program: Int
    }

    /// A take in the list.
    public struct TakeEntry: Equatable, Sendable {
        public var id: Int
        public var title: String
        /// The text its emotion was read from (nil for a point set by hand with no text).
        public var text: String?
        public var notes: [EventVocabulary.DecodedNote]
        public var target: CircumplexPoint
        /// Whether `target` is an emotion the take was made for: an opened file's is where the judge places its music
        /// (written into the file as its emotion, under the same label as an intent), unless it is a CamXuc take's own.
        public var targetIsIntent = true
        public var judged: CircumplexPoint?
        public var finished: Bool
        /// The parameters it was made with (the last values, when they changed while it was generated).
        public var parameters: Parameters?
        /// Composition was stopped before the take's length (Enter restarted it, or the studio quit).
        public var partial = false
        /// Saved with s or S into the save folder (in this session or, as its kept copy records, an earlier one).
        public var saved = false
        /// The file it was last saved as.
        public var savedAs: String?
        /// Made in this session (kept takes loaded at start are not): quitting asks while fresh takes are unsaved.
        public var fresh = false
        /// Its copy in the takes folder could not be written (a full disk, a folder that cannot be written): it
        /// lives only in memory until a later try succeeds (after every take kept, and at quit), so the list marks
        /// it and quitting warns that it would be lost.
        public var unkept = false
        /// The emotion's code when it was chosen by hand (keys 1–7), not read from the text.
        /// The class the text was read as, where the take's point is the reading's (not chosen or moved by hand).
        public var readEmotion: String?
        public var chosenEmotion: String?
        /// Whether its point was moved by hand on the plane (not the text's reading, nor a class chosen with 1–7).
        public var pointChosen = false
        /// Continued in the opened file's own emotion, nothing else giving one: "judged" (the judge's hearing of
        /// it) or "recorded" (its file's); nil otherwise (`TakeMetadata.ownEmotion`).
        public var ownEmotion: String?
        /// Parameter changes made while it was composed, at the take time they applied from.
        public var parameterChanges: [ParameterChange] = []
        /// Instruments chosen while it was composed or heard as composed (General MIDI programs), at the take time
        /// from which they sounded: its file, replays and renders sound as it was heard (the last one was the
        /// whole take's, from 0 s).
        public var instrumentChanges: [InstrumentChange] = []
        /// Its last save was made while it was still composed (the file holds its first part only): no ✓ for it.
        public var partlySaved = false
        /// The key and chord progression its model followed, when the model plays to a chord plan.
        public var harmony: String?
        /// The emotional arc it followed, when its text had several sentences (see `StudioModel+Arc.swift`).
        public var arc: EmotionArc?
        /// How many of its first notes came from elsewhere (an opened file, or the part of its parent it keeps),
        /// drawn in the primer's shade; what it continues, the take it was made from, and the seconds of new music
        /// a continuation composes (see StudioModel+Primer.swift).
        public var primerNotes = 0
        public var primer: TakeMetadata.PrimerRecord?
        /// Where its last note ends, in seconds (0 with no notes).
        public var notesEnd: Double {
            // A loop, not a mapped copy: it is asked for several times a key, and a take may hold millions of notes.
            var end = 0.0
            for note in notes { end = max(end, note.startSeconds + note.durationSeconds) }
            return end
        }
        /// For an opened file: the scale of the key its notes are in, which the roll marks (`keyScale`).
        public var ownKeyScale: Set<Int>?
        public var parent: Int?
        public var continuationSeconds: Double?
        /// For a take read from the takes folder: its instrument and the model its file names (none for a file
        /// from elsewhere), written again as they were when the take is renamed or its ✓ recorded (a file copied
        /// into the folder took the studio's instrument and claimed CamXuc's model had made it).
        public var fromFile = false
        /// The tempo map and time signature of the file it starts with (an opened file, a continuation of one, a take
        /// read back): written with them; nil for a take composed here (120 bpm, 4/4).
        public var tempoMap: TempoMap?
        public var timeSignature: TimeSignature?
        public var meterChanges: [MeterChange] = []
        /// The key signature of the file it starts with (an opened file, a continuation of one or of a take, a take
        /// read back); a take composed here is written with its plan's key instead.
        public var keySignature: KeySignature?
        public var keyChanges: [KeyChange] = []
        public var fileProgram: Int?
        /// The sampling a CamXuc take opened with o was made with, as its file records it (shown with the take, kept
        /// in its copy; not the parameters a continuation uses, which are the studio's).
        public var fileSampling: SamplingSettings?
        public var fileModelID: String?
        /// A file another program made, copied or linked into the takes folder: no target, plan or controls made it
        /// (its title said "C trưởng I–IV–V–I · nhịp ×1.00 · lực 34–94 ─ ◆ +0.00 +0.00", all from a made-up (0, 0)).
        public var isFromElsewhere: Bool { fromFile && fileModelID == nil && primer == nil && !targetIsIntent }

        public init(id: Int, title: String, text: String? = nil, notes: [EventVocabulary.DecodedNote],
                    target: CircumplexPoint, judged: CircumplexPoint? = nil, finished: Bool, parameters: Parameters? = nil) {
            self.id = id
            self.title = title
            self.text = text
            self.notes = notes
            self.target = target
            self.judged = judged
            self.finished = finished
            self.parameters = parameters
        }
    }

    public var editor: LineEditor
    public var distribution: EmotionDistribution?
    /// The point the text gives, and the target (the text's point unless moved by hand).
    public var textPoint: CircumplexPoint?
    public var target: CircumplexPoint?
    public var trail: [CircumplexPoint] = []
    public var parameters = Parameters()
    public var selectedParameter = Parameters.Name.temperature
    public var focus: Panel = .text
    public var takes: [TakeEntry] = []
    public var selectedTake: Int?
    /// The first take and the first parameter shown when a list is taller than its panel. They stay where they are
    /// while the selection is in view and move as little as brings it back (`firstShown`): worked out from the
    /// selection alone, the list put the selection on its last row, so a click on a take above it scrolled the list
    /// under the pointer and a double click landed on another take.
    /// The roll's fitted pitch window for a take (its lowest row), kept while it still shows the take well
    /// (`PianoRollPanel.fittedLowest(_:rows:previous:)`).
    public var rollFit: RollFit?
    public struct RollFit: Equatable, Sendable {
        public var take: Int
        public var rows: Int
        /// The take's notes when it was fitted: it is fitted again when they change (a take of 10,000 notes or more
        /// when they have grown by a hundredth).
        public var notes: Int
        public var lowest: Int
    }
    /// The parameter-change row the generator has yet to apply (`Message.settingsApplied` times it).
    var pendingChange: PendingChange?
    struct PendingChange: Equatable, Sendable {
        var take: Int
        var row: Int
    }
    /// The panel t was pressed in, where closing the takes list returns.
    public var focusBeforeTakes: Panel?
    /// Where Esc returns from the parameters' overlay of the compact layout.
    public var focusBeforeParameters: Panel?
    public var takesFirst = 0
    public var parametersFirst = 0
    public var generatingTake: Int?
    public var playhead: Double?
    public var playing: Int?
    /// Where Space stopped a take (it goes on from there at the next Space; Space always started again from 0:00,
    /// so continuing with c at a chosen moment meant listening from the top each time). Nil once a take played to
    /// its end, or another take is played.
    public var paused: Paused?
    public struct Paused: Equatable, Sendable {
        public var take: Int
        public var seconds: Double
    }
    /// The highest take id this studio has handed out or seen: ids are never used twice, deleted takes' included.
    public var lastTakeID = 0
    public var looping = false
    public var roll = PianoRollPanel.View()
    public var showHelp = false
    /// 0: the keys; 1: the legend, a page of its own where the keys leave it no room.
    public var helpPage = 0
    /// The key table in use (the standard one with the config's overrides).
    public var keys = KeyMap.standard
    /// The two takes marked for A/B comparison (`a`, `b`; `x` switches between them at the same moment).
    public var markA: Int?
    public var markB: Int?
    /// A deleted take and its place in the list, so `u` can bring it back there.
    public struct DeletedTake: Equatable, Sendable {
        public var index: Int
        public var entry: TakeEntry
        /// Whether it was marked A or B: undo marks it again, unless another take has the mark since.
        public var wasA = false
        public var wasB = false
    }
    /// Another studio that holds this takes folder (`TakeStore.holdForEditing`), with its process id when known. This
    /// one then renames and deletes only the takes it made or opened itself (`madeHere`), and a save does not
    /// rewrite the others: each studio would write its own old copy of a take over the other's change.
    public var otherStudio: OtherStudio?
    public struct OtherStudio: Equatable, Sendable {
        public var pid: Int32?
        public init(pid: Int32?) { self.pid = pid }
    }
    /// The takes made or opened in this session.
    public var madeHere: Set<Int> = []
    /// Whether this studio may rewrite or delete take `id` (see `otherStudio`).
    public func mayEdit(_ id: Int) -> Bool { otherStudio == nil || madeHere.contains(id) }
    /// Deleted takes, newest last; the last `undoDepth` can be brought back (the notice says when one no longer can).
    public var deleted: [DeletedTake] = []
    public static let undoDepth = 100
    /// The take being renamed and its name so far.
    public struct Renaming: Equatable, Sendable {
        public var take: Int
        public var editor: LineEditor
    }
    public var renaming: Renaming?
    /// The path prompt of `o` (open a MIDI file), while it is open.
    public var opening: Opening?
    /// Files `o` is reading on a worker, by the take id each will have: said on the status line until each is open
    /// (the notice went at the next key, and a large file then seemed not to be opening at all).
    public var filesBeingRead: [Int: String] = [:]
    /// The takes list as an overlay (`t`), for screens too narrow to show it beside the other panels.
    public var takesOverlay = false
    /// The text the emotion shown belongs to, and whether Enter is waiting for the analysis of newer text.
    public var analyzedText: String?
    /// Most words of the analysed text are not spelt like Vietnamese: the reading is a guess.
    public var notVietnamese = false
    /// Whether the text was read as typed with the input method off (its keys composed: "tooi buoonf" as "tôi buồn").
    public var readAsKeys = false
    /// Each sentence's own reading when the analysed text has several (empty for one sentence): the arc Enter
    /// composes along and the numbered path on the plane.
    public var sentenceReadings: [EmotionArc.Reading] = []
    /// The classifier's classes, for the names of the emotions in a take's arc.
    public var emotionLabels: [EmotionLabel] = []
    /// The words that raised the winning emotion most (occlusion), for the "why" line under the bars.
    public var evidence: [String] = []
    /// The text is too long for its words to be named: the why line says so instead of staying empty.
    public var evidenceTooLong = false
    /// Whether the "why" line shows (w in the Emotion panel toggles it).
    public var showWhy = true
    /// The class chosen by hand for the current text (keys 1–7), nil while the reading is the classifier's.
    public var chosenEmotion: String?
    /// The text a point moved by hand in an earlier session was moved for: the point holds while that text is in the
    /// field, and a new text's reading takes the target back (yesterday's point composed today's diary for one point,
    /// its arc ignored, without a word).
    public var handTargetText: String?
    /// Whether corrections (keys 1–7) are kept and read (false with --no-personal: the status line says so).
    public var remembersCorrections = true
    /// Whether the emotion shown was read by the model's head for text typed without diacritics.
    public var readWithoutDiacritics = false
    public var generateWhenAnalyzed = false
    /// The parameter whose value just changed (drawn highlighted until `.flashOver`).
    public var flashing: Parameters.Name?
    /// The terminal's size as last reported (the roll's page size when following the playhead).
    public var screenWidth = 120
    public var screenHeight = 40
    /// The panels' places on the screen as last reported (its `fits` says whether the studio is drawn at all).
    var screenLayout: StudioLayout { StudioLayout(width: screenWidth, height: screenHeight) }
    public var english = false
    public var error: String? { didSet { if let error, error != oldValue { log(error, isError: true) } } }
    public var notice: String? { didSet { if let notice, notice != oldValue { log(notice, isError: false) } } }
    /// Every error and notice of the session, whole, oldest first (the last `messageLogLimit`): `m` shows them, so
    /// that one cut on the status line, gone at the next key or hidden by the help can still be read.
    public var messageLog: [LoggedMessage] = []
    public struct LoggedMessage: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }
    static let messageLogLimit = 200
    /// Seeds typed on the seed row stay below this (twelve digits).
    static let seedDigitsLimit: UInt64 = 1_000_000_000_000
    /// The messages overlay (`m`) is up; `messagesScroll` lines are hidden below its view (0: the newest shows).
    public var showMessages = false
    public var messagesScroll = 0
    /// The start's warnings not shown yet: each comes after the one before has gone (four seconds, or a key).
    public var pendingNotices: [String] = []
    /// A notice's shorter form for a status line too narrow for it (`full` is the notice it stands for): an opened
    /// file's without its name and "Enter to continue", which the roll's title says, so that what was left out shows.
    var narrowNotice: NarrowNotice?
    struct NarrowNotice: Equatable, Sendable { var full: String, short: String }
    public var quitting = false
    /// A question on the status line waiting for y or n.
    public var confirming: Confirmation? { didSet { if confirming == nil { finishedWhileAsked = nil } } }
    /// The take that finished while "compose anew?" was asked about it: the question then asks whether to compose.
    public var finishedWhileAsked: Int?
    /// Digits typed on the seed row since it was selected (they replace the seed as they come).
    public var typingSeed = false

    /// What a yes/no question on the status line asks.
    public enum Confirmation: Equatable, Sendable {
        /// Quit although a take is being composed or takes were never saved.
        case quit
        /// Enter while composing: stop this take (kept, marked partial) and compose anew.
        case restart
        /// Delete on the take being composed: stop composing it and delete it (undo brings it back, partial).
        case deleteComposing
    }

    /// Where the input methods put a tone on an open oa, oe, uy (kept while Ctrl-T turns them off and on).
    public var toneStyle: InputMethod.ToneStyle

    public init(english: Bool = false, inputMethod: InputMethod? = InputMethod(.telex), toneStyle: InputMethod.ToneStyle? = nil) {
        editor = LineEditor(inputMethod: inputMethod)
        self.toneStyle = toneStyle ?? inputMethod?.toneStyle ?? .modern
        editor.multiline = true  // Alt-Enter breaks the line: a poem's lines, a diary's sentences
        self.english = english
    }

    public var currentTake: TakeEntry? { selectedTake.flatMap { id in takes.first { $0.id == id } } }
}

/// A mouse event in screen cells, with the size of the screen it happened on (to find the panel under it).
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, wheelUp, wheelDown }
    public var x: Int
    public var y: Int
    public var kind: Kind
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, kind: Kind, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.kind = kind
        self.width = width
        self.height = height
    }
}

/// What happens to the studio.
public enum Message: Equatable, Sendable {
    /// A key by its name in `KeyMap` ("Enter", "Tab", "↑", "Ctrl-C", or the character typed).
    case key(String)
    /// Text pasted in one piece (bracketed paste).
    case paste(String)
    /// A MIDI file dropped on the terminal (its path pasted, found on disk): opened as `o` opens a file.
    case openDropped(String)
    case mouse(MouseEvent)
    /// The classifier's answer for `text`; `withoutDiacritics` when its head for text typed without them read it;
    /// `sentences`, each sentence's own reading when the text has several.
    case analyzed(text: String, EmotionDistribution, withoutDiacritics: Bool = false, notVietnamese: Bool = false,
                  readAsKeys: Bool = false, evidence: [String] = [], sentences: [EmotionArc.Reading] = [],
                  chosenBefore: String? = nil)
    /// The words that raised the winner most in `text` (found off the loop, after its `.analyzed`); nil when it is too
    /// long to be explained (`Explainer.longestText`).
    case explained(text: String, evidence: [String]?)
    case note(take: Int, EventVocabulary.DecodedNote)
    /// A take is composed; `tempoMap` puts its chord plan's beats on the file's beats (`BeatClock`), nil for one
    /// that keeps another's (a continuation, an opened file).
    case finished(take: Int, judged: CircumplexPoint?, tempoMap: TempoMap? = nil)
    /// The tempo map of a take being composed so far (its beats for the roll), as it changes.
    case tempoMap(take: Int, TempoMap)
    /// The take time (the take's own, a continuation's from its primer's start) from which the generator applied
    /// changed parameters.
    case settingsApplied(take: Int, seconds: Double, parameters: Parameters)
    case playhead(take: Int?, seconds: Double?)
    case failed(String)
    /// A deleted take's file could not be removed: the take is back in the list, and `String` says why.
    case deleteFailed(take: Int, String)
    /// Something worth saying that is not an error ("saved …").
    case notice(String)
    /// The highlight of a changed parameter has been shown long enough.
    case flashOver
    /// The terminal's size changed (and at start).
    case resized(width: Int, height: Int)
    /// The take store gave a new take another id than the one the model chose (another studio had claimed it).
    case renumbered(from: Int, to: Int)
    /// A notice has been shown long enough.
    case noticeExpired
    /// The key and chord progression the generator planned for a take ("G minor i–bVI–…").
    case planned(take: Int, harmony: String)
    /// A take was exported into the save folder.
    case saved(take: Int, path: String)
    /// A MIDI file read for `o`, to become take `take`.
    case opened(take: Int, OpenedFile)
    /// The file `o` was to open as take `take` could not be used (said by a `failed` of its own): the id is free again.
    case openFailed(take: Int)
    /// Tab in the path prompt: `from` completed to `to`, with the names that fit when more than one does.
    case pathCompleted(from: String, to: String, candidates: [String])
}

/// Work for the runtime to do; results come back as messages.
public enum Effect: Equatable, Sendable {
    case analyze(String)
    /// Analyse at once, without waiting for typing to pause (Enter).
    case analyzeNow(String)
    /// Compose a take for `target`, following `arc` when the text had several sentences.
    case generate(take: Int, target: CircumplexPoint, parameters: Parameters, arc: EmotionArc? = nil)
    /// Changed sampling settings for the take being generated (apply from the next event).
    case updateGeneration(Parameters)
    /// Play a take from `fromSeconds` (A/B switching keeps the moment).
    case play(take: Int, loop: Bool, fromSeconds: Double = 0)
    case stop
    case save(take: Int, wav: Bool)
    /// Stop composing the take (it stays as a partial take).
    case cancelGeneration(take: Int)
    /// The user set the text's emotion by hand: keep the correction so later readings learn from it.
    case correct(text: String, label: String)
    /// Forget the correction kept for `text` (0 in the Emotion panel).
    case forgetCorrection(text: String)
    /// The take was deleted: forget its stored copy.
    case forget(take: Int)
    /// The take changed (renamed, or brought back by undo): store it again.
    case store(take: Int)
    case quit
    /// Read the MIDI file at `path` (as `Primer` does) to become take `take`.
    case open(take: Int, path: String)
    /// Complete the path typed in the prompt (Tab).
    case completePath(String)
    /// Compose `seconds` of music that continues take `take`'s first `primerNotes` notes, for `target`.
    case continueTake(take: Int, target: CircumplexPoint, parameters: Parameters, seconds: Double, arc: EmotionArc? = nil)
}
