"""PyTorch CPU latency of the shipped emotion model, one thread, for `make bench` to print beside Swift's.

The same steps as Swift: pick the head (text with or without diacritics), normalise, hash features, TF-IDF
weights, one softmax layer.
"""
import json
import os
import sys
import time

import torch
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_emotion import MODELS, EmotionNet, Featurizer, Router  # noqa: E402


def head(tensors, prefix, buckets, classes, temperature):
    model = EmotionNet(buckets, classes)
    with torch.no_grad():
        model.weight.weight.copy_(tensors[prefix + ".weight"].t().float())
        model.bias.copy_(tensors[prefix + ".bias"])
    featurizer = Featurizer(buckets)
    featurizer.idf = tensors[prefix + ".idf"].float()
    model.eval()
    return model, featurizer, temperature


def main():
    torch.set_num_threads(1)
    started = time.perf_counter()
    config = json.load(open(os.path.join(MODELS, "emotion-vi.json"), encoding="utf-8"))
    tensors = load_file(os.path.join(MODELS, "emotion-vi.safetensors"))
    classes = len(config["labels"])
    router = Router(head(tensors, "classifier", config["buckets"], classes, config["temperature"]),
                    head(tensors, "plain", config["plain"]["buckets"], classes, config["plain"]["temperature"]))
    load_ms = (time.perf_counter() - started) * 1000
    sentences = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
    latencies = []
    with torch.no_grad():
        for _ in range(2):
            for sentence in sentences:
                start = time.perf_counter()
                router.probabilities([sentence])
                latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, round((len(latencies) - 1) * q))]
    print(f"  PyTorch  load {load_ms:.1f} ms; per sentence p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms "
          f"({len(latencies)} analyses, one thread)")


if __name__ == "__main__":
    main()
