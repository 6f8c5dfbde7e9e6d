"""Clips listed without a query, a page at a time: what the search page (and
`/search.json`) shows before anything is typed, newest first.

Built only on Archive methods that exist on every backend: ``export_rows`` streams the
filtered clips oldest first (dated by their first day, then undated in import order),
and ``get`` reads the few clips of the page. The page is cut from that stream while it
passes, keeping no more than ``offset + limit`` ids, so memory stays flat; the time is
one walk of the (filtered) ids. A backend that can list ``ORDER BY date DESC LIMIT n``
would make this one look-up: the integrator may move it behind an Archive method
(``Archive.search`` without a query) when the storage contract grows one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from clipping_archive.ingest.language import split_paragraphs
from clipping_archive.output.clip_hits import ELLIPSIS, title_end_in_body
from clipping_archive.search.snippets import SNIPPET_CHARS, Snippet

LISTING_SORTS = ("newest", "oldest")
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
    archive, *, sort: str = "newest", limit: int = 20, offset: int = 0, **filters
) -> list[Listed]:
    """The clips on one page of the filtered archive: ``newest`` first (dated clips by
    date, latest first, then undated clips, latest imported first) or ``oldest`` first
    (the order of `clip export`). Filters as Archive.search's; a bad one is a ClipError."""
    rows = archive.export_rows(None, ("id", "date_start"), **filters)
    if listing_sort(sort) == "oldest":
        ids = [row["id"] for row in islice(rows, offset, offset + limit)]
    else:
        ids = _newest(rows, offset, limit)
    return [listed(archive.get(clip_id)) for clip_id in ids]


def _newest(rows: Iterator[dict], offset: int, limit: int) -> list[str]:
    """The stream reversed part by part (dated, then undated), cut to the page: only the
    last ``offset + limit`` ids of each part are kept while it passes."""
    keep = offset + limit
    dated: deque[str] = deque(maxlen=keep)
    undated: deque[str] = deque(maxlen=keep)
    for row in rows:
        (dated if row.get("date_start") else undated).append(row["id"])
    newest_first = [*reversed(dated), *reversed(undated)]
    return newest_first[offset : offset + limit]


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
