"""The examples of issue #22, each a search in a real archive: the family level finds
what a researcher expects (اليمن finds اليمنية, bomb finds bombing, aanslag finds
bomaanslag), names are not verbs (تعز is not أعز, قطر is not التقطير), homographs stay
apart (الطلاب is not طالبت, معلم is not المعالم), broken plurals reach their singular
(خلية finds خلايا), and a lemma match ranks above a family-only match. Each failed on the
analyzer before #22."""

from __future__ import annotations

import pytest

from clipping_archive import Archive
from clipping_archive.analysis import FAMILY_MARK, compound_parts, family_query, family_term, terms

# One clip a file: its title names what the test looks for.
CLIPS = {
    "yemeni": "الحكومة والناس\n\nأعلنت الحكومة اليمنية أمس عن خطة جديدة لدعم المزارعين.\n",
    "yemen": "زيارة رسمية\n\nوصل وزير الخارجية إلى اليمن صباح اليوم في زيارة تستغرق يومين.\n",
    "taiz": "أخبار المدينة\n\nتواصلت المعارك في تعز، وقال سكان بتعز إن الكهرباء انقطعت.\n",
    "aazz": "مقال رأي\n\nما أعز الوطن على أبنائه، وما أعزها من لحظة حين يعود المسافر.\n",
    "qatar": "اقتصاد الخليج\n\nزار الوزير الكويت وقطر ووقع اتفاقية للغاز مع الدوحة.\n",
    "distil": "الصناعة\n\nتعتمد صناعة العطور على التقطير بالبخار لاستخراج الزيوت من الورد.\n",
    "students": "التعليم\n\nعاد الطلاب إلى المدارس بعد العطلة، واستقبلهم المعلمون بالورود.\n",
    "demanded": "مطالب\n\nطالبت النقابة بزيادة الأجور، وتطالب الأحزاب بإصلاح القانون.\n",
    "teacher": "تكريم\n\nكرمت المدرسة معلم الرياضيات بعد ثلاثين عاما من العمل.\n",
    "landmarks": "سياحة\n\nزار الوفد المعالم التاريخية في المدينة القديمة.\n",
    "attacks": "أمن\n\nتعرضت المواقع الحدودية لهجمات متكررة خلال الأسبوع الماضي.\n",
    "cells": "القبض على متهمين\n\nفككت الشرطة خلايا تابعة للتنظيم في ثلاث مدن.\n",
    "bombing": "City news\n\nThe bombing of the market killed several people on Sunday.\n",
    "bombed": "Night raid\n\nAircraft bombed the bridge at night and the town lost power.\n",
    "bomaanslag": "Dreiging\n\nDe politie onderzoekt een bomaanslag in het centrum van de stad.\n",
    "kerstmarkt": "Evenementen\n\nDe kerstmarkt op het plein trok zaterdag duizenden bezoekers.\n",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("family")
    for name, text in CLIPS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Archive(folder / "archive.db") as opened:
        report = opened.import_paths([folder])
        assert report.added == len(CLIPS)
        yield opened


def found(archive: Archive, query: str) -> set[str]:
    hits = archive.search(query, limit=50).hits
    return {h.clip["path"].rsplit("/", 1)[-1].removesuffix(".txt") for h in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("اليمن", "yemeni"),  # a country finds its relative adjective (family level)
        ("bomb", "bombing"),  # an -ing noun reaches its verb's family
        ("aanslag", "bomaanslag"),  # a modifier of three letters
        ("markt", "kerstmarkt"),  # a modifier the lemma table lacks
        ("هجوم", "attacks"),  # a noun of one instance meets its verbal noun
        ("خلية", "cells"),  # a broken plural reaches its singular
        ("تعز", "taiz"),
        ("بتعز", "taiz"),  # a clitic in front of a name is still stripped
        ("قطر", "qatar"),  # the text says وقطر
    ],
)
def test_finds_the_family(archive, query, expected):
    assert expected in found(archive, query)


@pytest.mark.parametrize(
    ("query", "unwanted"),
    [
        ("تعز", "aazz"),  # the city is not the verb أعز
        ("قطر", "distil"),  # the country is not التقطير
        ("الطلاب", "demanded"),  # students are not طالبت / تطالب (demanded)
        ("معلم", "landmarks"),  # the teacher is not المعالم (landmarks)
    ],
)
def test_keeps_homographs_apart(archive, query, unwanted):
    assert unwanted not in found(archive, query)


def test_the_students_are_still_found(archive):
    assert found(archive, "الطلاب") >= {"students"}
    assert found(archive, "طالبت") == {"demanded"}


def test_a_lemma_match_ranks_above_a_family_only_match(archive):
    hits = archive.search("اليمنية").hits
    order = [h.clip["path"].rsplit("/", 1)[-1].removesuffix(".txt") for h in hits]
    assert order == ["yemeni", "yemen"]  # يمني itself, then اليمن by its family
    hits = archive.search("bombed").hits  # lemma bomb; bombing only by its family
    order = [h.clip["path"].rsplit("/", 1)[-1].removesuffix(".txt") for h in hits]
    assert order == ["bombed", "bombing"]


def test_a_phrase_stays_exact(archive):
    assert found(archive, '"the bombing"') == {"bombing"}
    assert found(archive, '"the bomb"') == set()


@pytest.mark.parametrize(
    ("word", "language", "term", "family"),
    [
        ("اليمنية", "ar", "يمني", "يمن"),
        ("السعودية", "ar", "السعوديه", "سعود"),
        ("السعوديين", "ar", "سعودي", "سعود"),
        ("سوريا", "ar", "سوريا", "سور"),
        ("السوري", "ar", "سوري", "سور"),
        ("الإيراني", "ar", "ايراني", "ايران"),
        ("الإرهابية", "ar", "ارهابي", "ارهاب"),
        ("هجمات", "ar", "هجمه", "هجوم"),
        ("قطرة", "ar", "قطره", "قطره"),  # a drop: no verbal noun or nisba of قطر (Qatar)
        ("bombing", "en", "bombing", "bomb"),
        ("aanslagen", "nl", "aanslag", "aanslag"),
    ],
)
def test_family_vectors(word, language, term, family):
    assert terms(word, language) == [term]
    assert family_query(term, language) == FAMILY_MARK + family
    # The index adds the family only where it is not the lemma.
    assert family_term(term, language) == ("" if family == term else FAMILY_MARK + family)


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("تعز", "تعز"),  # a place, not أعز
        ("بتعز", "تعز"),
        ("وقطر", "قطر"),
        ("لليمن", "اليمن"),
        ("التقطير", "تقطير"),  # a verb spelled like a place keeps its own stem
        ("خلايا", "خليه"),  # broken plural -> singular (Arramooz)
        ("المعالم", "معالم"),  # the landmark's plural is not the teacher's
        ("الطلاب", "طالب"),
        ("طالبت", "\u03c1طالب"),  # a participle's verb is marked apart
        ("تطالب", "\u03c1طالب"),
    ],
)
def test_arabic_name_plural_and_verb_vectors(word, term):
    assert terms(word, "ar") == [term]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("bomaanslag", ("bom", "aanslag")),  # a listed modifier of three letters
        ("gasprijs", ("gas", "prijs")),
        ("kerstmarkt", ("kerst", "markt")),  # unlisted but among the frequent words
        ("aanslag", ()),  # aan is a verb particle, not a modifier
        ("verkiezingen", ()),  # ver- likewise
        ("bomenliefhebbers", ("boom", "liefhebber")),  # bomen (trees) is no bom + en
        ("jihadisering", ()),  # jihadi is too rare a word to be a part
    ],
)
def test_dutch_compound_parts(word, parts):
    assert compound_parts(word, "nl") == parts


# Issue #22's طالب in its contexts, each a clip: the bare perfect after كما is the verb,
# after أبو a name; the students are found by their own words only.
CONTEXT_CLIPS = {
    "as-demanded": "نقابة\n\nكما طالب الوزير بإصلاح القانون قبل نهاية العام.\n",
    "abu-talib": "تاريخ\n\nروى الكتاب سيرة علي بن أبي طالب في فصل كامل.\n",
    "student": "جامعة\n\nفاز الطالب بالجائزة الأولى في المسابقة العلمية.\n",
    "talabani": "العراق\n\nقال الرئيس السابق جلال الطالباني إن الحوار مستمر.\n",
    "drop": "مطر\n\nلم تسقط قطرة ماء على المدينة منذ شهرين.\n",
}


@pytest.fixture(scope="module")
def context_archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("context")
    for name, text in CONTEXT_CLIPS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Archive(folder / "archive.db") as opened:
        assert opened.import_paths([folder]).added == len(CONTEXT_CLIPS)
        yield opened


def test_the_students_are_not_the_verb_or_the_name_in_context(context_archive):
    assert found(context_archive, "الطلاب") == {"student"}
    assert found(context_archive, "طالبت") == {"as-demanded"}  # كما طالب: demanded
    assert found(context_archive, '"أبي طالب"') == {"abu-talib"}  # a phrase, read as indexed
    assert found(context_archive, "قطر") == set()  # قطرة, a drop, is not Qatar


def test_the_bare_word_alone_finds_every_reading(context_archive):
    # A query word has no context: طالب asks for the noun, the verb and the name.
    assert found(context_archive, "طالب") == {"as-demanded", "abu-talib", "student"}


def test_a_verb_read_in_context_is_highlighted(context_archive):
    hits = context_archive.search("طالبت").hits
    (hit,) = hits
    marked = [hit.snippet.text[s:e] for s, e in hit.snippet.highlights]
    assert marked == ["طالب"]
