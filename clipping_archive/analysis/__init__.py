"""Text analysis, in the manner of Lucene's analysis chains: one analyzer per language,
each a tokenizer followed by a list of small steps (analyzers.py), applied identically at
index time and at query time. Stored terms change when this changes: ANALYZER_VERSION changes with
it, search warns, and `clip reindex` rebuilds the index."""

from __future__ import annotations

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
    terms_in_context,
    word_readings,
    word_terms,
)
from clipping_archive.analysis.arabic import NAME_MARK, VERB_MARK, reading_after
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
    "index_terms",
    "index_text",
    "word_terms",
    "terms_in_context",
    "word_readings",
    "iter_tokens",
    "normalize",
    "preload",
    "terms",
]


def terms(text: str, language: str | None) -> list[str]:
    """The terms of ``text`` without offsets: the same as ``analyze``'s, found by one
    C-level findall instead of a Token per word (indexing needs no offsets, and this is
    most of an import's time per clip)."""
    return [term for term in terms_in_context(WORD.findall(text), language) if term]


def index_text(
    title: str | None, paragraphs: tuple[Paragraph, ...], language: str | None
) -> tuple[str, str]:
    """(title terms, body terms) as clips_fts stores them for one clip: the title in the
    clip's language, each paragraph in its own."""
    body = [term for p in paragraphs for term in terms(p.text, p.language)]
    return " ".join(terms(title or "", language)), " ".join(body)


def word_family(word: str, language: str | None) -> str:
    """The marked family term a word adds to the index ('' when its family is its lemma)."""
    return word_terms(word, language)[1]


def index_terms(
    title: str | None, paragraphs: tuple[Paragraph, ...], language: str | None
) -> tuple[str, str, str]:
    """(title terms, body terms, parts) as clips_fts stores them for one clip, in one pass
    over each text: the title in the clip's language, each paragraph in its own; parts
    are the analysed parts of the body's compounds (terreur aanslag for terreuraanslag)
    and the family terms of the title's and the body's words (φيمن for اليمنية, φbomb for
    bombing; analysis/family.py), found by searches for a single word, outside the body's
    positions so phrases stay exact."""
    title_terms: list[str] = []
    body_terms: list[str] = []
    families: list[str] = []
    texts = [(title or "", language, title_terms)]
    texts += [(p.text, p.language, body_terms) for p in paragraphs]
    for text, lang, out in texts:
        previous = ""
        for word in WORD.findall(text):
            term, family, in_context = word_terms(word, lang)
            if in_context:  # as terms_in_context reads it
                term = reading_after(previous, term)
                family = family if term[0] not in (VERB_MARK, NAME_MARK) else ""
            if term:
                out.append(term)
                if family:
                    families.append(family)
            previous = word
    parts = _compound_parts(paragraphs)
    return " ".join(title_terms), " ".join(body_terms), " ".join(parts + families)


def _compound_parts(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return [
        part
        for p in paragraphs
        if p.language in COMPOUNDING_LANGUAGES
        for word in WORD.findall(p.text)
        # Most words are too short to be compounds: skip them before any call.
        if len(word) >= MIN_COMPOUND
        for part in compound_parts(word, p.language)
    ]


def index_parts(
    paragraphs: tuple[Paragraph, ...], title: str | None = None, language: str | None = None
) -> str:
    """The index's ``parts`` column alone (see index_terms)."""
    return index_terms(title, paragraphs, language)[2]
