"""The peers of :mod:`benchmarks.stage_table` that take more than one library call.

Each builds what our stage builds, the plain way: the projection from the ties with
pandas, scipy products and an igraph ``Graph``; crowding with pandas groupby and joins.
"""
from __future__ import annotations

import gc

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["crowding_peer", "igraph_projection", "registry_incidence", "scipy_projection"]


def scipy_projection(B: sp.csr_matrix):
    """Newman-weighted co-membership pairs, upper triangle: triu(B·diag(1/(k−1))·Bᵀ)."""
    k = np.asarray(B.sum(axis=0)).ravel()
    cw = np.divide(1.0, k - 1, out=np.zeros_like(k, dtype=float), where=k > 1)
    return sp.triu(B @ sp.diags(cw) @ B.T, 1, format="coo")


def registry_incidence(reg, max_initiative_size: int | None = None) -> sp.csr_matrix:
    """The actor × initiative matrix from the registry's ties, with pandas and scipy: each
    tie's positions (``Index.get_indexer``), repeated ties counted once; initiatives with
    more than ``max_initiative_size`` actors left out."""
    a = pd.Index(reg.actors["actor_id"]).get_indexer(reg.ties["actor_id"])
    i = pd.Index(reg.initiatives["initiative_id"]).get_indexer(reg.ties["initiative_id"])
    ok = (a >= 0) & (i >= 0)
    B = sp.csr_matrix((np.ones(int(ok.sum())), (a[ok], i[ok])),
                      shape=(len(reg.actors), len(reg.initiatives)))
    B.sum_duplicates()
    B.data[:] = 1.0
    if max_initiative_size is not None:
        k = np.asarray(B.sum(axis=0)).ravel()
        B = (B @ sp.diags((k <= max_initiative_size).astype(float))).tocsr()
        B.eliminate_zeros()
    return B


def igraph_projection(reg, max_initiative_size: int | None = None) -> ig.Graph:
    """The graph ``actor_projection(reg, weight="newman")`` returns, built the plain way: B
    from the ties (:func:`registry_incidence`), the Newman weights (:func:`scipy_projection`)
    and the shared counts (triu(B·Bᵀ), the same pairs) from two scipy products, then an
    igraph ``Graph`` of the pairs with ``weight`` and ``shared``, and the actors' ``name``,
    ``label``, ``actor_type`` and ``country``."""
    B = registry_incidence(reg, max_initiative_size)
    weights = scipy_projection(B).tocsr()
    shared = sp.triu(B @ B.T, 1, format="csr")
    weights.sort_indices()
    shared.sort_indices()  # the same pairs: one order for both
    rows = np.repeat(np.arange(B.shape[0]), np.diff(weights.indptr))
    gc.disable()  # the best way to hand igraph its edges: pairs from an iterator, no collection
    try:
        g = ig.Graph(n=B.shape[0], edges=zip(rows.tolist(), weights.indices.tolist()))
    finally:
        gc.enable()
    g.es["weight"] = weights.data.tolist()
    g.es["shared"] = shared.data.astype(np.int64).tolist()
    for attr, column in (("name", "actor_id"), ("label", "name"), ("actor_type", "actor_type"),
                         ("country", "country")):
        g.vs[attr] = reg.actors[column].to_numpy(dtype=object, na_value=None).tolist()
    return g


def crowding_peer(cell: np.ndarray, col: np.ndarray, B: sp.csc_matrix, u: np.ndarray,
                  v: np.ndarray, join: bool = True) -> pd.DataFrame:
    """Per cell: initiatives, actors and (``join``) actor pairs tied in the projection."""
    cm = pd.DataFrame({"cell": cell, "ini": col}).drop_duplicates()
    per = cm.groupby("cell")["ini"].size().rename("initiatives").to_frame()
    ties = pd.DataFrame({"ini": np.repeat(np.arange(B.shape[1]), np.diff(B.indptr)),
                         "actor": B.indices})
    ca = cm.merge(ties, on="ini")[["cell", "actor"]].drop_duplicates()
    per["actors"] = ca.groupby("cell").size()
    if not join:
        return per
    edges = pd.DataFrame({"actor": u, "v": v})
    j = ca.merge(edges, on="actor").merge(ca.rename(columns={"actor": "v"}), on=["cell", "v"])
    per["connected_pairs"] = j.groupby("cell").size()
    return per
