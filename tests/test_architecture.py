"""The rooms of the library stay apart: only storage/ speaks SQL or imports a database
driver or a backend (the rest uses the contract, ``storage.base``, and ``open_store``),
ingest/ never touches the archive (it runs in worker processes), a backend computes
nothing from a clip's text, and the CLI goes through the Archive API."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import ROOT

PACKAGE = ROOT / "clipping_archive"
SQL = re.compile(r"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|DROP|ALTER|WITH)\s+[A-Za-z_*(]")


def modules(folder: str = "") -> list:
    return sorted((PACKAGE / folder).rglob("*.py"))


def imported(path) -> set[str]:
    """Every module ``path`` imports, at any depth (inside functions too); for ``from
    package import name`` both the package and ``package.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


DRIVERS = ("sqlite3", "sqlite_utils", "psycopg", "psycopg2", "psycopg_pool", "apsw")
BACKENDS = ("clipping_archive.storage.sqlite", "clipping_archive.storage.postgres")
# SQLite's own modules beside the backends: its migrations and its FTS5 query syntax.
SQLITE_ONLY = ("clipping_archive.storage.migrations", "clipping_archive.storage.fts5")
# Datasette serves SQLite files only: its search box of the clips table is given the
# archive's query syntax as an FTS5 expression (Datasette's own table config, #21).
ALLOWED = {("web/plugin.py", "clipping_archive.storage.fts5")}


def forbidden(names: set[str], where: str) -> set[str]:
    """Which of ``names`` (modules imported by the module at ``where``, relative to the
    package) are a driver, a backend or SQLite's own, and not allowed there."""
    bad = {
        name
        for name in names
        if name.split(".")[0] in DRIVERS or name.startswith(BACKENDS) or name in SQLITE_ONLY
    }
    return {name for name in bad if (where, name) not in ALLOWED}


def test_only_storage_imports_a_driver_or_a_backend():
    """Everything outside storage/ reaches the archive through the contract: adding a
    backend (PostgreSQL) is one module beside SQLite, no caller changes."""
    offenders = {}
    for path in modules():
        where = str(path.relative_to(PACKAGE))
        if "storage" not in path.relative_to(PACKAGE).parts:
            if bad := forbidden(imported(path), where):
                offenders[where] = sorted(bad)
    assert offenders == {}


@pytest.mark.parametrize(
    "line",
    [
        "import sqlite3",
        "from sqlite_utils import Database",
        "import psycopg",
        "from psycopg.rows import dict_row",
        "from clipping_archive.storage.sqlite import SQLiteStore",
        "from clipping_archive.storage import sqlite_clusters",
        "from clipping_archive.storage import postgres",
        "def f():\n    from clipping_archive.storage.postgres import PostgresStore",
    ],
)
def test_the_rule_sees_a_backend_import(tmp_path, line):
    # The check above must be able to fail: these are the imports it exists to catch.
    probe = tmp_path / "probe.py"
    probe.write_text(line + "\n", encoding="utf-8")
    assert forbidden(imported(probe), "search/probe.py")
    assert not forbidden({"clipping_archive.storage.base", "clipping_archive.storage"}, "x.py")


def test_the_sqlite_backend_analyses_nothing():
    """What is computed from a clip (terms, dates, languages, signatures) arrives
    computed: the backend modules import nothing from ingest or analysis, but the
    signature comparison the near-duplicate clusters share with ingest."""
    for path in modules("storage"):
        reached = {m for m in imported(path) if m.startswith("clipping_archive.")}
        bad = {m for m in reached if m.split(".")[1] in ("ingest", "analysis", "languages")}
        if path.name in ("sqlite_clusters.py", "pg_clusters.py"):
            bad -= {"clipping_archive.ingest.fingerprint"} | {
                f"clipping_archive.ingest.fingerprint.{n}" for n in ("NUM_PERM", "similarities")
            }
        assert not bad, (path.name, bad)


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


def test_the_archive_opens_its_store_through_the_contract():
    source = (PACKAGE / "archive.py").read_text(encoding="utf-8")
    assert "open_store(" in source and "SQLiteStore" not in source
