"""Image credits and captions' credit lines: `Uitgelichte afbeelding: ...`, `Featured
image: ...`, `Foto: ANP`, `Photo by X on Unsplash`, `مصدر الصورة: ...`."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import LineRule, folded_alternation
from clipping_archive.ingest.dates import fold
from clipping_archive.languages import alternation, words

_LABELS = alternation(words("image_labels"))
_BY = alternation(words("image_by_words"))
IMAGE_CREDIT = LineRule(
    "image_credit",
    re.compile(
        rf"^\s*[(\[]?\s*(?:(?:{_LABELS})\s*[:：]|(?:{_BY})\s+(?:by|door|via)\s)",
        re.IGNORECASE,
    ),
)

_PHRASES = folded_alternation("image_credit_phrases")
# "Image copyright Getty Images", "Image caption ...", "(الصورة من الأرشيف)": credit lines
# that carry no colon.
IMAGE_CREDIT_PHRASE = LineRule(
    "image_credit",
    re.compile(rf"^\s*[(\[]?\s*(?:{_PHRASES})\b.{{0,120}}$"),
    fold=fold,  # cached per line: each line is folded once for every rule
    max_chars=160,
)

RULES = (IMAGE_CREDIT, IMAGE_CREDIT_PHRASE)
