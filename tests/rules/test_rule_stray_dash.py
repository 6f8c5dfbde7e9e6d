"""Rule stray_dash: a lone dash or bullet on its own line (seed 004 opens with one)."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize("mark", ["-", "–", "—", "•", "  -  ", "---", "*"])
def test_lone_dashes_go(mark):
    cleaned = clean_text(f"{mark}\n\nرغم تحذيرات أمريكا\n\nنص.")
    assert cleaned.body == "رغم تحذيرات أمريكا\n\nنص."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("stray_dash", mark.strip())]


@pytest.mark.parametrize("text", ["- It’s been 10 years since ISIS declared a caliphate.", "1 - 0"])
def test_dashes_with_text_stay(text):
    assert clean_text(text).body == text
