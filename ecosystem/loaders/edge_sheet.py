"""CSV edge lists (Gephi's ``Source,Target``, Kumu's ``From,To``) → initiatives of kind "link".

A sheet is an edge list when its first row names both ends of a link:
``Source`` and ``Target`` (Gephi's spreadsheet import) or ``From`` and ``To``
(Kumu's), in any case, separated by commas, tabs or semicolons. Each further row
is one link between the organisations its two cells name; an optional ``Weight``
(or ``Value``) column is checked and counted once. Other columns are not read.
The mapping to the model, and what is left out, is
:mod:`ecosystem.loaders.network_records`'s: each name is one node.

A CSV in another encoding than UTF-8 is read in the one
:mod:`ecosystem.loaders.encodings` finds, with a note. A row with an end left
empty, or a weight that is not a number of 0 or more, is refused naming its row
and column.

Examples
--------
>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "ties.csv"
...     _ = path.write_text("Source,Target,Weight\\nOxfam,WFP,1\\nWFP,UNICEF,\\n")
...     reg = read(path)
>>> reg.initiatives["title"].tolist(), reg.mentions["record_id"].tolist()[:2]
(['Oxfam – WFP', 'WFP – UNICEF'], ['row 2', 'row 2'])
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.encodings import decode, detect_encoding
from ecosystem.loaders.file_limits import MAX_FIELD_CHARS
from ecosystem.loaders.network_records import NetworkLink, network_registry, registry_name
from ecosystem.model import Registry

__all__ = ["ENDS", "read", "sniff"]

#: The header pairs that name a link's two ends (folded), in the order they are looked for.
ENDS = (("source", "target"), ("from", "to"))
_WEIGHTS = ("weight", "value")
_DELIMITERS = (",", "\t", ";")


def _header(line: str) -> tuple[str, list[str]] | None:
    """(delimiter, folded headers) of a first line naming both ends of a link, else None."""
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        folded = [" ".join(c.split()).casefold() for c in cells]
        if any(a in folded and b in folded for a, b in ENDS):
            return delimiter, folded
    return None


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the first line of a text file names both ends of a link.

    >>> sniff("e.csv", b"Source;Target\\nA;B\\n"), sniff("3w.csv", b"Org,Sector\\nA,B\\n")
    (True, False)
    """
    encoding = detect_encoding(head, partial=True) or "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    if text.lstrip()[:1] in ("{", "[", "<", ""):
        return False
    return _header(text.splitlines()[0]) is not None


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read a CSV edge list into an unresolved :class:`~ecosystem.model.Registry`.

    Raises
    ------
    InputError
        No header naming both ends; a row with an end left empty; a weight that is not a
        number of 0 or more; a cell over the field limit (naming the row and column).
    """
    path = Path(path)
    notes: list[str] = []
    text, encoding = decode(path.read_bytes(), file=path)
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"read as {encoding} text (not UTF-8)")
    first = text.splitlines()[0] if text else ""
    found = _header(first)
    if found is None:
        raise InputError("the first row names no link ends (Source and Target, or From and To)",
                         file=path, record="row 1")
    delimiter, headers = found
    source, target = next((headers.index(a), headers.index(b)) for a, b in ENDS
                          if a in headers and b in headers)
    weight = next((headers.index(w) for w in _WEIGHTS if w in headers), None)
    names = [h or f"column {k + 1}" for k, h in enumerate(_first_cells(first, delimiter))]
    links = []
    before = csv.field_size_limit(MAX_FIELD_CHARS + 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            record = f"row {reader.line_num}"
            for k, c in enumerate(cells):
                if len(c) > MAX_FIELD_CHARS:
                    raise InputError(f"a cell is longer than {MAX_FIELD_CHARS:,} characters "
                                     "(the limit)", file=path, record=record, field=names[k]
                                     if k < len(names) else f"column {k + 1}")

            def cell(k: int | None) -> str | None:
                return cells[k].strip() if k is not None and k < len(cells) else None

            links.append(NetworkLink(" ".join((cell(source) or "").split()),
                                     " ".join((cell(target) or "").split()), cell(weight),
                                     record, (names[source], names[target]),
                                     names[weight] if weight is not None else "weight"))
    except csv.Error as exc:
        raise InputError(f"cannot read the sheet: {exc}", file=path,
                         record=f"row {reader.line_num}") from None
    finally:
        csv.field_size_limit(before)
    reg = network_registry([], links, registry=registry or registry_name(path), file=path,
                           notes=notes, nodes_given=False)
    reg.sources = [{"encoding": encoding, "notes": notes}]
    return reg


def _first_cells(line: str, delimiter: str) -> list[str]:
    """The header row's cells as written (for error messages naming a column)."""
    return [" ".join(c.split()) for c in next(csv.reader([line], delimiter=delimiter), [])]
