"""Text typed with the input method off, measured with the app as it runs (batch `camxuc analyze --json`).

    Models/training/.venv/bin/python Models/training/text/eval_keys.py .build/release/camxuc          # accuracy
    Models/training/.venv/bin/python Models/training/text/eval_keys.py .build/release/camxuc --count  # false alarms

Without --count: the everyday dev set and UIT-VSMEC valid read as written, and typed key by key with Telex and with
VNI (each word's keys as CamXuc's `InputMethod.decompose` writes them: marks after their letters, the tone last),
accuracy and weighted F1, and how many were read as keys (`readAs`). With --count: how many sentences of UIT-VSMEC
(train, valid, test) and the everyday corpus (train, dev, held-out), as written and without diacritics, the
classifier composes as keys, with the first few.
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import eval_binary as eb  # noqa: E402
from camxuc_text import fold  # noqa: E402

TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}


def keys(word, vni=False):
    """The keys that type `word` with Telex (or VNI): each mark's key after its letter, the tone's at the end."""
    out, tone = "", ""
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for mark in marks:
            if mark in TONES:
                tone = TONES[mark]
        extra = ""
        if "\u0306" in marks:
            extra = "8" if vni else "w"
        elif "\u0302" in marks:
            extra = "6" if vni else base.lower()
        elif "\u031b" in marks:
            extra = "7" if vni else "w"
        if ch in "đĐ":
            base = "D" if ch == "Đ" else "d"
            extra = "9" if vni else base
        if extra and base.isupper() and not vni:
            extra = extra.upper()
        out += base + extra
    if tone and vni:
        tone = "12345"["sfrxj".index(tone)]
    return out + tone


def typed(sentence, vni=False):
    """`sentence` as typed with the input method off: every word as its keys."""
    result, word = "", ""
    for ch in sentence + " ":
        if ch.isalpha():
            word += ch
            continue
        result += keys(word, vni) if word else ""
        word = ""
        result += ch
    return result[:-1]


def read(binary, env, texts):
    """`camxuc analyze --json --no-personal` over `texts`, one JSON object each."""
    out = subprocess.run([binary, "analyze", "--json", "--no-personal"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, env=env).stdout.splitlines()
    return [json.loads(line) for line in out]


def count(binary, env):
    """How many real sentences are taken for keys (each should not be)."""
    sets = {"train": eb.vsmec("train"), "valid": eb.vsmec("valid"), "test": eb.vsmec("test"),
            "everyday-train": eb.everyday("train"), "dev": eb.everyday("dev"), "heldout": eb.everyday("heldout")}
    for name, rows in sets.items():
        for suffix, transform in (("", lambda t: t), ("_without_diacritics", fold)):
            texts = [transform(text.replace("\n", " ")) for text, _ in rows]
            changed = [(texts[i], d["readAs"]) for i, d in enumerate(read(binary, env, texts)) if d.get("readAs")]
            print(f"{name + suffix}: {len(changed)} of {len(rows)} read as keys")
            for item in changed[:8]:
                print("   ", item)


def main():
    binary = sys.argv[1]
    private = tempfile.mkdtemp()
    env = dict(os.environ, CAMXUC_MODELS=os.path.join(eb.ROOT, "Models"), XDG_DATA_HOME=private,
               XDG_CONFIG_HOME=private, XDG_STATE_HOME=private)
    if "--count" in sys.argv:
        count(binary, env)
        return
    from sklearn.metrics import f1_score
    for name, rows in {"dev": eb.everyday("dev"), "valid": eb.vsmec("valid")}.items():
        gold = [label for _, label in rows]
        for kind in ("as written", "telex keys", "vni keys"):
            texts = [text.replace("\n", " ") for text, _ in rows]
            if kind != "as written":
                texts = [typed(text, kind == "vni keys") for text in texts]
            readings = read(binary, env, texts)
            predicted = [d["winner"] for d in readings]
            accuracy = sum(a == b for a, b in zip(predicted, gold)) / len(gold)
            print(f"{name:6s} {kind:11s} accuracy {accuracy:.3f} weighted F1 "
                  f"{f1_score(gold, predicted, average='weighted'):.3f}  read as keys {sum(1 for d in readings if d.get('readAs'))}")

if __name__ == "__main__":
    main()
