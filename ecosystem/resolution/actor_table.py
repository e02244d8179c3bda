"""The actors and ties of a resolution, from the resolved mentions.

:func:`actor_table` gives each actor the name and type its mentions state most often
(reference data first), and the country most of its mentions state or name
(:func:`mention_countries`), else the one country its names name;
:func:`first_ties` keeps one tie per initiative, actor and role.
:func:`ecosystem.resolution.resolve.resolve_registry` calls both.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ecosystem.model import MULTILATERAL_TYPES, empty_frame
from ecosystem.resolution.annotations import without_notes
from ecosystem.resolution.actor_types import type_evidence, type_of_names
from ecosystem.resolution.clusters import Resolution
from ecosystem.resolution.display_names import most_written
from ecosystem.resolution.record_contexts import UNKNOWN_COUNTRY
from ecosystem.resolution.names import ParsedName, parse_name

__all__ = ["DONOR_ROLES", "MIN_RECORDS", "STATE_TYPES", "actor_table", "country_named",
           "country_of_records", "first_ties", "mention_countries"]


def first_ties(m: pd.DataFrame) -> pd.DataFrame:
    """One tie per (initiative, actor, role) of the resolved mentions ``m``, the first
    mention's; no partner tie of an actor that leads the same initiative.

    Examples
    --------
    >>> m = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2"],
    ...                   "actor_id": ["a", "a", "b", "a"],
    ...                   "role": ["lead", "partner", "partner", "partner"],
    ...                   "registry": "r", "record_id": ["1", "1", "1", "2"],
    ...                   "source_text": ["A", "A", "B", "A"]})
    >>> first_ties(m)[["initiative_id", "actor_id", "role"]].values.tolist()
    [['i1', 'a', 'lead'], ['i1', 'b', 'partner'], ['i2', 'a', 'partner']]
    """
    pairs = list(zip(m["initiative_id"].tolist(), m["actor_id"].tolist()))
    roles = m["role"].tolist()
    leads = {p for p, r in zip(pairs, roles) if r == "lead"}
    seen: set = set()
    keep = np.zeros(len(pairs), dtype=bool)
    for k, (p, r) in enumerate(zip(pairs, roles)):
        if (p, r) not in seen:
            seen.add((p, r))
            keep[k] = not (r == "partner" and p in leads)
    t = m.loc[keep, ["initiative_id", "actor_id", "role", "registry", "record_id", "source_text"]]
    return t.reset_index(drop=True)


def _mode(actor_ids: list, values: list) -> dict:
    """Most frequent of ``values`` per actor id (ties: alphabetical); missing values skipped."""
    counts = Counter((a, v) for a, v in zip(actor_ids, values)
                     if isinstance(a, str) and isinstance(v, str))
    best: dict[str, tuple[int, str]] = {}
    for (a, v), n in counts.items():
        top = best.get(a)
        if top is None or n > top[0] or (n == top[0] and v < top[1]):
            best[a] = (n, v)
    return {a: v for a, (_, v) in best.items()}


def actor_table(m: pd.DataFrame, variants: pd.DataFrame, result: Resolution,
                parse: Callable[[str], ParsedName] = parse_name,
                record_country: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The actors table of a resolution: one row per actor of ``result.actors``.

    Its shown name is the one the registry's users write most (or the record's context for
    a generic name kept apart); its type the reference data's, else the most frequent type
    its lead mentions state, else any mention's, else the type its names give; its country
    the most frequent its mentions state or name (:func:`mention_countries`; only those
    they state for a UN or intergovernmental body, a known body's own for a known body).

    Parameters
    ----------
    m : DataFrame
        Resolved mentions: ``actor_id``, ``initiative_id``, ``name``, ``role``,
        ``actor_type``, ``country``.
    variants : DataFrame
        Name variants with their ``actor_id`` (and ``context``).
    result : Resolution
        The resolver's result (or any object with ``actors``): ``result.actors`` maps actor id → ``name``,
        ``actor_type``, ``country``, ``org_ref`` (and ``known_body``).
    parse : callable, optional
        The resolver's :func:`~ecosystem.resolution.names.parse_name` (its parses are kept), for
        the countries an actor's names name (:func:`country_named`).
    record_country : mapping, optional
        initiative_id → the one country its record works in, for a state body that neither its
        mentions nor its names locate (:func:`country_of_records`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> m = pd.DataFrame({"actor_id": ["a", "a"], "initiative_id": ["i1", "i2"],
    ...                   "name": ["Blue Shore", "Blue Shore Fdn"], "role": ["lead", "partner"],
    ...                   "actor_type": ["ngo", "unknown"], "country": ["FJI", None]})
    >>> variants = pd.DataFrame({"name": ["Blue Shore", "Blue Shore Fdn"], "actor_id": "a"})
    >>> result = SimpleNamespace(actors={"a": {"name": "Blue Shore Foundation", "actor_type": None,
    ...                                        "country": None, "org_ref": None}})
    >>> actor_table(m, variants, result)[["actor_id", "actor_type", "country"]].values.tolist()
    [['a', 'ngo', 'FJI']]
    """
    info = result.actors  # actor_id -> dict(name, actor_type, country, org_ref)
    m = m[["actor_id", "initiative_id", "name", "role", "actor_type", "country"]]  # what is read
    ids = m["actor_id"].tolist()
    types = [t if t != "unknown" else None for t in m["actor_type"].tolist()]
    lead_type = _mode(ids, [t if r == "lead" else None for t, r in zip(types, m["role"].tolist())])
    any_type = _mode(ids, types)
    stated = m["country"].tolist()
    country = _mode(ids, stated)
    voted = _mode(ids, mention_countries(m["name"].tolist(), stated, parse))
    initiatives: dict[str, set] = {}  # where each actor works (not where it funds from)
    for a, i, r in zip(ids, m["initiative_id"].tolist(), m["role"].tolist()):
        if r not in DONOR_ROLES:
            initiatives.setdefault(a, set()).add(i)
    v = variants.dropna(subset=["actor_id"])
    names: dict[str, set] = {}
    for a, n in zip(v["actor_id"].tolist(), v["name"].tolist()):
        names.setdefault(a, set()).add(n)
    # Figures show the name the registry's users write most ("UNEP"); the official name goes
    # beside it. A generic name kept apart per country keeps its context ("Ministry of
    # Environment (Fiji)"), or ten actors would show as one name.
    # (each name as written, without the type labels and notes the registry added: "(NGO)")
    shown = {n: without_notes(n, parse(n).type_labels) for n in set(m["name"].dropna().tolist())}
    written = most_written(m.assign(name=m["name"].map(shown)),
                           {a: d["name"] for a, d in info.items()})
    in_context = {}
    if "context" in v:
        for a, c in zip(v["actor_id"].tolist(), v["context"].tolist()):
            if isinstance(c, str) and c:
                in_context.setdefault(a, c)
    columns: dict[str, list] = {c: [] for c in empty_frame("actors").columns}
    for a in sorted(info):
        d = info[a]
        actor_type = (d["actor_type"] or lead_type.get(a) or any_type.get(a)
                      or _type_from_names(d["name"], names.get(a, set()),
                                          country.get(a) or d["country"]))
        row = {
            "actor_id": a, "name": _shown_name(d["name"], in_context[a]) if a in in_context
            else written.get(a, d["name"]),
            "official_name": d["name"],
            # A known body's or a country's type comes from reference data first: the
            # registries mistype them (the SDG platform lists UNDP and UNEP as
            # "Local / Regional Government").
            "actor_type": actor_type,
            # a known body's country is the table's (none for the EU or FAO): one "FAO
            # Honduras" among eighty mentions locates an office, not the organisation
            # an international body's offices name countries ("UNDP Comoros"); a national
            # body's mentions that name its country outvote one that states another
            "country": d["country"] if d.get("known_body") else (
                (country if actor_type in MULTILATERAL_TYPES else voted).get(a) or d["country"]),
            "org_ref": d["org_ref"],
            "source_names": " | ".join(sorted(names.get(a, ()))) or None,
        }
        if row["country"] is None and not d.get("known_body") \
                and row["actor_type"] not in MULTILATERAL_TYPES:
            row["country"] = country_named(d["name"], names.get(a, set()), parse)
            if row["country"] is None and record_country and row["actor_type"] in STATE_TYPES:
                row["country"] = country_of_records(initiatives.get(a, ()), record_country)
        for c, values in columns.items():
            values.append(row.get(c))
    return pd.DataFrame(columns) if info else pd.DataFrame([], columns=list(columns))


#: Actor types of a state's own bodies: one that no mention or name locates is the state's
#: whose records it works in, when they all lie in one country (:func:`country_of_records`).
STATE_TYPES = frozenset({"government", "local_government"})
#: Fewest records that locate a state body by where they work.
MIN_RECORDS = 3
#: Roles of a donor's side of an aid activity (IATI): a ministry that funds, extends or
#: reports activities in Indonesia works from Spain, so such ties locate no one.
DONOR_ROLES = frozenset({"funding", "accountable", "extending", "reporting", "provider"})


def country_of_records(initiatives: set, record_country: Mapping[str, str]) -> str | None:
    """The one country all of a state body's records work in, when it has :data:`MIN_RECORDS`
    records or more and each works in that country alone; else None.

    The Dominican ministry of the environment is written without its country in 33 Ocean
    records, each of them a Dominican commitment; a donor's ministry works in many countries,
    and its funding, accountable, extending and reporting ties (:data:`DONOR_ROLES`) are not
    counted: Spain's ministry of economy extends 40 activities in Indonesia from Madrid.

    Examples
    --------
    >>> where = {"i1": "DOM", "i2": "DOM", "i3": "DOM", "i4": "HTI"}
    >>> country_of_records({"i1", "i2", "i3"}, where), country_of_records({"i1", "i2", "i4"}, where)
    ('DOM', None)
    >>> country_of_records({"i1", "i2"}, where), country_of_records({"i1", "i2", "i5"}, where)
    (None, None)
    """
    found = {record_country.get(i) for i in initiatives}
    return next(iter(found)) if len(initiatives) >= MIN_RECORDS and len(found) == 1 \
        and None not in found else None


def mention_countries(names: list, stated: list, parse: Callable[[str], ParsedName] = parse_name
                      ) -> list:
    """Each mention's country: the one it states, else the one country its name names.

    A name that names its country ("Instituto del Mar del Perú", "Finnish Meteorological
    Institute") is evidence of the actor's country as good as a stated one: the mode over
    both lets eight mentions that name Portugal outvote one "(IPMA) Slovenia" where the
    next item's country ran on. A name that is a country and nothing else votes for none,
    nor does the country a loader read from it ("SGP" written alone, stated as Singapore):
    the resolver made it that country's government, or kept it apart as an acronym (the
    GEF Small Grants Programme's SGP).

    Examples
    --------
    >>> mention_countries(["Instituto del Mar del Perú", "IMARPE", "Blue Ventures", "SGP"],
    ...                   [None, "CPV", None, "SGP"])
    ['PER', 'CPV', None, None]
    """
    out = []
    for n, c in zip(names, stated):
        p = parse(n) if isinstance(n, str) else None
        c = c if isinstance(c, str) and c else None
        if p is not None and (p.country or n.strip() == c):  # "Singapore", "DRC"; "SGP" as SGP
            out.append(None)
        elif c:
            out.append(c)
        else:
            out.append(next(iter(p.countries)) if p is not None and len(p.countries) == 1
                       else None)
    return out


def country_named(name: str, variants: set, parse: Callable[[str], ParsedName] = parse_name
                  ) -> str | None:
    """The one country an actor's names name, or None: "Fisheries and Oceans Canada",
    "Swedish Agency for Marine and Water Management", "WWF Colombia".

    Read where no mention states the actor's country. A name that is a country and nothing
    else ("DRC") is left out: where it named a country the resolver made the actor that
    country; where it did not, it is an organisation's acronym (the Danish Refugee Council).
    Names that name two countries ("Embassy of France in Kenya") or disagree give none.

    Examples
    --------
    >>> country_named("Fisheries and Oceans Canada", {"DFO Canada"}), country_named("Blue Ventures", set())
    ('CAN', None)
    >>> country_named("Embassy of France in Kenya", set()), country_named("Danish Refugee Council", {"DRC"})
    (None, 'DNK')
    """
    found: set[str] = set()
    for n in {name, *variants}:
        p = parse(n)
        if not p.country:
            found.update(p.countries)
    return next(iter(found)) if len(found) == 1 else None


def _type_from_names(name: str, variants: set, actor_country: str | None) -> str:
    """The type an actor's names give (:func:`type_of_names`, its name first). A name that
    reads as a country ("DRC") types no actor the resolver kept apart from every country (the
    Danish Refugee Council of a 3W sheet): it is an organisation's acronym there."""
    names = [name, *sorted(variants - {name})[:3]]
    if not isinstance(actor_country, str) or not actor_country:
        names = [n for n in names if type_evidence(n)[1] != "country"]
    return type_of_names(names)


def _shown_name(name: str, context: str) -> str:
    """A generic name kept apart in one record shows that record: "Ministry of Sea (record 41234)";
    one kept apart in a country already carries it ("Ministry of Environment (Fiji)")."""
    if context.startswith(UNKNOWN_COUNTRY) and len(context) > len(UNKNOWN_COUNTRY):
        return f"{name} (record {context[len(UNKNOWN_COUNTRY):].rsplit('/', 1)[-1]})"
    return name
