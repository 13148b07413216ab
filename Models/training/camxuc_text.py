"""CamXuc's Vietnamese text pipeline, the Python twin of Sources/CamXucText.

Every step is written by hand (no regular expressions) so that the Swift implementation can follow it exactly;
Tests/Fixtures/text/normalization.json (raw → normalised → tokens → ids for real sentences) keeps the two equal.

Steps, in order: NFC; lower-case; HTML tags and entities (named and numeric); full-width forms become ASCII,
invisible format characters (zero-width spaces, soft hyphens, byte-order marks; not the emoji joiner) are dropped,
curly apostrophes become straight ones and "…" three full stops; whitespace-separated chunks that are e-mail addresses or @mentions are
dropped, a hashtag of words written together is cut into its syllables ("#sợquá" → "#sợ quá"), and a URL is
cut off its chunk with the bracket or quote that opens it (what comes before, "link:" or an
emoji, stays); in each other chunk, runs of
three or more of one letter (compared without diacritics) shrink to the first ("vuiiii" → "vui", flagged as
elongated), or to two when the run is a whole word ("kkkk" → "kk", laughter, not the "k" of "không"); emoticons
become emoji; emoji, punctuation and symbols become tokens of their own, and runs of one such token shrink to one;
a word ending in a doubled letter that no Vietnamese word ends in loses one when the rest is a syllable ("vuii" →
"vui", flagged as elongated); a tone written the new way on an open oa, oe, uy moves to where most text has it
("hoà" → "hòa", "thuỷ" → "thủy"); letter/digit tokens found in the teencode table are replaced by their expansion.
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
    "t_t": "😭", "t.t": "😭", ">.<": "😣", "</3": "💔",
}
EMOTICON_LIST = sorted(EMOTICONS, key=len, reverse=True)

ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&nbsp;": " ",
            "&hellip;": "…", "&ndash;": "–", "&mdash;": "—", "&lsquo;": "'", "&rsquo;": "'", "&ldquo;": '"',
            "&rdquo;": '"'}

# The last label of a host name read as a link without "http://" ("youtube.com/…", "shopee.vn"): with a path after it
# any label of two to six letters counts, without one only these.
BARE_HOST_ENDINGS = {"com", "vn", "net", "org", "io", "me", "ly", "be"}

# Syllable shapes (folded): onsets, codas and vowels, as the input methods check words (VietnameseSpelling.swift).
ONSETS = ["ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
          "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", ""]
CODAS = ["ch", "ng", "nh", "c", "m", "n", "p", "t"]
VOWELS = set("aeiouy")

# Tone on the second vowel of an open oa, oe, uy (the new placement) → on the first (the old one, about two times in
# three in the social-media text): "hoà" → "hòa".
TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}
# Every vowel that carries a tone mark: a syllable has at most one.
TONE_MARKED = set("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


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


def numeric_entity(text, i):
    """(character, length) for "&#NNN;" or "&#xHH;" at `i` naming a character, else None."""
    if not text.startswith("&#", i):
        return None
    j = i + 2
    hexadecimal = j < len(text) and text[j] == "x"
    if hexadecimal:
        j += 1
    start = j
    digits = "0123456789abcdef" if hexadecimal else "0123456789"
    while j < len(text) and j - start < 8 and text[j] in digits:
        j += 1
    if j == start or j >= len(text) or text[j] != ";":
        return None
    value = int(text[start:j], 16 if hexadecimal else 10)
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return None
    return chr(value), j + 1 - i


def clean_characters(text):
    """Full-width forms → ASCII, invisible format characters dropped (the emoji joiner kept), curly apostrophes
    straight, the ellipsis character three full stops (as most text types it)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            out.append(chr(cp - 0xFEE0).lower())
        elif cp in (0x2018, 0x2019):
            out.append("'")
        elif cp == 0x2026:
            out.append("...")
        elif cp != 0x200D and unicodedata.category(ch) == "Cf":
            continue
        else:
            out.append(ch)
    return "".join(out)


def strip_html(text):
    """Replaces <tags> (no '<' inside, at most 200 characters) with a space and decodes common and numeric entities."""
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
            numeric = numeric_entity(text, i)
            if numeric:
                out.append(numeric[0])
                i += numeric[1]
                continue
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


def is_host_char(ch):
    return "a" <= ch <= "z" or "0" <= ch <= "9" or ch in "-."


def link_start(chunk):
    """Where a link begins in `chunk` ("http://", "https://", "www." anywhere; a bare host name such as
    "youtube.com/…" at the start or after a character that is not a letter or digit), or None."""
    for i in range(len(chunk)):
        if chunk.startswith(("http://", "https://", "www."), i):
            return i
        if i > 0 and is_word_char(chunk[i - 1]):
            continue
        j = i
        while j < len(chunk) and j - i <= 255 and is_host_char(chunk[j]):
            j += 1
        if j - i > 255:
            continue  # longer than any host name (and each start would scan the whole of a long chunk again)
        host = chunk[i:j]
        if "." not in host or host.startswith(".") or host.endswith(".") or ".." in host:
            continue
        ending = host.rsplit(".", 1)[1]
        if j < len(chunk) and chunk[j] == "/":
            if 2 <= len(ending) <= 6 and ending.isalpha():
                return i
        elif ending in BARE_HOST_ENDINGS and (j == len(chunk) or not is_word_char(chunk[j])):
            return i
    return None


def spelt_as_syllable(folded, whole):
    """True for a folded syllable (an onset, one to three vowels and a coda or none), or with `whole` false for the
    beginning of one too (VietnameseSpelling.spelledAsSyllable)."""
    if not folded or not all("a" <= ch <= "z" for ch in folded):
        return False
    for onset in ONSETS:
        if not folded.startswith(onset):
            continue
        rest = folded[len(onset):]
        if not rest and not whole:
            return True
        n = 0
        while n < len(rest) and rest[n] in VOWELS:
            n += 1
        if not 1 <= n <= 3:
            continue
        coda = rest[n:]
        if not coda:
            return True
        run = rest[:n]
        if run[-1] in "iuy" and len(run) > 1 and run != "uy":
            continue
        if len(run) > 1 and run.endswith("o") and run[0] in "ae":
            continue
        if coda in CODAS if whole else any(c.startswith(coda) for c in CODAS):
            return True
    return False


def could_be_syllable(folded):
    """True for a folded syllable or the beginning of one (VietnameseSpelling.couldBeSyllable)."""
    return spelt_as_syllable(folded, whole=False)


def is_syllable(folded):
    """True for a whole folded syllable, as `could_be_syllable` but without its beginnings."""
    return spelt_as_syllable(folded, whole=True)


def split_hashtag(chunk):
    """"#sợquá" → ["#sợ", "quá"]: a hashtag of Vietnamese words written together (with at least one of their marks,
    so "#love" stays) is cut into the fewest whole syllables of one tone each, the longest first where there is a
    choice; anything else is one chunk as it was."""
    word = chunk[1:]
    if not chunk.startswith("#") or len(word) < 4 or not all(is_letter(ch) for ch in word) \
            or all(ord(ch) < 128 for ch in word):
        return [chunk]
    n = len(word)
    count = [None] * (n + 1)  # the fewest syllables word[i:] is cut into, and where the first of them ends
    end = [0] * (n + 1)
    count[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + 7), i, -1):
            piece = word[i:j]
            if count[j] is None or sum(ch in TONE_MARKED for ch in piece) > 1 or not is_syllable(fold(piece)):
                continue
            if count[i] is None or count[j] + 1 < count[i]:
                count[i], end[i] = count[j] + 1, j
    if count[0] is None or count[0] < 2:
        return [chunk]
    pieces, i = [], 0
    while i < n:
        pieces.append(word[i:end[i]])
        i = end[i]
    return ["#" + pieces[0]] + pieces[1:]


def shrink_doubled_end(word):
    """"vuii" → "vui", "buồnn" → "buồn": no Vietnamese word ends in a doubled letter, so one goes when the rest is a
    syllable and the word is not a loanword: a doubled consonant only in a word with a Vietnamese letter ("app",
    "acc", "boss" stay; "tứcc" → "tức"), never a doubled u ("luu" is lưu typed without its marks). Returns (word,
    shrunk?)."""
    if len(word) < 3 or word[-1] != word[-2] or not all(is_letter(ch) for ch in word):
        return word, False
    base = fold(word[-1])
    if base == "u" or (base not in VOWELS and all(ord(ch) < 128 for ch in word)):
        return word, False
    if could_be_syllable(fold(word[:-1])):
        return word[:-1], True
    return word, False


def old_tone_placement(word):
    """"hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy": the tone of an open oa, oe, uy on its first vowel ("quý",
    whose u belongs to qu, stays)."""
    if len(word) < 2:
        return word
    first, last = word[-2], word[-1]
    for base, pair in (("a", "o"), ("e", "o"), ("y", "u")):
        if last in TONED[base] and first == pair and not (pair == "u" and word[-3:-2] == "q"):
            tone = TONED[base].index(last)
            return word[:-2] + TONED[pair][tone] + base
    return word


def is_dropped_chunk(chunk):
    """E-mail addresses and @mentions (links are cut off their chunk by `link_start`)."""
    if chunk.startswith("@") and len(chunk) > 1:
        return True
    at = chunk.find("@")
    if at > 0 and "." in chunk[at + 1:] and not chunk.endswith("."):
        return True
    return False


def squash_letter_runs(text):
    """Runs of three or more of one letter (compared folded) keep their first character, or their first two when the
    run is a whole word ("kkkk" → "kk"). Returns (text, squashed?)."""
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
            whole = (i == 0 or not is_word_char(text[i - 1])) and (j == len(text) or not is_word_char(text[j]))
            out.append(text[i:i + 2] if whole else ch)
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
        if not is_word_char(ch) or ch in "xdt":
            matched = None
            for emoticon in EMOTICON_LIST:
                if chunk.startswith(emoticon, i):
                    # "xd" and "t_t" only count standing alone, not inside a word ("xdd", "xduong").
                    after = i + len(emoticon)
                    if is_word_char(emoticon[0]) and (word or (after < len(chunk) and is_word_char(chunk[after]))):
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
    text = clean_characters(strip_html(text))
    elongated = False
    tokens = []
    for chunk in [piece for whole in text.split() for piece in split_hashtag(whole)]:
        if is_dropped_chunk(chunk):
            continue
        link = link_start(chunk)
        if link is not None:
            chunk = chunk[:link].rstrip("([{<\"'")  # the bracket or quote that opened the link goes with it
            if not chunk:
                continue
        chunk, squashed = squash_letter_runs(chunk)
        elongated = elongated or squashed
        for token in split_chunk(chunk):
            if tokens and tokens[-1] == token and not is_word_char(token[0]):
                continue  # "!!!" → "!", "😠😠😠" → "😠"
            if is_letter(token[0]):
                token, shrunk = shrink_doubled_end(token)
                elongated = elongated or shrunk
                token = old_tone_placement(token)
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
