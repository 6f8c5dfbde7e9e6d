"""Ingest: one file's bytes -> a PreparedClip (decode, clean, metadata, language, the terms
to index). Nothing here touches the archive, so it runs in worker processes; the importer
(``clipping_archive.importer``) walks folders and hands prepared clips to storage."""

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
