"""Rule ad_label: a line that only says "advertisement"."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize(
    "label",
    [
        "ADVERTISEMENT",
        "Advertentie",
        "إعلان",
        "  advertisement  ",
        "[Advertentie]",  # set off in brackets or dashes, as pages print it
        "(إعلان)",
        "- Advertisement -",
        "— ADVERTENTIE —",
        "*** Advertisement ***",
        # the line where an ad interrupts the text
        "Lees verder na de advertentie",
        "Het artikel gaat verder onder de advertentie",
        "Story continues below advertisement",
        "Continue reading the main story",
        "تابع القراءة أسفل الإعلان",
        "تابع القراءة اسفل الاعلان",  # the letter variants scrapers keep
    ],
)
def test_a_label_line_goes(label):
    cleaned = clean_text(f"Eerste alinea.\n{label}\nTweede alinea.")
    assert cleaned.body == "Eerste alinea.\nTweede alinea."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("ad_label", label.strip())]


def test_the_word_inside_a_sentence_stays():
    text = (
        "The advertisement ran.\nإعلان الحكومة جاء متأخرا.\n[Advertentie van de gemeente]\n"
        "Lees verder na de advertentie van de gemeente, zei hij."
    )
    assert clean_text(text).body == text
