#if canImport(Glibc)
import Glibc
#endif
import CamXucAudio
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
        /// The soundfont from the flag or the config (the command merges them); nil means the system's.
        public var soundfont: String?
        public var gain = Synthesizer.defaultGain
        public var device: String?
        public var saveFolder: String?
        public var telex = true
        public var parameters = Parameters()
        public init() {}
    }

    let options: Options
    let store = TakeStore()
    let inbox = Mutex<[Message]>([])
    let liveParameters = Mutex(Parameters())
    let cancelGeneration = Atomic<Int>(0)
    let classifier: EmotionClassifier?
    let generator: Generator?
    let judge: MusicJudge?
    var player: Player?
    var targets: [Int: CircumplexPoint] = [:]
    var texts: [Int: String] = [:]
    static let stopRequested = Atomic<Bool>(false)

    public init(options: Options) {
        self.options = options
        classifier = try? EmotionClassifier(normalizer: TextNormalizer(teencode: .shippedWithUserEntries()))
        if let config = ModelDirectory.locate("music-lstm.json") {
            let folder = (config as NSString).deletingLastPathComponent
            if let model = try? MusicLSTM(configPath: config, weightsPath: folder + "/music-lstm.safetensors"),
               let vocabulary = try? EventVocabulary.load(path: folder + "/" + model.config.vocabularyFile) {
                generator = Generator(model: model, vocabulary: vocabulary)
            } else {
                generator = nil
            }
            judge = try? MusicJudge(path: folder + "/music-judge.json")
        } else {
            generator = nil
            judge = nil
        }
    }

    func post(_ message: Message) { inbox.withLock { $0.append(message) } }

    /// Runs until the user quits; throws only if the terminal cannot be used.
    public func run() throws {
        let themePath = ModelDirectory.locate("\(options.theme).toml", folder: "Themes")
        let theme = try themePath.map { try Theme.load(path: $0).theme } ?? Theme.parse("", file: "none").theme
        let screen = try TerminalScreen(theme: theme)
        defer { screen.close() }
        signal(SIGTERM) { _ in StudioRuntime.stopRequested.store(true, ordering: .relaxed) }
        signal(SIGHUP) { _ in StudioRuntime.stopRequested.store(true, ordering: .relaxed) }
        var model = StudioModel(english: options.english, inputMethod: options.telex ? InputMethod(.telex) : nil)
        model.parameters = options.parameters
        if classifier == nil { model.error = "emotion model not found; set CAMXUC_MODELS" }
        let (stored, problems) = store.load()
        for (id, take) in stored {
            let notes = take.notes.map { EventVocabulary.DecodedNote(pitch: Int($0.pitch), velocity: Int($0.velocity),
                                                                      startSeconds: take.startSeconds(of: $0),
                                                                      durationSeconds: take.endSeconds(of: $0) - take.startSeconds(of: $0)) }
            let target = CircumplexPoint(valence: take.metadata.valence ?? 0, arousal: take.metadata.arousal ?? 0)
            model.takes.append(.init(id: id, title: take.metadata.title ?? "take \(id)", notes: notes, target: target,
                                     judged: judge.map { let v = $0.judge(notes); return CircumplexPoint(valence: v.valence, arousal: v.arousal) },
                                     finished: true))
            targets[id] = target
            texts[id] = take.metadata.text
        }
        model.selectedTake = model.takes.last?.id
        if let problem = problems.first { model.error = problem }
        var pendingAnalysis: (text: String, at: ContinuousClock.Instant)?
        var dirty = true
        // For `make bench`: leave right after the first frame (launch-to-first-frame timing).
        let exitAfterFirstFrame = ProcessInfo.processInfo.environment["CAMXUC_BENCH_FIRST_FRAME"] == "1"
        while !model.quitting, !StudioRuntime.stopRequested.load(ordering: .relaxed) {
            if dirty {
                let (width, height) = screen.size
                screen.draw(model.view(width: width, height: height))
                dirty = false
                if exitAfterFirstFrame { break }
            }
            var effects: [Effect] = []
            if let key = screen.readKey() {
                if key == "Resize" { dirty = true } else { effects += model.update(.key(key)); dirty = true }
            }
            for message in inbox.withLock({ queue -> [Message] in defer { queue.removeAll() }; return queue }) {
                effects += model.update(message)
                dirty = true
                if case let .finished(id, _) = message,
                   let entry = model.takes.first(where: { $0.id == id }),
                   let take = take(id, notes: entry.notes, program: liveParameters.withLock { $0.program }) {
                    do { try store.save(take, id: id) } catch { effects += model.update(.failed("\(error)")) }
                }
            }
            if let player, let playing = model.playing {
                let status = player.status
                let seconds: Double? = status.isPlaying ? status.positionSeconds : nil
                if seconds != model.playhead {
                    effects += model.update(.playhead(take: seconds == nil ? nil : playing, seconds: seconds))
                    dirty = true
                }
            }
            for effect in effects {
                switch effect {
                case let .analyze(text):
                    pendingAnalysis = (text, ContinuousClock.now)
                case let .generate(take, target, parameters):
                    startGeneration(take: take, target: target, parameters: parameters, text: model.editor.text)
                case let .updateGeneration(parameters):
                    liveParameters.withLock { $0 = parameters }
                case let .play(take, loop):
                    play(take: take, loop: loop, notes: model.takes.first { $0.id == take }?.notes ?? [])
                case .stop:
                    player?.stop()
                    post(.playhead(take: nil, seconds: nil))
                case let .save(take, wav):
                    save(take: take, wav: wav, notes: model.takes.first { $0.id == take }?.notes ?? [])
                case .quit:
                    cancelGeneration.add(1, ordering: .relaxed)
                case let .forget(id):
                    store.delete(id: id)
                }
            }
            // Analyse once typing pauses for 120 ms (and at once on Enter, which commits the text).
            if let pending = pendingAnalysis, ContinuousClock.now - pending.at > .milliseconds(120) {
                pendingAnalysis = nil
                if !pending.text.trimmingCharacters(in: .whitespaces).isEmpty,
                   let analysis = try? classifier?.analyze(pending.text) {
                    effects = model.update(.analyzed(text: pending.text, analysis.distribution))
                    dirty = true
                }
            }
        }
        cancelGeneration.add(1, ordering: .relaxed)
        player?.close()
    }

    func startGeneration(take: Int, target: CircumplexPoint, parameters: Parameters, text: String) {
        guard let generator else {
            post(.failed("music model not found; set CAMXUC_MODELS"))
            return
        }
        let ticket = cancelGeneration.add(1, ordering: .relaxed).newValue
        liveParameters.withLock { $0 = parameters }
        targets[take] = target
        texts[take] = text
        let judge = self.judge
        let thread = Thread { [self] in
            let condition = Generator.condition(valence: target.valence, arousal: target.arousal)
            let request = Generator.Request(valence: condition.valence, arousal: condition.arousal,
                                            lengthSeconds: parameters.lengthSeconds, seed: parameters.seed)
            var notes: [EventVocabulary.DecodedNote] = []
            _ = generator.generate(request, settings: { [self] in
                let live = liveParameters.withLock { $0 }
                var controls: MusicalControls? = MusicalControls.derived(valence: target.valence, arousal: target.arousal)
                if !live.keyLock { controls?.keyTonic = nil }
                controls?.tempoScale *= live.tempoScale
                return Generator.Settings(sampling: .init(temperature: live.temperature, topK: live.topK, topP: live.topP),
                                          guidance: live.guidance, controls: controls)
            }, isCancelled: { [self] in cancelGeneration.load(ordering: .relaxed) != ticket }, onNote: { [self] note in
                notes.append(note)
                post(.note(take: take, note))
            })
            let verdict = judge?.judge(notes)
            post(.finished(take: take, judged: verdict.map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) }))
        }
        thread.start()
    }

    func take(_ id: Int, notes: [EventVocabulary.DecodedNote], program: Int) -> Take? {
        guard !notes.isEmpty else { return nil }
        let target = targets[id]
        return Take(secondsNotes: notes.map { (pitch: UInt8($0.pitch), velocity: UInt8($0.velocity), start: $0.startSeconds,
                                               duration: $0.durationSeconds) },
                    program: UInt8(program),
                    metadata: TakeMetadata(title: texts[id], text: texts[id], valence: target?.valence, arousal: target?.arousal,
                                           modelID: "music-lstm 1"))
    }

    func play(take id: Int, loop: Bool, notes: [EventVocabulary.DecodedNote]) {
        do {
            if player == nil {
                let synthesizer = try Synthesizer(soundfontFlag: options.soundfont, configured: nil, gain: options.gain)
                player = try Player(synthesizer: synthesizer, device: options.device)
            }
            guard let player, let take = take(id, notes: notes, program: liveParameters.withLock { $0.program }) else { return }
            player.load(take)
            player.setLooping(loop)
            player.play()
        } catch {
            post(.failed("\(error)"))
        }
    }

    func save(take id: Int, wav: Bool, notes: [EventVocabulary.DecodedNote]) {
        guard let take = take(id, notes: notes, program: liveParameters.withLock { $0.program }) else {
            post(.failed(options.english ? "nothing to save yet" : "chưa có gì để lưu"))
            return
        }
        let folder = options.saveFolder ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp") + "/Music/CamXuc"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            let slug = VietnameseFolding.fold((texts[id] ?? "take").lowercased()).split { !$0.isLetter && !$0.isNumber }
                .prefix(6).joined(separator: "-")
            let path = folder + "/" + (slug.isEmpty ? "take" : slug) + "-" + stamp + ".mid"
            try MIDIFile.write(take, to: path)
            if wav {
                let renderer = OfflineRenderer(synthesizer: try Synthesizer(soundfontFlag: options.soundfont, configured: nil,
                                                                            gain: options.gain, threads: 2))
                _ = try renderer.renderWAV(take, to: String(path.dropLast(4)) + ".wav")
            }
            post(.notice((options.english ? "saved " : "đã lưu ") + path))
        } catch {
            post(.failed("\(error)"))
        }
    }
}
