"""Dates: ISO 8601 at the precision known (2024, 2024-06, 2024-06-23), their bounds, and
reading the dates scrapers leave in Dutch, Arabic and English.

Reading is deliberately narrow: it turns *one* date expression into ISO text. Where in a
clip a date may be taken from (a prefix, a dateline, a last-edited line, never the body)
is decided in `clipping_archive/fields/`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from clipping_archive.analysis.arabic import HARAKAT_AND_TATWEEL, LETTER_VARIANTS
from clipping_archive.ingest.date_values import (  # noqa: F401 - re-exported for ingest
    EARLIEST_YEAR,
    _plausible,
    ascii_digits,
    date_bounds,
    is_iso_date,
    parse_user_date,
)
from clipping_archive.languages import PACKS, alternation, month_names, words

# Month names from the language packs, written the way the matcher sees text after `fold`
# (Arabic alef/ya/ta marbuta variants unified, Latin lower-cased).
_MONTH_NAMES: dict[int, tuple[str, ...]] = month_names()
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names}

# Longest first, so "kanoon al-thani" wins over a shorter name it contains.
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
# "22 آذار/مارس 2024": Levantine sites often give both series.
_MONTH_PAIR = rf"(?P<month>{_MONTH})\.?(?:\s*/\s*(?:{_MONTH}))?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|e|ste|de)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# \b does not see a boundary between an Arabic word and a digit the way we need, so the
# edges are spelled out: not inside a longer word or number.
_L, _R = r"(?<![\w/.-])", r"(?![\w/-]|\.\d)"

# An ISO 8601 timestamp's time after the day, as ``fold`` writes it (lower case):
# "t16:12:00z", "t16:12:00.000+02:00", "t16:12+0200". Part of the date's match, so the
# line "2024-06-30T16:12:00Z" is a date line and nothing else.
ISO_TIME = r"t\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?"

DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2024-09-09, 2024/09/09, 2024-06, 2024-06-30T16:12:00Z (ISO first: the least ambiguous)
    re.compile(
        rf"{_L}{_YEAR}[-/](?P<mon>\d{{1,2}})(?:[-/](?P<day>\d{{1,2}})(?:{ISO_TIME})?)?{_R}"
    ),
    # 22 maart 2024, 24 March 2024, ٢٣ مارس ٢٠٢٤, 22 آذار/مارس 2024
    re.compile(rf"{_L}{_DAY}\.?\s*(?:من\s+)?{_MONTH_PAIR}\s*,?\s*{_YEAR}{_R}", re.I),
    # March 24, 2024 / March 24th 2024
    re.compile(rf"{_L}{_MONTH_PAIR}\s+{_DAY},?\s+{_YEAR}{_R}", re.I),
    # 22-03-2024, 22/03/2024, 22.03.2024: numeric, the order decided by the language
    re.compile(rf"{_L}{_DAY}[-/.](?P<mon>\d{{1,2}})[-/.]{_YEAR}{_R}"),
    # 08-04-19 (AD.nl): the same with a two-digit year
    re.compile(rf"{_L}{_DAY}[-/.](?P<mon>\d{{1,2}})[-/.](?P<yy>\d{{2}}){_R}"),
    # maart 2024, June 2024
    re.compile(rf"{_L}{_MONTH_PAIR}\s*,?\s*{_YEAR}{_R}", re.I),
)

# Hijri dates (25 شوال 1436 هـ): month names from the packs, years 1300-1499 AH.
_HIJRI_MONTHS = {n: m for m, names in month_names("hijri_months").items() for n in names}
_HIJRI_MONTH = "|".join(sorted(map(re.escape, _HIJRI_MONTHS), key=len, reverse=True))
HIJRI_PATTERN = (
    re.compile(
        rf"{_L}(?P<hday>\d{{1,2}})\s*(?P<hmonth>{_HIJRI_MONTH})\s*(?P<hyear>1[34]\d{{2}})"
        r"(?:\s*ه(?![^\W\d_]))?"
    )
    if _HIJRI_MONTH
    else None
)
# Eras glued to a year (2015م, 1436هـ) are read as a space, so the year stands alone.
_GLUED_ERA = re.compile(r"(?<=\d)[مه](?![^\W\d_])")
# Numeric dates whose order a language leaves open (English: 07/08/2018) are read only
# when one order alone gives a real date.
NUMERIC_ORDER = {code: pack.numeric_order for code, pack in PACKS.items()}

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_FOLD = str.maketrans(LETTER_VARIANTS)
_FOLD_TABLE = {**_DIGITS, **_ARABIC_FOLD}
# str.translate looks every character up in Python: run it only on text that has one of
# the characters it changes (most Dutch and English text has none).
_NEEDS_TRANSLATE = re.compile("[" + "".join(map(chr, _FOLD_TABLE)) + "]")
_TASHKEEL = re.compile(f"[{HARAKAT_AND_TATWEEL}]")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int  # span in the folded text, which has the same length as the input
    end: int


@dataclass(frozen=True)
class DateLine:
    """What a line that states a date says: the date (Gregorian, ISO at the precision
    written) and, where the line also gives it, the Hijri date as written."""

    iso: str
    hijri: str | None = None


def fold(text: str) -> str:
    """Text as the date matcher sees it: ASCII digits, one spelling of each Arabic letter
    variant. Same length as the input (tashkeel becomes a space), so spans carry over.
    Lines are cached (a header line is folded by several matchers in turn); long texts,
    which are never asked twice, are not."""
    return _fold_line(text) if len(text) <= FOLD_CACHE_MAX_CHARS else _fold(text)


FOLD_CACHE_MAX_CHARS = 500


@lru_cache(maxsize=4096)
def _fold_line(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    """Text as the date matcher sees it: ASCII digits, one spelling of each Arabic letter
    variant. Same length as the input (tashkeel becomes a space), so spans carry over."""
    if _NEEDS_TRANSLATE.search(text):
        text = text.translate(_FOLD_TABLE)
    text = _TASHKEEL.sub(" ", text)
    text = _GLUED_ERA.sub(" ", text.replace("\u00a0", " "))
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # Per character, so a letter whose lower case is longer (İ) cannot shift the spans.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_date(text: str, language: str | None = None) -> FoundDate | None:
    """The first valid date expression in ``text`` (leftmost; on a tie the more precise).
    ``language`` decides the order of numeric dates (default: day first)."""
    return _find_date_folded(fold(text), language)


# What every date pattern holds: a year (19xx, 20xx) or a numeric day and month. A line
# without either (most headlines and bylines) is not searched by each pattern in turn.
_DATE_NEEDS = re.compile(r"(?:19|20)\d\d|\d[-/.]\d")


def _find_date_folded(folded: str, language: str | None) -> FoundDate | None:
    if not _DATE_NEEDS.search(folded):
        return None
    best: FoundDate | None = None
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(folded):
            iso = _iso(m, language)
            if iso and (best is None or m.start() < best.start):
                best = FoundDate(iso, m.start(), m.end())
                break
    return best


def parse_date(text: str, *, place_words: int = 0, language: str | None = None) -> str | None:
    """ISO text for a string that is one date expression and nothing more of substance:
    a weekday, a time and punctuation may stand around it, and up to ``place_words``
    words (a dateline's place name) before it."""
    found = read_date_line(text, place_words=place_words, language=language)
    return found.iso if found else None


def read_date_line(
    text: str, *, place_words: int = 0, language: str | None = None
) -> DateLine | None:
    """A line that is a date and little else: weekday names, times and time zones, the
    words joining two calendars (الموافق), an era (هـ, م), a closing news agency (واس)
    and up to ``place_words`` words of a place before it. A Hijri date with a Gregorian
    one (الثلاثاء 18 شوال 1436 هـ - 4 أغسطس 2015م): the Gregorian is the date, the Hijri
    is kept as written. A Hijri date alone is converted (Umm al-Qura calendar)."""
    folded = fold(text)
    hijri = HIJRI_PATTERN.search(folded) if HIJRI_PATTERN is not None else None
    blanked = folded
    if hijri:
        blanked = (
            folded[: hijri.start()] + " " * (hijri.end() - hijri.start()) + folded[hijri.end() :]
        )
    found = _find_date_folded(blanked, language)
    spans = [(m.start(), m.end()) for m in (hijri,) if m] + (
        [(found.start, found.end)] if found else []
    )
    if not spans:
        return None
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    middle = blanked[first:last]
    if found:
        middle = (
            middle[: found.start - first]
            + " " * (found.end - found.start)
            + middle[found.end - first :]
        )
    before = _leftover_words(folded[:first])
    inner = _leftover_words(middle)
    after = _leftover_words(folded[last:])
    if len(before) > place_words or inner or after:
        return None
    hijri_text = None
    if hijri:
        end = hijri.end()
        while end < len(text) and text[end] == "\u0640":  # هـ: keep the era as written
            end += 1
        hijri_text = " ".join(text[hijri.start() : end].split())
    if found:
        return DateLine(found.iso, hijri_text)
    converted = _hijri_to_iso(hijri)
    return DateLine(converted, hijri_text) if converted else None


def _hijri_to_iso(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    from hijridate import Hijri  # loaded only when a clip carries a Hijri date alone

    month = _HIJRI_MONTHS.get(re.sub(r"\s+", " ", m.group("hmonth")))
    try:
        day = Hijri(int(m.group("hyear")), month, int(m.group("hday"))).to_gregorian()
    except (TypeError, ValueError, OverflowError):
        return None
    return _plausible(dt.date(day.year, day.month, day.day))


# A time zone's offset from UTC: after a zone's name ("GMT+1", "utc -05:00", "بتوقيت
# غرينتش +3") or after a time ("16:12+02:00", "16:12:00z", "16:12:00 +0200"). Syntax, not words: the
# same in every language.
_OFFSET = r"\s*[+\-−]\s*\d{1,2}(?::?\d{2})?(?!\d)"
_ZONES = alternation(words("time_zones"))
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+\-−]\d{2}:?\d{2}|\s[+−]\d{2}:?\d{2})?"
    r"\s*(?:am|pm|a\.m\.|p\.m\.|uur|u)?(?![^\W\d_])"
    rf"|(?<![^\W_])(?:{_ZONES}){_OFFSET}"
    rf"|\b(?:{alternation(words('time_words'))})\b"
)
# What may stand around a date on a date line besides a place: weekday names, time zones,
# the words joining two calendars, eras, agencies (all from the language packs).
_DATE_LINE_WORDS = frozenset(
    w
    for kind in ("weekdays", "weekday_abbreviations", "time_zones", "calendar_joiners", "agencies")
    for phrase in words(kind)
    for w in re.findall(r"[^\W_]+", fold(phrase))
) | {"م", "ه", "ل", "on", "op"}


def _leftover_words(rest: str) -> list[str]:
    rest = _TIME.sub(" ", rest)
    # Numbers count: "31 februari 2024" is not "februari 2024" with a stray 31.
    found = re.findall(r"[^\W_]+", rest)
    return [w for w in found if w not in _DATE_LINE_WORDS]


def _iso(m: re.Match[str], language: str | None = None) -> str | None:
    parts = m.groupdict()
    if parts.get("yy"):
        year = 2000 + int(parts["yy"])
        if year > dt.date.today().year:
            year -= 100
    else:
        year = int(parts["year"])
    if year < EARLIEST_YEAR:
        return None
    day = parts.get("day")
    if parts.get("mon"):
        month = int(parts["mon"])
        if day is not None and not parts.get("month") and m.re is not DATE_PATTERNS[0]:
            return _numeric(year, int(day), month, language)
    else:
        month = MONTHS.get(re.sub(r"\s+", " ", parts["month"]).lower())
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        if dt.date(year, month, 1) > dt.date.today():
            return None
        return f"{year:04d}-{month:02d}"
    try:
        return _plausible(dt.date(year, month, int(day)))
    except ValueError:
        return None


def _numeric(year: int, first: int, second: int, language: str | None) -> str | None:
    """A numeric date written first-second-year: day first where the language writes it
    so; where the language writes both orders, only a date one order alone can read."""
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    readings = [r for r in dict.fromkeys(readings) if _plausible(r)]
    if not readings:
        return None
    if NUMERIC_ORDER.get(language or "", "dmy") == "ambiguous" and len(readings) > 1:
        return None  # 07/08/2018 in English: July or August; a guess is worse than none
    return readings[0].isoformat()


