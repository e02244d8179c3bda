"""Participation coefficient and within-community degree z-score (Guimerà & Amaral 2005)."""
from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from ecosystem.errors import AnalysisError
from ecosystem.measures.network.participation import participation

# Two communities: a = {0, 1, 2, 3}, b = {4, 5, 6}.
# Edges: 0-1 0-2 0-3 1-2 (inside a), 4-5 5-6 (inside b), 0-4 3-5 (between).
EDGES = [(0, 1), (0, 2), (0, 3), (1, 2), (4, 5), (5, 6), (0, 4), (3, 5)]
MEMBERSHIP = ["a", "a", "a", "a", "b", "b", "b"]


def test_hand_computed_unweighted():
    # Vertex 0: k=4, three ties in a, one in b:  P = 1 - (3/4)^2 - (1/4)^2 = 6/16 = 0.375
    # Vertex 3: k=2, one in a (0), one in b (5):  P = 1 - 1/4 - 1/4 = 0.5
    # Vertex 5: k=3, two in b (4, 6), one in a:   P = 1 - 4/9 - 1/9 = 4/9
    # Vertex 1: k=2, both in a:                  P = 0
    # Within-community degrees in a: 0 -> 3, 1 -> 2, 2 -> 2, 3 -> 1; mean 2, sd sqrt(1/2)
    #   z_0 = (3 - 2) / sqrt(0.5) = 1.4142...
    g = ig.Graph(7, EDGES)
    t = participation(g, MEMBERSHIP, weighted=False)
    assert t.loc[0, "participation"] == pytest.approx(0.375)
    assert t.loc[3, "participation"] == pytest.approx(0.5)
    assert t.loc[5, "participation"] == pytest.approx(4 / 9)
    assert t.loc[1, "participation"] == 0
    assert t["within_community"].tolist()[:4] == [3, 2, 2, 1]
    assert t.loc[0, "within_community_z"] == pytest.approx(1 / np.sqrt(0.5))
    assert t.loc[3, "within_community_z"] == pytest.approx(-1 / np.sqrt(0.5))


def test_hand_computed_weighted():
    # Vertex 0 with weights: to 1 (a) 2.0, to 2 (a) 1.0, to 3 (a) 1.0, to 4 (b) 4.0
    # strength 8: k_a = 4, k_b = 4 -> P = 1 - (1/2)^2 - (1/2)^2 = 0.5
    g = ig.Graph(7, EDGES)
    g.es["weight"] = [2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 4.0, 1.0]
    t = participation(g, MEMBERSHIP, weighted=True)
    assert t.loc[0, "degree"] == pytest.approx(8.0)
    assert t.loc[0, "participation"] == pytest.approx(0.5)
    unweighted = participation(g, MEMBERSHIP, weighted=False)
    assert unweighted.loc[0, "participation"] == pytest.approx(0.375)


def test_matches_direct_formula_on_random_graph():
    rng = np.random.default_rng(3)
    n = 60
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = [e for e, keep in zip(pairs, rng.random(len(pairs)) < 0.08) if keep]
    g = ig.Graph(n, edges)
    g.es["weight"] = rng.uniform(0.5, 2.0, g.ecount()).tolist()
    memb = rng.integers(0, 4, n)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from((a, b, w) for (a, b), w in zip(edges, g.es["weight"]))
    t = participation(g, memb, weighted=True)
    for v in range(n):
        k = sum(d["weight"] for _, _, d in G.edges(v, data=True))
        if k == 0:
            assert np.isnan(t.loc[v, "participation"])
            continue
        per = {}
        for _, u, d in G.edges(v, data=True):
            per[memb[u]] = per.get(memb[u], 0.0) + d["weight"]
        expected = 1 - sum((x / k) ** 2 for x in per.values())
        assert t.loc[v, "participation"] == pytest.approx(expected)


def test_isolates_and_missing_communities_get_nan():
    g = ig.Graph(4, [(0, 1), (1, 2)])
    t = participation(g, ["a", "b", None, "a"], weighted=False)
    assert np.isnan(t.loc[3, "participation"])       # isolate
    assert np.isnan(t.loc[2, "participation"])       # no community
    # vertex 1 ties to 0 (a) and 2 (no community): k = 2, only k_a = 1 counts
    assert t.loc[1, "participation"] == pytest.approx(1 - 0.25)


def test_bad_input():
    g = ig.Graph(3, [(0, 1)])
    with pytest.raises(AnalysisError, match="one community per vertex"):
        participation(g, ["a", "b"])
    with pytest.raises(AnalysisError, match="'weight' not found"):
        participation(g, ["a", "b", "a"], weighted=True)
