"""Analysis keeps offsets into the original text and analyses each paragraph in its own
language."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from clipping_archive.analysis import ANALYZER_VERSION, analyze, index_text
from clipping_archive.models import Paragraph


def test_offsets_point_at_the_original_words():
    text = "Bij de aanslagen in Oekraïne — قال والحسن: الهُجُومُ ٢٠٢٤ (ISIS-K)"
    tokens = analyze(text, "nl")
    originals = [text[t.start : t.end] for t in tokens]
    assert originals == [
        "Bij", "de", "aanslagen", "in", "Oekraïne", "قال", "والحسن", "الهُجُومُ", "٢٠٢٤",
        "ISIS", "K",
    ]  # fmt: skip
    assert [t.term for t in tokens][2] == "aanslag"


def test_a_vowelled_word_is_one_token_not_single_letters():
    # FTS5's unicode61 would cut this word at each short vowel.
    tokens = analyze("الهُجُومُ", "ar")
    assert len(tokens) == 1 and tokens[0].term == "هجوم"
    assert (tokens[0].start, tokens[0].end) == (0, len("الهُجُومُ"))


def test_each_paragraph_in_its_own_language():
    paragraphs = (
        Paragraph("De aanslagen waren gruwelijk.", "nl"),
        Paragraph("They celebrated the attacks.", "en"),
    )
    terms = index_text(None, paragraphs, None)[1].split()
    assert "aanslag" in terms and "celebrate" in terms
    # The English paragraph, analysed as Dutch, would not give the English stem.
    assert "celebrate" not in [t.term for t in analyze("They celebrated the attacks.", "nl")]


def test_terms_never_hold_a_space():
    # ﷺ expands under NFKC to four words; one FTS5 token must stay one term.
    assert [" " in t.term for t in analyze("محمد ﷺ", "ar")] == [False, False]


def test_analyzer_version_names_the_stemmer_version():
    assert version("PyStemmer") in ANALYZER_VERSION


def test_fast_terms_equal_the_analyzed_tokens_on_every_seed_paragraph():
    """Indexing takes `terms` (no offsets); snippets take `analyze`: they must agree word
    for word, or highlights would point at the wrong words."""
    from clipping_archive.analysis import analyze, terms
    from clipping_archive.ingest.language import split_paragraphs

    checked = 0
    for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        for paragraph in split_paragraphs(path.read_text(encoding="utf-8")):
            for language in ("nl", "en", "ar", None):
                assert terms(paragraph, language) == [t.term for t in analyze(paragraph, language)]
                checked += 1
    assert checked > 100


def _index_terms_a_function_at_a_time(title, paragraphs, language):
    """index_terms as it was before its word cache: each word through word_terms, and
    the Dutch paragraphs split again for their compounds."""
    from clipping_archive.analysis import (
        COMPOUNDING_LANGUAGES,
        NAME_MARK,
        VERB_MARK,
        compound_parts,
        reading_after,
        word_terms,
    )
    from clipping_archive.analysis.compounds import MIN_COMPOUND
    from clipping_archive.analysis.tokenize import WORD

    title_terms, body_terms, families = [], [], []
    for text, lang, out in [(title or "", language, title_terms)] + [
        (p.text, p.language, body_terms) for p in paragraphs
    ]:
        previous = ""
        for word in WORD.findall(text):
            term, family, in_context = word_terms(word, lang)
            if in_context:
                term = reading_after(previous, term)
                family = family if term[0] not in (VERB_MARK, NAME_MARK) else ""
            if term:
                out.append(term)
                if family:
                    families.append(family)
            previous = word
    parts = [
        part
        for p in paragraphs
        if p.language in COMPOUNDING_LANGUAGES
        for word in WORD.findall(p.text)
        if len(word) >= MIN_COMPOUND
        for part in compound_parts(word, p.language)
    ]
    return " ".join(title_terms), " ".join(body_terms), " ".join(parts + families)


def test_index_terms_equal_the_terms_read_a_function_at_a_time(monkeypatch):
    import clipping_archive.analysis as analysis
    from clipping_archive.ingest.language import split_paragraphs

    # A tiny cache, emptied every few words, must give the same terms as a full one.
    monkeypatch.setattr(analysis, "INDEX_CACHE_WORDS", 5)
    title = "Terreuraanslag: كما طالب أبو طالب bij de veiligheidsdienst"
    checked = 0
    for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        texts = split_paragraphs(path.read_text(encoding="utf-8"))
        for language in ("nl", "en", "ar", "af", None):
            paragraphs = tuple(
                Paragraph(text, (language, "nl", "ar")[i % 3]) for i, text in enumerate(texts)
            )
            expected = _index_terms_a_function_at_a_time(title, paragraphs, language)
            assert analysis.index_terms(title, paragraphs, language) == expected
            assert expected[2]
            checked += 1
    assert checked >= 25
    assert 0 < max(map(len, analysis._entries.values())) <= 5
