"""Betweenness centrality of actors, exact or sampled, on the co-membership projection.

The betweenness of ``v`` is the number of pairs of other vertices whose
shortest paths pass through ``v``, each pair weighted by the share of its
shortest paths that do (Freeman 1977):

    g(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st,

with σ_st the number of shortest s–t paths and σ_st(v) those through v. Here
paths are **unweighted hop counts**: on the actor projection one step is one
shared initiative, whatever the tie's weight. Values are unnormalised (each
unordered pair counted once, as igraph and
``networkx.betweenness_centrality(normalized=False)``); ``normalized=True``
divides by the number of pairs, (n−1)(n−2)/2.

Engine
------
Brandes' algorithm (Brandes 2001) costs one breadth-first search per source:
Σ over connected components of sources × edges, the work that
:func:`exact_cost` counts (1.1·10¹⁰ on the synthetic 7,000-partnership
projection, 21k actors and 591k edges). igraph is the engine; networkx's
pure-Python Brandes is tens of times slower per source, which ``make bench``
(``benchmarks/run.py``) measures.

*Exact* (:func:`betweenness_centrality`, ``mode="exact"``) runs one search per
class of **closed twins** (vertices with N[u] = N[v], such as the one-off
partners of one initiative) and weights it by the class size — exact, because
twins have identical dependencies (Puzis et al. 2012 use the same
equivalence). On the Ocean commitments projection (9,286 actors, 182,176
edges) the 9,286 sources collapse to 3,057 classes, a third of the work; on
the synthetic 7k registry the cost falls from 1.1·10¹⁰ to 3.7·10⁹.

*Sampled* (``mode="sampled"``) draws k pivot sources uniformly without
replacement and scales by n/k, which is unbiased (Brandes & Pich 2007), with
igraph's subset betweenness (``sources=``; pivots that are twins share one
search). On the synthetic 7k registry pivot sampling is best when ranks over
*all* actors matter (igraph k=1000: Spearman 0.998 over all nodes), whereas
networkit's KADABRA bounds the absolute error and suits the top only (ε=0.005:
top-100 Spearman 0.994, all nodes 0.884): the broker table ranks every actor,
so it uses pivots.

``mode="auto"`` is exact when the twin-compressed cost is at most
:data:`EXACT_BUDGET` (1.5·10⁸ units), else sampled with k = budget / (cost of
one source), at least :data:`MIN_PIVOTS`, so that both modes do about the same
work. The Ocean projection (compressed cost 4.0·10⁸) is therefore sampled
with k ≈ 1,100.

Measured agreement of ``mode="sampled"`` with ``mode="exact"`` (seeds 0–4,
mean and worst; Spearman over actors with non-zero exact betweenness, since
the many zeros tie; top-100 overlap = shared share of the two top-100 sets):

==========================================  ====  ==============  ============
graph                                       k     Spearman        top-100
==========================================  ====  ==============  ============
Ocean commitments projection (real)          500  0.971 (0.969)   0.84 (0.80)
Ocean commitments projection (real)         1000  0.977 (0.977)   0.89 (0.87)
Ocean commitments projection (real)         1500  0.981 (0.978)   0.91 (0.90)
synthetic 2,000 partnerships (6,220 actors)  200  0.955 (0.950)   0.85 (0.79)
==========================================  ====  ==============  ============

With k=1,100 (what ``auto`` picks) the Ocean top 3 (UNDP, UNEP, Conservation
International) keep their exact ranks for every seed and the rest of the top
10 stay within two ranks of theirs; tests/test_betweenness.py asserts Spearman ≥ 0.97 and
top-100 overlap ≥ 0.85 at k=1000 on the real registry. Mid-ranked actors that
are the only link to a small group vary most: half of their betweenness comes
from paths that start inside that group, which a pivot rarely hits.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
*Sociometry* 40(1): 35–41.

Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
Mathematical Sociology* 25(2): 163–177.

Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
*International Journal of Bifurcation and Chaos* 17(7): 2303–2318.

Puzis, R., Zilberman, P., Elovici, Y., Dolev, S. & Brandes, U. (2012).
Heuristics for speeding up betweenness centrality computation. *SocialCom
2012*: 302–311.

Examples
--------
The hub of a star lies on the shortest path of each of the C(3, 2) = 3 pairs
of leaves:

>>> import igraph as ig
>>> b = betweenness_centrality(ig.Graph.Star(4))
>>> b.values.tolist(), b.mode
([3.0, 0.0, 0.0, 0.0], 'exact')
"""
from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs.edge_arrays import edge_array

#: Largest twin-compressed cost (sources × edges) computed exactly in ``mode="auto"``.
EXACT_BUDGET = 150_000_000
#: Fewest pivots used by the sampled mode.
MIN_PIVOTS = 50
MODES = ("auto", "exact", "sampled")

__all__ = [
    "EXACT_BUDGET",
    "MIN_PIVOTS",
    "MODES",
    "Betweenness",
    "betweenness_centrality",
    "closed_twins",
    "exact_cost",
]


@dataclass(frozen=True)
class Betweenness:
    """Betweenness values with how they were computed.

    ``mode`` is ``"exact"`` or ``"sampled"``; ``k`` the number of pivot sources
    (None when exact); ``cost`` the work of the exact mode (twin-compressed
    sources × edges, summed over components).
    """

    values: np.ndarray
    mode: str
    k: int | None
    cost: int


def closed_twins(g: ig.Graph) -> np.ndarray:
    """Class of each vertex of an undirected graph under closed twins (N[u] = N[v]).

    One-off partners of the same initiative are closed twins in the
    co-membership projection. Classes are found by hashing the rows of A + I
    and then checked exactly, row against row.

    Returns
    -------
    ndarray of int64
        Class label of each vertex; twins share a label.

    Examples
    --------
    In a triangle 0–1–2 with a tail 0–3–4, vertices 1 and 2 have the same
    closed neighbourhood {0, 1, 2}:

    >>> import igraph as ig
    >>> cls = closed_twins(ig.Graph([(0, 1), (0, 2), (1, 2), (0, 3), (3, 4)]))
    >>> bool(cls[1] == cls[2]), len(set(cls.tolist()))
    (True, 4)
    """
    return _twins(edge_array(g), g.vcount())


def _twins(el: np.ndarray, n: int) -> np.ndarray:
    """:func:`closed_twins` from the edge array."""
    el = el[el[:, 0] != el[:, 1]]
    A = sp.csr_matrix((np.ones(2 * len(el) + n),
                       (np.r_[el[:, 0], el[:, 1], np.arange(n)],
                        np.r_[el[:, 1], el[:, 0], np.arange(n)])), shape=(n, n))
    A.sum_duplicates()
    A.sort_indices()
    A.data[:] = 1.0
    rng = np.random.default_rng(20240601)
    deg = np.diff(A.indptr)
    h1, h2 = A @ rng.random(n), A @ rng.random(n)
    order = np.lexsort((np.arange(n), h2, h1, deg))
    changed = np.r_[True, (np.diff(deg[order]) != 0) | (np.diff(h1[order]) != 0)
                    | (np.diff(h2[order]) != 0)]
    cls = np.empty(n, dtype=np.int64)
    cls[order] = np.cumsum(changed) - 1
    first = order[changed]  # smallest vertex id of each class
    # exact check: every row equals its class representative's row
    rep = first[cls]
    row = np.repeat(np.arange(n), deg)
    pos = np.arange(A.nnz)
    same = A.indices[pos] == A.indices[A.indptr[rep[row]] + (pos - A.indptr[row])]
    bad = np.unique(row[~same])
    if len(bad):  # a hash collision: give those vertices classes of their own
        cls[bad] = cls.max() + 1 + np.arange(len(bad))
    return cls


def exact_cost(g: ig.Graph, classes: np.ndarray | None = None) -> int:
    """Work of exact betweenness: Σ over components of sources × edges.

    Sources are the vertices, or the closed-twin classes when ``classes`` is
    given (see :func:`betweenness_centrality`).

    Examples
    --------
    Five vertices and five edges in one component; the twins 1 and 2 share a
    search, so four sources remain:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (0, 3), (3, 4)])
    >>> exact_cost(g), exact_cost(g, closed_twins(g))
    (25, 20)
    """
    if g.ecount() == 0:
        return 0
    return _cost(edge_array(g), np.asarray(g.connected_components().membership), classes)


def _cost(el: np.ndarray, memb: np.ndarray, classes: np.ndarray | None) -> int:
    """:func:`exact_cost` from the edge array and the component of each vertex."""
    if len(el) == 0:
        return 0
    if classes is None:
        sources = np.bincount(memb)
    else:
        first = np.unique(classes, return_index=True)[1]
        sources = np.bincount(memb[first], minlength=memb.max() + 1)
    m_c = np.bincount(memb[el[:, 0]], minlength=len(sources))
    return int((sources * m_c).sum())


def betweenness_centrality(g: ig.Graph, *, mode: str = "auto", k: int | None = None,
                           seed: int = 0, normalized: bool = False,
                           exact_budget: int = EXACT_BUDGET) -> Betweenness:
    """Betweenness of every vertex, exact or estimated from k pivots (hop counts).

    Parameters
    ----------
    g : igraph.Graph
        Undirected or directed; edge weights are ignored (hop counts).
    mode : {"auto", "exact", "sampled"}
        ``auto`` is exact when the twin-compressed :func:`exact_cost` is at
        most ``exact_budget``, else sampled (see the module docstring).
    k : int, optional
        Pivots for the sampled mode; by default about ``exact_budget`` divided
        by the cost of one source, at least :data:`MIN_PIVOTS`.
    seed : int
        Seed of the pivot draw.
    normalized : bool
        Divide by the number of pairs of other vertices, (n−1)(n−2)/2
        (undirected) or (n−1)(n−2) (directed), as networkx does.

    Returns
    -------
    Betweenness

    Examples
    --------
    A triangle 0–1–2 with a tail 0–3–4: vertex 0 lies on every path from 1 or
    2 to 3 or 4 (4 pairs), vertex 3 on every path to 4 from 0, 1 or 2 (3
    pairs). Normalised, they are divided by the (5−1)(5−2)/2 = 6 pairs:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (0, 3), (3, 4)])
    >>> betweenness_centrality(g).values.tolist()
    [4.0, 0.0, 0.0, 3.0, 0.0]
    >>> betweenness_centrality(g, normalized=True).values.round(3).tolist()
    [0.667, 0.0, 0.0, 0.5, 0.0]
    """
    if mode not in MODES:
        raise AnalysisError(f"unknown betweenness mode {mode!r}: choose one of {', '.join(MODES)}")
    n = g.vcount()
    directed = g.is_directed()
    el = edge_array(g)  # one edge array for the twins and both costs
    classes = None if directed or n == 0 else _twins(el, n)
    memb = np.asarray(g.connected_components().membership) if len(el) else None
    cost = _cost(el, memb, classes)
    if mode == "auto":
        mode = "exact" if cost <= exact_budget or (k is not None and k >= n) else "sampled"
    if mode == "exact" or n == 0:
        mode, k = "exact", None
        if classes is None:
            values = np.asarray(g.betweenness(directed=directed), dtype=float)
        else:
            values = _betweenness_by_twin_classes(g, classes)
    else:
        if k is None:
            per_source = _cost(el, memb, None) / max(n, 1)
            k = int(max(MIN_PIVOTS, exact_budget // max(per_source, 1)))
        k = int(min(max(k, 1), n))
        pivots = np.random.default_rng(seed).choice(n, size=k, replace=False)
        if classes is None:
            values = np.asarray(g.betweenness(directed=directed, sources=sorted(pivots.tolist())),
                                dtype=float)
        else:  # pivots that are twins share one search
            values = _betweenness_by_twin_classes(g, classes, pivots)
        values = values * (n / k)
    if normalized and n > 2:
        pairs = (n - 1) * (n - 2) / (1 if directed else 2)
        values = values / pairs
    return Betweenness(values=values, mode=mode, k=k, cost=cost)


def _betweenness_by_twin_classes(g: ig.Graph, classes: np.ndarray,
                                 sources: np.ndarray | None = None) -> np.ndarray:
    """Betweenness summed over ``sources`` (all vertices by default), one search per twin class.

    Closed twins s, s' have the same dependency δ_s(v) = δ_s'(v) on every other
    vertex v, and no shortest path passes through a twin of its source, so
    Σ_{s ∈ S} δ_s(v) = Σ_classes |S ∩ C|·δ_rep(C)(v). igraph's subset
    betweenness (``sources=``) sums δ over a set of sources; representatives
    are grouped by their multiplicity |S ∩ C|.
    """
    first = np.unique(classes, return_index=True)[1]
    if sources is None:
        mult = np.bincount(classes)[classes[first]]
    else:
        mult = np.bincount(classes[sources], minlength=len(first))[classes[first]]
    values = np.zeros(g.vcount())
    for w in np.unique(mult[mult > 0]):
        reps = first[mult == w]
        values += w * np.asarray(g.betweenness(directed=False, sources=reps.tolist()))
    return values
