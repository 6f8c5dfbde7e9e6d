"""The page's routes, server- and backend-neutral: each view takes the ``Site`` (where the
archive is) and a ``Request`` and returns a ``Reply``, calling the Archive API only.
``plugin.py`` (Datasette, on an SQLite file) and ``app.py`` (the standalone ASGI app, on
any archive: a team's PostgreSQL server too) route to these same functions.

Views block (SQLite, PostgreSQL and the analysers do): a server calls ``respond`` in a
worker thread, and each thread keeps one read-only Archive (``archives.py``)."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clipping_archive.archive import Archive
from clipping_archive.errors import ClipError, StorageError
from clipping_archive.web.archives import (
    archive_for_thread,
    archive_languages,
    forget_archive,
)
from clipping_archive.web.pages import (
    clip_context,
    clip_page_json,
    search_context,
    search_json,
    search_page,
)
from clipping_archive.web.params import SearchParams
from clipping_archive.web.replies import HEADERS, Reply, Request, json_reply, page, refused

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NO_ARCHIVE = "no clipping archive among Datasette's databases"


@dataclass(frozen=True)
class Site:
    """What a server tells the views: where the archive is (a file or a server URL; None
    when the server holds none), and links to its own pages for the header (Datasette's
    table view and SQL page; none in the standalone app)."""

    location: str | Path | None
    links: Mapping[str, str] = field(default_factory=dict)


OnError = Callable[[str, int, Mapping[str, str]], Reply]
Work = Callable[[Archive, Mapping[str, str]], Reply]


def _with_archive(site: Site, work: Work, on_error: OnError) -> Reply:
    """``work(archive, links)`` on this thread's handle. A ClipError is the request's
    fault (400; views make a missing clip 404); a StorageError is the archive's (a
    server gone away, a file replaced by something else): 503, and the handle is let go
    so the next request opens it afresh."""
    if site.location is None:
        return on_error(NO_ARCHIVE, 404, {})
    try:
        return work(archive_for_thread(site.location), site.links)
    except StorageError as exc:
        forget_archive(site.location)
        return on_error(str(exc), 503, site.links)
    except ClipError as exc:
        return on_error(str(exc), 400, site.links)


def _page_error(message: str, status: int, links: Mapping[str, str]) -> Reply:
    return page("message.html", {**links, "error": message, "params": SearchParams()}, status)


def _json_error(message: str, status: int, links: Mapping[str, str]) -> Reply:
    return json_reply({"error": message}, status)


def _not_found(on_error: OnError) -> OnError:
    """A clip id that names no clip is 404, not 400."""
    return lambda message, status, links: on_error(message, 404 if status == 400 else status, links)


def _beside(site: Site) -> Callable[[], Archive]:
    """The overview's second thread gets its own handle on the same archive."""
    location = site.location
    assert location is not None  # _with_archive answered already otherwise
    return lambda: archive_for_thread(location)


def search_view(site: Site, request: Request) -> Reply:
    def work(archive: Archive, links: Mapping[str, str]) -> Reply:
        try:
            params = SearchParams.from_args(request.args)
            found = search_page(archive, params, _beside(site))
            context = search_context(found, archive_languages(archive))
            return page("search.html", {**links, **context})
        except StorageError:
            raise
        except ClipError as exc:
            typed = SearchParams(q=(request.args.get("q") or "")[:1000])
            context = {**links, "params": typed, "error": str(exc)}
            context["languages"] = archive_languages(archive)
            return page("search.html", context, status=400)

    return _with_archive(site, work, _page_error)


def search_json_view(site: Site, request: Request) -> Reply:
    def work(archive: Archive, links: Mapping[str, str]) -> Reply:
        params = SearchParams.from_args(request.args)
        return json_reply(search_json(search_page(archive, params, _beside(site))))

    return _with_archive(site, work, _json_error)


def clip_view(site: Site, request: Request, clip_id: str) -> Reply:
    def work(archive: Archive, links: Mapping[str, str]) -> Reply:
        context = clip_context(archive, clip_id, (request.args.get("q") or "").strip())
        return page("clip.html", {**links, **context})

    return _with_archive(site, work, _not_found(_page_error))


def clip_json_view(site: Site, request: Request, clip_id: str) -> Reply:
    def work(archive: Archive, links: Mapping[str, str]) -> Reply:
        query = (request.args.get("q") or "").strip()
        if query:
            try:
                archive.parse(query)
            except ClipError as exc:  # the query is wrong, not the clip: 400, not 404
                return json_reply({"error": str(exc)}, 400)
        return json_reply(clip_page_json(archive, clip_id, query))

    return _with_archive(site, work, _not_found(_json_error))


def export_view(site: Site, request: Request, fmt: str) -> Reply:
    """The current result set (or all clips, filtered, without a query), written by
    ``Archive.export``: the same formats and spreadsheet safety as `clip export`. The
    file is sent, then deleted with its folder (``Reply.cleanup``)."""

    def work(archive: Archive, links: Mapping[str, str]) -> Reply:
        params = SearchParams.from_args(request.args)
        folder = Path(tempfile.mkdtemp(prefix="clip-export-"))
        target = folder / f"clips.{fmt}"
        try:
            archive.export(target, params.q or None, format=fmt, **params.filters)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        headers = {**HEADERS, "content-disposition": f'attachment; filename="{target.name}"'}
        return Reply(200, EXPORT_TYPES[fmt], headers=headers, file=target, cleanup=folder)

    return _with_archive(site, work, _page_error)


def not_found_view(site: Site, request: Request) -> Reply:
    return _page_error("no such page", 404, site.links)


View = Callable[..., Reply]
# (pattern, view): a path's named groups are the view's keyword arguments.
ROUTES: list[tuple[str, View]] = [
    (r"^/$", search_view),
    (r"^/search\.json$", search_json_view),
    (r"^/clip/(?P<clip_id>[^/]+)\.json$", clip_json_view),
    (r"^/clip/(?P<clip_id>[^/]+)$", clip_view),
    (r"^/export\.(?P<fmt>csv|xlsx)$", export_view),
]
_COMPILED = [(re.compile(pattern), view) for pattern, view in ROUTES]


def find_route(path: str) -> tuple[View, dict[str, str]] | None:
    for pattern, view in _COMPILED:
        if found := pattern.match(path):
            return view, found.groupdict()
    return None


def respond(site: Site, request: Request, view: View, url_vars: Mapping[str, str]) -> Reply:
    """One request, start to end (blocking: call it in a worker thread)."""
    if answer := refused(request.method):
        return answer
    return view(site, request, **url_vars)
