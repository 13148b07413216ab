"""Learns chord progressions per emotion quadrant from the labelled music and writes Models/music-progressions.json.

    Models/training/.venv/bin/python Models/training/music/progressions.py        (after prepare.py; seconds)

Data: the training split of EMOPIA (clip quadrants) and of VGMIDI's labelled phrases (valence and arousal signs),
from Models/training/data/music-chords-train.npz: each piece's chords per beat, relative to its Krumhansl key
(prepare.py). Consecutive beats with the same chord are one chord; N (no chord) beats are left out, joining the
chords on either side (merged when equal). The first and last chord of a piece are cut by the clip's edges, so
they count for transitions but not for durations.

Format of music-progressions.json (read by Swift, which samples it):
  format, version         "camxuc-music-progressions", 1
  states                  the 24 chord states: {"id", "name", "root", "minor"}. `id` is the chord id the
                          chord-conditioned LSTM reads (1 + 2·root + minor); `root` is semitones above the key's
                          tonic (0–11); `name` a Roman numeral (upper case major, lower case minor, "b"/"#" for
                          roots outside the major scale: bVI, bVII, #IV). In a minor key the tonic is i.
  durations_beats         [1, 2, …, 16]: the duration values; a chord of more than 16 beats counts as 16
  quadrants               "Q1" (V+ A+), "Q2" (V− A+), "Q3" (V− A−), "Q4" (V+ A−), and "all" (every labelled
                          piece pooled: the fall-back), each:
    valence, arousal      the signs (0 for "all")
    pieces, chords        how many pieces and chords the figures come from
    major_share           share of the pieces whose key is major (choose the mode with it)
    beat_seconds          median length of a beat in those pieces (EMOPIA's files are at a nominal 120 bpm,
                          so mostly 0.5): duration in seconds = beats × beat_seconds (model time)
    modes                 "major" and "minor", each:
      pieces, chords
      start               {state id: p}: the first chord of the pieces (clips often begin mid-phrase)
      unigram             {state id: p}: how often each chord occurs
      bigram              {state id: {next id: p}}: P(next | current); the next chord always differs. Each
                          row is the group's counts plus PRIOR_WEIGHT pseudo-counts spread as the pooled ("all")
                          row of that mode, so rare chords lean on all the labelled music
      trigram             {"prev,current": {next id: p}}: P(next | previous, current), only for pairs seen at
                          least `MIN_TRIGRAM_CONTEXT` times; PRIOR_WEIGHT pseudo-counts from the group's bigram
      duration            [p for 1 … 16 beats]: the harmonic rhythm, over chords not cut by an edge
      duration_by_state   {state id: [p for 1 … 16]}: the same for each chord seen at least
                          `MIN_STATE_DURATIONS` times (else use `duration`)
  In every distribution, entries under MIN_PROBABILITY (0.01) are dropped and the rest rescaled; probabilities are
  rounded to 4 decimals (each distribution sums to 1 within rounding). Keys are chord ids as strings.

Sampling (what `sample` below does, and what Swift should do): pick the mode with major_share; start on the tonic
(state 1 in major, 2 in minor) or draw from `start`; then draw each next chord from `trigram` for (previous,
current) when that context is there, else from `bigram` for the current chord, else from `unigram` (excluding the
current chord); draw each chord's length from `duration_by_state` for that chord, else `duration`. When a mode of
a quadrant has fewer than `MIN_PIECES` pieces its tables are left out ("pieces" stays) and "all" is used instead.
"""
import argparse
import json
import os
import random
import sys
from collections import Counter, defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chords  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DATA = os.path.join(os.path.dirname(HERE), "data")
# prepare_music_data.SOURCES (not imported, so that train_gpu.py can use `sample` without mido)
SOURCES = ["emopia", "vgmidi-labelled", "vgmidi-pieces", "vgmidi-unlabelled", "pop909", "nottingham", "piano-midi-de"]
DEFAULT_OUTPUT = os.path.join(ROOT, "Models", "music-progressions.json")
MAX_BEATS = 16
MIN_TRIGRAM_CONTEXT = 12
MIN_STATE_DURATIONS = 30
MIN_PIECES = 8
PRIOR_WEIGHT = 5.0
MIN_PROBABILITY = 0.01
QUADRANTS = {"Q1": (1, 1), "Q2": (-1, 1), "Q3": (-1, -1), "Q4": (1, -1)}
LABELLED_SOURCES = ("emopia", "vgmidi-labelled")


def quadrant(valence, arousal):
    for name, (v, a) in QUADRANTS.items():
        if np.sign(valence) == v and np.sign(arousal) == a:
            return name
    return None


def pieces(data):
    """[(quadrant, minor, [(chord id, beats)], beat seconds)] for the labelled pieces."""
    labelled_sources = {SOURCES.index(s) for s in LABELLED_SOURCES}
    out = []
    for i in range(len(data["offsets"]) - 1):
        if not data["labelled"][i] or int(data["source"][i]) not in labelled_sources:
            continue
        q = quadrant(float(data["valence"][i]), float(data["arousal"][i]))
        if q is None:
            continue
        beats = data["beat_chords"][data["beat_offsets"][i]:data["beat_offsets"][i + 1]]
        runs = [(c, n) for c, n in chords.segments(beats) if c != chords.NO_CHORD]
        merged = []
        for c, n in runs:
            if merged and merged[-1][0] == c:
                merged[-1][1] += n
            else:
                merged.append([c, n])
        if len(merged) >= 2:
            out.append((q, int(data["key"][i]) >= 12, [tuple(m) for m in merged], float(data["beat_seconds"][i])))
    return out


def normalise(counter, prior=None, weight=0.0):
    """{state: p}: (count + weight·prior) / (total + weight), then entries under MIN_PROBABILITY dropped (the
    commonest always stays) and the rest scaled to sum 1, rounded to 4 decimals."""
    keys = set(counter) | (set(prior) if prior and weight > 0 else set())
    total = sum(counter.values()) + (weight if prior else 0.0)
    if total <= 0:
        return {}
    p = {k: (counter.get(k, 0) + (weight * prior.get(k, 0.0) if prior else 0.0)) / total for k in keys}
    top = max(p, key=p.get)
    kept = {k: v for k, v in p.items() if v >= MIN_PROBABILITY or k == top}
    scale = sum(kept.values())
    return {str(k): round(v / scale, 4) for k, v in sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))}


def histogram(values):
    h = np.bincount(np.clip(values, 1, MAX_BEATS), minlength=MAX_BEATS + 1)[1:].astype(float)
    return [round(float(x), 4) for x in h / max(h.sum(), 1)]


def counts(group):
    """Raw counts of one group of pieces."""
    c = {"start": Counter(), "unigram": Counter(), "bigram": defaultdict(Counter), "trigram": defaultdict(Counter),
         "durations": [], "by_state": defaultdict(list), "pieces": len(group),
         "chords": sum(len(r) for _, _, r, _ in group)}
    for _, _, runs, _ in group:
        c["start"][runs[0][0]] += 1
        ids = [x for x, _ in runs]
        c["unigram"].update(ids)
        for a, b in zip(ids, ids[1:]):
            c["bigram"][a][b] += 1
        for a, b, d in zip(ids, ids[1:], ids[2:]):
            c["trigram"][(a, b)][d] += 1
        for x, n in runs[1:-1]:
            c["durations"].append(n)
            c["by_state"][x].append(n)
    return c


def tables(c, fallback=None):
    """Probability tables of one (quadrant, mode) group. With `fallback` (the pooled tables of that mode), each
    bigram row gets PRIOR_WEIGHT pseudo-counts spread as the pooled row, so rare contexts lean on all the data; each
    trigram row gets PRIOR_WEIGHT pseudo-counts spread as the group's own bigram row."""
    bigram = {}
    for a, nexts in sorted(c["bigram"].items()):
        prior = None
        if fallback is not None and str(a) in fallback["bigram"]:
            prior = {int(k): v for k, v in fallback["bigram"][str(a)].items()}
        bigram[str(a)] = normalise(nexts, prior, PRIOR_WEIGHT if prior else 0.0)
    trigram = {}
    for (a, b), nexts in sorted(c["trigram"].items()):
        if sum(nexts.values()) < MIN_TRIGRAM_CONTEXT:
            continue
        prior = {int(k): v for k, v in bigram.get(str(b), {}).items()}
        trigram[f"{a},{b}"] = normalise(nexts, prior, PRIOR_WEIGHT)
    return {
        "pieces": c["pieces"], "chords": c["chords"],
        "start": normalise(c["start"]), "unigram": normalise(c["unigram"]),
        "bigram": bigram, "trigram": trigram,
        "duration": histogram(np.array(c["durations"], dtype=np.int64)),
        "duration_by_state": {str(x): histogram(np.array(v, dtype=np.int64))
                              for x, v in sorted(c["by_state"].items()) if len(v) >= MIN_STATE_DURATIONS},
    }


def build(all_pieces):
    pooled = {}
    for mode, minor in (("major", False), ("minor", True)):
        pooled[mode] = tables(counts([p for p in all_pieces if p[1] == minor]))
    out = {}
    for name in list(QUADRANTS) + ["all"]:
        group = [p for p in all_pieces if name == "all" or p[0] == name]
        v, a = QUADRANTS.get(name, (0, 0))
        entry = {"valence": v, "arousal": a, "pieces": len(group),
                 "chords": sum(len(r) for _, _, r, _ in group),
                 "major_share": round(sum(1 for p in group if not p[1]) / max(len(group), 1), 4),
                 "beat_seconds": round(float(np.median([p[3] for p in group])) if group else 0.5, 4), "modes": {}}
        for mode, minor in (("major", False), ("minor", True)):
            members = [p for p in group if p[1] == minor]
            if name == "all":
                entry["modes"][mode] = pooled[mode]
            elif len(members) >= MIN_PIECES:
                entry["modes"][mode] = tables(counts(members), pooled[mode])
            else:
                entry["modes"][mode] = {"pieces": len(members), "use": "all"}
        out[name] = entry
    return out


def draw(distribution, rng, exclude=None):
    items = [(int(k), p) for k, p in distribution.items() if int(k) != exclude]
    total = sum(p for _, p in items)
    if not items or total <= 0:
        return None
    x = rng.random() * total
    for k, p in items:
        x -= p
        if x <= 0:
            return k
    return items[-1][0]


def sample(model, quadrant_name, rng, count=8, mode=None):
    """[(state id, beats)]: a progression for a quadrant, drawn as the module docstring says."""
    entry = model["quadrants"][quadrant_name]
    if mode is None:
        mode = "major" if rng.random() < entry["major_share"] else "minor"
    table = entry["modes"][mode]
    if "use" in table:
        table = model["quadrants"]["all"]["modes"][mode]
    current = 1 if mode == "major" else 2
    previous = None
    out = []
    for _ in range(count):
        lengths = table["duration_by_state"].get(str(current), table["duration"])
        beats = 1 + draw({str(i): p for i, p in enumerate(lengths)}, rng)
        out.append((current, beats))
        nexts = None
        if previous is not None:
            nexts = table["trigram"].get(f"{previous},{current}")
        if nexts is None:
            nexts = table["bigram"].get(str(current))
        following = draw(nexts, rng, exclude=current) if nexts else None
        if following is None:
            following = draw(table["unigram"], rng, exclude=current)
        previous, current = current, following
    return mode, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--out", default=DEFAULT_OUTPUT)
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data = dict(np.load(os.path.join(args.data, "music-chords-train.npz")))
    labelled = pieces(data)
    model = {
        "format": "camxuc-music-progressions", "version": 1,
        "source": "training split of EMOPIA (clip quadrants) and VGMIDI labelled phrases (valence/arousal signs); "
                  "chords per beat from Models/training/music/chords.py relative to each piece's Krumhansl key",
        "states": [{"id": chords.chord_id(r, m), "name": chords.chord_name(chords.chord_id(r, m)), "root": r,
                    "minor": bool(m)} for r in range(12) for m in (0, 1)],
        "durations_beats": list(range(1, MAX_BEATS + 1)),
        "min_trigram_context": MIN_TRIGRAM_CONTEXT, "min_pieces": MIN_PIECES, "prior_weight": PRIOR_WEIGHT,
        "min_probability": MIN_PROBABILITY,
        "quadrants": build(labelled),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(model, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(labelled)} labelled pieces → {args.out} ({os.path.getsize(args.out):,} bytes)")
    rng = random.Random(args.seed)
    for name, entry in model["quadrants"].items():
        modes = entry["modes"]
        top = {m: ", ".join(f"{chords.chord_name(int(k))} {p:.2f}" for k, p in list(t.get("unigram", {}).items())[:6])
               for m, t in modes.items()}
        mean_beats = {m: round(sum((i + 1) * p for i, p in enumerate(t["duration"])), 2)
                      for m, t in modes.items() if "duration" in t}
        print(f"\n{name}: {entry['pieces']} pieces, {entry['chords']} chords, major share {entry['major_share']:.2f}, "
              f"beat {entry['beat_seconds']} s, mean chord length (beats) {mean_beats}")
        for m, t in top.items():
            print(f"  {m} ({modes[m]['pieces']} pieces) commonest: {t or 'uses all'}")
        if name == "all":
            continue
        for _ in range(args.samples):
            mode, progression = sample(model, name, rng)
            print(f"  {mode:5s}  " + "  ".join(f"{chords.chord_name(c)}({n})" for c, n in progression))


if __name__ == "__main__":
    main()
