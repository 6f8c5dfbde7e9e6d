"""`clip export`: CSV that opens cleanly, JSON Lines, columns, query rows; on real archives."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from conftest import FORMULA_FIRST_LINE, SEEDS, Clip, write_formula_clip

from clipping_archive import Archive
from clipping_archive.output.csv_safety import PREFIX, needs_prefix, restore
from clipping_archive.output.export import CLIP_COLUMNS, DEFAULT_COLUMNS
from clipping_archive.search.query import parse_query
from clipping_archive.search.snippets import clip_languages, find_hits

BOM = b"\xef\xbb\xbf"
HEADER = b"id,title,date,date_start,date_end,language,author,source,path,body,cluster,copies\r\n"


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(BOM), "the default CSV starts with a UTF-8 byte-order mark"
    text = data[len(BOM) :].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def shown(clip: Clip, clip_id: str) -> dict:
    return clip.json("show", clip_id)


def test_seeds_export_one_row_per_clip_with_bodies_equal_to_show(seeded_clip):
    result = seeded_clip("export")
    assert result.exit_code == 0, result.stderr
    rows = read_csv(result.stdout_bytes)
    archived = sqlite3.connect(seeded_clip.db).execute("select id from clips").fetchall()
    assert sorted(r["id"].removeprefix("#") for r in rows) == sorted(i for (i,) in archived)
    assert len(rows) == 5
    neutralised = 0
    for row in rows:
        body = shown(seeded_clip, row["id"])["body"]
        if row["body"] != body:
            # The only allowed difference: the documented prefix on a formula-like cell.
            assert row["body"] == PREFIX + body and needs_prefix(body)
            neutralised += 1
        assert restore(row["body"]) == body
    # Seed 003's body starts with "- It’s been...": a spreadsheet would read it as a formula.
    assert neutralised >= 1


def test_plain_csv_is_exactly_as_stored_without_bom(seeded_clip):
    data = seeded_clip("export", "--plain").stdout_bytes
    assert not data.startswith(BOM) and data.startswith(b"id,title,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 5
    for row in rows:
        assert row["body"] == shown(seeded_clip, row["id"])["body"]


def test_csv_is_rfc4180_crlf_rows_and_quoted_multiline_bodies(seeded_clip, tmp_path):
    out = tmp_path / "clips.csv"
    result = seeded_clip("export", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "5 clips written" in result.stderr and "exporting" not in result.stderr
    data = out.read_bytes()
    assert data == seeded_clip("export").stdout_bytes  # a file and stdout are the same bytes
    assert data.startswith(BOM + HEADER)
    assert data.endswith(b"\r\n")
    # Bodies hold newlines and quotes: quoted, quotes doubled, so each parses back whole.
    bodies = [r["body"] for r in read_csv(data)]
    assert any("\n" in b for b in bodies) and any('"' in b or "“" in b for b in bodies)
    assert b'""' in data


def test_export_keeps_only_the_hits_of_a_search(seeded_clip):
    for query in ("Bortnikov", "ISIS", "خراسان", "aanslagen"):
        searched = {h["id"] for h in seeded_clip.jsonl("search", query, "--limit", "100")}
        rows = read_csv(seeded_clip("export", query).stdout_bytes)
        assert {r["id"].removeprefix("#") for r in rows} == searched and searched, query
        assert len(rows) == len(searched)
        for row in rows:
            assert int(row["hits"]) >= 1
            snippet = restore(row["snippet"]).strip("…")
            assert snippet.split("…")[0][:40] in restore(row["body"])


def test_query_rows_carry_hits_and_snippet_in_jsonl(seeded_clip):
    lines = seeded_clip("export", "Dagestan", "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows and list(rows[0]) == [*DEFAULT_COLUMNS, "hits", "snippet"]
    for row in rows:
        assert "Dagestan" in row["snippet"]
        assert row["hits"] == row["body"].count("Dagestan")


def test_a_clip_whose_first_line_is_a_formula_exports_as_inert_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_formula_clip(folder)
    clip = Clip(tmp_path / "archive.db")
    assert clip.json("import", str(folder))["added"] == 1
    row = read_csv(clip("export").stdout_bytes)[0]
    stored = clip.json("show", row["id"])
    assert stored["body"].startswith(FORMULA_FIRST_LINE)
    assert row["body"] == PREFIX + stored["body"]
    assert row["title"] == PREFIX + stored["title"] and stored["title"].startswith("=")
    # JSON Lines is data, not a spreadsheet: no prefix there.
    line = json.loads(clip("export", "--format", "jsonl").stdout)
    assert line["body"] == stored["body"]


def test_columns_choose_and_order(seeded_clip):
    rows = read_csv(seeded_clip("export", "--columns", "language, id,size_bytes").stdout_bytes)
    assert list(rows[0]) == ["language", "id", "size_bytes"]
    assert all(int(r["size_bytes"]) > 0 for r in rows)
    lines = seeded_clip("export", "--format", "jsonl", "--columns", "id,languages,tags").stdout
    first = json.loads(lines.splitlines()[0])
    assert list(first) == ["id", "languages", "tags"] and isinstance(first["languages"], list)
    # In CSV a list is JSON text, so it parses back unambiguously.
    row = read_csv(seeded_clip("export", "--columns", "id,languages").stdout_bytes)[0]
    assert isinstance(json.loads(row["languages"]), list)


@pytest.mark.parametrize(
    "args, says",
    [
        (["--columns", "id,nope"], "unknown column 'nope'"),
        (["--columns", "id,hits"], "needs a QUERY"),
        (["--columns", "id,id"], "named twice"),
        (["--columns", " , "], "empty"),
    ],
)
def test_bad_columns_are_a_one_line_usage_error(seeded_clip, tmp_path, args, says):
    out = tmp_path / "never.csv"
    result = seeded_clip("export", *args, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert not out.exists()


def test_every_documented_column_exports(seeded_clip):
    columns = ",".join((*CLIP_COLUMNS, "hits", "snippet", "score"))
    rows = read_csv(seeded_clip("export", "ISIS", "--columns", columns).stdout_bytes)
    assert rows and list(rows[0]) == columns.split(",")
    assert all(float(r["score"]) >= 0 for r in rows)


def test_query_columns_alone(seeded_clip):
    rows = read_csv(seeded_clip("export", "Bortnikov", "--columns", "score").stdout_bytes)
    assert len(rows) == 1 and list(rows[0]) == ["score"] and float(rows[0]["score"]) > 0


def test_filters_apply_to_export(seeded_clip):
    rows = read_csv(seeded_clip("export", "--lang", "ar").stdout_bytes)
    assert len(rows) == 2 and {r["language"] for r in rows} == {"ar"}
    dated = read_csv(seeded_clip("export", "--since", "2024-06-15").stdout_bytes)
    assert [r["date"] for r in dated] == ["2024-06", "2024-09-09"]


def test_dated_clips_come_oldest_first_then_undated(seeded_clip):
    dates = [r["date"] for r in read_csv(seeded_clip("export").stdout_bytes)]
    assert dates == ["2024-06", "2024-09-09", "", "", ""]


def test_export_rows_is_a_stream_not_a_list(seeded_db):
    with Archive(seeded_db) as archive:
        rows = archive.export_rows()
        assert not isinstance(rows, list | tuple)
        assert next(rows)["date"] == "2024-06"


def test_progress_bar_on_request(seeded_clip, tmp_path):
    result = seeded_clip("export", "--progress", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 0 and "5/5" in result.stderr


def test_refuses_to_write_over_the_archive(seeded_db, tmp_path):
    copy = tmp_path / "archive.db"
    copy.write_bytes(seeded_db.read_bytes())
    clip = Clip(copy)
    before = copy.read_bytes()
    result = clip("export", "-o", str(copy))
    assert result.exit_code == 1 and "archive itself" in result.stderr
    link = tmp_path / "link.csv"
    link.symlink_to(copy)
    assert clip("export", "-o", str(link)).exit_code == 1
    assert copy.read_bytes() == before
    assert clip.json("stats")["clips"] == 5


def test_a_link_as_output_is_written_through_not_replaced(seeded_clip, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert seeded_clip("export", "--plain", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert target.read_bytes() == seeded_clip("export", "--plain").stdout_bytes


def test_bad_query_fails_before_writing(seeded_clip, tmp_path):
    out = tmp_path / "never.csv"
    result = seeded_clip("export", "...", "-o", str(out))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert not out.exists() and not (tmp_path / "never.csv.part").exists()


def test_unwritable_output_is_one_line(seeded_clip, tmp_path):
    result = seeded_clip("export", "-o", str(tmp_path / "no" / "such" / "dir" / "x.csv"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr


def test_export_of_empty_result_is_a_header_only(seeded_clip):
    data = seeded_clip("export", "--source", "no such paper").stdout_bytes
    assert data == BOM + HEADER
    assert seeded_clip("export", "--lang", "fr", "--format", "jsonl").stdout == ""


def test_jsonl_needs_no_bom_and_keeps_nulls(seeded_clip):
    data = seeded_clip("export", "--format", "jsonl").stdout_bytes
    assert not data.startswith(BOM)
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert len(rows) == 5 and any(r["date"] is None for r in rows)
    assert {r["path"].rsplit("/", 1)[-1] for r in rows} == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("query", ["ISIS", "aanslagen", "خراسان", "الهجوم", "attacks"])
def test_hits_count_every_matching_word_as_search_finds_them(seeded_db, query):
    """hits come from FTS5's marks; for words they agree with search.find_hits, which
    analyses the body in Python, so both see the same words as hits."""
    parsed = parse_query(query)
    with Archive(seeded_db) as archive:
        columns = ("id", "body", "language", "languages", "hits")
        rows = list(archive.export_rows(query, columns=columns))
    assert rows
    for row in rows:
        assert row["hits"] == len(find_hits(row["body"], clip_languages(row), parsed)) > 0


def test_a_phrase_hit_counts_once(seeded_clip):
    rows = [
        json.loads(line)
        for line in seeded_clip("export", '"lone wolves"', "--format", "jsonl").stdout.splitlines()
    ]
    assert len(rows) == 1
    assert rows[0]["hits"] == rows[0]["body"].count("lone wolves") == 1


def test_every_stored_column_but_the_internal_key_can_be_exported():
    # export.CLIP_COLUMNS is an ordered list for --columns; it must not drift from the schema.
    from clipping_archive.storage import sqlite as store

    assert set(CLIP_COLUMNS) == set(store.CLIP_COLUMNS) - {"seq"}
