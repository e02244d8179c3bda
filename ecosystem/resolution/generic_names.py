"""Generic names of national bodies, and the country a mention of one refers to.

"Ministry of Environment" or "Ministry of Foreign Affairs" written without a
country names a different ministry in every record that uses it. Merged by
name alone they become a false hub linking Fiji's, Samoa's and Chile's
commitments. Resolution therefore reads such a mention together with the
country of its record (:func:`record_countries`): the record's only country
place (a ministry named in a project in Belize is Belize's, whoever leads it),
else the lead's country when the lead names one ("Government of Fiji",
"Department of Environment, Fiji"). The mention is then resolved like
"Ministry of Environment (Fiji)"; with no record country it is resolved as a
ministry of unknown country (:data:`UNKNOWN_COUNTRY`) and joins no
country's ministry.

A name is generic (:func:`is_generic`) when it has a head word of a state body
("ministry", "department", "directorate", "agency", …), no country, no known
body, and every other word is common in the registry (used by at least
:data:`COMMON_IN` distinct names) — "Ministry of Earth Sciences" is generic,
"Lagos State Ministry of Environment" is not.

Examples
--------
>>> from ecosystem.resolution.names import parse_name
>>> common = frozenset({"environment", "foreign", "affairs"})
>>> is_generic(parse_name("Ministry of Environment"), common)
True
>>> is_generic(parse_name("Ministry of Environment, Fiji"), common)
False
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd

from ecosystem.model import Registry
from ecosystem.resolution.names import ParsedName

__all__ = ["COMMON_IN", "HEAD_WORDS", "UNKNOWN_COUNTRY", "common_words", "is_generic",
           "record_countries"]

#: Country code used for a generic name whose record gives no country.
UNKNOWN_COUNTRY = "?"
#: A word used by at least this many distinct names is common.
COMMON_IN = 5

#: Head words of bodies of a state.
HEAD_WORDS = frozenset(
    "ministry ministries ministerio ministere ministero ministerie viceministerio "
    "department departamento departement directorate direction direccion direcao "
    "secretaria agency agencia authority autoridad bureau service servicio navy armada "
    "government gobierno municipality municipalidad".split()
)


def common_words(parsed: list[ParsedName], at_least: int = COMMON_IN) -> frozenset[str]:
    """Words used by at least ``at_least`` distinct names.

    >>> from ecosystem.resolution.names import parse_name
    >>> names = [parse_name(n) for n in ("Ministry of Fisheries", "Ministry of Health", "WWF")]
    >>> sorted(common_words(names, at_least=2))
    ['ministry']
    """
    df = Counter(t for p in {p.key: p for p in parsed}.values() for t in set(p.tokens))
    return frozenset(t for t, c in df.items() if c >= at_least)


def is_generic(p: ParsedName, common: frozenset[str]) -> bool:
    """True for a state body named without anything that says which state's."""
    toks = p.tokens
    if not toks or p.countries or p.numbers or any(":" in t for t in toks):
        return False
    heads = [t for t in toks if t in HEAD_WORDS]
    return bool(heads) and all(t in common or t in HEAD_WORDS for t in toks)


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
    leads = m[m["role"] == "lead"]
    by_name = {n: lead_country_of(n) for n in set(leads["name"])}
    own = leads["country"].astype(object).where(leads["country"].notna(), None)
    lead_iso = [o if isinstance(o, str) else by_name[n] for n, o in zip(leads["name"], own)]
    lead = pd.Series(lead_iso, index=leads["initiative_id"].to_numpy()).dropna()
    lead = lead[~lead.index.duplicated()]
    pl = reg.initiative_places
    pl = pl[pl["kind"] == "country"]
    n = pl.groupby("initiative_id")["place"].nunique()
    one = pl[pl["initiative_id"].isin(n[n == 1].index)].drop_duplicates("initiative_id")
    place = pd.Series(one["place"].to_numpy(), index=one["initiative_id"].to_numpy())
    return place.combine_first(lead) if len(lead) else place
