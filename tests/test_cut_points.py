"""Articulation points and bridges against networkx; initiatives cut off by hand."""
from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from helpers.tie_registry import registry_from_ties

from ecosystem.errors import AnalysisError
from ecosystem.measures.network.cut_points import (
    articulation_points,
    bridge_ties,
    bridges,
    cut_vertices,
)
from ecosystem.model import Registry


def _random_graph(n, p, seed):
    rng = np.random.default_rng(seed)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    return ig.Graph(n, [e for e, keep in zip(pairs, rng.random(len(pairs)) < p) if keep])


@pytest.mark.parametrize("seed", range(8))
def test_articulation_points_and_bridges_match_networkx(seed):
    g = _random_graph(60, 0.04, seed)
    G = nx.Graph(g.get_edgelist())
    G.add_nodes_from(range(g.vcount()))
    assert set(np.flatnonzero(articulation_points(g))) == set(nx.articulation_points(G))
    table = bridges(g)
    assert {frozenset(e) for e in zip(table["source"], table["target"])} == \
        {frozenset(e) for e in nx.bridges(G)}
    assert len(table) > 0
    for a, b, side_a, side_b in table[["source", "target", "side_source",
                                       "side_target"]].itertuples(index=False):
        H = G.copy()
        H.remove_edge(a, b)
        assert len(nx.node_connected_component(H, a)) == side_a
        assert len(nx.node_connected_component(H, b)) == side_b
    assert (table["smaller_side"].diff().dropna() <= 0).all()


def test_bridges_carry_names_and_weights():
    g = ig.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])
    g.vs["name"] = list("abcde")
    g.es["weight"] = [1.0, 1.0, 1.0, 0.5, 2.0]
    table = bridges(g)
    # c-d splits {a,b,c} from {d,e}; d-e cuts off e alone
    assert table[["source", "target", "smaller_side", "weight"]].values.tolist() == [
        ["c", "d", 2, 0.5], ["d", "e", 1, 2.0]]


def test_no_bridges_gives_empty_table():
    assert bridges(ig.Graph.Ring(5)).empty


def test_cut_vertices_on_a_smallregistry_from_ties():
    # i1 and i2 share a; hub is in i2 and i3; i3 and i4 share c; solo is alone in i5.
    reg = registry_from_ties([("i1", "a"), ("i1", "b"), ("i2", "a"), ("i2", "hub"), ("i3", "hub"),
                     ("i3", "c"), ("i4", "c"), ("i4", "d"), ("i5", "solo")])
    t = cut_vertices(reg).set_index("actor_id")
    # hub leaves: {i1, i2} and {i3, i4} fall apart -> 2 initiatives cut off, 2 pieces
    assert t.loc["hub", ["is_cut_vertex", "initiatives_cut_off", "pieces"]].tolist() == [True, 2, 2]
    # a leaves: i1 (with b) loses its link to i2 -> 1 cut off; same for c and i4
    assert t.loc["a", "initiatives_cut_off"] == 1
    assert t.loc["c", "initiatives_cut_off"] == 1
    # b, d and solo hold a single initiative: not cut vertices
    assert not t.loc[["b", "d", "solo"], "is_cut_vertex"].any()
    assert t.loc["solo", "initiatives_cut_off"] == 0
    assert t.index.tolist() == reg.actors["actor_id"].tolist()


def test_cut_vertices_agree_with_networkx_on_the_bipartite_graph():
    rng = np.random.default_rng(11)
    ties = {(f"i{rng.integers(40)}", f"a{rng.integers(60)}") for _ in range(110)}
    reg = registry_from_ties(sorted(ties))
    G = nx.Graph()
    G.add_edges_from((("a", a), ("i", i)) for i, a in ties)
    expected = {n[1] for n in nx.articulation_points(G) if n[0] == "a"}
    t = cut_vertices(reg)
    assert set(t.loc[t["is_cut_vertex"], "actor_id"]) == expected
    assert len(expected) > 3


def test_empty_registry_is_refused():
    with pytest.raises(AnalysisError):
        cut_vertices(Registry.empty())


def _brute_force_cut_off(ties):
    """Remove each actor in turn from the networkx bipartite graph and count."""
    G = nx.Graph()
    G.add_edges_from((("a", a), ("i", i)) for i, a in ties)
    out = {}
    for node in [n for n in G if n[0] == "a"]:
        comp = nx.node_connected_component(G, node) - {node}
        pieces = list(nx.connected_components(G.subgraph(comp)))
        sizes = [sum(n[0] == "i" for n in p) for p in pieces]
        out[node[1]] = (len(pieces), sum(sizes) - max(sizes))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_initiatives_cut_off_match_brute_force_removal(seed):
    rng = np.random.default_rng(seed)
    ties = {(f"i{rng.integers(60)}", f"a{min(rng.zipf(1.6), 80)}") for _ in range(150)}
    reg = registry_from_ties(sorted(ties))
    ours = cut_vertices(reg).set_index("actor_id")
    expected = _brute_force_cut_off(ties)
    for actor, (pieces, cut_off) in expected.items():
        assert ours.loc[actor, "initiatives_cut_off"] == cut_off, actor
        assert ours.loc[actor, "is_cut_vertex"] == (pieces >= 2), actor
        if pieces >= 2:
            assert ours.loc[actor, "pieces"] == pieces, actor
    assert ours["is_cut_vertex"].sum() >= 2


def test_bridge_ties_of_aregistry_from_ties():
    # i1 = {a, b, c} (a triangle), i2 = {c, d} (the bridge c-d), i3 = {d, e} (bridge d-e)
    reg = registry_from_ties([("i1", "a"), ("i1", "b"), ("i1", "c"), ("i2", "c"), ("i2", "d"),
                     ("i3", "d"), ("i3", "e")])
    t = bridge_ties(reg)
    assert t[["source", "target", "source_name", "target_name", "shared", "smaller_side"]
             ].values.tolist() == [["c", "d", "C", "D", 1, 2], ["d", "e", "D", "E", 1, 1]]
    assert t["weight"].tolist() == [1.0, 1.0]     # Newman: 1/(2-1) for two-member initiatives
    with pytest.raises(AnalysisError, match="registry is empty"):
        bridge_ties(Registry.empty())
