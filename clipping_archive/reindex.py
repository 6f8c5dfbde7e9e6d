"""Rebuilding the search index after the analysis changed (a new ANALYZER_VERSION: new
rules, or a stemmer upgrade that changes stems).

The analysed text is derived data: it is recomputed from each clip's stored title and
clean body, with the paragraph languages detected again exactly as at import. The whole
rebuild is one transaction, so an interrupted reindex leaves the old index in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from clipping_archive.analysis import ANALYZER_VERSION, index_text
from clipping_archive.language import detect_paragraphs, paragraph_languages
from clipping_archive.store import Archive


@dataclass(frozen=True)
class ReindexReport:
    clips: int
    old_version: str | None
    new_version: str


def stale_index_warning(archive: Archive) -> str | None:
    """One line for stderr when the archive was indexed by another analyzer version."""
    stored = archive.meta("analyzer_version")
    if stored == ANALYZER_VERSION:
        return None
    return (
        f"warning: the index was built by analyzer {stored or 'unknown'}, this is "
        f"{ANALYZER_VERSION}; results may be incomplete until you run `clip reindex`"
    )


def index_row(clip: dict) -> tuple[str, str, str]:
    """(title terms, body terms, languages JSON) for one clips row, as ingest makes them."""
    language = clip.get("language")
    paragraphs = detect_paragraphs(clip.get("body") or "", language)
    return (
        *index_text(clip.get("title"), paragraphs, language),
        json.dumps(paragraph_languages(paragraphs)),
    )


BATCH = 500  # clips read at a time: bodies of a large archive do not fit in memory at once


def _batches(archive: Archive) -> Iterator[list[dict]]:
    last = -1
    while True:
        batch = list(
            archive.db.query(
                "SELECT seq, title, body, language FROM clips WHERE seq > ? ORDER BY seq LIMIT ?",
                [last, BATCH],
            )
        )
        if not batch:
            return
        yield batch
        last = batch[-1]["seq"]


def reindex(archive: Archive, on_clip: Callable[[int], None] | None = None) -> ReindexReport:
    old = archive.meta("analyzer_version")
    count = 0
    with archive.db.atomic():
        archive.db.execute("DELETE FROM clips_fts")
        for batch in _batches(archive):
            for clip in batch:
                title_terms, body_terms, languages = index_row(clip)
                archive.db.execute(
                    "INSERT INTO clips_fts (rowid, title, body) VALUES (?, ?, ?)",
                    [clip["seq"], title_terms, body_terms],
                )
                # Paragraph languages are what snippets analyse with: keep them in step.
                archive.db.execute(
                    "UPDATE clips SET languages = ? WHERE seq = ?", [languages, clip["seq"]]
                )
                count += 1
                if on_clip:
                    on_clip(count)
        archive.db.execute("INSERT INTO clips_fts (clips_fts) VALUES ('optimize')")
        archive.set_meta("analyzer_version", ANALYZER_VERSION)
    return ReindexReport(count, old, ANALYZER_VERSION)
