"""Links between the initiatives of every cell: groups of linked initiatives and linked pairs.

Two initiatives of a cell are *linked* when they share an actor, or when an actor of one and
an actor of the other are co-members of any initiative of the registry (the link of
:func:`ecosystem.measures.coordination.gaps.fragmented_cells`). For every cell,
:func:`cell_link_counts` returns its actors, the connected groups of linked initiatives and,
for the cells asked for, the number of linked pairs.

How, without a loop over pairs of initiatives:

groups
    The linked initiatives of a cell are connected exactly when they are connected in the
    graph of the cell's initiatives, its actors (each tied to its initiatives) and the
    co-membership ties among those actors: every actor of a cell is in one of its
    initiatives, so a path through actors is a chain of links. One connected-components
    pass over the graphs of all cells (the ties found by
    :func:`ecosystem.measures.coordination.cell_ties.tied_rows`) gives every cell's groups.
linked pairs
    Per cell, a bit set over its initiatives for each actor (the initiatives it is in), OR-ed
    over the actor's co-members in the cell, then over an initiative's actors: the bits of
    an initiative are the initiatives linked to it (itself included when it has an actor).
    The work is (ties + memberships) × initiatives / 8 bytes per cell, not a pair list.

Examples
--------
Three initiatives of one cell, i0 = {a}, i1 = {b}, i2 = {c}, where a and b worked together in
i3 (outside the cell): i0–i1 linked, i2 alone: 3 actors, 2 groups, 1 linked pair.

>>> import numpy as np, scipy.sparse as sp
>>> B = sp.csr_matrix(np.array([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 0]]))
>>> cell_link_counts(B, np.array([0, 0, 0]), np.array([0, 1, 2]), 1).tolist()
[[3, 3, 2, 1]]
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecosystem.measures.coordination.cell_ties import CellRows, cell_rows, gather, tied_rows

__all__ = ["cell_link_counts", "unlinked_cells"]

#: Bound on the bytes of bit sets gathered at once (memory).
BLOCK_BYTES = 256_000_000

#: Bytes OR-ed for a range of small cells assessed together (their bit sets side by side).
BATCH_BYTES = 2_000_000


def _groups(r: CellRows) -> np.ndarray:
    """Per cell, the connected groups of linked initiatives."""
    n_cc, n_rows = len(r.cc_cell), len(r.row_cell)
    g = sp.csr_matrix((np.ones(len(r.t_cc), dtype=np.int8), (r.t_cc, n_cc + r.t_row)),
                      shape=(n_cc + n_rows,) * 2)
    label = connected_components(g, directed=False)[1]
    for u, v in tied_rows(r):                            # merge the groups a tie joins
        a, b = label[n_cc + u], label[n_cc + v]
        keep = a != b
        if keep.any():
            n_lab = int(label.max()) + 1
            m = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.int8), (a[keep], b[keep])),
                              shape=(n_lab, n_lab))
            label = connected_components(m, directed=False)[1][label]
    distinct = np.unique(r.cc_cell * (int(label.max()) + 1) + label[:n_cc])
    return np.bincount(distinct // (int(label.max()) + 1), minlength=r.n_cells)


def _or_rows(target: np.ndarray, to: np.ndarray, source: np.ndarray, frm: np.ndarray) -> None:
    """``target[to[k]] |= source[frm[k]]`` for every k, in blocks (in place)."""
    order = np.argsort(to, kind="stable")
    to, frm = to[order], frm[order]
    step = max(1, BLOCK_BYTES // max(1, source.shape[1]))
    for lo in range(0, len(to), step):
        t, f = to[lo:lo + step], frm[lo:lo + step]
        first = np.r_[0, np.flatnonzero(t[1:] != t[:-1]) + 1]
        target[t[first]] |= np.bitwise_or.reduceat(source[f], first, axis=0)


def _linked_pairs(r: CellRows, pick: np.ndarray) -> np.ndarray:
    """Per cell where ``pick``, the linked pairs of its initiatives (0 elsewhere)."""
    out = np.zeros(r.n_cells, dtype=np.int64)
    us, vs = [], []
    for u, v in tied_rows(r, pick):
        us.append(u)
        vs.append(v)
    u = np.concatenate(us) if us else np.zeros(0, dtype=np.int64)
    v = np.concatenate(vs) if vs else np.zeros(0, dtype=np.int64)
    order = np.argsort(u, kind="stable")
    u, v = u[order], v[order]
    cc_start = np.searchsorted(r.cc_cell, np.arange(r.n_cells + 1))
    row_start = np.searchsorted(r.row_cell, np.arange(r.n_cells + 1))
    t_order = np.argsort(r.t_row, kind="stable")
    t_row, t_cc = r.t_row[t_order], r.t_cc[t_order]
    work = (np.bincount(r.row_cell[u], minlength=r.n_cells) * 2
            + np.bincount(r.cc_cell[r.t_cc], minlength=r.n_cells))
    for c0, c1 in _batches(np.flatnonzero(pick), np.diff(cc_start), work):
        r0, r1, i0, i1 = row_start[c0], row_start[c1], cc_start[c0], cc_start[c1]
        tl, th = np.searchsorted(t_row, [r0, r1])
        rows_t, init_t = t_row[tl:th] - r0, t_cc[tl:th] - i0
        S = np.zeros((r1 - r0, (i1 - i0 + 7) // 8), dtype=np.uint8)   # cells side by side
        np.bitwise_or.at(S, (rows_t, init_t >> 3), (1 << (init_t & 7)).astype(np.uint8))
        el, eh = np.searchsorted(u, [r0, r1])
        eu, ev = u[el:eh] - r0, v[el:eh] - r0
        T = S.copy()
        _or_rows(T, np.r_[eu, ev], S, np.r_[ev, eu])
        L = np.zeros((i1 - i0, S.shape[1]), dtype=np.uint8)
        _or_rows(L, init_t, T, rows_t)
        bits = np.bitwise_count(L).sum(axis=1, dtype=np.int64)
        bits[np.unique(init_t)] -= 1                     # an initiative is linked to itself
        got = np.bincount(r.cc_cell[i0:i1] - c0, weights=bits, minlength=c1 - c0)
        out[c0:c1] = np.where(pick[c0:c1], got.astype(np.int64) // 2, 0)
    return out


def _batches(cells: np.ndarray, inits: np.ndarray, work: np.ndarray) -> list[tuple[int, int]]:
    """Ranges ``c0 .. c1`` of consecutive cells, each starting at one of ``cells``, whose
    ``work`` (ties and memberships) × initiatives / 8 stays within :data:`BATCH_BYTES` (a
    larger cell is a range of its own): one pass for many small cells."""
    init_cum, work_cum = np.r_[0, np.cumsum(inits)], np.r_[0, np.cumsum(work)]
    out: list[tuple[int, int]] = []
    for c in cells:
        c = int(c)
        if out:
            c0 = out[-1][0]
            cost = (work_cum[c + 1] - work_cum[c0]) * (init_cum[c + 1] - init_cum[c0]) / 8
            if cost <= BATCH_BYTES:
                out[-1] = (c0, c + 1)
                continue
        out.append((c, c + 1))
    return out


def unlinked_cells(B: sp.csr_matrix, cell: np.ndarray, col: np.ndarray,
                   n_cells: int) -> tuple[np.ndarray, np.ndarray]:
    """Which cells have no two initiatives linked, and each cell's actors.

    A cell is unlinked when no actor is in two of its initiatives and no tie joins actors
    of two of them; ties are looked for only in cells that pass the first test.
    Arguments as in :func:`cell_link_counts`.

    Returns
    -------
    unlinked : ndarray of bool, shape (n_cells,)
    actors : ndarray of int64, shape (n_cells,)

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> B = sp.csr_matrix(np.array([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 0]]))
    >>> unlinked_cells(B, np.array([0, 0, 1, 1]), np.array([0, 1, 0, 2]), 2)[0].tolist()
    [False, True]
    """
    unlinked = np.ones(n_cells, dtype=bool)
    actors = np.zeros(n_cells, dtype=np.int64)
    if len(cell) == 0:
        return unlinked, actors
    B = sp.csr_matrix(B)
    cell, col = np.asarray(cell, dtype=np.int64), np.asarray(col, dtype=np.int64)
    cc = np.unique(cell * B.shape[1] + col)
    Bc = B.tocsc()
    t_cc, t_act = gather(Bc.indptr, Bc.indices, cc % B.shape[1])
    key, cnt = np.unique(cc[t_cc] // B.shape[1] * B.shape[0] + t_act, return_counts=True)
    actors += np.bincount(key // B.shape[0], minlength=n_cells)
    unlinked[key[cnt >= 2] // B.shape[0]] = False        # an actor in two of the cell's
    if unlinked[cell].any():                            # ties, in the cells left only
        keep = unlinked[cell]
        r = cell_rows(B, cell[keep], col[keep], n_cells)
        home = np.zeros(len(r.row_cell), dtype=np.int64)
        home[r.t_row] = r.t_cc                           # the one cell initiative of each row
        for u, v in tied_rows(r):
            unlinked[r.row_cell[u[home[u] != home[v]]]] = False
    return unlinked, actors


def cell_link_counts(B: sp.csr_matrix, cell: np.ndarray, col: np.ndarray, n_cells: int,
                     pairs_min_groups: int | None = 1) -> np.ndarray:
    """Per cell: initiatives, actors, groups of linked initiatives, linked pairs.

    Parameters
    ----------
    B : sparse matrix
        Actor × initiative incidence of the whole registry.
    cell, col : ndarray of int
        For each cell membership, its cell number (``0 .. n_cells - 1``) and ``B``'s column of
        the initiative; repeats are ignored.
    n_cells : int
    pairs_min_groups : int or None
        Count the linked pairs of the cells with at least this many groups (default 1:
        all); the others, or all with None, get -1.

    Returns
    -------
    ndarray of int64, shape (n_cells, 4)
        Initiatives, actors, groups (an initiative without actors is a group of its own)
        and linked pairs.
    """
    out = np.zeros((n_cells, 4), dtype=np.int64)
    if len(cell) == 0:
        return out
    r = cell_rows(B, cell, col, n_cells)
    out[:, 0] = np.bincount(r.cc_cell, minlength=n_cells)
    out[:, 1] = np.bincount(r.row_cell, minlength=n_cells)
    out[:, 2] = _groups(r)
    pick = (out[:, 2] >= pairs_min_groups if pairs_min_groups is not None
            else np.zeros(n_cells, dtype=bool))
    out[:, 3] = np.where(pick, _linked_pairs(r, pick) if pick.any() else 0, -1)
    return out
