"""Components: how fragmented the ecosystem is.

A *component* is a maximal set of actors and initiatives connected through
memberships (a connected component of the actor–initiative graph; the actors
of a component are exactly a connected component of the actor projection).
An *isolated initiative* has at most one actor: a lead with no partner, or no
resolved actor at all — the registrations that connect nobody.

Engine: ``scipy.sparse.csgraph.connected_components`` (breadth-first search,
linear time) on the block matrix [[0, B], [Bᵀ, 0]] of the CSR incidence
matrix B, so no graph object is built.

Examples
--------
a, b and c are chained by i1 (a, b) and i2 (b, c); d leads i3 alone; i4 has
no actor:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> members = {"i1": "ab", "i2": "bc", "i3": "d", "i4": ""}
>>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
...                     columns=["initiative_id", "actor_id"])
>>> reg = Registry.from_frames(
...     ties=ties.assign(role=["partner"] * 4 + ["lead"], registry="r", record_id="1"),
...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
...                               "record_id": list(members), "kind": "partnership",
...                               "title": ["T1", "T2", "T3", "T4"]}))
>>> components(reg)
   component  actors  initiatives  share_of_actors  share_of_initiatives
0          0       3            2             0.75                  0.50
1          1       1            1             0.25                  0.25
>>> isolated_initiatives(reg)[["initiative_id", "actors", "reason"]]
  initiative_id  actors                  reason
0            i3       1  lead only, no partners
1            i4       0       no resolved actor
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecosystem.graphs import incidence_matrix, memberships
from ecosystem.id_lookups import member_of
from ecosystem.model import Registry, require_initiatives

__all__ = ["actor_components", "components", "isolated_initiatives"]


def _labels(reg: Registry) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Component label of each actor and each initiative, and their ids."""
    B, actor_ids, initiative_ids = incidence_matrix(reg)
    n_a, n_i = B.shape
    adj = sp.bmat([[None, B], [B.T, None]], format="csr")
    _, lab = connected_components(adj, directed=False)
    return lab[:n_a], lab[n_a:], actor_ids, initiative_ids


def actor_components(reg: Registry) -> pd.DataFrame:
    """Component of every actor.

    Returns
    -------
    DataFrame
        ``actor_id``, ``component`` (0 is the largest by actors, then by
        initiatives; numbering follows decreasing size), in ``reg.actors`` order.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "d", "i4": ""}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role=["partner"] * 4 + ["lead"], registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership",
    ...                               "title": ["T1", "T2", "T3", "T4"]}))
    >>> actor_components(reg)["component"].tolist()          # a, b, c | d
    [0, 0, 0, 1]
    """
    require_initiatives(reg, "components")
    a_lab, i_lab, actor_ids, _ = _labels(reg)
    order = _order(a_lab, i_lab)
    return pd.DataFrame({"actor_id": actor_ids, "component": order[a_lab]})


def _order(a_lab: np.ndarray, i_lab: np.ndarray) -> np.ndarray:
    n = int(max(a_lab.max(initial=-1), i_lab.max(initial=-1))) + 1
    na = np.bincount(a_lab, minlength=n)
    ni = np.bincount(i_lab, minlength=n)
    rank = np.lexsort((np.arange(n), -ni, -na))  # by actors, then initiatives, then label
    new = np.empty(n, dtype=np.int64)
    new[rank] = np.arange(n)
    return new


def components(reg: Registry) -> pd.DataFrame:
    """Component sizes.

    Returns
    -------
    DataFrame
        One row per component that holds at least one actor, largest first:
        ``component``, ``actors``, ``initiatives``, ``share_of_actors``,
        ``share_of_initiatives``. ``attrs``: ``n_components``,
        ``largest_actor_share`` (share of actors in the largest component),
        ``largest_initiative_share``, ``initiatives_without_actors``.

    Examples
    --------
    The registry of the module docstring; i4, which has no actor, is counted
    apart:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "d", "i4": ""}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role=["partner"] * 4 + ["lead"], registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership",
    ...                               "title": ["T1", "T2", "T3", "T4"]}))
    >>> comp = components(reg)
    >>> comp["actors"].tolist(), comp.attrs["initiatives_without_actors"]
    ([3, 1], 1)
    """
    require_initiatives(reg, "components")
    a_lab, i_lab, actor_ids, initiative_ids = _labels(reg)
    new = _order(a_lab, i_lab)
    a, i = new[a_lab], new[i_lab]
    n = len(new)
    na = np.bincount(a, minlength=n)
    ni = np.bincount(i, minlength=n)
    keep = na > 0
    df = pd.DataFrame({"component": np.arange(n)[keep], "actors": na[keep],
                       "initiatives": ni[keep]})
    df["share_of_actors"] = df["actors"] / max(len(actor_ids), 1)
    df["share_of_initiatives"] = df["initiatives"] / max(len(initiative_ids), 1)
    df.attrs.update(
        n_components=int(keep.sum()),
        largest_actor_share=float(df["share_of_actors"].iloc[0]) if len(df) else 0.0,
        largest_initiative_share=float(df["share_of_initiatives"].iloc[0]) if len(df) else 0.0,
        initiatives_without_actors=int(ni[~keep].sum()),
    )
    return df


def isolated_initiatives(reg: Registry) -> pd.DataFrame:
    """Initiatives that connect nobody: one actor (lead only, no partners) or none.

    Returns
    -------
    DataFrame
        ``initiative_id``, ``title``, ``actors`` (0 or 1), ``actor_id`` and
        ``actor_name`` of the single actor (null when none), ``reason``
        (``"lead only, no partners"``, ``"single actor, not marked lead"`` or
        ``"no resolved actor"``), in ``reg.initiatives`` order. ``attrs``:
        ``share`` of all initiatives.

    Examples
    --------
    The registry of the module docstring: two of its four initiatives
    connect nobody:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "d", "i4": ""}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role=["partner"] * 4 + ["lead"], registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership",
    ...                               "title": ["T1", "T2", "T3", "T4"]}))
    >>> iso = isolated_initiatives(reg)
    >>> iso["initiative_id"].tolist(), iso.attrs["share"]
    (['i3', 'i4'], 0.5)
    """
    require_initiatives(reg, "isolated initiatives")
    m = memberships(reg)
    size = m.groupby("initiative_id").size()
    ini = reg.initiatives[["initiative_id", "title"]]
    n = size.reindex(ini["initiative_id"], fill_value=0).to_numpy()
    out = ini[n <= 1].copy()
    out["actors"] = n[n <= 1]
    single = m[member_of(m["initiative_id"], out["initiative_id"])].set_index("initiative_id")
    out["actor_id"] = out["initiative_id"].map(single["actor_id"])
    names = reg.actors.set_index("actor_id")["name"]
    out["actor_name"] = out["actor_id"].map(names)
    role = out["initiative_id"].map(single["role"])
    out["reason"] = np.where(out["actors"] == 0, "no resolved actor",
                             np.where((role == "lead").fillna(False).to_numpy(dtype=bool),
                                      "lead only, no partners",
                                      "single actor, not marked lead"))
    out = out.reset_index(drop=True)
    out.attrs["share"] = len(out) / len(ini)
    return out
