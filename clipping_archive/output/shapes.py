"""The JSON shapes of clips and hits, one definition for the CLI, the Python API and the
web page (`clip search --json`, `clip show --json`, `/search.json`, `/clip/ID.json`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clipping_archive.ingest.language import detect_paragraphs
from clipping_archive.models import CLIP_KEYS, Paragraph
from clipping_archive.output.clip_hits import highlights_json
from clipping_archive.output.listing import Listed
from clipping_archive.search.hits import Hit
from clipping_archive.search.snippets import ClipHits

HIT_FIELDS = ("id", "title", "date", "language", "author", "source", "path")
# `clip show --json` and /clip/ID.json: a clip's keys (models.ClipRecord), but the raw text
# and what the cleaner stripped only when asked for (they are big).
SHOWN_KEYS = tuple(k for k in CLIP_KEYS if k not in ("raw", "stripped"))
# The fields in the header of `clip show` (for people: the index's own keys left out).
CLIP_FIELDS = (
    "id",
    "title",
    "title_derived",
    "date",
    "hijri_date",
    "language",
    "languages",
    "author",
    "source",
    "country",
    "url",
    "tags",
    "path",
    "encoding",
    "imported_at",
)


def hit_json(hit: Hit | Listed) -> dict:
    """A search hit, or a clip listed without a query (``score`` null, no highlights)."""
    out = {k: hit.clip.get(k) for k in HIT_FIELDS}
    out["score"] = round(hit.score, 4) if hit.score is not None else None
    out["snippet"] = hit.snippet.text
    out["highlights"] = [list(span) for span in hit.snippet.highlights]
    return out


def clip_paragraphs(clip: Mapping[str, Any]) -> tuple[Paragraph, ...]:
    """Each paragraph of the stored body with its language, worked out with the same
    seeded detector the import used, so they agree with ``languages``."""
    return detect_paragraphs(clip.get("body") or "", clip.get("language"))


def clip_json(
    clip: Mapping[str, Any],
    *,
    raw: bool = False,
    stripped: bool = False,
    paragraphs: tuple[Paragraph, ...] | None = None,
) -> dict:
    """``paragraphs``: the clip's, when the caller has them already (detecting each
    paragraph's language is the costly part of showing a clip)."""
    out = {k: clip.get(k) for k in SHOWN_KEYS}
    if paragraphs is None:
        paragraphs = clip_paragraphs(clip)
    out["paragraphs"] = [{"language": p.language, "text": p.text} for p in paragraphs]
    if stripped:
        out["stripped"] = clip.get("stripped") or []
    if raw:
        out["raw"] = clip.get("raw")
    return out


def shown_clip_json(
    clip: Mapping[str, Any],
    *,
    copies: list[dict],
    hits: ClipHits | None = None,
    raw: bool = False,
    stripped: bool = False,
    paragraphs: tuple[Paragraph, ...] | None = None,
) -> dict:
    """`clip show --json` and `/clip/ID.json`: the clip, the ids of its copies (the
    other clips of its story) and, when a query was given, its hits as offsets."""
    out = clip_json(clip, raw=raw, stripped=stripped, paragraphs=paragraphs)
    out["copies"] = [c["id"] for c in copies]
    if hits is not None:
        out["highlights"] = highlights_json(hits)
    return out
