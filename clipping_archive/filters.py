"""The filters shared by search, export and timeline, as one SQL WHERE clause on clips.

`--source` and `--author` match *whole words in order*, ignoring case, Latin accents,
Arabic diacritics and the usual Arabic spelling variants (أ/إ/آ/ا, ى/ي, ة/ه):
`--author "أبو شادي"` finds "سارة أبو شادي", `--source reuters` finds "Reuters/AFP",
`--author "abu shadi"` finds "Abu-Shadi", but `--author ali` does not find "Khalil".
It is plain SQL (a GLOB pattern with a character class per letter), so it works on any
connection with no function registered.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from clipping_archive.analysis.arabic import HARAKAT_AND_TATWEEL, LETTER_VARIANTS
from clipping_archive.dates import parse_user_date

_ARABIC_VARIANTS = LETTER_VARIANTS
# Dropped from the column (nested replace) and from the value.
_ARABIC_MARKS = HARAKAT_AND_TATWEEL
# Latin letters with accents seen in Dutch, English, French, German and Turkish names.
_ACCENTED = "àáâãäåāçčéèêëēíìîïīñòóôõöøōšúùûüūýÿžğş"
# What may stand between the words of a name: "Abu-Shadi", "Reuters/AFP", "Dr.mehmet".
# '-' last, so the GLOB class does not read it as a range.
_SEPARATORS = " /.,;:|()_'’–—-"
_SEPARATOR_CLASS = f"[{_SEPARATORS}]"


def _fold_char(ch: str) -> str:
    ch = _ARABIC_VARIANTS.get(ch, ch)
    if ch in _ARABIC_MARKS:
        return ""
    if ch in _SEPARATORS:
        return " "
    if ch.lower() in _ACCENTED:
        return unicodedata.normalize("NFKD", ch.lower())[0]
    return ch.lower()


def fold_name(value: str) -> str:
    """A name as the filter compares it: lower case, no accents or Arabic marks, one
    spelling per Arabic letter variant, words separated by single spaces."""
    return " ".join("".join(_fold_char(ch) for ch in value).split())


def _variants() -> dict[str, str]:
    """Each folded letter -> the GLOB class of the letters that fold to it."""
    letters = set(_ARABIC_VARIANTS) | set(_ACCENTED) | set(_ACCENTED.upper())
    letters |= {chr(c) for c in range(ord("a"), ord("z") + 1)}
    letters |= {ch.upper() for ch in letters if ch.isascii()}
    groups: dict[str, set[str]] = {}
    for ch in letters:
        groups.setdefault(_fold_char(ch), {ch}).add(ch)
    return {base: "[" + "".join(sorted(group | {base})) + "]" for base, group in groups.items()}


_CLASSES = _variants()
_GLOB_SPECIAL = {"*": "[*]", "?": "[?]", "[": "[[]", "]": "[]]"}


def name_pattern(value: str) -> str | None:
    """The GLOB pattern matching ``value``'s words, in order, anywhere in a padded column."""
    words = fold_name(value).split()
    if not words:
        return None
    glob_words = [
        "".join(_CLASSES.get(ch) or _GLOB_SPECIAL.get(ch, ch) for ch in word) for word in words
    ]
    return f"*{_SEPARATOR_CLASS}" + _SEPARATOR_CLASS.join(glob_words) + f"{_SEPARATOR_CLASS}*"


def _padded_sql(column: str) -> str:
    expr = column
    for mark in _ARABIC_MARKS:
        expr = f"replace({expr}, '{mark}', '')"
    return f"(' ' || {expr} || ' ')"


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    since: str | None = None  # as the user typed it: 2024, 2024-06 or 2024-06-23
    until: str | None = None
    source: str | None = None
    author: str | None = None

    def where(self, alias: str = "clips") -> tuple[str, list]:
        """A clause and its parameters. A clip's date is a range (2024-06 is the whole
        month), so it matches when that range overlaps the one asked for."""
        clauses: list[str] = []
        params: list = []
        if self.language:
            clauses.append(f"{alias}.language = ?")
            params.append(self.language.lower())
        if self.since:
            clauses.append(f"{alias}.date_end >= ?")
            params.append(parse_user_date(self.since, end=False))
        if self.until:
            clauses.append(f"{alias}.date_start <= ?")
            params.append(parse_user_date(self.until, end=True))
        for column, value in (("source", self.source), ("author", self.author)):
            if value is None:
                continue
            pattern = name_pattern(value)
            if pattern is None:
                clauses.append("0")  # nothing to match on: match nothing rather than all
                continue
            clauses.append(f"{_padded_sql(f'{alias}.{column}')} GLOB ?")
            params.append(pattern)
        return (" AND ".join(clauses) or "1"), params
