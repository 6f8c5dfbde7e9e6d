"""Bylines: `كتبت- سارة أبو شادي`, `بواسطة` (alone or with a name), `By Jane Doe`,
`Door Jan de Vries`, `Auteur: ...`. A byline may carry a date (`By Jane Doe | March 24,
2024`), which is then the article's date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipping_archive.ingest.dates import find_date
from clipping_archive.languages import alternation, words

NAME_MAX_WORDS = 6
AFTER_NAME_MAX_WORDS = 4  # an agency or place after the name

# كتب/كتبت need a separator ("كتبت- ", "كتب: "): without one they start sentences too.
_ARABIC = re.compile(
    rf"^\s*(?:(?:{alternation(words('byline_words_with_separator'))})\s*[-–—:/]"
    rf"|{alternation(w for w in words('byline_words') if not w.isascii())})\s*(?P<name>.*?)\s*$"
)
_LATIN = re.compile(
    rf"^\s*(?:{alternation(w for w in words('byline_words') if w.isascii())})"
    r"(?:\s*:\s*|\s+|$)(?P<name>.*?)\s*$",
    re.IGNORECASE,
)
# Words allowed in lower case inside a Latin-script name (Dutch tussenvoegsels, Arabic
# and other particles): "Door de aanslag" is a sentence, "Door Jan de Vries" a byline.
_PARTICLES = frozenset(
    "van de der den ter ten te het 't op in al el bin ibn abu von da di du la le and en &".split()
)
# What may stand between a name and what follows it: "Jane Doe | Reuters", "Jane Doe, AP".
_AFTER_NAME = re.compile(r"\s*[|•·،,]\s*|\s+[-–—]\s+")


@dataclass(frozen=True)
class Byline:
    author: str | None  # None for a bare `بواسطة` / `By`
    date: str | None = None


def match_byline(line: str) -> Byline | None:
    if m := _ARABIC.match(line):
        return _byline(m.group("name"), latin=False)
    if m := _LATIN.match(line):
        return _byline(m.group("name"), latin=True)
    return None


def _byline(value: str, *, latin: bool) -> Byline | None:
    date = None
    if found := find_date(value):  # spans in folded text match the original's
        date = found.iso
        value = value[: found.start] + " | " + value[found.end :]
    parts = _AFTER_NAME.split(value.strip(" |•·,،-–—"), maxsplit=1)
    name = parts[0].strip()
    rest = parts[1] if len(parts) > 1 else ""
    # "By Monday, the toll had risen." is a sentence: what follows a name is short.
    if len(rest.split()) > AFTER_NAME_MAX_WORDS or rest.rstrip().endswith((".", "!", "?", "؟")):
        return None
    if not name:
        return Byline(None, date)
    if not _looks_like_name(name, latin=latin):
        return None
    return Byline(name, date)


def _looks_like_name(name: str, *, latin: bool) -> bool:
    words = name.split()
    if len(words) > NAME_MAX_WORDS or name.endswith((".", ":", "؟", "?", "!")):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if latin:
        return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
    return True
