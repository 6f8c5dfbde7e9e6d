"""The archive in one plain SQLite file, readable by the sqlite3 shell, sqlite-utils and
Datasette with no extension loaded: the desk backend of the storage contract
(``storage.base.Store``). Plain ``sqlite3``, and nothing from ingest or analysis: what is
computed from a clip arrives computed (``PreparedClip``, ``IndexRow``).

What stays inside: the rowid ``seq`` (ids cross the contract), FTS5's ``rank`` (lower is
better; negated into ``Match.score``), ``highlight()`` marks (turned into hit ordinals
here) and ``sqlite3.Error`` (raised as ``StorageError`` naming the file).

- ``clips``: one row per clip, raw text kept whole beside the clean body.
- ``clips_fts``: an FTS5 table (built-in unicode61 tokenizer) holding the *analysed*
  title, body and compound parts; its rowid is ``clips.seq``. Analysis happens in Python,
  so no custom tokenizer is needed to read or query the file.
- ``archive_meta``: key/value facts such as the schema and analyzer versions.
- ``import_log``: which file became which clip, so a re-run skips unchanged files.
- ``_sqlite_migrations``: the schema migrations applied (``storage.migrations``).
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from clipping_archive.errors import ClipError, QueryError, StorageError
from clipping_archive.models import AddResult, PreparedClip, Rejection
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery
from clipping_archive.storage import migrations, sqlite_groups
from clipping_archive.storage.base import (
    SOURCE_FIELDS,
    ClipId,
    CopyStore,
    DateCount,
    FileStamp,
    GroupRow,
    IndexFunction,
    Match,
    Store,
    listing_page,
    sort_batch,
)
from clipping_archive.storage.fts5 import match_expression
from clipping_archive.storage.rows import clip_row, log_key, now
from clipping_archive.storage.sqlite_clusters import SQLiteClusters, band_keys
from clipping_archive.storage.sqlite_copying import SQLiteCopying
from clipping_archive.storage.sqlite_filters import where
from clipping_archive.storage.sqlite_workflow import SQLiteWorkflow

CLIP_COLUMNS = (
    "seq",  # INTEGER PRIMARY KEY: a rowid that VACUUM cannot renumber (FTS joins on it)
    "id",
    "title",
    "title_derived",
    "date",
    "date_start",
    "date_end",
    "language",
    "languages",  # JSON list of the paragraph languages, in order of first use
    "author",
    "source",
    "url",
    "tags",  # JSON list
    "path",
    "encoding",
    "size_bytes",
    "raw",
    "body",
    "stripped",  # JSON list of {"rule", "text"} the cleaner removed
    "content_hash",
    "imported_at",
    "hijri_date",  # as written: 25 شوال 1436 هـ (migration 0003)
    "country",  # the outlet's, from the sources mapping (migration 0009)
)
JSON_COLUMNS = ("languages", "tags", "stripped")
FLAG_COLUMNS = ("title_derived",)
ENCODED_COLUMNS = frozenset(JSON_COLUMNS + FLAG_COLUMNS)  # what decode_row changes
READABLE_COLUMNS = frozenset(CLIP_COLUMNS) - {"seq"}  # what iter_clips may be asked for

BUSY_TIMEOUT_MS = 10_000
# A writer waits this long for another writer's transaction (an import's batch takes a
# second; a reindex of a big archive, minutes) before it stops with a clear message.
WRITE_WAIT_MS = 120_000
# The writer's page cache, in KiB (SQLite's default is 2 MiB). An import's every clip
# seeks 16 random LSH buckets and inserts into random places of the content-hash and
# bucket b-trees: with 2 MiB those pages were read again from the OS over and over
# (~35-70 us of system CPU a clip at 20,000 clips). With 16 MiB: ~30 us a clip less in
# all (user CPU unchanged), the writer's RSS up to 16 MiB more; an archive whose buckets
# outgrow it keeps part of the gain.
WRITER_CACHE_KIB = 16 * 1024
SQLITE_MAX_PARAMS = 900  # well below SQLite's 32766 parameters a statement
READ_BATCH = 500  # rows fetched at a time when streaming: memory stays flat

# Ranking: BM25 with the title weighted above the body; compound parts count less than
# whole words. Given per query (FTS5's `rank MATCH`), so the weights need no change to the
# stored table and FTS5 can still sort by its own rank column.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
PARTS_WEIGHT = 0.5
RANK_FUNCTION = f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT}, {PARTS_WEIGHT})"
# Never in analysed text (terms are letters and digits): FTS5 wraps the body's terms that
# matched in these, and _hit_ordinals turns them into ordinals before they leave.
MARK_START, MARK_END = "\x01", "\x02"
HIGHLIGHT = f"highlight(clips_fts, 1, '{MARK_START}', '{MARK_END}')"  # column 1 is the body
# Date sorts break ties in import order (reversed for newest), as PostgreSQL does: not by
# rank, which a backend that ranks only the best few hundred matches cannot give them.
SORTS = {
    "relevance": "rank",
    "newest": "c.date_end IS NULL, c.date_end DESC, c.seq DESC",
    "oldest": "c.date_start IS NULL, c.date_start ASC, c.seq ASC",
}
LISTING_DIRECTIONS = {"newest": "DESC", "oldest": "ASC"}
# Facets: a name -> the SQL expression grouped on (month: the clip's date to the month).
FACETS = {
    "language": "c.language",
    "source": "c.source",
    "month": "substr(c.date, 1, 7)",
    "year": "substr(c.date, 1, 4)",
}
# match_groups walks the whole facet index when a query matches more than 1/3 of the
# archive (measured on 100k clips: below that, looking up each match is cheaper).
GROUP_SCAN_SHARE = 3
ARCHIVE_TABLES = frozenset({"clips", "clips_fts", "archive_meta"})


def _uri(path: Path, mode: str) -> str:
    # Quoted, so a path holding '#', '?' or '%41' is the path itself, not URI syntax.
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def inspect_file(path: Path) -> str:
    """ "empty" (no tables: may become an archive), "archive", or raises StorageError for
    a file that is not one (another application's database, or not SQLite at all). Reads
    only, on a read-only connection."""
    try:
        conn = _read_only_connection(path)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a readable archive: {exc}") from exc
    if not names:
        return "empty"
    if "archive_meta" in names and "clips" in names:
        return "archive"
    tables = ", ".join(sorted(n for n in names if not n.startswith("sqlite_"))[:5])
    raise StorageError(f"{path} is not a clipping archive (it holds other tables: {tables})")


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that never writes. An archive in WAL mode needs its -shm file; in a
    read-only folder that cannot be made, so such an archive is opened as immutable
    (nothing can be writing to it there)."""
    conn = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Immutable would ignore the log's last writes: a stale answer, never given.
        raise StorageError(
            f"{path} has writes still in its {wal.name} file, and its folder is read-only: "
            "open it once where it can be written (or copy all its files elsewhere)"
        )
    immutable = _uri(path, "ro") + "&immutable=1"
    return sqlite3.connect(immutable, uri=True, check_same_thread=False)


def _storage_error(path: Path, exc: sqlite3.Error) -> StorageError:
    """One line naming the file, for any sqlite3 error that reaches the contract."""
    text = str(exc) or type(exc).__name__
    if "locked" in text or "busy" in text:
        return StorageError(f"{path} is busy ({text}): another process is writing to it")
    return StorageError(f"{path}: archive error: {text}")


def _guarded(method: Callable) -> Callable:
    """``method`` raising StorageError for sqlite3's errors, also while a returned
    iterator (``iter_clips``) is consumed."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _storage_error(self.path, exc) from exc
        if inspect.isgenerator(result):
            return _guarded_iterator(self.path, result)
        return result

    return guarded


def _guarded_iterator(path: Path, inner: Iterator) -> Iterator:
    try:
        yield from inner
    except sqlite3.Error as exc:
        raise _storage_error(path, exc) from exc


def _guard_public_methods(cls: type) -> type:
    """Every public method (the contract's, and the mixins') wrapped by `_guarded`: no
    ``sqlite3.Error`` leaves the backend."""
    names = {
        name
        for klass in cls.__mro__[:-1]
        for name, value in vars(klass).items()
        if not name.startswith("_") and inspect.isfunction(value)
    }
    for name in names:
        setattr(cls, name, _guarded(getattr(cls, name)))
    return cls


@_guard_public_methods
class SQLiteStore(SQLiteWorkflow, SQLiteClusters, SQLiteCopying):
    """One archive file. ``readonly`` never writes (nor creates, nor switches the journal
    mode); otherwise the file is created on demand and upgraded in place by migrations."""

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        exists = self.path.exists()
        if self.path.is_dir():
            raise StorageError(f"{self.path} is a folder, not an archive file (pass --db FILE)")
        if readonly and not exists:
            raise StorageError(
                f"no archive at {self.path} (run `clip import` first, or pass --db)"
            )
        state = inspect_file(self.path) if exists else "empty"
        try:
            if readonly:
                if state == "empty":
                    raise StorageError(f"{self.path} is an empty file, not an archive yet")
                self._upgrade_if_needed()
                self.conn = _read_only_connection(self.path)
            else:
                if exists and not (
                    os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
                ):  # said before any work, not as "attempt to write a readonly database"
                    raise StorageError(
                        f"{self.path} is read-only here (the file or its folder): it can be "
                        "searched, shown and exported, not written to"
                    )
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(self.path))
                self.conn.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                migrations.upgrade(self.conn)
            if readonly:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} is not a readable archive: {exc}") from exc
        except sqlite3.Error as exc:
            raise _storage_error(self.path, exc) from exc

    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _writing(self):
        """One write transaction, begun IMMEDIATE: it takes the write lock first, so two
        writers (two imports, an import and a reindex) wait their turn through the busy
        timeout instead of failing when a read would upgrade to a write."""
        if self.conn.in_transaction:  # a read's implicit transaction: nothing to keep
            self.conn.commit()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(
                f"{self.path} is busy: another import or reindex is writing to it "
                f"(waited {WRITE_WAIT_MS // 1000} s); run this again when it ends"
            ) from exc
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------

    def _upgrade_if_needed(self) -> None:
        """A reader of an archive made by an earlier release upgrades it first (the one
        write a read command may do, and only to a file that is already an archive)."""
        conn = _read_only_connection(self.path)
        try:
            outdated = bool(migrations.pending(conn))
        finally:
            conn.close()
        if outdated:
            if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
                raise StorageError(
                    f"{self.path} was made by an earlier release and must be upgraded, "
                    "but it is read-only here"
                )
            writer = SQLiteStore(self.path)
            writer.close()

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM archive_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing():
            self.conn.execute(
                "INSERT OR REPLACE INTO archive_meta (key, value) VALUES (?, ?)", [key, value]
            )

    # -- writing ----------------------------------------------------------------

    def bulk_load(self, expected: Callable[[], int]) -> AbstractContextManager[None]:
        # FTS5's index upkeep is cheap: nothing to hold back, so nothing to count.
        return nullcontext()

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
        imported_at = now()
        with self._writing():
            results = self._add(clips, imported_at)
            logged = self._logged_clip_ids([r.path for r in results])
            results = [
                replace(r, unchanged=True)
                if not r.added and logged.get(log_key(r.path)) == r.clip_id
                else r
                for r in results
            ]
            results = self._replace_changed(results, logged)
            if stamps is not None:
                entries = [
                    (r.path, stamps.get(r.path), r.clip_id, "added" if r.added else "duplicate")
                    for r in results
                ]
                self._log([(*e, None) for e in entries], imported_at)
        return results

    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None:
        """Enter rejected files in the import log, with their reason (for the archivist:
        `select path, reason from import_log where outcome = 'rejected'`)."""
        if rejections:
            with self._writing():
                self._log(
                    [(r.path, stamps.get(r.path), None, "rejected", r.reason) for r in rejections],
                    now(),
                )

    def _log(self, entries: list[tuple], logged_at: str) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO import_log "
            "(path, size_bytes, mtime_ns, clip_id, outcome, reason, logged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (log_key(path), *(stamp or (None, None)), clip_id, outcome, reason, logged_at)
                for path, stamp, clip_id, outcome, reason in entries
            ],
        )

    def _add(self, clips: list[PreparedClip], imported_at: str) -> list[AddResult]:
        known = self.ids_for_hashes([c.content_hash for c in clips])
        results, new = sort_batch(clips, known)
        if new:
            records = [clip_row(clip, imported_at) for clip in new]
            columns = list(records[0])
            self.conn.executemany(
                f"INSERT INTO clips ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [[r[c] for c in columns] for r in records],
            )
            seqs = dict(self._by_hash("content_hash, seq", [c.content_hash for c in new]))
            self._add_tags_of_new_clips(
                {seqs[c.content_hash]: c.metadata.tags for c in new if c.metadata.tags}
            )
            self._add_fingerprints({seqs[c.content_hash]: c.signature for c in new})
            self.conn.executemany(
                "INSERT INTO clips_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
                [(seqs[c.content_hash], c.title_terms, c.body_terms, c.part_terms) for c in new],
            )
        return results

    def _replace_changed(self, results: list[AddResult], logged: dict[str, str]) -> list[AddResult]:
        """New clips from files whose log entry names another clip that the same file
        brought in: that clip is replaced (inside the caller's transaction)."""
        out = []
        for result in results:
            old_id = logged.get(log_key(result.path)) if result.added else None
            old = old_id and old_id != result.clip_id and self.conn.execute(
                "SELECT seq, path FROM clips WHERE id = ?", [old_id]
            ).fetchone()
            if not old or log_key(old[1] or "") != log_key(result.path):
                out.append(result)  # a new file, or the log's clip came from another file
                continue
            old_seq = old[0]
            new_seq = self._seqs_for_ids([result.clip_id])[result.clip_id]
            # What the archivist and the watches did with the clip is about the file,
            # not about one version of its text: it passes to the new version.
            self.conn.execute(
                "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) "
                "SELECT tag, ? FROM clip_tags WHERE clip_seq = ?",
                [new_seq, old_seq],
            )
            self._sync_tag_json([new_seq])
            self.conn.execute(
                "INSERT OR IGNORE INTO watch_seen (watch, clip_id) "
                "SELECT watch, ? FROM watch_seen WHERE clip_id = ?",
                [result.clip_id, old_id],
            )
            self._remove_seqs([old_seq], "replaced", replaced_by=result.clip_id)
            out.append(replace(result, replaced=old_id))
        return out

    def _remove_seqs(self, seqs: list[int], event: str, replaced_by: str | None = None) -> None:
        """Delete clips and every row that points at them, each kept in clip_history
        first (inside the caller's transaction)."""
        at = now()
        for seq in seqs:
            self.conn.execute(
                "INSERT INTO clip_history (id, path, title, date, source, tags, raw, body, "
                "content_hash, imported_at, event, replaced_by, at) "
                "SELECT id, path, title, date, source, tags, raw, body, content_hash, "
                "imported_at, ?, ?, ? FROM clips WHERE seq = ?",
                [event, replaced_by, at, seq],
            )
            row = self.conn.execute(
                "SELECT signature FROM clip_minhash WHERE seq = ?", [seq]
            ).fetchone()
            if row and row[0] is not None:
                # By key: the bucket tables are keyed (band, bucket, seq), so a delete by
                # seq alone would scan them whole.
                for table in ("lsh_recent", "lsh_buckets"):
                    self.conn.executemany(
                        f"DELETE FROM {table} WHERE band = ? AND bucket = ? AND seq = ?",
                        [(band, bucket, seq) for band, bucket in band_keys(row[0])],
                    )
            for table, column in (
                ("clip_minhash", "seq"),
                ("clip_cluster", "seq"),
                ("clip_tags", "clip_seq"),
            ):
                self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [seq])
            self.conn.execute("DELETE FROM clips_fts WHERE rowid = ?", [seq])
        if event == "removed":  # a replaced clip's log entry is the new clip's now
            # In chunks: import_log has no index on clip_id (an import would pay for it
            # on every file), so each statement is one scan of the log.
            for i in range(0, len(seqs), SQLITE_MAX_PARAMS):
                chunk = seqs[i : i + SQLITE_MAX_PARAMS]
                self.conn.execute(
                    "DELETE FROM import_log WHERE clip_id IN (SELECT id FROM clips WHERE seq "
                    f"IN ({', '.join('?' for _ in chunk)}))",
                    chunk,
                )
        self.conn.executemany("DELETE FROM clips WHERE seq = ?", [(seq,) for seq in seqs])

    def remove_clips(self, ids: list[ClipId]) -> int:
        with self._writing():
            seqs = list(self._seqs_for_ids(ids).values())
            self._remove_seqs(seqs, "removed")
        return len(seqs)

    def clip_for_path(self, path: str) -> ClipId | None:
        row = self.conn.execute(
            "SELECT l.clip_id FROM import_log l JOIN clips c ON c.id = l.clip_id "
            "WHERE l.path = ?",
            [log_key(path)],
        ).fetchone()
        if row is None:  # imported before the log kept it: the clip's own path
            row = self.conn.execute(
                "SELECT id FROM clips WHERE path IN (?, ?) ORDER BY seq DESC LIMIT 1",
                [path, log_key(path)],
            ).fetchone()
        return row[0] if row else None

    def history(self, clip_id: ClipId | None = None, path: str | None = None) -> list[dict]:
        clauses, params = [], []
        if clip_id is not None:
            clauses.append("id = ?")
            params.append(clip_id)
        if path is not None:
            clauses.append("path IN (?, ?)")
            params += [path, log_key(path)]
        where_sql = f"WHERE {' OR '.join(clauses)}" if clauses else ""
        rows = _dicts(
            self.conn.execute(
                "SELECT id, path, title, date, source, tags, content_hash, imported_at, "
                f"event, replaced_by, at, raw, body FROM clip_history {where_sql} "
                "ORDER BY at, rowid",
                params,
            )
        )
        return [decode_row(r) for r in rows]

    def set_source_fields(self, changes: dict[ClipId, dict[str, str | None]]) -> int:
        changed = 0
        with self._writing():
            for clip_id, fields in changes.items():
                unknown = set(fields) - set(SOURCE_FIELDS)
                if unknown:
                    raise ClipError(f"not a source field: {sorted(unknown)[0]!r}")
                if not fields:
                    continue
                sets = ", ".join(f"{k} = ?" for k in fields)
                # Only rows that differ: an unchanged group leaves the groups' counter be.
                differs = " OR ".join(f"{k} IS NOT ?" for k in fields)
                changed += self.conn.execute(
                    f"UPDATE clips SET {sets} WHERE id = ? AND ({differs})",
                    [*fields.values(), clip_id, *fields.values()],
                ).rowcount
        return changed

    def _logged_clip_ids(self, paths: list[str]) -> dict[str, str]:
        """Import-log key -> the clip id the log holds for that file."""
        keys = [log_key(p) for p in paths]
        found: dict[str, str] = {}
        for i in range(0, len(keys), SQLITE_MAX_PARAMS):
            chunk = keys[i : i + SQLITE_MAX_PARAMS]
            found.update(
                self.conn.execute(
                    "SELECT path, clip_id FROM import_log WHERE clip_id IS NOT NULL AND path IN "
                    f"({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall()
            )
        return found

    def ids_for_hashes(self, hashes: list[str]) -> dict[str, str]:
        """content_hash -> clip id, for those of ``hashes`` already archived."""
        return dict(self._by_hash("content_hash, id", hashes))

    def _by_hash(self, columns: str, hashes: list[str]) -> list[tuple]:
        rows: list[tuple] = []
        for i in range(0, len(hashes), SQLITE_MAX_PARAMS):
            chunk = hashes[i : i + SQLITE_MAX_PARAMS]
            rows += self.conn.execute(
                f"SELECT {columns} FROM clips "
                f"WHERE content_hash IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ).fetchall()
        return rows

    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, str]:
        """path -> clip id, for the files the import log holds with the same size and
        mtime (unchanged since they were imported) whose clip is still archived."""
        if not stamps:
            return {}
        by_key = {log_key(path): path for path in stamps}
        keys = list(by_key)
        rows: list[tuple] = []
        for i in range(0, len(keys), SQLITE_MAX_PARAMS):
            chunk = keys[i : i + SQLITE_MAX_PARAMS]
            rows += self.conn.execute(
                "SELECT l.path, l.size_bytes, l.mtime_ns, l.clip_id FROM import_log l "
                "JOIN clips c ON c.id = l.clip_id "
                f"WHERE l.path IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ).fetchall()
        return {
            by_key[key]: clip_id
            for key, size, mtime, clip_id in rows
            if stamps[by_key[key]] == (size, mtime)
        }

    def rebuild_index(
        self,
        index_row: IndexFunction,
        on_clip: Callable[[int], None] | None = None,
        meta: dict[str, str] | None = None,
    ) -> int:
        """Recompute every clip's FTS row, paragraph languages and fingerprint with
        ``index_row`` (the library's analysis of {"id", "title", "body", "language"}), in
        one transaction with the ``meta`` facts (the analyzer version): an interrupted
        rebuild leaves the old index in place."""
        count = 0
        with self._writing():
            self.conn.execute("DELETE FROM clips_fts")
            self._clear_clusters()
            last = -1
            while True:
                batch = self.conn.execute(
                    "SELECT seq, id, title, body, language FROM clips WHERE seq > ? "
                    "ORDER BY seq LIMIT ?",
                    [last, READ_BATCH],
                ).fetchall()
                if not batch:
                    break
                signatures = {}
                for seq, clip_id, title, body, language in batch:
                    clip = {"id": clip_id, "title": title, "body": body, "language": language}
                    row = index_row(clip)
                    signatures[seq] = row.signature
                    self.conn.execute(
                        "INSERT INTO clips_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
                        [seq, row.title_terms, row.body_terms, row.part_terms],
                    )
                    # Paragraph languages are what snippets analyse with: keep them in step.
                    self.conn.execute(
                        "UPDATE clips SET languages = ? WHERE seq = ?",
                        [json.dumps(list(row.languages)), seq],
                    )
                    count += 1
                    if on_clip:
                        on_clip(count)
                self._add_fingerprints(signatures)
                last = batch[-1][0]
            self.conn.execute("INSERT INTO clips_fts (clips_fts) VALUES ('optimize')")
            for key, value in (meta or {}).items():
                self.conn.execute(
                    "INSERT OR REPLACE INTO archive_meta (key, value) VALUES (?, ?)", [key, value]
                )
        return count

    # -- reading ----------------------------------------------------------------

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM clips").fetchone()[0]

    def get(self, clip_id: ClipId) -> dict | None:
        rows = _dicts(self.conn.execute("SELECT * FROM clips WHERE id = ?", [clip_id]))
        if not rows:
            return None
        rows[0].pop("seq")  # the row number never leaves the backend
        return decode_row(rows[0])

    def existing_ids(self, ids: list[ClipId]) -> list[ClipId]:
        """Those of ``ids`` that name an archived clip, in the order given."""
        found = self._seqs_for_ids(ids)
        return [i for i in dict.fromkeys(ids) if i in found]

    def ids_with_prefix(self, prefix: str, limit: int) -> list[ClipId]:
        rows = self.conn.execute(
            "SELECT id FROM clips WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            [prefix, prefix + "\uffff", limit],
        ).fetchall()
        return [r[0] for r in rows]

    def languages(self) -> list[str]:
        """The languages the archive holds clips in, most clips first."""
        rows = self.conn.execute(
            "SELECT language FROM clips WHERE language IS NOT NULL "
            "GROUP BY language ORDER BY count(*) DESC"
        ).fetchall()
        return [r[0] for r in rows]

    def _matching_sql(
        self, parsed: ParsedQuery, filters: Filters, extra_columns: str = ""
    ) -> tuple[str, list]:
        """SQL selecting ``c.*`` and ``rank`` (lower is better) for every matching clip.
        ``extra_columns`` (", expr AS name...") adds to the selection."""
        clause, params = where(filters, "c")
        sql = (
            f"SELECT c.*, clips_fts.rank AS rank{extra_columns} "
            "FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
            f"WHERE clips_fts MATCH ? AND clips_fts.rank MATCH ? AND {clause}"
        )
        return sql, [match_expression(parsed), RANK_FUNCTION, *params]

    def matches(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        sort: str = "relevance",
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Match]:
        """The matching clips in ``sort`` order, each scored (-rank: higher is better) and
        with its body hits (from FTS5's highlight marks: sorted by relevance, FTS5 hands
        rows over in rank order, so the marks are made for shown rows only)."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
        extra = f", {HIGHLIGHT} AS _marks" if sort == "relevance" else ""
        sql, params = self._matching_sql(parsed, filters, extra)
        sql += f" ORDER BY {SORTS[sort]}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = _dicts(self._query(sql, params, parsed))
        if sort == "relevance":
            marks = {row["seq"]: row.pop("_marks") for row in rows}
        else:
            marks = self._body_marks(parsed, [row["seq"] for row in rows])
        found = []
        for row in rows:
            marked = marks.get(row.pop("seq"))
            hits = tuple(_hit_ordinals(marked)) if marked is not None else None
            score = -row.pop("rank")
            found.append(Match(decode_row(row), score, hits))
        return found

    def count_matches(
        self, parsed: ParsedQuery | None, filters: Filters, at_most: int | None = None
    ) -> int:
        clause, params = where(filters, "c")
        if parsed is None:
            sql = f"SELECT 1 FROM clips c WHERE {clause}"
        elif not filters.active:  # no join: FTS5 counts its own rows
            sql = "SELECT 1 FROM clips_fts WHERE clips_fts MATCH ?"
            params = [match_expression(parsed)]
        else:
            sql = (
                "SELECT 1 FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
                f"WHERE clips_fts MATCH ? AND {clause}"
            )
            params = [match_expression(parsed), *params]
        if at_most is not None:
            sql += " LIMIT ?"
            params = [*params, int(at_most)]
        sql = f"SELECT count(*) FROM ({sql})"
        if parsed is None:
            return self.conn.execute(sql, params).fetchone()[0]
        return self._query(sql, params, parsed).fetchone()[0]

    def facet(
        self, name: str, parsed: ParsedQuery | None, filters: Filters, limit: int | None = None
    ) -> list[tuple[str | None, int]]:
        """(value, clips) for one facet of the matching clips, most clips first (months:
        in time order)."""
        expr = FACETS[name]
        clause, params = where(filters, "c")
        if parsed is None:
            source = f"FROM clips c WHERE {clause}"
        else:
            source = (
                "FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
                f"WHERE clips_fts MATCH ? AND {clause}"
            )
            params = [match_expression(parsed), *params]
        order = "k IS NULL, k" if name in ("month", "year") else "n DESC, k"
        sql = f"SELECT {expr} AS k, count(*) AS n {source} GROUP BY k ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [tuple(r) for r in self._query(sql, params, parsed).fetchall()]

    def body_hits(
        self, parsed: ParsedQuery, ids: list[ClipId]
    ) -> dict[ClipId, tuple[int, ...]]:
        """Ordinals of each clip's body terms that FTS5 itself matched (phrase instances
        only where the phrase matched), for those of ``ids`` that match."""
        seqs = self._seqs_for_ids(ids)
        by_seq = {seq: clip_id for clip_id, seq in seqs.items()}
        marks = self._body_marks(parsed, list(by_seq))
        return {by_seq[seq]: tuple(_hit_ordinals(marked)) for seq, marked in marks.items()}

    def _body_marks(self, parsed: ParsedQuery, seqs: list[int]) -> dict[int, str]:
        """The analysed body of each clip with FTS5's own hits marked (MARK_START/END)."""
        out: dict[int, str] = {}
        for i in range(0, len(seqs), SQLITE_MAX_PARAMS):
            chunk = seqs[i : i + SQLITE_MAX_PARAMS]
            placeholders = ",".join("?" * len(chunk))
            sql = (
                f"SELECT rowid, {HIGHLIGHT} FROM clips_fts "
                f"WHERE clips_fts MATCH ? AND rowid IN ({placeholders})"
            )
            out.update(self._query(sql, [match_expression(parsed), *chunk], parsed).fetchall())
        return out

    def iter_clips(
        self, parsed: ParsedQuery | None, filters: Filters, columns: tuple[str, ...]
    ) -> Iterator[list[dict]]:
        """Batches of clips (``id`` and ``columns``; with a query also ``score``): all of
        them oldest first, undated last in import order; or the matches by relevance.
        Rows come from one cursor, so memory stays flat."""
        unknown = [c for c in columns if c not in READABLE_COLUMNS]
        if unknown:
            raise ClipError(f"no clip column {unknown[0]!r}")
        wanted = tuple(dict.fromkeys(["id", *columns]))
        clause, params = where(filters, "c")
        if parsed is None:
            # Two passes that both walk the date_start index in order, so SQLite never
            # sorts (a sort of a million bodies would spill gigabytes to temporary files).
            select = ", ".join(f"c.{c}" for c in wanted)
            queries = [
                (
                    f"SELECT {select} FROM clips c WHERE {clause} AND c.date_start IS NOT NULL "
                    "ORDER BY c.date_start, c.seq",
                    params,
                ),
                (
                    f"SELECT {select} FROM clips c WHERE {clause} AND c.date_start IS NULL "
                    "ORDER BY c.seq",
                    params,
                ),
            ]
        else:
            sql, params = self._matching_sql(parsed, filters)
            # The outer select names only the wanted columns, so SQLite's sorter carries
            # those and not every column of c.* (raw text included).
            select = ", ".join(f"m.{c}" for c in wanted)
            queries = [
                (
                    f"SELECT {select}, -m.rank AS score FROM ({sql}) AS m "
                    "ORDER BY m.rank, m.seq",
                    params,
                )
            ]
        # Each query runs only when the one before is done: the first runs now, so a bad
        # query fails before any output.
        first = self._query(queries[0][0], queries[0][1], parsed)
        return self._batches(first, queries[1:], parsed)

    def list_ids(
        self, filters: Filters, *, sort: str = "newest", limit: int = 20, offset: int = 0
    ) -> list[ClipId]:
        """A page of the filtered clips, newest or oldest first (see the contract). Each
        part walks an index in order and stops at the page's end: the dated clips
        ``idx_clips_date_start`` (date_start, then the rowid: import order), or with a
        language ``idx_clips_language_date``; the undated ones the same index's NULL
        entries, in rowid order. No sort: a page costs what it skips and shows."""
        if sort not in LISTING_DIRECTIONS:
            raise QueryError(f"unknown order {sort!r}: use newest or oldest")
        direction = LISTING_DIRECTIONS[sort]
        clause, params = where(filters, "c")

        def part(dated: bool, count: int, skip: int) -> list[ClipId]:
            if dated:
                condition = "c.date_start IS NOT NULL"
                order = f"c.date_start {direction}, c.seq {direction}"
            else:
                condition, order = "c.date_start IS NULL", f"c.seq {direction}"
            sql = (
                f"SELECT c.id FROM clips c WHERE {condition} AND {clause} "
                f"ORDER BY {order} LIMIT ? OFFSET ?"
            )
            return [r[0] for r in self.conn.execute(sql, [*params, count, skip])]

        def dated_count() -> int:
            sql = f"SELECT count(*) FROM clips c WHERE c.date_start IS NOT NULL AND {clause}"
            return self.conn.execute(sql, params).fetchone()[0]

        return listing_page(part, dated_count, filters, limit, offset)

    def _batches(self, cursor, rest, parsed) -> Iterator[list[dict]]:
        while True:
            names = [d[0] for d in cursor.description]
            encoded = not ENCODED_COLUMNS.isdisjoint(names)
            while batch := cursor.fetchmany(READ_BATCH):
                rows = [dict(zip(names, values, strict=True)) for values in batch]
                yield [decode_row(r) for r in rows] if encoded else rows
            if not rest:
                return
            sql, params = rest.pop(0)
            cursor = self._query(sql, params, parsed)

    def date_counts(self, parsed: ParsedQuery | None, filters: Filters) -> list[DateCount]:
        """(date_start, date_end, language, clips): a few rows per distinct date, so the
        timeline of a million clips is one grouped scan, never a million Python objects."""
        if parsed is not None:
            sql, params = self._matching_sql(parsed, filters)
            sql = (
                "SELECT m.date_start, m.date_end, m.language, count(*) "
                f"FROM ({sql}) AS m GROUP BY 1, 2, 3"
            )
        else:
            clause, params = where(filters, "c")
            sql = (
                "SELECT c.date_start, c.date_end, c.language, count(*) "
                f"FROM clips c WHERE {clause} GROUP BY 1, 2, 3"
            )
        return self._query(sql, params, parsed).fetchall()

    def match_groups(self, parsed: ParsedQuery | None, filters: Filters) -> list[GroupRow]:
        """(language, source, date, date_start, date_end, clips) for the matching clips
        (all clips without a query): one grouped pass, from which the total, the facets
        and the timeline of a search page are all counted (each its own pass costs as
        much as the search itself).

        The matching seqs are read in one statement and counted by group in memory
        (``sqlite_groups``: every clip's group, held between calls and kept fresh), as
        grouping them in SQL sorts them by five text columns; `match_groups_in_sql` when
        the groups cannot be held."""
        held = sqlite_groups.groups_for(self.conn, self.path)
        if held is None:
            return self.match_groups_in_sql(parsed, filters)
        clause, params = where(filters, "c")
        if parsed is None:
            sql = f"SELECT group_concat(c.seq) FROM clips c WHERE {clause}"
        elif not filters.active:  # no join: FTS5 lists its own rowids, in no rank order
            sql = "SELECT group_concat(rowid) FROM clips_fts WHERE clips_fts MATCH ?"
            params = [match_expression(parsed)]
        else:
            sql = (
                "SELECT group_concat(c.seq) FROM clips_fts "
                "JOIN clips c INDEXED BY idx_clips_seq_groups ON c.seq = clips_fts.rowid "
                f"WHERE clips_fts MATCH ? AND {clause}"
            )
            params = [match_expression(parsed), *params]
        listed = self._query(sql, params, parsed).fetchone()[0]
        seqs = list(map(int, listed.split(","))) if listed else []
        counted = held.counts(seqs)
        if counted is None:  # a clip committed since the groups were brought up to date
            sqlite_groups.fill_missing(self.conn, held, seqs)
            counted = held.counts_held(seqs)
        return held.rows(counted)

    def match_groups_in_sql(
        self, parsed: ParsedQuery | None, filters: Filters
    ) -> list[GroupRow]:
        """`match_groups` grouped by SQLite, for an archive whose groups are not held. No
        rank is asked for, so FTS5 computes none.

        A query matching a good part of the archive is counted by one walk of the
        covering index idx_clips_groups, which is in group order (no sort), probing the
        set of matching rowids; a rarer one by looking up each match in the covering
        index idx_clips_seq_groups (cheaper when they are fewer)."""
        clause, params = where(filters, "c")
        group = "c.language, c.source, c.date, c.date_start, c.date_end"
        if parsed is None:
            sql = f"SELECT {group}, count(*) FROM clips c WHERE {clause} GROUP BY {group}"
            return self._query(sql, params, parsed).fetchall()
        match = match_expression(parsed)
        matching = self._query(
            "SELECT count(*) FROM clips_fts WHERE clips_fts MATCH ?", [match], parsed
        ).fetchone()[0]
        highest = self.conn.execute("SELECT max(seq) FROM clips").fetchone()[0] or 0
        if matching * GROUP_SCAN_SHARE > highest:
            sql = (
                f"SELECT {group}, count(*) FROM clips c INDEXED BY idx_clips_groups "
                "WHERE c.seq IN (SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?) "
                f"AND {clause} GROUP BY {group}"
            )
        else:
            sql = (
                f"SELECT {group}, count(*) FROM clips_fts "
                "JOIN clips c INDEXED BY idx_clips_seq_groups ON c.seq = clips_fts.rowid "
                f"WHERE clips_fts MATCH ? AND {clause} GROUP BY {group}"
            )
        return self._query(sql, [match, *params], parsed).fetchall()

    def summary(self) -> dict:
        """The archive at a glance (``output.stats`` shapes it for people)."""
        db = self.conn

        def counts(expr: str) -> list[tuple]:
            sql = f"SELECT {expr} AS k, count(*) AS n FROM clips GROUP BY k ORDER BY n DESC, k"
            return db.execute(sql).fetchall()

        first, last, source_bytes, undated = db.execute(
            "SELECT min(date_start), max(date_end), coalesce(sum(size_bytes), 0), "
            "sum(date_start IS NULL) FROM clips"
        ).fetchone()
        return {
            "clips": self.count(),
            "by_language": counts("language"),
            # Chronological, with undated clips last rather than first.
            "by_month": db.execute(
                "SELECT substr(date, 1, 7) AS k, count(*) FROM clips "
                "GROUP BY k ORDER BY k IS NULL, k"
            ).fetchall(),
            "by_source": counts("source"),
            "undated": undated or 0,
            "first_date": first,
            "last_date": last,
            "source_bytes": source_bytes,
        }

    def vocabulary_near(self, term: str, limit: int = 200) -> list[tuple[str, int]]:
        """(indexed term, clips holding it) for terms sharing ``term``'s first letter,
        most frequent first: the candidates of a "did you mean". A TEMP fts5vocab table
        (built into FTS5, no extension) reads the index; it lives in the connection's
        temporary schema, so a read-only archive can be asked too."""
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.clips_vocab "
            "USING fts5vocab(main, clips_fts, row)"
        )
        rows = self.conn.execute(
            "SELECT term, doc FROM temp.clips_vocab WHERE term >= ? AND term < ? "
            "ORDER BY doc DESC LIMIT ?",
            [term[:1], term[:1] + "\uffff", limit],
        ).fetchall()
        return [tuple(r) for r in rows]

    def size_on_disk(self) -> int:
        """Bytes of the archive file plus its write-ahead log, as `du` would count them."""
        files = [self.path, *(Path(f"{self.path}{suffix}") for suffix in ("-wal", "-shm"))]
        return sum(f.stat().st_size for f in files if f.exists())

    def side_files(self) -> set[Path]:
        """The archive's own files: an export must never be written over one of them."""
        base = self.path.resolve()
        return {base} | {Path(f"{base}{suffix}") for suffix in ("-wal", "-shm", "-journal")}

    def _query(self, sql: str, params: list, parsed: ParsedQuery | None) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            # The query is built with every term quoted, so this means a damaged index or
            # a busy archive, not a bad query.
            what = f"for {match_expression(parsed)!r}" if parsed is not None else ""
            raise QueryError(f"cannot read the archive {what}: {exc}".replace("  ", " ")) from exc


def _hit_ordinals(marked: str) -> list[int]:
    """Which terms (by position) FTS5 marked, using only C-level string operations: the
    n-th term of the analysed body is the n-th word of the body."""
    ordinals: list[int] = []
    pos = marked.find(MARK_START)
    while pos >= 0:
        end = marked.find(MARK_END, pos)
        if end < 0:
            break
        first = marked.count(" ", 0, pos)
        ordinals.extend(range(first, first + marked.count(" ", pos, end) + 1))
        pos = marked.find(MARK_START, end)
    return ordinals


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def decode_row(row: dict) -> dict:
    """A clips row as users see it: JSON columns parsed, flags as booleans."""
    out = dict(row)
    for key in JSON_COLUMNS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
        elif key in out and out[key] is None:  # a clip of 0.1.0 (no languages): a list
            out[key] = []
    for key in FLAG_COLUMNS:
        if key in out:
            out[key] = bool(out[key])
    return out


_: type[Store] = SQLiteStore  # mypy checks the backend against the whole contract
_copy: type[CopyStore] = SQLiteStore
