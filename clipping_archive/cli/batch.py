"""`clip batch FILE`: many queries at once, with their counts."""

from __future__ import annotations

import io
import json
import sys

import click
from rich.table import Table

from clipping_archive.cli.console import Console
from clipping_archive.cli.options import db_option, filter_options, open_archive
from clipping_archive.output.batch import LEFT_OUT, batch_rows, write_batch_csv
from clipping_archive.output.terminal import safe

BATCH_FORMATS = ("table", "csv", "json")


@click.command("batch")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@filter_options
@click.option("--by", type=click.Choice(["month", "year"]), help="Counts per period too.")
@click.option(
    "--format", "fmt", type=click.Choice(BATCH_FORMATS), default="table", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@db_option
@click.pass_context
def batch_cmd(ctx, file, by, fmt, as_json, **filters) -> None:
    """One query per line of FILE: each query's total (and counts per --by period, with
    the clips no period holds: undated, imprecise). A query that cannot be parsed gets
    its error in its own row; the others go on."""
    queries = [line.strip() for line in file if line.strip() and not line.startswith("#")]
    with open_archive(ctx) as archive:
        rows = batch_rows(archive, queries, by=by, **filters)
    periods = sorted({p for row in rows for p in row.get("periods", {})})
    if fmt == "json" or as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        out = io.StringIO()
        write_batch_csv(rows, out, periods, by=bool(by))
        sys.stdout.write(out.getvalue())
    else:
        left_out = list(LEFT_OUT) if by else []
        table = Table("query", "total", *periods, *left_out)
        for row in rows:
            if "error" in row:
                table.add_row(safe(row["query"]), f"error: {safe(row['error'])}")
                continue
            counts = [str(row.get("periods", {}).get(p, 0)) for p in periods]
            beside = [str(row[name]) for name in left_out]
            table.add_row(safe(row["query"]), str(row["total"]), *counts, *beside)
        Console().print(table)
