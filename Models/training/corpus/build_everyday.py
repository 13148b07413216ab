"""Builds CamXuc's everyday corpus from the writers' parts: checks, normalises, deduplicates, and splits off the
held-out set's blind copy for the second labelling pass.

    python3 Models/training/corpus/build_everyday.py            # writes train.tsv, heldout-all.tsv, heldout-blind.tsv
    python3 Models/training/corpus/build_everyday.py --agree     # after the second pass: kappa, heldout.tsv
    python3 Models/training/corpus/build_everyday.py --dev       # dev-all.tsv, dev-blind.tsv (train/heldout untouched)
    python3 Models/training/corpus/build_everyday.py --agree-dev # after the dev set's second pass: kappa, dev.tsv

Inputs (in Models/training/corpus/everyday/): parts/w*.txt (training, writers W1–W5) and heldout-parts/h*.txt
(held-out, writers H1–H2), one `Label|tags|text` line each; after the blind pass, heldout-labels-2.tsv (id, label).
Deduplication: exact duplicates (case-folded, whitespace collapsed) are dropped within each set; a held-out sentence
is dropped when its character-5-gram Jaccard similarity with any training sentence or any UIT-VSMEC sentence
(train, valid, test) is 0.5 or more; a training sentence is dropped when it is that close to a UIT-VSMEC test
sentence (so the UIT-VSMEC test figure stays clean). Standard library only.

The development set (dev-parts/d*.txt, writers D1–D2, written later in a pass of its own) is for choosing among
models and mixtures, never for training: a sentence is dropped when it is that close to any training, held-out or
UIT-VSMEC sentence, and only the sentences a blind second labelling pass agrees on are kept.
"""
import argparse
import collections
import csv
import glob
import json
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "everyday")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
VSMEC = os.path.join(ROOT, "..", "shared", "data", "text", "UIT-VSMEC")
LABELS = ["Enjoyment", "Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]
TAGS = set("""spoken chat formal literary news exclam short medium long paragraph neg dblneg intens hedge contrast
question rhetorical sarcasm teencode nodiacritic emoji north south p1 p3 school work family love health traffic money
food weather loss friends travel tech home pets sport entertainment""".split())


def key(text):
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def grams(text, n=5):
    t = key(text)
    return {t[i:i + n] for i in range(max(len(t) - n + 1, 1))}


def read_parts(pattern, prefix):
    rows, problems = [], []
    for path in sorted(glob.glob(os.path.join(CORPUS, pattern))):
        writer = os.path.basename(path).split(".")[0]
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip():
                    continue
                parts = line.split("|", 2)
                if len(parts) != 3 or parts[0] not in LABELS or not parts[2].strip():
                    problems.append(f"{path}:{number}: not Label|tags|text")
                    continue
                tags = [t.strip() for t in parts[1].split(",") if t.strip()]
                unknown = [t for t in tags if t not in TAGS]
                if unknown:
                    problems.append(f"{path}:{number}: unknown tags {unknown}")
                    tags = [t for t in tags if t in TAGS]
                text = " ".join(unicodedata.normalize("NFC", parts[2]).split())
                rows.append({"id": f"{prefix}-{writer}-{number:04d}", "text": text, "label": parts[0],
                             "tags": ",".join(tags), "writer": writer})
    return rows, problems


def dedupe_exact(rows):
    seen, kept = set(), []
    for row in rows:
        k = key(row["text"])
        if k in seen:
            continue
        seen.add(k)
        kept.append(row)
    return kept


class NearIndex:
    """Finds sentences whose character-5-gram Jaccard similarity with a query is at least a threshold."""

    def __init__(self, texts):
        self.sets = [grams(t) for t in texts]
        self.index = collections.defaultdict(list)
        for i, s in enumerate(self.sets):
            for g in s:
                self.index[g].append(i)

    def nearest(self, text):
        q = grams(text)
        counts = collections.Counter()
        for g in q:
            postings = self.index.get(g)
            if postings and len(postings) < 2000:  # very common grams say little and cost much
                counts.update(postings)
        best = 0.0
        for i, shared in counts.most_common(20):
            other = self.sets[i]
            exact = len(q & other)
            best = max(best, exact / len(q | other))
        return best


def drop_near(rows, indexes, threshold=0.5):
    """The rows whose character-5-gram Jaccard similarity with every sentence of `indexes` ({name: NearIndex}) is
    under `threshold`, and how many each index dropped (the first that matched)."""
    kept, dropped = [], collections.Counter()
    for row in rows:
        close = [name for name, index in indexes.items() if index.nearest(row["text"]) >= threshold]
        if close:
            dropped[close[0]] += 1
        else:
            kept.append(row)
    return kept, dict(dropped)


def label_and_tag_counts(rows):
    tags = collections.Counter(t for r in rows for t in r["tags"].split(",") if t)
    return {"rows": len(rows), "labels": dict(collections.Counter(r["label"] for r in rows)),
            "tags": dict(tags.most_common())}


def write_stats_file(folder, stats):
    with open(os.path.join(folder, "build-stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
        f.write("\n")


def keep_agreed(folder, labels):
    """`folder`/heldout.tsv: the sentences of heldout-all.tsv the blind pass (heldout-labels-2.tsv) agrees on, with
    `labels` the labels either pass may give; the agreement figures go into build-stats.json, and are returned."""
    global CORPUS, LABELS
    CORPUS, LABELS = folder, labels
    held = read_tsv(os.path.join(folder, "heldout-all.tsv"))
    agreed, figures = agreement(held, "heldout-labels-2.tsv")
    write_tsv(os.path.join(folder, "heldout.tsv"), agreed, ["id", "text", "label", "tags", "writer"])
    figures["heldout"] = label_and_tag_counts(agreed)
    stats = json.load(open(os.path.join(folder, "build-stats.json"), encoding="utf-8"))
    stats["agreement"] = figures
    write_stats_file(folder, stats)
    return figures


def run_corpus_cli(build, folder, labels):
    """The corpus builders' command line: `build()`, or with --agree `keep_agreed(folder, labels)`, its figures
    printed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--agree", action="store_true")
    if not parser.parse_args().agree:
        build()
        return
    figures = keep_agreed(folder, labels)
    print(json.dumps({k: v for k, v in figures.items() if k != "heldout"}, ensure_ascii=False))
    print(figures["heldout"]["labels"])


def read_vsmec(split):
    with open(os.path.join(VSMEC, split + ".csv"), encoding="utf-8") as f:
        return [row["sentence"] for row in csv.DictReader(f)]


def write_tsv(path, rows, fields):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(fields)
        for row in rows:
            w.writerow([row[k] for k in fields])


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def build():
    train, p1 = read_parts("parts/*.txt", "tr")
    held, p2 = read_parts("heldout-parts/*.txt", "ho")
    for p in p1 + p2:
        print("problem:", p)
    stats = {"written": {"train": len(train), "heldout": len(held)}}
    train, held = dedupe_exact(train), dedupe_exact(held)
    stats["after_exact_dedup"] = {"train": len(train), "heldout": len(held)}
    vsmec_test = read_vsmec("test")
    near_test = NearIndex(vsmec_test)
    kept = []
    dropped_train = 0
    for row in train:
        if near_test.nearest(row["text"]) >= 0.5:
            dropped_train += 1
            continue
        kept.append(row)
    train = kept
    near_train = NearIndex([r["text"] for r in train])
    near_vsmec = NearIndex(read_vsmec("train") + read_vsmec("valid") + vsmec_test)
    kept, against_train, against_vsmec = [], 0, 0
    for row in held:
        if near_train.nearest(row["text"]) >= 0.5:
            against_train += 1
            continue
        if near_vsmec.nearest(row["text"]) >= 0.5:
            against_vsmec += 1
            continue
        kept.append(row)
    held = kept
    stats["near_duplicates_dropped"] = {"train_vs_vsmec_test": dropped_train, "heldout_vs_train": against_train,
                                        "heldout_vs_vsmec": against_vsmec}
    stats["final"] = {"train": len(train), "heldout_before_agreement": len(held)}
    write_tsv(os.path.join(CORPUS, "train.tsv"), train, ["id", "text", "label", "tags", "writer"])
    write_tsv(os.path.join(CORPUS, "heldout-all.tsv"), held, ["id", "text", "label", "tags", "writer"])
    blind = [{"id": r["id"], "text": r["text"]} for r in held]
    random.Random(7).shuffle(blind)
    write_tsv(os.path.join(CORPUS, "heldout-blind.tsv"), blind, ["id", "text"])
    with open(os.path.join(CORPUS, "build-stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    print(json.dumps(stats, indent=1))
    print("train per class:", collections.Counter(r["label"] for r in train))
    print("held-out per class:", collections.Counter(r["label"] for r in held))


def kappa(a, b):
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = collections.Counter(a), collections.Counter(b)
    expected = sum(ca[k] * cb[k] for k in LABELS) / (n * n)
    return (observed - expected) / (1 - expected), observed


def agreement(rows, labels_file):
    """The rows the blind second pass (`labels_file`: id, label) agrees on, and the agreement figures."""
    second = {r["id"]: r["label"] for r in read_tsv(os.path.join(CORPUS, labels_file))}
    missing = [r["id"] for r in rows if r["id"] not in second]
    if missing:
        print(f"{len(missing)} sentences have no second label, e.g. {missing[:3]}")
    pairs = [(r["label"], second[r["id"]]) for r in rows if r["id"] in second]
    k, observed = kappa([p[0] for p in pairs], [p[1] for p in pairs])
    agreed = [r for r in rows if second.get(r["id"]) == r["label"]]
    confusion = collections.Counter((a, b) for a, b in pairs if a != b)
    return agreed, {"labelled_twice": len(pairs), "observed": round(observed, 4), "cohen_kappa": round(k, 4),
                    "kept": len(agreed),
                    "top_disagreements": [f"{a}→{b}: {n}" for (a, b), n in confusion.most_common(10)]}


def agree():
    held = read_tsv(os.path.join(CORPUS, "heldout-all.tsv"))
    agreed, figures = agreement(held, "heldout-labels-2.tsv")
    stats = json.load(open(os.path.join(CORPUS, "build-stats.json"), encoding="utf-8"))
    stats["agreement"] = figures
    stats["final"]["heldout"] = len(agreed)
    stats["heldout_per_class"] = dict(collections.Counter(r["label"] for r in agreed))
    stats["train_per_class"] = dict(collections.Counter(r["label"] for r in read_tsv(os.path.join(CORPUS, "train.tsv"))))
    tag_counts = {}
    for name, rows in (("train", read_tsv(os.path.join(CORPUS, "train.tsv"))), ("heldout", agreed)):
        c = collections.Counter(t for r in rows for t in r["tags"].split(",") if t)
        tag_counts[name] = dict(sorted(c.items(), key=lambda kv: -kv[1]))
    stats["tags"] = tag_counts
    write_tsv(os.path.join(CORPUS, "heldout.tsv"), agreed, ["id", "text", "label", "tags", "writer"])
    with open(os.path.join(CORPUS, "build-stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    print(json.dumps(stats["agreement"], indent=1, ensure_ascii=False))
    print("held-out per class:", stats["heldout_per_class"])


def update_stats(section, values):
    path = os.path.join(CORPUS, "build-stats.json")
    stats = json.load(open(path, encoding="utf-8"))
    stats.setdefault(section, {}).update(values)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)


def build_dev():
    dev, problems = read_parts("dev-parts/*.txt", "dv")
    for p in problems:
        print("problem:", p)
    written = len(dev)
    dev = dedupe_exact(dev)
    exact = written - len(dev)
    near = {"train": NearIndex([r["text"] for r in read_tsv(os.path.join(CORPUS, "train.tsv"))]),
            "heldout": NearIndex([r["text"] for r in read_tsv(os.path.join(CORPUS, "heldout-all.tsv"))]),
            "vsmec": NearIndex(read_vsmec("train") + read_vsmec("valid") + read_vsmec("test"))}
    dropped = collections.Counter()
    kept = []
    for row in dev:
        against = next((name for name, index in near.items() if index.nearest(row["text"]) >= 0.5), None)
        if against:
            dropped[against] += 1
            continue
        kept.append(row)
    write_tsv(os.path.join(CORPUS, "dev-all.tsv"), kept, ["id", "text", "label", "tags", "writer"])
    blind = [{"id": r["id"], "text": r["text"]} for r in kept]
    random.Random(11).shuffle(blind)
    write_tsv(os.path.join(CORPUS, "dev-blind.tsv"), blind, ["id", "text"])
    values = {"written": written, "exact_duplicates_dropped": exact,
              "near_duplicates_dropped": {f"dev_vs_{k}": dropped[k] for k in near}, "before_agreement": len(kept)}
    update_stats("dev", values)
    print(json.dumps(values, indent=1), "\nper class:", collections.Counter(r["label"] for r in kept))


def agree_dev():
    dev = read_tsv(os.path.join(CORPUS, "dev-all.tsv"))
    agreed, figures = agreement(dev, "dev-labels-2.tsv")
    write_tsv(os.path.join(CORPUS, "dev.tsv"), agreed, ["id", "text", "label", "tags", "writer"])
    tags = collections.Counter(t for r in agreed for t in r["tags"].split(",") if t)
    values = {"agreement": figures, "final": len(agreed), "per_class": dict(collections.Counter(r["label"] for r in agreed)),
              "tags": dict(sorted(tags.items(), key=lambda kv: -kv[1]))}
    update_stats("dev", values)
    print(json.dumps(values["agreement"], indent=1, ensure_ascii=False), "\nper class:", values["per_class"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--agree", action="store_true")
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--agree-dev", action="store_true")
    args = parser.parse_args()
    if args.dev:
        build_dev()
    elif args.agree_dev:
        agree_dev()
    else:
        agree() if args.agree else build()
