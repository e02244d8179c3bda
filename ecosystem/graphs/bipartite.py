"""The actor–initiative (bipartite) graph and its incidence matrix.

The bipartite graph is the source of truth for every other graph: an actor is
joined to each initiative it takes part in. An actor that holds several roles
in one initiative (say ``lead`` and ``funding``) is one membership, so a
vertex's degree is its number of distinct initiatives.

Engines (chosen from ``../shared/research/performance-baseline.md``, §a):
the incidence matrix is a scipy CSR matrix (0.08 s and +64 MB for 4.1M
memberships at 700k initiatives) and the graph is igraph (3.8 s at 700k,
networkx 19.1 s and +1.9 GB, 5× slower). Use :func:`ecosystem.graphs.to_networkx`
when a networkx graph is needed.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
...                          "actor_type": ["ngo", "government"]}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1"], "registry": ["r"],
...                               "record_id": ["1"], "kind": ["partnership"]}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1"], "actor_id": ["a", "b"],
...                        "role": ["lead", "partner"], "registry": ["r", "r"],
...                        "record_id": ["1", "1"]}))
>>> g = bipartite_graph(reg)
>>> g.vs["name"], g.vs["type"], g.es["role"]
(['a', 'b', 'i1'], [False, False, True], ['lead', 'partner'])
"""
from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from ..errors import AnalysisError
from ..model import ROLES, Registry

_ROLE_RANK = {r: i for i, r in enumerate(ROLES)}


def _arrow(values) -> pa.Array:
    if isinstance(values, (set, frozenset)):
        values = list(values)
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.astype("string")
        return pa.array(values.array if isinstance(values, pd.Series) else values.to_series().array)
    return pa.array(np.asarray(values, dtype=object), type=pa.string(), from_pandas=True)


def lookup(values, keys) -> np.ndarray:
    """Position of each of ``values`` in ``keys`` (−1 when absent), for id columns.

    pyarrow's hash lookup: pandas' ``get_indexer``/``isin`` on arrow-backed
    strings take 8–37 s for 4M ids against 2M keys, pyarrow 2.5 s.
    """
    out = pc.index_in(_arrow(values), value_set=_arrow(keys))
    return np.asarray(out.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def member_of(values, keys) -> np.ndarray:
    """Boolean mask: which of ``values`` are in ``keys`` (a fast ``isin`` for id columns)."""
    return np.asarray(pc.is_in(_arrow(values), value_set=_arrow(keys))
                      .to_numpy(zero_copy_only=False), dtype=bool)


def require_initiatives(reg: Registry, what: str = "this analysis") -> None:
    """Raise :class:`AnalysisError` when ``reg`` has no initiatives or no ties."""
    if len(reg.initiatives) == 0:
        raise AnalysisError(
            f"{what} needs initiatives, but the registry is empty: load a registry file "
            "with ecosystem.load(path), or loosen the filters that removed every initiative"
        )
    if len(reg.ties) == 0:
        raise AnalysisError(
            f"{what} needs ties between actors and initiatives, but the registry has "
            f"{len(reg.initiatives)} initiatives and no ties: run actor resolution "
            "(ecosystem.resolve.resolve_registry) or load with ecosystem.load(path)"
        )


def memberships(reg: Registry) -> pd.DataFrame:
    """One row per distinct (actor, initiative) pair.

    Returns
    -------
    DataFrame
        ``actor_id``, ``initiative_id``, ``role`` (the first of the actor's roles
        in :data:`ecosystem.model.ROLES` order, so ``lead`` wins), ``roles`` (all
        its roles, joined with ``|``), ``registry``, ``record_id``. Ties to
        actors or initiatives absent from their tables are dropped.
    """
    t = reg.ties
    t = t[member_of(t["actor_id"], reg.actors["actor_id"])
          & member_of(t["initiative_id"], reg.initiatives["initiative_id"])]
    cols = ["actor_id", "initiative_id", "role", "roles", "registry", "record_id"]
    if t.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
    t = t.assign(_rank=t["role"].map(_ROLE_RANK).fillna(len(ROLES)))
    t = t.sort_values(["actor_id", "initiative_id", "_rank"], kind="stable")
    key = ["actor_id", "initiative_id"]
    first = t.drop_duplicates(key, keep="first")
    out = first[["actor_id", "initiative_id", "role", "registry", "record_id"]].copy()
    out.insert(3, "roles", out["role"])
    multi = t.duplicated(key, keep=False)
    if multi.any():
        joined = (t[multi].drop_duplicates(key + ["role"]).groupby(key, sort=False)["role"]
                  .agg("|".join).rename("_joined").reset_index())
        out = out.merge(joined, on=key, how="left")
        out["roles"] = out["_joined"].fillna(out["roles"]).astype("string")
        out = out.drop(columns="_joined")
    return out.reset_index(drop=True)


def incidence_matrix(reg: Registry, *, members: pd.DataFrame | None = None):
    """The actor × initiative incidence matrix B (1 where the actor takes part).

    Parameters
    ----------
    reg : Registry
    members : DataFrame, optional
        Output of :func:`memberships`, when already computed.

    Returns
    -------
    B : scipy.sparse.csr_matrix
        Shape (actors, initiatives), float64 ones; rows follow ``reg.actors``
        order, columns ``reg.initiatives`` order.
    actor_ids, initiative_ids : numpy arrays of str

    Examples
    --------
    >>> B, actors, inits = incidence_matrix(reg)        # doctest: +SKIP
    >>> B.sum(axis=1)  # initiatives per actor           # doctest: +SKIP
    """
    m = memberships(reg) if members is None else members
    actor_ids = reg.actors["actor_id"].to_numpy(dtype=object)
    initiative_ids = reg.initiatives["initiative_id"].to_numpy(dtype=object)
    rows = lookup(m["actor_id"], reg.actors["actor_id"])
    cols = lookup(m["initiative_id"], reg.initiatives["initiative_id"])
    keep = (rows >= 0) & (cols >= 0)
    B = sp.csr_matrix(
        (np.ones(int(keep.sum())), (rows[keep].astype(np.int64), cols[keep].astype(np.int64))),
        shape=(len(actor_ids), len(initiative_ids)),
    )
    B.sum_duplicates()
    B.data[:] = 1.0
    return B, actor_ids.astype(str), initiative_ids.astype(str)


def _strings(s: pd.Series) -> list:
    return [None if pd.isna(v) else str(v) for v in s.astype(object)]


def bipartite_graph(reg: Registry) -> ig.Graph:
    """The actor–initiative graph as an igraph Graph.

    Vertices are the actors (``reg.actors`` order) followed by the initiatives
    (``reg.initiatives`` order). Vertex attributes: ``name`` (actor_id or
    initiative_id), ``type`` (False for an actor, True for an initiative, the
    igraph bipartite convention), ``label`` (actor name or initiative title),
    ``actor_type`` (None for initiatives). Edge attributes: ``role`` (primary
    role, ``lead`` first), ``roles`` (all roles, ``|``-joined), ``registry``,
    ``record_id``. The graph attribute ``n_actors`` gives the number of actor
    vertices.

    Raises
    ------
    AnalysisError
        When the registry has no initiatives or no ties.
    """
    require_initiatives(reg, "the actor–initiative graph")
    m = memberships(reg)
    n_a, n_i = len(reg.actors), len(reg.initiatives)
    a_idx = lookup(m["actor_id"], reg.actors["actor_id"])
    i_idx = lookup(m["initiative_id"], reg.initiatives["initiative_id"]) + n_a
    g = ig.Graph(n=n_a + n_i, edges=np.column_stack([a_idx, i_idx]).tolist())
    g["n_actors"] = n_a
    g.vs["name"] = _strings(reg.actors["actor_id"]) + _strings(reg.initiatives["initiative_id"])
    g.vs["type"] = [False] * n_a + [True] * n_i
    titles = reg.initiatives["title"].fillna(reg.initiatives["initiative_id"])
    g.vs["label"] = _strings(reg.actors["name"]) + _strings(titles)
    g.vs["actor_type"] = _strings(reg.actors["actor_type"]) + [None] * n_i
    for col in ("role", "roles", "registry", "record_id"):
        g.es[col] = _strings(m[col])
    return g
