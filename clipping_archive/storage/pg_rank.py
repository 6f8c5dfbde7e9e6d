"""Ranking and hit places for the PostgreSQL backend, computed as SQLite's FTS5 computes
them, so a team archive ranks no worse than a desk one:

- BM25 exactly as FTS5's ``bm25(5, 1, 0.5)``: per query phrase, its instances weighted
  by column (title 5, body 1, parts 0.5), k1 1.2, b 0.75, the document's length in
  tokens of all three columns against the average, and IDF from how many clips hold
  the phrase (a word: ``term_stats``; a prefix or a phrase of several words: counted by
  the text index, as FTS5 counts them);
- hit ordinals: the places in a clip's stored body terms where a query phrase stands
  (a phrase only where all its words follow each other), as FTS5's ``highlight``
  marks them.

The instances come from the clip's tsvector (positions and weights of the query's
lexemes only, read by ``unnest`` on the server), the hit ordinals from ``body_terms``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from clipping_archive.search.query import ParsedQuery, Phrase
from clipping_archive.storage.tsquery import phrase_level

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
PARTS_WEIGHT = 0.5
# ts_rank_cd weights, in its order D, C, B, A: each column weight over 5 (B is unused)
RANK_CD_WEIGHTS = "{0.1,0.2,0.4,1.0}"
K1 = 1.2
B = 0.75
MIN_IDF = 1e-6  # FTS5's floor for a term in more than half the clips

@dataclass(frozen=True)
class CorpusStats:
    docs: int
    avg_len: float


def all_phrases(parsed: ParsedQuery) -> list[Phrase]:
    """The phrases of the query in order, as FTS5 counts them (excluded phrases too;
    they have no instance in a match, so they add nothing)."""
    clauses = (*parsed.wanted, *parsed.excluded)
    return [p for clause in clauses for alternative in clause for p in alternative]


def _matches_term(lexeme: str, term: str, prefix: bool) -> bool:
    return lexeme.startswith(term) if prefix else lexeme == term


def idf(docs_with: int, stats: CorpusStats) -> float:
    value = math.log((stats.docs - docs_with + 0.5) / (docs_with + 0.5))
    return value if value > 0 else MIN_IDF


def length_norm(doc_len: int, avg_len: float) -> float:
    """BM25's k1 scaled by the clip's length against the average."""
    return K1 * (1 - B + B * doc_len / avg_len) if avg_len else K1


def instances(rank_cd: float) -> float:
    """A phrase's column-weighted instances from ``ts_rank_cd(RANK_CD_WEIGHTS, tsv, phrase,
    0)``: with those weights and no normalisation, the sum over its instances of the
    column weight over 5 (rounded back to the half it must be)."""
    return round(rank_cd * 10) / 2


def bm25(frequencies: list[float], idfs: list[float], doc_len: int, stats: CorpusStats) -> float:
    """Higher is better: FTS5's bm25(), negated. ``frequencies``: each query phrase's
    instances in the clip, each weighted by its column (title 5, body 1, parts .5)."""
    norm = length_norm(doc_len, stats.avg_len)
    score = 0.0
    for f, weight in zip(frequencies, idfs, strict=True):
        if f:
            score += weight * (f * (K1 + 1)) / (f + norm)
    return score


def body_hits(parsed: ParsedQuery, body_terms: str) -> tuple[int, ...]:
    """Ordinals of the body's terms that a wanted phrase matched (the n-th term is the
    n-th word of the body). Words are found by ``str.find`` in the space-separated terms
    and placed by counting the spaces before them (C speed: a page of long clips cost
    milliseconds token by token); a phrase of several words is tried only where its
    first word stands."""
    phrases = [p for p in _wanted(parsed) if phrase_level(p) != "family"]  # parts: no word
    if "  " in body_terms or "\n" in body_terms or "\t" in body_terms:
        body_terms = " ".join(body_terms.split())  # one space between terms, as written
    padded = f" {body_terms} "
    hits: set[int] = set()
    terms: list[str] | None = None
    for p in phrases:
        n = len(p.terms)
        if n == 1:
            hits.update(_places(padded, f" {p.terms[0]}" + ("" if p.prefix else " ")))
            continue
        if terms is None:
            terms = body_terms.split()
        for i in _places(padded, f" {p.terms[0]} "):
            if i + n <= len(terms) and all(
                _matches_term(terms[i + k], p.terms[k], p.prefix and k == n - 1)
                for k in range(1, n)
            ):
                hits.update(range(i, i + n))
    return tuple(sorted(hits))


def _places(padded: str, needle: str) -> list[int]:
    """Ordinals of the terms of ``padded`` (" t0 t1 ... ") that ``needle`` (a space, a
    term or its start, maybe a space) begins: a term's ordinal is the count of spaces
    before it."""
    out = []
    ordinal, last = 0, 0
    i = padded.find(needle)
    while i != -1:
        ordinal += padded.count(" ", last, i)
        out.append(ordinal)
        last = i
        i = padded.find(needle, i + 1)
    return out


def _wanted(parsed: ParsedQuery) -> Iterable[Phrase]:
    return dict.fromkeys(p for clause in parsed.wanted for alt in clause for p in alt)
