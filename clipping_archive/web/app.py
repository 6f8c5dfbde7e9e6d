"""The page as a standalone ASGI app: the same views as the Datasette plugin
(``views.py``), on any archive, a team's PostgreSQL server included, which Datasette
cannot serve (it reads SQLite files only). ``clip serve --db postgresql://...`` runs it
under uvicorn.

Plain ASGI, no framework: five GET routes, a query string and a file download are all
the page needs. The views block, so they run on the app's own worker threads, which
outlive a request (and an event loop, in tests): each thread keeps its one read-only
Archive between requests, as under Datasette."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from shutil import rmtree
from urllib.parse import parse_qsl

from clipping_archive.web.archives import close_archives
from clipping_archive.web.replies import Args, Reply, Request, refused
from clipping_archive.web.views import Site, find_route, not_found_view, respond

WORKERS = 8  # threads serving requests at once (each with its own archive handle)
CHUNK = 64 * 1024  # bytes of an export sent at a time


class ArchiveApp:
    """An ASGI app serving the page over the archive at ``location`` (a file or a
    ``postgresql://`` URL). It opens the archive read-only and never creates one; the
    caller checks it exists first (``server.check_archive``)."""

    def __init__(self, location: str | Path, workers: int = WORKERS):
        self.site = Site(location)
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clip-web")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # websockets: nothing here speaks them
        method = scope["method"]
        query = scope.get("query_string", b"").decode("utf-8", "replace")
        request = Request(method, Args(parse_qsl(query, keep_blank_values=True)))
        route = find_route(scope["path"])
        if route is None:
            reply = refused(method) or not_found_view(self.site, request)
        else:
            view, url_vars = route
            loop = asyncio.get_running_loop()
            reply = await loop.run_in_executor(
                self.executor, respond, self.site, request, view, url_vars
            )
        await self._send(reply, send, head=method == "HEAD")

    async def _send(self, reply: Reply, send, head: bool) -> None:
        headers = reply.all_headers()
        try:
            if reply.file is not None:
                headers["content-length"] = str(reply.file.stat().st_size)
            else:
                headers["content-length"] = str(len(reply.body))
            await send(
                {
                    "type": "http.response.start",
                    "status": reply.status,
                    "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
                }
            )
            if head:
                await send({"type": "http.response.body", "body": b""})
            elif reply.file is not None:
                with reply.file.open("rb") as stream:
                    while chunk := stream.read(CHUNK):
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b""})
            else:
                await send({"type": "http.response.body", "body": reply.body})
        finally:
            if reply.cleanup is not None:
                rmtree(reply.cleanup, ignore_errors=True)

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def close(self) -> None:
        """Stops the worker threads and closes the archive handles they hold (a team
        server's connections), once no request is running."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.site.location is not None:
            close_archives(self.site.location)
