"""Two real import processes writing into one PostgreSQL archive at the same moment, each
with small batches, over folders that hold the same texts (exact duplicates under other
names) and copies of the same stories (near-duplicates): nothing is lost, doubled or
corrupted, and the archive equals one made by a single sequential import (the same
clips, clusters, term statistics)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pg_server as server
import pytest
from conftest import ROOT, SEED_FILES, make_corpus
from pg_fixtures import RUN

from clipping_archive.importer import import_paths
from clipping_archive.storage import open_store

WRITER = """
import os, sys, time
from clipping_archive.importer import import_paths
from clipping_archive.storage import open_store
url, folder, go = sys.argv[1:]
while not os.path.exists(go):
    time.sleep(0.005)
store = open_store(url)
report = import_paths(store, [folder], workers=1, batch_size=3)
print(report.added, report.duplicates, report.unchanged, len(report.rejected))
"""


def _story_copies(folder: Path, variant: str) -> None:
    """Each seed story as another paper would run it: a line added before or after."""
    for seed in SEED_FILES:
        text = seed.read_text(encoding="utf-8")
        if variant == "head":
            text = "Overgenomen van het persbureau.\n\n" + text
        else:
            text = text + "\n\nLees ook: meer nieuws over dit onderwerp op onze site.\n"
        (folder / f"{variant}_{seed.name}").write_text(text, encoding="utf-8")


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, variant in ((a, "head"), (b, "tail")):
        folder.mkdir()
        make_corpus(folder / "made", 24)  # the same 24 texts in both: exact duplicates
        _story_copies(folder, variant)
        for seed in SEED_FILES:  # the seeds themselves, in both
            (folder / f"seed_{seed.name}").write_bytes(seed.read_bytes())
    return a, b


def _snapshot(store) -> dict:
    conn = store.conn
    return {
        "clips": sorted(r[0] for r in conn.execute("SELECT content_hash FROM clips")),
        "ids": sorted(r[0] for r in conn.execute("SELECT id FROM clips")),
        "clusters": {
            frozenset(c["id"] for c in k["clips"]) for k in store.clusters(min_size=1)
        },
        "terms": dict(conn.execute("SELECT term, docs FROM term_stats WHERE docs > 0")),
        "corpus": conn.execute("SELECT docs, tokens FROM corpus_stats").fetchone(),
        "tags": conn.execute("SELECT count(*) FROM clip_tags").fetchone()[0],
    }


def _writer(how: str, url: str, folder: Path, go: Path) -> list[str]:
    if how == "clip import":  # the command itself (batches of 500: one each here)
        return [sys.executable, "-m", "clipping_archive", "--db", url, "import", str(folder),
                "--workers", "1", "--json"]  # fmt: skip
    return [sys.executable, "-c", WRITER, url, str(folder), str(go)]  # batches of 3


def _added(how: str, out: str) -> int:
    return json.loads(out)["added"] if how == "clip import" else int(out.split()[0])


@pytest.mark.parametrize("how", ["batches of 3", "clip import"])
def test_two_imports_at_once_equal_one_sequential_import(
    how, folders, pg_url, pg_server, tmp_path
):
    a, b = folders
    go = tmp_path / "go"
    if how == "clip import":
        go.touch()  # the command starts at once
    writers = [
        subprocess.Popen(
            _writer(how, pg_url, folder, go),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    if how != "clip import":
        time.sleep(1.0)  # both started and waiting: they open the new archive at once
        go.touch()
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    added = sum(_added(how, out) for out, _ in outputs)

    name = server.new_database_name(RUN)
    sequential_url = server.create_database(pg_server, name)
    try:
        with open_store(sequential_url) as one:
            import_paths(one, [a], workers=1, batch_size=3)
            import_paths(one, [b], workers=1, batch_size=3)
            expected = _snapshot(one)
        with open_store(pg_url) as both:
            got = _snapshot(both)
            logged = both.conn.execute("SELECT count(*) FROM import_log").fetchone()[0]
            assert both.count() == len(got["clips"])
    finally:
        server.drop_database(pg_server, name)
    assert added == len(expected["clips"])  # each text added by exactly one writer
    assert got["clips"] == expected["clips"]
    assert len(set(got["ids"])) == len(got["ids"])
    assert got["terms"] == expected["terms"]
    assert got["corpus"] == expected["corpus"]
    assert got["clusters"] == expected["clusters"]
    # the story copies that both writers stored at the same time share a cluster
    multi = [c for c in got["clusters"] if len(c) >= 3]
    assert multi
    assert logged == sum(1 for f in (a, b) for p in f.rglob("*.txt"))
