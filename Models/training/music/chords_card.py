"""Regenerates the figures of Models/music-lstm-chords.md from the evaluation records.

    Models/training/.venv/bin/python Models/training/music/chords_card.py [--human RUNS_JSON] [--eval EVAL_JSON]

The card's prose is written by hand; the block between `<!-- figures: begin -->` and `<!-- figures: end -->` is
written here, from
  Models/music-lstm-chords.eval.json   `CAMXUC_EVAL_SETUPS=product camxuc-bench music-eval 50 30 FILE` (our judge)
  --human (default Models/training/runs/music-human-eval-chords-stop44.json)
                                       `eval_human.py evaluate FOLDER --json FILE` (against EMOPIA test)
Nothing is measured here; run the two commands first.
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(os.path.dirname(HERE))
CARD = os.path.join(MODELS, "music-lstm-chords.md")
BEGIN, END = "<!-- figures: begin -->", "<!-- figures: end -->"


def figures(evaluation, human, human_name):
    rows = {r["quadrant"]: r for r in evaluation["rows"] if r["setup"] == "guidance 2.5 + controls"}
    mean = lambda key: sum(rows[q][key] for q in rows) / len(rows)  # noqa: E731
    label = next(iter(human["takes"]))
    takes = human["takes"][label]
    quadrants = ["1", "2", "3", "4"]
    rel = human["relative_oa"]
    emopia_rel = rel["EMOPIA valid"]
    tex, emo = takes["texture"], human["texture_emopia"]["test"]
    per_q = takes["count_per_quadrant"]

    def row(title, values, reference=""):
        return f"| {title} | " + " | ".join(values) + f" | {reference} |"

    def cells(f, pattern="{:.2f}"):
        return [pattern.format(f(q)) for q in quadrants]

    lines = [
        f"- our judge (`CAMXUC_EVAL_SETUPS=product camxuc-bench music-eval {evaluation['takes_per_quadrant']} "
        f"{evaluation['seconds']:g} Models/music-lstm-chords.eval.json`, {evaluation['takes_per_quadrant']} takes × "
        f"{evaluation['seconds']:g} s per quadrant centre ±0.5): **4-quadrant {mean('quadrant_accuracy'):.3f}, valence "
        f"{mean('valence_accuracy'):.3f}, arousal {mean('arousal_accuracy'):.3f}**; "
        + ", ".join(f"Q{q} {rows[q]['quadrant_accuracy']:.2f}" for q in sorted(rows))
        + "; plan tonics per quadrant " + "–".join(sorted({str(rows[q]["distinct_plan_tonics"]) for q in rows})) + ";",
        f"- against EMOPIA test (`eval_human.py generate --takes {per_q['1']}` then `evaluate`, {per_q['1']} takes per "
        f"quadrant at ±0.75, `{human_name}`):",
        "",
        "| per quadrant | Q1 | Q2 | Q3 | Q4 | EMOPIA |",
        "|---|---|---|---|---|---|",
        row("overlapping area, intra/inter-set (Yang & Lerch)",
            [f"**{rel[label][q]['reference_intra']:.2f}**" for q in quadrants],
            "valid vs test " + " / ".join(f"{emopia_rel[q]['reference_intra']:.2f}" for q in quadrants)),
        row("overlapping area of the feature values", cells(lambda q: human["mean_oa"][label][q]),
            " / ".join(f"{human['mean_oa']['EMOPIA valid'][q]:.2f}" for q in quadrants)),
        row("random forest (EMOPIA train only)", cells(lambda q: takes["forest"]["per_quadrant"][q]),
            f"its own test accuracy {human['forest']['emopia_test']['accuracy']:.3f}"),
        row("our judge", cells(lambda q: takes["judge"]["per_quadrant"][q])),
    ]
    for key, title, pattern in (("triad_cover", "triad cover per beat", "{:.2f}"),
                                ("polyphony", "polyphony", "{:.2f}"),
                                ("pitch_class_entropy", "pitch-class entropy, bits", "{:.2f}"),
                                ("duration_mean", "mean note, s", "{:.2f}"),
                                ("velocity_std", "velocity spread", "{:.1f}"),
                                ("pitch_range", "pitch range, semitones", "{:.1f}"),
                                ("distinct_tonics", "distinct Krumhansl tonics", "{}")):
        lines.append(row(title, cells(lambda q: tex[q][key], pattern),
                         " / ".join(pattern.format(emo[q][key]) for q in quadrants)))
    overall = lambda table: sum(table[q] for q in quadrants) / 4  # noqa: E731
    lines += ["", f"  Overall: intra/inter OA "
              f"{overall({q: rel[label][q]['reference_intra'] for q in quadrants}):.2f}, plain OA "
              f"{overall(human['mean_oa'][label]):.2f}, forest {takes['forest']['accuracy']:.2f}, judge "
              f"{takes['judge']['accuracy']:.2f}."]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", default=os.path.join(MODELS, "music-lstm-chords.eval.json"))
    parser.add_argument("--human", default=os.path.join(MODELS, "training", "runs",
                                                        "music-human-eval-chords-stop44.json"))
    args = parser.parse_args()
    evaluation = json.load(open(args.eval, encoding="utf-8"))
    human = json.load(open(args.human, encoding="utf-8"))
    name = os.path.relpath(args.human, os.path.dirname(MODELS))
    card = open(CARD, encoding="utf-8").read()
    if BEGIN not in card or END not in card:
        raise SystemExit(f"{CARD}: no {BEGIN} … {END} block")
    head, rest = card.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(CARD, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + figures(evaluation, human, name) + "\n" + END + tail)
    print(f"wrote the figures of {CARD}")


if __name__ == "__main__":
    main()
