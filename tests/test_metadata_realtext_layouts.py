"""Layouts found measuring metadata on real corpora (benchmarks/metadata_eval.py:
SaudiNewsNet, DpgMedia2019, news-please outputs), one test per general cause that was
fixed. The texts are written for these tests in the sites' forms (the corpora's own
texts may not be committed); names and places are made up or public figures."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

AR_HEAD = "أمير المنطقة يدشن مشروع توسعة الطريق الدائري"
AR_BODY = (
    "دشن أمير المنطقة اليوم مشروع توسعة الطريق الدائري الشمالي بتكلفة تتجاوز مليار ريال، "
    "وذلك بحضور عدد من المسؤولين في الإمارة والأمانة."
)
EN_BODY = (
    "The ship was carrying 129 passengers when it struck the pylon late on Tuesday, "
    "police said, and around 25 people were taken to hospital."
)
NL_BODY = (
    "Het kabinet wil de huurverhoging voor sociale huurwoningen volgend jaar beperken, "
    "zo blijkt uit stukken die deze krant heeft ingezien."
)


def _ar(line: str):
    return extract_metadata(f"{AR_HEAD}\n\n{line}\n\n{AR_BODY}")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("سبق- الدمام:", None),  # the site and a place, closed by a colon
        ("الرياض - واس", "واس"),
        ("برلين  - د.ب.أ", "د.ب.أ"),  # an agency's initials with dots
        ("ميامي - أ. ف. ب.", "أ. ف. ب"),
        ("لوس انجليس - (رويترز):", "رويترز"),  # a two-word place beside an agency
        ("مكة المكرمة - واس:", "واس"),
        ("«الاقتصادية» من الرياض", "الاقتصادية"),  # the paper, quoted, from a place
        ("لندن: «الشرق الأوسط أونلاين»", "الشرق الأوسط أونلاين"),
        ("الوكالات ـ كابل ـ إسلام أباد", "الوكالات"),  # spaced tatweel as the dash
        ("المدينة - جدة - تصوير: سامي العتيبي", None),  # a photographer is not the author
    ],
)
def test_arabic_bylines_naming_no_person_give_no_author_and_leave_the_body(line, source):
    out = _ar(line)
    assert out.metadata.author is None
    assert out.metadata.source == source
    assert line not in out.body and out.body == f"{AR_HEAD}\n\n{AR_BODY}"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("ماجد الحربي- سبق- جدة:", "ماجد الحربي"),  # name, site, place
        ("الخرج - الوئام - سعد المطيري :", "سعد المطيري"),  # place, site, name
        ("خالد القحطاني ـ عسير", "خالد القحطاني"),  # spaced tatweel
        ("جدة – فهد الجابـري", "فهد الجابـري"),  # tatweel inside the name kept as written
        ("يوسف الغامدي- سبق- المدينة المنوّرة:", "يوسف الغامدي"),  # a shadda in the place
        ("مكة المكرمة - تركي الشهري", "تركي الشهري"),  # a two-word place of a name's shape
        ("الحديدة (اليمن): وائل عبده", "وائل عبده"),  # the country in brackets
        ("\u200fمتعب الدوسري (الرياض)", "متعب الدوسري"),  # a direction mark before it
        ("محمد العتيبي من الرياض", "محمد العتيبي"),  # name from place
    ],
)
def test_arabic_sites_bylines_give_the_person(line, author):
    out = _ar(line)
    assert out.metadata.author == author
    assert out.body == f"{AR_HEAD}\n\n{AR_BODY}"


def test_an_arabic_byline_with_an_english_date_after_a_bar_gives_both():
    out = _ar("جدة – فهد الجابري | Tuesday, 11 August 2015 - 13:08 pm")
    assert (out.metadata.author, out.metadata.date) == ("فهد الجابري", "2015-08-11")


@pytest.mark.parametrize(
    "line",
    [
        "أخاف من كل شيء",  # "I fear everything": a sentence with من
        "مََلّن عيوني من بكاهن للأطلال",  # vowelled verse
        "Next Previous غالب السهلي – بريدة",  # a slider's buttons glued to a byline
        "الحوار: للوديات عدة مكاسب",  # a label and a phrase
        "أولا: محور الإصلاح الإداري",
    ],
)
def test_arabic_lines_shaped_like_bylines_that_are_not(line):
    out = _ar(line)
    assert out.metadata.author is None and line in out.body


def test_an_english_list_of_authors_closed_by_an_agency():
    byline = "By Patrick Knox, Paul Harper and Jon Lockett, CNN"
    out = extract_metadata(f"Rhine cruise ship hits bridge pylon\n\n{byline}\n\n{EN_BODY}")
    assert out.metadata.author == "Patrick Knox, Paul Harper and Jon Lockett"
    assert out.metadata.source == "CNN"
    assert byline not in out.body


@pytest.mark.parametrize(
    ("headline", "dateline", "date"),
    [
        # AD.nl: a headline ending in a full stop, the date line under it
        (
            "Al 100 dagen in het ziekenhuis, en geen nieuw thuis in zicht.",
            "26-03-19, 19:51",
            "2019-03-26",
        ),
        # Trouw: a headline ending in an initial
        ("OM ziet 'net genoeg' bewijs tegen Yousra L.", "vrijdag 8 maart 2019", "2019-03-08"),
        # the Daily Mail: a headline of two sentences, over 150 characters
        (
            "Trump said China was caught 'red handed' selling oil to North Korea. Beijing "
            "denies it did anything wrong, and says it has enforced every UN sanction",
            "29 December 2017",
            "2017-12-29",
        ),
    ],
)
def test_headlines_ending_like_sentences_keep_the_date_line_under_them(headline, dateline, date):
    body = NL_BODY if dateline[0].isdigit() and "-" in dateline or "maart" in dateline else EN_BODY
    out = extract_metadata(f"{headline}\n\n{dateline}\n\n{body}")
    assert out.metadata.date == date
    assert (out.metadata.title, out.metadata.title_derived) == (headline, False)
    assert dateline not in out.body


def test_a_first_sentence_with_no_metadata_under_it_still_gives_a_derived_title():
    first = "Het kabinet wil de huurverhoging beperken. Dat blijkt uit stukken van het rijk."
    out = extract_metadata(f"{first}\n\n{NL_BODY}")
    assert out.metadata.title_derived is True
    assert out.metadata.title == "Het kabinet wil de huurverhoging beperken"
