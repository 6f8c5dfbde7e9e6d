"""Clean body -> metadata (title, date, author, source) and the body without the
lines that only carried metadata. A first version; rules grow in one place here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipping_archive.models import Metadata, Removed

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+", re.IGNORECASE)
_LAST_EDITED = re.compile(r"^\s*\(?\s*اخر تعديل\s+(\d{4}-\d{2}-\d{2})[\d: ]*\)?\s*$")
_BYLINE_AR = re.compile(r"^\s*(?:كتبت?|كتب)\s*[-–:]\s*(.+?)\s*$")
_BY_WORD = re.compile(r"^\s*(?:بواسطة|By)\s*[-–:]?\s*(.*?)\s*$", re.IGNORECASE)
_SOURCE = re.compile(r"^\s*(?:Bron|Source|المصدر)\s*:\s*(.+?)\s*$", re.IGNORECASE)

TITLE_MAX_CHARS = 200
DERIVED_TITLE_WORDS = 12


@dataclass(frozen=True)
class Extracted:
    metadata: Metadata
    body: str
    removed: tuple[Removed, ...]


def extract_metadata(body: str) -> Extracted:
    lines = body.split("\n")
    date = author = source = None
    removed: list[Removed] = []
    kept: list[str] = []
    for line in lines:
        if m := _LAST_EDITED.match(line):
            date = date or m.group(1)
            removed.append(Removed("last_edited", line.strip()))
        elif m := _BYLINE_AR.match(line):
            author = author or m.group(1)
            removed.append(Removed("byline", line.strip()))
        elif (m := _BY_WORD.match(line)) and len(line) < 80:
            author = author or (m.group(1) or None)
            removed.append(Removed("byline", line.strip()))
        elif m := _SOURCE.match(line):
            source = m.group(1)
            removed.append(Removed("source_line", line.strip()))
        else:
            kept.append(line)
    text = "\n".join(kept).strip()
    if m := _DATE_PREFIX.match(text):
        date = date or m.group(1)
        removed.append(Removed("date_prefix", m.group(0).strip()))
        text = text[m.end() :]
    title, derived = _title(text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    meta = Metadata(title=title, title_derived=derived, date=date, author=author, source=source)
    return Extracted(meta, text, tuple(removed))


def _title(text: str) -> tuple[str | None, bool]:
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first:
        return None, False
    if rest.strip() and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ":", "،")):
        return first, False
    words = re.split(r"(?<=[.!?؟])\s", first, maxsplit=1)[0].split()
    derived = " ".join(words[:DERIVED_TITLE_WORDS])
    return (derived + ("…" if len(words) > DERIVED_TITLE_WORDS else "")), True
