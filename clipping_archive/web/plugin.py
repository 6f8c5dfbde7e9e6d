"""The Datasette plugin (entry point ``clipping_archive`` in pyproject): loaded by
``clip serve`` and by a plain ``datasette archive.db`` alike.

- Routes: ``/`` the search page (without a query: the clips, newest first),
  ``/search.json``, ``/clip/ID`` and ``/clip/ID.json``, ``/export.csv`` and
  ``/export.xlsx`` (the current result set). GET only: nothing here
  writes, and Datasette itself opens a mutable file with read-only connections.
- Datasette's table view of ``clips`` gets a search box (``fts_table`` metadata) whose
  query goes through the archive's analysers: Datasette wraps ``?_search=`` in the SQL
  function ``escape_fts()``, which this plugin redefines, on the archive's connections
  only, as the archive's own query -> FTS5 expression (``aanslagen`` -> the stem
  ``aanslag`` and its variants), so the stemmed index answers.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import AsgiFileDownload, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from clipping_archive.errors import ClipError
from clipping_archive.output.words import counted
from clipping_archive.search.query import parse_query
from clipping_archive.storage.fts5 import match_expression
from clipping_archive.web.archives import (
    archive_database,
    archive_for_thread,
    archive_languages,
    is_archive,
)
from clipping_archive.web.pages import (
    clip_context,
    clip_page_json,
    search_context,
    search_json,
    search_page,
)
from clipping_archive.web.params import SearchParams

TEMPLATES = Path(__file__).parent / "templates"
# Every piece of clip text goes through Jinja's autoescaping, and no page runs a script:
# the Content-Security-Policy forbids scripts outright, as a second wall.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
READ_METHODS = ("GET", "HEAD")

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["counted"] = counted  # "1 clip", "2 clips"


# -- Datasette's own views of the archive ------------------------------------------------


@hookimpl
def get_metadata(datasette, key, database, table):
    """``clips`` is searched through ``clips_fts`` (rowid = clips.seq): Datasette cannot
    see that by itself, as the FTS table holds analysed text, not a copy of ``clips``."""
    databases = {}
    for name, db in getattr(datasette, "databases", {}).items():
        if db.path and is_archive(db.path):
            databases[name] = {"tables": {"clips": {"fts_table": "clips_fts", "fts_pk": "seq"}}}
    return {"databases": databases} if databases else {}


def analysed_match(query: str | None) -> str:
    """``escape_fts`` for an archive: the query as ``clip search`` reads it. A query the
    archive refuses (punctuation only, exclusions only) falls back to Datasette's own
    quoting, which matches nothing in a stemmed index rather than failing."""
    if not query:
        return escape_fts(query or "")
    try:
        return match_expression(parse_query(query))
    except ClipError:
        return escape_fts(query)
    except Exception:  # noqa: BLE001 - an SQL function must not raise into SQLite
        return escape_fts(query)


@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    # trylast: after Datasette's own prepare_connection has defined escape_fts.
    db = datasette.databases.get(database)
    if db is not None and db.path and is_archive(db.path):
        conn.create_function("escape_fts", 1, analysed_match, deterministic=True)


# -- the plugin's pages ----------------------------------------------------------------


@hookimpl
def register_routes(datasette):
    return [
        (r"^/$", search_view),
        (r"^/search\.json$", search_json_view),
        (r"^/clip/(?P<clip_id>[^/]+)\.json$", clip_json_view),
        (r"^/clip/(?P<clip_id>[^/]+)$", clip_view),
        (r"^/export\.(?P<fmt>csv|xlsx)$", export_view),
    ]


def render(template: str, context: dict, status: int = 200) -> Response:
    html = _env.get_template(template).render(**context)
    return Response.html(html, status=status, headers=dict(HEADERS))


def json_response(data: dict, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=str)
    return Response(
        body, status=status, headers=dict(HEADERS), content_type="application/json; charset=utf-8"
    )


def _refused(request) -> Response | None:
    if request.method not in READ_METHODS:
        return Response.text(
            "this server only reads the archive", status=405, headers={"Allow": "GET, HEAD"}
        )
    return None


def _common(datasette, name: str) -> dict:
    return {
        "db_name": name,
        "table_url": datasette.urls.table(name, "clips"),
        "database_url": datasette.urls.database(name),
    }


async def _with_archive(datasette, request, work: Callable, on_error: Callable) -> Response:
    """Runs ``work(archive, common)`` in a worker thread (SQLite and the analysers are
    blocking); a ClipError becomes ``on_error(message, status, common)``."""
    if refused := _refused(request):
        return refused
    found = archive_database(datasette)
    if found is None:
        return on_error("no clipping archive among Datasette's databases", 404, {})
    name, path = found
    common = _common(datasette, name)

    def run():
        try:
            return work(archive_for_thread(path), common)
        except ClipError as exc:
            return on_error(str(exc), 400, common)

    return await asyncio.to_thread(run)


def _page_error(template: str = "message.html") -> Callable:
    def on_error(message: str, status: int, common: dict) -> Response:
        return render(template, {**common, "error": message, "params": SearchParams()}, status)

    return on_error


def _json_error(message: str, status: int, common: dict) -> Response:
    return json_response({"error": message}, status)


async def search_view(request, datasette):
    def work(archive, common):
        try:
            params = SearchParams.from_args(request.args)
            page = search_page(archive, params, lambda: archive_for_thread(archive.path))
            context = search_context(page, archive_languages(archive))
            return render("search.html", {**common, **context})
        except ClipError as exc:
            typed = SearchParams(q=(request.args.get("q") or "")[:1000])
            context = {**common, "params": typed, "error": str(exc)}
            context["languages"] = archive_languages(archive)
            return render("search.html", context, status=400)

    return await _with_archive(datasette, request, work, _page_error())


async def search_json_view(request, datasette):
    def work(archive, common):
        params = SearchParams.from_args(request.args)
        page = search_page(archive, params, lambda: archive_for_thread(archive.path))
        return json_response(search_json(page))

    return await _with_archive(datasette, request, work, _json_error)


async def clip_view(request, datasette):
    clip_id = request.url_vars["clip_id"]

    def work(archive, common):
        context = clip_context(archive, clip_id, (request.args.get("q") or "").strip())
        return render("clip.html", {**common, **context})

    def on_error(message: str, status: int, common: dict) -> Response:
        return _page_error()(message, 404 if status == 400 else status, common)

    return await _with_archive(datasette, request, work, on_error)


async def clip_json_view(request, datasette):
    clip_id = request.url_vars["clip_id"]

    def on_error(message: str, status: int, common: dict) -> Response:
        return json_response({"error": message}, 404 if status == 400 else status)

    def work(archive, common):
        query = (request.args.get("q") or "").strip()
        if query:
            try:
                archive.parse(query)
            except ClipError as exc:  # the query is wrong, not the clip: 400, not 404
                return json_response({"error": str(exc)}, 400)
        return json_response(clip_page_json(archive, clip_id, query))

    return await _with_archive(datasette, request, work, on_error)


class _TemporaryDownload(AsgiFileDownload):
    """A file sent as an attachment, then deleted with its folder."""

    def __init__(self, folder: Path, filepath: Path, **kwargs):
        super().__init__(filepath, **kwargs)
        self.folder = folder

    async def asgi_send(self, send):
        try:
            return await super().asgi_send(send)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


async def export_view(request, datasette):
    """The current result set (or all clips, filtered, without a query), written by
    ``Archive.export``: the same formats and spreadsheet safety as `clip export`."""
    fmt = request.url_vars["fmt"]

    def work(archive, common):
        params = SearchParams.from_args(request.args)
        folder = Path(tempfile.mkdtemp(prefix="clip-export-"))
        target = folder / f"clips.{fmt}"
        try:
            archive.export(target, params.q or None, format=fmt, **params.filters)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return _TemporaryDownload(
            folder,
            target,
            filename=target.name,
            content_type=EXPORT_TYPES[fmt],
            headers=dict(HEADERS),
        )

    return await _with_archive(datasette, request, work, _page_error())
