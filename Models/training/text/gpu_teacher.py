"""One GPU run: pretrain a syllable transformer on CamXuc's unlabelled Vietnamese text, fine-tune it as an emotion
teacher, label the social text with it, and distil a small BiLSTM student that Swift can run on CPU.

    python Models/training/text/gpu_teacher.py --data .gpudata --out "$OUT"                  (one H200, ~7 minutes)
    Models/training/.venv/bin/python Models/training/text/gpu_teacher.py --tiny --device cpu \
        --data /tmp/cx_tiny --out /tmp/cx_out                                                 (CPU, ~1 minute)

Phases, each with a wall-clock budget (--*-minutes; time a phase leaves unused goes to the next) and all under one
deadline (--deadline-minutes, counted from the start of the process, keeping a minimum back for the later phases):
  1. tokenise   unlabelled/{social,news,wiki}.txt.xz through camxuc_text's normalisation (in worker processes),
                build the syllable vocabulary (specials, then the most frequent normalised tokens)
  2. pretrain   a pre-LayerNorm transformer encoder by masked-token prediction over packed 128-token windows
  3. finetune   7-way classification on UIT-VSMEC train + its augmented copies (train_emotion.tokens_for) +
                everyday/train.tsv if present; class-balanced weights; the epoch with the best valid weighted F1
  4. label      the social text (and a sample of news) with the teacher: calibrated soft probabilities
  5. distil     the BiLSTM student (student_eval.py documents it) on soft labels + gold labels; temperature on valid
Outputs in --out (at most 8 files, each under 16 MiB): student.safetensors, student.json, teacher-labels.npz,
teacher-embeddings.safetensors, metrics.json, log.txt.
"""
import time

START = time.time()

import argparse  # noqa: E402
import collections  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import textdata as td  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402
from camxuc_text import fold, normalize  # noqa: E402
from train_emotion import CIRCUMPLEX, NAMES_EN, NAMES_VI, tokens_for  # noqa: E402
from safetensors.torch import save_file  # noqa: E402

LABELS = td.LABELS
PHASES = ["tokenise", "pretrain", "finetune", "label", "distil"]
FLOOR_MINUTES = {"tokenise": 0.2, "pretrain": 0.5, "finetune": 0.35, "label": 0.1, "distil": 0.5}
EXPORT_RESERVE_MINUTES = 0.12
MAX_FILE_BYTES = 16 * 1024 * 1024 - 4096
MAX_TOTAL_BYTES = 64 * 1024 * 1024 - 65536
OUTPUT_NAME = re.compile(r"^[A-Za-z0-9._-]+$")

DEFAULTS = dict(
    workers=min(16, os.cpu_count() or 1), max_lines=None, max_train=None, threads=None,
    tokenise_minutes=0.75, pretrain_minutes=3.25, finetune_minutes=1.0, label_minutes=0.3, distil_minutes=1.5,
    deadline_minutes=7.3, vocab=32000, min_count=2, vocab_count_tokens=20_000_000,
    layers=6, width=512, heads=8, ffn=2048, seq=128, batch=256, lr=8e-4, warmup=150, social_share=0.25,
    ft_lr=1.5e-4, ft_batch=64, ft_epochs=6, label_news=20000, label_social=300000, label_batch=512,
    student_vocab=24000, folded_vocab=8000, student_embedding=128, student_hidden=160, student_batch=256,
    student_lr=3e-3, student_epochs=40, log_every=15.0,
)
TINY = dict(
    workers=2, max_lines=4000, max_train=1200, threads=1,
    tokenise_minutes=0.3, pretrain_minutes=0.2, finetune_minutes=0.25, label_minutes=0.1, distil_minutes=0.25,
    deadline_minutes=1.6, vocab=6000, vocab_count_tokens=2_000_000,
    layers=2, width=64, heads=2, ffn=128, batch=32, warmup=5, ft_batch=32, ft_epochs=2, label_news=300,
    label_batch=128, student_vocab=4000, folded_vocab=2000, student_embedding=32, student_hidden=32,
    student_batch=64, student_epochs=3, log_every=3.0,
)


# ------------------------------------------------------------------------------------------------- log and budget

class Run:
    """The log (stdout and OUT/log.txt, each line stamped), the metrics file and the phase deadlines."""

    def __init__(self, args):
        self.args = args
        os.makedirs(args.out, exist_ok=True)
        self.log_file = open(os.path.join(args.out, "log.txt"), "w", encoding="utf-8")
        self.log_bytes = 0
        self.metrics = {"args": {k: v for k, v in vars(args).items() if k != "out"}, "phases": {}}
        self.phase_started = {}
        self.phase_budget = {}
        self.carry = 0.0  # seconds a phase left unused, given to the next

    def log(self, message):
        line = f"{time.strftime('%H:%M:%S')} +{time.time() - START:6.1f}s {message}"
        print(line, flush=True)
        if self.log_bytes < 4_000_000:
            self.log_file.write(line + "\n")
            self.log_file.flush()
            self.log_bytes += len(line.encode("utf-8")) + 1

    def save_metrics(self):
        path = os.path.join(self.args.out, "metrics.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.metrics, f, ensure_ascii=False, indent=1)
        os.replace(path + ".tmp", path)

    def begin(self, phase):
        """Starts a phase; returns its deadline (time.time() scale)."""
        now = time.time()
        later = PHASES[PHASES.index(phase) + 1:]
        reserve = EXPORT_RESERVE_MINUTES + sum(min(FLOOR_MINUTES[p], getattr(self.args, p + "_minutes"))
                                               for p in later)
        budget = getattr(self.args, phase + "_minutes") * 60 + self.carry
        deadline = min(now + budget, START + self.args.deadline_minutes * 60 - reserve * 60)
        deadline = max(deadline, now + min(budget, 5.0))
        self.phase_started[phase] = now
        self.phase_budget[phase] = budget
        self.log(f"== {phase}: budget {budget:.0f} s" + (f" ({self.carry:.0f} s left over)" if self.carry >= 1 else "")
                 + f", ends by +{deadline - START:.0f}s")
        return deadline

    def end(self, phase, **figures):
        seconds = time.time() - self.phase_started[phase]
        self.carry = max(0.0, self.phase_budget[phase] - seconds)
        self.metrics["phases"][phase] = {"seconds": round(seconds, 1), **figures}
        self.log(f"== {phase} done in {seconds:.1f} s")
        self.save_metrics()


# ----------------------------------------------------------------------------------------------------- tokenising

_CACHE = {}


def tokenise_chunk(task):
    """Worker: normalises a chunk of lines; returns them as one string, each line's tokens followed by [SEP]."""
    source, first, lines = task
    out = []
    for line in lines:
        tokens = td.fast_normalize(line, _CACHE)[0]
        out.append(" ".join(tokens) + " [SEP]" if tokens else "[SEP]")
    return source, first, len(lines), " ".join(out)


def tokenise_labelled(texts, labels, augment, seed, plain=False):
    """Worker: [(tokens, label, mode)] for each text and, with `augment`, its three copies of train_emotion.py
    (diacritics folded, teencode noise, emoji dropped; drawn with one seeded generator as train_emotion does) and
    the text as typed without diacritics (normalize(fold(raw)), where teencode expansions keep theirs). With
    `plain`, only the text without diacritics."""
    rng = random.Random(seed)
    out = []
    for raw, y in zip(texts, labels):
        if plain:
            out.append((normalize(fold(raw))[0], y, "plain"))
            continue
        out.append((tokens_for(raw)[0], y, "orig"))
        if augment:
            for mode in ("fold", "teencode", "no-emoji"):
                out.append((tokens_for(raw, mode, rng)[0], y, mode))
            out.append((normalize(fold(raw))[0], y, "plain"))
    return out


def chunk_tasks(data_dir, max_lines, run):
    def chunks(source):
        path = os.path.join(data_dir, "unlabelled", source + ".txt.xz")
        if not os.path.exists(path):
            run.log(f"no {path}: skipped")
            return
        buffer, size, first = [], 0, 0
        for number, line in td.read_xz_lines(path, max_lines):
            if not buffer:
                first = number
            buffer.append(line)
            size += len(line) + 1
            if size >= 150_000:
                yield source, first, buffer
                buffer, size = [], 0
        if buffer:
            yield source, first, buffer

    yield from chunks("social")
    streams = [chunks("news"), chunks("wiki")]
    while streams:
        for stream in list(streams):
            item = next(stream, None)
            if item is None:
                streams.remove(stream)
            else:
                yield item


class Source:
    """One unlabelled file as token ids: `flat` holds every line's ids each followed by [SEP]; line k (file line
    `numbers[k]`) is flat[starts[k]:ends[k]]."""

    def __init__(self, name, chunks, vocab_lookup):
        self.name = name
        self.texts = [text for _, _, text in chunks]
        pieces = [np.fromiter(map(vocab_lookup.__getitem__, text.split()), dtype=np.int32) for text in self.texts]
        self.flat = np.concatenate(pieces) if pieces else np.zeros(0, np.int32)
        self.ends = np.flatnonzero(self.flat == td.SEP)
        self.starts = np.concatenate([[0], self.ends[:-1] + 1]).astype(np.int64) if len(self.ends) else self.ends
        self.numbers = (np.concatenate([np.arange(first, first + n) for first, n, _ in chunks])
                        if chunks else np.zeros(0, np.int64))
        assert len(self.numbers) == len(self.ends), (name, len(self.numbers), len(self.ends))

    def line_tokens(self, wanted):
        """{line index: token strings} for the line indices in `wanted` (a set)."""
        out, k = {}, 0
        for text in self.texts:
            pieces = text.split("[SEP]")[:-1]  # every line ends with " [SEP]"
            for j in range(len(pieces)):
                if k + j in wanted:
                    out[k + j] = pieces[j].split()
            k += len(pieces)
        return out


class Lookup(dict):
    def __missing__(self, key):
        return td.UNK


def phase_tokenise(run, args):
    deadline = run.begin("tokenise")
    data = args.data
    vsmec = {split: td.load_vsmec(data, split) for split in ("train", "valid", "test")}
    if args.max_train:
        vsmec["train"] = (vsmec["train"][0][:args.max_train], vsmec["train"][1][:args.max_train])
    everyday = td.load_everyday(os.path.join(data, "everyday", "train.tsv"))
    heldout = td.load_everyday(os.path.join(data, "everyday", "heldout.tsv"))
    for name, item in (("everyday/train.tsv", everyday), ("everyday/heldout.tsv", heldout)):
        run.log(f"{name}: " + (f"{len(item[0])} rows ({item[2]} skipped)" if item else "absent"))
    if everyday and heldout:
        overlap = set(everyday[0]) & set(heldout[0])
        if overlap:
            run.log(f"warning: {len(overlap)} held-out texts also in everyday train; dropped from training")
            keep = [i for i, x in enumerate(everyday[0]) if x not in overlap]
            everyday = ([everyday[0][i] for i in keep], [everyday[1][i] for i in keep], everyday[2])

    received = collections.defaultdict(list)
    stopped_early = False
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.workers) as pool:
        labelled_jobs = {}
        train_x, train_y = vsmec["train"]
        step = 700  # rows per task; fixed, so that the augmentations do not depend on the number of workers
        labelled_jobs["train"] = [pool.apply_async(tokenise_labelled, (train_x[i:i + step], train_y[i:i + step], True,
                                                                       args.seed + i))
                                   for i in range(0, len(train_x), step)]
        for split in ("valid", "test"):
            labelled_jobs[split] = [pool.apply_async(tokenise_labelled, (*vsmec[split], False, 0))]
            labelled_jobs[split + "_plain"] = [pool.apply_async(tokenise_labelled, (*vsmec[split], False, 0, True))]
        if everyday:
            labelled_jobs["everyday"] = [pool.apply_async(tokenise_labelled, (everyday[0], everyday[1], True,
                                                                               args.seed + 99991))]
        if heldout:
            labelled_jobs["heldout"] = [pool.apply_async(tokenise_labelled, (heldout[0], heldout[1], False, 0))]
        social_path = os.path.join(data, "unlabelled", "social.txt.xz")
        sample = vsmec["valid"][0] + ([line for _, line in td.read_xz_lines(social_path, 500)]
                                      if os.path.exists(social_path) else [])
        check = pool.apply_async(td.check_fast_normalize, (sample,))

        lines = syllables = 0
        next_log = time.time() + args.log_every
        for source, first, count, text in pool.imap(tokenise_chunk, chunk_tasks(data, args.max_lines, run)):
            received[source].append((first, count, text))
            lines += count
            syllables += text.count(" ") + 1 - count
            if time.time() >= next_log:
                run.log(f"tokenised {lines:,} lines, {syllables:,} tokens ({syllables / (time.time() - START):,.0f}/s)")
                next_log = time.time() + args.log_every
            if time.time() > deadline:
                stopped_early = True
                run.log("tokenise budget reached: the rest of the unlabelled text is left out")
                break
        labelled = {name: [row for job in jobs for row in job.get()] for name, jobs in labelled_jobs.items()}
        mismatch = check.get()
        run.log(f"fast_normalize equals camxuc_text.normalize on {len(sample)} lines" if mismatch is None else
                f"WARNING: fast_normalize differs from camxuc_text.normalize on {mismatch!r}")
        pool.terminate()
    run.log(f"tokenised {lines:,} unlabelled lines, {syllables:,} tokens; labelled: "
            + ", ".join(f"{k} {len(v)}" for k, v in labelled.items()))

    # Vocabulary: the most frequent tokens of the unlabelled text and of the labelled training rows.
    counts = collections.Counter()
    counted = 0
    interleaved = list(received["social"]) + [c for pair in zip_longest(received["news"], received["wiki"])
                                              for c in pair if c is not None]
    for _, _, text in interleaved:
        tokens = text.split()
        counts.update(tokens)
        counted += len(tokens)
        if counted >= args.vocab_count_tokens:
            break
    for name in ("train", "everyday"):
        for tokens, _, mode in labelled.get(name, []):
            if mode == "orig":
                counts.update(tokens)
    counts.pop("[SEP]", None)
    ranked = sorted((t for t, c in counts.items() if c >= args.min_count), key=lambda t: (-counts[t], t))
    vocab = td.SPECIALS + ranked[:args.vocab - len(td.SPECIALS)]
    covered = sum(counts[t] for t in vocab[len(td.SPECIALS):]) / max(1, sum(counts.values()))
    folded_counts = collections.Counter()
    for token, c in counts.items():
        if c >= args.min_count:
            folded_counts[fold(token)] += c
    run.log(f"vocabulary {len(vocab):,} of {len(counts):,} distinct tokens (counted {counted:,}), "
            f"covering {covered:.2%} of running tokens; {len(folded_counts):,} folded forms")

    lookup = Lookup((t, i) for i, t in enumerate(vocab))
    lookup["[SEP]"] = td.SEP
    sources = {}
    for name in ("social", "news", "wiki"):
        chunks = received[name]
        if name != "social" and time.time() > deadline + 20:
            run.log(f"{name}: mapping skipped (over budget)")
            chunks = []
        sources[name] = Source(name, chunks, lookup)
        source = sources[name]
        run.log(f"{name}: {len(source.ends):,} lines, {len(source.flat) - len(source.ends):,} tokens")
    run.end("tokenise", lines=lines, tokens=syllables, stopped_early=stopped_early, vocab=len(vocab),
            distinct_tokens=len(counts), vocab_coverage=round(covered, 4),
            sources={n: {"lines": int(len(s.ends)), "tokens": int(len(s.flat) - len(s.ends))}
                     for n, s in sources.items()},
            labelled={k: len(v) for k, v in labelled.items()},
            everyday_train_rows=len(everyday[0]) if everyday else 0, heldout_rows=len(heldout[0]) if heldout else 0)
    return vocab, lookup, folded_counts, sources, labelled


def zip_longest(a, b):
    for i in range(max(len(a), len(b))):
        yield (a[i] if i < len(a) else None, b[i] if i < len(b) else None)


# ---------------------------------------------------------------------------------------------------- the teacher

class Block(nn.Module):
    def __init__(self, width, heads, ffn, dropout):
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.ff1 = nn.Linear(width, ffn)
        self.ff2 = nn.Linear(ffn, width)

    def forward(self, x, mask):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=self.dropout if self.training else 0.0)
        x = x + F.dropout(self.proj(a.transpose(1, 2).reshape(b, t, d)), self.dropout, self.training)
        return x + F.dropout(self.ff2(F.gelu(self.ff1(self.ln2(x)))), self.dropout, self.training)


class Encoder(nn.Module):
    def __init__(self, vocab, width, layers, heads, ffn, max_len, dropout=0.1):
        super().__init__()
        self.tokens = nn.Embedding(vocab, width)
        self.positions = nn.Embedding(max_len, width)
        self.blocks = nn.ModuleList(Block(width, heads, ffn, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.dropout = dropout
        self.mlm_dense = nn.Linear(width, width)
        self.mlm_norm = nn.LayerNorm(width)
        self.mlm_bias = nn.Parameter(torch.zeros(vocab))
        self.apply(self._init)
        for block in self.blocks:
            for linear in (block.proj, block.ff2):
                nn.init.normal_(linear.weight, std=0.02 / math.sqrt(2 * layers))

    @staticmethod
    def _init(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def forward(self, ids, mask=None):
        """ids [B, T]; mask [B, 1, 1, T] (True = a real token) or None; returns [B, T, width]."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = F.dropout(self.tokens(ids) + self.positions(positions), self.dropout, self.training)
        for block in self.blocks:
            x = block(x, mask)
        return self.norm(x)

    def mlm_logits(self, hidden):
        return F.linear(self.mlm_norm(F.gelu(self.mlm_dense(hidden))), self.tokens.weight, self.mlm_bias)


class Classifier(nn.Module):
    def __init__(self, encoder, width, classes, dropout=0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = dropout
        self.head = nn.Linear(width, classes)

    def forward(self, ids):
        real = ids != td.PAD
        hidden = self.encoder(ids, real[:, None, None, :])
        weights = real.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp_min(1)
        return self.head(F.dropout(pooled, self.dropout, self.training))


def autocast(device):
    return torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")


def phase_pretrain(run, args, device, vocab, sources, generator):
    deadline = run.begin("pretrain")
    encoder = Encoder(len(vocab), args.width, args.layers, args.heads, args.ffn, args.seq).to(device)
    parameters = sum(p.numel() for p in encoder.parameters())
    run.log(f"teacher encoder: {parameters / 1e6:.1f} M parameters ({len(vocab)} x {args.width} embeddings, "
            f"{args.layers} layers, {args.heads} heads, ffn {args.ffn})")
    span = args.seq - 1
    social = sources["social"].flat
    general = np.concatenate([sources["news"].flat, sources["wiki"].flat])
    cut = int(len(social) * 0.98)
    held = social[cut:]
    social = social[:cut]
    streams = []
    for stream in (social, general):
        if len(stream) > span + 1:
            streams.append(torch.from_numpy(stream.astype(np.int64)).to(device))
        else:
            streams.append(None)
    if streams[0] is None and streams[1] is None:
        run.log("no unlabelled text: pretraining skipped")
        run.end("pretrain", steps=0, parameters=parameters)
        return encoder
    share = args.social_share if streams[0] is not None and streams[1] is not None else (
        1.0 if streams[0] is not None else 0.0)
    offsets = torch.arange(span, device=device)
    cls_column = torch.full((args.batch, 1), td.CLS, dtype=torch.long, device=device)

    def windows(stream, count):
        starts = torch.randint(0, len(stream) - span, (count,), device=device, generator=generator)
        return stream[starts[:, None] + offsets]

    def batch_ids():
        n_social = int(round(args.batch * share))
        parts = []
        if n_social:
            parts.append(windows(streams[0], n_social))
        if args.batch - n_social:
            parts.append(windows(streams[1], args.batch - n_social))
        return torch.cat(parts)

    masked_per_row = max(1, round(0.15 * span))

    def mask_batch(tokens):
        """15 % of each window's positions, drawn among real tokens (not specials): 80 % become [MASK], 10 % a random
        token, 10 % stay. Fixed shapes, so no host sync. Returns (inputs with [CLS] first, positions in the inputs,
        targets with -100 where a row had too few real tokens)."""
        rows = len(tokens)
        candidates = tokens >= len(td.SPECIALS)
        score = torch.rand(tokens.shape, device=device, generator=generator).masked_fill(~candidates, -1.0)
        positions = score.topk(masked_per_row, dim=1).indices
        real = score.gather(1, positions) >= 0
        original = tokens.gather(1, positions)
        action = torch.rand(positions.shape, device=device, generator=generator)
        random_ids = torch.randint(len(td.SPECIALS), len(vocab), positions.shape, device=device, generator=generator)
        replaced = torch.where(action < 0.8, torch.full_like(original, td.MASK),
                               torch.where(action < 0.9, random_ids, original))
        inputs = tokens.scatter(1, positions, torch.where(real, replaced, original))
        targets = original.masked_fill(~real, -100)
        return torch.cat([cls_column[:rows], inputs], 1), positions + 1, targets

    def masked_logits(hidden, positions):
        picked = hidden.gather(1, positions[..., None].expand(-1, -1, hidden.shape[2]))
        return encoder.mlm_logits(picked).flatten(0, 1)

    decay = [p for n, p in encoder.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in encoder.named_parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=args.lr, betas=(0.9, 0.98), eps=1e-6, **fused(device))
    forward = encoder
    if args.compile and device.type == "cuda":
        try:
            forward = torch.compile(encoder)
            run.log("torch.compile: on")
        except Exception as error:  # noqa: BLE001
            run.log(f"torch.compile unavailable ({error}); eager")
    encoder.train()
    started = time.time()
    step, tokens_seen = 0, 0
    window_loss = torch.zeros((), device=device)
    window_correct = torch.zeros((), device=device)
    window_masked = torch.zeros((), device=device)
    window_steps, window_start, window_tokens = 0, time.time(), 0
    next_log = time.time() + min(args.log_every, 5.0)
    history = []
    snapshot = None  # the weights at the last log with a finite loss
    while time.time() < deadline and (args.pretrain_steps is None or step < args.pretrain_steps):
        fraction = min(1.0, (time.time() - started) / max(1.0, deadline - started))
        lr = args.lr * min(1.0, (step + 1) / args.warmup) * (0.1 + 0.45 * (1 + math.cos(math.pi * fraction)))
        for group in optimizer.param_groups:
            group["lr"] = lr
        inputs, positions, targets = mask_batch(batch_ids())
        targets = targets.flatten()
        try:
            with autocast(device):
                logits = masked_logits(forward(inputs), positions)
            loss = F.cross_entropy(logits.float(), targets, ignore_index=-100)
        except Exception as error:  # noqa: BLE001
            if forward is encoder:
                raise
            run.log(f"torch.compile failed ({type(error).__name__}: {error}); eager from here")
            forward = encoder
            continue
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
        optimizer.step()
        step += 1
        tokens_seen += inputs.numel()
        window_tokens += inputs.numel()
        window_steps += 1
        window_loss += loss.detach()
        window_correct += (logits.detach().argmax(-1) == targets).sum()
        window_masked += (targets >= 0).sum()
        if time.time() >= next_log:
            mean_loss = window_loss.item() / window_steps
            accuracy = window_correct.item() / max(1.0, window_masked.item())
            rate = window_tokens / (time.time() - window_start)
            if not math.isfinite(mean_loss):
                run.log(f"pretrain step {step}: loss {mean_loss}; back to the weights of the last log, stopping")
                if snapshot is not None:
                    encoder.load_state_dict(snapshot)
                break
            snapshot = {k: v.detach().clone() for k, v in encoder.state_dict().items()}
            run.log(f"pretrain step {step}: loss {mean_loss:.3f}, masked accuracy {accuracy:.3f}, lr {lr:.2e}, "
                    f"{rate:,.0f} tokens/s")
            history.append({"step": step, "seconds": round(time.time() - started, 1), "loss": round(mean_loss, 4),
                            "masked_accuracy": round(accuracy, 4), "tokens_per_second": round(rate)})
            window_loss.zero_(), window_correct.zero_(), window_masked.zero_()
            window_steps, window_start, window_tokens = 0, time.time(), 0
            next_log = time.time() + args.log_every
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.time() - started
    run.log(f"pretrained {step} steps, {tokens_seen:,} tokens in {seconds:.0f} s "
            f"({tokens_seen / max(seconds, 1e-9):,.0f} tokens/s)")

    # Masked-token loss on held-out social text.
    held_loss = held_accuracy = None
    if len(held) > span + 1:
        held_stream = torch.from_numpy(held.astype(np.int64)).to(device)
        encoder.eval()
        total, correct, count = 0.0, 0, 0
        with torch.no_grad():
            for _ in range(4):
                inputs, positions, targets = mask_batch(windows(held_stream, args.batch))
                targets = targets.flatten()
                with autocast(device):
                    logits = masked_logits(encoder(inputs), positions).float()
                total += F.cross_entropy(logits, targets, ignore_index=-100, reduction="sum").item()
                correct += (logits.argmax(-1) == targets).sum().item()
                count += (targets >= 0).sum().item()
        held_loss, held_accuracy = total / max(1, count), correct / max(1, count)
        run.log(f"held-out social: masked loss {held_loss:.3f}, accuracy {held_accuracy:.3f}")
    run.end("pretrain", steps=step, tokens=tokens_seen, tokens_per_second=round(tokens_seen / max(seconds, 1e-9)),
            parameters=parameters, held_out_masked_loss=held_loss, held_out_masked_accuracy=held_accuracy,
            history=history)
    return encoder


def fused(device):
    return {"fused": True} if device.type == "cuda" else {}


def pad_batch(rows, device, max_len=None):
    width = max(1, max(len(r) for r in rows))
    if max_len:
        width = min(width, max_len)
    out = np.zeros((len(rows), width), np.int64)
    for i, r in enumerate(rows):
        r = r[:width]
        out[i, :len(r)] = r
    return torch.from_numpy(out).to(device)


def class_weights(labels, power):
    counts = np.bincount(np.asarray(labels), minlength=len(LABELS)).astype(np.float64)
    weights = np.where(counts > 0, (counts.sum() / (len(LABELS) * np.maximum(counts, 1))) ** power, 0.0)
    return weights / weights[counts > 0].mean()


def evaluation_sets(labelled, encode):
    """{name: (encoded rows, labels)}: UIT-VSMEC valid and test as written and typed without diacritics, and the
    everyday held-out file when present (evaluation only)."""
    names = {"valid": "valid", "valid_without_diacritics": "valid_plain", "test": "test",
             "test_without_diacritics": "test_plain", "heldout": "heldout"}
    return {name: ([encode(t) for t, _, _ in labelled[key]], [y for _, y, _ in labelled[key]])
            for name, key in names.items() if labelled.get(key)}


def teacher_ids(tokens, lookup, seq):
    return [td.CLS] + [lookup[t] for t in tokens[:seq - 2]] + [td.SEP]


def teacher_logits(model, rows, device, batch=256):
    """Logits (float32 numpy) for id rows, batched by length."""
    model.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
    out = np.zeros((len(rows), len(LABELS)), np.float32)
    with torch.no_grad():
        for k in range(0, len(order), batch):
            part = order[k:k + batch]
            with autocast(device):
                z = model(pad_batch([rows[i] for i in part], device))
            out[part] = z.float().cpu().numpy()
    return out


def phase_finetune(run, args, device, encoder, lookup, labelled, generator):
    deadline = run.begin("finetune")
    train = [(teacher_ids(t, lookup, args.seq), y) for name in ("train", "everyday")
             for t, y, _ in labelled.get(name, [])]
    evaluation = evaluation_sets(labelled, lambda tokens: teacher_ids(tokens, lookup, args.seq))
    weights = class_weights([y for _, y in train], args.class_weight_power)
    run.log(f"fine-tuning on {len(train)} rows; class weights " +
            " ".join(f"{n[:4]} {w:.2f}" for n, w in zip(LABELS, weights)))
    model = Classifier(encoder, args.width, len(LABELS)).to(device)
    weight_tensor = torch.tensor(weights, dtype=torch.float32, device=device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.ft_lr, weight_decay=0.01, **fused(device))
    steps_per_epoch = math.ceil(len(train) / args.ft_batch)
    planned = steps_per_epoch * args.ft_epochs
    warmup = max(1, int(0.06 * planned))
    rng = np.random.default_rng(args.seed)
    best = {"f1": -1.0, "epoch": 0, "state": None}
    step, history, out_of_time = 0, [], False
    started = time.time()
    for epoch in range(args.ft_epochs):
        model.train()
        order = rng.permutation(len(train))
        total, seen = torch.zeros((), device=device), 0
        for k in range(0, len(order), args.ft_batch):
            if time.time() > deadline:
                out_of_time = True
                break
            part = order[k:k + args.ft_batch]
            ids = pad_batch([train[i][0] for i in part], device)
            y = torch.tensor([train[i][1] for i in part], device=device)
            # Linear warm-up, then linear decay to zero by the planned step or the deadline, whichever comes first.
            progress = max(step / planned, (time.time() - started) / max(1.0, deadline - started))
            lr = args.ft_lr * min((step + 1) / warmup, max(0.02, 1.0 - progress))
            for group in optimizer.param_groups:
                group["lr"] = lr
            with autocast(device):
                logits = model(ids)
            loss = F.cross_entropy(logits.float(), y, weight=weight_tensor)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            step += 1
            total += loss.detach() * len(part)
            seen += len(part)
        probabilities = td.softmax(teacher_logits(model, evaluation["valid"][0], device))
        s = td.scores(evaluation["valid"][1], probabilities)
        total = total.item()
        history.append({"epoch": epoch + 1, "steps": step, "train_loss": round(total / max(1, seen), 4),
                        "valid_weighted_f1": round(s["weighted_f1"], 4), "valid_macro_f1": round(s["macro_f1"], 4),
                        "partial": out_of_time})
        run.log(f"finetune epoch {epoch + 1}{' (partial)' if out_of_time else ''}: step {step}, "
                f"train loss {total / max(1, seen):.4f}, valid weighted F1 {s['weighted_f1']:.4f}, "
                f"macro F1 {s['macro_f1']:.4f}")
        if s["weighted_f1"] > best["f1"]:
            best = {"f1": s["weighted_f1"], "epoch": epoch + 1,
                    "state": {k: v.detach().clone() for k, v in model.state_dict().items()}}
        if out_of_time:
            run.log("finetune budget reached")
            break
    model.load_state_dict(best["state"])
    valid_logits = teacher_logits(model, evaluation["valid"][0], device)
    temperature = td.fit_temperature(valid_logits, evaluation["valid"][1])
    figures = {"best_epoch": best["epoch"], "temperature": temperature, "rows": len(train),
               "class_weights": [round(float(w), 4) for w in weights], "history": history}
    probabilities = {}
    for name, (rows, y) in evaluation.items():
        probabilities[name] = td.softmax(teacher_logits(model, rows, device) / temperature)
        s = td.scores(y, probabilities[name])
        figures[name] = s if name in ("valid", "test", "heldout") else td.brief(s)
        run.log(f"teacher {name}: weighted F1 {s['weighted_f1']:.4f}, macro F1 {s['macro_f1']:.4f}, "
                f"accuracy {s['accuracy']:.4f}")
    run.log(f"teacher valid recall: {td.recall_line(figures['valid'])}")
    run.log(f"teacher: best epoch {best['epoch']}, temperature {temperature}")
    run.metrics["teacher"] = figures
    run.end("finetune", best_epoch=best["epoch"], steps=step)
    return model, temperature, probabilities


def phase_label(run, args, device, model, temperature, sources, vocab):
    deadline = run.begin("label")
    rows = []  # (source code, line number, index in that source)
    for code, name in ((0, "social"), (1, "news")):
        source = sources[name]
        lengths = source.ends - source.starts
        candidates = np.flatnonzero(lengths > 0)
        limit = args.label_news if name == "news" else args.label_social
        if len(candidates) > limit:
            candidates = np.sort(np.random.default_rng(args.seed + code).choice(candidates, limit, replace=False))
        rows.extend((code, int(source.numbers[k]), int(k)) for k in candidates)
    names = {0: "social", 1: "news"}

    def ids_of(row):
        source = sources[names[row[0]]]
        k = row[2]
        body = source.flat[source.starts[k]:min(source.ends[k], source.starts[k] + args.seq - 2)]
        return np.concatenate([[td.CLS], body, [td.SEP]])

    order = sorted(range(len(rows)), key=lambda i: source_length(sources, names, rows[i]))
    probabilities = np.full((len(rows), len(LABELS)), np.nan, np.float32)
    model.eval()
    done = 0
    with torch.no_grad():
        for k in range(0, len(order), args.label_batch):
            if time.time() > deadline:
                run.log("label budget reached")
                break
            part = order[k:k + args.label_batch]
            with autocast(device):
                z = model(pad_batch([ids_of(rows[i]) for i in part], device))
            probabilities[part] = torch.softmax(z.float() / temperature, -1).cpu().numpy()
            done += len(part)
    keep = ~np.isnan(probabilities[:, 0])
    rows = [r for r, k in zip(rows, keep) if k]
    probabilities = probabilities[keep]
    run.log(f"labelled {len(rows):,} lines (social {sum(1 for r in rows if r[0] == 0):,}, "
            f"news {sum(1 for r in rows if r[0] == 1):,})")
    argmax = np.bincount(probabilities.argmax(1), minlength=len(LABELS)) if len(rows) else np.zeros(len(LABELS))
    mean = probabilities.mean(0) if len(rows) else np.zeros(len(LABELS))
    run.log("teacher labels, argmax share: " + " ".join(f"{n[:4]} {c / max(1, len(rows)):.3f}"
                                                       for n, c in zip(LABELS, argmax)))
    run.end("label", rows=len(rows), argmax_counts={n: int(c) for n, c in zip(LABELS, argmax)},
            mean_probabilities={n: round(float(p), 4) for n, p in zip(LABELS, mean)})
    return rows, probabilities


def source_length(sources, names, row):
    source = sources[names[row[0]]]
    return int(source.ends[row[2]] - source.starts[row[2]])


# ---------------------------------------------------------------------------------------------------- the student

class Student(nn.Module):
    """The BiLSTM student; student_eval.NumpyStudent is the same model written step by step."""

    def __init__(self, vocab, folded, embedding, hidden, classes, dropout=0.25):
        super().__init__()
        self.syllable_embedding = nn.Embedding(vocab, embedding)
        self.folded_embedding = nn.Embedding(folded, embedding)
        self.forward_lstm = nn.LSTM(embedding, hidden, batch_first=True)
        self.backward_lstm = nn.LSTM(embedding, hidden, batch_first=True)
        self.head = nn.Linear(4 * hidden, classes)
        self.dropout = dropout
        self.hidden = hidden

    def forward(self, syllables, folded, lengths):
        """syllables, folded [B, T] (each row's tokens first, then 0); lengths [B] (≥ 1)."""
        b, t = syllables.shape
        x = self.syllable_embedding(syllables) + self.folded_embedding(folded)
        x = F.dropout(x, self.dropout, self.training)
        forward, _ = self.forward_lstm(x)
        steps = torch.arange(t, device=x.device)[None, :]
        live = steps < lengths[:, None]
        reverse = torch.where(live, lengths[:, None] - 1 - steps, steps)
        backward, _ = self.backward_lstm(x.gather(1, reverse[..., None].expand(-1, -1, x.shape[2])))
        backward = backward.gather(1, reverse[..., None].expand(-1, -1, self.hidden))
        h = torch.cat([forward, backward], 2)
        weights = live[..., None].to(h.dtype)
        mean = (h * weights).sum(1) / lengths[:, None].to(h.dtype)
        peak = h.masked_fill(~live[..., None], float("-inf")).max(1).values
        features = F.dropout(torch.cat([mean, peak], 1), self.dropout, self.training)
        return self.head(features)

    def tensors(self):
        """The exported tensors: matrices float16, biases float32 (what student_eval and Swift read)."""
        half = lambda t: t.detach().to(torch.float16).cpu().contiguous()  # noqa: E731
        full = lambda t: t.detach().to(torch.float32).cpu().contiguous()  # noqa: E731
        out = {"syllable_embedding": half(self.syllable_embedding.weight),
               "folded_embedding": half(self.folded_embedding.weight),
               "head.weight": half(self.head.weight), "head.bias": full(self.head.bias)}
        for name, lstm in (("forward", self.forward_lstm), ("backward", self.backward_lstm)):
            out[name + ".weight_ih"] = half(lstm.weight_ih_l0)
            out[name + ".weight_hh"] = half(lstm.weight_hh_l0)
            out[name + ".bias_ih"] = full(lstm.bias_ih_l0)
            out[name + ".bias_hh"] = full(lstm.bias_hh_l0)
        return out


def student_bytes(vocab, folded, embedding, hidden):
    matrices = (vocab + folded) * embedding + 2 * 4 * hidden * (embedding + hidden) + len(LABELS) * 4 * hidden
    return 2 * matrices + 4 * (2 * 2 * 4 * hidden + len(LABELS))


class StudentEncoder:
    """Token strings → (syllable ids, folded ids, syllable ids of the folded tokens), cached per token."""

    def __init__(self, vocab, folded_vocab, max_tokens):
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.folded = {t: i for i, t in enumerate(folded_vocab)}
        self.max_tokens = max_tokens
        self.cache = {}

    def token(self, token):
        done = self.cache.get(token)
        if done is None:
            f = fold(token)
            done = (self.vocab.get(token, td.UNK), self.folded.get(f, td.UNK), self.vocab.get(f, td.UNK))
            self.cache[token] = done
        return done

    def encode(self, tokens):
        tokens = tokens[:self.max_tokens]
        if not tokens:
            return [td.UNK], [td.UNK], [td.UNK]
        triples = [self.token(t) for t in tokens]
        return [a for a, _, _ in triples], [b for _, b, _ in triples], [c for _, _, c in triples]


def padded(rows, width):
    out = np.zeros((len(rows), width), np.int32)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


def student_logits(model, encoded, device, batch=512):
    model.eval()
    out = np.zeros((len(encoded), len(LABELS)), np.float32)
    with torch.no_grad():
        for k in range(0, len(encoded), batch):
            part = encoded[k:k + batch]
            lengths = torch.tensor([len(s) for s, _ in part], device=device)
            width = int(lengths.max())
            syl = torch.from_numpy(padded([s for s, _ in part], width)).long().to(device)
            fol = torch.from_numpy(padded([f for _, f in part], width)).long().to(device)
            out[k:k + len(part)] = model(syl, fol, lengths).float().cpu().numpy()
    return out


def phase_distil(run, args, device, vocab, folded_counts, teacher_encoder, sources, labelled, label_rows,
                 label_probabilities, generator):
    deadline = run.begin("distil")
    # Sizes: the student's vocabulary is the head of the teacher's (the same ids); shrink to fit the size cap.
    student_vocab = min(args.student_vocab, len(vocab))
    folded_ranked = sorted(folded_counts, key=lambda t: (-folded_counts[t], t))
    folded_size = min(args.folded_vocab, len(folded_ranked) + td.STUDENT_SPECIALS)
    cap = args.student_max_mb * 1e6
    while student_bytes(student_vocab, folded_size, args.student_embedding, args.student_hidden) > cap:
        student_vocab = int(student_vocab * 0.95)
        folded_size = int(folded_size * 0.95)
    folded_vocab = ["[PAD]", "[UNK]"] + folded_ranked[:folded_size - td.STUDENT_SPECIALS]
    encoder = StudentEncoder(vocab[:student_vocab], folded_vocab, args.student_max_tokens)
    size = student_bytes(student_vocab, len(folded_vocab), args.student_embedding, args.student_hidden)
    run.log(f"student: vocab {student_vocab}, folded {len(folded_vocab)}, embedding {args.student_embedding}, "
            f"hidden {args.student_hidden}: {size / 1e6:.2f} MB as float16")

    # Examples: teacher-labelled lines (targets: soft probabilities; a folded variant for augmentation) and gold rows.
    line_tokens = {}
    for code, name in ((0, "social"), (1, "news")):
        wanted = {k for c, _, k in label_rows if c == code}
        line_tokens.update(((code, k), tokens) for k, tokens in sources[name].line_tokens(wanted).items())
    syl_rows, fol_rows, folded_syl_rows, soft, gold_labels = [], [], [], [], []
    for (code, _, k), p in zip(label_rows, label_probabilities):
        s, f, sf = encoder.encode(line_tokens[(code, k)])
        syl_rows.append(s), fol_rows.append(f), folded_syl_rows.append(sf)
        soft.append(p), gold_labels.append(-1)
    unlabelled_count = len(syl_rows)
    for _ in range(args.gold_repeat):
        for name in ("train", "everyday"):
            for tokens, y, _ in labelled.get(name, []):
                s, f, sf = encoder.encode(tokens)
                syl_rows.append(s), fol_rows.append(f), folded_syl_rows.append(s)
                soft.append(np.zeros(len(LABELS), np.float32)), gold_labels.append(y)
    count = len(syl_rows)
    lengths = np.array([len(s) for s in syl_rows], np.int64)
    width = int(lengths.max())
    syl_all = torch.from_numpy(padded(syl_rows, width)).to(device)
    fol_all = torch.from_numpy(padded(fol_rows, width)).to(device)
    folded_syl_all = torch.from_numpy(padded(folded_syl_rows, width)).to(device)
    soft_all = torch.from_numpy(np.asarray(soft, np.float32)).to(device)
    gold_all = torch.from_numpy(np.asarray(gold_labels, np.int64)).to(device)
    lengths_all = torch.from_numpy(lengths).to(device)
    weights = class_weights([y for y in gold_labels if y >= 0], args.class_weight_power)
    weight_tensor = torch.tensor(weights, dtype=torch.float32, device=device)
    run.log(f"distillation rows: {unlabelled_count:,} teacher-labelled, {count - unlabelled_count:,} gold; "
            f"mean length {lengths.mean():.1f}, max {width}")

    evaluation = evaluation_sets(labelled, lambda tokens: encoder.encode(tokens)[:2])

    model = Student(student_vocab, len(folded_vocab), args.student_embedding, args.student_hidden, len(LABELS),
                    args.student_dropout).to(device)
    with torch.no_grad():
        nn.init.normal_(model.folded_embedding.weight, std=0.1)
        if args.student_init == "teacher":
            # The teacher's syllable embeddings, projected on their first principal components.
            table = teacher_encoder.tokens.weight.detach().float()[:student_vocab]
            centred = table - table.mean(0, keepdim=True)
            _, _, v = torch.linalg.svd(centred[len(td.SPECIALS):], full_matrices=False)
            projected = centred @ v[:args.student_embedding].T  # fewer columns if the teacher is narrower
            model.syllable_embedding.weight.normal_(0.0, 0.3)
            model.syllable_embedding.weight[:, :projected.shape[1]] = projected / projected.std() * 0.3
            run.log("student syllable embeddings: the teacher's, projected on "
                    f"{args.student_embedding} principal components")
    parameters = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.Adam(model.parameters(), lr=args.student_lr)
    rng = np.random.default_rng(args.seed + 1)
    started = time.time()
    best = {"f1": -1.0, "epoch": 0, "state": None}
    step, history, out_of_time = 0, [], False
    is_unlabelled = torch.arange(count, device=device) < unlabelled_count
    for epoch in range(args.student_epochs):
        model.train()
        order = rng.permutation(count)
        # Length buckets: sort within groups of 50 batches, then shuffle the batches.
        group = args.student_batch * 50
        batches = []
        for g in range(0, count, group):
            part = order[g:g + group]
            part = part[np.argsort(lengths[part], kind="stable")]
            batches.extend(part[k:k + args.student_batch] for k in range(0, len(part), args.student_batch))
        rng.shuffle(batches)
        total, epoch_steps = torch.zeros((), device=device), 0
        for part in batches:
            if time.time() > deadline:
                out_of_time = True
                break
            fraction = min(1.0, (time.time() - started) / max(1.0, deadline - started))
            for param_group in optimizer.param_groups:
                param_group["lr"] = args.student_lr * (0.05 + 0.475 * (1 + math.cos(math.pi * fraction)))
            index = torch.from_numpy(part).to(device)
            w = int(lengths[part].max())
            coin = torch.rand(len(part), device=device, generator=generator)
            use_folded = (coin < args.fold_prob) & is_unlabelled[index]
            syl = torch.where(use_folded[:, None], folded_syl_all[index, :w], syl_all[index, :w]).long()
            fol = fol_all[index, :w].long()
            logits = model(syl, fol, lengths_all[index]).float()
            log_p = F.log_softmax(logits, -1)
            gold = gold_all[index]
            is_gold = gold >= 0
            soft_loss = -(soft_all[index] * log_p).sum(1)
            gold_loss = F.nll_loss(log_p, gold.clamp_min(0), weight=weight_tensor, reduction="none")
            loss = torch.where(is_gold, args.gold_weight * gold_loss, soft_loss).mean()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            total += loss.detach()
            step += 1
            epoch_steps += 1
        probabilities = td.softmax(student_logits(model, evaluation["valid"][0], device))
        s = td.scores(evaluation["valid"][1], probabilities)
        folded_f1 = td.scores(evaluation["valid_without_diacritics"][1],
                              td.softmax(student_logits(model, evaluation["valid_without_diacritics"][0], device)))
        history.append({"epoch": epoch + 1, "steps": step, "loss": round(total.item() / max(1, epoch_steps), 4),
                        "valid_weighted_f1": round(s["weighted_f1"], 4), "valid_macro_f1": round(s["macro_f1"], 4),
                        "valid_without_diacritics_weighted_f1": round(folded_f1["weighted_f1"], 4),
                        "partial": out_of_time})
        run.log(f"distil epoch {epoch + 1}{' (partial)' if out_of_time else ''}: step {step}, "
                f"loss {history[-1]['loss']:.4f}, valid weighted F1 {s['weighted_f1']:.4f}, macro {s['macro_f1']:.4f}, "
                f"no diacritics {folded_f1['weighted_f1']:.4f}")
        if s["weighted_f1"] > best["f1"]:
            best = {"f1": s["weighted_f1"], "epoch": epoch + 1,
                    "state": {k: v.detach().clone() for k, v in model.state_dict().items()}}
        if out_of_time:
            run.log("distil budget reached")
            break
    model.load_state_dict(best["state"])
    model.cpu()
    device = torch.device("cpu")
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2:  # what float16 storage keeps
                p.copy_(p.to(torch.float16).to(torch.float32))
    valid_logits = student_logits(model, evaluation["valid"][0], device)
    temperature = td.fit_temperature(valid_logits, evaluation["valid"][1])
    figures = {"best_epoch": best["epoch"], "temperature": temperature, "parameters": parameters,
               "bytes_float16": size, "vocab": student_vocab, "folded_vocab": len(folded_vocab),
               "rows_teacher_labelled": unlabelled_count, "rows_gold": count - unlabelled_count,
               "class_weights": [round(float(w), 4) for w in weights], "history": history}
    probabilities = {}
    for name, (rows, y) in evaluation.items():
        probabilities[name] = td.softmax(student_logits(model, rows, device) / temperature)
        s = td.scores(y, probabilities[name])
        figures[name] = s if name in ("valid", "test", "heldout") else td.brief(s)
        run.log(f"student {name}: weighted F1 {s['weighted_f1']:.4f}, macro F1 {s['macro_f1']:.4f}, "
                f"accuracy {s['accuracy']:.4f}")
    run.log(f"student valid recall: {td.recall_line(figures['valid'])}")
    run.log(f"student: {parameters:,} parameters, best epoch {best['epoch']}, temperature {temperature}")
    run.metrics["student"] = figures
    run.end("distil", steps=step, epochs=len(history), best_epoch=best["epoch"])
    return model, encoder, folded_vocab, temperature, probabilities, evaluation


# ------------------------------------------------------------------------------------------------------- outputs

def export(run, args, vocab, model, encoder, folded_vocab, temperature, evaluation, student_probabilities,
           teacher_encoder, label_rows, label_probabilities, teacher_temperature, teacher_probabilities):
    out = args.out
    tensors = model.tensors()
    metadata = {"format": "camxuc-emotion-bilstm", "version": "1"}
    save_file(tensors, os.path.join(out, "student.safetensors"), metadata=metadata)
    config = {
        "name": "emotion-vi-student", "version": 1, "architecture": "bilstm-mean-max",
        "normalization": td.normalization_version(),
        "normalization_source": "Models/training/camxuc_text.py normalize (= Sources/CamXucText)",
        "labels": [{"code": code, "vi": vi, "en": en, "valence": CIRCUMPLEX[code][0], "arousal": CIRCUMPLEX[code][1]}
                   for code, vi, en in zip(LABELS, NAMES_VI, NAMES_EN)],
        "temperature": temperature, "max_tokens": args.student_max_tokens,
        "embedding": args.student_embedding, "hidden": args.student_hidden, "pad": td.PAD, "unk": td.UNK,
        "input": "tokens = normalize(text)[:max_tokens] (no tokens: one [UNK]); x[t] = syllable_embedding[index of "
                 "token t in vocab, else unk] + folded_embedding[index of fold(token t) in folded_vocab, else unk]",
        "gate_order": "input, forget, cell, output (PyTorch); gates = W_ih x + b_ih + W_hh h + b_hh",
        "recurrence": "forward: an LSTM over x[0..n-1]; backward: a second LSTM over x[n-1..0], its outputs put back "
                      "in text order; h[t] = [forward[t], backward[t]]; zero initial states",
        "pooling": "features = [mean over t of h[t], max over t of h[t]] (4 * hidden); "
                   "p = softmax((head.weight . features + head.bias) / temperature)",
        "tensors": {name: {"dtype": {torch.float16: "F16", torch.float32: "F32"}[t.dtype], "shape": list(t.shape)}
                    for name, t in tensors.items()},
        "vocab": encoder_vocab(encoder), "folded_vocab": folded_vocab,
    }
    # Cross-check: the exported tensors through the step-by-step numpy model give the torch model's probabilities.
    reference = NumpyStudent(config, {k: v.float().numpy() for k, v in tensors.items()})
    valid_rows = evaluation["valid"][0]
    numpy_probabilities = td.softmax(reference.logits(valid_rows) / temperature)
    difference = float(np.abs(numpy_probabilities - student_probabilities["valid"]).max())
    run.log(f"numpy reference vs torch on valid: max |dp| = {difference:.2e}")
    run.metrics["student"]["numpy_reference_max_abs_difference"] = difference
    texts = load_valid_texts(args)
    golden = []
    for i, text in enumerate(texts[:16] + [fold(x) for x in texts[16:24]]):
        s, f = reference.encode(text)
        golden.append({"text": text, "syllable_ids": s, "folded_ids": f,
                       "probabilities": [round(float(p), 6) for p in
                                         td.softmax(reference.logits([(s, f)])[0] / temperature)]})
    config["golden"] = golden
    config["training"] = {k: run.metrics.get("student", {}).get(k) for k in ("best_epoch", "parameters")}
    config["training"]["valid"] = td.brief(run.metrics["student"]["valid"])
    config["training"]["teacher_valid"] = td.brief(run.metrics["teacher"]["valid"])
    with open(os.path.join(out, "student.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=0)

    label_rows = np.asarray(label_rows, dtype=np.int64).reshape(-1, 3)
    arrays = {
        "labels": np.array(LABELS),
        "source": label_rows[:, 0].astype(np.uint8),
        "line": label_rows[:, 1].astype(np.int32),
        "probabilities_u8": np.clip(np.rint(label_probabilities * 255), 0, 255).astype(np.uint8),
        "teacher_temperature": np.array(teacher_temperature, np.float32),
        "source_names": np.array(["unlabelled/social.txt.xz", "unlabelled/news.txt.xz"]),
        "note": np.array("row i: the teacher's probabilities (uint8, p * 255 rounded; temperature applied) for line "
                         "line[i] (0-based) of source_names[source[i]], read as the first 126 normalised tokens; "
                         "teacher_* arrays: its float16 probabilities for UIT-VSMEC valid/test (and the held-out "
                         "file) in file order"),
    }
    for name, p in teacher_probabilities.items():
        arrays["teacher_" + name] = p.astype(np.float16)
    np.savez_compressed(os.path.join(out, "teacher-labels.npz"), **arrays)

    if args.teacher_embeddings:
        table = teacher_encoder.tokens.weight.detach().float()
        centred = table - table.mean(0, keepdim=True)
        _, _, v = torch.linalg.svd(centred[len(td.SPECIALS):], full_matrices=False)
        components = min(args.student_embedding, v.shape[0])
        projected = (centred @ v[:components].T).to(torch.float16).cpu().contiguous()
        if projected.numel() * 2 < MAX_FILE_BYTES - 4_000_000:
            save_file({"embeddings": projected}, os.path.join(out, "teacher-embeddings.safetensors"),
                      metadata={"format": "camxuc-teacher-embeddings", "vocab": json.dumps(vocab, ensure_ascii=False),
                                "note": f"the teacher's input embeddings on their first {components} principal "
                                        "components"})


def encoder_vocab(encoder):
    return [t for t, _ in sorted(encoder.vocab.items(), key=lambda item: item[1])]


def load_valid_texts(args):
    return td.load_vsmec(args.data, "valid")[0]


def check_outputs(run, args):
    """Keeps OUT within the limits of what comes back: at most 8 files, each under 16 MiB, 64 MiB in all."""
    optional = ["teacher-embeddings.safetensors", "teacher-labels.npz"]
    for name in sorted(os.listdir(args.out)):
        path = os.path.join(args.out, name)
        if name.endswith(".tmp") or not os.path.isfile(path) or not OUTPUT_NAME.match(name):
            os.remove(path) if os.path.isfile(path) else None
            run.log(f"removed {name}")
    while True:
        files = {n: os.path.getsize(os.path.join(args.out, n)) for n in os.listdir(args.out)}
        too_big = [n for n, s in files.items() if s > MAX_FILE_BYTES]
        if not too_big and sum(files.values()) <= MAX_TOTAL_BYTES and len(files) <= 8:
            break
        victim = next((n for n in optional if n in files), None) or (too_big[0] if too_big else None)
        if victim is None:
            run.log("warning: outputs exceed the limits and nothing optional is left to drop")
            break
        os.remove(os.path.join(args.out, victim))
        run.log(f"removed {victim} to stay within the output limits")
    files = {n: os.path.getsize(os.path.join(args.out, n)) for n in sorted(os.listdir(args.out))}
    run.metrics["outputs"] = files
    run.log("outputs: " + ", ".join(f"{n} {s / 1e6:.2f} MB" for n, s in files.items()))


# ---------------------------------------------------------------------------------------------------------- main

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--data", required=True, help="folder with unlabelled/, UIT-VSMEC/ and optionally everyday/")
    parser.add_argument("--out", required=True, help="output folder ($OUT)")
    parser.add_argument("--device", default="auto", choices=["auto", "cuda", "cpu"])
    parser.add_argument("--tiny", action="store_true", help="tiny sizes and caps: the whole pipeline in ~1 min on CPU")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--compile", action="store_true", help="torch.compile the encoder for pretraining (CUDA)")
    parser.add_argument("--pretrain-steps", type=int, default=None, help="stop pretraining after this many steps")
    parser.add_argument("--class-weight-power", type=float, default=0.5,
                        help="class weights (N / (K n_c)) ** power, mean 1")
    parser.add_argument("--gold-weight", type=float, default=1.0, help="weight of gold rows in the distillation loss")
    parser.add_argument("--gold-repeat", type=int, default=1, help="copies of the gold rows in each distil epoch")
    parser.add_argument("--fold-prob", type=float, default=0.3,
                        help="chance a teacher-labelled row is shown to the student without diacritics")
    parser.add_argument("--student-dropout", type=float, default=0.25)
    parser.add_argument("--student-max-tokens", type=int, default=128)
    parser.add_argument("--student-max-mb", type=float, default=9.5, help="cap on student.safetensors (MB)")
    parser.add_argument("--student-init", default="teacher", choices=["teacher", "random"])
    parser.add_argument("--no-teacher-embeddings", dest="teacher_embeddings", action="store_false")
    for name, value in DEFAULTS.items():
        kind = type(value) if value is not None else int
        parser.add_argument("--" + name.replace("_", "-"), type=kind, default=None,
                            help=f"default {value}" + (f", --tiny {TINY[name]}" if name in TINY else ""))
    args = parser.parse_args()
    for name, value in DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, TINY.get(name, value) if args.tiny and name in TINY else value)
    return args


def main():
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    run = Run(args)
    run.log(f"gpu_teacher: python {sys.version.split()[0]}, torch {torch.__version__}, numpy {np.__version__}, "
            f"{args.workers} workers, deadline {args.deadline_minutes} min, normalisation {td.normalization_version()}")
    try:
        # Tokenise first: the workers fork before CUDA starts.
        vocab, lookup, folded_counts, sources, labelled = phase_tokenise(run, args)
        if args.device == "auto":
            device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        else:
            device = torch.device(args.device)
        if args.threads:
            torch.set_num_threads(args.threads)
        if device.type == "cuda":
            torch.cuda.manual_seed_all(args.seed)
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
            run.log(f"device: {torch.cuda.get_device_name(0)}")
        else:
            run.log(f"device: cpu, {torch.get_num_threads()} threads")
        run.metrics["device"] = str(device)
        generator = torch.Generator(device=device)
        generator.manual_seed(args.seed)
        encoder = phase_pretrain(run, args, device, vocab, sources, generator)
        model, teacher_temperature, teacher_probabilities = phase_finetune(run, args, device, encoder, lookup,
                                                                            labelled, generator)
        label_rows, label_probabilities = phase_label(run, args, device, model, teacher_temperature, sources, vocab)
        student, encoder_s, folded_vocab, temperature, student_probabilities, evaluation = phase_distil(
            run, args, device, vocab, folded_counts, encoder, sources, labelled, label_rows, label_probabilities,
            generator)
        export(run, args, vocab, student, encoder_s, folded_vocab, temperature, evaluation, student_probabilities,
               encoder, label_rows, label_probabilities, teacher_temperature, teacher_probabilities)
        headline = {
            "teacher_valid": td.brief(run.metrics["teacher"]["valid"]),
            "teacher_test": td.brief(run.metrics["teacher"]["test"]),
            "student_valid": td.brief(run.metrics["student"]["valid"]),
            "student_test": td.brief(run.metrics["student"]["test"]),
            "student_valid_without_diacritics": run.metrics["student"]["valid_without_diacritics"],
        }
        if "heldout" in run.metrics["teacher"]:
            headline["teacher_heldout_accuracy"] = round(run.metrics["teacher"]["heldout"]["accuracy"], 4)
            headline["student_heldout_accuracy"] = round(run.metrics["student"]["heldout"]["accuracy"], 4)
        run.metrics["headline"] = headline
        run.log("headline: " + json.dumps(headline, ensure_ascii=False))
    except Exception:
        run.log("FAILED:\n" + traceback.format_exc())
        run.save_metrics()
        raise
    finally:
        run.metrics["seconds"] = round(time.time() - START, 1)
        run.save_metrics()
    check_outputs(run, args)
    run.log(f"done in {time.time() - START:.1f} s")
    run.save_metrics()
    run.log_file.close()


if __name__ == "__main__":
    main()
