"""Graph builders: bipartite graph, projections vs networkx, guards, backbone, filters, flows."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers.real_data import real_file
from networkx.algorithms import bipartite as nxb

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import (
    actor_projection,
    bipartite_graph,
    disparity_backbone,
    flow_graph,
    incidence_matrix,
    initiative_projection,
    initiative_shares,
    memberships,
    to_networkx,
)
from ecosystem.graphs.backbone import disparity_alpha, edge_disparity
from ecosystem.graphs.bipartite import membership_matrix
from ecosystem.model import Registry, validate


def make_registry(members: dict[str, list[str]], *, types=None, leads=None, goals=None,
                  dates=None, deliverables=None, places=None, flows=None) -> Registry:
    """A small hand-made registry: ``members`` maps initiative → actor ids."""
    actors = sorted({a for ms in members.values() for a in ms})
    types = types or {}
    leads = leads or {}
    ties = []
    for i, ms in members.items():
        for a in ms:
            role = "lead" if leads.get(i, ms[0]) == a else "partner"
            ties.append((i, a, role, "test", i))
    dates = dates or {}
    frames = dict(
        actors=pd.DataFrame({"actor_id": actors, "name": [a.upper() for a in actors],
                             "actor_type": [types.get(a, "ngo") for a in actors],
                             "country": ["KEN" if a < "m" else "FRA" for a in actors]}),
        initiatives=pd.DataFrame({
            "initiative_id": list(members), "registry": "test", "record_id": list(members),
            "kind": "partnership", "title": [f"Initiative {i}" for i in members],
            "start": [dates.get(i, (None, None))[0] for i in members],
            "end": [dates.get(i, (None, None))[1] for i in members]}),
        ties=pd.DataFrame(ties, columns=["initiative_id", "actor_id", "role", "registry",
                                         "record_id"]),
    )
    if goals:
        frames["initiative_goals"] = pd.DataFrame(
            [(i, g) for i, gs in goals.items() for g in gs], columns=["initiative_id", "goal"])
        frames["initiative_targets"] = pd.DataFrame(
            [(i, f"{g}.1", g) for i, gs in goals.items() for g in gs],
            columns=["initiative_id", "target", "goal"])
    if deliverables:
        frames["deliverables"] = pd.DataFrame(deliverables, columns=["initiative_id", "date"])
    if places:
        frames["initiative_places"] = pd.DataFrame(
            [(i, p, "country") for i, ps in places.items() for p in ps],
            columns=["initiative_id", "place", "kind"])
    if flows:
        frames["flows"] = pd.DataFrame(flows, columns=["flow_id", "initiative_id",
                                                       "provider_actor_id", "receiver_actor_id",
                                                       "amount", "currency"])
    reg = Registry.from_frames(**frames)
    validate(reg)
    return reg


SMALL = {
    "i1": ["a", "b", "c"],
    "i2": ["a", "b"],
    "i3": ["a", "d", "e", "f"],
    "i4": ["g"],
    "i5": ["c", "d"],
}


@pytest.fixture
def small():
    return make_registry(SMALL)


def random_registry(seed: int, n_init: int = 60, n_actors: int = 40) -> Registry:
    rng = np.random.default_rng(seed)
    members = {}
    for i in range(n_init):
        k = int(rng.integers(1, 8))
        pop = rng.zipf(1.6, size=k) % n_actors
        members[f"i{i:03d}"] = sorted({f"a{p:03d}" for p in pop})
    return make_registry(members)


def one_big_initiative() -> dict[str, list[str]]:
    """Initiative ``big`` of 30 members (m00–m29) beside four hubs h0–h3 that work together.

    Each hub runs six initiatives with two partners of its own and one with the next hub
    (h0–h1, h1–h2, h2–h3, h3–h0); m29 runs ``link`` with h0, and m00 runs ``x1`` with o1.
    On the binary projection ``big`` is a clique of 30 that out-ranks everything else.
    """
    members = {"big": [f"m{j:02d}" for j in range(30)], "x1": ["m00", "o1"],
               "link": ["m29", "h0"]}
    for h in range(4):
        for j in range(6):
            members[f"h{h}_{j}"] = [f"h{h}", f"p{h}{j}a", f"p{h}{j}b"]
        members[f"hh{h}"] = [f"h{h}", f"h{(h + 1) % 4}"]
    return members


def nx_bipartite(reg: Registry) -> tuple[nx.Graph, list]:
    G = nx.Graph()
    actors = reg.actors["actor_id"].tolist()
    G.add_nodes_from(actors, bipartite=0)
    G.add_nodes_from(reg.initiatives["initiative_id"], bipartite=1)
    G.add_edges_from(zip(reg.ties["actor_id"], reg.ties["initiative_id"]))
    return G, actors


def edge_weights(G: nx.Graph, attr: str = "weight") -> dict:
    return {frozenset((u, v)): d[attr] for u, v, d in G.edges(data=True)}


# ---------------------------------------------------------------- bipartite


def test_bipartite_graph_vertices_edges_and_attributes(small):
    g = bipartite_graph(small)
    assert g.vs["name"][:7] == list("abcdefg")
    assert g.vs["name"][7:] == ["i1", "i2", "i3", "i4", "i5"]
    assert g.vs["type"] == [False] * 7 + [True] * 5
    assert g.ecount() == 12
    assert g.vs.find(name="a").degree() == 3
    assert g.vs.find(name="i1")["label"] == "Initiative i1"
    assert g.vs.find(name="a")["actor_type"] == "ngo"
    lead_edges = [e for e in g.es if e["role"] == "lead"]
    assert len(lead_edges) == 5
    assert set(g.es["registry"]) == {"test"}


def test_two_roles_in_one_initiative_are_one_membership():
    reg = make_registry({"i1": ["a", "b"]})
    extra = pd.DataFrame({"initiative_id": ["i1"], "actor_id": ["a"], "role": ["funding"],
                          "registry": ["test"], "record_id": ["i1"]})
    reg = reg.replace(ties=pd.concat([reg.ties, extra]))
    m = memberships(reg)
    assert len(m) == 2
    row = m[m["actor_id"] == "a"].iloc[0]
    assert (row["role"], row["roles"]) == ("lead", "lead|funding")
    assert bipartite_graph(reg).ecount() == 2


def test_incidence_matrix_shape_and_sums(small):
    B, actors, inits = incidence_matrix(small)
    assert B.shape == (7, 5)
    assert list(actors) == list("abcdefg")
    assert dict(zip(actors, np.asarray(B.sum(axis=1)).ravel())) == {
        "a": 3, "b": 2, "c": 2, "d": 2, "e": 1, "f": 1, "g": 1}
    assert np.asarray(B.sum(axis=0)).ravel().tolist() == [3, 2, 4, 1, 2]


def test_membership_matrix_is_the_incidence_matrix(small):
    B = incidence_matrix(small)[0]
    M = membership_matrix(small)
    assert (M != B).nnz == 0 and M.shape == B.shape
    assert M.max() == 1.0 and M.sum() == sum(len(m) for m in SMALL.values())  # 12 memberships


# ---------------------------------------------------------------- projections vs networkx


@pytest.mark.parametrize("weight,oracle", [
    ("count", nxb.weighted_projected_graph),
    ("newman", nxb.collaboration_weighted_projected_graph),
    ("jaccard", lambda G, nodes: nxb.overlap_weighted_projected_graph(G, nodes, jaccard=True)),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_actor_projection_matches_networkx(weight, oracle, seed):
    reg = random_registry(seed)
    G, actors = nx_bipartite(reg)
    expected = edge_weights(oracle(G, actors))
    got = to_networkx(actor_projection(reg, weight=weight))
    assert set(got.nodes) == set(actors)
    got_w = edge_weights(got)
    assert got_w.keys() == expected.keys()
    for k, w in expected.items():
        assert got_w[k] == pytest.approx(w, rel=1e-12)
    shared = edge_weights(nxb.weighted_projected_graph(G, actors))
    assert edge_weights(got, "shared") == shared


def test_actor_projection_small_hand_values(small):
    g = actor_projection(small, weight="newman")
    G = to_networkx(g)
    # a and b share i1 (3 members, 1/2) and i2 (2 members, 1/1)
    assert G["a"]["b"]["weight"] == pytest.approx(1.5)
    assert G["a"]["b"]["shared"] == 2
    assert G["d"]["e"]["weight"] == pytest.approx(1 / 3)
    assert "g" in G and G.degree("g") == 0  # isolated actor kept
    assert g.vcount() == 7 and g.ecount() == 10
    assert G.nodes["a"]["country"] == "KEN" and G.nodes["a"]["label"] == "A"


def _shares_by_hand(members: dict[str, list[str]], weight: str, among: set[str]) -> dict:
    """actor → (Σ_k c_ik, {initiative: c_ik}) straight from the member lists."""
    out = {}
    for k, ms in members.items():
        ms = set(ms)
        for a in ms:
            others = len((ms - {a}) & among)
            c = others / (len(ms) - 1) if weight == "newman" and len(ms) > 1 else others
            if weight == "newman" and len(ms) == 1:
                c = 0.0
            tot, per = out.setdefault(a, (0.0, {}))
            per[k] = c
            out[a] = (tot + c, per)
    return out


@pytest.mark.parametrize("weight", ["newman", "count"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_initiative_shares_split_the_projection_strength(weight, seed):
    reg = random_registry(seed)
    members = reg.ties.groupby("initiative_id")["actor_id"].apply(lambda s: sorted(set(s)))
    ids = reg.actors["actor_id"].tolist()
    rng = np.random.default_rng(seed)
    flags = rng.random(len(ids)) < 0.5
    among = {a for a, f in zip(ids, flags) if f}
    got = initiative_shares(reg, weight=weight, among=flags).set_index("actor_id")
    # ties = the strength towards `among` in the projection built independently
    G = to_networkx(actor_projection(reg, weight=weight))
    for a in ids:
        strength = sum(d["weight"] for b, d in G[a].items() if b in among)
        assert got.loc[a, "ties"] == pytest.approx(strength, abs=1e-12)
    hand = _shares_by_hand(members.to_dict(), weight, among)
    for a, (tot, per) in hand.items():
        if tot == 0:
            assert np.isnan(got.loc[a, "share"]) and pd.isna(got.loc[a, "initiative_id"])
            continue
        best = max(per.values())
        assert got.loc[a, "share"] == pytest.approx(best / tot, rel=1e-12)
        assert per[got.loc[a, "initiative_id"]] == pytest.approx(best)


def test_initiative_shares_name_the_big_initiative():
    reg = make_registry(one_big_initiative())
    sh = initiative_shares(reg, weight="count").set_index("actor_id")
    # m00: 29 co-members in big, 1 in x1; h0: 1 in link, 2 in each of six, 1 in each of two
    assert sh.loc["m00", "initiative_id"] == "big"
    assert sh.loc["m00", "share"] == pytest.approx(29 / 30)
    assert sh.loc["h0", "ties"] == 1 + 12 + 2 and sh.loc["h0", "share"] == pytest.approx(2 / 15)
    newman = initiative_shares(reg, weight="newman").set_index("actor_id")
    assert newman.loc["m00", "share"] == pytest.approx(0.5)     # one per initiative: big, x1
    with pytest.raises(AnalysisError, match="choose one of newman, count"):
        initiative_shares(reg, weight="jaccard")
    with pytest.raises(AnalysisError, match="among has 2 flags"):
        initiative_shares(reg, among=np.array([True, False]))


def test_actor_projection_min_weight_and_max_initiative_size(small):
    g = actor_projection(small, weight="count", min_weight=2)
    assert [tuple(sorted((g.vs[e.source]["name"], g.vs[e.target]["name"]))) for e in g.es] == [
        ("a", "b")]
    g = actor_projection(small, max_initiative_size=3)
    assert g["initiatives_left_out"] == 1  # i3 has 4 actors
    assert not to_networkx(g).has_edge("a", "f")
    assert g.ecount() == 4  # a-b, a-c, b-c, c-d


def test_projection_over_max_edges_refuses_with_advice(small):
    with pytest.raises(AnalysisError, match=r"max_edges=3 .*min_weight=2.*max_initiative_size"):
        actor_projection(small, max_edges=3)
    # the same limit passes when the threshold leaves few edges
    assert actor_projection(small, max_edges=3, min_weight=2).ecount() == 1


def test_blocked_product_equals_single_block(monkeypatch):
    from ecosystem.graphs import projection
    reg = random_registry(5, n_init=300, n_actors=150)
    full = edge_weights(to_networkx(actor_projection(reg, weight="newman")))
    monkeypatch.setattr(projection, "_BLOCK_WORK", 7)
    blocked = edge_weights(to_networkx(actor_projection(reg, weight="newman")))
    assert blocked.keys() == full.keys()
    assert all(blocked[k] == pytest.approx(full[k]) for k in full)


def test_one_product_gives_the_two_real_products_bit_for_bit():
    import scipy.sparse as sp

    from ecosystem.graphs.projection import cooccurrence_pairs
    reg = random_registry(8, n_init=200, n_actors=120)
    B = incidence_matrix(reg)[0]
    k = np.asarray(B.sum(axis=0)).ravel()
    cw = np.divide(1.0, k - 1, out=np.zeros_like(k), where=k > 1)
    rows, cols, shared, w = cooccurrence_pairs(B, col_weight=cw)
    S = sp.triu(B @ B.T, 1).tocsr()
    W = sp.triu(B @ sp.diags(cw) @ B.T, 1).tocsr()
    assert len(rows) == S.nnz
    np.testing.assert_array_equal(shared, np.asarray(S[rows, cols]).ravel())
    np.testing.assert_array_equal(w, np.asarray(W[rows, cols]).ravel())  # exact, not approx
    assert (np.diff(rows * B.shape[0] + cols) > 0).all()  # sorted (row, col) order


def test_edge_array_is_kept_and_falls_back_after_an_edit():
    from ecosystem.graphs.edge_arrays import edge_array
    g = actor_projection(random_registry(2, n_init=80, n_actors=60))
    e = edge_array(g)
    assert not e.flags.writeable
    assert e.tolist() == [list(p) for p in g.get_edgelist()]
    assert edge_array(g) is e  # kept, not rebuilt
    g.add_edge(0, g.vcount() - 1)
    assert edge_array(g) is not e
    assert edge_array(g).tolist() == [list(p) for p in g.get_edgelist()]
    h = g.copy()  # another graph: built from igraph
    assert edge_array(h).tolist() == [list(p) for p in h.get_edgelist()]


def test_initiative_projection_and_hub_stop_words(small):
    g = initiative_projection(small)
    G = to_networkx(g)
    assert G["i1"]["i2"]["weight"] == 2  # a and b
    assert G["i3"]["i5"]["shared"] == 1  # d
    assert G.degree("i4") == 0
    # a is in 3 initiatives: as a stop-word, i2–i3 loses its only shared actor
    g = initiative_projection(small, max_actor_degree=2)
    assert g["actors_left_out"] == 1
    G = to_networkx(g)
    assert not G.has_edge("i2", "i3") and G["i1"]["i2"]["weight"] == 1
    j = to_networkx(initiative_projection(small, weight="jaccard"))
    assert j["i1"]["i2"]["weight"] == pytest.approx(2 / 3)


def test_empty_registry_refuses():
    with pytest.raises(AnalysisError, match="registry is empty"):
        actor_projection(Registry.empty())
    with pytest.raises(AnalysisError, match="registry is empty"):
        bipartite_graph(Registry.empty())
    with pytest.raises(AnalysisError, match="unknown weight 'pmi'"):
        actor_projection(make_registry(SMALL), weight="pmi")


# ---------------------------------------------------------------- backbone


def test_disparity_backbone_hand_values():
    import igraph as ig
    # hub 0 with one heavy edge; node 1 also tied to 2 and 3 lightly
    g = ig.Graph([(0, 1), (0, 2), (0, 3), (0, 4), (1, 2)])
    g.vs["name"] = list("vwxyz")
    g.es["weight"] = [20.0, 1.0, 1.0, 1.0, 1.0]
    b = disparity_backbone(g, alpha=0.05)
    # at 0: k=4, s=23, α(0,1) = (1-20/23)^3 = 0.00222; α(0,x) = (22/23)^3 = 0.875
    # at 1: k=2, s=21, α(1,2) = 1-1/21 = 0.952; at 2: k=2, s=2, α(2,1) = 1/2
    assert b.vcount() == 5 and b.get_edgelist() == [(0, 1)]
    assert b.es["alpha"][0] == pytest.approx((3 / 23) ** 3)
    b = disparity_backbone(g, alpha=0.6)  # adds (0,2) and (1,2): α at node 2 is 0.5
    assert b.get_edgelist() == [(0, 1), (0, 2), (1, 2)] and b.es["alpha"][1] == pytest.approx(0.5)
    assert disparity_backbone(g, alpha=0.9).ecount() == 5  # (0,x): 0.875


@pytest.mark.parametrize("seed", [0, 1])
def test_edge_disparity_of_arrays_is_the_graphs(seed):
    """The arrays' α, per edge, against the formula written out here edge by edge."""
    reg = random_registry(seed)
    g = actor_projection(reg, weight="newman")
    e = np.asarray(g.get_edgelist())
    w = np.asarray(g.es["weight"])
    alpha = edge_disparity(e[:, 0], e[:, 1], w, g.vcount())
    assert np.array_equal(alpha, disparity_alpha(g))
    k = np.bincount(e.ravel(), minlength=g.vcount())
    s = np.bincount(e.ravel(), weights=np.repeat(w, 2), minlength=g.vcount())
    for (u, v), wt, a in zip(e.tolist(), w.tolist(), alpha.tolist()):
        ends = [(1 - wt / s[x]) ** (k[x] - 1) if k[x] > 1 else 1.0 for x in (u, v)]
        assert a == pytest.approx(min(ends))


# ---------------------------------------------------------------- filters


def filter_fixture():
    return make_registry(
        SMALL, goals={"i1": [14], "i2": [14, 13], "i3": [5], "i4": [14], "i5": [3]},
        dates={"i1": ("2017-06-01", "2020-12-31"), "i2": ("2021-01-01", None),
               "i3": ("1970-01-01", "1970-01-01"), "i5": ("2015-01-01", "2016-01-01")},
        deliverables=[("i1", "2018-01-01"), ("i2", "2022-01-01")],
        places={"i1": ["KEN"], "i3": ["FRA", "KEN"], "i5": ["TZA"]},
        types={"a": "un_multilateral", "d": "government"},
    )


def test_filters_cut_every_table():
    reg = filter_fixture()
    sub = filter_registry(reg, goals=[14])
    assert sorted(sub.initiatives["initiative_id"]) == ["i1", "i2", "i4"]
    assert sorted(sub.actors["actor_id"]) == ["a", "b", "c", "g"]
    assert set(sub.ties["initiative_id"]) == {"i1", "i2", "i4"}
    validate(sub)
    assert sorted(filter_registry(reg, targets="13.1").initiatives["initiative_id"]) == ["i2"]
    assert sorted(filter_registry(reg, places=["KEN"]).initiatives["initiative_id"]) == ["i1", "i3"]
    # window 2019–2020: i1 overlaps, i2 starts 2021, i3 has only placeholders, i4 no dates
    win = filter_registry(reg, start="2019-01-01", end="2020-06-30")
    assert win.initiatives["initiative_id"].tolist() == ["i1"]
    assert filter_registry(reg, start="2022-01-01").initiatives["initiative_id"].tolist() == ["i2"]
    at = filter_registry(reg, actor_types=["un_multilateral", "government"])
    assert sorted(at.initiatives["initiative_id"]) == ["i1", "i2", "i3", "i5"]
    assert sorted(at.actors["actor_id"]) == ["a", "d"]
    both = filter_registry(reg, goals=14, places="KEN")
    assert both.initiatives["initiative_id"].tolist() == ["i1"]


def test_dormant_filter():
    reg = filter_fixture()
    # i3 (placeholders only), i4 (no dates) have nothing dated; i5 ended 2016 with no deliverable
    kept = filter_registry(reg, dormant="exclude", today="2026-01-01")
    assert sorted(kept.initiatives["initiative_id"]) == ["i1", "i2"]
    only = filter_registry(reg, dormant="only", today="2026-01-01")
    assert sorted(only.initiatives["initiative_id"]) == ["i3", "i4", "i5"]


def test_filter_leaving_nothing_names_the_filter():
    reg = filter_fixture()
    with pytest.raises(AnalysisError, match=r"goals=\[16\] leaves no initiative.*change goals "
                                            r"\(goals present: 13, 14, 3, 5\)"):
        filter_registry(reg, goals=[16])
    with pytest.raises(AnalysisError, match=r"places=\['KEN'\] leaves no initiative \(of 1 "):
        filter_registry(reg, targets=["3.1"], places=["KEN"])
    with pytest.raises(AnalysisError, match="dormant='sometimes' is not a choice"):
        filter_registry(reg, dormant="sometimes")
    with pytest.raises(AnalysisError, match="registry is empty"):
        filter_registry(Registry.empty(), goals=[14])
    assert filter_registry(reg) is reg


# ---------------------------------------------------------------- flows


def test_flow_graph_sums_per_currency():
    reg = make_registry(
        SMALL, flows=[("f1", "i1", "a", "b", 100.0, "USD"), ("f2", "i2", "a", "b", 50.0, "USD"),
                      ("f3", "i2", "a", "b", 10.0, "EUR"), ("f4", "i3", "d", "e", 7.0, None),
                      ("f5", "i3", None, "e", 1.0, "USD")])
    g = flow_graph(reg)
    assert g.is_directed() and g["flows_left_out"] == 1
    G = to_networkx(g)
    assert G["a"]["b"]["flows"] == 3
    assert G["a"]["b"]["amount_by_currency"] == {"USD": 150.0, "EUR": 10.0}
    assert G["a"]["b"]["amount"] is None
    assert G["d"]["e"]["amount_by_currency"] == {"unknown": 7.0}
    assert not G.has_edge("b", "a")
    with pytest.raises(AnalysisError, match="no flows"):
        flow_graph(make_registry(SMALL))
    one_sided = make_registry(SMALL, flows=[("f1", "i1", "a", None, 1.0, "USD")])
    with pytest.raises(AnalysisError, match="0 have no provider actor, 1 no receiver actor"):
        flow_graph(one_sided)


@pytest.mark.slow
def test_flow_graph_on_real_360giving_grants():
    import ecosystem
    reg = ecosystem.load(real_file("threesixtygiving_indigo", "indigo.json"))
    G = to_networkx(flow_graph(reg))
    # 269 grants from the Indigo Trust to 191 recipients; the two with most grants
    assert G.number_of_edges() == 191 and sum(d["flows"] for *_, d in G.edges(data=True)) == 269
    top = sorted(G.edges(data=True), key=lambda e: -e[2]["flows"])[:2]
    assert {(G.nodes[v]["label"], d["flows"], d["amount_by_currency"]["GBP"])
            for _, v, d in top} == {("Co-Creation Hub Nigeria", 6, 127000.0), ("iCow", 6, 87782.0)}


def test_actor_backbone_keeps_the_edges_the_full_backbone_keeps():
    """Two streamed passes give exactly disparity_backbone(actor_projection(...)), every
    weighting; the graph states how many ties the projection had."""
    from benchmarks.synthetic import synthetic_registry
    from ecosystem.graphs import actor_backbone, actor_projection, disparity_backbone

    reg = synthetic_registry(600, seed=3)
    for weight in ("newman", "count", "jaccard"):
        full = actor_projection(reg, weight=weight)
        expected = disparity_backbone(full, alpha=0.05)
        got = actor_backbone(reg, weight=weight, alpha=0.05)
        assert set(got.get_edgelist()) == set(expected.get_edgelist())
        assert got["edges_in_projection"] == full.ecount()
        assert got["edges_kept"] == expected.ecount() < full.ecount()
        w = dict(zip(full.get_edgelist(), full.es["weight"]))
        assert all(abs(w[e] - x) < 1e-12 for e, x in zip(got.get_edgelist(), got.es["weight"]))


def test_analysis_reads_the_backbone_above_the_edge_limit():
    """Above max_edges the projection is not refused: the most significant max_edges ties of
    the backbone are kept and the Analysis says so in words."""
    import tempfile

    from benchmarks.synthetic import synthetic_registry
    from ecosystem.graphs import actor_projection, disparity_alpha
    from ecosystem.measures.context import Analysis, Settings

    reg = synthetic_registry(600, seed=3)
    full = actor_projection(reg, weight="newman")
    a = Analysis(reg, Settings(cache_dir=tempfile.mkdtemp(), max_edges=500))
    g = a.projection
    assert g.ecount() == 500 and g["edges_in_projection"] == full.ecount()
    alpha = dict(zip(full.get_edgelist(), disparity_alpha(full)))
    kept = sorted(alpha[e] for e in g.get_edgelist())
    assert kept[-1] <= sorted(alpha.values())[499] + 1e-12     # the 500 smallest α
    assert f"{full.ecount():,} ties" in a.backbone_note
    assert a.hub_table["actor_id"].nunique() == len(reg.actors)
    big = Analysis(reg, Settings(cache_dir=tempfile.mkdtemp()))
    assert big.backbone_note is None and big.projection.ecount() == full.ecount()
