"""ISO 8601 dates at the precision known (2024, 2024-06, 2024-06-23) and their bounds."""

from __future__ import annotations

import calendar
import re

from clipping_archive.errors import ClipError

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(date: str | None) -> tuple[str | None, str | None]:
    """First and last day a date stands for: a month-precision date is the whole month."""
    if not date:
        return None, None
    m = _ISO.match(date)
    if not m:
        return None, None
    year, month, day = m.groups()
    if day:
        return date, date
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def parse_user_date(value: str, *, end: bool) -> str:
    """A --since/--until value, widened to a day: --until 2024-06 means to June's end."""
    start, stop = date_bounds(value.strip())
    if start is None:
        raise ClipError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return stop if end else start
