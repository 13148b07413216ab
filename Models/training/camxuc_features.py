"""Hashed n-gram features of normalised tokens: the Python twin of Sources/CamXucEmotion/FeatureHasher.swift.

For tokens t (normalised) and f (the same without diacritics), the feature strings are
  "w:" t[i]   "b:" t[i] " " t[i+1]   "t:" t[i] " " t[i+1] " " t[i+2]     word 1-, 2- and 3-grams
  "f:" f[i]   "g:" f[i] " " f[i+1]                                        the same without diacritics, 1 and 2
  "c:" every 1- to 5-gram of " " t[i] " " for word tokens (letters or digits), as code points
  "e:elongated"                                                           when a letter run was squashed
Each maps to crc32(UTF-8 bytes) mod the bucket count; the count of each bucket in the sentence is kept, so that
the model can weight it (sub-linear term frequency).
"""
import zlib

from camxuc_text import fold, is_word_char

VERSION = 2


def feature_strings(tokens, elongated):
    folded = [fold(t) for t in tokens]
    features = []
    n = len(tokens)
    for i, token in enumerate(tokens):
        features.append("w:" + token)
        features.append("f:" + folded[i])
        if i + 1 < n:
            features.append("b:" + token + " " + tokens[i + 1])
            features.append("g:" + folded[i] + " " + folded[i + 1])
        if i + 2 < n:
            features.append("t:" + token + " " + tokens[i + 1] + " " + tokens[i + 2])
        if is_word_char(token[0]):
            padded = " " + token + " "
            for size in range(1, 6):
                for start in range(0, len(padded) - size + 1):
                    features.append("c:" + padded[start:start + size])
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
