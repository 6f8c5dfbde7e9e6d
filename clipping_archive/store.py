"""The archive: one plain SQLite file, readable by the sqlite3 shell, sqlite-utils and
Datasette with no extension loaded.

- ``clips``: one row per clip, raw text kept whole beside the clean body.
- ``clips_fts``: an FTS5 table (built-in unicode61 tokenizer) holding the *analysed*
  title and body; its rowid is ``clips.seq``. Analysis happens in Python, so no custom
  tokenizer is needed to read or query the file.
- ``archive_meta``: key/value facts such as the schema and analyzer versions.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from clipping_archive.analysis import ANALYZER_VERSION
from clipping_archive.dates import date_bounds
from clipping_archive.errors import ClipError
from clipping_archive.language import paragraph_languages
from clipping_archive.models import PreparedClip, Rejection

SCHEMA_VERSION = "1"

# Which file became which clip, so a re-run skips files unchanged since (same size and
# mtime) without reading them, and an archivist can see what a crawl's import did.
# Created on the first import that writes; an archive without it simply has no history.
IMPORT_LOG_DDL = (
    "CREATE TABLE IF NOT EXISTS import_log ("
    "path TEXT PRIMARY KEY, size_bytes INTEGER, mtime_ns INTEGER, clip_id TEXT, "
    "outcome TEXT NOT NULL, reason TEXT, logged_at TEXT)"
)
FileStamp = tuple[int, int]  # (size in bytes, mtime in ns): "unchanged since"

CLIP_COLUMNS = {
    "seq": int,  # INTEGER PRIMARY KEY: a rowid that VACUUM cannot renumber (FTS joins on it)
    "id": str,
    "title": str,
    "title_derived": int,
    "date": str,
    "date_start": str,
    "date_end": str,
    "language": str,
    "languages": str,  # JSON list of the paragraph languages, in order of first use
    "author": str,
    "source": str,
    "url": str,
    "tags": str,  # JSON list
    "path": str,
    "encoding": str,
    "size_bytes": int,
    "raw": str,
    "body": str,
    "stripped": str,  # JSON list of {"rule", "text"} the cleaner removed
    "content_hash": str,
    "imported_at": str,
}

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS clips_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')"
)


@dataclass(frozen=True)
class AddResult:
    clip_id: str
    path: str
    duplicate_of: str | None = None  # set when the clip was already archived

    @property
    def added(self) -> bool:
        return self.duplicate_of is None


class Archive:
    """A handle on one archive file. Creates the schema on first use."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        self._has_import_log: bool | None = None  # looked up on first use
        if not create and not self.path.exists():
            raise ClipError(f"no archive at {self.path} (run `clip import` first, or pass --db)")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite_utils.Database(self.path)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA busy_timeout = 10000")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise ClipError(f"{self.path} is not a readable archive: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------

    def _ensure_schema(self) -> None:
        if "clips" in self.db.table_names() and self.meta("schema_version") is None:
            raise ClipError(f"{self.path} holds a 'clips' table that is not a clipping archive")
        with self.db.atomic():
            if "archive_meta" not in self.db.table_names():
                self.db["archive_meta"].create({"key": str, "value": str}, pk="key")
            if "clips" not in self.db.table_names():
                self.db["clips"].create(CLIP_COLUMNS, pk="seq", not_null={"id", "content_hash"})
                self.db["clips"].create_index(["id"], unique=True)
                self.db["clips"].create_index(["content_hash"], unique=True)
                self.db["clips"].create_index(["date_start"])
                self.db["clips"].create_index(["language"])
                self.db["archive_meta"].insert_all(
                    [
                        {"key": "schema_version", "value": SCHEMA_VERSION},
                        {"key": "analyzer_version", "value": ANALYZER_VERSION},
                    ],
                    replace=True,
                )
            self.db.execute(FTS_DDL)

    def meta(self, key: str) -> str | None:
        if "archive_meta" not in self.db.table_names():
            return None
        row = self.db.execute("SELECT value FROM archive_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db["archive_meta"].insert({"key": key, "value": value}, replace=True)

    # -- writing ----------------------------------------------------------------

    def add_clips(
        self, clips: Iterable[PreparedClip], stamps: dict[str, FileStamp] | None = None
    ) -> list[AddResult]:
        """Store a batch in one transaction: all of it lands, or none of it.

        One SELECT finds which of the batch's texts are already archived, one
        executemany inserts the new rows, another their FTS rows: a killed import
        leaves whole clips only (each clip with its FTS row), never half a batch.
        With ``stamps`` (path -> size and mtime), each file is entered in the import log
        in the same transaction, so a re-run can skip it without reading it."""
        clips = list(clips)
        if not clips:
            return []
        imported_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            results = self._add(clips, imported_at)
            if stamps is not None:
                self._log(
                    [
                        (
                            r.path,
                            stamps.get(r.path),
                            r.clip_id,
                            "added" if r.added else "duplicate",
                            None,
                        )
                        for r in results
                    ],
                    imported_at,
                )
        return results

    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None:
        """Enter rejected files in the import log, with their reason (for the archivist:
        `select path, reason from import_log where outcome = 'rejected'`)."""
        if rejections:
            logged_at = datetime.now(UTC).isoformat(timespec="seconds")
            with self.db.atomic():
                self._log(
                    [(r.path, stamps.get(r.path), None, "rejected", r.reason) for r in rejections],
                    logged_at,
                )

    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, str]:
        """path -> clip id, for the files the import log holds with the same size and
        mtime (unchanged since they were imported) whose clip is still archived."""
        if self._has_import_log is None:
            self._has_import_log = "import_log" in self.db.table_names()
        if not self._has_import_log:
            return {}  # a first import: nothing to look up for each chunk of files
        return known_files_readonly(self.db.conn, stamps)

    def _log(self, entries: list[tuple], logged_at: str) -> None:
        self.db.execute(IMPORT_LOG_DDL)
        self._has_import_log = True
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO import_log "
            "(path, size_bytes, mtime_ns, clip_id, outcome, reason, logged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (_log_key(path), *(stamp or (None, None)), clip_id, outcome, reason, logged_at)
                for path, stamp, clip_id, outcome, reason in entries
            ],
        )

    def _add(self, clips: list[PreparedClip], imported_at: str) -> list[AddResult]:
        known = ids_for_hashes(self.db.conn, [c.content_hash for c in clips])
        results, new = sort_batch(clips, known)
        if new:
            records = [_record(clip, imported_at) for clip in new]
            columns = list(records[0])
            self.db.conn.executemany(
                f"INSERT INTO clips ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [[r[c] for c in columns] for r in records],
            )
            seqs = dict(_by_hash(self.db.conn, "content_hash, seq", [c.content_hash for c in new]))
            self.db.conn.executemany(
                "INSERT INTO clips_fts (rowid, title, body) VALUES (?, ?, ?)",
                [(seqs[c.content_hash], c.title_terms, c.body_terms) for c in new],
            )
        return results

    # -- reading ----------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM clips").fetchone()[0]

    def get(self, clip_id: str) -> dict:
        """A clip by id, or by an unambiguous prefix of at least 4 characters."""
        clip_id = clip_id.strip().lower()
        rows = list(self.db.query("SELECT * FROM clips WHERE id = ?", [clip_id]))
        if not rows and len(clip_id) >= 4:
            rows = list(
                self.db.query(
                    "SELECT * FROM clips WHERE id >= ? AND id < ? LIMIT 2",
                    [clip_id, clip_id + "\uffff"],
                )
            )
        if not rows:
            raise ClipError(f"no clip with id {clip_id!r}")
        if len(rows) > 1:
            raise ClipError(f"id prefix {clip_id!r} matches more than one clip; give more of it")
        return decode_row(rows[0])


def ids_for_hashes(conn: sqlite3.Connection, hashes: list[str]) -> dict[str, str]:
    """content_hash -> clip id, for those of ``hashes`` already archived."""
    return dict(_by_hash(conn, "content_hash, id", hashes))


def _by_hash(conn: sqlite3.Connection, columns: str, hashes: list[str]) -> list[tuple]:
    rows: list[tuple] = []
    # SQLite allows 32766 parameters a statement; chunk well below that.
    for i in range(0, len(hashes), 900):
        chunk = hashes[i : i + 900]
        rows += conn.execute(
            f"SELECT {columns} FROM clips WHERE content_hash IN ({', '.join('?' for _ in chunk)})",
            chunk,
        ).fetchall()
    return rows


def sort_batch(
    clips: list[PreparedClip], known: dict[str, str]
) -> tuple[list[AddResult], list[PreparedClip]]:
    """Each clip's result, and the clips to store: a text in ``known`` (content hash ->
    clip id) is a duplicate of that clip. ``known`` gains the new ones, so the same text
    twice in one batch is a duplicate of the first."""
    results: list[AddResult] = []
    new: list[PreparedClip] = []
    for clip in clips:
        existing = known.get(clip.content_hash)
        if existing:
            results.append(AddResult(existing, clip.path, duplicate_of=existing))
            continue
        known[clip.content_hash] = clip.id
        new.append(clip)
        results.append(AddResult(clip.id, clip.path))
    return results, new


def known_files_readonly(conn: sqlite3.Connection, stamps: dict[str, FileStamp]) -> dict[str, str]:
    """Archive.known_files on any connection (a dry run's is read-only)."""
    if not stamps:
        return {}
    has_log = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'import_log'").fetchone()
    if not has_log:
        return {}
    by_key = {_log_key(path): path for path in stamps}
    keys = list(by_key)
    rows = conn.execute(
        "SELECT l.path, l.size_bytes, l.mtime_ns, l.clip_id FROM import_log l "
        f"JOIN clips c ON c.id = l.clip_id WHERE l.path IN ({', '.join('?' for _ in keys)})",
        keys,
    ).fetchall()
    return {
        by_key[key]: clip_id
        for key, size, mtime, clip_id in rows
        if stamps[by_key[key]] == (size, mtime)
    }


def _log_key(path: str) -> str:
    # Absolute, so `clip import seeds/` and `clip import /work/seeds` find the same entry.
    return os.path.abspath(path)


JSON_COLUMNS = ("languages", "tags", "stripped")
FLAG_COLUMNS = ("title_derived",)
ENCODED_COLUMNS = frozenset(JSON_COLUMNS + FLAG_COLUMNS)  # what decode_row changes


def decode_row(row: dict) -> dict:
    """A clips row as users see it: JSON columns parsed, flags as booleans."""
    out = dict(row)
    for key in JSON_COLUMNS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    for key in FLAG_COLUMNS:
        if key in out:
            out[key] = bool(out[key])
    return out


def _record(clip: PreparedClip, imported_at: str) -> dict:
    """A clips row for a prepared clip (every column but ``seq``)."""
    meta = clip.metadata
    start, end = date_bounds(meta.date)
    return {
        "id": clip.id,
        "title": meta.title,
        "title_derived": int(meta.title_derived),
        "date": meta.date,
        "date_start": start,
        "date_end": end,
        "language": clip.language,
        "languages": json.dumps(paragraph_languages(clip.paragraphs)),
        "author": meta.author,
        "source": meta.source,
        "url": meta.url,
        "tags": json.dumps(list(meta.tags), ensure_ascii=False),
        "path": clip.path,
        "encoding": clip.encoding,
        "size_bytes": clip.size_bytes,
        "raw": clip.raw,
        "body": clip.body,
        "stripped": json.dumps(
            [{"rule": r.rule, "text": r.text} for r in clip.removed], ensure_ascii=False
        ),
        "content_hash": clip.content_hash,
        "imported_at": imported_at,
    }
