"""`clip reindex`: rebuilds the index exactly as import builds it, after the analysis
changed; search warns until then."""

from __future__ import annotations

import shutil
import sqlite3

from conftest import Clip

from clipping_archive import Archive
from clipping_archive.analysis import ANALYZER_VERSION, terms


def fts_rows(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT rowid, title, body FROM clips_fts ORDER BY rowid").fetchall()


def clip_rows(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM clips ORDER BY seq").fetchall()


def age_the_index(db) -> None:
    """Turn the archive into one indexed by an older analyzer: unstemmed terms, version 1."""
    with sqlite3.connect(db) as conn:
        for seq, title, body in conn.execute("SELECT seq, title, body FROM clips").fetchall():
            conn.execute(
                "UPDATE clips_fts SET title = ?, body = ?, parts = '' WHERE rowid = ?",
                [" ".join(terms(title or "", None)), " ".join(terms(body, None)), seq],
            )
        conn.execute("UPDATE archive_meta SET value = '1' WHERE key = 'analyzer_version'")


def test_reindex_rebuilds_what_import_built(seeded_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(seeded_db, db)
    before_fts, before_clips = fts_rows(db), clip_rows(db)
    result = Clip(db)("reindex")
    assert result.exit_code == 0 and result.stderr.count("\n") == 1
    assert fts_rows(db) == before_fts
    assert clip_rows(db) == before_clips


def test_stale_index_warns_until_reindexed(seeded_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(seeded_db, db)
    age_the_index(db)
    runner = Clip(db)
    stale = runner("search", "celebrate", "--json")
    assert stale.exit_code == 0 and stale.stdout == ""  # the old index has no English stems
    warnings = [line for line in stale.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "clip reindex" in warnings[0]

    report = runner.json("reindex")
    assert report == {"clips": 5, "old_version": "1", "new_version": ANALYZER_VERSION, "sourced": 0}

    fresh = runner("search", "celebrate", "--json")
    assert fresh.exit_code == 0 and fresh.stderr == "1 of 1 clip\n"
    assert len(fresh.stdout.splitlines()) == 1
    with Archive(db) as archive:
        assert archive.store.meta("analyzer_version") == ANALYZER_VERSION


def test_reindex_of_an_empty_archive(tmp_path):
    db = tmp_path / "empty.db"
    (tmp_path / "blank.txt").write_text("\n")
    with Archive(db) as archive:
        archive.import_paths([tmp_path / "blank.txt"])  # rejected: an archive of no clip
    assert Clip(db).json("reindex")["clips"] == 0


def test_an_import_that_matches_no_file_creates_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("x")
    result = Clip(tmp_path / "a.db")("import", str(folder))
    assert result.exit_code == 0 and "matches --glob '*.txt'" in result.stderr
    assert "was not created" in result.stderr and not (tmp_path / "a.db").exists()


def test_reindex_without_an_archive_is_one_line(tmp_path):
    result = Clip(tmp_path / "absent.db")("reindex")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert not (tmp_path / "absent.db").exists()
