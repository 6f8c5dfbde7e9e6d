"""Rule source_link: the "Source link" trailer of auto-blogging plugins."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize("trailer", ["Source link", "Source Link", "  source   link  "])
def test_the_trailer_goes(trailer):
    cleaned = clean_text(f"Bortnikov said Russia appreciated the warning.\n{trailer}")
    assert cleaned.body == "Bortnikov said Russia appreciated the warning."
    assert [r.rule for r in cleaned.removed] == ["source_link"]


def test_a_sentence_about_a_source_link_stays():
    text = "The source link was broken for days."
    assert clean_text(text).body == text
