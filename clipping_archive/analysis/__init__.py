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
)
from clipping_archive.analysis.compounds import MIN_COMPOUND
from clipping_archive.analysis.tokenize import WORD
from clipping_archive.models import Paragraph

__all__ = [
    "ANALYZER_VERSION",
    "LANGUAGES",
    "analyze",
    "analyze_word",
    "compound_parts",
    "index_parts",
    "index_text",
    "iter_tokens",
    "normalize",
    "preload",
    "terms",
]


# Each language's words already analysed, in front of analyze_word's own cache: a plain
# dict looked up by map() in C, where the LRU cache builds a (word, language) key in
# Python for every word. News text repeats its words, so an import finds most here;
# the memo starts over when full (~25 MB), which costs a few re-analysed words.
_ANALYSED: dict[str | None, dict[str, str]] = {}
MAX_ANALYSED = 1 << 17


def terms(text: str, language: str | None) -> list[str]:
    """The terms of ``text`` without offsets: the same as ``analyze``'s, found by one
    C-level findall instead of a Token per word (indexing needs no offsets, and this is
    most of an import's time per clip)."""
    memo = _ANALYSED.get(language)
    if memo is None or len(memo) > MAX_ANALYSED:
        memo = _ANALYSED[language] = {}
    found = WORD.findall(text)
    analysed = list(map(memo.get, found))
    if None in analysed:
        for i, term in enumerate(analysed):
            if term is None:
                analysed[i] = memo[found[i]] = analyze_word(found[i], language)
    return list(filter(None, analysed))


def index_text(
    title: str | None, paragraphs: tuple[Paragraph, ...], language: str | None
) -> tuple[str, str]:
    """(title terms, body terms) as clips_fts stores them for one clip: the title in the
    clip's language, each paragraph in its own."""
    body = [term for p in paragraphs for term in terms(p.text, p.language)]
    return " ".join(terms(title or "", language)), " ".join(body)


def index_parts(paragraphs: tuple[Paragraph, ...]) -> str:
    """The analysed parts of the compounds in the body (terreur aanslag for
    terreuraanslag), for the index's ``parts`` column: found by searches for a part,
    outside the body's positions so phrases stay exact."""
    parts = [
        part
        for p in paragraphs
        if p.language in COMPOUNDING_LANGUAGES
        for word in WORD.findall(p.text)
        # Most words are too short to be compounds: skip them before any call.
        if len(word) >= MIN_COMPOUND
        for part in compound_parts(word, p.language)
    ]
    return " ".join(parts)
