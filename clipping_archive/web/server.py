"""Running the web page, served by uvicorn on a socket bound here, so the URL printed is
the one really listened on (also with port 0: any free port).

An archive file (SQLite) gets Datasette with this package's plugin (loaded through its
entry point): the page, plus Datasette's own table view and SQL page. A server archive
(``postgresql://``), which Datasette cannot read, gets the standalone app (``app.py``):
the same page, without Datasette's pages."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from clipping_archive.archive import Archive

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SETTINGS = {
    # A search page is one request; Datasette's own SQL pages get the default time limit.
    "sql_time_limit_ms": 3000,
    # Datasette's facet suggestions try a GROUP BY per column of the table view: 2.7 s
    # for `clips?_search=` on 100k clips, against 0.08 s without them.
    "suggest_facets": False,
}


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host.startswith("127.")


def check_archive(location: str | Path) -> tuple[str | Path, str]:
    """The archive must exist and be one (a ClipError otherwise): the server never
    creates one, and Datasette would happily serve any SQLite database. Returns what to
    open (the file, or the URL as given) and how to name it in messages (a URL without
    its password)."""
    with Archive(location, readonly=True) as archive:
        _ = archive.store
        return (archive.path or str(location)), archive.location


def make_datasette(path: str | Path):
    """Datasette on the archive. A mutable (not immutable) file: Datasette reads it with
    read-only connections, and sees what an import running beside it commits."""
    from datasette.app import Datasette

    return Datasette(files=[str(path)], settings=SETTINGS)


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def make_app(location: str | Path):
    """The ASGI app for the archive at ``location`` (checked): Datasette on a file, the
    standalone app on a server."""
    if isinstance(location, Path):
        return make_datasette(location).app()
    from clipping_archive.web.app import ArchiveApp

    return ArchiveApp(location)


def serve(location: str | Path, host: str, port: int, announce: Callable[[str, str], None]) -> None:
    """Serve until interrupted; ``announce(archive, url)`` once the socket listens
    (``archive`` names it without a password)."""
    import uvicorn

    opened, shown = check_archive(location)
    app = make_app(opened)
    sock = bind(host, port)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    announce(shown, url_of(sock))
    server.run(sockets=[sock])
