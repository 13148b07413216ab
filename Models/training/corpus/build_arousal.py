"""Builds CamXuc's calm/lively corpus (`arousal/`) from the writers' parts: checks, normalises, deduplicates, and
splits off the held-out set's blind copy for the second labelling pass.

    python3 Models/training/corpus/build_arousal.py           # train.tsv, heldout-all.tsv
    python3 Models/training/corpus/build_arousal.py --agree   # after the blind pass: kappa, heldout.tsv

Inputs (in Models/training/corpus/arousal/): parts/a*.txt (training, writers A1–A2) and heldout-parts/h*.txt
(held-out, writer H1), one `Label|tags|text` line each (Label: Calm or Lively); after the blind pass,
heldout-labels-2.tsv (id, label: Calm, Lively or Neither; the labellers saw each held-out writer's lines as
written, ids kept, shuffled with random.Random(7), text only). Deduplication as build_everyday.py's: exact duplicates
within each set; a held-out sentence is dropped when its character-5-gram Jaccard similarity with any training
sentence, any UIT-VSMEC sentence or any sentence of the everyday corpus is 0.5 or more. Standard library only.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_everyday as be  # noqa: E402

CORPUS = os.path.join(HERE, "arousal")
LABELS = ["Calm", "Lively"]
TAGS = be.TAGS | {"nature", "music"}


def read_parts(pattern, prefix):
    be.CORPUS, be.LABELS, be.TAGS = CORPUS, LABELS, TAGS
    return be.read_parts(pattern, prefix)


def build():
    train, problems = read_parts("parts/a*.txt", "tr")
    held, more = read_parts("heldout-parts/h*.txt", "ho")
    problems += more
    stats = {"written": {"train": len(train), "heldout": len(held)}, "problems": problems[:20]}
    train, held_exact = be.dedupe_exact(train), be.dedupe_exact(held)
    stats["exact_duplicates_dropped"] = {"train": stats["written"]["train"] - len(train),
                                         "heldout": stats["written"]["heldout"] - len(held_exact)}
    everyday = [r["text"] for name in ("train.tsv", "heldout.tsv", "dev.tsv")
                for r in be.read_tsv(os.path.join(HERE, "everyday", name))]
    near = {"train": be.NearIndex([r["text"] for r in train]),
            "UIT-VSMEC": be.NearIndex(be.read_vsmec("train") + be.read_vsmec("valid") + be.read_vsmec("test")),
            "everyday": be.NearIndex(everyday)}
    kept, stats["heldout_near_duplicates_dropped"] = be.drop_near(held_exact, near)
    stats["train"] = be.label_and_tag_counts(train)
    stats["heldout_all"] = be.label_and_tag_counts(kept)
    be.write_tsv(os.path.join(CORPUS, "train.tsv"), train, ["id", "text", "label", "tags", "writer"])
    be.write_tsv(os.path.join(CORPUS, "heldout-all.tsv"), kept, ["id", "text", "label", "tags", "writer"])
    be.write_stats_file(CORPUS, stats)
    print(json.dumps(stats, ensure_ascii=False, indent=1)[:1500])



if __name__ == "__main__":
    be.run_corpus_cli(build, CORPUS, LABELS + ["Neither"])
