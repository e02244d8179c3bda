"""SDG Partnerships Platform (Ocean commitments) as JSON Lines: one record per line.

Detected from content: the first line is a JSON object with ``node_id`` or
``ocean_action_id``. A UTF-8 byte-order mark is ignored. Bad input raises
:class:`ecosystem.errors.InputError` naming the file, ``line N`` and the field:

* a line that is not valid JSON: "not valid JSON (truncated?): <reason> at
  column C", field = the last key before the fault;
* bytes that are not UTF-8: "not UTF-8: byte 0xff at byte offset B of the file
  (column C of the line)", field = the key whose value holds them;
* ``NaN``, ``Infinity``, a number too large for a float, or nesting deeper
  than :data:`.json_values.MAX_DEPTH`: :func:`.json_values.loads`;
* a field of the wrong type (``node_id`` ``true``, ``1.5``): :mod:`.ocean_shape`;
* a duplicate record id, a field over :data:`.file_limits.MAX_FIELD_CHARS`,
  a date or SDG that cannot be read (see :mod:`.ocean_records`).

Examples
--------
>>> import json, pathlib, tempfile
>>> record = {"node_id": 40557, "ocean_action_id": "#OceanAction40557", "title": "Reef Watch",
...           "lead_entity": "Blue Ventures", "partners": "WWF; Fiji Locally-Managed Marine Area "
...           "Network (FLMMA); NGOs", "sdgs": [14], "sdg14_targets": ["14.2"],
...           "start_date": "01 June 2017", "completion_date": "01 January 1970"}
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "commitments.jsonl"
...     _ = path.write_text(json.dumps(record) + "\\n", encoding="utf-8")
...     reg = read(path)
>>> reg.initiatives[["initiative_id", "placeholder_dates"]].values.tolist()
[['ocean-commitments/OceanAction40557', True]]
>>> reg.mentions["name"].tolist(), reg.unresolved["text"].tolist()
(['Blue Ventures', 'WWF', 'Fiji Locally-Managed Marine Area Network (FLMMA)'], ['NGOs'])
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.field_workers import fork_processes, read_fields
from ecosystem.loaders.json_values import loads
from ecosystem.loaders.ocean_records import RecordRows, fix
from ecosystem.model import Registry

__all__ = ["BOM", "read", "sniff"]

#: The UTF-8 byte-order mark, ignored at the start of a file.
BOM = b"\xef\xbb\xbf"


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the first line is a JSON object with Ocean record keys."""
    head = head.removeprefix(BOM)
    first = head.lstrip().split(b"\n", 1)[0]
    return first.startswith(b"{") and (b'"node_id"' in first or b'"ocean_action_id"' in first)


def _last_key(text: str, pos: int) -> str | None:
    keys = re.findall(r'"([A-Za-z_][\w]*)"\s*:', text[:pos])
    return keys[-1] if keys else None


def _not_utf8(path, line: bytes, number: int, line_offset: int, exc: UnicodeDecodeError) -> InputError:
    bad = line[exc.start]
    field = None
    try:
        obj = json.loads(line.decode("utf-8", errors="replace"))
        field = next((k for k, v in obj.items() if "\ufffd" in json.dumps(v, ensure_ascii=False)), None)
    except (ValueError, AttributeError):
        field = _last_key(line[:exc.start].decode("utf-8", errors="replace"), exc.start)
    return InputError(
        f"not UTF-8: byte 0x{bad:02x} at byte offset {line_offset + exc.start} of the file "
        f"(column {exc.start + 1} of the line); save the file as UTF-8",
        file=path, record=f"line {number}", field=field)


def read(path: str | Path, registry: str | None = None, processes: int | None = None
         ) -> Registry:
    """Read an Ocean commitments JSONL file into an unresolved :class:`Registry`.

    With ``processes=2`` (the default on Linux with two free cores:
    :func:`.field_workers.fork_processes`) the partner and lead fields of a large file
    are read ahead, half in a forked process (:mod:`.field_workers`); the registry is
    the same as with ``processes=1``.
    """
    path = Path(path)
    processes = fork_processes() if processes is None else processes
    read_ahead = None
    if processes > 1:
        try:
            records = list(_records(path))
        except InputError:  # read again line by line: the error is the one a one-process read meets first
            records = None
        if records is not None:
            read_ahead = read_fields(_field_texts(records), processes)
    rows = RecordRows(path, registry, read_ahead)
    for raw, where in records if read_ahead is not None else _records(path):
        rows.add(raw, where)
    if not rows.tables["initiatives"]:
        raise InputError("the file has no records", file=path, record="line 1")
    return rows.registry_frames()


def _records(path: Path) -> Iterator[tuple[dict, str]]:
    """Each line's record and "line N"; raises at the first line that is not a JSON object."""
    data = path.read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM):]
        offset = len(BOM)
    else:
        offset = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        line_offset = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, line, number, line_offset, exc) from None
        try:
            raw = loads(text, file=path, record=f"line {number}")
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON (truncated?): {exc.msg} at column {exc.colno}",
                             file=path, record=f"line {number}", field=_last_key(text, exc.pos)) from None
        if not isinstance(raw, dict):
            raise InputError(f"expected a JSON object, found {type(raw).__name__}", file=path,
                             record=f"line {number}")
        yield raw, f"line {number}"


def _field_texts(records: list[tuple[dict, str]]) -> Iterator[tuple[str, str]]:
    """The ``("partners", text)`` and ``("lead", text)`` pairs :class:`.RecordRows` reads."""
    for raw, _ in records:
        partners, lead = raw.get("partners"), raw.get("lead_entity")
        if isinstance(partners, str) and partners:
            yield "partners", partners
        if isinstance(lead, str) and (lead := fix(lead)):
            yield "lead", lead
