"""The user's cache folder: files built once from installed packages' data (the lexicon
tables, langdetect's profiles) that later processes open instead of loading the data.

Each file is named by the versions it was built from, so an upgrade builds a new one;
it is written as a temporary file and renamed into place, so a reader never sees half a
file and two processes building at once each rename a complete, identical one. Where the
user's cache cannot be written (a read-only home), a private folder in the temporary
directory is used; where neither can, callers load the data as if there were no cache.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

# A temporary file left by a build that was killed is removed after this long.
STALE_TEMP_SECONDS = 3600


def cache_dirs() -> list[Path]:
    """Where cache files may live, in order of preference: the user's cache directory
    (XDG_CACHE_HOME or ~/.cache), then a private folder in the temporary directory."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [base / "clipping-archive", Path(tempfile.gettempdir()) / f"clipping-archive-{uid}"]


def ours(folder: Path) -> bool:
    """A folder of ours (not a link to one): the only kind whose files are read. The
    temporary directory is shared, and another user could make the folder this user's
    processes would look in first, with files that decode as anything (marshal is not
    safe against crafted data)."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return stat.S_ISDIR(info.st_mode)  # lstat: a link is a link, not a folder


def readable_dirs() -> list[Path]:
    """The cache folders to read files from: ``cache_dirs()`` that exist and are ours."""
    return [folder for folder in cache_dirs() if ours(folder)]


def usable(folder: Path) -> bool:
    """The folder exists (created if not) and is ours to write: in a shared temporary
    directory, a folder someone else made (or a link) is not used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return ours(folder) and os.access(folder, os.W_OK | os.X_OK)


def write_atomically(path: Path, data: bytes, family: str) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place; then
    remove the files of other versions named ``family*`` and temporary files a killed
    build left (best effort: a process still reading one keeps it open)."""
    fd, temp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # complete on disk before the name points at it
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _remove_stale(path, family)


def _remove_stale(current: Path, family: str) -> None:
    this_version = current.name.rsplit(".", 1)[0] + "."
    now = time.time()
    for other in current.parent.glob(f"{family}*"):
        try:
            if other.suffix == ".tmp":
                if now - other.stat().st_mtime > STALE_TEMP_SECONDS:
                    other.unlink()
            elif not other.name.startswith(this_version):
                other.unlink()
        except OSError:
            pass
