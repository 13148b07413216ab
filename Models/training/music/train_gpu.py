"""Trains the chord-conditioned music LSTM in one run (one H200, about six minutes), or tiny on CPU as a check.

    PYTHONUNBUFFERED=1 python Models/training/music/train_gpu.py --minutes 5 --out "$OUT"               (GPU)
    Models/training/.venv/bin/python Models/training/music/train_gpu.py --device cpu --tiny --out /tmp/cx_music

Data: Models/training/data/music-chords-{train,valid}.npz from prepare.py (`--data` to move it). Needs torch, numpy
and safetensors; nothing outside the repository.

Model (per step t; sizes for the default run):
  x[t] = [ event_embedding[token t]          (128)
         | chord_embedding[chord id t]       (32)   chord in force at the event (chords.py ids: 0 N, 1 + 2·root +
                                                    minor with the root relative to the key's tonic, 25 unknown)
         | key_embedding[key id]             (16)   tonic pitch class, + 12 for minor; 24 unknown
         | chord tones                       (12)   1 at the absolute pitch classes of the chord's triad
         | chord root                        (12)   1 at the absolute pitch class of its root (both all 0 for N,
                                                    an unknown chord or an unknown key; `chord_tones` below)
         | valence, arousal, present         (3)    (0, 0, 0) when the condition is dropped
         | copy_three, copy_two ]            (88 + 88, `--copy` only) lookback: one-hot of the pitch that followed
                                                    the latest earlier occurrence of the last three / two NOTEs
                                                    (CopyContext), all 0 for none
  → LSTM (2 layers, hidden 512, PyTorch gate order i, f, g, o) → Linear(512 → 239) = logits of event t + 1.
Training windows of `--length` events at random places, `--labelled-share` of each batch from the labelled pieces
(EMOPIA, VGMIDI phrases; uniform per piece), the rest from the unlabelled ones (by length). Each window is
transposed by a random −6…+5 semitones (12 keys), limited so no note leaves the piano; the key id moves with it,
the key-relative chord ids do not. The condition is dropped for `--drop` of labelled windows and always for
unlabelled ones (classifier-free guidance, as today); the chord track and key are both set to unknown for
`--chord-drop` of the windows, so the model also runs without a chord plan. Dropout between the LSTM layers and
before the output. AdamW, a linear warm-up, then a cosine decay over the time budget (`--minutes`: the training loop
with its evaluations; start-up, the final export and the generation check come on top, about half a minute on GPU).
On CUDA: bf16 autocast when `--amp bf16`, or `--amp auto` (default) times a few steps with and without it and keeps
the faster one (and falls back to float32 if cuDNN refuses bf16); TF32 is allowed.

Validation (every `--eval-seconds`): NLL per event on EMOPIA's held-out songs (prepare_music_data's split, the same
events as today's 2.566 nats/event), each clip whole, conditioned on its label, three ways: with its chord track and
key ("chords"), with both unknown ("no chords", the figure comparable with today's model), and with the chords but
the condition dropped ("chords, unconditioned"); and over NOTE targets alone with and without chords (where the
chord track should tell most); and how much valence the condition carries: each clip's NLL with its valence
flipped minus with its own, per event, and the share of clips likelier under their own valence. The best "chords"
model is kept and exported at every improvement (`--select last`: the latest evaluated), so a run cut short still
leaves its best weights and config. `--valence-contrast W` adds W · −log σ(NLL(valence flipped) − NLL(own valence))
per window with a clear valence (summed over its events), a generative-classifier term that likelihood alone barely
asks for; `--contrast-events notes` sums it over NOTE targets only.

Generation check at the end (`--check-takes` per quadrant, `--check-steps` events each): takes sampled from chord
plans drawn from Models/music-progressions.json in random keys (temperature 1, top-k 40, top-p 0.95, guidance 2.5),
once with the plan given and once withheld (chord 25, key 24) as the control; it logs the share of notes that are
tones of the planned chord, how often the Krumhansl key of the take is the planned key, and notes per second.

Outputs in --out (6 files, each under 16 MiB):
  music-lstm-chords.safetensors  the best weights (float16 by default, `--dtype float32`), PyTorch's names
  music-lstm-chords.json         config for Swift: sizes, input layout, chord and key ids, condition, gate order,
                                 dtype, validation figures, history, the tensors
  music-lstm-chords-golden.json  fixture for the Swift port: logits over a 32-event prefix of a held-out clip
                                 (with its chords and key), and 128-step argmax continuations at guidance 1 and
                                 2.5 with the chord and key held, computed from the exported (rounded) weights
  history.json                   every evaluation, the train loss log and the generation check
  log.txt                        the lines printed, stamped
  args.json                      the arguments
"""
import time

START = time.time()

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, TRAINING)
from camxuc_music import Vocabulary  # noqa: E402
from camxuc_judge_features import MAJOR, MINOR  # noqa: E402
from safetensors.torch import save_file  # noqa: E402

# The same constants as chords.py and prepare.py (kept here too so that the GPU machine needs only this file, the
# vocabulary module and the data).
NO_CHORD, UNKNOWN_CHORD, CHORD_COUNT = 0, 25, 26
UNKNOWN_KEY, KEY_COUNT = 24, 25
LOOKAHEAD_SECONDS = 0.025
EMOPIA_SOURCE = 0
TONE_FEATURES = 24
MAX_FILE_BYTES = 16 * 1024 * 1024 - 4096
PROGRESSIONS = os.path.join(os.path.dirname(TRAINING), "music-progressions.json")
NO_COPY = -1


class CopyContext:
    """The lookback inputs (`--copy`): after each event, the pitch that followed the latest earlier occurrence of the
    last three NOTEs, and of the last two, in the piece so far (pitch indices 0…87 of NOTE tokens, −1 for none).
    Only NOTE tokens count; velocity, duration and time shifts are skipped. Swift's `CopyContext` is the same rule."""

    def __init__(self, note_base, duration_base):
        self.note_base, self.duration_base = note_base, duration_base
        self.notes, self.after2, self.after3 = [], {}, {}

    def observe(self, token):
        if not (self.note_base <= token < self.duration_base):
            return
        pitch, n = token - self.note_base, self.notes
        if len(n) >= 2:
            self.after2[(n[-2], n[-1])] = pitch
        if len(n) >= 3:
            self.after3[(n[-3], n[-2], n[-1])] = pitch
        n.append(pitch)
        if len(n) > 3:
            del n[0]

    def candidates(self):
        n = self.notes
        three = self.after3.get(tuple(n[-3:]), NO_COPY) if len(n) >= 3 else NO_COPY
        two = self.after2.get(tuple(n[-2:]), NO_COPY) if len(n) >= 2 else NO_COPY
        return three, two


def copy_candidates(tokens, offsets, note_base, duration_base):
    """[events, 2] int16: CopyContext's candidates after each event, the context starting afresh with each piece."""
    out = np.full((len(tokens), 2), NO_COPY, dtype=np.int16)
    tokens = tokens.tolist()
    for piece in range(len(offsets) - 1):
        context = CopyContext(note_base, duration_base)
        for i in range(int(offsets[piece]), int(offsets[piece + 1])):
            context.observe(tokens[i])
            if context.notes:
                out[i] = context.candidates()
    return out


def copy_features(copies, pitches):
    """[..., 2] candidate indices (−1 none) → [..., 2·pitches] floats: a one-hot per candidate, zeros for none."""
    one_hot = F.one_hot((copies.long() + 1).clamp(min=0), pitches + 1)[..., 1:].float()
    return one_hot.reshape(*copies.shape[:-1], 2 * pitches)

DEFAULTS = dict(minutes=5.0, batch=256, length=512, embedding=128, chord_embedding=32, key_embedding=16,
                hidden=512, layers=2, dropout=0.2, lr=2e-3, min_lr_share=0.05, warmup=100, weight_decay=0.01,
                labelled_share=0.25, drop=0.3, chord_drop=0.15, eval_seconds=30.0, valid_limit=0, log_every=50,
                threads=0, check_takes=16, check_steps=768)
TINY = dict(minutes=0.6, batch=8, length=128, embedding=32, chord_embedding=8, key_embedding=4, hidden=64,
            layers=2, warmup=10, eval_seconds=15.0, valid_limit=24, log_every=200, threads=1,
            check_takes=2, check_steps=160)


class Log:
    def __init__(self, out):
        self.file = open(os.path.join(out, "log.txt"), "w", encoding="utf-8")

    def __call__(self, message):
        line = f"{time.strftime('%H:%M:%S')} +{time.time() - START:6.1f}s {message}"
        print(line, flush=True)
        self.file.write(line + "\n")
        self.file.flush()


def chord_tones(chord_ids, key_ids):
    """[..., 24] floats: the chord's three tones (12, absolute pitch classes: root, third, fifth) then its root
    (12, one-hot), both from the key-relative chord id and the key's tonic; all zero for N, an unknown chord or an
    unknown key. (Absolute features let a linear layer map the chord to note pitches; the chord id embedding alone
    would need the key and the degree multiplied.)"""
    if key_ids.dim() < chord_ids.dim():
        key_ids = key_ids[:, None].expand_as(chord_ids)
    known = (chord_ids >= 1) & (chord_ids <= 24) & (key_ids < UNKNOWN_KEY)
    relative = (chord_ids - 1).clamp(min=0)
    root = (key_ids % 12 + relative // 2) % 12
    third = (root + 4 - relative % 2) % 12
    fifth = (root + 7) % 12
    one_hot = lambda pc: F.one_hot(pc, 12)  # noqa: E731
    tones = (one_hot(root) + one_hot(third) + one_hot(fifth)).float()
    features = torch.cat([tones, one_hot(root).float()], dim=-1)
    return features * known[..., None].float()


class ChordLSTM(nn.Module):
    def __init__(self, vocabulary, embedding, chord_embedding, key_embedding, hidden, layers, dropout, condition=3,
                 copy_pitches=0):
        super().__init__()
        self.copy_pitches = copy_pitches
        self.embedding = nn.Embedding(vocabulary, embedding)
        self.chord_embedding = nn.Embedding(CHORD_COUNT, chord_embedding)
        self.key_embedding = nn.Embedding(KEY_COUNT, key_embedding)
        self.lstm = nn.LSTM(embedding + chord_embedding + key_embedding + TONE_FEATURES + condition + 2 * copy_pitches,
                            hidden,
                            num_layers=layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(hidden, vocabulary)
        self.config = {"vocabulary": vocabulary, "embedding": embedding, "chord_embedding": chord_embedding,
                       "key_embedding": key_embedding, "hidden": hidden, "layers": layers, "condition": condition,
                       "copy_pitches": copy_pitches}

    def forward(self, tokens, chord_ids, key_ids, condition, state=None, copies=None):
        """tokens, chord_ids [B, T]; key_ids [B] or [B, T]; condition [B, 3]; copies [B, T, 2] (models with
        `copy_pitches`; None = no candidate) → logits [B, T, V], state."""
        steps = tokens.shape[1]
        if key_ids.dim() == 1:
            key_ids = key_ids[:, None].expand(-1, steps)
        parts = [self.embedding(tokens), self.chord_embedding(chord_ids), self.key_embedding(key_ids),
                 chord_tones(chord_ids, key_ids), condition[:, None, :].float().expand(-1, steps, -1)]
        if self.copy_pitches:
            if copies is None:
                copies = torch.full((*tokens.shape, 2), NO_COPY, dtype=torch.long, device=tokens.device)
            parts.append(copy_features(copies, self.copy_pitches))
        x = torch.cat(parts, dim=2)
        y, state = self.lstm(x, state)
        return self.output(self.dropout(y)), state


class Corpus:
    """One split on the training device: all events in one tensor, per-piece metadata beside it."""

    def __init__(self, path, device, vocabulary=None):
        """With `vocabulary`, also the lookback candidates of every event (`copy_candidates`, cached beside the
        data as NAME-copies.npy)."""
        data = np.load(path)
        self.tokens = torch.from_numpy(data["tokens"].astype(np.int64)).to(device)
        self.copies = None
        if vocabulary is not None:
            cache = path[:-len(".npz")] + "-copies.npy"
            copies = np.load(cache) if os.path.exists(cache) else None
            if copies is None or len(copies) != len(data["tokens"]):
                copies = copy_candidates(data["tokens"], data["offsets"], vocabulary.note_base,
                                         vocabulary.duration_base)
                np.save(cache, copies)
            self.copies = torch.from_numpy(copies.astype(np.int64)).to(device)
        self.chords = torch.from_numpy(data["chords"].astype(np.int64)).to(device)
        self.offsets_np = data["offsets"]
        self.offsets = torch.from_numpy(data["offsets"]).to(device)
        self.lengths = self.offsets[1:] - self.offsets[:-1]
        self.key = torch.from_numpy(data["key"].astype(np.int64)).to(device)
        self.valence = torch.from_numpy(data["valence"]).to(device)
        self.arousal = torch.from_numpy(data["arousal"]).to(device)
        self.labelled_np = data["labelled"]
        self.labelled = torch.from_numpy(data["labelled"]).to(device)
        self.source = data["source"]
        self.names = data["names"]
        self.count = len(self.offsets_np) - 1


class Sampler:
    """Training batches made on the device: windows, transposition, dropped conditions and chord tracks."""

    def __init__(self, corpus, vocabulary, args, generator):
        self.c, self.v, self.args, self.g = corpus, vocabulary, args, generator
        device = corpus.tokens.device
        self.device = device
        labelled = np.nonzero(corpus.labelled_np)[0]
        if args.mode_consistent:
            # Only labelled pieces whose key's mode agrees with their valence (minor below 0, major above): the
            # condition and the key input then tell the network the same thing.
            key = corpus.key.cpu().numpy()[labelled]
            valence = corpus.valence.cpu().numpy()[labelled]
            labelled = labelled[(key < 24) & ((key >= 12) == (valence < 0))]
        unlabelled = np.nonzero(~corpus.labelled_np)[0]
        self.labelled_ids = torch.from_numpy(labelled).to(device)
        self.unlabelled_ids = torch.from_numpy(unlabelled).to(device)
        lengths = np.diff(corpus.offsets_np)[unlabelled].astype(np.float64)
        self.unlabelled_weights = torch.from_numpy(lengths / lengths.sum()).float().to(device)
        self.arange = torch.arange(args.length + 1, device=device)

    def rand(self, *shape):
        return torch.rand(*shape, generator=self.g, device=self.device)

    def batch(self):
        a, c, v = self.args, self.c, self.v
        b = a.batch
        use_labelled = self.rand(b) < a.labelled_share
        pick_l = self.labelled_ids[torch.randint(len(self.labelled_ids), (b,), generator=self.g, device=self.device)]
        pick_u = self.unlabelled_ids[torch.multinomial(self.unlabelled_weights, b, replacement=True,
                                                       generator=self.g)]
        seq = torch.where(use_labelled, pick_l, pick_u)
        first, length = c.offsets[seq], c.lengths[seq]
        room = torch.clamp(length - (a.length + 1), min=0)
        start = first + torch.floor(self.rand(b) * (room + 1).float()).long().clamp(max=room) * 1
        positions = start[:, None] + self.arange[None, :]
        valid = positions < (first + length)[:, None]
        positions = positions.clamp(max=len(c.tokens) - 1)
        tokens, chord_ids = c.tokens[positions], c.chords[positions]
        # Transposition: a shift in −6…+5, narrowed so every note of the window stays on the piano.
        note = valid & (tokens >= v.note_base) & (tokens < v.duration_base)
        pitch = tokens - v.note_base
        highest_index = v.duration_base - v.note_base - 1
        low = torch.where(note, pitch, torch.full_like(pitch, 10_000)).min(dim=1).values
        high = torch.where(note, pitch, torch.full_like(pitch, -10_000)).max(dim=1).values
        lo = torch.clamp(-low, min=-6)
        hi = torch.clamp(highest_index - high, max=5)
        span = hi - lo + 1
        shift = lo + torch.floor(self.rand(b) * span.clamp(min=1).float()).long().clamp(max=(span - 1).clamp(min=0))
        shift = torch.where(span >= 1, shift, torch.zeros_like(shift))
        tokens = torch.where(note, tokens + shift[:, None], tokens)
        copies = None
        if c.copies is not None:
            # The candidates move with the window; one from before the window may leave the piano: none then.
            copies = c.copies[positions][:, :-1]
            moved = copies + shift[:, None, None]
            copies = torch.where((copies >= 0) & (moved >= 0) & (moved <= highest_index), moved,
                                 torch.full_like(copies, NO_COPY))
        key = c.key[seq]
        key = torch.where(key < 24, (key % 12 + shift) % 12 + 12 * (key >= 12).long(), key)
        # Conditions: dropped for unlabelled pieces and for a share of labelled windows.
        keep = c.labelled[seq] & (self.rand(b) >= a.drop)
        condition = torch.stack([c.valence[seq], c.arousal[seq], torch.ones(b, device=self.device)], dim=1)
        condition = condition * keep[:, None].float()
        # Chord track and key dropped together for a share of windows.
        no_chords = self.rand(b) < a.chord_drop
        chord_ids = torch.where(no_chords[:, None], torch.full_like(chord_ids, UNKNOWN_CHORD), chord_ids)
        key = torch.where(no_chords, torch.full_like(key, UNKNOWN_KEY), key)
        return (tokens[:, :-1], chord_ids[:, :-1], key, condition, tokens[:, 1:], valid[:, 1:].float(), copies)


def valid_batches(corpus, limit, device, batch_size):
    """EMOPIA's held-out clips, sorted by length, in batches: (tokens, chords, key, condition, mask, copies); copies
    is None unless the corpus has lookback candidates."""
    ids = [i for i in range(corpus.count) if corpus.source[i] == EMOPIA_SOURCE]
    if limit:
        ids = ids[:limit]
    ids.sort(key=lambda i: corpus.offsets_np[i + 1] - corpus.offsets_np[i])
    batches = []
    for k in range(0, len(ids), batch_size):
        group = ids[k:k + batch_size]
        longest = max(int(corpus.offsets_np[i + 1] - corpus.offsets_np[i]) for i in group)
        tokens = torch.zeros(len(group), longest, dtype=torch.long)
        chord_ids = torch.full((len(group), longest), UNKNOWN_CHORD, dtype=torch.long)
        mask = torch.zeros(len(group), longest - 1)
        copies = torch.full((len(group), longest, 2), NO_COPY, dtype=torch.long)
        for j, i in enumerate(group):
            a, b = int(corpus.offsets_np[i]), int(corpus.offsets_np[i + 1])
            tokens[j, :b - a] = corpus.tokens[a:b].cpu()
            chord_ids[j, :b - a] = corpus.chords[a:b].cpu()
            mask[j, :b - a - 1] = 1
            if corpus.copies is not None:
                copies[j, :b - a] = corpus.copies[a:b].cpu()
        idx = torch.tensor(group, device=corpus.key.device)
        key = corpus.key[idx]
        condition = torch.stack([corpus.valence[idx], corpus.arousal[idx],
                                 corpus.labelled[idx].float()], dim=1) * corpus.labelled[idx][:, None].float()
        batches.append((tokens.to(device), chord_ids.to(device), key, condition, mask.to(device),
                        copies[:, :-1].to(device) if corpus.copies is not None else None))
    return batches, len(ids)


def evaluate(model, batches, vocabulary):
    """NLL per event (nats, float32) three ways — "chords", "no_chords", "chords_unconditioned" — and over NOTE
    targets only ("notes_chords", "notes_no_chords": what the chord track is for)."""
    model.eval()
    result = {}
    own = []  # per batch, each clip's summed NLL with its own condition and its chords
    with torch.no_grad():
        for name in ("chords", "no_chords", "chords_unconditioned"):
            total, count, note_total, note_count = 0.0, 0.0, 0.0, 0.0
            for tokens, chord_ids, key, condition, mask, copies in batches:
                if name == "no_chords":
                    chord_ids = torch.full_like(chord_ids, UNKNOWN_CHORD)
                    key = torch.full_like(key, UNKNOWN_KEY)
                if name == "chords_unconditioned":
                    condition = torch.zeros_like(condition)
                targets = tokens[:, 1:]
                summed, loss = window_nll(model, tokens[:, :-1], chord_ids[:, :-1], key, condition, targets, mask,
                                          False, "cpu", copies)
                if name == "chords":
                    own.append(summed)
                notes = mask * ((targets >= vocabulary.note_base) & (targets < vocabulary.duration_base)).float()
                total += float(summed.sum())
                count += float(mask.sum())
                note_total += float((loss * notes).sum())
                note_count += float(notes.sum())
            result[name] = total / max(count, 1.0)
            if name != "chords_unconditioned":
                result["notes_" + name] = note_total / max(note_count, 1.0)
        # How much the condition's valence tells the network: each clip's NLL with its valence flipped against
        # with its own (chords given), per event, and the share of clips likelier under their own valence.
        margins, right, clips = 0.0, 0.0, 0.0
        for (tokens, chord_ids, key, condition, mask, copies), right_nll in zip(batches, own):
            wrong_nll, _ = window_nll(model, tokens[:, :-1], chord_ids[:, :-1], key, valence_flipped(condition),
                                      tokens[:, 1:], mask, False, "cpu", copies)
            events = mask.sum(dim=1).clamp(min=1)
            margins += float(((wrong_nll - right_nll) / events).sum())
            right += float((wrong_nll > right_nll).float().sum())
            clips += len(events)
        result["valence_margin"] = margins / max(clips, 1.0)
        result["valence_right"] = right / max(clips, 1.0)
    model.train()
    return result


def learning_rate(args, step, fraction):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    share = args.min_lr_share + (1 - args.min_lr_share) * 0.5 * (1 + math.cos(math.pi * min(fraction, 1.0)))
    return args.lr * share


def window_nll(model, tokens, chord_ids, key, condition, targets, mask, amp, device_type, copies=None):
    """Summed NLL of each window [B] and the per-event losses [B, T]."""
    with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=amp and device_type == "cuda"):
        logits, _ = model(tokens, chord_ids, key, condition, copies=copies)
    loss = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none")
    loss = loss.reshape(targets.shape) * mask
    return loss.sum(dim=1), loss


def valence_flipped(condition):
    """The conditions [B, 3] with valence's sign turned."""
    flipped = condition.clone()
    flipped[:, 0] = -flipped[:, 0]
    return flipped


def train_step(model, optimizer, sampler, amp, device_type, valence_contrast=0.0, note_range=None):
    """One optimiser step on the NLL per event; with `valence_contrast` > 0 also a generative-classifier term on
    the windows that keep a clear valence (|v| ≥ 0.3): −log σ(NLL(v flipped) − NLL(v)), summed over the window,
    so that the condition's valence must change what the network expects (likelihood alone barely asks for it).
    With `note_range` (the NOTE events' first index and the index after the last) the sum runs over NOTE targets
    only, so that valence has to be told by which pitches are played, not by how many or when."""
    tokens, chord_ids, key, condition, targets, mask, copies = sampler.batch()
    summed, own = window_nll(model, tokens, chord_ids, key, condition, targets, mask, amp, device_type, copies)
    nll = summed.sum() / mask.sum().clamp(min=1)
    loss = nll
    if valence_contrast > 0:
        clear = (condition[:, 2] > 0) & (condition[:, 0].abs() >= 0.3)
        if bool(clear.any()):
            wrong, wrong_events = window_nll(model, tokens[clear], chord_ids[clear], key[clear],
                                             valence_flipped(condition[clear]), targets[clear], mask[clear], amp,
                                             device_type, copies[clear] if copies is not None else None)
            if note_range is None:
                margin = wrong - summed[clear]
            else:
                notes = ((targets[clear] >= note_range[0]) & (targets[clear] < note_range[1])).float()
                margin = ((wrong_events - own[clear]) * notes).sum(dim=1)
            loss = loss + valence_contrast * F.softplus(-margin).mean()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return nll, int(mask.sum().item()) if device_type != "cuda" else mask


def choose_amp(args, model, optimizer, sampler, log):
    """On CUDA: bf16 autocast or float32 (TF32), whichever runs a few steps faster; float32 if bf16 fails."""
    if args.device_type != "cuda" or args.amp == "off":
        return False
    state = {k: v.clone() for k, v in model.state_dict().items()}
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    timings = {}
    for amp in ([True, False] if args.amp == "auto" else [True]):
        try:
            for _ in range(2):
                train_step(model, optimizer, sampler, amp, "cuda", args.valence_contrast)
            torch.cuda.synchronize()
            t = time.time()
            for _ in range(4):
                train_step(model, optimizer, sampler, amp, "cuda", args.valence_contrast)
            torch.cuda.synchronize()
            timings[amp] = (time.time() - t) / 4
        except Exception as error:  # cuDNN without bf16 RNN support, for instance
            log(f"bf16 autocast={amp} failed: {type(error).__name__}: {str(error)[:200]}")
    model.load_state_dict(state)
    optimizer.load_state_dict(optimizer_state)
    if not timings:
        raise RuntimeError("no training step ran on CUDA")
    chosen = min(timings, key=timings.get)
    log("step time: " + ", ".join(f"{'bf16' if k else 'float32'} {v * 1000:.0f} ms" for k, v in timings.items())
        + f" → {'bf16 autocast' if chosen else 'float32 (TF32)'}")
    return chosen


def rounded_model(model, dtype, config, device="cpu"):
    """A float32 CPU copy whose weights went through the export dtype, so fixtures match what Swift loads."""
    copy = ChordLSTM(config["vocabulary"], config["embedding"], config["chord_embedding"], config["key_embedding"],
                     config["hidden"], config["layers"], 0.0, copy_pitches=config.get("copy_pitches", 0))
    state = {k: v.detach().to("cpu").float() if "bias" in k else v.detach().to("cpu").to(dtype).float()
             for k, v in model.state_dict().items()}
    copy.load_state_dict(state)
    copy.eval()
    return copy.to(device)


def golden(model, corpus, guidance_values=(1.0, 2.5), prefix_length=None, steps=128):
    """Logits over a prefix of the first held-out EMOPIA clip, and argmax continuations with guidance. The prefix
    is 32 events, or 256 for a model with lookback inputs (enough notes for them to be set)."""
    if prefix_length is None:
        prefix_length = 256 if getattr(model, "copy_pitches", 0) else 32
    i = next(i for i in range(corpus.count) if corpus.source[i] == EMOPIA_SOURCE)
    a = int(corpus.offsets_np[i])
    prefix = corpus.tokens[a:a + prefix_length].cpu()
    prefix_chords = corpus.chords[a:a + prefix_length].cpu()
    key = int(corpus.key[i])
    condition = torch.tensor([float(corpus.valence[i]), float(corpus.arousal[i]), 1.0])
    vocabulary = Vocabulary()

    def lookback(tokens):
        """The CopyContext candidates after each of `tokens`, and the context to go on with."""
        context = CopyContext(vocabulary.note_base, vocabulary.duration_base)
        out = []
        for token in tokens:
            context.observe(int(token))
            out.append(context.candidates())
        return torch.tensor(out, dtype=torch.long).reshape(len(out), 2), context

    prefix_copies, _ = lookback(prefix.tolist())
    with torch.no_grad():
        logits, _ = model(prefix[None], prefix_chords[None], torch.tensor([key]), condition[None],
                          copies=prefix_copies[None])
        continuations = {}
        for w in guidance_values:
            conditions = torch.stack([condition, torch.zeros(3)])
            state = None
            head, context = lookback(prefix[:-1].tolist())
            _, state = model(prefix[None, :-1].expand(2, -1), prefix_chords[None, :-1].expand(2, -1),
                             torch.tensor([key, key]), conditions, state, copies=head[None].expand(2, -1, -1))
            token, chord_id, out = int(prefix[-1]), int(prefix_chords[-1]), []
            for _ in range(steps):
                context.observe(token)
                here = torch.tensor([context.candidates()] * 2, dtype=torch.long)[:, None, :]
                step_logits, state = model(torch.tensor([[token], [token]]), torch.tensor([[chord_id], [chord_id]]),
                                           torch.tensor([key, key]), conditions, state, copies=here)
                mixed = step_logits[1, -1] + w * (step_logits[0, -1] - step_logits[1, -1])
                token = int(mixed.argmax())
                out.append(token)
            continuations[str(w)] = out
    return {"clip": str(corpus.names[i]), "prefix": prefix.tolist(), "chords": prefix_chords.tolist(), "key": key,
            "condition": condition.tolist(), "logits_last": [round(float(x), 6) for x in logits[0, -1]],
            "logits_first": [round(float(x), 6) for x in logits[0, 0]],
            "argmax_all_steps": [int(x) for x in logits[0].argmax(dim=1)],
            "continuations": continuations,
            "copies": prefix_copies.tolist() if getattr(model, "copy_pitches", 0) else None,
            # The lookback rule over the whole clip (for Swift's CopyContext): its tokens and, after each, the
            # candidates (three, two).
            "copy_check": {"tokens": corpus.tokens[a:int(corpus.offsets_np[i + 1])].tolist(),
                           "candidates": lookback(corpus.tokens[a:int(corpus.offsets_np[i + 1])].tolist())[0]
                           .tolist()} if getattr(model, "copy_pitches", 0) else None,
            "note": "continuations: the prefix but its last event is fed to both streams (conditioned, then "
                    "unconditioned with condition 0,0,0), then argmax of uncond + w·(cond − uncond) is fed back "
                    f"for {steps} steps, every step with the prefix's last chord id and the clip's key id"}


def krumhansl(notes):
    """(tonic, minor) of decoded notes by the Krumhansl–Kessler profiles (duration-weighted), as chords.py does."""
    histogram = np.zeros(12)
    for pitch, _, _, duration in notes:
        histogram[pitch % 12] += duration
    if histogram.sum() <= 0:
        return None
    h = histogram - histogram.mean()
    best = (-3.0, 0, False)
    for tonic in range(12):
        for profile, minor in ((MAJOR, False), (MINOR, True)):
            q = np.roll(np.array(profile), tonic)
            q = q - q.mean()
            r = float((h * q).sum() / max(np.sqrt((h * h).sum() * (q * q).sum()), 1e-12))
            if r > best[0]:
                best = (r, tonic, minor)
    return best[1], best[2]


def generation_check(model, vocabulary, device, takes, steps, seed, guidance=2.5):
    """Samples takes for each quadrant from chord plans drawn from Models/music-progressions.json in random keys,
    with the plan given to the model and, as the control, withheld (chord and key unknown); returns per quadrant
    and setting the share of notes that are tones of the chord in force, the share of takes whose Krumhansl key is
    the planned one (and whose mode is), and notes per second. Sampling: temperature 1, top-k 40, top-p 0.95,
    guidance 2.5, condition (±1, ±1, 1), primed with VELOCITY bin 8."""
    import random

    from progressions import QUADRANTS, sample

    with open(PROGRESSIONS) as f:
        plans = json.load(f)
    rng = random.Random(seed)
    rows = []
    for q, (v, a) in QUADRANTS.items():
        for _ in range(takes):
            mode, plan = sample(plans, q, rng, count=48)
            tonic = rng.randrange(12)
            beat = plans["quadrants"][q]["beat_seconds"]
            bounds = np.concatenate([[0.0], np.cumsum([n * beat for _, n in plan])])
            for use in (True, False):
                rows.append({"quadrant": q, "mode": mode, "tonic": tonic, "use": use, "bounds": bounds,
                             "chords": [c for c, _ in plan], "condition": [float(v), float(a), 1.0]})
    b = len(rows)
    bounds = torch.tensor(np.array([r["bounds"][1:] for r in rows]), dtype=torch.float32, device=device)
    plan_ids = torch.tensor([r["chords"] for r in rows], device=device)
    keys = torch.tensor([r["tonic"] + (12 if r["mode"] == "minor" else 0) for r in rows], device=device)
    use = torch.tensor([r["use"] for r in rows], device=device)
    condition = torch.tensor([r["condition"] for r in rows], device=device)
    key_in = torch.where(use, keys, torch.full_like(keys, UNKNOWN_KEY))
    conditions = torch.cat([condition, torch.zeros_like(condition)])
    generator = torch.Generator(device=device)
    generator.manual_seed(seed)
    token = torch.full((b,), vocabulary.velocity_base + 8, dtype=torch.long, device=device)
    clock = torch.zeros(b, device=device)
    state = None
    tokens, chords_at = [], []
    model.eval()
    with torch.no_grad():
        for _ in range(steps):
            index = (bounds <= (clock + LOOKAHEAD_SECONDS)[:, None]).sum(dim=1).clamp(max=plan_ids.shape[1] - 1)
            chord = plan_ids.gather(1, index[:, None])[:, 0]
            chord_in = torch.where(use, chord, torch.full_like(chord, UNKNOWN_CHORD))
            logits, state = model(torch.cat([token, token])[:, None], torch.cat([chord_in, chord_in])[:, None],
                                  torch.cat([key_in, key_in]), conditions, state)
            logits = logits[:, -1].float()
            mixed = logits[b:] + guidance * (logits[:b] - logits[b:])
            top, top_index = mixed.topk(40, dim=1)
            probabilities = torch.softmax(top, dim=1)
            cumulative = probabilities.cumsum(dim=1)
            probabilities = torch.where(cumulative - probabilities < 0.95, probabilities,
                                        torch.zeros_like(probabilities))
            choice = torch.multinomial(probabilities, 1, generator=generator)[:, 0]
            token = top_index.gather(1, choice[:, None])[:, 0]
            shift = (token >= vocabulary.time_shift_base) & (token < vocabulary.velocity_base)
            clock = clock + torch.where(shift, (token - vocabulary.time_shift_base + 1).float() * 0.01,
                                        torch.zeros_like(clock))
            tokens.append(token.cpu())
            chords_at.append(chord.cpu())
    model.train()
    tokens = torch.stack(tokens, dim=1).numpy()
    chords_at = torch.stack(chords_at, dim=1).numpy()
    results = {}
    for i, r in enumerate(rows):
        entry = results.setdefault(f"{r['quadrant']} {'chords' if r['use'] else 'no chords'}",
                                   {"notes": 0, "chord_tones": 0, "takes": 0, "key": 0, "mode": 0, "seconds": 0.0})
        seq = tokens[i]
        note = (seq >= vocabulary.note_base) & (seq < vocabulary.duration_base)
        pitch = seq[note] - vocabulary.note_base + vocabulary.lowest
        cid = chords_at[i][note]
        root, minor = (cid - 1) // 2, (cid - 1) % 2
        interval = (pitch - r["tonic"] - root) % 12
        tone = (interval == 0) | (interval == 7) | ((interval == 3) & (minor == 1)) | ((interval == 4) & (minor == 0))
        entry["notes"] += int(note.sum())
        entry["chord_tones"] += int(tone.sum())
        entry["takes"] += 1
        notes = vocabulary.decode(seq.tolist())
        found = krumhansl(notes)
        if found is not None:
            entry["key"] += int(found[0] == r["tonic"] and found[1] == (r["mode"] == "minor"))
            entry["mode"] += int(found[1] == (r["mode"] == "minor"))
        entry["seconds"] += max((s + d for _, _, s, d in notes), default=0.0)
    summary = {}
    for name, e in sorted(results.items()):
        summary[name] = {"chord_tone_share": round(e["chord_tones"] / max(e["notes"], 1), 3),
                         "key_match": round(e["key"] / max(e["takes"], 1), 3),
                         "mode_match": round(e["mode"] / max(e["takes"], 1), 3),
                         "notes_per_second": round(e["notes"] / max(e["seconds"], 1e-6), 2), "takes": e["takes"]}
    return summary


def export(args, model, best, history, vocabulary, valid, log, final=False):
    dtype = torch.float16 if args.dtype == "float16" else torch.float32
    tensors = {}
    for name, value in model.state_dict().items():
        value = value.detach().to("cpu")
        # Biases stay float32 (they are small and added, not multiplied).
        tensors[name] = value.float().contiguous() if ("bias" in name or args.dtype == "float32") else \
            value.to(dtype).contiguous()
    path = os.path.join(args.out, "music-lstm-chords.safetensors")
    save_file(tensors, path + ".tmp", metadata={"format": "camxuc-music-lstm-chords", "version": "1"})
    os.replace(path + ".tmp", path)
    config = model.config
    e, c, k = config["embedding"], config["chord_embedding"], config["key_embedding"]
    description = {
        "name": "music-lstm-chords", "version": 1, "architecture": "lstm",
        "vocabulary_file": "music-vocab.json", "vocabulary_size": config["vocabulary"],
        "embedding": e, "chord_embedding": c, "key_embedding": k, "hidden": config["hidden"],
        "layers": config["layers"], "gate_order": "input, forget, cell, output (PyTorch)",
        "input_layout": [
            {"name": "event", "offset": 0, "size": e, "from": "embedding.weight[token]"},
            {"name": "chord", "offset": e, "size": c, "from": "chord_embedding.weight[chord id]"},
            {"name": "key", "offset": e + c, "size": k, "from": "key_embedding.weight[key id]"},
            {"name": "chord_tones", "offset": e + c + k, "size": 12,
             "from": "1.0 at the absolute pitch classes (C = 0) of the chord's root, third (+3 minor, +4 major) and "
                     "fifth (+7), root = (tonic + relative root) mod 12; all 0 for chord 0 (N) or 25, or key 24"},
            {"name": "chord_root", "offset": e + c + k + 12, "size": 12,
             "from": "1.0 at the chord's absolute root pitch class; all 0 as above"},
            {"name": "condition", "offset": e + c + k + TONE_FEATURES, "size": 3,
             "from": "valence, arousal, present"}] + ([
            {"name": "copy_three", "offset": e + c + k + TONE_FEATURES + 3, "size": config["copy_pitches"],
             "from": "1.0 at the pitch index (NOTE token − first NOTE token) that followed the latest earlier "
                     "occurrence of the last three NOTEs of the take so far (its primer included); all 0 when "
                     "there is none"},
            {"name": "copy_two", "offset": e + c + k + TONE_FEATURES + 3 + config["copy_pitches"],
             "size": config["copy_pitches"], "from": "the same for the last two NOTEs"}]
            if config.get("copy_pitches") else []),
        "input_size": e + c + k + TONE_FEATURES + 3 + 2 * config.get("copy_pitches", 0),
        **({"copy": {"note_base": vocabulary.note_base, "pitches": config["copy_pitches"],
                     "rule": "train_gpu.CopyContext: only NOTE events count; after each event read, the NOTE that "
                             "followed the latest earlier occurrence of the last three (copy_three) and two "
                             "(copy_two) NOTEs, counted from the first event the stream read (a primer's included)"}}
           if config.get("copy_pitches") else {}),
        "chords": {"count": CHORD_COUNT, "none": NO_CHORD, "unknown": UNKNOWN_CHORD,
                   "id": "1 + 2·root + minor: root = semitones of the chord's root above the key's tonic (0–11), "
                         "minor = 1 for a minor triad, 0 for major; 0 = no chord; 25 = unknown (no chord plan)",
                   "at_step": f"the chord in force {LOOKAHEAD_SECONDS} s after the time of the step's input event "
                              "(model time: the sum of TIME_SHIFTs up to and including that event)",
                   "lookahead_seconds": LOOKAHEAD_SECONDS},
        "keys": {"count": KEY_COUNT, "unknown": UNKNOWN_KEY,
                 "id": "tonic pitch class (C = 0 … B = 11) for a major key, 12 + tonic for a minor key; 24 = "
                       "unknown. Give chord 25 and key 24 together to run without a chord plan."},
        "condition": {"size": 3, "layout": ["valence", "arousal", "present"],
                      "labels": "valence and arousal in {-1, +1} from EMOPIA quadrants and VGMIDI signs; all zeros "
                                "when the condition is dropped (unconditioned)"},
        "dtype": {"matrices": "F16" if args.dtype == "float16" else "F32", "biases": "F32"},
        "training": {"steps": best.get("steps_total"), "events": best.get("events_total"),
                     "best_step": best.get("step"), "valid_nll_per_event": best.get("figures"),
                     "valid_clips": best.get("valid_clips"), "comparable_baseline": {
                         "model": "music-lstm (today)", "valid_nll_per_event": 2.5655,
                         "compare_with": "no_chords (same held-out EMOPIA clips, events and vocabulary)"},
                     "args": {k2: v2 for k2, v2 in vars(args).items() if k2 not in ("out", "data")},
                     "history": history},
        "tensors": {name: {"dtype": "F16" if t.dtype == torch.float16 else "F32", "shape": list(t.shape)}
                    for name, t in tensors.items()},
    }
    with open(os.path.join(args.out, "music-lstm-chords.json"), "w") as f:
        json.dump(description, f, indent=1)
    if final:
        reference = rounded_model(model, dtype, config)
        fixture = golden(reference, valid)
        with open(os.path.join(args.out, "music-lstm-chords-golden.json"), "w") as f:
            json.dump(fixture, f)
    log(f"exported {'final ' if final else ''}best model (step {best.get('step')}): "
        f"{os.path.getsize(path) / 1e6:.2f} MB {args.dtype}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(TRAINING, "data"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--device", default=None, help="cuda or cpu (default: cuda when there is one)")
    parser.add_argument("--tiny", action="store_true", help="small model, short budget: a CPU check of the whole run")
    parser.add_argument("--amp", choices=["auto", "bf16", "off"], default="auto")
    parser.add_argument("--dtype", choices=["float16", "float32"], default="float16")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mode-consistent", action="store_true",
                        help="draw labelled windows only from pieces whose key's mode agrees with their valence")
    parser.add_argument("--valence-contrast", type=float, default=0.0,
                        help="weight of the term that asks windows to be likelier under their own valence than under "
                             "the opposite one (0: likelihood only, as before). The term is summed over a window's "
                             "events, so with 16 windows of 256 events about 0.005 gives each event the weight the NLL "
                             "gives it; 1 swamps the NLL (valid NLL 2.40 → 2.53 in 267 steps)")
    parser.add_argument("--contrast-events", choices=["all", "notes"], default="all",
                        help="the events --valence-contrast sums over: every event (as first measured) or the NOTE "
                             "events only (valence told by pitch, not by density or timing)")
    parser.add_argument("--select", choices=["nll", "last"], default="nll",
                        help="weights exported: the best valid NLL with chords (default), or the latest evaluation's "
                             "(for a run whose other terms trade a little likelihood)")
    parser.add_argument("--copy", action="store_true",
                        help="lookback inputs: the pitches that followed the latest earlier occurrences of the last "
                             "three and two NOTEs (CopyContext); with --init from weights without them, their "
                             "columns start at zero, so the network starts as it was")
    parser.add_argument("--init", default=None,
                        help="start from these weights (a music-lstm-chords.safetensors this script exported, with the "
                             "same sizes): continues a run, on CPU too, with the optimiser started afresh")
    for name, value in DEFAULTS.items():
        parser.add_argument("--" + name.replace("_", "-"), type=type(value), default=None)
    args = parser.parse_args()
    for name, value in DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, TINY.get(name, value) if args.tiny else value)
    os.makedirs(args.out, exist_ok=True)
    log = Log(args.out)
    with open(os.path.join(args.out, "args.json"), "w") as f:
        # Paths of the machine it ran on say nothing about the run: left out.
        json.dump({k: (os.path.basename(v) if k == "init" and v else v) for k, v in vars(args).items()
                   if k not in ("out", "data")}, f, indent=1)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    args.device_type = device.type
    if device.type == "cpu":
        torch.set_num_threads(args.threads or 1)
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    torch.manual_seed(args.seed)
    generator = torch.Generator(device=device)
    generator.manual_seed(args.seed)
    log(f"torch {torch.__version__}, device {device}"
        + (f" ({torch.cuda.get_device_name(device)}, cuDNN {torch.backends.cudnn.version()})"
           if device.type == "cuda" else f", {torch.get_num_threads()} thread(s)"))

    vocabulary = Vocabulary()
    train = Corpus(os.path.join(args.data, "music-chords-train.npz"), device, vocabulary if args.copy else None)
    valid = Corpus(os.path.join(args.data, "music-chords-valid.npz"), device, vocabulary if args.copy else None)
    sampler = Sampler(train, vocabulary, args, generator)
    batches, valid_clips = valid_batches(valid, args.valid_limit, device, 128 if device.type == "cuda" else 16)
    log(f"train: {int(train.labelled_np.sum())} labelled and {int((~train.labelled_np).sum())} unlabelled pieces, "
        f"{len(train.tokens):,} events; valid: {valid_clips} EMOPIA clips")

    model = ChordLSTM(len(vocabulary), args.embedding, args.chord_embedding, args.key_embedding, args.hidden,
                      args.layers, args.dropout,
                      copy_pitches=vocabulary.duration_base - vocabulary.note_base if args.copy else 0).to(device)
    parameters = sum(p.numel() for p in model.parameters())
    if args.init:
        from safetensors.torch import load_file
        start = {k: v.float() for k, v in load_file(args.init).items()}
        first = model.lstm.weight_ih_l0
        if args.copy and start["lstm.weight_ih_l0"].shape[1] < first.shape[1]:
            # Weights without the lookback columns: they are appended, zero, so the network starts as it was.
            old = start["lstm.weight_ih_l0"]
            start["lstm.weight_ih_l0"] = torch.cat([old, torch.zeros(old.shape[0], first.shape[1] - old.shape[1])],
                                                   dim=1)
        model.load_state_dict(start)
        log(f"weights from {os.path.basename(args.init)} ({len(start)} tensors)")
    log(f"model: {parameters:,} parameters, {model.config}")
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=args.weight_decay)
    amp = choose_amp(args, model, optimizer, sampler, log)

    history, losses = [], []
    best = {"nll": float("inf"), "step": 0, "state": None, "valid_clips": valid_clips}
    step, events = 0, 0
    budget = args.minutes * 60
    began = time.time()
    last_eval = began
    clock, clock_events = began, 0
    pending = []
    while True:
        elapsed = time.time() - began
        done = elapsed >= budget
        if done or time.time() - last_eval >= args.eval_seconds:
            if pending:  # count the events of the steps since the last log line
                events += sum(int(p[1].sum()) if torch.is_tensor(p[1]) else p[1] for p in pending)
                pending = []
            figures = evaluate(model, batches, vocabulary)
            entry = {"step": step, "events": events, "seconds": round(elapsed, 1),
                     **{k: round(v, 4) for k, v in figures.items()}}
            history.append(entry)
            improved = figures["chords"] < best["nll"] or (args.select == "last" and step > 0)
            if improved:
                best.update(nll=figures["chords"], step=step, figures=entry,
                            state={k: v.detach().clone() for k, v in model.state_dict().items()})
            log(f"step {step}: valid NLL chords {figures['chords']:.4f}, no chords {figures['no_chords']:.4f}, "
                f"chords unconditioned {figures['chords_unconditioned']:.4f} nats/event; NOTE events "
                f"{figures['notes_chords']:.4f} / {figures['notes_no_chords']:.4f}; valence flipped +"
                f"{figures['valence_margin']:.4f} nats/event, own likelier for {figures['valence_right']:.2f} of clips"
                f"{' (best)' if improved else ''}")
            best.update(steps_total=step, events_total=events)
            if improved or done:
                current = {k: v.detach().clone() for k, v in model.state_dict().items()}
                model.load_state_dict(best["state"])
                export(args, model, best, history, vocabulary, valid, log, final=done)
                model.load_state_dict(current)
            with open(os.path.join(args.out, "history.json"), "w") as f:
                json.dump({"evaluations": history, "train_loss": losses, "parameters": parameters,
                           "best": {k: v for k, v in best.items() if k != "state"}}, f, indent=1)
            last_eval = time.time()
            if done:
                break
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(args, step, elapsed / budget)
        loss, counted = train_step(model, optimizer, sampler, amp, device.type, args.valence_contrast,
                                   (vocabulary.note_base, vocabulary.duration_base)
                                   if args.contrast_events == "notes" else None)
        pending.append((loss.detach(), counted))
        step += 1
        if step % args.log_every == 0:
            mean_loss = float(torch.stack([p[0] for p in pending]).mean())
            n = sum(int(p[1].sum()) if torch.is_tensor(p[1]) else p[1] for p in pending)
            pending = []
            events += n
            clock_events += n
            rate = clock_events / max(time.time() - clock, 1e-6)
            clock, clock_events = time.time(), 0
            losses.append({"step": step, "loss": round(mean_loss, 4), "lr": round(optimizer.param_groups[0]["lr"], 6)})
            log(f"step {step}: train loss {mean_loss:.4f}, lr {optimizer.param_groups[0]['lr']:.2e}, "
                f"{rate:,.0f} events/s")
    if args.check_takes > 0 and args.copy:
        log("generation check skipped: it does not feed the lookback inputs (camxuc-bench music-tune does)")
    elif args.check_takes > 0 and os.path.exists(PROGRESSIONS):
        model.load_state_dict(best["state"])
        checked = time.time()
        check = generation_check(model, vocabulary, device, args.check_takes, args.check_steps, args.seed)
        log(f"generation check ({args.check_takes} takes × {args.check_steps} events per quadrant and setting, "
            f"{time.time() - checked:.0f} s): chord-tone share of notes, planned key found (Krumhansl), mode found, "
            f"notes/s")
        for name, figures in check.items():
            log(f"  {name:15s} chord tones {figures['chord_tone_share']:.3f}  key {figures['key_match']:.2f}  "
                f"mode {figures['mode_match']:.2f}  {figures['notes_per_second']:.1f} notes/s")
        for path in ("history.json", "music-lstm-chords.json"):
            full = os.path.join(args.out, path)
            with open(full) as f:
                content = json.load(f)
            (content["training"] if "training" in content else content)["generation_check"] = check
            with open(full, "w") as f:
                json.dump(content, f, indent=1)
    files = sorted(os.listdir(args.out))
    sizes = {f: os.path.getsize(os.path.join(args.out, f)) for f in files}
    log(f"done: {step} steps, {events:,} events; best valid NLL with chords {best['nll']:.4f} at step {best['step']}; "
        f"files: " + ", ".join(f"{f} {s / 1e6:.2f} MB" for f, s in sizes.items()))
    too_big = [f for f, s in sizes.items() if s > MAX_FILE_BYTES]
    if too_big or len(files) > 8:
        log(f"WARNING: output limits exceeded: {too_big or files}")


if __name__ == "__main__":
    main()
