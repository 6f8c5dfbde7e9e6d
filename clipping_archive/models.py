"""The records that flow through the pipeline, one stage adding to the next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict


@dataclass(frozen=True)
class Decoded:
    """A file's text as read: the raw text is kept whole for audit."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Removed:
    """One piece of scraper debris the cleaner took out of the body."""

    rule: str
    text: str


@dataclass(frozen=True)
class Cleaned:
    body: str
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    title_derived: bool = False
    date: str | None = None  # ISO 8601 at the precision known: 2024, 2024-06, 2024-06-23
    hijri_date: str | None = None  # as written, where the clip gives one: 25 شوال 1436 هـ
    author: str | None = None
    source: str | None = None
    country: str | None = None  # the outlet's, from the archivist's sources mapping
    url: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    text: str
    language: str | None


def split_paragraphs(body: str) -> list[str]:
    """A body's paragraphs: its lines that are not blank, stripped."""
    return [text for line in body.split("\n") if (text := line.strip())]


@dataclass(frozen=True)
class Token:
    """An analysed term and where its word stands in the original text."""

    term: str
    start: int
    end: int


@dataclass(frozen=True)
class PreparedClip:
    """Everything the store needs for one clip; built without touching the database."""

    id: str
    content_hash: str
    path: str
    encoding: str
    raw: str
    body: str
    metadata: Metadata
    language: str | None
    # Each paragraph's language, in body order (None: no letters to tell by). The texts
    # are the body's (``paragraphs``): not carried twice from a worker to the writer,
    # which stores only the languages (a sixth less to pickle; pickling both ways 43 -> 28 us).
    paragraph_languages: tuple[str | None, ...]
    removed: tuple[Removed, ...]
    title_terms: str
    body_terms: str
    size_bytes: int = 0
    part_terms: str = ""  # parts of compound words, indexed beside the body
    signature: bytes | None = None  # MinHash of the body: near-duplicate clusters
    # Computed here, before storage, so no backend repeats the domain work (#21):
    date_start: str | None = None  # first and last day metadata.date stands for
    date_end: str | None = None
    languages: tuple[str, ...] = ()  # the paragraphs' languages, in order of first use

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body's paragraphs, each in its own language."""
        return tuple(map(Paragraph, split_paragraphs(self.body), self.paragraph_languages))


@dataclass(frozen=True)
class IndexRow:
    """What the index holds for one clip, computed by the library (``ingest.index_row``)
    from the clip's stored title, body and language: a reindex hands these to the backend
    (``storage.base.IndexFunction``). Here, not in storage, so ingest can build it."""

    title_terms: str
    body_terms: str
    part_terms: str
    languages: tuple[str, ...]  # the paragraphs' languages, in order of first use
    signature: bytes | None  # MinHash of the body terms (near-duplicate clusters)


@dataclass(frozen=True)
class Rejection:
    path: str
    reason: str


@dataclass(frozen=True)
class AddResult:
    """What storing one prepared clip did."""

    clip_id: str
    path: str
    duplicate_of: str | None = None  # set when the clip was already archived
    # The same file, with the same text, as the import log remembers it: not a duplicate
    # of some other file, just a file imported before.
    unchanged: bool = False
    # The same file with another text: the clip it brought in before (this id), now
    # replaced by this one and kept in the history.
    replaced: str | None = None

    @property
    def added(self) -> bool:
        return self.duplicate_of is None


class ClipRecord(TypedDict):
    """A clip, as every output gives it: ``Archive.get``, ``hit.clip``, ``export_rows``
    (all columns, or exactly those asked for), ``clip show --json`` and ``/clip/ID.json``
    (all but ``raw`` and ``stripped`` unless asked), ``clip search --json`` hits (a few
    keys). Lists are lists, flags booleans, never a backend's own column (``seq``). The
    README's table of a clip's keys is this one (tests/test_clip_shape.py holds the
    table and every output to it)."""

    id: str
    title: str | None
    title_derived: bool
    date: str | None
    date_start: str | None
    date_end: str | None
    hijri_date: str | None
    language: str | None
    languages: list[str]
    author: str | None
    source: str | None
    country: str | None
    url: str | None
    tags: list[str]
    path: str | None
    encoding: str | None
    size_bytes: int | None
    imported_at: str | None
    content_hash: str
    body: str
    raw: str
    stripped: list[dict]


CLIP_KEYS: tuple[str, ...] = tuple(ClipRecord.__annotations__)
