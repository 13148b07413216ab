"""Rewrites Tests/Fixtures/emotion/golden.json from the shipped linear heads, read by PyTorch.

    Models/training/.venv/bin/python Models/training/text/linear_golden.py

train_emotion.py writes the fixture when it trains the heads. When the text pipeline changes and the heads do not
(camxuc_text.py reads some texts into other tokens), the heads' probabilities for the fixture's sentences change with
it: this reads the same sentences again through the PyTorch heads (the Router train_emotion.py trains and routes
with) and says which cases moved.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from ensemble import ROOT, linear_router  # noqa: E402


def main():
    path = os.path.join(ROOT, "Tests", "Fixtures", "emotion", "golden.json")
    golden = json.load(open(path, encoding="utf-8"))
    router = linear_router()
    probabilities = router.probabilities([case["text"] for case in golden["cases"]])
    moved = 0
    for case, row in zip(golden["cases"], probabilities):
        new = [round(float(p), 7) for p in row]
        if max(abs(a - b) for a, b in zip(new, case["probabilities"])) > 1e-5:
            moved += 1
            print(f"moved: {case['text'][:70]}")
        case["probabilities"] = new
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=0)
    print(f"{len(golden['cases'])} cases rewritten, {moved} moved")


if __name__ == "__main__":
    main()
