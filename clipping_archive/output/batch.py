"""`clip batch`: many queries counted at once, a row each, and the CSV it writes.

A row's periods count only the clips placed in one period; the clips left out of the
series are counted beside them (``undated``: no date; ``imprecise``: dated less
precisely than a period, such as only to the year in a monthly count), so a row always
adds up: ``sum(periods) + undated + imprecise == total``. (``Archive.batch`` gives the
same rows without those two counts; the integrator may move this into it.)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from clipping_archive.errors import ClipError
from clipping_archive.output.csv_safety import neutralise

BOM = "\ufeff"
LEFT_OUT = ("undated", "imprecise")


def batch_rows(archive, queries: Iterable[str], by: str | None = None, **filters) -> list[dict]:
    """Per query: ``query``, ``total`` and, with ``by`` (month or year), ``periods``
    (period -> clips), ``undated`` and ``imprecise``. A query that cannot be parsed gets
    ``error`` in its own row; the others go on."""
    out = []
    for query in queries:
        row: dict = {"query": query}
        try:
            row["total"] = archive.count(query, **filters)
            if by:
                line = archive.timeline(query, by=by, **filters)
                row["periods"] = {p["period"]: p["total"] for p in line.rows()}
                row["undated"], row["imprecise"] = line.undated, line.imprecise
        except ClipError as exc:
            row["error"] = str(exc)
        out.append(row)
    return out


def write_batch_csv(rows: list[dict], out: TextIO, periods: list[str], *, by: bool) -> None:
    """CSV for spreadsheets, as `clip export` writes it: a byte-order mark, RFC 4180, and
    text cells that a spreadsheet would run as a formula (a query such as ``=1+1``)
    neutralised with one apostrophe (see csv_safety)."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    left_out = list(LEFT_OUT) if by else []
    writer.writerow(["query", "total", *periods, *left_out, "error"])
    for row in rows:
        failed = "error" in row
        counts = [row.get("periods", {}).get(p, 0) if not failed else "" for p in periods]
        beside = [row.get(name, "") for name in left_out]
        query, error = neutralise(row["query"]), neutralise(row.get("error", ""))
        writer.writerow([query, row.get("total", ""), *counts, *beside, error])
