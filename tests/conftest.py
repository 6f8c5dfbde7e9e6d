"""Shared fixtures: real archives on disk, built from the real seed files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipping_archive import Archive
from clipping_archive.cli import cli
from clipping_archive.ingest.language import split_paragraphs

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


# The inputs the issue lists, and more of the same kind.
ODD_INPUTS = [
    '"abc', "*", "(", ")", "don't", "C++", "AT&T", "U.S.", "e-mail", "2023-01-01", "foo:bar",
    "NOT", "", "   ", "OR", "AND", "a OR", "OR a", "NOT NOT", "- x", "-", "--x", '""', '"""',
    "***", "x*", "^x", "x:", ":", "{x}", "a AND AND b", "(a OR b)", "NEAR(a b)", "'", "\\",
    "ISIS-K", "al-Ansari", "-isis", "NOT isis", "aanslag -", "a\tb\nc", "\x00", "ﷺ", "ـــ",
    "-h", "-hamas", "x -Teheran", "\u200f", "ﹰ",
    "x" * 5000,
]  # fmt: skip

GARBLED = (
    # Dutch in cp1252 with bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D):
    # invalid UTF-8, not cp1252, and not Arabic (its accented letters outnumber what
    # cp1256 would read as Arabic letters).
    "Café één keer geïnspireerd, coördinatie, reünie: ".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d"
)


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n distinct clips made from the seeds' paragraphs, in nested folders, some in the
    legacy code pages (the same generator idea as benchmarks/ingest.py, small)."""
    paragraphs = {
        path.name: split_paragraphs(path.read_text(encoding="utf-8")) for path in SEED_FILES
    }
    names = sorted(paragraphs)
    files = []
    for i in range(n):
        seed = names[i % len(names)]
        paras = paragraphs[seed]
        picked = [paras[(i * 7 + k) % len(paras)] for k in range(3)]
        text = f"Clip {i}\n\n" + "\n\n".join(picked) + "\n"
        encoding = "utf-8"
        if i % 4 == 1 and seed.startswith("001"):
            encoding = "cp1252"
        elif i % 4 == 1 and seed.startswith("002"):
            encoding = "cp1256"
        path = folder / f"batch{i % 3}" / f"clip_{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        files.append(path)
    return files


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


def prepare_lines(*lines: str, name: str = "clip.txt"):
    """A clip file of these lines, a blank line between each, through the ingest pipeline."""
    from clipping_archive.ingest import prepare_bytes

    text = "\n\n".join(lines) + "\n"
    return prepare_bytes(text.encode("utf-8"), name)


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


# PostgreSQL: the test server and a database a test (tests/pg_fixtures.py).
from pg_fixtures import pg_server, pg_url, postgresql_locations  # noqa: E402, F401

# The browser page on each way it is served (tests/web_fixtures.py).
from web_fixtures import archives, seeded, web_kind  # noqa: E402, F401
