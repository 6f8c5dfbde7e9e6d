"""The PostgreSQL archive's schema and its migrations: numbered, applied once each, in
order, in one transaction with their record in ``_pg_migrations`` (the SQLite archive has
its own list, ``storage.migrations``; the two schemas differ where the engines do).

Rules as for SQLite's: append a migration, never edit an applied one. Two processes
opening a new database at once are serialised by an advisory lock, so the schema is
made once.

Tables:

- ``clips``: one row per clip (``seq`` is the row number and never leaves the backend;
  ``id`` is the handle). Beside the clip's columns: ``source_folded``/``author_folded``
  (the names as filters compare them), ``tsv`` (the analysed terms with positions and
  weights, ``storage.tsquery``), ``body_terms`` (the body's analysed terms, for hit
  ordinals) and ``doc_len`` (tokens in title, body and parts, for BM25);
- ``term_stats``: in how many clips each term occurs, and ``corpus_stats`` (clips, their
  total length): BM25's IDF and average length, kept in the writers' transactions;
- ``import_log``, ``archive_meta``, ``clip_tags``, ``watches``, ``watch_seen`` as in SQLite;
- ``clip_minhash``, ``lsh_buckets``, ``clip_cluster``: near-duplicate clusters.
"""

from __future__ import annotations

from typing import Any

import psycopg

from clipping_archive.storage import pg_postings, pg_toplists

MIGRATIONS_TABLE = "_pg_migrations"
# pg_advisory_xact_lock keys (any constant bigint, fixed forever): schema changes, and
# the writers' critical section (storage.postgres: duplicates, clusters, term statistics).
SCHEMA_LOCK = 0x636C6970_00000001
WRITE_LOCK = 0x636C6970_00000002
# Held (shared, per session) by every bulk load while it runs: the text index it held
# back is rebuilt by whoever finds no bulk load left (storage.postgres.bulk_load).
BULK_LOCK = 0x636C6970_00000003

_CLIPS = """
CREATE TABLE clips (
    seq bigint PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    title text,
    title_derived boolean,
    date text COLLATE "C",
    date_start text COLLATE "C",
    date_end text COLLATE "C",
    language text COLLATE "C",
    languages jsonb,
    author text COLLATE "C",
    source text COLLATE "C",
    url text,
    tags jsonb,
    path text,
    encoding text,
    size_bytes bigint,
    raw text,
    body text,
    stripped jsonb,
    content_hash text COLLATE "C" NOT NULL UNIQUE,
    imported_at text,
    hijri_date text,
    source_folded text,
    author_folded text,
    body_terms text,
    doc_len integer NOT NULL DEFAULT 0,
    tsv tsvector NOT NULL
)"""

_BASE = [
    "CREATE TABLE archive_meta (key text PRIMARY KEY, value text)",
    "CREATE SEQUENCE clips_seq",
    _CLIPS,
    "CREATE INDEX clips_date_start ON clips (date_start, seq)",
    "CREATE INDEX clips_language ON clips (language)",
    "CREATE TABLE import_log (path text PRIMARY KEY, size_bytes bigint, mtime_ns bigint, "
    "clip_id text COLLATE \"C\", outcome text NOT NULL, reason text, logged_at text)",
    "CREATE TABLE term_stats (term text COLLATE \"C\" PRIMARY KEY, docs bigint NOT NULL)",
    "CREATE TABLE corpus_stats (one boolean PRIMARY KEY DEFAULT TRUE CHECK (one), "
    "docs bigint NOT NULL, tokens bigint NOT NULL)",
    "INSERT INTO corpus_stats (docs, tokens) VALUES (0, 0)",
    "CREATE TABLE clip_tags (tag text COLLATE \"C\" NOT NULL, "
    "clip_seq bigint NOT NULL REFERENCES clips (seq), PRIMARY KEY (tag, clip_seq))",
    "CREATE INDEX clip_tags_seq ON clip_tags (clip_seq)",
    "CREATE TABLE watches (name text PRIMARY KEY, query text NOT NULL, filters text NOT NULL, "
    "created_at text, last_run_at text)",
    "CREATE TABLE watch_seen (watch text NOT NULL, clip_id text COLLATE \"C\" NOT NULL, "
    "PRIMARY KEY (watch, clip_id))",
    "CREATE TABLE clip_minhash (seq bigint PRIMARY KEY, signature bytea NOT NULL)",
    "CREATE TABLE lsh_buckets (band smallint NOT NULL, bucket bigint NOT NULL, "
    "seq bigint NOT NULL, PRIMARY KEY (band, bucket, seq))",
    "CREATE TABLE clip_cluster (seq bigint PRIMARY KEY, cluster bigint NOT NULL)",
    "CREATE INDEX clip_cluster_cluster ON clip_cluster (cluster)",
]

# The text index. RUM (the postgresql-15-rum package) keeps positions in the index, so a
# ranked top-k is read in index order (ORDER BY tsv <=> q LIMIT k) instead of ranking
# every match; GIN where RUM is not installed (see docs/team.md for the measurements).
RUM_INDEX = "CREATE INDEX clips_tsv ON clips USING rum (tsv rum_tsvector_ops)"
GIN_INDEX = "CREATE INDEX clips_tsv ON clips USING gin (tsv)"


def text_index_sql(kind: str) -> str:
    """The text index of this kind, made if missing (a bulk load rebuilds it)."""
    sql = RUM_INDEX if kind == "rum" else GIN_INDEX
    return sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)


def _initial(conn: psycopg.Connection, text_index: str) -> None:
    for sql in _BASE:
        conn.execute(sql)
    if text_index == "rum":
        conn.execute("CREATE EXTENSION IF NOT EXISTS rum")
        conn.execute(RUM_INDEX)
    else:
        conn.execute(GIN_INDEX)
    conn.execute(
        "INSERT INTO archive_meta (key, value) VALUES ('text_index', %s)", [text_index]
    )


def _country_and_history(conn: psycopg.Connection, text_index: str) -> None:
    """#23, as SQLite's migration 0009: a clip's ``country`` (the outlet's, from the
    sources mapping), and ``clip_history``, every clip a re-import replaced or `clip
    remove` removed, with its text and metadata as they were."""
    conn.execute('ALTER TABLE clips ADD COLUMN IF NOT EXISTS country text COLLATE "C"')
    conn.execute(
        "CREATE TABLE clip_history (hid bigserial PRIMARY KEY, id text COLLATE \"C\" NOT NULL, "
        "path text, title text, date text, source text, tags jsonb, raw text, body text, "
        "content_hash text, imported_at text, event text NOT NULL, replaced_by text, "
        "at text NOT NULL)"
    )
    conn.execute("CREATE INDEX clip_history_id ON clip_history (id)")
    conn.execute("CREATE INDEX clip_history_path ON clip_history (path)")


def _top_lists(conn: psycopg.Connection, text_index: str) -> None:
    """#21: impact-ordered top lists of common words (storage.pg_toplists), empty: each
    is made when a search first needs it."""
    for sql in pg_toplists.SCHEMA:
        conn.execute(sql)


def _list_entries(conn: psycopg.Connection, text_index: str) -> None:
    """#21: how many clips each top list holds (at most: a removed clip leaves its lists
    without counting down), so a writer knows when a list has grown enough to cut."""
    conn.execute(
        "ALTER TABLE term_lists ADD COLUMN IF NOT EXISTS entries integer NOT NULL DEFAULT 0"
    )
    conn.execute(
        "UPDATE term_lists l SET entries = n FROM (SELECT term, count(*) AS n FROM term_top "
        "GROUP BY term) t WHERE t.term = l.term"
    )


def _term_postings(conn: psycopg.Connection, text_index: str) -> None:
    """#21: the whole postings of listed terms (storage.pg_postings), empty: the lists an
    archive holds get theirs at the first search that needs them (a word in 200k clips:
    about 2 s), or all in one pass at the next bulk load or reindex. Made here, in one
    pass, they held up the upgrade, and so the first command, by ~100 s at 200k clips."""
    for sql in pg_postings.SCHEMA:
        conn.execute(sql)


# (name, function(conn, text_index)). Append only.
MIGRATIONS = [
    ("0001_team_archive", _initial),
    ("0002_country_and_clip_history", _country_and_history),
    ("0003_top_lists", _top_lists),
    ("0004_list_entries", _list_entries),
    ("0005_term_postings", _term_postings),
]


def one(cursor: psycopg.Cursor) -> Any:
    """The one row a statement answers (an aggregate, a single-row table): never None."""
    row = cursor.fetchone()
    if row is None:
        raise psycopg.DataError("the server answered no row where one is always made")
    return row


def schema_version() -> str:
    return str(len(MIGRATIONS))


def applied(conn: psycopg.Connection) -> set[str]:
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [MIGRATIONS_TABLE]).fetchone()
    if not exists or not exists[0]:
        return set()
    return {r[0] for r in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}


def pending(conn: psycopg.Connection) -> list[str]:
    done = applied(conn)
    return [name for name, _ in MIGRATIONS if name not in done]


def rum_available(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").fetchone()
    return row is not None


def upgrade(conn: psycopg.Connection, text_index: str | None = None) -> list[str]:
    """Apply what is pending, in one transaction (``conn`` in autocommit mode); returns
    the names applied. ``text_index`` ("rum" or "gin") for a new archive: RUM where the
    server has it."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEMA_LOCK])
        names = pending(conn)
        if not names:
            return []
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        kind = text_index or ("rum" if rum_available(conn) else "gin")
        for name, migrate in MIGRATIONS:
            if name in names:
                migrate(conn, kind)
                conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s)", [name])
        conn.execute(
            "INSERT INTO archive_meta (key, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [schema_version()],
        )
    return names
