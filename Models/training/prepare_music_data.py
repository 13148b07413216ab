"""Turns the MIDI corpora in ../shared/data/midi into token arrays for the music LSTM and the judge.

    Models/training/.venv/bin/python Models/training/prepare_music_data.py      (part of make train-music)

Every split is by song or piece, never by clip, and fixed: EMOPIA's official song-level split, the split CSVs of
VGMIDI, POP909, Nottingham and piano-midi.de, and for VGMIDI's unlabelled pieces (which have none) a stable hash of
the file name (5 % valid). The sustain pedal is folded into note lengths (a note held by the pedal lasts until the
pedal lifts or the key is struck again). POP909 keeps its MELODY and PIANO tracks. Labels: EMOPIA quadrants and
VGMIDI phrase signs become (valence, arousal) in {−1, +1}; everything else is unlabelled and trains with the
condition dropped.

Writes Models/training/data/music-{train,valid,test}.npz: tokens (int16, all sequences concatenated), offsets,
valence, arousal, labelled (bool), source (index into SOURCES), and names.
"""
import csv
import hashlib
import json
import os
import sys
import time

import mido
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from camxuc_music import Vocabulary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MIDI = os.path.join(ROOT, "..", "shared", "data", "midi")
OUT = os.path.join(HERE, "data")
SOURCES = ["emopia", "vgmidi-labelled", "vgmidi-pieces", "vgmidi-unlabelled", "pop909", "nottingham", "piano-midi-de"]


def read_notes(path, tracks=None):
    """[(pitch, velocity, start s, duration s)] with the sustain pedal folded in; drums left out."""
    midi = mido.MidiFile(path, clip=True)
    keep = None
    if tracks is not None:
        keep = {i for i, track in enumerate(midi.tracks) if track.name.strip().upper() in tracks}
        merged = mido.MidiFile(ticks_per_beat=midi.ticks_per_beat)
        merged.tracks = [t for i, t in enumerate(midi.tracks) if i in keep or i == 0]
        midi = merged
    notes, open_notes, now = [], {}, 0.0
    pedal_down = {}
    held = {}  # (channel, pitch) -> [indices of notes released while the pedal was down]
    for message in midi:
        now += message.time
        if message.type not in ("note_on", "note_off", "control_change") or message.channel == 9:
            continue
        channel = message.channel
        if message.type == "control_change" and message.control == 64:
            down = message.value >= 64
            if pedal_down.get(channel) and not down:
                for (ch, _), indices in list(held.items()):
                    if ch == channel:
                        for i in indices:
                            notes[i][3] = max(notes[i][3], now - notes[i][2])
                        held[(ch, _)] = []
            pedal_down[channel] = down
            continue
        if message.type == "control_change":
            continue
        key = (channel, message.note)
        if message.type == "note_on" and message.velocity > 0:
            # Striking a key again ends its pedal-held note.
            for i in held.get(key, []):
                notes[i][3] = max(notes[i][3], now - notes[i][2])
            held[key] = []
            open_notes.setdefault(key, []).append((now, message.velocity))
        elif open_notes.get(key):
            start, velocity = open_notes[key].pop(0)
            notes.append([message.note, velocity, start, now - start])
            if pedal_down.get(channel):
                held.setdefault(key, []).append(len(notes) - 1)
    # Notes still held by the pedal at the end last until the end.
    for indices in held.values():
        for i in indices:
            notes[i][3] = max(notes[i][3], now - notes[i][2])
    return [tuple(n) for n in notes]


def stable_split(name, valid_share=0.05):
    digest = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16)
    return "valid" if digest % 1000 < valid_share * 1000 else "train"


def items():
    """(source, name, path, split, valence, arousal, labelled, tracks)."""
    with open(os.path.join(MIDI, "emopia", "emopia_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield ("emopia", r["clip"], os.path.join(MIDI, "emopia", r["midi"]), r["split"],
                   1.0 if r["valence"] == "high" else -1.0, 1.0 if r["arousal"] == "high" else -1.0, True, None)
    labelled_pieces = {}
    with open(os.path.join(MIDI, "vgmidi", "vgmidi_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield ("vgmidi-labelled", r["phrase_midi"], os.path.join(MIDI, "vgmidi", r["phrase_midi"]), r["split"],
                   float(r["valence"]), float(r["arousal"]), True, None)
            labelled_pieces[r["piece_midi"]] = r["split"]
    # The full labelled pieces are the same music as their phrases: unlabelled, in the phrase's split.
    for piece, split in sorted(labelled_pieces.items()):
        yield ("vgmidi-pieces", piece, os.path.join(MIDI, "vgmidi", piece), split, 0.0, 0.0, False, None)
    folder = os.path.join(MIDI, "vgmidi", "unlabelled_v1_2019", "train")
    for name in sorted(os.listdir(folder)):
        yield ("vgmidi-unlabelled", name, os.path.join(folder, name), stable_split(name), 0.0, 0.0, False, None)
    with open(os.path.join(MIDI, "pop909", "pop909_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield ("pop909", r["song_id"], os.path.join(MIDI, "pop909", r["midi"]), r["split"], 0.0, 0.0, False,
                   {"MELODY", "PIANO"})
    with open(os.path.join(MIDI, "nottingham", "nottingham_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield ("nottingham", r["tune"], os.path.join(MIDI, "nottingham", r["midi"]), r["split"], 0.0, 0.0, False, None)
    with open(os.path.join(MIDI, "piano_midi_de", "piano_midi_de_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield ("piano-midi-de", r["midi"], os.path.join(MIDI, "piano_midi_de", r["midi"]), r["split"], 0.0, 0.0,
                   False, None)


def main():
    vocabulary = Vocabulary()
    os.makedirs(OUT, exist_ok=True)
    started = time.time()
    splits = {s: {"tokens": [], "offsets": [0], "valence": [], "arousal": [], "labelled": [], "source": [],
                  "names": []} for s in ("train", "valid", "test")}
    counts = {}
    failures = []
    for index, (source, name, path, split, valence, arousal, labelled, tracks) in enumerate(items()):
        try:
            tokens = vocabulary.encode(read_notes(path, tracks))
        except Exception as error:  # a file mido cannot read is reported and skipped
            failures.append(f"{path}: {error}")
            continue
        if len(tokens) < 16:
            continue
        bucket = splits[split]
        bucket["tokens"].extend(tokens)
        bucket["offsets"].append(len(bucket["tokens"]))
        bucket["valence"].append(valence)
        bucket["arousal"].append(arousal)
        bucket["labelled"].append(labelled)
        bucket["source"].append(SOURCES.index(source))
        bucket["names"].append(name)
        counts.setdefault(source, {}).setdefault(split, [0, 0])
        counts[source][split][0] += 1
        counts[source][split][1] += len(tokens)
        if index % 500 == 0:
            print(f"{index} files, {time.time() - started:.0f} s", flush=True)
    for split, bucket in splits.items():
        np.savez_compressed(os.path.join(OUT, f"music-{split}.npz"),
                            tokens=np.array(bucket["tokens"], dtype=np.int16),
                            offsets=np.array(bucket["offsets"], dtype=np.int64),
                            valence=np.array(bucket["valence"], dtype=np.float32),
                            arousal=np.array(bucket["arousal"], dtype=np.float32),
                            labelled=np.array(bucket["labelled"], dtype=bool),
                            source=np.array(bucket["source"], dtype=np.int8),
                            names=np.array(bucket["names"]))
    summary = {"seconds": round(time.time() - started), "counts": counts, "failures": failures,
               "vocabulary": len(vocabulary)}
    with open(os.path.join(OUT, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
