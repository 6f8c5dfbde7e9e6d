"""An exported CSV opened in a real spreadsheet program: LibreOffice Calc, headless.

LibreOffice reads the CSV and writes it out again as .xlsx; we read the workbook's XML
back and compare cells with `clip show`. This proves, in a real spreadsheet program:
- an Arabic and a Dutch cell (whole bodies, with newlines and quotes) arrive intact;
- the byte-order mark is taken as one (the first header cell is ``id``, not ``\\ufeffid``);
- a clip whose first line is a formula arrives as text, while the same clip exported with
  ``--plain`` (no neutralising) does become a formula: the prefix is what protects.

LibreOffice is Debian's ``libreoffice-calc``, installed by ``make setup``
(scripts/setup-system.sh); where it is missing the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SEED_FILES, Clip, write_formula_clip

from clipping_archive.ingest import ID_LENGTH, content_hash
from clipping_archive.output.csv_safety import PREFIX, restore

CONVERT_TIMEOUT = 180  # a first start builds a fresh profile
# Calc's CSV filter: comma, double quote, character set 76 (UTF-8), data from line 1.
# Headless conversion never asks, so the character set must be named; a person opening
# the file in Excel gets UTF-8 from the byte-order mark instead.
CSV_FILTER = "Text - txt - csv (StarCalc):44,34,76,1"
NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@dataclass(frozen=True)
class Cell:
    text: str  # the value shown
    formula: str | None = None  # the formula Calc runs, if it made one of the cell
    is_text: bool = True  # a text cell, not a number


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed: run `make setup` as root")
    return found


def open_in_calc(soffice: str, csv_path: Path, work: Path) -> list[list[Cell]]:
    """The sheet LibreOffice Calc makes of ``csv_path`` (CSV, or xlsx written by us: Calc
    opens it and saves it again), as rows of cells."""
    profile = work / "lo-profile"  # our own profile: no clash with a running LibreOffice
    out = work / "calc-out"
    out.mkdir(exist_ok=True)
    infilter = [f"--infilter={CSV_FILTER}"] if csv_path.suffix == ".csv" else []
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            *infilter,
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_path),
        ],
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT,
        env={**os.environ, "HOME": str(work)},
    )
    xlsx = out / (csv_path.stem + ".xlsx")
    assert xlsx.exists(), f"LibreOffice did not convert: {done.stdout} {done.stderr}"
    return read_xlsx(xlsx)


def read_xlsx(path: Path) -> list[list[Cell]]:
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            for item in root.findall("x:si", NS):
                shared.append("".join(t.text or "" for t in item.iter(f"{{{NS['x']}}}t")))
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{NS['x']}}}row"):
        cells: list[Cell] = []
        for c in row.findall("x:c", NS):
            column = _column_index(c.get("r", ""))
            while len(cells) < column:
                cells.append(Cell(""))
            value = c.find("x:v", NS)
            text = value.text if value is not None and value.text else ""
            if c.get("t") == "s":
                text = shared[int(text)]
            elif c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{{{NS['x']}}}t"))
            formula = c.find("x:f", NS)
            is_text = c.get("t") in ("s", "inlineStr", "str")
            cells.append(Cell(text, None if formula is None else formula.text or "", is_text))
        rows.append(cells)
    return rows


def _column_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


@pytest.fixture(scope="module")
def archive_with_formula(tmp_path_factory) -> Clip:
    folder = tmp_path_factory.mktemp("clips")
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
    write_formula_clip(folder)
    clip = Clip(folder / "archive.db")
    assert clip.json("import", str(folder))["added"] == 6
    return clip


def test_libreoffice_opens_the_export_intact(soffice, archive_with_formula, tmp_path):
    clip = archive_with_formula
    csv_path = tmp_path / "clips.csv"
    assert clip("export", "-o", str(csv_path)).exit_code == 0
    sheet = open_in_calc(soffice, csv_path, tmp_path)

    header = [cell.text for cell in sheet[0]]
    assert header == [
        "id",
        "title",
        "date",
        "date_start",
        "date_end",
        "language",
        "author",
        "source",
        "path",
        "body",
        "cluster",
        "copies",
    ]
    body_row = {cells[0].text: cells for cells in sheet[1:]}
    assert len(sheet) == 7 and len(body_row) == 6  # one row per clip: quoting held

    languages_checked = set()
    for clip_id, cells in body_row.items():
        stored = clip.json("show", clip_id)
        body = cells[header.index("body")]
        assert body.formula is None
        assert restore(body.text) == stored["body"]  # every character, Arabic included
        assert body.text in (stored["body"], PREFIX + stored["body"])
        languages_checked.add(stored["language"])
        if stored["body"].startswith("="):
            title = cells[header.index("title")]
            assert title.formula is None and title.text == PREFIX + stored["title"]
    assert {"ar", "nl"} <= languages_checked
    arabic = [c for c in body_row.values() if c[header.index("language")].text == "ar"]
    assert any("خراسان" in c[header.index("body")].text for c in arabic)


def test_without_the_prefix_calc_runs_the_formula(soffice, archive_with_formula, tmp_path):
    """The control: the same clip in a --plain export becomes a live formula in Calc, so
    the check above can fail, and the prefix is what makes the default export safe."""
    clip = archive_with_formula
    csv_path = tmp_path / "plain.csv"
    assert clip("export", "--plain", "-o", str(csv_path)).exit_code == 0
    sheet = open_in_calc(soffice, csv_path, tmp_path)
    listed = clip("export", "--format", "jsonl", "--columns", "path,title").stdout.splitlines()
    formula_path = next(json.loads(x)["path"] for x in listed if json.loads(x)["title"][0] == "=")
    # --plain ids are bare hex, which Calc may read as a number: the row is found by path.
    path_column = [c.text for c in sheet[0]].index("path")
    row = next(cells for cells in sheet[1:] if cells[path_column].text == formula_path)
    assert row[1].formula is not None and "HYPERLINK" in row[1].formula.upper()


def _text_with_id(pattern: str, start: int = 0) -> str:
    """A clip text whose id (the first 16 hex digits of its SHA-256) matches
    ``pattern``: found by trying numbered texts, a few thousand at most."""
    n = start
    while True:
        text = f"Kop {n}\n\nDe aanslag in Moskou werd opgeëist door IS, meldt het persbureau."
        if re.fullmatch(pattern, content_hash(text)[:ID_LENGTH]):
            return text
        n += 1


@pytest.fixture(scope="module")
def numeric_looking_ids(tmp_path_factory) -> tuple[Clip, list[str]]:
    folder = tmp_path_factory.mktemp("ids")
    (folder / "digits.txt").write_text(_text_with_id(r"0\d{15}"), encoding="utf-8")
    (folder / "exponent.txt").write_text(_text_with_id(r"[1-9]\d{2,10}e\d{4,12}"), encoding="utf-8")
    clip = Clip(folder / "archive.db")
    ids = clip.json("import", str(folder))["added_ids"]
    assert len(ids) == 2
    return clip, ids


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_ids_arrive_as_the_same_text_in_calc(soffice, numeric_looking_ids, tmp_path, fmt):
    """An all-digit id with a leading zero and an id like 2512e68173403249 (a number with
    an exponent to a spreadsheet) stay text, digit for digit."""
    clip, ids = numeric_looking_ids
    path = tmp_path / f"ids.{fmt}"
    assert clip("export", "--format", fmt, "-o", str(path), "--columns", "id,title").exit_code == 0
    sheet = open_in_calc(soffice, path, tmp_path)
    cells = [row[0] for row in sheet[1:]]
    assert all(cell.is_text for cell in cells)
    shown = sorted(cell.text.removeprefix("#") for cell in cells)
    assert shown == sorted(ids)


def test_ids_arrive_as_text_in_pandas(numeric_looking_ids, tmp_path):
    pandas = pytest.importorskip("pandas", reason="pandas is a dev dependency")
    clip, ids = numeric_looking_ids
    path = tmp_path / "ids.csv"
    assert clip("export", "-o", str(path)).exit_code == 0
    frame = pandas.read_csv(path, encoding="utf-8-sig")  # the `#` keeps them text
    assert frame["id"].dtype == object
    assert sorted(v.removeprefix("#") for v in frame["id"]) == sorted(ids)
    # --plain writes ids exactly as stored (no `#`): a program says they are text.
    assert clip("export", "-o", str(path), "--plain").exit_code == 0
    frame = pandas.read_csv(path, dtype={"id": str})
    assert sorted(frame["id"]) == sorted(ids)
    xlsx = tmp_path / "ids.xlsx"
    assert clip("export", "--format", "xlsx", "-o", str(xlsx)).exit_code == 0
    frame = pandas.read_excel(xlsx) if _has_openpyxl() else None
    if frame is not None:
        assert sorted(frame["id"]) == sorted(ids)


def _has_openpyxl() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True
