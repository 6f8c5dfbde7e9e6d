"""Filters as one SQL WHERE clause on the PostgreSQL ``clips`` table (psycopg ``%s``
parameters), with the same meaning as ``sqlite_filters``:

- a clip's date is a range (2024-06 is the whole month): it matches when that range
  overlaps the one asked for;
- ``--source``/``--author`` match whole words in order, folded as ``search.filters``
  folds them. The folded name is stored beside the name (``source_folded``, computed in
  Python with ``fold_name`` and padded with spaces), so the filter is a substring test of
  `` w1 w2 `` in it: no folding function has to exist on the server;
- every tag given must be on the clip.
"""

from __future__ import annotations

from clipping_archive.search.filters import Filters, fold_name


def folded_column(value: str | None) -> str | None:
    """What ``<name>_folded`` holds for a source or author: its words folded, padded
    with a space each side so a whole-word test is a substring test."""
    if value is None:
        return None
    folded = fold_name(value)
    return f" {folded} " if folded else None


def where(filters: Filters, alias: str = "c") -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []
    if filters.language:
        clauses.append(f"{alias}.language = %s")
        params.append(filters.language.lower())
    if filters.since:
        clauses.append(f"{alias}.date_end >= %s")
        params.append(filters.since_day)
    if filters.until:
        clauses.append(f"{alias}.date_start <= %s")
        params.append(filters.until_day)
    for column, value in (("source", filters.source), ("author", filters.author)):
        if value is None:
            continue
        words = fold_name(value)
        if not words:
            clauses.append("FALSE")  # nothing to match on: match nothing rather than all
            continue
        clauses.append(f"strpos({alias}.{column}_folded, %s) > 0")
        params.append(f" {words} ")
    for tag in filters.tags:
        clauses.append(
            f"EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_seq = {alias}.seq AND t.tag = %s)"
        )
        params.append(tag)
    return (" AND ".join(clauses) or "TRUE"), params
