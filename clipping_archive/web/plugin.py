"""The Datasette plugin (entry point ``clipping_archive`` in pyproject): loaded by
``clip serve`` and by a plain ``datasette archive.db`` alike.

- Routes: those of ``views.py`` (``/`` the search page, ``/search.json``, ``/clip/ID``
  and ``/clip/ID.json``, ``/export.csv`` and ``/export.xlsx``), the same functions the
  standalone app (``app.py``) serves; this module only translates Datasette's request
  and response. GET only: nothing here writes, and Datasette itself opens a mutable
  file with read-only connections.
- Datasette's table view of ``clips`` gets a search box (``fts_table`` metadata) whose
  query goes through the archive's analysers: Datasette wraps ``?_search=`` in the SQL
  function ``escape_fts()``, which this plugin redefines, on the archive's connections
  only, as the archive's own query -> FTS5 expression (``aanslagen`` -> the stem
  ``aanslag`` and its variants), so the stemmed index answers.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import AsgiFileDownload, Response

from clipping_archive.errors import ClipError
from clipping_archive.search.query import parse_query
from clipping_archive.storage.fts5 import match_expression
from clipping_archive.web.archives import archive_database, is_archive
from clipping_archive.web.replies import Reply, Request
from clipping_archive.web.views import ROUTES, Site, View, respond

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


# -- the plugin's pages: Datasette's routes onto the neutral views ----------------------


@hookimpl
def register_routes(datasette):
    return [(pattern, _route(view)) for pattern, view in ROUTES]


def _route(view: View):
    async def datasette_view(request, datasette):
        site = _site(datasette)
        asked = Request(request.method, request.args)
        reply = await asyncio.to_thread(respond, site, asked, view, request.url_vars or {})
        return _response(reply)

    return datasette_view


def _site(datasette) -> Site:
    """The archive among Datasette's databases, and the links to its table and SQL pages."""
    found = archive_database(datasette)
    if found is None:
        return Site(None)
    name, path = found
    links = {
        "table_url": datasette.urls.table(name, "clips"),
        "database_url": datasette.urls.database(name),
    }
    return Site(path, links)


def _response(reply: Reply):
    if reply.file is not None:
        return _TemporaryDownload(
            reply.cleanup or reply.file.parent,
            reply.file,
            filename=reply.file.name,
            content_type=reply.content_type,
            headers={k: v for k, v in reply.headers.items() if k != "content-disposition"},
        )
    return Response(
        reply.body,
        status=reply.status,
        headers=dict(reply.headers),
        content_type=reply.content_type,
    )


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
