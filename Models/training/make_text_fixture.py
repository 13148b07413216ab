"""Writes Tests/Fixtures/text/normalization.json: raw text → tokens → elongated flag → feature ids, computed by
the Python pipeline, for the Swift tests to match exactly.

Sentences: 130 from UIT-VSMEC's training split, 100 from the unlabelled social-media corpus (30 of them turned into
decomposed NFD first), and hand-written edge cases. Run with the training venv:
    Models/training/.venv/bin/python Models/training/make_text_fixture.py
"""
import csv
import json
import lzma
import os
import random
import unicodedata

from camxuc_features import feature_ids
from camxuc_text import normalize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "text")
BUCKETS = 262144

EDGE_CASES = [
    "Hôm nay tôi rất vui",
    "HÔM NAY TÔI RẤT VUI!!!",
    "Vuiiiii quáaaa :))))) 😂😂😂 k bít j lun!!!",
    "xem ở https://example.com/a?b=1 và www.vnexpress.net nhé @tuan_anh",
    "liên hệ a.b-c@mail.example.vn hoặc @ để biết",
    "<b>đẹp</b> &amp; <br/> rẻ &lt;3 <3",
    "buồn quá :( :'( =(( huhu",
    "xd XD xdd xduong :D :p :v :3 ^^ ^_^ -_- :|",
    "👍🏽 👨‍👩‍👧 ❤️ ☺️ 🇻🇳",
    "k ko hok dc đc iu ny ck vk mn bn cx vs r z j",
    "không   khoảng\ttrắng\u00a0lạ\u2003ở đây",
    "số 123 và 4,5 triệu 100k",
    "ĐẸPPPP quááá điiii",
    "…!?!?.,;",
    "",
    "   ",
    "English words still count, right?",
    "🙂🙂🙂🙂",
    "a <not a tag and > b <3",
    "ừ thì ờ ờ thế thôi",
    # Forms people type that once read wrongly (a probe of 1,600 pairs of one meaning written two ways).
    "vuii quá, buồnn ghê, sợợ, tứcc, chánn, ơii, hii, boss free hawaii app acc luu cuu too",
    "thi xong rồi kkkk, aaaa, zzz, hhh",
    "T_T t.t ToT >.< </3 buồn quá :’( ‘vui’",
    "haizz… mệt quá… chán…… thôi...",
    "bu\u200bồn qu\u00adá\u2060 \ufeffmai \u200cđi \u200d",
    "ｓợ ｑｕá，ｍａ ｋìａ！ＡＢＣ",
    "tức quá&#33; lại nữa&hellip; &#8230; &#x1F62D; &#039; &rsquo;x&ldquo; &#0; &#xD800; &#99999999; &#;",
    "sợ quá (https://youtu.be/abc) link:https://x.com/a 😱https://fb.com/x youtube.com/watch?v=1 shopee.vn, hoc.co gi, abc.xyz/p",
    "hoà khoẻ thuỷ tuỳ huỷ quý quỳ oà loè hoàn thuyền HOÀ",
    "mún thíc kcj ngừi gòi gùi òi dzui dzị zị chx ứ hổng dth wé",
    "#sợquá #tâmtrạng #cuộcsống #hạnhphúc #love #buonqua #anhem #nghiêngngả #hạnh_phúc #xinchàovn #giađình #sợ",
]


def main():
    rng = random.Random(2026)
    with open(os.path.join(DATA, "UIT-VSMEC", "train.csv"), encoding="utf-8") as f:
        vsmec = [row["sentence"] for row in csv.DictReader(f)]
    with lzma.open(os.path.join(DATA, "unlabelled", "social.txt.xz"), "rt", encoding="utf-8") as f:
        social = [line.rstrip("\n") for _, line in zip(range(20000), f)]
    sentences = rng.sample(vsmec, 130)
    picked = rng.sample(social, 100)
    sentences += [unicodedata.normalize("NFD", s) if i < 30 else s for i, s in enumerate(picked)]
    sentences += EDGE_CASES
    cases = []
    for raw in sentences:
        tokens, elongated = normalize(raw)
        cases.append({"raw": raw, "tokens": tokens, "elongated": elongated,
                      "features": feature_ids(tokens, elongated, BUCKETS)})
    out = os.path.join(ROOT, "Tests", "Fixtures", "text", "normalization.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"buckets": BUCKETS, "cases": cases}, f, ensure_ascii=False, indent=0)
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
