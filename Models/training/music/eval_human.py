"""CamXuc's generated music against human music (EMOPIA), per quadrant.

    # 1. takes: 50 × 30 s per quadrant centre (±0.75, ±0.75), seeds 1000–1049, with and without the controls
    nice -n 10 Models/training/.venv/bin/python Models/training/music/eval_human.py generate \
        --binary /tmp/camxuc-eval --out /tmp/human-eval/controls
    nice -n 10 Models/training/.venv/bin/python Models/training/music/eval_human.py generate \
        --binary /tmp/camxuc-eval --out /tmp/human-eval/nocontrols --no-controls
    # 2. the comparison (one or more folders of takes; EMOPIA features and the forest are computed once)
    nice -n 10 Models/training/.venv/bin/python Models/training/music/eval_human.py evaluate \
        /tmp/human-eval/controls /tmp/human-eval/nocontrols --json /tmp/human-eval/eval-human.json

Takes. A folder of Standard MIDI Files named `q1-*.mid` … `q4-*.mid` (case does not matter): the digit is the
quadrant the take was asked for. `--list FILE` gives them instead, one `QUADRANT<TAB>PATH` a line. `generate` makes
such a folder with `camxuc compose` (one process per take, in turn) and writes `judged.json` beside the takes:
{"q1-1000.mid": {"quadrant": 1, "valence": …, "arousal": …}, …}, parsed from the `judged` line compose prints (our
judge, `Models/music-judge.json`). `evaluate` reads `judged.json` from the folder when it is there (or `--judged
FILE` for one folder; values may also be plain quadrant numbers).

Human music. EMOPIA (`../shared/data/midi/emopia`, `emopia_split.csv`): the official song-level split (train 876,
valid 114, test 88 clips) and the quadrant of every clip (the `quadrant` column, the same as label.csv's 4Q).

Notes are read as the training data reads them (`prepare_music_data.read_notes`: the sustain pedal folded into note
lengths). Every piece, generated or human, is then shifted so that its first onset is at 0 s and cut at 30 s
(`--crop`; notes starting later are dropped, longer ones shortened), because EMOPIA's clips last 19–90 s (median 40)
and range, repetition and run lengths grow with length. Beats and bars are a fixed grid of 0.5 s and 2 s (120 bpm,
4/4): EMOPIA's files are transcriptions at a nominal 120 bpm and CamXuc writes 120 bpm, so neither has a musical
beat to read; the same grid is used for both.

Features per piece (`FEATURES`, in this order):
  pitch_range            highest − lowest pitch, semitones
  pitch_classes          pitch classes holding ≥ 5 % of the duration-weighted histogram (as the model card counts)
  pitch_class_entropy    Shannon entropy (bits) of the note-count pitch-class histogram (MusPy)
  polyphony              mean number of sounding notes over the 50 ms steps where at least one sounds (MusPy)
  polyphony_rate         share of those steps with two or more notes sounding
  note_density           notes per second (first onset to last note end)
  onset_density          onsets per second; notes starting within 30 ms of an onset group's first note share it
  ioi                    mean inter-onset interval between onset groups, s
  ioi_entropy            entropy (bits) of the IOIs in third-octave bins of log2(seconds) from 30 ms to 4 s
  empty_beat_rate        share of 0.5 s beats (to the last note end) without an onset (MusPy's empty beat rate)
  groove_consistency     1 − mean Hamming distance / 16 between the 16-step onset patterns of adjacent 2 s bars
                         (Wu & Yang 2020, as MusPy)
  velocity_mean          mean velocity
  velocity_std           velocity standard deviation (population)
  duration_mean          mean note duration, s
  top_interval           mean |interval| between consecutive notes of the top line (the highest pitch per onset
                         group), semitones
  bar_pc_similarity      mean cosine similarity between the duration-weighted pitch-class histograms of every pair
                         of non-empty 2 s bars
  fourgram_repetition    share of the top line's pitch 4-grams that repeat one heard earlier (1 − distinct/total)
  triad_cover            per 0.5 s beat, the share of the pitch-class mass (velocity × seconds, notes capped at 2
                         beats: chords.beat_profiles) on the best of the 24 major and minor triads; mean over beats
                         with notes

The overlapping area (OA). The simpler of the two Yang & Lerch (2020) variants: per feature and quadrant, a
Gaussian kernel-density estimate of each set's per-piece values (Scott's bandwidth σ·n^(−1/5), at least 5 % of the
pooled standard deviation so that a set with one value stays a narrow bump), and OA = ∫ min(p_a, p_b) on a grid
of 2,000 points spanning both sets ± 4 bandwidths. 1 means the same distribution, 0 none in common; when both sets
hold one single equal value the OA is 1. Takes(Qi) are compared with EMOPIA test(Qi); the baseline is EMOPIA
valid(Qi) against the same test(Qi), by the same method: how much two samples of human music of that quadrant
overlap. With about 25 test and 28 valid clips per quadrant the estimates are noisy (a few hundredths).

The relative OA, Yang & Lerch's main variant, is printed beside it: per feature, the distances |x − y| between
every pair of EMOPIA test(Qi) clips (the intra-set distances) and between every take and every test clip (the
inter-set distances), each as a kernel-density estimate as above; OA = ∫ min of the two. It asks whether a take sits
among the human clips about as far from them as they sit from each other, rather than whether the two value
distributions coincide, so it is higher than the plain OA for the same sets. The OA of the takes' own intra-set
distances with the inter-set ones is printed in parentheses.

The second classifier. A random forest (scikit-learn, 500 trees, min 2 samples per leaf, balanced class weights,
seed 0) over key-relative features, trained on EMOPIA's train clips only: the features above, mean and spread of
pitch, the best Krumhansl–Kessler major and minor correlations, and the 12-bin duration-weighted pitch-class
profile relative to the found key's tonic. Its accuracy on EMOPIA valid and test is printed first; then, per
quadrant, the share of takes it places in the quadrant they were asked for.

Texture per quadrant (means over pieces; for the reference split beside the takes): polyphony, mean note duration, velocity
spread, pitch range, share of consecutive top-line onsets repeating the pitch before, longest run of one repeated
top-line pitch, triad cover per beat, pitch-class entropy, and the number of distinct tonics (Krumhansl, `chords.
estimate_key`) across the quadrant's pieces, with the share of major keys.

`--json` writes every figure (and the per-piece features and verdicts).
"""
import argparse
import csv
import glob
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(TRAINING))
sys.path.insert(0, TRAINING)
sys.path.insert(0, HERE)
from camxuc_judge_features import MAJOR, MINOR  # noqa: E402
from chords import beat_profiles, estimate_key  # noqa: E402
from prepare_music_data import read_notes  # noqa: E402

EMOPIA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "midi", "emopia"))
BEAT = 0.5
BAR = 2.0
BAR_STEPS = 16
GROUP = 0.03
STEP = 0.05
FEATURES = ["pitch_range", "pitch_classes", "pitch_class_entropy", "polyphony", "polyphony_rate", "note_density",
            "onset_density", "ioi", "ioi_entropy", "empty_beat_rate", "groove_consistency", "velocity_mean",
            "velocity_std", "duration_mean", "top_interval", "bar_pc_similarity", "fourgram_repetition",
            "triad_cover"]
TEXTURE = [("polyphony", "polyphony", "{:.2f}"), ("duration_mean", "dur s", "{:.2f}"),
           ("velocity_std", "vel sd", "{:.1f}"), ("pitch_range", "range", "{:.1f}"),
           ("top_repeat_share", "top rep", "{:.2f}"), ("top_longest_run", "run", "{:.1f}"),
           ("triad_cover", "triad", "{:.2f}"), ("pitch_class_entropy", "pc H", "{:.2f}")]
CENTRES = {1: (0.75, 0.75), 2: (-0.75, 0.75), 3: (-0.75, -0.75), 4: (0.75, -0.75)}
TRIADS = [(r, (r + 4) % 12, (r + 7) % 12) for r in range(12)] + [(r, (r + 3) % 12, (r + 7) % 12) for r in range(12)]


# ---------------------------------------------------------------------------------------------------------------
# Features


def prepare(notes, crop):
    """Notes → arrays (pitch, velocity, start, duration), sorted by onset then pitch, first onset at 0, cut."""
    if not notes:
        return None
    a = np.array(sorted(notes, key=lambda n: (n[2], n[0])), dtype=np.float64)
    a[:, 2] -= a[0, 2]
    if crop and crop > 0:
        a = a[a[:, 2] < crop]
        a[:, 3] = np.minimum(a[:, 3], crop - a[:, 2])
    a[:, 3] = np.maximum(a[:, 3], 1e-3)
    return a if len(a) else None


def entropy(counts):
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum()
    if total <= 0:
        return 0.0
    p = counts[counts > 0] / total
    return float(-(p * np.log2(p)).sum())


def key_profile(pitch, duration):
    """(tonic, minor, best major r, best minor r, 12-bin duration profile relative to the tonic, summing to 1)."""
    histogram = np.bincount(pitch.astype(np.int64) % 12, weights=duration, minlength=12)
    notes = [(p, 0, 0, d) for p, d in zip(pitch, duration)]
    tonic, minor = estimate_key(notes)
    h = histogram - histogram.mean()
    best = {False: -1.0, True: -1.0}
    for t in range(12):
        for profile, is_minor in ((MAJOR, False), (MINOR, True)):
            q = np.roll(np.array(profile), t)
            q = q - q.mean()
            den = math.sqrt(float((h * h).sum() * (q * q).sum()))
            best[is_minor] = max(best[is_minor], float((h * q).sum() / den) if den > 0 else 0.0)
    total = histogram.sum()
    relative = np.roll(histogram, -tonic) / total if total > 0 else np.zeros(12)
    return tonic, minor, best[False], best[True], relative


def features(raw_notes, crop=30.0):
    """Per-piece features: FEATURES plus descriptive extras (key, register, top-line runs). None when empty."""
    a = prepare(raw_notes, crop)
    if a is None or len(a) < 2:
        return None
    pitch, velocity, start, duration = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    end = float((start + duration).max())
    n = len(a)
    f = {}
    f["pitch_range"] = float(pitch.max() - pitch.min())
    pc_duration = np.bincount(pitch.astype(np.int64) % 12, weights=duration, minlength=12)
    f["pitch_classes"] = float((pc_duration / pc_duration.sum() >= 0.05).sum())
    f["pitch_class_entropy"] = entropy(np.bincount(pitch.astype(np.int64) % 12, minlength=12))
    # Sounding notes on a 50 ms grid (step midpoints).
    grid = np.arange(STEP / 2, end, STEP)
    on = np.searchsorted(np.sort(start), grid, side="right") - np.searchsorted(np.sort(start + duration), grid,
                                                                                side="right")
    sounding = on[on >= 1]
    f["polyphony"] = float(sounding.mean()) if len(sounding) else 0.0
    f["polyphony_rate"] = float((sounding >= 2).mean()) if len(sounding) else 0.0
    f["note_density"] = n / end
    # Onset groups and the top line.
    group_start, group_top = [], []
    for s, p in zip(start, pitch):
        if not group_start or s - group_start[-1] > GROUP:
            group_start.append(s)
            group_top.append(p)
        else:
            group_top[-1] = max(group_top[-1], p)
    group_start = np.array(group_start)
    group_top = np.array(group_top)
    f["onset_density"] = len(group_start) / end
    ioi = np.diff(group_start)
    f["ioi"] = float(ioi.mean()) if len(ioi) else float("nan")
    if len(ioi):
        bins = np.clip(np.floor((np.log2(np.maximum(ioi, 1e-3)) - math.log2(0.03)) * 3), -1, None)
        bins = np.minimum(bins, math.ceil((math.log2(4.0) - math.log2(0.03)) * 3)).astype(np.int64) + 1
        f["ioi_entropy"] = entropy(np.bincount(bins))
    else:
        f["ioi_entropy"] = float("nan")
    beats = max(int(math.ceil(end / BEAT - 1e-9)), 1)
    hit = np.zeros(beats, dtype=bool)
    hit[np.minimum((start // BEAT).astype(np.int64), beats - 1)] = True
    f["empty_beat_rate"] = float(1.0 - hit.mean())
    bars = max(int(math.ceil(end / BAR - 1e-9)), 1)
    pattern = np.zeros((bars, BAR_STEPS), dtype=bool)
    bar_index = np.minimum((start // BAR).astype(np.int64), bars - 1)
    position = np.minimum(((start - bar_index * BAR) / (BAR / BAR_STEPS)).astype(np.int64), BAR_STEPS - 1)
    pattern[bar_index, position] = True
    f["groove_consistency"] = (float(1.0 - (pattern[1:] != pattern[:-1]).mean(axis=1).mean())
                               if bars >= 2 else float("nan"))
    f["velocity_mean"] = float(velocity.mean())
    f["velocity_std"] = float(velocity.std())
    f["duration_mean"] = float(duration.mean())
    steps = np.diff(group_top)
    f["top_interval"] = float(np.abs(steps).mean()) if len(steps) else float("nan")
    histograms = np.zeros((bars, 12))
    np.add.at(histograms, (bar_index, pitch.astype(np.int64) % 12), duration)
    histograms = histograms[histograms.sum(axis=1) > 0]
    if len(histograms) >= 2:
        unit = histograms / np.linalg.norm(histograms, axis=1, keepdims=True)
        cosine = unit @ unit.T
        upper = np.triu_indices(len(unit), 1)
        f["bar_pc_similarity"] = float(cosine[upper].mean())
    else:
        f["bar_pc_similarity"] = float("nan")
    grams = [tuple(group_top[i:i + 4]) for i in range(len(group_top) - 3)]
    f["fourgram_repetition"] = float(1.0 - len(set(grams)) / len(grams)) if grams else float("nan")
    bounds = np.arange(0.0, beats * BEAT + BEAT / 2, BEAT)
    profiles, _ = beat_profiles(a, bounds, cap_beats=2.0)
    totals = profiles.sum(axis=1)
    keep = totals > 0
    cover = np.max(np.stack([profiles[:, list(t)].sum(axis=1) for t in TRIADS], axis=1), axis=1)
    f["triad_cover"] = float((cover[keep] / totals[keep]).mean()) if keep.any() else float("nan")
    # Descriptive extras (texture, key, classifier inputs).
    f["top_repeat_share"] = float((steps == 0).mean()) if len(steps) else float("nan")
    longest, run = 1, 1
    for i in range(1, len(group_top)):
        run = run + 1 if group_top[i] == group_top[i - 1] else 1
        longest = max(longest, run)
    f["top_longest_run"] = float(longest)
    f["pitch_mean"] = float(pitch.mean())
    f["pitch_std"] = float(pitch.std())
    tonic, minor, major_r, minor_r, relative = key_profile(pitch, duration)
    f["tonic"] = int(tonic)
    f["minor"] = bool(minor)
    f["major_r"] = major_r
    f["minor_r"] = minor_r
    f["relative_profile"] = [float(x) for x in relative]
    f["notes"] = n
    f["seconds"] = end
    return f


def classifier_vector(f):
    """Key-relative inputs of the random forest (NaN → 0)."""
    values = [f[name] for name in FEATURES] + [f["pitch_mean"], f["pitch_std"], f["major_r"], f["minor_r"],
                                              f["major_r"] - f["minor_r"]] + f["relative_profile"]
    return [0.0 if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in values]


# ---------------------------------------------------------------------------------------------------------------
# Overlapping area


BINNED_KDE_ABOVE = 5000


def _bandwidth(x, floor):
    if len(x) < 2:
        return floor
    return max(float(x.std(ddof=1)) * len(x) ** (-0.2), floor)


def overlap_area(a, b, points=2000):
    """∫ min(KDE_a, KDE_b) (see the module docstring); NaN when either set has fewer than 2 finite values."""
    a = np.asarray([x for x in a if x is not None and np.isfinite(x)], dtype=np.float64)
    b = np.asarray([x for x in b if x is not None and np.isfinite(x)], dtype=np.float64)
    if len(a) < 2 or len(b) < 2:
        return float("nan")
    pooled = float(np.concatenate([a, b]).std())
    if pooled == 0:
        return 1.0
    floor = 0.05 * pooled
    ha, hb = _bandwidth(a, floor), _bandwidth(b, floor)
    lo = min(a.min(), b.min()) - 4 * max(ha, hb)
    hi = max(a.max(), b.max()) + 4 * max(ha, hb)
    x = np.linspace(lo, hi, points)

    def kde(values, h):
        if len(values) > BINNED_KDE_ABOVE:
            # Linear binning onto the grid, then the Gaussian as a convolution: the same estimate to within about
            # (grid step / h)² of itself, and thousands of times fewer exponentials for the pooled train + valid
            # reference's ~30,000 distances. Smaller sets (every split alone, the takes) are summed exactly.
            step = x[1] - x[0]
            position = (values - x[0]) / step
            index = np.clip(np.floor(position).astype(np.int64), 0, points - 2)
            fraction = position - index
            counts = (np.bincount(index, weights=1 - fraction, minlength=points)
                      + np.bincount(index + 1, weights=fraction, minlength=points))
            offsets = np.arange(-(points - 1), points) * step / h
            smoothed = np.convolve(counts, np.exp(-0.5 * offsets * offsets), mode="valid")
            return smoothed / (len(values) * h * math.sqrt(2 * math.pi))
        z = (x[:, None] - values[None, :]) / h
        return np.exp(-0.5 * z * z).sum(axis=1) / (len(values) * h * math.sqrt(2 * math.pi))

    low = np.minimum(kde(a, ha), kde(b, hb))
    return float(np.sum((low[1:] + low[:-1]) / 2 * np.diff(x)))


def _finite(values):
    return np.asarray([x for x in values if x is not None and np.isfinite(x)], dtype=np.float64)


def relative_overlap(takes, reference):
    """Yang & Lerch's (2020) main variant (intra- and inter-set distances; see the module docstring): the OA of
    the reference set's intra-set distance distribution with the inter-set one, and the same for the takes' intra-set
    distances. Returns (reference-intra OA, takes-intra OA); NaN when a set has fewer than 2 finite values."""
    a, b = _finite(takes), _finite(reference)
    if len(a) < 2 or len(b) < 2:
        return float("nan"), float("nan")
    inter = np.abs(a[:, None] - b[None, :]).ravel()
    intra = lambda x: np.abs(x[:, None] - x[None, :])[np.triu_indices(len(x), 1)]  # noqa: E731
    return overlap_area(intra(b), inter), overlap_area(intra(a), inter)


# ---------------------------------------------------------------------------------------------------------------
# Data


def emopia_clips():
    """[(clip name, path, split, quadrant)] from emopia_split.csv."""
    rows = []
    with open(os.path.join(EMOPIA, "emopia_split.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["clip"], os.path.join(EMOPIA, r["midi"]), r["split"], int(r["quadrant"][1])))
    return rows


def takes_in(folder, list_path=None):
    """[(name, path, asked quadrant)] from q1-*.mid … q4-*.mid in the folder, or from a QUADRANT<TAB>PATH list."""
    out = []
    if list_path:
        with open(list_path, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                quadrant, path = line.rstrip("\n").split("\t", 1)
                quadrant = int(quadrant.strip().lstrip("Qq"))
                path = path if os.path.isabs(path) else os.path.join(os.path.dirname(list_path), path)
                out.append((os.path.basename(path), path, quadrant))
        return out
    for path in sorted(glob.glob(os.path.join(folder, "*"))):
        m = re.match(r"^q([1-4])-.*\.midi?$", os.path.basename(path), re.IGNORECASE)
        if m:
            out.append((os.path.basename(path), path, int(m.group(1))))
    return out


def read_judged(path):
    """{take name: judged quadrant} from a judged.json ({name: quadrant} or {name: {"quadrant": …}})."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {name: int(v["quadrant"] if isinstance(v, dict) else v) for name, v in data.items()}


# ---------------------------------------------------------------------------------------------------------------
# generate


JUDGED = re.compile(r"judged\s+\(V, A\) = \(([+-]?[\d.]+), ([+-]?[\d.]+)\)\s*·\s*Q(\d)")


def generate(args):
    os.makedirs(args.out, exist_ok=True)
    env = dict(os.environ)
    if args.models:
        env["CAMXUC_MODELS"] = args.models
    judged = {}
    started = time.time()
    seeds = list(range(args.first_seed, args.first_seed + args.takes))
    for quadrant, (sv, sa) in CENTRES.items():
        valence, arousal = sv * args.centre / 0.75, sa * args.centre / 0.75
        for seed in seeds:
            name = f"q{quadrant}-{seed}.mid"
            command = [args.binary, "compose", "--valence", f"{valence:g}", "--arousal", f"{arousal:g}",
                       "--seconds", f"{args.seconds:g}", "--seed", str(seed), "-o", os.path.join(args.out, name)]
            if args.no_controls:
                command.append("--no-controls")
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
            m = JUDGED.search(result.stdout)
            if m:
                judged[name] = {"quadrant": int(m.group(3)), "valence": float(m.group(1)),
                                "arousal": float(m.group(2))}
        print(f"Q{quadrant}: {len(seeds)} takes, {time.time() - started:.0f} s", flush=True)
    with open(os.path.join(args.out, "judged.json"), "w", encoding="utf-8") as f:
        json.dump(judged, f, indent=1, sort_keys=True)
    digest = hashlib.sha256(open(args.binary, "rb").read()).hexdigest()
    with open(os.path.join(args.out, "generate.json"), "w", encoding="utf-8") as f:
        json.dump({"binary": args.binary, "binary_sha256": digest, "models": args.models, "takes": args.takes,
                   "seconds": args.seconds, "seeds": [seeds[0], seeds[-1]], "centre": args.centre,
                   "controls": not args.no_controls, "wall_seconds": round(time.time() - started, 1)}, f, indent=1)
    print(f"{4 * len(seeds)} takes in {time.time() - started:.0f} s → {args.out} (judged.json: {len(judged)})")


# ---------------------------------------------------------------------------------------------------------------
# evaluate


def mean(values):
    values = [v for v in values if v is not None and np.isfinite(v)]
    return float(np.mean(values)) if values else float("nan")


def texture(pieces):
    """Per-quadrant texture figures over a list of feature dicts."""
    out = {key: mean([p[key] for p in pieces]) for key, _, _ in TEXTURE}
    out["distinct_tonics"] = len({p["tonic"] for p in pieces})
    out["major_share"] = mean([0.0 if p["minor"] else 1.0 for p in pieces])
    out["pieces"] = len(pieces)
    return out


def fmt(value, pattern="{:.2f}"):
    return "  —  " if value is None or (isinstance(value, float) and math.isnan(value)) else pattern.format(value)


def evaluate(args):
    from sklearn.ensemble import RandomForestClassifier

    started = time.time()
    emopia = {"train": [], "valid": [], "test": []}
    skipped = 0
    for name, path, split, quadrant in emopia_clips():
        f = features(read_notes(path), args.crop)
        if f is None:
            skipped += 1
            continue
        f.update(name=name, quadrant=quadrant)
        emopia[split].append(f)
    print(f"EMOPIA: train {len(emopia['train'])}, valid {len(emopia['valid'])}, test {len(emopia['test'])} clips "
          f"({skipped} empty), cut at {args.crop:g} s; {time.time() - started:.0f} s")

    def by_quadrant(pieces):
        return {q: [p for p in pieces if p["quadrant"] == q] for q in range(1, 5)}

    test_q, valid_q = by_quadrant(emopia["test"]), by_quadrant(emopia["valid"])

    def per_feature(pieces_q, against, measure):
        """Per quadrant, {feature: measure(the pieces' values, the reference's values)}."""
        return {q: {name: measure([p[name] for p in pieces_q[q]], [p[name] for p in against[q]]) for name in FEATURES}
                for q in range(1, 5)}

    def oa_table(pieces_q, against=None):
        table = per_feature(pieces_q, against or test_q, overlap_area)
        for per in table.values():
            per["mean"] = mean([per[name] for name in FEATURES])
        return table

    baseline = oa_table(valid_q)

    def relative_table(pieces_q, against=None):
        """Per quadrant and feature, relative_overlap (reference intra, takes intra), their means over features."""
        return {q: {"per_feature": per, "reference_intra": mean([v[0] for v in per.values()]),
                    "takes_intra": mean([v[1] for v in per.values()])}
                for q, per in per_feature(pieces_q, against or test_q, relative_overlap).items()}

    relative_baseline = relative_table(valid_q)
    relative = {}
    # Tuning compares with EMOPIA valid (`--reference valid`) or, with ten times the clips per quadrant and so less
    # noise, train and valid pooled (`--reference train-valid`), never with test.
    train_q = by_quadrant(emopia["train"])
    pooled_q = {q: train_q[q] + valid_q[q] for q in range(1, 5)}
    reference_q = {"valid": valid_q, "train-valid": pooled_q, "test": test_q}[args.reference]

    # The random forest: EMOPIA train only.
    forest = RandomForestClassifier(n_estimators=500, min_samples_leaf=2, class_weight="balanced", random_state=0,
                                    n_jobs=1)
    forest.fit(np.array([classifier_vector(p) for p in emopia["train"]]),
               np.array([p["quadrant"] for p in emopia["train"]]))

    def forest_report(pieces):
        if not pieces:
            return None
        predicted = forest.predict(np.array([classifier_vector(p) for p in pieces]))
        truth = np.array([p["quadrant"] for p in pieces])
        confusion = [[int(((truth == t) & (predicted == j)).sum()) for j in range(1, 5)] for t in range(1, 5)]
        per_q = {q: float((predicted[truth == q] == q).mean()) if (truth == q).any() else float("nan")
                 for q in range(1, 5)}
        valence = float((np.isin(predicted, [1, 4]) == np.isin(truth, [1, 4])).mean())
        arousal = float((np.isin(predicted, [1, 2]) == np.isin(truth, [1, 2])).mean())
        return {"accuracy": float((predicted == truth).mean()), "per_quadrant": per_q, "valence": valence,
                "arousal": arousal, "confusion": confusion, "predicted": [int(x) for x in predicted]}

    forest_valid, forest_test = forest_report(emopia["valid"]), forest_report(emopia["test"])
    judge_file = os.path.join(ROOT, "Models", "music-judge.json")
    judge_emopia = None
    if os.path.exists(judge_file):
        report = json.load(open(judge_file, encoding="utf-8"))["report"]["quadrant"]
        confusion = report.get("confusion_emopia_test")
        if confusion:
            judge_emopia = {"accuracy": report["test_emopia"], "confusion": confusion,
                            "per_quadrant": {q: confusion[q - 1][q - 1] / max(sum(confusion[q - 1]), 1)
                                             for q in range(1, 5)}}

    result = {"crop_seconds": args.crop, "beat_seconds": BEAT, "bar_seconds": BAR, "features": FEATURES,
              "oa_method": "per-feature Gaussian KDE of each set's values (Scott, floor 5 % pooled sd), "
                           "OA = integral of min",
              "emopia": {"counts": {s: len(v) for s, v in emopia.items()},
                         "counts_per_quadrant": {s: {q: len(by_quadrant(v)[q]) for q in range(1, 5)}
                                                 for s, v in emopia.items()}},
              "baseline_valid_vs_test": baseline,
              "forest": {"settings": "RandomForestClassifier(n_estimators=500, min_samples_leaf=2, "
                                     "class_weight='balanced', random_state=0)",
                         "inputs": FEATURES + ["pitch_mean", "pitch_std", "major_r", "minor_r", "major_r-minor_r"]
                         + [f"relative_pc_{i}" for i in range(12)],
                         "emopia_valid": forest_valid, "emopia_test": forest_test},
              "judge_emopia_test": judge_emopia, "reference": args.reference,
              "texture_emopia": {"test": {q: texture(test_q[q]) for q in range(1, 5)},
                                 "valid": {q: texture(valid_q[q]) for q in range(1, 5)},
                                 "train-valid": {q: texture(pooled_q[q]) for q in range(1, 5)}},
              "takes": {}}

    print(f"\nRandom forest (EMOPIA train only, {len(emopia['train'])} clips): EMOPIA valid 4Q "
          f"{forest_valid['accuracy']:.3f} (V {forest_valid['valence']:.3f}, A {forest_valid['arousal']:.3f}); "
          f"test 4Q {forest_test['accuracy']:.3f} (V {forest_test['valence']:.3f}, A {forest_test['arousal']:.3f})")
    print("  test per quadrant: " + "  ".join(f"Q{q} {forest_test['per_quadrant'][q]:.2f}" for q in range(1, 5))
          + "   confusion (rows true): " + str(forest_test["confusion"]))
    if judge_emopia:
        print(f"Our judge on EMOPIA test (Models/music-judge.json): 4Q {judge_emopia['accuracy']:.3f}; per quadrant "
              + "  ".join(f"Q{q} {judge_emopia['per_quadrant'][q]:.2f}" for q in range(1, 5)))

    folders = args.takes or []
    tables = {}
    for index, folder in enumerate(folders):
        label = os.path.basename(os.path.normpath(folder))
        takes = takes_in(folder, args.list if index == 0 else None)
        judged_path = args.judged if (args.judged and index == 0) else os.path.join(folder, "judged.json")
        judged = read_judged(judged_path) if os.path.exists(judged_path) else None
        pieces = []
        for name, path, quadrant in takes:
            f = features(read_notes(path), args.crop)
            if f is None:
                print(f"  {name}: no notes, left out")
                continue
            f.update(name=name, quadrant=quadrant)
            pieces.append(f)
        takes_q = by_quadrant(pieces)
        table = oa_table(takes_q, reference_q)
        relative[label] = relative_table(takes_q, reference_q)
        forest_takes = forest_report(pieces)
        if forest_takes:
            for p, q in zip(pieces, forest_takes["predicted"]):
                p["forest"] = q
        judge_takes = None
        if judged:
            known = [p for p in pieces if p["name"] in judged]
            for p in known:
                p["judge"] = judged[p["name"]]
            judge_takes = {"takes": len(known),
                           "accuracy": mean([1.0 if p["judge"] == p["quadrant"] else 0.0 for p in known]),
                           "per_quadrant": {q: mean([1.0 if p["judge"] == q else 0.0 for p in known
                                                     if p["quadrant"] == q]) for q in range(1, 5)},
                           "confusion": [[sum(1 for p in known if p["quadrant"] == t and p["judge"] == j)
                                          for j in range(1, 5)] for t in range(1, 5)]}
            both = [p for p in known if "forest" in p]
            judge_takes["forest_judge_agreement"] = mean([1.0 if p["judge"] == p["forest"] else 0.0 for p in both])
        tables[label] = table
        result["takes"][label] = {
            "folder": os.path.basename(os.path.normpath(folder)), "count": len(pieces), "count_per_quadrant": {q: len(takes_q[q]) for q in range(1, 5)},
            "oa_vs_reference": table, "forest": forest_takes, "judge": judge_takes,
            "texture": {q: texture(takes_q[q]) for q in range(1, 5)},
            "pieces": [{k: v for k, v in p.items() if k != "relative_profile"} for p in pieces]}
        print(f"\n== {label}: {len(pieces)} takes ({', '.join(f'Q{q} {len(takes_q[q])}' for q in range(1, 5))}) "
              f"from {folder}")
        if forest_takes:
            print("  forest agreement: " + "  ".join(f"Q{q} {forest_takes['per_quadrant'][q]:.2f}"
                                                    for q in range(1, 5))
                  + f"   all {forest_takes['accuracy']:.2f} (V {forest_takes['valence']:.2f}, "
                    f"A {forest_takes['arousal']:.2f})   confusion (rows asked): {forest_takes['confusion']}")
        if judge_takes:
            print("  judge agreement:  " + "  ".join(f"Q{q} {judge_takes['per_quadrant'][q]:.2f}"
                                                    for q in range(1, 5))
                  + f"   all {judge_takes['accuracy']:.2f}   confusion (rows asked): {judge_takes['confusion']}"
                  + f"   judge = forest on {judge_takes['forest_judge_agreement']:.2f}")

    # The OA tables: per quadrant, one column per takes folder and the baseline.
    columns = list(tables) + ["EMOPIA valid"]
    sources = [tables[c] for c in tables] + [baseline]
    width = max(12, *(len(c) for c in columns))
    print(f"\nOverlapping area with EMOPIA {args.reference}, per quadrant (1 = same distribution); cut at {args.crop:g} s")
    for q in range(1, 5):
        print(f"\nQ{q} (test {len(test_q[q])}, valid {len(valid_q[q])} clips)")
        print(f"  {'feature':<22}" + "".join(f"{c:>{width + 2}}" for c in columns))
        for name in FEATURES + ["mean"]:
            print(f"  {name:<22}" + "".join(f"{fmt(s[q][name]):>{width + 2}}" for s in sources))
    print("\nMean OA per quadrant")
    print(f"  {'':<6}" + "".join(f"{c:>{width + 2}}" for c in columns))
    for q in range(1, 5):
        print(f"  Q{q:<5}" + "".join(f"{fmt(s[q]['mean']):>{width + 2}}" for s in sources))
    print(f"  {'all':<6}" + "".join(f"{fmt(mean([s[q]['mean'] for q in range(1, 5)])):>{width + 2}}"
                                     for s in sources))
    result["mean_oa"] = {c: {q: s[q]["mean"] for q in range(1, 5)} for c, s in zip(columns, sources)}

    rel_sources = [relative[c] for c in tables] + [relative_baseline]
    print(f"\nYang & Lerch intra/inter-set OA with EMOPIA {args.reference}, mean over features: EMOPIA {args.reference}'s "
          f"intra-set distances against the inter-set ones (and the takes' own intra-set distances against them)")
    print(f"  {'':<6}" + "".join(f"{c:>{width + 10}}" for c in columns))
    for q in range(1, 5):
        print(f"  Q{q:<5}" + "".join(f"{fmt(s[q]['reference_intra']) + ' (' + fmt(s[q]['takes_intra']) + ')':>{width + 10}}"
                                     for s in rel_sources))
    print(f"  {'all':<6}" + "".join(
        f"{fmt(mean([s[q]['reference_intra'] for q in range(1, 5)])) + ' (' + fmt(mean([s[q]['takes_intra'] for q in range(1, 5)])) + ')':>{width + 10}}"
        for s in rel_sources))
    result["relative_oa"] = {c: {q: {"reference_intra": s[q]["reference_intra"], "takes_intra": s[q]["takes_intra"],
                                     "per_feature": {name: list(v) for name, v in s[q]["per_feature"].items()}}
                                 for q in range(1, 5)} for c, s in zip(columns, rel_sources)}

    # Which way the distributions differ: per feature and quadrant, the mean of the reference split (EMOPIA test,
    # or valid while tuning) and of each folder.
    reference_label = f"EMOPIA {args.reference}"
    sets = [(reference_label, reference_q)] + [(label, by_quadrant(result["takes"][label]["pieces"]))
                                        for label in result["takes"]]
    result["feature_means"] = {label: {q: {name: mean([p[name] for p in pieces_q[q]]) for name in FEATURES}
                                       for q in range(1, 5)} for label, pieces_q in sets}
    print("\nFeature means per quadrant: " + " / ".join(label for label, _ in sets))
    for name in FEATURES:
        print(f"  {name:<22}" + "".join(
            f"  Q{q} " + "/".join(fmt(result["feature_means"][label][q][name]) for label, _ in sets)
            for q in range(1, 5)))

    print("\nTexture per quadrant (means; tonics = distinct Krumhansl tonics, major = share of major keys)")
    header = f"  {'set':<16}{'Q':>3}" + "".join(f"{title:>10}" for _, title, _ in TEXTURE) + f"{'tonics':>8}{'major':>7}"
    print(header)
    rows = [(reference_label, result["texture_emopia"][args.reference])] + [
        (label, result["takes"][label]["texture"]) for label in result["takes"]]
    for q in range(1, 5):
        for label, tex in rows:
            t = tex[q]
            print(f"  {label:<16}{q:>3}" + "".join(f"{fmt(t[key], pattern):>10}" for key, _, pattern in TEXTURE)
                  + f"{t['distinct_tonics']:>8}{fmt(t['major_share']):>7}")
    result["wall_seconds"] = round(time.time() - started, 1)
    print(f"\n{time.time() - started:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, sort_keys=True, default=lambda o: o.item() if hasattr(o, "item") else str(o))
        print(f"wrote {args.json}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="make takes with camxuc compose: q{1..4}-SEED.mid and judged.json")
    g.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "camxuc"))
    g.add_argument("--models", default=None, help="CAMXUC_MODELS for the binary (default: its own search)")
    g.add_argument("--out", required=True)
    g.add_argument("--takes", type=int, default=50)
    g.add_argument("--seconds", type=float, default=30.0)
    g.add_argument("--first-seed", type=int, default=1000)
    g.add_argument("--centre", type=float, default=0.75, help="|valence| = |arousal| of the quadrant centres")
    g.add_argument("--no-controls", action="store_true")
    e = sub.add_parser("evaluate", help="compare folders of takes with EMOPIA test, beside EMOPIA valid")
    e.add_argument("takes", nargs="*", help="folders of q1-*.mid … q4-*.mid (none: EMOPIA figures only)")
    e.add_argument("--list", help="QUADRANT<TAB>PATH lines instead of the first folder's file names")
    e.add_argument("--judged", help="judged quadrants of the first folder (default: FOLDER/judged.json)")
    e.add_argument("--crop", type=float, default=30.0, help="seconds kept from each piece's first onset (0: all)")
    e.add_argument("--json", help="write every figure here")
    e.add_argument("--reference", choices=["test", "valid", "train-valid"], default="test",
                   help="the EMOPIA split the takes are compared with (valid, or train and valid pooled, for tuning; test to report once)")
    args = parser.parse_args()
    generate(args) if args.command == "generate" else evaluate(args)


if __name__ == "__main__":
    main()
