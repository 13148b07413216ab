"""Hashed n-gram features of normalised tokens: the Python twin of Sources/CamXucEmotion/FeatureHasher.swift.

For tokens t (normalised) and f (the same without diacritics), the feature strings are
  "w:" t[i]   "b:" t[i] " " t[i+1]   "t:" t[i] " " t[i+1] " " t[i+2]     word 1-, 2- and 3-grams
  "f:" f[i]   "g:" f[i] " " f[i+1]                                        the same without diacritics, 1 and 2
  "c:" every 1- to 5-gram of " " t[i] " " for word tokens (letters or digits), as code points
  "e:elongated"                                                           when a letter run was squashed
Negation scope (issue #12 experiment, OFF: NEGATION_MODE = "off" computes exactly the features above, which the
shipped model and Swift use). With a mode set, tokens inside a negator's scope (negation_scope) are marked:
  "add"   the features above plus "n:" t and "m:" f for each token in scope
  "word"  the token is read as "NEG_" t in every word feature (w, f, b, g, t; folded "NEG_" f); character n-grams kept
  "all"   as "word", and the token's character n-grams go under "d:" instead of "c:"
Measured on UIT-VSMEC valid with text/negation_experiment.py (runs/emotion-negation-valid.json): no mode and window
beat the shipped mixture, so none is shipped and Swift has no twin of this.
Each maps to crc32(UTF-8 bytes) mod the bucket count; the count of each bucket in the sentence is kept, so that
the model can weight it (sub-linear term frequency).
"""
import zlib

from camxuc_text import fold, is_word_char

VERSION = 2

# Negation scope. After a negator, up to NEGATION_WINDOW following tokens are "in scope" until a clause boundary
# (any token that is not a word: punctuation, emoji; or one of NEGATION_BOUNDARIES). The negators are the
# normalised tokens (teencode is already expanded: "ko", "k", "hok" … → "không") and their folded forms where those
# are not common words of their own ("cha" is father, "dung" is use/correct: left out).
NEGATION_MODE = "off"  # off | add | word | all  (experiment only; off is what ships)
NEGATION_WINDOW = 4
NEGATORS = {"không", "chẳng", "chả", "chưa", "đừng", "chớ", "khong", "chang", "chua"}
# "hết" negates as "no longer" ("hết buồn"), except in "hết sức" (extremely), "hết mình", "hết lòng", "hết cả",
# "hết rồi", "hết hồn" (startled).
HET = {"hết", "het"}
HET_NOT_NEGATING = {"sức", "mình", "lòng", "cả", "rồi", "hồn", "suc", "minh", "long", "ca", "roi", "hon"}
# "đâu có" / "đâu phải": negation ("đâu có buồn").
DAU = {"đâu", "dau"}
DAU_NEGATING = {"có", "phải", "co", "phai"}
NEGATION_BOUNDARIES = {"nhưng", "nhung", "mà", "giờ", "gio", "song", "tuy"}


def negation_scope(tokens, window=None):
    """For each token, whether it lies in the scope of a negator (the negator itself does not)."""
    window = NEGATION_WINDOW if window is None else window
    n = len(tokens)
    scope = [False] * n
    i = 0
    while i < n:
        token = tokens[i]
        start = None
        if token in NEGATORS:
            start = i + 1
        elif token in HET and i + 1 < n and tokens[i + 1] not in HET_NOT_NEGATING:
            start = i + 1
        elif token in DAU and i + 1 < n and tokens[i + 1] in DAU_NEGATING:
            start = i + 2
        if start is None:
            i += 1
            continue
        j = start
        while j < n and j < start + window:
            t = tokens[j]
            if not is_word_char(t[0]) or t in NEGATION_BOUNDARIES or t in NEGATORS:
                break
            scope[j] = True
            j += 1
        i = max(j, i + 1)
    return scope


def feature_strings(tokens, elongated):
    folded = [fold(t) for t in tokens]
    features = []
    n = len(tokens)
    mode = NEGATION_MODE
    char_prefix = ["c:"] * n
    if mode != "off":
        scope = negation_scope(tokens)
        if mode == "add":
            extra = [(t, f) for t, f, s in zip(tokens, folded, scope) if s]
        else:
            tokens = ["NEG_" + t if s else t for t, s in zip(tokens, scope)]
            folded = ["NEG_" + f if s else f for f, s in zip(folded, scope)]
            if mode == "all":
                char_prefix = ["d:" if s else "c:" for s in scope]
    for i, token in enumerate(tokens):
        features.append("w:" + token)
        features.append("f:" + folded[i])
        if i + 1 < n:
            features.append("b:" + token + " " + tokens[i + 1])
            features.append("g:" + folded[i] + " " + folded[i + 1])
        if i + 2 < n:
            features.append("t:" + token + " " + tokens[i + 1] + " " + tokens[i + 2])
        word = token[4:] if token.startswith("NEG_") else token
        if is_word_char(word[0]):
            padded = " " + word + " "
            for size in range(1, 6):
                for start in range(0, len(padded) - size + 1):
                    features.append(char_prefix[i] + padded[start:start + size])
    if mode == "add":
        for t, f in extra:
            features.append("n:" + t)
            features.append("m:" + f)
    if elongated:
        features.append("e:elongated")
    return features


def feature_counts(tokens, elongated, buckets):
    """{bucket id: count}, iterated in ascending id order."""
    counts = {}
    for s in feature_strings(tokens, elongated):
        bucket = zlib.crc32(s.encode("utf-8")) % buckets
        counts[bucket] = counts.get(bucket, 0) + 1
    return dict(sorted(counts.items()))


def feature_ids(tokens, elongated, buckets):
    return list(feature_counts(tokens, elongated, buckets))
