"""Limits every registry file must meet before a loader parses it.

A loader reads untrusted files, so the size of what it is asked to hold is
bounded up front, with documented caps, and anything beyond them is refused
with an :class:`~ecosystem.errors.InputError` naming the file, never parsed
for minutes or hours:

* only regular files are inputs (a FIFO, a device or a socket would block or
  never end): :func:`require_regular_file`;
* one text value (a CSV cell, a JSON string, an XML text) holds at most
  :data:`MAX_FIELD_CHARS` characters: :func:`check_text`;
* an XLSX workbook (a zip) may declare at most :data:`MAX_XLSX_UNPACKED_BYTES`
  of uncompressed content, and each sheet at most :data:`MAX_XLSX_CELLS` cells
  in its ``<dimension>``: :func:`check_xlsx` reads only the zip directory and
  the first bytes of each sheet, so a zip bomb is refused at once.

Examples
--------
>>> check_text("Reef Watch", file="a.csv", record="row 2", field="#org")
'Reef Watch'
>>> cells_in_range("A1:D4"), cells_in_range("B2")
(16, 1)
"""
from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from ecosystem.errors import InputError

__all__ = ["MAX_FIELD_CHARS", "MAX_XLSX_CELLS", "MAX_XLSX_UNPACKED_BYTES", "cells_in_range",
           "check_text", "check_xlsx", "require_regular_file"]

#: Longest text accepted in one field (characters). A longer value is almost
#: certainly a broken export; it is refused with a message naming the field.
MAX_FIELD_CHARS = 1_000_000

#: Largest total uncompressed size an XLSX workbook may declare (bytes). A 3W
#: sheet of 100,000 rows by 30 columns unpacks to about 100 MB.
MAX_XLSX_UNPACKED_BYTES = 200_000_000

#: Most cells one XLSX sheet may declare in its ``<dimension ref="A1:Z9999">``
#: (the whole sheet is held in memory while it is read).
MAX_XLSX_CELLS = 5_000_000

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_CELL = re.compile(r"([A-Z]+)(\d+)")


def require_regular_file(path: str | Path) -> None:
    """Refuse a path that is missing, a folder, or not a regular file (FIFO, device, socket).

    >>> require_regular_file("/dev/null")
    Traceback (most recent call last):
    ...
    ecosystem.errors.InputError: /dev/null: not a regular file (a device, FIFO or socket); give a saved registry file
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise InputError("no such file", file=p) from None
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror}", file=p) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a folder; give the registry files inside it", file=p)
    if not stat.S_ISREG(mode):
        raise InputError("not a regular file (a device, FIFO or socket); give a saved registry "
                         "file", file=p)


def check_text(value: str, *, file: str | Path | None = None, record: str | int | None = None,
               field: str | None = None) -> str:
    """``value`` itself, or an InputError when it is longer than :data:`MAX_FIELD_CHARS`."""
    if len(value) > MAX_FIELD_CHARS:
        raise InputError(f"the value is {len(value):,} characters; the limit is "
                         f"{MAX_FIELD_CHARS:,}", file=file, record=record, field=field)
    return value


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cells_in_range(ref: str) -> int:
    """Number of cells of a sheet range such as ``"A1:D4"`` (``"B2"`` is one cell)."""
    corners = [_CELL.fullmatch(part) for part in ref.split(":")]
    if not all(corners):
        return 0
    first, last = corners[0], corners[-1]
    cols = abs(_column_number(last[1]) - _column_number(first[1])) + 1
    rows = abs(int(last[2]) - int(first[2])) + 1
    return cols * rows


def check_xlsx(path: str | Path) -> None:
    """Refuse an XLSX workbook that declares more than the caps (a zip bomb) before parsing it.

    Raises
    ------
    InputError
        When the zip is damaged, declares more than :data:`MAX_XLSX_UNPACKED_BYTES`
        uncompressed, or a sheet's dimension holds more than :data:`MAX_XLSX_CELLS` cells.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_XLSX_UNPACKED_BYTES:
                raise InputError(
                    f"the workbook unpacks to {total:,} bytes; the limit is "
                    f"{MAX_XLSX_UNPACKED_BYTES:,} (a damaged file or a zip bomb)", file=path)
            for m in members:
                if not m.filename.startswith("xl/worksheets/") or not m.filename.endswith(".xml"):
                    continue
                with zf.open(m) as fh:
                    found = _DIMENSION.search(fh.read(4096))
                cells = cells_in_range(found[1].decode()) if found else 0
                if cells > MAX_XLSX_CELLS:
                    raise InputError(f"the sheet declares {cells:,} cells ({found[1].decode()}); "
                                     f"the limit is {MAX_XLSX_CELLS:,}", file=path,
                                     record=m.filename, field="dimension")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise InputError(f"not a readable XLSX workbook: {exc}", file=path) from None
