"""Checks the per-beat chord estimator (chords.py) and the Krumhansl key finder against POP909's annotations.

    nice -n 10 Models/training/.venv/bin/python Models/training/music/eval_chords.py                 (valid + test songs)
    nice -n 10 Models/training/.venv/bin/python Models/training/music/eval_chords.py --tune 120      (grid on train songs)

The estimator reads every track of NNN.mid (MELODY, BRIDGE and PIANO merged) with the beats of its tempo map; each
beat is compared with the annotated chord (annotations/NNN/chord_midi.txt) at the beat's middle. Figures:
  majmin   root and major/minor agree, over beats whose reference is a major or minor triad or seventh (MIREX
           "majmin": sus, dim, aug, hdim7 and N beats are left out)
  families root and major/minor agree as the training data maps every quality (sus/aug → major, dim → minor),
           over all beats with a chord
  root     the root agrees, over all beats with a chord
  with N   every beat, N included (an estimated N matches only a reference N)
  Nottingham  a second check on folk tunes: the estimator on melody and accompaniment against the chords of the
           accompaniment track alone (read without smoothing), over beats where the accompaniment has a chord
  key      the Krumhansl key of the notes agrees with the longest region of key_audio.txt (exactly; and counting
           the relative major/minor as well)
`--tune N` scores a grid of estimator settings on the first N train songs and prints the best; the defaults in
chords.DEFAULT_SETTINGS were chosen that way, never on the songs this script reports on. `--json FILE` writes the
figures.
"""
import argparse
import csv
import itertools
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chords  # noqa: E402
from prepare_music_data import MIDI, read_notes  # noqa: E402

POP909 = os.path.join(MIDI, "pop909")
# The second grid searched (around the best of a first one: outside 0.3/0.5/0.8, fifth 0.8/1, bass 0/0.15/0.3,
# change 0.05/0.12/0.25, cap 1/2 beats, sevenths off/on, whose best was outside 0.8, fifth 1, bass 0.3, change 0.25).
GRID = {"outside": [0.8], "fifth": [1.0], "bass": [0.3, 0.45], "none_score": [0.15],
        "change": [0.25, 0.4], "cap_beats": [2.0, 3.0, 4.0], "bass_below": [128, 60, 55], "sevenths": [False]}


def songs(splits):
    with open(os.path.join(POP909, "pop909_split.csv"), encoding="utf-8") as f:
        return [r["song_id"] for r in csv.DictReader(f) if r["split"] in splits]


def load(song):
    """(notes, beats, reference labels at beat middles, annotated key)."""
    song = f"{int(song):03d}"
    path = os.path.join(POP909, "midi", f"{song}.mid")
    notes = read_notes(path)
    end = max(s + d for _, _, s, d in notes)
    beats = chords.beat_times(path, end)
    rows = chords.read_pop909_chords(os.path.join(POP909, "annotations", song, "chord_midi.txt"))
    middles = (beats[:-1] + beats[1:]) / 2
    starts = np.array([r[0] for r in rows])
    ends = np.array([r[1] for r in rows])
    index = np.searchsorted(starts, middles, side="right") - 1
    labels = []
    for i, t in zip(index, middles):
        labels.append(rows[i][2] if i >= 0 and t < ends[i] else "N")
    key = chords.read_pop909_key(os.path.join(POP909, "annotations", song, "key_audio.txt"))
    return notes, beats, labels, key


def nottingham_tunes(splits):
    with open(os.path.join(MIDI, "nottingham", "nottingham_split.csv"), encoding="utf-8") as f:
        return [r["midi"] for r in csv.DictReader(f) if r["split"] in splits]


def load_nottingham(midi):
    """(notes of both tracks, beats, reference chord per beat from the chord track alone) or None.

    Nottingham's second track holds the accompaniment chords as block chords, so the estimator run on it alone,
    without smoothing, reads them off; the reference is that, and the check is the estimator on melody + chords."""
    import mido
    path = os.path.join(MIDI, "nottingham", midi)
    midi_file = mido.MidiFile(path)
    if len(midi_file.tracks) < 2 or any(m.type == "set_tempo" for t in midi_file.tracks for m in t):
        return None
    notes = read_notes(path)
    chord_notes, open_notes, tick = [], {}, 0
    scale = 0.5 / midi_file.ticks_per_beat
    for message in midi_file.tracks[1]:
        tick += message.time
        if message.type == "note_on" and message.velocity > 0:
            open_notes[message.note] = tick
        elif message.type in ("note_on", "note_off") and message.note in open_notes:
            start = open_notes.pop(message.note)
            chord_notes.append((message.note, 64, start * scale, (tick - start) * scale))
    if not notes or not chord_notes:
        return None
    beats = chords.beat_times(path, max(s + d for _, _, s, d in notes))
    reference = chords.estimate_chords(chord_notes, beats, {"change": 0.0, "cap_beats": 1000.0, "bass": 0.0,
                                                            "outside": 0.5})
    return notes, beats, reference


def nottingham_agreement(data, settings):
    agree, total = 0, 0
    for notes, beats, reference in data:
        estimated = chords.estimate_chords(notes, beats, settings)
        chord = reference != chords.NO_CHORD
        agree += int((estimated[chord] == reference[chord]).sum())
        total += int(chord.sum())
    return agree / max(total, 1), total


def score(estimated, labels, counts):
    for cid, label in zip(estimated, labels):
        parsed = chords.parse_label(label)
        parts = chords.chord_parts(int(cid))
        counts["all"][1] += 1
        if parsed is None:
            counts["all"][0] += int(cid == chords.NO_CHORD)
            continue
        root, quality = parsed
        family = chords.QUALITY_FAMILY.get(quality)
        same_root = parts is not None and parts[0] == root
        counts["all"][0] += int(same_root and family is not None and parts[1] == (family == 1))
        counts["root"][1] += 1
        counts["root"][0] += int(same_root)
        if family is not None:
            counts["families"][1] += 1
            counts["families"][0] += int(same_root and parts[1] == (family == 1))
        if quality in chords.MAJMIN:
            counts["majmin"][1] += 1
            counts["majmin"][0] += int(same_root and parts[1] == (family == 1))


def evaluate(data, settings):
    counts = {k: [0, 0] for k in ("majmin", "families", "root", "all")}
    for notes, beats, labels, _ in data:
        score(chords.estimate_chords(notes, beats, settings), labels, counts)
    return {k: c / max(n, 1) for k, (c, n) in counts.items()}, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--splits", default="valid,test")
    parser.add_argument("--tune", type=int, default=0, help="grid-search the settings on this many train songs")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    started = time.time()
    if args.tune:
        data = [load(s) for s in songs({"train"})[:args.tune]]
        folk = [d for d in (load_nottingham(m) for m in nottingham_tunes({"train"})[:args.tune]) if d]
        print(f"loaded {len(data)} POP909 and {len(folk)} Nottingham train songs in {time.time() - started:.0f} s",
              flush=True)
        grid = GRID
        results = []
        for values in itertools.product(*grid.values()):
            settings = dict(zip(grid.keys(), values))
            figures, _ = evaluate(data, settings)
            figures["nottingham"] = nottingham_agreement(folk, settings)[0]
            results.append((figures["majmin"], figures, settings))
        results.sort(key=lambda r: -r[0])
        for majmin, figures, settings in results[:12]:
            print(f"majmin {majmin:.4f} families {figures['families']:.4f} root {figures['root']:.4f} "
                  f"with N {figures['all']:.4f} Nottingham {figures['nottingham']:.4f}  {settings}")
        return
    ids = songs(set(args.splits.split(",")))
    data = [load(s) for s in ids]
    figures, counts = evaluate(data, None)
    folk = [d for d in (load_nottingham(m) for m in nottingham_tunes(set(args.splits.split(",")))) if d]
    folk_agreement, folk_beats = nottingham_agreement(folk, None)
    keys = [(chords.estimate_key(notes), key) for notes, _, _, key in data if key is not None]
    exact = sum(1 for e, k in keys if e[0] == k[0] and e[1] == k[1])
    relative = sum(1 for e, k in keys if (e[0] == k[0] and e[1] == k[1])
                   or (e[1] != k[1] and (e[0] - k[0]) % 12 == (9 if e[1] else 3)))
    result = {"songs": len(data), "splits": args.splits, "settings": chords.DEFAULT_SETTINGS,
              "beats": {k: n for k, (_, n) in counts.items()}, "agreement": {k: round(v, 4) for k, v in figures.items()},
              "key_songs": len(keys), "key_exact": round(exact / max(len(keys), 1), 4),
              "key_with_relative": round(relative / max(len(keys), 1), 4),
              "nottingham": {"tunes": len(folk), "beats": folk_beats, "agreement": round(folk_agreement, 4)},
              "seconds": round(time.time() - started)}
    print(f"POP909 {args.splits}: {len(data)} songs, {counts['all'][1]:,} beats")
    print(f"  root + major/minor (majmin beats, {counts['majmin'][1]:,}): {figures['majmin']:.4f}")
    print(f"  root + major/minor (every chord beat, training families, {counts['families'][1]:,}): "
          f"{figures['families']:.4f}")
    print(f"  root only (every chord beat, {counts['root'][1]:,}): {figures['root']:.4f}")
    print(f"  every beat, N included: {figures['all']:.4f}")
    print(f"  Krumhansl key vs key_audio.txt ({len(keys)} songs): exact {result['key_exact']:.4f}, "
          f"with relative major/minor {result['key_with_relative']:.4f}")
    print(f"  Nottingham {args.splits} ({len(folk)} tunes, {folk_beats:,} chord beats): melody + chords against the "
          f"chord track alone {folk_agreement:.4f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
