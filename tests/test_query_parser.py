"""The query parser: user syntax -> a MATCH expression that FTS5 always accepts."""

from __future__ import annotations

import sqlite3

import pytest

from clipping_archive.errors import QueryError
from clipping_archive.query import parse_query
from clipping_archive.store import FTS_DDL

# The inputs the issue lists, and more of the same kind.
ODD_INPUTS = [
    '"abc', "*", "(", ")", "don't", "C++", "AT&T", "U.S.", "e-mail", "2023-01-01", "foo:bar",
    "NOT", "", "   ", "OR", "AND", "a OR", "OR a", "NOT NOT", "- x", "-", "--x", '""', '"""',
    "***", "x*", "^x", "x:", ":", "{x}", "a AND AND b", "(a OR b)", "NEAR(a b)", "'", "\\",
    "ISIS-K", "al-Ansari", "-isis", "NOT isis", "aanslag -", "a\tb\nc", "\x00", "ﷺ", "ـــ",
    "-h", "-hamas", "x -Teheran", "\u200f", "ﹰ",
    "x" * 5000,
]  # fmt: skip


@pytest.fixture
def fts(tmp_path):
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute(FTS_DDL)
    conn.execute("INSERT INTO clips_fts (title, body) VALUES ('t', 'isis k aanslag x abc')")
    yield conn
    conn.close()


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_any_input_parses_to_valid_fts5_or_raises_query_error(text, fts):
    try:
        parsed = parse_query(text)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    fts.execute("SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?", [parsed.match]).fetchall()


def test_words_are_all_required_and_variants_or_ed():
    parsed = parse_query("aanslagen Moskou")
    assert parsed.match.count(" AND ") == 1
    assert "aanslag" in parsed.terms and "moskou" in parsed.terms


def test_or_binds_tighter_than_the_implicit_and():
    assert parse_query("a OR b c").match == '("a" OR "b") AND "c"'


def test_exclusions_and_pure_exclusion_refused():
    assert parse_query("aanslag -Moskou").match == '("aanslag") NOT ("moskou")'
    assert parse_query("aanslag NOT Moskou").match == parse_query("aanslag -Moskou").match
    assert "moskou" not in parse_query("aanslag -Moskou").terms
    for text in ("-isis", "NOT isis", "-a -b"):
        with pytest.raises(QueryError, match="only exclude"):
            parse_query(text)


def test_hyphens_dates_and_punctuation_become_phrases():
    assert '"al ansari"' in parse_query("al-Ansari").match
    assert parse_query("2023-01-01").match == '"2023 01 01"'
    assert parse_query("foo:bar").match == '"foo bar"'


def test_operators_with_nothing_to_act_on_are_words():
    assert parse_query("NOT").match == '"not"'
    assert parse_query("x OR").match == '"x" AND "or"'


def test_prefix_keeps_the_unstemmed_form_too():
    parsed = parse_query("terroristen*")
    assert '"terroristen" *' in parsed.match and '"terrorist" *' in parsed.match
    assert "terroristen" in parsed.prefixes


def test_arabic_prefix_loses_its_article():
    assert '"هج" *' in parse_query("الهج*").match


def test_unclosed_quote_runs_to_the_end():
    assert parse_query('"isis k').match == parse_query('"isis k"').match


def test_punctuation_only_is_an_error():
    for text in ("*", "(", "", '""'):
        with pytest.raises(QueryError, match="nothing to search for"):
            parse_query(text)
