"""The research workflow's tables: tags, saved searches (watches) and what each watch has
reported. Part of the SQLite backend (SQLiteStore inherits it)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager

from clipping_archive.errors import ClipError
from clipping_archive.storage.base import ClipId
from clipping_archive.storage.rows import now

SQLITE_MAX_PARAMS = 900


class SQLiteWorkflow:
    """Mixed into SQLiteStore: expects ``self.conn`` and ``self._writing()``."""

    conn: sqlite3.Connection

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError  # SQLiteStore's

    def _seqs_for_ids(self, ids: list[ClipId]) -> dict[ClipId, int]:
        """id -> seq for the archived clips among ``ids`` (seqs never leave storage)."""
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), SQLITE_MAX_PARAMS):
            chunk = unique[i : i + SQLITE_MAX_PARAMS]
            found.update(
                self.conn.execute(
                    f"SELECT id, seq FROM clips WHERE id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall()
            )
        return found

    # -- tags ------------------------------------------------------------------------

    def change_tag(self, tag: str, ids: list[ClipId], *, add: bool) -> int:
        """Tag (or untag) clips; returns how many changed. clips.tags, their JSON copy,
        is rewritten for those clips in the same transaction."""
        with self._writing():
            seqs = list(self._seqs_for_ids(ids).values())
            before = self.conn.total_changes
            sql = (
                "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) VALUES (?, ?)"
                if add
                else "DELETE FROM clip_tags WHERE tag = ? AND clip_seq = ?"
            )
            self.conn.executemany(sql, [(tag, s) for s in seqs])
            changed = self.conn.total_changes - before
            self._sync_tag_json(seqs)
        return changed

    def _add_tags_of_new_clips(self, tags_by_seq: dict[int, tuple[str, ...]]) -> None:
        """Sidecar tags of clips just stored (inside the import's transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO clip_tags (tag, clip_seq) VALUES (?, ?)",
            [(tag, seq) for seq, tags in tags_by_seq.items() for tag in tags],
        )

    def _sync_tag_json(self, seqs: list[int]) -> None:
        self.conn.executemany(
            "UPDATE clips SET tags = (SELECT coalesce(json_group_array(tag), '[]') FROM "
            "(SELECT tag FROM clip_tags WHERE clip_seq = ? ORDER BY tag)) WHERE seq = ?",
            [(s, s) for s in seqs],
        )

    def tag_counts(self) -> list[tuple[str, int]]:
        return self.conn.execute(
            "SELECT tag, count(*) FROM clip_tags GROUP BY tag ORDER BY count(*) DESC, tag"
        ).fetchall()

    # -- watches ---------------------------------------------------------------------

    def add_watch(self, name: str, query: str, filters: dict) -> None:
        with self._writing():
            exists = self.conn.execute("SELECT 1 FROM watches WHERE name = ?", [name]).fetchone()
            if exists:
                raise ClipError(f"a watch named {name!r} exists: remove it first")
            self.conn.execute(
                "INSERT INTO watches (name, query, filters, created_at) VALUES (?, ?, ?, ?)",
                [name, query, json.dumps(filters, ensure_ascii=False), now()],
            )

    def remove_watch(self, name: str) -> bool:
        with self._writing():
            gone = self.conn.execute("DELETE FROM watches WHERE name = ?", [name]).rowcount
            self.conn.execute("DELETE FROM watch_seen WHERE watch = ?", [name])
        return bool(gone)

    def watches(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT w.name, w.query, w.filters, w.created_at, w.last_run_at, "
            "(SELECT count(*) FROM watch_seen s WHERE s.watch = w.name) FROM watches w "
            "ORDER BY w.name"
        ).fetchall()
        keys = ("name", "query", "filters", "created_at", "last_run_at", "reported")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        for w in out:
            w["filters"] = json.loads(w["filters"])
        return out

    def seen_by_watch(self, name: str, ids: list[ClipId]) -> set[ClipId]:
        seen: set[str] = set()
        for i in range(0, len(ids), SQLITE_MAX_PARAMS):
            chunk = ids[i : i + SQLITE_MAX_PARAMS]
            seen.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT clip_id FROM watch_seen WHERE watch = ? AND clip_id IN "
                    f"({', '.join('?' for _ in chunk)})",
                    [name, *chunk],
                )
            )
        return seen

    def remember_seen(self, name: str, ids: list[ClipId]) -> None:
        with self._writing():
            self.conn.executemany(
                "INSERT OR IGNORE INTO watch_seen (watch, clip_id) VALUES (?, ?)",
                [(name, i) for i in ids],
            )
            self.conn.execute("UPDATE watches SET last_run_at = ? WHERE name = ?", [now(), name])
