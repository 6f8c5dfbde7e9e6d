"""Scraper debris -> clean body. Each rule is small and named, so `clip show --stripped`
can say what was removed and why. The raw text is never touched here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipping_archive.models import Cleaned, Removed


@dataclass(frozen=True)
class LineRule:
    """Drops whole lines that match."""

    name: str
    pattern: re.Pattern[str]

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        kept, removed = [], []
        for line in lines:
            if self.pattern.search(line):
                removed.append(Removed(self.name, line.strip()))
            else:
                kept.append(line)
        return kept, removed


@dataclass(frozen=True)
class InlineRule:
    """Cuts matching spans out of lines that stay."""

    name: str
    pattern: re.Pattern[str]

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        kept, removed = [], []
        for line in lines:
            for match in self.pattern.finditer(line):
                removed.append(Removed(self.name, match.group(0).strip()))
            kept.append(self.pattern.sub("", line).rstrip() if self.pattern.search(line) else line)
        return kept, removed


Rule = LineRule | InlineRule

_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"

RULES: tuple[Rule, ...] = (
    LineRule("ad_tag", re.compile(r"^\s*\[ad_\d+\]\s*$")),
    InlineRule("ad_tag", re.compile(r"\[ad_\d+\]")),
    LineRule("source_link", re.compile(r"^\s*Source link\s*$", re.IGNORECASE)),
    LineRule(
        "image_credit",
        re.compile(
            r"^\s*(Uitgelichte afbeelding|Featured image|Image credit|Photo credit|Foto)\s*:",
            re.IGNORECASE,
        ),
    ),
    # "— Polly (@nomnomcookieez) June 23, 2024" closing an embedded tweet.
    LineRule(
        "embed_attribution",
        re.compile(rf"^\s*[—–-]\s*.{{1,80}}\(@\w+\)\s*(?:{_MONTHS_EN})\s+\d{{1,2}},\s*\d{{4}}\s*$"),
    ),
    InlineRule(
        "embed_attribution",
        re.compile(
            rf"\s*[—–]\s*[^—–\n]{{1,80}}\(@\w+\)\s*(?:{_MONTHS_EN})\s+\d{{1,2}},\s*\d{{4}}\s*$"
        ),
    ),
    InlineRule("embed_link", re.compile(r"\s*(?:https?://)?pic\.twitter\.com/\w+")),
    LineRule("stray_dash", re.compile(r"^\s*[-–—.]\s*$")),
)


def clean_text(text: str, rules: tuple[Rule, ...] = RULES) -> Cleaned:
    lines = text.split("\n")
    removed: list[Removed] = []
    for rule in rules:
        lines, gone = rule.apply(lines)
        removed.extend(gone)
    return Cleaned(body=_tidy("\n".join(lines)), removed=tuple(removed))


def _tidy(text: str) -> str:
    # Collapse the blank runs left where debris stood; paragraphs stay separated.
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
