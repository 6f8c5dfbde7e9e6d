"""Running the web page: a Datasette instance on one archive, with this package's plugin
(loaded through its entry point), served by uvicorn on a socket bound here, so the URL
printed is the one really listened on (also with port 0: any free port)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from clipping_archive.archive import Archive
from clipping_archive.errors import UsageError

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


def check_archive(path: str | Path) -> Path:
    """The archive must exist and be one (a ClipError otherwise): the server never
    creates a file, and Datasette would happily serve any SQLite database."""
    with Archive(path, readonly=True) as archive:
        if archive.path is None:  # Datasette serves SQLite files only (#21: for now)
            raise UsageError(
                f"clip serve needs an archive file; {archive.location} is a server"
            )
        _ = archive.store
    return archive.path


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


def serve(path: str | Path, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted; ``announce(url)`` once the socket listens."""
    import uvicorn

    datasette = make_datasette(check_archive(path))
    sock = bind(host, port)
    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    announce(url_of(sock))
    server.run(sockets=[sock])
