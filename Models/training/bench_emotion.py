"""PyTorch CPU latency of the shipped emotion model, one thread, for `make bench` to print beside Swift's.

The same steps as Swift: normalise, hash features, TF-IDF weights, one softmax layer.
"""
import json
import os
import sys
import time

import torch
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_emotion import MODELS, EmotionNet, Featurizer, tokens_for  # noqa: E402


def main():
    torch.set_num_threads(1)
    started = time.perf_counter()
    config = json.load(open(os.path.join(MODELS, "emotion-vi.json"), encoding="utf-8"))
    tensors = load_file(os.path.join(MODELS, "emotion-vi.safetensors"))
    model = EmotionNet(config["buckets"], len(config["labels"]))
    with torch.no_grad():
        model.weight.weight.copy_(tensors["classifier.weight"].t().float())
        model.bias.copy_(tensors["classifier.bias"])
    featurizer = Featurizer(config["buckets"])
    featurizer.idf = tensors["features.idf"].float()
    load_ms = (time.perf_counter() - started) * 1000
    sentences = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
    latencies = []
    model.eval()
    with torch.no_grad():
        for _ in range(2):
            for sentence in sentences:
                start = time.perf_counter()
                counts = featurizer.counts(*tokens_for(sentence))
                torch.softmax(model(*featurizer.batch([counts])) / config["temperature"], dim=1)
                latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, round((len(latencies) - 1) * q))]
    print(f"  PyTorch  load {load_ms:.1f} ms; per sentence p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms "
          f"({len(latencies)} analyses, one thread)")


if __name__ == "__main__":
    main()
