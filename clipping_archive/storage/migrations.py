"""Schema migrations for the SQLite archive.

Each migration is a function, applied once, in order, inside a transaction, and recorded
in the ``_sqlite_migrations`` table (the table, columns and set name sqlite-utils'
``Migrations`` used until 0.2, so archives it upgraded go on from where they were;
plain ``sqlite3`` now, as sqlite-utils imports pandas whenever it is installed: 0.15 s on
every start of `clip`). An archive made by release 0.1.0 has no such table:
its first migration (the 0.1.0 schema, all ``IF NOT EXISTS``) finds everything in place
and is recorded, then the later ones upgrade it in place. ``archive_meta.schema_version``
says the number of migrations applied, for people reading the file.

Rules for a new migration: append it (never edit an applied one); keep it to plain SQL
that an archive of any earlier version can run; and when it changes what the index
holds, leave rebuilding to `clip reindex` (the analyzer version tells search).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

Database = sqlite3.Connection
MIGRATIONS_TABLE = "_sqlite_migrations"
# As sqlite-utils created it (so both read and write the same rows).
MIGRATIONS_DDL = (
    f'CREATE TABLE IF NOT EXISTS "{MIGRATIONS_TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)'
)
MIGRATIONS_INDEX = (
    'CREATE UNIQUE INDEX IF NOT EXISTS "idx__sqlite_migrations_migration_set_name"\n'
    f'    ON "{MIGRATIONS_TABLE}" ("migration_set", "name")'
)


@dataclass(frozen=True)
class Migration:
    name: str
    fn: Callable[[Database], None]


class Migrations:
    """An ordered set of named migrations, recorded per set in ``_sqlite_migrations``."""

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str) -> Callable:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            if any(m.name == name for m in self._migrations):
                raise ValueError(f"migration {name!r} is registered twice")
            self._migrations.append(Migration(name, fn))
            return fn

        return register

    def applied(self, conn: Database) -> list[str]:
        """Names applied, in order (reads only)."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return []
        rows = conn.execute(
            f'SELECT name FROM "{MIGRATIONS_TABLE}" WHERE migration_set = ? ORDER BY rowid',
            [self.name],
        )
        return [r[0] for r in rows]

    def pending(self, conn: Database) -> list[Migration]:
        done = set(self.applied(conn))
        return [m for m in self._migrations if m.name not in done]

    def apply(self, conn: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Each pending migration in its own transaction with the record of it: one that
        fails leaves no trace and stays pending."""
        stops = {stop_before} if isinstance(stop_before, str) else set(stop_before or ())
        if stops & set(self.applied(conn)):
            raise ValueError(f"cannot stop before {sorted(stops)}: already applied")
        with _transaction(conn):
            conn.execute(MIGRATIONS_DDL)
            conn.execute(MIGRATIONS_INDEX)
        for migration in self.pending(conn):
            if migration.name in stops:
                return
            with _transaction(conn):
                migration.fn(conn)
                conn.execute(
                    f'INSERT INTO "{MIGRATIONS_TABLE}" (migration_set, name, applied_at) '
                    "VALUES (?, ?, ?)",
                    [self.name, migration.name, str(datetime.now(UTC))],
                )


class _transaction:
    """BEGIN ... COMMIT, or ROLLBACK on any error (DDL included: SQLite's is
    transactional)."""

    def __init__(self, conn: Database):
        self.conn = conn

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            self.conn.commit()
        self.conn.execute("BEGIN")

    def __exit__(self, kind, *exc) -> None:
        if kind is None:
            self.conn.commit()
        else:
            self.conn.rollback()


MIGRATIONS = Migrations("clipping-archive")

CLIPS_DDL = """
CREATE TABLE IF NOT EXISTS clips (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT,
    title_derived INTEGER,
    date TEXT,
    date_start TEXT,
    date_end TEXT,
    language TEXT,
    languages TEXT,
    author TEXT,
    source TEXT,
    url TEXT,
    tags TEXT,
    path TEXT,
    encoding TEXT,
    size_bytes INTEGER,
    raw TEXT,
    body TEXT,
    stripped TEXT,
    content_hash TEXT NOT NULL,
    imported_at TEXT
)"""
IMPORT_LOG_DDL = (
    "CREATE TABLE IF NOT EXISTS import_log ("
    "path TEXT PRIMARY KEY, size_bytes INTEGER, mtime_ns INTEGER, clip_id TEXT, "
    "outcome TEXT NOT NULL, reason TEXT, logged_at TEXT)"
)


@MIGRATIONS(name="0001_release_0_1_0")
def schema_0_1_0(db: Database) -> None:
    """The schema of release 0.1.0, as it made it."""
    db.execute("CREATE TABLE IF NOT EXISTS archive_meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute(CLIPS_DDL)
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS idx_clips_id ON clips (id)")
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS idx_clips_content_hash ON clips (content_hash)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_clips_date_start ON clips (date_start)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_clips_language ON clips (language)")
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS clips_fts USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 0')"
    )


@MIGRATIONS(name="0002_import_log_and_compound_parts")
def import_log_and_parts(db: Database) -> None:
    """The import log in every archive (readers need not ask whether it exists), and a
    third FTS column, ``parts``: the parts of compound words (``terreuraanslag`` ->
    ``terreur aanslag``), kept apart so phrase positions in ``body`` stay those of the
    text. The FTS table is rebuilt with its title and body terms as they were; the parts
    come with the next `clip reindex`, which the new analyzer version asks for."""
    db.execute(IMPORT_LOG_DDL)
    columns = [row[1] for row in db.execute("PRAGMA table_xinfo(clips_fts)").fetchall()]
    if "parts" in columns:
        return
    db.execute("ALTER TABLE clips_fts RENAME TO clips_fts_0001")
    db.execute(
        "CREATE VIRTUAL TABLE clips_fts USING fts5("
        "title, body, parts, tokenize = 'unicode61 remove_diacritics 0')"
    )
    db.execute(
        "INSERT INTO clips_fts (rowid, title, body, parts) "
        "SELECT rowid, title, body, '' FROM clips_fts_0001"
    )
    db.execute("DROP TABLE clips_fts_0001")


@MIGRATIONS(name="0003_hijri_date")
def hijri_date(db: Database) -> None:
    """The Hijri date as a clip writes it beside its Gregorian date (25 شوال 1436 هـ);
    clips imported before have none (a re-import of the file would not add it: the
    clip is already archived)."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(clips)").fetchall()]
    if "hijri_date" not in columns:
        db.execute("ALTER TABLE clips ADD COLUMN hijri_date TEXT")


@MIGRATIONS(name="0004_tags_and_watches")
def tags_and_watches(db: Database) -> None:
    """Tags in their own table (a sidecar's tags and tags added later are the same tags;
    clips.tags stays their JSON copy, kept in step), saved searches and what each has
    reported."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS clip_tags ("
        "tag TEXT NOT NULL, clip_seq INTEGER NOT NULL REFERENCES clips(seq), "
        "PRIMARY KEY (tag, clip_seq))"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_clip_tags_seq ON clip_tags (clip_seq)")
    db.execute(
        "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) "
        "SELECT j.value, c.seq FROM clips c, json_each(c.tags) j "
        "WHERE c.tags IS NOT NULL AND json_valid(c.tags) AND j.type = 'text'"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS watches (name TEXT PRIMARY KEY, query TEXT NOT NULL, "
        "filters TEXT NOT NULL, created_at TEXT, last_run_at TEXT)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS watch_seen (watch TEXT NOT NULL, clip_id TEXT NOT NULL, "
        "PRIMARY KEY (watch, clip_id))"
    )


@MIGRATIONS(name="0005_near_duplicate_clusters")
def near_duplicate_clusters(db: Database) -> None:
    """MinHash signatures, LSH band buckets and clusters of near-duplicate clips. Clips
    archived before get theirs with the next `clip reindex`."""
    db.execute("CREATE TABLE IF NOT EXISTS clip_minhash (seq INTEGER PRIMARY KEY, signature BLOB)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS lsh_buckets (band INTEGER NOT NULL, bucket INTEGER NOT NULL, "
        "seq INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_lsh_buckets ON lsh_buckets (band, bucket)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS clip_cluster "
        "(seq INTEGER PRIMARY KEY, cluster INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_clip_cluster ON clip_cluster (cluster)")


@MIGRATIONS(name="0006_facet_groups_index")
def facet_groups_index(db: Database) -> None:
    # The search page's facets and timeline (SQLiteStore.match_groups), two covering
    # indexes of the grouped columns (#12): in group order, so counting a query matching
    # much of the archive is one walk of a small index, no sort; by seq, so the matches of
    # a rarer query are looked up in small index pages, not in the rows with their text.
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_clips_groups "
        "ON clips (language, source, date, date_start, date_end)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_clips_seq_groups "
        "ON clips (seq, language, source, date, date_start, date_end)"
    )



@MIGRATIONS(name="0007_lsh_buckets_by_seq")
def lsh_buckets_by_seq(db: Database) -> None:
    """LSH buckets keyed (band, bucket, seq), without rowid, in two tiers (#13).

    A new clip reads the latest few clips of each of its buckets: a walk of the key's
    end, where the (band, bucket) index made SQLite read and sort a whole bucket (a story
    copied thousands of times made every later copy slower). One b-tree, not table and
    index, halves what each clip writes. And new buckets go to ``lsh_recent``, small, which
    is merged into ``lsh_buckets`` in key order now and then
    (storage/sqlite_clusters.py): bucket keys are random, so an import batch's rows,
    written straight into the big tree, would dirty one page of it each, a cost that grew
    with the archive."""
    for table in ("lsh_buckets_by_seq", "lsh_recent"):
        db.execute(
            f"CREATE TABLE {table} (band INTEGER NOT NULL, bucket INTEGER NOT NULL, "
            "seq INTEGER NOT NULL, PRIMARY KEY (band, bucket, seq)) WITHOUT ROWID"
        )
    db.execute(
        "INSERT OR IGNORE INTO lsh_buckets_by_seq (band, bucket, seq) "
        "SELECT band, bucket, seq FROM lsh_buckets ORDER BY band, bucket, seq"
    )
    db.execute("DROP TABLE lsh_buckets")
    db.execute("ALTER TABLE lsh_buckets_by_seq RENAME TO lsh_buckets")


@MIGRATIONS(name="0008_clip_groups_generation")
def clip_groups_generation(db: Database) -> None:
    """A counter in archive_meta, ``groups_generation``, that two triggers bump whenever
    a clip's group (language, source, date, date_start, date_end) or seq changes in place
    or a clip is deleted (#12): the search page holds every clip's group in memory between
    requests (storage/sqlite_groups.py), and this tells it to read them afresh, whatever
    made the change (the sqlite3 shell and sqlite-utils too). New clips need no trigger:
    they are new seqs. An import, which only inserts, pays nothing.

    The counter starts at a random number, so that another archive put in this one's
    place (a file deleted and made anew can get the same inode) differs from it too."""
    db.execute(
        "INSERT OR IGNORE INTO archive_meta (key, value) "
        "VALUES ('groups_generation', abs(random() % 1000000000000000000))"
    )
    bump = (
        "INSERT INTO archive_meta (key, value) VALUES ('groups_generation', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS clips_groups_changed "
        "AFTER UPDATE OF seq, language, source, date, date_start, date_end ON clips "
        f"BEGIN {bump}; END"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS clips_groups_deleted AFTER DELETE ON clips BEGIN {bump}; END"
    )


HISTORY_DDL = (
    "CREATE TABLE IF NOT EXISTS clip_history ("
    "id TEXT NOT NULL, path TEXT, title TEXT, date TEXT, source TEXT, tags TEXT, "
    "raw TEXT, body TEXT, content_hash TEXT, imported_at TEXT, "
    "event TEXT NOT NULL, replaced_by TEXT, at TEXT NOT NULL)"
)


@MIGRATIONS(name="0009_country_and_clip_history")
def country_and_clip_history(db: Database) -> None:
    """Two things of #23. A clip's ``country``: the outlet's country, set by the
    archivist's sources mapping (clips imported before have none until `clip reindex`
    applies a mapping). And ``clip_history``: every clip a re-import replaced (``event``
    'replaced', ``replaced_by`` the new clip's id) or `clip remove` removed ('removed'),
    with its text and metadata as they were, so nothing archived is lost by either."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(clips)").fetchall()]
    if "country" not in columns:
        db.execute("ALTER TABLE clips ADD COLUMN country TEXT")
    db.execute(HISTORY_DDL)
    db.execute("CREATE INDEX IF NOT EXISTS idx_clip_history_id ON clip_history (id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_clip_history_path ON clip_history (path)")


@MIGRATIONS(name="0010_clips_language_by_date")
def clips_language_by_date(db: Database) -> None:
    """Browsing one language newest first (the search page without a query, ``lang=``):
    an index of (language, date_start), whose entries end in the rowid, gives a
    language's clips in date order and, within a day, in import order, so a page is
    read from the index's end rather than by sorting a language's every clip. It takes
    the place of the index on language alone, which it serves as well (a prefix), so an
    import writes no more index entries than before."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_clips_language_date ON clips (language, date_start)")
    db.execute("DROP INDEX IF EXISTS idx_clips_language")


def schema_version() -> str:
    """The schema version this code writes: the number of migrations it knows."""
    return str(len(MIGRATIONS._migrations))


def pending(db: Database) -> list[str]:
    return [m.name for m in MIGRATIONS.pending(db)]


def upgrade(db: Database) -> list[str]:
    """Apply what is pending; returns the names applied."""
    names = pending(db)
    if names:
        MIGRATIONS.apply(db)
        with _transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO archive_meta (key, value) VALUES ('schema_version', ?)",
                [schema_version()],
            )
    return names
