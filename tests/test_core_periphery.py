"""Borgatti–Everett core–periphery and s-cores: hand-derived examples, exhaustive search,
networkx, and one large initiative that must not make the core."""
from __future__ import annotations

import itertools
import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from scipy.optimize import minimize
from test_graphs import SMALL, make_registry, one_big_initiative

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, initiative_shares
from ecosystem.measures.network.core_periphery import (
    continuous_coreness,
    core_periphery,
    core_periphery_partition,
)
from ecosystem.measures.network.s_core import s_coreness
from ecosystem.model import Registry


def clique_with_pendants(extra=()):
    """Core 0–3 complete (6 ties); periphery 4–7, each tied to one core vertex."""
    edges = list(itertools.combinations(range(4), 2)) + [(0, 4), (1, 5), (2, 6), (3, 7)]
    return ig.Graph(edges + list(extra))


def discrete_fit(A: np.ndarray, core: np.ndarray) -> float:
    """Pearson r of a_ij with the ideal pattern over CC and PP pairs (i < j), by brute force."""
    xs, ys = [], []
    for i, j in itertools.combinations(range(len(core)), 2):
        if core[i] and core[j]:
            xs.append(A[i, j]); ys.append(1.0)
        elif not core[i] and not core[j]:
            xs.append(A[i, j]); ys.append(0.0)
    if len(set(ys)) < 2 or len(set(xs)) < 2:
        return -math.inf
    return float(np.corrcoef(xs, ys)[0, 1])


def exhaustive(g: ig.Graph):
    A = np.array(g.get_adjacency().data, dtype=float)
    best = (-math.inf, None)
    for bits in itertools.product([False, True], repeat=g.vcount()):
        core = np.array(bits)
        r = discrete_fit(A, core)
        if r > best[0] + 1e-12:
            best = (r, core)
    return best


def test_clique_with_pendants_is_a_perfect_core_periphery():
    core, fit = core_periphery_partition(clique_with_pendants())
    assert core.tolist() == [True] * 4 + [False] * 4
    assert fit == pytest.approx(1.0)


def test_hand_derived_fit_with_one_periphery_tie():
    # a tie 4–5 inside the periphery: with core {0..3}, CC = 6 pairs all tied, PP = 6 pairs
    # with one tie; N = 12, E = 7, e_CC = 6, N_CC = 6:
    # r = (12·6 − 7·6) / √((12·7 − 49)(12·6 − 36)) = 30 / √1260
    g = clique_with_pendants(extra=[(4, 5)])
    core, fit = core_periphery_partition(g)
    assert core.tolist() == [True] * 4 + [False] * 4
    assert fit == pytest.approx(30 / math.sqrt(1260))
    best_r, best_core = exhaustive(g)
    assert best_r == pytest.approx(30 / math.sqrt(1260))
    assert best_core.tolist() == core.tolist()


@pytest.mark.parametrize("seed", range(12))
def test_partition_reaches_exhaustive_optimum_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    n = 10
    # a dense core of 4 plus random sparse ties
    in_core = np.arange(n) < 4
    p = np.where(np.logical_and.outer(in_core, in_core), 0.8, 0.2)
    edges = [(i, j) for i, j in itertools.combinations(range(n), 2) if rng.random() < p[i, j]]
    g = ig.Graph(n=n, edges=edges)
    core, fit = core_periphery_partition(g)
    best_r, _ = exhaustive(g)
    A = np.array(g.get_adjacency().data, dtype=float)
    assert fit == pytest.approx(discrete_fit(A, core))
    assert fit == pytest.approx(best_r, abs=1e-9)


def random_cp_graph(seed: int, n: int = 12) -> ig.Graph:
    rng = np.random.default_rng(seed)
    in_core = np.arange(n) < 4
    p = np.where(np.logical_and.outer(in_core, in_core), 0.9,
                 np.where(np.logical_or.outer(in_core, in_core), 0.4, 0.1))
    return ig.Graph(n=n, edges=[(i, j) for i, j in itertools.combinations(range(n), 2)
                                if rng.random() < p[i, j]])


@pytest.mark.parametrize("graph", [clique_with_pendants(extra=[(4, 5)]), random_cp_graph(0),
                                   random_cp_graph(1), random_cp_graph(2)])
def test_continuous_coreness_is_the_least_squares_optimum(graph):
    g = graph
    c, fit = continuous_coreness(g)
    assert c.max() == pytest.approx(1.0)
    A = np.array(g.get_adjacency().data, dtype=float)
    off = ~np.eye(len(c), dtype=bool)
    # the reported fit is the correlation of A with c·cᵀ off the diagonal
    assert fit == pytest.approx(np.corrcoef(A[off], np.outer(c, c)[off])[0, 1])

    # unscaled solution minimises Σ_{i≠j} (a_ij − c_i c_j)²: compare with a generic optimiser
    def loss(x):
        return ((A - np.outer(x, x))[off] ** 2).sum()
    opt = min((minimize(loss, np.random.default_rng(s).uniform(0.1, 1, len(c)), method="BFGS")
               for s in range(5)), key=lambda o: o.fun)
    ours = c * math.sqrt(opt.x @ opt.x) / math.sqrt(c @ c)
    assert loss(ours) == pytest.approx(opt.fun, rel=1e-5)
    assert np.abs(opt.x / np.abs(opt.x).max() - c).max() < 1e-3


def test_continuous_coreness_ranks_clique_above_pendants():
    c, _ = continuous_coreness(clique_with_pendants(extra=[(4, 5)]))
    assert c[:4].min() > c[4:].max()


def test_star_core_is_its_centre():
    g = ig.Graph.Star(6)
    c, _ = continuous_coreness(g)
    assert int(np.argmax(c)) == 0


def test_core_periphery_on_registry_and_bad_input():
    reg = make_registry(SMALL)
    cp = core_periphery(reg, weight=None)
    # largest component of the projection: a..f (g is alone)
    assert cp.set_index("actor_id")["in_scope"].to_dict() == {
        "a": True, "b": True, "c": True, "d": True, "e": True, "f": True, "g": False}
    # projection of a..f: K4 {a,d,e,f}, triangle {a,b,c}, c–d. Core {a,d,e}: CC pairs
    # ad, ae, de all tied; PP {b,c,f}: only b–c tied. x = 1,1,1,1,0,0; y = 1,1,1,0,0,0:
    # r = (6·3 − 4·3) / √((6·4 − 16)(6·3 − 9)) = 6/√72 = 1/√2, the exhaustive optimum
    # (tied with {a,d,f} by symmetry).
    assert sorted(cp.loc[cp["core"], "actor_id"]) in (["a", "d", "e"], ["a", "d", "f"])
    assert cp.attrs["fit"] == pytest.approx(1 / math.sqrt(2))
    g = cp.set_index("actor_id").loc["g"]
    assert (g["coreness"], g["core"]) == (0.0, False)
    with pytest.raises(AnalysisError, match="at least 4 actors"):
        core_periphery(make_registry({"i1": ["a", "b"], "i2": ["b", "c"]}))
    with pytest.raises(AnalysisError, match="no two actors share an initiative"):
        core_periphery(make_registry({"i1": ["a"], "i2": ["b"]}))
    with pytest.raises(AnalysisError, match="scope='giant'"):
        core_periphery(reg, scope="giant")
    with pytest.raises(AnalysisError, match="registry is empty"):
        core_periphery(Registry.empty())
    with pytest.raises(AnalysisError, match="max_edges=3"):
        core_periphery(reg, max_edges=3)


def newman_adjacency(members: dict[str, list[str]], ids: list[str]) -> np.ndarray:
    """a_ij = Σ_k 1/(n_k − 1) over the initiatives i and j share, from the member lists."""
    pos = {a: i for i, a in enumerate(ids)}
    A = np.zeros((len(ids), len(ids)))
    for ms in members.values():
        for x, y in itertools.combinations(sorted(set(ms)), 2):
            A[pos[x], pos[y]] += 1 / (len(set(ms)) - 1)
            A[pos[y], pos[x]] += 1 / (len(set(ms)) - 1)
    return A


def test_newman_core_periphery_is_the_exhaustive_optimum_of_the_weighted_pattern():
    # SMALL, weighted: a–b 1/2 + 1 (i1, i2), a–c, b–c 1/2, c–d 1 (i5), the i3 block 1/3
    reg = make_registry(SMALL)
    cp = core_periphery(reg)                              # default weight="newman"
    scope = cp[cp["in_scope"]]
    A = newman_adjacency(SMALL, scope["actor_id"].tolist())
    best_r, best_core = exhaustive_weighted(A)
    assert cp.attrs["fit"] == pytest.approx(best_r)
    assert scope["core"].tolist() == best_core.tolist()
    assert discrete_fit(A, scope["core"].to_numpy()) == pytest.approx(cp.attrs["fit"])
    assert cp.attrs["weighting"] == "newman"


def exhaustive_weighted(A: np.ndarray):
    best = (-math.inf, None)
    for bits in itertools.product([False, True], repeat=len(A)):
        core = np.array(bits)
        r = discrete_fit(A, core)
        if r > best[0] + 1e-12:
            best = (r, core)
    return best


def test_one_big_initiative_makes_the_binary_core_but_not_the_newman_core():
    members = one_big_initiative()
    reg = make_registry(members)
    big = set(members["big"])
    binary = core_periphery(reg, weight=None)
    # the classic model: the core is the member list of the one large initiative
    assert set(binary.loc[binary["core"], "actor_id"]) == big
    assert set(binary.nlargest(10, "coreness")["actor_id"]) <= big
    newman = core_periphery(reg)
    assert set(newman.loc[newman["core"], "actor_id"]) == {"h0", "h1", "h2", "h3"}
    assert set(newman.nlargest(2, "coreness")["actor_id"]) <= {"h0", "h1", "h2", "h3"}
    # a graph weighted otherwise is refused rather than read with the wrong weights
    with pytest.raises(AnalysisError, match="weighted 'count', not 'newman'"):
        core_periphery(reg, graph=actor_projection(reg, weight="count"))


def test_one_big_initiative_tops_the_k_core_but_not_the_s_core():
    reg = make_registry(one_big_initiative())
    ids = np.array(reg.actors["actor_id"])
    big = set(one_big_initiative()["big"])
    k = np.asarray(actor_projection(reg, weight="count").coreness())
    assert set(ids[k == k.max()]) == big and k.max() == 29
    s = s_coreness(actor_projection(reg, weight="newman"))
    # hubs keep strength 2 among themselves (two hub–hub initiatives each); big's members
    # have 29 ties worth 1/29 each, strength 1
    by = dict(zip(ids, s))
    assert [by[h] for h in ("h0", "h1", "h2", "h3")] == pytest.approx([2.0] * 4)
    assert max(by[m] for m in big) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(6))
def test_s_coreness_with_unit_weights_is_networkx_core_number(seed):
    g = random_cp_graph(seed, n=30)
    G = nx.Graph(g.get_edgelist())
    G.add_nodes_from(range(g.vcount()))
    expected = [nx.core_number(G)[v] for v in range(g.vcount())]
    assert s_coreness(g, weights=None).tolist() == expected
    g.es["weight"] = [1.0] * g.ecount()
    assert s_coreness(g).tolist() == expected


def peel(n: int, edges, w, t: float) -> set[int]:
    """The level-t strength core by its definition: drop vertices of strength < t until none."""
    alive = set(range(n))
    while True:
        s = {v: 0.0 for v in alive}
        for (u, v), x in zip(edges, w):
            if u in alive and v in alive:
                s[u] += x
                s[v] += x
        drop = {v for v in alive if s[v] < t - 1e-9}
        if not drop:
            return alive
        alive -= drop


@pytest.mark.parametrize("seed", range(6))
def test_s_coreness_levels_are_the_strength_cores(seed):
    rng = np.random.default_rng(seed)
    g = random_cp_graph(seed, n=14)
    g.es["weight"] = rng.choice([0.25, 0.5, 1.0, 1 / 3, 2.0], g.ecount()).tolist()
    s = s_coreness(g)
    edges, w = g.get_edgelist(), g.es["weight"]
    for t in np.unique(s):
        # the actors at level t or above are the level-t core, and above t the next one
        assert {v for v in range(g.vcount()) if s[v] >= t - 1e-12} == peel(g.vcount(), edges, w, t)
        assert {v for v in range(g.vcount()) if s[v] > t + 1e-12} == peel(
            g.vcount(), edges, w, t + 1e-6)


def test_s_coreness_equal_newman_sums_give_one_level_and_bad_input():
    # K4 with ties of 1/3 (one initiative of four): each keeps 1/3 + 1/3 + 1/3 = 1
    g = ig.Graph.Full(4)
    g.es["weight"] = [1 / 3] * 6
    assert s_coreness(g).tolist() == [1.0] * 4
    with pytest.raises(AnalysisError, match="undirected"):
        s_coreness(ig.Graph([(0, 1)], directed=True))
    with pytest.raises(AnalysisError, match="'strength' not found"):
        s_coreness(g, weights="strength")
    g.es["weight"] = [-1.0] * 6
    with pytest.raises(AnalysisError, match="finite and >= 0"):
        s_coreness(g)
    assert s_coreness(ig.Graph(n=3)).tolist() == [0.0, 0.0, 0.0]


def member_lists(reg: Registry) -> dict[str, set[str]]:
    """initiative_id → its set of actor ids, straight from the ties."""
    return {k: set(v) for k, v in reg.ties.groupby("initiative_id")["actor_id"]}


def largest_overlap(reg: Registry, actor_ids) -> tuple[float, str]:
    """The largest share of ``actor_ids`` that belong to one initiative, and which."""
    want = set(actor_ids)
    best = max(member_lists(reg).items(), key=lambda kv: len(kv[1] & want))
    return len(best[1] & want) / len(want), best[0]


def test_ocean_core_and_top_coreness_are_not_one_initiative(ocean):
    members = member_lists(ocean)
    largest = max(members, key=lambda k: len(members[k]))
    cp = core_periphery(ocean)
    assert cp.attrs["scope_size"] == int(cp["in_scope"].sum())
    core = cp.loc[cp["core"], "actor_id"]
    top10 = cp.nlargest(10, "coreness")["actor_id"]
    s = s_coreness(actor_projection(ocean, weight="newman"))
    top10_s = cp["actor_id"].to_numpy()[np.argsort(-s, kind="stable")[:10]]
    for ids in (core, top10, top10_s):
        share, _ = largest_overlap(ocean, ids)
        assert share < 1, "a headline list is one initiative's member list"
        assert len(set(ids) & members[largest]) <= len(set(ids)) / 2
    # the core is small and tight, not a 100-member list: no core actor owes more than half
    # of its ties to the rest of the core to one initiative
    assert 4 <= len(core) < 50
    sh = initiative_shares(ocean, weight="newman", among=cp["core"].to_numpy())
    assert sh.loc[cp["core"].to_numpy(), "share"].max() <= 0.5
    # the binary model, for contrast: its core lies inside one initiative's member list
    binary = core_periphery(ocean, weight=None)
    share, _ = largest_overlap(ocean, binary.loc[binary["core"], "actor_id"])
    assert share > 0.9
