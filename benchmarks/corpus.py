"""Generated archives for the search and export benchmarks: clips recombined from the
seeds' paragraphs, written with plain SQL into a real archive (``store.Archive``) with the
analysed terms the import pipeline would store. (Import speed itself is measured by
ingest.py, on generated files.)"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive.analysis import terms  # noqa: E402
from clipping_archive.ingest import prepare_file  # noqa: E402


@dataclass(frozen=True)
class SeedParagraph:
    text: str
    language: str | None  # the paragraph's own language
    clip_language: str | None  # the language of the seed clip it came from
    terms: str  # its analysed terms, as clips_fts stores them


def seed_paragraphs() -> list[SeedParagraph]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        clip = prepare_file(path)
        out.extend(
            SeedParagraph(p.text, p.language, clip.language, " ".join(terms(p.text, p.language)))
            for p in clip.paragraphs
        )
    return out


def by_clip_language(pool: list[SeedParagraph]) -> dict[str | None, list[SeedParagraph]]:
    grouped: dict[str | None, list[SeedParagraph]] = {}
    for item in pool:
        grouped.setdefault(item.clip_language, []).append(item)
    return grouped


def insert_batch(conn, clips: list[dict], fts_tables: dict[str, list[tuple]]) -> None:
    """One transaction: clips rows (all with the same keys) and (rowid, title, body) rows
    for each FTS5 table named."""
    if not clips:
        return
    columns = list(clips[0])
    with conn:  # one transaction: committed, or rolled back
        conn.executemany(
            f"INSERT INTO clips ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[row[c] for c in columns] for row in clips],
        )
        for table, rows in fts_tables.items():
            conn.executemany(f"INSERT INTO {table} (rowid, title, body) VALUES (?,?,?)", rows)
