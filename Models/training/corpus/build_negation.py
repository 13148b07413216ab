"""Builds CamXuc's negation corpus (`negation/`): sentences whose emotion word is negated, cancelled or denied,
labelled with the emotion meant (UIT-VSMEC's seven classes, `everyday/GUIDELINES.md`; the writers' brief is
`negation/BRIEF.md`). Checks, normalises, deduplicates; after the blind pass, keeps the held-out sentences both
passes agree on.

    python3 Models/training/corpus/build_negation.py           # train.tsv, heldout-all.tsv
    python3 Models/training/corpus/build_negation.py --agree   # after the blind pass: kappa, heldout.tsv

Inputs (in Models/training/corpus/negation/): parts/n*.txt (training, writers N1–N2), heldout-parts/nh.txt (held-out,
writer NH), one `Label|tags|text` line each; heldout-labels-2.tsv (id, label) from the blind pass (the labeller saw
the held-out lines shuffled with random.Random(7), text only). Deduplication: exact duplicates within each set; a
held-out sentence is dropped when its character-5-gram Jaccard similarity with any training sentence, any UIT-VSMEC
sentence or any sentence of the everyday corpus is 0.5 or more; a training sentence is dropped when it is that close
to a UIT-VSMEC test sentence or a sentence of the everyday held-out set (those figures stay clean). Standard library.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_everyday as be  # noqa: E402

CORPUS = os.path.join(HERE, "negation")



def build():
    be.CORPUS = CORPUS
    train, problems = be.read_parts("parts/n*.txt", "tr")
    held, more = be.read_parts("heldout-parts/nh*.txt", "ho")
    stats = {"written": {"train": len(train), "heldout": len(held)}, "problems": (problems + more)[:20]}
    train, held_exact = be.dedupe_exact(train), be.dedupe_exact(held)
    stats["exact_duplicates_dropped"] = {"train": stats["written"]["train"] - len(train),
                                         "heldout": stats["written"]["heldout"] - len(held_exact)}
    everyday = {name: [r["text"] for r in be.read_tsv(os.path.join(HERE, "everyday", name + ".tsv"))]
                for name in ("train", "heldout", "dev")}
    clean = {"UIT-VSMEC test": be.NearIndex(be.read_vsmec("test")), "everyday heldout": be.NearIndex(everyday["heldout"])}
    kept_train, stats["train_near_duplicates_dropped"] = be.drop_near(train, clean)
    near = {"train": be.NearIndex([r["text"] for r in kept_train]),
            "UIT-VSMEC": be.NearIndex(be.read_vsmec("train") + be.read_vsmec("valid") + be.read_vsmec("test")),
            "everyday": be.NearIndex(everyday["train"] + everyday["heldout"] + everyday["dev"])}
    kept, stats["heldout_near_duplicates_dropped"] = be.drop_near(held_exact, near)
    stats["train"] = be.label_and_tag_counts(kept_train)
    stats["heldout_all"] = be.label_and_tag_counts(kept)
    be.write_tsv(os.path.join(CORPUS, "train.tsv"), kept_train, ["id", "text", "label", "tags", "writer"])
    be.write_tsv(os.path.join(CORPUS, "heldout-all.tsv"), kept, ["id", "text", "label", "tags", "writer"])
    be.write_stats_file(CORPUS, stats)
    print(json.dumps({k: v for k, v in stats.items() if k not in ("train", "heldout_all")}, ensure_ascii=False))
    print(stats["train"]["labels"], stats["heldout_all"]["labels"])


if __name__ == "__main__":
    be.run_corpus_cli(build, CORPUS, be.LABELS)
