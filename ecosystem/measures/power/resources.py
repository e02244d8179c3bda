"""Who brings what: resource types declared by initiatives, by the actor type of their lead.

Registries record resources per initiative, not per actor (the Ocean
platform's "Resources" block lists Financing (in USD), Staff / Technical
expertise, In-kind contribution, Other). :func:`resources_by_actor_type`
attributes an initiative's resources to the actor type of its **lead** — the
entity that submitted the commitment and pledged them. An initiative with
several leads gives each lead's type an equal share (1/k); one without a lead
is counted under ``"no lead recorded"``. For a type T and a resource r,

    share_of_type(T, r) = Σ_{initiatives declaring r} w_T / Σ_{initiatives} w_T,

with w_T the share of the initiative's leads of type T. Financing amounts are
read from the details text only when it is a plain amount ("150000", "USD 1.5
million", "$20,000", :func:`parse_usd`); other texts are counted but not
summed.

Examples
--------
a (an NGO) leads i1, which brings USD 1.5 million and staff; b (a
government) and c (an NGO) co-lead i2, which brings $20,000, so each type
gets half of it; i3 has no lead:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1", "i2", "i2", "i3"],
...                      "actor_id": ["a", "b", "c", "c"],
...                      "role": ["lead", "lead", "lead", "partner"], "registry": "r",
...                      "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
...                          "actor_type": ["ngo", "government", "ngo"]}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": "1", "kind": "partnership"}),
...     resources=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
...                             "type": ["financing", "staff_expertise", "financing", "in_kind"],
...                             "details": ["USD 1.5 million", "two experts", "$20,000", None]}))
>>> cols = ["actor_type", "resource_type", "initiatives", "share_of_type", "financing_usd"]
>>> resources_by_actor_type(reg)[cols].round(3)
         actor_type    resource_type  initiatives  share_of_type  financing_usd
0               ngo        financing          1.5            1.0      1510000.0
1        government        financing          0.5            1.0        10000.0
2               ngo  staff_expertise          1.0          0.667            0.0
3  no lead recorded          in_kind          1.0            1.0            0.0
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.model import Registry, require_initiatives

__all__ = ["NO_LEAD", "RESOURCE_TYPES", "parse_usd", "resources_by_actor_type"]

#: Resource types of the model, in report order.
RESOURCE_TYPES = ("financing", "staff_expertise", "in_kind", "other")
#: Actor type under which initiatives without a lead are counted.
NO_LEAD = "no lead recorded"
_WORDS = {"financing": "financing", "staff_expertise": "staff or technical expertise",
          "in_kind": "in-kind contributions", "other": "other resources"}

_AMOUNT = re.compile(
    r"^\s*(?:usd|us\$|\$|us dollars?)?\s*(\d{1,3}(?:[,\s]\d{3})+|\d+)(?:\.(\d+))?\s*"
    r"(million|mn|m|billion|bn|thousand|k)?\s*(?:usd|us\$|us dollars?|dollars?)?\s*\.?\s*$",
    re.IGNORECASE)
_SCALE = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3,
          "k": 1e3}


def parse_usd(text: object) -> float | None:
    """A plain amount in US dollars from a financing details text, else None.

    Examples
    --------
    >>> parse_usd("1785000"), parse_usd("USD 1.5 million"), parse_usd("$20,000")
    (1785000.0, 1500000.0, 20000.0)
    >>> parse_usd("about 3 staff") is None
    True
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    m = _AMOUNT.match(str(text))
    if not m:
        return None
    whole = re.sub(r"[,\s]", "", m.group(1))
    value = float(whole + ("." + m.group(2) if m.group(2) else ""))
    return value * _SCALE.get((m.group(3) or "").lower(), 1.0)


def resources_by_actor_type(reg: Registry, *, lead_roles: Sequence[str] = ("lead",),
                            dormant: str = "include") -> pd.DataFrame:
    """Resource types declared by initiatives, by the actor type of their lead.

    Parameters
    ----------
    reg : Registry
    lead_roles : tuple of str
        Roles that count as leading.
    dormant : {"include", "exclude"}

    Returns
    -------
    DataFrame
        One row per (actor_type, resource_type) with at least one initiative:
        ``actor_type`` (of the lead, or ``"no lead recorded"``),
        ``resource_type``, ``initiatives`` (initiatives declaring the resource,
        weighted 1/k for k leads), ``initiatives_led`` (all initiatives led by
        the type, same weighting), ``share_of_type`` (initiatives /
        initiatives_led), ``share_of_resource`` (the type's part of all
        initiatives declaring the resource), ``financing_usd`` (sum of the
        plain amounts read, financing rows only, else 0),
        ``financing_amounts`` (how many amounts were read), ``explanation``.

    Examples
    --------
    The registry of the module docstring: the NGO type leads 1 + 1/2
    initiatives, and the staff of i1 is on 1 of them:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i2", "i2"], "actor_id": ["a", "b", "c"],
    ...                      "role": "lead", "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": ["ngo", "government", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     resources=pd.DataFrame({"initiative_id": ["i1", "i1", "i2"], "details": None,
    ...                             "type": ["financing", "staff_expertise", "financing"]}))
    >>> table = resources_by_actor_type(reg)
    >>> for part in table["explanation"][2].split("; "):
    ...     print(part)
    1 of the 1.5 initiatives led by ngo actors (67%) declare staff or technical expertise
    100% of all initiatives declaring it
    """
    require_initiatives(reg, "resources_by_actor_type")
    reg = filter_registry(reg, dormant=dormant)
    if reg.resources.empty:
        raise AnalysisError("resources_by_actor_type: the registry records no resources "
                            "(table resources is empty)")
    types = reg.actors.set_index("actor_id")["actor_type"]
    leads = reg.ties[reg.ties["role"].isin(list(lead_roles))][["initiative_id", "actor_id"]]
    leads = leads.drop_duplicates()
    leads = leads.assign(actor_type=types.reindex(leads["actor_id"]).to_numpy())
    leads["w"] = 1.0 / leads.groupby("initiative_id")["actor_id"].transform("size")
    no_lead = reg.initiatives.loc[~reg.initiatives["initiative_id"].isin(leads["initiative_id"]),
                                  ["initiative_id"]]
    share = pd.concat([leads[["initiative_id", "actor_type", "w"]],
                       no_lead.assign(actor_type=NO_LEAD, w=1.0)], ignore_index=True)
    led = share.groupby("actor_type")["w"].sum()
    res = reg.resources.copy()
    res["usd"] = np.array([parse_usd(d) if t == "financing" else None
                           for t, d in zip(res["type"], res["details"])], dtype=float)
    per_init = (res.groupby(["initiative_id", "type"])
                .agg(usd=("usd", "sum"), amounts=("usd", "count"))
                .reset_index().rename(columns={"type": "resource_type"}))
    j = per_init.merge(share, on="initiative_id")
    j["usd"] *= j["w"]
    out = (j.groupby(["actor_type", "resource_type"])
           .agg(initiatives=("w", "sum"), financing_usd=("usd", "sum"),
                financing_amounts=("amounts", "sum"))
           .reset_index())
    out["initiatives_led"] = led.reindex(out["actor_type"]).to_numpy()
    out["share_of_type"] = out["initiatives"] / out["initiatives_led"]
    out["share_of_resource"] = out["initiatives"] / out.groupby("resource_type")[
        "initiatives"].transform("sum")
    out["explanation"] = [
        f"{k:g} of the {n:g} initiatives led by {t.replace('_', ' ')} actors ({s:.0%}) declare "
        f"{_WORDS.get(r, r)}; {sr:.0%} of all initiatives declaring it"
        + (f"; {int(a)} plain amount{'' if int(a) == 1 else 's'} total USD {u:,.0f}" if r == "financing" and a else "")
        for t, r, k, n, s, sr, u, a in zip(
            out["actor_type"], out["resource_type"], out["initiatives"].round(2),
            out["initiatives_led"].round(2), out["share_of_type"], out["share_of_resource"],
            out["financing_usd"], out["financing_amounts"])]
    out["_r"] = out["resource_type"].map({r: i for i, r in enumerate(RESOURCE_TYPES)}).fillna(9)
    out = out.sort_values(["_r", "initiatives", "actor_type"], ascending=[True, False, True],
                          kind="stable").drop(columns="_r")
    cols = ["actor_type", "resource_type", "initiatives", "initiatives_led", "share_of_type",
            "share_of_resource", "financing_usd", "financing_amounts", "explanation"]
    out = out[cols].astype({"actor_type": "string", "resource_type": "string",
                            "financing_amounts": "int64", "explanation": "string"})
    return out.reset_index(drop=True)
