"""Issue 16's "Why", as a researcher would try it: forms of one word meet (same index
term), different words stay apart, in each language's analyzer. The per-step behaviour is
in tests/vectors/*.tsv; these are the issue's examples, word against word."""

from __future__ import annotations

import pytest

from clipping_archive.analysis import analyze_word, compound_parts, normalize


def _term(word: str, language: str) -> str:
    return analyze_word(word, language)


MEET = [
    # Arabic: a leading و that belongs to the word stays (وزير is not و + زير)
    ("ar", "وزير", "الوزير"),
    ("ar", "ولايات", "الولايات"),
    # single-letter proclitics ب ل ك, like و
    ("ar", "بشكل", "شكل"),
    ("ar", "لمصر", "مصر"),
    ("ar", "كوزير", "وزير"),
    ("ar", "بوزارة", "وزارة"),
    ("ar", "والوزراء", "وزير"),
    ("ar", "بالوزير", "وزير"),
    # ة written ت before a pronoun suffix; pronoun suffixes; tanween alef
    ("ar", "حكومته", "حكومة"),
    ("ar", "مناطقهم", "منطقة"),
    ("ar", "عاما", "عام"),
    ("ar", "أيام", "يوم"),
    # Dutch: irregular verbs and participles, plurals the stemmer cannot see
    ("nl", "heeft", "hebben"),
    ("nl", "maakt", "maken"),
    ("nl", "maakte", "maken"),
    ("nl", "gemaakt", "maken"),
    ("nl", "kinderen", "kind"),
    ("nl", "moskeeën", "moskee"),
    ("nl", "aanslagen", "aanslag"),
    ("nl", "landen", "land"),
    # separable verbs: the dictionary's op_leveren is the written opleveren
    ("nl", "opgeleverd", "opleveren"),
    ("nl", "opleverde", "opleveren"),
    # stress accents: wél is wel
    ("nl", "wél", "wel"),
    # English: irregular forms
    ("en", "children", "child"),
    ("en", "women", "woman"),
    ("en", "said", "say"),
    ("en", "went", "go"),
    # a lexicon slip (thinking -> thinke) is caught by the attestation guard
    ("en", "thinking", "think"),
    ("en", "playing", "play"),
    # demonyms are keyed capitalised in the dictionary
    ("en", "Americans", "American"),
    ("en", "Iraqis", "Iraqi"),
]

APART = [
    ("ar", "وزارة", "زار"),  # ministry / visited
    ("ar", "سورية", "سورة"),  # Syria / a Quran chapter
    ("ar", "الرياض", "الرياضة"),  # Riyadh / sport
    ("ar", "عدن", "عدنان"),  # Aden / Adnan
    ("ar", "إيران", "إير"),  # Iran stays whole
    # Dutch words the dictionary does not list are not cut into other words
    ("nl", "vervolgens", "vervolgen"),
    ("nl", "slechts", "slecht"),
    ("nl", "geleden", "geleed"),
]


@pytest.mark.parametrize(("language", "a", "b"), MEET, ids=[f"{a}={b}" for _, a, b in MEET])
def test_forms_of_one_word_meet(language, a, b):
    assert _term(a, language) == _term(b, language)


@pytest.mark.parametrize(("language", "a", "b"), APART, ids=[f"{a}!={b}" for _, a, b in APART])
def test_different_words_stay_apart(language, a, b):
    assert _term(a, language) != _term(b, language)


def test_iran_is_not_cut():
    assert _term("إيران", "ar") == normalize("إيران") == "ايران"


@pytest.mark.parametrize(
    ("compound", "part"),
    [("terreuraanslag", "aanslag"), ("terreuraanslag", "terreur"),
     ("terreuraanslagen", "aanslag"), ("zelfmoordaanslag", "aanslag")],
)  # fmt: skip
def test_dutch_compound_parts_find_the_compound(compound, part):
    assert _term(part, "nl") in compound_parts(compound, "nl")


def test_a_short_word_is_never_split():
    assert compound_parts("aanslag", "nl") == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [("عملت", "عمل"), ("سمحت", "سمح"), ("حصلوا", "حصل"), ("سيكون", "كان")],
)
def test_arabic_verb_forms_meet(a, b):
    assert _term(a, "ar") == _term(b, "ar")


@pytest.mark.parametrize(("a", "b"), [("كانون", "كان"), ("سكانها", "كان"), ("بيت", "بي")])
def test_arabic_verb_readings_do_not_eat_nouns(a, b):
    assert _term(a, "ar") != _term(b, "ar")
