"""Data, tokenisation and metrics shared by gpu_teacher.py and student_eval.py.

Only the standard library and numpy here (student_eval.py must run without torch). Text goes through the project's
own normalisation (Models/training/camxuc_text.py, the twin of Sources/CamXucText); `fast_normalize` is the same
function with a per-chunk cache, checked equal to `camxuc_text.normalize` by `check_fast_normalize`.
"""
import csv
import hashlib
import lzma
import os
import sys
import unicodedata

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
if TRAINING not in sys.path:
    sys.path.insert(0, TRAINING)

import camxuc_text  # noqa: E402
from camxuc_text import (TEENCODE, is_dropped_chunk, is_word_char, normalize, split_chunk,  # noqa: E402
                         squash_letter_runs, strip_html)

LABELS = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]  # the order of train_emotion.py
PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
STUDENT_SPECIALS = 2  # the student's vocabularies start with [PAD], [UNK]


def normalization_version():
    """A fingerprint of the normaliser the vocabulary was built with: camxuc_text.py and the teencode table."""
    digest = hashlib.sha256()
    for path in (camxuc_text.__file__, camxuc_text.TEENCODE_PATH):
        with open(path, "rb") as f:
            digest.update(f.read())
    return "camxuc_text-sha256:" + digest.hexdigest()[:16]


def fast_normalize(raw, cache):
    """camxuc_text.normalize(raw), with the work on each whitespace chunk cached in `cache` (a dict)."""
    text = unicodedata.normalize("NFC", raw).lower()
    if "<" in text or "&" in text:
        text = strip_html(text)
    tokens = []
    elongated = False
    for chunk in text.split():
        done = cache.get(chunk)
        if done is None:
            if is_dropped_chunk(chunk):
                done = (None, False)
            else:
                squashed_chunk, squashed = squash_letter_runs(chunk)
                done = (split_chunk(squashed_chunk), squashed)
            if len(cache) < 2_000_000:
                cache[chunk] = done
        pieces, squashed = done
        if pieces is None:
            continue
        elongated = elongated or squashed
        for token in pieces:
            if tokens and tokens[-1] == token and not is_word_char(token[0]):
                continue
            expansion = TEENCODE.get(token)
            if expansion:
                tokens.extend(expansion.split())
            else:
                tokens.append(token)
    return tokens, elongated


def check_fast_normalize(lines):
    cache = {}
    for line in lines:
        if fast_normalize(line, cache) != normalize(line):
            return line
    return None


# ---------------------------------------------------------------------------------------------------------- files

def recorded_args(args):
    """The arguments as the training records keep them: paths by their last part, never the machine's folders."""
    return {k: (os.path.basename(v.rstrip("/")) if isinstance(v, str) and os.sep in v else v) for k, v in vars(args).items()}


def read_xz_lines(path, limit=None):
    """Yields (line number, text) of an xz file, one paragraph a line."""
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if limit is not None and number >= limit:
                return
            yield number, line.rstrip("\n")


def load_vsmec(data_dir, split):
    with open(os.path.join(data_dir, "UIT-VSMEC", split + ".csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["sentence"] for r in rows], [LABELS.index(r["emotion"]) for r in rows]


def _unquote(field):
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def load_everyday(path):
    """(texts, labels, skipped) from a TSV with columns id, text, label, tags (header optional), or None if absent.
    Fields are split on tabs only; a field written with CSV quoting ("...") is unquoted."""
    if not os.path.exists(path):
        return None
    texts, labels, skipped = [], [], 0
    columns = {"id": 0, "text": 1, "label": 2, "tags": 3}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = [_unquote(x) for x in line.split("\t")]
            lowered = [x.strip().lower() for x in fields]
            if number == 0 and "text" in lowered and "label" in lowered:
                columns = {name: lowered.index(name) for name in lowered}
                continue
            try:
                text = fields[columns["text"]]
                label = fields[columns["label"]].strip()
            except (IndexError, KeyError):
                skipped += 1
                continue
            if label not in LABELS or not text.strip():
                skipped += 1
                continue
            texts.append(unicodedata.normalize("NFC", text))
            labels.append(LABELS.index(label))
    return texts, labels, skipped


# --------------------------------------------------------------------------------------------------------- metrics

def scores(y_true, probabilities, labels=LABELS):
    """Weighted and macro F1, accuracy, per-class precision/recall/F1/support and the confusion matrix (numpy only)."""
    y = np.asarray(y_true, dtype=np.int64)
    k = len(labels)
    if len(y) == 0:
        return {"rows": 0}
    pred = np.asarray(probabilities).argmax(1)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (y, pred), 1)
    tp = np.diag(confusion).astype(np.float64)
    support = confusion.sum(1).astype(np.float64)
    predicted = confusion.sum(0).astype(np.float64)
    precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros(k), where=support > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=(precision + recall) > 0)
    present = support > 0
    return {
        "rows": int(len(y)),
        "weighted_f1": float((f1 * support).sum() / support.sum()),
        "macro_f1": float(f1[present | (predicted > 0)].mean()),
        "accuracy": float(tp.sum() / len(y)),
        "per_class": {labels[i]: {"precision": round(float(precision[i]), 4), "recall": round(float(recall[i]), 4),
                                  "f1": round(float(f1[i]), 4), "support": int(support[i])} for i in range(k)},
        "confusion": confusion.tolist(),
    }


def brief(s):
    """The headline figures of a scores() dict."""
    if not s.get("rows"):
        return {"rows": 0}
    return {"rows": s["rows"], "weighted_f1": round(s["weighted_f1"], 4), "macro_f1": round(s["macro_f1"], 4),
            "accuracy": round(s["accuracy"], 4)}


def recall_line(s):
    return " ".join(f"{name[:4]} {v['recall']:.2f}" for name, v in s["per_class"].items())


def fit_temperature(logits, y):
    """The temperature in 0.30..3.00 (step 0.02) with the lowest NLL, as train_emotion.fit_temperature."""
    logits = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y)
    best, best_nll = 1.0, float("inf")
    for t in np.arange(0.3, 3.01, 0.02):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = float(np.mean(np.log(np.exp(z).sum(1)) - z[np.arange(len(y)), y]))
        if nll < best_nll:
            best, best_nll = float(t), nll
    return round(best, 2)


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)
