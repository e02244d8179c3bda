"""Result tables as CSV, Parquet and one XLSX workbook.

Registry text is untrusted. In the workbook, a cell that starts with ``=``,
``+``, ``-`` or ``@`` would be read by spreadsheet programs as a formula
(CSV/formula injection, OWASP); such text cells get a leading single quote
``'`` so that they stay text. Control characters that XLSX cannot hold are removed and
cells are cut to Excel's limit of 32,767 characters. CSV and Parquet keep the
text exactly as it is.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from ecosystem.untrusted import write_csv

__all__ = ["XLSX_CELL_LIMIT", "write_tables"]

#: Excel's limit on the characters of one cell.
XLSX_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = ("=", "+", "-", "@")


def _safe_cell(v: object) -> object:
    if not isinstance(v, str):
        return v
    v = _ILLEGAL.sub("", v)[:XLSX_CELL_LIMIT]
    return "'" + v if v.startswith(_FORMULA_START) else v


def _sheet_name(name: str, used: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    out, k = base, 2
    while out.lower() in used:
        suffix = f"_{k}"
        out, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(out.lower())
    return out


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *,
                 formats: Collection[str] = ("csv", "parquet", "xlsx"),
                 workbook: str = "tables.xlsx") -> list[Path]:
    """Write each table as ``<name>.csv`` and ``<name>.parquet`` and all of them into one workbook.

    Parameters
    ----------
    tables : dict of name -> DataFrame
    out_dir : path
        Created when missing.
    formats : iterable of {"csv", "parquet", "xlsx"}
    workbook : str
        File name of the XLSX workbook (one sheet per table).

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    A cell that would start a formula stays text in the workbook:

    >>> import tempfile
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["=HYPERLINK(1)", "IUCN"], "initiatives": [1, 2]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_tables({"hubs": table}, folder)
    ...     cells = pd.read_excel(written[-1])["name"].tolist()
    >>> [p.name for p in written], cells
    (['hubs.csv', 'hubs.parquet', 'tables.xlsx'], ["'=HYPERLINK(1)", 'IUCN'])
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        if "csv" in formats:
            p = out / f"{name}.csv"
            write_csv(df, p)
            written.append(p)
        if "parquet" in formats:
            p = out / f"{name}.parquet"
            df.to_parquet(p, index=False)
            written.append(p)
    if "xlsx" in formats and tables:
        p = out / workbook
        used: set = set()
        # xlsxwriter: ~10x faster than openpyxl on large sheets; never turn text into
        # formulas or links.
        opts = {"options": {"strings_to_formulas": False, "strings_to_urls": False,
                            "constant_memory": True}}
        with pd.ExcelWriter(p, engine="xlsxwriter", engine_kwargs=opts) as xl:
            for name, df in tables.items():
                clean = df.copy()
                for col in clean.columns:
                    if clean[col].dtype == object or pd.api.types.is_string_dtype(clean[col]):
                        clean[col] = clean[col].astype(object).map(_safe_cell)
                    elif isinstance(clean[col].dtype, pd.DatetimeTZDtype):
                        clean[col] = clean[col].dt.tz_localize(None)
                clean.to_excel(xl, sheet_name=_sheet_name(name, used), index=False)
        written.append(p)
    return written
