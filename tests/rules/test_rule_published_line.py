"""Rule published_line: "Gepubliceerd op ...", "Published: ...", "نشر في ..."."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

BODY = "De eerste alinea van het artikel, lang genoeg om als tekst te gelden en niet als kop."


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Gepubliceerd op 22 maart 2024 om 14:05", "2024-03-22"),
        ("Published: 24 March 2024", "2024-03-24"),
        ("Posted on March 24, 2024", "2024-03-24"),
        ("نشر في ٢٣ مارس ٢٠٢٤", "2024-03-23"),
        ("تاريخ النشر: 22 آذار 2024", "2024-03-22"),
    ],
)
def test_published_line_gives_the_date(line, date):
    out = extract_metadata(f"Kop van het stuk\n{line}\n\n{BODY}")
    assert out.metadata.date == date
    assert out.body == f"Kop van het stuk\n\n{BODY}"
    assert [r.rule for r in out.removed] == ["published_line"]
