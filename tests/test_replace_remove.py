"""Changed and removed files (#23): a re-imported file whose text changed replaces its
clip (reported as replaced, tags and watch memory kept, the old version in the history);
`clip remove` by id, path or query (a big query only with --yes); `clip show --path`;
nothing lost when a replace or a remove is killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SEED_FILES, Clip, make_corpus

from clipping_archive import Archive

ADDED_LINE = "\n\nDe redactie voegde deze zin later toe over Dagestan.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
    return folder


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip() + ADDED_LINE, encoding="utf-8")


def test_a_changed_file_replaces_its_clip(tmp_path):
    folder = corpus(tmp_path)
    clip = Clip(tmp_path / "a.db")
    first = clip.json("import", str(folder))
    changed = folder / SEED_FILES[0].name
    old_id = clip.json("show", "--path", str(changed))["id"]
    assert clip("tag", "add", "bewaren", old_id).exit_code == 0
    assert clip("watch", "add", "dagestan", "Dagestan").exit_code == 0
    assert clip("watch", "run").exit_code == 0  # the watch has reported the clip

    edit(changed)
    report = clip.json("import", str(folder))
    [replaced] = report["replaced"]
    assert replaced["path"] == str(changed) and replaced["old_id"] == old_id
    assert report["added"] == 0 and report["replaced_count"] == 1
    assert report["unchanged"] == len(first["added_ids"]) - 1
    new_id = replaced["id"]

    shown = clip.json("show", "--path", str(changed))
    assert shown["id"] == new_id and "later toe" in shown["body"]
    assert "bewaren" in shown["tags"]
    # One clip for the file: a search finds its path once.
    hits = clip.jsonl("search", "Dagestan", "--limit", "50")
    assert [h["path"] for h in hits].count(str(changed)) == 1
    # The watch remembers the file's clip: not reported again as new.
    ran = clip("watch", "run", "dagestan")
    assert new_id not in ran.stdout
    # The old id says what became of it (exit 1: no such clip).
    gone = clip("show", old_id)
    assert gone.exit_code == 1 and f"replaced by {new_id}" in gone.stderr
    with Archive(tmp_path / "a.db") as archive:
        [entry] = archive.history(old_id)
        assert entry["event"] == "replaced" and entry["raw"] == SEED_FILES[0].read_text(
            encoding="utf-8"
        )
    human = clip("import", str(folder))
    assert human.exit_code == 0 and "replaced" not in human.stderr.splitlines()[0]
    edit(changed)
    human = clip("import", str(folder))
    assert "0 added, 1 replaced" in human.stderr


def test_a_dry_run_says_what_would_be_replaced(tmp_path):
    folder = corpus(tmp_path)
    clip = Clip(tmp_path / "a.db")
    clip.json("import", str(folder))
    edit(folder / SEED_FILES[2].name)
    report = clip.json("import", str(folder), "--dry-run")
    assert report["replaced_count"] == 1 and report["dry_run"]
    assert clip.json("import", str(folder))["replaced_count"] == 1  # nothing was written


def test_remove_by_id_path_and_query(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "a.db"
    clip = Clip(db)
    ids = clip.json("import", str(folder))["added_ids"]
    assert len(ids) == 5

    dry = clip("remove", ids[0][:8], "--dry-run")
    assert dry.exit_code == 0 and dry.stdout.split() == [ids[0]]
    assert "would be removed" in dry.stderr
    assert clip("remove", ids[0][:8]).exit_code == 0
    assert clip("show", ids[0]).exit_code == 1

    by_path = folder / SEED_FILES[1].name
    out = clip.json("remove", "--path", str(by_path))
    assert out["removed"] == 1 and out["ids"] == [ids[1]]

    arabic = clip.json("remove", "--query", "داعش", "--lang", "ar", "--dry-run")
    assert arabic["removed"] == 0 and arabic["matched"] >= 1
    out = clip.json("remove", "--query", "داعش", "--lang", "ar")
    assert out["removed"] == arabic["matched"]
    with Archive(db) as archive:
        assert archive.count() == 5 - 2 - out["removed"]
        assert "ar" not in archive.languages()
        assert {e["event"] for e in archive.history()} == {"removed"}
        assert len(archive.history()) == 2 + out["removed"]

    nothing = clip("remove")
    assert nothing.exit_code == 2
    # Removed, not forbidden: the file is still there, so importing it brings it back.
    assert clip.json("import", str(folder))["added"] == 2 + out["removed"]


def test_a_query_matching_many_asks_for_yes(tmp_path):
    folder = tmp_path / "many"
    make_corpus(folder, 130)
    db = tmp_path / "a.db"
    clip = Clip(db)
    assert clip("import", str(folder)).exit_code == 0
    refused = clip("remove", "--query", "clip")
    assert refused.exit_code == 2 and "130 clips match: pass --yes" in refused.stderr
    assert refused.stderr.count("\n") == 1
    dry = clip("remove", "--query", "clip", "--dry-run")
    assert dry.exit_code == 0 and "130 clips would be removed" in dry.stderr
    with Archive(db) as archive:
        assert archive.count() == 130
    assert clip.json("remove", "--query", "clip", "--yes")["removed"] == 130
    with Archive(db) as archive:
        assert archive.count() == 0 and len(archive.history()) == 130


def test_show_path_of_a_file_never_imported_is_one_line(tmp_path):
    folder = corpus(tmp_path)
    clip = Clip(tmp_path / "a.db")
    clip.json("import", str(folder))
    result = clip("show", "--path", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert clip("show").exit_code == 2


# -- killed mid-way ----------------------------------------------------------------

N_FILES = 1500
DEADLINE = 90.0


def _run(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "clipping_archive", "--db", str(db), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _sound(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into clips_fts(clips_fts) values('integrity-check')")
    for sql in (
        "select count(*) from clips where seq not in (select rowid from clips_fts)",
        "select count(*) from clips_fts where rowid not in (select seq from clips)",
        "select count(*) from clip_cluster where seq not in (select seq from clips)",
        "select count(*) from clip_tags where clip_seq not in (select seq from clips)",
    ):
        assert conn.execute(sql).fetchone() == (0,), sql
    return conn


def _kill_when(proc: subprocess.Popen, ready) -> None:
    end = time.monotonic() + DEADLINE
    while not ready() and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.01)
    assert proc.poll() is None, "it ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _wal_grew(db: Path, size: int):
    wal = Path(f"{db}-wal")
    return lambda: wal.exists() and wal.stat().st_size > size


def test_a_killed_replace_loses_no_clip(tmp_path):
    folder = tmp_path / "scrape"
    files = make_corpus(folder, N_FILES)
    db = tmp_path / "a.db"
    assert Clip(db)("import", str(folder), "--tag", "kept").exit_code == 0
    for f in files:
        f.write_bytes(f.read_bytes() + ADDED_LINE.encode("utf-8"))
    wal = Path(f"{db}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    proc = _run(db, "import", str(folder), "--json")
    _kill_when(proc, _wal_grew(db, size))  # killed while its batches are being written

    conn = _sound(db)
    # Every file is one clip: its old version or its new one, never none or both.
    assert conn.execute("select count(distinct path), count(*) from clips").fetchone() == (
        N_FILES,
        N_FILES,
    )
    replaced = conn.execute("select count(*) from clip_history").fetchone()[0]
    new = conn.execute("select count(*) from clips where raw like '%later toe%'").fetchone()[0]
    assert replaced == new < N_FILES
    assert conn.execute("select count(*) from clip_tags where tag = 'kept'").fetchone() == (
        N_FILES,
    )
    conn.close()
    rerun = _run(db, "import", str(folder), "--json")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert json.loads(out)["replaced_count"] == N_FILES - new
    conn = _sound(db)
    assert conn.execute("select count(*) from clip_history").fetchone() == (N_FILES,)
    conn.close()


def test_a_killed_remove_removes_all_or_nothing(tmp_path):
    folder = tmp_path / "scrape"
    make_corpus(folder, N_FILES)
    db = tmp_path / "a.db"
    assert Clip(db)("import", str(folder)).exit_code == 0
    wal = Path(f"{db}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    proc = _run(db, "remove", "--query", "clip", "--yes")
    _kill_when(proc, _wal_grew(db, size))

    conn = _sound(db)
    clips, history = conn.execute(
        "select (select count(*) from clips), (select count(*) from clip_history)"
    ).fetchone()
    # One transaction: all of it landed, or (killed before the commit) none of it.
    assert (clips, history) in ((N_FILES, 0), (0, N_FILES))
    conn.close()
