"""`clip export`."""

from __future__ import annotations

import sys

import click

from clipping_archive.cli.options import (
    db_option,
    filter_options,
    make_filters,
    message,
    open_archive,
)
from clipping_archive.export import FORMATS, export_rows, write_export


@click.command("export")
@click.argument("query", required=False)
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (default stdout).",
)
@db_option
@click.pass_context
def export_cmd(ctx, query, fmt, output, **filter_kwargs) -> None:
    """Export all clips, or those matching QUERY, as CSV or JSON Lines."""
    with open_archive(ctx) as archive:
        rows = export_rows(archive, query, make_filters(**filter_kwargs))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = write_export(rows, out, fmt)
            message(f"{count} clips written to {output}")
        else:
            write_export(rows, sys.stdout, fmt)
