"""The archive at a glance: counts by language, by month, by source; size on disk."""

from __future__ import annotations

UNKNOWN = "unknown"


def archive_stats(store) -> dict:
    summary = store.summary()

    def named(rows: list[tuple]) -> dict:
        return {(k if k is not None else UNKNOWN): n for k, n in rows}

    return {
        "clips": summary["clips"],
        "by_language": named(summary["by_language"]),
        "by_month": named(summary["by_month"]),
        "by_source": named(summary["by_source"]),
        # A date that stands for no days (none, or unreadable) cannot be placed in time.
        "undated": summary["undated"],
        "first_date": summary["first_date"],
        "last_date": summary["last_date"],
        "source_bytes": summary["source_bytes"],
        "size_on_disk": store.size_on_disk(),
        "analyzer_version": store.meta("analyzer_version"),
    }


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000:
            return f"{n} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"
