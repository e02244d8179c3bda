"""Initiatives per country, by North–South category, with the country's group.

:func:`partnerships_by_country` counts, for every country an initiative's actors
(or places) are in, the initiatives of each category of
:func:`~ecosystem.measures.power.geography.north_south`, beside the country's
development group, SIDS and LDC flags from the authored table ``data/countries.csv``.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.geography import CATEGORIES, CATEGORY_WORDS, north_south
from ecosystem.model import Registry
from ecosystem.reference.countries import country_groups

__all__ = ["partnerships_by_country"]


def partnerships_by_country(reg: Registry, *, use_places: bool = True,
                            lead_roles: Sequence[str] = ("lead",),
                            dormant: str = "include") -> pd.DataFrame:
    """Initiatives per country, by category, with the country's group.

    Returns
    -------
    DataFrame
        One row per country appearing in an initiative: ``country`` (ISO3),
        ``name``, ``development_group``, ``sids``, ``ldc``, ``initiatives``
        (where the country is an actor's or, with ``use_places``, a place),
        one count column per category in :data:`CATEGORIES` (except
        unclassified), ``explanation``. Most initiatives first.

    Examples
    --------
    The registry of :func:`~ecosystem.measures.power.geography.north_south`: Kenya takes part in four
    initiatives (one as a place only):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": list("123451123"), "actor_id": list("knkxntnkt"),
    ...                      "role": ["lead"] * 5 + ["partner"] * 4, "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("kntx"), "name": list("KNTX"),
    ...                          "actor_type": ["ngo", "government", "ngo", "ngo"],
    ...                          "country": ["KEN", "NOR", "TZA", None]}),
    ...     initiatives=pd.DataFrame({"initiative_id": list("12345"), "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ["5"], "place": "KEN",
    ...                                     "kind": "country"}))
    >>> by_country = partnerships_by_country(reg)
    >>> by_country[["country", "development_group", "initiatives", "north-south", "triangular"]]
      country development_group  initiatives  north-south  triangular
    0     KEN        developing            4            2           1
    1     NOR         developed            3            2           1
    2     TZA        developing            2            0           1
    """
    ns = north_south(reg, use_places=use_places, lead_roles=lead_roles, dormant=dormant)
    long = []
    for col in ("north_countries", "south_countries"):
        s = ns[["initiative_id", "category", col]].rename(columns={col: "country"})
        s = s[s["country"] != ""]
        s = s.assign(country=s["country"].str.split("|")).explode("country")
        long.append(s)
    long = pd.concat(long, ignore_index=True)
    if long.empty:
        raise AnalysisError("partnerships_by_country: no actor or place has a known country "
                            "(actors' country column and country places are empty)")
    wide = long.groupby(["country", "category"]).size().unstack(fill_value=0)
    cats = [c for c in CATEGORIES if c != "unclassified"]
    wide = wide.reindex(columns=cats, fill_value=0)
    wide.insert(0, "initiatives", long.groupby("country")["initiative_id"].nunique())
    ref = country_groups().set_index("iso3")[["name", "development_group", "sids", "ldc"]]
    out = ref.reindex(wide.index).join(wide).reset_index(names="country")
    out = out.sort_values(["initiatives", "country"], ascending=[False, True], kind="stable")
    out["explanation"] = [
        f"{nm} ({dg}) appears in {k} initiative{'' if k == 1 else 's'}: "
        + ", ".join(f"{r[c]} {CATEGORY_WORDS[c]}" for c in cats if r[c])
        for nm, dg, k, (_, r) in zip(out["name"], out["development_group"], out["initiatives"],
                                     out.iterrows())]
    out["explanation"] = out["explanation"].astype("string")
    return out.reset_index(drop=True)
