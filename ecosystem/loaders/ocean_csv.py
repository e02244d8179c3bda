"""SDG Partnerships Platform (Ocean commitments) as CSV: the flattened export.

Same records as the JSONL file, with lists joined by ``;``. The CSV keeps only
the *count* of deliverables (``deliverables_count``) and the distinct resource
types (``resources_types``): each counted deliverable becomes a row with no date
and no text (so a record's deliverables are known to exist, as dormancy needs,
but their dates and descriptions come only from the JSONL and HTML formats),
and resources from the CSV have a type but no details (one row per distinct
type).

Detected from content: the header has ``node_id`` or ``ocean_action_id`` and at
least two other columns of the export. Bad input raises
:class:`ecosystem.errors.InputError`:

* a required column missing: record "line 1", field = the column;
* bytes that are not UTF-8: "line N", field = the column, "not UTF-8: byte 0x..
  at byte offset B of the file";
* a header with columns of the export but no ``node_id``: named by
  :func:`near_miss` (instead of "unknown format");
* a duplicate record id, a field over :data:`.file_limits.MAX_FIELD_CHARS`,
  a date or SDG that cannot be read (see :mod:`.ocean_records`).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.ocean_records import RecordRows
from ecosystem.model import Registry

__all__ = ["BOM", "OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "near_miss", "read", "sniff"]

#: The UTF-8 byte-order mark, ignored at the start of a file.
BOM = b"\xef\xbb\xbf"

#: Columns without which a record cannot be read.
REQUIRED_COLUMNS = ("node_id", "ocean_action_id", "title", "entity_type", "lead_entity", "partners",
                    "sdgs", "sdg14_targets", "start_date", "completion_date")
#: Other columns of the export (read when present).
OPTIONAL_COLUMNS = ("url", "description", "geographical_coverage", "other_beneficiaries", "ocean_basins",
                    "communities_of_ocean_action", "website", "action_networks", "smart",
                    "deliverables_count", "resources_types")


def _header(head: bytes) -> list[str]:
    head = head.removeprefix(BOM)
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip("\r")
    try:
        return [c.strip() for c in next(csv.reader([first]))]
    except (csv.Error, StopIteration):
        return []


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the header row looks like the Ocean commitments export.

    >>> sniff("export.csv", b"node_id,ocean_action_id,title,lead_entity\\n40557,#OceanAction40557,")
    True
    """
    cols = set(_header(head))
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    return bool(cols & {"node_id", "ocean_action_id"}) and len(cols & known) >= 3


def near_miss(path: str | Path, head: bytes) -> str | None:
    """The message for a header with columns of the export but no record id column.

    >>> near_miss("export.csv", b"title,lead_entity,partners,sdgs\\nReef,WWF,,14\\n")
    "required column 'node_id' is missing from the header (it has 4 columns of the Ocean export)"
    """
    cols = set(_header(head))
    known = cols & (set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS))
    if len(known) >= 3 and not cols & {"node_id", "ocean_action_id"}:
        return (f"required column 'node_id' is missing from the header (it has {len(known)} "
                "columns of the Ocean export)")
    return None


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _count(value: str | None) -> int:
    """A deliverables count as written ("3", "3.0", "" → 3, 3, 0)."""
    try:
        return max(int(float(value or 0)), 0)
    except ValueError:
        return 0


def _raw(row: dict) -> dict:
    """A CSV row in the JSONL record shape (see :mod:`.ocean_records`)."""
    return {
        "node_id": row.get("node_id"),
        "ocean_action_id": row.get("ocean_action_id"),
        "url": row.get("url"),
        "title": row.get("title"),
        "entity_types": _split(row.get("entity_type")),
        "lead_entity": row.get("lead_entity"),
        "partners": row.get("partners"),
        "description": row.get("description"),
        "sdgs": _split(row.get("sdgs")),
        "sdg14_targets": _split(row.get("sdg14_targets")),
        "start_date": row.get("start_date"),
        "completion_date": row.get("completion_date"),
        "geographical_coverage": row.get("geographical_coverage"),
        "other_beneficiaries": row.get("other_beneficiaries"),
        "ocean_basins": row.get("ocean_basins"),
        "communities_of_ocean_action": row.get("communities_of_ocean_action"),
        "action_network_logos": _split(row.get("action_networks")),
        "deliverables": [{"date": None, "description": None}] * _count(row.get("deliverables_count")),
        "resources": [{"type": t, "details": None} for t in _split(row.get("resources_types"))],
    }


def _not_utf8(path, data: bytes, exc: UnicodeDecodeError) -> InputError:
    line = data.count(b"\n", 0, exc.start) + 1
    field = None
    text = data.decode("utf-8", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            hit = next((k for k, v in row.items() if isinstance(v, str) and "\ufffd" in v), None)
            if hit:
                field = hit
                break
    except csv.Error:
        pass
    return InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} of the file; "
                      "save the file as UTF-8", file=path, record=f"line {line}", field=field)


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read an Ocean commitments CSV export into an unresolved :class:`Registry`."""
    path = Path(path)
    data = path.read_bytes()
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data, exc) from None
    csv.field_size_limit(2**31 - 1)  # long fields are checked (and refused) with a clear message
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream)
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        raise InputError("the file is empty", file=path, record="line 1") from None
    for col in REQUIRED_COLUMNS:
        if col not in header:
            raise InputError(f"required column {col!r} is missing from the header", file=path,
                             record="line 1", field=col)
    rows = RecordRows(path, registry)
    line = reader.line_num + 1
    try:
        for cells in reader:
            where = f"line {line}"
            line = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError(f"the row has {len(cells)} cells; the header has {len(header)}",
                                 file=path, record=where)
            rows.add(_raw(dict(zip(header, cells))), where)
    except csv.Error as exc:
        raise InputError(f"not valid CSV: {exc}", file=path, record=f"line {reader.line_num}") from None
    if not rows.tables["initiatives"]:
        raise InputError("the file has a header but no records", file=path, record="line 2")
    return rows.registry_frames()
