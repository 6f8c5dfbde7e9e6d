"""User query -> FTS5 MATCH expression over analysed terms.

Every word is analysed by every language's analyzer (a query need not say its language),
and the variants are OR'ed, so `aanslagen` matches a Dutch stem and an English one alike.
Every term is quoted, so nothing a user types can be read as FTS5 syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from clipping_archive.analysis import analyze
from clipping_archive.errors import QueryError

QUERY_LANGUAGES = ("nl", "en", "ar")


@dataclass(frozen=True)
class ParsedQuery:
    match: str  # the FTS5 MATCH expression
    terms: frozenset[str]  # every analysed term, for highlighting


def parse_query(text: str, languages: tuple[str, ...] = QUERY_LANGUAGES) -> ParsedQuery:
    groups: list[str] = []
    terms: set[str] = set()
    for word in text.split():
        variants = _variants(word, languages)
        if not variants:
            continue
        terms.update(*variants)
        alternatives = sorted({" ".join(v) for v in variants})
        phrases = [_phrase(a) for a in alternatives]
        groups.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    if not groups:
        raise QueryError("empty query: type at least one word")
    return ParsedQuery(" AND ".join(groups), frozenset(terms))


def _variants(word: str, languages: tuple[str, ...]) -> list[tuple[str, ...]]:
    variants = []
    for lang in languages:
        terms = tuple(t.term for t in analyze(word, lang))
        if terms and terms not in variants:
            variants.append(terms)
    return variants


def _phrase(terms: str) -> str:
    return '"' + terms.replace('"', '""') + '"'
