"""Each step of the analyzer chains on its own, with its vectors (the whole chains have
theirs in tests/vectors/)."""

from __future__ import annotations

import pytest

from clipping_archive.analysis import analyzers, arabic, compounds, normalize
from clipping_archive.analysis.filters import fold_digits, fold_latin_diacritics, nfkc_casefold


@pytest.mark.parametrize(
    ("step", "given", "expected"),
    [
        (nfkc_casefold, "ﻻ", "لا"),
        (nfkc_casefold, "Moskou", "moskou"),
        (fold_digits, "٢٠٢٤", "2024"),
        (fold_latin_diacritics, "moskeeën", "moskeeen"),
        (arabic.strip_marks, "الهُجُومُ", "الهجوم"),
        (arabic.strip_marks, "هجومًا", "هجوم"),
        (arabic.strip_marks, "هٰذا", "هذا"),
        (arabic.unify_letters, "أعلن", "اعلن"),
        (arabic.unify_letters, "مستشفى", "مستشفي"),
        (arabic.unify_letters, "المدينة", "المدينه"),
    ],
)
def test_normalising_steps(step, given, expected):
    assert step(given) == expected


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("وزير", "وزير"),  # known whole: its و is a letter, not "and"
        ("والوزراء", "وزير"),  # و + ال + a broken plural
        ("بالوزير", "وزير"),
        ("كوزير", "وزير"),
        ("لمصر", "مصر"),
        ("حكومته", "حكومة"),  # ت before the suffix is the stem's ة
        ("مناطقهم", "منطقة"),
        ("عمله", "عمل"),  # the pronoun ه, not عملة: the more frequent reading
        ("مدينه", "مدينة"),  # ة written ه
        ("إيران", "إيران"),
    ],
)
def test_arabic_lemmatizer_sees_through_clitics(word, lemma):
    assert arabic.lemmatize(word) == lemma


def test_arabic_lemmatizer_leaves_unknown_words_to_the_stemmer():
    assert arabic.lemmatize("البغداديين") is None or arabic.lemmatize("البغداديين") != ""
    assert arabic.lemmatize("شولمانيهم") is None


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والبغدادي", "بغدادي"),
        ("شولمانهم", "شولمان"),  # one suffix only
        ("وليد", "وليد"),  # a single-letter prefix needs 5+ letters behind it
        ("كريم", "كريم"),
        ("الله", "الله"),
    ],
)
def test_arabic_fallback_stemmer(word, stem):
    assert arabic.fallback_stem(word) == stem


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("terreuraanslag", ("terreur", "aanslag")),
        ("veiligheidsdienst", ("veiligheid", "dienst")),  # the linking s
        ("zelfmoordaanslag", ("zelf", "moordaanslag", "moord", "aanslag")),
        ("aanslag", ()),  # aan + slag: parts of 3 letters are prefixes, not words
        ("overheid", ()),
        ("moskou", ()),
    ],
)
def test_dutch_compound_splitter(word, parts):
    assert compounds.split(word) == parts


def test_the_normaliser_is_the_chain_without_its_stemmer():
    assert normalize("الوزراءُ") == analyzers.ARABIC.normaliser("الوزراءُ") == "الوزراء"
    assert normalize("Moskeeën") == "moskeeen"
    assert analyzers.DUTCH("kinderen") == "kind" != analyzers.DUTCH.normaliser("kinderen")
