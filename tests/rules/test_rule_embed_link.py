"""Rule embed_link: media links of embedded posts (pic.twitter.com, t.co)."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize(
    ("line", "body", "link"),
    [
        (
            "لحظة الهجوم الارهابي في العاصمة الروسية موسكو … pic.twitter.com/XroxTyzlG5",
            "لحظة الهجوم الارهابي في العاصمة الروسية موسكو …",
            "pic.twitter.com/XroxTyzlG5",
        ),
        ("Watch https://pic.twitter.com/AbC123 now", "Watch now", "https://pic.twitter.com/AbC123"),
        ("Zie https://t.co/xYz987", "Zie", "https://t.co/xYz987"),
    ],
)
def test_links_are_cut_text_stays(line, body, link):
    cleaned = clean_text(line)
    assert cleaned.body == body
    assert [(r.rule, r.text) for r in cleaned.removed] == [("embed_link", link)]


def test_a_line_that_was_only_a_link_goes():
    cleaned = clean_text("Eerste.\npic.twitter.com/F07VEZawsy\nTweede.")
    assert cleaned.body == "Eerste.\nTweede."


def test_other_links_stay():
    text = "Lees https://nos.nl/artikel/123 en twitter.com/nos."
    assert clean_text(text).body == text
