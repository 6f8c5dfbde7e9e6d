"""Hostile files and names: nothing stops a batch, nothing hangs, junk is no clip."""

from __future__ import annotations

import json
import os
import random

from conftest import SEED_FILES, Clip


def test_undecodable_file_names_are_kept_escaped_and_never_stop_a_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED_FILES[3].read_bytes()
    for name in (b"f_\xff.txt", b"caf\xe9.txt"):
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(text + name)
    (folder / "ok.txt").write_bytes(SEED_FILES[1].read_bytes())
    clip = Clip(tmp_path / "a.db")
    for extra in (["--dry-run"], []):
        result = clip("import", str(folder), "--json", *extra)
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)  # valid JSON: no raw byte in it
        assert report["added"] == 3
    shown = {h["path"] for h in clip.jsonl("search", "caliphate")}
    assert any("\\xff" in p for p in shown) and any("\\xe9" in p for p in shown)


def test_a_fifo_and_a_device_are_rejected_by_type(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    report = Clip(tmp_path / "a.db").json("import", str(fifo), str(zero), str(SEED_FILES[0]))
    reasons = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejected"]}
    assert reasons == {
        "pipe.txt": "not a regular file (a named pipe)",
        "zero.txt": "not a regular file (a character device)",
    }
    assert report["added"] == 1


def test_junk_with_no_letters_is_no_clip(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "zw.txt").write_text("\u200b\u200c\u200d" * 50, encoding="utf-8")
    (folder / "punct.txt").write_text("!!! ... --- ??? ***\n" * 20, encoding="utf-8")
    (folder / "marks.txt").write_text("\u0301\u064e\u0670" * 100, encoding="utf-8")
    rng = random.Random(7)
    (folder / "random.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    report = Clip(tmp_path / "a.db").json("import", str(folder))
    assert report["added"] == 0 and len(report["rejected"]) == 4


def test_a_utf8_file_cut_inside_a_character_stays_utf8(tmp_path):
    text = "De minister zei dat één aanslag genoeg was. Het kabinet overlegt vandaag over é"
    path = tmp_path / "cut.txt"
    path.write_bytes(text.encode("utf-8")[:-1])
    clip = Clip(tmp_path / "a.db")
    added = clip.json("import", str(path))["added_ids"]
    shown = clip.json("show", added[0])
    assert shown["encoding"] == "utf-8 (cut character at the end dropped)"
    assert "één aanslag" in shown["body"]


def test_the_size_limit_holds_while_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_FILES[1].read_bytes() * 40)
    report = Clip(tmp_path / "a.db").json("import", str(big), "--max-bytes", "10K")
    assert report["rejected"][0]["reason"].startswith("too large")
