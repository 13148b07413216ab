"""Trains the music-emotion judge: logistic regressions from 23 descriptive features of a piece to its quadrant,
its valence sign and its arousal sign.

    Models/training/.venv/bin/python Models/training/train_judge.py       (part of make train-music)

Data: EMOPIA (quadrants) and VGMIDI phrases (valence/arousal signs), from prepare_music_data.py, with their fixed
song-level splits; the regularisation strength is chosen on the valid split, the test split is scored once.
Writes Models/music-judge.json (feature means and scales, weights) and Tests/Fixtures/music/judge-golden.json.
"""
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from camxuc_judge_features import COUNT, features  # noqa: E402
from camxuc_music import Vocabulary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")


def load(split, vocabulary):
    data = np.load(os.path.join(DATA, f"music-{split}.npz"))
    rows = []
    for i in range(len(data["labelled"])):
        if not data["labelled"][i]:
            continue
        tokens = data["tokens"][data["offsets"][i]:data["offsets"][i + 1]].astype(int).tolist()
        v, a = float(data["valence"][i]), float(data["arousal"][i])
        quadrant = {(1, 1): 0, (-1, 1): 1, (-1, -1): 2, (1, -1): 3}[(int(v), int(a))]
        rows.append({"tokens": tokens, "features": features(vocabulary.decode(tokens)), "quadrant": quadrant,
                     "valence": int(v > 0), "arousal": int(a > 0), "source": int(data["source"][i]),
                     "name": str(data["names"][i])})
    return rows


def main():
    vocabulary = Vocabulary()
    train, valid, test = (load(s, vocabulary) for s in ("train", "valid", "test"))
    x = np.array([r["features"] for r in train])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1
    standard = lambda rows: (np.array([r["features"] for r in rows]) - mean) / scale  # noqa: E731
    heads, report = {}, {}
    for task, classes in (("quadrant", 4), ("valence", 2), ("arousal", 2)):
        best = None
        for c in (0.03, 0.1, 0.3, 1, 3, 10):
            model = LogisticRegression(C=c, max_iter=5000).fit(standard(train), [r[task] for r in train])
            accuracy = model.score(standard(valid), [r[task] for r in valid])
            if best is None or accuracy > best[0]:
                best = (accuracy, c, model)
        accuracy, c, model = best
        coef, intercept = model.coef_, model.intercept_
        if classes == 2:  # sklearn keeps one row for binary problems: expand to two logits
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        heads[task] = {"weights": coef.tolist(), "bias": intercept.tolist(), "C": c}
        emopia_test = [r for r in test if r["source"] == 0]
        vgmidi_test = [r for r in test if r["source"] == 1]
        report[task] = {"valid": round(accuracy, 4),
                        "test_emopia": round(model.score(standard(emopia_test), [r[task] for r in emopia_test]), 4),
                        "test_vgmidi": round(model.score(standard(vgmidi_test), [r[task] for r in vgmidi_test]), 4),
                        "test_emopia_rows": len(emopia_test), "test_vgmidi_rows": len(vgmidi_test)}
        # Rows: the true class, columns: the judged one (EMOPIA's held-out clips).
        confusion = np.zeros((classes, classes), dtype=int)
        for truth, judged in zip([r[task] for r in emopia_test], model.predict(standard(emopia_test))):
            confusion[truth, judged] += 1
        report[task]["confusion_emopia_test"] = confusion.tolist()
    judge = {"name": "music-judge", "version": 1, "features": COUNT, "mean": mean.tolist(), "scale": scale.tolist(),
             "heads": heads, "quadrants": ["Q1", "Q2", "Q3", "Q4"], "report": report,
             "train_rows": len(train)}
    with open(os.path.join(ROOT, "Models", "music-judge.json"), "w") as f:
        json.dump(judge, f, indent=1)
    golden = []
    for r in test[:30]:
        z = (np.array(r["features"]) - mean) / scale
        out = {}
        for task, head in heads.items():
            logits = np.array(head["weights"]) @ z + np.array(head["bias"])
            p = np.exp(logits - logits.max())
            out[task] = (p / p.sum()).tolist()
        golden.append({"tokens": r["tokens"], "features": r["features"], "probabilities": out})
    with open(os.path.join(ROOT, "Tests", "Fixtures", "music", "judge-golden.json"), "w") as f:
        json.dump(golden, f)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
