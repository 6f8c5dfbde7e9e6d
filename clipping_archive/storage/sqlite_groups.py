"""Every clip's group -- (language, source, date, date_start, date_end), what the search
page's total, facets and timeline count -- held in memory per archive file, so that the
overview of a query is its matching seqs (one FTS5 pass: no join, no sort) counted by
group in Python.

Why: grouping the matches in SQL sorts them by five text columns. On 100k clips, a query
matching a third of them took 45 ms that way, 30 ms of it the sort (the walk of the
matches and the look-up of each in an index, 9 ms); reading the matching seqs takes 2 ms
and counting them here 4 ms. The groups of the clips change rarely, so they are read
once and kept between requests.

Fresh as of each call (`groups_for`):

- a new clip is a new seq beyond those held: read when max(seq) has grown, and again
  when a match names a seq not held (a clip committed between the two statements);
- a clip whose group changes in place, or that is deleted, bumps the archive's
  ``groups_generation`` (triggers of migration 0008, so an edit made with the sqlite3
  shell or sqlite-utils counts too): the groups are then read afresh.

The table is an array indexed by seq (4 bytes a clip); an archive whose seqs are too
sparse for that (rows inserted by hand with huge seqs) is not held: None, and the
caller groups in SQL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from array import array
from collections import Counter
from pathlib import Path

GENERATION_KEY = "groups_generation"
GROUP_COLUMNS = ("language", "source", "date", "date_start", "date_end")
NO_CLIP = -1  # by_seq at a seq with no clip held
SPARSE_SLACK = 1_000_000  # seqs beyond 2x the clips (plus this) are too sparse to hold
_SELECT = f"SELECT seq, {', '.join(GROUP_COLUMNS)} FROM clips"


class ClipGroups:
    """seq -> group id -> group, for one archive file as of one generation."""

    def __init__(self, generation: str | None):
        self.generation = generation
        self.groups: list[tuple] = []  # group id -> (language, source, date, start, end)
        self._ids: dict[tuple, int] = {}
        self._values: dict = {}  # one str object per distinct value, shared by the groups
        self.by_seq = array("i")  # seq -> group id, NO_CLIP where none is held
        self.high = 0  # the highest seq read (held or not: a deleted one leaves a gap)

    def add(self, rows) -> None:
        """Holds (seq, language, source, date, date_start, date_end) rows."""
        for seq, *group in rows:
            self._place([seq], self._id(group))

    def add_grouped(self, rows) -> None:
        """Holds (language, source, date, date_start, date_end, "seq,seq,...") rows: the
        whole archive, read grouped (a walk of idx_clips_groups, in group order), as one
        row a clip costs ten times as much in Python."""
        for *group, listed in rows:
            self._place(list(map(int, listed.split(","))), self._id(group))

    def _id(self, group: list) -> int:
        values = self._values
        key = tuple([values.setdefault(v, v) for v in group])
        gid = self._ids.get(key)
        if gid is None:
            gid = self._ids[key] = len(self.groups)
            self.groups.append(key)
        return gid

    def _place(self, seqs: list[int], gid: int) -> None:
        by_seq, top = self.by_seq, max(seqs)
        if top >= len(by_seq):
            by_seq.extend([NO_CLIP] * (top + 1 - len(by_seq)))
        for seq in seqs:
            by_seq[seq] = gid
        self.high = max(self.high, top)

    def counts(self, seqs: list[int]) -> Counter | None:
        """Clips per group id; None when a seq is not held."""
        try:
            counted = Counter(map(self.by_seq.__getitem__, seqs))
        except IndexError:  # beyond the array: a clip newer than the table
            return None
        return None if NO_CLIP in counted else counted

    def counts_held(self, seqs: list[int]) -> Counter:
        """Clips per group id, leaving out seqs with no clip held (the slow path, after
        `fill_missing`: a match with no clip row is one a join would drop too)."""
        by_seq, size = self.by_seq, len(self.by_seq)
        counted = Counter(by_seq[s] if s < size else NO_CLIP for s in seqs)
        counted.pop(NO_CLIP, None)
        return counted

    def rows(self, counted: Counter) -> list[tuple]:
        """As ``match_groups`` returns them: (language, source, date, start, end, clips)."""
        groups = self.groups
        return [(*groups[gid], n) for gid, n in counted.items() if gid != NO_CLIP]


_held: dict[tuple, ClipGroups] = {}
_lock = threading.Lock()


def _identity(path: Path) -> tuple:
    # By inode too: an archive replaced by a new file under the same name is another one.
    st = os.stat(path)
    return (str(path.resolve()), st.st_dev, st.st_ino)


def _state(db: sqlite3.Connection) -> tuple[str | None, int]:
    """(generation, highest seq), in one statement: one snapshot."""
    generation, high = db.execute(
        "SELECT (SELECT value FROM archive_meta WHERE key = ?), (SELECT max(seq) FROM clips)",
        [GENERATION_KEY],
    ).fetchone()
    return generation, high or 0


def _has_generation(db: sqlite3.Connection) -> bool:
    found = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        ["clips_groups_changed"],
    ).fetchone()[0]
    return bool(found)


def groups_for(db: sqlite3.Connection, path: Path) -> ClipGroups | None:
    """The groups of ``path``'s clips, fresh as of now (read or brought up to date as
    needed); None when they cannot be held (see the module's docstring)."""
    key = _identity(path)
    generation, high = _state(db)
    with _lock:
        held = _held.get(key)
        if (
            held is not None
            and held.generation == generation
            and held.high <= high <= held.high + SPARSE_SLACK
        ):
            if held.high < high:
                held.add(db.execute(f"{_SELECT} WHERE seq > ? ORDER BY seq", [held.high]))
            return held
        return _read_all(db, key)


def _read_all(db: sqlite3.Connection, key: tuple) -> ClipGroups | None:
    """Reads every clip's group afresh (called holding the lock)."""
    _held.pop(key, None)
    if not _has_generation(db):
        return None  # no trigger would tell of a change in place: never held
    generation, high = _state(db)
    clips = db.execute("SELECT count(*) FROM clips").fetchone()[0]
    if high > 2 * clips + SPARSE_SLACK:
        return None
    held = ClipGroups(generation)
    columns = ", ".join(GROUP_COLUMNS)
    held.add_grouped(
        db.execute(f"SELECT {columns}, group_concat(seq) FROM clips GROUP BY {columns}")
    )
    _held[key] = held
    return held


def fill_missing(db: sqlite3.Connection, held: ClipGroups, seqs: list[int]) -> None:
    """Reads the groups of ``seqs`` not held yet: clips committed since ``held`` was
    last brought up to date (the newest by seq, any others one by one)."""
    with _lock:
        held.add(db.execute(f"{_SELECT} WHERE seq > ? ORDER BY seq", [held.high]))
        size = len(held.by_seq)
        missing = sorted({s for s in seqs if s >= size or held.by_seq[s] == NO_CLIP})
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            held.add(db.execute(f"{_SELECT} WHERE seq IN ({marks})", chunk))
