"""The storage contract: what the library asks of a backend, and nothing it may assume
beyond it. ``sqlite.SQLiteStore`` (a desk archive: one SQLite file with FTS5) and
``postgres.PostgresStore`` (a team archive: a PostgreSQL database) implement it; the
conformance suite (``tests/conformance/``) runs the same tests against both, and the type
checker (``make test`` runs mypy) checks every caller against these protocols.

What crosses the contract is neutral:

- a clip is named by its **id** (``ClipId``, 16 hex characters, the same on every backend);
  a backend's row numbers (SQLite's ``seq``) never leave it;
- a **score** is higher-is-better (BM25 on both backends; SQLite's FTS5 ``rank`` is
  lower-is-better and is negated inside the backend);
- the places a query matched in a clip's body are **hit ordinals** (``Match.body_hits``:
  the n-th analysed term of the body is the n-th word of the body), never a backend's
  highlight marks;
- errors are the project's own (``errors.StorageError`` and its kin), never
  ``sqlite3.Error`` or ``psycopg.Error``;
- everything computed from a clip (date bounds, paragraph languages, terms, the MinHash
  signature) is computed before storage (``ingest``) and handed over: a backend stores
  and finds, it does not analyse.

The protocols are split by what a caller needs (clips, search, clusters, workflow); a
backend implements all four (``Store``), and ``CopyStore`` for moving a whole archive to
another backend (`clip copy`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from clipping_archive.models import AddResult, IndexRow, PreparedClip, Rejection
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import ParsedQuery

ClipId = str  # the neutral clip handle: 16 lowercase hex characters
SOURCE_FIELDS = ("source", "country", "language")  # what set_source_fields may set
FileStamp = tuple[int, int]  # (size in bytes, mtime in ns): "unchanged since"
SORTS = ("relevance", "newest", "oldest")
LISTING_SORTS = ("newest", "oldest")  # list_ids: no query, so no relevance
FACETS = ("language", "source", "month", "year")
# One row of match_groups: (language, source, date, date_start, date_end, clips).
GroupRow = tuple[str | None, str | None, str | None, str | None, str | None, int]
# One row of date_counts: (date_start, date_end, language, clips).
DateCount = tuple[str | None, str | None, str | None, int]


@dataclass(frozen=True)
class Match:
    """One matching clip, as a backend ranks it.

    ``clip``: the clip's columns (decoded: lists, bools; never the backend's row number);
    ``score``: higher is better (0.0 when sorted by date and not ranked);
    ``body_hits``: ordinals of the body's analysed terms that the query matched (phrase
    instances only where the phrase matched), or None when the backend cannot say (the
    caller then analyses the body to find them)."""

    clip: dict
    score: float
    body_hits: tuple[int, ...] | None = None


# IndexRow (what the index holds for one clip) is defined in ``models`` so that ingest,
# which never imports storage, can build it; it is part of this contract all the same.

# clip text -> what to index: the library's analysis, called back by rebuild_index with
# {"id", "title", "body", "language"} for each clip.
IndexFunction = Callable[[dict], IndexRow]


def sort_batch(
    clips: list[PreparedClip], known: dict[str, ClipId]
) -> tuple[list[AddResult], list[PreparedClip]]:
    """Each clip's result, and the clips to store: a text in ``known`` (content hash ->
    clip id) is a duplicate of that clip. ``known`` gains the new ones, so the same text
    twice in one batch is a duplicate of the first. Shared by every backend's
    ``add_clips`` and by the importer's dry run, so all agree on what a duplicate is."""
    results: list[AddResult] = []
    new: list[PreparedClip] = []
    for clip in clips:
        existing = known.get(clip.content_hash)
        if existing:
            results.append(AddResult(existing, clip.path, duplicate_of=existing))
            continue
        known[clip.content_hash] = clip.id
        new.append(clip)
        results.append(AddResult(clip.id, clip.path))
    return results, new


def listing_page(
    part: Callable[[bool, int, int], list[ClipId]],
    dated_count: Callable[[], int],
    filters: Filters,
    limit: int,
    offset: int,
) -> list[ClipId]:
    """A page of a listing in two parts, dated clips first, then undated ones, from
    ``part(dated, limit, offset)`` (one part's page, each part in its own index order)
    and ``dated_count()`` (asked only for a page that starts past the dated clips).
    Shared by every backend's ``list_ids``, so all cut pages alike."""
    if limit <= 0:
        return []
    ids = part(True, limit, offset)
    if len(ids) == limit or filters.since or filters.until:
        return ids  # full, or no undated clip can pass a date bound
    # The dated clips end on this page (then the undated start at their first), or
    # before it (then as many undated are skipped as the page starts past the dated).
    skip = 0 if ids or offset == 0 else offset - dated_count()
    return ids + part(False, limit - len(ids), max(skip, 0))


@runtime_checkable
class ClipStore(Protocol):
    """The clips themselves: writing batches, the import log, reading one clip."""

    readonly: bool

    @property
    def location(self) -> str:
        """Where the archive is, for messages: a file path, or a server URL without its
        password."""
        ...

    def close(self) -> None: ...

    # facts about the archive: schema, analyzer and fingerprint versions
    def meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...

    # writes: a batch is one transaction (all of it lands, or none); the import log lets
    # re-runs skip unchanged files. Exact duplicates (same content_hash) are never stored
    # twice, even when two writers store the same text at the same moment.
    def add_clips(
        self, clips: Iterable[PreparedClip], stamps: dict[str, FileStamp] | None = None
    ) -> list[AddResult]: ...
    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None: ...
    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, ClipId]: ...
    def ids_for_hashes(self, hashes: list[str]) -> dict[str, ClipId]: ...
    def bulk_load(self, expected: Callable[[], int]) -> AbstractContextManager[None]:
        """About ``expected()`` clips are to come through ``add_clips`` inside the block: a
        backend may hold back index upkeep until the block ends (PostgreSQL rebuilds its
        text index once instead of updating it clip by clip). A backend that holds
        nothing back never calls ``expected``: for an import, counting walks the whole
        folder before the first file is read (~0.15 s at 20,000 files, all of it waited
        for). Everything stays found and counted meanwhile, and the archive is fully
        indexed when the block ends, or, if the process dies inside it, at the next
        write."""
        ...

    # changed and removed files (#23). A clip belongs to the file that brought it in
    # (its ``path``). When ``add_clips`` stores a new text for a file whose import-log
    # entry names a clip that file brought in, the new clip *replaces* it in the same
    # transaction: the old clip's tags and the watches' memory of it pass to the new one,
    # the old one goes to the history (event "replaced"), and the result says
    # ``replaced=OLD_ID``. ``remove_clips`` deletes clips with everything that points at
    # them (index rows, tags, fingerprints, clusters, import-log entries), keeping each
    # in the history (event "removed"); one transaction, returns how many were removed.
    def clip_for_path(self, path: str) -> ClipId | None:
        """The clip the file at ``path`` (as given, or absolute) brought in, if archived."""
        ...
    def remove_clips(self, ids: list[ClipId]) -> int: ...
    def history(self, clip_id: ClipId | None = None, path: str | None = None) -> list[dict]:
        """Replaced and removed clips, oldest event first (those of ``clip_id`` or of
        ``path`` when given): {"id", "path", "title", "date", "source", "tags",
        "content_hash", "imported_at", "event", "replaced_by", "at", "raw", "body"}."""
        ...
    def set_source_fields(self, changes: dict[ClipId, dict[str, str | None]]) -> int:
        """Set clips' ``source``, ``country`` and ``language`` (the only fields a sources
        mapping decides; any other is a ClipError), in one transaction; returns how many
        clips changed. ``rebuild_index`` afterwards re-analyses a changed language."""
        ...
    def rebuild_index(
        self,
        index_row: IndexFunction,
        on_clip: Callable[[int], None] | None = None,
        meta: dict[str, str] | None = None,
    ) -> int: ...

    # reads
    def count(self) -> int: ...
    def get(self, clip_id: ClipId) -> dict | None: ...
    def existing_ids(self, ids: list[ClipId]) -> list[ClipId]: ...
    def ids_with_prefix(self, prefix: str, limit: int) -> list[ClipId]: ...
    def languages(self) -> list[str]: ...
    def summary(self) -> dict: ...
    def size_on_disk(self) -> int: ...
    def side_files(self) -> set[Path]:
        """Files an export must never overwrite (the archive's own); empty on a server."""
        ...


@runtime_checkable
class SearchStore(Protocol):
    """Matching a ParsedQuery under Filters: ranked pages, counts, facets, streams."""

    def matches(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        sort: str = "relevance",
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Match]:
        """The matches in ``sort`` order: ``relevance`` (best first), ``newest`` (by
        ``date_end``, latest first) or ``oldest`` (by ``date_start``, earliest first),
        undated clips last in either date sort. Ties of a date sort are in import
        order, reversed for ``newest`` (as ``list_ids``), on every backend."""
        ...
    def count_matches(
        self, parsed: ParsedQuery | None, filters: Filters, at_most: int | None = None
    ) -> int:
        """How many clips match; with ``at_most``, counting stops there (the answer is
        ``min(matches, at_most)``), so a search's "N of M" costs the same for a word
        in every clip as for one in ten thousand."""
        ...
    def facet(
        self, name: str, parsed: ParsedQuery | None, filters: Filters, limit: int | None = None
    ) -> list[tuple[str | None, int]]: ...
    def body_hits(
        self, parsed: ParsedQuery, ids: list[ClipId]
    ) -> dict[ClipId, tuple[int, ...]]: ...
    def iter_clips(
        self, parsed: ParsedQuery | None, filters: Filters, columns: tuple[str, ...]
    ) -> Iterator[list[dict]]:
        """Batches of clips with ``id`` and ``columns``: all of them oldest first (undated
        last, in import order), or the matches by relevance, each then with ``score``.
        ``columns`` are clip columns (``output.export.CLIP_COLUMNS``); any other name
        is a ClipError, never a backend's own column."""
        ...
    def list_ids(
        self, filters: Filters, *, sort: str = "newest", limit: int = 20, offset: int = 0
    ) -> list[ClipId]:
        """A page of the filtered clips without a query (browsing): ``newest`` lists the
        dated clips by the first day their date stands for (``date_start``), latest
        first, then the undated ones, latest imported first; ``oldest`` the dated ones
        earliest first, then the undated ones in import order (``iter_clips``' order).
        Clips of the same ``date_start`` are in import order, reversed for ``newest``,
        on every backend. Read from a date index in that order, so a page costs its
        offset plus its length in index entries (and those the filters pass over),
        never a sort of the archive. Another sort is a QueryError."""
        ...
    def date_counts(self, parsed: ParsedQuery | None, filters: Filters) -> list[DateCount]: ...
    def match_groups(self, parsed: ParsedQuery | None, filters: Filters) -> list[GroupRow]: ...
    def vocabulary_near(self, term: str, limit: int = 200) -> list[tuple[str, int]]: ...


@runtime_checkable
class ClusterStore(Protocol):
    """Near-duplicate clusters (copies of one story). A cluster is named by the id of the
    clip that started it."""

    def has_fingerprints(self) -> bool: ...
    def clusters(self, ids: list[ClipId] | None = None, min_size: int = 2) -> list[dict]:
        """Clusters of at least ``min_size`` clips (those holding one of ``ids``), largest
        first: {"cluster": its id, "size", "first": the id earliest by date then import,
        "clips": [{"id", "source", "date", "title"}] in that order, "sources": distinct}."""
        ...
    def cluster_of(self, ids: list[ClipId]) -> dict[ClipId, tuple[ClipId, int]]:
        """id -> (its cluster's id, clips in it); a clip in no cluster of others is its
        own, of size 1."""
        ...
    def copy_share(self) -> tuple[int, int]: ...


@runtime_checkable
class WorkflowStore(Protocol):
    """Tags, saved searches (watches) and what each watch has reported."""

    def change_tag(self, tag: str, ids: list[ClipId], *, add: bool) -> int: ...
    def tag_counts(self) -> list[tuple[str, int]]: ...
    def add_watch(self, name: str, query: str, filters: dict) -> None: ...
    def remove_watch(self, name: str) -> bool: ...
    def watches(self) -> list[dict]: ...
    def seen_by_watch(self, name: str, ids: list[ClipId]) -> set[ClipId]: ...
    def remember_seen(self, name: str, ids: list[ClipId]) -> None: ...


@dataclass(frozen=True)
class RecordsAdded:
    """What ``CopyStore.add_records`` did with one batch."""

    added: list[ClipId]  # the clips stored (those the archive did not hold)
    tags: int = 0  # tags the clips it already held gained from the records


@runtime_checkable
class CopyStore(Protocol):
    """A whole archive read out and written into another, on any backends (`clip copy`,
    ``copying.copy_archive``): clips with every column, their tags, the import log, the
    history, watches and what each has reported. Every write skips what the archive
    already holds, so a copy run again (or after a kill) adds only what is missing."""

    def iter_records(self) -> Iterator[list[dict]]:
        """Batches of whole clips in import order (the order clusters were made in):
        every column as ``get`` gives it (``tags`` the clip's tags), never a row number."""
        ...

    def add_records(self, records: list[dict], index_row: IndexFunction) -> RecordsAdded:
        """Store clips read by ``iter_records`` (of another archive) in one transaction,
        in the order given, keeping their ids, ``imported_at`` and every column; a clip
        already held (same id or text) is skipped, but gains the record's tags it lacks.
        ``index_row`` is called for each clip stored (the library's analysis, as
        ``rebuild_index`` calls it): its terms, paragraph languages and fingerprint; a
        stored clip joins clusters as an imported one does. A column this backend does
        not know is a ClipError (nothing is dropped silently)."""
        ...

    def iter_import_log(self) -> Iterator[list[dict]]:
        """Batches of import-log entries: {"path", "size_bytes", "mtime_ns", "clip_id",
        "outcome", "reason", "logged_at"}, by path."""
        ...

    def add_import_log(self, entries: list[dict]) -> int:
        """Enter log entries for paths the log does not hold (one already there is the
        archive's own, newer knowledge: kept); one transaction; returns how many."""
        ...

    def add_history(self, entries: list[dict]) -> int:
        """Enter ``history()`` entries of another archive, oldest first, skipping one
        already held (same id, event and time); one transaction; returns how many."""
        ...

    def watch_seen(self, name: str) -> list[ClipId]:
        """Every clip the watch has reported (its memory, whether or not still held)."""
        ...

    def restore_watch(self, watch: dict, seen: list[ClipId]) -> int:
        """A watch of another archive ({"name", "query", "filters", "created_at",
        "last_run_at"}, as ``watches`` gives it), created with its dates if the archive
        has none of that name, and what it reported; one transaction; returns how many
        reported clips it gained."""
        ...


@runtime_checkable
class Store(ClipStore, SearchStore, ClusterStore, WorkflowStore, Protocol):
    """A whole backend: what ``storage.open_store`` returns."""
