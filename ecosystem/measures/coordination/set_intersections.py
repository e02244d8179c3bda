"""What two rows of a binary incidence matrix have in common, for millions of pairs at once.

The overlap measures compare initiatives as sets (actors, SDG targets, places:
rows of binary CSR matrices, :mod:`ecosystem.measures.coordination.pair_similarity`).
For a list of pairs of rows, :func:`shared_counts` gives the size of each
intersection and :func:`shared_columns` the shared columns themselves, without
gathering the rows into new matrices:

* **Few columns** (at most :data:`PACKED_COLUMNS`: SDG targets, countries,
  sectors): each row is packed into bits once; a pair's intersection is the AND
  of its two bit rows (counted with ``bitwise_count``, or unpacked for the
  columns). The cost is a few machine words per pair.
* **Many columns** (actors): each entry of the shorter row of a pair is looked
  up in a hash index of the matrix's ``row·ncols + col`` keys, so the cost is
  Σ min(|row i|, |row j|) look-ups.

Both give exactly the set intersection; the results are in pair order, then
column order.

Examples
--------
>>> import scipy.sparse as sp
>>> m = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 1, 1]]))
>>> shared_counts(m, np.array([0, 1, 0]), np.array([1, 2, 2]))
array([1, 2, 2])
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["PACKED_COLUMNS", "packed_rows", "shared_columns", "shared_counts"]

#: Matrices with at most this many columns are compared as packed bit rows.
PACKED_COLUMNS = 4096

#: Bound on the bytes of one block of unpacked bits or looked-up entries (memory).
_BLOCK = 16_000_000


def _canonical(m: sp.csr_matrix) -> sp.csr_matrix:
    if not m.has_canonical_format:
        m = m.copy()
        m.sum_duplicates()
    return m


def packed_rows(m: sp.csr_matrix) -> np.ndarray:
    """The rows of a binary matrix as packed bits: ``uint8`` array (rows × ⌈cols/8⌉),
    column ``c`` at bit ``7 − c % 8`` of byte ``c // 8`` (:func:`numpy.packbits` order).

    Examples
    --------
    >>> packed_rows(sp.csr_matrix(np.array([[1, 0, 1], [0, 1, 0]])))
    array([[160],
           [ 64]], dtype=uint8)
    """
    m = _canonical(sp.csr_matrix(m))
    n, w = m.shape[0], max(1, (m.shape[1] + 7) // 8)
    bits = np.zeros(n * w, dtype=np.uint8)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(m.indptr))
    cols = m.indices.astype(np.int64)
    np.bitwise_or.at(bits, rows * w + cols // 8, (128 >> (cols % 8)).astype(np.uint8))
    return bits.reshape(n, w)


def _lookups(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray):
    """Blocks of (pair, column, found) for the entries of the shorter row of each pair."""
    indptr, indices = m.indptr.astype(np.int64), m.indices.astype(np.int64)
    ncol = max(m.shape[1], 1)
    size = np.diff(indptr)
    keys = pd.Index(np.repeat(np.arange(m.shape[0], dtype=np.int64), size) * ncol + indices)
    short_size = np.minimum(size[i], size[j])
    ends = np.cumsum(short_size)
    s = 0
    while s < len(i):  # blocks of about _BLOCK / 8 looked-up entries
        e = max(s + 1, int(np.searchsorted(ends, (ends[s - 1] if s else 0) + _BLOCK // 8,
                                                side="right")))
        a, b = i[s:e], j[s:e]
        swap = size[a] > size[b]
        short, other = np.where(swap, b, a), np.where(swap, a, b)
        cnt = size[short]
        k = np.repeat(np.arange(len(a), dtype=np.int64), cnt)
        pos = indptr[short][k] + np.arange(len(k), dtype=np.int64) - np.repeat(
            np.cumsum(cnt) - cnt, cnt)
        c = indices[pos]
        yield k + s, c, keys.get_indexer(other[k] * ncol + c) >= 0
        s = e


def shared_counts(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Number of columns rows ``i[k]`` and ``j[k]`` of a binary matrix both have.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1]]))
    >>> shared_counts(m, np.array([0, 0]), np.array([1, 0]))
    array([1, 2])
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    m = _canonical(sp.csr_matrix(m))
    if m.shape[1] <= PACKED_COLUMNS:
        bits = packed_rows(m)
        step = max(1, _BLOCK // bits.shape[1])
        return np.concatenate([np.bitwise_count(bits[i[s:s + step]] & bits[j[s:s + step]])
                               .sum(axis=1, dtype=np.int64) for s in range(0, len(i), step)]
                              or [np.zeros(0, dtype=np.int64)])
    out = np.zeros(len(i), dtype=np.int64)
    for k, _, hit in _lookups(m, i, j):
        out += np.bincount(k[hit], minlength=len(i))
    return out


def shared_columns(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The columns rows ``i[k]`` and ``j[k]`` of a binary matrix both have, for every pair.

    Returns
    -------
    (ndarray, ndarray)
        Pair numbers ``k`` (ascending) and the shared column of each, in column order.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 1, 1]]))
    >>> shared_columns(m, np.array([0, 1]), np.array([1, 2]))
    (array([0, 1, 1]), array([1, 1, 2]))
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    m = _canonical(sp.csr_matrix(m))
    pairs, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    if m.shape[1] <= PACKED_COLUMNS:
        bits = packed_rows(m)
        step = max(1, _BLOCK // max(m.shape[1], 1))
        for s in range(0, len(i), step):
            both = np.unpackbits(bits[i[s:s + step]] & bits[j[s:s + step]], axis=1,
                                 count=m.shape[1])
            k, c = np.nonzero(both)
            pairs.append(k.astype(np.int64) + s)
            cols.append(c.astype(np.int64))
    else:
        for k, c, hit in _lookups(m, i, j):
            pairs.append(k[hit])
            cols.append(c[hit])
    return np.concatenate(pairs), np.concatenate(cols)
