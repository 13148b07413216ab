"""What data written or labelled by helper sessions is worth, on UIT-VSMEC valid only.

    Models/training/.venv/bin/python Models/training/text/data_experiment.py pilot        # the annotators on valid
    Models/training/.venv/bin/python Models/training/text/data_experiment.py silver       # + the silver corpus
    Models/training/.venv/bin/python Models/training/text/data_experiment.py paraphrases  # + the paraphrases
    Models/training/.venv/bin/python Models/training/text/data_experiment.py filter       # train, filtered by annotators

pilot: the reading annotators' labels of UIT-VSMEC valid (silver/pilot-valid.tsv, written blind) scored against the
gold labels, with accuracy by the annotators' confidence.
silver: a word (1-2) + character (2-5) TF-IDF logistic regression (class_weight balanced, C 4) trained on UIT-VSMEC
train, on the silver comments alone, and on both (silver rows weighted 0.3 or 1; or only confidence >= 2 at 0.5).
paraphrases: the same regression on UIT-VSMEC train, and on train + its paraphrases (Models/training/corpus/
paraphrases, each with its source's gold label) at weights 0.5 and 1.
filter: the same regression on UIT-VSMEC train without the sentences whose gold label the reading annotators
(silver/vsmec-train.tsv, labelled blind) contradict at confidence 3 (or at 2 and 3), and with those relabelled.
Nothing here reads UIT-VSMEC test or the everyday held-out set.
"""
import csv
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), "corpus")
sys.path.insert(0, CORPUS)
from build_paraphrases import load_paraphrases  # noqa: E402
from build_silver import LABELS, SILVER, TEXT, load_silver  # noqa: E402


def vsmec(split):
    with open(os.path.join(TEXT, "UIT-VSMEC", split + ".csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["sentence"] for r in rows], [LABELS.index(r["emotion"]) for r in rows]


def pilot():
    from sklearn.metrics import classification_report, f1_score
    _, y = vsmec("valid")
    rows = [line.rstrip("\n").split("\t") for line in list(open(os.path.join(SILVER, "pilot-valid.tsv"),
                                                                  encoding="utf-8"))[1:]]
    by_id = {r[0]: r for r in rows}
    pred = [LABELS.index(by_id[f"v{i}"][1]) for i in range(len(y))]
    print(f"annotators on UIT-VSMEC valid ({len(y)}): weighted F1 {f1_score(y, pred, average='weighted'):.4f}, "
          f"macro {f1_score(y, pred, average='macro'):.4f}, accuracy {np.mean(np.array(y) == np.array(pred)):.4f}")
    print(classification_report(y, pred, target_names=LABELS, digits=3))
    for c in "321":
        idx = [i for i in range(len(y)) if by_id[f"v{i}"][2] == c]
        print(f"confidence {c}: {len(idx)} sentences, right {np.mean([y[i] == pred[i] for i in idx]):.3f}")


class Regressions:
    """TF-IDF logistic regressions scored on UIT-VSMEC valid; the vectorisers are fitted on train, valid and `extra`."""

    def __init__(self, extra):
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        tx, self.ty = vsmec("train")
        vx, self.vy = vsmec("valid")
        tx, vx, extra = ([t.lower() for t in texts] for texts in (tx, vx, extra))
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit(tx + extra + vx)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2).fit(tx + extra + vx)
        self.features = lambda texts: hstack([words.transform(texts), chars.transform(texts)]).tocsr()
        self.xt, self.xv = self.features(tx), self.features(vx)
        self.xe = self.features(extra) if extra else None

    def run(self, name, x, y, weights=None):
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        model = LogisticRegression(C=4, max_iter=2000, class_weight="balanced").fit(x, y, sample_weight=weights)
        p = model.predict(self.xv)
        print(f"{name}: valid weighted F1 {f1_score(self.vy, p, average='weighted'):.4f}, "
              f"macro {f1_score(self.vy, p, average='macro'):.4f}", flush=True)

    def run_with(self, name, x, y, weight):
        """UIT-VSMEC train plus the rows `x` labelled `y`, those weighted `weight`."""
        from scipy.sparse import vstack
        self.run(name, vstack([self.xt, x]), self.ty + list(y), np.r_[np.ones(len(self.ty)), np.full(len(y), weight)])


def silver_rows():
    silver = load_silver()
    sy, sc = [r[2] for r in silver], [r[3] for r in silver]
    r = Regressions([x[0] for x in silver])
    r.run(f"UIT-VSMEC train ({len(r.ty)})", r.xt, r.ty)
    r.run(f"silver alone ({len(sy)})", r.xe, sy)
    for w in (0.3, 1.0):
        r.run_with(f"train + silver at weight {w}", r.xe, sy, w)
    keep = [i for i in range(len(sy)) if sc[i] >= 2]
    r.run_with(f"train + silver of confidence >= 2 ({len(keep)}) at weight 0.5", r.xe[keep], [sy[i] for i in keep], 0.5)


def paraphrases():
    rows = load_paraphrases()
    r = Regressions([x[0] for x in rows])
    py = [x[1] for x in rows]
    r.run(f"UIT-VSMEC train ({len(r.ty)})", r.xt, r.ty)
    for w in (0.5, 1.0):
        r.run_with(f"train + {len(py)} paraphrases at weight {w}", r.xe, py, w)


def train_annotations():
    """{train row: (label index, confidence)} from silver/vsmec-train.tsv (ids tN)."""
    out = {}
    for line in list(open(os.path.join(SILVER, "vsmec-train.tsv"), encoding="utf-8"))[1:]:
        f = line.rstrip("\n").split("\t")
        out[int(f[0][1:])] = (LABELS.index(f[1]), int(f[2]))
    return out


def filtered():
    from sklearn.metrics import f1_score
    notes = train_annotations()
    r = Regressions([])
    ty = r.ty
    agree = [notes[i][0] for i in range(len(ty))]
    print(f"annotators against UIT-VSMEC train's gold labels: weighted F1 {f1_score(ty, agree, average='weighted'):.4f}, "
          f"agreement {np.mean(np.array(ty) == np.array(agree)):.4f}")
    r.run(f"UIT-VSMEC train ({len(ty)})", r.xt, ty)
    for least in (3, 2):
        contradicted = {i for i in range(len(ty)) if notes[i][0] != ty[i] and notes[i][1] >= least}
        keep = [i for i in range(len(ty)) if i not in contradicted]
        r.run(f"without the {len(contradicted)} contradicted at confidence >= {least}", r.xt[keep], [ty[i] for i in keep])
        relabelled = [notes[i][0] if i in contradicted else ty[i] for i in range(len(ty))]
        r.run(f"those {len(contradicted)} relabelled", r.xt, relabelled)


if __name__ == "__main__":
    {"pilot": pilot, "silver": silver_rows, "paraphrases": paraphrases, "filter": filtered}.get(sys.argv[1] if len(sys.argv) > 1 else "", lambda: sys.exit(__doc__))()
