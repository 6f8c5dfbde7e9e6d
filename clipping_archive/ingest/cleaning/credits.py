"""Image credits and captions' credit lines: `Uitgelichte afbeelding: ...`, `Featured
image: ...`, `Foto: ANP`, `Photo by X on Unsplash`, `مصدر الصورة: ...`."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import LineRule
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

RULES = (IMAGE_CREDIT,)
