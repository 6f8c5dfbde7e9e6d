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
from clipping_archive.analysis.tokenize import word_list
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
    return [term for term in terms_in_context(word_list(text), language) if term]


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


# One word's contribution to a clip's index in a language: (its term alone, its family
# term or '', whether its context decides its term, its compound parts).
WordEntry = tuple[str, str, bool, tuple[str, ...]]
# Words kept a language (each worker's, emptied when full: memory stays flat). Real
# articles' vocabulary outgrows 16k words within a few hundred clips: emptied that often,
# a worker analysed ~100 words a clip afresh, most of its time; 64k halves that (6,963
# real articles: 3.2 -> 2.3 ms a clip, ~22 MB more a worker; docs/search.md).
INDEX_CACHE_WORDS = 1 << 16
_entries: dict[str | None, dict[str, WordEntry]] = {}


def _word_entry(word: str, language: str | None) -> WordEntry:
    term, family, in_context = word_terms(word, language)
    # Most words are too short to be compounds: skipped before any call.
    parts = compound_parts(word, language) if len(word) >= MIN_COMPOUND else ()
    return term, family, in_context, parts


def _new_entry(entries: dict[str, WordEntry], word: str, language: str | None) -> WordEntry:
    if len(entries) >= INDEX_CACHE_WORDS:
        entries.clear()
    entry = entries[word] = _word_entry(word, language)
    return entry


def index_terms(
    title: str | None,
    paragraphs: tuple[Paragraph, ...],
    language: str | None,
    words: list[list[str]] | None = None,
) -> tuple[str, str, str]:
    """(title terms, body terms, parts) as clips_fts stores them for one clip, in one pass
    over each text: the title in the clip's language, each paragraph in its own; parts
    are the analysed parts of the body's compounds (terreur aanslag for terreuraanslag)
    and the family terms of the title's and the body's words (φيمن for اليمنية, φbomb for
    bombing; analysis/family.py), found by searches for a single word, outside the body's
    positions so phrases stay exact.

    Each word is one look-up in a plain dict of its text's language (term, family and
    compound parts together), and each text is split once (word_list): ``words``, when
    given, are the paragraphs' word_list already (language.detect_clip_words)."""
    title_terms: list[str] = []
    body_terms: list[str] = []
    parts: list[str] = []
    families: list[str] = []
    texts = [(word_list(title or ""), language, title_terms, False)]
    texts += [
        (
            word_list(p.text) if words is None else words[i],
            p.language,
            body_terms,
            p.language in COMPOUNDING_LANGUAGES,
        )
        for i, p in enumerate(paragraphs)
    ]
    for text_words, lang, out, compounding in texts:
        entries = _entries.setdefault(lang, {})
        known = entries.get
        previous = ""
        for word in text_words:
            entry = known(word) or _new_entry(entries, word, lang)
            term, family, in_context, word_parts = entry
            if in_context:  # as terms_in_context reads it
                term = reading_after(previous, term)
                family = family if term[0] not in (VERB_MARK, NAME_MARK) else ""
            if term:
                out.append(term)
                if family:
                    families.append(family)
            if compounding and word_parts:  # the body's compounds only, not the title's
                parts += word_parts
            previous = word
    return " ".join(title_terms), " ".join(body_terms), " ".join(parts + families)


def index_parts(
    paragraphs: tuple[Paragraph, ...], title: str | None = None, language: str | None = None
) -> str:
    """The index's ``parts`` column alone (see index_terms)."""
    return index_terms(title, paragraphs, language)[2]
