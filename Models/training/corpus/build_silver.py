"""CamXuc's silver corpus: social-media comments labelled with the seven emotions by reading annotators (helper
sessions), for training the emotion heads. The texts stay in ../shared (ViHSD and ViCTSD train splits); the repo
keeps only where each text is (source, row) and its labels (`silver/labels.tsv`). The card: `silver/README.md`.

    python3 Models/training/corpus/build_silver.py pool  OUT_DIR     # the pool and its batches for the annotators,
                                                                     # the 175 examples and UIT-VSMEC valid, blind
    python3 Models/training/corpus/build_silver.py merge OUT_DIR     # annotators' files -> silver/labels.tsv
    python3 Models/training/corpus/build_silver.py agree             # agreement of the two passes where both exist

Pool: every comment of ViHSD train and ViCTSD train with 2-60 syllables, exact duplicates dropped, and any comment
within character-5-gram Jaccard 0.5 of a UIT-VSMEC sentence dropped (valid and test: the evaluation stays clean;
train: it already has a gold label). Shuffled with seed 17, ids s0, s1, ... Standard library only.
"""
import collections
import csv
import glob
import os
import random
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_everyday import LABELS, NearIndex, key, read_vsmec  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
TEXT = os.path.join(ROOT, "..", "shared", "data", "text")
SILVER = os.path.join(HERE, "silver")
LABELS_TSV = os.path.join(SILVER, "labels.tsv")
SOURCES = {"vihsd": ("vihsd/train.csv", "text"), "victsd": ("victsd/train.csv", "comment")}
BATCH = 2000
# A label with its confidence as a distribution: the pilot on UIT-VSMEC valid found the annotators right 94 %, 68 %
# and 51 % of the time at confidence 3, 2 and 1 (README).
CONFIDENCE_MASS = {3: 0.9, 2: 0.7, 1: 0.5}


def clean(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def source_texts(data=TEXT):
    """{source: [text of row 1, row 2, ...]} (rows counted from 1 after the header)."""
    out = {}
    for name, (path, column) in SOURCES.items():
        with open(os.path.join(data, path), encoding="utf-8", newline="") as f:
            out[name] = [r[column] for r in csv.DictReader(f)]
    return out


def build_pool(data=TEXT):
    near_eval = NearIndex(read_vsmec("valid") + read_vsmec("test"))
    near_train = NearIndex(read_vsmec("train"))
    pool, seen, stats = [], set(), collections.Counter()
    for name, texts in source_texts(data).items():
        for row, raw in enumerate(texts, 1):
            t = clean(raw)
            if not 2 <= len(t.split()) <= 60:
                stats[name + ": length"] += 1
            elif key(t) in seen:
                stats[name + ": duplicate"] += 1
            elif near_eval.nearest(t) >= 0.5:
                stats[name + ": near UIT-VSMEC valid/test"] += 1
            elif near_train.nearest(t) >= 0.5:
                stats[name + ": near UIT-VSMEC train"] += 1
            else:
                seen.add(key(t))
                pool.append((name, row, t))
                stats[name + ": kept"] += 1
    random.Random(17).shuffle(pool)
    return [(f"s{i}", *p) for i, p in enumerate(pool)], stats


def write_batches(out_dir):
    pool, stats = build_pool()
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "pool.tsv"), "w", encoding="utf-8") as f:
        f.write("id\tsource\trow\tsentence\n")
        for i, name, row, t in pool:
            f.write(f"{i}\t{name}\t{row}\t{t}\n")
    for b in range(0, len(pool), BATCH):
        with open(os.path.join(out_dir, f"social-{b // BATCH:02d}.tsv"), "w", encoding="utf-8") as f:
            f.write("id\tsentence\n")
            for i, _, _, t in pool[b:b + BATCH]:
                f.write(f"{i}\t{t}\n")
    write_examples(out_dir)
    print(dict(stats), len(pool), "comments")


def write_examples(out_dir):
    """What the annotators read besides the guidelines: 25 UIT-VSMEC train sentences a class (seed 5), and the pilot's
    input, UIT-VSMEC valid without its labels in two halves (ids v0...)."""
    rng = random.Random(5)
    rows = list(csv.DictReader(open(os.path.join(TEXT, "UIT-VSMEC", "train.csv"), encoding="utf-8")))
    by = {}
    for r in rows:
        by.setdefault(r["emotion"], []).append(r["sentence"])
    examples = [(label, s) for label, sentences in sorted(by.items()) for s in rng.sample(sentences, 25)]
    rng.shuffle(examples)
    with open(os.path.join(out_dir, "examples.tsv"), "w", encoding="utf-8") as f:
        f.write("label\tsentence\n")
        for label, s in examples:
            f.write(f"{label}\t{' '.join(s.split())}\n")
    valid = read_vsmec("valid")
    for half, start in (("a", 0), ("b", 1)):
        with open(os.path.join(out_dir, f"valid-{half}.tsv"), "w", encoding="utf-8") as f:
            f.write("id\tsentence\n")
            for i in range(start, len(valid), 2):
                f.write(f"v{i}\t{' '.join(valid[i].split())}\n")


def read_annotations(pattern):
    """{id: (label, confidence, second)} from annotators' files; malformed lines are reported and skipped."""
    out = {}
    for path in sorted(glob.glob(pattern)):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            f = line.rstrip("\n").split("\t")
            if len(f) < 3 or f[1] not in LABELS or f[2] not in ("1", "2", "3"):
                print(f"{os.path.basename(path)}:{n}: skipped: {line.strip()[:60]}", file=sys.stderr)
                continue
            second = f[3] if len(f) > 3 and f[3] in LABELS and f[3] != f[1] else "-"
            out.setdefault(f[0], (f[1], int(f[2]), second))
    return out


def merge(out_dir):
    """labels.tsv: id, source, row, then label, confidence, second of pass A and (where done) pass B."""
    pool = {}
    for line in list(open(os.path.join(out_dir, "pool.tsv"), encoding="utf-8"))[1:]:
        i, name, row, _ = line.rstrip("\n").split("\t", 3)
        pool[i] = (name, row)
    a = read_annotations(os.path.join(out_dir, "out", "social-??.labels.tsv"))
    b = read_annotations(os.path.join(out_dir, "out", "social-??.pass2.tsv"))
    os.makedirs(SILVER, exist_ok=True)
    order = sorted(a, key=lambda i: int(i[1:]))
    with open(LABELS_TSV, "w", encoding="utf-8") as f:
        f.write("id\tsource\trow\tlabel_a\tconfidence_a\tsecond_a\tlabel_b\tconfidence_b\tsecond_b\n")
        for i in order:
            pb = b.get(i, ("-", "-", "-"))
            f.write("\t".join([i, *pool[i], *map(str, a[i]), *map(str, pb)]) + "\n")
    print(f"{len(order)} comments labelled, {sum(1 for i in order if i in b)} of them twice")


def distribution(label, confidence, second):
    mass = CONFIDENCE_MASS[int(confidence)]
    p = [0.0] * len(LABELS)
    p[LABELS.index(label)] = mass
    if second != "-":
        p[LABELS.index(second)] += 1 - mass
    else:
        for k in range(len(LABELS)):
            if LABELS[k] != label:
                p[k] += (1 - mass) / (len(LABELS) - 1)
    return p


def load_silver(data=TEXT, path=LABELS_TSV):
    """[(text, soft label over LABELS, hard label index, confidence)]: the mean of the passes' distributions; the hard
    label is its argmax and the confidence pass A's (or the lower of the two where they agree, 0 where they differ)."""
    texts = source_texts(data)
    rows = []
    for line in list(open(path, encoding="utf-8"))[1:]:
        f = line.rstrip("\n").split("\t")
        text = clean(texts[f[1]][int(f[2]) - 1])
        passes = [(f[3], f[4], f[5])] + ([(f[6], f[7], f[8])] if f[6] != "-" else [])
        dists = [distribution(*p) for p in passes]
        soft = [sum(d[k] for d in dists) / len(dists) for k in range(len(LABELS))]
        hard = max(range(len(LABELS)), key=lambda k: soft[k])
        if len(passes) == 1:
            confidence = int(f[4])
        else:
            confidence = min(int(f[4]), int(f[7])) if f[3] == f[6] else 0
        rows.append((text, soft, hard, confidence))
    return rows


def agree():
    rows = [line.rstrip("\n").split("\t") for line in list(open(LABELS_TSV, encoding="utf-8"))[1:]]
    both = [(r[3], r[6]) for r in rows if r[6] != "-"]
    if not both:
        print("no comment has two passes")
        return
    n = len(both)
    po = sum(1 for x, y in both if x == y) / n
    ca, cb = collections.Counter(x for x, _ in both), collections.Counter(y for _, y in both)
    pe = sum(ca[c] * cb[c] for c in LABELS) / n / n
    print(f"{n} comments labelled twice: observed agreement {po:.3f}, Cohen's kappa {(po - pe) / (1 - pe):.3f}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "pool" and len(sys.argv) == 3:
        write_batches(sys.argv[2])
    elif command == "merge" and len(sys.argv) == 3:
        merge(sys.argv[2])
    elif command == "agree":
        agree()
    else:
        sys.exit(__doc__)
