"""Scores the shipped classifier as the app runs it: `camxuc analyze --json --no-personal` in batch mode over each set,
weighted and macro F1 by scikit-learn, as typed and with every diacritic removed.

    Models/training/.venv/bin/python Models/training/text/eval_binary.py .build/release/camxuc          # valid, dev
    Models/training/.venv/bin/python Models/training/text/eval_binary.py .build/release/camxuc --test   # test, held-out

For comparing two builds on the selection sets (valid, the everyday dev set) when something that reads text changes
without a model being retrained; the test sets are for the once-per-shipped-model score. Run with no corrections
(a private XDG folder) and the repository's models.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

from sklearn.metrics import f1_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from camxuc_text import fold  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DATA = os.path.join(ROOT, "..", "shared", "data", "text", "UIT-VSMEC")
EVERYDAY = os.path.join(ROOT, "Models", "training", "corpus", "everyday")


def vsmec(split):
    with open(os.path.join(DATA, split + ".csv"), encoding="utf-8") as f:
        return [(r["sentence"], r["emotion"]) for r in csv.DictReader(f)]


def everyday(name):
    with open(os.path.join(EVERYDAY, name + ".tsv"), encoding="utf-8") as f:
        return [(r["text"], r["label"]) for r in csv.DictReader(f, delimiter="\t")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--test", action="store_true", help="UIT-VSMEC test and the everyday held-out set")
    args = parser.parse_args()
    sets = {"test": vsmec("test"), "heldout": everyday("heldout")} if args.test \
        else {"valid": vsmec("valid"), "dev": everyday("dev")}
    private = tempfile.mkdtemp()
    env = dict(os.environ, CAMXUC_MODELS=os.path.join(ROOT, "Models"), XDG_DATA_HOME=private,
               XDG_CONFIG_HOME=private, XDG_STATE_HOME=private)
    for name, rows in sets.items():
        for suffix, transform in (("", lambda t: t), ("_without_diacritics", fold)):
            texts = [transform(text.replace("\n", " ")) for text, _ in rows]
            out = subprocess.run([args.binary, "analyze", "--json", "--no-personal"], input="\n".join(texts) + "\n",
                                 capture_output=True, text=True, env=env).stdout.splitlines()
            predicted = [json.loads(line).get("winner", "?") for line in out]
            gold = [label for _, label in rows]
            assert len(predicted) == len(gold), (len(predicted), len(gold))
            accuracy = sum(a == b for a, b in zip(gold, predicted)) / len(gold)
            print(f"{name + suffix:28s} weighted F1 {f1_score(gold, predicted, average='weighted'):.4f} "
                  f"macro {f1_score(gold, predicted, average='macro'):.4f} accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
