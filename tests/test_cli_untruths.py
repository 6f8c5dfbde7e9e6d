"""Small untruths of the CLI (issue #23), each checked against what the archive holds:
batch rows that add up and CSV cells that cannot run, --plain ids as stored, counts in
words that agree with their number, help that names every format, a bad tag as a
usage error, and --count --collapse counting stories."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import SEED_FILES, Clip

from clipping_archive.output.csv_safety import restore

# -- clip batch ------------------------------------------------------------------------


@pytest.fixture
def queries(tmp_path) -> Path:
    path = tmp_path / "queries.txt"
    path.write_text("ISIS\n=1+1\n@SUM(A1)\nخراسان\n-only\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("by", ["month", "year"])
def test_batch_rows_add_up_to_their_totals(seeded_clip, queries, by):
    rows = seeded_clip.jsonl("batch", str(queries), "--by", by)
    counted = [r for r in rows if "error" not in r]
    assert any(r["undated"] for r in counted), "the seeds hold undated matches"
    for row in counted:
        placed = sum(row["periods"].values())
        assert placed + row["undated"] + row["imprecise"] == row["total"], row
        assert row["total"] == int(seeded_clip("search", row["query"], "--count").stdout)
    table = seeded_clip("batch", str(queries), "--by", by, "--format", "csv").stdout
    assert table.startswith("\ufeff")
    parsed = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert "undated" in parsed[0] and "imprecise" in parsed[0]
    periods = [k for k in parsed[0] if re.fullmatch(r"\d{4}(-\d\d)?", k)]
    for row in parsed:
        if row["error"]:
            continue
        cells = [int(row[p]) for p in periods] + [int(row["undated"]), int(row["imprecise"])]
        assert sum(cells) == int(row["total"]), row


def test_batch_csv_neutralises_formula_like_queries(seeded_clip, queries):
    table = seeded_clip("batch", str(queries), "--format", "csv").stdout.lstrip("\ufeff")
    cells = [row["query"] for row in csv.DictReader(io.StringIO(table))]
    assert cells == ["ISIS", "'=1+1", "'@SUM(A1)", "خراسان", "'-only"]
    assert [restore(c) for c in cells] == ["ISIS", "=1+1", "@SUM(A1)", "خراسان", "-only"]
    assert "=1+1" not in re.sub(r"'=1\+1", "", table)  # nowhere raw


# -- clip export --plain ---------------------------------------------------------------


def test_plain_csv_writes_ids_as_stored(seeded_clip):
    plain = list(csv.DictReader(io.StringIO(seeded_clip("export", "--plain").stdout)))
    stored = {h["id"] for h in seeded_clip.jsonl("search", "ISIS OR aanslag OR خراسان")}
    assert {row["id"] for row in plain} >= stored and len(plain) == 5
    assert all(re.fullmatch(r"[0-9a-f]{16}", row["id"]) for row in plain)
    spreadsheet = seeded_clip("export").stdout.lstrip("\ufeff")
    assert all(r["id"].startswith("#") for r in csv.DictReader(io.StringIO(spreadsheet)))


def test_export_help_names_every_format(seeded_clip):
    help_text = seeded_clip("export", "--help").stdout
    intro = help_text.split("Options:")[0]
    for name in ("CSV", "JSON Lines", "xlsx"):
        assert name in intro, name


# -- counts in words ----------------------------------------------------------------------

ORIGINAL = SEED_FILES[3].read_text(encoding="utf-8")
BODY = [p for p in ORIGINAL.split("\n") if p.strip()][1:]


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> Clip:
    """Seed 003 and two copies of it from one agency (sidecars name it), beside the
    Dutch seed: one story of three clips in one source, and a story of one."""
    folder = tmp_path_factory.mktemp("wire-one-source")
    texts = {
        "a_original": ORIGINAL,
        "b_copy": "ISIS-K: a decade of attacks\n\n" + "\n\n".join(BODY) + "\n",
        "c_copy": "Ten years of ISIS-K\n\n" + "\n\n".join(BODY[:-1]) + "\n",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"source": "AP"}), encoding="utf-8")
    (folder / SEED_FILES[0].name).write_bytes(SEED_FILES[0].read_bytes())
    runner = Clip(folder / "archive.db")
    assert runner.json("import", str(folder))["added"] == 4
    [story] = runner.jsonl("dups")
    assert story["size"] == 3 and story["sources"] == ["AP"]
    return runner


def test_copies_and_sources_are_counted_in_words(wire):
    human = wire("search", "caliphate", "--collapse")
    assert "+2 copies in 1 source" in human.stdout
    assert "sources" not in human.stdout
    assert human.stderr.strip() == "1 of 3 clips"  # one story shown of three clips


def test_one_is_singular_everywhere(wire, tmp_path):
    one = wire("search", "Dagestan")
    assert one.stderr.strip() == "1 of 1 clip"
    out = tmp_path / "one.csv"
    assert (
        wire("export", "Dagestan", "-o", str(out))
        .stderr.strip()
        .startswith(f"1 clip written to {out}")
    )
    dutch = wire.jsonl("search", "Dagestan")[0]["id"]
    assert wire("tag", "add", "dossier", dutch).stderr.strip() == "1 clip tagged 'dossier'"
    shown = wire("show", dutch)
    assert "copies of this story" not in shown.stdout
    clips = wire.jsonl("search", "caliphate", "--limit", "5")
    copy = wire("show", clips[0]["id"])
    assert "2 copies of this story" in copy.stdout
    hits = wire("show", dutch, "--query", "zondagavond")
    assert hits.stderr.strip() == "1 hit for 'zondagavond' in this clip"


def test_no_count_is_followed_by_a_plural_of_one(wire, tmp_path):
    """Every message a command prints with a count, run where the count is 1."""
    outputs = [
        wire("search", "Dagestan").stderr,
        wire("export", "Dagestan", "-o", str(tmp_path / "x.csv")).stderr,
        wire("tag", "add", "one", wire.jsonl("search", "Dagestan")[0]["id"]).stderr,
        wire("timeline", "Dagestan").stderr,
        wire("dups", "--min-size", "1", "Dagestan").stdout,
    ]
    for text in outputs:
        assert not re.search(r"(?<![\d,.])1 (clips|copies|sources|hits)\b", text), text


# -- clip tag: a bad value is a usage error ---------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_an_empty_tag_is_a_usage_error_naming_it(seeded_clip, name):
    some = seeded_clip.jsonl("search", "ISIS")[0]["id"]
    for verb in ("add", "remove"):
        result = seeded_clip("tag", verb, name, some)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.count("\n") == 1 and repr(name) in result.stderr
    assert seeded_clip.jsonl("tag", "list") == []


# -- clip search --count --collapse --------------------------------------------------------


def test_count_with_collapse_counts_stories(wire):
    for query in ("caliphate", "ISIS", "Dagestan OR caliphate"):
        stories = wire.jsonl("search", query, "--collapse", "--limit", "100")
        clips = int(wire("search", query, "--count").stdout)
        assert int(wire("search", query, "--count", "--collapse").stdout) == len(stories)
        assert len(stories) < clips or query == "Dagestan", query
    assert int(wire("search", "caliphate", "--count", "--collapse").stdout) == 1
    assert int(wire("search", "caliphate", "--count").stdout) == 3
