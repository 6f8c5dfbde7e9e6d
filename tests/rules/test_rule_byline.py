"""Rule byline: byline lines under the headline become the author and leave the body."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

HEADLINE = "Kop van het artikel"
BODY = "De eerste alinea van het artikel, lang genoeg om de kop te volgen."


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("كتبت- سارة أبو شادي", "سارة أبو شادي", None),
        ("كتب: محمد علي", "محمد علي", None),
        ("بقلم أحمد سمير", "أحمد سمير", None),
        ("By Jane Doe", "Jane Doe", None),
        ("By Jane Doe | March 24, 2024", "Jane Doe", "2024-03-24"),
        ("By: John O'Neill, Reuters", "John O'Neill", None),
        ("Door Jan de Vries", "Jan de Vries", None),
        ("Door: Sjoerd van der Berg, 22 maart 2024", "Sjoerd van der Berg", "2024-03-22"),
    ],
)
def test_bylines_give_the_author(line, author, date):
    out = extract_metadata(f"{HEADLINE}\n\n{line}\n\n{BODY}")
    assert (out.metadata.author, out.metadata.date) == (author, date)
    assert out.body == f"{HEADLINE}\n\n{BODY}"
    assert [(r.rule, r.text) for r in out.removed] == [("byline", line)]


def test_a_bare_by_word_goes_and_the_name_comes_from_the_next_line():
    out = extract_metadata(f"{HEADLINE}\n\nبواسطة\n\nكتبت- سارة أبو شادي\n\n{BODY}")
    assert out.metadata.author == "سارة أبو شادي"
    assert [r.rule for r in out.removed] == ["byline", "byline"]


@pytest.mark.parametrize(
    "line",
    [
        "Door de aanslag in Moskou",  # a Dutch headline, not a name
        "By Monday, the toll had risen.",
        "كتب الرئيس رسالة",  # "the president wrote a letter"
    ],
)
def test_sentences_that_start_like_bylines_stay(line):
    out = extract_metadata(f"{line}\n\n{BODY}")
    assert out.metadata.author is None and line in out.body


def test_bylines_deep_in_the_body_are_not_read():
    long_paragraph = BODY * 4
    out = extract_metadata(f"{HEADLINE}\n\n{long_paragraph}\n\nDoor Jan de Vries\n\n{BODY}")
    assert out.metadata.author is None and "Door Jan de Vries" in out.body
