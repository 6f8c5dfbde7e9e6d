"""Run the real CLI as a user permissions apply to.

Tests about unreadable folders and read-only archives need a process that `chmod` binds.
As root (this suite runs as root in containers) permission bits bind nobody, so the child
drops the two capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from
its bounding set before it starts: it stays root, owns the files, and is refused by their
modes like any user."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _drop_permission_bypass() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def clip_unprivileged(db, *args: str, cwd=None) -> subprocess.CompletedProcess:
    """`clip --db DB ARGS...` in a child process that file modes bind."""
    return subprocess.run(
        [sys.executable, "-m", "clipping_archive", "--db", str(db), *args],
        preexec_fn=_drop_permission_bypass if os.geteuid() == 0 else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
