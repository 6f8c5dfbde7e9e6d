"""The browser page's tests run on every way it is served (issue #21): the same real
HTTP requests through Datasette with the plugin (SQLite files: `datasette archive.db`,
`clip serve` on a file), through the standalone ASGI app on an SQLite file, and through
the standalone app on a PostgreSQL archive (`clip serve --db postgresql://...`).

``web_kind`` is a module-scoped parameter over those; ``archives`` builds archives on
its backend from real files, so each test's archive is imported, not faked, on SQLite
and on PostgreSQL alike. PostgreSQL's databases come from ``postgresql_locations``
(tests/pg_fixtures.py: a fresh database each, all dropped when the session ends); with
no server, that kind is skipped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from clipping_archive import Archive

DATASETTE = "datasette"
APP_SQLITE = "app-sqlite"
APP_POSTGRESQL = "app-postgresql"
KINDS = (DATASETTE, APP_SQLITE, APP_POSTGRESQL)

Location = str | Path


class Web:
    """GETs (and other methods) through one server on one archive: Datasette with the
    plugin (``kind="datasette"``, a file only) or the standalone app (any archive)."""

    def __init__(self, location: Location, kind: str = DATASETTE):
        self.location = location
        self.kind = kind
        if kind == DATASETTE:
            from datasette.app import Datasette

            self.datasette = Datasette(files=[str(location)])
            self.name = Path(location).stem
        else:
            from clipping_archive.web.app import ArchiveApp

            self.app = ArchiveApp(location)

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        if self.kind == DATASETTE:
            return asyncio.run(getattr(self.datasette.client, method)(path, **kwargs))

        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
                return await c.request(method.upper(), path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str) -> httpx.Response:
        return self.request("get", path)

    def close(self) -> None:
        """The app's threads and handles (a PostgreSQL database's connections) let go of,
        as at a server's shutdown, so the database can be dropped."""
        if self.kind != DATASETTE:
            self.app.close()

    def json(self, path: str, status: int = 200):
        response = self.get(path)
        assert response.status_code == status, response.text[:500]
        return response.json()


class Archives:
    """New archives on one web kind's backend (a file under pytest's tmp, or a fresh
    PostgreSQL database), built by importing real files."""

    def __init__(self, kind: str, new: Callable[[], Location]):
        self.kind = kind
        self._new = new
        self._webs: list[Web] = []

    @property
    def on_server(self) -> bool:
        return self.kind == APP_POSTGRESQL

    def new(self) -> Location:
        return self._new()

    def build(self, *folders: Path, **options) -> Location:
        location = self.new()
        with Archive(location) as archive:
            archive.import_paths(list(folders), **options)
        return location

    def web(self, location: Location) -> Web:
        web = Web(location, self.kind)
        self._webs.append(web)
        return web

    def close(self) -> None:
        for web in self._webs:
            web.close()


@pytest.fixture(scope="module", params=KINDS)
def web_kind(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def archives(web_kind, request, tmp_path_factory):
    if web_kind == APP_POSTGRESQL:
        try:
            make = request.getfixturevalue("postgresql_locations")
        except pytest.FixtureLookupError:
            pytest.skip("no PostgreSQL backend in this tree")
        made = Archives(web_kind, make)
    else:
        made = Archives(web_kind, lambda: tmp_path_factory.mktemp("web") / "archive.db")
    yield made
    made.close()


@pytest.fixture(scope="module")
def seeded(archives, seeded_db) -> Location:
    """The five seeds, on the web kind's backend (SQLite kinds share the session's)."""
    if not archives.on_server:
        return seeded_db
    from conftest import SEEDS

    return archives.build(SEEDS)


def new_pg_database(request) -> str:
    """A fresh, empty PostgreSQL database's URL (dropped when the session ends), or a
    skip where there is no server or no PostgreSQL backend."""
    try:
        make = request.getfixturevalue("postgresql_locations")
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL backend in this tree")
    return make()


def with_password(url: str, password: str) -> str:
    """``url`` with a password in it (the test server trusts 127.0.0.1 and ignores it):
    to check it is never printed."""
    scheme, rest = url.split("://", 1)
    user_host = rest.split("@", 1)
    if len(user_host) == 2:
        user, host = user_host
        return f"{scheme}://{user.split(':')[0]}:{password}@{host}"
    return f"{scheme}://postgres:{password}@{rest}"
