"""Rule last_edited: "(اخر تعديل 2024-09-09 15:26:01 )" and its Dutch and English kin."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata

BODY = "بعد ساعات قليلة من الإعلان عن هجوم على قاعة للحفلات بضواحي العاصمة الروسية موسكو."


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("(اخر تعديل 2024-09-09 15:26:01 )", "2024-09-09"),
        ("آخر تحديث: ٢٣ مارس ٢٠٢٤", "2024-03-23"),
        ("Last updated: March 24, 2024 10:15", "2024-03-24"),
        ("Laatst bijgewerkt: 22 maart 2024, 14:05", "2024-03-22"),
        ("Bijgewerkt op vrijdag 22 maart 2024", "2024-03-22"),
    ],
)
def test_last_edited_line_gives_the_date(line, date):
    out = extract_metadata(f"العنوان هنا\n\n{line}\n\n{BODY}")
    assert out.metadata.date == date
    assert line not in out.body
    assert [(r.rule, r.text) for r in out.removed] == [("last_edited", line)]


def test_a_publication_date_wins_over_last_edited():
    text = f"Kop\n\nGepubliceerd: 20 maart 2024\nLaatst bijgewerkt: 22 maart 2024\n\n{BODY}"
    assert extract_metadata(text).metadata.date == "2024-03-20"


def test_an_unreadable_date_leaves_the_line():
    line = "Laatst bijgewerkt: gisteren"
    out = extract_metadata(f"Kop\n\n{line}\n\n{BODY}")
    assert out.metadata.date is None and line in out.body
