"""Text with hit spans as a list of (text, is_hit) pieces: the templates wrap the hits in
<mark> and Jinja escapes every piece, so no markup is ever spliced into clip text."""

from __future__ import annotations

from collections.abc import Iterable


def pieces(text: str | None, spans: Iterable[Iterable[int]]) -> list[tuple[str, bool]]:
    text = text or ""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue  # overlapping or out of range: never cut a piece twice
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], False))
    return out
