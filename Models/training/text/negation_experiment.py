"""Issue #12 experiment: negation scope in the linear emotion heads' word features, judged on UIT-VSMEC valid only.

    Models/training/.venv/bin/python Models/training/text/negation_experiment.py --mode word --window 4 --out DIR

Retrains both linear heads exactly as train_emotion.py does (same data, augmentations, seed, epochs, learning rates)
with camxuc_features.NEGATION_MODE / NEGATION_WINDOW set as given ("off" reproduces the shipped features), then mixes
them with the shipped neural head (Models/emotion-vi-neural.*) choosing w and T on valid as ensemble.py does, and
prints the valid mixture figures beside the shipped mixture's and what the issue's negation sentences read.
Reads nothing but UIT-VSMEC train and valid. Writes DIR/valid.json (figures) and nothing in the repository.
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import camxuc_features  # noqa: E402
import textdata as td  # noqa: E402
import train_emotion as te  # noqa: E402
from camxuc_text import fold  # noqa: E402
from compare_valid import choose, load as load_student  # noqa: E402
from ensemble import DATA, MODELS, ece, linear_router, sharpen, valence_sign  # noqa: E402

SENTENCES = ["Chẳng có gì đáng buồn cả, hôm nay tuyệt lắm", "Tôi không hề thấy vui khi nghe tin đó",
             "Hết buồn rồi, giờ thấy yêu đời ghê"]


def train_router(args):
    targs = argparse.Namespace(epochs=6, lr=0.2, plain_lr=0.4, weight_decay=1e-5, batch=32, seed=13, fresh=True,
                               buckets=1 << 18, plain_buckets=1 << 17)
    te.CHECKPOINTS = os.path.join(args.out, "checkpoints")
    random.seed(13)
    torch.manual_seed(13)
    rng = random.Random(13)
    train_x, train_y = te.load("train")
    if args.synthetic:
        # Raw sentences composed as student_cpu.synthetic_rows composes token rows, from UIT-VSMEC train's texts
        # (whitespace-split words; the heads normalise the joined text as any other).
        from student_cpu import synthetic_rows
        gold = [(t.split(), y) for t, y in zip(train_x, train_y)]
        synth_rng = np.random.default_rng([13, 7])
        rows = (synthetic_rows(synth_rng, args.synthetic * 2 // 3, gold, "contrast", usable=lambda k: True)
                + synthetic_rows(synth_rng, args.synthetic - args.synthetic * 2 // 3, gold, "negation",
                                 usable=lambda k: True))
        train_x = train_x + [" ".join(tokens) for tokens, _ in rows]
        train_y = train_y + [label for _, label in rows]
        print(f"{len(rows)} synthetic sentences added, e.g. {train_x[-1]!r}", flush=True)
    valid_x, valid_y = te.load("valid")
    featurizer, plain_featurizer = te.Featurizer(targs.buckets), te.Featurizer(targs.plain_buckets)
    train_docs, train_labels, plain_docs, plain_labels, valid_docs, plain_valid_docs = te.featurize(
        train_x, train_y, valid_x, featurizer, plain_featurizer, rng)  # as train_emotion.main
    model, best, temperature = te.train_head("main", featurizer, train_docs, train_labels, valid_docs, valid_y, targs,
                                             targs.lr)
    plain_model, plain_best, plain_temperature = te.train_head(
        "plain", plain_featurizer, plain_docs, plain_labels, plain_valid_docs, valid_y, targs, targs.plain_lr)
    info = {"best_epoch": best["epoch"] + 1, "plain_best_epoch": plain_best["epoch"] + 1,
            "temperature": temperature, "plain_temperature": plain_temperature}
    return te.Router((model, featurizer, temperature), (plain_model, plain_featurizer, plain_temperature)), info


def mixture_figures(router, student, x, y, folded):
    linear, linear_folded = router.probabilities(x), router.probabilities(folded)
    neural, neural_folded = student.probabilities(x), student.probabilities(folded)
    w, t = choose(neural, linear, y)
    mixed = sharpen(w * neural + (1 - w) * linear, t)
    mixed_folded = sharpen(w * neural_folded + (1 - w) * linear_folded, t)
    s, sf, sl = td.scores(y, mixed), td.scores(y, mixed_folded), td.scores(y, linear)
    out = {"w": w, "T": t, "mixture_weighted_f1": round(s["weighted_f1"], 4), "mixture_macro_f1": round(s["macro_f1"], 4),
           "mixture_anger_recall": round(s["per_class"]["Anger"]["recall"], 4),
           "mixture_valence_sign": round(valence_sign(y, mixed), 4), "mixture_ece": round(ece(y, mixed), 4),
           "mixture_no_diacritics_weighted_f1": round(sf["weighted_f1"], 4),
           "linear_weighted_f1": round(sl["weighted_f1"], 4), "linear_macro_f1": round(sl["macro_f1"], 4),
           "linear_no_diacritics_weighted_f1": round(td.scores(y, linear_folded)["weighted_f1"], 4)}
    lin_s, neu_s = router.probabilities(SENTENCES), student.probabilities(SENTENCES)
    reads = sharpen(w * neu_s + (1 - w) * lin_s, t)
    out["sentences"] = {text: {"mixture": f"{td.LABELS[int(p.argmax())]} {p.max():.2f}",
                               "linear": f"{td.LABELS[int(q.argmax())]} {q.max():.2f}"}
                        for text, p, q in zip(SENTENCES, reads, lin_s)}
    return out, mixed.argmax(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="word", choices=["off", "add", "word", "all"])
    parser.add_argument("--window", type=int, default=4)
    parser.add_argument("--out", required=True)
    parser.add_argument("--synthetic", type=int, default=0,
                        help="add this many sentences composed by student_cpu.synthetic_rows (2/3 contrast, 1/3 "
                             "negation) to the heads' training data")
    parser.add_argument("--student", default=None, help="the neural head to mix with (default: the shipped one)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    camxuc_features.NEGATION_MODE, camxuc_features.NEGATION_WINDOW = args.mode, args.window
    started = time.time()
    x, y = td.load_vsmec(DATA, "valid")
    y = np.asarray(y)
    folded = [fold(t) for t in x]
    student = load_student(args.student or MODELS)
    router, info = train_router(args)
    figures, pred = mixture_figures(router, student, x, y, folded)
    # The shipped linear heads (version-2 features) with the same neural head, for comparison.
    camxuc_features.NEGATION_MODE = "off"
    shipped, shipped_pred = mixture_figures(linear_router(), student, x, y, folded)
    rng = np.random.default_rng(0)
    from compare_valid import weighted_f1
    samples = [rng.integers(0, len(y), len(y)) for _ in range(2000)]
    beats = float(np.mean([weighted_f1(y[i], pred[i]) > weighted_f1(y[i], shipped_pred[i]) for i in samples]))
    result = {"mode": args.mode, "window": args.window, "training": info, "valid": figures, "shipped_valid": shipped,
              "beats_shipped_in_bootstrap": round(beats, 3), "seconds": round(time.time() - started)}
    with open(os.path.join(args.out, "valid.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
