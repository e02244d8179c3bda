"""Structural holes between initiatives: Burt's measures on each actor's two-mode ego network.

Why not the projection
----------------------
On the actor projection an initiative of n members is a clique of n, and
Burt's constraint of a clique member is about 4/(n − 1) whatever the weights:
each of its n − 1 partners holds a small share of its ties, and Newman
weighting does not change the shares. So the members of the largest
initiative get the lowest constraint and the largest effective size of the
registry, although all their partners know each other. (Opsahl's tnet
documentation reports that constraint computed on a projected two-mode
network falls with the actors' two-mode degree, and advises against it.)
Here the contacts are initiatives.

Definition
----------
An actor's *initiative ego network* E_i has the actor, its initiatives that
have at least one other member (its contacts; d_i of them), a tie from the
actor to each, and a tie between two of them when some other actor also
takes part in both — then the actor is not needed to join them (the
redundancy test of Latapy, Magnien & Del Vecchio 2008). Burt's measures of
the actor in E_i (unweighted, as networkx computes them on E_i):

* **effective size** e_i = d_i − 2 t_i / d_i (Borgatti 1997), t_i the number
  of tied pairs among its initiatives: the initiatives it joins that are not
  otherwise joined;
* **efficiency** e_i / d_i;
* **constraint** c_i = Σ_k (1/d_i + Σ_l (1/d_i) · 1/(1 + t_il))², the inner sum
  over l tied to k in E_i, with t_il the number of the actor's other
  initiatives tied to l (so 1 + t_il is l's degree in E_i).

An actor in one initiative has effective size 1 and constraint 1 however
large that initiative is; an actor in d initiatives that share no one else
has effective size d and constraint 1/d. Actors with no initiative that has
another member get NaN.

Engine: the pairs of initiatives that share two or more actors are the
initiative projection with ``min_weight=2`` (:func:`ecosystem.graphs.
initiative_projection`, adjacency M); with B the actor × initiative
incidence of initiatives with two or more members, t_ik = (B M)_ik on B's
nonzeros, and the inner sums are (X M)_ik with X_il = 1/(1 + t_il): two sparse
products, no loop over actors. The tests compare every actor with networkx's
``constraint`` and ``effective_size`` on its E_i built explicitly.

References
----------
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1): 35–38.

Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
Cambridge, MA: Harvard University Press.

Latapy, M., Magnien, C., & Del Vecchio, N. (2008). Basic notions for the
analysis of large two-mode networks. *Social Networks* 30(1): 31–48.

Opsahl, T. (n.d.). Structural holes in two-mode networks. tnet documentation,
https://toreopsahl.com/tnet/two-mode-networks/structural-holes/
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.graphs import incidence_matrix, initiative_projection
from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.graphs.projection import DEFAULT_MAX_EDGES
from ecosystem.model import Registry, require_initiatives

__all__ = ["initiative_holes"]


def initiative_holes(reg: Registry, *, max_edges: int = DEFAULT_MAX_EDGES) -> pd.DataFrame:
    """Effective size, efficiency and constraint of every actor over its initiatives.

    Parameters
    ----------
    reg : Registry
    max_edges : int
        Passed to :func:`ecosystem.graphs.initiative_projection` (pairs of
        initiatives that share two or more actors).

    Returns
    -------
    DataFrame
        One row per actor of ``reg.actors``, in order: ``actor_id``, ``name``,
        ``actor_type``, ``initiatives`` (d_i, its initiatives with another
        member), ``redundant_pairs`` (t_i), ``effective_size``,
        ``efficiency``, ``constraint`` (NaN when d_i = 0).

    Examples
    --------
    a runs i1 with b, i2 with c and i3 with b and c; b and c also meet in i3,
    so for a, i1–i3 (through b) and i2–i3 (through c) are redundant pairs and
    only i1–i2 is a hole: effective size 3 − 2·2/3. d runs i4 with e and i5 with
    f, which share no one else: two non-redundant initiatives. e's only
    initiative makes it fully constrained:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "ac", "i3": "abc", "i4": "de", "i5": "df"}
    >>> ties = pd.DataFrame([(i, x) for i, m in members.items() for x in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> h = initiative_holes(reg)
    >>> h[["actor_id", "initiatives", "redundant_pairs", "effective_size", "constraint"]].round(3)
      actor_id  initiatives  redundant_pairs  effective_size  constraint
    0        a            3                2           1.667       0.840
    1        b            2                1           1.000       1.125
    2        c            2                1           1.000       1.125
    3        d            2                0           2.000       0.500
    4        e            1                0           1.000       1.000
    5        f            1                0           1.000       1.000
    """
    require_initiatives(reg, "structural holes between initiatives")
    B, actor_ids, _ = incidence_matrix(reg)
    B = sp.csr_matrix(B, dtype=np.float64)
    B.data[:] = 1.0
    size = np.asarray(B.sum(axis=0)).ravel()
    B = (B @ sp.diags((size >= 2).astype(np.float64))).tocsr()
    B.eliminate_zeros()
    B.sort_indices()
    n_i = B.shape[1]
    ig_ = initiative_projection(reg, weight="count", min_weight=2, max_edges=max_edges)
    e = edge_array(ig_)
    M = sp.coo_matrix((np.ones(2 * len(e)), (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])),
                      shape=(n_i, n_i)).tocsr()
    d = np.asarray(B.sum(axis=1)).ravel()
    rows, cols = B.nonzero()
    t_ik = _on_pattern(B @ M, rows, cols)
    X = sp.csr_matrix((1.0 / (1.0 + t_ik), (rows, cols)), shape=B.shape)
    inner = _on_pattern(X @ M, rows, cols)
    n_a = B.shape[0]
    t = np.bincount(rows, weights=t_ik, minlength=n_a) / 2
    dd = d[rows]
    c = np.bincount(rows, weights=((1.0 + inner) / dd) ** 2, minlength=n_a).astype(np.float64)
    has = d > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        es = np.where(has, d - 2 * t / d, np.nan)
        eff = es / d
    c[~has] = np.nan
    return pd.DataFrame({"actor_id": actor_ids,
                         "name": reg.actors["name"].to_numpy(),
                         "actor_type": reg.actors["actor_type"].to_numpy(),
                         "initiatives": d.astype(np.int64),
                         "redundant_pairs": np.rint(t).astype(np.int64),
                         "effective_size": es,
                         "efficiency": eff,
                         "constraint": c})


def _on_pattern(P: sp.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Values of P at (rows, cols), 0 where P has no entry."""
    Q = sp.coo_matrix(P)
    n = P.shape[1]
    key = Q.row.astype(np.int64) * n + Q.col
    order = np.argsort(key)
    key, val = key[order], Q.data[order]
    want = rows.astype(np.int64) * n + cols
    pos = np.minimum(np.searchsorted(key, want), max(len(key) - 1, 0))
    hit = (key[pos] == want) if len(key) else np.zeros(len(want), dtype=bool)
    return np.where(hit, val[pos] if len(key) else 0.0, 0.0)
