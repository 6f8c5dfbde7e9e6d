"""Rule tag_list: the page's tag list closing an Arabic article ("سمات ..." on 3alyoum),
alone on the last line or glued after the last sentence. Found measuring SaudiNewsNet
(benchmarks/metadata_eval.py); the texts are written for these tests in the site's form."""

import pytest

from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.cleaning import clean_text

HEADLINE = "الجوازات تمدد مهلة تصحيح أوضاع المخالفين"
FIRST = (
    "أعلنت المديرية العامة للجوازات تمديد مهلة تصحيح أوضاع المخالفين حتى نهاية الشهر "
    "الجاري، داعية المشمولين بالقرار إلى مراجعة أقرب مركز."
)
LAST = "وأوضحت المديرية أن عدد من صححوا أوضاعهم تجاوز ثلاثمئة ألف شخص منذ بدء الحملة."
TAGS = "سمات الجوازات وافدون وثيقة سفر"


@pytest.mark.parametrize("joint", [" ", "\n\n"])  # glued after the last sentence, or alone
def test_the_tag_list_closing_the_article_goes(joint):
    cleaned = clean_text(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}{joint}{TAGS}\n")
    assert cleaned.body == f"{HEADLINE}\n\n{FIRST}\n\n{LAST}"
    assert [(r.rule, r.text) for r in cleaned.removed] == [("tag_list", TAGS)]


def test_a_tag_list_under_a_share_prompt_goes_too():
    cleaned = clean_text(f"{FIRST}\n\n{LAST} {TAGS}\n\nشارك هذا الخبر\n")
    assert cleaned.body == f"{FIRST}\n\n{LAST}"


def test_a_columnists_name_in_the_tag_list_no_longer_hides_the_byline():
    # 3alyoum: the columnist's name under the headline and again among the tags; the
    # name is not in the column itself, so it is the author once the tags are gone.
    name = "عبير الدخيل"
    text = f"{HEADLINE}\n\n{name}\n\n{FIRST}\n\n{LAST} سمات الجوازات {name}\n"
    clip = prepare_bytes(text.encode("utf-8"), "column.txt")
    assert clip.metadata.author == name
    assert clip.body == f"{HEADLINE}\n\n{FIRST}\n\n{LAST}"


@pytest.mark.parametrize(
    "text",
    [
        # a subheading opening a section in the middle of the text
        f"{FIRST}\n\nسمات القائد الناجح\n\n{LAST}",
        # the word in the last sentence, not after its end
        f"{FIRST}\n\nوتتميز هذه السلالة بعدة سمات منها الصبر وقوة التحمل.",
        # inside a last sentence that has no full stop: not after a sentence's end
        f"{FIRST}\n\nوتحدث المحاضر عن سمات القائد الناجح",
        # a last line that goes on as a sentence after the word
        f"{FIRST}\n\nسمات هذا الجيل أنه يقرأ أقل ويكتب أكثر، كما يقول الباحثون.",
    ],
)
def test_the_word_in_the_text_stays(text):
    assert clean_text(text).body == text


@pytest.mark.parametrize(
    "tags",
    [
        "سمات: مصر، روسيا، داعش",  # after a colon the Arabic comma separates tags
        "Tags: Russia, ISIS, Moscow",  # the English and Dutch packs' labels
        "TAGS: Rusland, ISIS",
        "Trefwoorden: aanslag, Moskou, U.S.A",
        "Topics: Russia; Islamic State",
    ],
)
def test_a_labelled_tag_list_goes_in_every_language(tags):
    cleaned = clean_text(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{tags}\n")
    assert cleaned.body == f"{HEADLINE}\n\n{FIRST}\n\n{LAST}"
    assert [(r.rule, r.text) for r in cleaned.removed] == [("tag_list", tags)]


@pytest.mark.parametrize(
    "text",
    [
        # without a colon a comma goes on as a sentence would
        f"{FIRST}\n\nسمات هذا الجيل أنه يقرأ أقل، ويكتب أكثر",
        # a closing sentence that starts with the word, and ends as one
        f"{FIRST}\n\nTags: we found none of them on the bodies.",
        f"{FIRST}\n\nTopics such as these were discussed at length",
    ],
)
def test_a_last_line_that_is_a_sentence_stays(text):
    assert clean_text(text).body == text
