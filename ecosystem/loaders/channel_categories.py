"""Organisations named by a channel-of-delivery category: none, or the recipient's state.

IATI publishers, and the 3W sheets made from their files, write a category of the
OECD's channels of delivery where they do not name the organisation
(:mod:`ecosystem.reference.crs_channels`): in the Sierra Leone IATI sheet "Donor
country-based NGO" implements 18 activities, and was read as one of its busiest NGOs.
:func:`read_channel_categories` reads such names for what they say:

* "Recipient Government" is the government of the country the record works in,
  when it names exactly one country: "Government of Sierra Leone", typed as a
  government, in that country;
* any other category ("Donor country-based NGO", "International NGO", a
  recipient government of a record in several countries or none) names no
  organisation: its mentions go to ``unresolved`` with the reason "generic", and a
  flow's party loses the name (the flow stays, its other party known).

A name with an identifier of its own (an ``org_ref``: a drawn network's node, a
registered body) is left as written.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     initiatives=pd.DataFrame({"initiative_id": ["a", "b"], "registry": "demo",
...                               "record_id": ["a", "b"], "kind": "activity"}),
...     initiative_places=pd.DataFrame({"initiative_id": ["a"], "place": ["SLE"],
...                                     "kind": ["country"], "name": ["Sierra Leone"]}),
...     mentions=pd.DataFrame({"initiative_id": ["a", "b", "b"], "role": "implementing",
...                            "name": ["Recipient Government", "Donor country-based NGO",
...                                     "Oxfam GB"], "actor_type": "unknown",
...                            "registry": "demo", "record_id": ["a", "b", "b"]}))
>>> out = read_channel_categories(reg)
>>> out.mentions[["name", "actor_type", "country"]].values.tolist()
[['Government of Sierra Leone', 'government', 'SLE'], ['Oxfam GB', 'unknown', <NA>]]
>>> out.unresolved[["text", "reason"]].values.tolist()
[['Donor country-based NGO', 'generic']]
"""
from __future__ import annotations

import pandas as pd

from ecosystem.loaders.unnamed_parties import set_aside
from ecosystem.model import Registry
from ecosystem.reference.countries import country_name
from ecosystem.reference.crs_channels import RECIPIENT_GOVERNMENT, channel_category

__all__ = ["read_channel_categories"]


def _recipient_governments(reg: Registry) -> dict[str, tuple[str, str]]:
    """Initiative → (its government's name, ISO3), for the records placed in one country."""
    places = reg.initiative_places
    countries = (places.loc[places["kind"] == "country", ["initiative_id", "place"]]
                 .drop_duplicates())
    one = countries.groupby("initiative_id")["place"].agg(list)
    return {iid: (f"Government of {country_name(c[0]) or c[0]}", c[0])
            for iid, c in one.items() if len(c) == 1}


def read_channel_categories(reg: Registry) -> Registry:
    """``reg`` with the mentions and flow parties named by a channel category read as the
    module notes say (the registry itself when none is)."""
    m = reg.mentions
    names = m.loc[m["org_ref"].isna(), "name"].dropna().unique().tolist()
    codes = {n: c for n in names if (c := channel_category(n))}
    f = reg.flows
    flow_names = set(f["provider_name"].dropna()) | set(f["receiver_name"].dropna())
    codes.update({n: c for n in flow_names if (c := channel_category(n))})
    if not codes:
        return reg
    governments = _recipient_governments(reg)

    def government(name: str, iid: str) -> tuple[str, str] | None:
        return governments.get(iid) if codes.get(name) == RECIPIENT_GOVERNMENT else None

    m = m.copy()
    named = m["name"].isin(codes.keys()) & m["org_ref"].isna()
    found = [government(n, i)
             for n, i in zip(m.loc[named, "name"], m.loc[named, "initiative_id"])]
    state = pd.Series([g is not None for g in found], index=m.index[named], dtype=bool)
    to_state = state[state].index
    m.loc[to_state, "name"] = [g[0] for g in found if g is not None]
    m.loc[to_state, "country"] = [g[1] for g in found if g is not None]
    m.loc[to_state, "actor_type"] = "government"
    flows = f.copy()
    for side in ("provider", "receiver"):
        col = flows[f"{side}_name"]
        hit = col.isin(codes.keys()) & flows[f"{side}_ref"].isna()
        new = [government(n, i) for n, i in zip(col[hit], flows.loc[hit, "initiative_id"])]
        flows.loc[hit, f"{side}_name"] = [g[0] if g else n for g, n in zip(new, col[hit])]
    # the categories left (no recipient government to name) name no organisation
    return set_aside(reg.replace(mentions=m, flows=flows), dict.fromkeys(codes, "generic"))
