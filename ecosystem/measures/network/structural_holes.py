"""Burt's structural holes: constraint, effective size and efficiency.

An actor spans a *structural hole* when its partners are not partners of one
another: it can broker between them. Burt (1992) measures this three ways.

Definitions (as networkx defines them for weighted graphs)
----------------------------------------------------------
Let ``a_ij`` be the weight of the tie from ``i`` to ``j`` (0 if none) and the
*mutual weight* ``w_ij = a_ij + a_ji``. ``N(i)`` is the set of ``i``'s
neighbours (in- or out-), ``s_i = Σ_k w_ik`` its strength and
``M_i = max_k w_ik`` its strongest tie.

* proportional tie strength ``p_ij = w_ij / s_i``;
* **constraint** ``c_i = Σ_{j ∈ N(i)} (p_ij + Σ_q p_iq p_qj)²`` — high when
  ``i``'s ties all lead to one tightly knit group (1 for a single partner;
  low for a broker between many unconnected partners);
* **effective size** ``e_i = Σ_{j ∈ N(i)} (1 − Σ_q p_iq m_jq)`` with
  ``m_jq = w_jq / M_j`` — the number of partners less their redundancy;
  for unweighted graphs this is Borgatti's ``n − 2t/n`` (``t`` ties among the
  ``n`` partners);
* **efficiency** ``e_i / |N(i)|``, effective size per partner.

Directed graphs are read through mutual weights, as networkx does; loops are
ignored; parallel edges add up; ties of weight 0 are not ties. Actors with no
partner (isolates) get NaN for all three: the measures are undefined there
(networkx and igraph also return NaN). Their ``degree`` is 0 in
:func:`structural_holes`, so callers can tell them apart.

Engine
------
Both sums over ``q`` only see triangles ``{i, j, q}``: with ``T_ij = Σ_q
w_iq w_qj / s_q`` the constraint is ``c_i = Σ_j (w_ij + T_ij)² / s_i²``, a
masked sparse product ``(P·P)⟨A⟩``, and the redundancy is a sum over the same
triangles. We list the triangles once with
:func:`ecosystem.measures.network.triangles.iter_triangles` (degree-ordered,
O(m^1.5)) and accumulate with ``numpy.bincount``, for all three measures in one
pass. networkx's per-node path loops over pairs of neighbours in Python (days
for a 7,000-partnership registry) and its all-nodes path materialises the
two-hop matrix (gigabytes there); igraph's ``constraint`` gives the constraint
only. :func:`constraint` alone hands over to igraph's C ``Graph.constraint``
(work Σ d²) on a simple undirected graph with positive weights when Σ d² is at
most :data:`IGRAPH_CONSTRAINT_RATIO` = 40 times the wedges of the triangle pass
(:func:`ecosystem.measures.network.triangles.candidate_wedges`): measured at
about 5 ns per unit of Σ d² for igraph and 140–250 ns per wedge for the pass
(``benchmarks/network_bench.py``). On the Ocean projection (Σ d² = 2.0·10⁷,
2.0·10⁶ wedges) igraph is 2–3× faster; on the synthetic 2k registry (1.2·10⁸,
3.7·10⁶) the two tie; on the synthetic 7k one (1.3·10⁹, 1.9·10⁷) they are
within 10% either way; on the synthetic 20k registry without initiatives over
50 members (1.4·10⁹, 4.6·10⁶) the pass is 13× faster, and further apart at
70k. The two agree to 1e-14. Results agree with networkx to 1e-12 (tests/test_structural_holes.py) —
for effective size, with networkx's per-node path (``nodes=list(G)``): its
vectorised all-nodes path divides by the wrong row maximum on weighted or
directed graphs (networkx PR #8906, open).

On an actor projection these measures reward the members of the largest
initiative: it is a clique of n, and a clique member's constraint is about
4/(n − 1) whatever the weights. For co-membership data use
:func:`ecosystem.measures.network.initiative_holes.initiative_holes`, which
counts holes between each actor's initiatives.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
Cambridge, MA: Harvard University Press.

Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1): 35–38.

Examples
--------
A hub with three unconnected partners has p = 1/3 to each and no indirect
ties, so c = 3 · (1/3)² = 1/3 and no redundancy; each partner depends on the
hub alone (c = 1):

>>> import igraph as ig
>>> star = ig.Graph.Star(4)                      # hub 0 with three unconnected partners
>>> constraint(star, weights=None).round(3).tolist()
[0.333, 1.0, 1.0, 1.0]
>>> effective_size(star, weights=None).tolist()
[3.0, 1.0, 1.0, 1.0]
"""
from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.measures.network.triangles import (
    CHUNK_WEDGES,
    TriangleChunk,
    candidate_wedges,
    iter_triangles,
)

__all__ = [
    "IGRAPH_CONSTRAINT_RATIO",
    "HoleSums",
    "MutualWeights",
    "constraint",
    "effective_size",
    "efficiency",
    "mutual_weights",
    "structural_holes",
]


#: :func:`constraint` uses igraph's C ``Graph.constraint`` (work Σ d²) when Σ d² is
#: at most this many times the wedges of the triangle pass (see *Engine*).
IGRAPH_CONSTRAINT_RATIO = 40


@dataclass(frozen=True)
class MutualWeights:
    """A graph as its undirected edges ``u < v`` with mutual weights ``w``."""

    n: int
    u: np.ndarray
    v: np.ndarray
    w: np.ndarray

    @property
    def degree(self) -> np.ndarray:
        """Distinct partners of each vertex."""
        return np.bincount(self.u, minlength=self.n) + np.bincount(self.v, minlength=self.n)

    @property
    def strength(self) -> np.ndarray:
        """s_i = Σ_k w_ik."""
        return (np.bincount(self.u, self.w, minlength=self.n)
                + np.bincount(self.v, self.w, minlength=self.n))

    @property
    def strongest(self) -> np.ndarray:
        """M_i = max_k w_ik (0 for isolates)."""
        out = np.zeros(self.n)
        np.maximum.at(out, self.u, self.w)
        np.maximum.at(out, self.v, self.w)
        return out


def mutual_weights(g: ig.Graph, weights: str | None = "weight") -> MutualWeights:
    """Collapse ``g`` to undirected edges ``u < v`` with ``w_uv = a_uv + a_vu``.

    Loops are dropped, parallel edges summed, zero-weight edges dropped.
    ``weights=None`` gives every edge weight 1. Raises :class:`AnalysisError`
    for a missing weight attribute or negative / non-finite weights.

    Examples
    --------
    Reciprocal arcs 0 → 1 and 1 → 0 become one tie of weight 2:

    >>> import igraph as ig
    >>> mw = mutual_weights(ig.Graph([(0, 1), (1, 0), (1, 2)], directed=True), weights=None)
    >>> mw.u.tolist(), mw.v.tolist(), mw.w.tolist(), mw.strength.tolist()
    ([0, 1], [1, 2], [2.0, 1.0], [2.0, 3.0, 1.0])
    """
    n = g.vcount()
    el = edge_array(g)
    if weights is None:
        a = np.ones(len(el))
    else:
        if weights not in g.es.attributes():
            raise AnalysisError(
                f"edge attribute {weights!r} not found; available: {g.es.attributes()}; "
                "pass weights=None for unweighted ties"
            )
        a = np.asarray(g.es[weights], dtype=float)
        if len(a) and (not np.isfinite(a).all() or (a < 0).any()):
            raise AnalysisError(f"edge weights {weights!r} must be finite and >= 0")
    keep = (el[:, 0] != el[:, 1]) & (a > 0)
    el, a = el[keep], a[keep]
    lo = np.minimum(el[:, 0], el[:, 1])
    hi = np.maximum(el[:, 0], el[:, 1])
    key = lo * max(n, 1) + hi
    order = np.argsort(key, kind="stable")
    key, a = key[order], a[order]
    new = np.r_[True, key[1:] != key[:-1]] if len(key) else np.zeros(0, dtype=bool)
    uniq = key[new]
    w = np.add.reduceat(a, np.flatnonzero(new)) if len(uniq) else np.zeros(0)
    return MutualWeights(n=n, u=uniq // max(n, 1), v=uniq % max(n, 1), w=w)


class HoleSums:
    """Burt's sums over triangles, accumulated chunk by chunk (see *Engine*).

    Feed it every :class:`~ecosystem.measures.network.triangles.TriangleChunk`
    of the graph ``mw.u, mw.v`` (:meth:`add`), then read ``two_step`` (per edge
    ``T_e = Σ_q w_iq w_qj / s_q``) and :meth:`redundancy` (per vertex ``R_i``).
    One pass over the triangles can feed this and other accumulators
    (:func:`ecosystem.measures.network.brokers.holes_and_roles`).

    Examples
    --------
    >>> import igraph as ig
    >>> from ecosystem.measures.network.triangles import iter_triangles
    >>> mw = mutual_weights(ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)]), weights=None)
    >>> sums = HoleSums(mw)
    >>> for t in iter_triangles(mw.u, mw.v, mw.n, chunk=sums.chunk):
    ...     sums.add(t)
    >>> sums.two_step.round(3).tolist()                 # edge 2–3 is on no triangle
    [0.333, 0.5, 0.5, 0.0]
    """

    def __init__(self, mw: MutualWeights):
        self.mw = mw
        self.s, self.big = mw.strength, mw.strongest
        self.two_step = np.zeros(len(mw.w))
        self.redundancy_sum = np.zeros(mw.n)
        #: chunks of at least m/2 wedges keep the per-chunk bincount (length m) cheap
        self.chunk = max(CHUNK_WEDGES, len(mw.w) // 2)

    def add(self, t: TriangleChunk) -> None:
        """Add the triangles of one chunk."""
        w, s, big = self.mw.w, self.s, self.big
        wxy, wxz, wyz = w[t.e_xy], w[t.e_xz], w[t.e_yz]
        sx, sy, sz = s[t.x], s[t.y], s[t.z]
        bx, by, bz = big[t.x], big[t.y], big[t.z]
        # each edge of the triangle gets the two-step path through the third vertex
        self.two_step += np.bincount(
            np.concatenate([t.e_yz, t.e_xz, t.e_xy]),
            np.concatenate([wxy * wxz / sx, wxy * wyz / sy, wxz * wyz / sz]), minlength=len(w))
        # each vertex gets the redundancy of its two partners in the triangle
        self.redundancy_sum += np.bincount(np.concatenate([t.x, t.y, t.z]),
                                           np.concatenate([wyz * (wxz / by + wxy / bz),
                                                           wxz * (wyz / bx + wxy / bz),
                                                           wxy * (wyz / bx + wxz / by)]),
                                           minlength=self.mw.n)

    def redundancy(self) -> np.ndarray:
        """R_i = Σ_j Σ_q p_iq m_jq (NaN for isolates)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.redundancy_sum / self.s

    def frame(self, g: ig.Graph) -> pd.DataFrame:
        """The :func:`structural_holes` table from the accumulated sums."""
        mw = self.mw
        d = mw.degree
        eff = _effective_size_from(mw, self.redundancy())
        with np.errstate(divide="ignore", invalid="ignore"):
            efficiency = eff / d
        out = pd.DataFrame({
            "degree": d,
            "constraint": _constraint_from(mw, self.two_step),
            "effective_size": eff,
            "efficiency": efficiency,
        })
        if "name" in g.vs.attributes():
            out.insert(0, "name", g.vs["name"])
        return out


def _triangle_sums(mw: MutualWeights):
    """Per edge ``T_e = Σ_q w_iq w_qj / s_q`` and per vertex redundancy ``R_i``."""
    sums = HoleSums(mw)
    for t in iter_triangles(mw.u, mw.v, mw.n, chunk=sums.chunk):
        sums.add(t)
    return sums.two_step, sums.redundancy()


def _constraint_from(mw: MutualWeights, two_step: np.ndarray) -> np.ndarray:
    local = (mw.w + two_step) ** 2
    total = np.bincount(mw.u, local, minlength=mw.n) + np.bincount(mw.v, local, minlength=mw.n)
    s = mw.strength
    with np.errstate(divide="ignore", invalid="ignore"):
        out = total / s**2
    out[mw.degree == 0] = np.nan
    return out


def _effective_size_from(mw: MutualWeights, redundancy: np.ndarray) -> np.ndarray:
    d = mw.degree.astype(float)
    out = d - np.nan_to_num(redundancy)
    out[d == 0] = np.nan
    return out


def structural_holes(g: ig.Graph, weights: str | None = "weight") -> pd.DataFrame:
    """Constraint, effective size and efficiency of every vertex, in one pass.

    Parameters
    ----------
    g : igraph.Graph
        Directed or undirected.
    weights : str or None
        Edge attribute with tie strengths; None for unweighted.

    Returns
    -------
    DataFrame
        One row per vertex, in vertex order: ``degree`` (distinct partners),
        ``constraint``, ``effective_size``, ``efficiency``; NaN for isolates.
        A ``name`` column is added first when ``g`` has a ``name`` vertex attribute.

    Examples
    --------
    A triangle 0–1–2 with a tail 2–3. Vertex 2 has three partners (p = 1/3
    each), two of them tied to each other: c = 2·(1/3 + 1/3·1/2)² + (1/3)²
    = 0.611, and effective size 3 − 2·1/3 = 2.333 (one tie among three
    partners):

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> structural_holes(g, weights=None).round(3)
       degree  constraint  effective_size  efficiency
    0       2       1.007           1.000       0.500
    1       2       1.007           1.000       0.500
    2       3       0.611           2.333       0.778
    3       1       1.000           1.000       1.000
    """
    mw = mutual_weights(g, weights)
    sums = HoleSums(mw)
    for t in iter_triangles(mw.u, mw.v, mw.n, chunk=sums.chunk):
        sums.add(t)
    return sums.frame(g)


def constraint(g: ig.Graph, weights: str | None = "weight") -> np.ndarray:
    """Burt's constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)² of every vertex (NaN for isolates).

    See the module docstring for the definitions (Burt 1992).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> g.es["weight"] = [2.0, 1.0, 1.0, 1.0]         # 0–1 twice as strong
    >>> constraint(g).round(3).tolist()
    [0.914, 0.914, 0.728, 1.0]
    """
    mw = mutual_weights(g, weights)
    d = mw.degree.astype(np.float64)
    if (not g.is_directed() and len(mw.w) == g.ecount()  # simple, every weight > 0
            and float(d @ d) <= IGRAPH_CONSTRAINT_RATIO * candidate_wedges(mw.u, mw.v, mw.n)):
        out = np.asarray(g.constraint(weights=weights), dtype=np.float64)
        out[d == 0] = np.nan
        return out
    return _constraint_from(mw, _triangle_sums(mw)[0])


def effective_size(g: ig.Graph, weights: str | None = "weight") -> np.ndarray:
    """Burt's effective size e_i = Σ_j (1 − Σ_q p_iq m_jq) of every vertex (NaN for isolates).

    See the module docstring for the definitions (Burt 1992; Borgatti 1997).

    Examples
    --------
    Unweighted, it is Borgatti's n − 2t/n: vertex 2 has n = 3 partners with
    t = 1 tie among them, 3 − 2/3:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3), (4, 4)])   # 4 has only a loop
    >>> effective_size(g, weights=None).round(3).tolist()
    [1.0, 1.0, 2.333, 1.0, nan]
    """
    mw = mutual_weights(g, weights)
    return _effective_size_from(mw, _triangle_sums(mw)[1])


def efficiency(g: ig.Graph, weights: str | None = "weight") -> np.ndarray:
    """Burt's efficiency e_i / |N(i)|: effective size per partner (NaN for isolates).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> efficiency(g, weights=None).round(3).tolist()
    [0.5, 0.5, 0.778, 1.0]
    """
    mw = mutual_weights(g, weights)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _effective_size_from(mw, _triangle_sums(mw)[1]) / mw.degree
