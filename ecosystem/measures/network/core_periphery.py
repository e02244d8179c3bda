"""Borgatti–Everett core–periphery structure of the actor projection.

Reference: S. P. Borgatti and M. G. Everett (2000; often cited as 1999),
"Models of core/periphery structures", *Social Networks* 21(4): 375–395,
doi:10.1016/S0378-8733(99)00019-2. Neither networkx nor igraph implements it.

Continuous model
----------------
Each actor gets a coreness c_i ≥ 0 such that the pattern c_i·c_j matches the
adjacency a_ij as closely as possible over all pairs i ≠ j. We fit it by
least squares without the diagonal, min Σ_{i≠j} (a_ij − c_i c_j)² (the
one-factor minimum-residual fit; its stationary points satisfy
c_i = Σ_{j≠i} a_ij c_j / Σ_{j≠i} c_j²). The start is the eigen solution with
the diagonal, √λ₁·v₁ (leading eigenpair of A), refined by L-BFGS-B with
c ≥ 0; every step is O(m). (Iterating the stationary-point equation directly
is unstable: it can collapse onto one vertex.) The fit is the Pearson correlation
between a_ij and c_i c_j over all pairs i ≠ j, computed in O(m) from sums
(Σ c, Σ c², cᵀAc, ...), never from the n×n matrices. ``coreness`` is
reported scaled so the largest is 1.

Discrete model
--------------
Actors are split into a core C and a periphery P. The ideal pattern has
δ_ij = 1 for core–core pairs and 0 for periphery–periphery pairs; core–
periphery pairs are treated as missing (the variant Borgatti & Everett
recommend, since a periphery tied to the core is expected but its density is
not fixed). The fit is the Pearson correlation between a_ij and δ_ij over the
CC and PP pairs:

    r = (N·e_CC − E·N_CC) / √((N·Q − E²)·(N·N_CC − N_CC²))

with N_CC, N_PP the numbers of CC and PP pairs, N = N_CC + N_PP, e_CC and e_PP
the (weighted) ties inside each block, E = e_CC + e_PP and Q their sum of
squared weights. The partition is searched in two steps: every split of the
actors sorted by continuous coreness (and by degree) into a top-k core
(k = 2 … n−2, all in O(m + n)); then, from the few best splits, single-actor
moves between core and periphery, best first, while the fit improves (a
Kernighan–Lin style local search; Borgatti & Everett used a genetic
algorithm). The tests check the result against exhaustive
search on small graphs and a hand-derived example.

Weighting: :func:`core_periphery` fits a_ij = Σ_k 1/(n_k − 1) over the
initiatives k that i and j share (n_k members; Newman 2001) by default. On
the binary projection an initiative of n members is a complete block of n,
and the best-fitting core is that initiative's member list (on the Ocean
registry, 323 actors of one initiative). Newman's weights give each member
of an initiative a total weight of 1, so the core is made of actors tied by
repeated or small collaborations. ``weight=None`` fits the binary model.

Scope: by default the model is fitted on the largest connected component of
the projection; actors elsewhere (and isolates, which would inflate the fit
with empty periphery pairs) get coreness 0 and ``core=False``.

Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest
paths, weighted networks, and centrality. *Physical Review E* 64: 016132.
"""
from __future__ import annotations

from typing import Any

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection
from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.model import Registry, require_initiatives

__all__ = ["continuous_coreness", "core_periphery", "core_periphery_partition"]


def _adjacency(g: ig.Graph, weight: str | None) -> sp.csr_matrix:
    e = edge_array(g)
    w = np.asarray(g.es[weight], dtype=np.float64) if weight else np.ones(len(e))
    n = g.vcount()
    A = sp.coo_matrix((np.concatenate([w, w]), (np.concatenate([e[:, 0], e[:, 1]]),
                                                 np.concatenate([e[:, 1], e[:, 0]]))),
                      shape=(n, n)).tocsr()
    A.sum_duplicates()
    A.setdiag(0)
    A.eliminate_zeros()
    return A


def _pattern_fit(A: sp.csr_matrix, c: np.ndarray) -> float:
    """Pearson r between a_ij and c_i c_j over ordered pairs i ≠ j."""
    n = A.shape[0]
    N = n * (n - 1)
    sa = A.sum()
    saa = A.multiply(A).sum()
    s1, s2, s4 = c.sum(), (c ** 2).sum(), (c ** 4).sum()
    sp_ = s1 ** 2 - s2
    spp = s2 ** 2 - s4
    sap = float(c @ (A @ c))
    den = (N * saa - sa ** 2) * (N * spp - sp_ ** 2)
    return float((N * sap - sa * sp_) / np.sqrt(den)) if den > 0 else float("nan")


def continuous_coreness(g: ig.Graph, *, weight: str | None = None,
                        tol: float = 1e-10, max_iter: int = 5000,
                        adjacency: sp.csr_matrix | None = None) -> tuple[np.ndarray, float]:
    """Borgatti–Everett continuous coreness of every vertex of ``g``.

    Parameters
    ----------
    g : igraph.Graph
        Undirected.
    weight : str, optional
        Edge attribute to use as a_ij; binary adjacency when None.
    tol, max_iter : convergence of the L-BFGS-B minimisation.
    adjacency : scipy.sparse.csr_matrix, optional
        The symmetric adjacency of ``g`` under ``weight``, when already built.

    Returns
    -------
    coreness : ndarray
        Scaled so the largest is 1 (zeros for an edgeless graph).
    fit : float
        Pearson correlation of a_ij with c_i c_j over pairs i ≠ j.

    Examples
    --------
    A complete core of four, each with a pendant partner. By symmetry the core
    shares one value x and the periphery one value y, and the stationary
    equations x(3x² + 4y²) = 3x + y and y(4x² + 3y²) = x give y/x = 0.239:

    >>> import igraph as ig
    >>> k4 = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    >>> g = ig.Graph(k4 + [(0, 4), (1, 5), (2, 6), (3, 7)])    # K4 with a pendant on each
    >>> coreness, fit = continuous_coreness(g)
    >>> coreness.round(3).tolist(), round(fit, 3)
    ([1.0, 1.0, 1.0, 1.0, 0.239, 0.239, 0.239, 0.239], 0.728)
    """
    A = _adjacency(g, weight) if adjacency is None else adjacency
    if A.nnz == 0:
        return np.zeros(g.vcount()), float("nan")
    c = _least_squares_coreness(A, tol, max_iter)
    return c / c.max(), _pattern_fit(A, c)


def _least_squares_coreness(A: sp.csr_matrix, tol: float, max_iter: int) -> np.ndarray:
    """argmin_{c ≥ 0} Σ_{i≠j} (a_ij − c_i c_j)², O(m) per step.

    Start: the rank-one fit with the diagonal, √λ₁·v₁ (leading eigenpair of A,
    ARPACK). Then L-BFGS-B on the loss without the diagonal,
    L(c) = −2 cᵀAc + (Σc²)² − Σc⁴ (+ const), ∇L = 4 (c (Σc² − c²) − A c).
    """
    from scipy.optimize import minimize
    from scipy.sparse.linalg import eigsh

    n = A.shape[0]
    try:
        lam, v = eigsh(A, k=1, which="LA", tol=1e-8, maxiter=10 * n + 1000)
        c0 = np.abs(v[:, 0]) * np.sqrt(max(lam[0], 1e-12))
    except Exception:  # tiny graphs or ARPACK failure: degree start
        c0 = np.asarray(A.sum(axis=1)).ravel()
        c0 = c0 / np.sqrt((c0 ** 2).sum())

    def loss(c):
        Ac = A @ c
        s2 = c @ c
        f = -2.0 * (c @ Ac) + s2 * s2 - (c ** 4).sum()
        return f, 4.0 * (c * (s2 - c * c) - Ac)

    res = minimize(loss, c0, jac=True, method="L-BFGS-B", bounds=[(0, None)] * n,
                   options={"maxiter": max_iter, "ftol": tol * 1e-3, "gtol": tol})
    return np.clip(res.x, 0, None)


def _block_fit(N_cc, N_pp, e_cc, e_pp, q_cc, q_pp):
    N = N_cc + N_pp
    E = e_cc + e_pp
    Q = q_cc + q_pp
    den = (N * Q - E ** 2) * (N * N_cc - N_cc ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (N * e_cc - E * N_cc) / np.sqrt(den)
    return np.where(den > 0, r, -np.inf)


def _pairs(k):
    return k * (k - 1) / 2.0


def core_periphery_partition(g: ig.Graph, *, weight: str | None = None,
                             coreness: np.ndarray | None = None, n_starts: int | None = None,
                             max_moves: int | None = None,
                             adjacency: sp.csr_matrix | None = None) -> tuple[np.ndarray, float]:
    """Discrete core/periphery split maximising the correlation with the ideal pattern.

    Parameters
    ----------
    g : igraph.Graph
        Undirected, at least 4 vertices.
    weight : str, optional
        Edge attribute for a_ij; binary when None.
    coreness : ndarray, optional
        Order for the sweep (default: :func:`continuous_coreness`).
    n_starts : int, optional
        The local search starts from the ``n_starts`` best top-k splits in
        coreness order and in degree order, and the best result is kept
        (default 5, or 1 above 50,000 vertices).
    max_moves : int, optional
        Most single-vertex moves in each local search; each move costs O(n),
        so the default keeps n × moves near 2·10⁸ (1,000 moves up to 200,000
        vertices, at least 50).
    adjacency : scipy.sparse.csr_matrix, optional
        The symmetric adjacency of ``g`` under ``weight``, when already built.

    Returns
    -------
    core : bool ndarray
    fit : float
        Pearson r over core–core and periphery–periphery pairs (1.0 for a
        complete core and an empty periphery).

    Examples
    --------
    The graph of :func:`continuous_coreness`: its six core–core pairs are all
    tied and its six periphery–periphery pairs all untied, a perfect fit:

    >>> import igraph as ig
    >>> k4 = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    >>> g = ig.Graph(k4 + [(0, 4), (1, 5), (2, 6), (3, 7)])    # K4 with a pendant on each
    >>> core, fit = core_periphery_partition(g)
    >>> core.tolist(), fit
    ([True, True, True, True, False, False, False, False], 1.0)
    """
    n = g.vcount()
    if n < 4:
        raise AnalysisError(f"a core/periphery split needs at least 4 actors with ties, got {n}: "
                            "loosen the filters or use a larger registry")
    A = _adjacency(g, weight) if adjacency is None else adjacency
    if A.nnz == 0:
        raise AnalysisError("the graph has no ties: no core/periphery structure to find")
    if coreness is None:
        coreness, _ = continuous_coreness(g, weight=weight, adjacency=A)
    if n_starts is None:
        n_starts = 5 if n <= 50_000 else 1
    if max_moves is None:
        max_moves = int(np.clip(2e8 // n, 50, 1000))
    degree = np.asarray(A.sum(axis=1)).ravel()
    best_core, best_fit = None, -np.inf
    seen = set()
    for core in _sweep_starts(A, coreness, n_starts) + _sweep_starts(A, degree, n_starts):
        key = core.tobytes()
        if key in seen:
            continue
        seen.add(key)
        core, fit = _local_search(A, core, max_moves)
        if fit > best_fit + 1e-12:
            best_core, best_fit = core, fit
    if best_core is None:
        raise AnalysisError("every tie pattern fits a core/periphery split equally (all pairs "
                            "tied or none): there is no core–periphery structure to find")
    return best_core, best_fit


def _sweep_starts(A: sp.csr_matrix, score: np.ndarray, n_starts: int) -> list[np.ndarray]:
    """Cores made of the top-k vertices by ``score``, for the ``n_starts`` best k.

    Every k is scored in O(m + n): with the vertices in score order, an edge is
    core–core for every k above its later endpoint's position and
    periphery–periphery for every k up to its earlier endpoint's position.
    """
    n = A.shape[0]
    order = np.lexsort((np.arange(n), -score))
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    U = sp.triu(A, 1).tocoo()
    w, w2 = U.data, U.data ** 2
    hi = np.maximum(pos[U.row], pos[U.col])
    lo = np.minimum(pos[U.row], pos[U.col])
    e_cc = np.concatenate([[0.0], np.cumsum(np.bincount(hi, weights=w, minlength=n))])
    q_cc = np.concatenate([[0.0], np.cumsum(np.bincount(hi, weights=w2, minlength=n))])
    e_pp = np.concatenate([np.cumsum(np.bincount(lo, weights=w, minlength=n)[::-1])[::-1], [0.0]])
    q_pp = np.concatenate([np.cumsum(np.bincount(lo, weights=w2, minlength=n)[::-1])[::-1],
                           [0.0]])
    k = np.arange(n + 1, dtype=np.float64)
    r = _block_fit(_pairs(k), _pairs(n - k), e_cc, e_pp, q_cc, q_pp)
    r[:2] = -np.inf
    r[n - 1:] = -np.inf
    out = []
    for kk in np.argsort(-r, kind="stable")[:n_starts]:
        if np.isfinite(r[kk]):
            core = np.zeros(n, dtype=bool)
            core[order[:kk]] = True
            out.append(core)
    return out


def _local_search(A: sp.csr_matrix, core: np.ndarray, max_moves: int):
    A2 = A.multiply(A).tocsr()
    cf = core.astype(np.float64)
    w_c, w_p = A @ cf, A @ (1 - cf)          # each vertex's weight into core / periphery
    q_c, q_p = A2 @ cf, A2 @ (1 - cf)
    e_cc, e_pp = (cf @ w_c) / 2, ((1 - cf) @ w_p) / 2
    q_cc, q_pp = (cf @ q_c) / 2, ((1 - cf) @ q_p) / 2
    n = len(core)
    kc = int(core.sum())
    fit = float(_block_fit(_pairs(kc), _pairs(n - kc), e_cc, e_pp, q_cc, q_pp))
    for _ in range(max_moves):
        to_core = ~core
        k_new = np.where(to_core, kc + 1, kc - 1).astype(np.float64)
        ecc = np.where(to_core, e_cc + w_c, e_cc - w_c)
        epp = np.where(to_core, e_pp - w_p, e_pp + w_p)
        qcc = np.where(to_core, q_cc + q_c, q_cc - q_c)
        qpp = np.where(to_core, q_pp - q_p, q_pp + q_p)
        r = _block_fit(_pairs(k_new), _pairs(n - k_new), ecc, epp, qcc, qpp)
        r[(k_new < 2) | (n - k_new < 2)] = -np.inf
        v = int(np.argmax(r))
        if not r[v] > fit + 1e-12:
            break
        fit = float(r[v])
        e_cc, e_pp, q_cc, q_pp = ecc[v], epp[v], qcc[v], qpp[v]
        sign = 1.0 if to_core[v] else -1.0
        core[v] = to_core[v]
        kc += int(sign)
        row = slice(A.indptr[v], A.indptr[v + 1])
        nb, wv, qv = A.indices[row], A.data[row], A2.data[row]
        w_c[nb] += sign * wv
        w_p[nb] -= sign * wv
        q_c[nb] += sign * qv
        q_p[nb] -= sign * qv
    return core, fit


def core_periphery(reg: Registry, *, weight: str | None = "newman", scope: str = "largest",
                   graph: ig.Graph | None = None, **projection_options: Any) -> pd.DataFrame:
    """Borgatti–Everett coreness and core/periphery split of the actors.

    Parameters
    ----------
    reg : Registry
    weight : {"newman", None, "count", "jaccard"}
        The projection's weights are a_ij; ``"newman"`` (default) keeps one
        large initiative from making the core (see the module docstring).
        None fits the binary co-membership adjacency (the classic model).
    scope : {"largest", "all"}
        Fit on the largest connected component (default) or on every actor.
    graph : igraph.Graph, optional
        A projection of ``reg`` already built; with ``weight`` set, its
        ``weighting`` must be ``weight``.
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection`.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``actor_type``, ``coreness`` (0–1), ``core``
        (bool), ``in_scope`` (bool), in ``reg.actors`` order. ``attrs``:
        ``fit_continuous``, ``fit`` (discrete), ``core_size``, ``scope_size``.

    Examples
    --------
    Four actors run i1 together, and each also runs an initiative with one
    partner of its own. The four form a complete core, the partners an empty
    periphery, so the discrete pattern fits perfectly:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "abcd", "i2": "ae", "i3": "bf", "i4": "cg", "i5": "dh"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdefgh"), "name": list("ABCDEFGH"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> cp = core_periphery(reg)
    >>> cp["actor_id"][cp["core"]].tolist(), cp.attrs["fit"]
    (['a', 'b', 'c', 'd'], 1.0)
    """
    if scope not in ("largest", "all"):
        raise AnalysisError(f"scope={scope!r}: use 'largest' or 'all'")
    require_initiatives(reg, "core–periphery")
    given = graph["weighting"] if graph is not None and "weighting" in graph.attributes() else None
    if graph is not None and weight is not None and given != weight:
        raise AnalysisError(f"the graph passed is weighted {given!r}, not "
                            f"{weight!r}: build it with actor_projection(reg, weight={weight!r})")
    g = graph if graph is not None else actor_projection(
        reg, weight=weight or "count", **projection_options)
    idx = np.arange(g.vcount())
    if scope == "largest":
        memb = np.asarray(g.connected_components().membership)
        idx = np.flatnonzero(memb == np.bincount(memb).argmax())
    sub = g.induced_subgraph(idx.tolist()) if len(idx) < g.vcount() else g
    if sub.ecount() == 0:
        raise AnalysisError("no two actors share an initiative: there is no core–periphery "
                            "structure; loosen the filters or use a registry with partnerships")
    wattr = "weight" if weight else None
    A = _adjacency(sub, wattr)  # built once for both steps
    c, fit_c = continuous_coreness(sub, weight=wattr, adjacency=A)
    core, fit = core_periphery_partition(sub, weight=wattr, coreness=c, adjacency=A)
    n = g.vcount()
    coreness = np.zeros(n)
    coreness[idx] = c
    is_core = np.zeros(n, dtype=bool)
    is_core[idx] = core
    in_scope = np.zeros(n, dtype=bool)
    in_scope[idx] = True
    out = pd.DataFrame({"actor_id": g.vs["name"], "name": reg.actors["name"].to_numpy(),
                        "actor_type": reg.actors["actor_type"].to_numpy(),
                        "coreness": coreness, "core": is_core, "in_scope": in_scope})
    out.attrs.update(fit_continuous=fit_c, fit=fit, core_size=int(core.sum()),
                     scope_size=len(idx), scope=scope, weighting=weight)
    return out
