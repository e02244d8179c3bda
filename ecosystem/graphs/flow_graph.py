"""Directed flow graph: money or support from a provider actor to a receiver actor.

Built from the ``flows`` table (IATI transactions, 360Giving grants). One edge
per (provider, receiver) pair, with the number of flows and the amounts summed
separately per currency, because amounts in different currencies cannot be
added without exchange rates the registries do not give.

Flows whose provider or receiver was not resolved to an actor are left out;
their number is kept in the graph attribute ``flows_left_out``.
"""
from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs.bipartite import as_strings
from ecosystem.model import Registry

__all__ = ["flow_graph"]


def flow_graph(reg: Registry) -> ig.Graph:
    """Provider → receiver graph with amount sums per currency.

    Returns
    -------
    igraph.Graph
        Directed. Vertices: actors that provide or receive at least one
        resolved flow, attributes ``name`` (actor_id), ``label``,
        ``actor_type``, ``country``. Edge attributes ``flows`` (count),
        ``amount_by_currency`` (dict currency → summed amount; flows without
        a currency are under ``"unknown"``, flows without an amount are
        counted but not summed), ``amount`` (the sum when all of the pair's
        flows share one currency, else None) and ``currency``. Graph
        attribute ``flows_left_out``.

    Raises
    ------
    AnalysisError
        When the registry has no flows with both ends resolved.

    Examples
    --------
    A fund gives a grantee two grants in US dollars and one in euros; a fourth
    grant names no resolved receiver:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["f", "g"], "name": ["Fund", "Grantee"],
    ...                          "actor_type": ["philanthropic", "ngo"]}),
    ...     flows=pd.DataFrame({"flow_id": ["1", "2", "3", "4"], "provider_actor_id": "f",
    ...                         "receiver_actor_id": ["g", "g", "g", None],
    ...                         "amount": [100.0, 50.0, 20.0, 10.0],
    ...                         "currency": ["USD", "USD", "EUR", "USD"]}))
    >>> g = flow_graph(reg)
    >>> g.vs["label"], g.es["flows"], g["flows_left_out"]
    (['Fund', 'Grantee'], [3], 1)
    >>> g.es["amount_by_currency"], g.es["amount"]
    ([{'EUR': 20.0, 'USD': 150.0}], [None])
    """
    f = reg.flows
    if len(f) == 0:
        raise AnalysisError(
            "the registry has no flows (provider → receiver transactions or grants): the flow "
            "graph needs an IATI or 360Giving registry; the Ocean and 3W registries have none"
        )
    ok = f["provider_actor_id"].notna() & f["receiver_actor_id"].notna()
    left_out = int((~ok).sum())
    f = f[ok]
    if f.empty:
        no_p = int(reg.flows["provider_actor_id"].isna().sum())
        no_r = int(reg.flows["receiver_actor_id"].isna().sum())
        raise AnalysisError(
            f"none of the registry's {left_out} flows has both ends resolved to an actor "
            f"({no_p} have no provider actor, {no_r} no receiver actor; when the file names "
            "no provider or receiver organisation, as many IATI transactions do, there is no "
            "flow graph to draw): use a registry whose flows name both organisations, e.g. "
            "360Giving grants, or the actor–initiative graph instead"
        )
    f = f.assign(currency=f["currency"].fillna("unknown"),
                 provider_actor_id=f["provider_actor_id"].astype(str),
                 receiver_actor_id=f["receiver_actor_id"].astype(str))
    pair = ["provider_actor_id", "receiver_actor_id"]
    by_cur = (f.groupby(pair + ["currency"], sort=True)["amount"]
              .sum(min_count=1).reset_index())
    counts = f.groupby(pair, sort=True).size().rename("flows").reset_index()
    amounts = {}
    for p, r, c, a in by_cur.itertuples(index=False):
        if pd.notna(a):
            amounts.setdefault((p, r), {})[c] = float(a)
    ids = pd.Index(pd.unique(np.concatenate([counts["provider_actor_id"].to_numpy(),
                                             counts["receiver_actor_id"].to_numpy()])))
    g = ig.Graph(n=len(ids), directed=True)
    g.add_edges(np.column_stack([ids.get_indexer(counts["provider_actor_id"]),
                                 ids.get_indexer(counts["receiver_actor_id"])]))
    actors = reg.actors.set_index("actor_id").reindex(ids)
    g.vs["name"] = list(ids)
    g.vs["label"] = as_strings(actors["name"].fillna(pd.Series(ids, index=ids)))
    g.vs["actor_type"] = as_strings(actors["actor_type"])
    g.vs["country"] = as_strings(actors["country"])
    abc = [amounts.get((p, r), {}) for p, r in zip(counts["provider_actor_id"],
                                                   counts["receiver_actor_id"])]
    n_cur = f.groupby(pair, sort=True)["currency"].nunique().to_numpy()
    g.es["flows"] = counts["flows"].astype(int).tolist()
    g.es["amount_by_currency"] = abc
    g.es["amount"] = [next(iter(d.values())) if (n == 1 and d) else None
                      for d, n in zip(abc, n_cur)]
    g.es["currency"] = [next(iter(d)) if (n == 1 and d) else None for d, n in zip(abc, n_cur)]
    g["flows_left_out"] = left_out
    return g
