"""How many stories match: the matching clips with the copies of one story (a
near-duplicate cluster) counted once, as `clip search --collapse` shows them.

Built on ``Archive.export_rows`` (its ``cluster`` column names each clip's story; a clip
in no cluster is a story of its own), so no snippet is made and no hit is ranked for
show. The integrator may move it behind ``Archive.count(..., collapse=True)``.
"""

from __future__ import annotations


def count_stories(archive, query: str | None = None, **filters) -> int:
    stories: set[tuple[str, str]] = set()
    for row in archive.export_rows(query, ("id", "cluster"), **filters):
        cluster = row.get("cluster")
        stories.add(("cluster", cluster) if cluster else ("clip", row["id"]))
    return len(stories)
