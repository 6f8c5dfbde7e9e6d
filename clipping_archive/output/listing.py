"""Clips listed without a query, a page at a time: what the search page (and
`/search.json`) shows before anything is typed, newest first.

The page's ids come from ``Archive.list_ids`` (the store reads them from its date
index, in order, and stops at the page's end), and ``get`` reads its few clips; this
module shapes them as search hits, each with the start of its body as the snippet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from clipping_archive.errors import ClipError
from clipping_archive.models import split_paragraphs
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
    (the order of `clip export`); clips of one day in import order, reversed for the
    newest. Filters as Archive.search's; a bad one is a ClipError."""
    ids = archive.list_ids(sort=listing_sort(sort), limit=limit, offset=offset, **filters)
    return [listed(clip) for clip in _clips(archive, ids)]


def _clips(archive, ids: list[str]) -> Iterator[dict]:
    for clip_id in ids:
        try:
            yield archive.get(clip_id)
        except ClipError:
            continue  # deleted since the ids were read: the page is one shorter


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
