"""Shared fixtures: real archives on disk, built from the real seed files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipping_archive import Archive
from clipping_archive.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """An archive with the five seeds imported once for the whole session (read-only use)."""
    path = tmp_path_factory.mktemp("seeded") / "archive.db"
    with Archive(path) as archive:
        archive.import_paths([SEEDS])
    return path


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


# A clip whose first line a spreadsheet would run as a formula (OWASP CSV injection).
FORMULA_FIRST_LINE = '=HYPERLINK("http://example.invalid/x","klik hier")'


def write_formula_clip(folder: Path) -> Path:
    path = folder / "formula.txt"
    path.write_text(
        FORMULA_FIRST_LINE + "\n\nDe aanslag in Moskou werd opgeëist door ISIS, meldt de krant.\n"
        "Een tweede alinea met genoeg Nederlandse woorden voor de taalherkenning.\n",
        encoding="utf-8",
    )
    return path


class Clip:
    """Runs the real CLI in-process; stdout and stderr kept apart."""

    def __init__(self, db: Path | None = None):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict | None = None):
        full = ["--db", str(self.db), *args] if self.db else list(args)
        return self.runner.invoke(cli, full, env=env, catch_exceptions=False)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def jsonl(self, *args: str) -> list[dict]:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture
def clip(fresh_db) -> Clip:
    return Clip(fresh_db)


@pytest.fixture
def seeded_clip(seeded_db) -> Clip:
    return Clip(seeded_db)
