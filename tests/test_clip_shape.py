"""One clip shape (#23): the README's table of a clip's keys is models.ClipRecord, and
every output (Archive.get, hit.clip, export_rows, clip show --json, clip search --json,
/clip/ID.json, /search.json) gives those keys with those types, and nothing of a
backend's own."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import types
import typing
from pathlib import Path

import pytest
from conftest import ROOT, Clip

from clipping_archive import Archive
from clipping_archive.models import CLIP_KEYS, ClipRecord
from clipping_archive.output.shapes import HIT_FIELDS

HINTS = typing.get_type_hints(ClipRecord)
SHOW_EXTRAS = {"paragraphs", "copies", "highlights"}
HIT_EXTRAS = {"score", "snippet", "highlights"}
FIXTURE_0_1_0 = Path(__file__).parent / "fixtures" / "archive-release-0.1.0.db"


def readme_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### A clip's keys", 1)[1].split("\n\n", 3)[2]
    rows = re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", section, re.MULTILINE)
    return {key: kind.replace("\\|", "|") for key, kind in rows}


def fits(value, hint) -> bool:
    """Whether a JSON-ish value is of the type a ClipRecord key declares."""
    if isinstance(hint, types.UnionType):
        return any(fits(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(fits(v, item) for v in value)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def assert_clip_shape(got: dict, *, extras: set[str] = frozenset()) -> None:
    keys = set(got) - set(extras)
    assert keys <= set(CLIP_KEYS), f"keys not in a clip's shape: {keys - set(CLIP_KEYS)}"
    for key in keys:
        assert fits(got[key], HINTS[key]), f"{key}={got[key]!r} is not {HINTS[key]}"


def test_the_readme_table_is_the_clip_record():
    table = readme_table()
    assert list(table) == list(CLIP_KEYS)
    raw = {k: getattr(v, "__forward_arg__", v) for k, v in ClipRecord.__annotations__.items()}
    assert table == raw


def test_get_hits_and_export_rows_give_the_whole_shape(seeded_db):
    with Archive(seeded_db) as archive:
        results = archive.search("ISIS", limit=None)
        assert results.hits
        for hit in results.hits:
            got = archive.get(hit.clip["id"])
            assert list(got) == list(CLIP_KEYS) or set(got) == set(CLIP_KEYS)
            assert_clip_shape(got)
            assert set(hit.clip) == set(CLIP_KEYS) and hit.clip == got
        rows = list(archive.export_rows(None, CLIP_KEYS))
        assert len(rows) == archive.count()
        for row in rows:
            assert list(row) == list(CLIP_KEYS)
            assert_clip_shape(row)
            assert row == archive.get(row["id"])


@pytest.mark.parametrize(
    ("query", "columns"),
    [
        ("ISIS", ["id", "title", "hits"]),
        ("ISIS", ["title", "snippet"]),
        (None, ["title"]),
        (None, ["tags", "title_derived", "languages", "copies"]),
    ],
)
def test_export_rows_give_exactly_the_columns_asked_for(seeded_db, query, columns):
    with Archive(seeded_db) as archive:
        rows = list(archive.export_rows(query, columns=columns))
    assert rows
    for row in rows:
        assert list(row) == columns
        assert_clip_shape(row, extras={"hits", "snippet", "copies"})


def test_show_and_search_json_keep_the_shape(seeded_db):
    clip = Clip(seeded_db)
    hits = clip.jsonl("search", "ISIS")
    assert hits
    for hit in hits:
        assert set(hit) == set(HIT_FIELDS) | HIT_EXTRAS
        assert_clip_shape(hit, extras=HIT_EXTRAS)
        shown = clip.json("show", hit["id"], "--query", "ISIS")
        assert set(shown) == (set(CLIP_KEYS) - {"raw", "stripped"}) | SHOW_EXTRAS
        assert_clip_shape(shown, extras=SHOW_EXTRAS)
        full = clip.json("show", hit["id"], "--raw", "--stripped")
        assert set(full) == set(CLIP_KEYS) | {"paragraphs", "copies"}
        assert_clip_shape(full, extras=SHOW_EXTRAS)
        with Archive(seeded_db) as archive:
            assert {k: full[k] for k in CLIP_KEYS} == archive.get(hit["id"])


def test_the_pages_json_keeps_the_shape(seeded_db):
    from datasette.app import Datasette

    datasette = Datasette(files=[str(seeded_db)])

    def get(path: str) -> dict:
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200, response.text[:300]
        return response.json()

    for hit in get("/search.json?q=ISIS")["hits"] + get("/search.json")["hits"]:
        assert set(hit) == set(HIT_FIELDS) | HIT_EXTRAS
        assert_clip_shape(hit, extras=HIT_EXTRAS)
        page = get(f"/clip/{hit['id']}.json?q=ISIS")
        assert_clip_shape(page, extras=SHOW_EXTRAS)
        assert set(page) >= (set(CLIP_KEYS) - {"raw", "stripped"}) | {"paragraphs", "copies"}


def test_a_clip_of_release_0_1_0_has_the_shape_too(tmp_path):
    """An archive of release 0.1.0, upgraded, with list columns left empty (NULL, as
    the sqlite3 shell may leave them): lists are still lists."""
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE_0_1_0, db)
    with Archive(db) as archive:
        assert archive.count() > 0  # upgraded in place
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE clips SET languages = NULL, tags = NULL, stripped = NULL")
    conn.close()
    with Archive(db) as archive:
        rows = list(archive.export_rows(None, CLIP_KEYS))
        assert rows
        for row in rows:
            assert_clip_shape(row)
            assert_clip_shape(archive.get(row["id"]))
