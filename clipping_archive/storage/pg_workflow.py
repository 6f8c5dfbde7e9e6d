"""Tags, saved searches (watches) and what each watch has reported, in the PostgreSQL
archive: the same behaviour as ``sqlite_workflow``. Mixed into PostgresStore (expects
``self.conn``, ``self._writing()`` and ``self._seqs_for_ids()``)."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager

import psycopg

from clipping_archive.errors import ClipError
from clipping_archive.storage.rows import now


class PgWorkflow:
    conn: psycopg.Connection

    def _writing(self) -> AbstractContextManager[psycopg.Connection]:
        raise NotImplementedError  # PostgresStore's

    def _seqs_for_ids(self, ids: list[str]) -> dict[str, int]:
        raise NotImplementedError  # PostgresStore's

    def change_tag(self, tag: str, ids: list[str], *, add: bool) -> int:
        """Tag (or untag) clips; returns how many changed. clips.tags, their JSON copy,
        is rewritten for those clips in the same transaction."""
        with self._writing() as conn:
            seqs = list(self._seqs_for_ids(ids).values())
            if add:
                changed = conn.execute(
                    "INSERT INTO clip_tags (tag, clip_seq) "
                    "SELECT %s, s FROM unnest(%s::bigint[]) s ON CONFLICT DO NOTHING",
                    [tag, seqs],
                ).rowcount
            else:
                changed = conn.execute(
                    "DELETE FROM clip_tags WHERE tag = %s AND clip_seq = ANY(%s)", [tag, seqs]
                ).rowcount
            self._sync_tag_json(conn, seqs)
        return changed

    @staticmethod
    def _sync_tag_json(conn, seqs: list[int]) -> None:
        conn.execute(
            "UPDATE clips c SET tags = coalesce((SELECT jsonb_agg(t.tag ORDER BY t.tag) "
            "FROM clip_tags t WHERE t.clip_seq = c.seq), '[]'::jsonb) WHERE c.seq = ANY(%s)",
            [seqs],
        )

    def tag_counts(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT tag, count(*) FROM clip_tags GROUP BY tag ORDER BY count(*) DESC, tag"
        ).fetchall()
        return [(t, int(n)) for t, n in rows]

    def add_watch(self, name: str, query: str, filters: dict) -> None:
        with self._writing() as conn:
            done = conn.execute(
                "INSERT INTO watches (name, query, filters, created_at) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (name) DO NOTHING",
                [name, query, json.dumps(filters, ensure_ascii=False), now()],
            ).rowcount
            if not done:
                raise ClipError(f"a watch named {name!r} exists: remove it first")

    def remove_watch(self, name: str) -> bool:
        with self._writing() as conn:
            gone = conn.execute("DELETE FROM watches WHERE name = %s", [name]).rowcount
            conn.execute("DELETE FROM watch_seen WHERE watch = %s", [name])
        return bool(gone)

    def watches(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT w.name, w.query, w.filters, w.created_at, w.last_run_at, "
            "(SELECT count(*) FROM watch_seen s WHERE s.watch = w.name) FROM watches w "
            "ORDER BY w.name COLLATE \"C\""
        ).fetchall()
        keys = ("name", "query", "filters", "created_at", "last_run_at", "reported")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        for w in out:
            w["filters"] = json.loads(w["filters"])
            w["reported"] = int(w["reported"])
        return out

    def seen_by_watch(self, name: str, ids: list[str]) -> set[str]:
        rows = self.conn.execute(
            "SELECT clip_id FROM watch_seen WHERE watch = %s AND clip_id = ANY(%s)", [name, ids]
        ).fetchall()
        return {r[0] for r in rows}

    def remember_seen(self, name: str, ids: list[str]) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO watch_seen (watch, clip_id) SELECT %s, i FROM unnest(%s::text[]) i "
                "ON CONFLICT DO NOTHING",
                [name, ids],
            )
            conn.execute("UPDATE watches SET last_run_at = %s WHERE name = %s", [now(), name])
