"""Wire copy (issue #13): near-duplicate clusters at import, collapsed in search, shown
with their copies, exported with lineage; on real archives built from real text."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import SEED_FILES, Clip

# Seed 003 (English), re-published three times the way outlets copy agency copy.
ORIGINAL = SEED_FILES[3].read_text(encoding="utf-8")
PARAGRAPHS = [p for p in ORIGINAL.split("\n") if p.strip()]


def copies() -> dict[str, str]:
    body = PARAGRAPHS[1:]
    return {
        "a_original.txt": ORIGINAL,
        "b_new_headline.txt": "ISIS-K: a decade of attacks\n\n(AP) - " + "\n\n".join(body) + "\n",
        "c_cut_last.txt": "Ten years of ISIS-K\n\n" + "\n\n".join(body[:-1]) + "\nShare this\n",
        "d_reflowed.txt": "What we know about ISIS-K\n\n"
        + " ".join(body).replace("caliphate", "Caliphate")
        + "\n",
    }


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Clip:
    folder = tmp_path_factory.mktemp("wire")
    for name, text in copies().items():
        (folder / name).write_text(text, encoding="utf-8")
    for seed in SEED_FILES[:3]:  # other stories
        (folder / seed.name).write_bytes(seed.read_bytes())
    runner = Clip(folder / "archive.db")
    assert runner.json("import", str(folder))["added"] == 7
    return runner


def test_copies_form_one_cluster_and_other_stories_stay_apart(clip):
    clusters = clip.jsonl("dups")
    assert len(clusters) == 1
    [story] = clusters
    assert story["size"] == 4 and len(story["clips"]) == 4
    paths = {clip.json("show", i)["path"].rsplit("/", 1)[-1] for i in story["clips"]}
    assert paths == set(copies())
    assert story["first"] in story["clips"]
    assert clip.jsonl("dups", "--min-size", "5") == []


def test_search_collapses_copies_into_one_hit(clip):
    loose = clip.jsonl("search", "caliphate")
    folded = clip.jsonl("search", "caliphate", "--collapse")
    assert len(loose) == 4 and len(folded) == 1 and folded[0]["copies"] == 3
    human = clip("search", "caliphate", "--collapse")
    assert "+3 copies" in human.stdout and "in 0 sources" not in human.stdout  # none named


def test_show_lists_the_copies_and_export_carries_the_lineage(clip):
    hit = clip.jsonl("search", "caliphate")[0]
    assert len(clip.json("show", hit["id"])["copies"]) == 3
    rows = list(csv.DictReader(io.StringIO(clip("export", "--plain").stdout)))
    clusters = {r["cluster"] for r in rows if r["copies"] == "3"}
    assert len(clusters) == 1 and sum(r["copies"] == "3" for r in rows) == 4
    assert all(r["copies"] == "0" for r in rows if r["cluster"] not in clusters)


def test_stats_say_how_many_clips_are_copies(clip):
    stats = clip.json("stats")
    assert stats["copies"] == 3 and stats["copy_share"] == round(3 / 7, 4)


def test_clusters_survive_reindex_and_a_later_import_joins_them(clip, tmp_path):
    before = clip.jsonl("dups")
    assert clip("reindex").exit_code == 0
    assert clip.jsonl("dups") == before
    later = tmp_path / "later.txt"
    later.write_text(
        "ISIS-K, ten years on\n\n" + "\n\n".join(PARAGRAPHS[1:]) + "\n", encoding="utf-8"
    )
    assert clip.json("import", str(later))["added"] == 1
    assert clip.jsonl("dups")[0]["size"] == 5


@pytest.mark.parametrize("merged", [True, False], ids=["big-tier", "recent-tier"])
def test_a_later_import_finds_copies_in_either_lsh_tier(tmp_path, monkeypatch, merged):
    """New buckets go to a small tier merged into the big one now and then: a copy
    imported later finds its original wherever the original's buckets are."""
    import sqlite3

    from clipping_archive.storage import sqlite_clusters

    if merged:  # merge after every batch: the original's buckets are in the big tier
        monkeypatch.setattr(sqlite_clusters, "RECENT_MIN_CLIPS", 0)
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    texts = copies()
    (first / "a_original.txt").write_text(texts.pop("a_original.txt"), encoding="utf-8")
    for seed in SEED_FILES[:3]:
        (first / seed.name).write_bytes(seed.read_bytes())
    for name, text in texts.items():
        (later / name).write_text(text, encoding="utf-8")
    runner = Clip(tmp_path / "archive.db")
    assert runner.json("import", str(first))["added"] == 4
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        recent = conn.execute("SELECT count(*) FROM lsh_recent").fetchone()[0]
        big = conn.execute("SELECT count(*) FROM lsh_buckets").fetchone()[0]
    assert (recent == 0, big > 0) == ((True, True) if merged else (False, False))
    assert runner.json("import", str(later))["added"] == 3
    [story] = runner.jsonl("dups")
    assert story["size"] == 4


def test_signatures_agree_across_processes_and_estimate_the_shingle_overlap():
    """Archived signatures are compared with ones made later, in other processes: the
    same text gives the same signature anywhere, and its agreement with another estimates
    the Jaccard similarity of their shingle sets (64 values: within 0.2, over 3 standard
    deviations)."""
    import subprocess
    import sys

    from clipping_archive.ingest import fingerprint, prepare_file

    original = prepare_file(SEED_FILES[3]).body_terms
    words = original.split()
    variants = [
        " ".join(words[: len(words) // 2]),  # cut: about half the shingles shared
        " ".join(["ap", "report", *words]),  # a lead added: nearly all shared
        prepare_file(SEED_FILES[0]).body_terms,  # another story: none shared
    ]
    here = fingerprint.signature(original)
    code = (
        "import sys; from clipping_archive.ingest import fingerprint; "
        "sys.stdout.write(fingerprint.signature(sys.stdin.read()).hex())"
    )
    there = subprocess.run(
        [sys.executable, "-c", code], input=original, capture_output=True, text=True, check=True
    ).stdout
    assert bytes.fromhex(there) == here
    mine = set(fingerprint.shingles(original))
    for text in variants:
        theirs = set(fingerprint.shingles(text))
        true = len(mine & theirs) / len(mine | theirs)
        [estimate] = fingerprint.similarities(here, [fingerprint.signature(text)])
        assert abs(estimate - true) <= 0.2, (true, estimate)


def test_an_archive_fingerprinted_another_way_is_told_to_reindex(tmp_path):
    """Signatures made by another MinHash do not compare with this one's: an archive
    whose clips were fingerprinted before the version was recorded (datasketch's, in the
    release before) says so where clusters matter, until `clip reindex` remakes them."""
    import sqlite3

    from clipping_archive.ingest.fingerprint import FINGERPRINT_VERSION

    folder = tmp_path / "wire"
    folder.mkdir()
    for name, text in copies().items():
        (folder / name).write_text(text, encoding="utf-8")
    runner = Clip(tmp_path / "archive.db")
    assert runner.json("import", str(folder))["added"] == 4
    assert "fingerprints" not in runner("dups").stderr  # made by this release
    with sqlite3.connect(tmp_path / "archive.db") as conn:  # as the release before left it
        conn.execute("DELETE FROM archive_meta WHERE key = 'fingerprint_version'")

    def warned(*args: str) -> bool:
        result = runner(*args)
        assert result.exit_code == 0, result.stderr
        return "fingerprints were made by datasketch" in result.stderr

    assert warned("dups") and warned("search", "caliphate", "--collapse")
    assert not warned("search", "caliphate")  # the search index itself is current
    later = tmp_path / "later.txt"
    later.write_text("ISIS-K, a decade\n\n" + "\n\n".join(PARAGRAPHS[1:]) + "\n", encoding="utf-8")
    assert warned("import", str(later))
    assert runner("reindex").exit_code == 0
    assert not warned("dups") and not warned("search", "caliphate", "--collapse")
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        [(stored,)] = conn.execute(
            "SELECT value FROM archive_meta WHERE key = 'fingerprint_version'"
        ).fetchall()
    assert stored == FINGERPRINT_VERSION
    assert runner.jsonl("dups")[0]["size"] == 5


def test_an_empty_archive_from_before_takes_this_releases_fingerprints(tmp_path):
    import sqlite3

    runner = Clip(tmp_path / "archive.db")
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED_FILES[0].read_bytes())
    assert runner.json("import", str(seed))["added"] == 1
    with sqlite3.connect(tmp_path / "archive.db") as conn:  # no fingerprint, no version
        conn.execute("DELETE FROM archive_meta WHERE key = 'fingerprint_version'")
        conn.execute("DELETE FROM clip_minhash")
    other = tmp_path / "other.txt"
    other.write_bytes(SEED_FILES[1].read_bytes())
    result = runner("import", str(other))
    assert result.exit_code == 0 and "fingerprints" not in result.stderr
    assert "fingerprints" not in runner("dups").stderr


def test_a_batch_keys_its_clips_as_each_clip_alone():
    """The writer finds a batch's LSH buckets in one vector operation: each clip's keys
    are those of its own signature, in band order (flattened band, bucket, band, bucket
    ... as the candidate statement binds them), whatever else is in the batch."""
    from clipping_archive.ingest import fingerprint
    from clipping_archive.storage.sqlite_clusters import BANDS, band_keys, batch_band_keys

    texts = [PARAGRAPHS[i % len(PARAGRAPHS)] + f" extra words number {i}" for i in range(5)]
    signatures = [fingerprint.signature(text) for text in texts]
    assert all(signatures)
    keyed = batch_band_keys(signatures)
    assert keyed == [
        [value for key in band_keys(signature) for value in key] for signature in signatures
    ]
    assert keyed[0][::2] == list(range(BANDS))
    assert len({tuple(keys) for keys in keyed}) == len(texts)
    assert batch_band_keys([]) == []
