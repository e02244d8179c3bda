"""Communities: Leiden modularity vs networkx, seeding, profiles with lifts, bad input."""
from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from test_graphs import make_registry, random_registry

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, to_networkx
from ecosystem.measures.network.communities import communities
from ecosystem.measures.network.community_profiles import community_facets, community_profiles
from ecosystem.model import Registry

# two groups of actors with their own initiatives and goals, joined by one initiative
TWO = {
    "i1": ["a", "b", "c"], "i2": ["a", "b"], "i3": ["b", "c", "d"], "i4": ["a", "d"],
    "j1": ["p", "q", "r"], "j2": ["p", "q"], "j3": ["q", "r", "s"], "j4": ["p", "s"],
    "x": ["d", "p"],
}
GOALS = {"i1": [14], "i2": [14], "i3": [14, 13], "i4": [14], "j1": [5], "j2": [5],
         "j3": [5, 13], "j4": [5], "x": [17]}


@pytest.fixture
def two():
    return make_registry(TWO, goals=GOALS, types={"p": "government", "q": "government",
                                                  "r": "government", "s": "academic"})


def test_two_groups_are_found_and_modularity_matches_networkx(two):
    memb = communities(two)
    groups = memb.groupby("community")["actor_id"].apply(sorted).tolist()
    assert sorted(groups) == [["a", "b", "c", "d"], ["p", "q", "r", "s"]]
    G = to_networkx(actor_projection(two, weight="newman"))
    parts = [set(g) for g in groups]
    assert memb.attrs["modularity"] == pytest.approx(
        nx.community.modularity(G, parts, weight="weight"))
    assert memb.attrs["n_communities"] == 2 and memb.attrs["weighting"] == "newman"


@pytest.mark.parametrize("seed", [0, 1])
def test_leiden_reaches_louvain_modularity_on_random_registries(seed):
    reg = random_registry(seed, n_init=200, n_actors=120)
    memb = communities(reg, seed=seed)
    G = to_networkx(actor_projection(reg, weight="newman"))
    parts = [set(d["actor_id"]) for _, d in memb.groupby("community")]
    q = nx.community.modularity(G, parts, weight="weight")
    assert memb.attrs["modularity"] == pytest.approx(q)
    louvain = nx.community.louvain_communities(G, weight="weight", seed=seed)
    assert q >= nx.community.modularity(G, louvain, weight="weight") - 0.01
    # seeded: same call, same answer
    again = communities(reg, seed=seed)
    assert again["community"].tolist() == memb["community"].tolist()
    plm = communities(reg, seed=seed, method="networkit-plm")
    assert plm.attrs["modularity"] == pytest.approx(q, abs=0.03)


def test_community_numbering_and_singletons():
    reg = make_registry({**TWO, "solo": ["z"]}, goals=GOALS)
    memb = communities(reg).set_index("actor_id")["community"]
    assert memb["z"] == 2  # two communities of 4, then the singleton
    assert memb["a"] == 0 or memb["p"] == 0


def test_facets_lift_by_hand(two):
    memb = communities(two)
    f = community_facets(two, memb, "goal")
    c_ab = memb.set_index("actor_id").loc["a", "community"]
    row = f[(f["community"] == c_ab) & (f["value"] == 14)].iloc[0]
    # community {a,b,c,d}: initiatives i1–i4 and x (d) = 5; on goal 14: 4.
    # overall: 9 initiatives, 4 on goal 14 → lift = (4/5) / (4/9) = 1.8
    assert (row["count"], row["share"], row["lift"]) == (4, 0.8, pytest.approx(1.8))
    types = community_facets(two, memb, "actor_type")
    c_p = memb.set_index("actor_id").loc["p", "community"]
    gov = types[(types["community"] == c_p) & (types["value"] == "government")].iloc[0]
    assert gov["lift"] == pytest.approx((3 / 4) / (3 / 8))


def test_profiles_label_each_community(two):
    memb = communities(two)
    prof = community_profiles(two, memb)
    assert list(prof.columns) == ["community", "size", "initiatives", "top_goals", "top_targets",
                                  "top_actor_types", "label"]
    by_first = {row.label for row in prof.itertuples()}
    assert by_first == {"14.1 · ngo", "5.1 · government"}
    ngo = prof[prof["label"] == "14.1 · ngo"].iloc[0]
    assert ngo["top_goals"] == "14 (×1.8)"
    assert ngo["size"] == 4 and ngo["initiatives"] == 5
    assert prof.attrs["modularity"] == memb.attrs["modularity"]


def test_a_type_held_by_one_actor_does_not_name_its_community():
    """s, the registry's only partnership, would lift its type above the group's three
    governments (1/4 against 1/8, ×2.0; governments 3/4 against 4/8, ×1.5): one actor is no
    feature of a group. A value needs two actors, as goals and targets need two initiatives."""
    reg = make_registry(TWO, goals=GOALS, types={"p": "government", "q": "government",
                                                 "r": "government", "s": "partnership",
                                                 "d": "government"})
    prof = community_profiles(reg, communities(reg))
    second = prof[prof["top_goals"].str.startswith("5 ")].iloc[0]
    assert second["top_actor_types"] == "government (×1.5)"
    assert second["label"] == "5.1 · government"


def test_actors_of_unknown_type_name_no_feature_of_their_community():
    """The Ocean report listed "Type unknown (×1.3)" among communities' most over-represented
    types: a gap in the data, not what the group is. Here the second group's two unknown
    actors (2/4 against 2/8, ×2.0) would come before its two governments (2/4 against 3/8,
    ×1.3)."""
    reg = make_registry(TWO, goals=GOALS, types={"p": "government", "q": "government",
                                                 "r": "unknown", "s": "unknown",
                                                 "d": "government"})
    prof = community_profiles(reg, communities(reg))
    second = prof[prof["top_goals"].str.startswith("5 ")].iloc[0]
    assert "unknown" not in second["top_actor_types"]
    assert second["top_actor_types"] == "government (×1.3)"


def test_bad_input():
    with pytest.raises(AnalysisError, match="registry is empty"):
        communities(Registry.empty())
    lonely = make_registry({"i1": ["a"], "i2": ["b"]})
    with pytest.raises(AnalysisError, match="no two actors share an initiative"):
        communities(lonely)
    two = make_registry(TWO, goals=GOALS)
    with pytest.raises(AnalysisError, match="unknown method 'infomap'"):
        communities(two, method="infomap")
    with pytest.raises(AnalysisError, match="lower min_size"):
        community_profiles(two, communities(two), min_size=50)
    with pytest.raises(AnalysisError, match="unknown facet"):
        community_facets(two, communities(two), "region")
    with pytest.raises(AnalysisError, match="actor_id and community"):
        community_profiles(two, pd.DataFrame({"x": [1]}))


def test_ocean_communities(ocean):
    memb = communities(ocean, seed=0)
    G = to_networkx(actor_projection(ocean, weight="newman"))
    parts = [set(d["actor_id"]) for _, d in memb.groupby("community")]
    assert memb.attrs["modularity"] == pytest.approx(
        nx.community.modularity(G, parts, weight="weight"))
    assert memb.attrs["modularity"] > 0.75
    prof = community_profiles(ocean, memb)
    assert prof["size"].is_monotonic_decreasing
    assert (prof["label"] != "").all()


def test_a_registry_without_goals_is_profiled_by_sector():
    """IATI files and 3W sheets record sectors, not SDG goals: their communities were labelled
    by actor type alone. Two triangles (governments a, b, c in health; NGOs d, e, f in water),
    joined by c and d in a health activity; every activity also says "Sectors not specified",
    which names no sector. Lifts by hand: community 0's four activities are all health, as 4 of
    the 7 are: 7/4; community 1's are 3 of 4 water, as 3 of 7 are: 7/4."""
    members = {"i1": "ab", "i2": "bc", "i3": "ac", "i4": "de", "i5": "ef", "i6": "df",
               "i7": "cd"}
    sector = {i: "Basic health care" for i in ("i1", "i2", "i3", "i7")} | \
        {i: "Basic drinking water supply" for i in ("i4", "i5", "i6")}
    ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
                        columns=["initiative_id", "actor_id"])
    themes = pd.DataFrame(
        [(i, s, "dac_sector") for i, s in sector.items()]
        + [(i, "Sectors not specified", "dac_sector") for i in members],
        columns=["initiative_id", "theme", "vocabulary"])
    reg = Registry.from_frames(
        ties=ties.assign(role="partner", registry="r", record_id="1"),
        actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
                             "actor_type": ["government"] * 3 + ["ngo"] * 3}),
        initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
                                  "record_id": list(members), "kind": "activity"}),
        initiative_themes=themes)
    prof = community_profiles(reg, communities(reg))
    assert list(prof.columns) == ["community", "size", "initiatives", "top_goals", "top_targets",
                                  "top_sectors", "top_actor_types", "label"]
    assert prof["top_sectors"].tolist() == ["Basic health care (×1.8)",
                                            "Basic drinking water supply (×1.8)"]
    assert prof["label"].tolist() == ["Basic health care · government",
                                      "Basic drinking water supply · ngo"]
    lifts = community_facets(reg, communities(reg), "sector")
    assert lifts.loc[lifts["value"] == "Basic health care", "lift"].max() == pytest.approx(7 / 4)
    # with SDG targets on most records, the profile stays by target, without a sector column
    tagged = reg.replace(initiative_targets=pd.DataFrame({"initiative_id": list(members),
                                                          "goal": 3, "target": "3.8"}))
    assert "top_sectors" not in community_profiles(tagged, communities(tagged)).columns
