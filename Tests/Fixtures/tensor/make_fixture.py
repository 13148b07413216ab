"""Writes small.safetensors with the safetensors library (an independent writer) and the values it holds.

    Models/training/.venv/bin/python Tests/Fixtures/tensor/make_fixture.py
"""
import json
import os

import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
tensors = {
    "matrix.f32": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4 - 0.5,
    "vector.f16": torch.tensor([0.1, -2.5, 65504.0, 6.1e-5], dtype=torch.float16),
    "vector.bf16": torch.tensor([1.0, -0.333, 3.0e38], dtype=torch.bfloat16),
    "empty.f32": torch.zeros(0, dtype=torch.float32),
}
save_file(tensors, os.path.join(HERE, "small.safetensors"), metadata={"format": "test"})
with open(os.path.join(HERE, "small.json"), "w") as f:
    json.dump({name: {"shape": list(t.shape), "values": t.to(torch.float32).flatten().tolist()}
               for name, t in tensors.items()}, f, indent=1)
