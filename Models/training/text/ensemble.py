"""Chooses how the shipped emotion classifier mixes its two heads, then scores it once on the test sets.

    Models/training/.venv/bin/python Models/training/text/ensemble.py --student DIR [--write]

The classifier CamXuc ships reads a text with both heads and averages their probabilities:
    p = w · p_neural + (1 − w) · p_linear
where p_linear is the hashed n-gram softmax (Models/emotion-vi.*, routed to its plain head for text typed without
diacritics) and p_neural the distilled BiLSTM (student_eval.py's forward pass). The weight w is chosen on UIT-VSMEC
valid alone (weighted F1, ties to the larger w). Text typed without diacritics has a weight of its own, w_plain (the
plain head and the neural head's diacritic-free forms are other readers than for text as written): the one that
reads UIT-VSMEC valid without diacritics best among those that read the everyday corpus' dev set without
diacritics at least as well as w does (Models/training/corpus/everyday/dev.tsv: sentences about feelings as people
write them, written and labelled apart from the training and held-out sets). A temperature on the mixture is fitted
on valid by log-likelihood. Text typed without diacritics is then read a second time with its diacritics put back
(diacritics.py: a syllable trigram model and Viterbi), as text with diacritics is read (w, the temperature), and
the two readings are mixed, r of the restored one: r reads UIT-VSMEC valid without diacritics best among the shares
that read the everyday dev set without diacritics at least as well as r = 0. Nothing is tuned on UIT-VSMEC test or on the everyday held-out set, which are scored
once with the chosen weights. Expected calibration error (15
equal-width bins of the top probability) is reported for every set; UIT-VSMEC test is also read with teencode noise.

With --write, the student is copied into Models/ as emotion-vi-neural.{json,safetensors} with the weights, the
temperature and a few sentences' mixed probabilities (the Swift test's reference) added to its config, and the figures go to Models/emotion-vi-neural.metrics.json (the card reads them).
"""
import argparse
import csv
import json
import os
import random
import shutil
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402
from camxuc_text import fold  # noqa: E402
from diacritics import Restorer as DiacriticRestorer  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402
from train_emotion import reads_plain, tokens_for  # noqa: E402
from textdata import softmax  # noqa: E402

TRAINING = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(TRAINING))
MODELS = os.path.join(ROOT, "Models")
DATA = os.path.join(ROOT, "..", "shared", "data", "text")
HELDOUT = os.path.join(TRAINING, "corpus", "everyday", "heldout.tsv")
DEV = os.path.join(TRAINING, "corpus", "everyday", "dev.tsv")
LABELS = td.LABELS
VALENCE = {"Enjoyment": 1, "Sadness": -1, "Anger": -1, "Fear": -1, "Disgust": -1}


def linear_router():
    import torch  # noqa: F401  (bench_emotion's heads are torch modules)
    from bench_emotion import head
    from safetensors.torch import load_file
    from train_emotion import Router
    config = json.load(open(os.path.join(MODELS, "emotion-vi.json"), encoding="utf-8"))
    tensors = load_file(os.path.join(MODELS, "emotion-vi.safetensors"))
    classes = len(config["labels"])
    return Router(head(tensors, "classifier", config["buckets"], classes, config["temperature"]),
                  head(tensors, "plain", config["plain"]["buckets"], classes, config["plain"]["temperature"]))


def mix(linear, neural, plain, weight, plain_weight):
    """The mixture before its temperature: w_plain for the rows the plain head read, w for the others."""
    w = np.where(np.asarray(plain)[:, None], plain_weight, weight)
    return w * neural + (1 - w) * linear


def teencode_noise(router, student, texts, seed=7):
    """Both heads' probabilities for `texts` with teencode noise (a word replaced by a shorthand for it in 60 % of
    the places one exists, after normalisation, as train_emotion.py measures its linear heads: the same draws), and
    the items read."""
    rng = random.Random(seed)
    items = [(reads_plain(raw), *tokens_for(raw, "teencode", rng)) for raw in texts]
    neural = td.softmax(student.logits([student.encode_tokens(tokens) for _, tokens, _ in items]) / student.temperature)
    return (router.read(items), neural, [plain for plain, _, _ in items]), items


def restored_readings(router, student, restorer, items):
    """Both heads' probabilities for the rows read without diacritics once their diacritics are put back (read as
    text with diacritics is: the main linear head); zeros for the other rows, which are not restored."""
    classes = len(LABELS)
    linear = np.zeros((len(items), classes))
    neural = np.zeros((len(items), classes))
    rows = [i for i, (plain, _, _) in enumerate(items) if plain]
    if restorer is None or not rows:
        return linear, neural
    restored = [(False, restorer.restore(items[i][1]), items[i][2]) for i in rows]
    linear[rows] = router.read(restored)
    neural[rows] = softmax(student.logits([student.encode_tokens(tokens) for _, tokens, _ in restored]) / student.temperature)
    return linear, neural


def final(readings, restored, weight, plain_weight, temperature, share):
    """The whole classifier (Swift: EmotionClassifier.classify): the sharpened mixture; for rows read without
    diacritics, (1 − share) of it and `share` of the restored text's mixture (weight w, as text with diacritics)."""
    linear, neural, plain = readings
    base = sharpen(mix(linear, neural, plain, weight, plain_weight), temperature)
    if share == 0:
        return base
    again = sharpen(mix(restored[0], restored[1], [False] * len(plain), weight, weight), temperature)
    plain = np.asarray(plain)[:, None]
    return np.where(plain, (1 - share) * base + share * again, base)


def ece(y, p, bins=15):
    confidence, predicted = p.max(1), p.argmax(1)
    correct = predicted == np.asarray(y)
    total = 0.0
    edges = np.linspace(0, 1, bins + 1)
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def sharpen(p, temperature):
    """p^(1/T), renormalised: the mixture's own temperature (Swift: EmotionClassifier.classify)."""
    q = np.exp(np.log(np.clip(p, 1e-12, 1)) / temperature)
    return q / q.sum(1, keepdims=True)


def valence_sign(y, p):
    coordinates = np.array([{"Enjoyment": 0.7, "Sadness": -0.7, "Anger": -0.55, "Fear": -0.45, "Disgust": -0.65,
                             "Surprise": 0.25, "Other": 0.0}[name] for name in LABELS])
    rows = [i for i, label in enumerate(y) if LABELS[label] in VALENCE]
    agree = sum(1 for i in rows if np.sign(p[i] @ coordinates) == VALENCE[LABELS[y[i]]])
    return agree / max(len(rows), 1)


def summary(y, p):
    s = td.scores(y, p)
    out = td.brief(s)
    out["valence_sign"] = round(valence_sign(y, p), 4)
    out["ece"] = round(ece(y, p), 4)
    out["per_class"] = s["per_class"]
    out["confusion"] = s["confusion"]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--student", required=True)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--restorer", default=os.path.join(MODELS, "diacritics-vi"),
                        help="the diacritic restorer (path without .json/.safetensors); 'none' reads without it")
    parser.add_argument("--fixed-mixture", action="store_true",
                        help="keep the shipped w, w_plain, T and r (Models/emotion-vi-neural.metrics.json) instead of "
                             "choosing them on valid: for linear heads refit on train + valid (train_emotion.py "
                             "--with-valid), which valid can no longer judge")
    args = parser.parse_args()
    shipped = None
    if args.fixed_mixture:
        with open(os.path.join(MODELS, "emotion-vi-neural.metrics.json"), encoding="utf-8") as f:
            shipped = json.load(f)
    router = linear_router()
    student = NumpyStudent.load(args.student)
    restorer = None if args.restorer == "none" else DiacriticRestorer(args.restorer)
    sets = {}
    for split in ("valid", "test"):
        x, y = td.load_vsmec(DATA, split)
        sets[split] = (x, y, None)
        sets[split + "_without_diacritics"] = ([fold(t) for t in x], y, None)
    rows = [line.rstrip("\n").split("\t") for line in open(HELDOUT, encoding="utf-8")][1:]
    held_x = [r[1] for r in rows]
    held_y = [LABELS.index(r[2]) for r in rows]
    held_tags = [set(r[3].split(",")) for r in rows]
    with open(DEV, encoding="utf-8") as f:
        dev = list(csv.DictReader(f, delimiter="\t"))
    sets["dev"] = ([r["text"] for r in dev], [LABELS.index(r["label"]) for r in dev], None)
    sets["dev_without_diacritics"] = ([fold(r["text"]) for r in dev], sets["dev"][1], None)
    sets["heldout"] = (held_x, held_y, held_tags)
    sets["heldout_without_diacritics"] = ([fold(t) for t in held_x], held_y, held_tags)
    probabilities = {}
    restored = {}
    for name, (x, y, _) in sets.items():
        probabilities[name] = (router.probabilities(x), student.probabilities(x), [reads_plain(t) for t in x])
        restored[name] = restored_readings(router, student, restorer,
                                           [(reads_plain(t), *tokens_for(t)) for t in x])
    sets["test_teencode_noise"] = sets["test"]
    probabilities["test_teencode_noise"], noisy_items = teencode_noise(router, student, sets["test"][0])
    restored["test_teencode_noise"] = restored_readings(router, student, restorer, noisy_items)
    weights = np.round(np.arange(0, 1.0001, 0.05), 2)

    # w is chosen on UIT-VSMEC valid. Text typed without diacritics gets its own weight w_plain: the one that reads
    # UIT-VSMEC valid without diacritics best among those that read the everyday corpus' dev set without diacritics
    # at least as well as w does (a weight of its own must not make everyday text typed that way read worse).
    def f1(name, weight, plain_weight):
        return td.scores(sets[name][1], mix(*probabilities[name], weight, plain_weight))["weighted_f1"]

    weight_search = [(f1("valid", w, w), float(w)) for w in weights]
    best_f1, weight = max(weight_search)
    dev_floor = f1("dev_without_diacritics", weight, weight)
    plain_search = [(f1("valid_without_diacritics", w, w), float(w), f1("dev_without_diacritics", w, w))
                    for w in weights]
    best_plain_f1, plain_weight = max((v, w) for v, w, dev in plain_search if dev >= dev_floor - 1e-9)
    if shipped:
        weight, plain_weight = shipped["ensemble_weight"], shipped["ensemble_weight_plain"]
        print(f"fixed mixture: w = {weight}, w_plain = {plain_weight}, T = {shipped['ensemble_temperature']}, "
              f"r = {shipped['restored_weight']} (chosen on valid with the linear heads trained on train alone)")
    linear, neural, plain = probabilities["valid"]
    valid_y = sets["valid"][1]
    if f1("valid", weight, plain_weight) != best_f1:  # valid's few rows typed without diacritics moved
        print("note: w_plain changes valid's weighted F1 to", f1("valid", weight, plain_weight))
    # A temperature on the mixture, fitted on UIT-VSMEC valid by log-likelihood: p ← p^(1/T), renormalised.
    valid_mixed = mix(linear, neural, plain, weight, plain_weight)
    temperature, best_nll = 1.0, float("inf")
    for t in np.round(np.arange(0.3, 2.001, 0.05), 2):
        q = sharpen(valid_mixed, t)
        nll = -float(np.mean(np.log(q[np.arange(len(valid_y)), valid_y])))
        if nll < best_nll:
            temperature, best_nll = float(t), nll
    if shipped:
        temperature = shipped["ensemble_temperature"]
    print(f"mixture temperature fitted on UIT-VSMEC valid: {temperature}")
    print(f"ensemble weight chosen on UIT-VSMEC valid: w = {weight} (valid weighted F1 {best_f1:.4f}); "
          + ", ".join(f"{w:.2f}: {f:.4f}" for f, w in weight_search[::2]))
    print(f"weight for text without diacritics: w_plain = {plain_weight} (valid without diacritics {best_plain_f1:.4f}; "
          f"everyday dev without diacritics at least {dev_floor:.4f}); "
          + ", ".join(f"{w:.2f}: {v:.4f}/{d:.4f}" for v, w, d in plain_search[::2]))
    # The restored reading's share r, once w, w_plain and the temperature are fixed: the share that reads UIT-VSMEC
    # valid without diacritics best among those that read the everyday dev set without diacritics at least as well
    # as r = 0 (reading without restoration).
    def f1_final(name, share):
        return td.scores(sets[name][1], final(probabilities[name], restored[name], weight, plain_weight, temperature,
                                              share))["weighted_f1"]

    share_search = [(f1_final("valid_without_diacritics", r), float(r), f1_final("dev_without_diacritics", r))
                    for r in (weights if restorer is not None else [0.0])]
    share_floor = share_search[0][2]
    best_share_f1, share = max((v, r) for v, r, dev in share_search if dev >= share_floor - 1e-9)
    if shipped:
        share = shipped["restored_weight"]
    print(f"restored reading's share: r = {share} (valid without diacritics {best_share_f1:.4f}; everyday dev without "
          f"diacritics at least {share_floor:.4f}); " + ", ".join(f"{r:.2f}: {v:.4f}/{d:.4f}" for v, r, d in share_search[::2]))
    figures = {"ensemble_weight": weight, "ensemble_weight_plain": plain_weight, "ensemble_temperature": temperature,
               "restored_weight": share,
               "restored_share_search_without_diacritics": [[r, round(v, 4), round(d, 4)] for v, r, d in share_search],
               "weight_search_valid": [[w, round(f, 4)] for f, w in weight_search],
               "plain_weight_search_without_diacritics": [[w, round(v, 4), round(d, 4)] for v, w, d in plain_search],
               "plain_weight_dev_floor": round(dev_floor, 4)}
    if shipped:
        # What the choice was made on: the searches and valid's figures with the linear heads trained on train alone
        # (valid is training data for the refit heads; its figures below say nothing).
        for key in ("restored_share_search_without_diacritics", "weight_search_valid",
                    "plain_weight_search_without_diacritics", "plain_weight_dev_floor"):
            figures[key] = shipped[key]
        figures["selection_valid"] = shipped.get("selection_valid", shipped["valid"])
        figures["linear_refit_with_valid"] = True
    for name, (x, y, tags) in sets.items():
        linear, neural, plain = probabilities[name]
        unsharpened = mix(linear, neural, plain, weight, plain_weight)
        mixed = final(probabilities[name], restored[name], weight, plain_weight, temperature, share)
        entry = {"ensemble": summary(y, mixed), "ece_before_temperature": round(ece(y, unsharpened), 4), "linear": td.brief(td.scores(y, linear)),
                 "neural": td.brief(td.scores(y, neural))}
        if tags is not None:
            by_tag = {}
            for tag in ("neg", "dblneg", "contrast", "question", "rhetorical", "sarcasm", "teencode", "nodiacritic",
                        "emoji", "exclam", "paragraph", "formal", "literary", "news", "chat", "spoken"):
                index = [i for i, t in enumerate(tags) if tag in t]
                if index:
                    by_tag[tag] = {"rows": len(index),
                                   "accuracy": round(float((mixed[index].argmax(1) == np.asarray(y)[index]).mean()), 4)}
            neg_or_contrast = [i for i, t in enumerate(tags) if "neg" in t or "contrast" in t]
            by_tag["neg_or_contrast"] = {"rows": len(neg_or_contrast), "accuracy": round(float(
                (mixed[neg_or_contrast].argmax(1) == np.asarray(y)[neg_or_contrast]).mean()), 4)}
            entry["by_tag"] = by_tag
        figures[name] = entry
        e = entry["ensemble"]
        print(f"{name:<30} ensemble wF1 {e['weighted_f1']:.4f} macro {e['macro_f1']:.4f} acc {e['accuracy']:.4f} "
              f"valence-sign {e['valence_sign']:.3f} ECE {e['ece']:.3f} | linear wF1 {entry['linear']['weighted_f1']:.4f} "
              f"acc {entry['linear']['accuracy']:.4f} | neural wF1 {entry['neural']['weighted_f1']:.4f} acc {entry['neural']['accuracy']:.4f}")
        if tags is not None:
            print("   by tag: " + ", ".join(f"{k} {v['accuracy']:.3f} ({v['rows']})" for k, v in entry["by_tag"].items()))
        print("   recall: " + " ".join(f"{k[:4]} {v['recall']:.2f}" for k, v in e["per_class"].items()))
    if args.write:
        config = json.load(open(os.path.join(args.student, "student.json"), encoding="utf-8"))
        config["ensemble_weight"] = weight
        config["ensemble_weight_plain"] = plain_weight
        config["ensemble_temperature"] = temperature
        # The whole classifier's probabilities for a few valid sentences as written and without diacritics, for the
        # Swift test that the shipped mixture reads as this script scores it (EmotionClassifierTests).
        golden = []
        for name in ("valid", "valid_without_diacritics"):
            plain = probabilities[name][2]
            mixed = final(probabilities[name], restored[name], weight, plain_weight, temperature, share)
            for i in range(0, 8 * 37, 37):
                golden.append({"text": sets[name][0][i], "without_diacritics": bool(plain[i]),
                               "probabilities": [round(float(v), 6) for v in mixed[i]]})
        config["mixture_golden"] = golden
        with open(os.path.join(MODELS, "emotion-vi-neural.json"), "w", encoding="utf-8") as f:
            json.dump(config, f, ensure_ascii=False, separators=(",", ":"))
        shutil.copyfile(os.path.join(args.student, "student.safetensors"), os.path.join(MODELS, "emotion-vi-neural.safetensors"))
        if restorer is None and os.path.exists(os.path.join(MODELS, "diacritics-vi.json")):
            # Scored without the restorer: the shipped one must not mix in a share the figures never had.
            shipped = json.load(open(os.path.join(MODELS, "diacritics-vi.json"), encoding="utf-8"))
            shipped["restored_weight"] = 0.0
            with open(os.path.join(MODELS, "diacritics-vi.json"), "w", encoding="utf-8") as f:
                json.dump(shipped, f, ensure_ascii=False, indent=1)
                f.write("\n")
        if restorer is not None:
            restorer_config = json.load(open(args.restorer + ".json", encoding="utf-8"))
            restorer_config["restored_weight"] = share
            with open(os.path.join(MODELS, "diacritics-vi.json"), "w", encoding="utf-8") as f:
                json.dump(restorer_config, f, ensure_ascii=False, indent=1)
                f.write("\n")
            if os.path.abspath(args.restorer) != os.path.join(MODELS, "diacritics-vi"):
                shutil.copyfile(args.restorer + ".safetensors", os.path.join(MODELS, "diacritics-vi.safetensors"))
        with open(os.path.join(MODELS, "emotion-vi-neural.metrics.json"), "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1, ensure_ascii=False)
        print("wrote Models/emotion-vi-neural.{json,safetensors,metrics.json}")


if __name__ == "__main__":
    main()
