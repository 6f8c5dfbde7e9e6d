"""Spreadsheets as typed cells (XlsxWriter, constant memory: rows stream to disk).

What a CSV cannot promise, a typed cell does: ids are text cells (`7649745918e75819` is
never read as 7.6e+75828, `0137...` keeps its zero), text is text (never a formula, a
number or a link), a date known to the day is a real date cell, and an Arabic cell reads
right to left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from clipping_archive.analysis.arabic import is_arabic

MAX_CELL = 32_767  # Excel's limit on a cell's characters
CUT_MARK = "…"
DATE_COLUMNS = ("date", "date_start", "date_end")


def write_xlsx(rows: Iterable[dict], path: Path, columns: tuple[str, ...]) -> int:
    import xlsxwriter  # only exports to xlsx pay for loading it

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,  # a row is written out before the next one starts
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    try:
        sheet = workbook.add_worksheet("clips")
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        rtl = workbook.add_format({"reading_order": 2, "align": "right"})
        for col, name in enumerate(columns):
            sheet.write_string(0, col, name, bold)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, name in enumerate(columns):
                _cell(sheet, count, col, name, row.get(name), day, rtl)
        return count
    finally:
        workbook.close()


def _cell(sheet, r: int, c: int, name: str, value, day, rtl) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(r, c, value)
        return
    if isinstance(value, int | float) and name not in ("id",):
        sheet.write_number(r, c, value)
        return
    if isinstance(value, list | dict):
        import json

        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if name in DATE_COLUMNS and len(text) == len("2024-06-15"):
        try:
            sheet.write_datetime(r, c, dt.datetime.fromisoformat(text), day)
            return
        except ValueError:
            pass
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + CUT_MARK
    sheet.write_string(r, c, text, rtl if is_arabic(text[:200]) else None)
