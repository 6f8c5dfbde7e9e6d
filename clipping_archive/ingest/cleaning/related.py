"""Lines that belong to the page, not the article: links to other articles ("Read more:
...", "Lees ook: ...", "اقرأ أيضاً: ...") and share prompts ("Share this", "شارك هذا
الخبر", a row of platform names). Their words come from the language packs; lines are
matched folded (lower case, Arabic letter variants and marks unified)."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import LineRule, folded_alternation
from clipping_archive.ingest.dates import fold

_RELATED = folded_alternation("related_labels")
_SHARE = folded_alternation("share_prompts")
_SEP = r"\s*[:：|/,•·>»«\-–—]*\s*"
RELATED_MAX_CHARS = 200  # a label and another article's headline
SHARE_MAX_CHARS = 120  # a row of platform names

# "Read more: Kremlin says ...", "Lees ook | ...", or the label alone on its line.
RELATED_LINK = LineRule(
    "related_link",
    re.compile(rf"^\s*[(\[]?\s*(?:{_RELATED})\s*(?:[:：|>»\-–—]\s*.*|[)\]]?\s*)$"),
    fold=fold,  # cached per line: each line is folded once for every rule
    max_chars=RELATED_MAX_CHARS,
)
# "Share this", "Share: Facebook Twitter WhatsApp", "شارك هذا الخبر": only share words.
SHARE_PROMPT = LineRule(
    "share_prompt",
    re.compile(rf"^\s*(?:{_SHARE})(?:{_SEP}(?:{_SHARE}))*{_SEP}$"),
    fold=fold,  # cached per line: each line is folded once for every rule
    max_chars=SHARE_MAX_CHARS,
)

RULES = (RELATED_LINK, SHARE_PROMPT)
