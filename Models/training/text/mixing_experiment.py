"""How the two emotion heads are best combined, measured by cross-validation on UIT-VSMEC valid only.

    Models/training/.venv/bin/python Models/training/text/mixing_experiment.py STUDENT_DIR...

For each student (a folder with student.json + student.safetensors), 10-fold stratified cross-validation on
UIT-VSMEC valid, repeated with three shuffles, of three ways to combine the student's probabilities p_n with the
linear heads' p_l (ensemble.py's router):
  linear     p = w p_n + (1 - w) p_l, w on a 0.05 grid chosen on the training folds (what CamXuc ships)
  loglinear  p ∝ p_n^w p_l^(1 - w), w chosen the same way
  stack      a multinomial logistic regression (C = 0.3) over [log p_n, log p_l], fitted on the training folds
  gated      linear, with a second weight for sentences that hold a negation or contrast word (`CUES`), where
             word order matters most and the student reads it; both weights chosen on the training folds
It prints the mean out-of-fold weighted F1 of each, the student alone, and how each combination fitted on all of
valid reads the probe sentences of student_cpu.py. Nothing here reads UIT-VSMEC test or the everyday held-out set.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402
from ensemble import DATA, linear_router  # noqa: E402
from student_cpu import PROBES  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402

GRID = np.round(np.arange(0, 1.0001, 0.05), 2)
# Negators and contrast words (syllables or syllable pairs, lower case) that mark a sentence for the gated mixture.
CUES = {"không", "chẳng", "chả", "chưa", "đừng", "đâu có", "không hề", "hết buồn", "nhưng", "tuy", "ai ngờ",
        "cứ tưởng"}


def has_cue(text):
    words = text.lower().replace(",", " ").replace(".", " ").split()
    return any(w in CUES for w in words) or any(" ".join(p) in CUES for p in zip(words, words[1:]))


def weighted_f1(y, p):
    return td.scores(list(y), p)["weighted_f1"]


def combine(pn, pl, w, kind):
    if kind == "linear":
        return w * pn + (1 - w) * pl
    q = np.exp(w * np.log(pn + 1e-9) + (1 - w) * np.log(pl + 1e-9))
    return q / q.sum(1, keepdims=True)


def best_weight(pn, pl, y, kind):
    return max((weighted_f1(y, combine(pn, pl, w, kind)), w) for w in GRID)[1]


def gated(pn, pl, cue, w, wg):
    return np.where(cue[:, None], combine(pn, pl, wg, "linear"), combine(pn, pl, w, "linear"))


def best_gate(pn, pl, y, cue):
    """The plain weight as `best_weight`, then the cue sentences' weight with it fixed (weighted F1 over all)."""
    w = best_weight(pn, pl, y, "linear")
    return w, max((weighted_f1(y, gated(pn, pl, cue, w, wg)), wg) for wg in GRID)[1]


def stacker(pn, pl, y):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=0.3, max_iter=2000).fit(np.log(np.concatenate([pn, pl], 1) + 1e-6), y)


def main():
    from sklearn.model_selection import StratifiedKFold
    vx, vy = td.load_vsmec(DATA, "valid")
    vy = np.asarray(vy)
    router = linear_router()
    pl, pl_probe = router.probabilities(vx), router.probabilities(PROBES)
    cue, cue_probe = np.array([has_cue(t) for t in vx]), np.array([has_cue(t) for t in PROBES])
    print(f"UIT-VSMEC valid: {len(vx)} sentences, {int(cue.sum())} with a negation or contrast word")
    for folder in sys.argv[1:]:
        student = NumpyStudent.load(folder)
        pn, pn_probe = student.probabilities(vx), student.probabilities(PROBES)
        scores = {"linear": [], "loglinear": [], "stack": [], "gated": []}
        for repeat in range(3):
            out = {k: np.zeros_like(pn) for k in scores}
            for train, held in StratifiedKFold(10, shuffle=True, random_state=repeat).split(vx, vy):
                for kind in ("linear", "loglinear"):
                    w = best_weight(pn[train], pl[train], vy[train], kind)
                    out[kind][held] = combine(pn[held], pl[held], w, kind)
                w, wg = best_gate(pn[train], pl[train], vy[train], cue[train])
                out["gated"][held] = gated(pn[held], pl[held], cue[held], w, wg)
                model = stacker(pn[train], pl[train], vy[train])
                out["stack"][held] = model.predict_proba(np.log(np.concatenate([pn[held], pl[held]], 1) + 1e-6))
            for kind, p in out.items():
                scores[kind].append(weighted_f1(vy, p))
        probes = {}
        for kind in ("linear", "loglinear"):
            w = best_weight(pn, pl, vy, kind)
            probes[f"{kind} (w {w:g})"] = combine(pn_probe, pl_probe, w, kind).argmax(1)
        w, wg = best_gate(pn, pl, vy, cue)
        probes[f"gated (w {w:g}, {wg:g} with a cue)"] = gated(pn_probe, pl_probe, cue_probe, w, wg).argmax(1)
        cue_f1 = weighted_f1(vy[cue], combine(pn[cue], pl[cue], w, "linear"))
        print(f"   on the {int(cue.sum())} cue sentences of valid, fitted on all of valid: weighted F1 {cue_f1:.4f} "
              f"at w {w:g}, {weighted_f1(vy[cue], gated(pn, pl, cue, w, wg)[cue]):.4f} at {wg:g}")
        probes["stack"] = stacker(pn, pl, vy).predict_proba(
            np.log(np.concatenate([pn_probe, pl_probe], 1) + 1e-6)).argmax(1)
        print(f"{os.path.basename(os.path.normpath(folder))}: out-of-fold weighted F1 "
              + ", ".join(f"{k} {np.mean(v):.4f}" for k, v in scores.items())
              + f"; student alone {weighted_f1(vy, pn):.4f}")
        for name, predicted in probes.items():
            print(f"   probes, {name}: " + ", ".join(td.LABELS[i] for i in predicted))


if __name__ == "__main__":
    main()
