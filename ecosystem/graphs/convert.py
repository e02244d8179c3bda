"""Conversion of igraph graphs to networkx, for interoperability and test oracles.

igraph is the engine (see :mod:`ecosystem.graphs.bipartite`); networkx is what
many users know. Nodes are keyed by the vertex attribute ``name`` (actor_id or
initiative_id); all vertex, edge and graph attributes are kept.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import igraph as ig

if TYPE_CHECKING:  # imported where used: the report path never converts
    import networkx as nx

__all__ = ["to_networkx"]


def to_networkx(g: ig.Graph) -> nx.Graph:
    """A networkx copy of ``g`` (Graph, DiGraph, or Multi* when ``g`` has multi-edges).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.es["weight"] = [2.0]
    >>> G = to_networkx(g)
    >>> G["a"]["b"]["weight"]
    2.0
    """
    import networkx as nx

    multi = g.has_multiple()
    cls = {(False, False): nx.Graph, (True, False): nx.DiGraph,
           (False, True): nx.MultiGraph, (True, True): nx.MultiDiGraph}[(g.is_directed(), multi)]
    G = cls()
    G.graph.update({a: g[a] for a in g.attributes()})
    vattrs = g.vs.attributes()
    keys = g.vs["name"] if "name" in vattrs else list(range(g.vcount()))
    cols = {a: g.vs[a] for a in vattrs if a != "name"}
    G.add_nodes_from((keys[i], {a: v[i] for a, v in cols.items()}) for i in range(g.vcount()))
    ecols = {a: g.es[a] for a in g.es.attributes()}
    G.add_edges_from((keys[u], keys[v], {a: c[i] for a, c in ecols.items()})
                     for i, (u, v) in enumerate(g.get_edgelist()))
    return G
