"""Image credits and captions' credit lines: `Uitgelichte afbeelding: ...`, `Featured
image: ...`, `Foto: ANP`, `Photo by X on Unsplash`, `مصدر الصورة: ...`."""

from __future__ import annotations

import re

from clipping_archive.cleaning.rule import LineRule

_LABELS = (
    r"uitgelichte afbeelding|afbeelding|beeld|foto|fotografie|featured image|image credit"
    r"|image|photo credit|photo|picture|credit|الصورة|صورة|مصدر الصورة|تصوير"
)
IMAGE_CREDIT = LineRule(
    "image_credit",
    re.compile(
        rf"^\s*[(\[]?\s*(?:(?:{_LABELS})\s*[:：]|(?:photo|image|foto|beeld)\s+(?:by|door|via)\s)",
        re.IGNORECASE,
    ),
)

RULES = (IMAGE_CREDIT,)
