"""The query parser: user syntax -> a MATCH expression that FTS5 always accepts."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import ODD_INPUTS

from clipping_archive.errors import QueryError
from clipping_archive.search.query import parse_query
from clipping_archive.storage.fts5 import match_expression


@pytest.fixture
def fts(tmp_path):
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute("CREATE VIRTUAL TABLE clips_fts USING fts5(title, body, parts)")
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
    fts.execute(
        "SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?", [match_expression(parsed)]
    ).fetchall()


def test_words_are_all_required_and_variants_or_ed():
    parsed = parse_query("aanslagen Moskou")
    assert match_expression(parsed).count(" AND ") == 1
    assert "aanslag" in parsed.terms and "moskou" in parsed.terms


def test_or_binds_tighter_than_the_implicit_and():
    assert match_expression(parse_query("a OR b c")) == '("a" OR "b") AND "c"'


def test_exclusions_and_pure_exclusion_refused():
    # A word typed alone also asks for its family, in the parts column (#22); an
    # excluded word excludes its lemma only.
    assert (
        match_expression(parse_query("aanslag -Moskou"))
        == '(("aanslag" OR {parts}: "\u03c6aanslag")) NOT ("moskou")'
    )
    assert match_expression(parse_query("aanslag NOT Moskou")) == match_expression(
        parse_query("aanslag -Moskou")
    )
    assert "moskou" not in parse_query("aanslag -Moskou").terms
    for text in ("-isis", "NOT isis", "-a -b"):
        with pytest.raises(QueryError, match="only exclude"):
            parse_query(text)


def test_hyphens_dates_and_punctuation_become_phrases():
    assert '"al ansari"' in match_expression(parse_query("al-Ansari"))
    # A phrase of several words is looked for in the text (title, body), not in the
    # compound parts.
    assert match_expression(parse_query("2023-01-01")) == '{title body}: "2023 01 01"'
    assert match_expression(parse_query("foo:bar")) == '{title body}: "foo bar"'


def test_operators_with_nothing_to_act_on_are_words():
    assert match_expression(parse_query("NOT")) == '("not" OR {parts}: "\u03c6not")'
    assert match_expression(parse_query("x OR")) == '"x" AND "or"'


def test_prefix_keeps_the_unstemmed_form_too():
    parsed = parse_query("terroristen*")
    assert '"terroristen" *' in match_expression(parsed) and '"terrorist" *' in match_expression(
        parsed
    )
    assert "terroristen" in parsed.prefixes


def test_arabic_prefix_loses_its_article():
    assert '"هج" *' in match_expression(parse_query("الهج*"))


def test_unclosed_quote_runs_to_the_end():
    assert match_expression(parse_query('"isis k')) == match_expression(parse_query('"isis k"'))


def test_punctuation_only_is_an_error():
    for text in ("*", "(", "", '""'):
        with pytest.raises(QueryError, match="nothing to search for"):
            parse_query(text)
