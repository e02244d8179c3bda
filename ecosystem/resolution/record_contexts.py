"""Where a record is: the context a name written without a country is read in.

A name written without a country ("Ministry of Environment", "Minister of
Agriculture") is read where its record is: the country written beside the
name (the mention's ``country``), else the record's country
(:func:`record_countries`: its only country place, else its lead's country),
else the record itself (:func:`record_context`). Generic names are kept apart
by this context (:mod:`ecosystem.resolution.generic_names`); a name met in
records of one context only may join a generic name of that context, never
another's (:class:`ecosystem.resolution.matching.Clusters`).

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"initiative_id": ["i1", "i1", "i2"], "role": ["lead", "partner", "partner"],
...                   "name": ["Government of Fiji", "Minister of Agriculture", "Reef Trust"],
...                   "actor_type": "unknown", "registry": "demo", "record_id": ["1", "1", "2"]})
>>> reg = Registry.from_frames(mentions=m)
>>> mention_places(reg, lambda name: "FJI" if "Fiji" in name else None)
['FJI', 'FJI', '?i2']
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ecosystem.model import Registry
from ecosystem.resolution.names import ParsedName

__all__ = ["UNKNOWN_COUNTRY", "context_label", "lead_country", "mention_places",
           "record_context", "record_countries"]

#: Context of a generic name read without any record (:func:`resolve_names` input); a
#: generic name in a record without a country is read in that record alone
#: (:func:`record_context`).
UNKNOWN_COUNTRY = "?"


def record_countries(reg: Registry, lead_country_of: Callable[[str], str | None]) -> pd.Series:
    """initiative_id → the ISO3 country of the record, where it has one.

    Parameters
    ----------
    reg : Registry
        With ``mentions`` and ``initiative_places``.
    lead_country_of : callable
        Name of a lead → its one country (ISO3) or None.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"initiative_id": ["i1", "i2"], "role": "lead", "actor_type": "government",
    ...                   "name": ["Government of Fiji", "Ministry of Environment"],
    ...                   "registry": "demo", "record_id": ["1", "2"]})
    >>> places = pd.DataFrame({"initiative_id": ["i2"], "place": ["WSM"], "kind": "country"})
    >>> reg = Registry.from_frames(mentions=m, initiative_places=places)
    >>> record_countries(reg, lambda name: "FJI" if "Fiji" in name else None).sort_index().to_dict()
    {'i1': 'FJI', 'i2': 'WSM'}
    """
    m = reg.mentions
    leads = m.loc[m["role"] == "lead", ["name", "country", "initiative_id"]]
    lead_names = leads["name"].tolist()
    by_name = {n: lead_country_of(n) for n in set(lead_names)}
    own = leads["country"].astype(object).where(leads["country"].notna(), None)
    lead_iso = [o if isinstance(o, str) else by_name[n] for n, o in zip(lead_names, own.tolist())]
    lead = pd.Series(lead_iso, index=leads["initiative_id"].to_numpy()).dropna()
    lead = lead[~lead.index.duplicated()]
    pl = reg.initiative_places
    pl = pl[pl["kind"] == "country"]
    n = pl.groupby("initiative_id")["place"].nunique()
    one = pl[pl["initiative_id"].isin(n[n == 1].index)].drop_duplicates("initiative_id")
    place = pd.Series(one["place"].to_numpy(), index=one["initiative_id"].to_numpy())
    return place.combine_first(lead) if len(lead) else place


def record_context(initiative_id: str) -> str:
    """The context of a generic name in a record that gives no country: that record.

    >>> record_context("ocean:17")
    '?ocean:17'
    """
    return f"{UNKNOWN_COUNTRY}{initiative_id}"


def context_label(name: str, context: str | None) -> str:
    """The crosswalk's variant for a name read in a context.

    >>> context_label("Ministry of Environment", "FJI"), context_label("Ministry of Environment", "?i4")
    ('Ministry of Environment [FJI]', 'Ministry of Environment [record i4]')
    >>> context_label("Peace Boat", None)
    'Peace Boat'
    """
    if not isinstance(context, str) or not context or context == UNKNOWN_COUNTRY:
        return name
    if context.startswith(UNKNOWN_COUNTRY):
        return f"{name} [record {context[len(UNKNOWN_COUNTRY):]}]"
    return f"{name} [{context}]"


def lead_country(p: ParsedName) -> str | None:
    """The one country a lead's name gives: its country, or its one bracketed country.

    >>> from ecosystem.resolution.names import parse_name
    >>> lead_country(parse_name("Government of Fiji")), lead_country(parse_name("WWF"))
    ('FJI', None)
    """
    cs = p.countries - {UNKNOWN_COUNTRY}
    return p.country or (next(iter(cs)) if len(cs) == 1 else None)


def mention_places(reg: Registry, lead_country_of: Callable[[str], str | None]) -> list[str]:
    """Per mention of ``reg``: the context its record gives a name written without a country.

    The country written beside the name (the mention's ``country``), else the record's
    country (:func:`record_countries`), else the record itself (:func:`record_context`).

    Parameters
    ----------
    reg : Registry
    lead_country_of : callable
        Name of a lead → its one country (ISO3) or None.

    Returns
    -------
    list of str
        In ``reg.mentions`` order.
    """
    m = reg.mentions
    rc_of = record_countries(reg, lead_country_of).to_dict()  # one country per record
    own = (m["country"].astype(object).where(m["country"].notna(), None).tolist()
           if "country" in m else [None] * len(m))
    return [c or rc_of.get(i) or record_context(i)
            for c, i in zip(own, m["initiative_id"].tolist())]
