"""Scores the distilled BiLSTM student (student.safetensors + student.json, as gpu_teacher.py writes them) on CPU.

    Models/training/.venv/bin/python Models/training/text/student_eval.py --model DIR [--data DIR] [--heldout TSV]

Prints UIT-VSMEC valid and test weighted F1, macro F1, accuracy and per-class recall (also with every diacritic
removed), and the accuracy on the everyday held-out file when it exists. Needs numpy and safetensors only: the
forward pass below is written step by step, as Swift runs it (CamXucTensor.LSTMLayer, PyTorch gate order i, f, g, o),
so it doubles as the reference for the Swift port.

The model, per sentence:
  tokens   = camxuc_text.normalize(text), the first `max_tokens`; no tokens → one [UNK]
  x[t]     = syllable_embedding[vocab id of token t, else 1]
             + folded_embedding[folded_vocab id of fold(token t), else 1]
  forward  = LSTM over x[0..n-1];  backward = LSTM over x[n-1..0], its outputs put back in text order
  h[t]     = [forward[t], backward[t]]                                  (2·hidden)
  features = [mean over t of h[t], max over t of h[t]]                  (4·hidden)
  p        = softmax((head.weight · features + head.bias) / temperature)
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textdata as td  # noqa: E402
from camxuc_text import fold, normalize  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(td.TRAINING))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class NumpyStudent:
    def __init__(self, config, tensors):
        self.config = config
        self.t = {name: np.asarray(value, dtype=np.float32) for name, value in tensors.items()}
        self.vocab = {token: i for i, token in enumerate(config["vocab"])}
        self.folded_vocab = {token: i for i, token in enumerate(config["folded_vocab"])}
        self.max_tokens = config["max_tokens"]
        self.temperature = config["temperature"]
        self.unk = config["unk"]

    @classmethod
    def load(cls, directory):
        from safetensors.numpy import load_file
        with open(os.path.join(directory, "student.json"), encoding="utf-8") as f:
            config = json.load(f)
        return cls(config, load_file(os.path.join(directory, "student.safetensors")))

    def encode_tokens(self, tokens):
        tokens = tokens[:self.max_tokens]
        if not tokens:
            return [self.unk], [self.unk]
        return ([self.vocab.get(t, self.unk) for t in tokens],
                [self.folded_vocab.get(fold(t), self.unk) for t in tokens])

    def encode(self, text):
        return self.encode_tokens(normalize(text)[0])

    def _lstm(self, prefix, x, lengths):
        """x [n, T, E] with each row's tokens first; returns h [n, T, H] (zeros past each row's length)."""
        wih, whh = self.t[prefix + ".weight_ih"], self.t[prefix + ".weight_hh"]
        b = self.t[prefix + ".bias_ih"] + self.t[prefix + ".bias_hh"]
        n, steps, _ = x.shape
        hidden = whh.shape[1]
        h = np.zeros((n, hidden), np.float32)
        c = np.zeros((n, hidden), np.float32)
        out = np.zeros((n, steps, hidden), np.float32)
        for t in range(steps):
            gates = x[:, t] @ wih.T + h @ whh.T + b
            i, f, g, o = np.split(gates, 4, axis=1)
            c_new = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h_new = sigmoid(o) * np.tanh(c_new)
            live = (t < lengths)[:, None]
            c = np.where(live, c_new, c)
            h = np.where(live, h_new, h)
            out[:, t] = np.where(live, h_new, 0)
        return out

    def logits(self, encoded):
        """Logits (before the temperature) for a list of (syllable ids, folded ids)."""
        result = []
        for start in range(0, len(encoded), 256):
            part = encoded[start:start + 256]
            lengths = np.array([len(s) for s, _ in part])
            steps = int(lengths.max())
            syl = np.zeros((len(part), steps), np.int64)
            fol = np.zeros((len(part), steps), np.int64)
            for row, (s, f) in enumerate(part):
                syl[row, :len(s)] = s
                fol[row, :len(f)] = f
            x = self.t["syllable_embedding"][syl] + self.t["folded_embedding"][fol]
            forward = self._lstm("forward", x, lengths)
            reverse = np.array([[n - 1 - t if t < n else t for t in range(steps)] for n in lengths])
            rows = np.arange(len(part))[:, None]
            backward = self._lstm("backward", x[rows, reverse], lengths)[rows, reverse]
            h = np.concatenate([forward, backward], axis=2)
            live = (np.arange(steps)[None, :] < lengths[:, None])[:, :, None]
            mean = (h * live).sum(1) / lengths[:, None]
            peak = np.where(live, h, -np.inf).max(1)
            features = np.concatenate([mean, peak], axis=1)
            result.append(features @ self.t["head.weight"].T + self.t["head.bias"])
        return np.concatenate(result).astype(np.float64)

    def probabilities(self, texts):
        return td.softmax(self.logits([self.encode(x) for x in texts]) / self.temperature)


def report(name, y, probabilities):
    s = td.scores(y, probabilities)
    print(f"{name:<28} weighted F1 {s['weighted_f1']:.4f}  macro F1 {s['macro_f1']:.4f}  accuracy {s['accuracy']:.4f}")
    print(f"{'':<28} recall: {td.recall_line(s)}")
    return s


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="folder with student.safetensors and student.json")
    default_data = os.path.join(ROOT, "..", "shared", "data", "text")
    if not os.path.isdir(default_data):
        default_data = os.path.join(ROOT, ".gpudata")
    parser.add_argument("--data", default=default_data, help="folder with UIT-VSMEC/ (and everyday/heldout.tsv)")
    parser.add_argument("--heldout", default=None, help="everyday held-out TSV (default: DATA/everyday/heldout.tsv, "
                                                        "then Models/training/corpus/everyday/heldout.tsv)")
    parser.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()

    student = NumpyStudent.load(args.model)
    print(f"student: vocab {len(student.config['vocab'])}, folded {len(student.config['folded_vocab'])}, "
          f"embedding {student.config['embedding']}, hidden {student.config['hidden']}, "
          f"temperature {student.temperature}, normalisation {student.config['normalization']}")
    if student.config["normalization"] != td.normalization_version():
        print(f"warning: this checkout's normaliser is {td.normalization_version()}")
    figures = {}
    for split in ("valid", "test"):
        x, y = td.load_vsmec(args.data, split)
        figures[split] = report(f"UIT-VSMEC {split}", y, student.probabilities(x))
        figures[split + "_without_diacritics"] = report(f"UIT-VSMEC {split}, no diacritics", y,
                                                        student.probabilities([fold(t) for t in x]))
    candidates = [args.heldout] if args.heldout else [
        os.path.join(args.data, "everyday", "heldout.tsv"),
        os.path.join(td.TRAINING, "corpus", "everyday", "heldout.tsv")]
    for path in candidates:
        heldout = td.load_everyday(path)
        if heldout and heldout[0]:
            x, y, _ = heldout
            figures["heldout"] = report(f"everyday held-out ({len(x)})", y, student.probabilities(x))
            figures["heldout"]["path"] = path
            break
    else:
        print("no everyday held-out file")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
