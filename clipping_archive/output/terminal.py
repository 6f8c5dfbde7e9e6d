"""Text for a terminal: whatever a clip, a sidecar or a file name holds, what reaches the
screen cannot drive the terminal. Control characters (ESC sequences that set the window
title, clear the screen or make links), C1 controls and the bidi overrides and isolates
that reorder what a line shows are each replaced by U+FFFD, one for one, so offsets into
the text (search highlights) stay right. Newlines and tabs stay; Arabic stays as written:
its direction comes from its letters, not from these controls. JSON output is never
passed through here: it stays exact.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# How a hit is marked on a terminal: by style only, so nothing is inserted in the text.
HIT_STYLE = "bold yellow reverse"
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but \t \n) and C1 controls, ESC among them
    "\u202a-\u202e\u2066-\u2069]"  # bidi embeddings, overrides and isolates
)


def safe(text: str | None) -> str:
    """``text`` with every character that could drive the terminal made visible."""
    if not text:
        return text or ""
    return _UNSAFE.sub(REPLACEMENT, text)
