"""The sheets of an XLSX workbook, read as cell values.

openpyxl reads the workbook read-only, with each formula cell's cached value
(``data_only``); its notes on styles and extensions are not the registry's and
are silenced. Callers check the workbook's caps first
(:func:`ecosystem.loaders.file_limits.check_xlsx`).

Examples
--------
>>> import pathlib, tempfile, openpyxl
>>> wb = openpyxl.Workbook(); wb.active.title = "Edges"; wb.active.append(["Source", "Target"])
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "net.xlsx"
...     wb.save(path)
...     sheet_rows(path)
[('Edges', [['Source', 'Target']])]
"""
from __future__ import annotations

import warnings
from pathlib import Path

__all__ = ["XLSX_MAGIC", "sheet_rows"]

#: The first bytes of an XLSX workbook (a zip archive).
XLSX_MAGIC = b"PK\x03\x04"


def sheet_rows(path: str | Path, max_row: int | None = None) -> list[tuple[str, list[list]]]:
    """(name, rows) of each sheet, each row a list of cell values (None for an empty cell);
    the first ``max_row`` rows only when given."""
    import openpyxl

    with warnings.catch_warnings():  # openpyxl's notes on styles and extensions are not ours
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(max_row=max_row, values_only=True)])
                for ws in wb.worksheets]
    finally:
        wb.close()
