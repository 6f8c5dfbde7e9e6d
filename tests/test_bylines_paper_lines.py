"""Saudi papers name themselves unquoted beside a place on the line under the headline
("اليوم - الدمام", "المدينة ـ جدة", "حائل: الوطن", "عكاظ (جدة)"): a byline naming no
one, which must leave the body and give the paper as the source. Found measuring
SaudiNewsNet (benchmarks/metadata_eval.py; 1,243 such bylines in its 31,030 articles
were left in the body). The same shape is a match line ("الهلال - النصر") or a reader's
name in a street poll ("سارة ـ الدمام"), which stay. The texts are written for these
tests in the sites' forms; names are made up."""

import pytest
from conftest import prepare_lines

HEADLINE = "أمانة المنطقة تطلق مشروعاً لتصريف مياه الأمطار"
BODY = (
    "أطلقت أمانة المنطقة مشروعاً جديداً لتصريف مياه الأمطار في الأحياء الشرقية بتكلفة "
    "تتجاوز مئتي مليون ريال، على أن ينتهي العمل فيه خلال عامين."
)




@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("اليوم - الدمام", "اليوم"),  # "اليوم" is also "today": here the Dammam paper
        ("اليوم- مكة المكرمة", "اليوم"),  # a two-word place
        ("المدينة ـ جدة", "المدينة"),  # a spaced tatweel as the dash
        ("حائل: الوطن", "الوطن"),  # the place first, the paper after a colon
        ("عمّان: الوطن", "الوطن"),  # a shadda in the place
        ("عكاظ (جدة)", "عكاظ"),  # the place in brackets
        ("عكاظ (بغداد، عمان)", "عكاظ"),  # two places in brackets
        ("الرياضي ـ القاهرة", "الرياضي"),  # a sports paper
        ("اليوم - الوكالات", "الوكالات"),  # the paper beside an agency: the agency's copy
    ],
)
def test_the_paper_beside_a_place_under_the_headline_is_the_source(line, source):
    clip = prepare_lines(HEADLINE, line, BODY)
    assert (clip.metadata.source, clip.metadata.author) == (source, None)
    assert clip.metadata.title == HEADLINE
    assert clip.body == f"{HEADLINE}\n\n{BODY}"
    assert ("byline", line) in {(r.rule, r.text) for r in clip.removed}


@pytest.mark.parametrize(
    "line",
    [
        "الهلال - النصر",  # a match line: two clubs, no place
        "جدة - الرياض",  # two places: which one would be the paper?
        "جدة",  # a city alone
        "اليوم - جدة تستقبل الحجاج",  # "today - Jeddah receives the pilgrims"
        "اليوم تبدأ الدراسة في جدة",  # "today" opening a sentence
        "عاجل - الرياض",  # "breaking": a word of the language, not a paper's name
        "سارة - الدمام.",  # a reader signing a letter, closed by a full stop
    ],
)
def test_lines_of_that_shape_that_name_no_paper_stay_in_the_body(line):
    clip = prepare_lines(HEADLINE, line, BODY)
    assert clip.metadata.source is None
    assert clip.body == f"{HEADLINE}\n\n{line}\n\n{BODY}"


def test_a_readers_name_in_a_street_poll_stays_in_the_body():
    # The poll's question stands right under the headline; each answer is signed with a
    # given name and a city, in the header's short lines but not right under the headline.
    question = "ما رأيك في تمديد إجازة الصيف؟"
    clip = prepare_lines(HEADLINE, question, "سارة ـ الدمام", BODY)
    assert clip.metadata.source is None
    assert "سارة ـ الدمام" in clip.body.split("\n")


def test_the_paper_beside_a_place_deep_in_the_text_stays():
    clip = prepare_lines(HEADLINE, BODY, "اليوم - الدمام", BODY)
    assert clip.metadata.source is None
    assert "اليوم - الدمام" in clip.body.split("\n")


MATCH_REPORT = (
    "فاز فريق برشلونة على ريال مدريد بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء "
    "أمس على ملعب كامب نو، وسط حضور جماهيري كبير."
)


def test_a_match_line_whose_club_the_report_names_again_is_no_byline():
    # "برشلونة - ريال مدريد" has a place-byline's shape (a word, a dash, two words shaped
    # like a name), but the report under it names "ريال مدريد" again: whom it is about.
    clip = prepare_lines("برشلونة يفوز في الكلاسيكو", "برشلونة - ريال مدريد", MATCH_REPORT)
    assert clip.metadata.author is None
    assert "برشلونة - ريال مدريد" in clip.body.split("\n")


def test_a_reporter_beside_a_place_is_still_the_author_when_not_named_again():
    clip = prepare_lines("برشلونة يفوز في الكلاسيكو", "برشلونة - خالد الدوسري", MATCH_REPORT)
    assert clip.metadata.author == "خالد الدوسري"
    assert "برشلونة - خالد الدوسري" not in clip.body.split("\n")


def test_a_place_the_pack_does_not_know_is_told_from_the_reporter_by_the_text():
    # "سراة عبيدة" (a governorate) has a name's shape and is not in the pack's places;
    # the text names it again, the reporter it does not (al-Watan's layout, SaudiNewsNet).
    text = (
        "كرر المجلس البلدي لمحافظة سراة عبيدة مناشدته الجهات المعنية بالنظر في موضوع "
        "الشارع العام المتجه إلى منطقة نجران."
    )
    clip = prepare_lines("المجلس البلدي يطالب بإصلاح الطريق", "سراة عبيدة: محمد آل عطيف", text)
    assert clip.metadata.author == "محمد آل عطيف"


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        # Okaz: reporters of several desks, each with their place in brackets
        ("خالد طاشكندي (جدة)، فارس القحطاني (الرياض)", "خالد طاشكندي، فارس القحطاني", None),
        (
            "عبدالله الدهاس (مكة المكرمة) عبدالله الغامدي (الرياض) متعب العواد (حائل)",
            "عبدالله الدهاس، عبدالله الغامدي، متعب العواد",
            None,
        ),
        ("سلمان الضباح (بريدة)، واس (الرياض)", "سلمان الضباح", "واس"),
        ("واس (سكاكا، القصيم)، بديعة حسن (تبوك)", "بديعة حسن", "واس"),
        # a photographer after the desk is not an author
        ("فارس القحطاني (الرياض)، تصوير: عبدالعزيز اليوسف", "فارس القحطاني", None),
        ("أحمد اللحياني (مكة المكرمة)، (تصوير: فهد العداين)", "أحمد اللحياني", None),
    ],
)
def test_reporters_of_several_desks_are_the_authors_in_order(line, author, source):
    clip = prepare_lines(HEADLINE, line, BODY)
    assert (clip.metadata.author, clip.metadata.source) == (author, source)
    assert clip.body == f"{HEADLINE}\n\n{BODY}"


@pytest.mark.parametrize(
    "line",
    [
        "الهلال (الرياض) النصر (الرياض)",  # two clubs with their cities: no person
        "قال محمد (جدة) إن الأمر (الرياض)",  # a sentence with brackets
    ],
)
def test_bracketed_places_in_other_lines_name_no_reporter(line):
    clip = prepare_lines(HEADLINE, line, BODY)
    assert clip.metadata.author is None
