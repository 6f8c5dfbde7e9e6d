"""Rule ad_tag: WordPress ad shortcodes, on their own line or inside one."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize(
    ("text", "body", "removed"),
    [
        ("[ad_1]\nFirst line.\n[ad_2]\nSource link", "First line.", ["[ad_1]", "[ad_2]"]),
        ("Text before [ad_3] and after.", "Text before and after.", ["[ad_3]"]),
        ("[ADS]\nTekst.", "Tekst.", ["[ADS]"]),
        ("[adsense]\nنص المقال.", "نص المقال.", ["[adsense]"]),
    ],
)
def test_ad_tags_go(text, body, removed):
    cleaned = clean_text(text)
    assert cleaned.body == body
    assert [r.text for r in cleaned.removed if r.rule == "ad_tag"] == removed


@pytest.mark.parametrize(
    "text",
    ["The [adjective] form is kept.", "Note [1] refers to the ad_1 report.", "Zie [a] en [b]."],
)
def test_other_brackets_stay(text):
    cleaned = clean_text(text)
    assert cleaned.body == text and cleaned.removed == ()
