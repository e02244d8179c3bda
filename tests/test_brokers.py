"""Brokers: betweenness (exact, twin-compressed, sampled) and the combined table."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers.tie_registry import registry_from_ties
from test_graphs import make_registry, one_big_initiative
from test_structural_holes import initiative_ego_network

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection
from ecosystem.measures.network.brokers import brokers
from ecosystem.model import Registry

# A small registry whose broker table is derived by hand.
#   i1 = {hub, a, b}, i2 = {hub, c}, i3 = {c, d}
#   Projection (Newman weights 1/(k-1)): hub-a 0.5, hub-b 0.5, a-b 0.5, hub-c 1, c-d 1
#   Types: hub, a, d are ngo; b, c are government.
SMALL = [("i1", "hub"), ("i1", "a"), ("i1", "b"), ("i2", "hub"), ("i2", "c"), ("i3", "c"),
         ("i3", "d")]
SMALL_TYPES = {"b": "government", "c": "government"}


def test_broker_table_by_hand():
    reg = registry_from_ties(SMALL, SMALL_TYPES)
    t = brokers(reg, communities=None).set_index("actor_id")
    # Betweenness: hub lies on a-c, a-d, b-c, b-d (4 pairs); c on hub-d, a-d, b-d (3).
    assert t.loc["hub", "betweenness"] == 4
    assert t.loc["c", "betweenness"] == 3
    assert t.index[0] == "hub" and t.loc["a", "betweenness"] == 0
    assert (t["betweenness_mode"] == "exact").all() and t["betweenness_k"].isna().all()
    # Structural holes between initiatives: hub's i1 and i2 share no one else, so both are
    # non-redundant contacts: effective size 2, constraint 2 * (1/2)^2; so are c's i2 and i3.
    # a, b (i1) and d (i3) have one initiative: constraint 1. (On the Newman projection hub's
    # constraint would be (1/4 + 1/4*1/2)^2 * 2 + (1/2)^2 = 0.53125.)
    cols = ["initiatives_with_partners", "redundant_pairs", "effective_size", "efficiency",
            "constraint"]
    assert t.loc["hub", cols].tolist() == pytest.approx([2, 0, 2.0, 1.0, 0.5])
    assert t.loc["c", cols].tolist() == pytest.approx([2, 0, 2.0, 1.0, 0.5])
    for x in ("a", "b", "d"):
        assert t.loc[x, cols].tolist() == pytest.approx([1, 0, 1.0, 1.0, 1.0])
    assert t.loc["hub", "partners"] == 3
    # Bipartite cut vertices: hub separates i1 from {i2, i3}; c separates i3 from {i1, i2}
    assert t.loc["hub", ["is_cut_vertex", "initiatives_cut_off"]].tolist() == [True, 1]
    assert t.loc["c", ["is_cut_vertex", "initiatives_cut_off"]].tolist() == [True, 1]
    assert not t.loc["a", "is_cut_vertex"]
    # Gould–Fernandez by actor type (undirected: each open pair counts both ways)
    #   hub (ngo): {a, c} ngo-ngo-gov -> representative 1 + gatekeeper 1;
    #              {b, c} gov-ngo-gov -> itinerant 2;  {a, b} closed
    #   c (gov):   {hub, d} ngo-gov-ngo -> itinerant 2
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison",
             "brokerage_total"]
    assert t.loc["hub", roles].tolist() == [0, 2, 1, 1, 0, 4]
    assert t.loc["c", roles].tolist() == [0, 2, 0, 0, 0, 2]
    assert t.loc["a", "brokerage_total"] == 0
    assert t.attrs["grouping"] == "actor_type" and t.attrs["betweenness"]["distances"] == "hops"


def test_grouping_by_mapping_leaves_out_actors_without_a_group():
    reg = registry_from_ties(SMALL, SMALL_TYPES)
    north_south = pd.Series({"hub": "north", "a": "south", "b": "south", "c": "north"},
                            name="north_south")
    t = brokers(reg, grouping=north_south, communities=None).set_index("actor_id")
    assert t.attrs["grouping"] == "north_south" and t.attrs["grouping_left_out"] == 1
    assert pd.isna(t.loc["d", "liaison"]) and np.isnan(t.loc["d", "z_total"])
    # without d, hub (north) brokers only {a, c} south-north-north and {b, c}: twice each
    assert t.loc["hub", ["representative", "gatekeeper", "brokerage_total"]].tolist() == [2, 2, 4]


def test_participation_with_given_communities():
    reg = registry_from_ties(SMALL, SMALL_TYPES)
    comm = pd.DataFrame({"actor_id": ["hub", "a", "b", "c", "d"], "community": [0, 0, 0, 1, 1]})
    t = brokers(reg, communities=comm).set_index("actor_id")
    # hub: strength 2, weight 1 into community 0 (a, b) and 1 into community 1 (c) -> P = 0.5
    assert t.loc["hub", "participation"] == pytest.approx(0.5)
    assert t.loc["a", "participation"] == pytest.approx(0.0)
    assert t["community"].dtype == "Int64"


def test_bad_input_names_what_to_change():
    reg = registry_from_ties(SMALL, SMALL_TYPES)
    with pytest.raises(AnalysisError, match="registry is empty"):
        brokers(Registry.empty())
    with pytest.raises(AnalysisError, match="available: actor_type, country"):
        brokers(reg, grouping="region")
    one_type = registry_from_ties(SMALL)
    with pytest.raises(AnalysisError, match="single group .'ngo'.*choose another column"):
        brokers(one_type, communities=None)
    with pytest.raises(AnalysisError, match="single group"):
        brokers(reg, grouping="country", communities=None)   # no actor has a country
    with pytest.raises(AnalysisError, match="unknown betweenness mode"):
        brokers(reg, betweenness="fast")
    other = actor_projection(registry_from_ties([("x", "p"), ("x", "q")]))
    with pytest.raises(AnalysisError, match="not built from this registry"):
        brokers(reg, graph=other)
    with pytest.raises(AnalysisError, match="communities must"):
        brokers(reg, communities="leiden")
    with pytest.raises(AnalysisError, match="max_edges"):
        brokers(reg, max_edges=2)


def test_one_big_initiative_does_not_span_the_most_holes():
    members = one_big_initiative()
    t = brokers(make_registry(members), grouping=None, communities=None).set_index("actor_id")
    # the hubs h0–h3 join initiatives no one else joins; a member of big has at most two
    low = t.sort_values(["constraint", "effective_size"], ascending=[True, False])
    assert set(low.index[:4]) == {"h0", "h1", "h2", "h3"}
    assert t.loc["h0", ["initiatives_with_partners", "constraint"]].tolist() == pytest.approx(
        [9, 1 / 9])
    assert (t.loc[members["big"], "constraint"] >= 0.5).all()
    # while betweenness still sees the clique: m00 and m29 join big to the rest
    assert t.loc["m29", "betweenness"] > 0 and t.loc["m05", "betweenness"] == 0


def test_no_partnerships_gives_defined_values():
    reg = registry_from_ties([("i1", "a"), ("i2", "b")], {"b": "government"})
    t = brokers(reg).set_index("actor_id")
    assert (t["betweenness"] == 0).all()
    assert t["constraint"].isna().all() and (t["partners"] == 0).all()
    assert "participation" not in t.columns      # no ties, no communities
    assert (t["brokerage_total"] == 0).all()


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def ocean_projection(ocean):
    return actor_projection(ocean, weight="newman")


@pytest.fixture(scope="module")
def ocean_table(ocean, ocean_projection):
    return brokers(ocean, graph=ocean_projection)


def test_ocean_broker_table(ocean, ocean_projection, ocean_table):
    t = ocean_table
    assert len(t) == len(ocean.actors) and t["actor_id"].is_unique
    # The Ocean projection is too dense for exact betweenness within the budget
    # (twin-compressed cost about 4e8): auto samples, and says so.
    assert (t["betweenness_mode"] == "sampled").all()
    assert t.attrs["betweenness"]["k"] == t["betweenness_k"].iloc[0] > 1000
    # UNDP is the top broker by exact betweenness (tests/test_betweenness.py)
    # and stays in the sampled top 3.
    names = np.array(ocean_projection.vs["name"])
    assert "undp" in t["actor_id"].head(3).tolist()
    undp = t.set_index("actor_id").loc["undp"]
    assert undp["partners"] == ocean_projection.degree(int(np.flatnonzero(names == "undp")[0]))
    assert undp["is_cut_vertex"] and undp["initiatives_cut_off"] >= 1
    assert undp["liaison"] > 0 and undp["z_liaison"] > 3
    assert 0 < undp["constraint"] < 0.05 and 0 < undp["participation"] < 1
    assert undp["effective_size"] > 50 and undp["initiatives_with_partners"] >= 80
    # Isolated actors (no partner): constraint undefined
    iso = t["partners"] == 0
    assert iso.any() and t.loc[iso, "constraint"].isna().all()


def test_ocean_structural_holes_match_networkx_for_real_brokers(ocean, ocean_table):
    # networkx on each broker's initiative ego network, built from the member lists: the
    # three best brokers by betweenness and the three lowest constraints
    t = ocean_table
    low = t.dropna(subset=["constraint"]).nsmallest(3, "constraint")
    picks = pd.concat([t.head(3), low]).drop_duplicates("actor_id")
    for _, pick in picks.iterrows():
        aid = pick["actor_id"]
        E = initiative_ego_network(ocean, aid)
        d = E.degree(aid)
        assert pick["initiatives_with_partners"] == d >= 10
        assert pick["redundant_pairs"] == E.number_of_edges() - d
        assert pick["constraint"] == pytest.approx(nx.constraint(E, [aid])[aid], rel=1e-9)
        es = nx.effective_size(E, [aid])[aid]
        assert pick["effective_size"] == pytest.approx(es, rel=1e-9)
        assert pick["efficiency"] == pytest.approx(es / d, rel=1e-9)


def test_ocean_lowest_constraint_is_not_one_initiative(ocean, ocean_table):
    """Issue 12: the top brokers by constraint are not one initiative's member list."""
    t = ocean_table.dropna(subset=["constraint"])
    top = t.sort_values(["constraint", "effective_size"], ascending=[True, False]).head(10)
    members = {k: set(v) for k, v in ocean.ties.groupby("initiative_id")["actor_id"]}
    largest = max(members, key=lambda k: len(members[k]))
    top10 = set(top["actor_id"])
    assert max(len(top10 & ms) for ms in members.values()) < 10
    assert len(top10 & members[largest]) <= 3
    # each one's co-memberships, split by initiative from the member lists: none carries half
    for actor in top10:
        part = [len(ms) - 1 for ms in members.values() if actor in ms]
        assert max(part) / sum(part) < 0.5, actor


def test_ocean_brokerage_roles_match_brute_force_for_a_real_broker(ocean, ocean_projection,
                                                                   ocean_table):
    g = ocean_projection
    t = ocean_table.set_index("actor_id")
    aid = t.index[t["partners"].between(30, 80)][0]
    v = g.vs.find(name=aid).index
    group = g.vs["actor_type"]
    nbrs = set(g.neighbors(v))
    counts = dict.fromkeys(["coordinator", "itinerant", "representative", "gatekeeper",
                            "liaison"], 0)
    for a in nbrs:
        linked = set(g.neighbors(a))
        for c in nbrs:
            if c == a or c in linked:
                continue
            ga, gb, gc = group[a], group[v], group[c]
            role = ("coordinator" if ga == gb == gc else "itinerant" if ga == gc != gb
                    else "representative" if ga == gb != gc else "gatekeeper" if gb == gc != ga
                    else "liaison")
            counts[role] += 1
    assert t.loc[aid, list(counts)].tolist() == list(counts.values())


@pytest.mark.parametrize("directed", [False, True])
def test_holes_and_roles_equal_the_two_separate_passes(directed):
    import igraph as ig

    from ecosystem.measures.network.brokerage_roles import gould_fernandez
    from ecosystem.measures.network.brokers import holes_and_roles
    from ecosystem.measures.network.structural_holes import structural_holes
    rng = np.random.default_rng(3)
    n = 35
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    g = ig.Graph(n, [e for e, k in zip(pairs, rng.random(len(pairs)) < 0.2) if k],
                 directed=directed)
    g.es["weight"] = rng.uniform(0.1, 2.0, g.ecount())
    groups = rng.choice(["x", "y", "z"], n).tolist()
    holes, roles = holes_and_roles(g, groups)
    pd.testing.assert_frame_equal(holes, structural_holes(g), rtol=0, atol=1e-12)
    pd.testing.assert_frame_equal(roles, gould_fernandez(g, groups))


def test_holes_and_roles_on_the_projection_by_hand():
    from ecosystem.measures.network.brokers import holes_and_roles
    reg = make_registry({"i1": ["a", "b", "c"], "i2": ["c", "d"]})
    g = actor_projection(reg, weight="count")
    holes, roles = holes_and_roles(g, ["x", "x", "y", "y"], weights=None)
    # c: partners a, b (tied) and d: effective size 3 − 2·1/3
    assert holes.set_index("name").loc["c", "effective_size"] == pytest.approx(3 - 2 / 3)
    # c (group y) brokers a → c → d and b → c → d into its group (gatekeeper) and back
    # out of it (representative); a → c → b is closed
    c = roles.set_index("name").loc["c"]
    assert (c["representative"], c["gatekeeper"], c["total"]) == (2, 2, 4)


def test_brokers_leave_out_initiative_holes_above_the_edge_limit_and_say_so():
    """At the whole IATI registry's size the pairs of initiatives sharing two actors pass the
    edge limit: betweenness and the rest are still computed, the holes are NA with the reason."""
    from benchmarks.synthetic import synthetic_registry
    from ecosystem.graphs import actor_projection
    from ecosystem.measures.network.brokers import brokers

    reg = synthetic_registry(400, seed=1)
    g = actor_projection(reg, weight="newman")
    full = brokers(reg, graph=g)
    cut = brokers(reg, graph=g, max_edges=10)
    assert full["constraint"].notna().any() and cut["constraint"].isna().all()
    assert "not computed" in cut.attrs["holes_left_out"]
    assert (cut["betweenness"].to_numpy() == full["betweenness"].to_numpy()).all()
