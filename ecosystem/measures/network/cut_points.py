"""Cut points and bridges: single actors and single ties that hold the network together.

* A **cut vertex** (articulation point) is a vertex whose removal splits its
  connected component. On the actor–initiative graph an actor is a cut vertex
  when its exit alone would leave some initiatives with no path to the others:
  :func:`cut_vertices` reports, for every actor, whether it is one and how many
  initiatives it would cut off (those outside the largest remaining piece).
* A **bridge** is an edge whose removal splits its component. On the actor
  projection a bridge is a partnership tie that is the only link between two
  groups of actors: :func:`bridges` (any graph) and :func:`bridge_ties` (a
  registry's actor projection, with names) report each with the number of
  vertices on either side.

Both come from depth-first search in linear time (Hopcroft & Tarjan 1973;
Tarjan 1974), done by igraph (``articulation_points``,
``biconnected_components``, ``bridges``). The initiatives cut off by each actor
are read off the block–cut tree in one vectorised pass, in linear time, where
removing each actor in turn would cost one traversal of the graph per actor;
:func:`ecosystem.measures.network.resilience.critical_actors` reads them from
here. The tests check them against removing each actor from a networkx graph,
and the articulation points and bridges against networkx's
``articulation_points`` and ``bridges``.

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

from itertools import chain
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs import incidence_matrix
from ecosystem.model import Registry

__all__ = ["articulation_points", "bridge_ties", "bridges", "cut_vertices"]


def articulation_points(g: ig.Graph) -> np.ndarray:
    """Boolean array: is each vertex a cut vertex of ``g`` (read as undirected)?

    A cut vertex (articulation point) is one whose removal leaves more
    connected components than before (Hopcroft & Tarjan 1973).

    Examples
    --------
    In the path 0 – 1 – 2 the middle vertex holds the two ends together:

    >>> import igraph as ig
    >>> articulation_points(ig.Graph([(0, 1), (1, 2)])).tolist()
    [False, True, False]
    """
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

    Notes
    -----
    A bridge is an edge whose removal leaves more connected components than
    before (Tarjan 1974). The sizes come from the forest of bridges over the
    2-edge-connected components.

    Examples
    --------
    Two triangles joined by the edge 2–3; the tail 5–6 is a bridge too:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (5, 6)])
    >>> bridges(g)[["source", "target", "side_source", "side_target", "smaller_side"]]
       source  target  side_source  side_target  smaller_side
    0       2       3            3            4             3
    1       5       6            6            1             1
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


def _block_cut_tree(n: int, u: np.ndarray, v: np.ndarray, counted: np.ndarray):
    """Pieces left by each cut vertex of a graph (edges u–v), measured in ``counted`` vertices.

    Builds the block–cut tree (one node per biconnected block, one per cut
    vertex), roots every tree at a virtual super-root and sums ``counted``
    over subtrees level by level. For a cut vertex, the pieces are the
    subtrees of its children plus, unless it is its tree's root, the rest of
    its tree.

    Returns
    -------
    cuts : array of vertex ids
    n_pieces, total, largest : arrays aligned with ``cuts``
    """
    g = ig.Graph(n=n)
    g.add_edges(np.column_stack([u, v]))
    trees, cuts = ig.GraphBase.biconnected_components(g, True)  # spanning-tree edges per block
    cuts = np.asarray(sorted(cuts), dtype=np.int64)
    sizes = np.fromiter(map(len, trees), dtype=np.int64, count=len(trees))
    tree_edges = np.fromiter(chain.from_iterable(trees), dtype=np.int64, count=int(sizes.sum()))
    edge_block = np.repeat(np.arange(len(trees)), sizes)
    key = np.sort(np.concatenate([edge_block * n + u[tree_edges], edge_block * n + v[tree_edges]]))
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    member_block, member = key // n, key % n
    n_blocks = len(trees)
    node_of_cut = np.full(n, -1, dtype=np.int64)
    node_of_cut[cuts] = n_blocks + np.arange(len(cuts))
    is_cut = node_of_cut[member] >= 0
    weight = np.zeros(n_blocks + len(cuts) + 1, dtype=np.int64)   # last node: super-root
    np.add.at(weight, member_block[~is_cut], counted[member[~is_cut]])
    weight[n_blocks:n_blocks + len(cuts)] = counted[cuts]
    root = len(weight) - 1
    tree = ig.Graph(n=len(weight))
    tree.add_edges(np.column_stack([member_block[is_cut], node_of_cut[member[is_cut]]]))
    first = np.array([c[0] for c in tree.connected_components() if c[0] != root], dtype=np.int64)
    tree.add_edges(np.column_stack([np.full(len(first), root), first]))
    order, layers, parent = tree.bfs(root)
    order, parent = np.asarray(order, dtype=np.int64), np.asarray(parent, dtype=np.int64)
    below = weight.copy()
    for a, b in zip(layers[-2:0:-1], layers[-1:1:-1]):   # deepest layer first
        np.add.at(below, parent[order[a:b]], below[order[a:b]])
    top = np.arange(len(weight))          # the tree (child of the super-root) of each node
    for a, b in zip(layers[2:-1], layers[3:]):
        top[order[a:b]] = top[parent[order[a:b]]]
    nodes = node_of_cut[cuts]
    child = order[1:][parent[order[1:]] != root]
    up = parent[child]
    n_children = np.bincount(up, minlength=len(weight))
    child_sum = np.bincount(up, below[child], minlength=len(weight)).astype(np.int64)
    child_max = np.zeros(len(weight), dtype=np.int64)
    np.maximum.at(child_max, up, below[child])
    is_tree_root = parent[nodes] == root
    rest = np.where(is_tree_root, 0, below[top[nodes]] - below[nodes])
    n_pieces = n_children[nodes] + (~is_tree_root)
    total = child_sum[nodes] + rest
    largest = np.maximum(child_max[nodes], rest)
    return cuts, n_pieces, total, largest


def cut_vertices(reg: Registry) -> pd.DataFrame:
    """For every actor: is it a cut vertex of the actor–initiative graph, and what it cuts off.

    When a cut vertex leaves, its component falls into pieces; the initiatives
    outside the largest piece (by initiatives) are *cut off*. The counts are
    read off the block–cut tree in one pass (checked in the tests against
    removing each actor in turn).

    Returns
    -------
    DataFrame
        One row per actor of ``reg.actors`` (same order): ``actor_id``,
        ``is_cut_vertex``, ``initiatives_cut_off`` (0 for actors that are not
        cut vertices), ``pieces`` (pieces its component falls into; 1 when it
        is not a cut vertex, 0 for actors without initiatives).

    Raises
    ------
    AnalysisError
        When the registry has no actors or no initiatives.

    Examples
    --------
    Actor a runs i1 with b and c, i2 with d and i4 with f; d also runs i3
    with e. Without a, the graph falls into three pieces, {i1, b, c},
    {i2, d, i3, e} and {i4, f}: the largest holds two initiatives, so two are
    cut off. Without d, i3 is cut off:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": [f"i{k}" for k in "111223344"],
    ...                      "actor_id": list("abcaddeaf"), "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3", "i4"], "registry": "r",
    ...                               "record_id": ["1", "2", "3", "4"], "kind": "partnership"}))
    >>> cut_vertices(reg)
      actor_id  is_cut_vertex  initiatives_cut_off  pieces
    0        a           True                    2       3
    1        b          False                    0       1
    2        c          False                    0       1
    3        d           True                    1       2
    4        e          False                    0       1
    5        f          False                    0       1
    """
    if len(reg.actors) == 0 or len(reg.initiatives) == 0:
        raise AnalysisError("the registry has no actors or no initiatives: load a registry "
                            "with ecosystem.load(path) or loosen the filters")
    B, actor_ids, _ = incidence_matrix(reg)
    n_a, n_i = B.shape
    coo = B.tocoo()
    counted = np.r_[np.zeros(n_a, dtype=np.int64), np.ones(n_i, dtype=np.int64)]
    cuts, n_pieces, total, largest = _block_cut_tree(
        n_a + n_i, coo.row.astype(np.int64), coo.col.astype(np.int64) + n_a, counted)
    actor = cuts < n_a
    cut_off = np.zeros(n_a, dtype=np.int64)
    pieces = np.where(np.diff(B.indptr) > 0, 1, 0).astype(np.int64)
    is_cut = np.zeros(n_a, dtype=bool)
    is_cut[cuts[actor]] = True
    cut_off[cuts[actor]] = (total - largest)[actor]
    pieces[cuts[actor]] = n_pieces[actor]
    return pd.DataFrame({"actor_id": actor_ids, "is_cut_vertex": is_cut,
                         "initiatives_cut_off": cut_off, "pieces": pieces})


def bridge_ties(reg: Registry, *, weight: str = "newman", graph: ig.Graph | None = None,
                **projection_options: Any) -> pd.DataFrame:
    """Bridges of the actor projection: ties that are the only link between two groups of actors.

    Parameters
    ----------
    reg : Registry
    weight : {"newman", "count", "jaccard"}
        Projection weighting (reported in ``weight``; bridges do not depend on it).
    graph : igraph.Graph, optional
        A projection of ``reg`` already built.
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection`.

    Returns
    -------
    DataFrame
        One row per bridge, the ones that cut off most actors first:
        ``source``, ``target`` (actor ids), ``source_name``, ``target_name``,
        ``shared`` (initiatives the two share), ``weight``, ``side_source``,
        ``side_target`` (actors left on each side once the tie is cut),
        ``smaller_side``.

    Examples
    --------
    The registry of :func:`cut_vertices`: in its actor projection a–d, a–f and
    d–e are bridges; cutting a–d leaves {a, b, c, f} and {d, e}:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": [f"i{k}" for k in "111223344"],
    ...                      "actor_id": list("abcaddeaf"), "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3", "i4"], "registry": "r",
    ...                               "record_id": ["1", "2", "3", "4"], "kind": "partnership"}))
    >>> bridge_ties(reg)[["source", "target", "shared", "side_source", "side_target"]]
      source target  shared  side_source  side_target
    0      a      d       1            4            2
    1      a      f       1            5            1
    2      d      e       1            5            1
    """
    from ecosystem.graphs import actor_projection
    from ecosystem.model import require_initiatives

    require_initiatives(reg, "bridge ties")
    g = graph if graph is not None else actor_projection(reg, weight=weight, **projection_options)
    table = bridges(g).drop(columns="edge")
    names = reg.actors.set_index(reg.actors["actor_id"].astype(str))["name"]
    table.insert(2, "source_name", names.reindex(table["source"].astype(str)).to_numpy())
    table.insert(3, "target_name", names.reindex(table["target"].astype(str)).to_numpy())
    cols = ["source", "target", "source_name", "target_name", "shared", "weight",
            "side_source", "side_target", "smaller_side"]
    return table[[c for c in cols if c in table.columns]]
