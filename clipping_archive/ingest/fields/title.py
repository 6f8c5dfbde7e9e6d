"""Title: the first line when it reads as a headline, otherwise a short title derived
from the first sentence (and marked as derived)."""

from __future__ import annotations

import re

HEADLINE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 22
# A first line with a date or byline line under it is the headline up to this length.
CONFIRMED_HEADLINE_MAX_CHARS = 250
DERIVED_MAX_CHARS = 90

# "- It's been 10 years..." (seed 003) is a summary bullet, not a headline.
_BULLET = re.compile(r"^\s*(?:[-–—•*·]+|\d{1,2}[.)])\s+")
# A sentence ends at . ! ? ؟ followed by space, unless the period closes an initial or a
# short abbreviation ("Dr.", "U.S.").
_INITIAL_END = re.compile(r"(?<![\w.])[A-Z]\.$")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3}[.!?؟])\s|(?<=[!?؟])\s|(?<=[”\"»][.])\s")


def is_headline(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > HEADLINE_MAX_CHARS or len(text.split()) > HEADLINE_MAX_WORDS:
        return False
    if _BULLET.match(text) or text.endswith((",", ";", ":", "،", "؛", "…")):
        return False
    # "Terror in Moscow.." is a headline, and so is one ending in an initial ("bewijs tegen
    # Yousra L."); a single full stop after a word ends a sentence.
    if text.endswith(".") and not text.endswith("..") and not _INITIAL_END.search(text):
        return False
    first = text[0]
    # A Latin-script line starting in lower case is the middle of a sentence.
    return not (first.isalpha() and first.isascii() and first.islower())


def choose_title(lines: list[str], *, confirmed: bool = False) -> tuple[str | None, bool]:
    """(title, derived) for the clean body's lines. ``confirmed``: a date or byline line
    stood under the first line, which makes it the headline unless it is a paragraph."""
    paragraphs = [line.strip() for line in lines if line.strip()]
    if not paragraphs:
        return None, False
    if len(paragraphs) > 1 and (
        is_headline(paragraphs[0]) or confirmed and _confirmed(paragraphs[0])
    ):
        return paragraphs[0], False
    return derive_title(paragraphs[0]), True


def _confirmed(text: str) -> bool:
    return len(text) <= CONFIRMED_HEADLINE_MAX_CHARS and not _BULLET.match(text)


def derive_title(paragraph: str, max_chars: int = DERIVED_MAX_CHARS) -> str:
    text = _BULLET.sub("", paragraph.strip(), count=1)
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".").rstrip()
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence.rfind(" ", 0, max_chars)
    return sentence[: cut if cut > max_chars // 2 else max_chars].rstrip(" ,;:،") + "…"
