"""Splits text into words with their offsets in the original string."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Marks that belong inside a word: Latin combining accents, Arabic tashkeel (U+064B-065F),
# the dagger alef (U+0670), Quranic annotation marks and tatweel (U+0640). Keeping them
# inside the word is what "strip before splitting" means here: FTS5's unicode61 would cut
# a vowelled word such as الهُجُومُ into single letters; we keep it whole, and the Arabic
# analyzer then removes the marks from the term (the offsets still cover the whole word).
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640"
# A word holds at least one letter or digit other than tatweel, so no word analyses to
# nothing: the n-th indexed term is always the n-th word (snippets rely on it).
# The tail takes runs of letters and runs of marks, possessively (nothing follows it to
# backtrack for): the same words as one alternation a character, in ~3/4 of the time
# (tests/test_tokenize_pattern.py checks the two patterns agree).
WORD = re.compile(rf"[{MARKS}]*[^\W_\u0640](?:[^\W_]++|[{MARKS}]++)*+")
# In a text without marks and underscores, WORD's words are the runs of \w: its leading
# marks match nothing, its first character is any \w (tatweel being a mark), and its
# tail any run of them. \w+ finds them in ~3/5 of WORD's time; 9 in 10 paragraphs of the
# benchmark's clips have no mark (an Arabic tanween, أيضاً, is one).
_MARK_OR_UNDERSCORE = re.compile(rf"[{MARKS}_]")
_PLAIN_WORD = re.compile(r"\w+")


def word_list(text: str) -> list[str]:
    """``WORD.findall(text)``, the same words in less time."""
    if _MARK_OR_UNDERSCORE.search(text):
        return WORD.findall(text)
    return _PLAIN_WORD.findall(text)


def words(text: str) -> Iterator[tuple[str, int, int]]:
    for m in WORD.finditer(text):
        yield m.group(0), m.start(), m.end()
