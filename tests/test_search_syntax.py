"""End-to-end: query syntax through the real CLI on the seeds, and every odd input the
issue lists either searches (exit 0) or gives one line on stderr (exit 1)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest
from conftest import ODD_INPUTS, SEED_FILES, Clip

from clipping_archive.errors import QueryError
from clipping_archive.search.query import parse_query

ENGLISH = "003_513ee7b6f79982d4.txt"
DUTCH_000 = "000_d3fdf744a73ca98b.txt"
DUTCH_001 = "001_98ab83bc4f073aa9.txt"


def names(hits: list[dict]) -> set[str]:
    return {h["path"].rsplit("/", 1)[-1] for h in hits}


def expected_refusal(text: str) -> str | None:
    """The parser's own one-line refusal of ``text``, or None when it parses."""
    try:
        parse_query(text)
    except QueryError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_searches_or_gives_one_line(seeded_clip, text):
    # A lone -h asks for help (tested below); anything else parses or is refused.
    refusal = None if text == "-h" else expected_refusal(text)
    for extra in ((), ("--json",)):
        result = seeded_clip("search", text, *extra)
        assert "Traceback" not in result.stderr + result.stdout
        if text.startswith("--") and text[2:3].isalpha():  # an option, not a word
            assert result.exit_code == 2 and "No such option" in result.stderr
            continue
        if refusal is None:  # it parses, so it searches: exit 0, whatever it finds
            assert result.exit_code == 0, (text, result.stderr)
        else:  # the parser's own message, on one line; never an "unexpected" failure
            assert result.exit_code == 1, (text, result.stderr)
            assert result.stderr == f"Error: {refusal}\n"


def test_odd_inputs_in_a_real_process(seeded_db):
    """The same, in a separate `python -m clipping_archive` process, for the listed ones."""
    listed = ['"abc', "*", "(", "don't", "C++", "AT&T", "U.S.", "e-mail", "2023-01-01"]
    listed += ["foo:bar", "NOT", ""]
    for text in listed:
        out = subprocess.run(
            [sys.executable, "-m", "clipping_archive", "--db", str(seeded_db), "search", text],
            capture_output=True,
            text=True,
        )
        refusal = expected_refusal(text)
        assert out.returncode == (0 if refusal is None else 1), (text, out.stderr)
        if refusal is not None:
            assert out.stderr == f"Error: {refusal}\n", text
        else:  # "N of M clips", then maybe hints: never anything else
            first, *rest = out.stderr.splitlines()
            assert re.fullmatch(r"\d+ of \d+ clips?", first), text
            assert all(line.startswith("hint: ") for line in rest), text


def test_pure_exclusion_is_a_clear_error(seeded_clip):
    for args in (["-ISIS"], ["--", "-ISIS"], ["NOT", "ISIS"]):
        result = seeded_clip("search", *args)
        assert result.exit_code == 1 and "only exclude" in result.stderr


def test_unquoted_words_form_one_query(seeded_clip):
    assert seeded_clip.jsonl("search", "aanslag", "Teheran") == seeded_clip.jsonl(
        "search", "aanslag Teheran"
    )
    assert seeded_clip.jsonl("search", "aanslag", "-Teheran", "--lang", "nl")


def test_empty_query_is_a_clear_error(seeded_clip):
    result = seeded_clip("search", "")
    assert result.exit_code == 1 and "nothing to search for" in result.stderr


def test_hyphenated_words_as_typed(seeded_clip):
    assert names(seeded_clip.jsonl("search", "ISIS-K")) == {ENGLISH}  # not ISIS-Khorasan
    hits = seeded_clip.jsonl("search", "al-Ansari")
    assert names(hits) == {ENGLISH}
    assert "al-Ansari" in hits[0]["snippet"] or "Al-Ansari" in hits[0]["snippet"]


def test_dates_as_typed(seeded_clip):
    # Seed 004's "(اخر تعديل 2024-09-09 ...)" line is metadata, so 2024-09 as a phrase
    # must find only clips whose text still holds it.
    for hit in seeded_clip.jsonl("search", "2024-09-09"):
        assert "2024-09-09" in seeded_clip.json("show", hit["id"])["body"]


def test_exact_phrase_needs_the_order(seeded_clip):
    assert names(seeded_clip.jsonl("search", '"lone wolves"')) == {ENGLISH}
    assert seeded_clip.jsonl("search", '"wolves lone"') == []
    assert names(seeded_clip.jsonl("search", "wolves lone")) == {ENGLISH}


def test_or(seeded_clip):
    assert names(seeded_clip.jsonl("search", "Bortnikov OR Teheran")) == {ENGLISH, DUTCH_001}
    assert seeded_clip.jsonl("search", "Bortnikov Teheran") == []


def test_exclusion_with_minus_and_not(seeded_clip):
    with_moscow = names(seeded_clip.jsonl("search", "ISIS"))
    without = names(seeded_clip.jsonl("search", "ISIS -Moskou"))
    assert without and without < with_moscow
    assert without == names(seeded_clip.jsonl("search", "ISIS NOT Moskou"))
    kept = seeded_clip.jsonl("search", "ISIS -Moskou")
    assert kept
    for hit in kept:
        assert "moskou" not in seeded_clip.json("show", hit["id"])["body"].lower()


def test_prefix(seeded_clip):
    hits = seeded_clip.jsonl("search", "Bortnik*")
    assert names(hits) == {ENGLISH}
    assert all(
        w.startswith("Bortnik") for w in (hits[0]["snippet"][s:e] for s, e in hits[0]["highlights"])
    )
    assert DUTCH_000 in names(seeded_clip.jsonl("search", "terroristen*"))


def test_stale_index_warns_on_one_line(tmp_path):
    db = tmp_path / "old.db"
    runner = Clip(db)
    assert runner("import", str(SEED_FILES[0])).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE archive_meta SET value = '1' WHERE key = 'analyzer_version'")
    result = runner("search", "aanslag", "--json")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "clip reindex" in warnings[0]


def test_lone_dash_h_shows_help_but_dash_words_search(seeded_clip):
    helped = seeded_clip("search", "-h")
    assert helped.exit_code == 0 and "Usage:" in helped.stdout
    # -Dagestan holds an "h": it must be read as an exclusion, not as -h for help.
    every = {h["id"] for h in seeded_clip.jsonl("search", "ISIS")}
    rest = {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "-Dagestan")}
    assert rest and rest < every
