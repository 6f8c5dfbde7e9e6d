"""--source and --author through the CLI: whole words, any case, accents and Arabic
spelling variants folded."""

import sqlite3

import pytest

from clipping_archive.search.filters import Filters, fold_name
from clipping_archive.storage.sqlite_filters import where as sql_where


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--author", "سارة أبو شادي"], 1),  # exact
        (["--author", "أبو شادي"], 1),  # the family name alone
        (["--author", "ابو شادى"], 1),  # written without hamza, with alef maqsura
        (["--author", "ساره"], 1),  # ta marbuta written as ha
        (["--author", "شاد"], 0),  # not part of a word
        (["--source", "anha"], 1),
        (["--source", "ANH"], 0),
    ],
)
def test_search_filters(seeded_clip, args, expected):
    hits = seeded_clip.jsonl("search", "ISIS OR داعش", *args)
    assert len(hits) == expected


def test_export_filters_the_same_way(seeded_clip):
    result = seeded_clip("export", "--format", "jsonl", "--author", "أبو شادي")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


def test_blank_filter_matches_nothing(seeded_clip):
    assert seeded_clip.jsonl("search", "ISIS", "--source", "  ") == []


@pytest.fixture
def names_db(tmp_path):
    conn = sqlite3.connect(tmp_path / "names.db")
    conn.execute("create table clips (author, source, language, date_start, date_end)")
    conn.executemany(
        "insert into clips (author, source) values (?, ?)",
        [
            ("Khalil Émile", "Reuters / AFP"),
            ("O'Brien", "Abu-Shadi Media"),
            ("Sjoerd van der Berg", "NOS"),
            ("سَارَة أبو شادي", None),
        ],
    )
    return conn


@pytest.mark.parametrize(
    ("field", "value", "authors"),
    [
        ("author", "khalil emile", ["Khalil Émile"]),
        ("author", "KHALÍL", ["Khalil Émile"]),
        ("author", "ali", []),  # not inside "Khalil"
        ("author", "o'brien", ["O'Brien"]),
        ("author", "van der Berg", ["Sjoerd van der Berg"]),
        ("author", "سارة", ["سَارَة أبو شادي"]),  # the stored name carries harakat
        ("source", "afp", ["Khalil Émile"]),
        ("source", "abu shadi", ["O'Brien"]),
        ("source", "nos", ["Sjoerd van der Berg"]),
    ],
)
def test_folding(names_db, field, value, authors):
    where, params = sql_where(Filters(**{field: value}))
    rows = names_db.execute(f"select author from clips where {where}", params).fetchall()
    assert [r[0] for r in rows] == authors


def test_fold_name():
    assert fold_name("  Sára  Abu-Shádi ") == "sara abu shadi"
    assert fold_name("أبو شادى") == "ابو شادي"
