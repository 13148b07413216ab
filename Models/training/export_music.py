"""Exports the best music LSTM checkpoint for Swift.

    Models/training/.venv/bin/python Models/training/export_music.py     (make train-music runs it at the end)

Writes Models/music-lstm.safetensors (float32, PyTorch's names), Models/music-lstm.json (dimensions, the condition
layout, the vocabulary file, the validation NLL), and Tests/Fixtures/music/lstm-golden.json: PyTorch's logits for a
fixed 32-event prefix under a fixed condition, and 256-step argmax continuations with guidance 1 and 2.5.

Sequences in the data start with a VELOCITY event (the encoder always opens with one), so generation is primed
with one too; there is no BOS in training windows.
"""
import json
import os
import sys

import torch
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from camxuc_music import Vocabulary  # noqa: E402
from train_music import CHECKPOINTS, MusicLSTM  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODELS = os.path.join(ROOT, "Models")


def guided_logits(model, token, condition, states, guidance):
    """One step for the conditioned and the unconditioned stream; logits = uncond + w·(cond − uncond)."""
    tokens = torch.tensor([[token], [token]])
    conditions = torch.stack([condition, torch.zeros(3)])
    logits, states = model(tokens, conditions, states)
    conditioned, unconditioned = logits[0, -1], logits[1, -1]
    return unconditioned + guidance * (conditioned - unconditioned), states


def main():
    saved = torch.load(os.path.join(CHECKPOINTS, "music-lstm.pt"), weights_only=False)
    config = saved["config"]
    model = MusicLSTM(config["vocabulary"], config["embedding"], config["hidden"], config["layers"], config["condition"])
    model.load_state_dict(saved["best"]["state"])
    model.eval()
    vocabulary = Vocabulary()
    tensors = {name: value.detach().contiguous().float() for name, value in model.state_dict().items()}
    save_file(tensors, os.path.join(MODELS, "music-lstm.safetensors"),
              metadata={"format": "camxuc-music-lstm", "version": "1"})
    best = saved["best"]
    description = {
        "name": "music-lstm", "version": 1, "architecture": "lstm", "vocabulary_file": "music-vocab.json",
        "vocabulary_size": config["vocabulary"], "embedding": config["embedding"], "hidden": config["hidden"],
        "layers": config["layers"],
        "condition": {"size": 3, "layout": ["valence", "arousal", "present"],
                      "labels": "valence and arousal in {-1, +1} from EMOPIA quadrants and VGMIDI signs; all zeros "
                                "when the condition is dropped (unconditioned)"},
        "gate_order": "input, forget, cell, output (PyTorch)",
        "training": {"steps": saved["step"], "events": saved["events"], "best_step": best["step"],
                     "valid_nll_per_event": round(best["nll"], 4), "history": saved["history"]},
        "tensors": {name: {"dtype": "F32", "shape": list(t.shape)} for name, t in tensors.items()},
    }
    with open(os.path.join(MODELS, "music-lstm.json"), "w") as f:
        json.dump(description, f, indent=1)

    # Golden fixtures.
    with open(os.path.join(ROOT, "Tests", "Fixtures", "music", "vocabulary.json")) as f:
        prefix = json.load(f)["pieces"][2]["tokens"][:32]
    condition = torch.tensor([0.6, 0.5, 1.0])
    with torch.no_grad():
        logits, _ = model(torch.tensor([prefix]), condition[None, :])
        continuations = {}
        for guidance in (1.0, 2.5):
            states = None
            for token in prefix[:-1]:
                _, states = guided_logits(model, token, condition, states, guidance)
            token, generated = prefix[-1], []
            for _ in range(256):
                step_logits, states = guided_logits(model, token, condition, states, guidance)
                token = int(step_logits.argmax())
                generated.append(token)
            continuations[str(guidance)] = generated
    golden = {"prefix": prefix, "condition": condition.tolist(),
              "logits": [[round(float(v), 6) for v in row] for row in logits[0]],
              "argmax_continuations": continuations}
    with open(os.path.join(ROOT, "Tests", "Fixtures", "music", "lstm-golden.json"), "w") as f:
        json.dump(golden, f)
    print(f"exported step {best['step']} (valid NLL {best['nll']:.4f} nats/event), "
          f"{sum(t.numel() for t in tensors.values()):,} parameters")


if __name__ == "__main__":
    main()
