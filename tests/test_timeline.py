"""`clip timeline`: counts over time per language, on the seeds and on dated real files."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest
from conftest import Clip

from clipping_archive.cli.timeline import MAX_BAR, stacked_bar
from clipping_archive.output.timeline import next_period, period_of, period_start

DUTCH = (
    "ISIS heeft de aanslag in Moskou opgeëist, meldt de krant. De daders zijn opgepakt en "
    "de politie onderzoekt de zaak verder in de hoofdstad."
)
ARABIC = (
    "لقد أدى الهجوم الإرهابي القاتل الأخير في موسكو إلى تجدد الاهتمام بتنظيم داعش الإرهابي "
    "ليس فقط في الولايات المتحدة"
)
# date -> language: three clips in ISO week 12 of 2024 and the next, one only to the month.
DATED = {
    "2024-03-22": "nl",
    "2024-03-23": "ar",
    "2024-03-25": "nl",
    "2024-04-02": "nl",
    "2024-04": "nl",
}


@pytest.fixture(scope="module")
def dated_clip(tmp_path_factory) -> Clip:
    folder = tmp_path_factory.mktemp("dated")
    for day, lang in DATED.items():
        text = f"date {day}\n{DUTCH if lang == 'nl' else ARABIC} ({day})\n"
        (folder / f"{lang}_{day}.txt").write_text(text, encoding="utf-8")
    clip = Clip(folder / "archive.db")
    assert clip.json("import", str(folder))["added"] == len(DATED)
    rows = clip("export", "--format", "jsonl", "--columns", "date,language").stdout
    assert sorted(rows.count(f'"{d}"') for d in DATED) == [1] * len(DATED), rows
    return clip


def test_seeds_timeline_draws(seeded_clip):
    result = seeded_clip("timeline")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["2024-06", "2024-07", "2024-08", "2024-09"]
    assert "█" in lines[0] and "█" not in lines[1]  # an empty month draws no bar
    assert "nl" in result.stdout and "ar" in result.stdout  # the legend
    assert "3 clips without a date" in result.stderr


def test_seeds_timeline_numbers_as_csv(seeded_clip):
    result = seeded_clip("timeline", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["period"] for r in rows] == ["2024-06", "2024-07", "2024-08", "2024-09"]
    assert [int(r["total"]) for r in rows] == [1, 0, 0, 1]
    assert rows[0]["nl"] == "1" and rows[3]["ar"] == "1"
    assert result.stdout_bytes.endswith(b"\r\n")


def test_json_accounts_for_every_clip(seeded_clip):
    for by in ("year", "month", "week", "day"):
        out = seeded_clip.json("timeline", "--by", by)
        assert out["by"] == by
        assert out["placed"] + out["undated"] + out["imprecise"] == 5
        assert sum(p["total"] for p in out["periods"]) == out["placed"]
    assert seeded_clip.json("timeline", "--by", "week")["imprecise"] == 1  # "2024-06"


def test_weeks_and_imprecise_dates(dated_clip):
    out = dated_clip.json("timeline", "--by", "week")
    assert [(p["period"], p["total"]) for p in out["periods"]] == [
        ("2024-W12", 2),
        ("2024-W13", 1),
        ("2024-W14", 1),
    ]
    assert out["periods"][0]["ar"] == 1 and out["periods"][0]["nl"] == 1
    assert out["imprecise"] == 1 and out["undated"] == 0
    result = dated_clip("timeline", "--by", "week")
    assert "1 clip dated less precisely than a week" in result.stderr


def test_month_places_month_precise_clips(dated_clip):
    out = dated_clip.json("timeline", "--by", "month")
    assert [(p["period"], p["total"]) for p in out["periods"]] == [("2024-03", 3), ("2024-04", 2)]
    assert out["imprecise"] == 0 and out["languages"] == ["nl", "ar"]


def test_days_fill_gaps_with_zeros(dated_clip):
    out = dated_clip.json("timeline", "--by", "day", "--lang", "nl")
    periods = [p["period"] for p in out["periods"]]
    assert periods[0] == "2024-03-22" and periods[-1] == "2024-04-02" and len(periods) == 12
    assert sum(p["total"] for p in out["periods"]) == 3


def test_query_and_filters_narrow_the_timeline(dated_clip, seeded_clip):
    out = dated_clip.json("timeline", "Moskou", "--by", "week", "--since", "2024-03-25")
    assert [(p["period"], p["total"]) for p in out["periods"]] == [("2024-W13", 1), ("2024-W14", 1)]
    arabic = seeded_clip.json("timeline", "خراسان")
    assert arabic["languages"] == ["ar"] and arabic["placed"] == 1
    # --since/--until set the axis, even where there are no clips.
    axis = dated_clip.json("timeline", "--since", "2024-02", "--until", "2024-05")
    assert [p["period"] for p in axis["periods"]] == ["2024-02", "2024-03", "2024-04", "2024-05"]


def test_nothing_matches(seeded_clip):
    result = seeded_clip("timeline", "--source", "no such paper")
    assert result.exit_code == 0 and "No dated clips match" in result.stdout
    assert seeded_clip.json("timeline", "--source", "no such paper")["periods"] == []


def test_bad_input_is_one_line(seeded_clip):
    bad = seeded_clip("timeline", "--since", "yesterday")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1  # a bad value: usage
    assert seeded_clip("timeline", "--by", "hour").exit_code == 2
    empty = seeded_clip("timeline", "...")
    assert empty.exit_code == 1 and empty.stderr.count("\n") == 1


def test_chart_fits_the_terminal(dated_clip):
    for columns in ("40", "120"):
        result = dated_clip("timeline", "--by", "day", env={"COLUMNS": columns})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
        assert "2024-03-22" in result.stdout and "…" not in result.stdout  # nothing cut


def test_periods_cross_year_ends():
    assert period_of(date(2024, 12, 30), "week") == "2025-W01"
    assert period_start("2025-W01", "week") == date(2024, 12, 30)
    assert next_period("2024-12", "month") == "2025-01"
    assert next_period("2020-W53", "week") == "2021-W01"
    assert next_period("2024-02-28", "day") == "2024-02-29"
    assert next_period("2024", "year") == "2025"


def test_stacked_bar_adds_up():
    colours = {"nl": "cyan", "ar": "magenta", "en": "green"}
    bar = stacked_bar([("nl", 3), ("ar", 3), ("en", 3)], 9, colours)
    assert len(bar.plain) == MAX_BAR
    half = stacked_bar([("nl", 1), ("ar", 0), ("en", 0)], 2, colours)
    assert len(half.plain) == MAX_BAR // 2
    tiny = stacked_bar([("nl", 1), ("ar", 0), ("en", 0)], 1000, colours)
    assert tiny.plain == "▏"  # one clip still shows
    assert stacked_bar([("nl", 0)], 5, colours).plain == ""


def test_a_date_that_is_no_real_day_counts_as_undated(seeded_db, tmp_path):
    copy = tmp_path / "archive.db"
    copy.write_bytes(seeded_db.read_bytes())
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute(
            "UPDATE clips SET date = '2024-02-30', date_start = '2024-02-30', "
            "date_end = '2024-02-30' WHERE date = '2024-09-09'"
        )
    conn.close()
    out = Clip(copy).json("timeline", "--by", "day")
    assert out["undated"] == 4 and out["placed"] == 0
