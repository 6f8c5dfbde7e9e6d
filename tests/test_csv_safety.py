"""OWASP's CSV-injection rule: formula-like cells get one apostrophe, and only those."""

from __future__ import annotations

import pytest

from clipping_archive.output.csv_safety import (
    FORMULA_STARTS,
    PREFIX,
    needs_prefix,
    neutralise,
    restore,
)
from clipping_archive.output.export import csv_cell_plain, csv_cell_safe

DANGEROUS = [
    '=HYPERLINK("http://example.invalid","x")',
    "+31 20 123 4567",
    "- It’s been 10 years since ISIS declared a caliphate",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "-",
    "'=1+1",  # apostrophes before a formula: prefixed too, so restore is never ambiguous
    "''+x",
]
HARMLESS = [
    "ISIS heeft de aanslagen geclaimd",
    "لقد أدى الهجوم الإرهابي",
    "'s-Hertogenbosch",  # Dutch: a leading apostrophe that is no formula stays as it is
    "'t Gooi",
    "'",
    "",
    " =1+1",
    "2024-06",
    "a=b",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_cells_get_the_prefix(text):
    assert needs_prefix(text)
    assert neutralise(text) == PREFIX + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_other_cells_are_untouched(text):
    assert neutralise(text) == text
    assert restore(text) == text


def test_every_owasp_start_character_is_covered():
    assert FORMULA_STARTS == set("=+-@\t\r")
    for start in FORMULA_STARTS:
        assert neutralise(start + "1") == PREFIX + start + "1"


def test_csv_cells_for_other_types():
    assert csv_cell_safe(None) == ""
    assert csv_cell_safe(True) == "true" and csv_cell_safe(False) == "false"
    assert csv_cell_safe(42) == 42
    assert csv_cell_safe(["nl", "ar"]) == '["nl", "ar"]'
    assert csv_cell_safe(["=x"]) == '["=x"]'  # JSON text starts with "[": nothing to neutralise
    assert csv_cell_plain("=1") == "=1"
