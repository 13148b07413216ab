"""Trains CamXuc's emotion-conditioned music LSTM.

    make train-music     (or: Models/training/.venv/bin/python Models/training/train_music.py)

Model: Embedding(239 events, 128) → 2-layer LSTM (256) → Linear(256 → 239). Every step's input is the event's
embedding concatenated with the condition (valence, arousal, 1), or (0, 0, 0) when the condition is dropped — at
random for 30 % of labelled windows, and always for unlabelled data — so the one model samples both conditioned
and unconditioned, which classifier-free guidance needs (logits = uncond + w·(cond − uncond)).

Data: Models/training/data/music-*.npz from prepare_music_data.py (run first if missing). Windows of 256 events
with a random start; 40 % of each batch from the labelled sets (EMOPIA, VGMIDI phrases); every window transposed
by a random −5…+6 semitones (notes leaving the piano's range are dropped with their duration). Validation NLL per
event on EMOPIA's held-out songs, every `--eval-every` steps; the best model is kept.

Seeded; writes Models/training/checkpoints/music-lstm.pt every evaluation and resumes from it; logs progress to
stdout (make train-music tees it to Models/training/runs/music.log). `--minutes` bounds the run.
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
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from camxuc_music import Vocabulary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
CHECKPOINTS = os.path.join(HERE, "checkpoints")


def log(message):
    print(time.strftime("%H:%M:%S"), message, flush=True)


class MusicLSTM(nn.Module):
    def __init__(self, vocabulary_size, embedding=128, hidden=256, layers=2, condition=3):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary_size, embedding)
        self.lstm = nn.LSTM(embedding + condition, hidden, num_layers=layers, batch_first=True)
        self.output = nn.Linear(hidden, vocabulary_size)
        self.config = {"embedding": embedding, "hidden": hidden, "layers": layers, "condition": condition,
                       "vocabulary": vocabulary_size}

    def forward(self, tokens, condition, state=None):
        """tokens [B, T], condition [B, 3] → logits [B, T, V], state."""
        x = self.embedding(tokens)
        c = condition[:, None, :].expand(-1, tokens.shape[1], -1)
        y, state = self.lstm(torch.cat([x, c], dim=2), state)
        return self.output(y), state


class Corpus:
    def __init__(self, split, vocabulary):
        data = np.load(os.path.join(DATA, f"music-{split}.npz"))
        self.tokens = torch.from_numpy(data["tokens"].astype(np.int64))
        self.offsets = data["offsets"]
        self.valence = data["valence"]
        self.arousal = data["arousal"]
        self.labelled = data["labelled"]
        self.source = data["source"]
        self.vocabulary = vocabulary
        self.lengths = np.diff(self.offsets)

    def indices(self, labelled):
        return np.nonzero(self.labelled == labelled)[0]

    def window(self, sequence, length, rng, transpose):
        start, end = self.offsets[sequence], self.offsets[sequence + 1]
        if end - start > length + 1:
            start = start + rng.randrange(0, end - start - length - 1)
        window = self.tokens[start:min(end, start + length + 1)].clone()
        if transpose:
            v = self.vocabulary
            shift = rng.randint(-5, 6)
            notes = (window >= v.note_base) & (window < v.duration_base)
            moved = window + shift
            bad = notes & ((moved < v.note_base) | (moved >= v.duration_base))
            window = torch.where(notes & ~bad, moved, window)
            if bad.any():  # drop the out-of-range notes and the DURATION after each
                keep = torch.ones_like(window, dtype=torch.bool)
                positions = torch.nonzero(bad).flatten().tolist()
                for p in positions:
                    keep[p] = False
                    if p + 1 < len(window):
                        keep[p + 1] = False
                window = window[keep]
        return window


def batch_from(corpus, sequences, length, rng, drop_probability, transpose=True):
    windows, conditions = [], []
    for s in sequences:
        window = corpus.window(s, length, rng, transpose)
        windows.append(window)
        if corpus.labelled[s] and rng.random() >= drop_probability:
            conditions.append([float(corpus.valence[s]), float(corpus.arousal[s]), 1.0])
        else:
            conditions.append([0.0, 0.0, 0.0])
    longest = max(len(w) for w in windows)
    tokens = torch.zeros(len(windows), longest, dtype=torch.long)
    mask = torch.zeros(len(windows), longest - 1, dtype=torch.bool)
    for i, w in enumerate(windows):
        tokens[i, :len(w)] = w
        mask[i, :len(w) - 1] = True
    return tokens, torch.tensor(conditions), mask


def evaluate(model, corpus, sequences, length=512, conditioned=True):
    """Mean NLL per event (nats) over whole sequences cut into windows, conditioned on each sequence's label."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for s in sequences:
            tokens = corpus.tokens[corpus.offsets[s]:corpus.offsets[s + 1]]
            condition = torch.tensor([[float(corpus.valence[s]), float(corpus.arousal[s]), 1.0]
                                      if conditioned and corpus.labelled[s] else [0.0, 0.0, 0.0]])
            state = None
            for start in range(0, len(tokens) - 1, length):
                chunk = tokens[start:start + length + 1][None, :]
                if chunk.shape[1] < 2:
                    break
                logits, state = model(chunk[:, :-1], condition, state)
                loss = nn.functional.cross_entropy(logits[0], chunk[0, 1:], reduction="sum")
                total += loss.item()
                count += chunk.shape[1] - 1
    model.train()
    return total / max(count, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=85)
    parser.add_argument("--batch", type=int, default=24)
    parser.add_argument("--length", type=int, default=256)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--labelled-share", type=float, default=0.4)
    parser.add_argument("--drop", type=float, default=0.3)
    parser.add_argument("--eval-every", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--until-step", type=int, default=None,
                        help="stop at this step (with --minutes as a time bound too); a checkpoint already there does nothing")
    parser.add_argument("--resume-lr", type=float, default=None,
                        help="learning rate after resuming (the optimizer state otherwise keeps the saved one)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    vocabulary = Vocabulary()
    train = Corpus("train", vocabulary)
    valid = Corpus("valid", vocabulary)
    labelled, unlabelled = train.indices(True), train.indices(False)
    valid_emopia = [i for i in range(len(valid.labelled)) if valid.source[i] == 0]
    weights_unlabelled = train.lengths[unlabelled] / train.lengths[unlabelled].sum()
    log(f"train: {len(labelled)} labelled and {len(unlabelled)} unlabelled sequences, {len(train.tokens):,} events; "
        f"valid EMOPIA: {len(valid_emopia)} clips")

    model = MusicLSTM(len(vocabulary))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    os.makedirs(CHECKPOINTS, exist_ok=True)
    checkpoint = os.path.join(CHECKPOINTS, "music-lstm.pt")
    step, events_seen, best = 0, 0, {"nll": float("inf"), "step": 0, "state": None}
    history = []
    if os.path.exists(checkpoint) and not args.fresh:
        saved = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        step, events_seen, best, history = saved["step"], saved["events"], saved["best"], saved["history"]
        rng.setstate(saved["random"])
        log(f"resumed at step {step} ({events_seen:,} events), best valid NLL {best['nll']:.4f}")
        if args.resume_lr is not None:
            for group in optimizer.param_groups:
                group["lr"] = args.resume_lr
            log(f"learning rate now {args.resume_lr}")
    parameters = sum(p.numel() for p in model.parameters())
    log(f"model: {parameters:,} parameters")
    deadline = time.time() + args.minutes * 60
    clock = time.time()
    np_rng = np.random.default_rng(args.seed + step)
    while time.time() < deadline and (args.until_step is None or step < args.until_step):
        n_labelled = sum(1 for _ in range(args.batch) if rng.random() < args.labelled_share)
        sequences = [int(rng.choice(labelled)) for _ in range(n_labelled)]
        sequences += [int(s) for s in np_rng.choice(unlabelled, size=args.batch - n_labelled, p=weights_unlabelled)]
        tokens, condition, mask = batch_from(train, sequences, args.length, rng, args.drop)
        logits, _ = model(tokens[:, :-1], condition)
        loss = nn.functional.cross_entropy(logits[mask], tokens[:, 1:][mask])
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        events_seen += int(mask.sum())
        if step % 50 == 0:
            rate = 50 * args.batch * args.length / (time.time() - clock)
            clock = time.time()
            log(f"step {step}: train loss {loss.item():.4f}, {rate:,.0f} events/s")
        if step % args.eval_every == 0:
            nll = evaluate(model, valid, valid_emopia)
            history.append({"step": step, "events": events_seen, "valid_nll": nll})
            if nll < best["nll"]:
                best = {"nll": nll, "step": step, "state": {k: v.clone() for k, v in model.state_dict().items()}}
            log(f"step {step}: valid NLL {nll:.4f} nats/event (best {best['nll']:.4f} at step {best['step']})")
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                        "events": events_seen, "best": best, "history": history, "random": rng.getstate(),
                        "config": model.config, "args": vars(args)}, checkpoint)
            clock = time.time()
    log(f"stopped after {step} steps, {events_seen:,} events; best valid NLL {best['nll']:.4f} at step {best['step']}")
    with open(os.path.join(HERE, "runs", "music-history.json"), "w") as f:
        json.dump({"history": history, "best_step": best["step"], "best_nll": best["nll"], "parameters": parameters,
                   "config": model.config, "args": vars(args)}, f, indent=1)


if __name__ == "__main__":
    main()
