"""Counts of clips over time, per language: the numbers behind `clip timeline`.

A clip is placed in a period only when its whole date range falls inside it: a clip dated
``2024-06`` counts for June in a monthly timeline, but it cannot be put in a week or a
day, so there it is counted as *imprecise* and left out of the series (never guessed).
Undated clips are counted apart too. Periods without clips are filled with zeros, so the
series is a true time axis.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from clipping_archive.errors import ClipError
from clipping_archive.ingest.date_values import parse_user_date
from clipping_archive.output.words import counted
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery, parse_query

PERIODS = ("year", "month", "week", "day")
# Beyond this many periods a timeline is no chart: it is refused, never printed row by row.
MAX_PERIODS = 20_000
DAYS_PER_PERIOD = {"year": 365, "month": 28, "week": 7, "day": 1}
UNKNOWN_LANGUAGE = "unknown"


@dataclass(frozen=True)
class Timeline:
    by: str
    periods: tuple[str, ...]  # every period from first to last, gaps included
    languages: tuple[str, ...]  # most clips first
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (period, language)
    undated: int = 0
    imprecise: int = 0  # dated, but less precisely than one period

    def count(self, period: str, language: str) -> int:
        return self.counts.get((period, language), 0)

    def total(self, period: str) -> int:
        return sum(self.count(period, lang) for lang in self.languages)

    @property
    def placed(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> Iterator[dict]:
        """One row per period: ``period``, a count per language, ``total``."""
        for period in self.periods:
            row: dict = {"period": period}
            row.update({lang: self.count(period, lang) for lang in self.languages})
            row["total"] = self.total(period)
            yield row

    def as_json(self) -> dict:
        return {
            "by": self.by,
            "languages": list(self.languages),
            "periods": list(self.rows()),
            "placed": self.placed,
            "undated": self.undated,
            "imprecise": self.imprecise,
        }


def timeline(
    store, query: str | ParsedQuery | None = None, filters: Filters = Filters(), by: str = "month"
) -> Timeline:
    if by not in PERIODS:
        raise ClipError(f"unknown period {by!r}: use {', '.join(PERIODS)}")
    parsed = parse_query(query) if isinstance(query, str) else query
    return timeline_from_counts(store.date_counts(parsed, filters), filters, by)


def timeline_from_counts(
    date_counts: Iterable[tuple], filters: Filters = Filters(), by: str = "month"
) -> Timeline:
    """The timeline from (date_start, date_end, language, clips) rows, as
    ``store.date_counts`` gives them (the web page counts them in the same pass as its
    facets)."""
    counts: Counter[tuple[str, str]] = Counter()
    undated = imprecise = 0
    for start, end, language, n in date_counts:
        days = _days(start, end)
        if days is None:
            undated += n
            continue
        first, last = period_of(days[0], by), period_of(days[1], by)
        if first != last:
            imprecise += n
            continue
        counts[(first, language or UNKNOWN_LANGUAGE)] += n
    per_language: Counter[str] = Counter()
    for (_, language), n in counts.items():
        per_language[language] += n
    languages = tuple(sorted(per_language, key=lambda lang: (-per_language[lang], lang)))
    periods = _axis({p for p, _ in counts}, filters, by)
    return Timeline(by, periods, languages, dict(counts), undated, imprecise)


def _days(start: str | None, end: str | None) -> tuple[date, date] | None:
    """The first and last day a clip's date stands for; None when it stands for none
    (no date, or one that is not a real day, such as 2024-02-30)."""
    if start is None or end is None:
        return None
    try:
        return date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError):
        return None


def period_of(day: date, by: str) -> str:
    if by == "year":
        return f"{day.year:04d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"  # ISO 8601 week: Monday to Sunday
    return day.isoformat()


def period_start(period: str, by: str) -> date:
    if by == "year":
        return date(int(period), 1, 1)
    if by == "month":
        return date(int(period[:4]), int(period[5:7]), 1)
    if by == "week":
        return date.fromisocalendar(int(period[:4]), int(period[6:]), 1)
    return date.fromisoformat(period)


def next_period(period: str, by: str) -> str:
    start = period_start(period, by)
    if by == "year":
        return f"{start.year + 1:04d}"
    if by == "month":
        year, month = divmod(start.year * 12 + start.month, 12)  # month is 0-based here
        return f"{year:04d}-{month + 1:02d}"
    return period_of(start + timedelta(days=7 if by == "week" else 1), by)


def _axis(found: set[str], filters: Filters, by: str) -> tuple[str, ...]:
    """Every period from the first to the last, or from --since to --until when given."""

    def key(period: str) -> date:
        return period_start(period, by)

    first = _bound(filters.since, False, by) if filters.since else min(found, key=key, default=None)
    last = _bound(filters.until, True, by) if filters.until else max(found, key=key, default=None)
    first, last = first or last, last or first
    if first is None or last is None or key(first) > key(last):
        return ()
    span_days = (key(last) - key(first)).days
    if span_days // DAYS_PER_PERIOD[by] > MAX_PERIODS:
        raise ClipError(
            f"a timeline by {by} from {first} to {last} has too many periods; "
            "use a coarser --by, or --since/--until"
        )
    axis = [first]
    while axis[-1] != last:
        axis.append(next_period(axis[-1], by))
    return tuple(axis)


def _bound(value: str, end: bool, by: str) -> str:
    return period_of(date.fromisoformat(parse_user_date(value, end=end)), by)


def timeline_csv(result: Timeline) -> str:
    """Plain CSV (ASCII only, so no byte-order mark): period, one column per language, total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["period", *result.languages, "total"])
    for row in result.rows():
        writer.writerow([row["period"], *(row[lang] for lang in result.languages), row["total"]])
    return out.getvalue()


def left_out_notes(result: Timeline) -> list[str]:
    """What the timeline could not place, as lines for people."""
    notes = []
    if result.undated:
        notes.append(f"left out: {_clips(result.undated)} without a date")
    if result.imprecise:
        notes.append(
            f"left out: {_clips(result.imprecise)} dated less precisely than a {result.by} "
            "(e.g. only to the month); try a coarser --by"
        )
    return notes


def _clips(n: int) -> str:
    return counted(n, "clip")
