"""Checks an exported chord-conditioned LSTM (train_gpu.py's --out folder) with a step-by-step numpy forward pass,
written as Swift should run it, against the golden fixture that train_gpu.py wrote from PyTorch.

    Models/training/.venv/bin/python Models/training/music/check_export.py --model DIR

One step, for each stream (conditioned, and unconditioned with condition 0, 0, 0):
  layer 0 input share  = E[token] + C[chord id] + K[key id] + W_cond · (valence, arousal, present) + b_ih0
      where E = W_ih0[:, event columns] · embedding.weightᵀ (4H × 239), C = W_ih0[:, chord columns] ·
      chord_embedding.weightᵀ (4H × 26), K = W_ih0[:, key columns] · key_embedding.weightᵀ (4H × 25) are tables made
      once at load, and W_cond = the last three columns of W_ih0 (input_layout in the JSON gives the columns);
      + W_tones · tones + W_root · root: the 12 + 12 absolute chord features (1.0 at the pitch classes of the
      chord's root, third and fifth; 1.0 at its root), root = (key tonic + relative root) mod 12, zero for chord
      0 or 25 or key 24
      + W_copy3[:, three] + W_copy2[:, two] for a model with lookback inputs (`copy` in the JSON): after reading
      the token, `three` / `two` is the pitch that followed the latest earlier place where the stream's last three /
      two NOTEs were played in the same order (searched back through every NOTE read; none: no column)
  gates = input share + W_hh · h + b_hh, split in PyTorch's order i, f, g, o (H each)
  c ← σ(f)·c + σ(i)·tanh(g);  h ← σ(o)·tanh(c);  the next layer's input is h
  logits = output.weight · h_last + output.bias;  guided = uncond + w·(cond − uncond)
Exits non-zero when the logits differ from PyTorch's by more than 1e-3 or an argmax continuation differs.
"""
import argparse
import json
import os
import sys

import numpy as np
from safetensors.numpy import load_file


class NumpyChordLSTM:
    def __init__(self, folder):
        with open(os.path.join(folder, "music-lstm-chords.json")) as f:
            self.config = json.load(f)
        t = {k: v.astype(np.float32) for k, v in load_file(os.path.join(folder, "music-lstm-chords.safetensors")).items()}
        layout = {part["name"]: part for part in self.config["input_layout"]}
        w0 = t["lstm.weight_ih_l0"]

        def columns(name):
            part = layout[name]
            return w0[:, part["offset"]:part["offset"] + part["size"]]

        self.event_table = columns("event") @ t["embedding.weight"].T            # 4H × 239
        self.chord_table = columns("chord") @ t["chord_embedding.weight"].T      # 4H × 26
        self.key_table = columns("key") @ t["key_embedding.weight"].T            # 4H × 25
        self.condition_columns = columns("condition")                            # 4H × 3
        self.tone_columns = columns("chord_tones")                               # 4H × 12
        self.root_columns = columns("chord_root")                                # 4H × 12
        self.copy = self.config.get("copy")
        if self.copy:
            self.copy_columns = (columns("copy_three"), columns("copy_two"))   # 4H × 88 each
        self.layers = self.config["layers"]
        self.hidden = self.config["hidden"]
        self.w_ih = [None] + [t[f"lstm.weight_ih_l{i}"] for i in range(1, self.layers)]
        self.w_hh = [t[f"lstm.weight_hh_l{i}"] for i in range(self.layers)]
        self.b_ih = [t[f"lstm.bias_ih_l{i}"] for i in range(self.layers)]
        self.b_hh = [t[f"lstm.bias_hh_l{i}"] for i in range(self.layers)]
        self.out_w, self.out_b = t["output.weight"], t["output.bias"]

    def initial_state(self):
        """Each layer's (h, c), then the NOTEs read so far (pitch indices)."""
        return [(np.zeros(self.hidden, np.float32), np.zeros(self.hidden, np.float32))
                for _ in range(self.layers)] + [[]]

    @staticmethod
    def follower(notes, context):
        for end in range(len(notes) - 2, context - 2, -1):
            if notes[end - context + 1:end + 1] == notes[len(notes) - context:]:
                return notes[end + 1]
        return -1

    def step(self, token, chord_id, key_id, condition, state):
        tones, root = np.zeros(12, np.float32), np.zeros(12, np.float32)
        if 1 <= chord_id <= 24 and key_id < 24:
            r = (key_id % 12 + (chord_id - 1) // 2) % 12
            minor = (chord_id - 1) % 2
            tones[[r, (r + 4 - minor) % 12, (r + 7) % 12]] = 1.0
            root[r] = 1.0
        x_share = (self.event_table[:, token] + self.chord_table[:, chord_id] + self.key_table[:, key_id]
                   + self.tone_columns @ tones + self.root_columns @ root
                   + self.condition_columns @ np.asarray(condition, np.float32) + self.b_ih[0])
        notes = list(state[-1])
        if self.copy:
            if 0 <= token - self.copy["note_base"] < self.copy["pitches"]:
                notes.append(token - self.copy["note_base"])
            for columns, context in zip(self.copy_columns, (3, 2)):
                found = self.follower(notes, context) if len(notes) > context else -1
                if found >= 0:
                    x_share = x_share + columns[:, found]
        new_state, h_in = [], None
        for layer in range(self.layers):
            h, c = state[layer]
            share = x_share if layer == 0 else self.w_ih[layer] @ h_in + self.b_ih[layer]
            gates = share + self.w_hh[layer] @ h + self.b_hh[layer]
            i, f, g, o = np.split(gates, 4)
            sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            new_state.append((h, c))
            h_in = h
        return self.out_w @ h_in + self.out_b, new_state + [notes]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    model = NumpyChordLSTM(args.model)
    with open(os.path.join(args.model, "music-lstm-chords-golden.json")) as f:
        golden = json.load(f)
    key, condition = golden["key"], golden["condition"]
    state = model.initial_state()
    logits = None
    for token, chord_id in zip(golden["prefix"], golden["chords"]):
        logits, state = model.step(token, chord_id, key, condition, state)
    difference = float(np.abs(logits - np.array(golden["logits_last"])).max())
    ok = difference < 1e-3
    print(f"prefix of {len(golden['prefix'])} events: largest logit difference {difference:.2e}")
    for w, expected in golden["continuations"].items():
        w = float(w)
        streams = [model.initial_state(), model.initial_state()]
        conditions = [condition, [0.0, 0.0, 0.0]]
        for token, chord_id in zip(golden["prefix"][:-1], golden["chords"][:-1]):
            for s in range(2):
                _, streams[s] = model.step(token, chord_id, key, conditions[s], streams[s])
        token, chord_id, produced = golden["prefix"][-1], golden["chords"][-1], []
        for _ in range(len(expected)):
            outs = []
            for s in range(2):
                out, streams[s] = model.step(token, chord_id, key, conditions[s], streams[s])
                outs.append(out)
            token = int(np.argmax(outs[1] + w * (outs[0] - outs[1])))
            produced.append(token)
        same = sum(1 for a, b in zip(produced, expected) if a == b)
        print(f"guidance {w}: {same}/{len(expected)} argmax steps identical")
        ok = ok and same == len(expected)
    print("OK" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
