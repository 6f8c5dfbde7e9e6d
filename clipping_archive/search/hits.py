"""Searching: a query and filters -> the total number of matching clips and a page of
hits, each with its score and a snippet of the original text. Ranking and matching are
the storage layer's (BM25 over the analysed terms); this module shapes the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery, parse_query
from clipping_archive.search.snippets import Snippet, find_hits, make_snippet

if TYPE_CHECKING:  # storage.base imports search: the contract is a type here only
    from clipping_archive.storage.base import Match, SearchStore

SORT_ORDERS = ("relevance", "newest", "oldest")
DEFAULT_LIMIT = 20
# A search counts its matches up to here, as search engines do (Elasticsearch's
# track_total_hits): past it the total is "10000+", and the count no longer costs a pass
# over every match (seconds for a common word in a million clips on PostgreSQL).
# `Archive.count` and `clip search --count` count them all.
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class Hit:
    clip: dict
    score: float
    snippet: Snippet
    title_highlights: tuple[tuple[int, int], ...] = ()  # [start, end) of hits in the title


@dataclass(frozen=True)
class Results:
    """A page of hits and how many clips match in all (``len(hits) <= total``); when
    ``total_exact`` is false, at least ``total`` match (counting stopped there)."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    query: ParsedQuery | None = None
    total_exact: bool = True

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


def run_search(
    store: SearchStore,
    query: str | ParsedQuery,
    filters: Filters = Filters(),
    *,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    sort: str = "relevance",
    count: bool = True,
    count_limit: int | None = COUNT_LIMIT,
) -> Results:
    """``count``: count the matches (up to ``count_limit``; None: all of them)."""
    parsed = parse_query(query) if isinstance(query, str) else query
    found = store.matches(parsed, filters, sort=sort, limit=limit, offset=offset)
    hits = [make_hit(match, parsed) for match in found]
    if not count:
        return Results(len(hits), hits, parsed)
    if limit is not None and offset == 0 and len(hits) < limit:
        return Results(len(hits), hits, parsed)  # the page holds them all: no second pass
    if count_limit is None:
        return Results(store.count_matches(parsed, filters), hits, parsed)
    total = store.count_matches(parsed, filters, at_most=count_limit + 1)
    if total > count_limit:
        return Results(max(count_limit, offset + len(hits)), hits, parsed, total_exact=False)
    return Results(total, hits, parsed)


def make_hit(match: Match, parsed: ParsedQuery) -> Hit:
    clip = match.clip
    title = clip.get("title") or ""
    title_hits = tuple(find_hits(title, [clip.get("language")], parsed)) if title else ()
    snippet = make_snippet(clip, parsed, hits=match.body_hits)
    return Hit(clip, match.score, snippet, title_hits)
