"""Splits text into words with their offsets in the original string."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A word: letters, digits and combining marks (so Arabic short vowels stay inside the
# word instead of splitting it, as FTS5's unicode61 would).
WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036F\u064B-\u065F\u0670\u0640]+[^\W_]*)*")


def words(text: str) -> Iterator[tuple[str, int, int]]:
    for m in WORD.finditer(text):
        yield m.group(0), m.start(), m.end()
