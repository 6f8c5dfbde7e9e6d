"""Rule dateline: a line under the headline that is a date (and maybe a place)."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

BODY = "De eerste alinea van het artikel, lang genoeg om als tekst te gelden en niet als kop."


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("22 maart 2024", "2024-03-22"),
        ("Moskou, 22 maart 2024", "2024-03-22"),
        ("vrijdag 22 maart 2024 14:05", "2024-03-22"),
        ("March 24, 2024", "2024-03-24"),
        ("24 March 2024", "2024-03-24"),
        ("الجمعة ٢٢ مارس ٢٠٢٤", "2024-03-22"),
        ("22 آذار 2024", "2024-03-22"),
        ("2024-03-22", "2024-03-22"),
        ("juni 2024", "2024-06"),  # kept at the precision given
    ],
)
def test_a_dateline_gives_the_date(line, date):
    out = extract_metadata(f"Kop van het stuk\n\n{line}\n\n{BODY}")
    assert out.metadata.date == date
    assert out.metadata.title == "Kop van het stuk"
    assert [(r.rule, r.text) for r in out.removed] == [("dateline", line)]


def test_a_headline_with_a_date_in_it_is_not_a_dateline():
    line = "Aanslag in concertzaal op 22 maart 2024 eist 145 levens"
    out = extract_metadata(f"{line}\n\n{BODY}")
    assert out.metadata.date is None and out.metadata.title == line


def test_a_date_in_the_body_is_not_the_articles():
    text = f"Kop\n\n{BODY}\n\n22 maart 2024\n\nDe aanslag vond plaats on 22 March 2024.\n\n{BODY}"
    assert extract_metadata(text).metadata.date is None
