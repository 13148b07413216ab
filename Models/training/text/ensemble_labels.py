"""Soft labels from an ensemble of students, for distilling the ensemble into one student (measured, not shipped).

    Models/training/.venv/bin/python Models/training/text/ensemble_labels.py \
        --rows STUDENT_DIR/rows.pt --students STUDENT_DIR/G,STUDENT_DIR/I,... --out ENSEMBLE_ROWS.pt
    Models/training/.venv/bin/python Models/training/text/student_cpu.py ... --cache ENSEMBLE_ROWS.pt

Reads student_cpu.py's rows cache (the teacher rows' tokens, their soft labels and the gold rows), replaces the soft
labels of the teacher rows by the mean of the students' probabilities (each at its own temperature), and writes the
result as a new cache for student_cpu.py (`--cache`; its sentiment rows and linear-valid.npz are looked for beside
it). Prints how often the ensemble's top class agrees with the GPU teacher's. Nothing here reads an evaluation set.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import textdata as td  # noqa: E402
from student_eval import NumpyStudent  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", required=True, help="student_cpu.py's rows cache (rows.pt)")
    parser.add_argument("--students", required=True, help="comma-separated folders with student.json + .safetensors")
    parser.add_argument("--out", required=True, help="the new rows cache")
    args = parser.parse_args()
    data = torch.load(args.rows, weights_only=False)
    tokens = data["teacher_tokens"]
    order = np.argsort([len(t) for t in tokens], kind="stable")  # similar lengths batch with little padding
    folders = args.students.split(",")
    total = np.zeros((len(tokens), len(td.LABELS)))
    for folder in folders:
        started = time.time()
        student = NumpyStudent.load(folder)
        encoded = [student.encode_tokens(tokens[i]) for i in order]
        total[order] += td.softmax(student.logits(encoded) / student.temperature)
        print(f"{os.path.basename(os.path.normpath(folder))}: {len(tokens):,} rows in {time.time() - started:.0f} s",
              flush=True)
    soft = (total / len(folders)).astype(np.float32)
    agree = float((soft.argmax(1) == data["soft"].argmax(1)).mean())
    print(f"the ensemble's top class is the GPU teacher's for {agree:.3f} of the rows")
    data["soft"] = soft
    names = [os.path.basename(os.path.normpath(f)) for f in folders]
    data["note"] = data["note"] + f"; soft labels replaced by the mean of students {names}"
    torch.save(data, args.out + ".tmp")
    os.replace(args.out + ".tmp", args.out)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
