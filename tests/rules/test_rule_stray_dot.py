"""Rule stray_dot: a lone period (or ellipsis) on its own line, left inside pasted posts."""

import pytest

from clipping_archive.ingest.cleaning import clean_text


@pytest.mark.parametrize("mark", [".", "…", "..", "،"])
def test_lone_dots_go(mark):
    cleaned = clean_text(f"سيارة رينو( صناعه فرنسيه)\n{mark}\nوشوهدت السيارة.")
    assert cleaned.body == "سيارة رينو( صناعه فرنسيه)\nوشوهدت السيارة."
    assert [r.rule for r in cleaned.removed] == ["stray_dot"]


def test_a_sentence_ending_in_a_dot_stays():
    assert clean_text("Einde.").body == "Einde."
