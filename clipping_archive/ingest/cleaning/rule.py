"""The two shapes a debris rule takes: drop whole lines, or cut spans out of a line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clipping_archive.ingest.dates import fold
from clipping_archive.languages import alternation, words
from clipping_archive.models import Removed

# A whole line of debris (a credit, a "Read more", an ad label) is short. Longer lines are
# article text and are not searched by line rules at all: this also bounds the work any
# pattern can do on one line, whatever the input.
MAX_DEBRIS_LINE = 400


def folded_alternation(kind: str) -> str:
    """A regex alternation of one kind of pack words, written as ``fold`` writes a line,
    for rules that match folded lines."""
    return alternation(" ".join(fold(w).split()) for w in words(kind))


@dataclass(frozen=True)
class LineRule:
    """Drops whole lines that match. ``fold`` (e.g. lower case, one spelling of each
    Arabic letter variant) is applied to the line before matching, never to what is kept."""

    name: str
    pattern: re.Pattern[str]
    fold: Callable[[str], str] | None = None
    max_chars: int = MAX_DEBRIS_LINE  # longer lines are text: not even folded

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        kept, removed = [], []
        for line in lines:
            # No line rule matches an empty line (tests/test_cleaning.py holds every rule
            # to it): the blank lines between paragraphs, half a clip's, are not searched.
            if not line or len(line) > self.max_chars:
                kept.append(line)
                continue
            seen = self.fold(line) if self.fold else line
            if self.pattern.search(seen):
                removed.append(Removed(self.name, line.strip()))
            else:
                kept.append(line)
        return kept, removed


@dataclass(frozen=True)
class InlineRule:
    """Cuts matching spans out of lines that stay (a line left empty goes).

    ``needles``: literal strings one of which every match contains; lines without any are
    skipped unsearched (searching every line of every clip is the cleaner's main cost)."""

    name: str
    pattern: re.Pattern[str]
    needles: tuple[str, ...] = ()

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        if self.needles and not any(n in line for line in lines for n in self.needles):
            return lines, []  # no line holds a needle (most clips): none is searched
        kept, removed = [], []
        for line in lines:
            if self.needles and not any(n in line for n in self.needles):
                kept.append(line)
                continue
            matches = [m.group(0).strip() for m in self.pattern.finditer(line)]
            if not matches:
                kept.append(line)
                continue
            removed.extend(Removed(self.name, text) for text in matches if text)
            rest = self.pattern.sub("", line).rstrip()
            if rest.strip():
                kept.append(rest)
        return kept, removed


Rule = LineRule | InlineRule
