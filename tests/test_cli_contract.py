"""The command-line contract of issue #2, exercised on real SQLite files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys

from conftest import SEED_FILES, SEEDS, Clip


def test_import_twice_adds_then_reports_unchanged(clip, tmp_path):
    first = clip.json("import", str(SEEDS))
    assert first["added"] == 5 and first["duplicates"] == 0 and first["rejected"] == []
    second = clip.json("import", str(SEEDS))
    assert second["added"] == 0 and second["duplicates"] == 0 and second["unchanged"] == 5
    # The same texts under other names are duplicates, naming the clip they repeat.
    copy = tmp_path / "copy"
    copy.mkdir()
    for seed in SEED_FILES:
        (copy / f"again_{seed.name}").write_bytes(seed.read_bytes())
    third = clip.json("import", str(copy))
    assert third["duplicates"] == 5
    assert sorted(d["id"] for d in third["duplicate_of"]) == sorted(first["added_ids"])
    assert sqlite3.connect(clip.db).execute("select count(*) from clips").fetchone()[0] == 5


def test_ids_are_stable_across_fresh_archives(tmp_path):
    ids = []
    for name in ("a.db", "b.db"):
        ids.append(sorted(Clip(tmp_path / name).json("import", str(SEEDS))["added_ids"]))
    assert ids[0] == ids[1] and len(set(ids[0])) == 5


def test_import_summary_is_human_readable_without_json(clip):
    result = clip("import", str(SEEDS))
    assert result.exit_code == 0
    assert "5 added, 0 duplicates, 0 rejected" in result.stderr
    assert result.stdout == ""


def test_db_option_before_or_after_command_and_env(tmp_path):
    before, after, env = tmp_path / "before.db", tmp_path / "after.db", tmp_path / "env.db"
    runner = Clip()
    assert runner("--db", str(before), "import", str(SEED_FILES[0])).exit_code == 0
    assert runner("import", str(SEED_FILES[1]), "--db", str(after)).exit_code == 0
    assert runner("import", str(SEED_FILES[2]), env={"CLIP_DB": str(env)}).exit_code == 0
    for path in (before, after, env):
        assert sqlite3.connect(path).execute("select count(*) from clips").fetchone()[0] == 1
    # The option after the command wins over the one before it.
    result = runner("--db", str(before), "search", "Dagestan", "--db", str(after), "--json")
    assert result.stdout.strip() == ""  # after.db holds seed 001, which never names Dagestan
    result = runner("--db", str(before), "search", "Dagestan", "--json")
    assert json.loads(result.stdout.splitlines()[0])["path"].endswith(SEED_FILES[0].name)


def test_search_json_lines_have_contract_fields(seeded_clip):
    hits = seeded_clip.jsonl("search", "Moskou")
    assert hits, "a Dutch word from seed 000/001 must match"
    for hit in hits:
        for key in (
            "id",
            "title",
            "date",
            "language",
            "author",
            "source",
            "path",
            "score",
            "snippet",
        ):
            assert key in hit
    assert {h["language"] for h in hits} == {"nl"}


def test_search_in_each_language(seeded_clip):
    assert any(
        h["path"].endswith("003_513ee7b6f79982d4.txt")
        for h in seeded_clip.jsonl("search", "Bortnikov")
    )
    arabic = seeded_clip.jsonl("search", "خراسان")
    assert arabic and all(h["language"] == "ar" for h in arabic)
    assert seeded_clip.jsonl("search", "Dagestan", "--lang", "en") == []


def test_search_filters_on_dates(seeded_clip):
    june = seeded_clip.jsonl("search", "ISIS", "--since", "2024-06-15", "--until", "2024-06-20")
    assert [h["date"] for h in june] == ["2024-06"]  # a month-precision date is the whole month
    assert seeded_clip.jsonl("search", "ISIS", "--since", "2025") == []


def test_search_human_output_shows_titles(seeded_clip):
    result = seeded_clip("search", "Bortnikov")
    assert result.exit_code == 0 and "Bortnikov" in result.stdout


def test_show_json_and_raw(seeded_clip):
    hit = seeded_clip.jsonl("search", "Bortnikov")[0]
    shown = seeded_clip.json("show", hit["id"])
    for key in ("id", "title", "date", "language", "author", "source", "path", "body"):
        assert key in shown
    assert "raw" not in shown
    raw = seeded_clip.json("show", hit["id"], "--raw")["raw"]
    assert raw == (SEEDS / "003_513ee7b6f79982d4.txt").read_text(encoding="utf-8")
    assert "[ad_1]" in raw and "[ad_1]" not in shown["body"]


def test_show_accepts_an_id_prefix_and_rejects_unknown(seeded_clip):
    hit = seeded_clip.jsonl("search", "Bortnikov")[0]
    assert seeded_clip.json("show", hit["id"][:6])["id"] == hit["id"]
    missing = seeded_clip("show", "ffffffffffffffff")
    assert missing.exit_code == 1
    assert missing.stderr.count("\n") == 1 and "no clip" in missing.stderr


def test_export_csv_all_and_query(seeded_clip):
    result = seeded_clip("export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 5
    for key in ("id", "title", "date", "language", "author", "source", "path", "body"):
        assert key in rows[0]
    # Unknown is empty in CSV; a known author arrives as stored.
    with sqlite3.connect(seeded_clip.db) as conn:
        stored = dict(conn.execute("select id, author from clips").fetchall())
    assert {r["id"].removeprefix("#"): r["author"] for r in rows} == {
        k: v or "" for k, v in stored.items()
    }
    assert "" in {r["author"] for r in rows} and len({r["author"] for r in rows}) > 1
    only = seeded_clip("export", "Bortnikov", "--format", "jsonl")
    lines = [json.loads(x) for x in only.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["language"] == "en"
    assert any(v is None for v in lines[0].values())  # unknown fields are null in JSON


def test_export_to_file(seeded_clip, tmp_path):
    out = tmp_path / "clips.jsonl"
    result = seeded_clip("export", "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_stats_counts(seeded_clip):
    stats = seeded_clip.json("stats")
    assert stats["clips"] == 5
    assert stats["by_language"] == {"nl": 2, "ar": 2, "en": 1}
    assert sum(stats["by_month"].values()) == 5


def test_errors_are_one_line_with_exit_codes(seeded_clip, tmp_path):
    missing_path = seeded_clip("import", str(tmp_path / "nope"))
    assert missing_path.exit_code == 1 and missing_path.stderr.count("\n") == 1
    no_archive = Clip(tmp_path / "absent.db")("search", "x")
    assert no_archive.exit_code == 1 and "no archive" in no_archive.stderr
    assert not (tmp_path / "absent.db").exists()
    bad_date = seeded_clip("search", "ISIS", "--since", "yesterday")
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    usage = seeded_clip("search")
    assert usage.exit_code == 2


def test_not_an_archive_is_refused_without_damage(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table clips (x)")
    conn.commit()
    conn.close()
    result = Clip(other)("import", str(SEED_FILES[0]))
    assert result.exit_code == 1
    assert sqlite3.connect(other).execute("select count(*) from clips").fetchone()[0] == 0
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    result = Clip(garbage)("stats")
    assert result.exit_code == 1 and "not a readable archive" in result.stderr


def test_module_entry_point_runs(seeded_db):
    out = subprocess.run(
        [sys.executable, "-m", "clipping_archive", "--db", str(seeded_db), "stats", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["clips"] == 5


def test_archive_opens_with_stock_sqlite(seeded_db):
    """No extension or custom tokenizer is needed to query the archive."""
    conn = sqlite3.connect(seeded_db)
    rows = conn.execute(
        "select c.id from clips_fts f join clips c on c.seq = f.rowid"
        " where clips_fts match 'bortnikov'"
    ).fetchall()
    assert len(rows) == 1
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into clips_fts(clips_fts) values('integrity-check')")
