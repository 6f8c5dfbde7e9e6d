"""The rooms of the library stay apart: only storage/ speaks SQL, ingest/ never touches
the archive (it runs in worker processes), and the CLI goes through the Archive API."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "clipping_archive"
SQL = re.compile(r"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|DROP|ALTER|WITH)\s+[A-Za-z_*(]")


def modules(folder: str = "") -> list:
    return sorted((PACKAGE / folder).rglob("*.py"))


def imported(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def string_constants(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_no_sql_outside_storage():
    offenders = [
        f"{path.relative_to(ROOT)}: {text[:60]!r}"
        for path in modules()
        if "storage" not in path.relative_to(PACKAGE).parts
        for text in string_constants(path)
        if SQL.match(text.lstrip())
    ]
    assert offenders == []


def test_ingest_and_analysis_never_reach_storage():
    for folder in ("ingest", "analysis", "languages"):
        for path in modules(folder):
            reached = {m for m in imported(path) if m.startswith("clipping_archive.")}
            bad = {m for m in reached if m.split(".")[1] in ("storage", "archive", "cli", "output")}
            assert not bad, (path.name, bad)
            assert "sqlite3" not in imported(path) and "sqlite_utils" not in imported(path)


def test_the_cli_goes_through_the_archive_api():
    for path in modules("cli"):
        reached = imported(path)
        assert not any(m.startswith("clipping_archive.storage") for m in reached), path.name
        assert "sqlite_utils" not in reached, path.name
