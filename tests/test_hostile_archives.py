"""Hostile archive files: another application's database is refused untouched; exports
never write through a planted link; odd paths work; read-only archives can be read."""

from __future__ import annotations

import os
import sqlite3

from conftest import SEEDS, Clip


def test_read_commands_never_touch_another_applications_file(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (x)")
    before = other.read_bytes()
    for args in (("search", "x"), ("stats",), ("show", "abcd"), ("export",)):
        result = Clip(other)(*args)
        assert result.exit_code == 1 and "not a clipping archive" in result.stderr
    assert other.read_bytes() == before
    with sqlite3.connect(other) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_export_never_writes_through_a_planted_part_link(seeded_clip, tmp_path):
    archive_bytes = seeded_clip.db.read_bytes()
    out = tmp_path / "out.csv"
    (tmp_path / "out.csv.part").symlink_to(seeded_clip.db)
    assert seeded_clip("export", "-o", str(out)).exit_code == 0
    assert seeded_clip.db.read_bytes() == archive_bytes
    assert out.read_text(encoding="utf-8-sig").startswith("id,")


def test_archive_paths_with_uri_characters(tmp_path):
    for name in ("a#b.db", "c?d.db", "e%41f.db"):
        clip = Clip(tmp_path / name)
        assert clip("import", str(SEEDS), "--dry-run").exit_code == 0
        assert not (tmp_path / name).exists()
        assert clip("import", str(SEEDS)).exit_code == 0
        assert (tmp_path / name).exists() and not (tmp_path / "a").exists()
        assert clip.jsonl("search", "aanslag")


def test_a_read_only_archive_file_can_be_searched(seeded_clip, tmp_path):
    db = tmp_path / "ro.db"
    with sqlite3.connect(seeded_clip.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    for side in ("-wal", "-shm"):
        if os.path.exists(f"{db}{side}"):
            os.unlink(f"{db}{side}")
    os.chmod(db, 0o444)
    clip = Clip(db)
    assert clip.jsonl("search", "aanslag")
    assert clip.json("stats")["clips"] == 5
