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
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from clipping_archive.analysis import ANALYZER_VERSION
from clipping_archive.dates import date_bounds
from clipping_archive.errors import ClipError
from clipping_archive.models import PreparedClip

SCHEMA_VERSION = "1"

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

    def add_clips(self, clips: Iterable[PreparedClip]) -> list[AddResult]:
        """Store a batch in one transaction: all of it lands, or none of it."""
        results: list[AddResult] = []
        with self.db.atomic():
            seen: dict[str, str] = {}
            for clip in clips:
                existing = seen.get(clip.content_hash) or self._id_for_hash(clip.content_hash)
                if existing:
                    results.append(AddResult(existing, clip.path, duplicate_of=existing))
                    continue
                seq = self._insert(clip)
                self.db.execute(
                    "INSERT INTO clips_fts (rowid, title, body) VALUES (?, ?, ?)",
                    [seq, clip.title_terms, clip.body_terms],
                )
                seen[clip.content_hash] = clip.id
                results.append(AddResult(clip.id, clip.path))
        return results

    def _id_for_hash(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM clips WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def _insert(self, clip: PreparedClip) -> int:
        meta = clip.metadata
        start, end = date_bounds(meta.date)
        languages = list(dict.fromkeys(p.language for p in clip.paragraphs if p.language))
        record = {
            "id": clip.id,
            "title": meta.title,
            "title_derived": int(meta.title_derived),
            "date": meta.date,
            "date_start": start,
            "date_end": end,
            "language": clip.language,
            "languages": json.dumps(languages),
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
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        table = self.db["clips"]
        table.insert(record)
        return table.last_rowid

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

    def iter_clips(self, where: str = "1", params: list | None = None) -> Iterator[dict]:
        sql = f"SELECT * FROM clips WHERE {where} ORDER BY date_start, id"
        for row in self.db.query(sql, params or []):
            yield decode_row(row)


def decode_row(row: dict) -> dict:
    """A clips row as users see it: JSON columns parsed, flags as booleans."""
    out = dict(row)
    for key in ("languages", "tags", "stripped"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    if "title_derived" in out:
        out["title_derived"] = bool(out["title_derived"])
    return out
