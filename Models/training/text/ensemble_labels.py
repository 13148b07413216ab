"""Soft labels from an ensemble of students, for distilling the ensemble into one student (measured, not shipped).

    Models/training/.venv/bin/python Models/training/text/ensemble_labels.py \
        --rows STUDENT_DIR/rows.pt --students STUDENT_DIR/G,STUDENT_DIR/I,... --out ENSEMBLE_ROWS.pt
    Models/training/.venv/bin/python Models/training/text/student_cpu.py ... --cache ENSEMBLE_ROWS.pt

Reads student_cpu.py's rows cache (the teacher rows' tokens, their soft labels and the gold rows), replaces the soft
labels of the teacher rows by the mean of the students' probabilities (each at its own temperature), and writes the
result as a new cache for student_cpu.py (`--cache`; its sentiment rows and linear-valid.npz are looked for beside
it). Prints how often the ensemble's top class agrees with the GPU teacher's. Nothing here reads an evaluation set.

A second teacher instead of students (gemma_teacher.py's labels of the same rows, in teacher-labels.npz's order):

    ensemble_labels.py --rows STUDENT_DIR/rows.pt --teacher-labels GPU_STUDENT_DIR/teacher-labels.npz \
        --second-teacher GEMMA_DIR/teacher-rows.npz --second-temperature 1.35 --second-share 0.5 --out TWO_TEACHERS.pt

The teacher rows' soft labels become (1 - share) x the GPU teacher's + share x the second teacher's (its
probabilities sharpened by 1/temperature, the temperature fitted on UIT-VSMEC valid).
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
    parser.add_argument("--students", help="comma-separated folders with student.json + .safetensors")
    parser.add_argument("--teacher-labels", help="the GPU run's teacher-labels.npz (the second teacher's row order)")
    parser.add_argument("--second-teacher", help="probabilities of a second teacher for teacher-labels.npz's rows")
    parser.add_argument("--second-temperature", type=float, default=1.0)
    parser.add_argument("--second-share", type=float, default=0.5)
    parser.add_argument("--out", required=True, help="the new rows cache")
    args = parser.parse_args()
    if bool(args.students) == bool(args.second_teacher) or (args.second_teacher and not args.teacher_labels):
        parser.error("give --students, or --second-teacher with --teacher-labels")
    data = torch.load(args.rows, weights_only=False)
    if args.second_teacher:
        second_teacher(data, args)
        return
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
    write(data, args.out)


def write(data, out):
    torch.save(data, out + ".tmp")
    os.replace(out + ".tmp", out)
    print("wrote", out)


def second_teacher(data, args):
    labels = np.load(args.teacher_labels)
    # student_cpu.build_rows reads the rows source by source, each in teacher-labels.npz's order
    order = np.concatenate([np.flatnonzero(labels["source"] == code) for code in range(len(labels["source_names"]))])
    first = labels["probabilities_u8"][order].astype(np.float32)
    first /= first.sum(1, keepdims=True)
    assert np.abs(first - data["soft"]).max() < 1e-6, "the rows cache was not built from these teacher labels"
    second = np.load(args.second_teacher)["probabilities"].astype(np.float64)[order]
    assert len(second) == len(data["soft"]) and np.all(second.sum(1) > 0.99), "the second teacher has not read every row"
    second = np.exp(np.log(np.clip(second, 1e-9, 1)) / args.second_temperature)
    second /= second.sum(1, keepdims=True)
    agree = float((second.argmax(1) == data["soft"].argmax(1)).mean())
    print(f"the second teacher's top class is the GPU teacher's for {agree:.3f} of the rows")
    data["soft"] = ((1 - args.second_share) * data["soft"] + args.second_share * second).astype(np.float32)
    data["note"] = data["note"] + (f"; soft labels: {1 - args.second_share:g} GPU teacher + {args.second_share:g} "
                                   f"{os.path.basename(args.second_teacher)} at temperature {args.second_temperature:g}")
    write(data, args.out)


if __name__ == "__main__":
    main()
