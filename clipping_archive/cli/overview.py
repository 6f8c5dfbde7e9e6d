"""`clip stats`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from clipping_archive.cli.options import db_option, emit_json, json_option, open_archive
from clipping_archive.stats import archive_stats


@click.command("stats")
@db_option
@json_option
@click.pass_context
def stats_cmd(ctx, as_json: bool) -> None:
    """Counts by language, month and source."""
    with open_archive(ctx) as archive:
        stats = archive_stats(archive)
    if as_json:
        emit_json(stats)
        return
    console = Console(highlight=False)
    console.print(f"[bold]{stats['clips']}[/bold] clips")
    for key, label in (("by_language", "language"), ("by_month", "month"), ("by_source", "source")):
        table = Table(title=f"by {label}", title_justify="left")
        table.add_column(label)
        table.add_column("clips", justify="right")
        for name, n in stats[key].items():
            table.add_row(str(name), str(n))
        console.print(table)
