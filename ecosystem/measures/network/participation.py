"""Participation coefficient: how evenly an actor's ties spread across communities.

Guimerà & Amaral (2005) describe a node's role in a modular network by two
numbers. With ``k_i`` the degree (or strength) of actor ``i``, ``k_is`` its
ties into community ``s`` and ``s_i`` its own community:

* **participation coefficient** ``P_i = 1 − Σ_s (k_is / k_i)²`` — 0 when all
  of ``i``'s ties stay in one community, approaching ``1 − 1/N_M`` when they
  spread evenly over ``N_M`` communities: a *connector* between communities;
* **within-community degree z-score** ``z_i = (k_{i,s_i} − mean) / sd``, the
  mean and (population) standard deviation of ``k_{j,s_i}`` over the members
  ``j`` of ``s_i`` — high for a *hub* of its own community. NaN when every
  member of the community has the same internal degree (sd 0).

``weighted=True`` uses tie strengths (sum of edge weights) in place of counts,
as the Brain Connectivity Toolbox's ``participation_coef`` does for weighted
networks (Rubinov & Sporns 2010). Loops are ignored. Actors without ties get
NaN: the shares ``k_is / k_i`` are undefined there (the Brain Connectivity
Toolbox reports 0 instead).

Engine: one sparse product ``K = A·S`` (A the adjacency, S the actor ×
community indicator), then row operations — O(m + n·communities).

References
----------
Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex
metabolic networks. *Nature* 433: 895–900.

Rubinov, M. & Sporns, O. (2010). Complex network measures of brain
connectivity: uses and interpretations. *NeuroImage* 52(3): 1059–1069.

Examples
--------
Vertex 0 has two ties into its own community a and one into b:
P = 1 − (2/3)² − (1/3)² = 4/9.

>>> import igraph as ig
>>> g = ig.Graph([(0, 1), (0, 2), (0, 3), (3, 4)])   # 0 ties to 1, 2 (community a) and 3 (b)
>>> participation(g, ["a", "a", "a", "b", "b"], weighted=False)["participation"].round(3).tolist()
[0.444, 0.0, 0.0, 0.5, 0.0]
"""
from __future__ import annotations

from collections.abc import Sequence

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs.edge_arrays import edge_array

__all__ = ["participation"]


def _adjacency(g: ig.Graph, weights: str | None) -> sp.csr_matrix:
    n = g.vcount()
    el = edge_array(g)
    if weights is None:
        w = np.ones(len(el))
    else:
        if weights not in g.es.attributes():
            raise AnalysisError(f"edge attribute {weights!r} not found; available: "
                                f"{g.es.attributes()}; pass weighted=False for tie counts")
        w = np.asarray(g.es[weights], dtype=float)
    keep = el[:, 0] != el[:, 1]
    el, w = el[keep], w[keep]
    A = sp.csr_matrix((w, (el[:, 0], el[:, 1])), shape=(n, n))
    return (A + A.T).tocsr()  # undirected edges once each; arcs in either direction


def participation(g: ig.Graph, membership: Sequence, *, weighted: bool = True,
                  weights: str = "weight") -> pd.DataFrame:
    """Participation coefficient and within-community degree z-score of every vertex.

    Parameters
    ----------
    g : igraph.Graph
        Directed graphs are read as undirected (ties in either direction).
    membership : sequence
        Community of each vertex, in vertex order (labels of any type).
        Vertices with a missing community (None/NaN) get NaN; ties to them
        count in ``k_i`` but in no community.
    weighted : bool
        Use the edge attribute ``weights`` (tie strength) instead of counts.
    weights : str
        Edge attribute holding tie strengths.

    Returns
    -------
    DataFrame
        One row per vertex: ``community``, ``degree`` (k_i: number of ties, or
        strength when weighted), ``within_community`` (k_{i,s_i}),
        ``participation`` (P_i), ``within_community_z`` (z_i); ``name`` first
        when the graph has names.

    Raises
    ------
    AnalysisError
        Membership of the wrong length, or a missing weight attribute.

    Examples
    --------
    Vertex 0 ties to 1 and 2 in its community a and to 3 in b. Inside a, the
    internal degrees are 2, 1, 1 (mean 4/3, sd √2/3), so vertex 0 is a hub of
    a (z = 1.414); in b every member has internal degree 1 (sd 0, z NaN):

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (0, 3), (3, 4)])
    >>> participation(g, ["a", "a", "a", "b", "b"], weighted=False).round(3)
      community  degree  within_community  participation  within_community_z
    0         a     3.0               2.0          0.444               1.414
    1         a     1.0               1.0          0.000              -0.707
    2         a     1.0               1.0          0.000              -0.707
    3         b     2.0               1.0          0.500                 NaN
    4         b     1.0               1.0          0.000                 NaN

    Weighted, a tie of weight 2 from 0 into b gives P_0 = 1 − (2/4)² − (2/4)²:

    >>> g.es["weight"] = [1.0, 1.0, 2.0, 1.0]
    >>> participation(g, ["a", "a", "a", "b", "b"])["participation"].round(3).tolist()
    [0.5, 0.0, 0.0, 0.444, 0.0]
    """
    n = g.vcount()
    labels = pd.Series(list(membership), dtype=object)
    if len(labels) != n:
        raise AnalysisError(f"membership has {len(labels)} entries for a graph of {n} "
                            "vertices: give one community per vertex, in vertex order")
    codes, uniques = pd.factorize(labels)
    known = codes >= 0
    A = _adjacency(g, weights if weighted else None)
    S = sp.csr_matrix((np.ones(int(known.sum())), (np.flatnonzero(known), codes[known])),
                      shape=(n, max(len(uniques), 1)))
    K = (A @ S).tocsr()                              # k_is
    k = np.asarray(A.sum(axis=1)).ravel()            # k_i
    own = np.zeros(n)
    own[known] = np.asarray(K[np.flatnonzero(known), codes[known]]).ravel()
    sq = np.asarray(K.multiply(K).sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 1.0 - sq / k**2
    p[(k == 0) | ~known] = np.nan
    z = np.full(n, np.nan)
    for c in range(len(uniques)):
        members = codes == c
        vals = own[members]
        sd = vals.std()
        if sd > 0:
            z[members] = (vals - vals.mean()) / sd
    out = pd.DataFrame({
        "community": labels.where(known, None),
        "degree": k,
        "within_community": np.where(known, own, np.nan),
        "participation": p,
        "within_community_z": z,
    })
    if "name" in g.vs.attributes():
        out.insert(0, "name", g.vs["name"])
    return out
