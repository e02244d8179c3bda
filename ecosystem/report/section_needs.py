"""What each report section needs from a registry, and why it is left out without it.

A section runs only where the registry holds what it reads: ties between
actors for the network sections, SDG goals for the Agreement Matrix and the
stakeholder map, flows for the funding sections, cells of the study's level
(target, goal or sector) × place kind for overlap. Otherwise the report says
in one line why the section is left out (:func:`left_out`), instead of
printing empty tables, blank heatmaps or "1 communities (modularity 0.00)".

Examples
--------
A grants registry (360Giving) has no ties between actors, only funder →
recipient flows, and no SDG goals:

>>> import pandas as pd
>>> from ecosystem.measures.context import Analysis
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     initiatives=pd.DataFrame({"initiative_id": ["g1"], "registry": "r",
...                               "record_id": ["1"], "kind": "grant"}))
>>> print(left_out("brokers", Analysis(reg)))
a grants registry records funder → recipient flows, not partnerships between actors: see Funding
>>> print(left_out("stakeholders", Analysis(reg)))
the registry records no SDG goals, so there is no interest axis
>>> left_out("overview", Analysis(reg)) is None
True

With one funder, leadership and participation are that funder's choices:

>>> ties = pd.DataFrame({"initiative_id": ["g1", "g1"], "actor_id": ["trust", "school"],
...                      "role": ["lead", "recipient"], "registry": "r", "record_id": "1"})
>>> print(left_out("power", Analysis(reg.replace(ties=ties))))
with one funder, who leads and who takes part are that funder's grants: see Funding for how they are shared
"""
from __future__ import annotations

from ecosystem.errors import AnalysisError
from ecosystem.graphs.sector_themes import sector_vocabulary
from ecosystem.kinds import MIN_GOAL_SHARE, goal_records
from ecosystem.measures.context import Analysis
from ecosystem.measures.time import time_not_assessed

__all__ = ["NEEDS", "left_out"]

#: What each section reads, in words (the keys :func:`left_out` checks).
NEEDS = {
    "overview": (),
    "funding": ("flows with amounts",),
    "hubs": ("ties between actors",),
    "brokers": ("ties between actors",),
    "structure": ("ties between actors",),
    "overlap": ("cells",),
    "gaps": ("cells",),
    "power": ("ties",),
    "agreement": ("ties between actors", "goals"),
    "resilience": ("ties between actors",),
    "flows": ("flows",),
    "stakeholders": ("goals",),
    "time": ("dates",),
}


def _network_reason(a: Analysis) -> str | None:
    if a.kind.network == "funding":
        return ("a grants registry records funder → recipient flows, not partnerships "
                "between actors: see Funding")
    try:
        edges = a.projection.ecount()
    except AnalysisError as exc:  # e.g. a 3W with no sectors or no admin1 areas
        return str(exc)
    if edges == 0:
        what = {"co-presence": "works in the same place and sector as another",
                }.get(a.kind.network, "shares an initiative with another")
        return f"no actor {what}, so there is no network between actors"
    return None


def _cells_reason(a: Analysis) -> str | None:
    s = a.settings
    reg = a.reg
    if s.level in ("target", "goal"):
        table = reg.initiative_targets if s.level == "target" else reg.initiative_goals
        if table.empty:
            return f"the registry records no SDG {s.level}s, so there are no {s.level} × place cells"
        with_level = set(table["initiative_id"])
    else:
        try:  # the same sectors every cell measure reads
            vocab = sector_vocabulary(reg, s.vocabulary, "sector × place cells")
        except AnalysisError as exc:
            return str(exc)
        themes = reg.initiative_themes
        with_level = set(themes.loc[themes["vocabulary"] == vocab, "initiative_id"])
    places = reg.initiative_places
    placed = set(places.loc[places["kind"] == s.place_kind, "initiative_id"])
    if not placed:
        return f"the registry records no places of kind {s.place_kind!r}"
    if not with_level & placed:
        return f"no initiative has both a {s.level} and a place of kind {s.place_kind!r}"
    return None


def left_out(name: str, a: Analysis) -> str | None:
    """Why section ``name`` is left out for ``a``'s registry, or None when it runs."""
    needs = NEEDS.get(name, ())
    reg = a.reg
    if reg.initiatives.empty:
        return "the registry holds no initiatives"
    if "ties between actors" in needs:
        reason = _network_reason(a)
        if reason:
            return reason
    if "goals" in needs and reg.initiative_goals.empty and reg.initiative_targets.empty:
        if name == "stakeholders":
            return "the registry records no SDG goals, so there is no interest axis"
        return "the registry records no SDG goals, so agreement on goals cannot be measured"
    if name == "stakeholders":
        tagged = goal_records(reg)
        if tagged < MIN_GOAL_SHARE * len(reg.initiatives):
            # interest is the share of an actor's records on the goal: untagged ones read as none
            return (f"only {tagged:,} of the {len(reg.initiatives):,} {a.kind.records} record an "
                    "SDG goal, too few to read each actor's interest in one")
    if "flows" in needs and reg.flows.empty:
        return "the registry records no flows between actors"
    if "flows with amounts" in needs and not reg.flows["amount"].notna().any():
        return "the registry records no flows with amounts"
    if "cells" in needs:
        return _cells_reason(a)
    if "dates" in needs:
        return time_not_assessed(reg, a.as_of)
    if "ties" in needs and reg.ties.empty:
        return "the registry records no actors in its initiatives"
    if name == "power" and a.kind.network == "funding" and _funders(a) == 1:
        return ("with one funder, who leads and who takes part are that funder's grants: "
                "see Funding for how they are shared")
    return None


def _funders(a: Analysis) -> int:
    """How many actors fund a grant (ties with role lead or funding)."""
    ties = a.reg.ties
    return ties.loc[ties["role"].isin(["lead", "funding"]), "actor_id"].nunique()
