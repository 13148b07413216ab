"""One row of `Models/training/runs/music-tune-train-valid-reference.json` from a tuning run's two outputs.

    CAMXUC_TAKES_DIR=T CAMXUC_MODELS=M camxuc-bench music-tune 50 30 centre=0.75 [settings] > judge.txt
    eval_human.py evaluate T --reference train-valid --json E.json
    python3 tune_row.py E.json judge.txt "what was measured"            # prints the row
    python3 tune_row.py E.json judge.txt "what was measured" --append   # and adds it to the reference file

Standard library only, so it runs with any Python 3.
"""
import argparse
import json
import os
import re

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runs")
REFERENCE = os.path.join(RUNS, "music-tune-train-valid-reference.json")
QUADRANTS = "1234"


def judge_figures(path):
    """The judge's 4-quadrant agreement and its per-quadrant figures from camxuc-bench music-tune's printout."""
    per_quadrant = {}
    mean = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            found = re.search(r"controls Q([1-4])\s+4Q ([0-9.]+)", line)
            if found:
                per_quadrant[found.group(1)] = float(found.group(2))
            found = re.search(r"mean: 4Q ([0-9.]+)", line)
            if found:
                mean = float(found.group(1))
    if mean is None or len(per_quadrant) != 4:
        raise SystemExit(f"{path}: no judge figures for all four quadrants (is it camxuc-bench music-tune's output?)")
    return {"4q": mean, "per_quadrant": [per_quadrant[q] for q in QUADRANTS]}


def row(evaluation, judge, setting):
    names = [name for name in evaluation["relative_oa"] if not name.startswith("EMOPIA")]
    if len(names) != 1:
        raise SystemExit(f"expected one set of takes in the evaluation, found {names}")
    name = names[0]
    oa = [round(evaluation["relative_oa"][name][q]["reference_intra"], 4) for q in QUADRANTS]
    forest = evaluation["takes"][name]["forest"]
    means = evaluation["feature_means"][name]
    return {
        "setting": setting,
        "oa_q1_q4": oa,
        "oa_mean": round(sum(oa) / 4, 4),
        "oa_worst": min(oa),
        "forest_4q": round(forest["accuracy"], 3),
        "forest_per_quadrant": [forest["per_quadrant"][q] for q in QUADRANTS],
        "notes_per_second": [round(means[q]["note_density"], 2) for q in QUADRANTS],
        "fourgram_repetition": [round(means[q]["fourgram_repetition"], 3) for q in QUADRANTS],
        "polyphony": [round(means[q]["polyphony"], 2) for q in QUADRANTS],
        "judge_centre_0.75": judge,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("evaluation", help="eval_human.py evaluate --json output")
    parser.add_argument("judge", help="camxuc-bench music-tune output")
    parser.add_argument("setting", help="what the row measured, in words")
    parser.add_argument("--append", action="store_true", help="add the row to " + os.path.relpath(REFERENCE))
    args = parser.parse_args()
    with open(args.evaluation, encoding="utf-8") as handle:
        evaluation = json.load(handle)
    if evaluation.get("reference") != "train-valid":
        raise SystemExit(f"{args.evaluation}: reference {evaluation.get('reference')!r}, not EMOPIA train + valid")
    new = row(evaluation, judge_figures(args.judge), args.setting)
    print(json.dumps(new, ensure_ascii=False))
    if args.append:
        with open(REFERENCE, encoding="utf-8") as handle:
            reference = json.load(handle)
        reference["rows"].append(new)
        with open(REFERENCE, "w", encoding="utf-8") as handle:
            json.dump(reference, handle, ensure_ascii=False, indent=1)
            handle.write("\n")


if __name__ == "__main__":
    main()
