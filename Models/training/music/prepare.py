"""Builds the training data of the chord-conditioned music LSTM: the event sequences of prepare_music_data.py with a
parallel chord track, a key per piece, and the chords per beat for progressions.py.

    nice -n 10 Models/training/.venv/bin/python Models/training/music/prepare.py           (about 5 minutes)

The pieces, their splits, labels and tokens are exactly prepare_music_data.py's (its `items`, `read_notes` and the
vocabulary of Models/music-vocab.json, so EMOPIA's held-out songs give the same events and the validation NLL stays
comparable with today's model): EMOPIA (official song-level split), VGMIDI labelled phrases, the full labelled pieces
and the 2019 unlabelled set, POP909 (MELODY and PIANO tracks merged, as today), Nottingham, piano-midi.de.

Per piece:
  key       the Krumhansl–Kessler key of its notes (chords.estimate_key, the judge's key finder) → key id
            (tonic, + 12 for minor)
  chords    per beat of the MIDI tempo map: POP909's annotations (chord_midi.txt, read at each beat's middle);
            for every other corpus the template-matching estimator (chords.estimate_chords). Chords are stored
            relative to the key's tonic (chord ids of chords.py: 0 N, 1 + 2·root + minor).
  track     per event, the chord in force LOOKAHEAD seconds after the event's time (the time after every
            TIME_SHIFT up to and including the event, in 10 ms steps): the look-ahead puts notes played a touch
            early or rounded down to the 10 ms grid with the chord of their beat. POP909 uses its annotations at
            that time directly.

Writes Models/training/data/music-chords-{train,valid,test}.npz (compressed):
  tokens int16 [events], chords int8 [events], offsets int64 [pieces + 1]
  key int8, valence float32, arousal float32, labelled bool, source int8 (prepare_music_data.SOURCES),
  annotated bool (chords from POP909's annotations), beat_seconds float32 (median beat length), names
  beat_chords int8 [beats] (key-relative chord per beat), beat_offsets int64 [pieces + 1]
and music-chords-summary.json (counts, sizes, chord-id histogram per source, failures).
"""
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chords  # noqa: E402
from camxuc_music import Vocabulary  # noqa: E402
from prepare_music_data import MIDI, OUT, SOURCES, items, read_notes  # noqa: E402

LOOKAHEAD = 0.025


def event_times(tokens, vocabulary):
    """Seconds at each event: the time after every TIME_SHIFT up to and including it."""
    tokens = np.asarray(tokens)
    shift = (tokens >= vocabulary.time_shift_base) & (tokens < vocabulary.velocity_base)
    steps = np.where(shift, tokens - vocabulary.time_shift_base + 1, 0)
    return np.cumsum(steps) * vocabulary.step_ms / 1000.0


def piece_chords(source, name, path, notes, tokens, vocabulary):
    """(key id, key-relative chord per event, key-relative chord per beat, median beat seconds, annotated)."""
    tonic, minor = chords.estimate_key(notes)
    end = max(s + d for _, _, s, d in notes)
    beats = chords.beat_times(path, end)
    times = event_times(tokens, vocabulary) + LOOKAHEAD
    annotation = None
    if source == "pop909":
        song = f"{int(name):03d}"
        annotation = os.path.join(MIDI, "pop909", "annotations", song, "chord_midi.txt")
        if not os.path.exists(annotation):
            annotation = None
    if annotation is not None:
        rows = chords.read_pop909_chords(annotation)
        per_beat = chords.absolute_from_labels(rows, (beats[:-1] + beats[1:]) / 2)
        per_event = chords.absolute_from_labels(rows, times)
    else:
        per_beat = chords.estimate_chords(notes, beats)
        index = np.clip(np.searchsorted(beats, times, side="right") - 1, 0, len(per_beat) - 1)
        per_event = per_beat[index]
    return (chords.key_id(tonic, minor), chords.relative_chords(per_event, tonic),
            chords.relative_chords(per_beat, tonic), float(np.median(np.diff(beats))), annotation is not None)


def main():
    vocabulary = Vocabulary()
    os.makedirs(OUT, exist_ok=True)
    started = time.time()
    fields = ("tokens", "chords", "key", "valence", "arousal", "labelled", "source", "annotated", "beat_seconds",
              "names", "beat_chords")
    splits = {s: {f: [] for f in fields} for s in ("train", "valid", "test")}
    for bucket in splits.values():
        bucket["offsets"], bucket["beat_offsets"] = [0], [0]
    counts, failures, histogram = {}, [], {}
    for index, (source, name, path, split, valence, arousal, labelled, tracks) in enumerate(items()):
        try:
            notes = read_notes(path, tracks)
            tokens = vocabulary.encode(notes)
            if len(tokens) < 16:
                continue
            key, per_event, per_beat, beat_seconds, annotated = piece_chords(source, name, path, notes, tokens,
                                                                            vocabulary)
        except Exception as error:  # a file mido cannot read is reported and skipped, as prepare_music_data does
            failures.append(f"{path}: {error}")
            continue
        b = splits[split]
        b["tokens"].append(np.array(tokens, dtype=np.int16))
        b["chords"].append(per_event.astype(np.int8))
        b["offsets"].append(b["offsets"][-1] + len(tokens))
        b["beat_chords"].append(per_beat.astype(np.int8))
        b["beat_offsets"].append(b["beat_offsets"][-1] + len(per_beat))
        for field, value in (("key", key), ("valence", valence), ("arousal", arousal), ("labelled", labelled),
                             ("source", SOURCES.index(source)), ("annotated", annotated),
                             ("beat_seconds", beat_seconds), ("names", name)):
            b[field].append(value)
        c = counts.setdefault(source, {}).setdefault(split, [0, 0])
        c[0] += 1
        c[1] += len(tokens)
        h = histogram.setdefault(source, np.zeros(chords.CHORD_COUNT, dtype=np.int64))
        h += np.bincount(per_event, minlength=chords.CHORD_COUNT)
        if index % 250 == 0:
            print(f"{index} files, {time.time() - started:.0f} s", flush=True)
    sizes = {}
    for split, b in splits.items():
        path = os.path.join(OUT, f"music-chords-{split}.npz")
        np.savez_compressed(path,
                            tokens=np.concatenate(b["tokens"]), chords=np.concatenate(b["chords"]),
                            offsets=np.array(b["offsets"], dtype=np.int64), key=np.array(b["key"], dtype=np.int8),
                            valence=np.array(b["valence"], dtype=np.float32),
                            arousal=np.array(b["arousal"], dtype=np.float32),
                            labelled=np.array(b["labelled"], dtype=bool), source=np.array(b["source"], dtype=np.int8),
                            annotated=np.array(b["annotated"], dtype=bool),
                            beat_seconds=np.array(b["beat_seconds"], dtype=np.float32),
                            names=np.array(b["names"]), beat_chords=np.concatenate(b["beat_chords"]),
                            beat_offsets=np.array(b["beat_offsets"], dtype=np.int64))
        sizes[split] = os.path.getsize(path)
    shares = {}
    for source, h in histogram.items():
        top = np.argsort(-h)[:8]
        shares[source] = {chords.chord_name(int(i)): round(float(h[i] / h.sum()), 3) for i in top}
    summary = {"seconds": round(time.time() - started), "counts": counts, "bytes": sizes, "failures": failures,
               "vocabulary": len(vocabulary), "lookahead_seconds": LOOKAHEAD, "settings": chords.DEFAULT_SETTINGS,
               "commonest_chords_per_event": shares}
    with open(os.path.join(OUT, "music-chords-summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
