"""Clips out of the archive as CSV or JSON Lines, streamed row by row.

Rows come from the backend in batches (``Store.iter_clips``) and go out one at a time,
so memory stays flat however many clips are exported. Only the columns asked for are read
(``raw`` is never dragged through unless requested). With a query, each row can also
carry its hit count, a keyword-in-context snippet and the relevance score.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from clipping_archive.errors import ClipError
from clipping_archive.models import CLIP_KEYS
from clipping_archive.output.csv_safety import neutralise
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery, parse_query
from clipping_archive.search.snippets import make_snippet

if TYPE_CHECKING:
    from clipping_archive.storage.base import Store

FORMATS = ("csv", "jsonl", "xlsx")
DEFAULT_COLUMNS = (
    "id",
    "title",
    "date",
    "date_start",
    "date_end",
    "language",
    "author",
    "source",
    "path",
    "body",
    "cluster",
    "copies",
)
# Columns holding clip ids (a cluster is named by the id of the clip that started it): in
# CSV they start with ID_MARK, so no spreadsheet or pandas reads `7649745918e75819` as a
# number (INF) or drops the zero of `0137...`.
ID_COLUMNS = ("id", "cluster")
ID_MARK = "#"
# Every clip column a user may ask for: a clip's keys (models.ClipRecord; seq is the
# backend's own and never leaves it).
CLIP_COLUMNS = CLIP_KEYS
QUERY_COLUMNS = ("hits", "snippet", "score")  # computed per row, only with a query
# The story a clip belongs to (its near-duplicate cluster) and how many copies it has.
CLUSTER_COLUMNS = ("cluster", "copies")
DEFAULT_QUERY_COLUMNS = (*DEFAULT_COLUMNS, "hits", "snippet")
BOM = "\ufeff"


class ColumnError(ClipError):
    """A --columns value naming a column that does not exist (a usage error)."""


def parse_columns(text: str | None, *, with_query: bool) -> tuple[str, ...]:
    """``"id,title"`` -> ``("id", "title")``, checked; None -> the default columns."""
    if text is None:
        return DEFAULT_QUERY_COLUMNS if with_query else DEFAULT_COLUMNS
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise ColumnError("--columns is empty: name at least one column")
    known = CLIP_COLUMNS + CLUSTER_COLUMNS + QUERY_COLUMNS
    for name in names:
        if name not in known:
            raise ColumnError(f"unknown column {name!r}; choose from: {', '.join(known)}")
        if name in QUERY_COLUMNS and not with_query:
            raise ColumnError(f"column {name!r} needs a QUERY (it describes the hits)")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ColumnError(f"column {duplicates[0]!r} is named twice in --columns")
    return tuple(names)


def export_rows(
    store: Store,
    query: str | ParsedQuery | None = None,
    filters: Filters = Filters(),
    columns: Iterable[str] | None = None,
) -> Iterator[dict]:
    """The rows to export, oldest first (undated clips last, in import order), or by
    relevance with a query. The query runs now, so a bad one fails before any output."""
    parsed = parse_query(query) if isinstance(query, str) else query
    columns = tuple(columns) if columns is not None else parse_columns(None, with_query=bool(query))
    batches = store.iter_clips(parsed, filters, _db_columns(columns))
    return _rows(store, batches, parsed, columns)


def _db_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    wanted = [c for c in columns if c in CLIP_COLUMNS]
    if any(c in ("hits", "snippet") for c in columns):
        wanted += ["body", "language", "languages"]  # where hits and snippets are found
    return tuple(dict.fromkeys(wanted))


def _rows(
    store: Store,
    batches: Iterator[list[dict]],
    parsed: ParsedQuery | None,
    columns: tuple[str, ...],
) -> Iterator[dict]:
    for clips in batches:
        if "cluster" in columns or "copies" in columns:
            clusters = store.cluster_of([clip["id"] for clip in clips])
            for clip in clips:
                cluster, size = clusters.get(clip["id"], (None, 1))
                clip["cluster"], clip["copies"] = cluster, size - 1
        rows = clips if parsed is None else _with_query_columns(store, clips, parsed, columns)
        # Exactly the columns asked for, in their order: not the id, body or languages
        # read to compute hits and snippets.
        for row in rows:
            yield {c: row.get(c) for c in columns}


def _with_query_columns(
    store: Store, clips: list[dict], parsed: ParsedQuery, columns: tuple[str, ...]
) -> Iterator[dict]:
    """Score, hits and snippet for a batch of matching clips. Hits are the places the
    backend itself matched in the body (``body_hits``: one per matching word or phrase),
    asked for a batch at a time, so no body has to be analysed again in Python."""
    found: dict[str, tuple[int, ...]] = {}
    if "hits" in columns or "snippet" in columns:
        found = store.body_hits(parsed, [clip["id"] for clip in clips])
    longest = _longest_phrase(parsed)
    for clip in clips:
        score = clip.pop("score")
        hits = found.get(clip["id"])
        if "score" in columns:
            clip["score"] = round(score, 4)  # as `clip search --json` reports it
        if "hits" in columns:
            clip["hits"] = hit_count(hits or (), longest)
        if "snippet" in columns:
            clip["snippet"] = make_snippet(clip, parsed, hits=hits).text
        yield clip


def _longest_phrase(parsed: ParsedQuery) -> int:
    return max(
        (len(p.terms) for clause in parsed.wanted for alt in clause for p in alt), default=1
    )


def hit_count(ordinals: Sequence[int], longest: int) -> int:
    """Hits (a matching word, or a phrase once) from the matched terms' ordinals: a run
    of consecutive ordinals is one phrase's words or neighbouring hits, so it counts as
    its length over the query's longest phrase, rounded up (a run of one-word hits
    counts each word; "lone wolves" counts once)."""
    count, run, previous = 0, 0, None
    for ordinal in sorted(set(ordinals)):
        if previous is not None and ordinal == previous + 1:
            run += 1
        else:
            count += -(-run // longest)
            run = 1
        previous = ordinal
    return count + -(-run // longest)


# -- writing ---------------------------------------------------------------------


def write_export(
    rows: Iterable[dict],
    out: TextIO,
    fmt: str = "csv",
    columns: Iterable[str] = DEFAULT_COLUMNS,
    *,
    plain: bool = False,
) -> int:
    """Write rows to ``out`` (opened with ``newline=""``); returns how many were written.

    CSV is for spreadsheets unless ``plain``: a UTF-8 byte-order mark first (Excel needs it
    to read UTF-8, and so Arabic), formula-like cells neutralised and ids marked with
    ``#``. ``plain`` writes the cells exactly as stored (ids too) and no BOM: for pandas,
    R and scripts."""
    columns = tuple(columns)
    if fmt == "jsonl":
        return _write_jsonl(rows, out, columns)
    if fmt != "csv":
        raise ClipError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if not plain:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, "" inside quotes
    writer.writerow(columns)
    cell = csv_cell_safe if not plain else csv_cell_plain
    # The `#` keeps spreadsheets from reading an id as a number; programs want the id
    # exactly as stored, as every other --plain cell.
    ids = [i for i, c in enumerate(columns) if c in ID_COLUMNS] if not plain else []
    count = 0
    for row in rows:
        cells = [cell(row.get(c)) for c in columns]
        for i in ids:
            if cells[i]:
                cells[i] = f"{ID_MARK}{cells[i]}"
        writer.writerow(cells)
        count += 1
    return count


def csv_cell_safe(value) -> str | int | float:
    """One value as spreadsheet CSV text: as ``csv_cell_plain``, formula-like text
    neutralised."""
    if type(value) is str:  # the common case first: most cells are text
        return neutralise(value)
    return csv_cell_plain(value)


def csv_cell_plain(value) -> str | int | float:
    """One value as CSV text: unknown is empty, lists are JSON, flags true/false."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


def _write_jsonl(rows: Iterable[dict], out: TextIO, columns: tuple[str, ...]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        count += 1
    return count
