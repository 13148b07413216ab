"""PyTorch CPU time per sampling step of the shipped music LSTM (one thread, batch 1), for `make bench`.

The loop samples as the Swift benchmark does (temperature 1, top-k 40, top-p 0.95), so that both time the same work."""
import json
import os
import sys
import time

import torch
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_music import MusicLSTM  # noqa: E402

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    torch.set_num_threads(1)
    config = json.load(open(os.path.join(MODELS, "music-lstm.json")))
    model = MusicLSTM(config["vocabulary_size"], config["embedding"], config["hidden"], config["layers"])
    model.load_state_dict(load_file(os.path.join(MODELS, "music-lstm.safetensors")))
    model.eval()
    generator = torch.Generator().manual_seed(1)
    token, state, condition = torch.tensor([[111]]), None, torch.tensor([[0.6, 0.5, 1.0]])
    # Five rounds of 500 steps after a warm-up; the fastest round is reported (as the Swift side does), so that
    # another tenant's burst on this shared machine does not decide the figure.
    rounds, steps = [], 500
    with torch.no_grad():
        for round_index in range(6):
            start = time.perf_counter()
            for _ in range(steps if round_index else 200):
                logits, state = model(token, condition, state)
                # The Swift loop's settings: temperature 1, top-k 40, then top-p 0.95 within those 40.
                top = torch.topk(logits[0, -1], 40)
                probabilities = torch.softmax(top.values, dim=0)
                cut = int((torch.cumsum(probabilities, dim=0) < 0.95).sum()) + 1
                choice = torch.multinomial(probabilities[:cut], 1, generator=generator)
                token = top.indices[choice].view(1, 1)
            if round_index:
                rounds.append((time.perf_counter() - start) * 1000 / steps)
    per_step = min(rounds)
    if os.environ.get("CAMXUC_BENCH_ROUNDS"):
        print("  rounds:", " ".join(f"{r:.3f}" for r in rounds))
    print(f"  PyTorch  {per_step:.4f} ms per step at batch 1 (the same model's sampling loop, one thread; fastest of 5 rounds)")


if __name__ == "__main__":
    main()
