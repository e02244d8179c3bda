"""Triangles of an undirected graph, listed with the ids of their three edges.

Burt's constraint and effective size (:mod:`ecosystem.measures.network.structural_holes`) and the
closed two-paths of Gould–Fernandez brokerage (:mod:`ecosystem.measures.network.brokerage_roles`)
are sums over the triangles of a graph. Co-membership projections are made of
overlapping cliques, so they hold many triangles (18 million on a synthetic
7,000-partnership registry with 576,000 projected edges), and a hub's
neighbourhood is far too large to enumerate its wedges (Σ d² = 1.2·10⁹ there).

Engine
------
The forward algorithm with degree ordering (Schank & Wagner 2005; Chiba &
Nishizeki 1985): orient every edge from its lower-ranked to its higher-ranked
end, rank = (degree, vertex id), and close only the wedges at a triangle's
lowest-ranked vertex. A vertex's out-degree is then at most √(2m), so the work
is O(m^1.5) whatever the hubs: 18.4 million candidate wedges at 7,000
partnerships and 197 million at 70,000 (on the synthetic registries of
``benchmarks/synthetic.py``). The wedges are built and closed with vectorised
numpy (``searchsorted`` on sorted edge keys) in chunks, so memory stays
bounded. igraph's ``Graph.list_triangles`` returns the same triangles but as
Python tuples (several GB for the 18 million above), and gives no edge ids.

References
----------
Chiba, N. & Nishizeki, T. (1985). Arboricity and subgraph listing algorithms.
*SIAM Journal on Computing* 14(1): 210–223.

Schank, T. & Wagner, D. (2005). Finding, counting and listing all triangles in
large graphs, an experimental study. *WEA 2005*, LNCS 3503: 606–609.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

#: Candidate wedges closed per chunk: about 50 bytes each. Chunks of 0.1–1M
#: run several times faster than 4M ones (the arrays stay in cache).
CHUNK_WEDGES = 100_000

__all__ = ["CHUNK_WEDGES", "TriangleChunk", "candidate_wedges", "iter_triangles"]


@dataclass(frozen=True)
class TriangleChunk:
    """A batch of triangles ``{x, y, z}`` and the ids of their edges.

    ``x`` is the lowest-ranked vertex of each triangle. Edge ids index the edge
    arrays given to :func:`iter_triangles`.
    """

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    e_xy: np.ndarray
    e_xz: np.ndarray
    e_yz: np.ndarray

    def __len__(self) -> int:
        return len(self.x)


def iter_triangles(u: np.ndarray, v: np.ndarray, n: int,
                   chunk: int = CHUNK_WEDGES) -> Iterator[TriangleChunk]:
    """Yield every triangle of a simple undirected graph once, in chunks.

    Parameters
    ----------
    u, v : array of int
        Edge ends with ``u < v``, no duplicate edges and no loops. Edge ``e`` is
        ``(u[e], v[e])``.
    n : int
        Number of vertices.
    chunk : int
        Maximum number of candidate wedges handled at once.

    Yields
    ------
    TriangleChunk

    Examples
    --------
    >>> import numpy as np
    >>> u, v = np.array([0, 0, 1, 1]), np.array([1, 2, 2, 3])   # triangle 0-1-2 and a tail
    >>> [(int(t.x[0]), int(t.y[0]), int(t.z[0])) for t in iter_triangles(u, v, 4)]
    [(0, 1, 2)]
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    m = len(u)
    if m == 0:
        return
    keys = u * n + v
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    low_first = rank[u] < rank[v]
    src = np.where(low_first, u, v)
    dst = np.where(low_first, v, u)
    # Out-lists grouped by source and sorted by vertex id, so that in a wedge
    # (first, second) with first < second, dst[first] < dst[second].
    by_src = np.lexsort((dst, src))
    src, dst, eid = src[by_src], dst[by_src], by_src
    seg_end = np.cumsum(np.bincount(src, minlength=n))
    # The oriented edge at position p pairs with the later edges of its source:
    # there are seg_end[src[p]] - p - 1 of them.
    partners = seg_end[src] - np.arange(m) - 1
    cum = np.cumsum(partners)
    start = 0
    while start < m:
        stop = int(np.searchsorted(cum, (cum[start - 1] if start else 0) + chunk, "right"))
        stop = max(stop, start + 1)
        counts = partners[start:stop]
        total = int(counts.sum())
        pos = np.arange(start, stop)
        start = stop
        if total == 0:
            continue
        first = np.repeat(pos, counts)
        # second = first + 1 + (index of the wedge within its run of `first`)
        run_start = np.repeat(np.cumsum(counts) - counts - pos, counts)
        second = np.arange(total) - run_start + 1
        wanted = dst[first] * n + dst[second]
        at = np.searchsorted(sorted_keys, wanted)
        at[at == m] = m - 1
        hit = sorted_keys[at] == wanted
        if not hit.any():
            continue
        first, second, at = first[hit], second[hit], at[hit]
        yield TriangleChunk(x=src[first], y=dst[first], z=dst[second],
                            e_xy=eid[first], e_xz=eid[second], e_yz=order[at])


def candidate_wedges(u: np.ndarray, v: np.ndarray, n: int) -> int:
    """Number of wedges :func:`iter_triangles` closes: Σ_x C(out-degree of x, 2).

    The work of the triangle pass, for choosing between it and an engine whose
    work is Σ d² (igraph's ``constraint``).

    Examples
    --------
    A triangle 0–1–2 with a tail 1–3: only the lowest-ranked vertex of the
    triangle (0, degree 2) has two out-edges:

    >>> import numpy as np
    >>> candidate_wedges(np.array([0, 0, 1, 1]), np.array([1, 2, 2, 3]), 4)
    1
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    out = np.bincount(np.where(rank[u] < rank[v], u, v), minlength=n)
    return int((out * (out - 1) // 2).sum())
