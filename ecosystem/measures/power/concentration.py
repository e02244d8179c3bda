"""Concentration of leadership and participation: Gini, HHI and Lorenz curves.

Who carries the ecosystem? Two quantities are counted per actor:

``leadership`` (``of="leads"``)
    Distinct initiatives the actor leads (a tie with a role in ``lead_roles``,
    by default ``lead``).
``participation`` (``of="ties"``)
    Distinct initiatives the actor takes part in, in any role.

and their concentration is measured over two populations: every actor of the
registry (``over="actor"``; an actor that leads nothing counts with 0), and
actor types (``over="actor_type"``: the sum over the actors of each type
present).

Measures
--------
Gini coefficient (Gini 1912)
    Half the relative mean absolute difference,
    G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ), computed from the sorted values as
    G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), i = 1..n ascending. 0 when every unit
    holds the same, (n − 1)/n when one unit holds everything.
Herfindahl–Hirschman index (Hirschman 1945; Herfindahl 1950)
    HHI = Σ sᵢ² with sᵢ = xᵢ / Σ x, in [1/n, 1]; normalised
    HHI* = (HHI − 1/n) / (1 − 1/n) in [0, 1] (1 when n = 1).
Top-10% share
    Share of the total held by the ⌈n/10⌉ largest units.
Lorenz curve (Lorenz 1905)
    Cumulative share of the total against the cumulative share of units,
    units sorted from smallest to largest; the Gini coefficient is twice the
    area between it and the diagonal.

References
----------
Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Tipografia di Paolo Cuppini.
Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*.
Berkeley: University of California Press.
Herfindahl, O. C. (1950). *Concentration in the Steel Industry*. PhD thesis,
Columbia University.
Lorenz, M. O. (1905). Methods of measuring the concentration of wealth.
*Publications of the American Statistical Association* 9(70), 209–219.

Examples
--------
a leads i1 (with c) and i2 (with d); b leads i3 (with c). Leads per actor are
2, 1, 0, 0: sorted ascending, G = (1·1 + 3·2) / (4·3) = 7/12, and the shares
2/3 and 1/3 give HHI = 5/9:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
...                      "actor_id": ["a", "c", "a", "d", "b", "c"],
...                      "role": ["lead", "partner"] * 3, "registry": "r", "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
...                          "actor_type": ["ngo", "government", "ngo", "academic"]}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
>>> concentration(reg)[["measure", "over", "gini", "hhi", "top10_share"]].round(3)
         measure        over   gini    hhi  top10_share
0     leadership       actor  0.583  0.556        0.667
1     leadership  actor_type  0.444  0.556        0.667
2  participation       actor  0.167  0.278        0.333
3  participation  actor_type  0.333  0.500        0.667
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import memberships
from ecosystem.model import Registry, require_initiatives

#: Non-negative values, one per unit (a list, an array or a Series).
Values = Sequence[float] | np.ndarray | pd.Series

__all__ = ["OF", "OVER", "concentration", "gini", "hhi", "lorenz", "top_share", "unit_values"]

#: What is counted per actor: ``of=`` value → measure name.
OF = {"ties": "participation", "leads": "leadership"}
#: Populations the concentration is measured over.
OVER = ("actor", "actor_type")


def gini(values: Values) -> float:
    """Gini coefficient of non-negative values (Gini 1912); 0.0 when all are zero or n < 2.

    G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), values sorted ascending, i = 1..n.

    Examples
    --------
    Equal shares give 0; one unit holding everything gives (n − 1)/n; for
    1, 2, 3 the formula gives (−2·1 + 0·2 + 2·3) / (3·6) = 2/9:

    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4]), round(gini([1, 2, 3]), 4)
    (0.0, 0.75, 0.2222)
    """
    x = np.sort(np.asarray(values, dtype=float))
    n, total = len(x), x.sum()
    if n < 2 or total == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float(np.sum((2 * i - n - 1) * x) / (n * total))


def hhi(values: Values) -> tuple[float, float]:
    """Herfindahl–Hirschman index Σ sᵢ² and its normalised form (HHI − 1/n)/(1 − 1/n).

    sᵢ = xᵢ / Σ x (Hirschman 1945; Herfindahl 1950). Raises
    :class:`AnalysisError` when no unit has a positive value.

    Examples
    --------
    Shares 1/4, 1/4, 1/2: HHI = 1/16 + 1/16 + 1/4 = 3/8, normalised
    (3/8 − 1/3) / (2/3) = 1/16:

    >>> [round(v, 4) for v in hhi([1, 1, 2])]
    [0.375, 0.0625]
    """
    x = np.asarray(values, dtype=float)
    n, total = len(x), x.sum()
    if n == 0 or total == 0:
        raise AnalysisError("HHI needs at least one unit with a positive value")
    h = float(np.sum((x / total) ** 2))
    return h, (1.0 if n == 1 else (h - 1 / n) / (1 - 1 / n))


def top_share(values: Values, fraction: float = 0.1) -> float:
    """Share of the total held by the ⌈fraction·n⌉ largest values (0.0 when the total is 0).

    Examples
    --------
    Of ten units the largest one (⌈10·0.1⌉ = 1) holds 5 of 14:

    >>> round(top_share([5, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 4)
    0.3571
    """
    x = np.sort(np.asarray(values, dtype=float))[::-1]
    k = max(1, math.ceil(fraction * len(x)))
    return float(x[:k].sum() / x.sum()) if x.sum() else 0.0


def unit_values(reg: Registry, *, of: str = "ties", over: str = "actor",
                lead_roles: Sequence[str] = ("lead",)) -> pd.Series:
    """The counted quantity per unit (actor_id or actor type), zeros included, largest first.

    Examples
    --------
    The registry of the module docstring: a leads two initiatives, b one;
    the NGOs a and c hold four of the six memberships:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "c", "a", "d", "b", "c"],
    ...                      "role": ["lead", "partner"] * 3, "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": ["ngo", "government", "ngo", "academic"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> unit_values(reg, of="leads").to_dict()
    {'a': 2, 'b': 1, 'c': 0, 'd': 0}
    >>> unit_values(reg, over="actor_type").to_dict()
    {'ngo': 4, 'academic': 1, 'government': 1}
    """
    if of not in OF:
        raise AnalysisError(f"unknown of={of!r}: use one of {', '.join(OF)}")
    if over not in OVER:
        raise AnalysisError(f"unknown over={over!r}: use one of {', '.join(OVER)}")
    m = memberships(reg)
    if of == "leads":
        lead = reg.ties[reg.ties["role"].isin(list(lead_roles))]
        m = lead[["actor_id", "initiative_id"]].drop_duplicates()
    per_actor = m.groupby("actor_id").size().reindex(reg.actors["actor_id"], fill_value=0)
    if over == "actor":
        out = per_actor
    else:
        types = reg.actors.set_index("actor_id")["actor_type"].reindex(per_actor.index)
        out = per_actor.groupby(types.to_numpy()).sum()
    out = out.astype("int64").sort_values(ascending=False, kind="stable")
    out.index.name = over
    return out


def concentration(reg: Registry, *, lead_roles: Sequence[str] = ("lead",),
                  dormant: str = "include") -> pd.DataFrame:
    """Gini, HHI and top-10% share of leadership and participation, over actors and actor types.

    Parameters
    ----------
    reg : Registry
    lead_roles : tuple of str
        Roles that count as leading (IATI registries have no ``lead``; use
        e.g. ``("accountable",)`` there).
    dormant : {"include", "exclude"}

    Returns
    -------
    DataFrame
        One row per (measure, over): ``measure`` ("leadership" or
        "participation"), ``over`` ("actor" or "actor_type"), ``gini``, ``hhi``,
        ``hhi_normalised``, ``top10_share``, ``n`` (units), ``total`` (leads or
        memberships), ``explanation``. A measure with nothing to count (no
        lead ties) is left out; :class:`AnalysisError` when nothing is left.

    Examples
    --------
    The registry of the module docstring (formulas there):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "c", "a", "d", "b", "c"],
    ...                      "role": ["lead", "partner"] * 3, "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": ["ngo", "government", "ngo", "academic"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> for part in concentration(reg)["explanation"][0].split("; "):
    ...     print(part)
    The largest of 4 actors holds 67% of the 3 initiatives led
    Gini 0.58, HHI 0.556 (normalised 0.407)
    """
    require_initiatives(reg, "concentration")
    reg = filter_registry(reg, dormant=dormant)
    rows = []
    for of, measure in (("leads", "leadership"), ("ties", "participation")):
        for over in OVER:
            v = unit_values(reg, of=of, over=over, lead_roles=lead_roles)
            if v.sum() == 0:
                continue
            h, hn = hhi(v)
            g, top = gini(v), top_share(v)
            k = max(1, math.ceil(0.1 * len(v)))
            unit = "actors" if over == "actor" else "actor types"
            what = "initiatives led" if of == "leads" else "memberships in initiatives"
            lead3 = ", ".join(f"{u} {c:,}" for u, c in v.head(3).items()) if over != "actor" else ""
            largest = f"The {k:,} largest of {len(v):,} {unit} hold" if k > 1 else \
                f"The largest of {len(v):,} {unit} holds"
            expl = (f"{largest} {top:.0%} of the {int(v.sum()):,} "
                    f"{what}; Gini {g:.2f}, HHI {h:.3f} (normalised {hn:.3f})"
                    + (f"; largest: {lead3}" if lead3 else ""))
            rows.append((measure, over, g, h, hn, top, len(v), int(v.sum()), expl))
    if not rows:
        raise AnalysisError(f"concentration: no ties to count (no role in {list(lead_roles)} "
                            "and no memberships)")
    out = pd.DataFrame(rows, columns=["measure", "over", "gini", "hhi", "hhi_normalised",
                                      "top10_share", "n", "total", "explanation"])
    return out.astype({"measure": "string", "over": "string", "explanation": "string"})


def lorenz(reg: Registry, of: str = "ties", over: str = "actor", *,
           lead_roles: Sequence[str] = ("lead",), dormant: str = "include") -> pd.DataFrame:
    """Lorenz curve data of participation (``of="ties"``) or leadership (``of="leads"``).

    Returns
    -------
    DataFrame
        ``unit`` (actor_id or actor type; null on the first row),
        ``value``, ``cum_share_actors`` (cumulative share of units — actors,
        or actor types with ``over="actor_type"``), ``cum_share_value``
        (cumulative share of the total). Units from smallest to largest,
        starting at (0, 0) and ending at (1, 1).

    Examples
    --------
    The registry of the module docstring: half of the actors lead nothing,
    and the largest quarter (a) leads two thirds:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "c", "a", "d", "b", "c"],
    ...                      "role": ["lead", "partner"] * 3, "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": ["ngo", "government", "ngo", "academic"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> lorenz(reg, of="leads").round(3)
       unit  value  cum_share_actors  cum_share_value
    0  <NA>      0              0.00            0.000
    1     c      0              0.25            0.000
    2     d      0              0.50            0.000
    3     b      1              0.75            0.333
    4     a      2              1.00            1.000
    """
    require_initiatives(reg, "lorenz")
    reg = filter_registry(reg, dormant=dormant)
    v = unit_values(reg, of=of, over=over, lead_roles=lead_roles).sort_values(kind="stable")
    if v.sum() == 0:
        raise AnalysisError(f"lorenz: nothing to count for of={of!r} (no ties with role in "
                            f"{list(lead_roles)})" if of == "leads" else "lorenz: no ties")
    n = len(v)
    out = pd.DataFrame({
        "unit": pd.array([None] + [str(u) for u in v.index], dtype="string"),
        "value": np.concatenate([[0], v.to_numpy()]).astype("int64"),
        "cum_share_actors": np.arange(n + 1) / n,
        "cum_share_value": np.concatenate([[0.0], np.cumsum(v.to_numpy()) / v.sum()]),
    })
    return out
