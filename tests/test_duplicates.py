"""Duplicate clusters: near-duplicate registrations apart from substantive overlap."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers.overlap_registry import overlap_registry

from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.duplicates import (
    CLUSTER_COLUMNS,
    completeness,
    duplicate_clusters,
    near_duplicate_pairs,
)
from ecosystem.model import Registry


@pytest.fixture(scope="module")
def reg():
    return overlap_registry()


def test_completeness_by_hand(reg):
    # m1: description, start, end, targets, places, partners (b, c), url = 7 (no deliverable,
    # no resource); f1: description, targets, places, url = 4 (f2's 1970 date is a placeholder);
    # c1: description, start, end, goal 13, partner h, url = 6
    assert completeness(reg).to_dict() == {"m1": 7, "m2": 7, "f1": 4, "f2": 4, "c1": 6}


def test_near_duplicate_registration_and_substantive_overlap_apart(reg):
    d = duplicate_clusters(reg, min_score=0.5)
    assert list(d.columns) == CLUSTER_COLUMNS
    near = d[d["kind"] == "near_duplicate_registration"]
    over = d[d["kind"] == "substantive_overlap"]
    # f1/f2: same lead e, titles equal but for case -> registration entered twice
    assert near["initiative_id"].tolist() == ["f1", "f2"]
    assert near["representative"].tolist() == [True, False]  # tie on 4 fields: registry order
    assert near["lead"].tolist() == ["Fiji Ministry of Fisheries"] * 2
    assert near["reason"].iloc[1].startswith(
        "near duplicate registration of f1 (score 0.95): same lead Fiji Ministry of Fisheries;")
    assert "titles 100% similar" in near["reason"].iloc[1]
    # m1/m2: leads a and d differ, same mangrove work -> substantive overlap
    assert over["initiative_id"].tolist() == ["m1", "m2"]
    assert over["representative"].tolist() == [True, False]  # 7 fields each; m1 starts first
    assert over["reason"].iloc[0] == "representative: most complete record (7 of 9 fields filled)"
    assert "different leads; 2 of 4 actors shared" in over["reason"].iloc[1]
    assert set(d["size"]) == {2} and d["cluster"].tolist() == [1, 1, 2, 2]
    assert "c1" not in set(d["initiative_id"])


def test_threshold_removes_substantive_pair(reg):
    d = duplicate_clusters(reg)  # default min_score 0.8: m1/m2 score 0.71
    assert set(d["kind"]) == {"near_duplicate_registration"}


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
    assert set(hsa["kind"]) == {"near_duplicate_registration"}
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
