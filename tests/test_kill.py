"""A real `clip import` killed with SIGKILL mid-run leaves a sound archive of whole clips,
and running the same import again ends with every clip exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, make_corpus

N_FILES = 2000
DEADLINE = 60.0  # seconds: only reached if the import never commits (a real failure)


def _clips(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("select count(*) from clips").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def _import(db: Path, folder: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clipping_archive",
            "--db",
            str(db),
            "import",
            str(folder),
            "--json",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: we can clean up its workers
        **kwargs,
    )


def _group_gone(pgid: int, wait: float = 10.0) -> bool:
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_sigkill_mid_import_leaves_whole_clips_and_rerun_completes(tmp_path):
    folder = tmp_path / "scrape"
    files = make_corpus(folder, N_FILES)
    db = tmp_path / "archive.db"

    proc = _import(db, folder)
    try:
        end = time.monotonic() + DEADLINE
        while _clips(db) == 0 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        assert proc.poll() is None, "the import ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the importing process only: workers must follow
        proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        assert _group_gone(proc.pid), "worker processes outlived the killed import"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into clips_fts(clips_fts) values('integrity-check')")  # raises if not
    stored = conn.execute("select count(*) from clips").fetchone()[0]
    assert 0 < stored < N_FILES, "killed mid-run: some batches in, not all"
    # No half-stored clip: each clips row has its FTS row and each FTS row its clip.
    assert conn.execute(
        "select count(*) from clips where seq not in (select rowid from clips_fts)"
    ).fetchone() == (0,)
    assert conn.execute(
        "select count(*) from clips_fts where rowid not in (select seq from clips)"
    ).fetchone() == (0,)
    # Clusters are written in the same transactions: consistent with the clips stored.
    assert conn.execute(
        "select count(*) from clips where seq not in (select seq from clip_cluster)"
    ).fetchone() == (0,)
    assert conn.execute(
        "select count(*) from clip_cluster where seq not in (select seq from clips)"
    ).fetchone() == (0,)
    conn.close()

    rerun = _import(db, folder)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["added"] == N_FILES - stored and report["duplicates"] == 0
    # The import log was written in the same transactions as the clips: every stored
    # clip's file is known unchanged and skipped unread, no other file is.
    assert report["unchanged"] == stored
    assert report["rejected"] == []

    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into clips_fts(clips_fts) values('integrity-check')")
    rows = conn.execute("select path, count(*) from clips group by content_hash").fetchall()
    assert len(rows) == N_FILES and all(n == 1 for _, n in rows)
    assert sorted(path for path, _ in rows) == sorted(str(f) for f in files)
    fts = conn.execute("select count(*) from clips_fts").fetchone()[0]
    assert fts == N_FILES
    clustered = conn.execute("select count(*) from clip_cluster").fetchone()[0]
    assert clustered == N_FILES


def test_ctrl_c_mid_import_exits_130_with_its_message(tmp_path):
    # Ctrl-C in a shell sends SIGINT to the whole foreground process group: the import
    # and its workers. A script must see the import did not finish: exit 130 (128 +
    # SIGINT), as a shell expects, not 0; what was committed stays, and the message says
    # how to finish.
    folder = tmp_path / "scrape"
    make_corpus(folder, N_FILES)
    db = tmp_path / "archive.db"
    proc = _import(db, folder)
    try:
        end = time.monotonic() + DEADLINE
        while _clips(db) == 0 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        assert proc.poll() is None, "the import ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=DEADLINE)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == 130, err.decode()
    assert "interrupted:" in err.decode() and "run the same import again" in err.decode()
    assert b"Traceback" not in err and out == b""  # no report: the import did not end
    assert _group_gone(proc.pid), "worker processes outlived the interrupted import"
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert 0 < conn.execute("select count(*) from clips").fetchone()[0] < N_FILES
    conn.close()
