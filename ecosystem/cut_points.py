"""Cut points and bridges: single actors and single ties that hold the network together.

* A **cut vertex** (articulation point) is a vertex whose removal splits its
  connected component. On the actor–initiative graph an actor is a cut vertex
  when its exit alone would leave some initiatives with no path to the others:
  :func:`cut_vertices` reports, for every actor, whether it is one and how many
  initiatives it would cut off (those outside the largest remaining piece).
* A **bridge** is an edge whose removal splits its component. On the actor
  projection a bridge is a partnership tie that is the only link between two
  groups of actors: :func:`bridges` reports each with the number of vertices
  on either side.

Both come from depth-first search in linear time (Hopcroft & Tarjan 1973;
Tarjan 1974), done by igraph (``articulation_points``,
``biconnected_components``, ``bridges``). The initiatives cut off by each actor
are read off the block–cut tree by :func:`ecosystem.resilience.critical_actors`,
which this module reuses so that both analyses report the same numbers.
networkx's ``articulation_points`` and ``bridges`` are the oracles in the tests.

References
----------
Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
manipulation. *Communications of the ACM* 16(6): 372–378.

Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information
Processing Letters* 2(6): 160–161.

Examples
--------
>>> import igraph as ig
>>> g = ig.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])   # triangle with a tail
>>> articulation_points(g).tolist()
[False, False, True, False]
>>> bridges(g)[["source", "target", "smaller_side"]].to_dict("records")
[{'source': 2, 'target': 3, 'smaller_side': 1}]
"""
from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd

from .errors import AnalysisError
from .model import Registry


def articulation_points(g: ig.Graph) -> np.ndarray:
    """Boolean array: is each vertex a cut vertex of ``g`` (read as undirected)?"""
    out = np.zeros(g.vcount(), dtype=bool)
    out[g.as_undirected().articulation_points() if g.is_directed()
        else g.articulation_points()] = True
    return out


def bridges(g: ig.Graph) -> pd.DataFrame:
    """Bridges of ``g`` (read as undirected) with the size of each side.

    Returns
    -------
    DataFrame
        One row per bridge: ``edge`` (igraph edge id), ``source``, ``target``
        (vertex ids, or names when ``g`` has names), ``side_source`` and
        ``side_target`` (vertices left on each side once the bridge is cut),
        ``smaller_side``; plus ``weight``/``shared`` when the edges carry them.
        Sorted by ``smaller_side`` descending: the bridges that cut off most.
    """
    h = g.as_undirected(mode="each") if g.is_directed() else g
    ids = h.bridges()
    cols = ["edge", "source", "target", "side_source", "side_target", "smaller_side"]
    if not ids:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in cols})
    # Contract the 2-edge-connected components; the bridges form a forest over them.
    rest = h.copy()
    rest.delete_edges(ids)
    comp = np.asarray(rest.connected_components().membership)
    size = np.bincount(comp)
    ends = np.array([h.es[e].tuple for e in ids])
    forest = ig.Graph(n=len(size), edges=np.column_stack([comp[ends[:, 0]],
                                                          comp[ends[:, 1]]]).tolist())
    below = size.astype(np.int64).copy()   # vertices in each forest node's subtree
    parent = np.full(len(size), -1)
    total = np.zeros(len(size), dtype=np.int64)
    for tree in forest.connected_components():
        order, _, parents = forest.bfs(tree[0])
        for v in reversed(order[1:]):
            below[parents[v]] += below[v]
            parent[v] = parents[v]
        total[tree] = below[tree[0]]
    a, b = comp[ends[:, 0]], comp[ends[:, 1]]
    a_is_child = parent[a] == b
    child = np.where(a_is_child, a, b)
    cut = below[child]
    side_a = np.where(a_is_child, cut, total[a] - cut)
    side_b = total[a] - side_a
    names = h.vs["name"] if "name" in h.vs.attributes() else None
    out = pd.DataFrame({
        "edge": ids,
        "source": [names[v] for v in ends[:, 0]] if names else ends[:, 0],
        "target": [names[v] for v in ends[:, 1]] if names else ends[:, 1],
        "side_source": side_a,
        "side_target": side_b,
        "smaller_side": np.minimum(side_a, side_b),
    })
    for attr in ("weight", "shared"):
        if attr in h.es.attributes():
            out[attr] = [h.es[e][attr] for e in ids]
    return out.sort_values(["smaller_side", "edge"], ascending=[False, True],
                           ignore_index=True)


def cut_vertices(reg: Registry) -> pd.DataFrame:
    """For every actor: is it a cut vertex of the actor–initiative graph, and what it cuts off.

    Returns
    -------
    DataFrame
        One row per actor of ``reg.actors`` (same order): ``actor_id``,
        ``is_cut_vertex``, ``initiatives_cut_off`` (initiatives that lose every
        link to the largest remaining piece when the actor leaves; 0 for
        actors that are not cut vertices), ``pieces`` (pieces its component
        falls into, 1 when it is not a cut vertex, 0 for actors without
        initiatives).

    Raises
    ------
    AnalysisError
        When the registry has no actors or no initiatives.
    """
    from .resilience import critical_actors

    if len(reg.actors) == 0:
        raise AnalysisError("the registry has no actors: load a registry with "
                            "ecosystem.load(path) or loosen the filters")
    crit = critical_actors(reg, top=None).set_index("actor_id")
    ids = reg.actors["actor_id"].astype(str)
    in_any = ids.isin(reg.ties["actor_id"].astype(str))
    out = pd.DataFrame({"actor_id": ids.to_numpy()})
    out["is_cut_vertex"] = ids.isin(crit.index).to_numpy()
    out["initiatives_cut_off"] = (crit["cut_off_initiatives"].reindex(ids).fillna(0)
                                  .astype("int64").to_numpy())
    out["pieces"] = (crit["pieces"].reindex(ids).fillna(1).astype("int64")
                     .where(in_any.to_numpy(), 0).to_numpy())
    return out
