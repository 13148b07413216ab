"""The music event vocabulary, the Python twin of Sources/CamXucMusic/EventVocabulary.swift.

Both read Models/music-vocab.json. A piece is a list of notes (pitch, velocity, start seconds, duration seconds);
its tokens are, note by note in order of onset (then pitch): TIME_SHIFT tokens up to the onset, VELOCITY when the
note's velocity bin differs from the last one, NOTE, DURATION. Every note says its own length, so a model cannot
forget to end it. Rounding is floor(x + 0.5) everywhere, as in Swift (Python's round() rounds halves to even).
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_PATH = os.path.join(os.path.dirname(HERE), "music-vocab.json")


def half_up(x):
    return int(math.floor(x + 0.5))


class Vocabulary:
    def __init__(self, path=SPEC_PATH):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        self.spec = spec
        self.step_ms = spec["time_shift"]["step_ms"]
        self.max_steps = spec["time_shift"]["steps"]
        self.velocity_bins = spec["velocity"]["bins"]
        self.lowest = spec["pitch"]["lowest"]
        self.highest = spec["pitch"]["highest"]
        self.durations_ms = spec["duration"]["centers_ms"]
        names = list(spec["specials"])
        names += [f"TIME_SHIFT_{i}" for i in range(1, self.max_steps + 1)]
        names += [f"VELOCITY_{i}" for i in range(self.velocity_bins)]
        names += [f"NOTE_{p}" for p in range(self.lowest, self.highest + 1)]
        names += [f"DURATION_{i}" for i in range(len(self.durations_ms))]
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}
        self.time_shift_base = len(spec["specials"])
        self.velocity_base = self.time_shift_base + self.max_steps
        self.note_base = self.velocity_base + self.velocity_bins
        self.duration_base = self.note_base + (self.highest - self.lowest + 1)
        self._log_durations = [math.log(d) for d in self.durations_ms]

    def __len__(self):
        return len(self.names)

    def velocity_bin(self, velocity):
        return min(max(velocity, 1), 127) * self.velocity_bins // 128

    def velocity_of_bin(self, b):
        width = 128 // self.velocity_bins
        return min(max(b * width + width // 2, 1), 127)

    def duration_bin(self, seconds):
        target = math.log(max(seconds * 1000, 1e-3))
        best, best_distance = 0, float("inf")
        for i, value in enumerate(self._log_durations):
            distance = abs(value - target)
            if distance < best_distance:  # the first of equal distances wins, as in Swift
                best, best_distance = i, distance
        return best

    def encode(self, notes):
        """notes: iterable of (pitch, velocity, start_s, duration_s). Notes outside the pitch range are dropped."""
        tokens = []
        current_step = 0
        last_velocity_bin = None
        for pitch, velocity, start, duration in sorted(notes, key=lambda n: (n[2], n[0])):
            if not self.lowest <= pitch <= self.highest:
                continue
            step = half_up(start * 1000 / self.step_ms)
            delta = step - current_step
            while delta > 0:
                shift = min(delta, self.max_steps)
                tokens.append(self.time_shift_base + shift - 1)
                delta -= shift
            current_step = max(current_step, step)
            b = self.velocity_bin(velocity)
            if b != last_velocity_bin:
                tokens.append(self.velocity_base + b)
                last_velocity_bin = b
            tokens.append(self.note_base + pitch - self.lowest)
            tokens.append(self.duration_base + self.duration_bin(duration))
        return tokens

    def decode(self, tokens):
        """→ list of (pitch, velocity, start_s, duration_s); a NOTE without its DURATION is dropped."""
        notes = []
        step = 0
        velocity = self.velocity_of_bin(self.velocity_bins // 2)
        pending = None
        for token in tokens:
            if self.time_shift_base <= token < self.velocity_base:
                step += token - self.time_shift_base + 1
                pending = None
            elif self.velocity_base <= token < self.note_base:
                velocity = self.velocity_of_bin(token - self.velocity_base)
            elif self.note_base <= token < self.duration_base:
                pending = token - self.note_base + self.lowest
            elif self.duration_base <= token < len(self.names):
                if pending is not None:
                    notes.append((pending, velocity, step * self.step_ms / 1000,
                                  self.durations_ms[token - self.duration_base] / 1000))
                    pending = None
        return notes
