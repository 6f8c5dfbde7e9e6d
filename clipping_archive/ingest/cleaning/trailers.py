"""What a page prints after the article: its tag list ("سمات الجوازات وافدون وثيقة سفر",
3alyoum), on the article's last line, alone or glued after its last sentence. Measured
on SaudiNewsNet's 31,030 articles: 1,673 of 3alyoum's 2,080 end so; no other line of
the corpus, first or middle, has the shape. Only the last line is searched: the same
words open a subheading ("سمات القائد الناجح") in the middle of a text."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import InlineRule
from clipping_archive.languages import alternation, words
from clipping_archive.models import Removed

TAGS_MAX_CHARS = 150  # a few keywords; a longer run is a sentence


class LastLineRule(InlineRule):
    """An inline rule searched on the clip's last non-empty line only."""

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
        if last is None:
            return lines, []
        kept, removed = super().apply([lines[last]])
        return [*lines[:last], *kept, *lines[last + 1 :]], removed


_BARE_LABELS = tuple(words("tag_list_labels"))  # a colon after them or not
_LABELS = (*_BARE_LABELS, *words("tag_list_colon_labels"))
# The label at the line's start or right after a sentence's end, then keywords to the end
# of the line. After a colon ("Tags: Russia, U.S., ISIS", "سمات: مصر، روسيا") the label
# says what follows is a list: its commas (the Arabic one too) and abbreviations' dots
# stand, only a sentence's end may not close it. Without one ("سمات الجوازات وافدون"),
# only the labels pages write so, and no sentence punctuation at all, nor a comma: "سمات
# هذا الجيل أنه يقرأ أقل، ويكتب" goes on as a sentence.
TAG_LIST = LastLineRule(
    "tag_list",
    re.compile(
        rf"(?:^|(?<=[.!؟?”\"»)]))\s*"
        rf"(?:(?:{alternation(_LABELS)})\s*[:：]\s*[^\n]{{1,{TAGS_MAX_CHARS}}}(?<![.!؟?:])"
        rf"|(?:{alternation(_BARE_LABELS)})\s+[^.!؟?:،\n]{{1,{TAGS_MAX_CHARS}}})$",
        re.IGNORECASE,
    ),
    # Matched on the line as written: the Latin labels in the case pages write them.
    needles=tuple(dict.fromkeys(n for w in _LABELS for n in (w, w.capitalize(), w.upper()))),
)

RULES = (TAG_LIST,)
