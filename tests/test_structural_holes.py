"""Burt's constraint, effective size and efficiency against networkx and by hand, on a graph
and between each actor's initiatives."""
from __future__ import annotations

import importlib
import itertools
import random

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from test_graphs import make_registry, one_big_initiative, random_registry

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, initiative_shares
from ecosystem.measures.network.initiative_holes import initiative_holes
from ecosystem.measures.network.structural_holes import (
    constraint,
    effective_size,
    efficiency,
    structural_holes,
)
from ecosystem.measures.network.triangles import iter_triangles


def _pair(n, p, directed, seed, isolates=2):
    """The same random weighted graph in igraph and networkx (with isolates)."""
    rng = np.random.default_rng(seed)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    chosen = rng.random(len(pairs)) < p
    g = ig.Graph(n + isolates, [e for e, keep in zip(pairs, chosen) if keep], directed=directed)
    g.es["weight"] = rng.uniform(0.1, 3.0, g.ecount())
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(g.vcount()))
    G.add_weighted_edges_from((e.source, e.target, e["weight"]) for e in g.es)
    return g, G


def _as_array(d, n):
    return np.array([d[i] for i in range(n)], dtype=float)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", ["weight", None])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_networkx_on_random_graphs(directed, weight, seed):
    g, G = _pair(45, 0.12, directed, seed)
    n = g.vcount()
    df = structural_holes(g, weights=weight)
    nx_constraint = _as_array(nx.constraint(G, weight=weight), n)
    np.testing.assert_allclose(df["constraint"], nx_constraint, rtol=0, atol=1e-12)
    # networkx's per-node path is the definition; its vectorised all-nodes path
    # divides by the wrong row maximum on weighted/directed graphs (nx PR #8906).
    nx_esize = _as_array(nx.effective_size(G, nodes=list(G), weight=weight), n)
    if directed:
        # networkx's per-node path tests `G[v]` (successors only) for isolation, so
        # a vertex with in-ties only gets NaN there; by the definition (in- or
        # out-neighbours) it has a value, which we give.
        sinks = np.array([G.out_degree(v) == 0 and G.in_degree(v) > 0 for v in range(n)])
        assert np.isnan(nx_esize[sinks]).all() and df["effective_size"][sinks].notna().all()
        nx_esize[sinks] = df["effective_size"][sinks]
    np.testing.assert_allclose(df["effective_size"], nx_esize, rtol=0, atol=1e-12)
    partners = np.array([len(set(nx.all_neighbors(G, v))) for v in range(n)], dtype=float)
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(df["efficiency"], nx_esize / partners, atol=1e-12)
    np.testing.assert_array_equal(df["degree"], partners)
    # isolates are undefined, as in networkx
    assert df.iloc[-2:][["constraint", "effective_size", "efficiency"]].isna().all().all()
    assert df["constraint"].iloc[:-2].notna().all()


def test_single_measure_functions_agree_with_table():
    g, _ = _pair(40, 0.15, False, 5)
    df = structural_holes(g)
    np.testing.assert_allclose(constraint(g), df["constraint"], equal_nan=True)
    np.testing.assert_allclose(effective_size(g), df["effective_size"], equal_nan=True)
    np.testing.assert_allclose(efficiency(g), df["efficiency"], equal_nan=True)


def test_hand_computed_weighted_example():
    # Triangle 0-1-2 with weights w01=1, w02=2, w12=3, and a tail 2-3 (w23=1).
    # Strengths: s0=3, s1=4, s2=6, s3=1. Strongest ties: M0=2, M1=3, M2=3, M3=1.
    # Constraint of 1: p10=1/4, p12=3/4, p02=2/3, p21=3/6=1/2, p20=2/6=1/3.
    #   l(1,0) = (p10 + p12*p20)^2 = (1/4 + 3/4*1/3)^2 = (1/2)^2 = 1/4
    #   l(1,2) = (p12 + p10*p02)^2 = (3/4 + 1/4*2/3)^2 = (11/12)^2 = 121/144
    #   c1 = 36/144 + 121/144 = 157/144
    # Effective size of 1 (m_jq = w_jq / M_j):
    #   contact 0: 1 - p12*m02 = 1 - 3/4*(2/2) = 1/4
    #   contact 2: 1 - p10*m20 = 1 - 1/4*(2/3) = 5/6
    #   e1 = 1/4 + 5/6 = 13/12, efficiency 13/24
    # Node 3 has one partner: constraint 1, effective size 1.
    g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    g.es["weight"] = [1.0, 2.0, 3.0, 1.0]
    g.vs["name"] = ["a", "b", "c", "d"]
    df = structural_holes(g)
    assert df["name"].tolist() == ["a", "b", "c", "d"]
    assert df.loc[1, "constraint"] == pytest.approx(157 / 144)
    assert df.loc[1, "effective_size"] == pytest.approx(13 / 12)
    assert df.loc[1, "efficiency"] == pytest.approx(13 / 24)
    assert df.loc[3, "constraint"] == pytest.approx(1.0)
    assert df.loc[3, "effective_size"] == pytest.approx(1.0)


def test_unweighted_effective_size_is_borgatti_formula():
    # Star centre with 4 partners, two of which are tied: n=4, t=1 -> 4 - 2/4 = 3.5
    g = ig.Graph([(0, 1), (0, 2), (0, 3), (0, 4), (1, 2)])
    assert effective_size(g, weights=None)[0] == pytest.approx(3.5)
    # constraint on the centre: p=1/4 each; partners 1 and 2 add 1/4*1/2 indirectly
    # 2*(1/4 + 1/8)^2 + 2*(1/4)^2 = 2*9/64 + 2*4/64 = 26/64
    assert constraint(g, weights=None)[0] == pytest.approx(26 / 64)


def test_parallel_edges_add_and_loops_are_ignored():
    g = ig.Graph([(0, 1), (0, 1), (0, 2), (1, 1)])
    g.es["weight"] = [1.0, 1.0, 2.0, 5.0]
    h = ig.Graph([(0, 1), (0, 2)])
    h.es["weight"] = [2.0, 2.0]
    np.testing.assert_allclose(constraint(g), constraint(h))


def test_bad_weights_raise_analysis_error():
    g = ig.Graph([(0, 1), (1, 2)])
    with pytest.raises(AnalysisError, match="'strength' not found"):
        structural_holes(g, weights="strength")
    g.es["weight"] = [1.0, -1.0]
    with pytest.raises(AnalysisError, match="finite and >= 0"):
        structural_holes(g)


def test_empty_graph_gives_empty_table():
    assert len(structural_holes(ig.Graph(), weights=None)) == 0


def test_triangles_match_igraph_with_small_chunks():
    random.seed(0)  # igraph draws from Python's random module
    g = ig.Graph.Erdos_Renyi(150, 0.15)
    el = np.array(g.get_edgelist())
    u, v = el.min(axis=1), el.max(axis=1)
    found = set()
    for t in iter_triangles(u, v, g.vcount(), chunk=500):
        for x, y, z, exy, exz, eyz in zip(t.x, t.y, t.z, t.e_xy, t.e_xz, t.e_yz):
            assert {u[exy], v[exy]} == {x, y}
            assert {u[exz], v[exz]} == {x, z}
            assert {u[eyz], v[eyz]} == {y, z}
            found.add(tuple(sorted((int(x), int(y), int(z)))))
    expected = {tuple(sorted(t)) for t in g.list_triangles()}
    assert len(expected) > 100
    assert found == expected


# ------------------------------------------------ structural holes between initiatives


def initiative_ego_network(reg, actor: str) -> nx.Graph:
    """E_i built from the member lists: the actor, its initiatives with another member, and a
    tie between two of them when someone else takes part in both."""
    members = {k: set(v) for k, v in reg.ties.groupby("initiative_id")["actor_id"]}
    mine = [k for k, ms in members.items() if actor in ms and len(ms) >= 2]
    E = nx.Graph()
    E.add_node(actor)
    E.add_edges_from((actor, ("init", k)) for k in mine)
    for k, m in itertools.combinations(mine, 2):
        if (members[k] & members[m]) - {actor}:
            E.add_edge(("init", k), ("init", m))
    return E


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_initiative_holes_match_networkx_on_each_ego_network(seed):
    reg = random_registry(seed, n_init=50, n_actors=30)
    got = initiative_holes(reg).set_index("actor_id")
    checked = 0
    for a in reg.actors["actor_id"]:
        E = initiative_ego_network(reg, a)
        d = E.degree(a)
        assert got.loc[a, "initiatives"] == d
        if d == 0:
            assert got.loc[a, ["effective_size", "efficiency", "constraint"]].isna().all()
            continue
        t = E.number_of_edges() - d
        assert got.loc[a, "redundant_pairs"] == t
        assert got.loc[a, "constraint"] == pytest.approx(nx.constraint(E, [a])[a], abs=1e-12)
        es = nx.effective_size(E, [a])[a]
        assert got.loc[a, "effective_size"] == pytest.approx(es, abs=1e-12)
        assert got.loc[a, "efficiency"] == pytest.approx(es / d, abs=1e-12)
        checked += d >= 3 and t > 0
    assert checked >= 3                       # some egos have redundant initiatives


def test_one_big_initiative_tops_projection_holes_but_not_initiative_holes():
    members = one_big_initiative()
    reg = make_registry(members)
    big, hubs = set(members["big"]), {"h0", "h1", "h2", "h3"}
    ids = reg.actors["actor_id"].to_numpy()
    # Burt on the projection: a member of a clique of 30 has constraint near 4/29
    count = structural_holes(actor_projection(reg, weight="count"))
    assert set(ids[np.argsort(count["constraint"].to_numpy(), kind="stable")[:5]]) <= big
    # Newman weights do not help: the shares of a clique member's ties stay 1/29 each
    newman = structural_holes(actor_projection(reg, weight="newman"))
    low5 = ids[np.argsort(newman["constraint"].to_numpy(), kind="stable")[:5]]
    assert len(set(low5) & big) >= 3
    assert set(ids[np.argsort(-newman["effective_size"].to_numpy(), kind="stable")[:2]]) <= big
    # between initiatives: h0 joins its 9 initiatives (six own, two hub pairs, link) and no
    # one else joins any two of them: effective size 9, constraint 9·(1/9)² = 1/9
    h = initiative_holes(reg).set_index("actor_id")
    assert h.loc["h0", ["initiatives", "redundant_pairs"]].tolist() == [9, 0]
    assert h.loc["h0", "effective_size"] == pytest.approx(9.0)
    assert h.loc["h0", "constraint"] == pytest.approx(1 / 9)
    assert set(h.nsmallest(4, "constraint").index) == hubs
    # a member of big alone is one contact, however large big is
    assert h.loc["m05", ["initiatives", "effective_size", "constraint"]].tolist() == [1, 1.0, 1.0]


def test_initiative_holes_ocean_spanners_are_not_one_initiative(ocean):
    members = {k: set(v) for k, v in ocean.ties.groupby("initiative_id")["actor_id"]}
    largest = max(members, key=lambda k: len(members[k]))
    h = initiative_holes(ocean)
    top10 = set(h.nsmallest(10, "constraint")["actor_id"])
    assert len(top10) == 10
    assert max(len(top10 & ms) for ms in members.values()) < 10
    assert len(top10 & members[largest]) <= 5
    # the lowest constraint goes to an actor of many initiatives, none of which carries
    # most of its co-memberships
    first = h.nsmallest(1, "constraint").iloc[0]
    assert first["initiatives"] >= 20
    sh = initiative_shares(ocean, weight="count").set_index("actor_id")
    assert sh.loc[first["actor_id"], "share"] < 0.5


@pytest.mark.parametrize("ratio", [0, 10**9])
@pytest.mark.parametrize("weight", ["weight", None])
def test_constraint_engines_both_match_networkx(monkeypatch, ratio, weight):
    # ratio 0 forces the triangle pass, 10**9 igraph's Graph.constraint
    mod = importlib.import_module("ecosystem.measures.network.structural_holes")
    monkeypatch.setattr(mod, "IGRAPH_CONSTRAINT_RATIO", ratio)
    g, G = _pair(40, 0.15, False, 7)
    expected = _as_array(nx.constraint(G, weight=weight), g.vcount())
    np.testing.assert_allclose(constraint(g, weights=weight), expected, rtol=0, atol=1e-12)


def test_constraint_with_zero_weight_tie_keeps_the_definition(monkeypatch):
    # a zero-weight edge is no tie; igraph would count the partner, so the
    # triangle pass must be used whatever the ratio
    mod = importlib.import_module("ecosystem.measures.network.structural_holes")
    monkeypatch.setattr(mod, "IGRAPH_CONSTRAINT_RATIO", 10**9)
    g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    g.es["weight"] = [1.0, 1.0, 1.0, 0.0]
    G = nx.Graph([(0, 1, {"weight": 1.0}), (0, 2, {"weight": 1.0}), (1, 2, {"weight": 1.0})])
    G.add_node(3)
    got = constraint(g)
    np.testing.assert_allclose(got[:3], _as_array(nx.constraint(G, weight="weight"), 3),
                               atol=1e-12)
    assert np.isnan(got[3])


@pytest.mark.parametrize("seed", [0, 1])
def test_candidate_wedges_counts_the_wedges_iter_triangles_closes(seed):
    from ecosystem.measures.network.triangles import candidate_wedges
    g, _ = _pair(30, 0.3, False, seed)
    e = np.array(g.get_edgelist())
    n = g.vcount()
    deg = np.bincount(e.ravel(), minlength=n)
    rank = {v: r for r, v in enumerate(sorted(range(n), key=lambda v: (deg[v], v)))}
    out = np.zeros(n, dtype=int)
    for a, b in e:
        out[a if rank[a] < rank[b] else b] += 1
    assert candidate_wedges(e[:, 0], e[:, 1], n) == sum(k * (k - 1) // 2 for k in out)
