"""Trains the calm head: how much energy a good feeling has, calm or lively, for the arousal of a text's point.

    Models/training/.venv/bin/python Models/training/text/train_calm.py [--write]

The seven classes put every good feeling at Enjoyment's point (valence 0.7, arousal 0.4): "Chiều nay ngồi uống trà,
thấy lòng thật bình yên" read as excited joy, and the studio composed happy-excited music for it where the calm
quadrant (Q4) was meant. The calm head reads P(calm | a good feeling) and the point's arousal takes Enjoyment's
share at a_E · (1 − 2 · P(calm)): 0.4 for lively joy, −0.4 for calm contentment (EmotionDistribution.point).

Data: Models/training/corpus/arousal/train.tsv (CamXuc's calm/lively corpus, its card beside it); scored once on
heldout.tsv, never trained or tuned on. Features: the linear heads' (camxuc_features.py, feature version 2) hashed
into 65,536 buckets, sub-linear term frequency × smooth IDF fitted on the training rows (rounded to float16, as
stored), L2-normalised per sentence; every training sentence is also given as a copy without diacritics. Model: an
L2-regularised logistic regression (scikit-learn, liblinear); C chosen by 5-fold cross-validation on the training
set (a sentence and its copy in one fold). Exported in the linear heads' layout, a 2-class softmax over
[lively, calm] (weight rows 0 and w, bias 0 and b), so that Swift reads it with the same code.

With --write: Models/emotion-vi-calm.{safetensors,json} (the json also holds reference sentences' P(calm) for the
Swift test) and Models/emotion-vi-calm.metrics.json.
"""
import argparse
import csv
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from camxuc_features import VERSION, feature_counts  # noqa: E402
from camxuc_text import fold, normalize  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CORPUS = os.path.join(ROOT, "Models", "training", "corpus", "arousal")
MODELS = os.path.join(ROOT, "Models")
BUCKETS = 65_536
REFERENCE = [
    "Chiều nay ngồi uống trà, thấy lòng thật bình yên",
    "Đậu đại học rồi, sướng phát điên lên được!!!",
    "Nằm nghe mưa rơi, nhẹ nhàng và thư thái",
    "Trời ơi vé concert tới tay rồi, háo hức quá không ngủ nổi",
    "chieu nay ngoi uong tra thay long that binh yen",
    "Cuối cùng cũng được nghỉ ngơi, thật dễ chịu",
    "Hôm nay đội mình thắng rồi, cả xóm hò reo ầm ĩ",
    "Ôm con ngủ, nghe tiếng thở đều đều của con, hạnh phúc giản dị",
]


def read(name):
    with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def tokens(text, folded=False):
    t, elongated = normalize(text)
    return ([fold(x) for x in t] if folded else t), elongated


def counts(text, folded=False):
    t, elongated = tokens(text, folded)
    return feature_counts(t, elongated, BUCKETS)


def fit_idf(documents):
    df = np.zeros(BUCKETS)
    for c in documents:
        for bucket in c:
            df[bucket] += 1
    idf = np.log((1 + len(documents)) / (1 + df)) + 1
    return idf.astype(np.float16).astype(np.float64)


def matrix(documents, idf):
    from scipy.sparse import csr_matrix
    rows, cols, values = [], [], []
    for i, c in enumerate(documents):
        ids = list(c)
        w = np.array([(1 + math.log(c[b])) * idf[b] for b in ids])
        w = w / max(np.linalg.norm(w), 1e-12)
        rows += [i] * len(ids)
        cols += ids
        values += list(w)
    return csr_matrix((values, (rows, cols)), shape=(len(documents), BUCKETS))


def main():
    from sklearn.linear_model import LogisticRegression
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    train = read("train.tsv")
    y = np.array([1 if r["label"] == "Calm" else 0 for r in train])
    docs = [counts(r["text"]) for r in train] + [counts(r["text"], folded=True) for r in train]
    labels = np.concatenate([y, y])
    groups = np.concatenate([np.arange(len(train)), np.arange(len(train))])
    idf = fit_idf(docs)
    X = matrix(docs, idf)
    folds = np.random.RandomState(13).permutation(len(train)) % 5
    cv = {}
    for C in (0.5, 1, 2, 4, 8, 16, 32):
        correct = 0
        for k in range(5):
            test_rows = folds[groups] == k
            model = LogisticRegression(C=C, solver="liblinear").fit(X[~test_rows], labels[~test_rows])
            correct += (model.predict(X[test_rows]) == labels[test_rows]).sum()
        cv[C] = correct / len(labels)
        print(f"C {C}: 5-fold accuracy {cv[C]:.4f}")
    best = max(cv, key=lambda c: (cv[c], -c))
    model = LogisticRegression(C=best, solver="liblinear").fit(X, labels)
    w = model.coef_[0].astype(np.float16).astype(np.float64)
    b = float(model.intercept_[0])

    def p_calm(texts, folded=False):
        Z = matrix([counts(t, folded) for t in texts], idf)
        return 1 / (1 + np.exp(-(Z @ w + b)))

    metrics = {"buckets": BUCKETS, "train_rows": len(train), "cv_accuracy": {str(k): round(v, 4) for k, v in cv.items()},
               "C": best}
    held_path = os.path.join(CORPUS, "heldout.tsv")
    if args.write and os.path.exists(held_path):  # scored once, for the model written
        held = read(held_path)
        hy = np.array([1 if r["label"] == "Calm" else 0 for r in held])
        for name, folded in (("heldout", False), ("heldout_without_diacritics", True)):
            p = p_calm([r["text"] for r in held], folded)
            metrics[name] = {"rows": len(held), "accuracy": round(float(((p >= 0.5) == hy).mean()), 4),
                             "calm_recall": round(float((p[hy == 1] >= 0.5).mean()), 4),
                             "lively_recall": round(float((p[hy == 0] < 0.5).mean()), 4)}
            tags = {}
            for tag in ("neg", "contrast", "nodiacritic", "teencode", "emoji", "short", "exclam", "literary"):
                rows = [i for i, r in enumerate(held) if tag in r["tags"].split(",")]
                if rows:
                    tags[tag] = {"rows": len(rows), "accuracy": round(float(((p[rows] >= 0.5) == hy[rows]).mean()), 4)}
            metrics[name]["by_tag"] = tags
        print(json.dumps({k: metrics[k] for k in ("heldout", "heldout_without_diacritics")}, indent=1))
    # Descriptive only: how the head reads UIT-VSMEC test's Enjoyment sentences (no arousal labels exist for them).
    with open(os.path.join(ROOT, "..", "shared", "data", "text", "UIT-VSMEC", "test.csv"), encoding="utf-8") as f:
        joy = [r["sentence"] for r in csv.DictReader(f) if r["emotion"] == "Enjoyment"]
    p = p_calm(joy)
    metrics["uit_vsmec_test_enjoyment"] = {"rows": len(joy), "read_calm": round(float((p >= 0.5).mean()), 4),
                                           "mean_p_calm": round(float(p.mean()), 4)}
    print("UIT-VSMEC test Enjoyment read calm:", metrics["uit_vsmec_test_enjoyment"])
    reference = [{"text": t, "calm": round(float(p), 6)} for t, p in zip(REFERENCE, p_calm(REFERENCE))]
    for r in reference:
        print(f"{r['calm']:.3f}  {r['text']}")
    if args.write:
        import torch
        from safetensors.torch import save_file
        weight = np.stack([np.zeros(BUCKETS), w]).astype(np.float16)
        save_file({"calm.weight": torch.tensor(weight), "calm.bias": torch.tensor([0.0, b], dtype=torch.float32),
                   "calm.idf": torch.tensor(idf.astype(np.float16))},
                  os.path.join(MODELS, "emotion-vi-calm.safetensors"))
        config = {"name": "emotion-vi-calm", "version": 1, "feature_version": VERSION, "buckets": BUCKETS,
                  "labels": ["lively", "calm"], "temperature": 1.0,
                  "applies_to": "Enjoyment",
                  "arousal": "Enjoyment's arousal a becomes a · (1 − 2 · P(calm))",
                  "input": "the tokens the emotion classifier reads (normalised, at most its max_tokens)",
                  "reference": reference}
        with open(os.path.join(MODELS, "emotion-vi-calm.json"), "w", encoding="utf-8") as f:
            json.dump(config, f, ensure_ascii=False, indent=1)
            f.write("\n")
        with open(os.path.join(MODELS, "emotion-vi-calm.metrics.json"), "w", encoding="utf-8") as f:
            json.dump(metrics, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("wrote Models/emotion-vi-calm.{safetensors,json,metrics.json}")


if __name__ == "__main__":
    main()
