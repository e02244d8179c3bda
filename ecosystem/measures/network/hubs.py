"""Hubs: which actors are central in the partnership ecosystem.

Measures, per actor
-------------------
initiatives
    Number of distinct initiatives the actor takes part in (its degree in the
    actor–initiative graph).
initiatives_led
    Initiatives in which it holds the ``lead`` role.
partners
    Distinct co-members: actors it shares at least one initiative with (its
    degree in the actor projection).
strength
    Weighted degree in the actor projection, s_i = Σ_j w_ij (Barrat et al.
    2004). With the default Newman weighting (Newman 2001) each initiative
    gives each member a total weight of 1, so the strength is the number of
    the actor's initiatives that have at least one other member; with
    ``weight="count"`` it is the number of (partner, initiative) co-memberships.
pagerank
    PageRank on the weighted projection (Page, Brin, Motwani & Winograd 1999),
    PR_i = (1 − d)/N + d Σ_j (w_ji / s_j) PR_j with damping d = 0.85; actors
    without partners spread their score uniformly. Sums to 1 over actors.
eigenvector
    Eigenvector centrality on the weighted projection (Bonacich 1972): the
    leading eigenvector x of W, λ x_i = Σ_j w_ij x_j, scaled so the largest
    is 1. On a disconnected graph it concentrates on the component with the
    largest eigenvalue; actors of other components score near 0.
s_coreness
    The actor's level in the s-core decomposition of the Newman-weighted
    projection (Batagelj & Zaveršnik 2011; Eidsaa & Almaas 2013): the largest
    t such that the actor belongs to a group in which every member has a
    Newman strength of at least t towards the others
    (:func:`ecosystem.measures.network.s_core.s_coreness`). Always on Newman
    weights, whatever ``weight`` the other measures use: each initiative
    gives each member a total of 1, so t counts initiatives' worth of ties
    and repeated collaboration, not one long member list, reaches the top.
    (The unweighted k-core number, Seidman 1983, would give every member of
    an initiative of n members a coreness of at least n − 1: on the Ocean
    registry the ten deepest actors were all members of one 160-member
    commitment.)
tie_share
    The actor's share of all actor–initiative memberships (initiatives / Σ
    initiatives over actors).

Engine: igraph for PageRank (PRPACK), the eigenvector (ARPACK), degree and
strength; the s-core peels a binary heap, O(m log n). When the projection is
weighted otherwise, the Newman weights of its edges are taken from the
incidence matrix (row-wise products, in blocks), not from a second
projection. networkx is only the oracle in the tests: its ``pagerank`` stops
when the L1 change is below N·tol, so from about 2M vertices it returns after
one iteration (nx issue #4792). ``make bench`` (``benchmarks/run.py``)
measures it.

References
----------
Barrat, A., Barthélemy, M., Pastor-Satorras, R. & Vespignani, A. (2004). The
architecture of complex weighted networks. *PNAS* 101(11): 3747–3752.

Batagelj, V., & Zaveršnik, M. (2011). Fast algorithms for determining
(generalized) core groups in social networks. *Advances in Data Analysis and
Classification* 5(2): 129–145.

Bonacich, P. (1972). Factoring and weighting approaches to status scores and
clique identification. *Journal of Mathematical Sociology* 2(1): 113–120.

Eidsaa, M., & Almaas, E. (2013). s-core network decomposition: a
generalization of k-core analysis to weighted networks. *Physical Review E*
88: 062819.

Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest
paths, weighted networks, and centrality. *Physical Review E* 64: 016132.

Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
ranking: bringing order to the web. Technical report, Stanford InfoLab.

Seidman, S. B. (1983). Network structure and minimum degree. *Social
Networks* 5(3): 269–287.

Examples
--------
Actor a leads i1 (with b and c) and i2 (with d); d leads i3 (with e):

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3"],
...                      "actor_id": ["a", "b", "c", "a", "d", "d", "e"],
...                      "role": ["lead", "partner", "partner", "lead", "partner", "lead",
...                               "partner"], "registry": "r", "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": list("abcde"), "name": list("ABCDE"),
...                          "actor_type": ["ngo", "government", "ngo", "government", "ngo"]}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
>>> hubs(reg, top=3)[["actor_id", "initiatives", "initiatives_led", "partners", "rank"]]
  actor_id  initiatives  initiatives_led  partners  rank
0        a            2                2         3     1
1        d            2                1         2     2
2        b            1                0         2     3

a and d tie on initiatives; a ranks first on PageRank.
"""
from __future__ import annotations

import warnings
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs import (
    actor_projection,
    incidence_matrix,
    membership_positions,
    memberships,
)
from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.measures.network.s_core import s_coreness
from ecosystem.model import Registry, require_initiatives

__all__ = ["GROUPINGS", "METRICS", "hub_metrics", "hubs"]

METRICS = ("initiatives", "initiatives_led", "partners", "strength", "pagerank", "eigenvector",
           "s_coreness", "tie_share")
GROUPINGS = ("actor_type", "country", "goal")


def hub_metrics(reg: Registry, *, weight: str = "newman", graph: ig.Graph | None = None,
                **projection_options: Any) -> pd.DataFrame:
    """Every hub measure for every actor (unranked).

    Parameters
    ----------
    reg : Registry
    weight : {"newman", "count", "jaccard"}
        Weighting of the actor projection used for strength, PageRank and
        eigenvector centrality.
    graph : igraph.Graph, optional
        A projection already built with :func:`ecosystem.graphs.actor_projection`
        from ``reg`` (its vertices must be ``reg.actors`` in order).
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection` (``max_edges``,
        ``max_initiative_size``, ``min_weight``). ``partners`` and
        ``s_coreness`` are then counted in that reduced projection.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``actor_type``, ``country`` and the columns of
        :data:`METRICS`, one row per actor in ``reg.actors`` order. ``attrs``
        holds ``weighting`` and the projection options.

    Examples
    --------
    Actor a runs i1 with b and c and i2 with d; d runs i3 with e. Each
    initiative gives each of its members a Newman strength of 1. No actor
    shares two initiatives with anyone, so no group keeps a strength above 1
    inside it (b, c and e have 1 in all): every actor is at s-core level 1.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "b", "c", "a", "d", "d", "e"],
    ...                      "role": ["lead", "partner", "partner", "lead", "partner", "lead",
    ...                               "partner"], "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcde"), "name": list("ABCDE"),
    ...                          "actor_type": ["ngo", "government", "ngo", "government", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> cols = ["actor_id", "initiatives", "partners", "strength", "pagerank", "s_coreness"]
    >>> hub_metrics(reg)[cols].round(3)
      actor_id  initiatives  partners  strength  pagerank  s_coreness
    0        a            2         3       2.0     0.276         1.0
    1        b            1         2       1.0     0.154         1.0
    2        c            1         2       1.0     0.154         1.0
    3        d            2         2       2.0     0.271         1.0
    4        e            1         1       1.0     0.145         1.0
    """
    require_initiatives(reg, "hubs")
    m, a_pos, _ = membership_positions(reg)
    actor_ids = reg.actors["actor_id"].astype(str).tolist()
    g = graph if graph is not None else actor_projection(reg, weight=weight, **projection_options)
    if g.vcount() != len(actor_ids) or g.vs["name"] != actor_ids:
        raise AnalysisError("the graph passed to hub_metrics was not built from this registry: "
                            "build it with ecosystem.graphs.actor_projection(reg)")
    initiatives = np.bincount(a_pos, minlength=len(actor_ids)).astype(np.int64)
    is_lead = (m["role"] == "lead").fillna(False).to_numpy(dtype=bool)
    led = np.bincount(a_pos[is_lead], minlength=len(actor_ids)).astype(np.int64)
    w = "weight" if g.ecount() else None
    out = pd.DataFrame({
        "actor_id": reg.actors["actor_id"].to_numpy(),
        "name": reg.actors["name"].to_numpy(),
        "official_name": (reg.actors["official_name"].fillna(reg.actors["name"])
                          if "official_name" in reg.actors else reg.actors["name"]).to_numpy(),
        "actor_type": reg.actors["actor_type"].to_numpy(),
        "country": reg.actors["country"].to_numpy(),
        "initiatives": initiatives,
        "initiatives_led": led,
        "partners": np.asarray(g.degree(), dtype=np.int64),
        "strength": np.asarray(g.strength(weights=w), dtype=np.float64),
        "pagerank": np.asarray(g.pagerank(weights=w, damping=0.85), dtype=np.float64),
        "eigenvector": _eigenvector(g, w),
        "s_coreness": s_coreness(g, "weight") if _is_newman(g) else
                      s_coreness(_with_newman_weights(reg, g), "newman"),
        "tie_share": initiatives / max(int(initiatives.sum()), 1),
    })
    out.attrs.update(weighting=g["weighting"] if "weighting" in g.attributes() else weight,
                     **{k: v for k, v in projection_options.items()})
    return out


def _is_newman(g: ig.Graph) -> bool:
    return "weighting" in g.attributes() and g["weighting"] == "newman"


def _with_newman_weights(reg: Registry, g: ig.Graph, block: int = 1_000_000) -> ig.Graph:
    """A copy of ``g`` with edge attribute ``newman``: Σ 1/(k − 1) over the pair's initiatives.

    Initiatives that ``g`` left out (graph attribute ``max_initiative_size``)
    count for nothing, as in :func:`ecosystem.graphs.actor_projection`.
    """
    B, _, _ = incidence_matrix(reg)
    B = sp.csr_matrix(B, dtype=np.float64)
    B.data[:] = 1.0
    k = np.asarray(B.sum(axis=0)).ravel()
    cap = g["max_initiative_size"] if "max_initiative_size" in g.attributes() else None
    per = np.divide(1.0, k - 1, out=np.zeros_like(k), where=k > 1)
    if cap is not None:
        per[k > cap] = 0.0
    Bw = (B @ sp.diags(per)).tocsr()
    e = edge_array(g)
    w = np.zeros(len(e))
    for s0 in range(0, len(e), block):
        u, v = e[s0:s0 + block, 0], e[s0:s0 + block, 1]
        w[s0:s0 + block] = np.asarray(Bw[u].multiply(B[v]).sum(axis=1)).ravel()
    h = g.copy()
    h.es["newman"] = w.tolist()
    return h


def _eigenvector(g: ig.Graph, w: str | None) -> np.ndarray:
    if g.ecount() == 0:
        return np.zeros(g.vcount())
    with warnings.catch_warnings():  # "nearly zero" on disconnected graphs: documented above
        warnings.simplefilter("ignore", RuntimeWarning)
        ev = np.asarray(g.eigenvector_centrality(weights=w, scale=True), dtype=np.float64)
    top = ev.max()
    return ev / top if top > 0 else ev


def _groups(reg: Registry, metrics: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rows (actor, group) with ``group`` and ``initiatives_in_group``."""
    if by == "goal":
        m = memberships(reg)[["actor_id", "initiative_id"]]
        goals = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                           reg.initiative_targets[["initiative_id", "goal"]]]).drop_duplicates()
        if goals.empty:
            raise AnalysisError("cannot rank hubs by goal: the registry has no SDG goals on its "
                                "initiatives; use by='actor_type' or by='country'")
        ag = m.merge(goals, on="initiative_id")
        per = ag.groupby(["actor_id", "goal"]).size().rename("initiatives_in_group").reset_index()
        per["group"] = per["goal"].astype(int).map(lambda g: f"SDG {g}")
        per["_order"] = per["goal"].astype(int)
        return metrics.merge(per[["actor_id", "group", "initiatives_in_group", "_order"]],
                             on="actor_id")
    if by not in reg.actors.columns or by in ("actor_id", "name", "official_name", "source_names"):
        choices = list(GROUPINGS) + [c for c in reg.actors.columns
                                     if c not in GROUPINGS + ("actor_id", "name", "official_name", "source_names")]
        raise AnalysisError(f"cannot rank hubs by {by!r}: it is not a grouping; "
                            f"use one of {', '.join(choices)}")
    col = reg.actors[by].astype("string")
    group = col.fillna("unknown").to_numpy()
    return metrics.assign(group=group, initiatives_in_group=metrics["initiatives"], _order=group)


def hubs(reg: Registry, *, by: str | None = None, top: int | None = None,
         weight: str = "newman", sort: str = "initiatives",
         **projection_options: Any) -> pd.DataFrame:
    """Rank actors as hubs, overall or within groups.

    Parameters
    ----------
    reg : Registry
    by : {"actor_type", "country", "goal"}, optional
        Rank within groups. With ``"goal"`` an actor appears once per SDG goal
        of its initiatives, and ``initiatives_in_group`` counts its initiatives
        on that goal; ranking by ``sort="initiatives"`` then uses that count.
        Actors without a value (e.g. no country) form the group ``"unknown"``.
    top : int, optional
        Keep the first ``top`` actors (of each group).
    weight : {"newman", "count", "jaccard"}
        Projection weighting for strength, PageRank and eigenvector.
    sort : str
        Metric to rank by (one of :data:`METRICS`); ties are broken by
        initiatives, then PageRank, then actor_id.
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection`.

    Returns
    -------
    DataFrame
        ``actor_id, name, actor_type, country``, the :data:`METRICS` columns
        and ``rank`` (1 = most central), sorted by rank. With ``by``: first
        column ``group``, plus ``initiatives_in_group``; ``rank`` is within
        the group.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``by`` or ``sort``, or a grouping with a
        single group (ranking within it is the overall ranking).

    Examples
    --------
    The same five actors as in :func:`hub_metrics`, b and d governments:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "b", "c", "a", "d", "d", "e"],
    ...                      "role": ["lead", "partner", "partner", "lead", "partner", "lead",
    ...                               "partner"], "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcde"), "name": list("ABCDE"),
    ...                          "actor_type": ["ngo", "government", "ngo", "government", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> hubs(reg, by="actor_type", top=1)[["group", "actor_id", "initiatives", "rank"]]
            group actor_id  initiatives  rank
    0  government        d            2     1
    1         ngo        a            2     1
    """
    if sort not in METRICS:
        raise AnalysisError(f"cannot sort hubs by {sort!r}: use one of {', '.join(METRICS)}")
    if top is not None and (int(top) != top or top < 1):
        raise AnalysisError(f"top must be a positive whole number, got {top!r}")
    if by is not None and by not in GROUPINGS and by not in reg.actors.columns:
        raise AnalysisError(f"cannot rank hubs by {by!r}: use one of {', '.join(GROUPINGS)}")
    metrics = hub_metrics(reg, weight=weight, **projection_options)
    if by is None:
        df = metrics
        keys = [sort] + [c for c in ("initiatives", "pagerank") if c != sort]
        df = df.sort_values(keys + ["actor_id"], ascending=[False] * len(keys) + [True],
                            kind="stable").reset_index(drop=True)
        df["rank"] = np.arange(1, len(df) + 1)
        return df.head(top) if top else df
    df = _groups(reg, metrics, by)
    groups = df["group"].unique()
    if len(groups) < 2:
        raise AnalysisError(
            f"grouping by {by!r} gives a single group ({groups[0] if len(groups) else 'none'}): "
            "ranking within it is the overall ranking; use by=None or another grouping "
            f"({', '.join(g for g in GROUPINGS if g != by)})")
    key = "initiatives_in_group" if sort == "initiatives" else sort
    keys = [key] + [c for c in ("initiatives", "pagerank") if c != key]
    df = df.sort_values(["_order"] + keys + ["actor_id"],
                        ascending=[True] + [False] * len(keys) + [True], kind="stable")
    df["rank"] = df.groupby("group", sort=False).cumcount() + 1
    if top:
        df = df[df["rank"] <= top]
    cols = ["group"] + [c for c in df.columns if c not in ("group", "_order")]
    out = df[cols].reset_index(drop=True)
    out.attrs.update(metrics.attrs, by=by)
    return out
