"""An archive made by release 0.1.0 (a real file, committed as a fixture) opens with this
code, is upgraded in place, and searches, shows, exports and counts the same clips with
the same bodies."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, Clip, make_corpus

from clipping_archive import Archive
from clipping_archive.storage import migrations

FIXTURE = Path(__file__).parent / "fixtures" / "archive-release-0.1.0.db"


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # never alters the fixture
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def old_archive(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    return path


def test_the_fixture_is_a_0_1_0_archive():
    assert rows(FIXTURE, "select value from archive_meta where key = 'schema_version'") == [("1",)]
    names = {r[0] for r in rows(FIXTURE, "select name from sqlite_master")}
    assert "_sqlite_migrations" not in names and "clips" in names


def test_upgrade_keeps_every_clip_and_column(old_archive):
    columns = ", ".join(r[1] for r in rows(old_archive, "pragma table_info(clips)"))
    before = rows(old_archive, f"select {columns} from clips order by seq")
    Clip(old_archive)("stats")  # a read command upgrades an outdated archive first
    assert rows(old_archive, f"select {columns} from clips order by seq") == before
    # New columns start empty on old clips.
    assert rows(old_archive, "select count(*) from clips where hijri_date is not null") == [(0,)]
    applied = [r[0] for r in rows(old_archive, "select name from _sqlite_migrations")]
    assert applied == [m.name for m in migrations.MIGRATIONS._migrations]
    version = rows(old_archive, "select value from archive_meta where key = 'schema_version'")
    assert version == [(migrations.schema_version(),)]
    assert rows(old_archive, "pragma integrity_check") == [("ok",)]
    assert rows(old_archive, "select count(*) from clips_fts") == [(5,)]


def test_upgrade_runs_once(old_archive):
    with Archive(old_archive) as archive:
        archive.stats()
    first = rows(old_archive, "select name, applied_at from _sqlite_migrations")
    with Archive(old_archive) as archive:
        archive.stats()
    assert rows(old_archive, "select name, applied_at from _sqlite_migrations") == first


def test_upgraded_archive_behaves_like_a_fresh_one(old_archive, tmp_path):
    fresh = tmp_path / "fresh.db"
    assert Clip(fresh)("import", str(SEEDS)).exit_code == 0
    old, new = Clip(old_archive), Clip(fresh)
    assert old("reindex").exit_code == 0  # the index of the new analyzers, as import builds it

    assert old.json("stats")["clips"] == new.json("stats")["clips"] == 5
    for query in ("aanslag", "خراسان", "attacks", "ISIS -Moskou"):
        found_old = {h["id"] for h in old.jsonl("search", query)}
        assert found_old and found_old == {h["id"] for h in new.jsonl("search", query)}
    for clip_id, body in rows(FIXTURE, "select id, body from clips"):
        assert old.json("show", clip_id)["body"] == body
    exported = old("export", "--plain")
    assert exported.exit_code == 0
    by_id = {
        r["id"].removeprefix("#"): r["body"] for r in csv.DictReader(io.StringIO(exported.stdout))
    }
    assert by_id == dict(rows(FIXTURE, "select id, body from clips"))


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table clips (x)")
        conn.execute("create table notes (y)")
    before = other.read_bytes()
    result = Clip(other)("search", "x")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "not a clipping archive" in result.stderr
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


def test_groups_generation_counts_changes_in_place(old_archive, tmp_path):
    """Migration 0008: a clip's group changed in place or a clip deleted bumps
    ``groups_generation`` (the search page then reads the groups afresh); an import,
    which only adds clips, and a change of other columns (tags, title) leave it alone."""
    sql = "select value from archive_meta where key = 'groups_generation'"

    def generation() -> int:
        return int(rows(old_archive, sql)[0][0])

    with Archive(old_archive) as archive:
        archive.stats()  # upgrades
        first = generation()
        assert archive.import_paths(make_corpus(tmp_path / "corpus", 6)).added == 6
        clip_id = archive.search("ISIS").hits[0].clip["id"]
        assert archive.tag_add("checked", [clip_id]) == 1
    assert generation() == first
    conn = sqlite3.connect(old_archive)
    with conn:
        conn.execute("UPDATE clips SET title = 'x', languages = '[]' WHERE id = ?", [clip_id])
    assert generation() == first
    for expected, change in enumerate(
        (
            "UPDATE clips SET source = 'Elders' WHERE id = ?",
            "UPDATE clips SET date = '2020', date_start = '2020-01-01' WHERE id = ?",
            "UPDATE clips SET seq = seq + 1000 WHERE id = ?",
            "DELETE FROM clips WHERE id = ?",
        ),
        start=1,
    ):
        with conn:
            conn.execute(change, [clip_id])
        assert generation() == first + expected, change
    conn.close()


def test_groups_generation_starts_apart_in_each_archive(tmp_path):
    """Another archive made in this one's place (perhaps on the same inode) must not be
    taken for it by the search page's groups held in memory."""
    sql = "select value from archive_meta where key = 'groups_generation'"
    starts = set()
    for name in ("a.db", "b.db", "c.db"):
        assert Clip(tmp_path / name)("import", str(SEEDS)).exit_code == 0
        starts.add(rows(tmp_path / name, sql)[0][0])
    assert len(starts) == 3


def test_lsh_buckets_move_to_the_keyed_tiers(old_archive):
    """0007: an archive whose buckets sit in the 0005 table (with its rowid and index)
    keeps every bucket, now keyed (band, bucket, seq), with an empty recent tier."""
    db = sqlite3.connect(old_archive)
    migrations.MIGRATIONS.apply(db, stop_before="0007_lsh_buckets_by_seq")
    buckets = [(band, 1000 + band % 3, seq) for seq in (1, 2, 3) for band in range(16)]
    db.executemany("INSERT INTO lsh_buckets (band, bucket, seq) VALUES (?, ?, ?)", buckets)
    db.commit()
    assert migrations.upgrade(db)[0] == "0007_lsh_buckets_by_seq"
    db.close()
    assert sorted(rows(old_archive, "SELECT band, bucket, seq FROM lsh_buckets")) == sorted(buckets)
    assert rows(old_archive, "SELECT count(*) FROM lsh_recent") == [(0,)]
    [(ddl,)] = rows(old_archive, "SELECT sql FROM sqlite_master WHERE name = 'lsh_buckets'")
    assert "WITHOUT ROWID" in ddl and "PRIMARY KEY (band, bucket, seq)" in ddl


SQLITE_UTILS_FIXTURE = Path(__file__).parent / "fixtures" / "archive-release-0.2-sqlite-utils.db"


def test_an_archive_whose_migrations_sqlite_utils_recorded_goes_on_from_there(tmp_path):
    """Until 0.2 sqlite-utils' Migrations kept the log; the fixture (two seeds, a tag)
    was made by that code with its last migration (0008) taken back out, as a release
    with seven migrations left it. Plain sqlite3 reads the same log, applies 0008 (and
    those appended since), and records them in the same table after the others."""
    db = tmp_path / "v02.db"
    shutil.copy(SQLITE_UTILS_FIXTURE, db)
    before = rows(db, "SELECT id, migration_set, name FROM _sqlite_migrations ORDER BY id")
    assert [r[2] for r in before] == [m.name for m in migrations.MIGRATIONS._migrations][:7]
    clips = rows(db, "SELECT id, body, tags FROM clips ORDER BY seq")
    with Archive(db) as archive:
        assert archive.stats()["clips"] == 2
        assert [t["tag"] for t in archive.tags()] == ["kept"]
        assert archive.search("ISIS").total >= 1
    after = rows(db, "SELECT id, migration_set, name FROM _sqlite_migrations ORDER BY id")
    assert after[:7] == before and len(after) == len(migrations.MIGRATIONS._migrations)
    assert after[7] == (8, "clipping-archive", "0008_clip_groups_generation")
    assert rows(db, "SELECT id, body, tags FROM clips ORDER BY seq") == clips
    names = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert names == {"clips_groups_changed", "clips_groups_deleted"}
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "_sqlite_migrations" in tables and len([t for t in tables if "migration" in t]) == 1


def test_clips_gain_a_country_and_a_history_table(tmp_path):
    """0009 (#23): an archive of the 0.2 layout keeps its clips and gains clips.country
    (empty) and clip_history (empty)."""
    db = tmp_path / "v02.db"
    shutil.copy(SQLITE_UTILS_FIXTURE, db)
    clips = rows(db, "SELECT id, body, tags FROM clips ORDER BY seq")
    with Archive(db) as archive:
        assert archive.stats()["clips"] == 2
        assert archive.history() == []
    assert rows(db, "SELECT id, body, tags FROM clips ORDER BY seq") == clips
    assert rows(db, "SELECT count(*) FROM clips WHERE country IS NULL") == [(2,)]
    assert rows(db, "SELECT count(*) FROM clip_history") == [(0,)]
