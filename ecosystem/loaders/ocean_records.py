"""One SDG Partnerships Platform record (Ocean commitments) → rows of the model.

The three readers (:mod:`.ocean_jsonl`, :mod:`.ocean_csv`, :mod:`.ocean_html`)
turn their input into the same *raw record*: a dict with the keys of the JSONL
file (``node_id``, ``ocean_action_id``, ``url``, ``title``, ``entity_types``,
``lead_entity``, ``partners``, ``description``, ``sdgs``, ``sdg14_targets``,
``start_date``, ``completion_date``, ``geographical_coverage``,
``other_beneficiaries``, ``ocean_basins``, ``communities_of_ocean_action``,
``action_network_logos``, ``deliverables``, ``resources``). :class:`RecordRows`
collects the rows of every table for a file and builds the :class:`Registry`.

Conventions
-----------
* registry ``"ocean-commitments"`` unless another name is given; record id
  ``"OceanAction40557"``; initiative id ``"ocean-commitments/OceanAction40557"``;
  kind ``"partnership"``.
* "01 January 1970" (and any 1970 date) is the platform's placeholder for "not
  given": it becomes a null date, and ``placeholder_dates`` is True when the
  start or the end was a placeholder. Years outside 1900–2200 (four deliverable
  dates such as "0004-12-31") are typing slips and also read as null.
* The lead entity field is read by :func:`ecosystem.loaders.lead_text.split_lead`.
  When it names several organisations ("Ministry of Sustainable Development
  and Tourism, Directorate for Community Development and …", "Fiji (Ministry
  of Fisheries)"), every one is a mention with role "lead": they are co-leads,
  since the platform does not say which one leads. They take the record's
  entity type unless their own label says otherwise. The partners field is
  split by :func:`ecosystem.loaders.partner_text.split_partners`;
  organisations become mentions with role "partner", other phrases (sentences,
  categories, people, places that only locate an organisation) go to
  ``unresolved`` with the reason. Names that a field runs together are split
  with the names the file writes on their own elsewhere
  (:mod:`ecosystem.loaders.vocabulary_split`).
* Places: ocean basins (kind "ocean_basin"; "Global" is kind "global", place
  "GLOBAL") and the countries named in ``geographical_coverage`` and
  ``other_beneficiaries`` (kind "country", place ISO3). A coverage that gives
  only a meeting or headquarters city ("NY, USA", "Geneva, Switzerland";
  :mod:`ecosystem.reference.meeting_places`) is an address, not a place of
  work: it becomes a place of kind "other" named with the reason, and its host
  country is not read from it, unless the lead is that country ("Kenya" writing
  "Nairobi, Kenya"). Likewise a coverage that names only the country where the
  lead has its seat, when the lead is an international body of the
  known-bodies table ("Brussels, Belgium" for the European Union, "Helsinki,
  Finland" for HELCOM; :func:`ecosystem.reference.known_body_names.seat_of`):
  a place of kind "other" named as the lead's seat. Themes: the communities
  of ocean action (vocabulary "ocean_action_community") and the action networks
  (vocabulary "action_network").
* Text is repaired with ftfy (mojibake such as "ÃƒÂ¢Ã¢â€šÂ¬Ã…â€œ" → "“").
"""
from __future__ import annotations

import functools
import re
from datetime import datetime
from itertools import chain
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.loaders.actor_labels import entity_type
from ecosystem.loaders.file_limits import MAX_FIELD_CHARS
from ecosystem.loaders.lead_text import split_lead
from ecosystem.loaders.ocean_shape import check_record
from ecosystem.loaders.partner_text import split_partners
from ecosystem.loaders.text_repair import repair
from ecosystem.loaders.vocabulary_split import split_by_vocabulary
from ecosystem.model import Registry
from ecosystem.reference.countries import country_name
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.known_body_names import seat_of
from ecosystem.reference.meeting_places import meeting_place

__all__ = ["ACTION_NETWORKS", "MAX_FIELD_CHARS", "OCEAN_ACTION_COMMUNITIES", "REGISTRY",
           "RESOURCE_TYPES", "RecordRows", "check_sizes", "fix", "parse_date", "record_id",
           "split_communities"]

_COMMA_SPLIT = re.compile(r"\s*,\s*")
_DATE_NOTE = re.compile(r"\s*\((start date|date of completion)\)\s*$")

#: Default registry name.
REGISTRY = "ocean-commitments"

#: The platform's communities of ocean action. Some names contain commas, so the
#: comma-joined field is matched against this list rather than split on commas.
OCEAN_ACTION_COMMUNITIES = (
    "Coral reefs",
    "Implementation of international law as reflected in United Nations Convention on the Law of the Sea",
    "Mangroves",
    "Marine and coastal ecosystems management",
    "Marine pollution",
    "Ocean acidification",
    "Scientific knowledge, research capacity development and transfer of marine technology",
    "Sustainable blue economy",
    "Sustainable fisheries",
)

#: Action-network logo alt texts → network names.
ACTION_NETWORKS = {"Ocean conference wheel logo": "Ocean Conference"}

#: Resource types → the model's resource types.
RESOURCE_TYPES = {
    "financing (in usd)": "financing",
    "staff / technical expertise": "staff_expertise",
    "in-kind contribution": "in_kind",
    "other, please specify": "other",
}

#: Dates outside these years are typing slips ("0004-12-31") and read as null.
MIN_YEAR, MAX_YEAR = 1900, 2200

_TARGET = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")


def fix(text: object) -> str | None:
    """ftfy-repaired, whitespace-trimmed text, or None when empty.

    >>> fix("  ÃƒÂ¢Ã¢â€šÂ¬Ã…â€œTaiatea "), fix("   ")
    ('“Taiatea', None)
    """
    if text is None:
        return None
    text = str(text)
    if not text.isascii() or "&" in text:  # plain ASCII has no mojibake to repair
        text = repair(text)  # ftfy.fix_text(text, uncurl_quotes=False), run only where it may act
    text = text.strip()
    return text or None


def record_id(raw: dict) -> str | None:
    """"OceanAction40557" from ``ocean_action_id`` ("#OceanAction40557") or ``node_id``.

    >>> record_id({"ocean_action_id": "#OceanAction40557"}), record_id({"node_id": 12})
    ('OceanAction40557', 'OceanAction12')
    """
    rid = str(raw.get("ocean_action_id") or "").strip().lstrip("#").strip()
    if rid:
        return rid
    node = raw.get("node_id")
    return f"OceanAction{node}" if node not in (None, "") else None


def parse_date(value: object, *, file: str | Path | None = None, where: str | None = None,
               field: str | None = None) -> tuple[pd.Timestamp | None, bool]:
    """(date or None, was a placeholder) from "01 June 2017" or "2017-06-01T12:00:00Z".

    ``file``, ``where`` and ``field`` name the value in the error.

    >>> parse_date("01 June 2017 (start date)"), parse_date("01 January 1970")
    ((Timestamp('2017-06-01 00:00:00'), False), (None, True))

    Raises
    ------
    InputError
        When the value is not empty and not a date.
    """
    if value is None:
        return None, False
    parsed = _parsed_date(str(value))
    if parsed is None:
        text = _DATE_NOTE.sub("", str(value)).strip()
        raise InputError(f"{text!r} is not a date (expected e.g. '01 June 2017')",
                         file=file, record=where, field=field)
    return parsed


@functools.lru_cache(maxsize=65536)
def _parsed_date(value: str) -> tuple[pd.Timestamp | None, bool] | None:
    """:func:`parse_date` of one text, memoised (a registry repeats its dates); None if no date."""
    text = _DATE_NOTE.sub("", value).strip()
    if not text:
        return None, False
    for fmt in ("%d %B %Y", "%d %B, %Y", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            day = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    else:
        return None
    if day.year == 1970:
        return None, True
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None, False  # a typing slip such as year 0004: no usable date
    return pd.Timestamp(day.date()), False


def check_sizes(raw: dict, *, file: str | Path | None = None, where: str | None = None) -> None:
    """Refuse a field of the wrong type or text longer than :data:`MAX_FIELD_CHARS`
    (:func:`ecosystem.loaders.ocean_shape.check_record`)."""
    check_record(raw, file=file, where=where)


def split_communities(text: object) -> list[str]:
    """Communities of ocean action named in the comma-joined field, in the platform's spelling.

    >>> split_communities("Mangroves, Scientific knowledge, research capacity development and "
    ...                   "transfer of marine technology")
    ['Mangroves', 'Scientific knowledge, research capacity development and transfer of marine technology']
    """
    return list(_communities("" if text is None else str(text)))


@functools.lru_cache(maxsize=4096)
def _communities(text: str) -> tuple[str, ...]:
    """:func:`split_communities` of one field, memoised (records repeat the same choices)."""
    text = fix(text) or ""
    found = []
    rest = text
    for name in sorted(OCEAN_ACTION_COMMUNITIES, key=len, reverse=True):
        if name.lower() in rest.lower():
            found.append((text.lower().find(name.lower()), name))
            rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
    # anything left that is not one of the known communities is kept as written
    for piece in _COMMA_SPLIT.split(rest):
        if piece.strip():
            found.append((text.find(piece.strip()), piece.strip()))
    return tuple(name for _, name in sorted(found))


class RecordRows:
    """Rows of every model table for the records of one file.

    Parameters
    ----------
    file : str or Path
        The file being read (named in errors).
    registry : str, optional
        Registry name; default :data:`REGISTRY`.
    read_ahead : dict, optional
        Mentions of fields already read, by ``("partners", text)`` and ``("lead", text)``
        (:func:`ecosystem.loaders.field_workers.read_fields`); other fields are read here.

    Examples
    --------
    >>> rows = RecordRows("demo.jsonl")
    >>> rows.add({"node_id": 1, "title": "Reef Watch", "lead_entity": "Blue Ventures",
    ...           "partners": "WWF; NGOs", "sdgs": [14], "ocean_basins": "Global"}, "line 1")
    >>> reg = rows.registry_frames()
    >>> reg.mentions[["name", "role"]].values.tolist(), reg.unresolved["text"].tolist()
    ([['Blue Ventures', 'lead'], ['WWF', 'partner']], ['NGOs'])
    """

    def __init__(self, file: str | Path, registry: str | None = None,
                 read_ahead: dict[tuple[str, str], tuple] | None = None):
        self.file = str(file)
        self.registry = registry or REGISTRY
        self.read_ahead = read_ahead or {}
        self.tables: dict[str, list[dict]] = {t: [] for t in (
            "initiatives", "initiative_goals", "initiative_targets", "initiative_places",
            "initiative_themes", "deliverables", "resources", "mentions", "unresolved")}
        self._first_line: dict[str, str] = {}

    def add(self, raw: dict, where: str) -> None:
        """Add one raw record; ``where`` names it in errors ("line 12")."""
        file, t = self.file, self.tables
        check_sizes(raw, file=file, where=where)
        rid = record_id(raw)
        if not rid:
            raise InputError("the record has no node_id or ocean_action_id", file=file, record=where,
                             field="node_id")
        if rid in self._first_line:
            raise InputError(f"duplicate record id {rid} (first seen on {self._first_line[rid]})",
                             file=file, record=where, field="node_id")
        self._first_line[rid] = where
        iid = f"{self.registry}/{rid}"
        start, start_ph = parse_date(raw.get("start_date"), file=file, where=where, field="start_date")
        end, end_ph = parse_date(raw.get("completion_date"), file=file, where=where, field="completion_date")
        t["initiatives"].append(dict(
            initiative_id=iid, registry=self.registry, record_id=rid, kind="partnership",
            title=fix(raw.get("title")), description=fix(raw.get("description")), start=start, end=end,
            placeholder_dates=start_ph or end_ph, status=None, url=fix(raw.get("url"))))
        self._goals(raw, iid, where)
        self._places(raw, iid)
        self._themes(raw, iid)
        for d in raw.get("deliverables") or []:
            day, _ = parse_date(d.get("date"), file=file, where=where, field="deliverables")
            t["deliverables"].append(dict(initiative_id=iid, date=day, text=fix(d.get("description"))))
        for r in raw.get("resources") or []:
            kind = (r.get("type") or "").strip()
            details = fix(r.get("details"))
            if not kind and not details:
                continue
            t["resources"].append(dict(initiative_id=iid, type=RESOURCE_TYPES.get(kind.lower(), "other"),
                                       details=details))
        try:
            self._mentions(raw, iid, rid)
        except InputError as exc:  # the splitter names the field; the file and record are known here
            raise InputError(exc.message, file=file, record=where, field=exc.field) from None

    def _goals(self, raw, iid, where):
        goals = []
        for g in raw.get("sdgs") or []:
            try:
                g = int(g)
            except (TypeError, ValueError, OverflowError):
                raise InputError(f"SDG {g!r} is not a number 1-17", file=self.file, record=where,
                                 field="sdgs") from None
            if not 1 <= g <= 17:
                raise InputError(f"SDG {g} is not a goal 1-17", file=self.file, record=where, field="sdgs")
            if g not in goals:
                goals.append(g)
        self.tables["initiative_goals"].extend(dict(initiative_id=iid, goal=g) for g in goals)
        seen = set()
        for target in raw.get("sdg14_targets") or []:
            target = str(target).strip()
            m = _TARGET.match(target)
            if not m:
                raise InputError(f"{target!r} is not an SDG target such as 14.1 or 14.a", file=self.file,
                                 record=where, field="sdg14_targets")
            if target not in seen:
                seen.add(target)
                self.tables["initiative_targets"].append(
                    dict(initiative_id=iid, target=target, goal=int(m.group(1))))

    def _places(self, raw, iid):
        rows = self.tables["initiative_places"]
        seen = set()
        for basin in _COMMA_SPLIT.split(fix(raw.get("ocean_basins")) or ""):
            if not basin:
                continue
            key = ("GLOBAL", "global") if basin.lower() == "global" else (basin, "ocean_basin")
            if key not in seen:
                seen.add(key)
                rows.append(dict(initiative_id=iid, place=key[0], kind=key[1],
                                 name="Global" if key[1] == "global" else basin))
        coverage = fix(raw.get("geographical_coverage"))
        # "NY, USA" for UNDP: an address in a meeting or headquarters city, not a place of
        # work (unless the lead is that country's own body, "Kenya" in "Nairobi, Kenya")
        lead = fix(raw.get("lead_entity")) or ""
        meeting = meeting_place(coverage)
        if meeting and meeting.country not in find_countries(lead):
            rows.append({"initiative_id": iid, "place": meeting.city, "kind": "other",
                         "name": f"{meeting.city} ({meeting.reason})"})
            coverage = meeting.kept
        seat = seat_of(lead) if coverage else None
        if seat and set(find_countries(coverage)) == {seat[0]}:
            # "Brussels, Belgium" for the European Union: where the lead sits, not where it works
            rows.append({"initiative_id": iid, "place": coverage, "kind": "other",
                         "name": f"{coverage} (seat of the lead, {seat[1]})"})
            coverage = ""
        text = " ; ".join(filter(None, (coverage, fix(raw.get("other_beneficiaries")))))
        for iso3 in find_countries(text):
            if (iso3, "country") not in seen:
                seen.add((iso3, "country"))
                rows.append(dict(initiative_id=iid, place=iso3, kind="country", name=country_name(iso3)))

    def _themes(self, raw, iid):
        rows = self.tables["initiative_themes"]
        for name in split_communities(raw.get("communities_of_ocean_action")):
            rows.append(dict(initiative_id=iid, theme=name, vocabulary="ocean_action_community"))
        for logo in raw.get("action_network_logos") or []:
            logo = fix(logo)
            if logo:
                rows.append(dict(initiative_id=iid, theme=ACTION_NETWORKS.get(logo, logo),
                                 vocabulary="action_network"))

    def _mentions(self, raw, iid, rid):
        mentions, unresolved = self.tables["mentions"], self.tables["unresolved"]
        lead = fix(raw.get("lead_entity"))
        if lead:
            # The record's entity type is the registrant's: the first body its lead text names
            # ("Second Institute of Oceanography, Ministry of Natural Resources, China" is an
            # academic lead; its ministry is not academic). Other bodies are typed by their names.
            lead_type = entity_type(raw.get("entity_types"))
            for k, m in enumerate(self.read_ahead.get(("lead", lead)) or split_lead(lead)):
                if not m.is_organisation:  # "N/A", "Academic Institution": the record names no lead
                    unresolved.append(dict(initiative_id=iid, text=m.name, role="lead",
                                           reason=m.reason))
                    continue
                own = m.actor_type if m.actor_type != "unknown" else None  # "(NGO)" after it
                mentions.append(dict(initiative_id=iid, name=m.name, role="lead",
                                     actor_type=own or (lead_type if k == 0 else "unknown"),
                                     country=m.country, registry=self.registry, record_id=rid,
                                     source_text=raw.get("lead_entity")))
        partners = raw.get("partners") or ""
        for m in self.read_ahead.get(("partners", partners)) or split_partners(partners):
            if m.is_organisation:
                mentions.append(dict(initiative_id=iid, name=m.name, role="partner", actor_type=m.actor_type,
                                     country=m.country, registry=self.registry, record_id=rid,
                                     source_text=m.source_text))
            else:
                unresolved.append(dict(initiative_id=iid, text=m.name, role="partner", reason=m.reason))

    def registry_frames(self, sources: list[dict] | None = None) -> Registry:
        """The collected rows as a :class:`Registry` (mentions, no actors yet)."""
        # columns of Python objects: Registry.from_frames casts each once to its schema type
        # (pandas would first infer a type per column and then be cast again)
        frames = {name: pd.DataFrame(rows) if name == "mentions" else _object_frame(rows)
                  for name, rows in self.tables.items() if rows}
        if "mentions" in frames:  # names run together, split with the names the file writes elsewhere
            frames["mentions"] = split_by_vocabulary(frames["mentions"])
        return Registry.from_frames(sources=sources, **frames)


def _object_frame(rows: list[dict]) -> pd.DataFrame:
    """``pd.DataFrame(rows)`` with every column of dtype object (a key a row lacks is None)."""
    columns = list(dict.fromkeys(chain.from_iterable(rows)))  # every row's keys, in order of appearance
    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns})
