"""Soft labels for student_cpu.py from the shipped student itself (self-distillation), in gpu_teacher.py's
teacher-labels.npz format: every 7th non-empty line of DATA/unlabelled/social.txt.xz, up to 30,000, read by the
shipped neural head (student_eval.NumpyStudent, its temperature applied).

    cd Models/training/text && ../.venv/bin/python self_labels.py OUT.npz
"""
import json, sys, os, time, numpy as np
sys.path.insert(0, '.'); sys.path.insert(0, '..')
import textdata as td
from student_eval import NumpyStudent
from safetensors.numpy import load_file
cfg = json.load(open('../../emotion-vi-neural.json'))
s = NumpyStudent(cfg, load_file('../../emotion-vi-neural.safetensors'))
path = '../../../../shared/data/text/unlabelled/social.txt.xz'
lines, numbers = [], []
for number, line in td.read_xz_lines(path):
    if line.strip() and number % 7 == 0:
        lines.append(line); numbers.append(number)
    if len(lines) >= 30000: break
t = time.time(); probs = []
for i in range(0, len(lines), 512):
    probs.append(s.probabilities(lines[i:i + 512]))
P = np.concatenate(probs)
print(len(lines), 'labelled in', round(time.time() - t), 's')
np.savez(sys.argv[1], source_names=np.array(['unlabelled/social.txt.xz']),
         source=np.zeros(len(lines), np.int64), line=np.array(numbers, np.int64),
         probabilities_u8=np.clip(np.round(P * 255), 0, 255).astype(np.uint8))
