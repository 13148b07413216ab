"""Writes Models/music-lstm.md from Models/music-lstm.json, Models/music-judge.json and Models/music-lstm.eval.json.

    Models/training/.venv/bin/python Models/training/music_card.py
"""
import json
import os

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    model = json.load(open(os.path.join(MODELS, "music-lstm.json")))
    judge = json.load(open(os.path.join(MODELS, "music-judge.json")))
    evaluation = json.load(open(os.path.join(MODELS, "music-lstm.eval.json")))
    size = os.path.getsize(os.path.join(MODELS, "music-lstm.safetensors"))
    parameters = sum(eval("*".join(map(str, t["shape"]))) for t in model["tensors"].values())
    training = model["training"]
    rows = evaluation["rows"]
    setups = []
    for row in rows:
        if row["setup"] not in setups:
            setups.append(row["setup"])
    lines = [
        "# music-lstm — emotion-conditioned piano LSTM",
        "",
        "Generates solo piano music one event at a time for a target (valence, arousal).",
        "",
        "This is the older model, used only when `Models/music-lstm-chords.*` is absent (the chord-conditioned model",
        "and its card, `Models/music-lstm-chords.md`, are what ships). Its takes below were scored with the musical",
        "controls of the day `Models/music-lstm.eval.json` was written (`CAMXUC_MUSIC_MODEL=music-lstm camxuc-bench",
        "music-eval 50 30 Models/music-lstm.eval.json`, evaluation seeds).",
        "",
        "## Model",
        "",
        f"- Embedding({model['vocabulary_size']} events, {model['embedding']}) ⊕ condition (valence, arousal, "
        f"present) → {model['layers']}-layer LSTM ({model['hidden']}) → Linear({model['hidden']} → "
        f"{model['vocabulary_size']}); {parameters:,} parameters, `Models/music-lstm.safetensors` "
        f"({size / 1e6:.1f} MB, float32).",
        "- Events (`Models/music-vocab.json`): 10 ms time shifts, 16 velocity bins, 88 piano keys, 32 log-spaced "
        "durations; every note states its own length.",
        "- The condition is dropped (all zeros) for 30 % of labelled windows and for all unlabelled data, so one model "
        "gives conditioned and unconditioned logits; sampling mixes them with classifier-free guidance, "
        "logits = uncond + w·(cond − uncond).",
        f"- Training: {training['steps']:,} steps ({training['events']:,} events) of Adam on windows of 256 events, "
        "each transposed by −5…+6 semitones, on one CPU thread in two phases: to step 4,200 (73 minutes) at "
        "learning rate 0.002 with 40 % of windows from the labelled sets (EMOPIA quadrants, VGMIDI phrase signs) "
        "and 60 % from the unlabelled ones (VGMIDI, POP909 melody and piano, Nottingham, piano-midi.de); then "
        "15 minutes more at 0.001 with 80 % labelled windows.",
        f"- Validation NLL on EMOPIA's held-out songs: **{training['valid_nll_per_event']:.3f} nats/event** (best at "
        f"step {training['best_step']:,}).",
        "",
        "## The judge",
        "",
        "A separate model (`Models/music-judge.json`): three logistic regressions over 23 descriptive features of a "
        "piece (density, loudness, register, articulation, polyphony, key-relative pitch-class profile, fit to "
        f"major and minor profiles), trained on {judge['train_rows']} EMOPIA and VGMIDI training pieces with the "
        "same song-level split. Accuracy on the held-out songs:",
        "",
        "| | 4 quadrants | valence | arousal |",
        "|---|---|---|---|",
        f"| CamXuc judge, EMOPIA test ({judge['report']['quadrant']['test_emopia_rows']} clips) | "
        f"{judge['report']['quadrant']['test_emopia']:.3f} | {judge['report']['valence']['test_emopia']:.3f} | "
        f"{judge['report']['arousal']['test_emopia']:.3f} |",
        f"| CamXuc judge, VGMIDI test ({judge['report']['quadrant']['test_vgmidi_rows']} phrases) | "
        f"{judge['report']['quadrant']['test_vgmidi']:.3f} | {judge['report']['valence']['test_vgmidi']:.3f} | "
        f"{judge['report']['arousal']['test_vgmidi']:.3f} |",
        "| EMOPIA paper, logistic regression (symbolic) | .581 | .651 | .849 |",
        "| EMOPIA paper, LSTM with attention (symbolic) | .684 | .833 | .882 |",
        "",
        f"## Does the music carry the emotion? ({evaluation['takes_per_quadrant']} takes of "
        f"{evaluation['seconds']:.0f} s per quadrant centre, judged)",
        "",
        "Targets at the quadrant centres (±0.5, ±0.5); temperature 1, top-k 40, top-p 0.95; seeds fixed. The judge "
        "grades every take; headline figures use one take per request (best-of-N = 1).",
        "",
        "| setup | 4Q accuracy (mean) | valence accuracy | arousal accuracy | Q1 | Q2 | Q3 | Q4 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for setup in setups:
        part = [r for r in rows if r["setup"] == setup]
        mean = lambda key: sum(r[key] for r in part) / len(part)  # noqa: E731
        lines.append(f"| {setup} | {mean('quadrant_accuracy'):.2f} | {mean('valence_accuracy'):.2f} | "
                     f"{mean('arousal_accuracy'):.2f} | " + " | ".join(f"{r['quadrant_accuracy']:.2f}" for r in part) + " |")
    product_rows = [r for r in rows if r["setup"] == "guidance 2.5 + controls"]
    if product_rows:
        m = lambda key: sum(r[key] for r in product_rows) / len(product_rows)  # noqa: E731
        met = [name for name, value, target in (("4-quadrant", m("quadrant_accuracy"), 0.8),
                                                 ("valence", m("valence_accuracy"), 0.9),
                                                 ("arousal", m("arousal_accuracy"), 0.9)) if value >= target]
        missed = [name for name in ("4-quadrant", "valence", "arousal") if name not in met]
        verdict = f"{', '.join(met) or 'none'} met; {', '.join(missed)} not met" if missed else "all three met"
        lines += ["", f"**Against the targets (guidance 2.5 with controls, one take per request): {verdict}.** "
                      f"Mean 4-quadrant {m('quadrant_accuracy'):.2f}, valence {m('valence_accuracy'):.2f}, "
                      f"arousal {m('arousal_accuracy'):.2f}, against {sum(r['quadrant_accuracy'] for r in rows if r['setup'] == 'unconditioned') / 4:.2f} "
                      "4-quadrant for unconditioned sampling. The judge itself reads valence less reliably than "
                      "arousal (see above), so valence figures carry its error too."]
    confusion = judge["report"]["quadrant"].get("confusion_emopia_test")
    if confusion:
        q3 = confusion[2]
        lines += ["", f"The judge's own limit: of EMOPIA's {sum(q3)} held-out Q3 (sad) clips it puts {q3[2]} in Q3 and "
                      f"{q3[3]} in Q4 (calm); rows are the true quadrants, columns the judged ones:", "",
                  "| true \\ judged | Q1 | Q2 | Q3 | Q4 |", "|---|---|---|---|---|"]
        lines += [f"| Q{i + 1} | " + " | ".join(str(n) for n in row) + " |" for i, row in enumerate(confusion)]
    lines += [
        "",
        "The controls (key bias towards major or harmonic minor, register, velocity, note length and tempo from the "
        "point; `MusicalControls.derived`) were tuned on seeds the evaluation does not use; docs/DECISIONS.md has "
        "the figures of every mapping tried.",
        "",
        "The best-of-4 row lets the judge choose among four takes, so it grades its own choices: it shows the gain "
        "of best-of-N, not an independent measure. Targets: 4-quadrant agreement ≥ 0.80 on average, valence and "
        "arousal ≥ 0.90 each.",
        "",
        "Musical features per quadrant (the product's setting, guidance 2.5 with controls):",
        "",
        "| quadrant | notes/s | mean velocity | mean pitch | pitch range | major share | pitch classes | tempo scale |",
        "|---|---|---|---|---|---|---|---|",
    ]
    product = [r for r in rows if r["setup"] == "guidance 2.5 + controls"]
    for r in product:
        lines.append(f"| Q{r['quadrant']} | {r['notes_per_second']:.1f} | {r['mean_velocity']:.0f} | "
                     f"{r['mean_pitch']:.1f} | {r['pitch_range']:.0f} | {r['major_share']:.2f} | "
                     f"{r.get('pitch_classes', float('nan')):.1f} | ×{r['tempo_scale']:.2f} |")
    lines += [
        "",
        "Music psychology expects more notes, louder playing and a faster tempo with arousal (Q1, Q2 above Q3, Q4), "
        "and major mode and a higher register with positive valence (Q1, Q4 above Q2, Q3).",
        "",
        "\"Pitch classes\" counts those holding at least 5 % of the sounding time. The key bias favours the chord in "
        "force at each moment of the take, one chord every 3 s: I–IV–V–I in major, i–VI–iv–i in minor. With the "
        "tonic triad favoured throughout instead (the mapping before), every controlled take kept to its three notes; "
        f"without controls the model uses about {sum(r.get('pitch_classes', 0) for r in rows if r['setup'] == 'guidance 2.5') / 4:.0f}.",
        "",
        "## Speed",
        "",
        "`make bench` prints the time per generation step in Swift at batch 1 and with guidance (batch 2), beside "
        "the same model's PyTorch sampling loop.",
        "",
        "## Data and licences",
        "",
        "EMOPIA (CC BY-NC-SA 4.0), VGMIDI (cite Ferreira & Whitehead 2019), POP909 (MIT), Nottingham (GPL-3.0), "
        "piano-midi.de (study and research only), read in place from `../shared/data/midi` with their fixed "
        "splits. Because of EMOPIA's and piano-midi.de's terms, this model is for non-commercial research use.",
        "",
        "## Reproduce",
        "",
        "    make train-music                                          # data, LSTM, judge, export",
        "    .build/release/camxuc-bench music-eval 50 30 Models/music-lstm.eval.json",
        "    Models/training/.venv/bin/python Models/training/music_card.py",
        "",
    ]
    with open(os.path.join(MODELS, "music-lstm.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
