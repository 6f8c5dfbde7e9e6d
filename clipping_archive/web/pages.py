"""What each page shows, worked out from the Archive API (no SQL, no HTML): the plugin
renders these dicts with Jinja templates, or returns them as JSON."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from clipping_archive.archive import Archive
from clipping_archive.errors import ClipError
from clipping_archive.output.clip_hits import hit_count
from clipping_archive.output.listing import list_clips, listing_sort
from clipping_archive.output.overview import Overview
from clipping_archive.output.shapes import clip_json, clip_paragraphs, hit_json, shown_clip_json
from clipping_archive.search.snippets import clip_hits
from clipping_archive.web.chart import chart
from clipping_archive.web.highlight import pieces
from clipping_archive.web.params import PAGE_SIZE, SearchParams

FACET_LIMIT = 15  # values shown per facet on the page (the JSON has them all)
UNKNOWN = {"language": "unknown", "source": "no source", "month": "undated"}
RTL_LANGUAGES = ("ar", "fa", "ur", "he")
# Threads counting a page's overview beside its search (search_page).
_BESIDE = ThreadPoolExecutor(max_workers=4, thread_name_prefix="clip-overview")


@dataclass(frozen=True)
class SearchPage:
    params: SearchParams
    overview: Overview
    hits: list  # of Hit
    error: str | None = None

    @property
    def total(self) -> int:
        return self.overview.total

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def search_page(
    archive: Archive, params: SearchParams, open_beside: Callable[[], Archive] | None = None
) -> SearchPage:
    """The page of hits and, from one more pass over the matches, their total, facets
    and timeline. Without a query: a page of the (filtered) clips, newest first, and the
    facets and timeline of them all.

    With ``open_beside`` (which gives an Archive for the thread calling it), the overview
    is counted in a second thread while this one finds the page of hits (or of listed
    clips): SQLite runs the two passes at once on two connections, so the page takes
    about as long as the slower of them rather than both."""
    page = _hits if params.q else _listed
    if open_beside is None:
        overview = _overview(archive, params)
        hits = page(archive, params) if overview.total > params.offset else []
        return SearchPage(params, overview, hits)
    counting = _BESIDE.submit(lambda: _overview(open_beside(), params))
    try:
        hits = page(archive, params)
    finally:
        overview = counting.result()  # waited for even when the search failed
    return SearchPage(params, overview, hits)


def _overview(archive: Archive, params: SearchParams) -> Overview:
    return archive.overview(params.q or None, **params.filters)


def _listed(archive: Archive, params: SearchParams) -> list:
    return list_clips(
        archive, sort=params.sort, limit=PAGE_SIZE, offset=params.offset, **params.filters
    )


def _hits(archive: Archive, params: SearchParams) -> list:
    results = archive.search(
        params.q,
        limit=PAGE_SIZE,
        offset=params.offset,
        sort=params.sort,
        count=False,  # the overview counts them
        **params.filters,
    )
    return results.hits


def search_json(page: SearchPage) -> dict:
    """`/search.json`: hits with the keys of `clip search --json`."""
    return {
        "total": page.total,
        "page": page.params.page,
        "hits": [hit_json(hit) for hit in page.hits],
        "facets": page.overview.facets,
    }


def search_context(page: SearchPage, languages: list[str]) -> dict:
    params = page.params
    return {
        "params": params,
        "languages": languages,
        "total": page.total,
        "shown_from": params.offset + 1 if page.hits else 0,
        "shown_to": params.offset + len(page.hits),
        "hits": [_hit_view(hit, params) for hit in page.hits],
        "facets": _facet_views(page),
        "chart": chart(page.overview.timeline),
        "chart_url": lambda period: params.url(since=period, until=period),
        "pages": _pagination(params, page.pages),
        "listing": not params.q,
        "sort_shown": params.sort if params.q else listing_sort(params.sort),
        "export_csv": params.url("/export.csv"),
        "export_xlsx": params.url("/export.xlsx"),
        "search_json": params.url("/search.json"),
    }


def _hit_view(hit, params: SearchParams) -> dict:
    clip = hit.clip
    link = f"/clip/{clip['id']}"
    if params.q:
        link += "?" + SearchParams(q=params.q).query_string()
    return {
        "id": clip["id"],
        "url": link,
        "title": pieces(clip.get("title") or "(untitled)", hit.title_highlights),
        "snippet": pieces(hit.snippet.text, hit.snippet.highlights),
        "date": clip.get("date"),
        "language": clip.get("language"),
        "source": clip.get("source"),
        "author": clip.get("author"),
        "dir": direction(clip.get("language")),
    }


def _facet_views(page: SearchPage) -> list[dict]:
    params = page.params
    views = []
    for name, counts in page.overview.facets.items():
        items = []
        for value, n in list(counts.items())[:FACET_LIMIT]:
            active, url = False, None
            if value is not None:
                if name == "language":
                    active = params.lang == value
                    url = params.url(lang=None if active else value)
                elif name == "source":
                    active = params.source == value
                    url = params.url(source=None if active else value)
                elif name == "month":
                    active = params.since == value and params.until == value
                    url = params.url(
                        since=None if active else value, until=None if active else value
                    )
            label = value if value is not None else UNKNOWN[name]
            items.append({"label": label, "count": n, "url": url, "active": active})
        views.append({"name": name, "entries": items, "more": max(0, len(counts) - FACET_LIMIT)})
    return views


def _pagination(params: SearchParams, pages: int) -> dict:
    return {
        "current": params.page,
        "count": pages,
        "previous": params.url(page=params.page - 1) if params.page > 1 else None,
        "next": params.url(page=params.page + 1) if params.page < pages else None,
    }


def direction(language: str | None) -> str:
    return "rtl" if language in RTL_LANGUAGES else "auto"


def clip_context(archive: Archive, clip_id: str, query: str) -> dict:
    """The clip page: metadata, the clean body by paragraph (each with its language and
    the query's hits marked), the other clips of its story, the raw text and what the
    cleaner stripped."""
    clip = archive.get(clip_id)
    parsed = None
    if query:
        try:
            parsed = archive.parse(query)
        except ClipError:
            parsed = None  # a query that cannot search marks nothing; the clip still shows
    found = clip_paragraphs(clip)
    title = clip.get("title") or ""
    hits = clip_hits(title, clip.get("language"), found, parsed) if parsed else None
    paragraphs = []
    for n, paragraph in enumerate(found):
        spans = hits.paragraphs[n] if hits else ()
        paragraphs.append(
            {
                "language": paragraph.language,
                "dir": direction(paragraph.language),
                "pieces": pieces(paragraph.text, spans),
                "hits": len(spans),
            }
        )
    title_spans = hits.title if hits else ()
    meta = clip_json(clip, paragraphs=found)
    back_to = f"?{SearchParams(q=query).query_string()}" if query else ""
    copies = [
        {**copy, "url": f"/clip/{copy['id']}{back_to}", "dir": "auto"}
        for copy in archive.copies(clip["id"])
    ]
    return {
        "clip": meta,
        "title": pieces(title or "(untitled)", title_spans),
        "dir": direction(clip.get("language")),
        "fields": [
            (name, meta.get(name))
            for name in ("id", "date", "hijri_date", "language", "languages", "author")
            + ("source", "url", "tags", "path", "encoding", "imported_at")
            if meta.get(name) not in (None, "", [])
        ],
        "paragraphs": paragraphs,
        # As `clip show --query` counts them: a headline's hits once, not again in the body.
        "hits": hit_count(title, found, hits) if hits else 0,
        "copies": copies,
        "raw": clip.get("raw") or "",
        "stripped": clip.get("stripped") or [],
        "query": query,
        "back": SearchParams(q=query).url() if query else "/",
        "json_url": f"/clip/{clip['id']}.json{back_to}",
    }


def clip_page_json(archive: Archive, clip_id: str, query: str = "") -> dict:
    """`/clip/ID.json`: the keys of `clip show --json --raw --stripped` (``copies``
    among them) and, with a query, its ``highlights``. A query that cannot search is a
    ClipError, as for `clip show --query`."""
    clip = archive.get(clip_id)
    paragraphs = clip_paragraphs(clip)
    hits = archive.hits_in(clip, query, paragraphs) if query else None
    return shown_clip_json(
        clip,
        copies=archive.copies(clip["id"]),
        hits=hits,
        raw=True,
        stripped=True,
        paragraphs=paragraphs,
    )
