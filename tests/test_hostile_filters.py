"""Hostile filters: any script's digits, bounded timelines, overflowing numbers."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from conftest import Clip


def test_arabic_indic_digits_in_since_and_until(seeded_clip):
    ascii_ids = {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "--since", "2024")}
    arabic_ids = {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "--since", "٢٠٢٤")}
    assert ascii_ids and arabic_ids == ascii_ids
    until = {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "--until", "٢٠٢٣")}
    assert until == set()


def test_a_timeline_of_millions_of_days_is_refused_in_one_line(seeded_clip, tmp_path):
    db = tmp_path / "far.db"
    db.write_bytes(seeded_clip.db.read_bytes())
    with sqlite3.connect(db) as conn:  # an archive some other tool wrote a wild date into
        conn.execute(
            "UPDATE clips SET date='9999-12-31', date_start='9999-12-31', "
            "date_end='9999-12-31' WHERE seq = (SELECT min(seq) FROM clips WHERE date IS NULL)"
        )
    result = Clip(db)("timeline", "--by", "day")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "too many periods" in result.stderr


def test_an_overflowing_limit_is_a_usage_error(seeded_clip):
    result = seeded_clip("search", "ISIS", "--limit", "99999999999999999999")
    assert result.exit_code == 2 and "unexpected" not in result.stderr


def test_full_width_and_persian_digits_equal_ascii(seeded_clip):
    ascii_ids = {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "--since", "2024-06")}
    for value in ("２０２４-０６", "۲۰۲۴-۰۶"):
        assert {h["id"] for h in seeded_clip.jsonl("search", "ISIS", "--since", value)} == ascii_ids


@pytest.mark.parametrize("value", ["9999", "2999-01", "1500", "1799-12-31", "٩٩٩٩"])
def test_implausible_filter_dates_are_refused_in_one_line(seeded_clip, value):
    for command in (("search", "ISIS"), ("search", "ISIS", "--count"), ("timeline",)):
        for option in ("--since", "--until"):
            result = seeded_clip(*command, option, value)
            assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
            assert "not a plausible date" in result.stderr and option in result.stderr


def test_a_plausible_range_is_not_refused(seeded_clip):
    today = dt.date.today().isoformat()
    assert seeded_clip("search", "ISIS", "--since", "1800", "--until", today).exit_code == 0
    assert seeded_clip("search", "ISIS", "--until", str(dt.date.today().year)).exit_code == 0
