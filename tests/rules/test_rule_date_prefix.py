"""Rule date_prefix: " date 2024-06 " glued before the first sentence (seed 000)."""

import pytest

from clipping_archive.ingest.metadata import extract_metadata


@pytest.mark.parametrize(
    ("text", "date", "cut"),
    [
        (" date 2024-06 ISIS heeft de aanslagen geclaimd.", "2024-06", "date 2024-06"),
        ("date 2024-06-23 ISIS heeft de aanslagen geclaimd.", "2024-06-23", "date 2024-06-23"),
        ("Datum: 22 maart 2024 ISIS heeft de aanslagen geclaimd.", "2024-03-22", None),
        ("2024-06-23 ISIS heeft de aanslagen geclaimd.", "2024-06-23", "2024-06-23"),
        ("2024-06-23T21:05:00Z ISIS heeft de aanslagen geclaimd.", "2024-06-23", None),
        ("التاريخ ٢٣ مارس ٢٠٢٤ ISIS heeft de aanslagen geclaimd.", "2024-03-23", None),
    ],
)
def test_prefix_gives_the_date_and_leaves_the_sentence(text, date, cut):
    out = extract_metadata(text + "\n\nTweede alinea.")
    assert out.metadata.date == date
    assert out.body.startswith("ISIS heeft de aanslagen geclaimd.")
    assert [r.rule for r in out.removed] == ["date_prefix"]
    if cut:
        assert out.removed[0].text == cut


def test_the_word_date_in_a_sentence_is_not_a_prefix():
    text = "Date night in Moscow ended in horror.\n\nMore text."
    out = extract_metadata(text)
    assert out.metadata.date is None and out.body.startswith("Date night")


@pytest.mark.parametrize("text", ["2024-13-01 ISIS heeft.", "2024 was een zwaar jaar.\n\nMeer."])
def test_not_a_date_prefix(text):
    assert extract_metadata(text).metadata.date is None
