"""Rank correlations of two short rankings: Spearman's ρ and Kendall's τ-b.

:func:`ecosystem.measures.time.ranks.compare_ranks` compares the top lists of
consecutive periods, a few dozen actors at a time. These functions give the
same numbers as ``scipy.stats.spearmanr(x, y).statistic`` and
``scipy.stats.kendalltau(x, y).statistic`` (the same floating-point operations
on the same integers and half-integers; the tests check equality), without
importing ``scipy.stats``, which costs about half a second.

Spearman's ρ is Pearson's correlation of the average ranks of x and of y
(Spearman 1904). Kendall's τ-b is (C − D) / √((n₀ − n₁)(n₀ − n₂)), with C and
D the concordant and discordant pairs, n₀ = n(n − 1)/2 and n₁, n₂ the pairs
tied in x and in y (Kendall 1945). Both are NaN when either ranking is
constant, or with fewer than two observations or a NaN.

References
----------
Spearman, C. (1904). The proof and measurement of association between two
things. *American Journal of Psychology* 15(1): 72–101.

Kendall, M. G. (1945). The treatment of ties in ranking problems.
*Biometrika* 33(3): 239–251.

Examples
--------
Two rankings of four that swap the middle two: ρ = 1 − 6·2/(4·15) = 0.8 and
τ-b = (5 − 1)/6:

>>> x, y = [1, 2, 3, 4], [1, 3, 2, 4]
>>> round(spearman_rho(x, y), 6), round(kendall_tau_b(x, y), 6)
(0.8, 0.666667)
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["average_ranks", "kendall_tau_b", "spearman_rho"]


def average_ranks(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Ranks 1..n of ``values``, ties given the mean of the ranks they span.

    Examples
    --------
    >>> average_ranks([10, 30, 20, 30]).tolist()
    [1.0, 3.5, 2.0, 3.5]
    """
    a = np.asarray(values, dtype=np.float64).ravel()
    sorter = np.argsort(a, kind="stable")
    s = a[sorter]
    new = np.r_[True, s[1:] != s[:-1]]
    group = np.cumsum(new) - 1
    edges = np.r_[np.flatnonzero(new), len(a)]      # first position of each run, then n
    out = np.empty(len(a))
    out[sorter] = 0.5 * (edges[group] + edges[group + 1] + 1)
    return out


def _usable(x: np.ndarray, y: np.ndarray) -> bool:
    return (len(x) == len(y) and len(x) > 1 and not np.isnan(x).any()
            and not np.isnan(y).any() and not (x == x[0]).all() and not (y == y[0]).all())


def spearman_rho(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Spearman's rank correlation of ``x`` and ``y`` (NaN when not defined).

    Examples
    --------
    >>> spearman_rho([1, 2, 3], [3, 2, 1]), spearman_rho([1, 1, 1], [1, 2, 3])
    (-1.0, nan)
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if not _usable(x, y):
        return float("nan")
    ranked = np.column_stack([average_ranks(x), average_ranks(y)])
    return float(np.corrcoef(ranked, rowvar=False)[1, 0])


def kendall_tau_b(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Kendall's τ-b of ``x`` and ``y`` (NaN when not defined); O(n²), for short rankings.

    Examples
    --------
    >>> kendall_tau_b([1, 2, 3], [1, 2, 3]), kendall_tau_b([1, 2, 2], [1, 2, 3])
    (1.0, 0.816496580927726)
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if not _usable(x, y):
        return float("nan")
    n = len(x)
    i, j = np.triu_indices(n, k=1)
    dx, dy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
    con_minus_dis = int((dx * dy).sum())             # concordant − discordant
    x_tie, y_tie = int((dx == 0).sum()), int((dy == 0).sum())
    tot = n * (n - 1) // 2
    tau = con_minus_dis / np.sqrt(tot - x_tie) / np.sqrt(tot - y_tie)
    return float(np.minimum(1.0, max(-1.0, tau)))
