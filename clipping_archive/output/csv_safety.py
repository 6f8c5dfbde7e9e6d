"""Cells a spreadsheet would run as a formula, made inert (OWASP's CSV-injection rule).

A spreadsheet treats a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return as a formula (or the start of one). Such a cell gets one leading apostrophe, which
makes it text. So that the prefix can always be taken off again without guessing, a cell
that already starts with apostrophes followed by one of those characters gets one too:
``restore`` removes exactly one apostrophe from exactly the cells ``neutralise`` changed.
"""

from __future__ import annotations

PREFIX = "'"
FORMULA_STARTS = frozenset("=+-@\t\r")
_SUSPECT_STARTS = FORMULA_STARTS | {PREFIX}  # a first character worth a closer look


def needs_prefix(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula, or when ``text`` is
    apostrophes before such a start (so that ``restore`` stays unambiguous)."""
    stripped = text.lstrip(PREFIX)
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def neutralise(text: str) -> str:
    # The first-character test settles almost every cell without a function call.
    if text and text[0] in _SUSPECT_STARTS and needs_prefix(text):
        return PREFIX + text
    return text


def restore(cell: str) -> str:
    """The exact text ``neutralise`` was given: for readers of an exported CSV."""
    if cell.startswith(PREFIX) and needs_prefix(cell[1:]):
        return cell[1:]
    return cell
