import ArgumentParser
import CamXucAudio
import CamXucEmotion
import CamXucMusic
import CamXucSupport
import CamXucTensor
import CamXucText
import Foundation

struct Compose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compose piano music for an emotion, from text or a valence/arousal point, into a MIDI file.",
        discussion: """
            The same seed and settings give the same file. Without --seed a random one is chosen and printed. \
            With the chord-conditioned model (Models/music-lstm-chords.json, used when present), each take gets a \
            chord plan: a key (tonic from the seed, or --key; major for valence ≥ 0, minor below) and a progression \
            drawn from the progressions of its quadrant, which the model follows. Musical controls follow the point \
            unless --no-controls: register from valence, loudness, note lengths and tempo from arousal (with the \
            older model also key and mode from valence, the harmony moving through I-IV-V-I or i-VI-iv-i). \
            With --primer, the take starts with a MIDI file's notes (every track merged, drums on channel 10 and \
            notes outside A0–C8 left out) and continues them in the target emotion, in the key found in them \
            unless --key is given, at the primer's own pace (its beat; arousal does not scale the tempo); what was \
            left out is said in one line each.
            """
    )

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Vietnamese text whose emotion the music should carry (it may open with a dialogue dash, \"- …\").", valueName: "text"))
    var text: String?

    @Option(name: .customLong("text-file"), help: ArgumentHelp("Read the text from a UTF-8 file (a diary entry, a letter, a poem; - for standard input).", valueName: "file"))
    var textFile: String?

    @Option(name: .long, help: ArgumentHelp("With several sentences: on, the music follows each sentence's emotion in turn; off, one point for the whole text.", valueName: "on|off"))
    var arc: String = "on"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Target valence, −1 (unpleasant) to 1 (pleasant); a point past the edge is moved onto it, with a note.", valueName: "v"))
    var valence: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Target arousal, −1 (calm) to 1 (excited).", valueName: "a"))
    var arousal: Double?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("MIDI file to write (default take.mid here, or take-2.mid, take-3.mid … when it exists; - writes it to standard output, the report to standard error).",
                               valueName: "take.mid"))
    var outputOption: String?

    /// -o, or take.mid in the current folder — take-2.mid, take-3.mid … when that exists: a name the user did not
    /// give never replaces a file (README's compose examples each wrote take.mid, the second over the first).
    var output: String { outputOption ?? Self.defaultOutput }

    /// Chosen once, before anything is written (a second look after writing take.mid would name take-2.mid); the
    /// file is written where that name is still free then (`writeTake`).
    static let defaultOutput: String = firstFreeName(from: 1)

    /// take.mid, or take-N.mid for the first N from `number` whose name nothing has.
    static func firstFreeName(from number: Int) -> String {
        func taken(_ name: String) -> Bool { (try? FileManager.default.attributesOfItem(atPath: name)) != nil }
        if number <= 1, !taken("take.mid") { return "take.mid" }
        var number = max(number, 2)
        while taken("take-\(number).mid") { number += 1 }
        return "take-\(number).mid"
    }

    /// What an interrupted compose says of its output: "take.mid was not written", or of standard output.
    var unwritten: String { output == "-" ? "nothing was written to standard output" : output + " was not written" }

    /// Writes `take` at -o, or at the default name if it is still free, else at the next free one: compose runs
    /// started together each chose take.mid, each said "wrote take.mid", and one file was left. Returns the path.
    func writeTake(_ take: Take) throws -> String {
        if outputOption == "-" {
            try StandardOutput.write(MIDIFile.encode(take))
            return "standard output"
        }
        guard outputOption == nil else {
            try MIDIFile.write(take, to: output)
            return output
        }
        var name = Self.defaultOutput
        while true {
            do {
                try MIDIFile.write(take, to: name, new: true)
                return name
            } catch is OutputFile.Taken {
                let number = name == "take.mid" ? 1 : Int(name.dropFirst("take-".count).dropLast(".mid".count)) ?? 1
                name = Self.firstFreeName(from: number + 1)
            }
        }
    }

    @Option(name: .long, help: ArgumentHelp("Language of the emotion and quadrant names printed: vi or en (default: the config's [studio] language, else vi).", valueName: "lang"))
    var lang: Analyze.Language?
    var english: Bool { (lang ?? .configured ?? .vi) == .en }

    @Flag(name: .customLong("no-personal"), help: "Read the text without your own corrections (the studio's keys 1–7).")
    var noPersonal = false

    @Option(name: .long, help: ArgumentHelp("Also render a WAV file.", valueName: "take.wav"))
    var wav: String?

    @Option(name: .long, parsing: .unconditional, help: "Softmax temperature, 0–2 (0 = always the most likely event).")
    var temperature: Double = 1.0

    @Option(name: .customLong("top-k"), parsing: .unconditional, help: "Keep the k most likely events (0 = all).")
    var topK: Int = 40

    @Option(name: .customLong("top-p"), parsing: .unconditional, help: "Keep the most likely events up to this probability mass, (0, 1].")
    var topP: Double = 0.95

    @Option(name: .long, parsing: .unconditional, help: "Classifier-free guidance strength, 0–20 (1 = plain conditioning, 0 = ignore the emotion).")
    var guidance: Double = 2.5

    @Option(name: .long, parsing: .unconditional, help: "Seed of the generator (random if not given; printed either way).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Length of the take in seconds, 1–600 (a take of eight beats or more ends on a cadence; no note rings past it).")
    var seconds: Double = 30

    @Option(name: .long, parsing: .unconditional, help: "General MIDI program (0 = Acoustic Grand Piano; with --primer, the primer's own by default).")
    var program: Int?

    @Option(name: .customLong("best-of"), parsing: .unconditional, help: "Make N takes (1–32) and keep the one the judge places closest to the target.")
    var bestOf: Int = 1

    @Option(name: .long, help: ArgumentHelp("Key of the take: auto (from the seed) or a tonic, C, C#, Db … B (the mode follows valence).", valueName: "key"))
    var key: String = "auto"

    @Flag(name: .customLong("no-controls"), help: "Let the model play without the musical controls.")
    var noControls = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Tempo set by hand, ×0.5–×2, times the tempo the emotion gives (the studio's tempo row).", valueName: "scale"))
    var tempo: Double = 1

    @Flag(name: .customLong("no-key-lock"), help: "Without the light bias towards the plan key's scale (the studio's key lock off).")
    var noKeyLock = false

    @Option(name: .long, help: ArgumentHelp("A MIDI file to continue: the take starts with its notes exactly and goes on in the target emotion.", valueName: "file.mid"))
    var primer: String?

    @Option(name: .customLong("primer-seconds"), parsing: .unconditional, help: ArgumentHelp("Use only the first N seconds of --primer (default: all of it; the network reads the last 60 s of what is used).", valueName: "n"))
    var primerSeconds: Double?

    @Flag(name: .customLong("continuation-only"), help: "With --primer, write only the new part (its time 0 is the primer's last onset).")
    var continuationOnly = false

    @Option(name: .long, help: ArgumentHelp("Soundfont for --wav.", valueName: "file"))
    var soundfont: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output gain for --wav, 0–10 (else the config's, else \(Synthesizer.defaultGain)).", valueName: "gain"))
    var gain: Double?

    /// The checks that need more than one option. They run at the start of `run()`, not in `validate()`: the parser
    /// looks for unknown options only after `validate()` passes, so `compose --bogus` was told to give a text instead
    /// of being told that --bogus is no option.
    func checkArguments() throws {
        try OutputPaths.requireNotEmpty([("--soundfont", soundfont)])
        if let gain, !(0...10).contains(gain) { throw ValidationError("--gain must be between 0 and 10 (got \(gain))") }
        // They shape the WAV only: without one they were ignored without a word (a soundfont that does not exist too).
        if wav == nil, soundfont != nil || gain != nil {
            throw ValidationError("\(soundfont != nil ? "--soundfont" : "--gain") is for the WAV; add --wav FILE (the MIDI file holds no sound)")
        }
        for (flag, value) in [("--valence", valence), ("--arousal", arousal), ("--temperature", temperature),
                              ("--top-p", topP), ("--guidance", guidance), ("--seconds", seconds),
                              ("--primer-seconds", primerSeconds), ("--tempo", tempo)] {
            if let value, !value.isFinite { throw ValidationError("\(flag) must be a finite number (got \(value))") }
        }
        // "-o -" is standard output: no file to check.
        if output == "-", wav == "-" { throw ValidationError("-o - and --wav - both name standard output; give one of them a file name") }
        let files = (output == "-" ? [] : [("-o", output)]) + (wav.flatMap { $0 == "-" ? nil : [("--wav", $0)] } ?? [])
        try OutputPaths.checkDistinct(inputs: primer.map { [("--primer", $0)] } ?? [], outputs: files)
        if text != nil && textFile != nil { throw ValidationError("give either --text or --text-file, not both") }
        let hasText = text != nil || textFile != nil
        if !hasText && (valence == nil || arousal == nil) {
            throw ValidationError("give --text, --text-file, or both --valence and --arousal")
        }
        if hasText && (valence != nil || arousal != nil) {
            throw ValidationError("give either a text or --valence/--arousal, not both")
        }
        guard arc == "on" || arc == "off" else { throw ValidationError("--arc must be on or off (got \(arc))") }
        if let textFile { try OutputPaths.checkDistinct(inputs: [("--text-file", textFile)], outputs: files) }
        do {
            try Sampler.Settings(temperature: temperature, topK: topK, topP: topP).validate()
        } catch {
            throw ValidationError("\(error)")
        }
        guard guidance >= 0, guidance <= 20 else { throw ValidationError("--guidance must be between 0 and 20 (got \(guidance))") }
        guard tempo >= 0.5, tempo <= 2 else { throw ValidationError("--tempo must be from 0.5 to 2 (got \(tempo))") }
        if noControls, tempo != 1 || noKeyLock {
            throw ValidationError("\(tempo != 1 ? "--tempo" : "--no-key-lock") changes the musical controls; --no-controls turns them off")
        }
        // At least a second: a take of 1e-300 s printed "96.0 notes/s" and a five-chord plan for one note.
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be at least 1 and at most 600 (got \(seconds))") }
        guard (1...32).contains(bestOf) else { throw ValidationError("--best-of must be between 1 and 32 (got \(bestOf))") }
        if let program, !(0...127).contains(program) { throw ValidationError("--program must be between 0 and 127 (got \(program))") }
        if primer == nil, primerSeconds != nil || continuationOnly {
            throw ValidationError("--primer-seconds and --continuation-only need --primer FILE.mid")
        }
        if let primerSeconds, primerSeconds <= 0 {
            throw ValidationError("--primer-seconds must be more than 0 (got \(primerSeconds))")
        }
        guard key.lowercased() == "auto" || ChordPlan.tonic(named: key) != nil else {
            throw ValidationError("--key must be auto or a tonic C, C#, Db, D, … B (got \(key))")
        }
    }

    /// The judge's verdict on each segment of `arc`, from the notes that start in it (moved to start at 0).
    static func segmentVerdicts(_ notes: [EventVocabulary.DecodedNote], arc: EmotionArc, judge: MusicJudge) -> [MusicJudge.Verdict] {
        arc.segments.map { segment in
            judge.judge(notes.filter { $0.startSeconds >= segment.start && $0.startSeconds < segment.end }
                .map { var note = $0; note.startSeconds -= segment.start; return note })
        }
    }

    /// A length as typed: "30", "7.9".
    static func seconds(_ value: Double) -> String { String(format: "%g", value) }

    /// A pitch's name, kept to the piano (A0–C8).
    static func pitchName(_ pitch: Int) -> String { Note.name(of: UInt8(min(max(pitch, 21), 108))) }

    /// The range notes are kept to around centres from `centres` ("A1–A5").
    static func registerName(centres: ClosedRange<Int>, halfWidth: Int) -> String {
        pitchName(centres.lowerBound - halfWidth) + "–" + pitchName(centres.upperBound + halfWidth)
    }

    /// The range `controls` keep the notes to ("A1–A5"), or "any" without one.
    static func registerName(_ controls: MusicalControls) -> String {
        controls.registerCenter.map { registerName(centres: $0...$0, halfWidth: controls.registerHalfWidth) } ?? "any"
    }

    func run() throws {
        try checkArguments()
        Terminal.keepWorkingWithoutReader()
        do {
            // The outputs, the config and (with --wav) the soundfont are checked first: a bad one ends the command
            // before anything is composed or written (it was found only after the MIDI file had replaced the old one).
            if output == "-" { try StandardOutput.claim(flag: "-o", what: "MIDI file", example: "take.mid") }
            // "--wav -" is standard output too: the WAV is rendered into a temporary file, then copied.
            if wav == "-" { try StandardOutput.claim(flag: "--wav", what: "WAV", example: "take.wav") }
            for path in (output == "-" ? [] : [output]) + (wav.flatMap { $0 == "-" ? nil : [$0] } ?? []) {
                do { try OutputFile.check(path) } catch let refusal as OutputFile.Refusal {
                    throw MusicError.cannotWrite(file: path, reason: refusal.reason)
                }
            }
            // A WAV is written whole and moved into place, so a device or a pipe cannot take it: said before composing
            // (it was said after the take had been composed and written).
            if let wav, wav != "-" { try OfflineRenderer.checkWAVOutput(wav) }
            // The synthesiser is made now, its soundfont loaded: one FluidSynth cannot read was found only after the
            // take had been composed.
            let synthesizer = try wav.map { _ in
                let config = try LoadedConfig.load()
                _ = try SoundfontLocator(flag: soundfont, configured: config.soundfont).resolve()
                return try Synthesizer(soundfontFlag: soundfont, configured: config.soundfont,
                                       gain: gain ?? config.gain ?? Synthesizer.defaultGain,
                                       threads: ProcessInfo.processInfo.activeProcessorCount)
            }
            var point: CircumplexPoint
            var source = ""
            var emotionArc: EmotionArc?
            var emotionName: (String) -> String = { $0 }
            var arcNote = ""
            let text = try (self.text ?? textFile.map(TextFile.read)).map(TextFile.lineBreaks)
            if let text {
                // From here on Ctrl-C is answered as while composing (see the sentences' reading below).
                Terminal.catchInterrupts()
                let classifier = try EmotionClassifier(normalizer: TextNormalizer(teencode: .shippedWithUserEntries()))
                // Read as `analyze` and the studio read it: with this user's corrections, unless --no-personal.
                let personal = noPersonal ? nil : PersonalCorrections(classifier: classifier)
                let analysis = try classifier.analyze(text)
                var distribution = analysis.distribution
                if let personal { distribution = personal.adjust(distribution, text: text) }
                point = distribution.point
                let winner = distribution.winner
                // A correction of yours that decided the winner is said (the report read as the model's own reading).
                let corrected = distribution.winner != analysis.distribution.winner
                source = String(format: "  (from the text: %@ %.2f%@)", winner.name(english: english),
                                distribution.probability(of: winner.code) ?? 0, corrected ? ", your correction" : "")
                let labels = classifier.labels, english = self.english
                emotionName = { code in labels.first { $0.code == code }?.name(english: english) ?? code }
                let chosen = personal?.chosenClass(for: text, reading: analysis.distribution)
                if arc == "on", chosen == nil {
                    // A long text's sentences take a while (100,000 of them 67 s): said as they are read, and Ctrl-C
                    // stops as it does while composing (it ended the process with no word).
                    var shown = -1
                    // Past a third of a second, however many sentences (200 sentences of a megabyte read for
                    // seconds without a word: only 1,000 sentences or more were counted).
                    let began = ContinuousClock.now
                    guard let readings = classifier.analyzeSentences(text, progress: { done, total in
                        if Terminal.interrupted.load(ordering: .relaxed) { return false }
                        let percent = total >= 1_000 || ContinuousClock.now - began > .milliseconds(330) ? done * 100 / total : -1
                        if percent != shown {
                            shown = percent
                            Terminal.status("reading \(total) sentences… \(percent)%")
                        }
                        return true
                    }) else {
                        Terminal.clearStatus()
                        Failure.printError("stopped; " + unwritten)
                        throw ExitCode(130)
                    }
                    if shown >= 0 { Terminal.clearStatus() }
                    if readings.count > 1 {
                        emotionArc = EmotionArc.layout(readings.map { sentence in
                            let reading = personal?.adjust(sentence.analysis.distribution, text: sentence.sentence)
                                ?? sentence.analysis.distribution
                            return EmotionArc.Reading(sentence: sentence.sentence, syllables: sentence.syllables,
                                                      valence: reading.point.valence, arousal: reading.point.arousal,
                                                      emotion: reading.winner.code)
                        }, whole: .init(valence: point.valence, arousal: point.arousal), lengthSeconds: seconds)
                        if emotionArc?.segments.count == 1 {
                            // Too short for two segments: the text's one point, not its sentences' mean.
                            emotionArc = nil
                            arcNote = String(format: "arc       none: %@ s holds one segment of at least %.0f s; composed for the whole text's point\n",
                                             Self.seconds(seconds), EmotionArc.minimumSegmentSeconds)
                        }
                    }
                } else if arc == "on", let chosen, SentenceSplitter.split(text).count > 1 {
                    arcNote = "arc       none: this text's emotion was set by hand (\(emotionName(chosen)), your corrections); composed for that one point\n"
                }
                if let readAs = analysis.readAs {
                    // Said, as `analyze` says it: the text was read through the input method.
                    Failure.printError("note: read as typed with the input method off: «\(Analyze.shown(readAs))»")
                }
                if analysis.truncatedTokens > 0 {
                    Failure.printError("note: the whole text was read to its first \(analysis.tokenCount) of \(analysis.tokenCount + analysis.truncatedTokens) tokens"
                                       + (emotionArc == nil ? "" : " (the arc reads each sentence)"))
                }
            } else {
                point = CircumplexPoint(valence: valence ?? 0, arousal: arousal ?? 0)
                if point.clamped != point {
                    Failure.printError(String(format: "note: (%.2f, %.2f) is outside [−1, 1]²; using (%.2f, %.2f)",
                                              point.valence, point.arousal, point.clamped.valence, point.clamped.arousal))
                    point = point.clamped
                }
            }
            let (generator, folder) = try Generator.loadShipped()
            let model = generator.model
            // A bad primer stops here, before anything is printed or written.
            let primer = try self.primer.map {
                try Primer.read(path: $0, vocabulary: generator.vocabulary, maximumSeconds: primerSeconds)
            }
            // Ctrl-C caught from the text's reading on (see above) stops here too, not only once composing begins.
            if Terminal.interrupted.load(ordering: .relaxed) {
                Failure.printError("stopped; " + unwritten)
                throw ExitCode(130)
            }
            for notice in primer?.notices ?? [] { Failure.printError("note: " + notice) }
            let seed = self.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
            // The continuation stays in the primer's key unless --key says otherwise (the mode follows valence).
            let tonic = ChordPlan.tonic(named: key) ?? primer?.keyTonic
            var controls = noControls ? nil : MusicalControls.derived(valence: point.valence, arousal: point.arousal)
            if let tonic, controls?.keyTonic != nil { controls?.keyTonic = tonic }  // the older model's key bias
            // A continuation keeps its primer's pace: the network reads the primer at the file's own tempo, and a
            // tempo scale from the target's arousal made the new part ×0.82–×1.22 faster than what it continues.
            if primer != nil { controls?.tempoScale = 1 }
            // As the studio's tempo row and key lock apply them.
            controls?.tempoScale *= tempo
            if noKeyLock { controls?.keyTonic = nil }
            let settings = Generator.Settings(sampling: .init(temperature: temperature, topK: topK, topP: topP),
                                              guidance: guidance, controls: controls)
            let condition = Generator.condition(valence: point.valence, arousal: point.arousal)
            var request = Generator.Request(valence: condition.valence, arousal: condition.arousal,
                                            lengthSeconds: seconds, seed: seed, keyTonic: tonic, arc: emotionArc,
                                            primerTokens: primer?.tokens ?? [], beatSeconds: primer?.beatSeconds)
            // A key the user named is written as they wrote it (--key C# is C# major, not Db major), a primer's key
            // as its file writes it.
            request.keySpelling = key.lowercased() == "auto" ? primer?.keySpelling : key
            let spelling = request.keySpelling
            Terminal.standardOutput(String(format: "target    (V, A) = (%+.2f, %+.2f) · %@", Terminal.hundredths(point.valence), Terminal.hundredths(point.arousal),
                                           Quadrants.name(point.quadrant, english: english)) + source + "\n")
            Terminal.standardOutput(arcNote)
            if let emotionArc {
                let merged = emotionArc.merges.isEmpty ? "" : String(format: "; sentences merged to fit %@ s (at least %.0f s each): ", Self.seconds(seconds), EmotionArc.minimumSegmentSeconds)
                    + emotionArc.merges.map { "\($0.first ?? 0)–\($0.last ?? 0)" }.joined(separator: ", ")
                let after = primer == nil ? "" : " (times from the primer's last onset)"
                Terminal.standardOutput("arc       \(emotionArc.segments.count) segment\(emotionArc.segments.count == 1 ? "" : "s"), the point gliding over \(Int(EmotionArc.glideSeconds)) s between them\(merged)\(after)\n"
                                        + emotionArc.lines(name: emotionName).map { "          " + Terminal.printable($0) + "\n" }.joined())
            }
            if let primer {
                Terminal.standardOutput("primer    \(Terminal.printable(primer.record.summary)), in "
                                        + MusicalFeatures(notes: primer.networkNotes).keyName + "\n")
            }
            let judge = try MusicJudge(path: folder + "/music-judge.json")
            Terminal.catchInterrupts()
            var best: (notes: [EventVocabulary.DecodedNote], verdict: MusicJudge.Verdict, distance: Double, seed: UInt64,
                       segments: [MusicJudge.Verdict], tempoMap: TempoMap)?
            let candidates: [(notes: [EventVocabulary.DecodedNote], tempoMap: TempoMap)]
            if bestOf == 1 {
                var shown = -1
                candidates = [generator.generate(
                    request, settings: { settings }, isCancelled: { Terminal.interrupted.load(ordering: .relaxed) },
                    onNote: { note in
                        let percent = Int(min(note.startSeconds / seconds, 1) * 100)
                        if percent != shown {
                            shown = percent
                            Terminal.status("composing… \(percent)%")
                        }
                    })].map { ($0.notes, $0.tempoMap) }
            } else {
                let what = primer == nil ? "composing \(bestOf) takes at once… " : "composing \(bestOf) takes… "
                var shown = -1
                Terminal.status(what + "0%")
                candidates = generator.generateBatch(request, count: bestOf, settings: { settings },
                                                     isCancelled: { Terminal.interrupted.load(ordering: .relaxed) },
                                                     onProgress: { share in
                                                         let percent = Int(share * 100)
                                                         if percent != shown {
                                                             shown = percent
                                                             Terminal.status(what + "\(percent)%")
                                                         }
                                                     })
            }
            if Terminal.interrupted.load(ordering: .relaxed) {
                Terminal.clearStatus()
                Failure.printError("stopped; " + unwritten)
                throw ExitCode(130)
            }
            // Each candidate is resolved into the take a file would hold (same-key strikes at one tick, overlaps)
            // before anything is judged or printed, so the printout, the judge and the file agree.
            // Along an arc, the distance is each segment's from its own point, weighted by the segment's length.
            func squared(_ verdict: MusicJudge.Verdict, _ valence: Double, _ arousal: Double) -> Double {
                (verdict.valence - valence) * (verdict.valence - valence) + (verdict.arousal - arousal) * (verdict.arousal - arousal)
            }
            for (candidate, generated) in candidates.enumerated() {
                // On the take's own beats (`BeatClock`): the file's tempo is the one the music was played at.
                let notes = Take.resolved(generated.notes, tempoMap: generated.tempoMap)
                let verdict = judge.judge(notes)
                var distance = squared(verdict, point.valence, point.arousal)
                let segments = emotionArc.map { Self.segmentVerdicts(notes, arc: $0, judge: judge) } ?? []
                if let emotionArc {
                    distance = zip(emotionArc.segments, segments).reduce(0) {
                        $0 + ($1.0.end - $1.0.start) / seconds * squared($1.1, $1.0.valence, $1.0.arousal)
                    }
                }
                if distance < (best?.distance ?? .infinity) {
                    best = (notes, verdict, distance, seed &+ UInt64(candidate), segments, generated.tempoMap)
                }
            }
            Terminal.clearStatus()
            guard let best else {
                Failure.printError("the music judge placed no take (is \(folder)/music-judge.json damaged?)")
                throw ExitCode(65)
            }
            let result = (notes: best.notes, seed: best.seed)
            let emotionTitle = text.map { TakeMetadata.title(from: $0) } ?? String(format: "V %+.2f A %+.2f", point.valence, point.arousal)
            var metadata = TakeMetadata(
                title: primer.map { "\($0.name) continued, \(emotionTitle)" } ?? emotionTitle,
                text: text, valence: point.valence, arousal: point.arousal,
                sampling: SamplingSettings(temperature: temperature, topK: topK, topP: topP, guidance: guidance,
                                           seed: result.seed, lengthSeconds: seconds),
                modelID: "\(model.config.name) \(model.config.version)", keyLock: noKeyLock ? false : nil,
                tempoScale: tempo != 1 ? tempo : nil)
            var plannedRequest = request
            plannedRequest.seed = result.seed
            let plans = generator.plans(for: plannedRequest)
            // The file's timeline starts with the primer: the arc, timed from the continuation's start, moves with it.
            metadata.arc = emotionArc.map { continuationOnly ? $0 : $0.shifted(by: primer?.continuationStartSeconds ?? 0) }
            let harmony = Generator.harmonySummary(plans)
            let plannedChords = plans.reduce(0) { $0 + $1.chords.count }
            metadata = metadata.with(harmony: harmony)
            var record = primer?.record
            if continuationOnly {
                let start = record?.continuationStartSeconds
                record?.continuationOnlyFromSeconds = start
                record?.continuationStartSeconds = nil
            }
            metadata = metadata.with(primer: record)
            var take = primer.flatMap { continuationOnly ? nil : $0 }
                // The primer's instrument goes on unless --program names another (a violin primer came back piano,
                // without a word).
                .map { $0.take(continuedWith: result.notes, tempoMap: best.tempoMap, program: UInt8(program ?? Int($0.sourceProgram)), metadata: metadata) }
                ?? Take(decodedNotes: result.notes, tempoMap: best.tempoMap,
                        // The new part alone is in the primer's metre where it starts (it was always 4/4).
                        timeSignature: primer.map { $0.take.timeSignature(atTick: $0.take.tempoMap.tick(atSeconds: $0.continuationStartSeconds)) }
                            ?? TimeSignature(),
                        program: UInt8(program ?? primer.map { Int($0.sourceProgram) } ?? 0), metadata: metadata).resolvingOverlaps()
            // The key its plan is in (each segment's where it starts along an arc); a continuation keeps its primer's
            // up to where the new music starts (the plan's key written at time 0 claimed it for a primer in another
            // key), and says its plans' from there.
            let origin = continuationOnly ? 0 : primer?.continuationStartSeconds ?? 0
            (take.keySignature, take.keyChanges) = Take.planKeys(
                plans.map(\.keySignature), arc: emotionArc?.shifted(by: origin), fromSeconds: origin,
                after: (take.keySignature, take.keyChanges), tempoMap: take.tempoMap,
                timeSignature: take.timeSignature, meterChanges: take.meterChanges)
            let features = MusicalFeatures(notes: primer == nil || continuationOnly ? result.notes : take.decodedNotes)
            let written = try writeTake(take)
            Terminal.standardOutput(String(format: "sampling  temperature %.2f, top-k %@, top-p %.2f, guidance %.1f, seed %@",
                                           temperature + 0, Info.topK(topK), topP, guidance, String(result.seed))  // -0 shown as 0
                                    + (tempo != 1 ? String(format: ", tempo set ×%.2f", tempo) : "") + (noKeyLock ? ", key lock off" : "")
                                    + (bestOf > 1 ? " (best of \(bestOf) from seed \(seed))" : "") + "\n")
            // The register as the range the notes are kept to (it said "register around A3" for sad takes whose mean
            // pitch was E4: the centre of a range four octaves wide is no place the music sits).
            let halfWidth = controls?.registerHalfWidth ?? MusicalControls.Mapping().registerHalfWidth
            if controls != nil, let plan = plans.first, let ranges = emotionArc?.controlRanges {
                // Along an arc each segment's point has its own controls: their ranges, not the whole text's point's.
                Terminal.standardOutput(String(format: "controls  %@ (chord plan, %d chord%@); along the arc velocity %d–%d, notes ≤ %.1f–%.1f s, register %@, tempo %@\n",
                                               harmony ?? plan.summary(), plannedChords, plannedChords == 1 ? "" : "s",
                                               ranges.velocity.lowerBound, ranges.velocity.upperBound,
                                               ranges.longestNote.lowerBound, ranges.longestNote.upperBound,
                                               Self.registerName(centres: ranges.register, halfWidth: halfWidth),
                                               // A continuation keeps its primer's pace along the arc too.
                                               // Times the tempo set by hand, as the take plays it.
                                               primer == nil ? String(format: "×%.2f–%.2f", ranges.tempo.lowerBound * tempo, ranges.tempo.upperBound * tempo)
                                                   : String(format: "×%.2f", tempo)))
            } else if let controls, let plan = plans.first {
                Terminal.standardOutput(String(format: "controls  %@ (chord plan, %d chord%@), velocity %d–%d, notes ≤ %.1f s, register %@, tempo ×%.2f\n",
                                               harmony ?? plan.summary(), plannedChords, plannedChords == 1 ? "" : "s",
                                               controls.velocityRange?.lowerBound ?? 0, controls.velocityRange?.upperBound ?? 127,
                                               controls.durationRange?.upperBound ?? 0,
                                               Self.registerName(controls), controls.tempoScale))
            } else if !plans.isEmpty {
                Terminal.standardOutput("controls  off; \(harmony ?? "") (chord plan, \(plannedChords) chord\(plannedChords == 1 ? "" : "s"))\n")
            } else if let controls {
                let chords = controls.progressionName.map { String(format: " (chords %@, %.0f s each)", $0, controls.chordSeconds) } ?? ""
                Terminal.standardOutput(String(format: "controls  %@%@, velocity %d–%d, notes ≤ %.1f s, register %@, tempo ×%.2f\n",
                                               KeySignature(tonic: controls.keyTonic ?? 0, minor: controls.keyMode == .minor).spelled(as: spelling).name, chords,
                                               controls.velocityRange?.lowerBound ?? 0, controls.velocityRange?.upperBound ?? 127,
                                               controls.durationRange?.upperBound ?? 0,
                                               Self.registerName(controls), controls.tempoScale))
            }
            Terminal.standardOutput(String(format: "take      %d note%@ in %.1f s: %.1f notes/s, mean velocity %.0f, mean pitch %@ (%@–%@), key %@, %d pitch class%@\n",
                                           features.notes, features.notes == 1 ? "" : "s", features.seconds, features.notesPerSecond, features.meanVelocity,
                                           Note.name(of: UInt8(min(max(features.meanPitch.rounded(), 0), 127))),
                                           Note.name(of: UInt8(features.lowestPitch)), Note.name(of: UInt8(features.highestPitch)),
                                           KeySignature(tonic: features.keyTonic, minor: features.keyMode == .minor).spelled(as: spelling).name,
                                           features.pitchClasses, features.pitchClasses == 1 ? "" : "es"))
            let judged = CircumplexPoint(valence: best.verdict.valence, arousal: best.verdict.arousal)
            Terminal.standardOutput(String(format: "judged    (V, A) = (%+.2f, %+.2f) · %@%@\n", Terminal.hundredths(judged.valence), Terminal.hundredths(judged.arousal),
                                           Quadrants.name(judged.quadrant, english: english),
                                           primer == nil ? "" : " (the continuation alone)"))
            if let emotionArc {
                Terminal.standardOutput("          by segment: " + zip(emotionArc.segments.indices, best.segments).map { index, verdict in
                    let point = CircumplexPoint(valence: verdict.valence, arousal: verdict.arousal)
                    return String(format: "%d Q%d (%+.2f, %+.2f)", index + 1, point.quadrant, point.valence, point.arousal)
                }.joined(separator: ", ") + "\n")
            }
            Terminal.standardOutput("wrote     \(Terminal.printable(written))\n")
            if let wav, let synthesizer {
                // Ctrl-C, SIGTERM or SIGHUP while the WAV renders stop it as `render` stops: no WAV, the old one kept.
                let summary: OfflineRenderer.Summary
                do {
                    let path = wav == "-" ? StandardOutput.temporaryWAVPath() : wav
                    summary = try OfflineRenderer(synthesizer: synthesizer).renderWAV(take, to: path) { _ in
                        if Terminal.interrupted.load(ordering: .relaxed) { throw Render.Interrupted() }
                    }
                    if wav == "-" { try StandardOutput.sendWAV(path) }
                } catch is Render.Interrupted {
                    Failure.printError("stopped; \(wav == "-" ? "no WAV was written to standard output" : wav + " was not written") (\(written) was)")
                    throw ExitCode(130)
                }
                Terminal.standardOutput("wrote     \(wav == "-" ? "standard output (WAV)" : wav)\n")
                if let note = summary.clippingNote(gain: synthesizer.gain) { Failure.printError("note: " + note) }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }
}
