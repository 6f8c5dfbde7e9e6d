"""`clip copy SOURCE DEST` (#21, moving up): a whole archive into another, on any
backend. Everything kept is checked against the source (every column of every clip,
tags, watches with what they reported, clusters, the import log, the history); run again
it adds nothing; killed mid-copy (a real SIGKILL) and run again it ends equal; bad
inputs are one line and write nothing.

The source is a real archive: the seeds and real wire copies of one of them (the
conformance corpus), two sidecars, a sources mapping, tags, a watch that has run, a
changed file (a replaced clip), a removed clip and a rejected file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conformance.corpus import COPIES, SIDECARS
from conftest import ROOT, SEED_FILES, Clip, make_corpus

from clipping_archive import Archive
from clipping_archive.errors import ClipError
from clipping_archive.ingest import index_row
from clipping_archive.search.filters import Filters
from clipping_archive.storage import open_store

ALL_COLUMNS = (
    "title", "title_derived", "date", "date_start", "date_end", "language", "languages",
    "author", "source", "url", "tags", "path", "encoding", "size_bytes", "raw", "body",
    "stripped", "content_hash", "imported_at", "hijri_date", "country",
)  # fmt: skip
SOURCES_CSV = "pattern,outlet,country,language,prefer_text,aliases\nwire/,AP,US,,,\n"
CHANGED = SEED_FILES[1].name  # its file changes after the first import: replaced
REMOVED = SEED_FILES[4].name  # removed with `clip remove`: in the history


def build_source(folder: Path, location: str) -> Path:
    """A real archive at ``location`` with everything `clip copy` must keep; returns
    the folder it was imported from."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for name, facts in SIDECARS.items():
        (folder / "seeds" / name).with_suffix(".json").write_text(json.dumps(facts))
    (folder / "wire").mkdir()
    for name, text in COPIES.items():
        (folder / "wire" / name).write_text(text, encoding="utf-8")
    (folder / "wire" / "empty.txt").write_text("   \n")  # rejected: in the import log
    mapping = folder / "sources.csv"
    mapping.write_text(SOURCES_CSV, encoding="utf-8")
    with Archive(location) as archive:
        archive.import_paths([folder / "seeds"], workers=1, sources=mapping)
        archive.import_paths([folder / "wire"], workers=1, tags=["agency"])
        archive.tag_add("dagestan", query="Dagestan")
        archive.tag_add("خراسان", query="caliphate")
        archive.watch_add("isis", "isis", lang="en")
        archive.watch_run("isis")
        archive.watch_add("later", "aanslag")  # saved, never run
        changed = folder / "seeds" / CHANGED
        changed.write_text(changed.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n")
        report = archive.import_paths([folder / "seeds"], workers=1)
        assert report.replaced_count == 1
        removed = archive.get_by_path(folder / "seeds" / REMOVED)["id"]
        assert archive.remove([removed]) == 1
    return folder


def snapshot(location: str) -> dict:
    """Everything an archive holds that a copy must keep, through the contract."""
    store = open_store(location, readonly=True)
    try:
        clips = [clip for batch in store.iter_clips(None, Filters(), ALL_COLUMNS) for clip in batch]
        return {
            "clips": sorted(clips, key=lambda c: c["id"]),
            "tags": sorted(store.tag_counts()),
            "watches": store.watches(),
            "seen": {w["name"]: sorted(store.watch_seen(w["name"])) for w in store.watches()},
            "clusters": clusters(store),
            "history": store.history(),
            "import_log": [e for batch in store.iter_import_log() for e in batch],
            "search": [h.clip["id"] for h in Archive(location).search("aanslag OR isis").hits],
        }
    finally:
        store.close()


def clusters(store) -> list[tuple[str, frozenset[str]]]:
    """Each cluster's name and members (every clip is in one, alone or with copies)."""
    return sorted(
        (c["cluster"], frozenset(x["id"] for x in c["clips"])) for c in store.clusters(min_size=1)
    )


def _server_backend() -> bool:
    try:
        import clipping_archive.storage.postgres  # noqa: F401
    except ImportError:  # a checkout without the PostgreSQL backend
        return False
    return True


# (source backend, destination backend): every direction.
PAIRS = [("sqlite", "sqlite")]
if _server_backend():
    PAIRS += [("sqlite", "postgresql"), ("postgresql", "sqlite"), ("postgresql", "postgresql")]


def new_location(request, backend: str, tmp_path_factory) -> str:
    """A fresh, empty archive location: a file, or a database of the test server
    (dropped when the session ends)."""
    if backend == "sqlite":
        return str(tmp_path_factory.mktemp("archive") / "archive.db")
    location = request.getfixturevalue("postgresql_locations")()
    open_store(location).close()  # made an archive (empty), as `clip copy` makes it
    return location


@pytest.fixture(scope="module", params=PAIRS, ids=lambda p: f"{p[0]}-to-{p[1]}")
def pair(request) -> tuple[str, str]:
    return request.param


@pytest.fixture(scope="module")
def source(pair, request, tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("desk")
    location = new_location(request, pair[0], tmp_path_factory)
    build_source(folder, location)
    return location, folder


@pytest.fixture
def dest(pair, request, tmp_path_factory) -> str:
    return new_location(request, pair[1], tmp_path_factory)


def test_the_source_has_what_the_copy_must_keep(source):
    """The fixture must hold each kind of thing, or the equality below proves nothing."""
    held = snapshot(source[0])
    assert len(held["clips"]) == 7  # 5 seeds (one replaced, one removed: 4) + 3 wire
    assert {c["country"] for c in held["clips"]} >= {"US"}
    assert any(c["stripped"] for c in held["clips"]) and any(c["author"] for c in held["clips"])
    assert dict(held["tags"]).keys() >= {"agency", "dagestan", "خراسان", "moskou"}
    assert [w["name"] for w in held["watches"]] == ["isis", "later"]
    assert len(held["seen"]["isis"]) >= 4 and held["watches"][0]["last_run_at"]
    assert max(len(members) for _, members in held["clusters"]) == 4
    assert {h["event"] for h in held["history"]} == {"replaced", "removed"}
    assert {e["outcome"] for e in held["import_log"]} == {"added", "rejected"}
    assert held["search"]


def test_copy_keeps_every_column_tag_watch_cluster_log_and_history(source, dest):
    location, _ = source
    with Archive(location) as archive:
        report = archive.copy_to(dest)
    before, after = snapshot(location), snapshot(dest)
    for key in before:
        assert after[key] == before[key], key
    assert report.clips.added == len(before["clips"]) and report.clips.present == 0
    assert report.import_log.added == len(before["import_log"])
    assert report.history.added == len(before["history"]) == 2
    assert report.watches.added == 2 and report.reported == len(before["seen"]["isis"])
    assert report.notes == [] and report.conflicts == []
    # The destination's index is its own analysis: as a reindex of the source makes it.
    with open_store(dest, readonly=True) as copied, open_store(location) as original:
        some = before["clips"][0]
        assert copied.get(some["id"]) == original.get(some["id"])
        assert copied.meta("analyzer_version") == original.meta("analyzer_version")


def test_a_copy_into_a_server_builds_its_text_index_once(source, dest, monkeypatch):
    """Copied as a bulk load (the index dropped, then built whole), and equal all the
    same."""
    if not dest.startswith("postgresql://"):
        pytest.skip("only PostgreSQL holds its text index back")
    import psycopg

    from clipping_archive.storage import postgres

    monkeypatch.setattr(postgres, "BULK_MIN", 1)

    def index_oid() -> int:
        with psycopg.connect(dest) as conn:
            return conn.execute("SELECT 'clips_tsv'::regclass::oid").fetchone()[0]

    made = index_oid()
    with Archive(source[0]) as archive:
        archive.copy_to(dest)
    assert index_oid() != made  # built anew
    before, after = snapshot(source[0]), snapshot(dest)
    assert all(after[key] == before[key] for key in before)


def test_copy_run_again_adds_nothing(source, dest):
    location, _ = source
    with Archive(location) as archive:
        archive.copy_to(dest)
        first = snapshot(dest)
        again = archive.copy_to(dest)
    assert not again.added_anything
    assert again.clips.added == 0 and again.clips.present == len(first["clips"])
    assert again.import_log.present == len(first["import_log"])
    assert again.history == type(again.history)(0, 2)
    assert again.watches.present == 2
    assert snapshot(dest) == first


def test_a_later_import_of_the_same_folder_into_the_copy_skips_unchanged_files(source, dest):
    location, folder = source
    with Archive(location) as archive:
        archive.copy_to(dest)
    with Archive(dest) as team:
        report = team.import_paths([folder / "seeds", folder / "wire"], workers=1)
    # The removed clip's file is still there: imported anew; everything else unchanged.
    assert report.unchanged == 7 and report.added == 1 and report.replaced_count == 0


def test_clips_the_destination_holds_already_are_kept_and_gain_the_tags(source, dest):
    location, folder = source
    with Archive(dest) as team:  # a colleague imported the wire copies, untagged
        team.import_paths([folder / "wire"], workers=1)
        team.watch_add("isis", "other query")  # a watch of the same name, another query
    with Archive(location) as archive:
        report = archive.copy_to(dest)
    assert report.clips.present == 3 and report.clips.added == 4
    assert report.tags >= 3  # "agency" on each, and the tags given in the desk archive
    assert report.conflicts == ["isis"] and report.watches.added == 1
    with Archive(dest) as team:
        wire = team.export_rows(None, ("id", "tags"), source="AP")
        assert wire and all("agency" in row["tags"] for row in wire)
        assert {w["name"]: w["query"] for w in team.watches()}["isis"] == "other query"
    # Run again: the tags are there now.
    with Archive(location) as archive:
        assert archive.copy_to(dest).tags == 0


def test_a_source_fingerprinted_by_another_version_is_said(seeded_db, dest, tmp_path):
    other = tmp_path / "older.db"
    shutil.copy(seeded_db, other)
    with open_store(str(other)) as store:
        store.set_meta("fingerprint_version", "minhash-0")
        store.set_meta("analyzer_version", "0.0.1")
    with Archive(other) as archive:
        report = archive.copy_to(dest)
    assert any("fingerprints were made by minhash-0" in n for n in report.notes)
    assert any("indexed by analyzer 0.0.1" in n for n in report.notes)


def test_a_column_the_destination_does_not_know_is_refused(dest):
    with open_store(dest) as store:
        with pytest.raises(ClipError, match="no clip column 'mood'"):
            store.add_records([{"id": "0" * 16, "content_hash": "0" * 64, "mood": "x"}], index_row)
        assert store.count() == 0


# -- the command ------------------------------------------------------------------------


def test_clip_copy_reports_added_then_already_there(source, dest):
    location, _ = source
    first = Clip()("copy", location, dest)
    assert first.exit_code == 0, first.stderr
    assert "clips: 7 added, 0 already there" in first.stderr
    again = Clip().json("copy", location, dest)
    assert again["clips"] == {"added": 0, "present": 7}
    assert again["import_log"]["added"] == 0 and again["history"]["added"] == 0


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_bad_inputs_are_one_line_and_write_nothing(seeded_db, tmp_path):
    location = str(seeded_db)
    clip = Clip()
    dest = tmp_path / "team.db"
    missing = _one_line_error(clip("copy", str(tmp_path / "nope.db"), str(dest)), 1)
    assert "no archive at" in missing and not dest.exists()
    assert "both" in _one_line_error(clip("copy", location, location), 2)
    same = tmp_path / "link.db"
    same.symlink_to(location)
    assert "both" in _one_line_error(clip("copy", location, str(same)), 2)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table notes (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    assert "not a clipping archive" in _one_line_error(clip("copy", location, str(other)), 1)
    assert other.read_bytes() == before
    text = tmp_path / "notes.txt"
    text.write_text("not a database, not to be overwritten\n" * 100)
    _one_line_error(clip("copy", location, str(text)), 1)
    assert text.read_text().startswith("not a database")
    folder = _one_line_error(clip("copy", location, str(tmp_path / "nofolder" / "x.db")), 1)
    assert "does not exist" in folder and not (tmp_path / "nofolder").exists()
    assert _one_line_error(clip("copy", location), 2)


def test_a_server_that_is_down_is_one_line(seeded_db):
    pytest.importorskip("clipping_archive.storage.postgres")
    result = Clip()("copy", str(seeded_db), "postgresql://nobody:secret@127.0.0.1:9/team")
    line = _one_line_error(result, 1)
    assert "127.0.0.1" in line and "secret" not in line


# -- killed mid-copy ----------------------------------------------------------------------

N_FILES = 1500
DEADLINE = 120.0  # seconds: reached only if the copy never commits (a real failure)
DESTINATIONS = sorted({d for _, d in PAIRS})


def _clips(location: str) -> int:
    try:
        with open_store(location, readonly=True) as store:
            return store.count()
    except ClipError:
        return 0  # not made yet


def _copy(source: str, dest: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "clipping_archive", "copy", source, dest, "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _whole_batches_only(location: str) -> None:
    """Every clip stored with its index row, tags and cluster, nothing else."""
    if location.startswith("postgresql://"):
        with open_store(location, readonly=True) as store:
            ids = [r["id"] for batch in store.iter_records() for r in batch]
            assert set(store.cluster_of(ids)) == set(ids)
            assert store.count_matches(None, Filters()) == len(ids) == store.count()
        return
    conn = sqlite3.connect(location)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into clips_fts(clips_fts) values('integrity-check')")
    for sql in (
        "select count(*) from clips where seq not in (select rowid from clips_fts)",
        "select count(*) from clips where seq not in (select seq from clip_cluster)",
        "select count(*) from clip_tags where clip_seq not in (select seq from clips)",
    ):
        assert conn.execute(sql).fetchone() == (0,), sql
    conn.close()


@pytest.mark.parametrize("backend", DESTINATIONS)
def test_sigkill_mid_copy_then_run_again_gives_an_equal_archive(
    backend, request, tmp_path, tmp_path_factory
):
    folder = tmp_path / "scrape"
    make_corpus(folder, N_FILES)  # many near-copies: clusters to get right
    source = str(tmp_path / "desk.db")
    with Archive(source) as archive:
        archive.import_paths([folder], workers=1)
        archive.tag_add("batch0", query="clip")
        archive.watch_add("aanslag", "aanslag")
        archive.watch_run()
    dest = new_location(request, backend, tmp_path_factory)

    proc = _copy(source, dest)
    try:
        end = time.monotonic() + DEADLINE
        while _clips(dest) == 0 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        assert proc.poll() is None, "the copy ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        assert proc.returncode == -signal.SIGKILL
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    stored = _clips(dest)
    assert 0 < stored < N_FILES, "killed mid-copy: some batches in, not all"
    _whole_batches_only(dest)

    rerun = _copy(source, dest)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["clips"] == {"added": N_FILES - stored, "present": stored}

    straight = new_location(request, backend, tmp_path_factory)
    with Archive(source) as archive:
        archive.copy_to(straight)
    resumed, whole, original = snapshot(dest), snapshot(straight), snapshot(source)
    assert resumed == whole
    assert resumed["clusters"] == original["clusters"]
    assert len(original["clusters"]) < N_FILES  # copies clustered: the check has teeth
    assert resumed["clips"] == original["clips"]
