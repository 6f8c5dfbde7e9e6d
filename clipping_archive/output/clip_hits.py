"""A query's hits in one clip, as `clip show --query`, `/clip/ID` and `/clip/ID.json`
report them: the count and the JSON offsets."""

from __future__ import annotations

from collections.abc import Sequence

from clipping_archive.models import Paragraph
from clipping_archive.search.snippets import ClipHits

ELLIPSIS = "…"  # ends a title cut from a long first sentence


def title_end_in_body(title: str | None, first_paragraph: str) -> int | None:
    """Where the title ends in the body's first paragraph, when it is taken from there: a
    headline stays the body's first line, and a title made from the first sentence is
    its start (cut, with an ellipsis; a leading bullet dash dropped). None for a title
    given apart (a sidecar's), which is text of its own."""
    title = (title or "").removesuffix(ELLIPSIS).strip()
    at = first_paragraph.find(title) if title else -1
    return at + len(title) if at >= 0 else None


def title_in_body(title: str | None, paragraphs: Sequence[Paragraph]) -> bool:
    return bool(paragraphs) and title_end_in_body(title, paragraphs[0].text) is not None


def hit_count(title: str | None, paragraphs: Sequence[Paragraph], hits: ClipHits) -> int:
    """How many places in the clip match, each counted once. The title and each
    paragraph are marked apart (both are shown), so a headline's hits are in the title
    and again in the first paragraph: counted there only. A title that is not part of
    the body adds its own hits."""
    in_body = sum(len(spans) for spans in hits.paragraphs)
    return in_body if title_in_body(title, paragraphs) else in_body + len(hits.title)


def highlights_json(hits: ClipHits) -> dict:
    """``{"title": [[start, end]...], "paragraphs": [[[start, end]...] per paragraph]}``:
    offsets into ``title`` and each ``paragraphs[i].text``."""
    return {
        "title": [list(span) for span in hits.title],
        "paragraphs": [[list(span) for span in spans] for spans in hits.paragraphs],
    }
