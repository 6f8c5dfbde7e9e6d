"""Dates as values: ISO dates at any precision, the days they stand for, and the dates a
user types for --since/--until. Apart from ``dates`` (which reads dates out of text with
patterns built from every language pack at import, ~35 ms), so that a search, which only
checks its --since and --until, never compiles them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from clipping_archive.errors import UsageError

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST_YEAR = 1800  # older is not a news clip's date: a misread number


def _plausible(day: dt.date) -> str | None:
    """A news clip's date is not in the future (one day of time zones allowed) nor
    before EARLIEST_YEAR."""
    if day.year < EARLIEST_YEAR or day > dt.date.today() + dt.timedelta(days=1):
        return None
    return day.isoformat()


def ascii_digits(text: str) -> str:
    """Any script's decimal digits as ASCII (٢٠٢٤, ۲۰۲۴, ２０２４ -> 2024)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def is_iso_date(value: str) -> bool:
    """An ISO date (any precision) that can be a clip's date: a real day, not after
    tomorrow, not before EARLIEST_YEAR."""
    start, _end = date_bounds(value)
    return start is not None and _plausible(dt.date.fromisoformat(start)) is not None


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
    """A --since/--until value, widened to a day: --until 2024-06 means to June's end.
    Digits of any script are read (--since ٢٠٢٤ is --since 2024). A bad value is a
    UsageError (exit 2) naming it."""
    start, stop = date_bounds(ascii_digits(value.strip()))
    if start is None or stop is None:
        raise UsageError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    # A period starting after tomorrow or ending before 1800 holds no clip's date (a
    # typo such as 20244 or 1024): said, rather than answered with nothing or everything.
    # The year is compared first: year 0 ("0000") is no date Python can hold.
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    if int(stop[:4]) < EARLIEST_YEAR or dt.date.fromisoformat(start) > tomorrow:
        raise UsageError(
            f"not a plausible date: {value!r} (clips are dated from {EARLIEST_YEAR} to today)"
        )
    return stop if end else start
