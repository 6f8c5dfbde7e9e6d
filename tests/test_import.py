"""Bulk import: junk set aside with a reason, duplicates named, re-runs idempotent,
dry runs that write nothing, workers that give the same archive as no workers."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import GARBLED, SEED_FILES, SEEDS, Clip, make_corpus

from clipping_archive import Archive
from clipping_archive.importer import (
    CHUNK_SIZE,
    IN_FLIGHT_PER_WORKER,
    _prepare_all,
    iter_files,
    reason_kind,
)
from clipping_archive.ingest import MAX_FILE_BYTES, prepare_file
from clipping_archive.ingest.language import detect_clip


def _count(db: Path) -> int:
    return sqlite3.connect(db).execute("select count(*) from clips").fetchone()[0]




def _junk_folder(root: Path) -> Path:
    folder = root / "mixed"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \r\n\n\t")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (folder / "nul.txt").write_bytes(b"ISIS claimt\x00\x00\x00 de aanslag")
    (folder / "garbled.txt").write_bytes(GARBLED)
    (folder / "huge.txt").write_bytes(("Een lange tekst over ISIS. " * 4000).encode())
    (folder / "sub").mkdir()
    (folder / "sub" / "again.txt").write_bytes(SEED_FILES[3].read_bytes())  # same text
    (folder / "sub" / "notes.md").write_text("not a clip: the glob skips it")
    return folder


def test_junk_is_set_aside_with_reasons_and_never_stops_the_batch(tmp_path):
    folder = _junk_folder(tmp_path)
    clip = Clip(tmp_path / "archive.db")
    report = clip.json("import", str(folder), "--max-bytes", "50K")
    reasons = {Path(r["path"]).name: r["reason"] for r in report["rejected"]}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "photo.txt": "binary file (PNG image)",
        "nul.txt": "binary file (NUL bytes)",
        "garbled.txt": "undecodable text (not UTF-8, UTF-16, Windows-1252 or Windows-1256)",
        "huge.txt": "too large (108000 bytes > 51200)",
    }
    assert report["rejected_by_reason"] == {
        "binary file": 2,
        "empty file": 2,
        "too large": 1,
        "undecodable text": 1,
    }
    assert report["added"] == 5 and report["duplicates"] == 1
    again = report["duplicate_of"][0]
    assert Path(again["path"]).name == "again.txt"
    seed_003 = (
        sqlite3.connect(clip.db)
        .execute("select id from clips where path like '%003_%'")
        .fetchone()[0]
    )
    assert again["id"] == seed_003
    assert _count(clip.db) == 5


def test_human_summary_names_duplicates_and_reasons(tmp_path):
    folder = _junk_folder(tmp_path)
    result = Clip(tmp_path / "archive.db")("import", str(folder), "--max-bytes", "50K")
    assert result.exit_code == 0 and result.stdout == ""
    err = result.stderr
    assert "5 added, 1 duplicates, 6 rejected" in err
    assert "rejected: binary file" in err and "rejected: too large" in err
    assert "again.txt = clip " in err
    assert "clips/s" in err


def test_rerun_adds_nothing_and_names_every_duplicate(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(folder, 40)
    clip = Clip(tmp_path / "archive.db")
    first = clip.json("import", str(folder))
    assert first["added"] == 40 and first["duplicates"] == 0
    second = clip.json("import", str(folder))
    # The same files again are "unchanged", never duplicates of themselves.
    assert second["added"] == 0 and second["duplicates"] == 0 and second["unchanged"] == 40
    assert _count(clip.db) == 40


def test_same_text_under_another_name_in_one_batch(tmp_path):
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_FILES[0].read_bytes())
    (folder / "b.txt").write_bytes(SEED_FILES[0].read_bytes().replace(b"\n", b"\r\n"))
    report = Clip(tmp_path / "archive.db").json("import", str(folder))
    assert report["added"] == 1 and report["duplicates"] == 1
    assert report["duplicate_of"] == [{"path": str(folder / "b.txt"), "id": report["added_ids"][0]}]


def test_dry_run_writes_nothing_not_even_the_file(tmp_path):
    db = tmp_path / "archive.db"
    folder = _junk_folder(tmp_path)
    dry = Clip(db).json("import", str(folder), "--dry-run", "--max-bytes", "50K")
    assert dry["dry_run"] is True
    assert dry["added"] == 5 and dry["duplicates"] == 1 and len(dry["rejected"]) == 6
    assert not db.exists()
    # Against an existing archive: what is in counts as duplicate, nothing is written.
    Clip(db).json("import", str(SEED_FILES[0]))
    before = db.read_bytes()
    dry = Clip(db).json("import", str(folder), "--dry-run", "--max-bytes", "50K")
    assert dry["added"] == 4 and dry["duplicates"] == 2
    assert _count(db) == 1 and db.read_bytes() == before
    human = Clip(db)("import", str(SEEDS), "--dry-run")
    assert "4 would be added, 0 duplicates, 0 rejected, 1 unchanged" in human.stderr


def test_workers_build_the_same_archive_as_one_process(tmp_path):
    folder = tmp_path / "corpus"
    files = make_corpus(folder, CHUNK_SIZE * 6)
    results = {}
    for workers in (0, 2):
        db = tmp_path / f"w{workers}.db"
        with Archive(db) as archive:
            report = archive.import_paths([folder], workers=workers, batch_size=30)
        assert report.added == len(files) and report.rejected == []
        rows = sqlite3.connect(db).execute(
            "select c.id, c.path, c.encoding, c.language, c.languages, f.title, f.body "
            "from clips c join clips_fts f on f.rowid = c.seq order by c.seq"
        )
        results[workers] = rows.fetchall()
    assert results[0] == results[2]
    encodings = {row[2] for row in results[2]}
    assert encodings == {"utf-8", "cp1252", "cp1256"}


def test_walk_is_recursive_in_name_order_with_glob(tmp_path):
    folder = tmp_path / "tree"
    for rel in ["b.txt", "a.txt", "sub/z.txt", "sub/deeper/y.txt", "sub/x.csv", "c.TXT"]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("x")
    found = list(iter_files([folder]))
    order = ["a.txt", "b.txt", "sub/z.txt", "sub/deeper/y.txt"]
    assert found == [str(folder / rel) for rel in order]  # spelled as Path spells them
    assert list(iter_files([folder], "*.csv")) == [str(folder / "sub" / "x.csv")]


def test_walked_paths_are_spelled_as_path_spells_them(tmp_path, monkeypatch):
    """What the archive stores for a file does not depend on how its folder was named
    on the command line ("./tree/", "tree"), as it did not when the walk made Paths."""
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    for given in ["tree", "./tree/", "tree//", "./tree/."]:
        assert list(iter_files([given])) == ["tree/sub/a.txt"], given
    assert list(iter_files(["./b.txt"])) == ["b.txt"]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_a_prepared_clip_carries_its_text_once_to_the_writer(seed):
    """A worker pickles each prepared clip to the writer: its paragraphs are the body's,
    with their languages, and their texts are not sent a second time."""
    clip = prepare_file(seed)
    assert clip.paragraphs == detect_clip(clip.body)[1]
    sent = pickle.dumps(clip)
    texts = (clip.raw, clip.body, clip.metadata.title or "")  # a headline is the title too
    for paragraph in clip.paragraphs:
        text = paragraph.text
        assert sent.count(text.encode()) == sum(field.count(text) for field in texts)
    assert pickle.loads(sent) == clip


def test_a_desk_archive_import_reads_the_folder_once(tmp_path, monkeypatch):
    """Counting the files first walks the whole folder before the first file is read:
    only a backend that holds index upkeep back for a big load needs the count, and a
    desk archive holds nothing back."""
    from clipping_archive import importer

    counted = []
    real_count = importer.count_files
    monkeypatch.setattr(importer, "count_files", lambda *a: counted.append(a) or real_count(*a))
    report = Archive(tmp_path / "a.db").import_paths([SEEDS])
    assert report.added == len(SEED_FILES)
    assert counted == []


def test_import_with_glob_and_progress_lines_keep_stdout_json(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(folder, 10)
    for path in list(folder.rglob("*.txt"))[:3]:
        path.rename(path.with_suffix(".clip"))
    result = Clip(tmp_path / "archive.db")("import", str(folder), "--glob", "*.clip", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["added"] == 3


def test_bad_max_bytes_is_a_usage_error(tmp_path):
    result = Clip(tmp_path / "archive.db")("import", str(SEEDS), "--max-bytes", "lots")
    assert result.exit_code == 2 and not (tmp_path / "archive.db").exists()


def test_rerun_skips_unchanged_files_unread_and_rereads_changed_ones(tmp_path):
    folder = tmp_path / "corpus"
    files = make_corpus(folder, 12)
    (folder / "junk.txt").write_bytes(b"")
    clip = Clip(tmp_path / "archive.db")
    first = clip.json("import", str(folder))
    assert first["added"] == 12 and first["unchanged"] == 0
    log = dict(sqlite3.connect(clip.db).execute("select path, outcome from import_log").fetchall())
    assert log[str(folder / "junk.txt")] == "rejected" and len(log) == 13
    assert {log[str(f)] for f in files} == {"added"}

    # One file gets new text, one is rewritten with its own text (new mtime).
    files[0].write_text("Een nieuwe tekst over de aanslag in Moskou.\n", encoding="utf-8")
    same = files[1].read_bytes()
    files[1].write_bytes(same)
    os.utime(files[1], ns=(1, 1))
    second = clip.json("import", str(folder))
    # The changed file replaces its clip (#23): it no longer piles up beside it.
    assert second["added"] == 0 and second["duplicates"] == 0
    assert second["replaced_count"] == 1 and second["replaced"][0]["path"] == str(files[0])
    assert second["unchanged"] == 11  # files[1] was read again: the same text as logged
    assert second["rejected"] == [{"path": str(folder / "junk.txt"), "reason": "empty file"}]
    assert _count(clip.db) == 12


def test_import_log_holds_reasons_for_the_archivist(tmp_path):
    folder = _junk_folder(tmp_path)
    clip = Clip(tmp_path / "archive.db")
    clip.json("import", str(folder), "--max-bytes", "50K")
    rows = sqlite3.connect(clip.db).execute(
        "select outcome, count(*) from import_log group by outcome"
    )
    assert dict(rows.fetchall()) == {"added": 5, "duplicate": 1, "rejected": 6}


def test_work_is_pulled_lazily_with_or_without_workers(tmp_path):
    files = make_corpus(tmp_path / "corpus", CHUNK_SIZE * 30)
    pulled: list[int] = []

    def work():
        for i in range(0, len(files), CHUNK_SIZE):
            pulled.append(i)
            chunk = [str(f) for f in files[i : i + CHUNK_SIZE]]
            yield chunk, chunk, {}

    for workers in (0, 2):
        pulled.clear()
        outcomes = _prepare_all(work(), MAX_FILE_BYTES, workers)
        first = next(outcomes)
        assert [clip.path for clip in first] == [str(f) for f in files[:CHUNK_SIZE]]
        # Bounded in-flight work: never the whole folder ahead of the writer.
        assert len(pulled) <= workers * IN_FLIGHT_PER_WORKER + 2
        outcomes.close()


def test_reason_kinds_group_the_summary():
    assert reason_kind("binary file (PNG image)") == "binary file"
    assert reason_kind("too large (12 bytes > 10)") == "too large"
    assert reason_kind("unreadable: Permission denied") == "unreadable"
    assert reason_kind("sidecar 004.json: invalid JSON (line 1)") == "broken sidecar"


def test_sidecars_are_never_imported_as_clips_even_with_a_wide_glob(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    shutil.copy(SEED_FILES[1], folder / "a.txt")
    (folder / "a.json").write_text('{"source": "ANHA news"}', encoding="utf-8")
    report = Clip(tmp_path / "archive.db").json("import", str(folder), "--glob", "*")
    assert report["added"] == 1 and report["files"] == 1 and report["rejected"] == []
    shown = Clip(tmp_path / "archive.db").json("show", report["added_ids"][0])
    assert shown["source"] == "ANHA news"  # read as the clip's sidecar instead
