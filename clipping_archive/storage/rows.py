"""What every backend stores the same way: a prepared clip's columns, the time of a write
and the import log's key for a file. One definition, so a desk archive and a team archive
(and `clip copy` between them) hold the same values."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from clipping_archive.models import PreparedClip


def now() -> str:
    """The time of a write, as every table stores it (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def log_key(path: str) -> str:
    # Absolute, so `clip import seeds/` and `clip import /work/seeds` find the same entry.
    # (Asked for up to four times a file in an import; remembering it was measured:
    # 0.1 us a call saved, not worth a cache keyed by the working folder.)
    return os.path.abspath(path)


# Lists of text as JSON, as json.dumps(..., ensure_ascii=False) writes them; one encoder
# (json.dumps builds a new one a call for any option but the defaults).
_text_json = json.JSONEncoder(ensure_ascii=False).encode


def clip_row(clip: PreparedClip, imported_at: str) -> dict:
    """The clips row of a prepared clip: every column the contract knows (a backend adds
    its own, such as its row number or index columns); lists as JSON text."""
    meta = clip.metadata
    return {
        "id": clip.id,
        "title": meta.title,
        "title_derived": bool(meta.title_derived),
        "date": meta.date,
        "date_start": clip.date_start,
        "date_end": clip.date_end,
        "hijri_date": meta.hijri_date,
        "language": clip.language,
        "languages": json.dumps(list(clip.languages)),
        "author": meta.author,
        "source": meta.source,
        "country": meta.country,
        "url": meta.url,
        "tags": _text_json(list(meta.tags)),
        "path": clip.path,
        "encoding": clip.encoding,
        "size_bytes": clip.size_bytes,
        "raw": clip.raw,
        "body": clip.body,
        "stripped": _text_json([{"rule": r.rule, "text": r.text} for r in clip.removed]),
        "content_hash": clip.content_hash,
        "imported_at": imported_at,
    }
