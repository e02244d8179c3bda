"""Hubs: metrics against networkx and hand values, ranking, groups, bad input, real Ocean data."""
from __future__ import annotations

import heapq
from itertools import pairwise

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from helpers.real_data import real_file
from test_graphs import SMALL, make_registry, one_big_initiative, random_registry

from ecosystem.errors import AnalysisError
from ecosystem.graphs import actor_projection, to_networkx
from ecosystem.measures.network.hubs import hub_metrics, hubs
from ecosystem.measures.network.s_core import s_coreness
from ecosystem.model import Registry


def strength_cores(G: nx.Graph, t: float) -> set:
    """Actors left after repeatedly removing those whose strength (weight) is below t."""
    H = G.copy()
    while True:
        low = [v for v, s in H.degree(weight="weight") if s < t - 1e-9]
        if not low:
            return set(H)
        H.remove_nodes_from(low)


def assert_strength_cores(s: dict, G: nx.Graph, levels: int | None = None) -> None:
    """s (actor -> s-coreness) says exactly who is in the level-t strength core of G, for
    each of its levels t (the deepest ``levels`` when given), between them and above them."""
    values = sorted({round(v, 9) for v in s.values()})
    values = values[-levels:] if levels else values
    probes = values + [(x + y) / 2 for x, y in pairwise(values)] + [values[-1] + 0.5]
    for t in probes:
        assert {a for a, v in s.items() if v >= t - 1e-9} == strength_cores(G, t), t


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
    # s-cores on Newman weights: a–b 1/2 (i1) + 1 (i2), a–c = b–c = 1/2, c–d 1 (i5), each pair
    # of i3 1/3. Peel e (strength 1) and f (2/3): level 1; then d keeps 1/3 + 1 = 4/3, and c,
    # left with 1/2 + 1/2 after d goes, stays at 4/3; a and b keep 3/2 each.
    # (The unweighted k-core put the four members of i3 at the top, 3.)
    assert m["s_coreness"].to_dict() == pytest.approx(
        {"a": 1.5, "b": 1.5, "c": 4 / 3, "d": 4 / 3, "e": 1, "f": 1, "g": 0})
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
    # s-coreness is on Newman weights whatever the weighting of the other measures
    newman = to_networkx(actor_projection(reg, weight="newman"))
    assert_strength_cores(m["s_coreness"].to_dict(), newman)
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
    assert list(h.columns) == ["actor_id", "name", "official_name", "actor_type", "country",
                               "initiatives", "initiatives_led", "partners", "strength", "pagerank",
                               "eigenvector", "s_coreness", "tie_share", "rank"]
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


def test_s_coreness_of_a_projection_weighted_otherwise_uses_newman_weights(small):
    # a count projection without i3 (4 members): the Newman weights of its edges are
    # a–b 1/2 + 1, a–c = b–c 1/2, c–d 1; d and c go at level 1, a and b keep 3/2
    g = actor_projection(small, weight="count", max_initiative_size=3)
    m = hub_metrics(small, graph=g).set_index("actor_id")
    assert m["s_coreness"].to_dict() == pytest.approx(
        {"a": 1.5, "b": 1.5, "c": 1, "d": 1, "e": 0, "f": 0, "g": 0})
    newman = to_networkx(actor_projection(small, weight="newman", max_initiative_size=3))
    assert_strength_cores(m["s_coreness"].to_dict(), newman)
    assert m["strength"].to_dict() == pytest.approx(dict(to_networkx(g).degree(weight="weight")))


def test_one_big_initiative_does_not_make_the_deepest_core():
    members = one_big_initiative()
    reg = make_registry(members)
    m = hub_metrics(reg).set_index("actor_id")
    big = set(members["big"])
    # the unweighted k-core puts the 30 members of big (a clique) at 29, far above the hubs
    kcore = nx.core_number(to_networkx(actor_projection(reg)))
    assert set(sorted(kcore, key=kcore.get, reverse=True)[:30]) == big
    # on Newman weights big counts once: the four hubs, which work together in the ring
    # hh0–hh3 (strength 2 each once their own partners are peeled), are the deepest core
    top = m["s_coreness"].sort_values(ascending=False, kind="stable")
    assert set(top.index[:4]) == {"h0", "h1", "h2", "h3"}
    assert top.iloc[:4].tolist() == pytest.approx([2.0] * 4)
    assert m.loc[sorted(big), "s_coreness"].to_numpy() == pytest.approx(np.ones(30))


def test_no_ties_at_all_gives_zero_metrics_not_nan():
    reg = make_registry({"i1": ["a"], "i2": ["b"]})
    m = hub_metrics(reg)
    assert not m.isna().any().any()
    assert m["partners"].tolist() == [0, 0] and m["eigenvector"].tolist() == [0.0, 0.0]
    assert m["pagerank"].to_numpy() == pytest.approx(np.array([0.5, 0.5]))


# ---------------------------------------------------------------- real Ocean registry


def test_ocean_top_three_hubs(ocean, ocean_path):
    h = hubs(ocean, top=3)
    # Counts are distinct commitments: measured EU 103, UNDP 97, UNEP 90 (78, 40 and 22 led).
    # Before partner lists were read for their structure (lists run together, co-leads,
    # sentences) they were EU 95, UNDP 90, UNEP 78 (78, 29 and 10 led). Each improvement of
    # the reading moves them a little, so they are checked within a band above the old counts.
    assert h["actor_id"].tolist() == ["eu", "undp", "unep"]
    got = h.set_index("actor_id")
    for actor, low, high in (("eu", 100, 108), ("undp", 94, 102), ("unep", 86, 95)):
        assert low <= got.loc[actor, "initiatives"] <= high, (actor, got.loc[actor, "initiatives"])
    assert got.loc["eu", "initiatives_led"] == 78
    assert 36 <= got.loc["undp", "initiatives_led"] <= 44 and 18 <= got.loc["unep", "initiatives_led"] <= 26
    # figures show the name the registry writes most, the official name beside it
    # (UNEP is written "UN Environment" and "UNEP" in 35 commitments each: counted here; either
    # of two names written equally often is the most written)
    cw = ocean.crosswalk
    written = ocean.mentions[ocean.mentions["name"].isin(cw.loc[cw["actor_id"] == "unep",
                                                                "variant"])]
    most = written.groupby("name")["initiative_id"].nunique()
    assert h["name"].tolist()[:2] == ["European Union", "UNDP"]
    assert h["name"].iloc[2] in set(most[most == most.max()].index)
    assert h["official_name"].tolist() == ["European Union", "United Nations Development Programme",
                                           "United Nations Environment Programme"]
    # Upper bound, counted on the raw text: records whose lead or partner field names the body
    # at all (country offices, programmes and centres such as UNEP-WCMC are other actors).
    import json
    import re
    pats = {"undp": r"\bUNDP\b|United Nations Development Programme|\bPNUD\b",
            "unep": r"\bUNEP\b|United Nations Environment Programme|UN Environment|\bPNUMA\b"}
    named = dict.fromkeys(pats, 0)
    with open(ocean_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = f"{d.get('lead_entity') or ''} ; {d.get('partners') or ''}"
            for k, p in pats.items():
                named[k] += bool(re.search(p, text))
    assert named == {"undp": 141, "unep": 119}
    assert got.loc["undp", "initiatives"] <= named["undp"] and got.loc["unep", "initiatives"] <= named["unep"]


def test_ocean_metrics_match_networkx(ocean):
    g = actor_projection(ocean, weight="newman")
    m = hub_metrics(ocean, graph=g).set_index("actor_id")
    G = to_networkx(g)
    pr = nx.pagerank(G, weight="weight", tol=1e-12)
    top = m["pagerank"].nlargest(20)
    assert top.to_dict() == pytest.approx({k: pr[k] for k in top.index}, rel=1e-6)
    assert_strength_cores(m["s_coreness"].to_dict(), G, levels=5)
    assert m["partners"].to_dict() == dict(G.degree())


def test_ocean_deepest_s_cores_are_not_one_initiative(ocean):
    """Issue 12: the top 10 hubs by coreness are not one initiative's member list."""
    m = hub_metrics(ocean)
    top = m.sort_values(["s_coreness", "name"], ascending=[False, True]).head(10)
    members = {k: set(v) for k, v in ocean.ties.groupby("initiative_id")["actor_id"]}
    largest = max(members, key=lambda k: len(members[k]))
    assert len(members[largest]) >= 100
    top10 = set(top["actor_id"])
    assert max(len(top10 & ms) for ms in members.values()) < 10
    assert len(top10 & members[largest]) <= 3
    # each top actor's Newman ties inside its own s-core (the actors at its level or above),
    # split by initiative from the member lists: no initiative carries half of them
    s = dict(zip(m["actor_id"], m["s_coreness"]))
    for actor, level in zip(top["actor_id"], top["s_coreness"]):
        core = {a for a, v in s.items() if v >= level - 1e-9}
        part = {k: len((ms - {actor}) & core) / (len(ms) - 1)
                for k, ms in members.items() if actor in ms and len(ms) > 1}
        assert sum(part.values()) >= level - 1e-9           # the definition of the level
        assert max(part.values()) / sum(part.values()) < 0.5, actor
    # the k-core number of the unweighted projection failed this: its top 10 are all
    # members of one initiative
    g = actor_projection(ocean, weight="count")
    kcore = np.asarray(g.coreness())
    top_k = set(np.asarray(g.vs["name"])[np.argsort(-kcore, kind="stable")[:10]])
    assert max(len(top_k & ms) for ms in members.values()) == 10


def heap_s_coreness(g: ig.Graph) -> list:
    """The one-vertex-at-a-time peeling (Batagelj & Zaveršnik) with a heap, as a reference."""
    current = dict(enumerate(g.strength(weights="weight")))
    heap = [(s, v) for v, s in current.items()]
    heapq.heapify(heap)
    out, level, gone = [0.0] * g.vcount(), 0.0, set()
    while heap:
        s, v = heapq.heappop(heap)
        if v in gone or s != current[v]:
            continue
        level = s if s > level * (1 + 1e-9) + 1e-9 else level
        out[v] = level
        gone.add(v)
        for e in g.incident(v):
            u = g.es[e].target if g.es[e].source == v else g.es[e].source
            if u not in gone:
                current[u] -= g.es[e]["weight"]
                heapq.heappush(heap, (current[u], u))
    return out


def test_s_coreness_rounds_equal_one_at_a_time_peeling_on_random_weights():
    rng = np.random.default_rng(11)
    for _ in range(20):
        g = ig.Graph.Erdos_Renyi(n=int(rng.integers(5, 60)), p=float(rng.uniform(0.05, 0.4)),
                                 loops=False)
        g.es["weight"] = (1 / rng.integers(1, 8, g.ecount())).tolist()   # Newman-like fractions
        got = s_coreness(g)
        assert got.tolist() == pytest.approx(heap_s_coreness(g), rel=1e-12, abs=1e-12)
        G = nx.Graph()
        G.add_nodes_from(range(g.vcount()))
        G.add_weighted_edges_from((e.source, e.target, e["weight"]) for e in g.es)
        assert_strength_cores(dict(enumerate(got.tolist())), G)


def test_the_hubs_section_says_leading_only_where_the_registry_names_leads():
    # the same registry, read as partnerships with a lead and as aid activities whose roles
    # are funding and implementing: only the first has anything to lead
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_network import hubs as hubs_section

    reg = make_registry(SMALL)
    led = hubs_section(Analysis(reg))
    roles = reg.ties["role"].map({"lead": "funding", "partner": "implementing"})
    activities = reg.replace(ties=reg.ties.assign(role=roles),
                             initiatives=reg.initiatives.assign(kind="activity"))
    unled = hubs_section(Analysis(activities))
    assert ", leading " in led.findings[1] and "initiatives led" in led.tables[0][1].columns
    assert ", leading " not in unled.findings[1]
    shown = unled.tables[0][1].columns
    assert "activities led" not in shown and "initiatives led" not in shown
    assert "activities" in shown                        # counted in the registry's own word
    most = int(unled.full_tables["actors"]["activities"].max())
    assert unled.findings[1].endswith(f"takes part in the most activities ({most}).")


def test_the_structure_finding_counts_the_communities_its_table_profiles(ocean):
    # "Leiden finds 566 communities" above a table of "20 of 270 rows": the table profiles
    # communities of 3 actors or more, and the finding now says how many those are
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_structure import structure

    a = Analysis(ocean)
    s = structure(a)
    sizes = a.communities["community"].value_counts()
    n, big = len(sizes), int((sizes >= 3).sum())          # independent count of the members
    assert 0 < big < n
    assert s.findings[0].startswith(f"Leiden finds {n:,} communities ({big:,} of 3 actors or more; "
                                    "modularity 0.")
    assert a.community_profiles["size"].ge(3).all() and len(a.community_profiles) == big
    assert "weak community structure" not in s.findings[0]  # modularity 0.80


def test_communities_of_little_structure_are_called_weak():
    """Two groups of four, each a clique, and eight ties between them: every actor has three
    partners inside its group and two outside. By hand, with m = 20 ties, each group holds 6
    and a degree sum of 20: Q = 2 × (6/20 − (20/40)²) = 0.10 (networkx agrees). The report had
    listed such communities without saying they hardly differ from chance."""
    from itertools import combinations

    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_structure import structure

    members = [list(p) for grp in ("abcd", "efgh") for p in combinations(grp, 2)]
    members += [list(p) for p in ("ae", "bf", "cg", "dh", "af", "bg", "ch", "de")]
    reg = make_registry({f"i{k}": m for k, m in enumerate(members)})
    a = Analysis(reg)
    groups = a.communities.groupby("community")["actor_id"].apply(set).tolist()
    assert sorted(map(sorted, groups)) == [list("abcd"), list("efgh")]
    g = to_networkx(actor_projection(reg, weight="newman"))
    q = nx.community.modularity(g, groups, weight="weight")
    assert q == pytest.approx(0.10) == pytest.approx(a.communities.attrs["modularity"])
    text = structure(a).findings[0]
    assert "modularity 0.10" in text
    assert "Modularity below 0.3 is weak community structure (Newman & Girvan 2004)" in text


def test_a_registry_of_one_body_in_every_record_has_no_communities():
    """Spain's Indonesian activities: its foreign ministry (English as reporting organisation,
    Spanish as participant: one known body) takes part in all 83; Leiden splits the 12 actors
    into no groups."""
    from ecosystem import load
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_structure import structure

    reg = load(real_file("iati_activities", "es_maec_indonesia_v201.xml"))
    ministry = reg.ties.loc[reg.ties["actor_id"] == "es-maec", "initiative_id"].nunique()
    assert ministry == len(reg.initiatives) == 83
    text = structure(Analysis(reg)).findings[0]
    assert text.startswith("Leiden finds no communities: the 12 actors are not split into groups")


def test_a_registry_without_goals_shows_no_empty_goal_columns():
    """The Sierra Leone sheet records no SDG goals or targets: its communities table had
    "top goals" and "top targets" columns with nothing in them; it records DAC sectors, which
    say what each community works on."""
    from ecosystem import load
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_structure import structure

    reg = load(real_file("hxl_3w", "iati-sierraleone.csv"))
    assert reg.initiative_goals.empty and reg.initiative_targets.empty
    title, table, _ = structure(Analysis(reg)).tables[0]
    assert title == "Largest communities"
    assert list(table.columns) == ["community", "size", "activities", "top sectors",
                                   "top actor types", "label"]
