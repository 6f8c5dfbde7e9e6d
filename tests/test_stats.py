"""`clip stats`: the archive at a glance, on the real seeds."""

from __future__ import annotations

import os

from conftest import SEED_FILES

from clipping_archive.output.stats import human_bytes
from clipping_archive.storage.sqlite import SQLiteStore


def test_stats_json_counts_and_sizes(seeded_clip):
    stats = seeded_clip.json("stats")
    assert stats["clips"] == 5
    assert stats["by_language"] == {"nl": 2, "ar": 2, "en": 1}
    assert stats["by_month"] == {"2024-06": 1, "2024-09": 1, "unknown": 3}
    assert list(stats["by_month"])[-1] == "unknown"  # undated last, months in order
    assert sum(stats["by_source"].values()) == 5
    assert stats["undated"] == 3
    assert (stats["first_date"], stats["last_date"]) == ("2024-06-01", "2024-09-09")
    assert stats["source_bytes"] == sum(p.stat().st_size for p in SEED_FILES)
    # Measured while open, so the write-ahead log may still add to the file itself.
    assert stats["size_on_disk"] >= os.path.getsize(seeded_clip.db) > stats["source_bytes"]


def test_size_on_disk_counts_the_write_ahead_log(tmp_path):
    db = tmp_path / "a.db"
    store = SQLiteStore(db)
    store.close()
    for side in ("-wal", "-shm"):
        (tmp_path / f"a.db{side}").unlink(missing_ok=True)
    size = db.stat().st_size
    assert store.size_on_disk() == size
    (tmp_path / "a.db-wal").write_bytes(b"y" * 1000)
    (tmp_path / "a.db-shm").write_bytes(b"z" * 10)
    assert store.size_on_disk() == size + 1010


def test_stats_for_people(seeded_clip):
    result = seeded_clip("stats")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("5 clips, 3 undated; dated 2024-06-01 to 2024-09-09")
    for heading in ("by language", "by month", "by source", "on disk"):
        assert heading in out
    assert "ANHA" in out and "█" in out


def test_stats_of_an_empty_archive(clip, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("\n")  # rejected: the archive exists, holding no clip
    assert clip.json("import", str(empty))["added"] == 0
    stats = clip.json("stats")
    assert stats["clips"] == 0 and stats["by_language"] == {} and stats["first_date"] is None
    assert clip("stats").exit_code == 0


def test_human_bytes():
    assert human_bytes(512) == "512 B"
    assert human_bytes(213_000) == "213.0 kB"
    assert human_bytes(5_300_000_000) == "5.3 GB"
    assert human_bytes(7_000_000_000_000) == "7.0 TB"
