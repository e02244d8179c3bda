"""HXL-tagged "Who does What Where" (3W/4W) sheets → presence (or activity) initiatives.

A 3W sheet is recognised by its content: a row of HXL hashtags (``#org``,
``#sector``, ``#adm1`` …) anywhere in the first 25 rows, below blank or header
rows, in a CSV or XLSX file with any name. Columns are found by hashtag, never
by header text. Reading uses libhxl (``hxl.data`` with local files allowed).

Columns read
------------
``#org`` (+impl / +funder / +donor / +prog / +partner; plain ``#org`` is the
implementer; +code / +id hold org-ids, +type the organisation type) and the
older HXL tags ``#impl``, ``#funder``, ``#prog``, ``#source`` (with ``_id``
variants); ``#sector`` (+cluster), ``#subsector``; ``#activity`` and
``#activity_id``; ``#country`` (+code, ``#country_id``), ``#region``,
``#adm1`` … ``#adm3`` (+name / +code); ``#status``; ``#date`` (+start / +end;
plain ``#date`` is the start), else ``#x_activity_start_date`` /
``#x_activity_end_date`` (IATI flattened to HXL tags planned and actual dates
alike, planned first: the last one given wins, so actual over planned; dates
ISO or day first, ``16/10/2008``); ``#reached`` and ``#targeted`` (people, numbers
like ``1,234`` accepted) → ``deliverables`` text ``"people reached: 1234"``.
Cells may hold ``;``-separated lists; name and code columns are paired by
position (``#x_country_split`` / ``#x_region_split`` give place shares).

Initiatives
-----------
Each initiative is one organisation group's presence (kind ``"presence"``) or,
when a column names the reporting organisation (``#source``,
``#org+reporting``: IATI activities flattened to HXL, where every activity
names its publisher and a 3W never does), one aid activity (kind
``"activity"``). Rows with an ``#activity_id`` are grouped by (activity id,
organisations), other rows by (organisations, sectors, places); repeated rows (monthly
reports) merge. ``record_id`` is the activity id when it names one group, else
``"{activity id}|{organisations}"`` or ``"{organisations}|{sectors}|{places}"``.
Funder × implementer pairs of an initiative become ``flows`` without amounts
(``flow_type`` ``"funding"``). Registry name: ``hxl-{file stem}``. Not read:
untagged columns (IATI's end dates in the Sierra Leone flattening) and
``#report_date`` (the record's last update, not the activity's dates).

Hostile or damaged sheets
-------------------------
A CSV in another encoding than UTF-8 (Latin-1 / cp1252 ...) is read in the
encoding :mod:`ecosystem.loaders.encodings` finds, stated in the source
provenance (``sources[0]["encoding"]``) with a note. Rows that repeat the
hashtag row, and rows naming no organisation, are skipped with a note in
``sources[0]["notes"]`` (never an actor called ``#org``, never a raw warning).
XLSX merged cells take the value of their merged area and formula cells
their cached value; a workbook over the caps of
:mod:`ecosystem.loaders.file_limits` (zip bomb) is refused before parsing, and
a cell longer than :data:`~ecosystem.loaders.file_limits.MAX_FIELD_CHARS` is
refused naming its row and column.

Examples
--------
>>> import pathlib, tempfile
>>> sheet = ("Who,Funded by,Sector,Country\\n#org+impl,#org+funder,#sector,#country\\n"
...          "UNICEF,ECHO,Nutrition,Chad\\nMSF,,Health,Chad\\n")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "chad-3w.csv"
...     _ = path.write_text(sheet, encoding="utf-8")
...     reg = read(path)
>>> reg.initiatives["kind"].unique().tolist(), reg.mentions["name"].tolist()
(['presence'], ['UNICEF', 'ECHO', 'MSF'])
>>> reg.flows[["provider_name", "receiver_name"]].values.tolist()
[['ECHO', 'UNICEF']]

IATI activities flattened to HXL name their reporting organisation (``#source``);
planned and actual start share a tag, and the actual one wins:

>>> sheet = ("id,reporting-org,implementer,start-planned,start-actual\\n"
...          "#activity_id,#source,#impl,#x_activity_start_date,#x_activity_start_date\\n"
...          "XM-1,DFID,Oxfam,01/02/2012,15/03/2012\\nXM-2,DFID,Plan,01/06/2013,\\n")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "iati.csv"
...     _ = path.write_text(sheet, encoding="utf-8")
...     reg = read(path)
>>> reg.initiatives[["kind", "start"]].astype(str).values.tolist()
[['activity', '2012-03-15'], ['activity', '2013-06-01']]
"""
from __future__ import annotations

import contextlib
import csv
import io
import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.loaders import hxl_columns as hc
from ecosystem.loaders.edge_sheet import is_nodes_header
from ecosystem.loaders.encodings import decode, detect_encoding
from ecosystem.loaders.file_limits import MAX_FIELD_CHARS, check_text, check_xlsx
from ecosystem.loaders.workbook_sheets import XLSX_MAGIC, sheet_rows
from ecosystem.model import Registry
from ecosystem.reference.orgids import actor_type_from_ref, normalise_org_ref

__all__ = ["KIND", "is_hashtag_row", "near_miss", "read", "sniff"]

#: The kind of every initiative read from a 3W sheet (IATI activities flattened to HXL:
#: ``"activity"``, see :attr:`ecosystem.loaders.hxl_columns.Layout.kind`).
KIND = "presence"

_HASHTAG = re.compile(r"#[A-Za-z][\w-]*(\s*\+\s*[\w-]+)*")
_NO_HASHTAGS = ("no row of HXL hashtags (#org, #sector, #adm1, ...) in the first 25 rows: add "
                "the hashtag row above the data")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "sheet"


def _hashtag_row(rows) -> bool:
    import hxl.model

    previous = None
    for row in rows[:25]:
        if hxl.model.Column.parse_list(row, previous) is not None:
            return True
        previous = row
    return False


def _xlsx_rows(path) -> list[list[list[str]]]:
    """First 25 rows of each sheet of an XLSX workbook, as strings."""
    return [[["" if v is None else str(v) for v in row] for row in rows]
            for _, rows in sheet_rows(path, 25)]


def sniff(path: str | Path, head: bytes) -> bool:
    """True when a CSV or XLSX file has a row of HXL hashtags in its first 25 rows."""
    if head.startswith(XLSX_MAGIC):
        check_xlsx(path)  # a zip bomb is refused here, before any sheet is parsed
        try:
            return any(_hashtag_row(rows) for rows in _xlsx_rows(path))
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            return False
    text = _head_text(head)
    if "#" not in text:
        return False
    lines = text.splitlines()[:-1] or text.splitlines()  # the last line may be cut off
    if text.lstrip()[:1] in ("{", "[", "<"):
        return False
    for delimiter in (",", "\t", ";"):
        rows = list(csv.reader(io.StringIO("\n".join(lines[:60])), delimiter=delimiter))
        if _hashtag_row(rows):
            return True
    return False


def _head_text(head: bytes) -> str:
    """The first bytes of a text file as text, in the encoding they most likely use."""
    encoding = detect_encoding(head, partial=True) or "utf-8"
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def near_miss(path: str | Path, head: bytes) -> str | None:
    """This loader's message for a sheet with columns but no hashtag row, else None.

    >>> near_miss("3w.csv", b"Org,Sector,Country\\nUNICEF,Health,Chad\\n")[:31]
    'no row of HXL hashtags (#org, #'
    """
    if head.startswith(XLSX_MAGIC):
        return _NO_HASHTAGS
    text = _head_text(head)
    if text.lstrip()[:1] in ("{", "[", "<", ""):
        return None
    first = text.splitlines()[0] if text.splitlines() else ""
    if is_nodes_header(first):
        return None  # a network's nodes table: the edge-sheet loader says what it lacks
    return _NO_HASHTAGS if any(first.count(d) >= 1 for d in (",", "\t", ";")) else None


def is_hashtag_row(values: list) -> bool:
    """True when every filled cell of a data row is a hashtag (a repeated hashtag row).

    >>> is_hashtag_row(["#org", "#sector+cluster", ""]), is_hashtag_row(["#1 NGO", "Health"])
    (True, False)
    """
    cells = [str(v).strip() for v in values if v is not None and str(v).strip()]
    return bool(cells) and all(_HASHTAG.fullmatch(c) for c in cells)


@contextlib.contextmanager
def _csv_cell_limit():
    """Let the csv module read cells up to :data:`MAX_FIELD_CHARS` (longer: csv.Error)."""
    before = csv.field_size_limit(MAX_FIELD_CHARS + 1)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _open(path: Path, encoding: str | None):
    import hxl
    import hxl.input

    options = hxl.InputOptions(allow_local=True, encoding=encoding, expand_merged=True)
    try:
        source = hxl.data(str(path), options)
        columns = source.columns
    except hxl.input.HXLTagsNotFoundException:
        raise InputError(_NO_HASHTAGS, file=path, record="rows 1-25") from None
    except csv.Error as exc:
        raise _csv_error(path, encoding, exc) from None
    except (hxl.input.HXLIOException, hxl.input.HXLParseException, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the sheet: {_csv_message(exc)}", file=path) from None
    return source, columns


def _csv_message(exc: Exception) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {MAX_FIELD_CHARS:,} characters (the limit)"
    return str(exc)


def _csv_error(path: Path, encoding: str | None, exc: Exception) -> InputError:
    """The InputError for a csv failure; for an over-long cell, naming its row and column."""
    if "field larger than field limit" in str(exc) and encoding:
        text = path.read_bytes().decode(encoding, errors="replace")
        before = csv.field_size_limit(2**31 - 1)
        try:
            for delimiter in (",", "\t", ";"):
                reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                for cells in reader:
                    long = [k for k, c in enumerate(cells, 1) if len(c) > MAX_FIELD_CHARS]
                    if long:
                        return InputError(_csv_message(exc), file=path,
                                          record=f"row {reader.line_num}",
                                          field=f"column {long[0]}")
        except csv.Error:
            pass
        finally:
            csv.field_size_limit(before)
    return InputError(f"cannot read the sheet: {_csv_message(exc)}", file=path)


def _encoding(path: Path, notes: list[str]) -> str | None:
    """The encoding of a CSV sheet (None for XLSX), noted when it is not UTF-8."""
    with open(path, "rb") as fh:
        if fh.read(4).startswith(XLSX_MAGIC):
            check_xlsx(path)
            return None
    encoding = decode(path.read_bytes(), file=path)[1]
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"read as {encoding} text (not UTF-8)")
    return encoding


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read an HXL-tagged 3W/4W CSV or XLSX into an unresolved Registry.

    Raises
    ------
    InputError
        No hashtag row, no ``#org`` column, or a number or date that cannot be
        read (naming the row and the hashtag).
    """
    path = Path(path)
    registry = registry or f"hxl-{_slug(path.stem)}"
    notes: list[str] = []
    encoding = _encoding(path, notes)
    with _csv_cell_limit(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libraries' notes (xlrd, openpyxl) are not the user's
        reg = _read_rows(path, registry, encoding, notes)
    reg.sources = [{"encoding": encoding or "xlsx", "notes": notes}]
    return reg


def _read_rows(path: Path, registry: str, encoding: str | None, notes: list[str]) -> Registry:
    source, columns = _open(path, encoding)
    layout = hc.Layout(columns)
    if not layout.orgs:
        found = " ".join(sorted({c.display_tag for c in columns if c.tag})) or "none"
        raise InputError(f"no organisation column: tag one with #org (+impl, +funder) or "
                         f"#impl/#funder (hashtags found: {found})", file=path, field="#org")
    groups: dict[tuple, hc.Presence] = {}
    skipped = repeated = 0
    try:
        rows = [(row.source_row_number + 1, list(row.values)) for row in source]
    except csv.Error as exc:
        raise _csv_error(path, encoding, exc) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read the sheet: {exc}", file=path) from None
    for number, values in rows:
        if not any(v and str(v).strip() for v in values):
            continue
        line = f"row {number}"
        values = (values + [""] * len(columns))[:max(len(columns), len(values))]
        for col, value in zip(columns, values):
            if isinstance(value, str):
                check_text(value, file=path, record=line, field=col.display_tag or None)
        if is_hashtag_row(values):
            repeated += 1
            continue
        parsed = layout.parse(values, path, line)
        if not parsed.orgs:
            skipped += 1
            continue
        group = groups.get(parsed.key)
        if group is None:
            group = groups[parsed.key] = hc.Presence(parsed)
        group.merge(parsed)
    if not groups:
        raise InputError("no data row names an organisation", file=path, field="#org")
    if skipped:
        notes.append(f"{skipped} rows name no organisation and were skipped")
    if repeated:
        notes.append(f"{repeated} repeated hashtag rows were skipped")
    return _registry(list(groups.values()), registry, layout.kind)


def _record_ids(groups) -> list[str]:
    per_activity: dict[str, int] = {}
    for g in groups:
        if g.activity_id:
            per_activity[g.activity_id] = per_activity.get(g.activity_id, 0) + 1
    ids, seen = [], set()
    for g in groups:
        orgs = ";".join(dict.fromkeys(o.name for o in g.orgs))
        if g.activity_id:
            rid = g.activity_id if per_activity[g.activity_id] == 1 else f"{g.activity_id}|{orgs}"
        else:
            rid = "|".join([orgs, ";".join(t[0] for t in g.themes),
                            ";".join(p["place"] for p in g.places)])
        base, k = rid, 2
        while rid in seen:
            rid, k = f"{base}#{k}", k + 1
        seen.add(rid)
        ids.append(rid)
    return ids


def _registry(groups: list, registry: str, kind: str = KIND) -> Registry:
    rows = {t: [] for t in ("initiatives", "initiative_places", "initiative_themes",
                            "mentions", "flows", "deliverables")}
    for g, rid in zip(groups, _record_ids(groups)):
        iid = f"{registry}/{rid}"
        label = " – ".join(filter(None, [
            "; ".join(dict.fromkeys(o.name for o in g.orgs if o.role == "implementing")),
            "; ".join(t[0] for t in g.themes),
            "; ".join(p["name"] or p["place"] for p in g.places)]))
        rows["initiatives"].append({
            "initiative_id": iid, "registry": registry, "record_id": rid, "kind": kind,
            "title": g.title or label, "description": None if not g.title else label,
            "start": g.start, "end": g.end, "status": g.status})
        rows["initiative_places"] += [{"initiative_id": iid, **p} for p in g.places]
        rows["initiative_themes"] += [{"initiative_id": iid, "theme": t, "vocabulary": v,
                                       "code": c} for t, v, c in g.themes]
        rows["deliverables"] += [{"initiative_id": iid, "date": d, "text": text}
                                 for d, text in g.deliverables]
        for o in g.orgs:
            ref = normalise_org_ref(o.ref)
            rows["mentions"].append({
                "initiative_id": iid, "name": o.name, "role": o.role,
                "actor_type": o.actor_type or actor_type_from_ref(ref) or "unknown",
                "org_ref": ref, "registry": registry, "record_id": rid,
                "source_text": o.source_text})
        funders = [o for o in g.orgs if o.role == "funding"]
        implementers = [o for o in g.orgs if o.role == "implementing"]
        pairs = dict.fromkeys((f.name, f.ref, i.name, i.ref) for f in funders for i in implementers
                              if f.name != i.name)
        for k, (fn, fr, rn, rr) in enumerate(pairs, start=1):
            rows["flows"].append({
                "flow_id": f"{iid}/funding/{k}", "initiative_id": iid, "provider_name": fn,
                "provider_ref": normalise_org_ref(fr), "receiver_name": rn,
                "receiver_ref": normalise_org_ref(rr), "flow_type": "funding"})
    return Registry.from_frames(**{t: pd.DataFrame(r) for t, r in rows.items() if r})
