"""Writes Tests/Fixtures/music/vocabulary.json: every (index, name) of the event vocabulary, and for each MIDI
fixture the notes as mido reads them, their tokens and the decoded notes, for the Swift tests to match.

    Models/training/.venv/bin/python Models/training/make_music_fixture.py
"""
import json
import os

import mido

from camxuc_music import Vocabulary

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MIDI = os.path.join(ROOT, "Tests", "Fixtures", "midi")


def notes_with_mido(path):
    """(pitch, velocity, start s, duration s), paired first-in first-out, timed by mido."""
    midi = mido.MidiFile(path)
    notes, open_notes, now = [], {}, 0.0
    for message in midi:  # mido merges tracks and converts delta times to seconds
        now += message.time
        if message.type == "note_on" and message.velocity > 0:
            open_notes.setdefault((message.channel, message.note), []).append((now, message.velocity))
        elif message.type in ("note_on", "note_off") and open_notes.get((message.channel, message.note)):
            start, velocity = open_notes[(message.channel, message.note)].pop(0)
            notes.append((message.note, velocity, start, now - start))
    return sorted(notes, key=lambda n: (n[2], n[0]))


def main():
    vocabulary = Vocabulary()
    pieces = []
    for name in ["mido-format0", "mido-format1", "bench-30s"]:
        notes = notes_with_mido(os.path.join(MIDI, name + ".mid"))
        tokens = vocabulary.encode(notes)
        pieces.append({"midi": name + ".mid", "tokens": tokens,
                       "decoded": [[p, v, round(s, 6), round(d, 6)] for p, v, s, d in vocabulary.decode(tokens)]})
    out = os.path.join(ROOT, "Tests", "Fixtures", "music", "vocabulary.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"size": len(vocabulary), "names": vocabulary.names, "pieces": pieces}, f, indent=0)
    print(f"{len(vocabulary)} events; fixture written to {out}")


if __name__ == "__main__":
    main()
