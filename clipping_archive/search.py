"""Searching the archive: MATCH over analysed terms, BM25 ranking (title weighted above
body), filters on clip columns, and snippets cut from the *original* body."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from itertools import islice

from clipping_archive.analysis import analyze_word, iter_tokens
from clipping_archive.analysis.tokenize import WORD
from clipping_archive.errors import QueryError
from clipping_archive.filters import Filters
from clipping_archive.language import split_paragraphs
from clipping_archive.query import ParsedQuery, parse_query
from clipping_archive.store import Archive

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
# Given per query (FTS5's `rank MATCH`), so the weights need no change to the stored table
# and FTS5 can still sort by its own rank column.
RANK_FUNCTION = f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})"
SNIPPET_CHARS = 160
MARK_START, MARK_END = "\x01", "\x02"  # never in analysed text: terms are letters and digits
HIGHLIGHT = f"highlight(clips_fts, 1, '{MARK_START}', '{MARK_END}')"  # column 1 is the body
MARKS_COLUMN = "_body_marks"
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
    if sort == "relevance":
        # FTS5 hands rows over in rank order, so the marks are made for shown rows only.
        marks = {row["seq"]: row.pop(MARKS_COLUMN) for row in rows}
    else:
        marks = body_marks(archive, parsed, [row["seq"] for row in rows])
    return [
        Hit(row, -row.pop("rank"), make_snippet(row, parsed, marked=marks.get(row["seq"])))
        for row in rows
    ]


def matching_ids_sql(
    parsed: ParsedQuery, filters: Filters, extra_columns: str = ""
) -> tuple[str, list]:
    """SQL selecting ``c.*`` and ``rank`` (lower is better) for every matching clip, for
    reuse by export. ``extra_columns`` (", expr AS name...") adds to the selection."""
    where, params = filters.where("c")
    sql = (
        f"SELECT c.*, clips_fts.rank AS rank{extra_columns} "
        "FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
        f"WHERE clips_fts MATCH ? AND clips_fts.rank MATCH ? AND {where}"
    )
    return sql, [parsed.match, RANK_FUNCTION, *params]


def _matching_rows(
    archive: Archive, parsed: ParsedQuery, filters: Filters, limit: int | None, sort: str
) -> list[dict]:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
    extra = f", {HIGHLIGHT} AS {MARKS_COLUMN}" if sort == "relevance" else ""
    sql, params = matching_ids_sql(parsed, filters, extra)
    sql += f" ORDER BY {SORTS[sort]}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        return [dict(r) for r in archive.db.query(sql, params)]
    except sqlite3.OperationalError as exc:
        # The parser quotes every term, so this means a damaged index, not a bad query.
        raise QueryError(f"cannot search for {parsed.match!r}: {exc}") from exc


def body_marks(archive: Archive, parsed: ParsedQuery, seqs: list[int]) -> dict[int, str]:
    """The analysed body of each clip with FTS5's own hits marked (MARK_START/MARK_END):
    FTS5 knows which phrase instances matched, so snippets need not analyse to find them.
    Asked for the shown rows only, whatever the sort order."""
    if not seqs:
        return {}
    placeholders = ",".join("?" * len(seqs))
    sql = (
        f"SELECT rowid, {HIGHLIGHT} FROM clips_fts "
        f"WHERE clips_fts MATCH ? AND rowid IN ({placeholders})"
    )
    return dict(archive.db.execute(sql, [parsed.match, *seqs]).fetchall())


def _is_hit(term: str, parsed: ParsedQuery) -> bool:
    return term in parsed.terms or any(term.startswith(p) for p in parsed.prefixes)


def find_hits(text: str, languages: list[str | None], parsed: ParsedQuery) -> list[tuple[int, int]]:
    """[start, end) spans of the words in ``text`` whose analysed form is a query term,
    trying each of the clip's languages (a paragraph may be in any of them)."""
    spans = {
        (t.start, t.end)
        for lang in dict.fromkeys(languages)
        for t in iter_tokens(text, lang)
        if _is_hit(t.term, parsed)
    }
    return sorted(spans)


def first_hit(text: str, languages: list[str | None], parsed: ParsedQuery) -> int | None:
    """Where the first hit starts, analysing no further than needed (snippets are cut for
    every result, so this is on the path of every search)."""
    best: int | None = None
    for lang in dict.fromkeys(languages):
        for t in iter_tokens(text, lang):
            if best is not None and t.start >= best:
                break
            if _is_hit(t.term, parsed):
                best = t.start
                break
    return best


def clip_languages(clip: dict) -> list[str | None]:
    """The clip's language, then its paragraphs' languages (a row straight from SQL holds
    them as JSON text; a decoded clip as a list)."""
    languages = clip.get("languages") or []
    if isinstance(languages, str):
        languages = json.loads(languages)
    return list(dict.fromkeys([clip.get("language"), *languages]))


def make_snippet(
    clip: dict, parsed: ParsedQuery, width: int = SNIPPET_CHARS, marked: str | None = None
) -> Snippet:
    """The first paragraph with a hit, cut to ``width`` around the first hit.

    With ``marked`` (see body_marks) the hits are read from FTS5's marks: the n-th term of
    the analysed body is the n-th word of the body, so no analysis is needed and phrases
    are marked only where the phrase matched. Without it, or if the two ever disagree
    (an index from another analyzer), the body is analysed until the first hit."""
    body = clip.get("body") or ""
    languages = clip_languages(clip)
    if marked:
        snippet = _snippet_from_marks(body, marked, languages, parsed, width)
        if snippet is not None:
            return snippet
    for paragraph in split_paragraphs(body):
        first = first_hit(paragraph, languages, parsed)
        if first is not None:
            start, end = _window(paragraph, first, width)
            spans = find_hits(paragraph[start:end], languages, parsed)
            return _cut(paragraph, start, end, spans)
    return Snippet(body[:width] + ("…" if len(body) > width else ""), ())


def _marked_ordinals(marked: str) -> list[int]:
    """Which terms (by position) FTS5 marked, using only C-level string operations."""
    ordinals: list[int] = []
    pos = marked.find(MARK_START)
    while pos >= 0:
        end = marked.find(MARK_END, pos)
        if end < 0:
            break
        first = marked.count(" ", 0, pos)
        ordinals.extend(range(first, first + marked.count(" ", pos, end) + 1))
        pos = marked.find(MARK_START, end)
    return ordinals


def _snippet_from_marks(
    body: str, marked: str, languages: list[str | None], parsed: ParsedQuery, width: int
) -> Snippet | None:
    ordinals = _marked_ordinals(marked)
    if not ordinals:
        return None  # the hit is in the title only
    found = WORD.finditer(body)
    # islice skips words in C: no Python step per word before the first hit.
    first = next(islice(found, ordinals[0], None), None)
    if first is None or not any(
        _is_hit(analyze_word(first.group(), lang), parsed) for lang in languages
    ):
        return None  # terms and words out of step: let the caller analyse instead
    par_start = body.rfind("\n", 0, first.start()) + 1
    par_end = body.find("\n", first.end())
    par_end = len(body) if par_end < 0 else par_end
    lead = len(body[par_start:par_end]) - len(body[par_start:par_end].lstrip())
    paragraph = body[par_start:par_end].strip()
    offset = par_start + lead
    start, end = _window(paragraph, first.start() - offset, width)
    spans = [(first.start() - offset, first.end() - offset)]
    position = ordinals[0]
    for ordinal in ordinals[1:]:
        word = next(islice(found, ordinal - position - 1, None), None)
        position = ordinal
        if word is None or word.start() - offset >= end:
            break
        spans.append((word.start() - offset, word.end() - offset))
    return _cut(paragraph, start, end, [(s - start, e - start) for s, e in spans])


def _cut(paragraph: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    """paragraph[start:end] with ellipses; ``spans`` are relative to ``start``."""
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(paragraph) else ""
    shift = len(prefix)
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= 0 and e <= end - start)
    return Snippet(prefix + paragraph[start:end] + suffix, inside)


def _window(text: str, first: int, width: int) -> tuple[int, int]:
    """About ``width`` characters with the first hit a third of the way in, cut at spaces."""
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    return start, end
