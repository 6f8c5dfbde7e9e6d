"""The archive at a glance: counts by language, by month, by source; size on disk."""

from __future__ import annotations

from pathlib import Path

from clipping_archive.store import Archive

UNKNOWN = "unknown"
SIDE_FILES = ("-wal", "-shm")  # SQLite's write-ahead log lives beside the archive


def archive_stats(archive: Archive) -> dict:
    db = archive.db

    def counts(expr: str) -> dict:
        sql = f"SELECT {expr} AS k, count(*) AS n FROM clips GROUP BY k ORDER BY n DESC, k"
        return {(k if k is not None else UNKNOWN): n for k, n in db.execute(sql).fetchall()}

    # Chronological, with undated clips ("unknown") last rather than first.
    months = db.execute(
        "SELECT substr(date, 1, 7) AS k, count(*) FROM clips GROUP BY k ORDER BY k IS NULL, k"
    ).fetchall()
    first, last, source_bytes = db.execute(
        "SELECT min(date_start), max(date_end), coalesce(sum(size_bytes), 0) FROM clips"
    ).fetchone()
    return {
        "clips": archive.count(),
        "by_language": counts("language"),
        "by_month": {(k if k is not None else UNKNOWN): n for k, n in months},
        "by_source": counts("source"),
        # A date that stands for no days (none, or unreadable) cannot be placed in time.
        "undated": db.execute("SELECT count(*) FROM clips WHERE date_start IS NULL").fetchone()[0],
        "first_date": first,
        "last_date": last,
        "source_bytes": source_bytes,
        "size_on_disk": size_on_disk(archive.path),
        "analyzer_version": archive.meta("analyzer_version"),
    }


def size_on_disk(path: Path) -> int:
    """Bytes of the archive file plus its write-ahead log, as `du` would count them."""
    files = [path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)]
    return sum(f.stat().st_size for f in files if f.exists())


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000:
            return f"{n} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"
