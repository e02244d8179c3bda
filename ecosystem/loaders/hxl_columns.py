"""Which HXL column holds what, and one 3W row → organisations, sectors, places.

:class:`Layout` classifies libhxl columns by hashtag and attributes once per
sheet; :meth:`Layout.parse` reads one row into a :class:`Row`;
:class:`Presence` merges the rows of one initiative. See
:mod:`ecosystem.loaders.hxl` for the hashtags understood.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ecosystem.errors import InputError
from ecosystem.loaders import iati_codelists
from ecosystem.loaders.cell_values import read_date, read_number
from ecosystem.loaders.country_places import country_name, country_place, iso3_from_code
from ecosystem.reference.orgids import is_placeholder_ref, ref_before_name

if TYPE_CHECKING:
    import hxl.model

__all__ = ["CODE_ATTRIBUTES", "ORG_TYPE_KEYWORDS", "ROLE_BY_ATTRIBUTE", "ROLE_BY_TAG", "Layout",
           "Org", "Presence", "Row", "org_type", "parse_date", "parse_number"]

#: Role of an ``#org`` column by attribute (plain ``#org`` is the implementer).
ROLE_BY_ATTRIBUTE = {
    "impl": "implementing", "implementing": "implementing", "partner": "implementing",
    "funder": "funding", "funding": "funding", "donor": "funding",
    "prog": "extending", "programming": "extending",
    "reporting": "reporting", "source": "reporting",
}
#: Older HXL (0.x) organisation hashtags and their role.
ROLE_BY_TAG = {"impl": "implementing", "funder": "funding", "donor": "funding",
               "prog": "extending", "source": "reporting"}
#: Attributes that mark a column of codes rather than names.
CODE_ATTRIBUTES = {"code", "id", "pcode", "iso2", "iso3"}

#: Keywords of ``#org+type`` values → actor type (first match wins).
ORG_TYPE_KEYWORDS = (
    ("red cross", "civil_society"), ("red crescent", "civil_society"),
    ("united nations", "un_multilateral"), ("un agency", "un_multilateral"),
    ("multilateral", "un_multilateral"), ("ingo", "ngo"), ("nngo", "ngo"), ("ngo", "ngo"),
    ("local gov", "local_government"), ("gov", "government"), ("ministry", "government"),
    ("private", "private_sector"), ("academ", "academic"), ("universit", "academic"),
    ("foundation", "philanthropic"), ("community", "civil_society"), ("cbo", "civil_society"),
    ("civil society", "civil_society"),
)


def org_type(text: str) -> str | None:
    """Actor type of an organisation-type cell ("INGO", "UN Agency", IATI code "21").

    >>> org_type("INGO"), org_type("UN Agency"), org_type("Red Cross"), org_type("")
    ('ngo', 'un_multilateral', 'civil_society', None)
    """
    text = text.strip()
    if not text:
        return None
    from_iati = iati_codelists.actor_type(text)
    if from_iati:
        return from_iati
    low = text.casefold()
    if low == "un" or low.startswith("un "):
        return "un_multilateral"
    return next((kind for key, kind in ORG_TYPE_KEYWORDS if key in low), "other")


def parse_number(text: str, where: str, path: str | Path, tag: str) -> float | None:
    """Number of a cell: ``"1,234"``, ``"1 234"``, ``"12.5"``; empty → None."""
    try:
        return read_number(text)
    except ValueError:
        raise InputError(f"cannot read {text!r} as a number", file=path, record=where,
                         field=tag) from None


def parse_date(text: str, where: str, path: str | Path, tag: str) -> dt.date | None:
    """Date of a cell: ISO 8601 (``2014``, ``2014-06``, ``2014-06-30``) or ``30/06/2014``."""
    try:
        return read_date(text)
    except ValueError:
        raise InputError(f"cannot read {text!r} as a date (use YYYY-MM-DD or DD/MM/YYYY)",
                         file=path, record=where, field=tag) from None


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(";")]


@dataclass(frozen=True)
class Org:
    """One organisation named in a row, with its role, org-id, type and the cell it came from."""

    name: str
    role: str
    ref: str | None
    actor_type: str | None
    source_text: str


@dataclass
class Row:
    """What one data row says: organisations, themes, places, activity, dates, people reached."""

    orgs: list = field(default_factory=list)
    themes: list = field(default_factory=list)       # (theme, vocabulary, code)
    places: list = field(default_factory=list)       # dicts of initiative_places columns
    activity_id: str | None = None
    title: str | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    deliverables: list = field(default_factory=list)  # (date, text)

    @property
    def key(self) -> tuple:
        """The initiative a row belongs to: its activity id and organisations, else
        its organisations, sectors and places."""
        orgs = tuple(sorted({(o.role, o.name) for o in self.orgs}))
        if self.activity_id:
            return ("activity", self.activity_id, orgs)
        return ("presence", orgs, tuple(self.themes),
                tuple((p["place"], p["kind"]) for p in self.places))


class Presence:
    """The merged rows of one initiative, started from its first row (merge it with :meth:`merge`)."""

    def __init__(self, first: Row):
        self.activity_id = first.activity_id
        self.orgs: list = []
        self.themes: list = []
        self.places: list = []
        self.title = self.status = self.start = self.end = None
        self.deliverables: list = []

    def merge(self, row: Row) -> None:
        """Add a row: new organisations, themes and places; first title and status;
        earliest start and latest end; all deliverables."""
        self.orgs += [o for o in row.orgs if o not in self.orgs]
        self.themes += [t for t in row.themes if t not in self.themes]
        have = {(p["place"], p["kind"]) for p in self.places}
        self.places += [p for p in row.places if (p["place"], p["kind"]) not in have]
        self.title = self.title or row.title
        self.status = self.status or row.status
        if row.start and (self.start is None or row.start < self.start):
            self.start = row.start
        if row.end and (self.end is None or row.end > self.end):
            self.end = row.end
        self.deliverables += row.deliverables


class Layout:
    """Column indexes of a sheet by meaning, from its libhxl columns.

    Parameters
    ----------
    columns : sequence of hxl.model.Column
        The sheet's columns as libhxl parsed them.
    """

    def __init__(self, columns: Sequence[hxl.model.Column]):
        self.orgs: dict[str, dict[str, list[int]]] = {}
        self.cols: dict[str, list[int]] = {}
        self.tags = [c.display_tag or "" for c in columns]
        for i, col in enumerate(columns):
            if not col.tag:
                continue
            tag = col.tag.lstrip("#").lower()
            attrs = {a.lower() for a in col.attributes}
            is_code = bool(attrs & CODE_ATTRIBUTES) or tag.endswith("_id")
            base = tag[:-3] if tag.endswith("_id") else tag
            if base == "org" or base in ROLE_BY_TAG:
                role = ROLE_BY_TAG.get(base) or next(
                    (ROLE_BY_ATTRIBUTE[a] for a in sorted(attrs) if a in ROLE_BY_ATTRIBUTE),
                    "implementing")
                part = "types" if "type" in attrs else "ids" if is_code else "names"
                self.orgs.setdefault(role, {}).setdefault(part, []).append(i)
                continue
            if base == "date":
                name = "end" if "end" in attrs else "start"
            elif base in ("x_activity_start_date", "x_activity_end_date"):
                name = "activity_" + base.split("_")[2]  # IATI flattened: planned, then actual
            elif base in ("reached", "targeted"):
                name = base
            elif base in ("x_country_split", "x_region_split"):
                name = base
            elif base in ("sector", "subsector", "activity", "country", "region", "status",
                          "adm1", "adm2", "adm3"):
                name = f"{base}_code" if is_code else base
            else:
                continue
            self.cols.setdefault(name, []).append(i)
        self.orgs = {r: parts for r, parts in self.orgs.items() if parts.get("names")
                     or parts.get("ids")}

    @property
    def kind(self) -> str:
        """``"activity"`` when a column names the reporting organisation, else ``"presence"``.

        IATI names the publisher (reporting organisation) of every activity, and
        IATI activities flattened to HXL tag it ``#source`` (or ``#org+reporting``);
        a 3W sheet names who is present, never who reported the row.
        """
        return "activity" if "reporting" in self.orgs else "presence"

    def _cells(self, values, name) -> list[str]:
        idx = self.cols.get(name, [])
        return _split(values[idx[0]]) if idx and idx[0] < len(values) else []

    def _first(self, values, name) -> str | None:
        cells = [c for c in self._cells(values, name) if c]
        return cells[0] if cells else None

    def parse(self, values: list, path: str | Path, where: str) -> Row:
        """Read one data row (``where`` names it in errors: ``"row 7"``)."""
        values = ["" if v is None else str(v) for v in values]
        row = Row(activity_id=self._first(values, "activity_code"),
                  title=self._first(values, "activity"),
                  status=self._first(values, "status") or self._first(values, "status_code"))
        for role, parts in self.orgs.items():
            ids = _split(values[parts["ids"][0]]) if parts.get("ids") else []
            types = _split(values[parts["types"][0]]) if parts.get("types") else []
            for col in parts.get("names") or parts["ids"][:1]:
                for k, name in enumerate(_split(values[col])):
                    ref = ids[k] if k < len(ids) and ids[k] else None
                    if not name or is_placeholder_ref(name):
                        continue  # "0", "N/A": as empty as an empty cell
                    kind = org_type(types[k] if k < len(types) else "")
                    written = name
                    if ref is None and (split := ref_before_name(name)):
                        ref, name = split  # "DE-1 BMZ": the org-id and the name in one cell
                    if name == ref and len(name) == 2 and iso3_from_code(name):
                        # "DE" as name and id: the country code a publisher writes for its state
                        name = country_name(iso3_from_code(name)) or name
                        kind = kind or "government"
                    org = Org(name=" ".join(name.split()), role=role, ref=ref, actor_type=kind,
                              source_text=f"{self.tags[col]}: {written}")
                    if org not in row.orgs:
                        row.orgs.append(org)
        self._themes(values, row)
        self._places(values, row, path, where)
        for tag in ("start", "end"):
            for i in self.cols.get(tag, [])[:1]:
                setattr(row, tag, parse_date(values[i], where, path, self.tags[i]))
            # IATI planned and actual dates share a tag: the last one given (actual) wins
            given = [i for i in self.cols.get(f"activity_{tag}", []) if values[i].strip()]
            if getattr(row, tag) is None and given:
                i = given[-1]
                setattr(row, tag, parse_date(values[i], where, path, self.tags[i]))
        for tag in ("targeted", "reached"):
            for i in self.cols.get(tag, []):
                n = parse_number(values[i], where, path, self.tags[i])
                if n is not None:
                    row.deliverables.append((row.start, f"people {tag}: {n:g}"))
        return row

    def _themes(self, values, row: Row) -> None:
        for tag, default_vocab in (("sector", "cluster"), ("subsector", "subsector")):
            names, codes = self._cells(values, tag), self._cells(values, f"{tag}_code")
            for k in range(max(len(names), len(codes))):
                name = names[k] if k < len(names) else ""
                code = codes[k] if k < len(codes) else ""
                if not (name or code):
                    continue
                vocab = default_vocab
                if re.fullmatch(r"\d{5}", code):
                    vocab = "dac_sector"
                elif re.fullmatch(r"\d{3}", code):
                    vocab = "dac_category"
                if not name and vocab.startswith("dac"):
                    name = iati_codelists.sector_name(code, "1" if vocab == "dac_sector" else "2")
                theme = (name or code, vocab, code or None)
                if theme not in row.themes:
                    row.themes.append(theme)

    def _places(self, values, row: Row, path, where: str) -> None:
        countries = []
        for kind, tag in (("country", "country"), ("region", "region")):
            names, codes = self._cells(values, tag), self._cells(values, f"{tag}_code")
            shares = self._cells(values, f"x_{tag}_split")
            for k in range(max(len(names), len(codes))):
                name = names[k] if k < len(names) else ""
                code = codes[k] if k < len(codes) else ""
                if not (name or code):
                    continue
                share = None
                if k < len(shares) and shares[k]:
                    share = parse_number(shares[k], where, path, f"#x_{tag}_split")
                if kind == "country":
                    place = country_place(name, code)
                    if place["kind"] == "country":
                        countries.append(place["place"])
                else:
                    place = {"place": code or name, "kind": "region", "name": name or None}
                row.places.append({**place, "share": share, "parent": None})
        parent = countries[0] if len(countries) == 1 else None
        for level in (1, 2, 3):
            names, codes = self._cells(values, f"adm{level}"), self._cells(values, f"adm{level}_code")
            found = []
            for k in range(max(len(names), len(codes))):
                name = names[k] if k < len(names) else ""
                code = codes[k] if k < len(codes) else ""
                if name or code:
                    found.append(code or name)
                    row.places.append({"place": code or name, "kind": f"admin{level}",
                                       "name": name or None, "share": None, "parent": parent})
            parent = found[0] if len(found) == 1 else None
        seen, unique = set(), []
        for p in row.places:
            if (p["place"], p["kind"]) not in seen:
                seen.add((p["place"], p["kind"]))
                unique.append(p)
        row.places = unique
