"""Reading a whole PostgreSQL archive out, and writing another archive's clips, import
log, history and watches into one (``storage.base.CopyStore``, for `clip copy`): the
same behaviour as ``sqlite_copying``. Part of the PostgreSQL backend (PostgresStore
inherits it).

Every write skips what the archive already holds (a clip by id or text, a log entry by
path, a history event by clip, event and time, a watch by name), so a copy run again, or
run again after being killed, adds only what is missing. Clips are stored under the
writers' lock (``WRITE_LOCK``), as an import's are: the clusters and term statistics
see every batch committed before, even with an import running at the same moment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager

import psycopg

from clipping_archive.errors import ClipError
from clipping_archive.storage.base import ClipId, IndexFunction, RecordsAdded
from clipping_archive.storage.pg_filters import folded_column
from clipping_archive.storage.pg_schema import WRITE_LOCK
from clipping_archive.storage.tsquery import doc_length, tsvector_literal

READ_BATCH = 500  # clips (with their raw text) read at a time: memory stays flat
LOG_COLUMNS = ("path", "size_bytes", "mtime_ns", "clip_id", "outcome", "reason", "logged_at")
HISTORY_COLUMNS = (
    "id", "path", "title", "date", "source", "tags", "raw", "body", "content_hash",
    "imported_at", "event", "replaced_by", "at",
)  # fmt: skip
HISTORY_VALUES = ", ".join("%s::jsonb" if c == "tags" else "%s" for c in HISTORY_COLUMNS)
JSON_COLUMNS = ("languages", "tags", "stripped")


class PgCopying:
    """Mixed into PostgresStore: expects ``self.conn``, ``self.location``,
    ``_writing()``, ``_file_clusters``, ``_count_terms`` and ``_sync_tag_json``."""

    conn: psycopg.Connection

    @property
    def location(self) -> str:
        raise NotImplementedError  # PostgresStore's

    def _writing(self) -> AbstractContextManager[psycopg.Connection]:
        raise NotImplementedError  # PostgresStore's

    def _file_clusters(self, conn, signatures: list[tuple[int, bytes | None]]) -> None:
        raise NotImplementedError  # PgClusters'

    @staticmethod
    def _count_terms(conn, clips: list, tokens: int, sign: int = 1) -> None:
        raise NotImplementedError  # PostgresStore's

    @staticmethod
    def _sync_tag_json(conn, seqs: list[int]) -> None:
        raise NotImplementedError  # PgWorkflow's

    # -- reading out ------------------------------------------------------------------

    def iter_records(self) -> Iterator[list[dict]]:
        # Deferred: postgres.py imports this module for PostgresStore's bases.
        from clipping_archive.storage.postgres import CLIP_COLUMNS

        select = ", ".join(CLIP_COLUMNS)
        last = -1
        while True:  # by seq, a page a statement: no transaction held between pages
            with self.conn.cursor() as cur:
                cur.execute(
                    f"SELECT seq, {select} FROM clips WHERE seq > %s ORDER BY seq LIMIT %s",
                    [last, READ_BATCH],
                )
                rows = cur.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [dict(zip(CLIP_COLUMNS, row[1:], strict=True)) for row in rows]

    def iter_import_log(self) -> Iterator[list[dict]]:
        last = ""
        while True:
            rows = self.conn.execute(
                f"SELECT {', '.join(LOG_COLUMNS)} FROM import_log WHERE path > %s "
                'ORDER BY path COLLATE "C" LIMIT %s',
                [last, READ_BATCH],
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [dict(zip(LOG_COLUMNS, row, strict=True)) for row in rows]

    def watch_seen(self, name: str) -> list[ClipId]:
        rows = self.conn.execute(
            "SELECT clip_id FROM watch_seen WHERE watch = %s ORDER BY clip_id", [name]
        ).fetchall()
        return [r[0] for r in rows]

    # -- writing in -------------------------------------------------------------------

    def add_records(self, records: list[dict], index_row: IndexFunction) -> RecordsAdded:
        from clipping_archive.storage.postgres import CLIP_COLUMNS

        unknown = {key for record in records for key in record} - set(CLIP_COLUMNS)
        if unknown:
            raise ClipError(
                f"{self.location} has no clip column {sorted(unknown)[0]!r}: copy into an "
                "archive made by this release"
            )
        if not records:
            return RecordsAdded([])
        with self._writing() as conn:
            # The writers' lock first: what is held, the clusters and the term statistics
            # then see every batch another writer committed.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            # Copied clips are not scored into the top lists: the lists go, and the
            # searches that need them make them again (storage.pg_toplists).
            conn.execute("DELETE FROM term_lists")
            held: dict[str, int] = dict(
                conn.execute(
                    "SELECT id, seq FROM clips WHERE id = ANY(%s) OR content_hash = ANY(%s)",
                    [[r["id"] for r in records], [r["content_hash"] for r in records]],
                ).fetchall()
            )
            by_hash: dict[str, str] = dict(
                conn.execute(
                    "SELECT content_hash, id FROM clips WHERE content_hash = ANY(%s)",
                    [[r["content_hash"] for r in records]],
                ).fetchall()
            )
            new: list[dict] = []
            new_hashes: set[str] = set()
            tagged: list[tuple[str, int]] = []  # tags of clips already held
            for record in records:
                held_id = (
                    record["id"] if record["id"] in held else by_hash.get(record["content_hash"])
                )
                if held_id is not None:
                    tagged += [(tag, held[held_id]) for tag in record.get("tags") or []]
                elif record["content_hash"] not in new_hashes:
                    new_hashes.add(record["content_hash"])
                    new.append(record)
            if new:
                self._store_records(conn, new, index_row, CLIP_COLUMNS)
            gained = 0
            if tagged:
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO clip_tags (tag, clip_seq) VALUES (%s, %s) "
                        "ON CONFLICT DO NOTHING",
                        tagged,
                    )
                    gained = max(cur.rowcount, 0)
                if gained:
                    self._sync_tag_json(conn, sorted({seq for _, seq in tagged}))
        return RecordsAdded([r["id"] for r in new], gained)

    def _store_records(self, conn, new: list[dict], index_row: IndexFunction, columns) -> None:
        index = [index_row(record) for record in new]
        seqs = sorted(
            r[0]
            for r in conn.execute(
                "SELECT nextval('clips_seq') FROM generate_series(1, %s)", [len(new)]
            )
        )  # ascending in the order given: import order is lineage order
        names = [*columns, "source_folded", "author_folded", "body_terms", "doc_len", "tsv"]
        rows = []
        for seq, record, row in zip(seqs, new, index, strict=True):
            # The paragraph languages are the index's (what snippets analyse with).
            values = {**record, "languages": list(row.languages)}
            rows.append(
                [
                    seq,
                    *(
                        json.dumps(values.get(c), ensure_ascii=False)
                        if c in JSON_COLUMNS and values.get(c) is not None
                        else values.get(c)
                        for c in columns
                    ),
                    folded_column(record.get("source")),
                    folded_column(record.get("author")),
                    row.body_terms,
                    doc_length(row.title_terms, row.body_terms, row.part_terms),
                    tsvector_literal(row.title_terms, row.body_terms, row.part_terms),
                ]
            )
        placeholders = ", ".join(
            "%s::jsonb" if c in JSON_COLUMNS else "%s::tsvector" if c == "tsv" else "%s"
            for c in names
        )
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO clips (seq, {', '.join(names)}) VALUES (%s, {placeholders})",
                rows,
            )
            tags = [
                (tag, seq) for seq, record in zip(seqs, new, strict=True)
                for tag in record.get("tags") or []
            ]  # fmt: skip
            if tags:
                cur.executemany(
                    "INSERT INTO clip_tags (tag, clip_seq) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    tags,
                )
        self._file_clusters(
            conn, [(seq, row.signature) for seq, row in zip(seqs, index, strict=True)]
        )
        tokens = sum(doc_length(r.title_terms, r.body_terms, r.part_terms) for r in index)
        self._count_terms(conn, index, tokens)

    def add_import_log(self, entries: list[dict]) -> int:
        if not entries:
            return 0
        with self._writing() as conn:
            with conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO import_log ({', '.join(LOG_COLUMNS)}) "
                    f"VALUES ({', '.join('%s' for _ in LOG_COLUMNS)}) ON CONFLICT DO NOTHING",
                    [[entry.get(c) for c in LOG_COLUMNS] for entry in entries],
                )
                return max(cur.rowcount, 0)

    def add_history(self, entries: list[dict]) -> int:
        added = 0
        with self._writing() as conn:
            for entry in entries:  # oldest first
                held = conn.execute(
                    "SELECT 1 FROM clip_history WHERE id = %s AND event = %s AND at = %s",
                    [entry["id"], entry["event"], entry["at"]],
                ).fetchone()
                if held:
                    continue
                conn.execute(
                    f"INSERT INTO clip_history ({', '.join(HISTORY_COLUMNS)}) "
                    f"VALUES ({HISTORY_VALUES})",
                    [
                        json.dumps(entry.get(c) or [], ensure_ascii=False)
                        if c == "tags"
                        else entry.get(c)
                        for c in HISTORY_COLUMNS
                    ],
                )
                added += 1
        return added

    def restore_watch(self, watch: dict, seen: list[ClipId]) -> int:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO watches (name, query, filters, created_at, last_run_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (name) DO NOTHING",
                [
                    watch["name"],
                    watch["query"],
                    json.dumps(watch.get("filters") or {}, ensure_ascii=False),
                    watch.get("created_at"),
                    watch.get("last_run_at"),
                ],
            )
            return conn.execute(
                "INSERT INTO watch_seen (watch, clip_id) SELECT %s, i FROM unnest(%s::text[]) i "
                "ON CONFLICT DO NOTHING",
                [watch["name"], seen],
            ).rowcount
