"""Candidate pairs of similar strings: rapidfuzz ratio above a cutoff, blocked by length.

:func:`fuzzy_pairs` finds the index pairs of two string lists whose
:func:`rapidfuzz.fuzz.ratio` reaches the cutoff, with
:func:`rapidfuzz.process.cdist` over blocks of similar length (a ratio of at
least ``c`` % needs the shorter string to be at least ``c / (200 - c)`` of the
longer one). When the two lists are the same list — the resolver compares a
registry's names with each other — the ratio being symmetric, each pair is
scored once (the upper triangle of the length-sorted matrix) and mirrored,
which halves the work and gives the very same pairs, scores and order.

Examples
--------
>>> fuzzy_pairs(["ocean foundation"], ["ocean fundation", "sea shepherd"])
[(0, 0, 97)]
>>> names = ["ocean foundation", "ocean fundation", "sea shepherd"]
>>> fuzzy_pairs(names, names) == fuzzy_pairs(names, list(names), symmetric=False)
True
"""
from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

__all__ = ["CANDIDATE_CUTOFF", "fuzzy_pairs"]

#: Minimum rapidfuzz ratio (0–100) of two strings to be a candidate pair.
CANDIDATE_CUTOFF = 85


def fuzzy_pairs(queries: list[str], targets: list[str], cutoff: int = CANDIDATE_CUTOFF,
                chunk: int = 400, per_query: int | None = None,
                symmetric: bool | None = None) -> list[tuple[int, int, int]]:
    """Index pairs (i, j, score) of ``queries`` × ``targets`` with rapidfuzz ratio ≥ ``cutoff``.

    Strings are compared in blocks of similar length only. With
    ``per_query``, a query keeps only its ``per_query`` best targets (ties:
    the shorter target first, then the target order), so the pairs stay
    linear in the number of queries even when thousands of strings are all
    alike ("Organisation 1 Foundation", "Organisation 2 Foundation" …).
    Pairs come ordered by query (shortest first, then input order), then by
    target in the same order.

    ``symmetric``: score each pair once when ``queries`` and ``targets`` are
    the same strings (default: when they are equal).

    >>> fuzzy_pairs(["ocean foundation"], ["ocean fundation", "sea shepherd"])
    [(0, 0, 97)]
    """
    if not queries or not targets:
        return []
    if symmetric is None:
        symmetric = queries is targets or queries == targets
    q_order = np.argsort([len(q) for q in queries], kind="stable")
    t_order = q_order if symmetric else np.argsort([len(t) for t in targets], kind="stable")
    t_len = np.array([len(targets[j]) for j in t_order])
    t_sorted = [targets[j] for j in t_order]
    rows_, cols_, scores_ = [], [], []
    c = cutoff / 100
    for start in range(0, len(q_order), chunk):
        rows = q_order[start:start + chunk]
        block = [queries[i] for i in rows]
        lo = int(np.floor(len(block[0]) * c / (2 - c)))
        hi = int(np.ceil(len(block[-1]) * (2 - c) / c))
        a, b = np.searchsorted(t_len, lo, "left"), np.searchsorted(t_len, hi, "right")
        if symmetric:
            a = max(a, start)  # the pairs left of the diagonal were scored as their mirror
        if a >= b:
            continue
        m = process.cdist(block, t_sorted[a:b], scorer=fuzz.ratio, score_cutoff=cutoff,
                          dtype=np.uint8, workers=-1)
        r, k = np.nonzero(m)
        rows_.append(r + start)  # positions in the sorted order
        cols_.append(k + a)
        scores_.append(m[r, k])
    if not rows_:
        return []
    r, k, s = np.concatenate(rows_), np.concatenate(cols_), np.concatenate(scores_)
    if symmetric:
        upper = k >= r  # the diagonal block also holds pairs below the diagonal: drop them
        r, k, s = r[upper], k[upper], s[upper]
        off = k > r
        r, k, s = np.concatenate([r, k[off]]), np.concatenate([k, r[off]]), np.concatenate([s, s[off]])
    if per_query is not None:
        r, k, s = _keep_best(r, k, s, per_query)
    order = np.lexsort((k, r))
    r, k, s = r[order], k[order], s[order]
    return list(zip(q_order[r].tolist(), t_order[k].tolist(), s.tolist()))


def _keep_best(r: np.ndarray, k: np.ndarray, s: np.ndarray, limit: int):
    """Keep each row's ``limit`` best scores (ties: the lower column first)."""
    order = np.lexsort((k, -s.astype(np.int16), r))
    r, k, s = r[order], k[order], s[order]
    first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
    keep = rank < limit
    return r[keep], k[keep], s[keep]
