"""The JSON shapes of clips and hits, one definition for the CLI, the Python API and the
web page (`clip search --json`, `clip show --json`, `/search.json`, `/clip/ID.json`)."""

from __future__ import annotations

from clipping_archive.ingest.language import detect_paragraphs
from clipping_archive.models import Paragraph
from clipping_archive.search.hits import Hit

HIT_FIELDS = ("id", "title", "date", "language", "author", "source", "path")
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
    "url",
    "tags",
    "path",
    "encoding",
    "imported_at",
)


def hit_json(hit: Hit) -> dict:
    out = {k: hit.clip.get(k) for k in HIT_FIELDS}
    out["score"] = round(hit.score, 4)
    out["snippet"] = hit.snippet.text
    out["highlights"] = [list(span) for span in hit.snippet.highlights]
    return out


def clip_paragraphs(clip: dict) -> tuple[Paragraph, ...]:
    """Each paragraph of the stored body with its language, worked out with the same
    seeded detector the import used, so they agree with ``languages``."""
    return detect_paragraphs(clip.get("body") or "", clip.get("language"))


def clip_json(
    clip: dict,
    *,
    raw: bool = False,
    stripped: bool = False,
    paragraphs: tuple[Paragraph, ...] | None = None,
) -> dict:
    """``paragraphs``: the clip's, when the caller has them already (detecting each
    paragraph's language is the costly part of showing a clip)."""
    out = {k: clip.get(k) for k in CLIP_FIELDS}
    if paragraphs is None:
        paragraphs = clip_paragraphs(clip)
    out["paragraphs"] = [{"language": p.language, "text": p.text} for p in paragraphs]
    out["body"] = clip.get("body")
    if stripped:
        out["stripped"] = clip.get("stripped") or []
    if raw:
        out["raw"] = clip.get("raw")
    return out
