"""Rule source_line: "Bron: ANHA", "Source: Reuters", "المصدر: ..." become the source."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

BODY = "Kop\n\nDe expert sloot zijn toespraak af met de volgende woorden over ISIS."


@pytest.mark.parametrize(
    ("line", "source", "url"),
    [
        ("Bron: ANHA", "ANHA", None),
        ("Source: Reuters", "Reuters", None),
        ("المصدر: وكالة أنباء هاوار", "وكالة أنباء هاوار", None),
        (
            "Bron: https://www.anha.net/nl/artikel/1",
            "anha.net",
            "https://www.anha.net/nl/artikel/1",
        ),
        ("Source: Reuters (https://reuters.com/x)", "Reuters", "https://reuters.com/x"),
    ],
)
def test_source_line_at_the_end(line, source, url):
    out = extract_metadata(f"{BODY}\n\n{line}")
    assert (out.metadata.source, out.metadata.url) == (source, url)
    assert out.body == BODY
    assert [(r.rule, r.text) for r in out.removed] == [("source_line", line)]


def test_source_line_under_the_headline():
    out = extract_metadata("Kop\nBron: ANP\n\nDe expert sprak over de aanslag in Moskou.")
    assert out.metadata.source == "ANP"


def test_a_source_line_in_the_middle_of_the_text_is_not_read():
    middle = "Bron: een ingewijde"
    long = "Een lange alinea die geen kop is en ook geen voettekst, " * 4
    out = extract_metadata(f"Kop\n\n{long}\n\n{middle}\n\n{long}\n\n{long}\n\n{long}")
    assert out.metadata.source is None and middle in out.body
