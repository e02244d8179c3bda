"""Weighted k-cores (s-cores): coreness on tie strength instead of the number of partners.

The k-core of a graph is the largest subgraph in which every vertex has at
least k neighbours (Seidman 1983); a vertex's coreness is the largest such k.
On an actor projection every initiative of n members is a clique of n, so the
members of the largest initiative all get coreness n − 1, whatever else they
do: one initiative sets the top of the ranking.

The generalized core (Batagelj & Zaveršnik 2011) replaces the degree by a
vertex function; with the strength inside the subgraph, p(v, C) = Σ_{u ∈ C}
w_uv, the level-t core is the largest subgraph C with p(v, C) ≥ t for every v
in C, and the s-coreness of v is the largest t whose core holds v. These are
the nested cores of the s-core decomposition (Eidsaa & Almaas 2013); we report
each actor's level t (a strength) rather than the index of its shell.

On the Newman-weighted projection (each initiative gives each member a total
weight of 1, :func:`ecosystem.graphs.actor_projection` ``weight="newman"``)
an actor's strength is the number of its initiatives that have another
member, so a level-t core is a group of actors each of whom shares at least
t initiatives' worth of ties inside the group: an initiative of any size
counts once, and repeated collaboration, not one long member list, puts an
actor at the top. With every weight 1 the s-coreness is the k-core number
(networkx ``core_number`` is the oracle in the tests).

Engine: Batagelj & Zaveršnik's algorithm for monotone vertex functions,
removing the vertices of least current strength; the level is the largest
least strength seen so far. Vertices are removed in rounds (numpy): every
vertex at or below the level at once, until none is left below it; then the
level rises to the least strength left. Strengths within a relative 1e-9 of
the level count as equal, so sums of Newman fractions that are equal on paper
give one level.

References
----------
Batagelj, V., & Zaveršnik, M. (2011). Fast algorithms for determining
(generalized) core groups in social networks. *Advances in Data Analysis and
Classification* 5(2): 129–145. doi:10.1007/s11634-010-0079-y

Eidsaa, M., & Almaas, E. (2013). s-core network decomposition: a
generalization of k-core analysis to weighted networks. *Physical Review E*
88: 062819. doi:10.1103/PhysRevE.88.062819

Seidman, S. B. (1983). Network structure and minimum degree. *Social
Networks* 5(3): 269–287.
"""
from __future__ import annotations

import igraph as ig
import numpy as np
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs.edge_arrays import edge_array

__all__ = ["s_coreness"]

_TOL = 1e-9


def s_coreness(g: ig.Graph, weights: str | None = "weight") -> np.ndarray:
    """s-coreness of every vertex: the largest t such that it is in the level-t strength core.

    Parameters
    ----------
    g : igraph.Graph
        Undirected; loops are ignored and parallel edges add up.
    weights : str or None
        Edge attribute with non-negative tie strengths; None gives every edge
        weight 1, and then the result is the k-core number.

    Returns
    -------
    ndarray of float
        One value per vertex, in vertex order (0 for isolates).

    Examples
    --------
    A triangle 0–1–2 of weight-1 ties and a strong pair 3–4 of weight 3,
    joined by a tie 2–3 of weight 0.5. The triangle's vertices each keep
    strength 2 inside it; the pair keeps 3 each; 2 and 3 gain nothing from
    their weak tie:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (3, 4), (2, 3)])
    >>> g.es["weight"] = [1, 1, 1, 3, 0.5]
    >>> s_coreness(g).tolist()
    [2.0, 2.0, 2.0, 3.0, 3.0]
    >>> s_coreness(g, weights=None).tolist()          # the k-core number
    [2.0, 2.0, 2.0, 1.0, 1.0]
    """
    if g.is_directed():
        raise AnalysisError("s_coreness needs an undirected graph: use g.as_undirected()")
    n = g.vcount()
    e = edge_array(g)
    if len(e) == 0:
        return np.zeros(n)
    if weights is None:
        w = np.ones(len(e))
    else:
        if weights not in g.es.attributes():
            raise AnalysisError(f"edge attribute {weights!r} not found; available: "
                                f"{g.es.attributes()}; pass weights=None for unweighted ties")
        w = np.asarray(g.es[weights], dtype=np.float64)
        if len(w) and (not np.isfinite(w).all() or (w < 0).any()):
            raise AnalysisError(f"edge weights {weights!r} must be finite and >= 0")
    keep = e[:, 0] != e[:, 1]
    e, w = e[keep], w[keep]
    src = np.concatenate([e[:, 0], e[:, 1]])
    A = sp.csr_matrix((np.concatenate([w, w]), (src, np.concatenate([e[:, 1], e[:, 0]]))),
                      shape=(n, n))
    current = np.bincount(src, weights=np.concatenate([w, w]), minlength=n).astype(np.float64)
    alive = np.ones(n, dtype=bool)
    out = np.zeros(n)
    level = 0.0
    while True:
        peel = np.flatnonzero(alive & (current <= level * (1 + _TOL) + _TOL))
        if len(peel) == 0:
            if not alive.any():
                return out
            level = float(current[alive].min())   # the least strength left: the next level
            continue
        out[peel] = level
        alive[peel] = False
        start, length = A.indptr[peel], A.indptr[peel + 1] - A.indptr[peel]
        pos = np.repeat(start - (np.cumsum(length) - length), length) + np.arange(length.sum())
        current -= np.bincount(A.indices[pos], weights=A.data[pos], minlength=n)
