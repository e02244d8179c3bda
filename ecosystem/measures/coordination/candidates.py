"""Candidate pairs of initiatives for the overlap analysis, without comparing all pairs.

Comparing every pair of 70,000 initiatives means 2.4·10⁹ pairs; one hub actor
in 20,000 initiatives alone gives 2·10⁸ pairs sharing it (``make bench``,
``benchmarks/overlap_bench.py``, runs the overlap measures on a synthetic
registry of that size). Candidates therefore come from two cheap sources, and
every candidate is then scored exactly:

1. **Shared rare facets.** Pairs that share an actor, a place or a target
   held by at most ``max_facet_df`` initiatives, from the sparse product
   ``M·Mᵀ`` of the incidence matrix restricted to those columns. Hub actors,
   ``global`` and very common targets are stop-words here: they are in so many
   initiatives that sharing them says little, and they are what makes the
   product explode (Σ df² over columns).
2. **Text neighbours.** For each initiative, its ``text_neighbours`` (10)
   nearest initiatives by cosine of TF-IDF (title + description), and further
   ones up to 50 while their cosine reaches 0.1, from a row-blocked sparse
   product in float32. Words in more than ``text_max_df`` (20%) of the
   documents are left out of this search only (their IDF weight is small, and
   they are what makes the product dense); the candidates are then scored with
   the full vectors. On the Ocean registry, leaving out words above 10% lost
   1.6% of the pairs above the default thresholds; 20% lost none.

The recall of this step against the exhaustive comparison is measured by
:func:`ecosystem.measures.coordination.candidate_recall.candidate_recall` and
printed by ``make bench``.

References
----------
Christen, P. (2012). A survey of indexing techniques for scalable record
linkage and deduplication. *IEEE TKDE* 24(9), 1537–1555 (blocking).
Bayardo, R. J., Ma, Y. & Srikant, R. (2007). Scaling up all pairs similarity
search. *WWW '07*, 131–140 (dropping frequent features from the candidate step).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ecosystem.measures.coordination.pair_similarity import InitiativeFeatures

__all__ = [
    "candidate_pairs", "distinct_codes", "shared_facet_pairs", "text_neighbour_pairs", "default_max_facet_df",
    "TEXT_NEIGHBOURS",
]

#: Default number of text neighbours always kept per initiative.
TEXT_NEIGHBOURS = 10

#: Default share of initiatives above which a word is left out of the text search.
TEXT_MAX_DF = 0.2


def default_max_facet_df(n: int) -> int:
    """Default document-frequency cap for facet tokens: ``max(50, √n)``.

    50 at the Ocean registry's 2,650 initiatives, 265 at 70,000.
    """
    return max(50, int(np.sqrt(n)))


def distinct_codes(codes: np.ndarray, return_inverse: bool = False
                   ) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values of an integer array (and where each value went).

    What :func:`numpy.unique` returns, by one sort: numpy's hash-based ``unique``
    took 8 s on 6 million pair codes where sorting takes a tenth of a second.

    Examples
    --------
    >>> distinct_codes(np.array([7, 3, 7, 1]), return_inverse=True)
    (array([1, 3, 7]), array([2, 1, 2, 0]))
    """
    codes = np.asarray(codes)
    order = np.argsort(codes)
    ranked = codes[order]
    new = np.r_[True, ranked[1:] != ranked[:-1]] if len(codes) else np.zeros(0, dtype=bool)
    if not return_inverse:
        return ranked[new]
    inverse = np.empty(len(codes), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ranked[new], inverse


def _pair_codes(m: sp.spmatrix, n: int) -> np.ndarray:
    """Codes ``i·n + j`` (i < j) of the non-zeros above the diagonal of ``m``."""
    m = sp.triu(m, k=1).tocoo()
    return m.row.astype(np.int64) * n + m.col.astype(np.int64)


def shared_facet_pairs(m: sp.csr_matrix, max_df: int) -> np.ndarray:
    """Codes of pairs sharing a column of ``m`` held by 2..``max_df`` rows.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1], [1, 1], [0, 1]]))
    >>> shared_facet_pairs(m, max_df=2)  # column 1 (3 rows) is a stop-word
    array([1])
    """
    n = m.shape[0]
    df = np.diff(m.tocsc().indptr)
    keep = np.flatnonzero((df >= 2) & (df <= max_df))
    if len(keep) == 0:
        return np.empty(0, dtype=np.int64)
    mk = m[:, keep]
    return _pair_codes(mk @ mk.T, n)


def text_neighbour_pairs(x: sp.csr_matrix, k: int = TEXT_NEIGHBOURS, *,
                         max_df: float = TEXT_MAX_DF, min_cosine: float = 0.02,
                         keep_above: float = 0.1, max_k: int = 50,
                         block_entries: int = 5_000_000) -> np.ndarray:
    """Codes of pairs where one is among the other's nearest by TF-IDF cosine.

    For each row, neighbours are ranked by the cosine computed without the
    frequent words; the first ``k`` are kept (if at least ``min_cosine``), and
    so are the next ones up to rank ``max_k`` while they reach ``keep_above``.

    Parameters
    ----------
    x : csr_matrix
        L2-normalised TF-IDF rows.
    k, max_k : int
        Neighbours always kept, and at most kept, per row.
    max_df : float
        Share of rows above which a word is left out of the search.
    min_cosine, keep_above : float
        Cosine floors (on the pruned vectors) for the first ``k`` and the rest.
    block_entries : int
        Bound on the non-zeros of one block of the product (memory).

    Examples
    --------
    >>> x = sp.csr_matrix(np.array([[1.0, 0], [0.8, 0.6], [0, 1.0]]))
    >>> text_neighbour_pairs(x, 1, max_df=1.0, keep_above=1.0)  # codes i·3 + j
    array([1, 1, 5])
    """
    n = x.shape[0]
    if n < 2 or x.shape[1] == 0 or k <= 0:
        return np.empty(0, dtype=np.int64)
    df = np.diff(x.tocsc().indptr)
    xs = x[:, np.flatnonzero(df <= max(2, max_df * n))].astype(np.float32).tocsr()
    xt = xs.T.tocsr()
    # rows per block from the expected product size (Σ df² / n non-zeros per row)
    per_row = max(1.0, float((np.diff(xt.indptr).astype(float) ** 2).sum()) / n)
    step = max(1, int(block_entries / per_row))
    codes = []
    for s in range(0, n, step):
        sim = (xs[s:s + step] @ xt).tocoo()
        kept = np.flatnonzero((sim.col != sim.row + s) & (sim.data >= min_cosine))
        row, val = sim.row[kept], sim.data[kept]
        order = np.argsort(row + 0.5 * (1.0 - val))  # by row, then by cosine, descending
        # only the first max_k of each row can be kept: their places in ``order``
        per_row = np.bincount(row, minlength=sim.shape[0])
        first = np.cumsum(per_row) - per_row
        head = np.minimum(per_row, max_k)
        rank = np.arange(int(head.sum())) - np.repeat(np.cumsum(head) - head, head)
        at = order[np.repeat(first, head) + rank]
        top = (rank < k) | (val[at] >= keep_above)
        a = np.repeat(np.arange(s, s + sim.shape[0], dtype=np.int64), head)[top]
        b = sim.col[kept[at[top]]].astype(np.int64)
        codes.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


def candidate_pairs(f: InitiativeFeatures, *, max_facet_df: int | None = None,
                    text_neighbours: int = TEXT_NEIGHBOURS, text_max_df: float = TEXT_MAX_DF
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring exactly.

    Parameters
    ----------
    f : InitiativeFeatures
    max_facet_df : int, optional
        Facet tokens in more initiatives than this are stop-words
        (default :func:`default_max_facet_df`).
    text_neighbours : int
        Nearest text neighbours per initiative (0 turns the text source off).
    text_max_df : float
        Words in a larger share of initiatives are left out of the text search.

    Returns
    -------
    (ndarray, ndarray)
        Row indices ``i`` and ``j`` into ``f``, sorted, without repeats.
    """
    n = len(f)
    cap = default_max_facet_df(n) if max_facet_df is None else int(max_facet_df)
    codes = [shared_facet_pairs(m, cap) for m in (f.actors, f.places, f.targets)]
    codes.append(text_neighbour_pairs(f.text, text_neighbours, max_df=text_max_df))
    codes = distinct_codes(np.concatenate(codes)) if n else np.empty(0, dtype=np.int64)
    return codes // max(n, 1), codes % max(n, 1)
