"""Moving a whole archive to another one, on any backend (`clip copy SOURCE DEST`, as
``Archive.copy_to``): a desk archive (SQLite) into the team server (PostgreSQL), or back.

What is kept: every clip with its id, raw text, body and every column (dates, sources,
country, stripped debris, ``imported_at`` ...), its tags; the import log (so a later
`clip import` of the same folder into the destination skips the unchanged files); the
history of replaced and removed clips; the watches with what each has reported.

What is made anew: the destination's index, by the destination's own analysis path
(``ingest.index_row`` for each clip, as `clip reindex` does, under this release's
analyzer), and its near-duplicate clusters, by adding the clips in the source's import
order, so they come out as the source's (when both were fingerprinted by this release).

Every write skips what the destination already holds, and every batch is one
transaction on it: run again, a copy adds nothing; killed at any moment and run again,
it completes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from clipping_archive.analysis import ANALYZER_VERSION
from clipping_archive.errors import ClipError
from clipping_archive.ingest import index_row
from clipping_archive.ingest.fingerprint import EARLIER_FINGERPRINTS, FINGERPRINT_VERSION
from clipping_archive.storage import is_server_url
from clipping_archive.storage.base import CopyStore, Store

PG_DEFAULT_PORT = 5432


@dataclass
class Tally:
    """Of one kind of thing in the source: how many the copy added, how many the
    destination already held."""

    added: int = 0
    present: int = 0


@dataclass
class CopyReport:
    source: str
    destination: str
    clips: Tally = field(default_factory=Tally)
    tags: int = 0  # tags that clips the destination already held gained
    import_log: Tally = field(default_factory=Tally)
    history: Tally = field(default_factory=Tally)
    watches: Tally = field(default_factory=Tally)
    reported: int = 0  # clips the watches had reported, newly remembered
    # Watches the destination has under the same name with another query or filters:
    # left as they were (and what the source's reported is not merged into them).
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # versions that differ: said once

    @property
    def added_anything(self) -> bool:
        return bool(
            self.clips.added or self.tags or self.import_log.added or self.history.added
            or self.watches.added or self.reported
        )  # fmt: skip

    def as_dict(self) -> dict:
        return asdict(self)


def copy_archive(
    source: Store,
    destination: Store,
    on_progress: Callable[[int, int], None] | None = None,
) -> CopyReport:
    """Copy everything ``source`` holds into ``destination`` (opened for writing),
    skipping what it already holds. ``on_progress(clips done, clips in the source)``."""
    reader, writer = _copying(source), _copying(destination)
    report = CopyReport(source.location, destination.location)
    report.notes += _version_notes(source)
    total = source.count()
    done = 0
    # In the source's import order, a batch a transaction: clusters form as they did
    # there, and a copy killed mid-way has whole batches in, the rest added on re-run.
    # A copy into a new team server is a bulk load: its text index is built once.
    with destination.bulk_load(lambda: total):
        for batch in reader.iter_records():
            result = writer.add_records(batch, index_row)
            report.clips.added += len(result.added)
            report.clips.present += len(batch) - len(result.added)
            report.tags += result.tags
            done += len(batch)
            if on_progress:
                on_progress(done, total)
    for entries in reader.iter_import_log():
        added = writer.add_import_log(entries)
        report.import_log.added += added
        report.import_log.present += len(entries) - added
    history = source.history()
    if history:
        added = writer.add_history(history)
        report.history.added += added
        report.history.present += len(history) - added
    _copy_watches(source, reader, destination, writer, report)
    return report


def _copy_watches(
    source: Store, reader: CopyStore, destination: Store, writer: CopyStore, report: CopyReport
) -> None:
    held = {w["name"]: w for w in destination.watches()}
    for watch in source.watches():
        theirs = held.get(watch["name"])
        if theirs is not None and (theirs["query"], theirs["filters"]) != (
            watch["query"],
            watch["filters"],
        ):
            report.conflicts.append(watch["name"])
            continue
        if theirs is None:
            report.watches.added += 1
        else:
            report.watches.present += 1
        report.reported += writer.restore_watch(watch, reader.watch_seen(watch["name"]))


def _copying(store: Store) -> CopyStore:
    if not isinstance(store, CopyStore):  # a backend that has not implemented it yet
        raise ClipError(f"{store.location}: this backend cannot copy archives yet")
    return store


def _version_notes(source: Store) -> list[str]:
    """What differs between the analysis the source was made with and this release's:
    the copy is indexed and fingerprinted by this release, so its search and its
    clusters can differ from the source's."""
    notes = []
    analyzer = source.meta("analyzer_version")
    if analyzer != ANALYZER_VERSION and source.count():
        notes.append(
            f"note: the source was indexed by analyzer {analyzer or 'unknown'}; the copy is "
            f"indexed by {ANALYZER_VERSION} (as after `clip reindex`)"
        )
    printed = source.meta("fingerprint_version")
    if source.has_fingerprints() and printed != FINGERPRINT_VERSION:
        notes.append(
            f"warning: the source's near-duplicate fingerprints were made by "
            f"{printed or EARLIER_FINGERPRINTS}, this is {FINGERPRINT_VERSION}; the copy's "
            "clusters are made anew and may differ from the source's"
        )
    return notes


def same_archive(first: str | Path, second: str | Path) -> bool:
    """Whether two locations name one archive: the same file (by its inode when both
    exist), or the same database on the same server (password and default port aside)."""
    if is_server_url(first) != is_server_url(second):
        return False
    if is_server_url(first):
        return _server_key(str(first)) == _server_key(str(second))
    a, b = Path(first), Path(second)
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _server_key(url: str) -> tuple:
    parts = urlsplit(url)
    try:
        port = parts.port or PG_DEFAULT_PORT
    except ValueError:  # a bad port: let the backend say what is wrong with the URL
        port = None
    return (parts.hostname or "localhost", port, parts.path.strip("/"))
