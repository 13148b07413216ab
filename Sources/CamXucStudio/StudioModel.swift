import CamXucEmotion
import CamXucMusic
import CamXucText

/// Everything the studio screen shows, as one value. `update` changes it in answer to messages and returns the
/// effects to run (analysis, generation, playback, saving); `view` draws it.
public struct StudioModel: Equatable, Sendable {
    /// A take in the list.
    public struct TakeEntry: Equatable, Sendable {
        public var id: Int
        public var title: String
        public var notes: [EventVocabulary.DecodedNote]
        public var target: CircumplexPoint
        public var judged: CircumplexPoint?
        public var finished: Bool
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
    public var generatingTake: Int?
    public var playhead: Double?
    public var playing: Int?
    public var looping = false
    public var roll = PianoRollPanel.View()
    public var showHelp = false
    public var english = false
    public var error: String?
    public var notice: String?
    public var quitting = false

    public init(english: Bool = false, inputMethod: InputMethod? = InputMethod(.telex)) {
        editor = LineEditor(inputMethod: inputMethod)
        self.english = english
    }

    public var currentTake: TakeEntry? { selectedTake.flatMap { id in takes.first { $0.id == id } } }
}

/// What happens to the studio.
public enum Message: Equatable, Sendable {
    /// A key by its name in `KeyMap` ("Enter", "Tab", "↑", "Ctrl-C", or the character typed).
    case key(String)
    case paste(String)
    case analyzed(text: String, EmotionDistribution)
    case note(take: Int, EventVocabulary.DecodedNote)
    case finished(take: Int, judged: CircumplexPoint?)
    case playhead(take: Int?, seconds: Double?)
    case failed(String)
    /// Something worth saying that is not an error ("saved …").
    case notice(String)
}

/// Work for the runtime to do; results come back as messages.
public enum Effect: Equatable, Sendable {
    case analyze(String)
    case generate(take: Int, target: CircumplexPoint, parameters: Parameters)
    /// Changed sampling settings for the take being generated (apply from the next event).
    case updateGeneration(Parameters)
    case play(take: Int, loop: Bool)
    case stop
    case save(take: Int, wav: Bool)
    /// The take was deleted: forget its stored copy.
    case forget(take: Int)
    case quit
}
