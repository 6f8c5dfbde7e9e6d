"""Two imports and a reindex at once wait their turn: no batch half done, every clip
exactly once, no 'database is locked'."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from conftest import make_corpus


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
