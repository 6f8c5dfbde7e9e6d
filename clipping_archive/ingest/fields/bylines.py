"""Bylines: `كتبت- سارة أبو شادي`, `بواسطة` (alone or with a name), `By Jane Doe`,
`Door Jan de Vries`, `Auteur: ...`. A byline may carry a date (`By Jane Doe | March 24,
2024`), which is then the article's date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipping_archive.ingest.dates import find_date
from clipping_archive.languages import PACKS, alternation, words

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


# Several authors: "Nina Dos Santos, Laura Smith-Spark and James Frater", kept as written.
_JOINERS = re.compile(
    rf"\s*,\s*(?:(?:{alternation(words('name_joiners'))})\s+)?"
    rf"|\s+(?:{alternation(w for w in words('name_joiners') if w != 'و')})\s+|\s+و\s*(?=\S)"
)
MAX_AUTHORS = 6
PLACE_BYLINE_MAX_CHARS = 60
_AGENCIES = frozenset(w.lower() for w in words("agencies"))


def _author_list(value: str, *, latin: bool) -> str | None:
    """``value`` when it is a list of names, as written; None otherwise."""
    names = [n for n in _JOINERS.split(value.strip()) if n]
    if not 2 <= len(names) <= MAX_AUTHORS:
        return None
    if any(n.lower().strip("()") in _AGENCIES for n in names):
        return None  # "Jane Doe, Reuters": a name and an agency, not two authors
    if all(_looks_like_name(n, latin=latin) for n in names):
        return value.strip()
    return None


# Arabic sites' own forms, with no byline word: "لندن: رنيم حنوش" (place: name), "محمد
# هجرس - القاهرة" and "عرعر - جاسر الصقري" (name and place around a dash, either order),
# "أحمد الشميري (صنعاء)". Only under the headline (see metadata.py). Of two parts, the
# name is the longer; a part that is a news agency is the source, not an author.
_AR_PART = r"«[^»]{2,60}»|[^\W\d_]+(?:\s+[^\W\d_]+){0,3}"
_TWO_PARTS = re.compile(
    rf"^\s*(?P<a>{_AR_PART})\s*(?:[-–—:]|\s[-–—]\s)\s*(?P<b>{_AR_PART})\s*:?\s*$"
)
_NAME_IN_PARENS = re.compile(rf"^\s*(?P<a>{_AR_PART})\s*\((?P<b>[^()]{{2,30}})\)\s*:?\s*$")
_FUNCTION_WORDS = frozenset(w for pack in PACKS.values() for w in pack.function_words)


def match_place_byline(line: str) -> Byline | None:
    """An Arabic byline written as place and name, in either order."""
    line = line.replace("\u00a0", " ")
    if not any("\u0600" <= ch <= "\u06ff" for ch in line) or len(line) > PLACE_BYLINE_MAX_CHARS:
        return None
    m = _TWO_PARTS.match(line) or _NAME_IN_PARENS.match(line)
    if not m:
        return None
    parts = [m.group("a").strip(), m.group("b").strip()]
    if any(w in _FUNCTION_WORDS for part in parts for w in part.split()):
        return None
    people = [p for p in parts if p.strip("«»").lower() not in _AGENCIES]
    if len(people) < len(parts):
        return None  # "الرياض - واس": a place and an agency (the source), no author
    if m.re is _NAME_IN_PARENS:
        name = parts[0]
    else:
        name = max(people, key=lambda p: (len(p.split()), p.startswith("«")))
    return Byline(name.strip("«»").strip())


def _byline(value: str, *, latin: bool) -> Byline | None:
    date = None
    if found := find_date(value):  # spans in folded text match the original's
        date = found.iso
        value = value[: found.start] + " | " + value[found.end :]
    if several := _author_list(value.strip(" |•·,،-–—"), latin=latin):
        return Byline(several, date)
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
