"""Filters as one SQL WHERE clause on clips.

`--source`/`--author` are plain SQL (a GLOB pattern with a character class per letter,
from ``search.filters.fold_char``), so the clause works on any connection with no function
registered: the sqlite3 shell and Datasette can run the same SQL.
"""

from __future__ import annotations

from clipping_archive.search.filters import (
    ACCENTED,
    ARABIC_MARKS,
    ARABIC_VARIANTS,
    SEPARATORS,
    Filters,
    fold_char,
    fold_name,
)

_SEPARATOR_CLASS = f"[{SEPARATORS}]"
_GLOB_SPECIAL = {"*": "[*]", "?": "[?]", "[": "[[]", "]": "[]]"}


def _variants() -> dict[str, str]:
    """Each folded letter -> the GLOB class of the letters that fold to it."""
    letters = set(ARABIC_VARIANTS) | set(ACCENTED) | set(ACCENTED.upper())
    letters |= {chr(c) for c in range(ord("a"), ord("z") + 1)}
    letters |= {ch.upper() for ch in letters if ch.isascii()}
    groups: dict[str, set[str]] = {}
    for ch in letters:
        groups.setdefault(fold_char(ch), {ch}).add(ch)
    return {base: "[" + "".join(sorted(group | {base})) + "]" for base, group in groups.items()}


_CLASSES = _variants()


def name_pattern(value: str) -> str | None:
    """The GLOB pattern matching ``value``'s words, in order, anywhere in a padded column."""
    words = fold_name(value).split()
    if not words:
        return None
    glob_words = [
        "".join(_CLASSES.get(ch) or _GLOB_SPECIAL.get(ch, ch) for ch in word) for word in words
    ]
    return f"*{_SEPARATOR_CLASS}" + _SEPARATOR_CLASS.join(glob_words) + f"{_SEPARATOR_CLASS}*"


def _padded_sql(column: str) -> str:
    expr = column
    for mark in ARABIC_MARKS:
        expr = f"replace({expr}, '{mark}', '')"
    return f"(' ' || {expr} || ' ')"


def where(filters: Filters, alias: str = "clips") -> tuple[str, list]:
    """A clause and its parameters. A clip's date is a range (2024-06 is the whole
    month), so it matches when that range overlaps the one asked for."""
    clauses: list[str] = []
    params: list = []
    if filters.language:
        clauses.append(f"{alias}.language = ?")
        params.append(filters.language.lower())
    if filters.since:
        clauses.append(f"{alias}.date_end >= ?")
        params.append(filters.since_day)
    if filters.until:
        clauses.append(f"{alias}.date_start <= ?")
        params.append(filters.until_day)
    for column, value in (("source", filters.source), ("author", filters.author)):
        if value is None:
            continue
        pattern = name_pattern(value)
        if pattern is None:
            clauses.append("0")  # nothing to match on: match nothing rather than all
            continue
        clauses.append(f"{_padded_sql(f'{alias}.{column}')} GLOB ?")
        params.append(pattern)
    for tag in filters.tags:
        clauses.append(
            f"EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_seq = {alias}.seq AND t.tag = ?)"
        )
        params.append(tag)
    return (" AND ".join(clauses) or "1"), params
