"""Borgatti–Everett core–periphery: hand-derived examples and exhaustive search."""
from __future__ import annotations

import itertools
import math

import igraph as ig
import numpy as np
import pytest
from scipy.optimize import minimize
from test_graphs import SMALL, make_registry

from ecosystem.errors import AnalysisError
from ecosystem.measures.network.core_periphery import (
    continuous_coreness,
    core_periphery,
    core_periphery_partition,
)
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
    cp = core_periphery(reg)
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


def test_ocean_core_periphery(ocean):
    cp = core_periphery(ocean)
    # the largest component of the co-membership graph; its core is the block of national
    # governments that sign the same multi-country commitments
    assert cp.attrs["scope_size"] == int(cp["in_scope"].sum())
    core = cp[cp["core"]]
    assert {"france", "germany", "canada", "samoa"} <= set(core["actor_id"])
    top5 = cp.nlargest(5, "coreness")["actor_id"]
    assert set(top5) == {"france", "germany", "netherlands", "belgium", "united-states"}
    assert 300 < cp.attrs["core_size"] < 350
    assert 0.5 < cp.attrs["fit"] < 0.6
