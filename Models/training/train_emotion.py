"""Trains CamXuc's Vietnamese emotion classifier and exports it for Swift.

    make train-emotion            (or: Models/training/.venv/bin/python Models/training/train_emotion.py)

Model: a single-layer softmax network over hashed n-gram features (see camxuc_features.py) with sub-linear TF-IDF
weighting and L2 normalisation: logits = W · x / T + b, where T is a temperature fitted on the validation split.
Training data: UIT-VSMEC's train split plus three augmented copies of it (diacritics removed, teencode noise, emoji
dropped), so that text typed without accents or in shorthand still reads right. Hyper-parameters are chosen on the
validation split; the test split is scored once, at the end, for the model card.

Outputs (all read by Swift):
  Models/emotion-vi.safetensors   W [7, buckets] and b [7] and idf [buckets], float16 (W, idf) / float32 (b)
  Models/emotion-vi.json          labels, feature version, buckets, temperature, circumplex coordinates, tensors
  Models/emotion-vi.metrics.json  every figure in the model card
  Tests/Fixtures/emotion/golden.json   PyTorch's probabilities for 120 test sentences

Seeded; checkpoints after every epoch in Models/training/checkpoints/ and resumes from them.
"""
import argparse
import csv
import json
import math
import os
import random
import sys
import time
import unicodedata

import numpy as np
import torch
import torch.nn as nn
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from camxuc_features import VERSION as FEATURE_VERSION, feature_counts  # noqa: E402
from camxuc_text import TEENCODE, fold, is_letter, normalize  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "text", "UIT-VSMEC")
MODELS = os.path.join(ROOT, "Models")
CHECKPOINTS = os.path.join(HERE, "checkpoints")

LABELS = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]
NAMES_VI = ["vui vẻ", "buồn bã", "tức giận", "sợ hãi", "ghê tởm", "ngạc nhiên", "bình thường"]
NAMES_EN = ["enjoyment", "sadness", "anger", "fear", "disgust", "surprise", "neutral"]
# (valence, arousal) of each class on Russell's circumplex; see docs/DECISIONS.md for the sources of the placement.
CIRCUMPLEX = {
    "Enjoyment": (0.70, 0.40), "Sadness": (-0.70, -0.40), "Anger": (-0.55, 0.70), "Fear": (-0.45, 0.75),
    "Disgust": (-0.65, 0.30), "Surprise": (0.25, 0.75), "Other": (0.0, 0.0),
}
VALENCE_SIGN = {"Enjoyment": 1, "Sadness": -1, "Anger": -1, "Fear": -1, "Disgust": -1}


def log(message):
    print(time.strftime("%H:%M:%S"), message, flush=True)


def load(split):
    with open(os.path.join(DATA, split + ".csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["sentence"] for r in rows], [LABELS.index(r["emotion"]) for r in rows]


REVERSE_TEENCODE = {}
for short, long in sorted(TEENCODE.items()):
    if " " not in long and len(short) < len(long):
        REVERSE_TEENCODE.setdefault(long, []).append(short)


def tokens_for(raw, mode=None, rng=None):
    tokens, elongated = normalize(raw)
    if mode == "fold":
        tokens = [fold(t) for t in tokens]
    elif mode == "teencode":
        tokens = [rng.choice(REVERSE_TEENCODE[t]) if t in REVERSE_TEENCODE and rng.random() < 0.6 else t for t in tokens]
        tokens = normalize(" ".join(tokens))[0] if rng.random() < 0.0 else tokens
    elif mode == "no-emoji":
        kept = [t for t in tokens if not (ord(t[0]) >= 0x2000 and rng.random() < 0.8)]
        tokens = kept or tokens
    return tokens, elongated


class Featurizer:
    def __init__(self, buckets):
        self.buckets = buckets
        self.idf = None

    def counts(self, tokens, elongated):
        return feature_counts(tokens, elongated, self.buckets)

    def fit_idf(self, documents):
        df = np.zeros(self.buckets, dtype=np.float64)
        for counts in documents:
            for bucket in counts:
                df[bucket] += 1
        idf = np.log((1 + len(documents)) / (1 + df)) + 1
        # Stored as float16: round now so that training, the golden outputs and Swift use the same values.
        self.idf = torch.tensor(idf, dtype=torch.float16).to(torch.float32)

    def batch(self, documents):
        """EmbeddingBag inputs: ids, offsets, weights = (1 + ln count) · idf, L2-normalised per document."""
        ids, offsets, weights = [], [], []
        for counts in documents:
            offsets.append(len(ids))
            bucket_ids = list(counts)
            tf = torch.tensor([1 + math.log(c) for c in counts.values()], dtype=torch.float32)
            w = tf * self.idf[bucket_ids]
            w = w / w.norm().clamp_min(1e-12)
            ids.extend(bucket_ids)
            weights.append(w)
        return (torch.tensor(ids, dtype=torch.long), torch.tensor(offsets, dtype=torch.long),
                torch.cat(weights) if weights else torch.zeros(0))


class EmotionNet(nn.Module):
    def __init__(self, buckets, classes):
        super().__init__()
        self.weight = nn.EmbeddingBag(buckets, classes, mode="sum")
        nn.init.zeros_(self.weight.weight)
        self.bias = nn.Parameter(torch.zeros(classes))

    def forward(self, ids, offsets, weights):
        return self.weight(ids, offsets, per_sample_weights=weights) + self.bias


def predict(model, featurizer, documents, temperature=1.0):
    model.eval()
    with torch.no_grad():
        return torch.softmax(model(*featurizer.batch(documents)) / temperature, dim=1).numpy()


def scores(y_true, probabilities, labels=LABELS):
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
    y_pred = probabilities.argmax(1)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(range(len(labels))), zero_division=0)
    return {
        "weighted_f1": float(f1_score(y_true, y_pred, average="weighted")),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro")),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "per_class": {labels[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                                  "support": int(s[i])} for i in range(len(labels))},
        "confusion": confusion_matrix(y_true, y_pred, labels=list(range(len(labels)))).tolist(),
    }


def six_class(y_true, probabilities):
    """The seed system's setting: Other rows removed, argmax over the six emotions."""
    from sklearn.metrics import accuracy_score, f1_score
    keep = [i for i, y in enumerate(y_true) if LABELS[y] != "Other"]
    y = [y_true[i] for i in keep]
    pred = probabilities[keep][:, :6].argmax(1)
    return {"weighted_f1": float(f1_score(y, pred, average="weighted")), "accuracy": float(accuracy_score(y, pred))}


def valence_sign_agreement(y_true, probabilities):
    valence = np.array([CIRCUMPLEX[label][0] for label in LABELS])
    rows = [i for i, y in enumerate(y_true) if LABELS[y] in VALENCE_SIGN]
    agree = sum(1 for i in rows if np.sign(probabilities[i] @ valence) == VALENCE_SIGN[LABELS[y_true[i]]])
    return {"agreement": agree / len(rows), "rows": len(rows)}


def fit_temperature(logits, y):
    best, best_nll = 1.0, float("inf")
    for t in np.arange(0.3, 3.01, 0.02):
        nll = nn.functional.cross_entropy(logits / t, y).item()
        if nll < best_nll:
            best, best_nll = float(t), nll
    return round(best, 2)


def reads_plain(raw):
    """Text typed without diacritics goes to the plain head: after NFC, some character is a letter and none carries a
    Vietnamese diacritic (or is đ). Decided on the text as typed, before teencode expansion brings diacritics in.
    Swift: EmotionClassifier.readsWithoutDiacritics."""
    text = unicodedata.normalize("NFC", raw)
    return any(is_letter(ch) for ch in text) and fold(text) == text


def plain_tokens(raw, mode=None, rng=None):
    """What the plain head reads: the normalised tokens with every diacritic removed (teencode expansions too)."""
    tokens, elongated = tokens_for(raw, mode, rng)
    return [fold(t) for t in tokens], elongated


def featurize(train_x, train_y, valid_x, featurizer, plain_featurizer, rng):
    """The two heads' training and valid features: each training sentence as written plus its folded, teencode and
    emoji-less copies (the plain head gets the copies without diacritics), IDF fitted on the sentences as written.
    Returns train_docs, train_labels, plain_docs, plain_labels, valid_docs, plain_valid_docs."""
    train_docs, train_labels, originals = [], [], []
    plain_docs, plain_labels, plain_originals = [], [], []
    for raw, y in zip(train_x, train_y):
        tokens, elongated = tokens_for(raw)
        counts = featurizer.counts(tokens, elongated)
        originals.append(counts)
        train_docs.append(counts)
        train_labels.append(y)
        plain = plain_featurizer.counts(*plain_tokens(fold(raw)))
        plain_originals.append(plain)
        plain_docs.append(plain)
        plain_labels.append(y)
        for mode in ("fold", "teencode", "no-emoji"):
            tokens, elongated = tokens_for(raw, mode, rng)
            train_docs.append(featurizer.counts(tokens, elongated))
            train_labels.append(y)
            if mode != "fold":
                plain_docs.append(plain_featurizer.counts([fold(t) for t in tokens], elongated))
                plain_labels.append(y)
    featurizer.fit_idf(originals)
    plain_featurizer.fit_idf(plain_originals)
    valid_docs = [featurizer.counts(*tokens_for(x)) for x in valid_x]
    plain_valid_docs = [plain_featurizer.counts(*plain_tokens(fold(x))) for x in valid_x]
    return train_docs, train_labels, plain_docs, plain_labels, valid_docs, plain_valid_docs


def train_head(name, featurizer, train_docs, train_labels, valid_docs, valid_y, args, lr, soft=None):
    """Trains one softmax head with Adagrad; keeps the epoch with the best validation weighted F1. Checkpoints after
    every epoch (and resumes from them unless --fresh). `soft`, when given, is (documents, probabilities [n, 7],
    weight): rows learnt from a teacher's probabilities (cross-entropy against them, times the weight) beside the
    gold rows."""
    targets = None
    if soft:
        soft_docs, soft_probabilities, soft_weight = soft
        targets = torch.cat([nn.functional.one_hot(torch.tensor(train_labels), len(LABELS)).float(),
                             torch.tensor(soft_probabilities, dtype=torch.float32)])
        row_weights = torch.cat([torch.ones(len(train_docs)), torch.full((len(soft_docs),), float(soft_weight))])
        train_docs = train_docs + soft_docs
    model = EmotionNet(featurizer.buckets, len(LABELS))
    optimizer = torch.optim.Adagrad(model.parameters(), lr=lr, weight_decay=args.weight_decay)
    os.makedirs(CHECKPOINTS, exist_ok=True)
    tag = f"-soft{len(soft[0])}x{soft[2]}" if soft else ""
    fixed = args.fixed[name] if args.fixed else None
    if fixed:
        tag += f"-with-valid{fixed[0]}"
    if args.train_fraction is not None:
        tag += f"-fraction{args.train_fraction}"
    checkpoint = os.path.join(CHECKPOINTS, f"emotion-{name}-{featurizer.buckets}-{lr}-{args.seed}{tag}.pt")
    start_epoch, best = 0, {"f1": -1, "epoch": -1, "state": None}
    if os.path.exists(checkpoint) and not args.fresh:
        saved = torch.load(checkpoint)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        start_epoch, best = saved["epoch"] + 1, saved["best"]
        random.setstate(saved["random"])
        log(f"{name}: resumed after epoch {saved['epoch']}")

    order = list(range(len(train_docs)))
    for epoch in range(start_epoch, fixed[0] if fixed else args.epochs):
        model.train()
        random.shuffle(order)
        total = 0.0
        for k in range(0, len(order), args.batch):
            batch = order[k:k + args.batch]
            logits = model(*featurizer.batch([train_docs[i] for i in batch]))
            if targets is None:
                loss = nn.functional.cross_entropy(logits, torch.tensor([train_labels[i] for i in batch]))
            else:
                rows = torch.tensor(batch)
                loss = (-(targets[rows] * torch.log_softmax(logits, 1)).sum(1) * row_weights[rows]).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        probabilities = predict(model, featurizer, valid_docs)
        f1 = scores(valid_y, probabilities)["weighted_f1"]
        if fixed:  # valid is training data: the last epoch is kept, whatever valid says of it
            best = {"f1": f1, "epoch": epoch, "state": {k: v.clone() for k, v in model.state_dict().items()}}
        elif f1 > best["f1"]:
            best = {"f1": f1, "epoch": epoch, "state": {k: v.clone() for k, v in model.state_dict().items()}}
        log(f"{name} epoch {epoch + 1}/{args.epochs}: train loss {total / len(order):.4f}, valid weighted F1 {f1:.4f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch, "best": best,
                    "random": random.getstate()}, checkpoint)

    log(f"{name}: best valid weighted F1 {best['f1']:.4f} after epoch {best['epoch'] + 1}")
    model.load_state_dict(best["state"])
    # Store W as float16 (and use the rounded values from here on, so Swift and the golden outputs agree).
    with torch.no_grad():
        model.weight.weight.copy_(model.weight.weight.to(torch.float16).to(torch.float32))
        valid_logits = model(*featurizer.batch(valid_docs))
    temperature = fixed[1] if fixed else fit_temperature(valid_logits, torch.tensor(valid_y))
    log(f"{name}: temperature {temperature}")
    return model, best, temperature


class Router:
    """The whole classifier as Swift runs it: text typed with diacritics goes to the main head, text without any to
    the plain head (trained on the same sentences with every diacritic removed)."""
    def __init__(self, main, plain):
        self.main, self.plain = main, plain  # (model, featurizer, temperature)

    def probabilities(self, texts, mode=None, rng=None):
        """Probabilities for raw texts; `mode` adds the noise of tokens_for to what each head reads."""
        items = []
        for raw in texts:
            plain = reads_plain(raw)
            items.append((plain, *tokens_for(raw, mode, rng)))
        return self.read(items)

    def read(self, items):
        """Probabilities for already-normalised texts: (read by the plain head, tokens, elongated) each; the plain
        head reads the tokens with every diacritic removed."""
        result = np.zeros((len(items), len(LABELS)), dtype=np.float64)
        docs = {False: [], True: []}
        for i, (plain, tokens, elongated) in enumerate(items):
            if plain:
                tokens = [fold(t) for t in tokens]
            docs[plain].append((i, (self.plain if plain else self.main)[1].counts(tokens, elongated)))
        for plain, items in docs.items():
            if items:
                model, featurizer, temperature = self.plain if plain else self.main
                result[[i for i, _ in items]] = predict(model, featurizer, [d for _, d in items], temperature)
        return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--buckets", type=int, default=1 << 18)
    parser.add_argument("--plain-buckets", type=int, default=1 << 17)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--lr", type=float, default=0.2)
    parser.add_argument("--plain-lr", type=float, default=0.4, help="the plain head's learning rate (chosen on valid)")
    parser.add_argument("--weight-decay", type=float, default=1e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--fresh", action="store_true", help="ignore checkpoints")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--valid-out", default=None, metavar="NPZ",
                        help="with --no-export: write the routed valid probabilities (as written and without "
                             "diacritics) for student_cpu.py --linear-valid")
    parser.add_argument("--everyday", action="store_true",
                        help="add CamXuc's everyday corpus to the training data (measured: lowers UIT-VSMEC valid; off)")
    parser.add_argument("--paraphrases", action="store_true",
                        help="add the paraphrases of UIT-VSMEC train (Models/training/corpus/paraphrases), each with "
                             "its source sentence's label")
    parser.add_argument("--silver", type=int, default=None, metavar="MIN_CONFIDENCE",
                        help="add the silver corpus's comments (Models/training/corpus/silver) whose label has at least "
                             "this confidence (1-3; 0 also keeps comments the two passes disagree on)")
    parser.add_argument("--teacher-rows", default=None, metavar="LINES",
                        help="unlabelled lines (one a line) to learn from a teacher's probabilities (measured, off)")
    parser.add_argument("--teacher-probabilities", default=None, metavar="NPZ[,NPZ...]",
                        help="the teachers' probabilities for --teacher-rows, in its order (gpu_teacher.py's "
                             "teacher-labels.npz or gemma_teacher.py's label output), averaged")
    parser.add_argument("--teacher-weight", type=float, default=1.0, help="loss weight of a teacher row")
    parser.add_argument("--teacher-main-only", action="store_true",
                        help="give the teacher rows to the main head only (the plain head as before)")
    parser.add_argument("--teacher-limit", type=int, default=None, help="use only the first N teacher rows")
    parser.add_argument("--with-valid", default=None, metavar="EPOCHS,PLAIN_EPOCHS,T,PLAIN_T",
                        help="the shipped refit: train both heads on UIT-VSMEC train + valid for these fixed epochs and "
                             "with these temperatures (the ones the heads trained on train alone chose on valid), keeping "
                             "the last epoch; valid is then training data and its figures say nothing")
    parser.add_argument("--train-fraction", type=float, default=None, metavar="F",
                        help="with --no-export: train on a random share F of UIT-VSMEC train (a learning-curve point)")
    args = parser.parse_args()
    args.fixed = None
    if args.with_valid:
        try:
            epochs, plain_epochs, t, plain_t = args.with_valid.split(",")
            args.fixed = {"main": (int(epochs), float(t)), "plain": (int(plain_epochs), float(plain_t))}
        except ValueError:
            parser.error("--with-valid takes EPOCHS,PLAIN_EPOCHS,T,PLAIN_T (e.g. 4,3,0.96,1.08)")
        if args.train_fraction is not None:
            parser.error("--with-valid and --train-fraction do not go together")
    if args.train_fraction is not None and not args.no_export:
        parser.error("--train-fraction is for measurements only: it needs --no-export")
    if bool(args.teacher_rows) != bool(args.teacher_probabilities):
        parser.error("--teacher-rows and --teacher-probabilities go together")
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    started = time.time()
    train_x, train_y = load("train")
    if args.train_fraction is not None:
        kept = sorted(random.Random(args.seed).sample(range(len(train_x)), round(args.train_fraction * len(train_x))))
        train_x, train_y = [train_x[i] for i in kept], [train_y[i] for i in kept]
        log(f"train fraction {args.train_fraction}: {len(kept)} UIT-VSMEC training sentences")
    if args.everyday:
        # CamXuc's own everyday corpus (Models/training/corpus/everyday/train.tsv; its held-out file is never read here).
        everyday = os.path.join(HERE, "corpus", "everyday", "train.tsv")
        with open(everyday, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f][1:]
        train_x += [unicodedata.normalize("NFC", r[1]) for r in rows]
        train_y += [LABELS.index(r[2]) for r in rows]
        log(f"everyday corpus: {len(rows)} training sentences added")
    if args.paraphrases:
        sys.path.insert(0, os.path.join(HERE, "corpus"))
        from build_paraphrases import load_paraphrases
        paraphrases = load_paraphrases()
        train_x += [text for text, _, _ in paraphrases]
        train_y += [label for _, label, _ in paraphrases]
        log(f"paraphrases: {len(paraphrases)} added")
    if args.silver is not None:
        sys.path.insert(0, os.path.join(HERE, "corpus"))
        from build_silver import load_silver
        silver = [(text, hard) for text, _, hard, confidence in load_silver() if confidence >= args.silver]
        train_x += [text for text, _ in silver]
        train_y += [hard for _, hard in silver]
        log(f"silver corpus: {len(silver)} comments added (confidence >= {args.silver})")
    valid_x, valid_y = load("valid")
    if args.fixed:
        train_x, train_y = train_x + valid_x, train_y + valid_y
        log(f"refit: {len(valid_x)} UIT-VSMEC valid sentences added to training ({len(train_x)} in all)")
    test_x, test_y = load("test")
    featurizer = Featurizer(args.buckets)
    plain_featurizer = Featurizer(args.plain_buckets)
    log(f"featurising {len(train_x)} training sentences and their augmented copies")
    train_docs, train_labels, plain_docs, plain_labels, valid_docs, plain_valid_docs = featurize(
        train_x, train_y, valid_x, featurizer, plain_featurizer, rng)
    log(f"features ready in {time.time() - started:.0f} s")

    soft = plain_soft = None
    if args.teacher_rows:
        texts, probabilities = teacher_rows(args.teacher_rows, args.teacher_probabilities, args.teacher_limit)
        soft = ([featurizer.counts(*tokens_for(x)) for x in texts], probabilities, args.teacher_weight)
        if not args.teacher_main_only:
            plain_soft = ([plain_featurizer.counts(*plain_tokens(fold(x))) for x in texts], probabilities,
                          args.teacher_weight)
        log(f"teacher rows: {len(texts)} featurised (weight {args.teacher_weight}) in {time.time() - started:.0f} s")
    model, best, temperature = train_head("main", featurizer, train_docs, train_labels, valid_docs, valid_y, args,
                                         args.lr, soft)
    plain_model, plain_best, plain_temperature = train_head(
        "plain", plain_featurizer, plain_docs, plain_labels, plain_valid_docs, valid_y, args, args.plain_lr, plain_soft)
    router = Router((model, featurizer, temperature), (plain_model, plain_featurizer, plain_temperature))
    if args.no_export:
        valid_clean = router.probabilities(valid_x)
        valid_plain = router.probabilities([fold(x) for x in valid_x])
        if args.valid_out:
            np.savez(args.valid_out, valid=valid_clean, valid_without_diacritics=valid_plain)
        log(f"valid (routed): clean {scores(valid_y, valid_clean)['weighted_f1']:.4f}, without diacritics "
            f"{scores(valid_y, valid_plain)['weighted_f1']:.4f}, valence sign "
            f"{valence_sign_agreement(valid_y, valid_clean)['agreement']:.4f}")
        return

    test_probabilities = router.probabilities(test_x)
    folded_probabilities = router.probabilities([fold(x) for x in test_x])
    noisy_probabilities = router.probabilities(test_x, "teencode", random.Random(7))
    metrics = {
        "model": "emotion-vi", "feature_version": FEATURE_VERSION, "buckets": args.buckets,
        "plain_buckets": args.plain_buckets, "epochs": args.epochs, "best_epoch": best["epoch"] + 1,
        "plain_best_epoch": plain_best["epoch"] + 1, "seed": args.seed, "temperature": temperature,
        "plain_temperature": plain_temperature,
        "with_valid": bool(args.fixed),
        "valid": scores(valid_y, router.probabilities(valid_x)),
        "valid_without_diacritics": scores(valid_y, router.probabilities([fold(x) for x in valid_x])),
        "test": scores(test_y, test_probabilities),
        "test_six_class": six_class(test_y, test_probabilities),
        "test_valence_sign": valence_sign_agreement(test_y, test_probabilities),
        "test_without_diacritics": scores(test_y, folded_probabilities),
        "test_teencode_noise": scores(test_y, noisy_probabilities),
        "test_rows_read_plain": sum(1 for x in test_x if reads_plain(x)),
        "training_seconds": round(time.time() - started, 1),
    }
    for key in ("valid_without_diacritics", "test_without_diacritics", "test_teencode_noise"):
        metrics[key] = {k: metrics[key][k] for k in ("weighted_f1", "macro_f1", "accuracy")}
    export(router, metrics, test_x, test_probabilities, folded_probabilities)
    log(f"test weighted F1 {metrics['test']['weighted_f1']:.4f}, macro {metrics['test']['macro_f1']:.4f}, "
        f"6-class {metrics['test_six_class']['weighted_f1']:.4f}, valence sign "
        f"{metrics['test_valence_sign']['agreement']:.4f}, no diacritics "
        f"{metrics['test_without_diacritics']['weighted_f1']:.4f}, teencode noise "
        f"{metrics['test_teencode_noise']['weighted_f1']:.4f}")


def teacher_rows(lines_path, probability_paths, limit=None):
    """Unlabelled lines and the mean of their teachers' probabilities: an .npz holds `probabilities` (float, one row
    a line) or gpu_teacher.py's `probabilities_u8` (p · 255)."""
    with open(lines_path, encoding="utf-8") as f:
        texts = [unicodedata.normalize("NFC", line.rstrip("\n")) for line in f]
    def read(path):
        data = np.load(path)
        p = data["probabilities" if "probabilities" in data.files else "probabilities_u8"].astype(np.float64)
        return p / p.sum(1, keepdims=True)
    probabilities = np.mean([read(path) for path in probability_paths.split(",")], axis=0)
    if len(probabilities) != len(texts):
        raise SystemExit(f"{lines_path}: {len(texts)} lines but {len(probabilities)} rows of probabilities")
    if limit:
        texts, probabilities = texts[:limit], probabilities[:limit]
    return texts, probabilities


def export(router, metrics, test_x, test_probabilities, folded_probabilities):
    (model, featurizer, temperature), (plain, plain_featurizer, plain_temperature) = router.main, router.plain
    tensors = {}
    for prefix, net, feats in (("classifier", model, featurizer), ("plain", plain, plain_featurizer)):
        tensors[prefix + ".weight"] = net.weight.weight.detach().t().contiguous().to(torch.float16)  # [classes, buckets]
        tensors[prefix + ".bias"] = net.bias.detach().to(torch.float32).contiguous()
        tensors[prefix + ".idf"] = feats.idf.to(torch.float16).contiguous()
    metadata = {"format": "camxuc-emotion", "version": "2", "feature_version": str(FEATURE_VERSION)}
    save_file(tensors, os.path.join(MODELS, "emotion-vi.safetensors"), metadata=metadata)
    config = {
        "name": "emotion-vi", "version": 2, "architecture": "hashed-ngram-softmax",
        "feature_version": FEATURE_VERSION, "buckets": featurizer.buckets, "temperature": temperature,
        "plain": {"buckets": plain_featurizer.buckets, "temperature": plain_temperature},
        "max_tokens": 512,
        "labels": [{"code": code, "vi": vi, "en": en, "valence": CIRCUMPLEX[code][0], "arousal": CIRCUMPLEX[code][1]}
                   for code, vi, en in zip(LABELS, NAMES_VI, NAMES_EN)],
        "tensors": {name: {"dtype": {torch.float16: "F16", torch.float32: "F32"}[t.dtype], "shape": list(t.shape)}
                    for name, t in tensors.items()},
    }
    with open(os.path.join(MODELS, "emotion-vi.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    with open(os.path.join(MODELS, "emotion-vi.metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, ensure_ascii=False, indent=1)
    golden_dir = os.path.join(ROOT, "Tests", "Fixtures", "emotion")
    os.makedirs(golden_dir, exist_ok=True)
    # 120 test sentences as written and 60 with their diacritics removed (which the plain head reads).
    golden = [{"text": text, "probabilities": [round(float(p), 7) for p in probabilities]}
              for text, probabilities in list(zip(test_x, test_probabilities))[:120]]
    golden += [{"text": fold(text), "probabilities": [round(float(p), 7) for p in probabilities]}
               for text, probabilities in list(zip(test_x, folded_probabilities))[120:180]]
    with open(os.path.join(golden_dir, "golden.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "emotion-vi", "cases": golden}, f, ensure_ascii=False, indent=0)
    from emotion_card import write_card
    write_card()
    log("exported Models/emotion-vi.safetensors, .json, .metrics.json, .md and the golden fixture")


if __name__ == "__main__":
    main()
