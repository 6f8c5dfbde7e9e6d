"""Text analysis, in the manner of Lucene's analysis chains: one analyzer per language,
each a tokenizer followed by a list of small steps (analyzers.py), applied identically at
index time and at query time. Stored terms change when this changes: ANALYZER_VERSION changes with
it, search warns, and `clip reindex` rebuilds the index."""

from __future__ import annotations

from functools import lru_cache

from clipping_archive.analysis.analyzers import (
    ANALYZER_VERSION,
    COMPOUNDING_LANGUAGES,
    LANGUAGES,
    analyze,
    analyze_word,
    compound_parts,
    iter_tokens,
    normalize,
    preload,
)
from clipping_archive.analysis.compounds import MIN_COMPOUND
from clipping_archive.analysis.family import FAMILY_MARK, family_query, family_term
from clipping_archive.analysis.tokenize import WORD
from clipping_archive.models import Paragraph

__all__ = [
    "ANALYZER_VERSION",
    "LANGUAGES",
    "analyze",
    "analyze_word",
    "compound_parts",
    "FAMILY_MARK",
    "family_query",
    "family_term",
    "word_family",
    "index_parts",
    "index_text",
    "iter_tokens",
    "normalize",
    "preload",
    "terms",
]


def terms(text: str, language: str | None) -> list[str]:
    """The terms of ``text`` without offsets: the same as ``analyze``'s, found by one
    C-level findall instead of a Token per word (indexing needs no offsets, and this is
    most of an import's time per clip)."""
    return [term for word in WORD.findall(text) if (term := analyze_word(word, language))]


def index_text(
    title: str | None, paragraphs: tuple[Paragraph, ...], language: str | None
) -> tuple[str, str]:
    """(title terms, body terms) as clips_fts stores them for one clip: the title in the
    clip's language, each paragraph in its own."""
    body = [term for p in paragraphs for term in terms(p.text, p.language)]
    return " ".join(terms(title or "", language)), " ".join(body)


@lru_cache(maxsize=1 << 15)
def word_family(word: str, language: str | None) -> str:
    """The marked family term a word adds to the index ('' when its family is its lemma):
    computed from the word's cached lemma, so the family costs one lookup a word."""
    term = analyze_word(word, language)
    return family_term(term, language) if term else ""


def index_parts(
    paragraphs: tuple[Paragraph, ...], title: str | None = None, language: str | None = None
) -> str:
    """The index's ``parts`` column: the analysed parts of the compounds in the body
    (terreur aanslag for terreuraanslag), and the family terms of the title's and the
    body's words (φيمن for اليمنية, φbomb for bombing; analysis/family.py). Found by
    searches for a single word, outside the body's positions so phrases stay exact."""
    parts = [
        part
        for p in paragraphs
        if p.language in COMPOUNDING_LANGUAGES
        for word in WORD.findall(p.text)
        # Most words are too short to be compounds: skip them before any call.
        if len(word) >= MIN_COMPOUND
        for part in compound_parts(word, p.language)
    ]
    texts = [(title or "", language), *((p.text, p.language) for p in paragraphs)]
    parts += [
        family
        for text, lang in texts
        for word in WORD.findall(text)
        if (family := word_family(word, lang))
    ]
    return " ".join(parts)
