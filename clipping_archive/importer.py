"""Bulk import: walk paths lazily, prepare files in worker processes, store in batches.

- Streaming: folders are walked with ``os.scandir`` as the import goes (a folder of 300K
  files is never listed into memory), and at most a few chunks of files are in flight,
  so memory stays flat however big the folder is.
- Parallel: decode/clean/detect/analyse run in ``workers`` processes (``ingest`` touches
  no database); ONE writer, this process, stores what they return, in file order.
- Safe: each batch commits as one transaction, so a killed import leaves whole clips
  only, and running it again skips what is already in (content hashes are unique; the
  import log lets unchanged files be skipped without reading them).
"""

from __future__ import annotations

import gc
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from clipping_archive import analysis
from clipping_archive.errors import ClipError
from clipping_archive.ingest import MAX_FILE_BYTES, language
from clipping_archive.ingest.globs import FileGlobs
from clipping_archive.ingest.prepare import path_text, prepare_path
from clipping_archive.ingest.sources import SourceMapping, fold
from clipping_archive.models import AddResult, PreparedClip, Rejection
from clipping_archive.storage.base import ClipStore, FileStamp, sort_batch

DEFAULT_GLOB = "*.txt"
BATCH_SIZE = 500  # clips a transaction: big enough to amortise the commit, small to lose
# Files a worker task: amortises the inter-process round trip and the writer's import
# log look-up (one query a chunk): 64 rather than 16 saves the writer ~20 us a clip.
CHUNK_SIZE = 64
# Chunks queued a worker: enough to keep both busy through a BATCH_SIZE flush of the
# writer, few enough to bound memory (2 x 8 x 64 files, ~6 MB more in the writer than
# 4 a worker). At 20,000 clips on 2 cores, the share of both cores the import used:
# 4 a worker 0.85, 8 0.89-0.91, 12-24 0.88 (docs/benchmarks.md, import speed).
IN_FLIGHT_PER_WORKER = 8
# The writer is the one serial stage: when it waits for a core, every worker soon waits
# for it. Workers run this much nicer, so the kernel gives the writer its core whenever
# it can run and the workers take the rest (the share of both cores used went from 0.89
# to 0.94; the import as a whole also yields to the user's interactive work).
WORKER_NICENESS = 10
# Sidecars (NAME.json beside NAME.txt) are metadata, never clips, even under --glob '*'.
SIDECAR_SUFFIX = ".json"
SORT_WINDOW = 10_000  # file names held at once, per folder, to walk in name order
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
# Without `details`, the report keeps this many duplicate/rejection examples (the counts
# stay exact), so a re-run over 300K files does not hold 300K paths in memory.
EXAMPLES_KEPT = 1000


class ClipSink(Protocol):
    """Where prepared clips go: the archive, or a dry run that only looks."""

    def add_clips(
        self, clips: Iterable[PreparedClip], stamps: dict[str, FileStamp] | None = None
    ) -> list[AddResult]: ...

    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, str]: ...

    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None: ...

    def change_tag(self, tag: str, ids: list[str], *, add: bool) -> int: ...


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    duplicate_of: list[tuple[str, str]] = field(default_factory=list)  # (path, clip id)
    added_ids: list[str] = field(default_factory=list)
    # Files imported before whose text changed: (path, new clip id, the old one's id).
    replaced: list[tuple[str, str, str]] = field(default_factory=list)
    replaced_count: int = 0
    rejected_by_reason: Counter = field(default_factory=Counter)
    files: int = 0
    # Files imported before with the same text: skipped unread when their size and time
    # are unchanged, or read again and found the same. Never counted as duplicates.
    unchanged: int = 0
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def rejected_count(self) -> int:
        return sum(self.rejected_by_reason.values())

    def as_json(self) -> dict:
        out = {
            "added": self.added,
            "duplicates": self.duplicates,
            "rejected": [{"path": r.path, "reason": r.reason} for r in self.rejected],
            "duplicate_of": [{"path": p, "id": i} for p, i in self.duplicate_of],
            "added_ids": self.added_ids,
            "replaced": [{"path": p, "id": i, "old_id": o} for p, i, o in self.replaced],
            "replaced_count": self.replaced_count,
            "rejected_by_reason": dict(sorted(self.rejected_by_reason.items())),
            "files": self.files,
            "unchanged": self.unchanged,
            "seconds": round(self.seconds, 3),
        }
        if self.dry_run:
            out["dry_run"] = True
        return out


def reason_kind(reason: str) -> str:
    """The kind of a rejection ("binary file") without its detail ("(PNG image)"), for
    the summary's counts by reason."""
    if reason.startswith("sidecar "):  # "sidecar NAME.json: invalid JSON ..."
        return "broken sidecar"
    return reason.split(" (", 1)[0].split(":", 1)[0]


def iter_files(
    paths: Sequence[str | Path], glob: str | Sequence[str] | FileGlobs = DEFAULT_GLOB
) -> Iterator[str]:
    """Files named directly, and files under folders (recursively) that match ``glob``
    (one pattern or several: any of them; ingest/globs.py says how they match), as
    strings: each as ``str(Path(...))`` spells it (``./nos/a.txt`` is ``nos/a.txt``).

    Lazy: a folder is read as an iterator, never listed whole. Names are sorted in
    windows of SORT_WINDOW files: a folder of up to that many files is walked in name
    order; a bigger one in sorted runs, in an order that is stable while it is unchanged.
    Strings, not Paths: a Path a file cost the writer ~5 us more (making it, and reading
    it back as a string for the log, the stat and the worker)."""
    globs = FileGlobs.of(glob)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(os.fspath(path), globs)
        elif path.exists():
            yield os.fspath(path)
        else:
            raise ClipError(f"no such file or folder: {path_text(path)}")


def _walk(folder: str, globs: FileGlobs, under: str = "") -> Iterator[str]:
    """``under``: the folder's path below the import's folder ("" for that folder), which
    patterns with a slash match against."""
    subfolders: list[str] = []  # visited after the files, so open handles stay few
    names: list[str] = []
    unreadable = False
    # As Path joins: "a" and "b" give "a/b", the root "/" and "b" give "/b".
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.name)
                elif (
                    # Not only regular files: a pipe, a device link or a broken link
                    # named like a clip is reported with its reason, not skipped unseen.
                    not entry.is_dir()
                    and globs.matches(under + entry.name)
                    and not entry.name.lower().endswith(SIDECAR_SUFFIX)
                ):
                    names.append(entry.name)
                    if len(names) >= SORT_WINDOW:
                        names.sort()
                        yield from map(prefix.__add__, names)
                        names = []
    except OSError:
        unreadable = True
    names.sort()
    yield from map(prefix.__add__, names)
    if unreadable:  # never skipped silently: prepare_file reports it with the reason
        yield folder
    for name in sorted(subfolders):
        yield from _walk(prefix + name, globs, f"{under}{name}/")


def count_files(
    paths: Sequence[str | Path], glob: str | Sequence[str] | FileGlobs = DEFAULT_GLOB
) -> int:
    """How many files an import of ``paths`` will read (for a progress bar's total)."""
    return sum(1 for _ in iter_files(paths, glob))


def import_paths(
    archive: ClipSink,
    paths: list[str | Path],
    glob: str | Sequence[str] | FileGlobs = DEFAULT_GLOB,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    workers: int = DEFAULT_WORKERS,
    batch_size: int = BATCH_SIZE,
    details: bool = True,
    on_progress: Callable[[ImportReport], None] | None = None,
    sources: SourceMapping | None = None,
) -> ImportReport:
    """Import files and folders into ``archive`` (an Archive, or a DryRun).

    ``sources``: the archivist's mapping (outlet, country, language by folder or file
    name) with this import's --source and --tag; its tags go to every clip of the
    import, those archived before (unchanged files, duplicates) too.

    Files the archive's import log holds unchanged (same size and mtime) are counted as
    unchanged without being read again. ``details=False`` keeps only
    counts and the first examples of duplicates and rejections (memory flat for huge
    folders); ``on_progress`` is called with the report after every chunk of files."""
    for p in paths:
        if not Path(p).exists():
            raise ClipError(f"no such file or folder: {path_text(p)}")
    started = time.monotonic()
    report = ImportReport()
    batch = _Batch(
        tags=sources.tags if sources else (), spellings=sources.spellings() if sources else {}
    )
    work = _triage(_chunks(iter_files(paths, glob), CHUNK_SIZE), archive, batch.stamps)
    for outcomes in _prepare_all(work, max_bytes, workers, sources):
        for outcome in outcomes:
            report.files += 1
            if isinstance(outcome, AddResult):  # unchanged since it was imported: unread
                report.unchanged += 1
                batch.stamps.pop(outcome.path, None)
                batch.archived.append(outcome.clip_id)
            elif isinstance(outcome, Rejection):
                report.rejected_by_reason[reason_kind(outcome.reason)] += 1
                if details or len(report.rejected) < EXAMPLES_KEPT:
                    report.rejected.append(outcome)
                batch.rejections.append(outcome)
            else:
                batch.clips.append(outcome)
            if len(batch.clips) + len(batch.rejections) >= batch_size:
                batch.flush(archive, report, details)
        report.seconds = time.monotonic() - started
        if on_progress:
            on_progress(report)
    batch.flush(archive, report, details)
    report.seconds = time.monotonic() - started
    if on_progress:
        on_progress(report)
    return report


def _stamps_of(held: dict[str, FileStamp], paths: list[str]) -> dict[str, FileStamp]:
    """The stamps of ``paths``, taken out of ``held`` (a file without one has none)."""
    taken = {path: held.pop(path, None) for path in paths}
    return {path: stamp for path, stamp in taken.items() if stamp is not None}


@dataclass
class _Batch:
    """What the writer holds between transactions, with the files' stamps (only for
    files in flight, so this stays small)."""

    clips: list[PreparedClip] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    stamps: dict[str, FileStamp] = field(default_factory=dict)
    tags: tuple[str, ...] = ()  # --tag: every clip of the import, new or archived before
    archived: list[str] = field(default_factory=list)  # clips of files archived before
    # fold(source) -> its one spelling: the mapping's and the archive's, then the first
    # met in this import (workers cannot agree among themselves; the writer can).
    spellings: dict[str, str] = field(default_factory=dict)

    def spelled(self, clip: PreparedClip) -> PreparedClip:
        name = clip.metadata.source
        if not name:
            return clip
        one = self.spellings.setdefault(fold(name), name)
        return clip if one == name else replace(clip, metadata=replace(clip.metadata, source=one))

    def flush(self, archive: ClipSink, report: ImportReport, details: bool) -> None:
        if self.clips:
            self.clips = [self.spelled(c) for c in self.clips]
            stamps = _stamps_of(self.stamps, [c.path for c in self.clips])
            for result in archive.add_clips(self.clips, stamps):
                _count(report, result, details)
                if not result.added:
                    self.archived.append(result.clip_id)
        if self.rejections:
            stamps = _stamps_of(self.stamps, [r.path for r in self.rejections])
            archive.log_rejections(self.rejections, stamps)
        if self.tags and self.archived:  # new clips carry them already
            for tag in self.tags:
                archive.change_tag(tag, list(dict.fromkeys(self.archived)), add=True)
        self.clips, self.rejections, self.archived = [], [], []


def _count(report: ImportReport, result: AddResult, details: bool) -> None:
    if result.unchanged:  # read again (its time changed) but the same text as before
        report.unchanged += 1
    elif result.replaced:
        report.replaced_count += 1
        if details or len(report.replaced) < EXAMPLES_KEPT:
            report.replaced.append((result.path, result.clip_id, result.replaced))
    elif result.added:
        report.added += 1
        if details:
            report.added_ids.append(result.clip_id)
    else:
        report.duplicates += 1
        if details or len(report.duplicate_of) < EXAMPLES_KEPT:
            report.duplicate_of.append((result.path, result.clip_id))


def _chunks(files: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(islice(files, size)):
        yield chunk


def _stamp(path: str) -> FileStamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # the worker reports it unreadable
    return st.st_size, st.st_mtime_ns


# A chunk of files: each file's path (as the file system takes it) and its text (as the
# archive stores and shows it: path_text), with the files of it the import log knows
# unchanged (text -> clip id).
Work = tuple[list[str], list[str], dict[str, str]]


def _triage(
    chunks: Iterator[list[str]], archive: ClipSink, stamps: dict[str, FileStamp]
) -> Iterator[Work]:
    """Each chunk with the files in it the import log knows unchanged; records every
    file's stamp in ``stamps`` for the writer's import log."""
    for chunk in chunks:
        shown = list(map(path_text, chunk))
        fresh = {}
        for path, text in zip(chunk, shown, strict=True):
            stamp = _stamp(path)
            if stamp is not None:
                fresh[text] = stamps[text] = stamp
        yield chunk, shown, archive.known_files(fresh)


def prepare_chunk(
    paths: Sequence[str | Path], max_bytes: int, sources: SourceMapping | None = None
) -> list[PreparedClip | Rejection]:
    """One worker task: a few files through the whole pipeline, each stored as spelled
    here (iter_files spells them as ``str(Path(...))`` does; prepare_file normalises)."""
    return [prepare_path(os.fspath(path), max_bytes, sources) for path in paths]


Outcome = PreparedClip | Rejection | AddResult


def _prepare_all(
    work: Iterator[Work],
    max_bytes: int,
    workers: int,
    sources: SourceMapping | None = None,
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes in walking order: files the log knows as an AddResult, the
    others prepared - in worker processes when there is more than one chunk of work,
    inline otherwise (starting processes costs more than a few files)."""
    first = list(islice(work, 2))
    if workers < 2 or len(first) < 2:
        for chunk, shown, known in chain(first, work):
            todo = _unknown(chunk, shown, known)
            yield _merge(shown, known, prepare_chunk(todo, max_bytes, sources))
        return
    # fork: workers start at once and inherit the loaded modules and langdetect's
    # profiles (shared pages); they never touch the archive's connection (ingest has no
    # database access).
    language.preload()
    analysis.preload()  # the lexicons: shared by the workers, not loaded by each
    # Objects the workers inherit are left out of their garbage collections, which would
    # otherwise touch (and so copy) every inherited page: worker memory then grows with
    # the folder until all of them are private.
    gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_worker_init)
    pending: deque[tuple[list[str], dict[str, str], Future | None]] = deque()
    try:
        for chunk, shown, known in chain(first, work):
            # Strings, not Paths, to the workers: a Path is pickled as its parts and
            # parsed again on arrival (~4 us a file, against ~0.2 for its name).
            names = _unknown(chunk, shown, known)
            future = pool.submit(prepare_chunk, names, max_bytes, sources) if names else None
            pending.append((shown, known, future))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                done, known_done, future = pending.popleft()
                yield _merge(done, known_done, future.result() if future else [])
        while pending:
            done, known_done, future = pending.popleft()
            yield _merge(done, known_done, future.result() if future else [])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _unknown(chunk: list[str], shown: list[str], known: dict[str, str]) -> list[str]:
    """The files of a chunk to read: those the import log does not know unchanged."""
    if not known:
        return chunk
    return [path for path, text in zip(chunk, shown, strict=True) if text not in known]


def _merge(
    shown: list[str], known: dict[str, str], prepared: list[PreparedClip | Rejection]
) -> list[Outcome]:
    if not known:
        return list(prepared)
    results = iter(prepared)
    return [
        AddResult(known[text], text, duplicate_of=known[text]) if text in known else next(results)
        for text in shown
    ]


def _worker_init() -> None:
    # Ctrl-C is the main process's to handle (it stops and reports); a worker would only
    # print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # raising one's own niceness needs no privilege; if a system still
        pass  # refuses it, the worker runs at the writer's priority, as before


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the importing process dies (even by
    SIGKILL), so a killed import leaves no orphaned workers behind."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: workers end when they find their task queue closed


class DryRun:
    """A sink that stores nothing: it says which clips would be added or are duplicates
    of clips already archived (read-only look-ups; the archive file need not exist)."""

    def __init__(self, store: ClipStore | None = None):
        # A read-only store; ``clip_for_path`` is asked to tell replacements apart.
        self.store = store  # a read-only store, or None when there is no archive yet
        self.seen: dict[str, str] = {}

    def add_clips(
        self, clips: Iterable[PreparedClip], stamps: dict[str, FileStamp] | None = None
    ) -> list[AddResult]:
        clips = list(clips)
        archived = self.store.ids_for_hashes([c.content_hash for c in clips]) if self.store else {}
        results, new = sort_batch(clips, {**self.seen, **archived})
        self.seen.update((c.content_hash, c.id) for c in new)
        return [self._replacing(r) for r in results]

    def _replacing(self, result: AddResult) -> AddResult:
        """A new text for a file archived before would replace its clip."""
        if not result.added or self.store is None:
            return result
        old = self.store.clip_for_path(result.path)
        return replace(result, replaced=old) if old and old != result.clip_id else result

    def known_files(self, stamps: dict[str, FileStamp]) -> dict[str, str]:
        return self.store.known_files(stamps) if self.store else {}

    def log_rejections(self, rejections: list[Rejection], stamps: dict[str, FileStamp]) -> None:
        pass

    def change_tag(self, tag: str, ids: list[str], *, add: bool) -> int:
        return 0
