"""`clip stats`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from clipping_archive.cli.options import db_option, emit_json, json_option, open_archive
from clipping_archive.output.stats import UNKNOWN, human_bytes

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

SHOWN_ROWS = 20  # per table on the terminal; --json always has them all
BAR_WIDTH = 30


@click.command("stats")
@db_option
@json_option
@click.pass_context
def stats_cmd(ctx, as_json: bool) -> None:
    """The archive at a glance: clips by language, month and source; size on disk."""
    with open_archive(ctx) as archive:
        stats = archive.stats()
    if as_json:
        emit_json(stats)
        return
    from clipping_archive.cli.console import Console

    console = Console(highlight=False)
    console.print(headline(stats))
    console.print()
    console.print(count_table(stats["by_language"], "language"))
    console.print()
    console.print(count_table(stats["by_month"], "month", limit=None))  # time: show it all
    console.print()
    console.print(count_table(stats["by_source"], "source"))


def headline(stats: dict) -> Text:
    from rich.text import Text

    text = Text()
    text.append(f"{stats['clips']:,}", style="bold")
    text.append(f" {'clip' if stats['clips'] == 1 else 'clips'}, {stats['undated']:,} undated")
    if stats["first_date"]:
        text.append(f"; dated {stats['first_date']} to {stats['last_date']}")
    text.append(
        f"\narchive {human_bytes(stats['size_on_disk'])} on disk"
        f" (source files {human_bytes(stats['source_bytes'])})",
        style="dim",
    )
    return text


def count_table(counts: dict, label: str, limit: int | None = SHOWN_ROWS) -> Table:
    """Counts with bars; clips with no value for the column ("unknown") get no bar, so
    they cannot dwarf the rest."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"by {label}", title_justify="left", box=None, pad_edge=False)
    table.add_column(label)
    table.add_column("clips", justify="right")
    table.add_column("", no_wrap=True)
    peak = max((n for k, n in counts.items() if k != UNKNOWN), default=0)
    items = list(counts.items())
    shown = items if limit is None else items[:limit]
    for name, n in shown:
        if name == UNKNOWN or not peak:
            table.add_row(str(name), f"{n:,}", "", style="dim" if name == UNKNOWN else None)
            continue
        bar = "█" * max(1, round(n * BAR_WIDTH / peak))
        table.add_row(str(name), f"{n:,}", Text(bar, style="cyan"))
    if len(shown) < len(items):
        rest = sum(n for _, n in items[len(shown) :])
        table.add_row(f"… {len(items) - len(shown)} more", f"{rest:,}", "", style="dim")
    return table
