"""CamXuc's Vietnamese text pipeline, the Python twin of Sources/CamXucText.

Every step is written by hand (no regular expressions) so that the Swift implementation can follow it exactly;
Tests/Fixtures/text/normalization.json (raw → normalised → tokens → ids for real sentences) keeps the two equal.

Steps, in order: NFC; lower-case; HTML tags and entities; whitespace-separated chunks that are URLs, e-mail
addresses or @mentions are dropped; in each other chunk, runs of three or more of one letter (compared without
diacritics) shrink to the first ("vuiiii" → "vui", flagged as elongated); emoticons become emoji; emoji, punctuation and symbols become
tokens of their own, and runs of one such token shrink to one; letter/digit tokens found in the teencode table are
replaced by their expansion.
"""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TEENCODE_PATH = os.path.join(ROOT, "Sources", "CamXucText", "Resources", "teencode.tsv")

# Diacritic folding: each row is a base letter followed by every Vietnamese letter that folds to it.
FOLD_ROWS = [
    "aàáảãạăằắẳẵặâầấẩẫậ",
    "eèéẻẽẹêềếểễệ",
    "iìíỉĩị",
    "oòóỏõọôồốổỗộơờớởỡợ",
    "uùúủũụưừứửữự",
    "yỳýỷỹỵ",
    "dđ",
]
FOLD = {}
for row in FOLD_ROWS:
    for ch in row[1:]:
        FOLD[ch] = row[0]
        FOLD[ch.upper()] = row[0].upper()

# Code point ranges treated as emoji (each a token of its own).
EMOJI_RANGES = [
    (0x1F000, 0x1FAFF),  # mahjong … symbols and pictographs extended-A (faces, hands, hearts, flags)
    (0x2600, 0x27BF),    # miscellaneous symbols, dingbats (☺ ♥ ✌ ❤)
    (0x2300, 0x23FF),    # miscellaneous technical (⌚ ⏰)
    (0x2B00, 0x2BFF),    # arrows and stars (⭐)
    (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299),
]
# Joiners and variation selectors inside emoji sequences are dropped.
EMOJI_GLUE = {0x200D, 0xFE0E, 0xFE0F} | set(range(0x1F3FB, 0x1F400))  # skin tones too

# Emoticons (already lower-cased) → the emoji that carries the same feeling. Longest match wins; a run of the last
# character is part of the emoticon (":)))))" is ":)").
EMOTICONS = {
    ":)": "🙂", ":-)": "🙂", "=)": "🙂", ":]": "🙂", "(:": "🙂",
    ":(": "🙁", ":-(": "🙁", "=(": "🙁", ":[": "🙁", "):": "🙁",
    ":d": "😀", ":-d": "😀", "=d": "😀", "xd": "😆",
    ":p": "😛", ":-p": "😛",
    ":'(": "😢", ":((": "😢",
    ";)": "😉", ";-)": "😉",
    ":o": "😮", ":-o": "😮",
    "<3": "❤", "^^": "😊", "^_^": "😊", "-_-": "😑", ":|": "😐",
    ":v": ":v", ":3": ":3", "=))": "😆", ":))": "😆",
}
EMOTICON_LIST = sorted(EMOTICONS, key=len, reverse=True)

ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&nbsp;": " "}


def fold(text):
    """Removes Vietnamese diacritics (đ → d)."""
    return "".join(FOLD.get(ch, ch) for ch in text)


def is_emoji(ch):
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in EMOJI_RANGES)


def is_letter(ch):
    return unicodedata.category(ch)[0] in "LM"


def is_word_char(ch):
    return is_letter(ch) or "0" <= ch <= "9"


def load_teencode(path=TEENCODE_PATH):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            key, _, value = line.rstrip("\n").partition("\t")
            if key and value:
                table[key] = value
    return table


TEENCODE = load_teencode()


def strip_html(text):
    """Replaces <tags> (no '<' inside, at most 200 characters) with a space and decodes common entities."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            j = i + 1
            while j < len(text) and j - i <= 200 and text[j] not in "<>":
                j += 1
            if j < len(text) and text[j] == ">" and j > i + 1 and (text[i + 1].isalpha() or text[i + 1] in "/!"):
                out.append(" ")
                i = j + 1
                continue
        if ch == "&":
            for entity, value in ENTITIES.items():
                if text.startswith(entity, i):
                    out.append(value)
                    i += len(entity)
                    break
            else:
                out.append(ch)
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def is_dropped_chunk(chunk):
    """URLs, e-mail addresses and @mentions."""
    if chunk.startswith(("http://", "https://", "www.")):
        return True
    if chunk.startswith("@") and len(chunk) > 1:
        return True
    at = chunk.find("@")
    if at > 0 and "." in chunk[at + 1:] and not chunk.endswith("."):
        return True
    return False


def squash_letter_runs(text):
    """Runs of three or more of one letter (compared folded) keep their first character. Returns (text, squashed?)."""
    out = []
    squashed = False
    i = 0
    while i < len(text):
        ch = text[i]
        j = i + 1
        if is_letter(ch):
            base = fold(ch)
            while j < len(text) and is_letter(text[j]) and fold(text[j]) == base:
                j += 1
        if j - i >= 3:
            out.append(ch)
            squashed = True
        else:
            out.append(text[i:j])
        i = j
    return "".join(out), squashed


def split_chunk(chunk):
    """Splits one whitespace-free chunk into word, emoji, emoticon and punctuation tokens."""
    tokens = []
    word = []
    i = 0

    def flush():
        if word:
            tokens.append("".join(word))
            word.clear()

    while i < len(chunk):
        ch = chunk[i]
        if ord(ch) in EMOJI_GLUE:
            i += 1
            continue
        if not is_word_char(ch) or ch in "xd":
            matched = None
            for emoticon in EMOTICON_LIST:
                if chunk.startswith(emoticon, i):
                    # "xd" only counts standing alone, not inside a word ("xdd", "xduong").
                    if emoticon[0] in "xd" and (word or (i + 2 < len(chunk) and is_word_char(chunk[i + 2]))):
                        continue
                    matched = emoticon
                    break
            if matched:
                flush()
                tokens.append(EMOTICONS[matched])
                i += len(matched)
                while i < len(chunk) and chunk[i] == matched[-1]:
                    i += 1
                continue
        if is_word_char(ch):
            word.append(ch)
        else:
            flush()
            tokens.append(ch)
        i += 1
    flush()
    return tokens


def normalize(raw):
    """Returns (tokens, elongated): the normalised tokens of `raw` and whether a letter run was squashed."""
    text = unicodedata.normalize("NFC", raw).lower()
    text = strip_html(text)
    elongated = False
    tokens = []
    for chunk in text.split():
        if is_dropped_chunk(chunk):
            continue
        chunk, squashed = squash_letter_runs(chunk)
        elongated = elongated or squashed
        for token in split_chunk(chunk):
            if tokens and tokens[-1] == token and not is_word_char(token[0]):
                continue  # "!!!" → "!", "😠😠😠" → "😠"
            expansion = TEENCODE.get(token)
            if expansion:
                tokens.extend(expansion.split())
            else:
                tokens.append(token)
    return tokens, elongated


def normalized_text(raw):
    return " ".join(normalize(raw)[0])


if __name__ == "__main__":
    import sys
    for line in sys.stdin:
        tokens, elongated = normalize(line)
        print(" ".join(tokens), "(elongated)" if elongated else "")
