"""Checks, with mido, that a take composed along an emotional arc says each segment's key where its music starts.

    python key_changes.py TAKE.mid COMPOSE-OUTPUT

COMPOSE-OUTPUT is what `camxuc compose` printed: its segment lines ("  2  5.3–9.3 s …") and its controls line, whose
harmony names each segment's key ("Ab major I–IV… → G# minor i–V…"). Expected: the first segment's key at tick 0,
and each later segment whose key differs from the one before at the first bar line of its segment (4/4). Exits 1 and says what differs.
"""
import re
import sys

import mido

LETTERS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def pitch_class(name):
    value = LETTERS[name[0]]
    for accidental in name[1:]:
        value += {"#": 1, "b": -1}[accidental]
    return value % 12


def main():
    midi = mido.MidiFile(sys.argv[1])
    printed = open(sys.argv[2], encoding="utf-8").read()
    starts = [float(m.group(1)) for m in re.finditer(r"^ +\d+  ([0-9.]+)–[0-9.]+ s ", printed, re.M)]
    harmony = re.search(r"^controls  (.*) \(chord plan", printed, re.M).group(1)
    keys = [(pitch_class(s.split()[0]), s.split()[1] == "minor") for s in harmony.split(" → ")]
    assert len(keys) == len(starts) > 1, (keys, starts)
    expected = [(0.0, keys[0])] + [(start, key) for start, key, before in zip(starts[1:], keys[1:], keys) if key != before]

    events, tempos = [], []
    for track in midi.tracks:
        tick = 0
        for message in track:
            tick += message.time
            if message.type == "set_tempo":
                tempos.append((tick, message.tempo))
            elif message.type == "key_signature":
                minor = message.key.endswith("m")
                events.append((tick, (pitch_class(message.key[:-1] if minor else message.key), minor)))
    tempos.sort()

    def seconds(tick):
        elapsed, last, tempo = 0.0, 0, 500000
        for at, us in tempos:
            if at > tick:
                break
            elapsed += mido.tick2second(at - last, midi.ticks_per_beat, tempo)
            last, tempo = at, us
        return elapsed + mido.tick2second(tick - last, midi.ticks_per_beat, tempo)

    events.sort()
    ok = len(events) == len(expected) and events[0][0] == 0
    for (tick, key), (start, wanted) in zip(events, expected):
        bar = 4 * midi.ticks_per_beat
        ok = ok and key == wanted and tick % bar == 0 and start - 0.01 <= seconds(tick) and (tick == 0 or seconds(tick - bar) < start - 0.01)
    if not ok:
        print("key signatures %s, expected %s" % ([(t, round(seconds(t), 2), k) for t, k in events], expected))
        sys.exit(1)


main()
