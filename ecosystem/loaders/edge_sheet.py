"""Node/edge sheets (Gephi's ``Source,Target``, Kumu's ``From,To``) → initiatives of kind "link".

A sheet is an edge list when its first row names both ends of a link:
``Source`` and ``Target`` (Gephi's spreadsheet import) or ``From`` and ``To``
(Kumu's), in any case. Each further row is one link between the two nodes its
cells name; an optional ``Weight`` (or ``Value``) column is checked and counted
once. Other columns are not read.

Two files are read:

CSV
    One edge list, separated by commas, tabs or semicolons; each name is one node.
    A CSV in another encoding than UTF-8 is read in the one
    :mod:`ecosystem.loaders.encodings` finds, with a note.
XLSX
    A workbook whose first sheet with link ends is the edge list (Kumu's
    ``Connections``, an ``Edges`` sheet) and whose first other sheet with an ``Id``,
    ``Label`` or ``Name`` column lists the nodes (Kumu's ``Elements``, Gephi's nodes
    table): a node's ``Type`` (or ``Element Type``, ``Actor Type``, ``Category``) and
    ``Country`` are read. Links name nodes by ``Id`` when that column holds at least
    as many of their ends as ``Label`` (or ``Name``), else by label. Without a nodes
    sheet each name is one node. A workbook over the caps of
    :mod:`ecosystem.loaders.file_limits` is refused before it is parsed.

The mapping to the model, and what is left out, is
:mod:`ecosystem.loaders.network_records`'s. A row with an end left empty, a link
naming no node of the nodes sheet, or a weight that is not a number of 0 or more is
refused naming its sheet, row and column.

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
import zipfile
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.encodings import decode, detect_encoding
from ecosystem.loaders.file_limits import MAX_FIELD_CHARS, check_xlsx
from ecosystem.loaders.network_records import (
    NetworkLink,
    NetworkNode,
    network_registry,
    registry_name,
)
from ecosystem.loaders.workbook_sheets import XLSX_MAGIC, sheet_rows
from ecosystem.model import Registry

__all__ = ["ENDS", "is_nodes_header", "near_miss", "read", "sniff"]

#: The header pairs that name a link's two ends (folded), in the order they are looked for.
ENDS = (("source", "target"), ("from", "to"))
_WEIGHTS = ("weight", "value")
_NODE_KEYS = ("id", "label", "name")
_NODE_TYPES = ("type", "element type", "actor type", "actor_type", "category")
_DELIMITERS = (",", "\t", ";")


def _fold(cells: list) -> list[str]:
    return [" ".join(str("" if c is None else c).split()).casefold() for c in cells]


def _has_ends(folded: list[str]) -> bool:
    return any(a in folded and b in folded for a, b in ENDS)


def _csv_header(line: str) -> str | None:
    """The delimiter of a first line naming both ends of a link, else None."""
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        if _has_ends(_fold(cells)):
            return delimiter
    return None


def is_nodes_header(line: str) -> bool:
    """True when a CSV's first line is a nodes table's (Gephi's ``Id,Label``, Kumu's
    ``Label,Type``) and names no link ends: the nodes of a network whose links are elsewhere.

    >>> is_nodes_header("Id,Label,Type"), is_nodes_header("Source,Target")
    (True, False)
    >>> is_nodes_header("Org,Id")
    False
    """
    for delimiter in _DELIMITERS:
        folded = _fold(next(csv.reader([line], delimiter=delimiter), []))
        if "label" in folded and ("id" in folded or "type" in folded) and not _has_ends(folded):
            return True
    return False


#: What a nodes table alone lacks, and how to give it.
NODES_ONLY = ("a nodes table (Id, Label) holds no links: put it in one XLSX workbook beside the "
              "network's edges table (a sheet whose first row names Source and Target), and the "
              "nodes sheet gives each node its label, type and country; an edges table loaded "
              "alone names each node by its Source and Target cells")


def near_miss(path: str | Path, head: bytes) -> str | None:
    """This loader's message for a nodes table given without its links, else None.

    >>> near_miss("nodes.csv", b"Id,Label\\n1,Oxfam\\n")[:36]
    'a nodes table (Id, Label) holds no l'
    """
    if head.startswith(XLSX_MAGIC):
        return None
    encoding = detect_encoding(head, partial=True) or "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    lines = text.splitlines()
    return NODES_ONLY if lines and is_nodes_header(lines[0]) else None


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the first row of a text file, or of a workbook's sheet, names both ends of a link.

    >>> sniff("e.csv", b"Source;Target\\nA;B\\n"), sniff("3w.csv", b"Org,Sector\\nA,B\\n")
    (True, False)
    """
    if head.startswith(XLSX_MAGIC):
        check_xlsx(path)
        try:
            return any(rows and _has_ends(_fold(rows[0])) for _, rows in sheet_rows(path, 1))
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            return False
    encoding = detect_encoding(head, partial=True) or "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    if text.lstrip()[:1] in ("{", "[", "<", ""):
        return False
    return _csv_header(text.splitlines()[0]) is not None


def _text(value: object) -> str:
    """A cell as text: whitespace collapsed; a whole number without ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str("" if value is None else value).split())


def _check_cells(cells: list, names: list[str], where: str, path: Path) -> None:
    for k, c in enumerate(cells):
        if isinstance(c, str) and len(c) > MAX_FIELD_CHARS:
            raise InputError(f"a cell is longer than {MAX_FIELD_CHARS:,} characters (the limit)",
                             file=path, record=where,
                             field=names[k] if k < len(names) else f"column {k + 1}")


def _links(rows: list[tuple[int, list]], header: list, where: str, path: Path) -> list:
    """The links of an edge list's rows: (row number, cells) after its header."""
    folded = _fold(header)
    names = [_text(h) or f"column {k + 1}" for k, h in enumerate(header)]
    source, target = next((folded.index(a), folded.index(b)) for a, b in ENDS
                          if a in folded and b in folded)
    weight = next((folded.index(w) for w in _WEIGHTS if w in folded), None)
    links = []
    for number, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        record = f"{where}row {number}"
        _check_cells(cells, names, record, path)

        def cell(k: int | None) -> object:
            return cells[k] if k is not None and k < len(cells) else None

        links.append(NetworkLink(_text(cell(source)), _text(cell(target)), cell(weight), record,
                                 (names[source], names[target]),
                                 names[weight] if weight is not None else "weight"))
    return links


def _nodes(name: str, rows: list[list], ends: set[str], path: Path) -> list[NetworkNode]:
    """The nodes of a workbook's nodes sheet, keyed by Id when every link end is one."""
    folded = _fold(rows[0])
    column = {key: folded.index(key) for key in (*_NODE_KEYS, *_NODE_TYPES, "country")
              if key in folded}
    label = column.get("label", column.get("name"))

    def values(k: int | None) -> set[str]:
        return {_text(r[k]) for r in rows[1:] if k is not None and k < len(r)} - {""}

    # links name nodes by the column that holds more of their ends (Id on a tie)
    by_id = "id" in column and len(ends & values(column["id"])) >= len(ends & values(label))
    kind = next((column[t] for t in _NODE_TYPES if t in column), None)
    headers = [_text(h) for h in rows[0]]
    nodes = []
    for number, cells in enumerate(rows[1:], start=2):
        def cell(k: int | None) -> str:
            return _text(cells[k]) if k is not None and k < len(cells) else ""

        record = f"sheet {name}, row {number}"
        _check_cells(cells, headers, record, path)
        written = cell(label)
        key = cell(column["id"]) if by_id else written or cell(column.get("id"))
        if key:
            nodes.append(NetworkNode(key, written or key, cell(kind) or None,
                                     cell(column.get("country")) or None, record))
    return nodes


def _read_workbook(path: Path, registry: str, notes: list[str]) -> Registry:
    check_xlsx(path)
    sheets = [(name, rows) for name, rows in sheet_rows(path) if rows]
    edges = next(((n, r) for n, r in sheets if _has_ends(_fold(r[0]))), None)
    if edges is None:
        raise InputError("no sheet's first row names link ends (Source and Target, or From "
                         "and To)", file=path, record="row 1")
    name, rows = edges
    links = _links(list(enumerate(rows[1:], start=2)), rows[0], f"sheet {name}, ", path)
    listed = next(((n, r) for n, r in sheets if n != name and not _has_ends(_fold(r[0]))
                   and any(k in _fold(r[0]) for k in _NODE_KEYS)), None)
    nodes = []
    if listed is not None:
        ends = {e for link in links for e in (link.source, link.target) if e}
        nodes = _nodes(*listed, ends, path)
    return network_registry(nodes, links, registry=registry, file=path, notes=notes,
                            nodes_given=listed is not None)


def _read_csv(path: Path, registry: str, notes: list[str]) -> tuple[Registry, str]:
    text, encoding = decode(path.read_bytes(), file=path)
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"read as {encoding} text (not UTF-8)")
    delimiter = _csv_header(text.splitlines()[0] if text else "")
    if delimiter is None:
        raise InputError("the first row names no link ends (Source and Target, or From and To)",
                         file=path, record="row 1")
    before = csv.field_size_limit(MAX_FIELD_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise InputError(f"cannot read the sheet: {exc}", file=path,
                         record=f"row {reader.line_num}") from None
    finally:
        csv.field_size_limit(before)
    links = _links(rows, header, "", path)
    return network_registry([], links, registry=registry, file=path, notes=notes,
                            nodes_given=False), encoding


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read a CSV edge list or an XLSX node/edge workbook into an unresolved
    :class:`~ecosystem.model.Registry`.

    Raises
    ------
    InputError
        No header naming both ends; a row with an end left empty or naming no node of the
        nodes sheet; a weight that is not a number of 0 or more; a cell over the field limit
        (naming the sheet, row and column).
    """
    path = Path(path)
    notes: list[str] = []
    registry = registry or registry_name(path)
    with open(path, "rb") as fh:
        workbook = fh.read(4).startswith(XLSX_MAGIC)
    if workbook:
        reg, encoding = _read_workbook(path, registry, notes), None
    else:
        reg, encoding = _read_csv(path, registry, notes)
    reg.sources = [{"encoding": encoding, "notes": notes} if encoding else {"notes": notes}]
    return reg
