"""Reading dates in Dutch, Arabic and English, kept at the precision given."""

import pytest

from clipping_archive.errors import ClipError
from clipping_archive.ingest.dates import date_bounds, find_date, parse_date, parse_user_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("22 maart 2024", "2024-03-22"),
        ("1 mei 2024", "2024-05-01"),
        ("vrijdag 22 maart 2024", "2024-03-22"),
        ("22 mrt. 2024", "2024-03-22"),
        ("maart 2024", "2024-03"),
        ("22-03-2024", "2024-03-22"),
        ("3 oktober 2023 om 14:05", "2023-10-03"),
    ],
)
def test_dutch(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("٢٣ مارس ٢٠٢٤", "2024-03-23"),  # Arabic-Indic digits
        ("23 مارس 2024", "2024-03-23"),
        ("22 آذار 2024", "2024-03-22"),  # Levantine month names
        ("22 اذار 2024", "2024-03-22"),  # written without the madda
        ("1 أيار 2024", "2024-05-01"),
        ("5 كانون الثاني 2024", "2024-01-05"),
        ("5 كانون الأول 2023", "2023-12-05"),
        ("10 تشرين الأول 2023", "2023-10-10"),
        ("22 آذار/مارس 2024", "2024-03-22"),  # both series, as Levantine sites write it
        ("9 سبتمبر 2024", "2024-09-09"),
        ("12 يونيه 2024", "2024-06-12"),
        ("الجمعة ٢٢ مارس ٢٠٢٤", "2024-03-22"),
        ("أغسطس 2024", "2024-08"),
        ("۲۳ مارس ۲۰۲۴", "2024-03-23"),  # Persian digits, same letters
    ],
)
def test_arabic(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 24, 2024", "2024-03-24"),
        ("24 March 2024", "2024-03-24"),
        ("Mar 24, 2024", "2024-03-24"),
        ("March 24th, 2024", "2024-03-24"),
        ("Friday, March 22, 2024 10:15 am", "2024-03-22"),
        ("June 2024", "2024-06"),
    ],
)
def test_english(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024-09-09 15:26:01", "2024-09-09"), ("2024-06", "2024-06"), ("2024/03/22", "2024-03-22")],
)
def test_iso_at_the_precision_given(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["31 februari 2024", "2024-13-01", "30 فبراير 2024", "March 32, 2024", "gisteren", "1234"],
)
def test_impossible_or_absent_dates_are_none(text):
    assert parse_date(text) is None


def test_parse_date_refuses_a_sentence_that_holds_a_date():
    assert parse_date("De aanslag vond plaats op 22 maart 2024 in Moskou") is None
    assert find_date("De aanslag vond plaats op 22 maart 2024 in Moskou").iso == "2024-03-22"


def test_a_place_before_a_dateline_only_when_allowed():
    assert parse_date("Moskou, 22 maart 2024") is None
    assert parse_date("Moskou, 22 maart 2024", place_words=2) == "2024-03-22"


def test_the_leftmost_date_wins():
    assert find_date("Gepubliceerd 20 maart 2024, bijgewerkt 22 maart 2024").iso == "2024-03-20"


@pytest.mark.parametrize(
    ("date", "bounds"),
    [
        ("2024-06", ("2024-06-01", "2024-06-30")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-09-09", ("2024-09-09", "2024-09-09")),
        ("2024-13", (None, None)),
        ("2024-02-30", (None, None)),
        (None, (None, None)),
    ],
)
def test_date_bounds(date, bounds):
    assert date_bounds(date) == bounds


@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "22 maart", ""])
def test_bad_user_dates_are_one_clip_error(value):
    with pytest.raises(ClipError, match="not a date"):
        parse_user_date(value, end=False)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--since", "2024-13"),
        ("--until", "2024-13"),
        ("--since", "0000"),  # year 0: no date Python can hold (was "unexpected ValueError")
        ("--until", "0000-01"),
        ("--since", "0000-01-01"),
        ("--since", "٠٠٠٠"),
        ("--until", "yesterday"),
    ],
)
def test_a_bad_date_option_is_a_usage_error_naming_it(seeded_clip, option, value):
    for command in (("search", "ISIS"), ("search", "ISIS", "--count"), ("timeline",)):
        result = seeded_clip(*command, option, value)
        assert result.exit_code == 2, result.stderr  # the contract: a bad value exits 2
        assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr
        assert option in result.stderr and repr(value) in result.stderr


def test_lines_skipped_unsearched_hold_no_date(monkeypatch):
    """_find_date_folded searches only lines with a year or a numeric day and month:
    with every line searched, every line finds the same date."""
    import random
    import re

    from clipping_archive.ingest import dates

    rng = random.Random(22)
    pieces = ["22", "8", "2024", "19", "1436", "-", "/", ".", " ", "maart", "March", "مارس",
              "٢٠٢٤", "٢٢", "t16:12", "z", ",", "th", "آذار", "/", "jan", "x"]  # fmt: skip
    lines = ["08-04-19, 09:40", "22 maart 2024", "March 24th 2024", "maart 2024", "7.3.19"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(20_000)]
    folded = [dates.fold(line) for line in lines]
    found = [dates._find_date_folded(f, lang) for f in folded for lang in ("nl", "en")]
    assert sum(f is not None for f in found) > 300
    monkeypatch.setattr(dates, "_DATE_NEEDS", re.compile(""))  # every line searched
    assert [dates._find_date_folded(f, lang) for f in folded for lang in ("nl", "en")] == found
