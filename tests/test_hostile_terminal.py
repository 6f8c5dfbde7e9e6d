"""Escape sequences and bidi overrides in clip text, sidecar fields and file names never
reach the terminal raw; JSON output stays exact."""

from __future__ import annotations

import json

from conftest import Clip

from clipping_archive.output.terminal import safe

EVIL_TITLE = "Moskou\x1b]0;pwned\x07 \x1b[2J aanslag \u202etxt.exe"
BODY = "De aanslag op de concertzaal werd opgeëist door IS, meldt het persbureau vandaag."


def test_safe_replaces_one_for_one():
    assert safe(EVIL_TITLE) == EVIL_TITLE.replace("\x1b", "\ufffd").replace(
        "\x07", "\ufffd"
    ).replace("\u202e", "\ufffd")
    assert len(safe(EVIL_TITLE)) == len(EVIL_TITLE)
    assert safe("الهجوم على موسكو\n\tok") == "الهجوم على موسكو\n\tok"


def test_search_show_and_import_summary_are_safe(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # The file's own control bytes are dropped when it is decoded; a sidecar's fields and
    # the file name keep theirs.
    (folder / "evil\x1b[31m.txt").write_text(f"Kop\n\n{BODY}\n", encoding="utf-8")
    (folder / "evil\x1b[31m.json").write_text(json.dumps({"title": EVIL_TITLE}), encoding="utf-8")
    clip = Clip(tmp_path / "a.db")
    summary = clip("import", str(folder))
    assert "\x1b" not in summary.stderr
    found = clip("search", "aanslag")
    assert found.exit_code == 0 and "\x1b" not in found.stdout and "\u202e" not in found.stdout
    hit = clip.jsonl("search", "aanslag")[0]
    assert hit["title"] == EVIL_TITLE  # JSON stays exact
    shown = clip("show", hit["id"], "--raw")
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
