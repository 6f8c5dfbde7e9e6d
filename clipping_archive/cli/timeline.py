"""`clip timeline`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from clipping_archive.cli.options import (
    db_option,
    emit_json,
    filter_options,
    message,
    open_archive,
)
from clipping_archive.output.timeline import PERIODS, left_out_notes, timeline_csv

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from clipping_archive.output.timeline import Timeline

TIMELINE_FORMATS = ("chart", "csv", "json")
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")
BAR = "█"
MAX_BAR = 60
MIN_BAR = 10
COLUMN_GAP = 2  # rich's default padding: one space each side of a column boundary


@click.command("timeline")
@click.argument("query", required=False)
@filter_options
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TIMELINE_FORMATS),
    default="chart",
    show_default=True,
    help="A bar chart, or the numbers as CSV (one row per period) or JSON.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@db_option
@click.pass_context
def timeline_cmd(ctx, query, by, fmt, as_json, **filter_kwargs) -> None:
    """Counts of clips (all, or matching QUERY) over time, per language."""
    with open_archive(ctx) as archive:
        result = archive.timeline(query, by=by, **filter_kwargs)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        emit_json(result.as_json())
    elif fmt == "csv":
        sys.stdout.write(timeline_csv(result))
    else:
        from clipping_archive.cli.console import Console

        console = Console(highlight=False)
        console.print(render_chart(result, console.width))
    for note in left_out_notes(result):
        message(note)


def render_chart(result: Timeline, width: int = 80) -> Table | Text:
    from rich.table import Table
    from rich.text import Text

    if not result.placed:
        return Text("No dated clips match.", style="dim")
    colours = {lang: PALETTE[i % len(PALETTE)] for i, lang in enumerate(result.languages)}
    colours["unknown"] = "bright_black"
    peak = max(result.total(p) for p in result.periods)
    # What the terminal leaves beside the period and count columns, within reason.
    room = width - len(result.periods[-1]) - len(str(peak)) - 2 * COLUMN_GAP - 1
    bar_width = max(MIN_BAR, min(MAX_BAR, room))
    table = Table(
        box=None,
        show_header=False,
        pad_edge=False,
        caption=legend(result.languages, colours),
        caption_justify="left",
    )
    table.add_column("period", style="dim", no_wrap=True)
    table.add_column("clips", justify="right", no_wrap=True)
    table.add_column("bar", no_wrap=True)
    for period in result.periods:
        segments = [(lang, result.count(period, lang)) for lang in result.languages]
        bar = stacked_bar(segments, peak, colours, bar_width)
        table.add_row(period, str(result.total(period)), bar)
    return table


def stacked_bar(
    segments: list[tuple[str, int]], peak: int, colours: dict[str, str], width: int = MAX_BAR
) -> Text:
    """One bar, a coloured stretch per language; lengths rounded on the running total so
    the stretches add up to the bar the total deserves."""
    from rich.text import Text

    bar = Text()
    total = sum(n for _, n in segments)
    drawn = running = 0
    for language, n in segments:
        running += n
        end = round(running * width / peak)
        bar.append(BAR * (end - drawn), style=colours[language])
        drawn = end
    if total and not drawn:
        dominant = max(segments, key=lambda s: s[1])[0]
        bar.append("▏", style=colours[dominant])  # a clip or two: visible, not zero
    return bar


def legend(languages: tuple[str, ...], colours: dict[str, str]) -> Text:
    from rich.text import Text

    text = Text()
    for language in languages:
        text.append(BAR * 2, style=colours[language])
        text.append(f" {language}  ")
    return text
