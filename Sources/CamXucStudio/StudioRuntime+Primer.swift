import CamXucEmotion
import CamXucMusic
import CamXucSupport
import Foundation

extension StudioRuntime {
    /// Claims `take`'s id in the store (another studio on the same folder may have taken it: then the model's take
    /// is renumbered) and returns the id to use.
    func claim(_ take: Int, in model: inout StudioModel) -> Int {
        var id = take
        do {
            id = try store.claim(preferred: take)
        } catch {
            _ = model.update(.failed(english: english, error))
        }
        if id != take { _ = model.update(.renumbered(from: take, to: id)) }
        return id
    }

    /// `o`: reads the MIDI file at `typed` (a leading "~/" is the home folder) as `Primer` does, on a worker (a
    /// file of millions of notes held the screen, deaf to Ctrl-C, for as long as it took), and posts it as take
    /// `take`, or one line saying why it cannot be used and the id handed back. The id is claimed in the store at
    /// once: claimed once the file was read, it was taken by any take begun meanwhile, and the file got the next.
    func open(_ typed: String, as take: Int, in model: inout StudioModel) {
        let take = claim(take, in: &model)
        guard let generator else {
            post(.failed(generatorProblem ?? "music model not found; set CAMXUC_MODELS"))
            store.release(take)
            post(.openFailed(take: take))
            return
        }
        let judge = self.judge, english = self.english
        Thread { [self] in
            do {
                // On the worker: finding a name spelled another way lists folders (it ran on the screen's thread).
                // As typed; where nothing is there, as a terminal pastes a dropped file's path (quoted, escaped): a name
                // with a quote or a backslash in it is opened as typed.
                var path = PathCompletion.onDisk(HomeFolder.expanding(typed))
                if !FileManager.default.fileExists(atPath: path), let dropped = PathCompletion.dropped(typed) {
                    let other = PathCompletion.onDisk(HomeFolder.expanding(dropped))
                    if FileManager.default.fileExists(atPath: other) { path = other }
                }
                let primer = try Primer.read(path: path, vocabulary: generator.vocabulary)
                let verdict = judge?.judge(primer.notes)
                let own = primer.sourceMetadata.modelID != nil  // a CamXuc take
                post(.opened(take: take, OpenedFile(name: primer.name, notes: primer.notes, record: primer.record,
                                                  notices: primer.notices,
                                                  judged: verdict.map { CircumplexPoint(valence: $0.valence, arousal: $0.arousal) },
                                                  tempoMap: primer.take.tempoMap, timeSignature: primer.take.timeSignature,
                                                  title: own ? primer.sourceMetadata.title : nil,
                                                  program: Int(primer.sourceProgram), meterChanges: primer.take.meterChanges,
                                                  keySignature: primer.take.keySignature, keyChanges: primer.take.keyChanges,
                                                  text: own ? primer.sourceMetadata.text : nil,
                                                  emotion: own ? Self.emotion(of: primer.sourceMetadata) : nil,
                                                  sampling: own ? primer.sourceMetadata.sampling : nil)))
            } catch {
                post(.failed(english: english, error))
                store.release(take)
                post(.openFailed(take: take))
            }
        }.start()
    }

    /// The emotion a take's metadata records, when it records one.
    static func emotion(of metadata: TakeMetadata) -> CircumplexPoint? {
        guard let valence = metadata.valence, let arousal = metadata.arousal, valence.isFinite, arousal.isFinite else { return nil }
        return CircumplexPoint(valence: valence, arousal: arousal).clamped
    }

    /// Tab in the path prompt: completes from the folder's entries.
    func completePath(_ typed: String) {
        let files = FileManager.default
        let result = PathCompletion.complete(typed) { typedFolder in
            // A folder named decomposed (NFD) is found by its composed name, as `o` finds files (Tab completed nothing
            // inside "Thuỷ ca/" made on a Mac).
            let folder = PathCompletion.onDisk(typedFolder)
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { return nil }
            return names.map { name in
                var isFolder: ObjCBool = false
                _ = files.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
                return (name, isFolder.boolValue)
            }
        }
        post(.pathCompleted(from: typed, to: result.text, candidates: result.candidates))
    }

    /// Composes take `take`'s continuation: its first `primerNotes` notes (the file or the part of its parent it
    /// keeps) set the network's state, and `seconds` of new music follow them.
    func continueTake(_ take: Int, target: CircumplexPoint, parameters: Parameters, seconds: Double, arc: EmotionArc? = nil,
                      in model: inout StudioModel) {
        let id = claim(take, in: &model)
        guard let generator, let entry = model.takes.first(where: { $0.id == id }) else {
            post(.failed(generatorProblem ?? "music model not found; set CAMXUC_MODELS"))
            post(.finished(take: id, judged: nil))
            return
        }
        do {
            let opening = Array(entry.notes.prefix(entry.primerNotes))
            // On the take's own tempo map, so that the continuation keeps its pace (`Primer.beatSeconds`): read as
            // 120 bpm, a 50-bpm file and a 128.8-bpm take went on at 120.
            var source = Take(decodedNotes: opening, tempoMap: entry.tempoMap ?? TempoMap(beatsPerMinute: 120),
                              timeSignature: entry.timeSignature ?? TimeSignature(), meterChanges: entry.meterChanges)
            // With its key signatures, so that the plan is spelt as the file spells its key (a C# major file went on
            // with a change to "Db major" at the join).
            (source.keySignature, source.keyChanges) = (entry.keySignature, entry.keyChanges)
            let primer = try Primer(take: source, name: entry.primer?.file ?? "take \(id)", vocabulary: generator.vocabulary)
            // Heard from two seconds before the continuation starts, so that it is heard coming out of the primer.
            let heardBy = options.listen
                ? listen(to: id, program: parameters.program, opening: opening,
                         fromSeconds: max(primer.continuationStartSeconds - Self.listenPrimerSeconds, 0), in: &model)
                : nil
            // Continuing a take of the studio's: the key its plan had ("A minor i–bVI–…"), which a key finder on
            // the few seconds kept (from an early playhead) may not find.
            let parentKey = entry.parent.flatMap { parent in model.takes.first { $0.id == parent }?.harmony }
                .flatMap { $0.split(separator: " ").first }.flatMap { ChordPlan.tonic(named: String($0)) }
            startGeneration(take: id, target: target, parameters: parameters, arc: arc, primer: primer, primerKey: parentKey,
                            seconds: seconds, heardBy: heardBy)
        } catch {
            post(.failed(english: english, error))
            post(.finished(take: id, judged: nil))
        }
    }
}
