"""HTML entities a scraper saved literally: ``&nbsp;``, ``&quot;``, ``&#8217;``.

Pages are written in HTML, and scrapers that take a field's source rather than its text
save the entities as they stand (SaudiNewsNet: 347 of its 31,030 bylines, almost all of
Okaz's, begin with ``&nbsp;``; 232 of its titles hold ``&quot;`` or ``&#8220;``). A
byline behind an entity is not read and a word behind one is not found, so each entity
becomes its character before any other rule or the metadata sees the text; the raw text
keeps it as written.

Only an entity that is one for sure is decoded: ``&``, a name a browser knows or a
``#`` number, and the closing ``;``. ``AT&T``, ``R&D``, ``&c.`` and ``Ben&notes`` stay
as written (a browser reads ``&not`` without its ``;`` too; a text saved as text never
means that). Each entity decoded is listed under the rule's name as written in the raw
text, so ``clip show --stripped`` says what was changed and the raw text can be checked
against it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.entities import html5

from clipping_archive.models import Removed

# A name is at most 31 characters (the longest HTML name, CounterClockwiseContourIntegral,
# has 31), a number at most 7 digits: the pattern cannot run on along a line.
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def decode_entity(entity: str) -> str | None:
    """The character(s) an entity stands for, or None when it is no entity (an unknown
    name, a number naming no character). Spaces of any width become a plain space: a
    ``&nbsp;`` before a byline is layout, and the readers split on plain spaces."""
    if entity[1] == "#":
        text = html.unescape(entity)
    else:  # a whole name: unescape would read `&notes;` as `&not` + `es;`
        text = html5.get(entity[1:], "")
    if not text or "\ufffd" in text:
        return None  # an unknown name, or a number that names no character
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in text):
        return None  # &#1;: a control character is not text
    return "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)


@dataclass(frozen=True)
class EntityRule:
    """Replaces HTML entities in lines by their characters (a rule that changes text
    rather than cutting it: the lines stay, even one that was only ``&nbsp;``)."""

    name: str = "html_entity"

    def apply(self, lines: list[str]) -> tuple[list[str], list[Removed]]:
        kept, removed = [], []
        for line in lines:
            if "&" in line and ";" in line:  # else (the common case) left unsearched
                line, decoded = self.decode_line(line)
                removed.extend(decoded)
            kept.append(line)
        return kept, removed

    def decode_line(self, line: str) -> tuple[str, list[Removed]]:
        parts: list[str] = []
        decoded: list[Removed] = []
        end = 0
        for match in ENTITY.finditer(line):
            text = decode_entity(match.group(0))
            if text is None:
                continue
            parts += [line[end : match.start()], text]
            decoded.append(Removed(self.name, match.group(0)))
            end = match.end()
        return "".join(parts) + line[end:], decoded


RULES = (EntityRule(),)
