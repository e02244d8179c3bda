"""The disparity backbone of an actor projection too large to hold, built in two passes.

Above its ``max_edges`` limit the actor projection is not built
(:class:`ecosystem.errors.ProjectionTooLarge`); :func:`actor_backbone` builds its disparity
backbone (Serrano, Boguñá & Vespignani 2009) without ever holding every edge:

1. a first pass of the blocked product B·Bᵀ (:func:`ecosystem.graphs.projection.cooccurrence_pairs`)
   keeps no edge and only adds up each actor's strength s_u and degree k_u;
2. a second pass keeps the edges significant for either end,

   .. math:: \\alpha_{uv} = \\min\\Big(\\big(1 - \\tfrac{w_{uv}}{s_u}\\big)^{k_u - 1},
             \\big(1 - \\tfrac{w_{uv}}{s_v}\\big)^{k_v - 1}\\Big) < \\alpha ,

   exactly the edges :func:`ecosystem.graphs.disparity_backbone` keeps from the full projection.
   When more than ``max_edges`` pass, the ``max_edges`` most significant (smallest α) are kept
   and the graph says so.

The graph carries what was cut: ``backbone_alpha``, ``edges_in_projection`` (all pairs that
share an initiative) and ``edges_kept``, so every section built on it can state it.

References
----------
Serrano, M. Á., Boguñá, M. & Vespignani, A. (2009). Extracting the multiscale backbone of
complex weighted networks. *PNAS* 106(16): 6483–6488.

Examples
--------
a, b, c, d run i1 together; a and b also run i2 and i3. Counting shared initiatives, a has
strength 3 + 1 + 1 = 5 over 3 partners, so a–b has α = (1 − 3/5)² = 0.16 at a; c's three ties
weigh 1 each, α = (1 − 1/3)² ≈ 0.44. At ``alpha=0.2`` only a–b is significant:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1"] * 4 + ["i2", "i2", "i3", "i3"],
...                      "actor_id": list("abcd") + list("abab"), "role": "partner",
...                      "registry": "r", "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"), "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": "1", "kind": "partnership"}))
>>> g = actor_backbone(reg, weight="count", alpha=0.2)
>>> [(str(g.vs[u]["name"]), str(g.vs[v]["name"])) for u, v in g.get_edgelist()]
[('a', 'b')]
>>> g["edges_in_projection"], g["edges_kept"]
(6, 1)
"""
from __future__ import annotations

import igraph as ig
import numpy as np

from ecosystem.graphs.bipartite import incidence_matrix
from ecosystem.graphs.pair_weights import pair_weighting
from ecosystem.graphs.projection import DEFAULT_MAX_EDGES, actor_graph, cooccurrence_pairs
from ecosystem.model import Registry, require_initiatives

__all__ = ["actor_backbone"]


def _alpha(w: np.ndarray, s: np.ndarray, k: np.ndarray) -> np.ndarray:
    ok = (k > 1) & (s > 0)
    p = np.divide(w, s, out=np.zeros_like(w), where=ok)
    return np.where(ok, (1.0 - np.clip(p, 0.0, 1.0)) ** (k - 1.0), 1.0)


def actor_backbone(reg: Registry, *, weight: str = "newman", alpha: float = 0.05,
                   max_edges: int = DEFAULT_MAX_EDGES) -> ig.Graph:
    """The actor projection's disparity backbone, without building the projection.

    Parameters
    ----------
    reg : Registry
    weight : {"count", "newman", "jaccard"}
        Projection weighting (:func:`ecosystem.graphs.actor_projection`).
    alpha : float
        Significance level of the disparity filter.
    max_edges : int
        At most this many edges are kept (the most significant).

    Returns
    -------
    igraph.Graph
        The vertices and attributes of :func:`ecosystem.graphs.actor_projection`, the kept
        edges with ``weight``, ``shared`` and ``alpha``; graph attributes ``weighting``,
        ``backbone_alpha``, ``edges_in_projection``, ``edges_kept`` and ``max_edges``.
    """
    require_initiatives(reg, "the actor backbone")
    B, _, _ = incidence_matrix(reg)
    n = B.shape[0]
    col_weight, weight_fn = pair_weighting(B, weight)
    strength = np.zeros(n)
    degree = np.zeros(n)
    total = 0

    def tally(r, c, s, wv):                     # pass 1: strengths and degrees, no edge kept
        nonlocal total
        w = weight_fn(r, c, s, wv) if weight_fn else (wv if wv is not None else s * 1.0)
        strength[:] += np.bincount(r, w, n) + np.bincount(c, w, n)
        degree[:] += np.bincount(r, minlength=n) + np.bincount(c, minlength=n)
        total += len(r)
        return np.full(len(r), -1.0)

    cooccurrence_pairs(B, col_weight=col_weight, weight_fn=tally, min_weight=0.0)
    alphas = []

    def significant(r, c, s, wv):               # pass 2: the edges that pass the filter
        w = weight_fn(r, c, s, wv) if weight_fn else (wv if wv is not None else s * 1.0)
        a = np.minimum(_alpha(w, strength[r], degree[r]), _alpha(w, strength[c], degree[c]))
        keep = a < alpha
        alphas.append(a[keep])
        return np.where(keep, w, -1.0)

    rows, cols, shared, w = cooccurrence_pairs(B, col_weight=col_weight, weight_fn=significant,
                                               min_weight=0.0)
    a = np.concatenate(alphas) if alphas else np.zeros(0)
    if len(rows) > max_edges:
        best = np.sort(np.argsort(a, kind="stable")[:max_edges])
        rows, cols, shared, w, a = rows[best], cols[best], shared[best], w[best], a[best]
    g = actor_graph(reg, rows, cols, w, shared)
    g.es["alpha"] = a.tolist()
    g["weighting"] = weight
    g["backbone_alpha"] = alpha
    g["edges_in_projection"] = int(total)
    g["edges_kept"] = int(len(rows))
    g["max_edges"] = int(max_edges)
    return g
