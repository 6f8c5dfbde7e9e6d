"""Arabic opinion columns print the writer's name alone under the headline, with no
byline word, place or dash; the same sites print a photo caption naming a person in
that place. Found measuring SaudiNewsNet (benchmarks/metadata_eval.py): a columnist's
name is not in the column, a caption's person is named again in the article. The texts
are written for these tests in the sites' forms; the names are made up or public."""

import pytest
from conftest import prepare_lines

HEADLINE = "الاتفاق النووي.. حديث غير سياسي"
COLUMN = (
    "لست كاتباً سياسياً، ولا أعرف الخطوط الحمراء من الخضراء، لكنني أتابع ما يكتب عن "
    "الاتفاق منذ أسابيع، وأرى أن الحديث عنه يتجاوز السياسة إلى الاقتصاد والتعليم."
)
REPORT = (
    "افتتح الهداف محمد السهلاوي باب التسجيل للنصر في الدقيقة الثلاثين بتسديدة قوية، "
    "قبل أن يضيف زميله الهدف الثاني في الشوط الثاني من المباراة."
)




@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("سلوى العضيدان", "سلوى العضيدان"),
        ("د. عبد العزيز الغدير", "د. عبد العزيز الغدير"),  # a title kept as written
        ("د . طارق الحبيب", "د . طارق الحبيب"),  # the title's dot spaced
        ("فهد بن جليد", "فهد بن جليد"),  # "son of"
        ("أمل بنت فهد", "أمل بنت فهد"),  # "daughter of"
        ("د. مقبل بن جديع*", "د. مقبل بن جديع"),  # a footnote star after the name
        ("محمد الصيـعري", "محمد الصيـعري"),  # tatweel inside the name
        ("عبد العزيز حسين الصويغ", "عبد العزيز حسين الصويغ"),
        ("أ.د. جابر بن سالم القحطاني", "أ.د. جابر بن سالم القحطاني"),
        ("سلمان العُمري", "سلمان العُمري"),  # a damma saying how the name is read
        ("د. فالح العجمي", "د. فالح العجمي"),  # "فالح" is a name, not "ف" + "ال" + "ح"
    ],
)
def test_a_columnists_name_alone_under_the_headline_is_the_author(line, author):
    clip = prepare_lines(HEADLINE, line, COLUMN)
    assert clip.metadata.author == author
    assert clip.metadata.title == HEADLINE
    assert clip.body == f"{HEADLINE}\n\n{COLUMN}"


def test_a_caption_naming_whom_the_article_is_about_stays_in_the_body():
    clip = prepare_lines("النصر يكسب السد القطري بثنائية", "محمد السهلاوي", REPORT)
    assert clip.metadata.author is None
    assert "محمد السهلاوي\n" in clip.body


def test_a_caption_with_a_title_named_again_without_it_stays_in_the_body():
    report = "تفقد وزير التعليم الدكتور ماجد القصبي عدداً من مدارس المنطقة أمس."
    clip = prepare_lines("الوزير يتفقد مدارس المنطقة", "د. ماجد القصبي", report)
    assert clip.metadata.author is None
    assert "د. ماجد القصبي" in clip.body


def test_a_name_below_a_byline_is_a_caption_not_a_second_byline():
    # Al-Jazirah: the byline, then a caption naming a person the text does not name.
    byline, caption = "الخرج - فهد الموسى:", "عبدالله الدوسري"
    clip = prepare_lines("بلدية الدلم تضبط لحوماً فاسدة", byline, caption, COLUMN)
    assert clip.metadata.author == "فهد الموسى"
    assert caption in clip.body


@pytest.mark.parametrize(
    "line",
    [
        "الأمير سعود بن ثنيان",  # a prince in a caption: a title the byline never has
        "حنفي مكرِّماً أحد الحفاظ",  # a caption: "Hanafi honouring one of the memorisers"
        "* سأسعد الأهلاويين",  # a bullet
        "بن جليد",  # a family name alone
        "Next Previous",  # a slider's buttons
        "اللحوم الفاسدة المضبوطة",  # its first word takes the article
    ],
)
def test_lines_under_the_headline_that_are_no_columnists_name(line):
    clip = prepare_lines(HEADLINE, line, COLUMN)
    assert clip.metadata.author is None
    assert line in clip.body


def test_the_place_byline_accepts_a_given_name_with_the_article_before_a_link_word():
    clip = prepare_lines(HEADLINE, "الحسن آل سيد - أبها", COLUMN)
    assert clip.metadata.author == "الحسن آل سيد"
    assert clip.body == f"{HEADLINE}\n\n{COLUMN}"
