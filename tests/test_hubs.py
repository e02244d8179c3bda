"""Hubs: metrics against networkx and hand values, ranking, groups, bad input, real Ocean data."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from test_graphs import SMALL, make_registry, random_registry

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, to_networkx
from ecosystem.measures.network.hubs import hub_metrics, hubs
from ecosystem.model import Registry


@pytest.fixture
def small():
    return make_registry(SMALL, types={"a": "un_multilateral", "d": "government"},
                         goals={"i1": [14], "i2": [14, 13], "i3": [5], "i4": [14], "i5": [3]})


def test_hand_values_on_small_registry(small):
    m = hub_metrics(small, weight="newman").set_index("actor_id")
    assert m["initiatives"].to_dict() == {"a": 3, "b": 2, "c": 2, "d": 2, "e": 1, "f": 1, "g": 1}
    # make_registry makes the first member of each initiative its lead
    assert m["initiatives_led"].to_dict() == {"a": 3, "b": 0, "c": 1, "d": 0, "e": 0, "f": 0,
                                              "g": 1}
    assert m["partners"].to_dict() == {"a": 5, "b": 2, "c": 3, "d": 4, "e": 3, "f": 3, "g": 0}
    # Newman strength = initiatives with at least one other member (i4 is g's alone)
    assert m["strength"].to_dict() == pytest.approx(
        {"a": 3, "b": 2, "c": 2, "d": 2, "e": 1, "f": 1, "g": 0})
    assert m.loc["a", "tie_share"] == pytest.approx(3 / 12)
    assert m["tie_share"].sum() == pytest.approx(1.0)
    # k-cores of the projection: {a,d,e,f} is a 3-clique-plus (K4), c has 3 neighbours
    assert m["coreness"].to_dict() == {"a": 3, "b": 2, "c": 2, "d": 3, "e": 3, "f": 3, "g": 0}
    assert m["pagerank"].sum() == pytest.approx(1.0)
    assert m["eigenvector"].max() == pytest.approx(1.0)


@pytest.mark.parametrize("weight", ["newman", "count", "jaccard"])
@pytest.mark.parametrize("seed", [3, 4])
def test_metrics_match_networkx(weight, seed):
    reg = random_registry(seed, n_init=120, n_actors=60)
    g = actor_projection(reg, weight=weight)
    G = to_networkx(g)
    m = hub_metrics(reg, weight=weight, graph=g).set_index("actor_id")
    pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10_000)
    assert m["pagerank"].to_dict() == pytest.approx(pr, abs=1e-9)
    assert m["strength"].to_dict() == pytest.approx(dict(G.degree(weight="weight")))
    assert m["partners"].to_dict() == dict(G.degree())
    assert m["coreness"].to_dict() == nx.core_number(G)
    # eigenvector on the largest component (where it is defined), scaled to max 1
    giant = G.subgraph(max(nx.connected_components(G), key=len))
    ev = nx.eigenvector_centrality_numpy(giant, weight="weight")
    top = max(ev.values())
    for node, v in ev.items():
        assert m.loc[node, "eigenvector"] == pytest.approx(v / top, abs=1e-6)


def test_ranking_overall_and_top(small):
    h = hubs(small)
    assert h["actor_id"].tolist()[:4] == ["a", "d", "c", "b"]  # 3 initiatives, then pagerank
    assert h["rank"].tolist() == list(range(1, 8))
    assert list(h.columns) == ["actor_id", "name", "actor_type", "country", "initiatives",
                               "initiatives_led", "partners", "strength", "pagerank",
                               "eigenvector", "coreness", "tie_share", "rank"]
    assert hubs(small, top=2)["actor_id"].tolist() == ["a", "d"]
    assert hubs(small, sort="partners", top=1)["actor_id"].tolist() == ["a"]
    assert h.attrs["weighting"] == "newman"


def test_ranking_within_groups(small):
    by_type = hubs(small, by="actor_type", top=1)
    assert by_type[["group", "actor_id", "rank"]].values.tolist() == [
        ["government", "d", 1], ["ngo", "c", 1], ["un_multilateral", "a", 1]]
    by_goal = hubs(small, by="goal")
    assert by_goal["group"].unique().tolist() == ["SDG 3", "SDG 5", "SDG 13", "SDG 14"]
    g14 = by_goal[by_goal["group"] == "SDG 14"]
    assert g14["actor_id"].tolist()[:3] == ["a", "b", "c"]
    assert g14["initiatives_in_group"].tolist()[:2] == [2, 2]
    actors = small.actors.copy()
    actors.loc[actors["actor_id"] == "g", "country"] = "FRA"
    actors.loc[actors["actor_id"] == "f", "country"] = None
    by_country = hubs(small.replace(actors=actors), by="country", top=1)
    assert by_country[["group", "actor_id"]].values.tolist() == [
        ["FRA", "g"], ["KEN", "a"], ["unknown", "f"]]


def test_bad_groupings_and_input(small):
    with pytest.raises(AnalysisError, match="cannot rank hubs by 'sector'.*actor_type, country"):
        hubs(small, by="sector")
    one = make_registry({"i1": ["a", "b"], "i2": ["b", "c"]})
    with pytest.raises(AnalysisError, match="single group \\(ngo\\).*another grouping"):
        hubs(one, by="actor_type")
    with pytest.raises(AnalysisError, match="no SDG goals"):
        hubs(one, by="goal")
    with pytest.raises(AnalysisError, match="cannot sort hubs by 'fame'"):
        hubs(small, sort="fame")
    with pytest.raises(AnalysisError, match="registry is empty"):
        hubs(Registry.empty())
    with pytest.raises(AnalysisError, match="max_edges=2"):
        hubs(small, max_edges=2)


def test_no_ties_at_all_gives_zero_metrics_not_nan():
    reg = make_registry({"i1": ["a"], "i2": ["b"]})
    m = hub_metrics(reg)
    assert not m.isna().any().any()
    assert m["partners"].tolist() == [0, 0] and m["eigenvector"].tolist() == [0.0, 0.0]
    assert m["pagerank"].to_numpy() == pytest.approx(np.array([0.5, 0.5]))


# ---------------------------------------------------------------- real Ocean registry


def test_ocean_top_three_hubs(ocean):
    h = hubs(ocean, top=3)
    # after actor resolution (resolver of commit 4a72c3c); counts are distinct commitments
    assert h[["actor_id", "initiatives"]].values.tolist() == [
        ["eu", 95], ["undp", 90], ["unep", 78]]
    assert h["initiatives_led"].tolist() == [78, 29, 10]
    assert h["name"].tolist() == ["European Union", "United Nations Development Programme",
                                  "United Nations Environment Programme"]


def test_ocean_metrics_match_networkx(ocean):
    g = actor_projection(ocean, weight="newman")
    m = hub_metrics(ocean, graph=g).set_index("actor_id")
    G = to_networkx(g)
    pr = nx.pagerank(G, weight="weight", tol=1e-12)
    top = m["pagerank"].nlargest(20)
    assert top.to_dict() == pytest.approx({k: pr[k] for k in top.index}, rel=1e-6)
    core = nx.core_number(G)
    assert m["coreness"].to_dict() == core
    assert m["partners"].to_dict() == dict(G.degree())
