"""Scores a camxuc binary on CamXuc's negation held-out set (Models/training/corpus/negation/heldout.tsv) as the app
reads it: `camxuc analyze --json --no-personal`, accuracy overall and per gold class, and the commonest confusions.

    Models/training/.venv/bin/python Models/training/text/eval_negation.py .build/release/camxuc

An evaluation set: scored once per shipped model, never used to choose anything.
"""
import os, tempfile
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
empty = tempfile.mkdtemp()
import csv, json, subprocess, sys, collections
rows = list(csv.DictReader(open(os.path.join(ROOT, 'Models', 'training', 'corpus', 'negation', 'heldout.tsv'), encoding='utf-8'), delimiter='\t'))
texts = [r['text'] for r in rows]
env = {'XDG_DATA_HOME': empty, 'XDG_CONFIG_HOME': empty, 'XDG_STATE_HOME': empty, 'PATH': '/usr/bin:/bin', 'CAMXUC_MODELS': os.path.join(ROOT, 'Models')}
out = subprocess.run([sys.argv[1], 'analyze', '--json', '--no-personal'], input='\n'.join(texts) + '\n', capture_output=True, text=True, env=env).stdout.splitlines()
pred = [json.loads(l)['winner'] for l in out]
assert len(pred) == len(rows), (len(pred), len(rows))
ok = [p == r['label'] for p, r in zip(pred, rows)]
print('negation held-out accuracy %.4f (%d)' % (sum(ok) / len(ok), len(ok)))
by = collections.defaultdict(list)
for o, r in zip(ok, rows): by[r['label']].append(o)
print({k: round(sum(v) / len(v), 2) for k, v in by.items()})
conf = collections.Counter((r['label'], p) for p, r in zip(pred, rows) if p != r['label'])
print(conf.most_common(8))
