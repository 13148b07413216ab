"""Features of a piece for the music-emotion judge: the Python twin of Sources/CamXucMusic/JudgeFeatures.swift.

From decoded notes (pitch, velocity, start s, duration s), in this order (23 values):
  0 ln(1 + notes per second)            1 mean velocity / 127        2 std velocity / 127
  3 (mean pitch − 60) / 24              4 std pitch / 24             5 mean ln(duration s)
  6 std ln(duration s)                  7 ln(1 + mean polyphony)     8 best major-key correlation
  9 best minor-key correlation          10 (8) − (9)
  11–22 duration-weighted pitch-class profile relative to the best key's tonic, summing to 1
Standard deviations are population ones. Keys by Krumhansl–Kessler, the first best of 24 (major then minor per
tonic, tonics from C).
"""
import math

MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
MINOR = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
COUNT = 23


def correlation(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def mean_std(values):
    if not values:
        return 0.0, 0.0
    m = sum(values) / len(values)
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def features(notes):
    if not notes:
        return [0.0] * COUNT
    end = max(s + d for _, _, s, d in notes)
    velocity_mean, velocity_std = mean_std([v for _, v, _, _ in notes])
    pitch_mean, pitch_std = mean_std([p for p, _, _, _ in notes])
    duration_mean, duration_std = mean_std([math.log(max(d, 1e-3)) for _, _, _, d in notes])
    sounding = 0
    for _, _, start, _ in notes:
        sounding += sum(1 for _, _, s, d in notes if s <= start < s + d)
    histogram = [0.0] * 12
    for p, _, _, d in notes:
        histogram[p % 12] += d
    best_major, best_minor, best = -2.0, -2.0, (-2.0, 0)
    for tonic in range(12):
        for profile, is_major in ((MAJOR, True), (MINOR, False)):
            r = correlation(histogram, [profile[(i - tonic) % 12] for i in range(12)])
            if is_major:
                best_major = max(best_major, r)
            else:
                best_minor = max(best_minor, r)
            if r > best[0]:
                best = (r, tonic)
    total = sum(histogram)
    relative = [histogram[(best[1] + i) % 12] / total if total > 0 else 0.0 for i in range(12)]
    return [math.log(1 + len(notes) / end if end > 0 else 0), velocity_mean / 127, velocity_std / 127,
            (pitch_mean - 60) / 24, pitch_std / 24, duration_mean, duration_std,
            math.log(1 + sounding / len(notes)), best_major, best_minor, best_major - best_minor] + relative
