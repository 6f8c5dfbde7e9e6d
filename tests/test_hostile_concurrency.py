"""Two imports and a reindex at once wait their turn: no batch half done, every clip
exactly once, no 'database is locked'."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

from conftest import SEED_FILES, SEEDS, make_corpus

HELD_SECONDS = 4


def test_two_imports_and_a_reindex_at_once(tmp_path):
    folders = []
    for n in range(2):
        folder = tmp_path / f"corpus{n}"
        make_corpus(folder, 300)
        folders.append(folder)
    db = tmp_path / "a.db"
    clip = [sys.executable, "-m", "clipping_archive", "--db", str(db)]
    subprocess.run([*clip, "import", str(folders[0] / "batch0")], check=True, capture_output=True)
    procs = [
        subprocess.Popen(
            [*clip, "import", str(f), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    procs.append(
        subprocess.Popen(
            [*clip, "reindex"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    )
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-300:] for o in outs]
    reports = [json.loads(o[0]) for o in outs[:2]]
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        clips = conn.execute("select count(*) from clips").fetchone()[0]
        fts = conn.execute("select count(*) from clips_fts").fetchone()[0]
    # Both folders hold the same 300 texts: one import adds what the other did not.
    assert clips == fts == 300
    assert sum(r["added"] for r in reports) + 100 == 300 or clips == 300


def test_an_import_waits_for_a_writer_holding_the_lock(tmp_path):
    db = tmp_path / "a.db"
    clip = [sys.executable, "-m", "clipping_archive", "--db", str(db)]
    subprocess.run([*clip, "import", str(SEED_FILES[0])], check=True, capture_output=True)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    holder.execute("UPDATE archive_meta SET value = value")
    importing = subprocess.Popen(
        [*clip, "import", str(SEEDS), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(HELD_SECONDS)  # longer than a deferred transaction's upgrade ever waits
    assert importing.poll() is None, importing.communicate()  # still waiting its turn
    holder.execute("COMMIT")
    holder.close()
    out, err = importing.communicate(timeout=120)
    assert importing.returncode == 0, err
    assert json.loads(out)["added"] == len(SEED_FILES) - 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from clips").fetchone()[0] == len(SEED_FILES)
