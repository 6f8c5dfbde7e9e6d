"""Reading a whole SQLite archive out, and writing another archive's clips, import log,
history and watches into one (``storage.base.CopyStore``, for `clip copy`). Part of the
SQLite backend (SQLiteStore inherits it).

Every write skips what the archive already holds (a clip by id or text, a log entry by
path, a history event by clip, event and time, a watch by name), so a copy run again, or
run again after being killed, adds only what is missing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from clipping_archive.errors import ClipError
from clipping_archive.storage.base import ClipId, IndexFunction, RecordsAdded

READ_BATCH = 500  # clips (with their raw text) read at a time: memory stays flat
LOG_COLUMNS = ("path", "size_bytes", "mtime_ns", "clip_id", "outcome", "reason", "logged_at")
HISTORY_COLUMNS = (
    "id", "path", "title", "date", "source", "tags", "raw", "body", "content_hash",
    "imported_at", "event", "replaced_by", "at",
)  # fmt: skip


class SQLiteCopying:
    """Mixed into SQLiteStore: expects ``self.conn``, ``self.path``, ``_writing()``,
    ``_seqs_for_ids``, ``_sync_tag_json`` and ``_add_fingerprints``."""

    conn: sqlite3.Connection
    path: Path

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError  # SQLiteStore's

    def _seqs_for_ids(self, ids: list[ClipId]) -> dict[ClipId, int]:
        raise NotImplementedError  # SQLiteWorkflow's

    def _sync_tag_json(self, seqs: list[int]) -> None:
        raise NotImplementedError  # SQLiteWorkflow's

    def _add_fingerprints(self, signatures: dict[int, bytes | None]) -> None:
        raise NotImplementedError  # SQLiteClusters'

    def ids_for_hashes(self, hashes: list[str]) -> dict[str, ClipId]:
        raise NotImplementedError  # SQLiteStore's

    # -- reading out --------------------------------------------------------------

    def iter_records(self) -> Iterator[list[dict]]:
        # Deferred: sqlite.py imports this module for SQLiteStore's bases.
        from clipping_archive.storage.sqlite import decode_row

        last = -1
        while True:  # by seq, a page at a time: no read transaction held between pages
            cursor = self.conn.execute(
                "SELECT * FROM clips WHERE seq > ? ORDER BY seq LIMIT ?", [last, READ_BATCH]
            )
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
            if not rows:
                return
            last = rows[-1]["seq"]
            for row in rows:
                del row["seq"]  # the row number never leaves the backend
            yield [decode_row(row) for row in rows]

    def iter_import_log(self) -> Iterator[list[dict]]:
        last = ""
        while True:
            rows = self.conn.execute(
                f"SELECT {', '.join(LOG_COLUMNS)} FROM import_log WHERE path > ? "
                "ORDER BY path LIMIT ?",
                [last, READ_BATCH],
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [dict(zip(LOG_COLUMNS, row, strict=True)) for row in rows]

    def watch_seen(self, name: str) -> list[ClipId]:
        rows = self.conn.execute(
            "SELECT clip_id FROM watch_seen WHERE watch = ? ORDER BY clip_id", [name]
        ).fetchall()
        return [r[0] for r in rows]

    # -- writing in ---------------------------------------------------------------

    def add_records(self, records: list[dict], index_row: IndexFunction) -> RecordsAdded:
        from clipping_archive.storage.sqlite import CLIP_COLUMNS, FLAG_COLUMNS, JSON_COLUMNS

        stored_columns = [c for c in CLIP_COLUMNS if c != "seq"]
        unknown = {key for record in records for key in record} - set(stored_columns)
        if unknown:
            raise ClipError(
                f"{self.path} has no clip column {sorted(unknown)[0]!r}: copy into an "
                "archive made by this release"
            )
        if not records:
            return RecordsAdded([])
        with self._writing():
            by_hash = self.ids_for_hashes([r["content_hash"] for r in records])
            held_seqs = self._seqs_for_ids([*(r["id"] for r in records), *by_hash.values()])
            new: list[dict] = []
            new_hashes: set[str] = set()
            held: dict[int, list[str]] = {}  # seq of a clip already held -> record's tags
            for record in records:
                held_id = (
                    record["id"] if record["id"] in held_seqs
                    else by_hash.get(record["content_hash"])
                )  # fmt: skip
                if held_id is not None:
                    held.setdefault(held_seqs[held_id], []).extend(record.get("tags") or [])
                elif record["content_hash"] not in new_hashes:
                    new_hashes.add(record["content_hash"])
                    new.append(record)
            index = [index_row(record) for record in new]
            if new:
                values = []
                for record, row in zip(new, index, strict=True):
                    # The paragraph languages are the index's (what snippets analyse
                    # with): the analysis that made this index made them.
                    record = {**record, "languages": list(row.languages)}
                    values.append(
                        [_encoded(record.get(c), c, JSON_COLUMNS, FLAG_COLUMNS)
                         for c in stored_columns]
                    )  # fmt: skip
                self.conn.executemany(
                    f"INSERT INTO clips ({', '.join(stored_columns)}) "
                    f"VALUES ({', '.join('?' for _ in stored_columns)})",
                    values,
                )
                seqs = self._seqs_for_ids([r["id"] for r in new])
                self.conn.executemany(
                    "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) VALUES (?, ?)",
                    [(tag, seqs[r["id"]]) for r in new for tag in r.get("tags") or []],
                )
                self.conn.executemany(
                    "INSERT INTO clips_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
                    [
                        (seqs[r["id"]], row.title_terms, row.body_terms, row.part_terms)
                        for r, row in zip(new, index, strict=True)
                    ],
                )
                # In the order given (the source's import order): clusters form as they
                # did there.
                self._add_fingerprints(
                    {seqs[r["id"]]: row.signature for r, row in zip(new, index, strict=True)}
                )
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) VALUES (?, ?)",
                [(tag, seq) for seq, tags in held.items() for tag in dict.fromkeys(tags)],
            )
            gained = self.conn.total_changes - before
            if gained:
                self._sync_tag_json(list(held))
        return RecordsAdded([r["id"] for r in new], gained)

    def add_import_log(self, entries: list[dict]) -> int:
        if not entries:
            return 0
        with self._writing():
            before = self.conn.total_changes
            self.conn.executemany(
                f"INSERT OR IGNORE INTO import_log ({', '.join(LOG_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in LOG_COLUMNS)})",
                [[entry.get(c) for c in LOG_COLUMNS] for entry in entries],
            )
            return self.conn.total_changes - before

    def add_history(self, entries: list[dict]) -> int:
        added = 0
        with self._writing():
            for entry in entries:  # oldest first: rowid order breaks ties in `history`
                held = self.conn.execute(
                    "SELECT 1 FROM clip_history WHERE id = ? AND event = ? AND at = ?",
                    [entry["id"], entry["event"], entry["at"]],
                ).fetchone()
                if held:
                    continue
                values = [
                    json.dumps(entry.get(c) or [], ensure_ascii=False)
                    if c == "tags"
                    else entry.get(c)
                    for c in HISTORY_COLUMNS
                ]
                self.conn.execute(
                    f"INSERT INTO clip_history ({', '.join(HISTORY_COLUMNS)}) "
                    f"VALUES ({', '.join('?' for _ in HISTORY_COLUMNS)})",
                    values,
                )
                added += 1
        return added

    def restore_watch(self, watch: dict, seen: list[ClipId]) -> int:
        with self._writing():
            self.conn.execute(
                "INSERT OR IGNORE INTO watches (name, query, filters, created_at, last_run_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    watch["name"],
                    watch["query"],
                    json.dumps(watch.get("filters") or {}, ensure_ascii=False),
                    watch.get("created_at"),
                    watch.get("last_run_at"),
                ],
            )
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO watch_seen (watch, clip_id) VALUES (?, ?)",
                [(watch["name"], clip_id) for clip_id in seen],
            )
            return self.conn.total_changes - before


def _encoded(value, column: str, json_columns: tuple, flag_columns: tuple):
    """A clip's value as the clips table stores it (JSON lists, flags as 0/1)."""
    if column in json_columns:
        return None if value is None else json.dumps(value, ensure_ascii=False)
    if column in flag_columns:
        return None if value is None else int(bool(value))
    return value
