"""`clip import` options that said less than they did (issue #23): a repeated --glob kept
only the last, a pattern with a slash matched nothing, a mistyped --db folder was made."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_FILES, Clip

from clipping_archive.ingest.globs import FileGlobs

NL = next(p for p in SEED_FILES if p.name.startswith("001"))  # the Dutch seed


def _corpus(root: Path) -> Path:
    """corpus/nl/nos/*.txt, corpus/nl/nu/*.md, corpus/nl/nos/old/*.txt: real seed text."""
    text = NL.read_text(encoding="utf-8")
    for rel in ("nl/nos/a.txt", "nl/nos/b.txt", "nl/nu/c.md", "nl/nos/old/d.txt", "e.html"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{rel}\n\n{text}", encoding="utf-8")
    return root


def _added_names(clip: Clip, root: Path, *globs: str) -> list[str]:
    args = [a for g in globs for a in ("--glob", g)]
    found = clip("import", str(root), *args, "--json")
    assert found.exit_code == 0, found.stderr
    hits = clip.jsonl("search", "aanslag", "--limit", "100")
    return sorted(Path(h["path"]).name for h in hits)


def test_a_repeated_glob_reads_files_matching_any(clip, tmp_path):
    root = _corpus(tmp_path / "corpus")
    assert _added_names(clip, root, "*.txt", "*.md") == ["a.txt", "b.txt", "c.md", "d.txt"]


def test_a_glob_with_a_slash_matches_the_path_under_the_imported_folder(clip, tmp_path):
    root = _corpus(tmp_path / "corpus")
    # Under corpus/nl/: only nos/'s own files, not nos/old/ (a * stays in one folder).
    assert _added_names(clip, root / "nl", "nos/*.txt") == ["a.txt", "b.txt"]


def test_double_star_crosses_folders(tmp_path):
    globs = FileGlobs.of(["**/nos/*.txt", "./nu/*.md"])
    assert globs.matches("nos/a.txt") and globs.matches("nl/nos/a.txt")
    assert not globs.matches("nl/nos/old/d.txt")
    assert globs.matches("nu/c.md") and not globs.matches("nl/nu/c.md")
    assert FileGlobs.of("*.txt").matches("deep/down/x.txt")  # no slash: the name anywhere
    assert FileGlobs.of("nos/[ab].txt").matches("nos/a.txt")
    assert not FileGlobs.of("nos/[!ab].txt").matches("nos/a.txt")


def test_no_match_names_every_pattern(clip, tmp_path):
    root = _corpus(tmp_path / "corpus")
    result = clip("import", str(root), "--glob", "*.doc", "--glob", "x/*.rtf")
    assert result.exit_code == 0
    assert "'*.doc'" in result.stderr and "'x/*.rtf'" in result.stderr


def test_a_db_in_a_folder_that_does_not_exist_is_refused(tmp_path):
    root = _corpus(tmp_path / "corpus")
    typo = tmp_path / "arhcive" / "clips.db"
    for args in (
        ["--db", str(typo), "import", str(root)],  # before the command
        ["import", str(root), "--db", str(typo)],  # after it
    ):
        result = Clip()(*args)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert str(typo.parent) in result.stderr and "does not exist" in result.stderr
    result = Clip()("import", str(root), env={"CLIP_DB": str(typo)})
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not typo.parent.exists()  # nothing created
    # A file where the folder should be: refused too, in one line.
    (tmp_path / "file").write_text("x")
    result = Clip(tmp_path / "file" / "a.db")("import", str(root))
    assert result.exit_code == 1 and "is not a folder" in result.stderr


def test_a_db_in_an_existing_folder_is_created(tmp_path):
    root = _corpus(tmp_path / "corpus")
    db = tmp_path / "archive.db"
    assert Clip(db)("import", str(root)).exit_code == 0 and db.exists()
