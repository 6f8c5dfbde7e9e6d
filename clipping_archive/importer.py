"""Bulk import: walk paths, prepare each file, store in batched transactions.

Each batch commits as one transaction, so a killed import leaves whole clips only, and
running it again skips what is already in (content hashes are unique).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clipping_archive.errors import ClipError
from clipping_archive.ingest import prepare_file
from clipping_archive.models import PreparedClip, Rejection
from clipping_archive.store import Archive

DEFAULT_GLOB = "*.txt"
BATCH_SIZE = 200


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    duplicate_of: list[tuple[str, str]] = field(default_factory=list)  # (path, clip id)
    added_ids: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "rejected": [{"path": r.path, "reason": r.reason} for r in self.rejected],
            "duplicate_of": [{"path": p, "id": i} for p, i in self.duplicate_of],
            "added_ids": self.added_ids,
        }


def iter_files(paths: list[str | Path], glob: str = DEFAULT_GLOB) -> Iterator[Path]:
    """Files named directly, and files under folders (recursively) that match ``glob``;
    sorted so every run walks in the same order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if fnmatch.fnmatch(name, glob):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            raise ClipError(f"no such file or folder: {path}")


def import_paths(
    archive: Archive,
    paths: list[str | Path],
    glob: str = DEFAULT_GLOB,
    on_file: Callable[[str], None] | None = None,
) -> ImportReport:
    for p in paths:
        if not Path(p).exists():
            raise ClipError(f"no such file or folder: {p}")
    report = ImportReport()
    batch: list[PreparedClip] = []
    for path in iter_files(paths, glob):
        result = prepare_file(path)
        if on_file:
            on_file(str(path))
        if isinstance(result, Rejection):
            report.rejected.append(result)
            continue
        batch.append(result)
        if len(batch) >= BATCH_SIZE:
            _store(archive, batch, report)
            batch = []
    if batch:
        _store(archive, batch, report)
    return report


def _store(archive: Archive, batch: list[PreparedClip], report: ImportReport) -> None:
    for result in archive.add_clips(batch):
        if result.added:
            report.added += 1
            report.added_ids.append(result.clip_id)
        else:
            report.duplicates += 1
            report.duplicate_of.append((result.path, result.clip_id))
