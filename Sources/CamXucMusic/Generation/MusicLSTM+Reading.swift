extension MusicLSTM {
    /// Feeds `tokens` one after another to every stream of `state`, as `step` would, stream b under its own
    /// condition `conditions[b*3..<b*3+3]` and with no chord plan (chord 25, key 24), without computing logits:
    /// for a primer, whose events are known in advance.
    ///
    /// Layer by layer: the first layer's recurrence runs event by event; each higher layer's input share
    /// (W_ih·h + b_ih) for every event is one matrix product over the layer below's outputs, so only the
    /// recurrent part is left per event. The state is `step`'s up to the rounding of that product.
    public func read(tokens: [Int], conditions: [Float], state: inout State) {
        let batch = state.batch, h = config.hidden, count = tokens.count
        guard count > 0 else { return }
        precondition(conditions.count == batch * Self.conditionSize, "MusicLSTM.read: batch sizes differ")
        let rows = count * batch, width = 4 * h
        var gates = [Float](repeating: 0, count: rows * width)
        var outputs = [Float](repeating: 0, count: rows * h)
        gates.withUnsafeMutableBufferPointer { gates in
            let base = gates.baseAddress!
            firstLayerTable.withUnsafeBufferPointer { table in
                for (t, token) in tokens.enumerated() {
                    let token = min(max(token, 0), config.vocabularySize - 1)
                    for b in 0..<batch {
                        (base + (t * batch + b) * width).update(from: table.baseAddress! + token * width, count: width)
                    }
                }
            }
            if config.hasChordInputs { addChordShare(chords: [], keys: [], batch: rows, into: base) }
            if !state.copies.isEmpty {
                for (t, token) in tokens.enumerated() {
                    for b in 0..<batch {
                        state.copies[b].observe(token)
                        addCopyShare(state.copies[b], into: base + (t * batch + b) * width)
                    }
                }
            }
            let repeated = [Float]((0..<count).map { _ in conditions }.joined())
            repeated.withUnsafeBufferPointer { values in
                layers[0].accumulateInput(columns: conditionColumns, values: values.baseAddress!, batch: rows, into: base)
            }
            for (index, layer) in layers.enumerated() {
                if index > 0 {
                    outputs.withUnsafeBufferPointer { layer.inputShare($0.baseAddress!, count: rows, into: base) }
                }
                state.h[index].withUnsafeMutableBufferPointer { hBuffer in
                    state.c[index].withUnsafeMutableBufferPointer { cBuffer in
                        outputs.withUnsafeMutableBufferPointer { out in
                            for t in 0..<count {
                                layer.step(inputGates: base + t * batch * width, batch: batch, h: hBuffer.baseAddress!,
                                           c: cBuffer.baseAddress!)
                                (out.baseAddress! + t * batch * h).update(from: hBuffer.baseAddress!, count: batch * h)
                            }
                        }
                    }
                }
            }
        }
    }
}
