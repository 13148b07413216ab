"""Compares students on UIT-VSMEC valid only, each mixed with the linear heads as ensemble.py mixes them.

    Models/training/.venv/bin/python Models/training/text/compare_valid.py DIR [DIR ...] [--base Models]

For each student folder (student.json + student.safetensors, or Models/ itself for the shipped one) it chooses the
mixture weight w and temperature T on valid exactly as ensemble.py does, and prints the mixture's valid weighted and
macro F1, anger recall, valence-sign agreement, ECE and weighted F1 without diacritics (same w and T), the neural
head alone, and a paired bootstrap (2,000 resamples of the 686 valid rows, seed 0) of the weighted-F1 difference
against --base: how often the candidate's mixture beats the base's. Reads nothing but UIT-VSMEC valid.
"""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402
from camxuc_text import fold  # noqa: E402
from ensemble import DATA, MODELS, ece, linear_router, sharpen, valence_sign  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402


def load(directory):
    if os.path.exists(os.path.join(directory, "student.json")):
        return NumpyStudent.load(directory)
    import json
    from safetensors.numpy import load_file
    config = json.load(open(os.path.join(directory, "emotion-vi-neural.json"), encoding="utf-8"))
    return NumpyStudent(config, load_file(os.path.join(directory, "emotion-vi-neural.safetensors")))


def choose(neural, linear, y):
    """ensemble.py's choice: w on a 0.05 grid by weighted F1 (ties to the larger w), then T by log-likelihood."""
    best_f1, weight = max((td.scores(y, w * neural + (1 - w) * linear)["weighted_f1"], float(w))
                          for w in np.round(np.arange(0, 1.0001, 0.05), 2))
    mixed = weight * neural + (1 - weight) * linear
    temperature, best_nll = 1.0, float("inf")
    for t in np.round(np.arange(0.3, 2.001, 0.05), 2):
        q = sharpen(mixed, t)
        nll = -float(np.mean(np.log(q[np.arange(len(y)), y])))
        if nll < best_nll:
            temperature, best_nll = float(t), nll
    return weight, temperature


def weighted_f1(y, pred, k=len(td.LABELS)):
    confusion = np.zeros((k, k))
    np.add.at(confusion, (y, pred), 1)
    tp = np.diag(confusion)
    support, predicted = confusion.sum(1), confusion.sum(0)
    precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros(k), where=support > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=precision + recall > 0)
    return (f1 * support).sum() / support.sum()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("students", nargs="+")
    parser.add_argument("--base", default=MODELS, help="the student to compare against (default: the shipped one)")
    parser.add_argument("--linear", default=None, metavar="NPZ",
                        help="mix the students (not the base) with these linear heads' valid probabilities instead of "
                             "the shipped heads' (train_emotion.py --no-export --valid-out NPZ); a student of '-' "
                             "is the shipped one")
    args = parser.parse_args()
    x, y = td.load_vsmec(DATA, "valid")
    y = np.asarray(y)
    folded = [fold(t) for t in x]
    router = linear_router()
    shipped_linear = router.probabilities(x), router.probabilities(folded)
    if args.linear:
        heads = np.load(args.linear)
        other_linear = heads["valid"], heads["valid_without_diacritics"]
        print(f"{args.linear}: linear heads alone wF1 {td.scores(y, other_linear[0])['weighted_f1']:.4f} "
              f"(shipped {td.scores(y, shipped_linear[0])['weighted_f1']:.4f})")
    rng = np.random.default_rng(0)
    samples = [rng.integers(0, len(y), len(y)) for _ in range(2000)]
    base_pred = None
    for k, directory in enumerate([args.base] + args.students):
        linear, linear_folded = other_linear if args.linear and k > 0 else shipped_linear
        student = load(args.base if directory == "-" else directory)
        neural, neural_folded = student.probabilities(x), student.probabilities(folded)
        w, t = choose(neural, linear, y)
        mixed = sharpen(w * neural + (1 - w) * linear, t)
        mixed_folded = sharpen(w * neural_folded + (1 - w) * linear_folded, t)
        s, sf, sn = td.scores(y, mixed), td.scores(y, mixed_folded), td.scores(y, neural)
        pred = mixed.argmax(1)
        line = (f"{directory}: w {w} T {t} | mixture wF1 {s['weighted_f1']:.4f} macro {s['macro_f1']:.4f} "
                f"anger recall {s['per_class']['Anger']['recall']:.3f} valence {valence_sign(y, mixed):.3f} "
                f"ECE {ece(y, mixed):.3f} no-diacritics wF1 {sf['weighted_f1']:.4f} "
                f"(gap {100 * (s['weighted_f1'] - sf['weighted_f1']):.1f}) | neural alone wF1 {sn['weighted_f1']:.4f}")
        if base_pred is None:
            base_pred = pred
        else:
            wins = np.mean([weighted_f1(y[i], pred[i]) > weighted_f1(y[i], base_pred[i]) for i in samples])
            diffs = [weighted_f1(y[i], pred[i]) - weighted_f1(y[i], base_pred[i]) for i in samples]
            line += f" | vs base: beats it in {wins:.1%} of resamples, difference 95% [{np.percentile(diffs, 2.5):+.4f}, " \
                    f"{np.percentile(diffs, 97.5):+.4f}]"
        print(line, flush=True)


if __name__ == "__main__":
    main()
