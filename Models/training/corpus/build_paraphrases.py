"""CamXuc's paraphrases of UIT-VSMEC train: two rewordings of every training sentence, written by helper sessions
that never saw the labels; each paraphrase takes its source sentence's gold label. The card: `paraphrases/README.md`.

    python3 Models/training/corpus/build_paraphrases.py batches DIR   # the writers' inputs: train in 8 batches
    python3 Models/training/corpus/build_paraphrases.py merge DIR     # their files -> paraphrases/train.tsv

Kept: one line, not empty, not the source sentence again (case-folded, whitespace collapsed), not a duplicate of
another paraphrase or of any UIT-VSMEC sentence, and not within character-5-gram Jaccard 0.5 of a UIT-VSMEC valid or
test sentence. Standard library only.
"""
import collections
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_everyday import LABELS, NearIndex, key, read_vsmec  # noqa: E402
from build_silver import TEXT, clean  # noqa: E402

FOLDER = os.path.join(HERE, "paraphrases")
TRAIN_TSV = os.path.join(FOLDER, "train.tsv")
BATCHES = 8


def vsmec_train(data=TEXT):
    import csv
    with open(os.path.join(data, "UIT-VSMEC", "train.csv"), encoding="utf-8") as f:
        return [(r["sentence"], r["emotion"]) for r in csv.DictReader(f)]


def write_batches(out_dir):
    rows = vsmec_train()
    size = -(-len(rows) // BATCHES)
    os.makedirs(out_dir, exist_ok=True)
    for b in range(BATCHES):
        with open(os.path.join(out_dir, f"train-{b}.tsv"), "w", encoding="utf-8") as f:
            f.write("id\tsentence\n")
            for i in range(b * size, min((b + 1) * size, len(rows))):
                f.write(f"t{i}\t{clean(rows[i][0])}\n")


def merge(out_dir):
    rows = vsmec_train()
    near = NearIndex(read_vsmec("valid") + read_vsmec("test"))
    taken = {key(t) for split in ("train", "valid", "test") for t in read_vsmec(split)}
    kept, stats = [], collections.Counter()
    for path in sorted(glob.glob(os.path.join(out_dir, "out", "train-*.para.tsv"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            f = line.rstrip("\n").split("\t")
            if len(f) != 2 or not f[0].startswith("t") or not f[0][1:].isdigit() or int(f[0][1:]) >= len(rows):
                stats["malformed"] += 1
                continue
            text = clean(f[1])
            if not text:
                stats["empty"] += 1
            elif key(text) in taken:
                stats["a UIT-VSMEC sentence or a paraphrase already kept"] += 1
            elif near.nearest(text) >= 0.5:
                stats["near a UIT-VSMEC valid or test sentence"] += 1
            else:
                taken.add(key(text))
                kept.append((f[0], text))
                stats["kept"] += 1
    kept.sort(key=lambda r: int(r[0][1:]))
    os.makedirs(FOLDER, exist_ok=True)
    with open(TRAIN_TSV, "w", encoding="utf-8") as f:
        f.write("source\tparaphrase\n")
        for source, text in kept:
            f.write(f"{source}\t{text}\n")
    print(dict(stats))


def load_paraphrases(data=TEXT, path=TRAIN_TSV):
    """[(paraphrase, label index, source row index in UIT-VSMEC train)]."""
    rows = vsmec_train(data)
    out = []
    for line in list(open(path, encoding="utf-8"))[1:]:
        source, text = line.rstrip("\n").split("\t")
        i = int(source[1:])
        out.append((text, LABELS.index(rows[i][1]), i))
    return out


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "batches" and len(sys.argv) == 3:
        write_batches(sys.argv[2])
    elif command == "merge" and len(sys.argv) == 3:
        merge(sys.argv[2])
    else:
        sys.exit(__doc__)
