"""Resilience: what happens to the ecosystem when actors leave.

Two questions, both on the bipartite actor–initiative graph (an initiative
stays connected to another through any actor they share):

* :func:`removal_curve` — remove actors one by one in the order of a ranking
  (hubs, brokers, or random as the baseline) and record, after each removal,
  the share of initiatives and of actors in the largest connected component,
  and the number of components. This is the attack/failure experiment of
  Albert, Jeong & Barabási (2000) on a two-mode network.
* :func:`critical_actors` — for every actor, how many initiatives its exit
  *alone* would cut off from the rest of its component. Only articulation
  points (cut vertices) cut anything off; the counts come from the block–cut
  tree of the graph (Hopcroft & Tarjan 1973) in one pass
  (:mod:`ecosystem.measures.network.cut_points`), not from removing each actor in turn.

Engine: scipy's ``connected_components`` for the starting state and a
union–find that adds the removed actors back in reverse order, so a whole
curve costs one pass over the ties (the largest component can only grow when
nodes are added back).

References
----------
.. [1] Albert, R., Jeong, H., & Barabási, A.-L. (2000). Error and attack
   tolerance of complex networks. *Nature*, 406, 378–382.
.. [2] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms
   for graph manipulation. *Communications of the ACM*, 16(6), 372–378.

Examples
--------
Actor a runs i1 with b and c, i2 with d and i4 with f; d runs i3 with e.
Removing a, the largest hub, leaves {i2, d, i3, e} as the largest piece: half
of the initiatives:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> members = {"i1": "abc", "i2": "ad", "i3": "de", "i4": "af"}
>>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
...                     columns=["initiative_id", "actor_id"])
>>> reg = Registry.from_frames(
...     ties=ties.assign(role="partner", registry="r", record_id="1"),
...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
...                          "actor_type": ["ngo", "government"] * 3}),
...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
...                               "record_id": list(members), "kind": "partnership"}))
>>> curve = removal_curve(reg, "hubs", max_removed=2)
>>> curve[["removed", "actor_id", "share_initiatives_in_lcc", "components"]]
   removed actor_id  share_initiatives_in_lcc  components
0        0      NaN                      1.00           1
1        1        a                      0.50           3
2        2        d                      0.25           4
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecosystem.errors import AnalysisError
from ecosystem.graphs import incidence_matrix
from ecosystem.model import Registry

__all__ = ["actor_ranking", "critical_actors", "removal_curve", "removal_curves"]


def _incidence(reg: Registry) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Actor × initiative matrix over all actors and initiatives (also those with no tie)."""
    if len(reg.initiatives) == 0 or len(reg.actors) == 0:
        raise AnalysisError("the registry has no initiatives or no actors: load a registry "
                            "or loosen the filters before a resilience analysis")
    B, actor_ids, initiative_ids = incidence_matrix(reg)
    return B.astype(np.int8), actor_ids, initiative_ids


def actor_ranking(reg: Registry, by: str = "hubs", *, seed: int = 0) -> list[str]:
    """Actor ids in removal order.

    Parameters
    ----------
    by : {"hubs", "brokers", "random"}
        ``hubs``: most initiatives first (ties broken by actor id);
        ``brokers``: highest betweenness on the actor projection first
        (:func:`ecosystem.measures.network.betweenness.betweenness_centrality`
        as :func:`ecosystem.measures.network.brokers.brokers` computes it);
        ``random``: a seeded shuffle.

    Examples
    --------
    The registry of the module docstring: a has three initiatives, d two,
    the others one each (ties broken by actor id):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "abc", "i2": "ad", "i3": "de", "i4": "af"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["ngo", "government"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> actor_ranking(reg, "hubs")
    ['a', 'd', 'b', 'c', 'e', 'f']
    """
    if by == "hubs":
        deg = reg.ties.drop_duplicates(["actor_id", "initiative_id"]).groupby("actor_id").size()
        deg = deg.reindex(reg.actors["actor_id"], fill_value=0)
        frame = pd.DataFrame({"actor_id": deg.index.astype(str), "d": deg.to_numpy()})
        return frame.sort_values(["d", "actor_id"], ascending=[False, True])["actor_id"].tolist()
    if by == "brokers":
        from ecosystem.measures.network.brokers import brokers

        table = brokers(reg, grouping=None, communities=None)  # betweenness is all it needs
        table = table.sort_values(["betweenness", "actor_id"], ascending=[False, True])
        return table["actor_id"].astype(str).tolist()
    if by == "random":
        ids = reg.actors["actor_id"].astype(str).to_numpy().copy()
        np.random.default_rng(seed).shuffle(ids)
        return ids.tolist()
    raise AnalysisError(f"unknown ranking {by!r}: use 'hubs', 'brokers' or 'random', "
                        "or pass a list of actor ids")


def removal_curve(reg: Registry, order: str | Sequence[str] = "hubs", *,
                  max_removed: int | None = None, seed: int = 0,
                  label: str | None = None) -> pd.DataFrame:
    """Largest-component shares as actors are removed one by one.

    Parameters
    ----------
    reg : Registry
    order : {"hubs", "brokers", "random"} or list of actor ids
        The removal order (see :func:`actor_ranking`).
    max_removed : int, optional
        Stop after this many removals (default: all actors in the order).
    seed : int
        Seed of the random order.
    label : str, optional
        Name of the ordering in the output (default: ``order`` when it is a
        name, else ``"custom"``).

    Returns
    -------
    DataFrame
        One row per step, starting with step 0 (nobody removed): ``removed``
        (count), ``actor_id`` and ``name`` of the actor removed at that step,
        ``share_initiatives_in_lcc`` and ``share_actors_in_lcc`` (of all
        initiatives / of all actors, in the largest component by number of
        nodes), ``components`` (connected components among the remaining
        nodes; an initiative left with no actor counts as one), ``ordering``.

    Examples
    --------
    The registry of the module docstring, removing a and then d: the largest
    piece keeps 2 of the 6 actors each time (d and e, then b and c):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "abc", "i2": "ad", "i3": "de", "i4": "af"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["ngo", "government"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> removal_curve(reg, "hubs", max_removed=2)["share_actors_in_lcc"].round(3).tolist()
    [1.0, 0.333, 0.333]
    """
    B, actor_ids, initiative_ids = _incidence(reg)
    n_a, n_i = B.shape
    label = label or (order if isinstance(order, str) else "custom")
    seq = actor_ranking(reg, order, seed=seed) if isinstance(order, str) else list(order)
    pos = pd.Index(actor_ids).get_indexer(pd.Index(seq).astype(str))
    if (pos < 0).any():
        missing = [s for s, p in zip(seq, pos) if p < 0][:5]
        raise AnalysisError(f"actors not in the registry: {missing}")
    if max_removed is not None:
        pos = pos[:max_removed]
    removed = np.zeros(n_a, dtype=bool)
    removed[pos] = True

    # State after every removal: components of the remaining bipartite graph.
    # Nodes 0..n_a-1 are actors, n_a.. are initiatives.
    parent = np.arange(n_a + n_i)
    is_init = np.r_[np.zeros(n_a, dtype=np.int64), np.ones(n_i, dtype=np.int64)]
    alive = np.r_[~removed, np.ones(n_i, dtype=bool)]
    keep = sp.diags((~removed).astype(np.int8), dtype=np.int8) @ B
    adj = sp.bmat([[None, keep], [keep.T, None]], format="csr")
    _, labels = connected_components(adj, directed=False)
    labels = np.where(alive, labels, -1)
    # Use the component labels as union-find roots: root = first node of each label.
    live = np.flatnonzero(alive)
    uniq, first = np.unique(labels[live], return_index=True)
    root_of_label = np.empty(labels.max() + 1, dtype=np.int64)
    root_of_label[uniq] = live[first]
    parent[live] = root_of_label[labels[live]]
    size_i = np.zeros(n_a + n_i, dtype=np.int64)
    size_a = np.zeros(n_a + n_i, dtype=np.int64)
    np.add.at(size_i, parent[alive], is_init[alive])
    np.add.at(size_a, parent[alive], 1 - is_init[alive])
    total = size_i + size_a
    roots = np.flatnonzero(alive & (parent == np.arange(n_a + n_i)))
    components = len(roots)
    best = roots[np.argmax(total[roots])] if len(roots) else -1
    best_i, best_a = (size_i[best], size_a[best]) if best >= 0 else (0, 0)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows = [(len(pos), best_i, best_a, components)]
    indptr, indices = B.indptr, B.indices
    for a in pos[::-1]:  # add actors back, last removed first
        parent[a] = a
        size_i[a], size_a[a] = 0, 1
        components += 1
        root = a
        for j in indices[indptr[a]:indptr[a + 1]]:
            r = find(n_a + j)
            if r == root:
                continue
            components -= 1
            if size_i[r] + size_a[r] > size_i[root] + size_a[root]:
                r, root = root, r
            parent[r] = root
            size_i[root] += size_i[r]
            size_a[root] += size_a[r]
        if size_i[root] + size_a[root] > best_i + best_a:
            best_i, best_a = size_i[root], size_a[root]
        rows.append((0, best_i, best_a, components))
    rows.reverse()
    names = reg.actors.set_index("actor_id")["name"]
    out = pd.DataFrame(rows, columns=["removed", "lcc_initiatives", "lcc_actors", "components"])
    out["removed"] = np.arange(len(out))
    removed_ids = [None] + [actor_ids[p] for p in pos]
    out["actor_id"] = removed_ids
    out["name"] = [None if a is None else names.get(a) for a in removed_ids]
    out["share_initiatives_in_lcc"] = out["lcc_initiatives"] / n_i
    out["share_actors_in_lcc"] = out["lcc_actors"] / n_a
    out["ordering"] = label
    return out[["ordering", "removed", "actor_id", "name", "share_initiatives_in_lcc",
                "share_actors_in_lcc", "components", "lcc_initiatives", "lcc_actors"]]


def removal_curves(reg: Registry,
                   orders: Sequence[str | tuple[str, Sequence[str]]] = ("hubs", "brokers",
                                                                       "random"), *,
                   max_removed: int = 100, seed: int = 0) -> pd.DataFrame:
    """:func:`removal_curve` for several orderings, stacked (column ``ordering``).

    ``orders`` holds ranking names, or (label, list of actor ids) pairs.

    Examples
    --------
    The registry of the module docstring: losing a splits it, losing f
    (one initiative, shared with a) does not:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "abc", "i2": "ad", "i3": "de", "i4": "af"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["ngo", "government"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> curves = removal_curves(reg, ["hubs", ("f first", ["f"])], max_removed=1)
    >>> curves[["ordering", "removed", "share_initiatives_in_lcc", "components"]]
      ordering  removed  share_initiatives_in_lcc  components
    0     hubs        0                       1.0           1
    1     hubs        1                       0.5           3
    2  f first        0                       1.0           1
    3  f first        1                       1.0           1
    """
    curves = []
    for o in orders:
        label, order = (o, o) if isinstance(o, str) else o
        curves.append(removal_curve(reg, order, max_removed=max_removed, seed=seed, label=label))
    return pd.concat(curves, ignore_index=True)


def critical_actors(reg: Registry, *, top: int | None = 20) -> pd.DataFrame:
    """Actors whose exit alone would cut initiatives off from the rest of the ecosystem.

    For a cut vertex ``v`` of the bipartite graph, removing ``v`` splits its
    component into pieces; the initiatives outside the largest piece are
    *cut off*. The counts come from the block–cut tree
    (:func:`ecosystem.measures.network.cut_points.cut_vertices`).

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``actor_type``, ``initiatives`` (its own
        degree), ``cut_off_initiatives``, ``pieces`` (pieces its exit leaves,
        counting the main one), ``explanation``; sorted by
        ``cut_off_initiatives`` descending. Actors that cut nothing off are
        left out.

    Examples
    --------
    The registry of the module docstring: without a, i1 and i4 lose every
    link to the largest piece, {i2, d, i3, e}; without d, i3 does:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "abc", "i2": "ad", "i3": "de", "i4": "af"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["ngo", "government"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}))
    >>> critical_actors(reg)[["actor_id", "initiatives", "cut_off_initiatives", "pieces"]]
      actor_id  initiatives  cut_off_initiatives  pieces
    0        a            3                    2       3
    1        d            2                    1       2
    """
    from ecosystem.measures.network.cut_points import cut_vertices

    B, actor_ids, _ = _incidence(reg)
    cv = cut_vertices(reg)
    cv = cv.assign(initiatives=np.diff(B.indptr)).merge(
        reg.actors[["actor_id", "name", "actor_type"]], on="actor_id")
    cv = cv[cv["initiatives_cut_off"] > 0].rename(columns={"initiatives_cut_off":
                                                           "cut_off_initiatives"})
    cv["explanation"] = [f"its exit leaves {p} separate pieces; {c} initiatives lose every link "
                         "to the largest remaining piece"
                         for p, c in zip(cv["pieces"], cv["cut_off_initiatives"])]
    out = cv.sort_values(["cut_off_initiatives", "actor_id"], ascending=[False, True])
    out = out[["actor_id", "name", "actor_type", "initiatives", "cut_off_initiatives", "pieces",
               "explanation"]].reset_index(drop=True)
    return out.head(top) if top else out
