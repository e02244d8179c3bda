"""Gould–Fernandez brokerage roles: hand-derived counts, sna's moments, brute force."""
from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from ecosystem.errors import AnalysisError
from ecosystem.measures.network.brokerage_moments import role_moments
from ecosystem.measures.network.brokerage_roles import (
    ROLES,
    UNDIRECTED_ROLE,
    brokerage_totals,
    gould_fernandez,
    undirected_roles,
)

COLS = list(ROLES) + ["total"]

# A 7-vertex digraph with three groups:  A = {0, 1, 5}, B = {2, 3}, C = {4, 6}.
# Arcs: 0→1 0→2 1→2 1→5 2→3 2→6 3→4 4→2 5→0   (m = 9, N = 7, d = 9/42 = 3/14)
HAND_ARCS = [(0, 1), (0, 2), (1, 2), (1, 5), (2, 3), (2, 6), (3, 4), (4, 2), (5, 0)]
HAND_GROUPS = ["A", "A", "B", "B", "C", "A", "C"]
# Every two-path a→b→c (a ≠ c), by broker b; "closed" when a→c exists:
#   b=0 (A): 5→0→1  A A A  open  -> coordinator
#            5→0→2  A A B  open  -> representative
#   b=1 (A): 0→1→2  A A B  closed (0→2)
#            0→1→5  A A A  open  -> coordinator
#   b=2 (B): 0→2→3  A B B  open  -> gatekeeper
#            1→2→3  A B B  open  -> gatekeeper
#            4→2→3  C B B  open  -> gatekeeper   (3→4 exists, 4→3 does not)
#            0→2→6  A B C  open  -> liaison
#            1→2→6  A B C  open  -> liaison
#            4→2→6  C B C  open  -> itinerant
#   b=3 (B): 2→3→4  B B C  open  -> representative
#   b=4 (C): 3→4→2  B C B  open  -> itinerant     (3→2 does not exist)
#   b=5 (A): 1→5→0  A A A  open  -> coordinator   (1→0 does not exist)
#   b=6 (C): no out-arcs, no two-path.
#                coordinator itinerant representative gatekeeper liaison total
HAND_COUNTS = [[1, 0, 1, 0, 0, 2],
               [1, 0, 0, 0, 0, 1],
               [0, 1, 0, 3, 2, 6],
               [0, 0, 1, 0, 0, 1],
               [0, 1, 0, 0, 0, 1],
               [1, 0, 0, 0, 0, 1],
               [0, 0, 0, 0, 0, 0]]


def test_hand_derived_counts():
    g = ig.Graph(7, HAND_ARCS, directed=True)
    table = gould_fernandez(g, HAND_GROUPS)
    assert table[COLS].to_numpy().tolist() == HAND_COUNTS
    assert table["group"].tolist() == HAND_GROUPS


def test_hand_derived_expectation_and_z():
    # sna::brokerage moments for a broker of group A (n_A = 3, N = 7, d = 3/14):
    #   p = d^2 (1 - d) = (9/196)(11/14) = 99/2744
    #   E[w_I]  = p (n_A - 1)(n_A - 2)          = 2p
    #   E[w_O]  = p Σ_{j≠A} n_j (n_j - 1)       = p (2 + 2) = 4p
    #   E[b_IO] = E[b_OI] = p (N - n_A)(n_A - 1) = 8p
    #   E[b_O]  = p ((2 + 2)^2 - (4 + 4))        = 8p
    #   E[t]    = p (N - 1)(N - 2)               = 30p
    #   Var[w_I] = E[w_I](1 - p) + 2 (n_A-1)(n_A-2)(n_A-3) d^3 (1-d)^3 = 2p(1 - p)
    # Vertex 0 is a coordinator once: z = (1 - 2p) / sqrt(2p(1 - p)).
    d = 9 / 42
    p = d**2 * (1 - d)
    assert p == pytest.approx(99 / 2744)
    g = ig.Graph(7, HAND_ARCS, directed=True)
    table = gould_fernandez(g, HAND_GROUPS)
    assert table.attrs["density"] == pytest.approx(d)
    expected_a = table.attrs["expected"].loc["A"].to_numpy()
    np.testing.assert_allclose(expected_a, np.array([2, 4, 8, 8, 8, 30]) * p)
    assert table.loc[0, "z_coordinator"] == pytest.approx((1 - 2 * p) / math.sqrt(2 * p * (1 - p)))
    # Var[t] = E[t](1 - p) + 2 (N-1)(N-2)(N-3) d^3 (1-d)^3 = 30p(1-p) + 240 d^3 (1-d)^3
    var_t = 30 * p * (1 - p) + 240 * d**3 * (1 - d) ** 3
    assert table.loc[2, "z_total"] == pytest.approx((6 - 30 * p) / math.sqrt(var_t))
    # Group B has two members, so a B coordinator is impossible: E = sd = 0 -> NaN (as in R)
    assert table.attrs["expected"].loc["B", "coordinator"] == 0
    assert np.isnan(table.loc[2, "z_coordinator"])


def test_undirected_graph_is_read_as_reciprocal_arcs():
    # Path 0 - 1 - 2 plus a triangle 1 - 3 - 4; groups x, y, x, y, z.
    edges = [(0, 1), (1, 2), (1, 3), (1, 4), (3, 4)]
    groups = ["x", "y", "x", "y", "z"]
    und = gould_fernandez(ig.Graph(5, edges), groups)
    both = gould_fernandez(ig.Graph(5, edges + [(b, a) for a, b in edges], directed=True), groups)
    assert und[COLS].equals(both[COLS])
    # Broker 1 (y): open pairs {0,2} x-y-x -> itinerant twice (0→1→2, 2→1→0);
    # {0,3} and {2,3}: x-y-y -> gatekeeper once + representative once each;
    # {0,4}, {2,4}: x-y-z -> liaison twice each; {3,4} closed.
    assert und.loc[1, COLS].tolist() == [0, 2, 2, 2, 4, 10]
    # In an undirected graph representative and gatekeeper counts coincide.
    assert (und["representative"] == und["gatekeeper"]).all()


def _brute_force(n, arcs, groups):
    """Walk every two-path the way sna's C routine brokerage_R does."""
    out = [set() for _ in range(n)]
    for a, b in arcs:
        if a != b:
            out[a].add(b)
    counts = np.zeros((n, 5), dtype=int)
    for a in range(n):
        for b in out[a]:
            for c in out[b]:
                if c != a and c != b and c not in out[a]:
                    ga, gb, gc = groups[a], groups[b], groups[c]
                    if ga == gb:
                        counts[b, 0 if gb == gc else 2] += 1
                    elif gb == gc:
                        counts[b, 3] += 1
                    elif ga == gc:
                        counts[b, 1] += 1
                    else:
                        counts[b, 4] += 1
    return counts


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_matches_brute_force_on_random_graphs(directed, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(15, 40))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    edges = [e for e, keep in zip(pairs, rng.random(len(pairs)) < 0.2) if keep]
    groups = rng.integers(0, 3, n).tolist()
    arcs = edges + ([] if directed else [(b, a) for a, b in edges])
    got = gould_fernandez(ig.Graph(n, edges, directed=directed), groups)[list(ROLES)]
    np.testing.assert_array_equal(got.to_numpy(), _brute_force(n, arcs, groups))


@pytest.mark.parametrize("seed", range(4))
def test_undirected_representative_and_gatekeeper_are_one_role(seed):
    # Count, with networkx, the open triples a – b – c (a, c neighbours of b, not of each other)
    # in which b shares its group with exactly one of a and c: each is one brokered unordered
    # pair, read as two ordered pairs (a → b → c and c → b → a), so the role counts 2 per triple.
    G = nx.gnp_random_graph(30, 0.15, seed=seed)
    groups = np.random.default_rng(seed).integers(0, 3, 30).tolist()
    hand = np.zeros(30, dtype=int)
    for b in G:
        for a, c in ((a, c) for a in G[b] for c in G[b] if a < c and not G.has_edge(a, c)):
            if (groups[a] == groups[b]) != (groups[c] == groups[b]):
                hand[b] += 2
    assert hand.sum() > 0
    table = gould_fernandez(ig.Graph(30, list(G.edges())), groups)
    one = undirected_roles(table)
    assert "representative" not in one and "gatekeeper" not in one
    assert one[UNDIRECTED_ROLE].tolist() == hand.tolist()
    assert (one[UNDIRECTED_ROLE] == table["representative"] + table["gatekeeper"]).all()
    assert one["total"].equals(table["total"])  # nothing counted twice or lost
    assert one[f"z_{UNDIRECTED_ROLE}"].equals(table["z_gatekeeper"])  # equal z as well
    # the roles left shown sum to the total
    shown = ["coordinator", "itinerant", UNDIRECTED_ROLE, "liaison"]
    assert (one[shown].sum(axis=1) == one["total"]).all()


def test_directed_roles_are_not_merged():
    table = gould_fernandez(ig.Graph(7, HAND_ARCS, directed=True), HAND_GROUPS)
    with pytest.raises(AnalysisError, match="directed graph, where they are two roles"):
        undirected_roles(table)


def test_per_vertex_moments_match_bernoulli_simulation():
    # sna's per-vertex expectation and variance are those of a Bernoulli digraph
    # with the given density and fixed groups; check them by simulation
    # (vectorised brute force over 4,000 random digraphs).
    rng = np.random.default_rng(7)
    groups = np.array([0] * 5 + [1] * 4 + [2] * 3)
    n, d, reps = len(groups), 0.3, 4000
    M = rng.random((reps, n, n)) < d
    M[:, np.arange(n), np.arange(n)] = False
    Mi = M.astype(np.int64)
    # open[r, a, b, c] = a→b, b→c, not a→c, a ≠ c
    open_ = Mi[:, :, :, None] * Mi[:, None, :, :] * (1 - Mi[:, :, None, :])
    open_[:, np.arange(n), :, np.arange(n)] = 0
    ga, gb, gc = groups[:, None, None], groups[None, :, None], groups[None, None, :]
    masks = [(ga == gb) & (gb == gc), (ga != gb) & (ga == gc), (ga == gb) & (gb != gc),
             (ga != gb) & (gb == gc), (ga != gb) & (gb != gc) & (ga != gc)]
    sim = np.stack([(open_ * m).sum(axis=(1, 3)) for m in masks], axis=-1)  # reps × n × 5
    e, v = role_moments(np.bincount(groups), d)
    for b in (0, 5, 9):  # one broker of each group
        np.testing.assert_allclose(sim[:, b].mean(axis=0), e[groups[b], :5], rtol=0.06, atol=0.03)
        np.testing.assert_allclose(sim[:, b].var(axis=0), v[groups[b], :5], rtol=0.12, atol=0.05)


def test_totals_sum_the_vertices():
    g = ig.Graph(7, HAND_ARCS, directed=True)
    totals = brokerage_totals(g, HAND_GROUPS).set_index("role")
    assert totals.loc["gatekeeper", "observed"] == 3
    assert totals.loc["total", "observed"] == 12
    assert totals.loc["liaison", "sna_code"] == "b_O"
    d = 9 / 42
    p = d**2 * (1 - d)
    # E[t] graph-wide = p N (N-1)(N-2) = 210 p
    assert totals.loc["total", "expected"] == pytest.approx(210 * p)


def test_bad_groupings_are_refused():
    g = ig.Graph(3, [(0, 1), (1, 2)])
    with pytest.raises(AnalysisError, match="at least two groups"):
        gould_fernandez(g, ["a", "a", "a"])
    with pytest.raises(AnalysisError, match="one group per vertex"):
        gould_fernandez(g, ["a", "b"])
    with pytest.raises(AnalysisError, match="no group"):
        gould_fernandez(g, ["a", None, "b"])


@pytest.mark.parametrize("seed", range(3))
def test_closed_triples_fed_by_hand_match_gould_fernandez(seed):
    from ecosystem.measures.network.brokerage_roles import ClosedTriples, gould_fernandez_from
    from ecosystem.measures.network.triangles import iter_triangles
    rng = np.random.default_rng(seed)
    n = 30
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = [e for e, keep in zip(pairs, rng.random(len(pairs)) < 0.25) if keep]
    groups = rng.choice(["a", "b", "c"], n).tolist()
    g = ig.Graph(n, edges)
    closed = ClosedTriples(groups, n)
    u, v = np.array(edges).T
    for t in iter_triangles(u, v, n, chunk=7):  # small chunks: many calls to add
        closed.add(t)
    got = gould_fernandez_from(g, closed)
    assert got.equals(gould_fernandez(g, groups))
    arcs = edges + [(b, a) for a, b in edges]
    np.testing.assert_array_equal(got[list(ROLES)].to_numpy(), _brute_force(n, arcs, groups))
    with pytest.raises(AnalysisError, match="undirected"):
        gould_fernandez_from(ig.Graph(n, edges, directed=True), closed)
