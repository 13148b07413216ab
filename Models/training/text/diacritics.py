"""Diacritic restoration for text typed without diacritics: a syllable trigram language model and exact Viterbi.

Text typed without any Vietnamese diacritic ("het buon roi") is read by the plain linear head and by the neural
head's diacritic-free forms; both lose what the marks tell apart (ban = bạn, bán, bàn, bản …). This model puts
the marks back so the main heads can read the text too (`EmotionClassifier` mixes the two readings).

- Tokens are CamXuc's normalised tokens (`camxuc_text.normalize`, = Sources/CamXucText), so teencode is already
  expanded; sentences get <s> and </s>.
- Counts come from training text only: UIT-VSMEC train, CamXuc's everyday train corpus, and the unlabelled social,
  news and verse text (`../shared/data/text`). No valid, dev, held-out or test sentence is read by `build`.
- The model is interpolated absolute discounting (d = 0.75) over trigrams, bigrams and an add-0.1 unigram, stored
  in backoff form: each kept n-gram's full interpolated log-probability, and each context's log interpolation
  weight; an n-gram left out (pruned or unseen) costs its context's weight plus the shorter n-gram's log-probability.
- Candidates: a token made only of letters, with no diacritic, is replaced by the best of the vocabulary's forms
  that fold to it (at most `--candidates`, the most frequent, in order of count then code points); any other token
  stays as it is. Decoding is exact Viterbi over (previous, current) states, ties kept by the first candidate.

    diacritics.py build --out Models/diacritics-vi          # counts, prunes, writes .safetensors and .json
    diacritics.py restore --model Models/diacritics-vi < text  # one restored line per input line
    diacritics.py accuracy --model Models/diacritics-vi --tsv FILE --column text
    diacritics.py golden --model Models/diacritics-vi --out Tests/Fixtures/emotion/diacritics-golden.json

The Swift twin is `Sources/CamXucText/DiacriticRestorer.swift`; the golden file keeps the two equal.
"""
import argparse
import collections
import csv
import json
import lzma
import math
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from camxuc_text import fold, is_letter, normalize  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "text")
EVERYDAY_TRAIN = os.path.join(ROOT, "Models", "training", "corpus", "everyday", "train.tsv")

BOS, EOS, UNK = "<s>", "</s>", "<unk>"


def training_lines():
    with open(os.path.join(DATA, "UIT-VSMEC", "train.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield "uit-vsmec-train", row["sentence"]
    with open(EVERYDAY_TRAIN, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            yield "everyday-train", row["text"]
    for name in ["social", "news", "verse"]:
        with lzma.open(os.path.join(DATA, "unlabelled", name + ".txt.xz"), "rt", encoding="utf-8") as handle:
            for line in handle:
                yield name, line


def is_foldable(token):
    """A token the restorer may change: letters only, none with a diacritic."""
    return all(is_letter(ch) for ch in token) and fold(token) == token


def build(args):
    started = time.time()
    if args.counts and os.path.exists(args.counts):
        import pickle
        with open(args.counts, "rb") as handle:
            uni, bi, tri, sources = pickle.load(handle)
    else:
        uni, bi, tri = collections.Counter(), collections.Counter(), collections.Counter()
        sources = collections.Counter()
        for lines, (source, line) in enumerate(training_lines(), 1):
            tokens = [BOS] + normalize(line)[0] + [EOS]
            sources[source] += len(tokens) - 2
            uni.update(tokens[1:])
            bi.update(zip(tokens, tokens[1:]))
            tri.update(zip(tokens, tokens[1:], tokens[2:]))
            if lines % 20000 == 0:
                print(f"counted {lines:,} lines, {sum(sources.values()):,} tokens ({time.time() - started:.0f} s)",
                      file=sys.stderr, flush=True)
        if args.counts:  # kept outside the repository, so other pruning settings skip the counting
            import pickle
            with open(args.counts, "wb") as handle:
                pickle.dump((uni, bi, tri, sources), handle)
    # Vocabulary: every token seen at least --min-word times; the rest is <unk>.
    words = sorted((w for w, c in uni.items() if c >= args.min_word and w != EOS), key=lambda w: (-uni[w], w))
    vocab = [UNK, BOS, EOS] + words
    index = {w: i for i, w in enumerate(vocab)}

    def ids(gram):
        return tuple(index.get(w, 0) for w in gram)

    # Counts over ids (rare words merged into <unk>).
    uni_i = collections.Counter()
    for w, c in uni.items():
        uni_i[index.get(w, 0)] += c
    bi_i, tri_i = collections.Counter(), collections.Counter()
    for g, c in bi.items():
        bi_i[ids(g)] += c
    for g, c in tri.items():
        tri_i[ids(g)] += c
    del bi, tri
    d = args.discount
    total = sum(uni_i.values())
    size = len(vocab)
    p1 = np.array([(uni_i.get(i, 0) + 0.1) / (total + 0.1 * size) for i in range(size)])
    # Context statistics from every count (before pruning), so pruning only drops detail.
    ctx1, fan1 = collections.Counter(), collections.Counter()
    for (a, b), c in bi_i.items():
        ctx1[a] += c
        fan1[a] += 1
    ctx2, fan2 = collections.Counter(), collections.Counter()
    for (a, b, c_), c in tri_i.items():
        ctx2[(a, b)] += c
        fan2[(a, b)] += 1
    lam1 = {a: d * fan1[a] / ctx1[a] for a in ctx1}

    def p2(a, b):
        c = ctx1.get(a, 0)
        if c == 0:
            return p1[b]
        return max(bi_i.get((a, b), 0) - d, 0) / c + lam1[a] * p1[b]

    kept_bi = sorted(g for g, c in bi_i.items() if c >= args.min_bigram)
    kept_tri = sorted(g for g, c in tri_i.items() if c >= args.min_trigram)
    # A context's weight is stored on its bigram; a trigram context whose bigram was pruned keeps its bigram too.
    contexts = {(a, b) for a, b, _ in kept_tri}
    kept_bi = sorted(set(kept_bi) | contexts)

    # Stored grouped: the bigrams of each first word in order of their second word, the trigrams of each bigram in
    # order of their third; word ids as uint16 (the vocabulary stays under 65,536), log-probabilities as float16.
    assert size <= 1 << 16
    bigram_start = np.zeros(size + 1, dtype=np.int32)
    for a, _ in kept_bi:
        bigram_start[a + 1] += 1
    bigram_start = np.cumsum(bigram_start).astype(np.int32)
    bigram_next = np.array([b for _, b in kept_bi], dtype=np.uint16)
    bigram_logp = np.array([math.log(p2(a, b)) for a, b in kept_bi], dtype=np.float16)
    bigram_backoff = np.array([math.log(d * fan2[g] / ctx2[g]) if g in ctx2 else 0.0 for g in kept_bi], dtype=np.float16)
    position = {g: j for j, g in enumerate(kept_bi)}
    trigram_start = np.zeros(len(kept_bi) + 1, dtype=np.int32)
    for a, b, _ in kept_tri:
        trigram_start[position[(a, b)] + 1] += 1
    trigram_start = np.cumsum(trigram_start).astype(np.int32)
    trigram_next = np.array([c for _, _, c in kept_tri], dtype=np.uint16)
    trigram_logp = np.array([math.log(max(tri_i[(a, b, c)] - d, 0) / ctx2[(a, b)] + d * fan2[(a, b)] / ctx2[(a, b)] * p2(b, c))
                             for a, b, c in kept_tri], dtype=np.float16)
    unigram_logp = np.log(p1).astype(np.float32)
    unigram_backoff = np.array([math.log(lam1[i]) if i in lam1 else 0.0 for i in range(size)], dtype=np.float32)
    # Candidates per folded form, among words that occur at least --min-candidate times.
    groups = collections.defaultdict(list)
    for i, w in enumerate(vocab):
        if i >= 3 and all(is_letter(ch) for ch in w) and uni[w] >= args.min_candidate:
            groups[fold(w)].append(i)
    forms = sorted(groups)
    candidate_ids = []
    candidate_starts = [0]
    for form in forms:
        chosen = sorted(groups[form], key=lambda i: (-uni[vocab[i]], vocab[i]))[:args.candidates]
        candidate_ids.extend(chosen)
        candidate_starts.append(len(candidate_ids))
    vocab_bytes = "\n".join(vocab).encode("utf-8")
    forms_bytes = "\n".join(forms).encode("utf-8")
    tensors = {
        "vocab": np.frombuffer(vocab_bytes, dtype=np.uint8),
        "unigram_logp": unigram_logp,
        "unigram_backoff": unigram_backoff,
        "bigram_start": bigram_start,
        "bigram_next": bigram_next,
        "bigram_logp": bigram_logp,
        "bigram_backoff": bigram_backoff,
        "trigram_start": trigram_start,
        "trigram_next": trigram_next,
        "trigram_logp": trigram_logp,
        "forms": np.frombuffer(forms_bytes, dtype=np.uint8),
        "candidate_starts": np.array(candidate_starts, dtype=np.int32),
        "candidate_ids": np.array(candidate_ids, dtype=np.int32),
    }
    from safetensors.numpy import save_file
    save_file(tensors, args.out + ".safetensors")
    config = {
        "name": "diacritics-vi",
        "version": 1,
        "architecture": "syllable-trigram-viterbi",
        "normalization_source": "Models/training/camxuc_text.py normalize (= Sources/CamXucText)",
        "discount": d,
        "vocabulary": size,
        "bigrams": len(kept_bi),
        "trigrams": len(kept_tri),
        "forms": len(forms),
        "candidates_per_form": args.candidates,
        "pruning": {"min_word": args.min_word, "min_bigram": args.min_bigram, "min_trigram": args.min_trigram,
                    "min_candidate": args.min_candidate},
        "training_tokens": dict(sources),
        "tensors": {name: {"dtype": {np.uint8: "U8", np.uint16: "U16", np.float16: "F16", np.float32: "F32", np.int32: "I32"}[t.dtype.type],
                           "shape": list(t.shape)} for name, t in tensors.items()},
    }
    # The classifier's share of the restored reading is chosen by ensemble.py (--write); a rebuild keeps the one
    # there was, so the shipped classifier still loads (Swift refuses a config without it).
    if os.path.exists(args.out + ".json"):
        previous = json.load(open(args.out + ".json", encoding="utf-8"))
        if "restored_weight" in previous:
            config["restored_weight"] = previous["restored_weight"]
    with open(args.out + ".json", "w", encoding="utf-8") as handle:
        json.dump(config, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"vocabulary {size:,}, bigrams {len(kept_bi):,}, trigrams {len(kept_tri):,}, forms {len(forms):,}; "
          f"{os.path.getsize(args.out + '.safetensors') / 1e6:.1f} MB in {time.time() - started:.0f} s", file=sys.stderr)


class Restorer:
    """The model as the Swift side reads it: the same tensors, the same arithmetic (float32 values summed in
    float64), the same order of candidates and ties."""

    def __init__(self, path):
        from safetensors.numpy import load_file
        t = load_file(path + ".safetensors")
        self.vocab = bytes(t["vocab"]).decode("utf-8").split("\n")
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.u_logp = t["unigram_logp"].astype(np.float64)
        self.u_back = t["unigram_backoff"].astype(np.float64)
        bs, bn = t["bigram_start"], t["bigram_next"]
        bl, bb = t["bigram_logp"].astype(np.float64), t["bigram_backoff"].astype(np.float64)
        ts, tn, tl = t["trigram_start"], t["trigram_next"], t["trigram_logp"].astype(np.float64)
        self.bigrams = {}
        for a in range(len(self.vocab)):
            for j in range(bs[a], bs[a + 1]):
                self.bigrams[(a, int(bn[j]))] = (float(bl[j]), float(bb[j]), j)
        self.trigrams = {}
        for j in range(len(bn)):
            for k in range(ts[j], ts[j + 1]):
                self.trigrams[(j, int(tn[k]))] = float(tl[k])
        forms = bytes(t["forms"]).decode("utf-8").split("\n")
        starts, cands = t["candidate_starts"], t["candidate_ids"]
        self.candidates = {form: [int(i) for i in cands[starts[n]:starts[n + 1]]] for n, form in enumerate(forms)}

    def logp2(self, a, b):
        entry = self.bigrams.get((a, b))
        if entry is not None:
            return entry[0]
        return self.u_back[a] + self.u_logp[b]

    def logp3(self, a, b, c):
        context = self.bigrams.get((a, b))
        if context is not None:
            value = self.trigrams.get((context[2], c))
            if value is not None:
                return value
            return context[1] + self.logp2(b, c)
        return 0.0 + self.logp2(b, c)

    def options(self, token):
        if is_foldable(token) and token in self.candidates:
            return [(self.vocab[i], i) for i in self.candidates[token]]
        return [(token, self.index.get(token, 0))]

    def restore(self, tokens):
        if not tokens:
            return []
        bos = self.index[BOS]
        # state: (previous id, current id) -> (score, back pointer into the previous column)
        columns = []
        previous = {(bos, bos): (0.0, None)}
        for token in tokens:
            column = {}
            for word, i in self.options(token):
                for (a, b), (score, _) in previous.items():
                    value = score + self.logp3(a, b, i)
                    state = (b, i)
                    if state not in column or value > column[state][0]:
                        column[state] = (value, (a, b), word)
            columns.append(column)
            previous = {state: (value, None) for state, (value, _, _) in column.items()}
        eos = self.index[EOS]
        best_state, best_value = None, -math.inf
        for (a, b), (value, _, _) in columns[-1].items():
            total = value + self.logp3(a, b, eos)
            if total > best_value:
                best_state, best_value = (a, b), total
        words = []
        state = best_state
        for column in reversed(columns):
            _, back, word = column[state]
            words.append(word)
            state = back
        return list(reversed(words))


def restore_cli(args):
    model = Restorer(args.model)
    for line in sys.stdin:
        print(" ".join(model.restore(normalize(line)[0])))


def accuracy(args):
    model = Restorer(args.model)
    right = total = 0
    with open(args.tsv, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if args.tsv.endswith(".tsv") else ",")
        for row in reader:
            if fold(row[args.column]) == row[args.column]:
                continue  # typed without diacritics already: nothing to compare with
            tokens = normalize(row[args.column])[0]
            folded = [fold(t) for t in tokens]
            restored = model.restore(folded)
            for gold, guess in zip(tokens, restored):
                if all(is_letter(ch) for ch in gold) and fold(gold) != gold or is_foldable(gold):
                    total += 1
                    right += gold == guess
    print(f"{args.tsv}: {right / total:.4f} of {total:,} letter tokens restored exactly")


def golden(args):
    """Sentences from CamXuc's everyday train corpus, folded, and what this implementation restores them to."""
    model = Restorer(args.model)
    cases = []
    with open(EVERYDAY_TRAIN, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows[::max(1, len(rows) // args.count)][:args.count]:
        folded = [fold(t) for t in normalize(row["text"])[0]]
        cases.append({"tokens": folded, "restored": model.restore(folded)})
    cases.append({"tokens": [], "restored": []})
    cases.append({"tokens": ["het", "buon", "roi", ",", "gio", "thay", "yeu", "doi", "ghe"],
                  "restored": model.restore(["het", "buon", "roi", ",", "gio", "thay", "yeu", "doi", "ghe"])})
    cases.append({"tokens": ["zzzqx", "vui", "😀", "123"], "restored": model.restore(["zzzqx", "vui", "😀", "123"])})
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump({"source": "Models/training/text/diacritics.py golden", "cases": cases}, handle, ensure_ascii=False, indent=0)
        handle.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--counts", help="a cache of the counts (read if it exists, else written)")
    b.add_argument("--discount", type=float, default=0.75)
    b.add_argument("--min-word", type=int, default=2)
    b.add_argument("--min-bigram", type=int, default=2)
    b.add_argument("--min-trigram", type=int, default=3)
    b.add_argument("--min-candidate", type=int, default=2)
    b.add_argument("--candidates", type=int, default=8)
    r = commands.add_parser("restore")
    r.add_argument("--model", required=True)
    a = commands.add_parser("accuracy")
    a.add_argument("--model", required=True)
    a.add_argument("--tsv", required=True)
    a.add_argument("--column", default="text")
    g = commands.add_parser("golden")
    g.add_argument("--model", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    {"build": build, "restore": restore_cli, "accuracy": accuracy, "golden": golden}[args.command](args)


if __name__ == "__main__":
    main()
