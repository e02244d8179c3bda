"""Communities of actors: Leiden (or networkit's PLM) on the weighted actor projection.

Communities are found with the Leiden algorithm (Traag, Waltman & van Eck
2019, "From Louvain to Leiden: guaranteeing well-connected communities",
Scientific Reports 9:5233) maximising modularity (Newman & Girvan 2004, Phys.
Rev. E 69:026113) on the weighted actor projection, Newman-weighted by
default so that large consortia do not dominate. The run is seeded, so the
same registry gives the same communities.

What each community works on (the goals, targets, sectors and actor types
over-represented in it, and a label) is read by
:mod:`ecosystem.measures.network.community_profiles`.

Modularity of a partition of a graph with weights w_ij, strengths s_i and
total weight W = Σ_{i<j} w_ij, at resolution γ:

    Q = Σ_C [ W_C / W − γ (S_C / 2W)² ]

with W_C the weight of the ties inside community C and S_C the strength of
its members.

Engine: igraph's Leiden. networkx's Louvain and networkit's parallel Louvain
(PLM) reach the same modularity within 0.005 on the synthetic registries, and
``make bench`` (``benchmarks/run.py``, stage ``communities``) times them; at
700k initiatives networkit PLM is faster and needs far less memory than
igraph, so pass ``method="networkit-plm"`` there.

References
----------
Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden:
guaranteeing well-connected communities. *Scientific Reports* 9: 5233.

Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community
structure in networks. *Physical Review E* 69: 026113.
"""
from __future__ import annotations

import random
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, memberships
from ecosystem.model import Registry, require_initiatives

__all__ = ["METHODS", "communities"]

METHODS = ("leiden", "networkit-plm")

def _leiden(g: ig.Graph, resolution: float, seed: int, n_iterations: int) -> list[int]:
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        part = g.community_leiden(objective_function="modularity", weights="weight",
                                  resolution=resolution, n_iterations=n_iterations)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    return part.membership


def _plm(g: ig.Graph, resolution: float, seed: int) -> list[int]:
    import networkit as nk

    nk.engineering.setSeed(seed, False)
    e = np.array(g.get_edgelist(), dtype=np.uint64).reshape(-1, 2)
    G = nk.GraphFromCoo((np.asarray(g.es["weight"], dtype=np.float64), (e[:, 0], e[:, 1])),
                        n=g.vcount(), weighted=True, directed=False)
    algo = nk.community.PLM(G, refine=True, gamma=resolution)
    algo.run()
    return list(algo.getPartition().getVector())


def communities(reg: Registry, *, weight: str = "newman", resolution: float = 1.0,
                seed: int = 0, method: str = "leiden", n_iterations: int = 2,
                graph: ig.Graph | None = None, **projection_options: Any) -> pd.DataFrame:
    """Communities of the actor projection, maximising modularity (Leiden).

    Parameters
    ----------
    reg : Registry
    weight : {"newman", "count", "jaccard"}
        Projection weighting.
    resolution : float
        Modularity resolution γ (1 is the classic modularity; higher gives
        smaller communities).
    seed : int
        Random seed of the algorithm.
    method : {"leiden", "networkit-plm"}
        igraph Leiden (default) or networkit's parallel Louvain (for the
        largest registries).
    n_iterations : int
        Leiden iterations (igraph's default 2; a negative number iterates
        until the partition is stable, about 10× slower on the 7k synthetic
        registry for +0.001 modularity).
    graph : igraph.Graph, optional
        A projection of ``reg`` already built.
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection`.

    Returns
    -------
    DataFrame
        ``actor_id``, ``community`` (0 is the largest; numbering follows size,
        actors without a partner are singleton communities), in
        ``reg.actors`` order. ``attrs``: ``modularity`` (weighted, at the
        given resolution), ``n_communities``, ``n_singletons``, ``method``,
        ``weighting``, ``resolution``, ``seed``.

    Raises
    ------
    AnalysisError
        Empty registry, unknown method, or no two actors sharing an initiative.

    Examples
    --------
    Two triangles a–b–c and d–e–f of two-member initiatives, joined by c–d.
    Every tie weighs 1, so W = 7; each triangle holds 3 and its members'
    strengths add up to 7: Q = 2·(3/7 − (7/14)²) = 5/14.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "ac", "i4": "de", "i5": "ef", "i6": "df",
    ...            "i7": "cd"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["government"] * 3 + ["ngo"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> memb = communities(reg)
    >>> memb["community"].tolist(), round(memb.attrs["modularity"], 4)
    ([0, 0, 0, 1, 1, 1], 0.3571)
    """
    if method not in METHODS:
        raise AnalysisError(f"unknown method {method!r}: choose one of {', '.join(METHODS)}")
    require_initiatives(reg, "communities")
    g = graph if graph is not None else actor_projection(reg, weight=weight,
                                                         **projection_options)
    if g.ecount() == 0:
        raise AnalysisError("no two actors share an initiative, so there are no communities to "
                            "find: loosen the filters or use a registry with partnerships")
    raw = np.asarray(_leiden(g, resolution, seed, n_iterations) if method == "leiden"
                     else _plm(g, resolution, seed))
    sizes = np.bincount(raw)
    first = np.full(len(sizes), len(raw))
    np.minimum.at(first, raw, np.arange(len(raw)))
    rank = np.lexsort((first, -sizes))
    new = np.empty(len(sizes), dtype=np.int64)
    new[rank] = np.arange(len(sizes))
    membership = new[raw]
    q = g.modularity(membership.tolist(), weights="weight", resolution=resolution)
    out = pd.DataFrame({"actor_id": g.vs["name"], "community": membership})
    out.attrs.update(modularity=float(q), n_communities=int((sizes > 0).sum()),
                     n_singletons=int((sizes == 1).sum()), method=method,
                     weighting=g["weighting"] if "weighting" in g.attributes() else weight,
                     resolution=resolution, seed=seed)
    return out
