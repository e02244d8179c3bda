"""One-mode projections: actor–actor co-membership and initiative–initiative overlap.

Two actors are tied when they take part in the same initiative; two initiatives
are tied when they share an actor. Both are computed as a sparse matrix product
(A = B·W·Bᵀ for actors, Bᵀ·B for initiatives, B the incidence matrix), in row
blocks, so that memory stays bounded and a ``max_edges`` guard can stop the
product early instead of exhausting memory.

Weightings of the actor projection
----------------------------------
``count``
    Number of shared initiatives (networkx ``weighted_projected_graph``).
``newman``
    Newman's collaboration weight Σ 1/(k−1) over shared initiatives with k
    actors (Newman 2001, Phys. Rev. E 64:016132; networkx
    ``collaboration_weighted_projected_graph``). Each initiative then gives
    each member a total weight of 1, so a 150-member consortium does not
    dominate strength, PageRank or communities. An actor's Newman strength is
    its number of initiatives that have at least one other member.
``jaccard``
    |N(u) ∩ N(v)| / |N(u) ∪ N(v)| over the two actors' initiatives (networkx
    ``overlap_weighted_projected_graph(jaccard=True)``).

Every projection also carries ``shared`` (the count) on each edge.

Engine and limits: one sparse product gives both the count and the weight
(the left factor B·diag(1 + i·w) makes the real part B·Bᵀ and the imaginary
part B·W·Bᵀ, on one sparsity structure), read straight from its CSR arrays
into the graph; :func:`edge_array` hands the kept (u, v) array to later stages
(structural holes, brokerage roles, betweenness) so that they do not ask
igraph for its edge list again. What remains above the bare product is
igraph's own edge and attribute intake from Python (about 0.2 µs per edge).
The sparse product replaces networkx's
``weighted_projected_graph``, which walks every actor's two-hop neighbourhood
in Python and is orders of magnitude slower from 7,000 initiatives up;
``make bench`` (``benchmarks/run.py``) measures both. The edge count, not the
time, is the limit: a synthetic 700k registry projects to 55.8M edges, 91% of
them from initiatives with more than 20 members; leaving out initiatives
larger than 50 (``max_initiative_size=50``) removes 74% of them, keeping
weight ≥ 2 keeps 2.7%. The initiative projection is dominated by hubs (a
UNDP-like hub alone makes 1.9·10¹⁰ pairs at 700k): treat hubs as stop-words
with ``max_actor_degree`` (ignoring actors in more than 100 initiatives left
7.0·10⁶ pairs at 700k).

References
----------
Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest
paths, weighted networks, and centrality. *Physical Review E* 64: 016132.

Examples
--------
Actors a, b and c run initiative i1 together; b and c also run i2:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2"],
...                      "actor_id": ["a", "b", "c", "b", "c"], "role": "partner",
...                      "registry": "r", "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
...                               "record_id": ["1", "2"], "kind": "partnership"}))
>>> g = actor_projection(reg, weight="newman")
>>> projection_edges(g)
  source target  weight  shared
0      a      b     0.5       1
1      a      c     0.5       1
2      b      c     1.5       2

b–c weighs 1/(3−1) for i1 plus 1/(2−1) for i2.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError, ProjectionTooLarge
from ecosystem.graphs.bipartite import (
    actor_attributes,
    as_strings,
    incidence_matrix,
    membership_matrix,
)
from ecosystem.graphs.edge_arrays import edge_array, graph_from_edges
from ecosystem.graphs.pair_weights import pair_weighting
from ecosystem.model import Registry, require_initiatives

__all__ = [
    "DEFAULT_MAX_EDGES",
    "WEIGHTINGS",
    "actor_graph",
    "actor_projection",
    "cooccurrence_pairs",
    "initiative_projection",
    "projection_edges",
]

WEIGHTINGS = ("count", "newman", "jaccard")
DEFAULT_MAX_EDGES = 5_000_000
_BLOCK_WORK = 4_000_000  # product entries computed per row block


def _check_weight(weight: str, allowed=WEIGHTINGS) -> None:
    if weight not in allowed:
        raise AnalysisError(f"unknown weight {weight!r}: choose one of {', '.join(allowed)}")


def cooccurrence_pairs(B: sp.spmatrix, *, col_weight: np.ndarray | None = None,
                       weight_fn: Callable[..., np.ndarray] | None = None,
                       min_weight: float | None = None, max_edges: int | None = None,
                       on_too_many: Callable[[int, int], None] | None = None
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Upper-triangle pairs (i < j) of rows of B that share a column.

    Computes S = B·Bᵀ (shared columns) and, when ``col_weight`` is given,
    W = B·diag(col_weight)·Bᵀ, row block by row block, so that only the kept
    pairs are ever held in full.

    Parameters
    ----------
    B : csr_matrix
    col_weight : array, optional
        Weight of each column for W.
    weight_fn : callable, optional
        ``weight_fn(rows, cols, shared, weighted) -> weights`` for each block;
        by default the weight is ``weighted`` when ``col_weight`` is given,
        else ``shared``.
    min_weight : float, optional
        Keep only pairs whose weight is at least this.
    max_edges : int, optional
        When more pairs are kept, ``on_too_many(kept, done_rows)`` is called
        (and must raise).

    Returns
    -------
    rows, cols, shared : int64 arrays
    weights : float64 array

    Examples
    --------
    Rows 0 and 1 share columns 0 and 1, rows 1 and 2 share column 1:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> B = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 1, 0]]))
    >>> rows, cols, shared, w = cooccurrence_pairs(B)
    >>> rows.tolist(), cols.tolist(), shared.tolist()
    ([0, 0, 1], [1, 2, 2], [2, 1, 1])
    """
    B = sp.csr_matrix(B, dtype=np.float64)
    n = B.shape[0]
    BT = B.T.tocsr()
    # One product gives both S and W: with left factor B·diag(1 + i·col_weight), the real
    # part is B·Bᵀ and the imaginary part B·diag(col_weight)·Bᵀ, summed in the same order
    # as two real products would be (bit for bit), on one sparsity structure.
    left = B if col_weight is None else (B @ sp.diags(1.0 + 1j * np.asarray(col_weight))).tocsr()
    col_size = np.asarray(B.sum(axis=0)).ravel()
    work = np.asarray(B @ col_size).ravel()  # ≥ the nonzeros of each product row
    cuts = np.searchsorted(np.cumsum(work), np.arange(1, int(work.sum() // _BLOCK_WORK) + 1)
                           * _BLOCK_WORK)
    bounds = np.unique(np.concatenate([[0], cuts + 1, [n]]).clip(0, n))
    out = ([], [], [], [])
    kept = 0
    for r0, r1 in pairwise(bounds):
        prod = left[r0:r1] @ BT
        prod.sort_indices()
        r = np.repeat(np.arange(r0, r1, dtype=np.int64), np.diff(prod.indptr))
        c = prod.indices.astype(np.int64)
        upper = c > r
        r, c, data = r[upper], c[upper], prod.data[upper]
        s = np.rint(data.real).astype(np.int64)
        wv = data.imag if col_weight is not None else None
        if weight_fn is not None:
            w = weight_fn(r, c, s, wv)
        else:
            w = wv if wv is not None else s.astype(np.float64)
        if min_weight is not None:
            keep = w >= min_weight
            r, c, s, w = r[keep], c[keep], s[keep], w[keep]
        kept += len(r)
        if max_edges is not None and kept > max_edges:
            on_too_many(kept, int(r1))
        for lst, arr in zip(out, (r, c, s, w)):
            lst.append(arr)
    return tuple(np.concatenate(lst) if lst else np.zeros(0, dt)
                 for lst, dt in zip(out, (np.int64, np.int64, np.int64, np.float64)))


def _too_many(what: str, max_edges: int, bound: int, n_rows: int, advice: str):
    def raise_it(kept: int, done_rows: int):
        raise ProjectionTooLarge(
            f"the {what} would have more than max_edges={max_edges:,} edges "
            f"(already {kept:,} after {done_rows:,} of {n_rows:,} vertices; upper bound "
            f"Σ C(k,2) = {bound:,}). {advice}, or raise max_edges if memory allows "
            "(about 60 bytes per edge)"
        )
    return raise_it


def actor_projection(reg: Registry, *, weight: str = "count", min_weight: float | None = None,
                     max_edges: int = DEFAULT_MAX_EDGES,
                     max_initiative_size: int | None = None) -> ig.Graph:
    """Actor–actor co-membership graph.

    Parameters
    ----------
    reg : Registry
    weight : {"count", "newman", "jaccard"}
        Edge weighting (see the module docstring).
    min_weight : float, optional
        Keep only edges whose weight is at least this (e.g. ``min_weight=2``
        with ``weight="count"``: pairs that share two or more initiatives).
    max_edges : int
        Refuse (AnalysisError) when the projection would have more edges.
        Σ C(k,2) over initiatives is checked first; when it exceeds
        ``max_edges`` the exact count is taken during the blocked product,
        which stops as soon as it passes the limit.
    max_initiative_size : int, optional
        Leave initiatives with more actors than this out of the projection
        (they stay in the bipartite graph). Recorded as graph attribute
        ``initiatives_left_out``.

    Returns
    -------
    igraph.Graph
        Undirected; one vertex per actor of ``reg.actors`` (isolated actors
        included), vertex attributes ``name`` (actor_id), ``label``,
        ``actor_type``, ``country``; edge attributes ``weight`` and ``shared``
        (number of shared initiatives). Graph attributes ``weighting``,
        ``min_weight``, ``max_initiative_size``, ``initiatives_left_out``.

    Raises
    ------
    AnalysisError
        Empty registry, unknown weighting, or more than ``max_edges`` edges.

    Examples
    --------
    Actors a, b and c run initiative i1 together; b and c also run i2:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2"],
    ...                      "actor_id": ["a", "b", "c", "b", "c"], "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> for w in WEIGHTINGS:
    ...     print(w, actor_projection(reg, weight=w).es["weight"])
    count [1.0, 1.0, 2.0]
    newman [0.5, 0.5, 1.5]
    jaccard [0.5, 0.5, 1.0]
    >>> g = actor_projection(reg, max_initiative_size=2)      # i1 has 3 members
    >>> g.get_edgelist(), g["initiatives_left_out"]
    ([(1, 2)], 1)
    """
    _check_weight(weight)
    require_initiatives(reg, "the actor projection")
    B = membership_matrix(reg)
    k = np.asarray(B.sum(axis=0)).ravel()
    left_out = 0
    if max_initiative_size is not None:
        drop = k > max_initiative_size
        left_out = int(drop.sum())
        if left_out:
            B = (B @ sp.diags((~drop).astype(np.float64))).tocsr()
            B.eliminate_zeros()
            k = np.where(drop, 0.0, k)
    bound = int((k * (k - 1) / 2).sum())
    col_weight, weight_fn = pair_weighting(B, weight)
    advice = ("pass min_weight=2 (with weight='count') to keep pairs that share two or more "
              "initiatives, max_initiative_size=50 to leave large consortia out, or build a "
              "backbone with ecosystem.graphs.disparity_backbone on a smaller projection")
    rows, cols, shared, w = cooccurrence_pairs(
        B, col_weight=col_weight, weight_fn=weight_fn, min_weight=min_weight,
        max_edges=max_edges if bound > max_edges else None,
        on_too_many=_too_many("actor projection", max_edges, bound, B.shape[0], advice))
    g = actor_graph(reg, rows, cols, w, shared)
    g["weighting"] = weight
    g["min_weight"] = min_weight
    g["max_initiative_size"] = max_initiative_size
    g["initiatives_left_out"] = left_out
    return g


def actor_graph(reg: Registry, rows: np.ndarray, cols: np.ndarray, weight: np.ndarray,
                shared: np.ndarray) -> ig.Graph:
    """The actor graph of the pairs ``(rows[k], cols[k])`` (positions in ``reg.actors``).

    One vertex per actor (``name`` = actor_id, ``label``, ``actor_type``, ``country``) and one
    edge per pair with ``weight`` and ``shared``: what :func:`actor_projection` and
    :func:`ecosystem.graphs.actor_backbone` return.
    """
    g = graph_from_edges(len(reg.actors), rows, cols)
    for attr, values in actor_attributes(reg.actors).items():
        g.vs[attr] = values
    g.es["weight"] = weight.tolist()
    g.es["shared"] = shared.tolist()
    return g


def initiative_projection(reg: Registry, *, weight: str = "count",
                          max_actor_degree: int | None = None, min_weight: float | None = None,
                          max_edges: int = DEFAULT_MAX_EDGES) -> ig.Graph:
    """Initiative–initiative graph: two initiatives are tied when they share an actor.

    Parameters
    ----------
    reg : Registry
    weight : {"count", "jaccard"}
        ``count``: number of shared actors; ``jaccard``: shared actors over the
        union of the two initiatives' actors.
    max_actor_degree : int, optional
        Treat actors in more than this many initiatives as stop-words and
        ignore them (hubs such as UNDP would otherwise tie thousands of
        initiatives to each other; see the module docstring). Recorded as graph
        attribute ``actors_left_out``.
    min_weight : float, optional
        Keep only edges with at least this weight.
    max_edges : int
        Refuse (AnalysisError) when the graph would have more edges.

    Returns
    -------
    igraph.Graph
        Undirected; one vertex per initiative, vertex attributes ``name``
        (initiative_id), ``label`` (title), ``registry``; edge attributes
        ``weight`` and ``shared`` (number of shared actors).

    Examples
    --------
    Initiatives i1 (actors a, b, c) and i2 (b, c) share two actors of three:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2"],
    ...                      "actor_id": ["a", "b", "c", "b", "c"], "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> projection_edges(initiative_projection(reg, weight="jaccard")).round(3)
      source target  weight  shared
    0     i1     i2   0.667       2
    """
    _check_weight(weight, ("count", "jaccard"))
    require_initiatives(reg, "the initiative projection")
    B, _, initiative_ids = incidence_matrix(reg)
    BT = B.T.tocsr()
    d = np.asarray(BT.sum(axis=0)).ravel()  # initiatives per actor
    left_out = 0
    if max_actor_degree is not None:
        drop = d > max_actor_degree
        left_out = int(drop.sum())
        if left_out:
            BT = (BT @ sp.diags((~drop).astype(np.float64))).tocsr()
            BT.eliminate_zeros()
            d = np.where(drop, 0.0, d)
    bound = int((d * (d - 1) / 2).sum())
    weight_fn = None
    if weight == "jaccard":
        size = np.asarray(BT.sum(axis=1)).ravel()

        def weight_fn(r, c, s, _):
            return s / (size[r] + size[c] - s)
    advice = ("pass max_actor_degree=100 to ignore hub actors (stop-words), or min_weight=2 to "
              "keep initiatives that share two or more actors")
    rows, cols, shared, w = cooccurrence_pairs(
        BT, weight_fn=weight_fn, min_weight=min_weight,
        max_edges=max_edges if bound > max_edges else None,
        on_too_many=_too_many("initiative projection", max_edges, bound, BT.shape[0], advice))
    g = graph_from_edges(BT.shape[0], rows, cols)
    g.vs["name"] = list(initiative_ids)
    g.vs["label"] = as_strings(reg.initiatives["title"])
    g.vs["registry"] = as_strings(reg.initiatives["registry"])
    g.es["weight"] = w.tolist()
    g.es["shared"] = shared.tolist()
    g["weighting"] = weight
    g["max_actor_degree"] = max_actor_degree
    g["actors_left_out"] = left_out
    return g


def projection_edges(g: ig.Graph) -> pd.DataFrame:
    """Edge table of a projection: ``source``, ``target`` (vertex names), ``weight``, ``shared``.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)])
    >>> g.vs["name"] = ["a", "b"]; g.es["weight"] = [0.5]; g.es["shared"] = [1]
    >>> projection_edges(g).to_dict("records")
    [{'source': 'a', 'target': 'b', 'weight': 0.5, 'shared': 1}]
    """
    e = edge_array(g)
    names = np.array(g.vs["name"], dtype=object)
    return pd.DataFrame({"source": names[e[:, 0]], "target": names[e[:, 1]],
                         "weight": g.es["weight"], "shared": g.es["shared"]})
