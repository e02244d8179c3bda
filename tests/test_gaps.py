"""Coordination gaps: coverage, fragmented cells, uncovered targets, bridges, stakeholders, need."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers.hub_registry import cells_by_hand, hub_registry

from ecosystem.errors import AnalysisError, InputError
from ecosystem.measures.coordination import (
    coverage,
    dormancy_summary,
    fragmented_cells,
    missing_bridges,
    missing_stakeholders,
    need_gaps,
    uncovered,
)
from ecosystem.model import Registry, validate

# A hand-made registry. Actors (type, country):
#   gov_fji (government, FJI), ngo_a (ngo), ngo_b (ngo), uni (academic),
#   biz (private_sector), undp (un_multilateral), gov_nor (government, NOR)
# Initiatives (targets @ country places: actors, lead first):
#   i1 14.1 14.2 @FJI: gov_fji, ngo_a         i2 14.1 @FJI: ngo_b, uni
#   i3 14.1 @FJI: biz (no dates: dormant)     i4 14.2 @FJI: undp, gov_fji
#   i5 14.1 @KEN: gov_nor, ngo_a              i6 14.1 @KEN: uni, ngo_b
#   i8 14.3 @NOR (+ goal 13): gov_nor, ngo_b  i9 14.1 @TON: biz
# Cell (14.1, FJI) = i1, i2, i3: no shared actor, and no pair of their actors
# ever worked together -> fragmented. Cell (14.1, KEN) = i5, i6: no shared
# actor, but gov_nor (i5) and ngo_b (i6) work together in i8 -> linked.
# Cell (14.2, FJI) = i1, i4 share gov_fji -> linked.
ACTORS = [("gov_fji", "Government of Fiji", "government", "FJI"),
          ("ngo_a", "NGO A", "ngo", None), ("ngo_b", "NGO B", "ngo", None),
          ("uni", "University", "academic", None), ("biz", "Company", "private_sector", None),
          ("undp", "UNDP", "un_multilateral", None),
          ("gov_nor", "Government of Norway", "government", "NOR")]
TIES = {"i1": ["gov_fji", "ngo_a"], "i2": ["ngo_b", "uni"], "i3": ["biz"],
        "i4": ["undp", "gov_fji"], "i5": ["gov_nor", "ngo_a"], "i6": ["uni", "ngo_b"],
        "i8": ["gov_nor", "ngo_b"], "i9": ["biz"]}
TARGETS = {"i1": ["14.1", "14.2"], "i2": ["14.1"], "i3": ["14.1"], "i4": ["14.2"],
           "i5": ["14.1"], "i6": ["14.1"], "i8": ["14.3"], "i9": ["14.1"]}
PLACES = {"i1": "FJI", "i2": "FJI", "i3": "FJI", "i4": "FJI", "i5": "KEN", "i6": "KEN",
          "i8": "NOR", "i9": "TON"}


def small_registry() -> Registry:
    ids = list(TIES)
    ini = pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                        "kind": "partnership", "title": [f"Initiative {i}" for i in ids],
                        "start": [None if i == "i3" else "2020-01-01" for i in ids],
                        "end": [None if i == "i3" else "2030-01-01" for i in ids]})
    ties = pd.DataFrame([(i, a, "lead" if k == 0 else "partner", "t", i)
                         for i, acts in TIES.items() for k, a in enumerate(acts)],
                        columns=["initiative_id", "actor_id", "role", "registry", "record_id"])
    targets = pd.DataFrame([(i, t, 14) for i, ts in TARGETS.items() for t in ts],
                           columns=["initiative_id", "target", "goal"])
    goals = pd.DataFrame([(i, 14) for i in ids] + [("i8", 13)], columns=["initiative_id", "goal"])
    places = pd.DataFrame([(i, p, "country") for i, p in PLACES.items()],
                          columns=["initiative_id", "place", "kind"])
    places = pd.concat([places, pd.DataFrame({"initiative_id": ["i1"], "place": ["South Pacific"],
                                              "kind": ["ocean_basin"]})])
    reg = Registry.from_frames(
        actors=pd.DataFrame(ACTORS, columns=["actor_id", "name", "actor_type", "country"]),
        initiatives=ini, ties=ties, initiative_targets=targets, initiative_goals=goals,
        initiative_places=places)
    validate(reg)
    return reg


@pytest.fixture(scope="module")
def reg():
    return small_registry()


MEMBERSHIP = pd.DataFrame({"actor_id": ["gov_fji", "ngo_a", "undp", "ngo_b", "uni", "gov_nor",
                                        "biz"],
                           "community": ["c1", "c1", "c1", "c2", "c2", "c2", "c3"]})


def test_coverage_counts_initiatives_and_actors(reg):
    cov = coverage(reg, place_kind="country")
    row = cov[(cov["target"] == "14.1") & (cov["place"] == "FJI")].iloc[0]
    assert (row["initiatives"], row["actors"]) == (3, 5)
    assert row["place_name"] == "Fiji"
    assert "3 registered initiatives with 5 distinct actors work on target 14.1 in Fiji" \
        in row["explanation"]
    assert len(cov) == 5  # (14.1: FJI KEN TON) (14.2: FJI) (14.3: NOR), no empty cell
    assert cov["target"].tolist()[:3] == ["14.1", "14.1", "14.1"]
    active = coverage(reg, place_kind="country", dormant="exclude")
    assert active.set_index(["target", "place"]).loc[("14.1", "FJI"), "initiatives"] == 2
    goal = coverage(reg, place_kind="country", level="goal")
    assert goal.set_index(["goal", "place"]).loc[(14, "FJI"), "initiatives"] == 4
    assert goal.set_index(["goal", "place"]).loc[(13, "NOR"), "initiatives"] == 1


def test_coverage_bad_input(reg):
    with pytest.raises(AnalysisError, match="unknown place_kind 'planet'"):
        coverage(reg, place_kind="planet")
    with pytest.raises(AnalysisError, match="no places of kind 'admin1'.*country, ocean_basin"):
        coverage(reg, place_kind="admin1")
    with pytest.raises(AnalysisError, match="empty"):
        coverage(Registry.empty())
    with pytest.raises(AnalysisError, match="unknown level"):
        coverage(reg, level="indicator")


def test_fragmented_cells(reg):
    frag = fragmented_cells(reg, place_kind="country")
    assert frag[["target", "place"]].values.tolist() == [["14.1", "FJI"]]
    row = frag.iloc[0]
    assert (row["initiatives"], row["actors"], row["linked_pairs"], row["groups"]) == (3, 5, 0, 3)
    assert row["initiative_ids"] == "i1|i2|i3"
    assert "no two share an actor" in row["explanation"]
    # the dormant i3 dropped: still 2 unlinked initiatives
    active = fragmented_cells(reg, place_kind="country", dormant="exclude")
    assert active.iloc[0]["initiative_ids"] == "i1|i2"
    assert fragmented_cells(reg, place_kind="country", min_initiatives=4).empty


def test_fragmented_cells_loose_counts_groups():
    # add i7 on (14.1, FJI) sharing ngo_a with i1: i1-i7 linked, i2 and i3 alone -> 3 groups
    base = small_registry()
    ties = pd.concat([base.ties, pd.DataFrame({"initiative_id": ["i7"], "actor_id": ["ngo_a"],
                                               "role": ["lead"], "registry": ["t"],
                                               "record_id": ["i7"]})])
    ini = pd.concat([base.initiatives, pd.DataFrame({"initiative_id": ["i7"], "registry": ["t"],
                                                     "record_id": ["i7"], "kind": ["partnership"],
                                                     "start": [pd.Timestamp("2020-01-01")]})])
    reg = base.replace(
        initiatives=ini, ties=ties,
        initiative_targets=pd.concat([base.initiative_targets, pd.DataFrame(
            {"initiative_id": ["i7"], "target": ["14.1"], "goal": [14]})]),
        initiative_places=pd.concat([base.initiative_places, pd.DataFrame(
            {"initiative_id": ["i7"], "place": ["FJI"], "kind": ["country"]})]))
    assert fragmented_cells(reg).empty
    loose = fragmented_cells(reg, strict=False)
    row = loose.iloc[0]
    assert (row["place"], row["initiatives"], row["linked_pairs"], row["groups"]) == ("FJI", 4, 1, 3)
    assert "3 groups" in row["explanation"]


def test_uncovered(reg):
    u = uncovered(reg, place_kind="country")
    regrows = u[u["scope"] == "registry"]
    # goal 14 is the only goal with recorded targets; 14.1-14.3 are covered
    assert regrows["target"].tolist() == ["14.4", "14.5", "14.6", "14.7", "14.a", "14.b", "14.c"]
    assert regrows.iloc[0]["goal_initiatives"] == 8
    assert "No initiative records target 14.4 (Sustainable fishing" in regrows.iloc[0]["explanation"]
    places = u[u["scope"] == "place"]
    # FJI covers 14.1, 14.2 (8 missing); KEN, TON cover 14.1 and NOR 14.3 (9 missing each)
    assert places.groupby("place").size().to_dict() == {"FJI": 8, "KEN": 9, "NOR": 9, "TON": 9}
    fji = places[(places["place"] == "FJI") & (places["target"] == "14.3")].iloc[0]
    assert fji["explanation"] == ("4 initiatives work on SDG 14 in Fiji, but none on target "
                                  "14.3 (Reduce ocean acidification)")
    assert uncovered(reg, goals=[13]).empty


def test_missing_bridges(reg):
    mb = missing_bridges(reg, MEMBERSHIP)
    # on 14.1: c1 has i1, i5; c2 has i2, i5, i6; c3 (biz) has i3, i9.
    # c1-c2 are bridged (ngo_a and gov_nor together in i5); c3 never works with anyone.
    assert mb[["target", "community_a", "community_b"]].values.tolist() == [
        ["14.1", "c1", "c3"], ["14.1", "c2", "c3"]]
    row = mb.iloc[1]
    assert (row["initiatives_a"], row["initiatives_b"], row["actors_a"], row["actors_b"]) == (
        3, 2, 3, 1)
    assert "no actor belongs to both" in row["explanation"]
    # an actor in two communities bridges them
    overlap = pd.concat([MEMBERSHIP, pd.DataFrame({"actor_id": ["biz"], "community": ["c1"]})])
    assert missing_bridges(reg, overlap)[["community_a", "community_b"]].values.tolist() == [
        ["c2", "c3"]]
    with pytest.raises(AnalysisError, match="not in the registry"):
        missing_bridges(reg, pd.DataFrame({"actor_id": ["nobody"], "community": ["c"]}))
    with pytest.raises(AnalysisError, match="columns actor_id and community"):
        missing_bridges(reg, pd.DataFrame({"actor": ["biz"]}))


def test_missing_stakeholders(reg):
    ms = missing_stakeholders(reg, by="community", membership=MEMBERSHIP)
    assert ms["community"].tolist() == ["c1", "c2"]  # c3 has 1 actor (< min_actors=3)
    c1 = ms.iloc[0]
    assert c1["present"] == "national government; civil society; UN and multilateral bodies"
    assert c1["missing"] == "local government; private sector; academia and science"
    assert c1["n_missing"] == 3
    cells = missing_stakeholders(reg, by="cell", place_kind="country")
    fji = cells[(cells["target"] == "14.1") & (cells["place"] == "FJI")].iloc[0]
    assert fji["actors"] == 5
    assert fji["missing"] == "local government; UN and multilateral bodies"
    assert fji["explanation"].startswith("target 14.1 in Fiji: 5 actors, none of them local "
                                         "government or UN and multilateral bodies")
    custom = missing_stakeholders(reg, by="community", membership=MEMBERSHIP,
                                  expected_types=["government", "philanthropic"])
    assert custom["missing"].tolist() == ["philanthropic", "philanthropic"]
    with pytest.raises(AnalysisError, match="unknown actor types"):
        missing_stakeholders(reg, membership=MEMBERSHIP, expected_types=["donor"])
    with pytest.raises(AnalysisError, match="unknown by"):
        missing_stakeholders(reg, by="region")


def test_need_gaps_ranks_by_formula(reg, tmp_path):
    f = tmp_path / "need.csv"
    f.write_text("place,target,goal,need\nFJI,14.1,,0.9\nKEN,14.1,,0.5\nTON,14.3,,1.0\n"
                 "Fiji,,14,0.2\n", encoding="utf-8")
    g = need_gaps(reg, f)
    # need_norm = (n - 0.2) / 0.8 ; coverage_norm = initiatives / 4 (FJI goal 14 has 4)
    # TON 14.3: 1.0 * (1 - 0/4) = 1.0 ; FJI 14.1: 0.875 * (1 - 3/4) = 0.21875
    # KEN 14.1: 0.375 * (1 - 2/4) = 0.1875 ; FJI SDG 14: 0 * (1 - 4/4) = 0
    assert g[["place", "initiatives"]].values.tolist() == [["TON", 0], ["FJI", 3], ["KEN", 2],
                                                           ["FJI", 4]]
    assert g["gap"].round(5).tolist() == [1.0, 0.21875, 0.1875, 0.0]
    assert g["rank"].tolist() == [1, 2, 3, 4]
    assert "gap 0.22" in g.iloc[1]["explanation"]


@pytest.mark.parametrize("text, match", [
    ("place,target\nFJI,14.1\n", r"line 1, field need: missing column 'need'"),
    ("place,need\nFJI,1\n", r"line 1, field target: needs a column 'target' or 'goal'"),
    ("place,target,need\nFJI,14.1,high\n", r"line 2, field need: need 'high' is not a number"),
    ("place,target,need\nFJI,14.1,1\nFJI,fourteen,2\n", r"line 3, field target"),
    ("place,goal,need\nFJI,18,1\n", r"line 2, field goal"),
    ("place,target,need\nAtlantis,14.1,1\n", r"line 2, field place: unknown country"),
    ("place,target,need\nFJI,14.1,-1\n", r"line 2, field need"),
    ("place,target,need\nFJI,14.1,1\nFJI,14.1,2\n", r"line 3, field place.*twice"),
])
def test_need_file_errors_name_line_and_column(reg, tmp_path, text, match):
    f = tmp_path / "need.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match) as exc:
        need_gaps(reg, f)
    assert str(f) in str(exc.value)


def test_dormancy_summary(reg):
    d = dormancy_summary(reg, today="2026-03-26")
    top = d.set_index(["status", "reason"])
    assert top.loc[("dormant", "all"), "initiatives"] == 1  # i3: no dates, no deliverable
    assert top.loc[("active", "all"), "initiatives"] == 7
    assert top.loc[("dormant", "all"), "share"] == pytest.approx(1 / 8)
    assert top.loc[("dormant", "no real dates and no dated deliverable"), "initiatives"] == 1
    assert d.iloc[0]["explanation"] == "1 of 8 initiatives (12.5%) are dormant"


# --- the real Ocean commitments registry ---------------------------------------------------

def test_ocean_dormancy_share(ocean):
    # 515 of the 2,650 records are dormant on 2026-03-26 (the day the pages were saved):
    # 502 have no real start or end date (01 January 1970 placeholders or no timeline) and no
    # deliverable with a real date; 13 more have a completion date in the past and no
    # deliverable at all.
    d = dormancy_summary(ocean, today="2026-03-26").set_index(["status", "reason"])
    assert d.loc[("dormant", "all"), "initiatives"] == 515
    assert d.loc[("dormant", "all"), "share"] == pytest.approx(515 / 2650)
    assert d.loc[("dormant", "no real dates and no dated deliverable"), "initiatives"] == 502
    assert d.loc[("dormant", "completion date passed with no deliverable"), "initiatives"] == 13


def test_ocean_every_sdg14_target_is_covered(ocean):
    cov = coverage(ocean, place_kind="ocean_basin")
    assert sorted(cov["target"].unique()) == ["14.1", "14.2", "14.3", "14.4", "14.5", "14.6",
                                              "14.7", "14.a", "14.b", "14.c"]
    # the sdg14_targets field: 300 commitments on 14.1 name the North Atlantic basin
    na = cov[(cov["target"] == "14.1") & (cov["place"] == "North Atlantic")].iloc[0]
    assert na["initiatives"] == 300
    u = uncovered(ocean)
    assert (u["scope"] == "registry").sum() == 0  # all 10 targets of SDG 14 have initiatives
    # 13 records name Tonga in their coverage or beneficiaries; none of them ticks 14.1
    # (checked against the raw sdg14_targets lists)
    ton = u[(u["place"] == "TON") & (u["target"] == "14.1")].iloc[0]
    assert ton["goal_initiatives"] == 13


def test_ocean_fragmented_cells_in_lebanon(ocean):
    # Four commitments work on 14.1 in Lebanon: Operation Big Blue (40618), UNEP/MAP's Shared
    # Environmental Information System (41689, led by "UN Environment / Mediterranean Action
    # Plan"), Environmental Medics' Tripoli beach clean-ups (42409) and Beam of the Environment
    # Association with UNDP (42421). Once the lead field is read as its two bodies, UNEP and
    # UNDP -- who work together in other commitments -- link the cell: it is not fragmented.
    frag = fragmented_cells(ocean, place_kind="country")
    t = ocean.ties
    together = set(t.loc[t["actor_id"] == "unep", "initiative_id"]) & set(
        t.loc[t["actor_id"] == "undp", "initiative_id"])
    assert len(together) >= 3
    assert frag[(frag["target"] == "14.1") & (frag["place"] == "LBN")].empty
    # Every cell reported fragmented has, checked here from the ties alone, no actor shared
    # by two of its initiatives and no pair of their actors that worked together anywhere.
    members = t.groupby("initiative_id")["actor_id"].apply(set)
    worked = t.groupby("actor_id")["initiative_id"].apply(set)
    for row in frag[frag["place"] == "LBN"].itertuples():
        ids = row.initiative_ids.split("|")
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                assert not members.get(x, set()) & members.get(y, set())
                assert all(not (worked[a] & worked[b]) for a in members.get(x, set())
                           for b in members.get(y, set()))
    assert len(frag) > 100  # many country cells have two or more unlinked commitments


def _fragments_by_hand(reg: Registry) -> pd.DataFrame:
    """Every target × country cell of 2+ initiatives: linked pairs and groups, with networkx."""
    import itertools

    import networkx as nx

    acts, worked, cells = cells_by_hand(reg)  # worked: co-membership anywhere in the registry
    rows = []
    for (target, place), inits in cells.items():
        if len(inits) < 2:
            continue
        links = nx.Graph()
        links.add_nodes_from(inits)
        links.add_edges_from(
            (i, j) for i, j in itertools.combinations(sorted(inits), 2)
            if acts.get(i, set()) & acts.get(j, set())
            or any(worked.has_edge(u, v) for u in acts.get(i, ()) for v in acts.get(j, ())))
        rows.append((target, place, len(inits), len(set().union(*(acts.get(i, set())
                                                                  for i in inits))),
                     links.number_of_edges(), nx.number_connected_components(links)))
    return pd.DataFrame(rows, columns=["target", "place", "initiatives", "actors",
                                       "linked_pairs", "groups"])


@pytest.mark.parametrize("seed,small_blocks", [(s, s % 2 == 1) for s in range(6)])
def test_fragmented_cells_against_networkx_on_random_registries(seed, small_blocks,
                                                                 monkeypatch):
    # strict and loose fragmented cells = a recount cell by cell with networkx; odd seeds
    # cut the work into blocks of a few entries (the chunking of large registries)

    from ecosystem.measures.coordination import cell_links, cell_ties

    if small_blocks:
        monkeypatch.setattr(cell_ties, "BLOCK_ENTRIES", 5)
        monkeypatch.setattr(cell_links, "BLOCK_BYTES", 3)
    reg = hub_registry(seed, n_initiatives=60, n_actors=50, hub_share=0.3, max_more=3,
                       places=["FJI", "KEN", "NOR", "TON"])  # a0 in about a third
    want = _fragments_by_hand(reg).set_index(["target", "place"])
    cols = ["initiatives", "actors", "linked_pairs", "groups"]
    loose = fragmented_cells(reg, strict=False).set_index(["target", "place"])[cols]
    expect = want[want["groups"] >= 2].sort_index()
    assert len(expect) and (expect["linked_pairs"] > 0).any()  # the test has links to count
    pd.testing.assert_frame_equal(loose.sort_index().astype("int64"), expect,
                                  check_index_type=False)
    strict = fragmented_cells(reg).set_index(["target", "place"])[cols]
    expect = want[want["linked_pairs"] == 0].sort_index()
    pd.testing.assert_frame_equal(strict.sort_index().astype("int64"), expect,
                                  check_index_type=False)


def test_the_gaps_section_shows_the_largest_gaps_first(ocean):
    # the measures order cells by target: the report's 20 rows were all of target 14.1 ("5
    # initiatives in Spain" above the 8 of some 14.2 cell) and, on sector registries, "the
    # largest" fragmented cell was the first sector's
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_coordination import gaps as gaps_section

    s = gaps_section(Analysis(ocean))
    tables = {name: df for name, df, _ in s.tables}
    frag = tables["Fragmented cells"]
    assert frag["initiatives"].is_monotonic_decreasing
    assert frag["initiatives"].iloc[0] == fragmented_cells(ocean)["initiatives"].max()
    unc = tables["Uncovered targets"]
    places = unc[unc["scope"] == "place"]
    assert places["goal initiatives"].is_monotonic_decreasing and len(places) == 20   # (the rows shown)


def test_a_gap_count_of_none_is_written_as_no_gap():
    # the IATI report's summary said "0 sector × country cells are fragmented: their
    # activities fall …" and "0 pairs of communities … work on the same sector"
    from helpers.real_data import real_file

    import ecosystem
    from ecosystem.kinds import KINDS, registry_kind
    from ecosystem.measures.context import Analysis, Settings, settings_for_kind
    from ecosystem.report.sections_coordination import gaps as gaps_section

    reg = ecosystem.load(real_file("iati_activities", "datastore_multi_publisher_2020_v202.xml"))
    settings = settings_for_kind(Settings(level="sector", vocabulary="dac_sector"),
                                 KINDS[registry_kind(reg)])
    a = Analysis(reg, settings)
    frag = fragmented_cells(reg, strict=False, cells=a.cells)
    findings = " ".join(gaps_section(a).findings)
    assert frag.empty                                   # independent: nothing to report
    assert "No sector × country cell is fragmented (activities in two or more groups" in findings
    assert "No two communities of 10+ actors work on the same sector" in findings
    assert re.search(r"(?:^|\. )0 ", findings) is None           # no sentence opens with "0 …"
