"""The filters shared by search, export, timeline and the web page: values only. The
storage layer turns them into its own query language (``storage.sqlite_filters``).

`--source` and `--author` match *whole words in order*, ignoring case, Latin accents,
Arabic diacritics and the usual Arabic spelling variants (أ/إ/آ/ا, ى/ي, ة/ه):
`--author "أبو شادي"` finds "سارة أبو شادي", `--source reuters` finds "Reuters/AFP",
`--author "abu shadi"` finds "Abu-Shadi", but `--author ali` does not find "Khalil".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from clipping_archive.analysis.arabic import HARAKAT_AND_TATWEEL, LETTER_VARIANTS
from clipping_archive.errors import UsageError
from clipping_archive.ingest.date_values import parse_user_date

ARABIC_VARIANTS = LETTER_VARIANTS
# Dropped from the column and from the value.
ARABIC_MARKS = HARAKAT_AND_TATWEEL
# Latin letters with accents seen in Dutch, English, French, German and Turkish names.
ACCENTED = "àáâãäåāçčéèêëēíìîïīñòóôõöøōšúùûüūýÿžğş"
# What may stand between the words of a name: "Abu-Shadi", "Reuters/AFP", "Dr.mehmet".
# '-' last, so a character class built from it does not read it as a range.
SEPARATORS = " /.,;:|()_'’–—-"


def fold_char(ch: str) -> str:
    ch = ARABIC_VARIANTS.get(ch, ch)
    if ch in ARABIC_MARKS:
        return ""
    if ch in SEPARATORS:
        return " "
    if ch.lower() in ACCENTED:
        return unicodedata.normalize("NFKD", ch.lower())[0]
    return ch.lower()


def fold_name(value: str) -> str:
    """A name as the filter compares it: lower case, no accents or Arabic marks, one
    spelling per Arabic letter variant, words separated by single spaces."""
    return " ".join("".join(fold_char(ch) for ch in value).split())


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    since: str | None = None  # as the user typed it: 2024, 2024-06 or 2024-06-23
    until: str | None = None
    source: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()  # every one of them

    @property
    def since_day(self) -> str | None:
        """The first day --since admits (ISO), checked: a bad value is a UsageError (exit
        2) naming the option and the value."""
        return _day("--since", self.since, end=False)

    @property
    def until_day(self) -> str | None:
        """The last day --until admits (ISO), checked as --since is."""
        return _day("--until", self.until, end=True)

    @property
    def active(self) -> bool:
        return any((self.language, self.since, self.until, self.source, self.author, self.tags))


def _day(option: str, value: str | None, *, end: bool) -> str | None:
    if not value:
        return None
    try:
        return parse_user_date(value, end=end)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc}") from None
    except (ValueError, OverflowError):  # a value no reader foresaw: still the user's
        raise UsageError(f"{option}: not a date: {value!r}") from None
