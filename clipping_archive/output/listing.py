"""Clips listed without a query, a page at a time: what the search page (and
`/search.json`) shows before anything is typed, newest first.

Built only on Archive methods that exist on every backend: ``export_rows`` streams the
filtered clips oldest first (dated by their first day, then undated in import order),
and ``get`` reads the few clips of the page. The page is cut from that stream while it
passes, keeping no more than ``offset + limit`` ids, so memory stays flat. Given the
month counts the page shows anyway, the stream is narrowed to the months that hold the
page (a date filter, which the store answers from its date index), so the first pages
cost a walk of a few months' clips rather than of the archive. A backend that can list
``ORDER BY date DESC LIMIT n`` would make this one look-up: the integrator may move it
behind an Archive method (``Archive.search`` without a query) when the storage contract
grows one.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

from clipping_archive.errors import ClipError
from clipping_archive.ingest.language import split_paragraphs
from clipping_archive.output.clip_hits import ELLIPSIS, title_end_in_body
from clipping_archive.search.snippets import SNIPPET_CHARS, Snippet

LISTING_SORTS = ("newest", "oldest")
MONTH = re.compile(r"\d{4}-\d\d")  # a month facet's key for clips dated to a month or day
SENTENCE_END = ".!?؟:;,،… \t"  # left over where a title taken from a sentence ends


@dataclass(frozen=True)
class Listed:
    """One clip of a listing, shaped as a search hit (``clip``, ``snippet``,
    ``title_highlights``) so the page and `hit_json` take either; it has no ``score``
    and its snippet no highlights: nothing was searched for."""

    clip: dict
    snippet: Snippet
    score: float | None = None
    title_highlights: tuple[tuple[int, int], ...] = ()


def listing_sort(sort: str) -> str:
    """The order of a listing: ``oldest`` when asked, else newest first (relevance, the
    page's default, means nothing without a query)."""
    return "oldest" if sort == "oldest" else "newest"


def list_clips(
    archive,
    *,
    sort: str = "newest",
    limit: int = 20,
    offset: int = 0,
    months: Mapping[str | None, int] | None = None,
    **filters,
) -> list[Listed]:
    """The clips on one page of the filtered archive: ``newest`` first (dated clips by
    date, latest first, then undated clips, latest imported first) or ``oldest`` first
    (the order of `clip export`). Filters as Archive.search's; a bad one is a ClipError.

    ``months``: the filtered clips counted by month (the page's month facet, which it
    counts anyway). With them, a page among the dated clips walks only the months that
    hold it (a ``since`` window for the newest, an ``until`` window for the oldest)
    instead of every clip; a window that turns out too small is walked whole instead."""
    keep = offset + limit
    newest = listing_sort(sort) == "newest"
    window = _window(months, keep, newest, filters) if months else None
    ids = None
    if window is not None:
        ids = _page(_rows(archive, {**filters, **window}), offset, limit, newest, window)
    if ids is None:
        ids = _page(_rows(archive, filters), offset, limit, newest, None) or []
    return [listed(clip) for clip in _clips(archive, ids)]


def _clips(archive, ids: list[str]) -> Iterator[dict]:
    for clip_id in ids:
        try:
            yield archive.get(clip_id)
        except ClipError:
            continue  # deleted since the ids were read: the page is one shorter


def _rows(archive, filters: dict) -> Iterator[dict]:
    return archive.export_rows(None, ("id", "date_start"), **filters)


def _window(
    months: Mapping[str | None, int], keep: int, newest: bool, filters: dict
) -> dict[str, str] | None:
    """The narrowest month bound whose months hold at least ``keep`` clips, counting
    only clips dated to a month or a day (a vaguer clip is streamed too, but not counted
    on: the window is then at most wider than needed). None when no window helps or the
    caller's own bound of that side is set."""
    if filters.get("since" if newest else "until"):
        return None
    dated = sorted((m for m in months if m and MONTH.fullmatch(m)), reverse=newest)
    held = 0
    for month in dated:
        held += months[month]
        if held >= keep:
            if month == dated[-1]:
                return None  # every month needed: the window is the whole archive
            return {"since": month} if newest else {"until": month}
    return None


def _page(
    rows: Iterator[dict], offset: int, limit: int, newest: bool, window: dict | None
) -> list[str] | None:
    """The page's ids from the stream, or None when a window held too few dated clips
    inside its bound to be sure of the page."""
    keep = offset + limit
    if not newest:
        ids = [row["id"] for row in islice(rows, offset, keep)]
        return None if window is not None and len(ids) < limit else ids
    # The stream reversed part by part (dated, then undated), cut to the page: only the
    # last ``keep`` ids of each part are kept while it passes.
    dated: deque[str] = deque(maxlen=keep)
    undated: deque[str] = deque(maxlen=keep)
    inside = 0  # dated on or after the window's first day: these are the newest for sure
    first_day = f"{window['since']}-01" if window else ""
    for row in rows:
        start = row.get("date_start")
        if start:
            dated.append(row["id"])
            inside += start >= first_day
        else:
            undated.append(row["id"])
    if window is not None and inside < keep:
        return None
    newest_first = [*reversed(dated), *reversed(undated)]
    return newest_first[offset:keep]


def listed(clip: dict) -> Listed:
    return Listed(clip, lead_snippet(clip))


def lead_snippet(clip: dict, width: int = SNIPPET_CHARS) -> Snippet:
    """The start of the body after the headline (a headline is the body's first line, a
    title taken from the first sentence is its start), cut at a space to about
    ``width`` characters."""
    paragraphs = split_paragraphs(clip.get("body") or "")
    title = clip.get("title")
    end = title_end_in_body(title, paragraphs[0]) if paragraphs else None
    if end is not None:
        paragraphs[0] = paragraphs[0][end:].lstrip(SENTENCE_END).strip()  # its full stop
    lead = next((p for p in paragraphs if p), "")
    return Snippet(_cut(lead, width), ())


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    space = text.find(" ", width)
    return text if space < 0 else text[:space] + ELLIPSIS
