"""Rule image_credit: credit and caption lines of the page's pictures."""

import pytest

from clipping_archive.ingest.cleaning import clean_text

SEED_000_CREDIT = (
    "Uitgelichte afbeelding: Emergency services responding to the Crocus City Hall attack in"
    " Russia on 22 March 2024 – By Mosreg.ru, CC BY 4.0,"
    " https://commons.wikimedia.org/w/index.php?curid=146686628"
)


@pytest.mark.parametrize(
    "credit",
    [
        SEED_000_CREDIT,
        "Featured image: Reuters",
        "Foto: ANP",
        "Beeld: Getty Images",
        "Photo by Jane Doe on Unsplash",
        "(Photo: AFP)",
        "الصورة: أرشيفية",
        "مصدر الصورة: رويترز",
        "Image copyright Getty Images",
        "Image caption Emergency services outside the hall",
        "(الصورة من الأرشيف)",
        "صورة أرشيفية",
    ],
)
def test_credit_lines_go(credit):
    cleaned = clean_text(f"Daarbij werden 145 mensen vermoord.\n\n{credit}")
    assert cleaned.body == "Daarbij werden 145 mensen vermoord."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("image_credit", credit)]


@pytest.mark.parametrize(
    "text",
    [
        "De foto van de aanslag ging de wereld rond.",
        "Photographers were kept away from the scene.",
        "صورة الهجوم انتشرت بسرعة.",
    ],
)
def test_sentences_about_pictures_stay(text):
    assert clean_text(text).body == text
