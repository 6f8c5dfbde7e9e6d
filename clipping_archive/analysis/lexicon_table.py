"""The lexicons as one SQLite table a language, in the user's cache, looked up a word at
a time: what a short-lived process (a `clip search`) wants instead of loading whole
dictionaries to analyse a few words.

One row a word the dictionary or the frequency list knows: its lemma (NULL when the
dictionary has no entry for it), whether it is itself a lemma, its frequency rank. The
file is built once from simplemma and wordfreq and named by the versions of
clipping-archive, simplemma and wordfreq (and of this layout), so an upgrade of any of
them builds a new one; the key is also stored inside the file and checked on opening.

It is written as a temporary file and renamed into place, so a reader never sees half a
table and two processes building at once each rename a complete, identical file. Where
the cache cannot be written (a read-only home), a private folder in the temporary
directory is used; where neither can, the caller loads the dictionaries into memory.

This is a private cache file, not the archive: the archive's SQL lives in storage/.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from clipping_archive.analysis.lexicon import MemoryLexicon

# Bump when the table's layout or what goes into it changes (RANKED_WORDS is in the key).
TABLE_FORMAT = 1
_ABSENT: tuple[str | None, int, int] = (None, 0, 0)
# Rows remembered a process (a long-lived `clip serve` analyses many distinct words):
# ~100 bytes each, so at most ~10 MB before the memo starts over.
MAX_REMEMBERED = 1 << 17
# A temporary file left by a build that was killed is removed after this long.
STALE_TEMP_SECONDS = 3600


def table_key(language: str) -> str:
    """What the table of ``language`` is built from; a change in any part rebuilds it."""
    from importlib.metadata import version

    from clipping_archive import __version__
    from clipping_archive.analysis.lexicon import RANKED_WORDS

    return (
        f"{language}-clipping-archive-{__version__}-simplemma-{version('simplemma')}"
        f"-wordfreq-{version('wordfreq')}-top{RANKED_WORDS}-format{TABLE_FORMAT}"
    )


def cache_dirs() -> list[Path]:
    """Where tables may live, in order of preference: the user's cache directory
    (XDG_CACHE_HOME or ~/.cache), then a private folder in the temporary directory."""
    dirs = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    dirs.append(base / "clipping-archive")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    dirs.append(Path(tempfile.gettempdir()) / f"clipping-archive-{uid}")
    return dirs


class TableLexicon:
    """Lookups in one language's table; each word's row is remembered, so a word asked
    about twice (lemma, then frequency) costs one query."""

    def __init__(self, path: Path, key: str):
        self.path = path
        self.key = key
        self._lock = threading.Lock()  # one connection, shared by `clip serve`'s threads
        self._rows: dict[str, tuple[str | None, int, int]] = {}
        self._connect()

    def _connect(self) -> None:
        # immutable: the file is never changed in place (a new one is renamed over it and
        # this handle keeps the old), so SQLite need not lock or check it on every read.
        uri = f"file:{quote(str(self.path))}?mode=ro&immutable=1"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._pid = os.getpid()
        row = self._conn.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        if row is None or row[0] != self.key:
            self._conn.close()
            raise sqlite3.DatabaseError(f"{self.path}: built for another version")

    def close(self) -> None:
        self._conn.close()

    def _row(self, word: str) -> tuple[str | None, int, int]:
        row = self._rows.get(word)
        if row is not None:
            return row
        with self._lock:
            if self._pid != os.getpid():  # forked: a connection is not to be shared
                self._connect()
            try:
                row = self._conn.execute(
                    "SELECT lemma, is_lemma, rank FROM words WHERE word = ?", (word,)
                ).fetchone()
            except UnicodeEncodeError:  # a lone surrogate: no word of any list
                row = None
        row = row or _ABSENT
        if len(self._rows) >= MAX_REMEMBERED:
            self._rows.clear()
        self._rows[word] = row
        return row

    def lemma(self, word: str) -> str | None:
        return self._row(word)[0]

    def known(self, word: str) -> bool:
        return self._row(word)[0] is not None

    def is_lemma(self, word: str) -> bool:
        return bool(self._row(word)[1])

    def frequency(self, word: str) -> int:
        return self._row(word)[2]


def open_table(language: str) -> TableLexicon | None:
    """The table of ``language``, built first if no cache directory has a current one;
    None when none can be read or written anywhere (the caller loads it into memory)."""
    key = table_key(language)
    dirs = cache_dirs()
    for folder in dirs:
        if (found := _open_existing(folder / f"lexicon-{key}.sqlite", key)) is not None:
            return found
    memory: MemoryLexicon | None = None
    for folder in dirs:
        if not _usable(folder):
            continue
        memory = memory or MemoryLexicon(language)
        path = folder / f"lexicon-{key}.sqlite"
        try:
            write_table(path, memory, key)
        except (OSError, sqlite3.Error):
            continue
        if (found := _open_existing(path, key)) is not None:
            return found
    return None


def ensure_table(language: str, memory: MemoryLexicon) -> None:
    """Write the table of ``language`` from dicts already loaded, unless a current one
    exists; quietly nothing when no cache directory can be written."""
    key = table_key(language)
    for folder in cache_dirs():
        path = folder / f"lexicon-{key}.sqlite"
        if (found := _open_existing(path, key)) is not None:
            found.close()
            return
        if not _usable(folder):
            continue
        try:
            write_table(path, memory, key)
            return
        except (OSError, sqlite3.Error):
            continue


def _open_existing(path: Path, key: str) -> TableLexicon | None:
    if not path.is_file():
        return None
    try:
        return TableLexicon(path, key)
    except (OSError, sqlite3.Error):
        return None  # truncated, corrupt or another version's: built again


def _usable(folder: Path) -> bool:
    """The folder exists (created if not) and is ours to write: in a shared temporary
    directory, a folder someone else made (or a link) is not used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return folder.is_dir() and not folder.is_symlink() and os.access(folder, os.W_OK | os.X_OK)


def write_table(path: Path, memory: MemoryLexicon, key: str) -> None:
    """Write the table to a temporary file beside ``path`` and rename it into place."""
    fd, temp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")  # a temporary file: no rollback needed
            conn.execute("PRAGMA synchronous = OFF")  # fsync'ed once, below
            conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(
                "CREATE TABLE words (word TEXT PRIMARY KEY, lemma TEXT,"
                " is_lemma INTEGER NOT NULL, rank INTEGER NOT NULL) WITHOUT ROWID"
            )
            conn.executemany("INSERT INTO words VALUES (?, ?, ?, ?)", _rows(memory))
            conn.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
            conn.commit()
        finally:
            conn.close()
        with open(temp, "rb") as f:
            os.fsync(f.fileno())  # complete on disk before the name points at it
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _remove_stale(path)


def _rows(memory: MemoryLexicon) -> list[tuple[str, str | None, int, int]]:
    """Every word of the dictionary (forms and lemmas) and of the frequency list, sorted
    as the primary key is (code points = UTF-8 bytes), so the b-tree is written in order."""
    lemmas = {form.decode(): found.decode() for form, found in memory.table.items()}
    words = set(lemmas)
    words.update(w.decode() for w in memory.lemmas)
    words.update(memory.ranks)
    return [
        (word, lemmas.get(word), int(word.encode() in memory.lemmas), memory.ranks.get(word, 0))
        for word in sorted(words)
    ]


def _remove_stale(current: Path) -> None:
    """Tables of other versions of the same language, and temporary files left by a
    killed build, are removed (best effort: another process may be reading one, which
    keeps its open handle)."""
    language = current.name.split("-")[1]
    now = time.time()
    for other in current.parent.glob(f"lexicon-{language}-*"):
        if other == current:
            continue
        try:
            if other.suffix == ".sqlite" or now - other.stat().st_mtime > STALE_TEMP_SECONDS:
                other.unlink()
        except OSError:
            pass
