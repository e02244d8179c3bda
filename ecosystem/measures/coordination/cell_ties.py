"""Co-membership ties among the actors of every cell, counted for all cells in a few products.

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

How: every (cell, actor) membership becomes one row. Giving each cell its own copy of the
initiative columns (column ``cell · n + j``) makes the product of the rows with their
transpose block-diagonal by cell, so one sparse product over a block of cells counts the
co-members of every cell in the block, with the work of the members' own rows
(Σ over their initiatives of the initiative sizes), never a scan of a hub's whole
neighbourhood per cell and no Python loop over cells.

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

import numpy as np
import scipy.sparse as sp

__all__ = ["cell_tie_counts"]

#: Bound on the non-zeros of the rows gathered for one block of cells (memory).
BLOCK_ENTRIES = 4_000_000


def _gather(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray):
    """Entries of CSR/CSC ``rows``: (position of the row in ``rows``, entry) arrays."""
    lens = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows)), lens)
    at = np.repeat(indptr[rows] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    return owner, indices[at]


def _upper_pairs(m: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(u, v), u < v, of the non-zeros of a symmetric CSR product."""
    u = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    v = m.indices
    keep = u < v
    return u[keep], v[keep]


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
    B = sp.csr_matrix(B, dtype=np.float64)
    B.sum_duplicates()
    n_act, n_init = B.shape
    out = np.zeros((n_cells, 5), dtype=np.int64)
    if len(cell) == 0:
        return out
    cc = np.unique(np.asarray(cell, dtype=np.int64) * n_init + np.asarray(col, dtype=np.int64))
    cc_cell = cc // n_init
    out[:, 0] = np.bincount(cc_cell, minlength=n_cells)
    Bc = B.tocsc()
    t_cc, t_act = _gather(Bc.indptr, Bc.indices, cc % n_init)   # (cell initiative, actor)
    if len(t_cc) == 0:
        return out
    row_key, t_row = np.unique(cc_cell[t_cc] * n_act + t_act, return_inverse=True)
    row_cell, row_act = row_key // n_act, row_key % n_act
    n_rows = len(row_key)
    out[:, 1] = np.bincount(row_cell, minlength=n_cells)
    cnt = np.bincount(t_row, minlength=n_rows)          # cell initiatives of each (cell, actor)
    home = np.full(n_rows, -1, dtype=np.int64)
    single = cnt[t_row] == 1
    home[t_row[single]] = t_cc[single]                   # the one cell initiative of the actor
    linked = np.zeros(len(cc), dtype=bool)
    linked[t_cc[cnt[t_row] >= 2]] = True                 # an actor in two of the cell's
    W = sp.csr_matrix((np.ones(len(t_row)), (t_row, t_cc)), shape=(n_rows, len(cc)))
    cum = np.r_[0, np.cumsum(np.diff(B.indptr)[row_act])]   # gathered entries up to a row
    starts = np.r_[0, np.flatnonzero(row_cell[1:] != row_cell[:-1]) + 1, n_rows]
    within = np.zeros(n_cells, dtype=np.int64)
    knows = np.zeros(n_cells, dtype=np.int64)
    lo = 0
    while lo < n_rows:                                   # blocks of whole cells
        following = int(np.searchsorted(starts, lo, side="right"))   # the next cell's start
        enough = int(np.searchsorted(cum[starts], cum[lo] + BLOCK_ENTRIES))
        hi = int(starts[max(following, min(enough, len(starts) - 1))])
        rows = np.arange(lo, hi)
        w = W[rows]
        u, v = _upper_pairs((w @ w.T).tocsr())
        within += np.bincount(row_cell[lo + u], minlength=n_cells)
        g = B[row_act[rows]]
        shift = np.repeat(row_cell[rows] - row_cell[lo], np.diff(g.indptr)) * n_init
        g = sp.csr_matrix((g.data, g.indices + shift, g.indptr),
                          shape=(len(rows), int(row_cell[hi - 1] - row_cell[lo] + 1) * n_init))
        u, v = _upper_pairs((g @ g.T).tocsr())
        u, v = u + lo, v + lo
        knows += np.bincount(row_cell[u], minlength=n_cells)
        one_u, one_v = cnt[u] == 1, cnt[v] == 1
        apart = one_u & one_v & (home[u] != home[v])
        linked[home[u[apart | (one_u & ~one_v)]]] = True
        linked[home[v[apart | (one_v & ~one_u)]]] = True
        lo = hi
    n = out[:, 1]
    out[:, 2] = n * (n - 1) // 2 - within
    out[:, 3] = knows - within
    out[:, 4] = np.bincount(cc_cell[linked], minlength=n_cells)
    return out
