"""The project's analysed terms as PostgreSQL text-search values, written as literals: a
``tsvector`` from a clip's title, body and compound-part terms, and a ``tsquery`` from a
``ParsedQuery``. The analysis stays ours (``analysis/``): ``to_tsvector`` would re-split
words with its own parser and fold case by the server's locale, so it is never called.

Layout of a clip's tsvector (weights are what FTS5's three columns are here):

- title terms at weight A, positions 1..t;
- body terms at weight C from position t+2 (the gap: a phrase never runs from the title's
  last word into the body's first);
- compound parts at weight D after the body (+2), for single-word searches only.

PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme. A term past
position 16,383 is still indexed, at 16,383 (so a clip is found by a word of its tail),
but a phrase there is not found, and a lexeme's 257th and later occurrences have no
position (a phrase through them is not found either). Hits shown for a clip come from its
stored terms (``body_hits``), which have no such limit.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from clipping_archive.search.query import Clause, ParsedQuery, Phrase

MAX_POSITION = 16_383  # PostgreSQL's WordEntryPos holds 14 bits
MAX_POSITIONS_PER_LEXEME = 256
MAX_LEXEME_BYTES = 2_047  # longer words are refused ("word is too long"): cut, both sides
# A tsvector's lexemes may take 1 MB in all; a clip with more distinct words than that
# (a 10 MB file of random strings) keeps those that come first.
MAX_LEXEMES_BYTES = 1_000_000
TITLE, BODY, PARTS = "A", "C", "D"
# A phrase of several words must stand in the title or the body, as FTS5's {title body}:
# two parts of neighbouring compounds never make a phrase.
PHRASE_WEIGHTS = "AC"
FAMILY_WEIGHTS = "D"  # a "family" phrase (search.query.Phrase.level) matches parts only


def lexeme(term: str) -> str:
    """The term as PostgreSQL can hold it: at most MAX_LEXEME_BYTES of UTF-8 (a longer
    term, a run of 2,000 letters, is cut the same way in clips and in queries)."""
    data = term.encode()
    if len(data) <= MAX_LEXEME_BYTES:
        return term
    return data[:MAX_LEXEME_BYTES].decode(errors="ignore")


def quote(term: str) -> str:
    """A lexeme as tsvector/tsquery input: quoted, its quote and backslash escaped."""
    return "'" + lexeme(term).replace("\\", "\\\\").replace("'", "''") + "'"


def term_positions(
    title_terms: str, body_terms: str, part_terms: str
) -> dict[str, list[tuple[int, str]]]:
    """lexeme -> [(position, weight)] as the tsvector holds them (capped as PostgreSQL
    caps them, so what is written is what is stored)."""
    out: dict[str, list[tuple[int, str]]] = {}
    title = title_terms.split()
    body = body_terms.split()
    parts = part_terms.split()
    start_body = len(title) + 2
    start_parts = start_body + len(body) + 1
    for offset, weight, terms in ((1, TITLE, title), (start_body, BODY, body),
                                  (start_parts, PARTS, parts)):  # fmt: skip
        for i, term in enumerate(terms):
            entries = out.setdefault(term, [])
            if len(entries) >= MAX_POSITIONS_PER_LEXEME:
                continue
            pos = min(offset + i, MAX_POSITION)
            if entries and entries[-1][0] == pos:
                continue  # the cap folds a tail's positions into one: kept once
            entries.append((pos, weight))
    return out


@dataclass(frozen=True)
class IndexedText:
    """What the writer stores of a clip's terms: the tsvector literal, the distinct
    terms (for the term statistics) and the length in tokens (for BM25)."""

    literal: str
    terms: Collection[str]
    length: int
    # lexeme -> its position labels ("17C") as stored: the column-weighted instances of
    # a term (storage.pg_toplists) come from them
    labels: Mapping[str, list[str]]


def tsvector_literal(title_terms: str, body_terms: str, part_terms: str) -> str:
    return indexed_text(title_terms, body_terms, part_terms).literal


def indexed_text(title_terms: str, body_terms: str, part_terms: str) -> IndexedText:
    """The clip's tsvector as text input (``'aanslag':4C,9C 'moskou':1A``), with its
    distinct terms and length. This runs for every clip in the writer, so the common
    case (a clip within PostgreSQL's limits) is one pass that files each token's
    ready-made position label (``"17C"``) under its term; the labels come in position
    order, so a lexeme's first 256 are its first 256."""
    title, body, parts = title_terms.split(), body_terms.split(), part_terms.split()
    start_body = len(title) + 2
    start_parts = start_body + len(body) + 1
    end = start_parts + len(parts)
    length = len(title) + len(body) + len(parts)
    longest = max(map(len, (*title, *body, *parts)), default=0)
    if end > MAX_POSITION or longest * 4 > MAX_LEXEME_BYTES:
        return _capped(title_terms, body_terms, part_terms, length)
    a, c, d = _labels()
    found: dict[str, list[str]] = {}
    tokens = (*title, *body, *parts)
    labels = (*a[1:start_body - 1], *c[start_body:start_parts - 1], *d[start_parts:end])
    for term, label in zip(tokens, labels, strict=True):
        entry = found.get(term)
        if entry is None:
            found[term] = [label]
        else:
            entry.append(label)
    if sum(map(len, found)) * 4 > MAX_LEXEMES_BYTES:
        return _capped(title_terms, body_terms, part_terms, length)
    everything = title_terms + body_terms + part_terms
    if "'" in everything or "\\" in everything:
        names: Iterable[str] = map(quote, found)
    else:
        names = map("'{}'".format, found)
    if max(map(len, found.values()), default=0) > MAX_POSITIONS_PER_LEXEME:
        for entry in found.values():
            del entry[MAX_POSITIONS_PER_LEXEME:]  # as stored: a lexeme's first 256
    literal = " ".join(map("{}:{}".format, names, map(",".join, found.values())))
    return IndexedText(literal, found.keys(), length, found)


def _capped(title_terms: str, body_terms: str, part_terms: str, length: int) -> IndexedText:
    terms = {*title_terms.split(), *body_terms.split(), *part_terms.split()}
    merged = _merged(term_positions(title_terms, body_terms, part_terms))
    labels = {t: [f"{pos}{weight}" for pos, weight in entries] for t, entries in merged.items()}
    return IndexedText(_capped_literal(labels), terms, length, labels)


@functools.cache
def _labels() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Position labels for each weight, index = position (built once per writer)."""
    return tuple(  # type: ignore[return-value]
        tuple(f"{i}{weight}" for i in range(MAX_POSITION + 1)) for weight in (TITLE, BODY, PARTS)
    )


def _capped_literal(labels: dict[str, list[str]]) -> str:
    """The literal of a clip past PostgreSQL's limits (positions beyond 16,383, words of
    over 2 KB, over 1 MB of distinct words), capped as described above, from its merged
    lexemes' position labels."""
    out: list[str] = []
    budget = MAX_LEXEMES_BYTES
    for term, entries in labels.items():
        budget -= len(term.encode())
        if budget < 0:
            break
        out.append(quote(term) + ":" + ",".join(entries))
    return " ".join(out)


def _merged(positions: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """Terms that are one lexeme once cut (two words of over 2 KB alike in their first
    2 KB) with their positions together."""
    if all(len(t) * 4 <= MAX_LEXEME_BYTES for t in positions):
        return positions  # the common case: nothing to cut
    out: dict[str, list[tuple[int, str]]] = {}
    for term, entries in positions.items():
        merged = out.setdefault(lexeme(term), [])
        merged.extend(entries)
    for key, entries in out.items():
        out[key] = sorted(set(entries))[:MAX_POSITIONS_PER_LEXEME]
    return out


def doc_length(title_terms: str, body_terms: str, part_terms: str) -> int:
    """Tokens in all three columns: FTS5 bm25's document length (xColumnSize(-1))."""
    return len(title_terms.split()) + len(body_terms.split()) + len(part_terms.split())


def phrase_level(p: Phrase) -> str:
    return getattr(p, "level", "lemma")


def _phrase(p: Phrase) -> str:
    family = phrase_level(p) == "family"
    if len(p.terms) == 1 and not family:
        return quote(p.terms[0]) + (":*" if p.prefix else "")  # any column, as FTS5
    weights = FAMILY_WEIGHTS if family else PHRASE_WEIGHTS
    items = []
    for i, term in enumerate(p.terms):
        star = "*" if p.prefix and i == len(p.terms) - 1 else ""
        items.append(f"{quote(term)}:{star}{weights}")
    return items[0] if len(items) == 1 else "(" + " <-> ".join(items) + ")"


def _group(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "(" + " | ".join(items) + ")"


def _clause(clause: Clause) -> str:
    return _group([_group([_phrase(p) for p in alternative]) for alternative in clause])


def tsquery_text(parsed: ParsedQuery) -> str:
    """``parsed`` as tsquery input: clauses AND'ed, alternatives OR'ed, exclusions NOT'ed.
    Every lexeme is quoted: nothing a user types is tsquery syntax. Sent as a parameter
    and cast (``%s::tsquery``), never spliced into SQL."""
    text = " & ".join(_clause(c) for c in parsed.wanted)
    if parsed.excluded:
        text = f"({text}) & !({' | '.join(_clause(c) for c in parsed.excluded)})"
    return text


def query_phrases(parsed: ParsedQuery) -> list[Phrase]:
    """Every phrase a match is scored on (the wanted ones: an excluded phrase has no
    instance in a matching clip), each once."""
    return list(dict.fromkeys(p for clause in parsed.wanted for alt in clause for p in alt))


def lexemes_of(phrases: Iterable[Phrase]) -> tuple[list[str], list[str]]:
    """(exact lexemes, prefixes) the phrases need, for reading a clip's positions."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for p in phrases:
        *head, last = p.terms
        exact.update(head)
        (prefixes if p.prefix else exact).add(last)
    return sorted(exact), sorted(prefixes)
