"""Expected Gould–Fernandez role counts under ``sna::brokerage``'s null model.

The z-scores of :mod:`ecosystem.measures.network.brokerage_roles` compare each
role count with its expectation when every arc is present independently with
the observed density and the groups keep their observed sizes.

Expectations and variances
--------------------------
Transcribed from ``sna::brokerage`` (R/models.R; Butts, sna 2.x), which follows
Gould & Fernandez (1989): under a null model in which every arc is present
independently with the observed density ``d = m / (N(N−1))`` (``m`` arcs) and
the group sizes ``n_1..n_k`` are as observed, for a broker in group ``i``

* ``E[w_I]  = d²(1−d)(n_i−1)(n_i−2)``
* ``E[w_O]  = d²(1−d) Σ_{j≠i} n_j(n_j−1)``
* ``E[b_IO] = E[b_OI] = d²(1−d)(N−n_i)(n_i−1)``
* ``E[b_O]  = d²(1−d)[(Σ_{j≠i} n_j)² − Σ_{j≠i} n_j²]``
* ``E[t]    = d²(1−d)(N−1)(N−2)``

and each variance is ``E(1 − d²(1−d)) + 2·X·d³(1−d)³`` with ``X`` the number
of pairs of ordered two-paths sharing an arc (sna's code, reproduced in
:func:`role_moments`). The sd is 0 for a role impossible for that group (e.g.
coordinator in a group of one). Graph-wide totals and their moments (sna's
``*.gli``) are in :func:`total_moments`.

The null model is a Bernoulli digraph with fixed groups, not a permutation of
group labels; for a symmetric graph its arcs are not independent, which sna
also ignores. A simulation of 20,000 Bernoulli digraphs (12 vertices in groups
of 5, 4, 3, d = 0.3) reproduces sna's per-vertex means and variances within
sampling error (tests/test_brokerage_roles.py checks it), but sna's
*graph-wide* variances come out above the simulated ones (representative and
gatekeeper 42.4 against 36.0, coordinator 10.3 against 9.4), so the graph-wide
z-scores of :func:`ecosystem.measures.network.brokerage_roles.brokerage_totals`
are conservative; they are kept as sna computes them.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. *Sociological Methodology* 19:
89–126.

Butts, C. T. (2008). Social network analysis with sna. *Journal of
Statistical Software* 24(6). R package ``sna``, function ``brokerage``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["role_moments", "total_moments"]


def role_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected role counts and their variances for a broker of each group (sna's null model).

    Under a Bernoulli digraph of density ``d`` with the given group sizes, as
    ``sna::brokerage`` computes them (its ``exp.grp`` and ``sd.grp``; formulas
    in the module docstring).

    Parameters
    ----------
    sizes : array of int
        Number of vertices in each group.
    d : float
        Arc density m / (N(N−1)).

    Returns
    -------
    expected, variance : ndarray
        Shape (groups, 6): rows follow ``sizes``; columns coordinator,
        itinerant, representative, gatekeeper, liaison, total.

    Examples
    --------
    Groups of 3 and 2 at density 1/2, so d²(1−d) = 1/8. A broker of the first
    group has E[w_I] = (3−1)(3−2)/8, E[b_IO] = (5−3)(3−1)/8, and no liaison
    role (there is no third group):

    >>> import numpy as np
    >>> expected, variance = role_moments(np.array([3, 2]), 0.5)
    >>> expected.tolist()
    [[0.25, 0.25, 0.5, 0.5, 0.0, 1.5], [0.0, 0.75, 0.375, 0.375, 0.0, 1.5]]
    """
    n = sizes.astype(float)
    N = float(n.sum())
    p3 = d**2 * (1 - d)
    q = d**3 * (1 - d) ** 3
    k = len(n)
    e = np.zeros((k, 6))
    v = np.zeros((k, 6))
    for i in range(k):
        ni, nr = n[i], np.delete(n, i)
        e[i, 0] = p3 * (ni - 1) * (ni - 2)
        v[i, 0] = e[i, 0] * (1 - p3) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q
        e[i, 1] = p3 * np.sum(nr * (nr - 1))
        v[i, 1] = e[i, 1] * (1 - p3) + 2 * np.sum(nr * (nr - 1) * (nr - 2)) * q
        e[i, 2] = p3 * (N - ni) * (ni - 1)
        v[i, 2] = e[i, 2] * (1 - p3) + 2 * ((ni - 1) * _choose2(N - ni)
                                           + (N - ni) * _choose2(ni - 1)) * q
        e[i, 3], v[i, 3] = e[i, 2], v[i, 2]
        e[i, 4] = p3 * (np.sum(np.outer(nr, nr)) - np.sum(nr**2))
        v[i, 4] = e[i, 4] * (1 - p3) + 4 * np.sum(nr * _choose2(N - nr - ni)) * q
        e[i, 5] = p3 * (N - 1) * (N - 2)
        v[i, 5] = e[i, 5] * (1 - p3) + 2 * (N - 1) * (N - 2) * (N - 3) * q
    return e, v


def total_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected graph-wide role counts and their variances (sna's ``exp.gli``, ``sd.gli``²).

    Parameters
    ----------
    sizes : array of int
        Number of vertices in each group.
    d : float
        Arc density m / (N(N−1)).

    Returns
    -------
    expected, variance : ndarray
        Length 6: coordinator, itinerant, representative, gatekeeper,
        liaison, total.

    Examples
    --------
    Three vertices in groups of 1 and 2 at density 1/3, so d²(1−d) = 2/27:
    E[t] = (2/27)·N(N−1)(N−2) = 12/27 and E[b_IO] = (2/27)·Σ n(N−n)(n−1) =
    4/27:

    >>> import numpy as np
    >>> expected, variance = total_moments(np.array([1, 2]), 1 / 3)
    >>> expected.round(3).tolist()
    [0.0, 0.148, 0.148, 0.148, 0.0, 0.444]
    """
    s = sizes.astype(float)
    N = float(s.sum())
    p3, q3, q4, q5 = d**2 * (1 - d), d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    e = np.zeros(6)
    v = np.zeros(6)
    e[0] = p3 * np.sum(s * (s - 1) * (s - 2))
    v[0] = e[0] * (1 - p3) + np.sum(s * (s - 1) * (s - 2) * ((4 * s - 10) * q3 - 4 * (s - 3) * q4
                                                            + (s - 3) * q5))
    e[1] = p3 * np.sum(s * (N - s) * (s - 1))
    x, y = np.meshgrid(s, s, indexing="ij")
    v[1] = e[1] * (1 - p3) + (
        np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * q3 + (N - x - 1) * q5))
        - np.sum(s * s * (s - 1) * ((4 * s - 6) * q3 + (N - s - 1) * q5)))
    e[2] = p3 * np.sum(s * (N - s) * (s - 1))
    v[2] = e[2] * (1 - p3) + np.sum(s * (N - s) * (s - 1) * ((N - 3) * q3 + (s - 2) * q5))
    e[3], v[3] = e[2], v[2]
    e[4] = p3 * (np.sum(x * y * (N - x - y)) - np.sum(s * s * (N - 2 * s)))
    v[4] = e[4] * (1 - p3)
    k = len(s)
    for i in range(k):
        for j in range(k):
            for h in range(k):
                if i != j and j != h and i != h:
                    v[4] += s[i] * s[j] * s[h] * (
                        (4 * (N - s[j]) - 2 * (s[i] + s[h] + 1)) * q3
                        - (4 * (N - s[h]) - 2 * (s[i] + s[j] + 1)) * q4
                        + (N - (s[i] + s[h] + 1)) * q5)
    e[5] = p3 * N * (N - 1) * (N - 2)
    v[5] = e[5] * (1 - p3) + N * (N - 1) * (N - 2) * ((4 * N - 10) * q3 - 4 * (N - 3) * q4
                                                      + (N - 3) * q5)
    return e, v


def _choose2(x: np.ndarray | float) -> np.ndarray:
    """``choose(x, 2)`` for real x, as R's ``choose`` computes it: x(x−1)/2."""
    x = np.asarray(x, dtype=float)
    return x * (x - 1) / 2
