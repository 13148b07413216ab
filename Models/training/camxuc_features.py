"""Hashed n-gram features of normalised tokens: the Python twin of Sources/CamXucEmotion/FeatureHasher.swift.

For tokens t (normalised) and f (the same without diacritics), the feature strings are
  "w:" t[i]            "b:" t[i] " " t[i+1]
  "f:" f[i]            "g:" f[i] " " f[i+1]
  "c:" every 3- and 4-gram of "<" f[i] ">" for word tokens (letters or digits)
  "e:elongated"        when a letter run was squashed
and each maps to crc32(UTF-8 bytes) mod the bucket count. Repeated features count once.
"""
import zlib

from camxuc_text import fold, is_word_char


def feature_strings(tokens, elongated):
    folded = [fold(t) for t in tokens]
    features = []
    for i, token in enumerate(tokens):
        features.append("w:" + token)
        features.append("f:" + folded[i])
        if i + 1 < len(tokens):
            features.append("b:" + token + " " + tokens[i + 1])
            features.append("g:" + folded[i] + " " + folded[i + 1])
        if is_word_char(token[0]):
            padded = "<" + folded[i] + ">"
            for n in (3, 4):
                for start in range(0, len(padded) - n + 1):
                    features.append("c:" + padded[start:start + n])
    if elongated:
        features.append("e:elongated")
    return features


def feature_ids(tokens, elongated, buckets):
    """Sorted unique bucket ids."""
    return sorted({zlib.crc32(s.encode("utf-8")) % buckets for s in feature_strings(tokens, elongated)})
