"""Continues training the shipped BiLSTM student on CPU (same architecture, same files), judged on UIT-VSMEC valid.

    nice -n 15 Models/training/.venv/bin/python Models/training/text/student_cpu.py \
        --init DIR --teacher-labels DIR/teacher-labels.npz --out /tmp/student-v2/RUN [options]

DIR is the GPU run's output (student.json, student.safetensors, teacher-labels.npz: gpu_teacher.py). The student
keeps its vocabularies, sizes and forward pass (student_eval.py); only its weights (and its temperature) change.

Training rows, as in gpu_teacher.py's distil phase:
  - the teacher's soft labels for 98,667 unlabelled lines (social + news, read again from DATA/unlabelled/*.txt.xz
    and normalised with camxuc_text), shown without diacritics with probability --fold-prob
  - the gold rows: UIT-VSMEC train and Models/training/corpus/everyday/train.tsv, each with the augmented copies of
    gpu_teacher.tokenise_labelled (diacritics folded, teencode noise, emoji dropped, typed without diacritics)
What this script adds, each a flag judged on valid:
  --class-weight-power   class weights (N / (K n_c))^power on the gold loss (0.5 in the GPU run)
  --balance-power        gold rows drawn with probability ∝ (class count)^-power (class-balanced sampling)
  --negation-weight      everyday rows tagged neg, dblneg or contrast drawn this many times as often
  --gold-weight          the gold loss' weight against the soft loss
  --teacher-share        share of each epoch's rows that are teacher-labelled (the rest gold)
  --contrast-share, --negation-synth-share
                         shares of rows composed afresh each epoch by synthetic_rows ("A, nhưng B" labelled as B;
                         negated emotion words), from the gold rows and the word lists below
An "epoch" here is --epoch-rows rows drawn afresh (seeded by --seed and the epoch number, so a resumed run draws the
same rows). After each epoch the student is scored on UIT-VSMEC valid: alone (temperature fitted on valid) and mixed
with the linear heads (p = w p_neural + (1 - w) p_linear, the best w on a 0.05 grid, as ensemble.py chooses it). The
epoch with the best --select figure is kept. Nothing here reads UIT-VSMEC test or the everyday held-out set.

Checkpoints (OUT/checkpoint.pt, after every epoch) make a run resumable: run the same command again. OUT also gets
log.txt, history.json and, at the end, student.json + student.safetensors (the chosen epoch, float16 matrices, the
temperature fitted on valid, 24 golden cases from the numpy reference) for ensemble.py.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402
from camxuc_text import fold, normalize  # noqa: E402
from gpu_teacher import Student, StudentEncoder, padded, student_logits, tokenise_labelled  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402

LABELS = td.LABELS
TRAINING = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(TRAINING))
EVERYDAY = os.path.join(TRAINING, "corpus", "everyday")
NEGATION_TAGS = {"neg", "dblneg", "contrast"}
PROBE_ENCODER = None  # main() sets it: the student's encoder, for the probe sentences in the log
PROBES = ["Hết buồn rồi, giờ thấy yêu đời ghê", "Chẳng có gì đáng buồn cả, hôm nay tuyệt lắm",
          "Tôi không hề thấy vui khi nghe tin đó", "Tôi giận lắm, sao anh ta dám nói dối tôi như vậy",
          "Tức quá, đi làm về còn bị mắng oan", "Hôm nay trời mưa nhưng tôi vui lắm"]




def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--init", required=True, help="folder with student.json + student.safetensors (the start)")
    p.add_argument("--teacher-labels", required=True, help="teacher-labels.npz of the GPU run")
    default_data = os.path.join(ROOT, "..", "shared", "data", "text")
    if not os.path.isdir(default_data):
        default_data = os.path.join(ROOT, ".gpudata")
    p.add_argument("--data", default=default_data, help="folder with UIT-VSMEC/ and unlabelled/")
    p.add_argument("--everyday", default=os.path.join(EVERYDAY, "train.tsv"))
    p.add_argument("--heldout", default=os.path.join(EVERYDAY, "heldout.tsv"),
                   help="only to drop held-out texts from training; never scored here")
    p.add_argument("--out", required=True)
    p.add_argument("--cache", default="/tmp/student-v2/rows.pt", help="tokenised rows, shared between runs")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--epoch-rows", type=int, default=40000)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--min-lr-share", type=float, default=0.05)
    p.add_argument("--warmup", type=int, default=40, help="steps of linear warm-up (Adam starts afresh)")
    p.add_argument("--dropout", type=float, default=0.25)
    p.add_argument("--teacher-share", type=float, default=0.62)
    p.add_argument("--fold-prob", type=float, default=0.3)
    p.add_argument("--class-weight-power", type=float, default=0.5)
    p.add_argument("--balance-power", type=float, default=0.0)
    p.add_argument("--negation-weight", type=float, default=1.0)
    p.add_argument("--gold-weight", type=float, default=1.0)
    p.add_argument("--vsmec-weight", type=float, default=1.0,
                   help="UIT-VSMEC train rows drawn this many times as often as everyday rows")
    p.add_argument("--sentiment-share", type=float, default=0.0,
                   help="share of each epoch's rows from the sentiment sets' train splits (UIT-VSFC, VLSP 2016, "
                        "AIVIVN 2019), whose loss is -log P(a class of the right valence)")
    p.add_argument("--sentiment-weight", type=float, default=1.0)
    p.add_argument("--hostile", action="store_true",
                   help="add to the sentiment rows the hate-speech and toxic comments of ViHSD (HATE, OFFENSIVE) and "
                        "ViCTSD (toxicity 1) train splits, with the loss −log P(Anger or Disgust)")
    p.add_argument("--contrast-share", type=float, default=0.0,
                   help="share of each epoch's rows composed as 'A, but B' from two gold rows of opposite valence "
                        "(labelled as B: synthetic_rows)")
    p.add_argument("--negation-synth-share", type=float, default=0.0,
                   help="share of each epoch's rows from the negation templates of synthetic_rows")
    p.add_argument("--silver-share", type=float, default=0.0,
                   help="share of each epoch's rows from the silver corpus (Models/training/corpus/silver: social-media "
                        "comments labelled by reading annotators), with their soft labels as targets")
    p.add_argument("--paraphrase-share", type=float, default=0.0,
                   help="share of each epoch's rows from the paraphrases of UIT-VSMEC train (Models/training/corpus/"
                        "paraphrases), each with its source sentence's gold label")
    p.add_argument("--silver-min-confidence", type=int, default=0,
                   help="silver comments whose label has at least this confidence (0: all)")
    p.add_argument("--linear-valid", default=None,
                   help="the linear heads' valid probabilities to mix with (an .npz as linear_valid.py writes; "
                        "default: the shipped heads)")
    p.add_argument("--ema", type=float, default=0.0,
                   help="if > 0: score and keep an exponential moving average of the weights (this decay a step)")
    p.add_argument("--select", default="mixture", choices=["mixture", "student"],
                   help="valid weighted F1 of the mixture (default) or of the student alone")
    p.add_argument("--reinit", action="store_true", help="random weights instead of --init's (vocabularies kept)")
    p.add_argument("--teacher-embeddings", default=None,
                   help="with --reinit: start the syllable embeddings from this teacher-embeddings.safetensors")
    return p.parse_args()


class Log:
    def __init__(self, path):
        self.f = open(path, "a", encoding="utf-8")
        self.start = time.time()

    def __call__(self, message):
        line = f"{time.strftime('%H:%M:%S')} +{time.time() - self.start:7.1f}s {message}"
        print(line, flush=True)
        self.f.write(line + "\n")
        self.f.flush()


def read_lines(path, wanted):
    """{line number: text} for the wanted line numbers of an xz file."""
    out, last = {}, max(wanted) if wanted else -1
    for number, line in td.read_xz_lines(path):
        if number > last:
            break
        if number in wanted:
            out[number] = line
    return out


def everyday_rows(path, heldout_path):
    rows = [line.rstrip("\r\n").split("\t") for line in open(path, encoding="utf-8")]
    header = [x.strip().lower() for x in rows[0]]
    col = {name: header.index(name) for name in header}
    held = set(td.load_everyday(heldout_path)[0]) if os.path.exists(heldout_path) else set()
    import unicodedata
    texts, labels, tags = [], [], []
    for r in rows[1:]:
        text = unicodedata.normalize("NFC", td._unquote(r[col["text"]]))
        if r[col["label"]].strip() not in LABELS or not text.strip() or text in held:
            continue
        texts.append(text)
        labels.append(LABELS.index(r[col["label"]].strip()))
        tags.append(set(r[col["tags"]].split(",")) if "tags" in col and len(r) > col["tags"] else set())
    return texts, labels, tags


def build_rows(args, log):
    """Token strings of every training row, cached: teacher rows and gold rows (with their augmentations)."""
    if os.path.exists(args.cache):
        log(f"rows from the cache {os.path.basename(args.cache)}")
        data = torch.load(args.cache, weights_only=False)
        vsmec_rows = 5 * len(td.load_vsmec(args.data, "train")[0])  # UIT-VSMEC's rows come first
        data["gold"] = [g if len(g) == 4 else (*g, k < vsmec_rows) for k, g in enumerate(data["gold"])]
        return data
    labels = np.load(args.teacher_labels)
    names = [str(x) for x in labels["source_names"]]
    teacher_tokens, soft = [], []
    for code, name in enumerate(names):
        index = np.flatnonzero(labels["source"] == code)
        lines = read_lines(os.path.join(args.data, name), set(int(x) for x in labels["line"][index]))
        cache = {}
        for i in index:
            teacher_tokens.append(td.fast_normalize(lines[int(labels["line"][i])], cache)[0])
        soft.append(labels["probabilities_u8"][index].astype(np.float32))
        log(f"teacher rows from {name}: {len(index):,}")
    soft = np.concatenate(soft)
    soft /= soft.sum(1, keepdims=True)
    train_x, train_y = td.load_vsmec(args.data, "train")
    gold = []  # (tokens, label, negation/contrast tag, from UIT-VSMEC)
    step = 700  # as gpu_teacher.phase_tokenise: the same seeds, the same augmented copies
    for i in range(0, len(train_x), step):
        gold.extend((t, y, False, True) for t, y, _ in tokenise_labelled(train_x[i:i + step], train_y[i:i + step], True,
                                                                    args.seed + i))
    ex, ey, etags = everyday_rows(args.everyday, args.heldout)
    rows = tokenise_labelled(ex, ey, True, args.seed + 99991)
    assert len(rows) == 5 * len(ex)
    gold.extend((t, y, bool(etags[k // 5] & NEGATION_TAGS), False) for k, (t, y, _) in enumerate(rows))
    log(f"gold rows: {len(gold):,} (UIT-VSMEC train {len(train_x):,}, everyday {len(ex):,}, x5 with augmentations; "
        f"negation/contrast {sum(1 for g in gold if g[2]):,})")
    data = {"teacher_tokens": teacher_tokens, "soft": soft, "gold": gold,
            "note": f"teacher-labels {args.teacher_labels}, seed {args.seed}, normalisation {td.normalization_version()}"}
    os.makedirs(os.path.dirname(args.cache), exist_ok=True)
    torch.save(data, args.cache + ".tmp")
    os.replace(args.cache + ".tmp", args.cache)
    return data


# Classes a sentence of each polarity may have: positive never reads as a negative emotion and negative never as
# joy; Other and (for positive) Surprise stay open.
POLARITY = {"positive": ["Enjoyment", "Surprise", "Other"],
            "negative": ["Sadness", "Anger", "Fear", "Disgust", "Surprise", "Other"]}


def sentiment_rows(args, log):
    """(tokens, allowed-class mask) for the positive/negative rows of the sentiment sets' train splits."""
    import csv
    path = os.path.join(os.path.dirname(args.cache), "sentiment-hostile-rows.pt" if args.hostile else "sentiment-rows.pt")
    if os.path.exists(path):
        return torch.load(path, weights_only=False)
    files = [("uit-vsfc/train.csv", "sentence", "sentiment"), ("vlsp2016-sentiment/train.csv", "text", "sentiment"),
             ("aivivn-2019-sentiment/train.csv", "text", "sentiment")]
    names = {"positive": "positive", "negative": "negative", "POS": "positive", "NEG": "negative"}
    tokens, masks, cache = [], [], {}
    for name, text_col, label_col in files:
        with open(os.path.join(args.data, name), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        kept = 0
        for r in rows:
            polarity = names.get(r[label_col].strip())
            t = td.fast_normalize(r[text_col], cache)[0] if polarity else None
            if t:
                tokens.append(t)
                masks.append(np.array([c in POLARITY[polarity] for c in LABELS], np.float32))
                kept += 1
        log(f"sentiment rows from {name}: {kept:,} of {len(rows):,}")
    if args.hostile:
        # Hate speech, offence and toxicity in social-media comments: a hostile emotion, Anger or Disgust.
        hostile = np.array([c in ("Anger", "Disgust") for c in LABELS], np.float32)
        # ViHSD shares comments with UIT-VSMEC: none that close to a valid or test sentence is used (char-5-gram
        # Jaccard ≥ 0.5, as the everyday corpus is deduplicated).
        sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpus"))
        from build_everyday import NearIndex, read_vsmec
        near = NearIndex(read_vsmec("valid") + read_vsmec("test"))
        dropped = 0
        for name, text_col, keep in (("vihsd/train.csv", "text", lambda r: r["label"] in ("HATE", "OFFENSIVE")),
                                     ("victsd/train.csv", "comment", lambda r: r["toxicity"].strip() == "1")):
            with open(os.path.join(args.data, name), encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
            kept = 0
            for r in filter(keep, rows):
                if near.nearest(r[text_col]) >= 0.5:
                    dropped += 1
                    continue
                t = td.fast_normalize(r[text_col], cache)[0]
                if t:
                    tokens.append(t)
                    masks.append(hostile)
                    kept += 1
            log(f"hostile rows from {name}: {kept:,} of {len(rows):,}")
        log(f"hostile rows dropped as near duplicates of UIT-VSMEC valid or test sentences: {dropped}")
    data = {"tokens": tokens, "masks": np.stack(masks)}
    torch.save(data, path)
    return data


def load_student(directory):
    from safetensors.torch import load_file
    config_path = os.path.join(directory, "student.json")
    weights_path = os.path.join(directory, "student.safetensors")
    if not os.path.exists(config_path):  # Models/ itself
        config_path = os.path.join(directory, "emotion-vi-neural.json")
        weights_path = os.path.join(directory, "emotion-vi-neural.safetensors")
    config = json.load(open(config_path, encoding="utf-8"))
    tensors = load_file(weights_path)
    return config, tensors


def model_from(config, tensors, dropout):
    vocab, folded = len(config["vocab"]), len(config["folded_vocab"])
    model = Student(vocab, folded, config["embedding"], config["hidden"], len(LABELS), dropout)
    if tensors is not None:
        state = {"syllable_embedding.weight": tensors["syllable_embedding"],
                 "folded_embedding.weight": tensors["folded_embedding"],
                 "head.weight": tensors["head.weight"], "head.bias": tensors["head.bias"]}
        for name, module in (("forward", "forward_lstm"), ("backward", "backward_lstm")):
            for part in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                state[f"{module}.{part}_l0"] = tensors[f"{name}.{part}"]
        model.load_state_dict({k: v.float() for k, v in state.items()})
    return model


def mixture_figures(student_probs, linear_probs, y):
    """The best w on ensemble.py's grid (ties to the larger w) and its scores."""
    best = None
    for w in np.round(np.arange(0, 1.0001, 0.05), 2):
        s = td.scores(y, w * student_probs + (1 - w) * linear_probs)
        if best is None or s["weighted_f1"] >= best[0]["weighted_f1"]:
            best = (s, float(w))
    return best


def evaluate(model, sets, linear, temperature=None):
    out = {}
    logits = {name: student_logits(model, rows, torch.device("cpu")) for name, (rows, _) in sets.items()}
    if "probes" in linear:  # the quoted sentences, for the log only (no choice reads them)
        probe_p = td.softmax(student_logits(model, [PROBE_ENCODER.encode(normalize(x)[0])[:2] for x in PROBES],
                                            torch.device("cpu")))
        out["probes_student"] = [LABELS[k][:4] for k in probe_p.argmax(1)]
    t = temperature or td.fit_temperature(logits["valid"], sets["valid"][1])
    out["temperature"] = t
    for name, (_, y) in sets.items():
        p = td.softmax(logits[name] / t)
        s = td.scores(y, p)
        out[name] = td.brief(s)
        out[name]["recall"] = {k: v["recall"] for k, v in s["per_class"].items()}
        if name in linear:
            # Each set gets its own best w here (so the log's "no diacritics" mixture figure is an upper bound;
            # compare_valid.py and ensemble.py use valid's w for it). Selection reads "valid_mixture" only.
            mixed, w = mixture_figures(p, linear[name], y)
            if name == "valid" and "probes" in linear:
                pp = td.softmax(np.log(np.clip(probe_p, 1e-12, 1)) / t)
                out["probes_mixture"] = [LABELS[k][:4] for k in (w * pp + (1 - w) * linear["probes"]).argmax(1)]
            out[name + "_mixture"] = {"w": w, **td.brief(mixed),
                                      "recall": {k: v["recall"] for k, v in mixed["per_class"].items()}}
    return out, {name: td.softmax(z / t) for name, z in logits.items()}


# Compositions that teach where a sentence's emotion sits (issue #12: contrast and negation scope). Written for this
# script from general rules of Vietnamese, not from any evaluation sentence; all tokens are in normalised form.
CONNECTIVES = [["nhưng"], ["nhưng", "mà"], ["mà"], ["thế", "mà"], ["vậy", "mà"], ["song"], ["tuy", "vậy"],
               ["giờ", "thì"], ["bây", "giờ"], ["giờ"], ["nay"], ["cuối", "cùng"], ["rốt", "cuộc"], ["ai", "ngờ"],
               ["nhưng", "giờ"], ["mà", "giờ"], ["có", "điều"]]
NEGATIVE_WORDS = {"Sadness": [["buồn"], ["chán"], ["tủi", "thân"], ["cô", "đơn"], ["thất", "vọng"], ["đau", "lòng"],
                              ["khóc"], ["nản"]],
                  "Anger": [["tức"], ["giận"], ["bực"], ["bực", "mình"], ["cáu"]],
                  "Fear": [["sợ"], ["lo"], ["lo", "lắng"], ["hoảng"], ["run"]],
                  "Disgust": [["ghê"], ["kinh", "tởm"], ["ghét"], ["gớm"]]}
POSITIVE_WORDS = {"Sadness": [["vui"], ["hạnh", "phúc"], ["vui", "vẻ"], ["phấn", "khởi"], ["yêu", "đời"], ["sướng"],
                              ["hào", "hứng"], ["háo", "hức"]],
                  "Disgust": [["thích"], ["hài", "lòng"], ["ưa"]]}
# (before, after) around an emotion word: the word's emotion does not hold.
NEGATED = [(["hết"], ["rồi"]), (["không", "còn"], ["nữa"]), (["chẳng", "có", "gì", "đáng"], ["cả"]),
           (["không", "có", "gì", "phải"], []), (["đâu", "có"], ["đâu"]), (["chả"], ["tí", "nào"]),
           (["không"], ["chút", "nào"]), (["có", "gì", "đâu", "mà"], []), (["chẳng", "còn"], ["gì", "nữa"]),
           (["hết", "còn"], ["nổi"]), (["không", "hề"], [])]
SUBJECTS = [[], ["tôi"], ["mình"], ["tao"], ["em"], ["anh"], ["tớ"], ["con"]]
FEEL = [[], ["thấy"], ["cảm", "thấy"]]
NEGATORS = [["không", "hề"], ["chẳng"], ["không"], ["chả"], ["đâu", "có"], ["không", "còn"], ["chẳng", "hề"]]
TAILS = [[], ["chút", "nào"], ["gì", "cả"], ["nữa"], ["với", "chuyện", "này"], ["tí", "nào"], ["khi", "đi", "làm"],
         ["hôm", "nay"], ["ở", "đây"], ["lúc", "này"], ["với", "nó"]]
TIMES = [[], ["giờ"], ["bây", "giờ"], ["hôm", "nay"], ["giờ", "thì"]]
VALENCE_OF = {"Enjoyment": 1, "Sadness": -1, "Anger": -1, "Fear": -1, "Disgust": -1}


def synthetic_rows(rng, count, gold, kind, usable=lambda k: k % 5 in (0, 2, 3)):
    """`count` (tokens, label) rows drawn with `rng` from the gold rows (tokens, label, ...).
    kind "contrast": A + "," + connective + B, where A and B are gold rows of opposite valence (Enjoyment against
    the four negative classes), possibly "tuy A, nhưng B"; labelled as B, the clause the speaker ends on.
    kind "negation": half "[subject] [negated negative word], [time] B" with B a gold Enjoyment row, labelled
    Enjoyment; half "[subject] [negator] [feel] positive word [tail]", labelled Sadness (or Disgust for liking).
    `usable(k)` says which gold rows may be composed (the rows of tokenise_labelled come in fives: as written, folded,
    teencode, no emoji, plain)."""
    by_valence = {1: [], -1: []}
    for k, g in enumerate(gold):
        v = VALENCE_OF.get(LABELS[g[1]])
        if v and 2 <= len(g[0]) <= 30 and usable(k):  # gold rows: as written (not the folded copies)
            by_valence[v].append(k)
    pick = lambda seq: seq[int(rng.integers(len(seq)))]  # noqa: E731
    rows = []
    for _ in range(count):
        if kind == "contrast":
            v = 1 if rng.random() < 0.5 else -1
            b = gold[pick(by_valence[v])]
            a = gold[pick(by_valence[-v])]
            a_tokens = [t for t in a[0] if t not in (".", "!", "?")][:20]
            if rng.random() < 0.15:
                tokens = ["tuy"] + a_tokens + [","] + ["nhưng"] + b[0][:24]
            else:
                tokens = a_tokens + ([","] if rng.random() < 0.8 else []) + pick(CONNECTIVES) + b[0][:24]
            label = b[1]
        elif rng.random() < 0.5:
            b = gold[pick(by_valence[1])]
            before, after = pick(NEGATED)
            word = pick(pick(list(NEGATIVE_WORDS.values())))
            tokens = (pick(SUBJECTS) + before + word + after + ([","] if rng.random() < 0.8 else [])
                      + pick(TIMES) + b[0][:24])
            label = b[1]
        else:
            label_name = "Sadness" if rng.random() < 0.75 else "Disgust"
            word = pick(POSITIVE_WORDS[label_name])
            tokens = pick(SUBJECTS) + pick(NEGATORS) + pick(FEEL) + word + pick(TAILS)
            label = LABELS.index(label_name)
        if rng.random() < 0.25:
            tokens = [fold(t) for t in tokens]
        rows.append((tokens, label))
    return rows


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(args.threads)
    log = Log(os.path.join(args.out, "log.txt"))
    log("student_cpu: " + " ".join(sys.argv[1:]))
    log(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), normalisation {td.normalization_version()}")
    config, tensors = load_student(args.init)
    if config["normalization"] != td.normalization_version():
        log(f"WARNING: the student was made with normalisation {config['normalization']}")
    encoder = StudentEncoder(config["vocab"], config["folded_vocab"], config["max_tokens"])
    global PROBE_ENCODER
    PROBE_ENCODER = encoder
    data = build_rows(args, log)

    # Encoded rows: syllable ids, folded ids, syllable ids of the folded tokens.
    enc_teacher = [encoder.encode(t) for t in data["teacher_tokens"]]
    enc_gold = [encoder.encode(g[0]) for g in data["gold"]]
    gold_y = np.array([g[1] for g in data["gold"]])
    gold_neg = np.array([g[2] for g in data["gold"]])
    gold_vsmec = np.array([g[3] for g in data["gold"]])
    soft = data["soft"]
    if args.sentiment_share > 0:
        sentiment = sentiment_rows(args, log)
        enc_sent = [encoder.encode(t) for t in sentiment["tokens"]]
        sent_masks = sentiment["masks"]
    else:
        enc_sent, sent_masks = [], None
    enc_silver, silver_soft = [], None
    if args.silver_share > 0:
        sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpus"))
        from build_silver import load_silver
        silver = [r for r in load_silver(args.data) if r[3] >= args.silver_min_confidence]
        cache = {}
        enc_silver = [encoder.encode(td.fast_normalize(text, cache)[0]) for text, _, _, _ in silver]
        silver_soft = np.array([r[1] for r in silver], np.float32)
        log(f"silver rows: {len(enc_silver):,} (confidence >= {args.silver_min_confidence})")
    enc_para, para_y = [], None
    if args.paraphrase_share > 0:
        sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpus"))
        from build_paraphrases import load_paraphrases
        paraphrases = load_paraphrases(args.data)
        cache = {}
        enc_para = [encoder.encode(td.fast_normalize(text, cache)[0]) for text, _, _ in paraphrases]
        para_y = np.array([label for _, label, _ in paraphrases])
        log(f"paraphrase rows: {len(enc_para):,}")
    log(f"rows: teacher {len(enc_teacher):,}, gold {len(enc_gold):,}")

    # Gold sampling weights: class balance and negation/contrast.
    counts = np.bincount(gold_y, minlength=len(LABELS)).astype(np.float64)
    draw = (counts[gold_y] ** -args.balance_power * np.where(gold_neg, args.negation_weight, 1.0)
            * np.where(gold_vsmec, args.vsmec_weight, 1.0))
    draw /= draw.sum()
    class_w = (counts.sum() / (len(LABELS) * counts)) ** args.class_weight_power
    class_w /= class_w.mean()
    expected = np.bincount(gold_y, weights=draw, minlength=len(LABELS))
    log("gold classes drawn: " + " ".join(f"{n[:4]} {e:.3f}" for n, e in zip(LABELS, expected))
        + f"; negation/contrast {draw[gold_neg].sum():.3f}, UIT-VSMEC {draw[gold_vsmec].sum():.3f}; loss class weights "
        + " ".join(f"{w:.2f}" for w in class_w))

    # Evaluation: UIT-VSMEC valid as written and without diacritics; the linear heads' valid probabilities.
    vx, vy = td.load_vsmec(args.data, "valid")
    sets = {"valid": ([encoder.encode(normalize(x)[0])[:2] for x in vx], vy),
            "valid_without_diacritics": ([encoder.encode(normalize(fold(x))[0])[:2] for x in vx], vy)}
    linear_path = args.linear_valid or os.path.join(os.path.dirname(args.cache), "linear-valid.npz")
    if os.path.exists(linear_path):
        linear = dict(np.load(linear_path))
    else:
        from ensemble import linear_router
        router = linear_router()
        linear = {"valid": router.probabilities(vx), "valid_without_diacritics": router.probabilities(
            [fold(x) for x in vx]), "probes": router.probabilities(PROBES)}
        np.savez(linear_path, **linear)

    model = model_from(config, None if args.reinit else tensors, args.dropout)
    if args.reinit:
        with torch.no_grad():
            torch.nn.init.normal_(model.folded_embedding.weight, std=0.1)
            if args.teacher_embeddings:  # as gpu_teacher's distil phase
                from safetensors import safe_open
                with safe_open(args.teacher_embeddings, "pt") as f:
                    table = f.get_tensor("embeddings").float()
                    teacher_vocab = json.loads(f.metadata()["vocab"])
                assert teacher_vocab[:len(config["vocab"])] == config["vocab"]
                projected = table[:len(config["vocab"])]
                projected = projected - projected.mean(0, keepdim=True)
                model.syllable_embedding.weight.normal_(0.0, 0.3)
                model.syllable_embedding.weight[:, :projected.shape[1]] = projected / projected.std() * 0.3
                log("syllable embeddings from the teacher's principal components")
    ema = None
    if args.ema > 0:
        ema = {k: v.detach().clone() for k, v in model.state_dict().items()}
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    history, best, first_epoch = [], {"score": -1.0, "epoch": 0, "state": None}, 0
    if os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        history, best, first_epoch = ckpt["history"], ckpt["best"], ckpt["epoch"]
        ema = ckpt.get("ema")
        log(f"resumed after epoch {first_epoch}")
    else:
        figures, _ = evaluate(model, sets, linear)
        best = {"score": figures["valid_mixture" if args.select == "mixture" else "valid"]["weighted_f1"],
                "epoch": 0, "state": {k: v.clone() for k, v in model.state_dict().items()}}
        history.append({"epoch": 0, "step": 0, **figures})
        log(f"epoch 0 (the start): {summary(figures)}")

    steps_per_epoch = math.ceil(args.epoch_rows / args.batch)
    total_steps = steps_per_epoch * args.epochs
    teacher_n = int(round(args.epoch_rows * args.teacher_share))
    sent_n = int(round(args.epoch_rows * args.sentiment_share))
    contrast_n = int(round(args.epoch_rows * args.contrast_share))
    negsyn_n = int(round(args.epoch_rows * args.negation_synth_share))
    silver_n = int(round(args.epoch_rows * args.silver_share))
    para_n = int(round(args.epoch_rows * args.paraphrase_share))
    gold_n = args.epoch_rows - teacher_n - sent_n - contrast_n - negsyn_n - silver_n - para_n
    for epoch in range(first_epoch + 1, args.epochs + 1):
        started = time.time()
        rng = np.random.default_rng([args.seed, epoch])
        torch.manual_seed(args.seed * 1000 + epoch)
        t_idx = rng.choice(len(enc_teacher), teacher_n, replace=False) if teacher_n else np.zeros(0, np.int64)
        g_idx = rng.choice(len(enc_gold), gold_n, replace=True, p=draw) if gold_n else np.zeros(0, np.int64)
        fold_coin = rng.random(teacher_n) < args.fold_prob
        # (row, kind) with kind 0 teacher as is, 1 teacher folded, 2 gold, 3 sentiment, 4 composed (synthetic_rows)
        items = [(int(i), 1 if f else 0) for i, f in zip(t_idx, fold_coin)] + [(int(i), 2) for i in g_idx]
        if sent_n:
            items += [(int(i), 3) for i in rng.choice(len(enc_sent), sent_n, replace=False)]
        synth = []
        if contrast_n or negsyn_n:
            synth_rng = np.random.default_rng([args.seed, epoch, 7])
            synth = (synthetic_rows(synth_rng, contrast_n, data["gold"], "contrast")
                     + synthetic_rows(synth_rng, negsyn_n, data["gold"], "negation"))
            if epoch == first_epoch + 1:
                for tokens, label in synth[:3] + synth[contrast_n:contrast_n + 3]:
                    log(f"synthetic: {' '.join(tokens)} → {LABELS[label]}")
        enc_synth = [encoder.encode(t) for t, _ in synth]
        synth_y = [y for _, y in synth]
        items += [(i, 4) for i in range(len(synth))]
        def drawn(rows, count, kind):
            """`count` of `rows` (repeated only when there are fewer), each shown as is (`kind`) or, `--fold-prob` of
            the time, without diacritics (`kind` + 1)."""
            index = rng.choice(len(rows), count, replace=count > len(rows))
            return [(int(i), kind + 1 if f else kind) for i, f in zip(index, rng.random(count) < args.fold_prob)]
        if silver_n:  # kind 5 silver as is, 6 silver without diacritics
            items += drawn(enc_silver, silver_n, 5)
        if para_n:  # kind 7 paraphrase as is, 8 without diacritics
            items += drawn(enc_para, para_n, 7)
        order = rng.permutation(len(items))
        sources = [enc_teacher, enc_teacher, enc_gold, enc_sent, enc_synth, enc_silver, enc_silver, enc_para, enc_para]
        length = lambda it: len(sources[it[1]][it[0]][0])  # noqa: E731
        group = args.batch * 50
        batches = []
        for g in range(0, len(order), group):
            part = sorted(order[g:g + group], key=lambda k: length(items[k]))
            batches.extend(part[k:k + args.batch] for k in range(0, len(part), args.batch))
        rng.shuffle(batches)
        model.train()
        total, n = 0.0, 0
        for b, part in enumerate(batches):
            step = (epoch - 1) * steps_per_epoch + b
            progress = min(1.0, step / max(1, total_steps))
            lr = args.lr * min((step + 1) / args.warmup, args.min_lr_share + (1 - args.min_lr_share) * 0.5 *
                               (1 + math.cos(math.pi * progress)))
            for g in optimizer.param_groups:
                g["lr"] = lr
            syl, fol, target, gold, allowed = [], [], [], [], []
            for k in part:
                i, kind = items[k]
                allowed.append(sent_masks[i] if kind == 3 else np.zeros(len(LABELS), np.float32))
                if kind == 3:
                    s, f, _ = enc_sent[i]
                    syl.append(s), fol.append(f)
                    target.append(np.zeros(len(LABELS), np.float32)), gold.append(-2)
                elif kind < 2:
                    s, f, sf = enc_teacher[i]
                    syl.append(sf if kind == 1 else s), fol.append(f)
                    target.append(soft[i]), gold.append(-1)
                elif kind >= 7:
                    s, f, sf = enc_para[i]
                    syl.append(sf if kind == 8 else s), fol.append(f)
                    target.append(np.zeros(len(LABELS), np.float32)), gold.append(int(para_y[i]))
                elif kind >= 5:
                    s, f, sf = enc_silver[i]
                    syl.append(sf if kind == 6 else s), fol.append(f)
                    target.append(silver_soft[i]), gold.append(-1)
                else:  # a gold row, or one composed from gold rows (kind 4)
                    s, f, _ = (enc_synth if kind == 4 else enc_gold)[i]
                    syl.append(s), fol.append(f)
                    target.append(np.zeros(len(LABELS), np.float32))
                    gold.append(int((synth_y if kind == 4 else gold_y)[i]))
            lengths = torch.tensor([len(s) for s in syl])
            w = int(lengths.max())
            logits = model(torch.from_numpy(padded(syl, w)).long(), torch.from_numpy(padded(fol, w)).long(), lengths)
            log_p = F.log_softmax(logits, -1)
            gold_t = torch.tensor(gold)
            is_gold = gold_t >= 0
            soft_loss = -(torch.from_numpy(np.asarray(target)) * log_p).sum(1)
            gold_loss = F.nll_loss(log_p, gold_t.clamp_min(0), weight=torch.tensor(class_w, dtype=torch.float32),
                                   reduction="none")
            loss = torch.where(is_gold, args.gold_weight * gold_loss, soft_loss)
            if sent_n:
                allowed_t = torch.from_numpy(np.asarray(allowed))
                set_loss = -torch.logsumexp(log_p.masked_fill(allowed_t == 0, float("-inf")), 1)
                loss = torch.where(gold_t == -2, args.sentiment_weight * set_loss, loss)
            loss = loss.mean()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            if ema is not None:
                with torch.no_grad():
                    for k, v in model.state_dict().items():
                        ema[k].mul_(args.ema).add_(v, alpha=1 - args.ema)
            total += loss.item()
            n += 1
        if ema is not None:
            live = {k: v.clone() for k, v in model.state_dict().items()}
            model.load_state_dict(ema)
        figures, _ = evaluate(model, sets, linear)
        scored = {k: v.clone() for k, v in model.state_dict().items()}
        if ema is not None:
            model.load_state_dict(live)
        score = figures["valid_mixture" if args.select == "mixture" else "valid"]["weighted_f1"]
        history.append({"epoch": epoch, "step": epoch * steps_per_epoch, "loss": round(total / max(1, n), 4),
                        "lr_end": lr, "seconds": round(time.time() - started, 1), **figures})
        log(f"epoch {epoch}: loss {total / max(1, n):.4f}, {time.time() - started:.0f} s; {summary(figures)}")
        if score > best["score"]:
            best = {"score": score, "epoch": epoch, "state": scored}
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "history": history, "ema": ema,
                    "best": best, "epoch": epoch, "args": vars(args)}, ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)
        with open(os.path.join(args.out, "history.json"), "w", encoding="utf-8") as f:
            json.dump({"args": td.recorded_args(args), "history": history, "best_epoch": best["epoch"]}, f, indent=1)

    log(f"best epoch {best['epoch']} (valid {args.select} weighted F1 {best['score']:.4f})")
    export(args, config, model, best, sets, linear, encoder, history, log)


def summary(f):
    v, m, vf, mf = f["valid"], f["valid_mixture"], f["valid_without_diacritics"], f["valid_without_diacritics_mixture"]
    return (f"valid student wF1 {v['weighted_f1']:.4f} macro {v['macro_f1']:.4f} (T {f['temperature']}), "
            f"no diacritics {vf['weighted_f1']:.4f}; mixture wF1 {m['weighted_f1']:.4f} macro {m['macro_f1']:.4f} "
            f"(w {m['w']}), no diacritics {mf['weighted_f1']:.4f}; mixture recall "
            + " ".join(f"{k[:4]} {r:.2f}" for k, r in m["recall"].items())
            + "; probes student " + ",".join(f.get("probes_student", [])) + " mixture " + ",".join(f.get("probes_mixture", [])))


def export(args, config, model, best, sets, linear, encoder, history, log):
    model.load_state_dict(best["state"])
    model.eval()
    with torch.no_grad():
        for _, p in model.named_parameters():
            if p.dim() >= 2:  # what float16 storage keeps
                p.copy_(p.to(torch.float16).to(torch.float32))
    figures, probabilities = evaluate(model, sets, linear)
    temperature = figures["temperature"]
    log(f"chosen (float16): {summary(figures)}")
    tensors = model.tensors()
    from safetensors.torch import save_file
    save_file(tensors, os.path.join(args.out, "student.safetensors"),
              metadata={"format": "camxuc-emotion-bilstm", "version": "1"})
    config = {k: v for k, v in config.items() if k not in ("ensemble_weight", "ensemble_temperature")}
    config["temperature"] = temperature
    reference = NumpyStudent(config, {k: v.float().numpy() for k, v in tensors.items()})
    numpy_valid = td.softmax(reference.logits(sets["valid"][0]) / temperature)
    difference = float(np.abs(numpy_valid - probabilities["valid"]).max())
    log(f"numpy reference vs torch on valid: max |dp| = {difference:.2e}")
    texts = td.load_vsmec(args.data, "valid")[0]
    golden = []
    for text in texts[:16] + [fold(x) for x in texts[16:24]]:
        s, f = reference.encode(text)
        golden.append({"text": text, "syllable_ids": s, "folded_ids": f,
                       "probabilities": [round(float(p), 6) for p in
                                         td.softmax(reference.logits([(s, f)])[0] / temperature)]})
    config["golden"] = golden
    training = dict(config.get("training", {}))
    training.update({"continued_by": "Models/training/text/student_cpu.py", "cpu_epochs": best["epoch"],
                     "valid": figures["valid"], "valid_mixture": figures["valid_mixture"],
                     "numpy_reference_max_abs_difference": difference})
    config["training"] = training
    with open(os.path.join(args.out, "student.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=0)
    # The quoted sentences (not used for any choice): the student alone and mixed with the chosen w.
    p = td.softmax(reference.logits([reference.encode(x) for x in PROBES]) / temperature)
    w = figures["valid_mixture"]["w"]
    mixed = w * p + (1 - w) * linear["probes"]
    for text, a, b in zip(PROBES, p, mixed):
        log(f"probe '{text}': student {LABELS[a.argmax()]} {a.max():.2f}, mixture {LABELS[b.argmax()]} {b.max():.2f}")
    with open(os.path.join(args.out, "history.json"), "w", encoding="utf-8") as f:
        json.dump({"args": td.recorded_args(args), "history": history, "best_epoch": best["epoch"], "chosen": figures}, f, indent=1)
    log(f"wrote {args.out}/student.json, student.safetensors")


if __name__ == "__main__":
    main()
