"""Language of a clip and of each paragraph.

Script decides where it can (Arabic letters need no n-gram model); langdetect, seeded so
the same text always gets the same answer, decides among Latin-script languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clipping_archive.models import Paragraph

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
# Paragraphs shorter than this are too short for a reliable guess of their own.
MIN_PARAGRAPH_CHARS = 60
DETECT_SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _langdetect(text: str) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:DETECT_SAMPLE_CHARS])
    try:
        lang = detector.detect()
    except LangDetectException:
        return None
    return None if lang == "unknown" else lang


def arabic_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    return len(_ARABIC.findall(text)) / letters if letters else 0.0


def detect_language(text: str) -> str | None:
    share = arabic_share(text)
    if share >= 0.5:
        return "ar"
    if not _LETTER.search(text):
        return None
    return _langdetect(text)


def split_paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", body) if p.strip()]


def detect_paragraphs(body: str, clip_language: str | None) -> tuple[Paragraph, ...]:
    """Each paragraph in its own language when it is long enough to tell, else the clip's."""
    paragraphs = []
    for text in split_paragraphs(body):
        lang = clip_language
        if len(text) >= MIN_PARAGRAPH_CHARS:
            lang = detect_language(text) or clip_language
        paragraphs.append(Paragraph(text, lang))
    return tuple(paragraphs)
