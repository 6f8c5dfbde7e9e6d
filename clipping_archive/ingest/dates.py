"""Dates: ISO 8601 at the precision known (2024, 2024-06, 2024-06-23), their bounds, and
reading the dates scrapers leave in Dutch, Arabic and English.

Reading is deliberately narrow: it turns *one* date expression into ISO text. Where in a
clip a date may be taken from (a prefix, a dateline, a last-edited line, never the body)
is decided in `clipping_archive/fields/`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from clipping_archive.analysis.arabic import HARAKAT_AND_TATWEEL, LETTER_VARIANTS
from clipping_archive.errors import ClipError
from clipping_archive.languages import month_names, words

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

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

DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2024-09-09, 2024/09/09, 2024-06 (ISO first: the least ambiguous)
    re.compile(rf"{_L}{_YEAR}[-/](?P<mon>\d{{1,2}})(?:[-/](?P<day>\d{{1,2}}))?{_R}"),
    # 22 maart 2024, 24 March 2024, ٢٣ مارس ٢٠٢٤, 22 آذار/مارس 2024
    re.compile(rf"{_L}{_DAY}\.?\s*(?:من\s+)?{_MONTH_PAIR}\s*,?\s*{_YEAR}{_R}", re.I),
    # March 24, 2024 / March 24th 2024
    re.compile(rf"{_L}{_MONTH_PAIR}\s+{_DAY},?\s+{_YEAR}{_R}", re.I),
    # 22-03-2024, 22/03/2024, 22.03.2024: day first, as Dutch and Arabic sites write them
    re.compile(rf"{_L}{_DAY}[-/.](?P<mon>\d{{1,2}})[-/.]{_YEAR}{_R}"),
    # maart 2024, June 2024
    re.compile(rf"{_L}{_MONTH_PAIR}\s*,?\s*{_YEAR}{_R}", re.I),
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_FOLD = str.maketrans(LETTER_VARIANTS)
_TASHKEEL = re.compile(f"[{HARAKAT_AND_TATWEEL}]")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int  # span in the folded text, which has the same length as the input
    end: int


def fold(text: str) -> str:
    """Text as the date matcher sees it: ASCII digits, one spelling of each Arabic letter
    variant. Same length as the input (tashkeel becomes a space), so spans carry over."""
    text = _TASHKEEL.sub(" ", text.translate(_DIGITS).translate(_ARABIC_FOLD))
    text = text.replace("\u00a0", " ")
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # Per character, so a letter whose lower case is longer (İ) cannot shift the spans.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_date(text: str) -> FoundDate | None:
    """The first valid date expression in ``text`` (leftmost; on a tie the more precise)."""
    folded = fold(text)
    best: FoundDate | None = None
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(folded):
            iso = _iso(m)
            if iso and (best is None or m.start() < best.start):
                best = FoundDate(iso, m.start(), m.end())
                break
    return best


def parse_date(text: str, *, place_words: int = 0) -> str | None:
    """ISO text for a string that is one date expression and nothing more of substance:
    a weekday, a time and punctuation may stand around it, and up to ``place_words``
    words (a dateline's place name) before it."""
    found = find_date(text)
    if not found:
        return None
    folded = fold(text)
    before, after = _leftover_words(folded[: found.start]), _leftover_words(folded[found.end :])
    return found.iso if len(before) <= place_words and not after else None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|uur|u)?\b|\b(?:om|at|الساعه)\b")
_WEEKDAYS = frozenset(words("weekdays"))


def _leftover_words(rest: str) -> list[str]:
    rest = _TIME.sub(" ", rest)
    # Numbers count: "31 februari 2024" is not "februari 2024" with a stray 31.
    words = re.findall(r"[^\W_]+", rest)
    return [w for w in words if w not in _WEEKDAYS]


def _iso(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    year = int(parts["year"])
    if parts.get("mon"):
        month = int(parts["mon"])
    else:
        month = MONTHS.get(re.sub(r"\s+", " ", parts["month"]).lower())
    if month is None or not 1 <= month <= 12:
        return None
    day = parts.get("day")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def is_iso_date(value: str) -> bool:
    return date_bounds(value) != (None, None)


def date_bounds(date: str | None) -> tuple[str | None, str | None]:
    """First and last day a date stands for: a month-precision date is the whole month."""
    if not date:
        return None, None
    m = _ISO.match(date)
    if not m:
        return None, None
    year, month, day = m.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), date
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    except (ValueError, calendar.IllegalMonthError):
        return None, None
    return f"{year}-01-01", f"{year}-12-31"


def parse_user_date(value: str, *, end: bool) -> str:
    """A --since/--until value, widened to a day: --until 2024-06 means to June's end."""
    start, stop = date_bounds(value.strip())
    if start is None:
        raise ClipError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return stop if end else start
