"""Duplicate clusters: each initiative in one cluster, labelled by who registered the records.

Hand-made registries for each label (same lead re-registration, same organisation under two
names, different organisations doing the same thing, and the 3W rule: one organisation
reported twice for one cell and activity), then the real Ocean and ROWCA 3W files.
"""
from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from helpers.overlap_registry import overlap_registry
from helpers.real_data import real_file
from rapidfuzz import fuzz, utils

from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.duplicates import (
    CLUSTER_COLUMNS,
    DUPLICATE_MIN_SCORE,
    KIND_LABELS,
    KINDS,
    NEAR_DUPLICATE_TITLE,
    completeness,
    duplicate_clusters,
    near_duplicate_pairs,
)
from ecosystem.measures.coordination.overlap import initiative_pairs
from ecosystem.model import Registry
from ecosystem.views.duplication import duplicate_kinds_sentence


@pytest.fixture(scope="module")
def reg():
    return overlap_registry()


def test_completeness_by_hand(reg):
    # m1: description, start, end, targets, places, partners (b, c), url = 7 (no deliverable,
    # no resource); f1: description, targets, places, url = 4 (f2's 1970 date is a placeholder);
    # c1: description, start, end, goal 13, partner h, url = 6
    assert completeness(reg).to_dict() == {"m1": 7, "m2": 7, "f1": 4, "f2": 4, "c1": 6}


def test_same_lead_and_different_organisations_apart(reg):
    d = duplicate_clusters(reg, min_score=0.5)
    assert list(d.columns) == CLUSTER_COLUMNS
    near = d[d["kind"] == "same_lead"]
    over = d[d["kind"] == "different_organisations"]
    # f1/f2: same lead e, titles equal but for case -> registration entered twice
    assert near["initiative_id"].tolist() == ["f1", "f2"]
    assert near["representative"].tolist() == [True, False]  # tie on 4 fields: registry order
    assert near["lead"].tolist() == ["Fiji Ministry of Fisheries"] * 2
    assert near["reason"].iloc[1].startswith(
        "like f1 (score 0.95): same lead Fiji Ministry of Fisheries;")
    assert "titles 100% similar" in near["reason"].iloc[1]
    # m1/m2: leads a and d differ (Kenya Wildlife Service, Coast County Government), same
    # mangrove work -> different organisations doing the same thing
    assert over["initiative_id"].tolist() == ["m1", "m2"]
    assert over["representative"].tolist() == [True, False]  # 7 fields each; m1 starts first
    assert over["reason"].iloc[0] == "representative: most complete record (7 of 9 fields filled)"
    assert over["reason"].iloc[1].startswith(
        "like m1 (score 0.71): different organisations Kenya Wildlife Service and Coast County "
        "Government; 2 of 4 actors shared")
    # both clusters have 2 records; m1 comes first in the registry
    assert set(d["size"]) == {2} and d["cluster"].tolist() == [1, 1, 2, 2]
    assert "c1" not in set(d["initiative_id"])
    assert set(KIND_LABELS) == set(KINDS)


def test_a_duplicate_names_the_record_it_is_like_by_the_registrys_own_id(reg):
    # initiative ids carry the registry's name; the reason shows the record id a reader searches for
    reg = reg.replace(initiatives=reg.initiatives.assign(record_id="Action-" + reg.initiatives["record_id"]))
    d = duplicate_clusters(reg, min_score=0.5).set_index("initiative_id")
    assert d.loc["f2", "reason"].startswith("like Action-f1 (score 0.95): ")
    assert d.loc["m2", "reason"].startswith("like Action-m1 (score 0.71): ")


def test_threshold_removes_substantive_pair(reg):
    d = duplicate_clusters(reg)  # default min_score 0.8: m1/m2 score 0.71
    assert set(d["kind"]) == {"same_lead"}


def test_near_duplicate_pairs_need_the_same_lead(reg):
    p = near_duplicate_pairs(reg)
    assert list(zip(p["initiative_a"], p["initiative_b"])) == [("f1", "f2")]
    assert p["lead"].tolist() == ["Fiji Ministry of Fisheries"]
    # m1/m2 titles are 94% similar but their leads differ
    p = near_duplicate_pairs(reg, min_title=50)
    assert ("m1", "m2") not in set(zip(p["initiative_a"], p["initiative_b"]))


def test_chain_makes_one_cluster():
    # three copies of one record, the third with a reworded title: one cluster of 3
    reg = overlap_registry()
    extra = reg.initiatives[reg.initiatives["initiative_id"] == "f2"].assign(
        initiative_id="f3", record_id="f3", title="Marine protected areas of Fiji")
    ties = reg.ties[reg.ties["initiative_id"] == "f2"].assign(initiative_id="f3", record_id="f3")
    reg = reg.replace(initiatives=pd.concat([reg.initiatives, extra]),
                      ties=pd.concat([reg.ties, ties]))
    d = duplicate_clusters(reg)
    assert d["initiative_id"].tolist() == ["f1", "f2", "f3"]
    assert d["size"].tolist() == [3, 3, 3] and d["representative"].sum() == 1


def test_no_duplicates_gives_an_empty_table(reg):
    sub = reg.replace(initiatives=reg.initiatives[reg.initiatives["initiative_id"].isin(
        ["m1", "c1"])])
    d = duplicate_clusters(sub)
    assert d.empty and list(d.columns) == CLUSTER_COLUMNS


def test_empty_registry_is_a_clear_error():
    with pytest.raises(AnalysisError, match="registry is empty"):
        duplicate_clusters(Registry.empty())


# --- one hand-made registry per label -----------------------------------------------------

def _registry(rows: list[tuple], actors: dict[str, str], kind: str = "partnership",
              role: str = "lead") -> Registry:
    """rows: (id, title, description, [actor ids, principal first], places, sector, start, end).

    places are (code, kind, parent) tuples; the sector is a 3W cluster theme."""
    ini = pd.DataFrame({"initiative_id": [r[0] for r in rows], "registry": "t",
                        "record_id": [r[0] for r in rows], "kind": kind,
                        "title": [r[1] for r in rows], "description": [r[2] for r in rows],
                        "start": [r[6] for r in rows], "end": [r[7] for r in rows]})
    ties = pd.DataFrame([(r[0], a, role if k == 0 else "partner", "t", r[0])
                         for r in rows for k, a in enumerate(r[3])],
                        columns=["initiative_id", "actor_id", "role", "registry", "record_id"])
    places = pd.DataFrame([(r[0], code, pk, code, parent) for r in rows
                           for code, pk, parent in r[4]],
                          columns=["initiative_id", "place", "kind", "name", "parent"])
    themes = pd.DataFrame([(r[0], r[5], "cluster") for r in rows if r[5]],
                          columns=["initiative_id", "theme", "vocabulary"])
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list(actors), "name": list(actors.values()),
                             "actor_type": "ngo"}),
        initiatives=ini, ties=ties, initiative_places=places, initiative_themes=themes)


REEF = "Volunteers replant coral fragments on degraded reefs around Suva every season."
SEAGRASS = "Divers map seagrass meadows of Palau with drones and publish open maps."
PLASTIC = "Youth groups collect plastic from Lagos beaches and recycle it into pavers."
FJI, NGA, PLW = [("FJI", "country", None)], [("NGA", "country", None)], [("PLW", "country", None)]


@pytest.fixture(scope="module")
def labelled():
    actors = {"rt": "Reef Trust", "pra": "Pacific Reef Alliance (PRA)", "pra2": "PRA",
              "ol": "Ocean Lab", "sw": "Sea Watch", "p": "Lagos Youth Network"}
    rows = [
        # one lead, the same reef work entered twice -> same lead re-registration
        ("s1", "Coral reef restoration in Fiji", REEF, ["rt"], FJI, None, None, None),
        ("s2", "Coral reef restoration, Fiji", REEF, ["rt"], FJI, None, None, None),
        # "Pacific Reef Alliance (PRA)" and "PRA": ids kept apart, one acronym -> two names
        ("o1", "Seagrass mapping in Palau", SEAGRASS, ["pra"], PLW, None, None, None),
        ("o2", "Seagrass mapping in Palau", SEAGRASS, ["pra2"], PLW, None, None, None),
        # Ocean Lab and Sea Watch, one shared partner: different organisations. Score by
        # hand (targets and time unknown): (.2 x 1/3 + .1 x 1 + .5 x 1) / .8 = 0.833 >= 0.8
        ("d1", "Lagos beach plastic clean-up", PLASTIC, ["ol", "p"], NGA, None, None, None),
        ("d2", "Lagos beach plastic clean-up", PLASTIC, ["sw", "p"], NGA, None, None, None),
    ]
    return _registry(rows, actors)


def test_each_label_on_a_hand_made_registry(labelled):
    d = duplicate_clusters(labelled)
    by = d.groupby("kind")["initiative_id"].apply(sorted).to_dict()
    assert by == {"same_lead": ["s1", "s2"], "same_organisation": ["o1", "o2"],
                  "different_organisations": ["d1", "d2"]}
    assert d["cluster"].nunique() == 3 and d["initiative_id"].is_unique
    why = d.set_index("initiative_id")["reason"]
    assert "leads Pacific Reef Alliance (PRA) and PRA are likely one organisation (both " \
           "written with the acronym PRA)" in why["o2"]
    assert why["d2"].startswith("like d1 (score 0.83): different organisations Ocean Lab and "
                                "Sea Watch;")


def test_a_chain_across_labels_is_one_cluster_counted_once(labelled):
    # u1 and u2 by UNEP, u3 by "UN Environment Programme (UNEP)" with the same text: before,
    # u1/u2 made a near-duplicate cluster and u1/u2/u3 an overlap cluster (u1, u2 counted twice)
    # (the old code: u1/u3 and u2/u3 score (.2 x 1/3 + .1 + .5) / .8 = 0.83 with partner p)
    actors = {"u": "UNEP", "u2": "UN Environment Programme (UNEP)", "p": "Hotel Group"}
    rows = [(f"u{k}", title, PLASTIC, [lead, "p"], NGA, None, None, None)
            for k, (title, lead) in enumerate([("Eliminate single-use plastic", "u"),
                                               ("Eliminate single use plastics", "u"),
                                               ("Eliminate single-use plastic", "u2")], start=1)]
    d = duplicate_clusters(_registry(rows, actors))
    assert d["initiative_id"].tolist() == ["u1", "u2", "u3"]
    assert set(d["cluster"]) == {1} and set(d["kind"]) == {"same_organisation"}
    assert d["size"].tolist() == [3, 3, 3] and d["representative"].sum() == 1


@pytest.fixture(scope="module")
def three_w():
    """A 3W sheet: who does what where (organisations present, not leads)."""
    gao, mopti = [("MLI", "country", None), ("Gao", "admin1", "MLI")], \
        [("MLI", "country", None), ("Mopti", "admin1", "MLI")]
    truck = "Water trucking to displaced families in the camps."
    actors = {"x": "Water Aid Mali", "y": "Solidarity Relief", "nrc": "Norwegian Refugee "
              "Council (NRC)", "nrc2": "NRC"}
    rows = [
        ("w1", "Water trucking to displaced families", truck, ["x"], gao, "WASH", None, None),
        # x again, same cell and activity -> reported twice
        ("w2", "Water trucking for displaced families", truck, ["x"], gao, "WASH", None, None),
        # y, same cell and activity: co-presence, not a duplicate
        ("w3", "Water trucking to displaced families", truck, ["y"], gao, "WASH", None, None),
        # x in another cell (Mopti): present in two places, not a duplicate
        ("w4", "Water trucking to displaced families", truck, ["x"], mopti, "WASH", None,
         None),
        # one organisation under two names in one cell
        ("p1", "Legal aid for returnees", "Lawyers help returnees recover documents.",
         ["nrc"], gao, "Protection", None, None),
        ("p2", "Legal aid for returnees", "Lawyers help returnees recover documents.",
         ["nrc2"], gao, "Protection", None, None),
        # x, same cell and activity, reported for January and for June: two periods
        ("f1", "Food distribution", "Monthly rations.", ["x"], gao, "Food Security",
         "2014-01-01", "2014-01-31"),
        ("f2", "Food distribution", "Monthly rations.", ["x"], gao, "Food Security",
         "2014-06-01", "2014-06-30"),
    ]
    return rows, actors


def test_three_w_duplicates_are_one_organisation_twice_in_one_cell(three_w):
    rows, actors = three_w
    d = duplicate_clusters(_registry(rows, actors, kind="presence", role="implementing"))
    by = d.groupby("kind")["initiative_id"].apply(sorted).to_dict()
    assert by == {"reported_twice": ["w1", "w2"], "same_organisation": ["p1", "p2"]}
    why = d.set_index("initiative_id")["reason"]
    assert why["w2"].startswith("like w1 (score 1.00): same cell WASH × Gao; same organisation "
                                "Water Aid Mali;")
    # no overlap score makes two organisations of one cell duplicates in a 3W
    low = duplicate_clusters(_registry(rows, actors, kind="presence", role="implementing"),
                             min_score=0.5)
    assert low.groupby("kind")["initiative_id"].apply(sorted).to_dict() == by
    # the same sheet read as partnerships: w3 (another organisation; score (.1 + .5) / .8 =
    # 0.75) and w4 (another place) join w1 and w2, and f1 and f2 (two months) make a
    # cluster -- what the 3W rule leaves out
    p = duplicate_clusters(_registry(rows, actors), min_score=0.5)
    members = p.groupby("cluster")["initiative_id"].apply(sorted).tolist()
    assert ["w1", "w2", "w3", "w4"] in members and ["f1", "f2"] in members


# --- the real Ocean commitments registry -------------------------------------------------

def _short(s: pd.Series) -> list[str]:
    return [x.rsplit("/", 1)[-1] for x in s]


def test_confirmed_duplicate_on_ocean(ocean):
    # Read by a person in ocean_commitments.jsonl: #OceanAction57659 and #OceanAction57660 are
    # the High Seas Alliance's "The Race for Ratification of the High Seas Treaty", entered
    # twice: same lead, title, partner list (about 60 NGOs), description, SDGs 2/8/13/14,
    # target 14.c, basin Global, deliverable of 2025-02-27 and resources; the second one's
    # URL ends in "-0" (the platform's suffix for a repeated title) and lacks the timeline
    # (20 September 2023 – 31 December 2025), so the first is the more complete record.
    d = duplicate_clusters(ocean)
    d = d.assign(record=_short(d["initiative_id"]))
    hsa = d[d["record"].isin(["OceanAction57659", "OceanAction57660"])]
    assert len(hsa) == 2 and hsa["cluster"].nunique() == 1
    assert set(hsa["kind"]) == {"same_lead"}
    assert hsa["size"].iloc[0] == 2
    rep = hsa[hsa["representative"]]
    assert rep["record"].tolist() == ["OceanAction57659"]
    assert rep["completeness"].iloc[0] == 9
    assert hsa.loc[~hsa["representative"], "completeness"].iloc[0] == 7  # no start, no end
    assert "titles 100% similar" in hsa.loc[~hsa["representative"], "reason"].iloc[0]

    # #OceanAction42023, 42028 and 42032: the Canadian Independent Fish Harvester's
    # Federation's commitment saved three times; the records differ only in id, URL suffix
    # (-0, -1) and archive file name.
    cifhf = d[d["record"].isin(["OceanAction42023", "OceanAction42028", "OceanAction42032"])]
    assert cifhf["cluster"].nunique() == 1 and set(cifhf["size"]) == {3}
    assert cifhf.loc[cifhf["representative"], "record"].tolist() == ["OceanAction42023"]


def test_each_ocean_cluster_counted_once_and_labelled_by_its_leads(ocean):
    d = duplicate_clusters(ocean)
    assert d["initiative_id"].is_unique  # no initiative in two clusters
    # independent count: connected components (networkx) of the near-identical pairs of one
    # organisation and the pairs scoring at least 0.8
    near = near_duplicate_pairs(ocean)
    over = initiative_pairs(ocean, min_score=DUPLICATE_MIN_SCORE)
    g = nx.Graph()
    for p in (near, over):
        g.add_edges_from(zip(p["initiative_a"], p["initiative_b"]))
    comps = sorted(sorted(c) for c in nx.connected_components(g))
    assert sorted(d.groupby("cluster")["initiative_id"].apply(sorted).tolist()) == comps
    sentence = duplicate_kinds_sentence(d)
    assert sentence.startswith(f"{len(comps):,} clusters of duplicate records")
    # leads read straight from the ties
    lt = ocean.ties[ocean.ties["role"] == "lead"]
    leads = lt.groupby("initiative_id")["actor_id"].apply(set).to_dict()
    for cluster, grp in d.groupby("cluster"):
        sets = [leads.get(i, set()) for i in grp["initiative_id"]]
        common = set.intersection(*sets)
        kind = grp["kind"].iloc[0]
        if kind == "different_organisations":  # never leads sharing an actor id
            assert not common, cluster
        if len(grp) == 2:  # a pair: same lead exactly when the two share a lead id
            assert (kind == "same_lead") == bool(common), cluster
        assert kind != "reported_twice"  # a partnership registry
    rec = d.assign(record=_short(d["initiative_id"])).set_index("record")
    # UNEP and "UN Environnement Programme (UNEP)", now one actor (a misspelt known body with
    # its acronym): one cluster of five, the same lead re-registering, not three clusters
    unep = rec.loc[[f"OceanAction{k}" for k in range(46146, 46151)]]
    assert unep["cluster"].nunique() == 1 and set(unep["kind"]) == {"same_lead"}
    assert unep["size"].iloc[0] == 5
    assert all("unep" in leads[i] for i in unep["initiative_id"])
    # EcoJango (a company) and EcoAngola (an association), same title: two organisations
    eco = rec.loc[["OceanAction46533", "OceanAction46534"]]
    assert eco["cluster"].nunique() == 1 and set(eco["kind"]) == {"different_organisations"}


def test_rowca_copresence_is_not_duplication():
    from ecosystem import load

    path = real_file("hxl_3w", "rowca-3w-hxl.csv")
    rows = pd.read_csv(path, skiprows=[1], dtype=str)
    # independent: organisations present together in one sector × admin1 cell
    per_cell = rows.groupby(["Cluster", "Admin1"])["Organization"].nunique()
    assert int((per_cell >= 2).sum()) == 11
    # ... and one organisation reporting two activities in one cell with titles 90% similar
    acts = rows[["Organization", "Cluster", "Admin1", "ActivityId", "Activity"]].drop_duplicates()
    both = acts.merge(acts, on=["Organization", "Cluster", "Admin1"])
    both = both[both["ActivityId_x"] < both["ActivityId_y"]]
    sim = [fuzz.token_sort_ratio(a, b, processor=utils.default_process)
           for a, b in zip(both["Activity_x"], both["Activity_y"])]
    assert max(sim) < NEAR_DUPLICATE_TITLE
    d = duplicate_clusters(load([path]))
    assert d.empty  # (the old rule: 2 clusters of "different leads doing the same thing")



def test_each_member_is_linked_to_the_representative_first():
    # chain of four copies: each non-representative's reason names its link to the
    # representative when there is one, else its best-scored pair (recounted from the pairs)
    reg = overlap_registry()
    f2 = reg.initiatives[reg.initiatives["initiative_id"] == "f2"]
    extra = pd.concat([f2.assign(initiative_id="f3", record_id="f3",
                                 title="Marine protected areas of Fiji"),
                       f2.assign(initiative_id="f4", record_id="f4",
                                 title="Marine protected areas of Fiji islands")])
    t2 = reg.ties[reg.ties["initiative_id"] == "f2"]
    ties = pd.concat([t2.assign(initiative_id=k, record_id=k) for k in ("f3", "f4")])
    reg = reg.replace(initiatives=pd.concat([reg.initiatives, extra]),
                      ties=pd.concat([reg.ties, ties]))
    d = duplicate_clusters(reg)
    near = near_duplicate_pairs(reg)  # the cluster's pairs: near-identical or substantive
    over = initiative_pairs(reg, min_score=DUPLICATE_MIN_SCORE)
    pairs = pd.concat([near, over]).drop_duplicates(["initiative_a", "initiative_b"])
    assert len(d) == 4 and d["cluster"].nunique() == 1
    rep = d.loc[d["representative"], "initiative_id"].item()
    for row in d[~d["representative"]].itertuples():
        mine = pairs[(pairs["initiative_a"] == row.initiative_id)
                     | (pairs["initiative_b"] == row.initiative_id)]
        direct = mine[(mine["initiative_a"] == rep) | (mine["initiative_b"] == rep)]
        e = (direct if len(direct) else mine).sort_values("score", ascending=False).iloc[0]
        other = e["initiative_b"] if e["initiative_a"] == row.initiative_id else e["initiative_a"]
        assert row.reason.startswith(f"like {other} (score {e['score']:.2f}): ")
        assert row.reason.endswith(e["explanation"].split("; ", 1)[1])
    assert d.loc[d["representative"], "reason"].item().startswith(
        "representative: most complete record")


def test_relation_codes_agree_with_pair_relations_on_every_pair(labelled):
    # the relation decided once per distinct pair of principal ids (duplicate_pairs) against
    # the per-pair words of lead_relations, on all 15 pairs of the labelled registry
    import itertools

    import numpy as np

    from ecosystem.measures.coordination.duplicate_pairs import (
        principal_matrix,
        relation_codes,
    )
    from ecosystem.measures.coordination.lead_relations import (
        OrganisationMatcher,
        pair_relations,
        principal_actors,
    )
    from ecosystem.measures.coordination.overlap import overlap_features

    f = overlap_features(labelled)
    principals, matcher = principal_actors(labelled), OrganisationMatcher(labelled.actors)
    i, j = map(np.array, zip(*itertools.combinations(range(len(f)), 2)))
    m, acts = principal_matrix(f.ids, principals)
    got = relation_codes(m, acts, i, j, matcher).tolist()
    want = [r for r, _ in pair_relations(f.ids[i], f.ids[j], principals, matcher, {})]
    assert [("different", "organisation", "same")[g] for g in got] == want
    assert want.count("same") == 1 and want.count("organisation") == 1  # s1–s2, o1–o2


def test_principal_title_pairs_do_not_depend_on_the_block_size(labelled):
    from ecosystem.measures.coordination.duplicate_pairs import principal_title_pairs
    from ecosystem.measures.coordination.lead_relations import principal_actors
    from ecosystem.measures.coordination.overlap import overlap_features

    f = overlap_features(labelled)
    pr = principal_actors(labelled)
    one = principal_title_pairs(f, pr, 50, block=1)
    assert one.tolist() == principal_title_pairs(f, pr, 50).tolist()
    # s1 and s2 (lead rt) are the only two records sharing a principal organisation
    assert [(f.ids[a], f.ids[b]) for a, b in one] == [("s1", "s2")]
