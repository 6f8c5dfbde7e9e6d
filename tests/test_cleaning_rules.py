"""What the cleaner's loops assume of its rules, held for every rule in the catalogue."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clipping_archive.ingest.cleaning import RULES, clean_text
from clipping_archive.ingest.cleaning.rule import LineRule


def test_no_line_rule_matches_an_empty_line():
    """LineRule.apply does not search empty lines (half a clip's lines are the blanks
    between paragraphs): a rule that matched one would be skipped there."""
    line_rules = [rule for rule in RULES if isinstance(rule, LineRule)]
    assert len(line_rules) >= 8
    for rule in line_rules:
        seen = rule.fold("") if rule.fold else ""
        assert rule.pattern.search(seen) is None, rule.name


def test_blank_lines_stay_between_paragraphs_and_debris_goes():
    text = "Kop\n\n[ad_1]\n\nEerste alinea.\n\n\n-\n\nSource link\n"
    assert clean_text(text).body == "Kop\n\nEerste alinea."
    assert [r.rule for r in clean_text(text).removed] == ["ad_tag", "source_link", "stray_dash"]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(" \t\na\r\u00a0"), max_size=30))
def test_tidy_skips_only_texts_its_patterns_cannot_change(text):
    from clipping_archive.ingest.cleaning import _tidy

    expected = re.sub(r"(?<![ \t])[ \t]+\n", "\n", text)
    expected = re.sub(r"\n{3,}", "\n\n", expected).strip()
    assert _tidy(text) == expected
