"""Partner suggestions: link-prediction signals checked against networkx."""
import networkx as nx
import numpy as np
import pytest
from helpers.tie_registry import registry_from_ties

from ecosystem.errors import AnalysisError
from ecosystem.measures.network.suggest import (
    _Signals,
    evaluate_link_prediction,
    suggest_partners,
)
from ecosystem.model import Registry


def projection(reg):
    g = nx.Graph()
    g.add_nodes_from(reg.actors["actor_id"])
    for _, grp in reg.ties.groupby("initiative_id"):
        members = list(grp["actor_id"])
        g.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return g


def test_signals_match_networkx_adamic_adar_and_resource_allocation():
    rng = np.random.default_rng(7)
    ties = sorted({(f"i{rng.integers(30)}", f"a{min(rng.zipf(1.5), 40)}") for _ in range(90)})
    reg = registry_from_ties(ties)
    s = _Signals(reg)
    g = projection(reg)
    rows = np.arange(len(s.actor_ids))
    sig = s.scores(rows)
    pairs = [(u, v) for u in g for v in g if u < v]
    for u, v, expected in nx.resource_allocation_index(g, pairs):
        i, j = s.index.get_loc(u), s.index.get_loc(v)
        assert sig["resource_allocation"][i, j] == pytest.approx(expected)
    for u, v, expected in nx.adamic_adar_index(g, [(u, v) for u, v in pairs
                                                   if all(g.degree(w) > 1 for w in nx.common_neighbors(g, u, v))]):
        i, j = s.index.get_loc(u), s.index.get_loc(v)
        assert sig["adamic_adar"][i, j] == pytest.approx(expected)


def test_suggestion_by_hand():
    # a-b in i1, b-c in i2, c-d in i3, a-e in i4.  For a: partners {b, e};
    # c is reachable through b (deg 2) -> RA 1/2, common 1; d has no common partner.
    ties = [("i1", "a"), ("i1", "b"), ("i2", "b"), ("i2", "c"), ("i3", "c"), ("i3", "d"),
            ("i4", "a"), ("i4", "e")]
    reg = registry_from_ties(ties, types={"c": "government"},
                        targets=[("i1", "14.1"), ("i2", "14.1"), ("i3", "14.2"), ("i4", "14.2")])
    out = suggest_partners(reg, "a", top=5)
    assert out["candidate_id"].iloc[0] == "c"
    first = out.iloc[0]
    assert first["resource_allocation"] == pytest.approx(0.5)
    assert first["common_partners"] == 1
    # a works on {14.1, 14.2}; c on {14.1, 14.2}: Jaccard 1.  c's type (government) is new to a.
    assert first["shared_targets"] == pytest.approx(1.0)
    assert first["complementary_type"] == 1.0
    assert first["score"] == pytest.approx(0.5 * 1.0 + 0.25 * 1.0 + 0.10 * 1.0)
    assert "1 partners in common" in first["explanation"] and "government" in first["explanation"]
    assert not set(out["candidate_id"]) & {"a", "b", "e"}


def test_unknown_actor_is_a_clear_error():
    reg = registry_from_ties([("i1", "a"), ("i1", "b")])
    with pytest.raises(AnalysisError, match="actor 'zz' is not in the registry"):
        suggest_partners(reg, "zz")
    with pytest.raises(AnalysisError, match="need ties"):
        suggest_partners(Registry.empty(), "a")


def test_link_prediction_on_ocean_beats_random(ocean):
    res = evaluate_link_prediction(ocean, hide=0.1, k=10, seed=0).set_index("method")
    print("\n" + res.to_string())
    assert res.loc["random", "precision_at_k"] < 0.01
    assert res.loc["resource_allocation", "precision_at_k"] > 5 * res.loc["random", "precision_at_k"]
    assert res.loc["score", "precision_at_k"] > res.loc["popularity", "precision_at_k"]
