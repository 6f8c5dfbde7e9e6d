"""`clip serve`: the search page in a browser (Datasette with this project's plugin on
an archive file; the standalone app on a team's PostgreSQL server)."""

from __future__ import annotations

import click

from clipping_archive.cli.options import db_option, db_path, message

DEFAULT_PORT = 8001


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@db_option
@click.pass_context
def serve_cmd(ctx, host: str, port: int) -> None:
    """Search, read and export the archive in a browser. Reads only: nothing the server
    does changes the archive. Prints its URL on stderr."""
    from clipping_archive.web.server import is_local, serve

    if not is_local(host):
        message(
            f"warning: listening on {host}: anyone who can reach this machine can read "
            "the whole archive (there is no login)"
        )
    serve(db_path(ctx), host, port, lambda shown, url: message(f"serving {shown} at {url}"))
