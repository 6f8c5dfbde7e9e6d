"""Clips out of the archive as CSV or JSON Lines, streamed row by row."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from clipping_archive.filters import Filters
from clipping_archive.query import parse_query
from clipping_archive.search import matching_ids_sql
from clipping_archive.store import Archive, decode_row

DEFAULT_COLUMNS = ("id", "title", "date", "language", "author", "source", "path", "body")
FORMATS = ("csv", "jsonl")


def export_rows(
    archive: Archive, query: str | None = None, filters: Filters = Filters()
) -> Iterator[dict]:
    if query:
        sql, params = matching_ids_sql(parse_query(query), filters)
        sql += " ORDER BY rank"
    else:
        where, params = filters.where("c")
        sql = f"SELECT c.* FROM clips c WHERE {where} ORDER BY c.date_start, c.id"
    for row in archive.db.query(sql, params):
        yield decode_row(row)


def write_export(
    rows: Iterator[dict], out: TextIO, fmt: str = "csv", columns=DEFAULT_COLUMNS
) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
            count += 1
    else:
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            count += 1
    return count
