import CamXucEmotion
import CamXucText

extension StudioModel {
    /// Applies `message`; returns the effects to run. Pure: the same model and message always give the same result.
    public mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case let .key(key):
            return handleKey(key)
        case let .paste(text):
            guard focus == .text else { return [] }
            editor.handle(.paste(text))
            return [.analyze(editor.text)]
        case let .analyzed(text, distribution):
            guard text == editor.text else { return [] }  // an answer for older text
            self.distribution = distribution
            let point = distribution.point
            if let old = textPoint, old != point { trail = Array((trail + [old]).suffix(6)) }
            if target == nil || target == textPoint { target = point }
            textPoint = point
            return []
        case let .note(id, note):
            guard let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
            takes[index].notes.append(note)
            return []
        case let .finished(id, judged):
            guard let index = takes.firstIndex(where: { $0.id == id }) else { return [] }
            takes[index].finished = true
            takes[index].judged = judged
            if generatingTake == id { generatingTake = nil }
            return []
        case let .playhead(take, seconds):
            playing = take
            playhead = seconds
            return []
        case let .failed(text):
            error = text
            notice = nil
            return []
        case let .notice(text):
            notice = text
            error = nil
            return []
        }
    }

    mutating func handleKey(_ key: String) -> [Effect] {
        if showHelp {
            showHelp = false
            return key == "Ctrl-C" ? quit() : []
        }
        error = nil
        notice = nil
        if let action = KeyMap.action(for: key, focus: focus) {
            return perform(action)
        }
        guard focus == .text else { return [] }
        switch key {
        case "Backspace": editor.handle(.backspace)
        case "Delete": editor.handle(.delete)
        case "←": editor.handle(.left)
        case "→": editor.handle(.right)
        case "Home": editor.handle(.home)
        case "End": editor.handle(.end)
        case "Ctrl-←": editor.handle(.wordLeft)
        case "Ctrl-→": editor.handle(.wordRight)
        case "Ctrl-W": editor.handle(.deleteWordBackward)
        case "↑": editor.handle(.historyUp)
        case "↓": editor.handle(.historyDown)
        case "Space": editor.handle(.character(" "))
        default:
            guard key.count == 1, let character = key.first else { return [] }
            editor.handle(.character(character))
        }
        return [.analyze(editor.text)]
    }

    mutating func quit() -> [Effect] {
        quitting = true
        return [.stop, .quit]
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let panels = Panel.allCases
        switch action {
        case .quit:
            return quit()
        case .help:
            showHelp = true
        case .nextPanel, .previousPanel:
            let index = panels.firstIndex(of: focus) ?? 0
            focus = panels[(index + (action == .nextPanel ? 1 : panels.count - 1)) % panels.count]
        case .leaveText:
            focus = .emotion
        case .toggleInputMethod:
            editor.inputMethod = editor.inputMethod == nil ? InputMethod(.telex) : nil
        case .language:
            english.toggle()
        case .generate:
            if focus == .text { _ = editor.commit() }
            guard let target else {
                error = english ? "type some text first" : "hãy gõ vài chữ trước"
                return []
            }
            let id = (takes.map(\.id).max() ?? 0) + 1
            if !parameters.seedLocked { parameters.seed = parameters.seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
            let title = editor.text.isEmpty ? "take \(id)" : String(editor.text.prefix(40))
            takes.append(TakeEntry(id: id, title: title, notes: [], target: target, judged: nil, finished: false))
            selectedTake = id
            generatingTake = id
            return [.generate(take: id, target: target, parameters: parameters)]
        case .playStop:
            if playing != nil { return [.stop] }
            guard let id = selectedTake else { return [] }
            return [.play(take: id, loop: looping)]
        case .loop:
            looping.toggle()
            if let id = playing { return [.play(take: id, loop: looping)] }
        case .save, .saveWithWAV:
            guard let id = selectedTake else { return [] }
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
                let ids = takes.map(\.id)
                if let current = selectedTake, let index = ids.firstIndex(of: current) {
                    selectedTake = ids[min(max(index + step, 0), ids.count - 1)]
                }
            default:
                break
            }
        case .moveLeft, .moveRight, .bigLeft, .bigRight:
            let sign = (action == .moveLeft || action == .bigLeft) ? -1 : 1
            switch focus {
            case .parameters:
                parameters.adjust(selectedParameter, by: sign * (action == .bigLeft || action == .bigRight ? 10 : 1))
                if generatingTake != nil { return [.updateGeneration(parameters)] }
            case .circumplex:
                moveTarget(valence: 0.05 * Double(sign), arousal: 0)
            case .roll:
                roll.startSeconds = max(roll.startSeconds + Double(sign) * 8 * roll.secondsPerColumn, 0)
            default:
                break
            }
        case .reset:
            parameters.reset(selectedParameter)
            if generatingTake != nil { return [.updateGeneration(parameters)] }
        case .returnToText:
            target = textPoint
        case .zoomIn:
            roll.secondsPerColumn = max(roll.secondsPerColumn / 2, 0.03125)
        case .zoomOut:
            roll.secondsPerColumn = min(roll.secondsPerColumn * 2, 4)
        case .rollStart:
            roll.startSeconds = 0
        case .delete:
            guard let id = selectedTake, generatingTake != id else { return [] }
            takes.removeAll { $0.id == id }
            selectedTake = takes.last?.id
            return playing == id ? [.stop, .forget(take: id)] : [.forget(take: id)]
        }
        return []
    }

    mutating func moveTarget(valence: Double, arousal: Double) {
        let current = target ?? CircumplexPoint(valence: 0, arousal: 0)
        target = CircumplexPoint(valence: current.valence + valence, arousal: current.arousal + arousal).clamped
    }
}
