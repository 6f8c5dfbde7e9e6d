"""An Archive handle for the thread serving a request, on a file or a server; and which
of Datasette's databases is a clipping archive.

Each worker thread keeps one read-only Archive per archive. SQLite in WAL mode gives
every statement of such a connection the newest committed data, and PostgreSQL every
statement outside a transaction, so a clip imported while the server runs shows in the
next request; a file replaced under the same name (a new archive) is noticed by its
inode and opened afresh."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from clipping_archive.archive import Archive
from clipping_archive.errors import ClipError

PLUGIN_NAME = "clipping_archive"

LANGUAGES_TTL_S = 30.0

_local = threading.local()
_languages: dict[str, tuple[float, list[str]]] = {}
_checked: dict[str, tuple[tuple[int, int, int], bool]] = {}
_checked_lock = threading.Lock()
_generations: dict[str, int] = {}  # location -> times its handles were let go of
_opened: dict[str, list[Archive]] = {}  # every thread's handles, for close_archives


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def is_archive(path: str | Path | None) -> bool:
    """Whether a database file is a clipping archive (cached until the file changes).
    Decided by an Archive handle, so a file that is not one is never touched."""
    if not path:
        return False
    path = Path(path)
    stamp = _stamp(path)
    if stamp is None:
        return False
    with _checked_lock:
        known = _checked.get(str(path))
    if known and known[0] == stamp:
        return known[1]
    try:
        archive = Archive(path, readonly=True)
        try:
            _ = archive.store  # refuses a file that is not an archive, reading only
        finally:
            archive.close()
        answer = True
    except ClipError:
        answer = False
    with _checked_lock:
        _checked[str(path)] = (stamp, answer)
    return answer


def archive_database(datasette) -> tuple[str, Path] | None:
    """(name, path) of the archive: the database named in the plugin's settings
    (``plugins: clipping_archive: database: NAME``), else the first that is an archive."""
    config = datasette.plugin_config(PLUGIN_NAME) or {}
    wanted = config.get("database")
    for name, db in datasette.databases.items():
        if wanted and name != wanted:
            continue
        if db.path and is_archive(db.path):
            return name, Path(db.path)
    return None


def archive_for_thread(location: str | Path) -> Archive:
    """A read-only Archive on ``location`` (a file, or a server URL) for the calling
    thread, reused between requests. A file replaced under the same name is a new
    archive (its inode tells); a server's handles are all reopened after any of them
    failed (``forget_archive``: a server restarted drops every connection)."""
    handles: dict[str, tuple] = _local.__dict__.setdefault("handles", {})
    key = str(location)
    generation = _generations.get(key, 0)
    held = handles.get(key)
    if held is not None:
        archive, held_identity, held_generation = held
        fresh = archive.path is None or _identity(archive.path) == held_identity
        if fresh and held_generation == generation:
            return archive
        _close(archive)
        del handles[key]
        with _checked_lock:
            if archive in _opened.get(key, ()):
                _opened[key].remove(archive)
    archive = Archive(location, readonly=True)
    identity = None
    if archive.path is not None:
        identity = _identity(archive.path)
        if identity is None:
            raise ClipError(f"no archive at {archive.location}")
    _ = archive.store  # opens now: what is not an archive fails here, and is never made one
    handles[key] = (archive, identity, generation)
    with _checked_lock:
        _opened.setdefault(key, []).append(archive)
    return archive


def close_archives(location: str | Path) -> None:
    """Closes every thread's handle on ``location`` (a server shutting down: a team
    server's connections are not left to time out); a thread asked again opens anew.
    Only when no request is running on them (both backends allow closing a read-only
    handle from another thread)."""
    key = str(location)
    with _checked_lock:
        _generations[key] = _generations.get(key, 0) + 1
        handles = _opened.pop(key, [])
    for archive in handles:
        _close(archive)


def forget_archive(location: str | Path) -> None:
    """After a StorageError on ``location`` (a server restarted, a connection dropped):
    this thread's handle is closed, and every other thread's is reopened at its next
    request (each closes its own: an SQLite connection belongs to its thread)."""
    key = str(location)
    with _checked_lock:
        _generations[key] = _generations.get(key, 0) + 1
    held = _local.__dict__.get("handles", {}).pop(key, None)
    if held is not None:
        _close(held[0])


def _close(archive: Archive) -> None:
    try:
        archive.close()
    except ClipError:
        pass  # already broken: letting go of it is all that was asked


def _identity(path: Path) -> tuple[int, int] | None:
    stamp = _stamp(path)
    return stamp[:2] if stamp else None


def archive_languages(archive: Archive) -> list[str]:
    """The archive's languages (for the language menu), remembered for LANGUAGES_TTL_S:
    counting them is a scan of an index on every page otherwise."""
    key = archive.location
    now = time.monotonic()
    held = _languages.get(key)
    if held is None or now - held[0] > LANGUAGES_TTL_S:
        held = (now, archive.languages())
        _languages[key] = held
    return held[1]


def close_thread_archives() -> None:
    for archive, *_ in _local.__dict__.pop("handles", {}).values():
        _close(archive)
