"""The archive at a glance: counts by language, by month, by source."""

from __future__ import annotations

from clipping_archive.store import Archive


def archive_stats(archive: Archive) -> dict:
    db = archive.db

    def counts(expr: str) -> dict:
        sql = f"SELECT {expr} AS k, count(*) AS n FROM clips GROUP BY k ORDER BY n DESC, k"
        return {(k if k is not None else "unknown"): n for k, n in db.execute(sql).fetchall()}

    by_month = {
        (k if k is not None else "unknown"): n
        for k, n in db.execute(
            "SELECT substr(date, 1, 7) AS k, count(*) FROM clips GROUP BY k ORDER BY k"
        ).fetchall()
    }
    return {
        "clips": archive.count(),
        "by_language": counts("language"),
        "by_month": by_month,
        "by_source": counts("source"),
        "analyzer_version": archive.meta("analyzer_version"),
    }
