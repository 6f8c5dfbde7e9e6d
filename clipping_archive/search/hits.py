"""Searching: a query and filters -> the total number of matching clips and a page of
hits, each with its score and a snippet of the original text. Ranking and matching are
the storage layer's (BM25 over the analysed terms); this module shapes the results."""

from __future__ import annotations

from dataclasses import dataclass, field

from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery, parse_query
from clipping_archive.search.snippets import Snippet, find_hits, make_snippet

SORT_ORDERS = ("relevance", "newest", "oldest")
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Hit:
    clip: dict
    score: float
    snippet: Snippet
    title_highlights: tuple[tuple[int, int], ...] = ()  # [start, end) of hits in the title


@dataclass(frozen=True)
class Results:
    """A page of hits and how many clips match in all (``len(hits) <= total``)."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    query: ParsedQuery | None = None

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


def run_search(
    store,
    query: str | ParsedQuery,
    filters: Filters = Filters(),
    *,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    sort: str = "relevance",
    count: bool = True,
) -> Results:
    parsed = parse_query(query) if isinstance(query, str) else query
    rows = store.matches(parsed, filters, sort=sort, limit=limit, offset=offset)
    hits = [make_hit(row, parsed) for row in rows]
    if not count:
        total = len(hits)
    elif limit is not None and offset == 0 and len(hits) < limit:
        total = len(hits)  # the page holds them all: no second pass over the index
    else:
        total = store.count_matches(parsed, filters)
    return Results(total, hits, parsed)


def make_hit(row: dict, parsed: ParsedQuery) -> Hit:
    marks = row.pop("_marks", None)
    score = -row.pop("rank")
    title = row.get("title") or ""
    title_hits = tuple(find_hits(title, [row.get("language")], parsed)) if title else ()
    return Hit(row, score, make_snippet(row, parsed, marked=marks), title_hits)
