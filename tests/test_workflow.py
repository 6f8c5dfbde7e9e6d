"""Research workflow (issue #14): tags, saved searches that report what is new, batch
counts; all in the archive file, through the CLI and the Python API."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEED_FILES, Clip

from clipping_archive import Archive
from clipping_archive.output.csv_safety import restore

FIXTURE = Path(__file__).parent / "fixtures" / "archive-release-0.1.0.db"


@pytest.fixture
def seeded(tmp_path, seeded_db) -> Clip:
    db = tmp_path / "a.db"
    shutil.copy(seeded_db, db)
    return Clip(db)


def test_tags_by_id_and_by_query_filter_search_export_and_timeline(seeded):
    ids = [h["id"] for h in seeded.jsonl("search", "ISIS")]
    assert seeded("tag", "add", "report", ids[0][:6]).exit_code == 0
    assert seeded("tag", "add", "arabic", "--query", "خراسان").exit_code == 0
    tags = {t["tag"]: t["clips"] for t in seeded.jsonl("tag", "list")}
    arabic_count = len(seeded.jsonl("search", "خراسان"))
    assert tags == {"report": 1, "arabic": arabic_count}
    assert [h["id"] for h in seeded.jsonl("search", "ISIS", "--tag", "report")] == [ids[0]]
    assert seeded.jsonl("search", "ISIS", "--tag", "report", "--tag", "arabic") == []
    exported = seeded("export", "--tag", "arabic", "--format", "jsonl").stdout.splitlines()
    assert len(exported) == arabic_count
    assert all("arabic" in json.loads(line).get("tags", ["arabic"]) for line in exported)
    assert (
        seeded.json("timeline", "--tag", "report")["placed"]
        + seeded.json("timeline", "--tag", "report")["undated"]
        == 1
    )
    shown = seeded.json("show", ids[0])
    assert "report" in shown["tags"]  # clips.tags, the JSON copy, is kept in step
    assert seeded("tag", "remove", "report", ids[0]).exit_code == 0
    assert "report" not in {t["tag"] for t in seeded.jsonl("tag", "list")}


def test_sidecar_tags_and_added_tags_are_the_same_tags(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILES[3], folder / "en.txt")
    (folder / "en.json").write_text('{"tags": ["moscow", "isis"]}', encoding="utf-8")
    clip = Clip(tmp_path / "a.db")
    [clip_id] = clip.json("import", str(folder))["added_ids"]
    assert {t["tag"] for t in clip.jsonl("tag", "list")} == {"moscow", "isis"}
    assert clip("tag", "add", "moscow", clip_id).exit_code == 0  # already there: no change
    assert {t["tag"]: t["clips"] for t in clip.jsonl("tag", "list")} == {"moscow": 1, "isis": 1}
    assert [h["id"] for h in clip.jsonl("search", "Bortnikov", "--tag", "isis")] == [clip_id]


def test_a_0_1_0_archive_keeps_its_sidecar_tags_as_tags(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE, db)
    with sqlite3.connect(db) as conn:  # a 0.1.0 archive whose clip had sidecar tags
        conn.execute("UPDATE clips SET tags = '[\"kept\"]' WHERE seq = 1")
    assert Clip(db).jsonl("tag", "list") == [{"tag": "kept", "clips": 1}]


def test_a_watch_reports_a_clip_imported_after_its_last_run_exactly_once(tmp_path):
    clip = Clip(tmp_path / "a.db")
    first, later = SEED_FILES[1], SEED_FILES[3]
    assert clip("import", str(first)).exit_code == 0
    assert clip("watch", "add", "isis", "ISIS").exit_code == 0
    run1 = clip.jsonl("watch", "run")
    assert len(run1) == 1 and run1[0]["watch"] == "isis"  # first run: every current match
    assert clip.jsonl("watch", "run") == []  # nothing new
    imported = clip("import", str(later))
    assert "watch isis: 1 new" in imported.stderr  # told, not yet remembered
    run2 = clip.jsonl("watch", "run", "isis")
    assert len(run2) == 1 and run2[0]["id"] not in {r["id"] for r in run1}
    assert clip.jsonl("watch", "run") == []
    listed = clip.jsonl("watch", "list")
    assert listed[0]["name"] == "isis" and listed[0]["reported"] == 2
    assert clip("watch", "remove", "isis").exit_code == 0
    assert clip.jsonl("watch", "list") == []


def test_batch_counts_per_query_and_period_with_errors_in_their_rows(seeded, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("ISIS\naanslag\n-only\nخراسان\n", encoding="utf-8")
    rows = seeded.jsonl("batch", str(queries), "--by", "year", "--format", "json")
    by_query = {r["query"]: r for r in rows}
    assert by_query["ISIS"]["total"] == int(seeded("search", "ISIS", "--count").stdout)
    assert "error" in by_query["-only"] and "total" not in by_query["-only"]
    assert by_query["خراسان"]["total"] >= 1
    assert sum(by_query["ISIS"]["periods"].values()) <= by_query["ISIS"]["total"]
    table = seeded("batch", str(queries), "--format", "csv").stdout.lstrip("\ufeff")
    parsed = list(csv.DictReader(io.StringIO(table)))
    # A query cell is neutralised as every spreadsheet CSV cell: "-only" would be a formula.
    assert [restore(r["query"]) for r in parsed] == ["ISIS", "aanslag", "-only", "خراسان"]
    assert parsed[2]["error"] and not parsed[2]["total"]


def test_the_python_api_and_reindex_keep_it_all(seeded):
    with Archive(seeded.db) as archive:
        ids = [h.clip["id"] for h in archive.search("ISIS").hits]
        assert archive.tag_add("api", ids[:2]) == 2
        archive.watch_add("dagestan", "Dagestan", lang="nl")
        assert [len(new) for _, new in archive.watch_run()] == [1]
        archive.reindex()
        assert archive.tags() == [{"tag": "api", "clips": 2}]
        assert archive.watch_run() == [("dagestan", [])]
