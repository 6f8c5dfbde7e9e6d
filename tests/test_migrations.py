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
from conftest import SEEDS, Clip

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
