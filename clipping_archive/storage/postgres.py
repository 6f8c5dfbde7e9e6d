"""A team archive: the clips in a PostgreSQL database, for many writers and readers at
once. The only module (with its ``pg_*`` siblings) that speaks SQL to it; it implements
``storage.base.Store`` with the same behaviour as ``SQLiteStore``.

- The analysis stays ours: each clip's ``tsvector`` is written as a literal of the
  project's own terms (``storage.tsquery``), never ``to_tsvector``.
- Ranked search scores by BM25 as FTS5 computes it (``storage.pg_rank``), from the
  clips' positions and a term-statistics table: a query matching few clips whole; a
  broad one from the impact-ordered top lists of its common words, stopping once no
  other clip can enter the top k (``storage.pg_toplists``); a conjunction of words, and
  a word the lists cannot settle, from the words' whole postings (``storage.
  pg_postings``); a query neither serves (prefixes, phrases the lists cannot bound),
  whole up to ``EXACT_FALLBACK`` matches, else from the text index's best candidates
  (RUM: ``ORDER BY tsv <=> q LIMIT k``) with the lists' own, re-ranked.
- A batch of clips is one transaction. Writers take one transaction-level advisory lock
  (``WRITE_LOCK``) for their batch, so exact duplicates, near-duplicate clusters and the
  term statistics stay right when several imports write at once; the texts are analysed
  beforehand, in the importers' own processes, so they do not wait for it.
- Every driver error becomes a ``StorageError`` naming the server (never its password).
- Text reaches SQL as parameters only.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from clipping_archive.errors import ClipError, QueryError, StorageError
from clipping_archive.models import AddResult, PreparedClip, Rejection
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery, Phrase
from clipping_archive.storage import pg_postings, pg_schema
from clipping_archive.storage.base import (
    SORTS,
    SOURCE_FIELDS,
    CopyStore,
    IndexFunction,
    Match,
    Store,
    listing_page,
    sort_batch,
)
from clipping_archive.storage.pg_clusters import PgClusters
from clipping_archive.storage.pg_copying import PgCopying
from clipping_archive.storage.pg_filters import folded_column, where
from clipping_archive.storage.pg_rank import (
    K1,
    RANK_CD_WEIGHTS,
    CorpusStats,
    all_phrases,
    bm25,
    body_hits,
    idf,
    instances,
)
from clipping_archive.storage.pg_schema import BULK_LOCK, WRITE_LOCK, one
from clipping_archive.storage.pg_toplists import (
    AHEAD_MIN_DF,
    FIRST_READ,
    LIST_MIN_DF,
    LIST_SIZE,
    TermList,
    best,
    bound,
    impact,
    keep,
    make_ahead,
)
from clipping_archive.storage.pg_workflow import PgWorkflow
from clipping_archive.storage.rows import clip_row, log_key, now
from clipping_archive.storage.tsquery import (
    IndexedText,
    doc_length,
    indexed_text,
    phrase_level,
    query_phrases,
    tsquery_text,
    tsvector_literal,
)

FileStamp = tuple[int, int]

# The clip's columns as the contract hands them over (no row number, no index data).
CLIP_COLUMNS = (
    "id", "title", "title_derived", "date", "date_start", "date_end", "language",
    "languages", "author", "source", "country", "url", "tags", "path", "encoding",
    "size_bytes", "raw", "body", "stripped", "content_hash", "imported_at", "hijri_date",
)  # fmt: skip
_STORED = (*CLIP_COLUMNS, "source_folded", "author_folded", "body_terms", "doc_len", "tsv")
_SELECT = ", ".join(f"c.{c}" for c in CLIP_COLUMNS)
FACETS = {
    "language": "c.language",
    "source": "c.source",
    "month": "substr(c.date, 1, 7)",
    "year": "substr(c.date, 1, 4)",
}
READ_BATCH = 500
LISTING_DIRECTIONS = {"newest": "DESC", "oldest": "ASC"}
# A query whose clips number at most this (by the term statistics) is ranked whole by
# BM25; a broader one from the top lists, or failing them as EXACT_FALLBACK says.
EXACT_RANK_LIMIT = 500
CANDIDATES = 400
# A query the top lists cannot answer (a prefix, a phrase of parts, lists that cannot
# show their top k, a reader that may not make lists) is scored whole up to this many
# matches (~20 us each: ~0.1 s); beyond, the text index's best CANDIDATES and the lists'
# own are re-ranked, which misses some of the exact top k (3 of the top 5 of a typed
# AND at 50k clips, when it was all there was).
EXACT_FALLBACK = 5_000
SCORE_CHUNK = 50  # candidates from the top lists scored at once, best possible first
CONNECT_TIMEOUT_S = 10
# A bulk load holds the text index back when at least this many clips are coming and
# they at least double the archive: RUM built once costs about 0.4 ms a clip, kept up
# clip by clip about 6 ms (20k clips of real articles, benchmarks/scale.py).
BULK_MIN = 10_000
DEFERRED_KEY = "text_index_deferred"
BUILD_MEMORY = "1GB"  # maintenance_work_mem while the text index is built
ORDER_MEMORY = "64MB"  # work_mem of a ranked query's index-ordered candidates
_STREAMS = itertools.count()
_T = TypeVar("_T")


def redact(url: str) -> str:
    """The URL without its password (for messages): postgresql://user@host:port/db."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _password(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.password:
        return parts.password
    return dict(parse_qsl(parts.query)).get("password")


def _reason(exc: BaseException, url: str) -> str:
    """The driver's message in one line, without the password should it quote it."""
    text = " ".join(str(exc).split())
    text = text.removeprefix("connection failed: ")
    secret = _password(url)
    if secret:
        text = text.replace(secret, "***")
    text = text.split(" Is the server running")[0].split(" CONTEXT: ")[0].rstrip(". ")
    if len(text) > 200:
        text = text[:200] + "..."
    return text or type(exc).__name__


# SQLSTATEs of a lost or refused connection: class 08, and a server shutting down.
_CONNECTION_STATES = ("57P01", "57P02", "57P03")


def _connection_lost(exc: psycopg.Error) -> bool:
    state = exc.sqlstate
    if state is None:  # raised by the client: no server answered
        return isinstance(exc, psycopg.OperationalError)
    return state.startswith("08") or state in _CONNECTION_STATES


def _storage_error(exc: psycopg.Error, where_: str, url: str) -> StorageError:
    reason = _reason(exc, url)
    lower = reason.lower()
    db = urlsplit(url).path.lstrip("/") or "(default)"
    if "password authentication failed" in lower or "no password supplied" in lower:
        msg = f"the server refused the login for {where_}: {reason}"
    elif "does not exist" in lower and "database" in lower:
        msg = (
            f"no database {db!r} on the server of {where_}: create it first "
            f"(createdb {db}), or check the URL"
        )
    elif _connection_lost(exc):
        msg = (
            f"cannot reach the archive server {where_}: {reason} (nothing of an unfinished "
            "write was stored; run the command again when the server is up)"
        )
    else:
        msg = f"the archive server {where_} failed: {reason}"
    return StorageError(msg)


def _translated(method: Callable) -> Callable:
    """psycopg errors out of ``method`` as StorageError (a generator's too)."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def gen(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except psycopg.Error as exc:
                raise _storage_error(exc, self.location, self.url) from exc

        return gen

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except psycopg.Error as exc:
            raise _storage_error(exc, self.location, self.url) from exc

    return call


def _translate_errors(cls):
    """Every method of ``cls`` (its mixins' too) raises StorageError, not psycopg's."""
    for name, value in inspect.getmembers(cls, inspect.isfunction):
        if isinstance(inspect.getattr_static(cls, name), staticmethod):
            continue  # called by the methods wrapped here
        # The public methods, and the generators they hand out (read after they return).
        if not name.startswith("_") or inspect.isgeneratorfunction(value):
            setattr(cls, name, _translated(value))
    return cls


def connect(url: str, *, readonly: bool = False) -> psycopg.Connection:
    """An autocommit connection (transactions are explicit), with server-side prepared
    statements off: a generic plan cannot see the tsquery, and would scan."""
    options = "-c default_transaction_read_only=on" if readonly else None
    try:
        return psycopg.connect(
            url,
            autocommit=True,
            prepare_threshold=None,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="clipping-archive",
            options=options,
        )
    except psycopg.Error as exc:
        raise _storage_error(exc, redact(url), url) from exc


def archive_exists(url: str) -> bool:
    """Whether the database at ``url`` holds an archive (its tables) yet; False where the
    server cannot be reached, or the database is missing (opening it says which)."""
    try:
        with connect(url, readonly=True) as conn:
            row = conn.execute("SELECT to_regclass('archive_meta') IS NOT NULL").fetchone()
    except (StorageError, psycopg.Error):
        return False
    return bool(row and row[0])


@_translate_errors
class PostgresStore(PgWorkflow, PgClusters, PgCopying):
    """One archive in one PostgreSQL database (``postgresql://user@host:port/dbname``).
    ``readonly`` never writes (but for upgrading an earlier release's schema); otherwise
    an empty database becomes an archive on first use. A database holding other tables
    is refused."""

    def __init__(self, url: str, *, readonly: bool = False, text_index: str | None = None):
        self.url = url
        self.readonly = readonly
        self._location = redact(url)
        self._phrase_counts: dict = {}  # phrase -> clips holding it (see _docs_with)
        self._phrase_counts_at: CorpusStats | None = None
        self._in_bulk = False
        self._held_stats: CorpusStats | None = None
        self._batch_texts: dict[str, IndexedText] = {}  # content_hash -> its indexed text
        # Top lists (storage.pg_toplists): set lower per store to try them on few clips.
        self.list_min_df, self.list_size, self.first_read = LIST_MIN_DF, LIST_SIZE, FIRST_READ
        self.ahead_min_df, self.score_chunk = AHEAD_MIN_DF, SCORE_CHUNK
        self.exact_rank_limit, self.exact_fallback = EXACT_RANK_LIMIT, EXACT_FALLBACK
        self.lists_used = 0  # searches answered from the top lists (for tests, benchmarks)
        self.postings_used = 0  # searches and counts answered from the postings
        self.conn = connect(url, readonly=readonly)
        try:
            self._open(text_index)
        except BaseException:
            self.conn.close()
            raise

    @property
    def location(self) -> str:
        return self._location

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------

    def _tables(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
        return {r[0] for r in rows}

    def _open(self, text_index: str | None) -> None:
        tables = self._tables()
        ours = "archive_meta" in tables and pg_schema.MIGRATIONS_TABLE in tables
        if tables and not ours:
            names = ", ".join(sorted(tables)[:5])
            raise StorageError(
                f"{self.location} is not a clipping archive (the database holds other "
                f"tables: {names})"
            )
        if not tables and self.readonly:
            raise StorageError(
                f"no archive in {self.location} yet (run `clip import` into it first)"
            )
        if self.readonly:
            if pg_schema.pending(self.conn):  # an earlier release's schema: upgrade it
                PostgresStore(self.url).close()
            return
        pg_schema.upgrade(self.conn, text_index)  # (Archive records the versions)

    @contextmanager
    def _writing(self):
        """One transaction (all of it lands, or none)."""
        if self.readonly:
            raise ClipError(f"{self.location} was opened read-only")
        with self.conn.transaction():
            yield self.conn

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM archive_meta WHERE key = %s", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO archive_meta (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, str(value)],
            )

    # -- writing ----------------------------------------------------------------------

    def bulk_load(self, expected: Callable[[], int]) -> AbstractContextManager[None]:
        """Holds the text index back while ``expected()`` clips come, when they are at
        least BULK_MIN and at least as many as the archive holds; rebuilds it at the end
        (and ANALYZEs, so the planner knows the new clips). Searches meanwhile are
        right but slow: no index, every clip read. A load killed midway leaves the index
        to the next write that finds no other bulk load running."""
        return contextmanager(self._bulk)(expected)

    def _bulk(self, count: Callable[[], int]) -> Iterator[None]:
        expected = 0 if self.readonly else count()
        if expected < BULK_MIN:
            yield
            return
        self.conn.execute("SELECT pg_advisory_lock_shared(%s)", [BULK_LOCK])
        self._in_bulk = True
        try:
            with self._writing() as conn:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                held = int(one(conn.execute("SELECT docs FROM corpus_stats"))[0])
                if expected >= held:
                    conn.execute("DROP INDEX IF EXISTS clips_tsv")
                    conn.execute(
                        "INSERT INTO archive_meta (key, value) VALUES (%s, '1') "
                        "ON CONFLICT (key) DO NOTHING",
                        [DEFERRED_KEY],
                    )
            yield
        finally:
            self._in_bulk = False
            if not self.conn.closed and not self.conn.broken:
                self.conn.execute("SELECT pg_advisory_unlock_shared(%s)", [BULK_LOCK])
        self._restore_text_index()

    def _restore_text_index(self) -> None:
        """Build the text index a bulk load held back, unless a bulk load still runs."""
        if self.meta(DEFERRED_KEY) is None:
            return
        with self._writing() as conn:
            if not one(conn.execute("SELECT pg_try_advisory_xact_lock(%s)", [BULK_LOCK]))[0]:
                return  # a bulk load runs: the last one to end builds it
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            conn.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
            conn.execute(pg_schema.text_index_sql(self._text_index()))
            conn.execute("DELETE FROM archive_meta WHERE key = %s", [DEFERRED_KEY])
        self.conn.execute("ANALYZE clips")
        with self._writing() as conn:  # the lists the first searches would otherwise make
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            self._make_lists_ahead(conn)

    def _make_lists_ahead(self, conn) -> int:
        """The top lists of the terms in ``ahead_min_df`` clips or more (storage.
        pg_toplists), in one pass over the clips, and their postings (storage.
        pg_postings) in another, under the writers' lock."""
        made = make_ahead(conn, self.ahead_min_df, self.list_size, self._stats().avg_len)
        pg_postings.make(conn)  # the new lists' postings, in a second pass
        return made

    def add_clips(
        self, clips: Iterable[PreparedClip], stamps: dict[str, FileStamp] | None = None
    ) -> list[AddResult]:
        """Store a batch in one transaction: all of it lands, or none (a server restarted
        mid-batch stores nothing of it; re-running the import stores it).

        Two writers overlap where they can and wait where they must:

        1. the rows are written (with the text index's upkeep, most of a batch's cost)
           with ``ON CONFLICT DO NOTHING``, in content-hash order: a text another writer
           is storing at this moment waits for that writer's commit and is then a
           duplicate; the order keeps two writers from waiting on each other;
        2. then the writers' lock is taken, so what follows (the duplicates' ids, which
           clusters the new clips join, the term statistics, the import log) sees every
           batch committed before it, as a single writer would."""
        clips = list(clips)
        if not clips:
            return []
        if not self._in_bulk:
            self._restore_text_index()  # held back by a bulk load that did not end
        imported_at = now()
        with self._writing() as conn:
            known = self._hashes(conn, [c.content_hash for c in clips])
            results, new = sort_batch(clips, known)
            stored = self._insert_rows(conn, new, imported_at) if new else {}
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            lost = [c.content_hash for c in new if c.content_hash not in stored]
            if lost:  # stored by another writer meanwhile: duplicates of its clips
                theirs = self._hashes(conn, lost)
                by_hash = {c.path: c.content_hash for c in new}
                results = [
                    replace(r, clip_id=theirs[h], duplicate_of=theirs[h])
                    if r.added and (h := by_hash.get(r.path)) in theirs
                    else r
                    for r in results
                ]
                new = [c for c in new if c.content_hash in stored]
            if new:
                self._index_new(conn, new, stored)
            logged = self._logged_clip_ids(conn, [r.path for r in results])
            results = [
                replace(r, unchanged=True)
                if not r.added and logged.get(log_key(r.path)) == r.clip_id
                else r
                for r in results
            ]
            results = self._replace_changed(conn, results, logged)
            if stamps is not None:
                self._log(
                    conn,
                    [
                        (r.path, stamps.get(r.path), r.clip_id,
                         "added" if r.added else "duplicate", None)
                        for r in results
                    ],  # fmt: skip
                    imported_at,
                )
        return results

    def _replace_changed(
        self, conn, results: list[AddResult], logged: dict[str, str]
    ) -> list[AddResult]:
        """New clips from files whose log entry names another clip that the same file
        brought in: that clip is replaced (under the writers' lock, in the batch's
        transaction); its tags and the watches' memory of it pass to the new clip."""
        out = []
        for result in results:
            old_id = logged.get(log_key(result.path)) if result.added else None
            old = None
            if old_id and old_id != result.clip_id:
                old = conn.execute("SELECT seq, path FROM clips WHERE id = %s", [old_id]).fetchone()
            if not old or log_key(old[1] or "") != log_key(result.path):
                out.append(result)  # a new file, or the log's clip came from another file
                continue
            new_seq = self._seqs_for_ids([result.clip_id])[result.clip_id]
            conn.execute(
                "INSERT INTO clip_tags (tag, clip_seq) SELECT tag, %s FROM clip_tags "
                "WHERE clip_seq = %s ON CONFLICT DO NOTHING",
                [new_seq, old[0]],
            )
            self._sync_tag_json(conn, [new_seq])
            conn.execute(
                "INSERT INTO watch_seen (watch, clip_id) SELECT watch, %s FROM watch_seen "
                "WHERE clip_id = %s ON CONFLICT DO NOTHING",
                [result.clip_id, old_id],
            )
            self._remove_seqs(conn, [old[0]], "replaced", replaced_by=result.clip_id)
            out.append(replace(result, replaced=old_id))
        return out

    def _remove_seqs(
        self, conn, seqs: list[int], event: str, replaced_by: str | None = None
    ) -> None:
        """Delete clips and every row that points at them, each kept in clip_history
        first, and take them out of the term statistics (under the writers' lock)."""
        if not seqs:
            return
        conn.execute(
            "INSERT INTO clip_history (id, path, title, date, source, tags, raw, body, "
            "content_hash, imported_at, event, replaced_by, at) SELECT id, path, title, "
            "date, source, tags, raw, body, content_hash, imported_at, %s, %s, %s "
            "FROM clips WHERE seq = ANY(%s) ORDER BY seq",
            [event, replaced_by, now(), seqs],
        )
        conn.execute(
            "UPDATE term_stats t SET docs = t.docs - d.n FROM (SELECT l AS term, count(*) AS n "
            "FROM clips c, unnest(tsvector_to_array(c.tsv)) l WHERE c.seq = ANY(%s) "
            "GROUP BY l) d WHERE t.term = d.term",
            [seqs],
        )
        conn.execute(
            "UPDATE corpus_stats SET docs = docs - g.n, tokens = tokens - g.t FROM "
            "(SELECT count(*) AS n, coalesce(sum(doc_len), 0) AS t FROM clips "
            "WHERE seq = ANY(%s)) g",
            [seqs],
        )
        self._forget_fingerprints(conn, seqs)
        conn.execute("DELETE FROM clip_tags WHERE clip_seq = ANY(%s)", [seqs])
        if event == "removed":  # a replaced clip's log entry is the new clip's now
            conn.execute(
                "DELETE FROM import_log WHERE clip_id IN (SELECT id FROM clips "
                "WHERE seq = ANY(%s))",
                [seqs],
            )
        conn.execute("DELETE FROM clips WHERE seq = ANY(%s)", [seqs])
        self._phrase_counts_at = None  # the phrase counts are stale

    def remove_clips(self, ids: list[str]) -> int:
        with self._writing() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            seqs = list(self._seqs_for_ids(ids).values())
            self._remove_seqs(conn, seqs, "removed")
        return len(seqs)

    def clip_for_path(self, path: str) -> str | None:
        row = self.conn.execute(
            "SELECT l.clip_id FROM import_log l JOIN clips c ON c.id = l.clip_id "
            "WHERE l.path = %s",
            [log_key(path)],
        ).fetchone()
        if row is None:  # imported before the log kept it: the clip's own path
            row = self.conn.execute(
                "SELECT id FROM clips WHERE path IN (%s, %s) ORDER BY seq DESC LIMIT 1",
                [path, log_key(path)],
            ).fetchone()
        return row[0] if row else None

    def history(self, clip_id: str | None = None, path: str | None = None) -> list[dict]:
        clauses: list[str] = []
        params: list = []
        if clip_id is not None:
            clauses.append("id = %s")
            params.append(clip_id)
        if path is not None:
            clauses.append("path IN (%s, %s)")
            params += [path, log_key(path)]
        where_sql = f"WHERE {' OR '.join(clauses)}" if clauses else ""
        return self._dicts(
            "SELECT id, path, title, date, source, coalesce(tags, '[]'::jsonb) AS tags, "
            "content_hash, imported_at, event, replaced_by, at, raw, body FROM clip_history "
            f"{where_sql} ORDER BY at, hid",
            params,
        )

    def set_source_fields(self, changes: dict[str, dict[str, str | None]]) -> int:
        changed = 0
        with self._writing() as conn:
            for clip_id, fields in changes.items():
                unknown = set(fields) - set(SOURCE_FIELDS)
                if unknown:
                    raise ClipError(f"not a source field: {sorted(unknown)[0]!r}")
                if not fields:
                    continue
                values = dict(fields)
                if "source" in values:  # the filter's folded copy moves with it
                    values["source_folded"] = folded_column(values["source"])
                sets = ", ".join(f"{k} = %s" for k in values)
                differs = " OR ".join(f"{k} IS DISTINCT FROM %s" for k in fields)
                changed += conn.execute(
                    f"UPDATE clips SET {sets} WHERE id = %s AND ({differs})",
                    [*values.values(), clip_id, *fields.values()],
                ).rowcount
        return changed

    def _insert_rows(self, conn, new: list[PreparedClip], imported_at: str) -> dict[str, int]:
        """Write the clips' rows (COPY into a temporary table, then one INSERT in
        content-hash order); content_hash -> seq of those this writer stored."""
        seqs = [
            r[0]
            for r in conn.execute(
                "SELECT nextval('clips_seq') FROM generate_series(1, %s)", [len(new)]
            )
        ]
        seqs.sort()  # in batch order: import order is lineage order
        columns = f"seq, {', '.join(_STORED)}"
        conn.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS incoming_clips "
            "(LIKE clips INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        with conn.cursor() as cur:
            with cur.copy(f"COPY incoming_clips ({columns}) FROM STDIN") as copy:
                for seq, clip in zip(seqs, new, strict=True):
                    record, text = _record(clip, imported_at)
                    self._batch_texts[clip.content_hash] = text
                    copy.write_row((seq, *(record[c] for c in _STORED)))
            cur.execute(
                f"INSERT INTO clips ({columns}) SELECT {columns} FROM incoming_clips "
                "ORDER BY content_hash ON CONFLICT DO NOTHING RETURNING content_hash, seq"
            )
            return dict(cur.fetchall())

    def _index_new(self, conn, new: list[PreparedClip], stored: dict[str, int]) -> None:
        """Tags, clusters and term statistics of the clips this writer stored (under the
        writers' lock)."""
        seqs = [stored[c.content_hash] for c in new]
        tags = [(t, seq) for seq, c in zip(seqs, new, strict=True) for t in c.metadata.tags]
        if tags:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO clip_tags (tag, clip_seq) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    tags,
                )
        self._file_clusters(conn, [(s, c.signature) for s, c in zip(seqs, new, strict=True)])
        tokens = sum(doc_length(c.title_terms, c.body_terms, c.part_terms) for c in new)
        texts = [self._batch_texts.pop(c.content_hash) for c in new]
        self._batch_texts.clear()
        self._count_terms(conn, new, tokens, term_sets=[t.terms for t in texts])
        self._keep_lists(conn, list(zip(seqs, texts, strict=True)))

    def _keep_lists(self, conn, clips: list[tuple[int, IndexedText]]) -> None:
        """New clips into the top lists of their terms where they reach the list's floor
        (under the writers' lock, so a list being made sees them or they see it); a list
        grown past LIST_GROWTH times its size is cut back to its best (storage.
        pg_toplists.keep). Every new clip into its listed terms' postings (storage.
        pg_postings)."""
        rows_ = conn.execute("SELECT term, floor, avg_len, postings FROM term_lists").fetchall()
        lists = {term: TermList(floor, avg) for term, floor, avg, _ in rows_}
        if not lists:
            return
        complete = {term for term, _, _, postings in rows_ if postings}
        rows = []
        postings: dict[str, list[tuple[int, int, int]]] = {}  # every clip: its postings
        doubled_frequency = pg_postings.doubled_frequency
        for seq, text in clips:  # (~330 listed terms a clip at 1M: kept to the bone)
            labels, length = text.labels, text.length
            for term in lists.keys() & labels.keys():
                kept = lists[term]
                doubled = doubled_frequency(labels[term])
                weight = impact(doubled / 2, length, kept.avg_len)  # (halves: exact)
                if weight >= kept.floor:
                    rows.append((term, seq, weight))
                if term in complete:  # (the others are made whole when first needed)
                    postings.setdefault(term, []).append((seq, doubled, length))
        if rows:
            keep(conn, rows, self.list_size)
        pg_postings.append(conn, postings)

    @staticmethod
    def _count_terms(
        conn, clips: list, tokens: int, sign: int = 1, term_sets: list | None = None
    ) -> None:
        """Add the clips to the term statistics (how many clips hold each term, how many
        clips and tokens in all), in the batch's transaction. ``term_sets``: each clip's
        distinct terms, when the writer has them already."""
        docs: Counter = Counter()
        if term_sets is None:
            term_sets = [
                {*clip.title_terms.split(), *clip.body_terms.split(), *clip.part_terms.split()}
                for clip in clips
            ]
        for found in term_sets:
            docs.update(found)
        if docs:
            terms = sorted(docs)
            conn.execute(
                "INSERT INTO term_stats (term, docs) SELECT * FROM unnest(%s::text[], "
                "%s::bigint[]) ON CONFLICT (term) DO UPDATE SET docs = term_stats.docs + "
                "excluded.docs",
                [terms, [sign * docs[t] for t in terms]],
            )
        conn.execute(
            "UPDATE corpus_stats SET docs = docs + %s, tokens = tokens + %s",
            [sign * len(clips), sign * tokens],
        )

    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None:
        if rejections:
            with self._writing() as conn:
                self._log(
                    conn,
                    [(r.path, stamps.get(r.path), None, "rejected", r.reason) for r in rejections],
                    now(),
                )

    @staticmethod
    def _log(conn, entries: list[tuple], logged_at: str) -> None:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO import_log "
                "(path, size_bytes, mtime_ns, clip_id, outcome, reason, logged_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (path) DO UPDATE SET "
                "size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, "
                "clip_id = excluded.clip_id, outcome = excluded.outcome, "
                "reason = excluded.reason, logged_at = excluded.logged_at",
                [
                    (log_key(path), *(stamp or (None, None)), clip_id, outcome, reason, logged_at)
                    for path, stamp, clip_id, outcome, reason in entries
                ],
            )

    @staticmethod
    def _logged_clip_ids(conn, paths: list[str]) -> dict[str, str]:
        if not paths:
            return {}
        rows = conn.execute(
            "SELECT path, clip_id FROM import_log WHERE clip_id IS NOT NULL AND path = ANY(%s)",
            [[log_key(p) for p in paths]],
        ).fetchall()
        return dict(rows)

    @staticmethod
    def _hashes(conn, hashes: list[str]) -> dict[str, str]:
        rows = conn.execute(
            "SELECT content_hash, id FROM clips WHERE content_hash = ANY(%s)", [hashes]
        ).fetchall()
        return dict(rows)

    def ids_for_hashes(self, hashes: list[str]) -> dict[str, str]:
        """content_hash -> clip id, for those of ``hashes`` already archived."""
        return self._hashes(self.conn, hashes)

    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, str]:
        """path -> clip id, for the files the import log holds with the same size and
        mtime (unchanged since they were imported) whose clip is still archived."""
        if not stamps:
            return {}
        by_key = {log_key(path): path for path in stamps}
        rows = self.conn.execute(
            "SELECT l.path, l.size_bytes, l.mtime_ns, l.clip_id FROM import_log l "
            "JOIN clips c ON c.id = l.clip_id WHERE l.path = ANY(%s)",
            [list(by_key)],
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
        """Recompute every clip's index data (terms, paragraph languages, fingerprint)
        with ``index_row``, the term statistics and the clusters, in one transaction with
        the ``meta`` facts: an interrupted rebuild leaves the old index in place."""
        count = 0
        with self._writing() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            conn.execute("TRUNCATE term_stats")
            conn.execute("UPDATE corpus_stats SET docs = 0, tokens = 0")
            conn.execute("DELETE FROM term_lists")  # made again at the end, or by searches
            self._clear_clusters(conn)
            last = -1
            while True:
                batch = conn.execute(
                    "SELECT seq, id, title, body, language FROM clips WHERE seq > %s "
                    "ORDER BY seq LIMIT %s",
                    [last, READ_BATCH],
                ).fetchall()
                if not batch:
                    break
                updates, rows, signatures = [], [], []
                for seq, clip_id, title, body, language in batch:
                    row = index_row(
                        {"id": clip_id, "title": title, "body": body, "language": language}
                    )
                    rows.append(row)
                    length = doc_length(row.title_terms, row.body_terms, row.part_terms)
                    updates.append(
                        (
                            tsvector_literal(row.title_terms, row.body_terms, row.part_terms),
                            row.body_terms,
                            length,
                            json.dumps(list(row.languages)),
                            seq,
                        )
                    )
                    signatures.append((seq, row.signature))
                    count += 1
                    if on_clip:
                        on_clip(count)
                with conn.cursor() as cur:
                    cur.executemany(
                        "UPDATE clips SET tsv = %s::tsvector, body_terms = %s, doc_len = %s, "
                        "languages = %s::jsonb WHERE seq = %s",
                        updates,
                    )
                self._file_clusters(conn, signatures)
                self._count_terms(conn, rows, sum(u[2] for u in updates))
                last = batch[-1][0]
            for key, value in (meta or {}).items():
                conn.execute(
                    "INSERT INTO archive_meta (key, value) VALUES (%s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
            self._make_lists_ahead(conn)
        return count

    # -- reading ----------------------------------------------------------------------

    def count(self) -> int:
        return int(one(self.conn.execute("SELECT docs FROM corpus_stats"))[0])

    def get(self, clip_id: str) -> dict | None:
        rows = self._dicts(f"SELECT {_SELECT} FROM clips c WHERE c.id = %s", [clip_id])
        return rows[0] if rows else None

    def existing_ids(self, ids: list[str]) -> list[str]:
        found = {
            r[0] for r in self.conn.execute("SELECT id FROM clips WHERE id = ANY(%s)", [ids])
        }
        return [i for i in dict.fromkeys(ids) if i in found]

    def ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM clips WHERE id >= %s AND id < %s ORDER BY id LIMIT %s",
            [prefix, prefix + "\uffff", limit],
        ).fetchall()
        return [r[0] for r in rows]

    def languages(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT language FROM clips WHERE language IS NOT NULL "
            "GROUP BY language ORDER BY count(*) DESC, language"
        ).fetchall()
        return [r[0] for r in rows]

    def _dicts(self, sql: str, params: list) -> list[dict]:
        with self.conn.cursor() as cur:
            cur.execute(sql, params)
            names = [d.name for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # -- ranking ----------------------------------------------------------------------

    def _stats(self) -> CorpusStats:
        if self._held_stats is not None:  # inside one ranked search: read once
            return self._held_stats
        docs, tokens = one(self.conn.execute("SELECT docs, tokens FROM corpus_stats"))
        return CorpusStats(int(docs), tokens / docs if docs else 0.0)

    def _docs_with(self, parsed: ParsedQuery) -> dict:
        """Phrase -> clips holding it, for its IDF: a word's (or a family term's) from the
        term statistics; a prefix's and a phrase's of several words counted by the text
        index (as FTS5 counts them), once per archive state."""
        phrases = all_phrases(parsed)
        single = [p.terms[0] for p in phrases if _plain_word(p)]
        df: dict[str, int] = dict(
            self.conn.execute(
                "SELECT term, docs FROM term_stats WHERE term = ANY(%s)", [single]
            ).fetchall()
        )
        stats = self._stats()
        if self._phrase_counts_at != stats:
            self._phrase_counts, self._phrase_counts_at = {}, stats
        out = {}
        for phrase in phrases:
            if _plain_word(phrase):
                out[phrase] = int(df.get(phrase.terms[0], 0))
                continue
            if phrase not in self._phrase_counts:
                alone = ParsedQuery((((phrase,),),), (), frozenset())
                self._phrase_counts[phrase] = int(
                    one(
                        self.conn.execute(
                            "SELECT count(*) FROM clips WHERE tsv @@ %s::tsquery",
                            [tsquery_text(alone)],
                        )
                    )[0]
                )
            out[phrase] = self._phrase_counts[phrase]
        return out

    def _estimate(self, parsed: ParsedQuery, docs_with: dict) -> int:
        """At most how many clips match (each wanted clause: the sum of its phrases')."""
        return min(
            sum(docs_with[p] for alternative in clause for p in alternative)
            for clause in parsed.wanted
        )

    def _from_lists(
        self, parsed: ParsedQuery, filters: Filters, wanted: int, docs_with: dict
    ) -> tuple[list[tuple[float, int]], bool] | None:
        """The best ``wanted`` matches (and maybe more) from the top lists of the query's
        common words, exactly as ``_scored`` ranks them, and whether the lists showed
        that no other clip ranks higher (storage.pg_toplists); None where no list serves.

        A phrase in at most ``list_min_df`` clips gives all its matches as candidates. A
        broader one is bounded through its words' lists: a single word by its own; a
        phrase of several by the least of its words' bounds, since a phrase stands in a
        clip no more often than each of its words (its weighted instances are at most
        each word's, and BM25's saturation grows with them)."""
        phrases = list(dict.fromkeys(p for c in parsed.wanted for alt in c for p in alt))
        if any(p.prefix or (len(p.terms) > 1 and phrase_level(p) != "lemma") for p in phrases):
            return None  # prefixes, and phrases of parts: the text index ranks
        broad = [p for p in phrases if docs_with[p] > self.list_min_df]
        words: dict[str, Phrase] = {}  # term -> the phrase its list is made of
        for p in broad:
            for term in p.terms:
                words.setdefault(term, p if len(p.terms) == 1 else Phrase((term,)))
        lists = self._lists(words) if words else {}
        if lists is None:
            return None
        held: set[int] = set()
        narrow = [p for p in phrases if p not in broad]
        if narrow:  # every clip holding a narrow phrase is a candidate
            either = ParsedQuery((tuple((p,) for p in narrow),), (), frozenset())
            sql = "SELECT c.seq FROM clips c WHERE c.tsv @@ %s::tsquery"
            held = {r[0] for r in self._query(sql, [tsquery_text(either)], either)}
        stats = self._stats()
        weight = {p: idf(docs_with[p], stats) * (K1 + 1) for p in phrases}
        scored: list[tuple[float, int]] = []
        memo: dict[int, float | None] = {}  # clip -> its score (None: not a match)
        for depth in (self.first_read, None):
            read = self._read_lists(list(words), depth)
            below = {}  # term -> the highest saturation of a clip not read from its list
            seen: dict[int, dict[str, float]] = {}  # clip -> term -> its highest saturation
            for term, entries in read.items():
                kept = lists[term]
                whole = depth is None or len(entries) < depth
                below[term] = bound(
                    kept.floor if whole else entries[-1][1], kept.avg_len, stats.avg_len
                )
                for seq, at in entries:
                    seen.setdefault(seq, {})[term] = bound(at, kept.avg_len, stats.avg_len)
            ceiling = sum(  # the best score a clip that is no candidate could have
                weight[p] * min(below[t] for t in p.terms) for p in broad
            )

            # The best score each candidate could have (a saturation is below 1).
            narrow_part = sum(weight[p] for p in narrow)
            bounds = {}
            for seq in held | seen.keys():
                known = seen.get(seq, {})
                bounds[seq] = (narrow_part if seq in held else 0.0) + sum(
                    weight[p] * min(known.get(t, below[t]) for t in p.terms) for p in broad
                )
            # From the top of the lists, one chunk: if that does not show the top k,
            # the whole lists' tighter bounds aim the scoring better.
            scored, proven = self._score_best_first(
                parsed, filters, docs_with, wanted, bounds, ceiling, memo, 1 if depth else None
            )
            if proven:
                self.lists_used += bool(words)
                return scored, True
            if depth is not None and all(len(entries) < depth for entries in read.values()):
                break  # the whole lists were read already
        return scored, False

    def _from_postings(
        self, parsed: ParsedQuery, filters: Filters, wanted: int, docs_with: dict
    ) -> list[tuple[float, int]] | None:
        """The best ``wanted`` matches, exactly as ``_scored`` ranks them, from the
        postings of the query's words (storage.pg_postings): every clip holding a word
        of each wanted clause scored, the best checked against the clips (still there,
        within the filters, no excluded phrase) in growing chunks. None where the
        postings cannot serve (``_postings_of``)."""
        postings = self._postings_of(parsed, docs_with)
        if postings is None:
            return None
        stats = self._stats()
        in_match = set(query_phrases(parsed))  # (an excluded one has no instance in a match)
        scored = [
            (p.terms[0], idf(docs_with[p], stats)) for p in all_phrases(parsed) if p in in_match
        ]
        seqs, scores = pg_postings.rank(_clause_terms(parsed), scored, postings, stats.avg_len)
        self.postings_used += 1
        clause, params = where(filters, "c")
        if parsed.excluded:  # the postings show every wanted clause; not what is excluded
            clause = f"{clause} AND (c.tsv @@ %s::tsquery) IS TRUE"
            params = [*params, tsquery_text(parsed)]
        out: list[tuple[float, int]] = []
        for part, part_scores in pg_postings.best_first(seqs, scores, max(2 * wanted, 50)):
            rows = self.conn.execute(
                f"SELECT c.seq FROM clips c WHERE c.seq = ANY(%s) AND {clause}", [part, *params]
            )
            kept = {r[0] for r in rows}
            out.extend((sc, seq) for seq, sc in zip(part, part_scores, strict=True) if seq in kept)
            if len(out) >= wanted:
                break
        return out[:wanted]

    def _count_from_postings(
        self, parsed: ParsedQuery, filters: Filters, at_most: int | None
    ) -> int | None:
        """How many clips match (at most ``at_most``), from the postings of a conjunction
        of common words with no exclusion: the clips holding every clause, checked
        against the clips table (still there, within the filters) by row number, a
        chunk at a time. The text index counts a conjunction by reading every match's
        tsvector (a family term's weight must be checked): at 200k clips a typed AND's
        first 10,000 took 347 ms, 30 ms from the postings. One clause the index counts
        faster (31 ms against 53: checking a clip by number costs ~5 us). None where the
        postings cannot serve, or a word is rare."""
        if parsed.excluded or len(parsed.wanted) < 2:
            return None
        docs_with = self._docs_with(parsed)
        if all(docs_with[p] <= self.list_min_df for p in query_phrases(parsed)):
            return None
        postings = self._postings_of(parsed, docs_with)
        if postings is None:
            return None
        found, _ = pg_postings.matching(_clause_terms(parsed), postings)
        self.postings_used += 1
        clause, params = where(filters, "c")
        counted, done = 0, 0
        while done < len(found) and (at_most is None or counted < at_most):
            size = len(found) - done if at_most is None else max(at_most - counted, 1_000)
            part = found[done : done + size].tolist()
            counted += one(
                self.conn.execute(
                    f"SELECT count(*) FROM clips c WHERE c.seq = ANY(%s) AND {clause}",
                    [part, *params],
                )
            )[0]
            done += len(part)
        return counted if at_most is None else min(counted, at_most)

    def _postings_of(self, parsed: ParsedQuery, docs_with: dict) -> dict | None:
        """term -> postings (storage.pg_postings) of every wanted phrase: a common word's
        kept (its list and postings made where missing), a rare word's read from its
        clips' tsvectors. None where a phrase is no single word (a prefix, words in a
        row: their clips are not in postings), or a common word's list and postings
        cannot be made now."""
        phrases = query_phrases(parsed)
        if not all(_plain_word(p) for p in phrases):
            return None
        broad = {p.terms[0]: p for p in phrases if docs_with[p] > self.list_min_df}
        if broad and self._lists(broad) is None:
            return None
        postings = pg_postings.read(self.conn, sorted(broad))
        missing = [p for t, p in broad.items() if t not in postings]
        if missing:  # lists made before postings were kept: theirs made now, once
            made = self._derived(lambda conn: self._make_postings(conn, missing))
            if made is None:
                return None
            postings |= made
        narrow = [p for p in phrases if p.terms[0] not in broad and docs_with[p]]
        if narrow:  # a rare word's clips, read from their tsvectors (none: no reading)
            postings |= self._narrow_postings(narrow)
        for p in phrases:
            postings.setdefault(p.terms[0], pg_postings.from_rows([]))
        return postings

    def _make_postings(self, conn, phrases: list[Phrase]) -> dict[str, pg_postings.Postings]:
        """The postings of listed words that have none yet, from their clips' tsvectors
        (under the writers' lock, in its transaction): ~10 us a clip holding the word."""
        terms = [p.terms[0] for p in phrases]
        done = pg_postings.read(conn, terms)  # made meanwhile by another search?
        todo = [p for p in phrases if p.terms[0] not in done]
        if todo:
            clips = self._phrase_clips(todo)
            made = list(clips)
            conn.execute("DELETE FROM term_postings WHERE term = ANY(%s)", [made])
            pg_postings.append(conn, {t: _postings_rows(found) for t, found in clips.items()})
            conn.execute("UPDATE term_lists SET postings = true WHERE term = ANY(%s)", [made])
        return pg_postings.read(conn, terms)

    def _narrow_postings(self, phrases: list[Phrase]) -> dict[str, pg_postings.Postings]:
        """term -> postings of each single-word phrase, from the tsvectors of its clips
        (a word in at most ``list_min_df`` clips: no list, no postings kept)."""
        clips = self._phrase_clips(phrases)
        return {term: pg_postings.from_rows(entries) for term, entries in clips.items()}

    def _score_best_first(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        docs_with: dict,
        wanted: int,
        bounds: dict[int, float],
        ceiling: float,
        memo: dict[int, float | None],
        chunks: int | None = None,
    ) -> tuple[list[tuple[float, int]], bool]:
        """Score the candidates, best possible first, in growing chunks, until the
        ``wanted``-th score is above what any unscored candidate, and any clip that is
        none (``ceiling``), could reach. Scoring a candidate reads its whole tsvector
        (~20 KB at 1M clips; ~20 us); most of a list's clips cannot enter the top k.
        ``memo`` keeps each scored clip's score (None: not a match) for a deeper read.
        Returns the scored matches, best first, and whether they were shown to be the
        best; gives up as soon as too few candidates can reach above the ceiling, or
        after ``chunks`` chunks."""

        def above(score: float, limit: float) -> bool:
            return score > limit * (1 + 1e-9) + 1e-12

        order = sorted(bounds, key=lambda seq: (-bounds[seq], seq))
        done, chunk = 0, max(2 * wanted, self.score_chunk)
        while True:
            part = [seq for seq in order[done : done + chunk] if seq not in memo]
            if part:
                memo.update(dict.fromkeys(part))
                found = self._scored(parsed, filters, None, docs_with, only=sorted(part))
                memo.update((seq, score) for score, seq in found)
            done = min(done + chunk, len(order))
            scored: list[tuple[float, int]] = []
            for seq in order[:done]:
                score = memo[seq]
                if score is not None:
                    scored.append((score, seq))
            scored.sort(key=_best_first)
            reach = max(ceiling, bounds[order[done]] if done < len(order) else 0.0)
            if len(scored) >= wanted and above(scored[wanted - 1][0], reach):
                return scored, True
            hopeful = sum(1 for score, _ in scored if above(score, ceiling))
            hopeful += sum(1 for seq in order[done:] if above(bounds[seq], ceiling))
            if done >= len(order) or hopeful < wanted:
                return scored, False
            if chunks is not None:
                chunks -= 1
                if chunks <= 0:
                    return scored, False
            chunk *= 2

    def _read_lists(self, terms: list[str], depth: int | None) -> dict[str, list]:
        """term -> [(seq, impact)] from the top of its list, best first (all of it with
        ``depth`` None)."""
        limit = "LIMIT %s" if depth is not None else ""
        rows = self.conn.execute(
            "SELECT t.term, x.seq, x.impact FROM unnest(%s::text[]) AS t(term), LATERAL "
            "(SELECT seq, impact FROM term_top WHERE term = t.term "
            f"ORDER BY impact DESC {limit}) AS x",
            [terms, depth] if depth is not None else [terms],
        ).fetchall()
        out: dict[str, list] = {t: [] for t in terms}
        for term, seq, weight in rows:
            out[term].append((seq, weight))
        return out

    def _lists(self, common: dict[str, Phrase]) -> dict[str, TermList] | None:
        """term -> its top list, made where missing; None where one cannot be made now
        (a bulk load holding the text index back, a writer busy, a server or role that
        refuses writes). A list is derived index data, like an index build: a store
        opened read-only (every search is) makes it too, in a read-write transaction of
        its own, so the lists are there for the searches that need them."""
        terms = sorted(common)
        found = self._list_rows(self.conn, terms)
        if len(found) == len(terms):
            return found

        def make(conn) -> dict[str, TermList]:
            found = self._list_rows(conn, terms)
            avg_len = self._stats().avg_len
            for term in (t for t in terms if t not in found):
                found[term] = self._make_list(conn, common[term], avg_len)
            return found

        return self._derived(make)

    def _derived(self, make: Callable[[psycopg.Connection], _T]) -> _T | None:
        """``make(conn)``'s answer, run in a read-write transaction of its own under the
        writers' lock (derived index data a search makes: top lists, postings); None
        where it cannot run now: a bulk load holding the text index back, a writer
        busy, a server or role that refuses writes."""
        if self.meta(DEFERRED_KEY):
            return None
        try:
            with self.conn.transaction():
                conn = self.conn
                conn.execute("SET TRANSACTION READ WRITE")
                taken = one(conn.execute("SELECT pg_try_advisory_xact_lock(%s)", [WRITE_LOCK]))
                if not taken[0]:
                    return None  # a writer holds the lock: the text index ranks this time
                return make(conn)
        except (psycopg.errors.ReadOnlySqlTransaction, psycopg.errors.InsufficientPrivilege):
            return None  # a replica, or a role that may only read

    @staticmethod
    def _list_rows(conn, terms: list[str]) -> dict[str, TermList]:
        rows = conn.execute(
            "SELECT term, floor, avg_len FROM term_lists WHERE term = ANY(%s)", [terms]
        )
        return {term: TermList(floor, avg) for term, floor, avg in rows}

    def _phrase_clips(self, phrases: list[Phrase]) -> dict[str, list[tuple[int, int, float]]]:
        """term -> (seq, length, weighted instances) of every clip holding each single-word
        phrase, in one reading of the text index."""
        either = ParsedQuery((tuple((p,) for p in phrases),), (), frozenset())
        alone = [tsquery_text(ParsedQuery((((p,),),), (), frozenset())) for p in phrases]
        rank = f"ts_rank_cd('{RANK_CD_WEIGHTS}', c.tsv, %s::tsquery, 0)"
        ranks = ", ".join(rank for _ in phrases)
        sql = f"SELECT c.seq, c.doc_len, {ranks} FROM clips c WHERE c.tsv @@ %s::tsquery"
        rows: dict[str, list[tuple[int, int, float]]] = {p.terms[0]: [] for p in phrases}
        for seq, length, *found in self._query(sql, [*alone, tsquery_text(either)], either):
            for p, rank in zip(phrases, found, strict=True):
                if f := instances(rank):
                    rows[p.terms[0]].append((seq, length, f))
        return rows

    def _make_list(self, conn, phrase, avg_len: float) -> TermList:
        """Score every clip holding the phrase's term, keep the best, and its postings
        (under the writers' lock, in its transaction)."""
        term = phrase.terms[0]
        scored = self._phrase_clips([phrase])[term]
        floor, kept = best(scored, avg_len, self.list_size)
        conn.execute(
            "INSERT INTO term_lists (term, floor, avg_len, entries, postings) "
            "VALUES (%s, %s, %s, %s, true)",
            [term, floor, avg_len, len(kept)],
        )
        with conn.cursor() as cur:
            with cur.copy("COPY term_top (term, seq, impact) FROM STDIN") as copy:
                for seq, weight in kept:
                    copy.write_row((term, seq, weight))
        pg_postings.append(conn, {term: _postings_rows(scored)})  # from the same reading
        return TermList(floor, avg_len)

    def _scored(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        candidates: int | None,
        docs_with: dict | None = None,
        only: list[int] | None = None,
    ) -> list[tuple[float, int]]:
        """(BM25 score, seq) of the matches, best first (ties: earliest import first):
        all of them (``candidates`` None), or the index's best ``candidates`` re-ranked;
        ``only``: of these clips alone."""
        query = tsquery_text(parsed)
        clause, params = where(filters, "c")
        if only is not None:
            clause, params = f"c.seq = ANY(%s) AND {clause}", [only, *params]
        phrases = all_phrases(parsed)
        docs_with = docs_with or self._docs_with(parsed)
        stats = self._stats()
        idfs = [idf(docs_with[p], stats) for p in phrases]
        wanted = query_phrases(parsed)  # an excluded phrase has no instance in a match
        frequencies = ", ".join(
            f"ts_rank_cd('{RANK_CD_WEIGHTS}', c.tsv, %s::tsquery, 0)" for _ in wanted
        )
        alone = [tsquery_text(ParsedQuery((((p,),),), (), frozenset())) for p in wanted]
        select = f"SELECT c.seq, c.doc_len, {frequencies} FROM clips c"
        if only is not None:
            # Given clips, found by their row numbers: the match is checked on each
            # (IS TRUE keeps the planner from reading the text index for all the
            # query's matches), with no settings to send first (three round trips).
            sql = f"{select} WHERE {clause} AND (c.tsv @@ %s::tsquery) IS TRUE"
            sql_params = [*alone, *params, query]
        elif candidates is None:
            sql = f"{select} WHERE c.tsv @@ %s::tsquery AND {clause}"
            sql_params = [*alone, query, *params]
        else:
            order = (
                "c.tsv <=> %s::tsquery"
                if self._text_index() == "rum"
                else "ts_rank(c.tsv, %s::tsquery) DESC"
            )
            sql = f"{select} WHERE c.tsv @@ %s::tsquery AND {clause} ORDER BY {order} LIMIT %s"
            sql_params = [*alone, query, *params, query, candidates]
        index = {p: i for i, p in enumerate(wanted)}
        scored = []
        ordered = candidates is not None and self._text_index() == "rum"
        text_query = None if only is not None else parsed  # (see _query)
        for seq, length, *ranks in self._query(sql, sql_params, text_query, ordered):
            found = {p: instances(ranks[index[p]]) for p in wanted}
            frequencies_ = [found.get(p, 0.0) for p in phrases]
            scored.append((bm25(frequencies_, idfs, length, stats), seq))
        scored.sort(key=_best_first)
        return scored

    def _text_index(self) -> str:
        if not hasattr(self, "_index_kind"):
            self._index_kind = self.meta("text_index") or "gin"
        return self._index_kind

    def _query(self, sql: str, params: list, parsed: ParsedQuery | None, ordered: bool = False):
        """Run a query of the text index. The planner's row estimates for a tsquery are
        rough, and measured wrong both ways: it read every clip (a sequential scan, 140
        ms at 20k clips) to count a frequent word the index counts in 6 ms, and sorted
        every match by RUM's distance (50 ms) where the index hands them over in that
        order (11 ms). So a text query never scans the table, and an ``ordered`` one
        (``ORDER BY tsv <=> q LIMIT k``) reads the index in its order, not a bitmap."""
        try:
            if parsed is None:
                return self.conn.execute(sql, params)
            # RUM sorts every match by its distance before the first comes out: at 1M
            # clips 200k of them, spilled to disk with the default 4 MB of work_mem
            # (200 ms; 130-150 ms in memory). One round trip sets all of it.
            settings = {"enable_seqscan": "off"}
            if ordered:
                settings |= {"enable_bitmapscan": "off", "work_mem": ORDER_MEMORY}
            with self.conn.transaction():
                self.conn.execute(
                    "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in settings),
                    [v for pair in settings.items() for v in pair],
                )
                return self.conn.execute(sql, params)
        except psycopg.errors.SyntaxError as exc:  # not expected: every lexeme is quoted
            what = tsquery_text(parsed) if parsed is not None else ""
            raise QueryError(f"cannot read the archive for {what!r}: {exc}") from exc

    def _rows_for(self, seqs: list[int], columns: str = _SELECT) -> dict[int, dict]:
        with self.conn.cursor() as cur:
            cur.execute(
                f"SELECT c.seq AS _seq, {columns} FROM clips c WHERE c.seq = ANY(%s)", [seqs]
            )
            names = [d.name for d in cur.description or []]
            rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        return {row.pop("_seq"): row for row in rows}

    def _ranked_page(
        self, parsed: ParsedQuery, filters: Filters, limit: int | None, offset: int
    ) -> list[tuple[float, int]]:
        """(score, seq) of the page, best first: all matches scored where few match (or
        no limit is given); else from the top lists where they show the top k, or from
        the words' postings; else all matches scored up to ``exact_fallback`` of them;
        else the text index's best with the lists' candidates, re-ranked."""
        wanted = None if limit is None else offset + limit
        docs_with = self._docs_with(parsed)
        scored = None
        estimate = self._estimate(parsed, docs_with)
        if wanted is not None and estimate > max(self.exact_rank_limit, wanted):
            scored = self._ranked_early(parsed, filters, wanted, docs_with, estimate)
        if scored is None:  # every match scored
            scored = self._scored(parsed, filters, None, docs_with)
        return scored[offset : None if limit is None else offset + limit]

    def _ranked_early(
        self, parsed: ParsedQuery, filters: Filters, wanted: int, docs_with: dict, estimate: int
    ) -> list[tuple[float, int]] | None:
        """The best ``wanted`` (at least) of a broad query without scoring every match;
        None where every match must be scored. A conjunction's best are seldom near the
        top of its words' lists: its words' postings first. One clause: its lists first
        (a few hundred clips read), the postings where the lists cannot show the top k."""
        conjunction = len(parsed.wanted) > 1
        if conjunction:
            found = self._from_postings(parsed, filters, wanted, docs_with)
            if found is not None:
                return found
        from_lists = self._from_lists(parsed, filters, wanted, docs_with)
        if from_lists is not None and from_lists[1]:
            return from_lists[0]
        if not conjunction:
            found = self._from_postings(parsed, filters, wanted, docs_with)
            if found is not None:
                return found
        if estimate <= self.exact_fallback:
            return None
        # the text index's best and the lists'
        scored = self._scored(parsed, filters, max(CANDIDATES, 2 * wanted), docs_with)
        if from_lists is not None:
            both = {seq: score for score, seq in (*scored, *from_lists[0])}
            scored = sorted(((v, k) for k, v in both.items()), key=_best_first)
        return scored

    def matches(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        sort: str = "relevance",
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Match]:
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
        if sort == "relevance":
            self._held_stats = self._stats()  # one round trip a search, not one a step
            try:
                page = self._ranked_page(parsed, filters, limit, offset)
            finally:
                self._held_stats = None
        else:
            clause, params = where(filters, "c")
            order = (  # ties in import order, reversed for newest: as SQLite
                "c.date_end DESC NULLS LAST, c.seq DESC"
                if sort == "newest"
                else "c.date_start ASC NULLS LAST, c.seq ASC"
            )
            sql = (
                f"SELECT c.seq FROM clips c WHERE c.tsv @@ %s::tsquery AND {clause} "
                f"ORDER BY {order}"
            )
            page_params = [tsquery_text(parsed), *params]
            if limit is not None:
                sql += " LIMIT %s OFFSET %s"
                page_params += [limit, offset]
            page = [(0.0, r[0]) for r in self._query(sql, page_params, parsed)]
        rows = self._rows_for([seq for _, seq in page], f"{_SELECT}, c.body_terms AS _terms")
        out = []
        for score, seq in page:
            row = rows[seq]
            terms = row.pop("_terms") or ""
            out.append(Match(row, score, body_hits(parsed, terms)))
        return out

    def count_matches(
        self, parsed: ParsedQuery | None, filters: Filters, at_most: int | None = None
    ) -> int:
        # A count visits every matching row of the table (a text index holds no
        # visibility): 2.4-3.2 s for a word in 200k of 1M clips. ``at_most`` stops it.
        if parsed is not None:
            counted = self._count_from_postings(parsed, filters, at_most)
            if counted is not None:
                return counted
        condition, params = self._matching(parsed, filters)
        sql = f"SELECT 1 FROM clips c WHERE {condition}"
        if at_most is not None:
            sql += " LIMIT %s"
            params = [*params, int(at_most)]
        sql = f"SELECT count(*) FROM ({sql}) AS matching"
        if parsed is None:
            return int(one(self.conn.execute(sql, params))[0])
        return int(one(self._query(sql, params, parsed))[0])

    def _matching(self, parsed: ParsedQuery | None, filters: Filters) -> tuple[str, list]:
        clause, params = where(filters, "c")
        if parsed is None:
            return clause, params
        return f"c.tsv @@ %s::tsquery AND {clause}", [tsquery_text(parsed), *params]

    def facet(
        self, name: str, parsed: ParsedQuery | None, filters: Filters, limit: int | None = None
    ) -> list[tuple[str | None, int]]:
        """(value, clips) for one facet of the matching clips, most clips first (months
        and years: in time order, undated last)."""
        expr = FACETS[name]
        condition, params = self._matching(parsed, filters)
        order = "k ASC NULLS LAST" if name in ("month", "year") else "n DESC, k ASC NULLS FIRST"
        sql = (
            f"SELECT {expr} AS k, count(*) AS n FROM clips c WHERE {condition} "
            f"GROUP BY k ORDER BY {order}"
        )
        if limit is not None:
            sql += " LIMIT %s"
            params = [*params, int(limit)]
        return [(k, int(n)) for k, n in self._query(sql, params, parsed)]

    def body_hits(self, parsed: ParsedQuery, ids: list[str]) -> dict[str, tuple[int, ...]]:
        """id -> hit ordinals, for those of ``ids`` that the query matches."""
        rows = self._query(
            "SELECT id, body_terms FROM clips WHERE id = ANY(%s) AND tsv @@ %s::tsquery",
            [ids, tsquery_text(parsed)],
            parsed,
        ).fetchall()
        return {clip_id: body_hits(parsed, terms or "") for clip_id, terms in rows}

    def iter_clips(
        self, parsed: ParsedQuery | None, filters: Filters, columns: tuple[str, ...]
    ) -> Iterator[list[dict]]:
        """Batches of clips with ``id`` and ``columns``: all of them oldest first (undated
        last, in import order), or the matches by relevance, each then with ``score``."""
        wanted = tuple(dict.fromkeys(["id", *columns]))
        unknown = [c for c in wanted if c not in CLIP_COLUMNS]
        if unknown:
            raise QueryError(f"unknown column {unknown[0]!r}")
        select = ", ".join(f"c.{c}" for c in wanted)
        if parsed is None:
            clause, params = where(filters, "c")
            sql = (
                f"SELECT {select} FROM clips c WHERE {clause} "
                "ORDER BY c.date_start ASC NULLS LAST, c.seq"
            )
            return self._stream(sql, params)
        scored = self._scored(parsed, filters, None)  # runs now: a bad query fails first
        return self._scored_batches(scored, select)

    def list_ids(
        self, filters: Filters, *, sort: str = "newest", limit: int = 20, offset: int = 0
    ) -> list[str]:
        """A page of the filtered clips, newest or oldest first (see the contract): each
        part read from the ``clips_date_start`` index, (date_start, seq), forward or
        backward, and stopped at the page's end; the undated clips are its NULL entries,
        in seq order."""
        if sort not in LISTING_DIRECTIONS:
            raise QueryError(f"unknown order {sort!r}: use newest or oldest")
        direction = LISTING_DIRECTIONS[sort]
        clause, params = where(filters, "c")

        def part(dated: bool, count: int, skip: int) -> list[str]:
            if dated:
                condition = "c.date_start IS NOT NULL"
                order = f"c.date_start {direction}, c.seq {direction}"
            else:
                condition, order = "c.date_start IS NULL", f"c.seq {direction}"
            sql = (
                f"SELECT c.id FROM clips c WHERE {condition} AND {clause} "
                f"ORDER BY {order} LIMIT %s OFFSET %s"
            )
            return [r[0] for r in self.conn.execute(sql, [*params, count, skip])]

        def dated_count() -> int:
            sql = f"SELECT count(*) FROM clips c WHERE c.date_start IS NOT NULL AND {clause}"
            return int(one(self.conn.execute(sql, params))[0])

        return listing_page(part, dated_count, filters, limit, offset)

    def _stream(self, sql: str, params: list) -> Iterator[list[dict]]:
        # A server-side cursor, on a connection of its own (a cursor lives in a
        # transaction; two streams read at once, or a write between two batches, would
        # nest transactions on a shared one): rows come READ_BATCH at a time, so memory
        # stays flat however many clips there are.
        name = f"clip_stream_{next(_STREAMS)}"
        with connect(self.url, readonly=True) as conn, conn.transaction():
            with conn.cursor(name=name) as cur:
                cur.itersize = READ_BATCH
                cur.execute(sql, params)
                names = None
                while batch := cur.fetchmany(READ_BATCH):
                    names = names or [d.name for d in cur.description or []]
                    yield [dict(zip(names, row, strict=True)) for row in batch]

    def _scored_batches(self, scored: list[tuple[float, int]], select: str):
        for i in range(0, len(scored), READ_BATCH):
            chunk = scored[i : i + READ_BATCH]
            rows = self._rows_for([seq for _, seq in chunk], select)
            yield [{**rows[seq], "score": score} for score, seq in chunk]

    def date_counts(self, parsed: ParsedQuery | None, filters: Filters) -> list[tuple]:
        condition, params = self._matching(parsed, filters)
        sql = (
            "SELECT c.date_start, c.date_end, c.language, count(*) FROM clips c "
            f"WHERE {condition} GROUP BY 1, 2, 3"
        )
        return [(*r[:3], int(r[3])) for r in self._query(sql, params, parsed)]

    def match_groups(self, parsed: ParsedQuery | None, filters: Filters) -> list[tuple]:
        """(language, source, date, date_start, date_end, clips) for the matching clips:
        one grouped pass, from which a search page counts its total, facets and timeline."""
        condition, params = self._matching(parsed, filters)
        sql = (
            "SELECT c.language, c.source, c.date, c.date_start, c.date_end, count(*) "
            f"FROM clips c WHERE {condition} GROUP BY 1, 2, 3, 4, 5"
        )
        return [(*r[:5], int(r[5])) for r in self._query(sql, params, parsed)]

    def summary(self) -> dict:
        conn = self.conn

        def counts(expr: str) -> list[tuple]:
            sql = (
                f"SELECT {expr} AS k, count(*) AS n FROM clips GROUP BY k "
                "ORDER BY n DESC, k ASC NULLS FIRST"
            )
            return [(k, int(n)) for k, n in conn.execute(sql)]

        first, last, source_bytes, undated = one(
            conn.execute(
                "SELECT min(date_start), max(date_end), coalesce(sum(size_bytes), 0), "
                "count(*) FILTER (WHERE date_start IS NULL) FROM clips"
            )
        )
        return {
            "clips": self.count(),
            "by_language": counts("language"),
            "by_month": [
                (k, int(n))
                for k, n in conn.execute(
                    "SELECT substr(date, 1, 7) AS k, count(*) FROM clips GROUP BY k "
                    "ORDER BY k ASC NULLS LAST"
                )
            ],
            "by_source": counts("source"),
            "undated": int(undated or 0),
            "first_date": first,
            "last_date": last,
            "source_bytes": int(source_bytes),
        }

    def vocabulary_near(self, term: str, limit: int = 200) -> list[tuple[str, int]]:
        """(indexed term, clips holding it) for terms sharing ``term``'s first letter,
        most frequent first (the candidates of a "did you mean")."""
        rows = self.conn.execute(
            "SELECT term, docs FROM term_stats WHERE term >= %s AND term < %s AND docs > 0 "
            "ORDER BY docs DESC, term LIMIT %s",
            [term[:1], term[:1] + "\uffff", limit],
        ).fetchall()
        return [(t, int(n)) for t, n in rows]

    def size_on_disk(self) -> int:
        return int(one(self.conn.execute("SELECT pg_database_size(current_database())"))[0])

    def side_files(self) -> set[Path]:
        return set()  # the archive is on a server: no file of ours is beside an export

    # -- internal ---------------------------------------------------------------------

    def _seqs_for_ids(self, ids: list[str]) -> dict[str, int]:
        return dict(
            self.conn.execute("SELECT id, seq FROM clips WHERE id = ANY(%s)", [ids]).fetchall()
        )


def _best_first(scored: tuple[float, int]) -> tuple[float, int]:
    """Higher scores first; ties in import order, as SQLite's."""
    return -scored[0], scored[1]


def _postings_rows(clips: list[tuple[int, int, float]]) -> list[tuple[int, int, int]]:
    """(seq, weighted instances x 2, length) postings from (seq, length, instances)."""
    return [(seq, round(2 * f), length) for seq, length, f in clips]


def _clause_terms(parsed: ParsedQuery) -> list[list[str]]:
    """Each wanted clause's terms (its phrases are single words: any of them matches)."""
    return [[p.terms[0] for alt in clause for p in alt] for clause in parsed.wanted]


def _plain_word(p) -> bool:
    """One whole word: its clips are in the term statistics. A family term (a parts-only
    phrase) is one too: family terms are written to the parts alone (their mark, a Greek
    letter, begins no term of a language we analyse), so the clips holding the term are
    the clips whose parts hold it. Counting them by the text index instead cost a pass
    over every match in each new process (2.5 s for a common word's family at 1M)."""
    return len(p.terms) == 1 and not p.prefix


def _record(clip: PreparedClip, imported_at: str) -> tuple[dict, IndexedText]:
    """A clips row for a prepared clip: the columns every backend stores, and this
    backend's folded names, body terms and tsvector (every stored column but ``seq``);
    with the clip's indexed text (its distinct terms, for the term statistics)."""
    meta = clip.metadata
    text = indexed_text(clip.title_terms, clip.body_terms, clip.part_terms)
    row = {
        **clip_row(clip, imported_at),
        "source_folded": folded_column(meta.source),
        "author_folded": folded_column(meta.author),
        "body_terms": clip.body_terms,
        "doc_len": text.length,
        "tsv": text.literal,
    }
    return row, text


_: type[Store] = PostgresStore  # mypy checks the backend against the whole contract
_copy: type[CopyStore] = PostgresStore
