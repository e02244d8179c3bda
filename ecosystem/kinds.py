"""Registry kinds: what a registry holds, and the defaults that follow from it.

Each loader writes the ``kind`` of its initiatives (``initiatives.kind``); a
registry's kind is the kind most of its initiatives have. The kind says what
a tie between two actors means and which cells the coordination measures read:

============  =========================================  ===========================  ====================
kind          holds                                      actor network                cells (level × place)
============  =========================================  ===========================  ====================
partnership   partnerships with members (SDG platform)   co-membership                SDG target × country
presence      who does what where (OCHA 3W/4W)           co-presence in place×sector  sector × admin1
activity      aid activities with roles, transactions    co-participation             DAC sector × country
grant         funder → recipient grants (360Giving)      funding flows                (none: no SDG data)
link          a drawn network (node/edge sheet, JSON)    the sheet's links            (none: no facets)
============  =========================================  ===========================  ====================

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(initiatives=pd.DataFrame({
...     "initiative_id": ["a", "b", "c"], "registry": "r", "record_id": ["1", "2", "3"],
...     "kind": ["presence", "presence", "activity"]}))
>>> registry_kind(reg)
'presence'
>>> KINDS["presence"].settings["level"], KINDS["presence"].network, KINDS["grant"].records
('sector', 'co-presence', 'grants')
>>> registry_kind(Registry.empty())
'partnership'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ecosystem.model import Registry

__all__ = ["KINDS", "MIN_GOAL_SHARE", "RegistryKind", "goal_records", "registry_kind"]


@dataclass(frozen=True)
class RegistryKind:
    """What a kind of registry holds and how the report reads it.

    Attributes
    ----------
    name : str
        The initiatives' ``kind`` value.
    holds : str
        What the registry records, in words (printed by the report).
    network : str
        What a tie between two actors is: ``co-membership``, ``co-presence``,
        ``co-participation``, ``funding`` or ``link``.
    tie_meaning : str
        The tie in words, for findings and methods.
    settings : dict
        Default ``[analysis]`` settings (a study file's own keys win).
    records, record : str
        What one row of ``initiatives`` is, in words, plural and singular
        ("grants", "grant"): the report counts in them.
    """

    name: str
    holds: str
    network: str
    tie_meaning: str
    settings: dict = field(default_factory=dict)
    records: str = "initiatives"
    record: str = "initiative"


#: The registry kinds, by ``initiatives.kind``.
KINDS = {
    "partnership": RegistryKind(
        "partnership", "partnerships with members (SDG partnership platform)", "co-membership",
        "two actors are tied when they are members of the same initiative",
        {"place_kind": "country", "level": "target"}),
    "presence": RegistryKind(
        "presence", "who does what where (3W/4W): organisations present by place and sector",
        "co-presence",
        "two organisations are tied when they work in the same place and sector",
        {"place_kind": "admin1", "level": "sector"}, "presence records", "presence record"),
    "activity": RegistryKind(
        "activity", "aid activities with participating organisations, roles and transactions",
        "co-participation",
        "two organisations are tied when they take part in the same activity",
        {"place_kind": "country", "level": "sector", "vocabulary": "dac_sector"}, "activities",
        "activity"),
    "grant": RegistryKind(
        "grant", "grants: funder → recipient flows with amounts", "funding",
        "a funder is tied to each recipient it funds",
        {"place_kind": "country", "level": "target"}, "grants", "grant"),
    "link": RegistryKind(
        "link", "a network already drawn: organisations and the links between them "
        "(a node/edge sheet or node-link JSON)", "link",
        "two organisations are tied when the sheet links them",
        {"place_kind": "country", "level": "target"}, "links", "link"),
}


def registry_kind(reg: Registry) -> str:
    """The kind most of ``reg``'s initiatives have (``"partnership"`` when empty).

    Ties go to the kind listed first in :data:`KINDS`.
    """
    counts = reg.initiatives["kind"].value_counts()
    known = [k for k in KINDS if counts.get(k, 0) > 0]
    if not known:
        return "partnership"
    return max(known, key=lambda k: (counts[k], -list(KINDS).index(k)))


#: Share of the records that must name an SDG goal (or target) for the measures that read
#: what actors and communities work on by goal: the stakeholder map's interest axis and the
#: community labels (else by sector). The IATI multi-publisher extract tags 5 of 100.
MIN_GOAL_SHARE = 0.5


def goal_records(reg: Registry) -> int:
    """How many of ``reg``'s records name an SDG goal or target.

    >>> import pandas as pd
    >>> reg = Registry.from_frames(
    ...     initiative_goals=pd.DataFrame({"initiative_id": ["a"], "goal": [14]}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["a", "b"], "goal": 14,
    ...                                      "target": ["14.1", "14.2"]}))
    >>> goal_records(reg)
    2
    """
    return len(set(reg.initiative_goals["initiative_id"])
               | set(reg.initiative_targets["initiative_id"]))
