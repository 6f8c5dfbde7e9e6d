"""The numbers around a page of results: how many clips match, their facets (language,
source, month) and their timeline, all counted from one grouped pass over the matches
(``store.match_groups``). Each of them asked for apart would walk every match again, and
one such walk costs as much as the search itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from clipping_archive.output.timeline import Timeline, timeline_from_counts
from clipping_archive.search.filters import Filters

FACET_NAMES = ("language", "source", "month")


@dataclass(frozen=True)
class Overview:
    total: int
    facets: dict[str, dict[str | None, int]]  # as Archive.facets orders them
    timeline: Timeline


def overview_from_groups(
    groups: Iterable[tuple], filters: Filters = Filters(), by: str = "month"
) -> Overview:
    """``groups``: (language, source, date, date_start, date_end, clips) rows."""
    counters: dict[str, Counter] = {name: Counter() for name in FACET_NAMES}
    dates: Counter[tuple] = Counter()
    total = 0
    for language, source, date, start, end, n in groups:
        month = date[:7] if date else None  # as Archive.facets: the date to the month
        total += n
        counters["language"][language] += n
        counters["source"][source] += n
        counters["month"][month] += n
        dates[(start, end, language)] += n
    facets = {
        # Most clips first (ties by name), as Archive.facets; months in time order, undated last.
        "language": _by_count(counters["language"]),
        "source": _by_count(counters["source"]),
        "month": dict(sorted(counters["month"].items(), key=lambda kv: (kv[0] is None, kv[0]))),
    }
    rows = [(start, end, language, n) for (start, end, language), n in dates.items()]
    return Overview(total, facets, timeline_from_counts(rows, filters, by))


def _by_count(counter: Counter) -> dict:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or "")))
