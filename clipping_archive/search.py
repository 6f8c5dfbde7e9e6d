"""Searching the archive: MATCH over analysed terms, BM25 ranking (title weighted above
body), filters on clip columns, and snippets cut from the *original* body."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from clipping_archive.analysis import analyze
from clipping_archive.errors import QueryError
from clipping_archive.filters import Filters
from clipping_archive.language import split_paragraphs
from clipping_archive.query import ParsedQuery, parse_query
from clipping_archive.store import Archive

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
SNIPPET_CHARS = 160
SORTS = {
    "relevance": "rank",
    "newest": "c.date_end IS NULL, c.date_end DESC, rank",
    "oldest": "c.date_start IS NULL, c.date_start ASC, rank",
}


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) offsets of hits in text


@dataclass(frozen=True)
class Hit:
    clip: dict
    score: float
    snippet: Snippet


def search(
    archive: Archive,
    query: str,
    filters: Filters = Filters(),
    limit: int | None = 20,
    sort: str = "relevance",
) -> list[Hit]:
    parsed = parse_query(query)
    rows = _matching_rows(archive, parsed, filters, limit, sort)
    return [Hit(row, -row.pop("rank"), make_snippet(row, parsed)) for row in rows]


def matching_ids_sql(parsed: ParsedQuery, filters: Filters) -> tuple[str, list]:
    """SQL selecting ``c.*`` and ``rank`` for every matching clip, for reuse by export."""
    where, params = filters.where("c")
    sql = (
        f"SELECT c.*, bm25(clips_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank "
        "FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
        f"WHERE clips_fts MATCH ? AND {where}"
    )
    return sql, [parsed.match, *params]


def _matching_rows(
    archive: Archive, parsed: ParsedQuery, filters: Filters, limit: int | None, sort: str
) -> list[dict]:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
    sql, params = matching_ids_sql(parsed, filters)
    sql += f" ORDER BY {SORTS[sort]}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        return [dict(r) for r in archive.db.query(sql, params)]
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {parsed.match!r}: {exc}") from exc


def find_hits(text: str, languages: list[str | None], parsed: ParsedQuery) -> list[tuple[int, int]]:
    """[start, end) spans of the words in ``text`` whose analysed form is a query term,
    trying each of the clip's languages (a paragraph may be in any of them)."""
    spans = {
        (t.start, t.end)
        for lang in dict.fromkeys(languages)
        for t in analyze(text, lang)
        if t.term in parsed.terms
    }
    return sorted(spans)


def clip_languages(clip: dict) -> list[str | None]:
    return [clip.get("language"), *(clip.get("languages") or [])]


def make_snippet(clip: dict, parsed: ParsedQuery, width: int = SNIPPET_CHARS) -> Snippet:
    """The first paragraph with a hit, cut to ``width`` around the first hit."""
    languages = clip_languages(clip)
    for paragraph in split_paragraphs(clip.get("body") or ""):
        hits = find_hits(paragraph, languages, parsed)
        if hits:
            return _window(paragraph, hits, width)
    body = clip.get("body") or ""
    return Snippet(body[:width] + ("…" if len(body) > width else ""), ())


def _window(text: str, hits: list[tuple[int, int]], width: int) -> Snippet:
    first = hits[0][0]
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = tuple((s + shift, e + shift) for s, e in hits if s >= start and e <= end)
    return Snippet(prefix + text[start:end] + suffix, spans)
