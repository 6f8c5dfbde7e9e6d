"""Lines that belong to the page, not the article: links to other articles ("Read more:
...", "Lees ook: ...", "اقرأ أيضاً: ...") and share prompts ("Share this", "شارك هذا
الخبر", a row of platform names). Their words come from the language packs; lines are
matched folded (lower case, Arabic letter variants and marks unified)."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import LineRule, folded_alternation
from clipping_archive.ingest.dates import fold
from clipping_archive.models import Removed

_RELATED = folded_alternation("related_labels")
_SHARE = folded_alternation("share_prompts")
_SEP = r"\s*[:：|/,•·>»«\-–—]*\s*"
RELATED_MAX_CHARS = 200  # a label and another article's headline
SHARE_MAX_CHARS = 120  # a row of platform names

# A label alone on its line ("Lees ook", "(Read more)", "اقرأ أيضاً:").
_BARE = re.compile(rf"^\s*[(\[]?\s*(?:{_RELATED})\s*[:：>»\-–—]?\s*[)\]]?\s*$")
# What stands under a bare label is the linked articles' headlines: short lines that
# do not end a sentence ("Kremlin: aanslag maanden voorbereid", "Who are ISIS-K?").
# A paragraph of the text under it is longer or ends in a full stop, and stays.
LINKED_HEADLINE_MAX_CHARS = 160
# A page may list a few ("Read more:" over two or three headlines, as the Washington
# Post's pages in news-please's output do); the text resumes with a sentence.
LINKED_HEADLINES_MAX = 3
_SENTENCE_END = re.compile(r"[.!:;،]\s*[\"”»’']?\s*$")


class RelatedLinkRule(LineRule):
    """Lines pointing to another article: "Read more: Kremlin says ...", "Lees ook |
    ...", or the label alone on its line with that article's headline on the next."""

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        kept, removed = [], []
        headlines_left = 0  # linked headlines that may still follow a bare label
        for line in lines:
            if not line.strip():
                kept.append(line)
                continue
            seen = fold(line) if len(line) <= self.max_chars else None
            if seen is not None and self.pattern.search(seen):
                removed.append(Removed(self.name, line.strip()))
                headlines_left = LINKED_HEADLINES_MAX if _BARE.match(seen) else 0
                continue
            if headlines_left and _is_linked_headline(line):
                removed.append(Removed(self.name, line.strip()))
                headlines_left -= 1
            else:
                kept.append(line)
                headlines_left = 0
        return kept, removed


def _is_linked_headline(line: str) -> bool:
    text = line.strip()
    return len(text) <= LINKED_HEADLINE_MAX_CHARS and not _SENTENCE_END.search(text)


# "Read more: Kremlin says ...", "Lees ook | ...", or the label alone on its line.
RELATED_LINK = RelatedLinkRule(
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
