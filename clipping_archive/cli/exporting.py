"""`clip export`."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator

import click

from clipping_archive.cli.options import (
    db_option,
    filter_options,
    message,
    open_archive,
)
from clipping_archive.output.export import (
    CLIP_COLUMNS,
    DEFAULT_COLUMNS,
    FORMATS,
    QUERY_COLUMNS,
    ColumnError,
    parse_columns,
    write_export,
)
from clipping_archive.output.terminal import safe
from clipping_archive.output.words import counted

PROGRESS_EVERY = 1000  # rows between progress-bar updates: cheap even at a million rows


class OneLineUsageError(click.UsageError):
    """A usage error (exit 2) shown as one line, as the contract wants for every error."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@click.command("export")
@click.argument("query", required=False)
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default stdout).",
)
@click.option(
    "--columns",
    metavar="A,B,...",
    help="Columns to export, in order (default: "
    + ",".join(DEFAULT_COLUMNS)
    + "; with a QUERY also hits,snippet). Any of: "
    + ", ".join(CLIP_COLUMNS)
    + "; with a QUERY also "
    + ", ".join(QUERY_COLUMNS)
    + ".",
)
@click.option(
    "--plain",
    is_flag=True,
    help="CSV for programs (pandas, R): no byte-order mark, cells exactly as stored "
    "(no formula-neutralising apostrophe). Not for opening in a spreadsheet.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal and the export is not).",
)
@db_option
@click.pass_context
def export_cmd(ctx, query, fmt, output, columns, plain, progress, **filter_kwargs) -> None:
    """Export all clips, or those matching QUERY, as CSV (for spreadsheets; --plain for
    programs), JSON Lines, or an Excel workbook (--format xlsx -o FILE.xlsx)."""
    try:
        chosen = parse_columns(columns, with_query=bool(query))
    except ColumnError as exc:
        raise OneLineUsageError(str(exc)) from None
    if fmt == "xlsx" and not output:
        raise OneLineUsageError("--format xlsx writes a file: give -o FILE.xlsx")
    with open_archive(ctx) as archive:
        rows = archive.export_rows(query, chosen, **filter_kwargs)  # runs the query: errors now
        if _show_progress(progress, output):
            rows = _with_progress(rows, archive.count(query, **filter_kwargs))
        if output:
            count = archive.export(
                output, query, format=fmt, columns=chosen, plain=plain, rows=rows
            )
            message(f"{counted(count, 'clip')} written to {safe(output)}")
        else:
            _write_stdout(rows, fmt, chosen, plain)


def _write_stdout(rows: Iterable[dict], fmt: str, columns, plain: bool) -> None:
    # Exact bytes whatever the locale: UTF-8, and CSV's CRLF left alone.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        write_export(rows, out, fmt, columns, plain=plain)
        out.flush()
    finally:
        out.detach()  # leave sys.stdout open for click


def _show_progress(asked: bool | None, output: str | None) -> bool:
    if asked is not None:
        return asked
    to_terminal = output is None and sys.stdout.isatty()
    return sys.stderr.isatty() and not to_terminal


def _with_progress(rows: Iterable[dict], total: int) -> Iterator[dict]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from clipping_archive.cli.console import Console

    columns = (
        TextColumn("exporting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("export", total=total)
        done = 0
        for done, row in enumerate(rows, start=1):
            yield row
            if done % PROGRESS_EVERY == 0:
                progress.update(task, completed=done)
        progress.update(task, completed=done)
