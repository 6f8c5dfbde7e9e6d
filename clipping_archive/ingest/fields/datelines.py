"""Lines and prefixes that state the article's date: ` date 2024-06 ` before the first
sentence, `(اخر تعديل 2024-09-09 15:26:01 )`, `Gepubliceerd op 22 maart 2024`, or a bare
dateline such as `Moskou, 22 maart 2024` under the headline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipping_archive.ingest.dates import DateLine, find_date, fold, is_iso_date, read_date_line
from clipping_archive.languages import alternation, words

# Dateline: a place name may stand before the date ("Moskou, 22 maart 2024").
DATELINE_MAX_CHARS = 90  # room for a Hijri and a Gregorian date, a place and an agency
DATELINE_PLACE_WORDS = 2

_PREFIX = re.compile(rf"^\s*(?:{alternation(words('date_labels'))})\s*:?\s*", re.IGNORECASE)
# Unlabelled, only an ISO date (with maybe a time) counts: "2024-06-23 ISIS heeft ...".
# The time as ISO 8601 writes it: "T16:12:00Z", "T16:12:00.000+02:00", " 16:12".
_ISO_START = re.compile(
    r"^\s*(\d{4}-\d{2}(?:-\d{2})?)"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s+(?=\S)"
)
# Matched against folded text (alef variants unified, lower case).
_ON = r"(?: on| op| في)?"  # "updated on", "bijgewerkt op", "تم التحديث في"
_LAST_EDITED = re.compile(
    rf"^\s*[(\[]?\s*(?:{alternation(words('updated_words'))}){_ON}"
    r"\s*[:：-]?\s*(?P<value>.+?)\s*[)\]]?\s*$"
)
_PUBLISHED = re.compile(
    rf"^\s*[(\[]?\s*(?:{alternation(words('published_words'))}){_ON}"
    r"\s*[:：-]?\s*(?P<value>.+?)\s*[)\]]?\s*$"
)


@dataclass(frozen=True)
class DatePrefix:
    iso: str
    text: str  # what was cut from the line, for `--stripped`
    rest: str  # the line without it


def match_date_prefix(line: str) -> DatePrefix | None:
    """` date 2024-06 ISIS heeft...`: a labelled date (or a bare ISO date) glued before
    the first sentence."""
    if (iso := _ISO_START.match(line)) and is_iso_date(iso.group(1)):
        return DatePrefix(iso.group(1), line[: iso.end()].strip(), line[iso.end() :])
    label = _PREFIX.match(line)
    if not label:
        return None
    found = find_date(line[label.end() :])
    if not found or found.start != 0:
        return None
    cut = label.end() + found.end
    return DatePrefix(found.iso, line[:cut].strip(), line[cut:].lstrip())


def match_last_edited(line: str, language: str | None = None) -> DateLine | None:
    m = _LAST_EDITED.match(fold(line))
    return read_date_line(m.group("value"), language=language) if m else None


def match_published(line: str, language: str | None = None) -> DateLine | None:
    m = _PUBLISHED.match(fold(line))
    return read_date_line(m.group("value"), language=language) if m else None


def match_dateline(line: str, language: str | None = None) -> DateLine | None:
    """A line that is a date and little else: a weekday, a time, a place before it, an
    agency after it, a Hijri date beside it (طوكيو 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م
    واس)."""
    if len(line.strip()) > DATELINE_MAX_CHARS:
        return None
    return read_date_line(line, place_words=DATELINE_PLACE_WORDS, language=language)
