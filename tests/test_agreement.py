"""The Agreement Matrix on a registry whose cosines are computed by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.agreement import agreement_group, agreement_pairs
from ecosystem.model import Registry

# initiative: actors (lead first) | targets | resources | theme
#   j1: a, b | 14.1      | financing      | Marine pollution
#   j2: b, a | 14.1      | financing
#   j4: a, c | 14.1      | in_kind
#   j3: c, d | 14.4      | in_kind        | Sustainable fisheries
#   j5: d, e | 14.5 14.6 | in_kind
#   j6: e    | 14.6      | staff_expertise
#   j7: f    | (none)    | (none)
# Profiles (counts of initiatives):
#   goals      a {14.1: 3}  b {14.1: 2}  c {14.1: 1, 14.4: 1}  d {14.4, 14.5, 14.6: 1 each}
#              e {14.5: 1, 14.6: 2}
#   resources  a {fin 2, in_kind 1}  b {fin 2}  c {in_kind 2}  d {in_kind 2}
#              e {in_kind 1, staff 1}
INITS = {"j1": (["a", "b"], ["14.1"], ["financing"], "Marine pollution"),
         "j2": (["b", "a"], ["14.1"], ["financing"], None),
         "j4": (["a", "c"], ["14.1"], ["in_kind"], None),
         "j3": (["c", "d"], ["14.4"], ["in_kind"], "Sustainable fisheries"),
         "j5": (["d", "e"], ["14.5", "14.6"], ["in_kind"], None),
         "j6": (["e"], ["14.6"], ["staff_expertise"], None),
         "j7": (["f"], [], [], None)}


@pytest.fixture(scope="module")
def reg():
    ids = list(INITS)
    ties = [(i, a, "lead" if k == 0 else "partner")
            for i, (acts, *_) in INITS.items() for k, a in enumerate(acts)]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
                             "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                                  "kind": "partnership"}),
        ties=pd.DataFrame(ties, columns=["initiative_id", "actor_id", "role"]).assign(
            registry="t", record_id="r"),
        initiative_targets=pd.DataFrame([(i, t, 14) for i, v in INITS.items() for t in v[1]],
                                        columns=["initiative_id", "target", "goal"]),
        resources=pd.DataFrame([(i, r) for i, v in INITS.items() for r in v[2]],
                               columns=["initiative_id", "type"]),
        initiative_themes=pd.DataFrame([(i, v[3], "ocean_action_community")
                                        for i, v in INITS.items() if v[3]],
                                       columns=["initiative_id", "theme", "vocabulary"]))


def pair(df, a, b):
    hit = df[((df["actor_a"] == a) & (df["actor_b"] == b)) |
             ((df["actor_a"] == b) & (df["actor_b"] == a))]
    assert len(hit) == 1
    return hit.iloc[0]


def test_quadrants_by_hand(reg):
    p = agreement_pairs(reg, actors=list("abcde"), means=("resources",))
    assert len(p) == 10
    ab = pair(p, "a", "b")  # goals identical; means (2,1)·(2,0) / (√5·2) = 2/√5
    assert ab["goal_agreement"] == pytest.approx(1.0)
    assert ab["means_agreement"] == pytest.approx(2 / math.sqrt(5))
    assert (ab["quadrant"], ab["tool_family"]) == ("II", "culture tools")
    ac = pair(p, "a", "c")  # goals 3 / (3·√2); means 2 / (√5·2)
    assert (ac["goal_agreement"], ac["means_agreement"]) == pytest.approx(
        (1 / math.sqrt(2), 1 / math.sqrt(5)))
    assert (ac["quadrant"], ac["tool_family"]) == ("I", "leadership tools")
    cd = pair(p, "c", "d")  # goals 1 / (√2·√3); means in_kind only on both sides
    assert (cd["goal_agreement"], cd["means_agreement"]) == pytest.approx((1 / math.sqrt(6), 1))
    assert (cd["quadrant"], cd["tool_family"]) == ("III", "management tools")
    be = pair(p, "b", "e")  # nothing shared
    assert (be["goal_agreement"], be["means_agreement"]) == (0, 0)
    assert (be["quadrant"], be["tool_family"]) == ("IV", "power tools")
    assert ab["explanation"].startswith("goals 1.00 (high, shared: 14.1); means 0.89 (high: "
                                        "resources 0.89); quadrant II, culture tools")
    # a stricter goal threshold moves (a, c) from I to IV
    strict = agreement_pairs(reg, pairs=[("a", "c")], means=("resources",),
                             thresholds=(0.8, 0.5))
    assert strict.iloc[0]["quadrant"] == "IV"


def test_default_means_families(reg):
    p = agreement_pairs(reg, pairs=[("a", "b"), ("d", "e")])
    ab = pair(p, "a", "b")
    # resources 2/√5; themes identical (Marine pollution) 1; roles a (lead 2, partner 1),
    # b (lead 1, partner 1): 3 / (√5·√2)
    roles = 3 / (math.sqrt(5) * math.sqrt(2))
    assert ab["means_roles"] == pytest.approx(roles)
    assert ab["means_agreement"] == pytest.approx((2 / math.sqrt(5) + 1 + roles) / 3)
    de = pair(p, "d", "e")
    # e has no theme: themes not counted; resources 2 / (2·√2); roles identical
    assert pd.isna(de["means_themes"])
    assert de["means_agreement"] == pytest.approx((1 / math.sqrt(2) + 1) / 2)


def test_tied_pairs_and_community(reg):
    every = agreement_pairs(reg)  # tied pairs: a-b, a-c, c-d, d-e
    assert sorted(map(tuple, every[["actor_a", "actor_b"]].values.tolist())) == [
        ("a", "b"), ("a", "c"), ("c", "d"), ("d", "e")]
    membership = pd.DataFrame({"actor_id": list("abcde"), "community": ["c1"] * 3 + ["c2"] * 2})
    c1 = agreement_pairs(reg, community="c1", membership=membership)
    assert sorted(map(tuple, c1[["actor_a", "actor_b"]].values.tolist())) == [("a", "b"),
                                                                                ("a", "c")]
    with pytest.raises(AnalysisError, match="community 'c9' not found"):
        agreement_pairs(reg, community="c9", membership=membership)


def test_undetermined_when_no_goals(reg):
    p = agreement_pairs(reg, pairs=[("a", "f")])
    assert p.iloc[0]["quadrant"] == "undetermined"
    assert "goals not measurable" in p.iloc[0]["explanation"]


def test_group(reg):
    g = agreement_group(reg, ["a", "b", "C"], means=("resources",)).iloc[0]  # "C" is c's name
    # pairs: a-b (1, 2/√5), a-c (1/√2, 1/√5), b-c (2/(2·√2), 0)
    assert g["goal_agreement"] == pytest.approx((1 + 2 / math.sqrt(2)) / 3)
    assert g["means_agreement"] == pytest.approx((3 / math.sqrt(5)) / 3)
    assert (g["quadrant"], g["tool_family"], g["pairs"], g["actor_ids"]) == (
        "I", "leadership tools", 3, "a|b|c")
    assert "weakest goal agreement 0.71" in g["explanation"]


def test_bad_input(reg):
    with pytest.raises(AnalysisError, match=r"1 actor\(s\) not in the registry: 'zz'"):
        agreement_pairs(reg, actors=["a", "zz"])
    with pytest.raises(AnalysisError, match="not in the registry"):
        agreement_pairs(reg, pairs=[("a", "nobody")])
    with pytest.raises(AnalysisError, match="only one of"):
        agreement_pairs(reg, pairs=[("a", "b")], actors=["a", "b"])
    with pytest.raises(AnalysisError, match="thresholds"):
        agreement_pairs(reg, actors=["a", "b"], thresholds=(2, 0.5))
    with pytest.raises(AnalysisError, match="means families"):
        agreement_pairs(reg, actors=["a", "b"], means=("money",))
    with pytest.raises(AnalysisError, match="at least two"):
        agreement_group(reg, ["a", "A"])
    with pytest.raises(AnalysisError, match="empty"):
        agreement_pairs(Registry.empty())
    with pytest.raises(AnalysisError, match="max_pairs"):
        agreement_pairs(reg, max_pairs=2)


def test_min_initiatives_and_by_construction_note(reg):
    every = agreement_pairs(reg)
    # c-d: c in j3, j4; d in j3, j5 -> each has a portfolio of its own
    assert "by construction" not in pair(every, "c", "d")["explanation"]
    assert pair(every, "c", "d")[["initiatives_a", "initiatives_b", "shared_initiatives"]].tolist() \
        == [2, 2, 1]
    # a-b: b's initiatives j1, j2 are both shared with a, but a also has j4 -> not by construction
    assert "by construction" not in pair(every, "a", "b")["explanation"]
    assert pair(every, "d", "e")["shared_initiatives"] == 1
    # every tied actor has >= 2 initiatives; only a has 3
    assert len(agreement_pairs(reg, min_initiatives=2)) == 4
    assert len(agreement_pairs(reg, min_initiatives=3)) == 0
    # two actors met only in their one shared initiative: identical profiles, flagged
    two = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["p", "q"], "name": ["P", "Q"], "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": ["k1"], "registry": "t", "record_id": "k1",
                                  "kind": "partnership"}),
        ties=pd.DataFrame({"initiative_id": ["k1", "k1"], "actor_id": ["p", "q"],
                           "role": ["lead", "partner"], "registry": "t", "record_id": "k1"}),
        initiative_targets=pd.DataFrame({"initiative_id": ["k1"], "target": ["14.1"],
                                         "goal": [14]}))
    row = agreement_pairs(two).iloc[0]
    assert row["goal_agreement"] == 1.0 and row["quadrant"] == "I"  # roles differ: means 0
    assert row["explanation"].endswith("both profiles come only from the 1 initiative(s) the two "
                                       "share, so they agree by construction")


def test_median_thresholds(reg):
    p = agreement_pairs(reg, actors=list("abcde"), means=("resources",), thresholds="median")
    tg, tm = p.attrs["thresholds"]
    assert tg == pytest.approx(p["goal_agreement"].median())
    assert tm == pytest.approx(p["means_agreement"].median())
    high = p[(p["goal_agreement"] >= tg) & (p["means_agreement"] >= tm)]
    assert set(high["quadrant"]) == {"II"}
    with pytest.raises(AnalysisError, match="numeric thresholds"):
        agreement_group(reg, ["a", "b"], thresholds="median")
    with pytest.raises(AnalysisError, match="or 'median'"):
        agreement_pairs(reg, actors=["a", "b"], thresholds="mean")


# --- the real Ocean commitments registry ---------------------------------------------------

def test_ocean_agreement(ocean):
    # Pairs of tied actors that both have a portfolio of their own (2+ commitments):
    # in a single-goal registry almost all agree on goals and means in absolute terms
    # (measured: 24,273 pairs, 95.5% in quadrant II).
    p = agreement_pairs(ocean, min_initiatives=2)
    assert 15_000 < len(p) < 35_000
    assert (p["quadrant"] == "II").mean() > 0.9
    # relative to the median pair the four quadrants are all populated
    rel = agreement_pairs(ocean, min_initiatives=2, thresholds="median")
    assert set(rel["quadrant"]) == {"I", "II", "III", "IV"}
    # Sweden and Norway: six commitments together, same targets and means -> culture tools
    sn = agreement_pairs(ocean, pairs=[("Sweden", "Norway")]).iloc[0]
    assert sn["shared_initiatives"] >= 5
    assert (sn["quadrant"], sn["tool_family"]) == ("II", "culture tools")
    g = agreement_group(ocean, ["Sweden", "Norway", "Canada"]).iloc[0]
    assert g["pairs"] == 3 and g["quadrant"] == "II"
