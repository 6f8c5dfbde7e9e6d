"""Ingest: one file's bytes -> a PreparedClip (decode, clean, metadata, language, the terms
to index). Nothing here touches the archive, so it runs in worker processes; the importer
(``clipping_archive.importer``) walks folders and hands prepared clips to storage.

The names below are loaded on first use: a module that needs one small part of ingest
(dates, language, fingerprint: a search does) does not pay for the cleaning rules and
metadata readers that `prepare` loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clipping_archive.ingest.prepare import (
        ID_LENGTH,
        MAX_FILE_BYTES,
        content_hash,
        index_fields,
        index_row,
        prepare_bytes,
        prepare_file,
    )

__all__ = [
    "ID_LENGTH",
    "MAX_FILE_BYTES",
    "content_hash",
    "index_fields",
    "index_row",
    "prepare_bytes",
    "prepare_file",
]


def __getattr__(name: str):
    if name in __all__:
        from clipping_archive.ingest import prepare

        return getattr(prepare, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
