"""Co-membership ties among the actors of every cell, counted for all cells at once.

For each cell *C* (a target or sector in a place) with initiatives *I_C* and actors *A_C*,
:func:`cell_tie_counts` returns the five counts that
:func:`ecosystem.measures.coordination.crowding.crowding` reads:

.. math::

    \\text{within}_C &= |\\{\\{u, v\\} \\subseteq A_C : \\exists j \\in I_C,\\ u, v \\in j\\}| \\\\
    \\text{knows}_C &= |\\{\\{u, v\\} \\subseteq A_C : \\exists j,\\ u, v \\in j\\}| \\\\
    \\text{actor\\_pairs}_C &= \\binom{|A_C|}{2} - \\text{within}_C, \\qquad
    \\text{connected\\_pairs}_C = \\text{knows}_C - \\text{within}_C

and the initiatives of *C* linked to another of *C* (they share an actor, or an actor met only
in one of them has worked elsewhere with an actor of another).

How: every (cell, actor) membership becomes one row, rows sorted by cell. ``within`` comes
from a block-diagonal product of the rows with the cell's own initiatives (the co-members of
a row there, never its whole registry row). ``knows`` is the number of ties of the actor
projection *P* = B·Bᵀ among a cell's rows. Actors are ranked by their number of co-members
(fewest first) and each tie {u, v} is looked for from its lower-ranked end u, by the
shorter of two lists: u's higher-ranked co-members in *P* (each probed among the cell's
rows), or the cell's higher-ranked actors (each probed among u's co-members), both by
binary search in sorted keys. A row thus costs min(higher-ranked co-members, later
actors of the cell), bounded by about √(2 × ties) (the degree ordering of triangle
listing, Chiba & Nishizeki 1985): a hub present in thousands of cells is found from its
partners' side, never by scanning its whole neighbourhood once per cell, and there is
no Python loop over cells.

References
----------
Chiba, N. & Nishizeki, T. (1985). Arboricity and subgraph listing algorithms.
*SIAM Journal on Computing* 14(1), 210–223.

Examples
--------
Two cells over three initiatives: i0 = {a, b}, i1 = {c}, i2 = {b, c}. Cell 0 holds i0 and i1
(actors a, b, c; only a–b share a cell initiative; b–c know each other from i2); cell 1 holds
i2 only.

>>> import numpy as np, scipy.sparse as sp
>>> B = sp.csr_matrix(np.array([[1, 0, 0], [1, 0, 1], [0, 1, 1]]))   # actors × initiatives
>>> cell_tie_counts(B, np.array([0, 0, 1]), np.array([0, 1, 2]), 2).tolist()
[[2, 3, 2, 1, 2], [1, 2, 0, 0, 0]]
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["CellRows", "cell_rows", "cell_tie_counts", "gather", "tied_rows"]

#: Bound on the entries gathered or probed at once (memory).
BLOCK_ENTRIES = 4_000_000


def gather(indptr: np.ndarray, indices: np.ndarray,
           rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Entries of CSR/CSC ``rows``: (position of the row in ``rows``, entry) arrays."""
    lens = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows)), lens)
    at = np.repeat(indptr[rows] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    return owner, indices[at]


def _spans(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, position) of every position in the half-open spans ``lo[k] .. hi[k]``."""
    lens = hi - lo
    owner = np.repeat(np.arange(len(lo)), lens)
    return owner, np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))


def _found(keys: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """Positions of ``probe`` in the sorted ``keys``, -1 where absent."""
    at = np.searchsorted(keys, probe)
    at[at == len(keys)] = 0
    return np.where(keys[at] == probe, at, -1) if len(keys) else np.full(len(probe), -1)


def _chunks(cost: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive ranges of rows whose summed ``cost`` stays near :data:`BLOCK_ENTRIES`."""
    cum = np.r_[0, np.cumsum(cost)]
    bounds = [0]
    while bounds[-1] < len(cost):
        lo = bounds[-1]
        hi = int(np.searchsorted(cum, cum[lo] + BLOCK_ENTRIES, side="right")) - 1
        bounds.append(min(len(cost), max(hi, lo + 1)))
    return list(zip(bounds[:-1], bounds[1:]))


def _ranked_projection(B: sp.csr_matrix) -> tuple[np.ndarray, sp.csr_matrix]:
    """Each actor's rank by its number of co-members (fewest first), and the upper triangle
    of the actor projection B·Bᵀ in rank order: a row lists the co-members of higher rank.

    Listing a tie from its lower-ranked end bounds every row by about √(2 × ties), so hubs
    have short rows.
    """
    B = sp.csr_matrix(B, dtype=np.float32)           # counts exact far beyond any registry
    P = (B @ B.T).tocsr()
    order = np.argsort(np.diff(P.indptr), kind="stable")
    rank = np.empty(B.shape[0], dtype=np.int64)
    rank[order] = np.arange(B.shape[0])
    P = sp.csr_matrix((P.data, rank[P.indices], P.indptr), shape=P.shape)[order]
    P = sp.triu(P, k=1, format="csr")
    P.sort_indices()
    return rank, P


@dataclass
class CellRows:
    """The (cell, initiative) and (cell, actor) memberships of all cells, as arrays.

    Attributes
    ----------
    n_cells : int
    cc_cell, cc_col : ndarray
        Each distinct (cell, initiative): its cell and ``B``'s column, sorted by cell.
    t_cc, t_row : ndarray
        Each (cell initiative, actor) incidence: its position in ``cc_*`` and its row.
    row_cell, row_act : ndarray
        Each distinct (cell, actor) row: its cell and the actor's rank among the actors of
        the cells, sorted by both.
    starts : ndarray
        First row of each cell with rows, then ``n_rows``.
    P : scipy.sparse.csr_matrix
        Upper triangle of the actor projection in rank order (:func:`_ranked_projection`).
    """

    n_cells: int
    cc_cell: np.ndarray
    cc_col: np.ndarray
    t_cc: np.ndarray
    t_row: np.ndarray
    row_cell: np.ndarray
    row_act: np.ndarray
    starts: np.ndarray
    P: sp.csr_matrix


def cell_rows(B: sp.csr_matrix, cell: np.ndarray, col: np.ndarray, n_cells: int) -> CellRows:
    """The :class:`CellRows` of cell memberships (``cell``, ``col``: as in
    :func:`cell_tie_counts`; repeats are ignored).

    The projection is built among the actors of the cells only (ties elsewhere in the
    registry still count: a tie is a shared initiative anywhere).
    """
    B = sp.csr_matrix(B, dtype=np.float64)
    B.sum_duplicates()
    n_init = B.shape[1]
    cc = np.unique(np.asarray(cell, dtype=np.int64) * n_init + np.asarray(col, dtype=np.int64))
    Bc = B.tocsc()
    t_cc, t_act = gather(Bc.indptr, Bc.indices, cc % n_init)   # (cell initiative, actor)
    present, t_act = np.unique(t_act, return_inverse=True)
    rank, P = _ranked_projection(B[present])
    n_act = len(present)
    cc_cell = cc // n_init
    row_key, t_row = np.unique(cc_cell[t_cc] * n_act + rank[t_act], return_inverse=True)
    row_cell = row_key // n_act
    starts = np.r_[0, np.flatnonzero(row_cell[1:] != row_cell[:-1]) + 1, len(row_key)]
    return CellRows(n_cells, cc_cell, cc % n_init, t_cc, t_row.ravel(), row_cell,
                    row_key % n_act, starts, P)


def tied_rows(r: CellRows, pick: np.ndarray | None = None
              ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs of rows (u, v), u < v, of one cell whose actors are co-members anywhere.

    Yields ``(u, v)`` arrays by chunks of about :data:`BLOCK_ENTRIES` probes, for the rows
    of every cell, or of the cells where the boolean ``pick`` (by cell) is True. Rows are
    sorted by cell and actor rank, so a row's higher-ranked actors in its cell are the
    next rows.
    """
    P, n_act, n_rows = r.P, r.P.shape[0], len(r.row_cell)
    row_key = r.row_cell * n_act + r.row_act
    p_key = np.repeat(np.arange(n_act, dtype=np.int64), np.diff(P.indptr)) * n_act + P.indices
    deg = np.diff(P.indptr)[r.row_act]
    cell_end = r.starts[np.searchsorted(r.starts, np.arange(n_rows), side="right")]
    rest = cell_end - np.arange(n_rows) - 1                # later actors of the cell
    by_p = deg <= rest
    cost = np.minimum(deg, rest)
    if pick is not None:
        cost = np.where(pick[r.row_cell], cost, 0)
    for lo, hi in _chunks(cost):
        rows = np.arange(lo, hi)
        if pick is not None:
            rows = rows[pick[r.row_cell[lo:hi]]]
        s = rows[by_p[rows]]
        own, v = gather(P.indptr, P.indices, r.row_act[s])
        at = _found(row_key, r.row_cell[s][own] * n_act + v)
        u_p, v_p = s[own][at >= 0], at[at >= 0]
        s = rows[~by_p[rows]]
        own, pos = _spans(s + 1, cell_end[s])
        hit = _found(p_key, r.row_act[s][own] * n_act + r.row_act[pos]) >= 0
        yield np.r_[u_p, s[own][hit]], np.r_[v_p, pos[hit]]


def cell_tie_counts(B: sp.csr_matrix, cell: np.ndarray, col: np.ndarray,
                    n_cells: int) -> np.ndarray:
    """Per cell: initiatives, actors, actor_pairs, connected_pairs, linked_initiatives.

    Parameters
    ----------
    B : sparse matrix
        Actor × initiative incidence of the whole registry.
    cell, col : ndarray of int
        For each cell membership, its cell number (``0 .. n_cells - 1``) and ``B``'s column of
        the initiative; repeats are ignored.
    n_cells : int

    Returns
    -------
    ndarray of int64, shape (n_cells, 5)
        The counts of the module docstring, in that order.
    """
    out = np.zeros((n_cells, 5), dtype=np.int64)
    if len(cell) == 0:
        return out
    r = cell_rows(B, cell, col, n_cells)
    out[:, 0] = np.bincount(r.cc_cell, minlength=n_cells)
    n_rows = len(r.row_cell)
    if n_rows == 0:
        return out
    t_cc, t_row, row_cell, starts = r.t_cc, r.t_row, r.row_cell, r.starts
    out[:, 1] = np.bincount(row_cell, minlength=n_cells)
    cnt = np.bincount(t_row, minlength=n_rows)          # cell initiatives of each (cell, actor)
    home = np.full(n_rows, -1, dtype=np.int64)
    single = cnt[t_row] == 1
    home[t_row[single]] = t_cc[single]                   # the one cell initiative of the actor
    linked = np.zeros(len(r.cc_cell), dtype=bool)
    linked[t_cc[cnt[t_row] >= 2]] = True                 # an actor in two of the cell's
    within = np.zeros(n_cells, dtype=np.int64)
    W = sp.csr_matrix((np.ones(len(t_row)), (t_row, t_cc)), shape=(n_rows, len(r.cc_cell)))
    size = np.bincount(t_cc, minlength=len(r.cc_cell))   # actors of each cell initiative
    w_cum = np.r_[0, np.cumsum(np.bincount(t_row, weights=size[t_cc], minlength=n_rows))]
    lo = 0
    while lo < n_rows:                    # blocks of whole cells, by the product's size
        following = int(np.searchsorted(starts, lo, side="right"))   # the next cell's start
        enough = int(np.searchsorted(w_cum[starts], w_cum[lo] + BLOCK_ENTRIES))
        hi = int(starts[max(following, min(enough, len(starts) - 1))])
        w = W[lo:hi]
        partners = np.diff((w @ w.T).tocsr().indptr) - 1   # co-members in a cell initiative
        within += np.bincount(row_cell[lo:hi], weights=partners,
                              minlength=n_cells).astype(np.int64) // 2
        lo = hi
    knows = np.zeros(n_cells, dtype=np.int64)
    for u, v in tied_rows(r):
        knows += np.bincount(row_cell[u], minlength=n_cells)
        one_u, one_v = cnt[u] == 1, cnt[v] == 1
        apart = one_u & one_v & (home[u] != home[v])
        linked[home[u[apart | (one_u & ~one_v)]]] = True
        linked[home[v[apart | (one_v & ~one_u)]]] = True
    n = out[:, 1]
    out[:, 2] = n * (n - 1) // 2 - within
    out[:, 3] = knows - within
    out[:, 4] = np.bincount(r.cc_cell[linked], minlength=n_cells)
    return out
