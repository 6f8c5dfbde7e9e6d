"""Hostile archive files: another application's database is refused untouched; exports
never write through a planted link; odd paths work; read-only archives can be read."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3

from conftest import SEEDS, Clip
from unprivileged import clip_unprivileged


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


def _wal_archive_in(folder, seeded_clip) -> str:
    """A copy of the seeded archive, in WAL mode with no -wal/-shm beside it, in
    ``folder``; returns one clip id."""
    folder.mkdir()
    db = folder / "a.db"
    source, copy = sqlite3.connect(seeded_clip.db), sqlite3.connect(db)
    source.backup(copy)
    copy.execute("pragma journal_mode = wal")
    source.close()
    copy.close()
    for side in ("-wal", "-shm"):
        assert not os.path.exists(f"{db}{side}")
    return seeded_clip.jsonl("search", "aanslag")[0]["id"]


def _read_everything(db, clip_id, out) -> None:
    found = clip_unprivileged(db, "search", "aanslag", "--json")
    assert found.returncode == 0, found.stderr
    assert clip_id in {json.loads(line)["id"] for line in found.stdout.splitlines()}
    counted = clip_unprivileged(db, "search", "aanslag", "--count")
    assert counted.returncode == 0 and counted.stdout.strip(), counted.stderr
    shown = clip_unprivileged(db, "show", clip_id, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["id"] == clip_id, shown.stderr
    stats = clip_unprivileged(db, "stats", "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["clips"] == 5, stats.stderr
    exported = clip_unprivileged(db, "export", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows].count(f"#{clip_id}") == 1 and len(rows) == 5


def test_a_wal_archive_in_a_read_only_folder_can_be_read(seeded_clip, tmp_path):
    folder = tmp_path / "ro"
    clip_id = _wal_archive_in(folder, seeded_clip)
    before = (folder / "a.db").read_bytes()
    os.chmod(folder, 0o555)
    try:
        _read_everything(folder / "a.db", clip_id, tmp_path / "out.csv")
        _refuses_writes(folder / "a.db")
    finally:
        os.chmod(folder, 0o755)
    assert (folder / "a.db").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.db"]


def test_a_read_only_archive_file_can_be_read(seeded_clip, tmp_path):
    folder = tmp_path / "rw"
    clip_id = _wal_archive_in(folder, seeded_clip)
    os.chmod(folder / "a.db", 0o444)
    _read_everything(folder / "a.db", clip_id, tmp_path / "out.csv")
    _refuses_writes(folder / "a.db")


def _refuses_writes(db) -> None:
    for args in (("import", str(SEEDS)), ("reindex",)):
        result = clip_unprivileged(db, *args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert "is read-only here" in result.stderr


def test_unsaved_log_writes_in_a_read_only_folder_are_refused_not_hidden(seeded_clip, tmp_path):
    folder = tmp_path / "ro"
    clip_id = _wal_archive_in(folder, seeded_clip)
    db = folder / "a.db"
    writer = sqlite3.connect(db)  # a writer killed before its checkpoint leaves a -wal
    writer.execute("pragma wal_autocheckpoint = 0")
    writer.execute("update clips set title = 'changed' where id = ?", [clip_id])
    writer.commit()
    wal = (folder / "a.db-wal").read_bytes()
    writer.close()
    (folder / "a.db-wal").write_bytes(wal)  # closing checkpointed it: put the log back
    os.chmod(folder, 0o555)
    try:
        result = clip_unprivileged(db, "show", clip_id, "--json")
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 0:  # SQLite read the log itself: then it shows the change
        assert json.loads(result.stdout)["title"] == "changed"
    else:
        assert result.stderr.count("\n") == 1 and "a.db-wal" in result.stderr


def test_write_commands_never_touch_another_applications_file(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (x)")
        conn.execute("pragma journal_mode = wal")
    before = other.read_bytes()
    for args in (("import", str(SEEDS)), ("import", str(SEEDS), "--dry-run"), ("reindex",)):
        result = Clip(other)(*args)
        assert result.exit_code == 1 and "not a clipping archive" in result.stderr
        assert result.stderr.count("\n") == 1
    assert other.read_bytes() == before
    with sqlite3.connect(other) as conn:
        assert {r[0] for r in conn.execute("select name from sqlite_master")} == {"notes"}


def test_a_folder_or_a_text_file_as_archive_is_one_line(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    for db, says in ((tmp_path, "is a folder"), (text, "not a readable archive")):
        for args in (("search", "x"), ("import", str(SEEDS))):
            result = Clip(db)(*args)
            assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
            assert says in result.stderr
    assert text.read_text(encoding="utf-8") == "not a database"
