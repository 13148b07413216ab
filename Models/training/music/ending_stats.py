"""How takes end: the notes still sounding 0.3 s before the end of each MIDI file, against the file's key signature.

    python3 Models/training/music/ending_stats.py SECONDS FILE.mid ...   (needs mido)

Prints the mean count of notes ringing at the end, the share of takes whose ringing notes are all tones of the
tonic triad, whose lowest is the tonic, that hold the tonic at all, that hold its root and third (the mode heard),
that end on one note, that end in silence, and the mean gap from the last onset to the end. The takes measured in docs/DECISIONS.md ("Takes end on a cadence") were made with
`camxuc compose --valence ±0.6 --arousal ±0.4 --seed 1…12 --seconds 30`.
"""
import mido, sys, collections
names = ['C','C#','D','Eb','E','F','F#','G','Ab','A','Bb','B']
def notes_of(f):
    m = mido.MidiFile(f); t = 0; on = {}; notes = []; key=None
    for msg in m:
        t += msg.time
        if msg.type == 'key_signature' and key is None: key = msg.key
        if msg.type == 'note_on' and msg.velocity > 0: on[(msg.channel, msg.note)] = t
        elif msg.type in ('note_off','note_on'):
            k = (msg.channel, msg.note)
            if k in on: notes.append((on.pop(k), t, msg.note))
    return notes, key
def tonic_triad(key):
    minor = key.endswith('m'); k = key[:-1] if minor else key
    pc = {'C':0,'C#':1,'Db':1,'D':2,'D#':3,'Eb':3,'E':4,'F':5,'F#':6,'Gb':6,'G':7,'G#':8,'Ab':8,'A':9,'A#':10,'Bb':10,'B':11,'Cb':11}[k]
    return pc, {pc, (pc + (3 if minor else 4)) % 12, (pc + 7) % 12}
stats = collections.defaultdict(list)
for f in sys.argv[2:]:
    notes, key = notes_of(f)
    L = float(sys.argv[1])
    ring = [n for s, e, n in notes if s < L - 0.3 and e >= L - 0.3]
    tonic, triad = tonic_triad(key)
    stats['ringing'].append(len(ring))
    stats['all_triad'].append(bool(ring) and all(n % 12 in triad for n in ring))
    stats['bass_tonic'].append(bool(ring) and min(ring) % 12 == tonic)
    stats['has_tonic'].append(any(n % 12 == tonic for n in ring))
    third = sorted(triad - {tonic, (tonic + 7) % 12})[0]
    stats['root_and_third'].append(any(n % 12 == tonic for n in ring) and any(n % 12 == third for n in ring))
    stats['single_note'].append(len(ring) == 1)
    stats['silent_end'].append(not ring)
    stats['last_onset_gap'].append(L - max(s for s, e, n in notes))
for k, v in stats.items():
    print('%-15s %.2f' % (k, sum(v) / len(v)))
