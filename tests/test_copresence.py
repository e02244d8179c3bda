"""Co-presence: organisations tied by shared place × sector cells (3W registries).

A hand-made 3W with its edges and weights worked out by hand; the ROWCA 3W against an
independent pandas self-join of its (org, country, admin1, sector) rows and networkx
betweenness; the report sections on it; the IATI-Sierra-Leone sheet read as activities with
their start dates, checked against the CSV read here with pandas.
"""
from __future__ import annotations

import itertools
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers.real_data import real_file

from ecosystem.errors import AnalysisError
from ecosystem.graphs import copresence_projection, copresence_registry, projection_edges
from ecosystem.kinds import KINDS, registry_kind
from ecosystem.measures.context import Analysis, Settings, settings_for_kind
from ecosystem.measures.coordination.crowding import NOT_ASSESSED, crowding
from ecosystem.model import Registry

# Hand-made 3W. Cells (sector, admin1) of each organisation:
#   unicef: WASH·Gao, WASH·Mopti, Health·Gao (r1 is WASH in Gao AND Mopti: both cells)
#   msf:    WASH·Gao, Health·Gao
#   irc:    WASH·Mopti, Protection·Kayes
#   wfp:    Food·Kayes                      (shares no cell: isolated)
#   echo:   funds r1 (role funding): WASH·Gao, WASH·Mopti
# shared cells: unicef–msf 2, unicef–irc 1 (WASH·Mopti), unicef–echo 2, msf–echo 1 (WASH·Gao),
#   irc–echo 1 (WASH·Mopti).
# Cell sizes k: WASH·Gao {unicef, msf, echo} 3, WASH·Mopti {unicef, irc, echo} 3,
#   Health·Gao {unicef, msf} 2, Protection·Kayes 1, Food·Kayes 1.
# newman = Σ 1/(k−1): unicef–msf 1/2 + 1 = 1.5, unicef–irc 1/2, unicef–echo 1/2 + 1/2 = 1,
#   msf–echo 1/2, irc–echo 1/2.
# jaccard: unicef 3 cells, msf 2, irc 2, echo 2: unicef–msf 2/3, unicef–irc 1/4,
#   unicef–echo 2/3, msf–echo 1/3, irc–echo 1/3.
ROWS = [  # record, organisation, role, sector, places
    ("r1", "unicef", "implementing", "WASH", ["Gao", "Mopti"]),
    ("r1", "echo", "funding", "WASH", ["Gao", "Mopti"]),
    ("r2", "unicef", "implementing", "Health", ["Gao"]),
    ("r3", "msf", "implementing", "WASH", ["Gao"]),
    ("r4", "msf", "implementing", "Health", ["Gao"]),
    ("r5", "irc", "implementing", "WASH", ["Mopti"]),
    ("r6", "irc", "implementing", "Protection", ["Kayes"]),
    ("r7", "wfp", "implementing", "Food", ["Kayes"]),
]
ACTORS = ["unicef", "msf", "irc", "wfp", "echo"]


@pytest.fixture(scope="module")
def three_w() -> Registry:
    ids = sorted({r[0] for r in ROWS})
    sectors = {r[0]: r[3] for r in ROWS}
    places = {r[0]: r[4] for r in ROWS}
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ACTORS, "name": [a.upper() for a in ACTORS],
                             "actor_type": ["un_multilateral", "ngo", "ngo", "un_multilateral",
                                            "government"],
                             "country": [None, None, "USA", None, None]}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
                                  "kind": "presence"}),
        ties=pd.DataFrame([(r[0], r[1], r[2]) for r in ROWS],
                          columns=["initiative_id", "actor_id", "role"]).assign(
            registry="r", record_id="x"),
        initiative_themes=pd.DataFrame({"initiative_id": ids, "theme": [sectors[i] for i in ids],
                                        "vocabulary": "cluster"}),
        initiative_places=pd.DataFrame(
            [(i, p, "admin1", "MLI") for i in ids for p in places[i]]
            + [(i, "MLI", "country", None) for i in ids],
            columns=["initiative_id", "place", "kind", "parent"]))


def _edges(g) -> dict:
    e = projection_edges(g)
    return {frozenset((s, t)): (round(w, 6), k)
            for s, t, w, k in zip(e["source"], e["target"], e["weight"], e["shared"])}


def test_hand_made_edges_and_weights(three_w):
    pair = lambda a, b: frozenset((a, b))
    count = copresence_projection(three_w)
    assert count.vs["name"] == ACTORS  # every actor, in reg.actors order (wfp isolated)
    assert count.vs["label"] == [a.upper() for a in ACTORS]
    assert count.vs["actor_type"][4] == "government" and count.vs["country"][2] == "USA"
    assert _edges(count) == {pair("unicef", "msf"): (2.0, 2), pair("unicef", "irc"): (1.0, 1),
                             pair("unicef", "echo"): (2.0, 2), pair("msf", "echo"): (1.0, 1),
                             pair("irc", "echo"): (1.0, 1)}
    assert count.degree()[ACTORS.index("wfp")] == 0
    assert (count["network"], count["cells"], count["weighting"]) == ("co-presence", 5, "count")
    newman = _edges(copresence_projection(three_w, weight="newman"))
    assert {k: w for k, (w, _) in newman.items()} == {
        pair("unicef", "msf"): 1.5, pair("unicef", "irc"): 0.5, pair("unicef", "echo"): 1.0,
        pair("msf", "echo"): 0.5, pair("irc", "echo"): 0.5}
    jaccard = _edges(copresence_projection(three_w, weight="jaccard"))
    assert {k: w for k, (w, _) in jaccard.items()} == {
        pair("unicef", "msf"): round(2 / 3, 6), pair("unicef", "irc"): 0.25,
        pair("unicef", "echo"): round(2 / 3, 6), pair("msf", "echo"): round(1 / 3, 6),
        pair("irc", "echo"): round(1 / 3, 6)}


def test_hand_made_cells_registry(three_w):
    cells = copresence_registry(three_w)
    per_cell = cells.ties.groupby("initiative_id")["actor_id"].apply(frozenset).to_dict()
    assert per_cell == {"WASH · Gao": {"unicef", "msf", "echo"},
                        "WASH · Mopti": {"unicef", "irc", "echo"},
                        "Health · Gao": {"unicef", "msf"}, "Protection · Kayes": {"irc"},
                        "Food · Kayes": {"wfp"}}
    assert set(cells.ties.loc[cells.ties["actor_id"] == "echo", "role"]) == {"funding"}
    assert cells.initiative_places.set_index("initiative_id")["parent"].eq("MLI").all()
    # country cells: everyone working on WASH in Mali shares one cell
    by_country = _edges(copresence_projection(three_w, place_kind="country"))
    assert by_country[frozenset(("msf", "irc"))] == (1.0, 1)


def test_errors_name_what_is_missing(three_w):
    with pytest.raises(AnalysisError, match="no places of kind 'admin2'"):
        copresence_projection(three_w, place_kind="admin2")
    with pytest.raises(AnalysisError, match="no SDG targets"):
        copresence_projection(three_w, level="target")
    two = three_w.replace(initiative_themes=pd.concat([
        three_w.initiative_themes,
        pd.DataFrame({"initiative_id": ["r1"], "theme": ["14020"], "vocabulary": "dac_sector"})]))
    # without a choice, the sectors most initiatives have (clusters here) are read, as coverage does
    assert copresence_projection(two).es["shared"] == copresence_projection(
        two, vocabulary="cluster").es["shared"]
    assert copresence_projection(two, vocabulary="dac_sector").ecount() == 1  # unicef–echo
    with pytest.raises(AnalysisError, match="no initiative theme of vocabulary 'dac_category'"):
        copresence_projection(two, vocabulary="dac_category")


def test_crowding_connectivity_not_assessed(three_w):
    assessed = crowding(three_w, place_kind="admin1", level="sector")
    assert assessed["flag"].notna().all() and assessed.attrs["connectivity"] is None
    c = crowding(three_w, place_kind="admin1", level="sector", connectivity=False)
    assert c[["initiatives", "actors"]].equals(assessed[["initiatives", "actors"]])
    for col in ("connected_pairs", "linked_initiatives", "density", "flag"):
        assert c[col].isna().all(), col
    assert c["explanation"].str.endswith(NOT_ASSESSED).all()
    assert c.attrs["connectivity"] == NOT_ASSESSED


# --- the ROWCA 3W -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rowca_rows() -> pd.DataFrame:
    """(org, country, admin1, sector) rows straight from the CSV (row 2 is the hashtags)."""
    df = pd.read_csv(real_file("hxl_3w", "rowca-3w-hxl.csv"), skiprows=[1], dtype=str)
    return df[["Organization", "Country", "Admin1", "Cluster"]].dropna().drop_duplicates()


@pytest.fixture(scope="module")
def rowca(rowca_rows) -> Analysis:
    from ecosystem import load

    reg = load([real_file("hxl_3w", "rowca-3w-hxl.csv")])
    return Analysis(reg, settings_for_kind(Settings(), KINDS[registry_kind(reg)]))


def _independent_pairs(rows: pd.DataFrame) -> pd.Series:
    cell = ["Country", "Admin1", "Cluster"]
    both = rows.merge(rows, on=cell)
    both = both[both["Organization_x"] < both["Organization_y"]]
    return both.groupby(["Organization_x", "Organization_y"]).size()


def test_rowca_projection_matches_a_pandas_self_join(rowca, rowca_rows):
    g = rowca.projection
    pairs = _independent_pairs(rowca_rows)
    assert (g.vcount(), g.ecount()) == (rowca_rows["Organization"].nunique(), len(pairs))
    assert (g.vcount(), g.ecount()) == (11, 20)
    name = dict(zip(rowca.reg.actors["actor_id"], rowca.reg.actors["name"]))
    e = projection_edges(g)
    got = {tuple(sorted((name[s], name[t]))): k for s, t, k in
           zip(e["source"], e["target"], e["shared"])}
    assert got == pairs.to_dict()
    assert g["cells"] == len(rowca_rows[["Country", "Admin1", "Cluster"]].drop_duplicates())


def test_rowca_hubs_communities_brokers(rowca, rowca_rows):
    hubs = rowca.hub_table.set_index("name")
    cells = rowca_rows.groupby("Organization").size()  # cells per organisation
    assert hubs["initiatives"].to_dict() == cells.to_dict()
    assert hubs["partners"].idxmax() == "International Rescue Committee"
    assert hubs.loc["World Food Programme", "partners"] == 0  # food security: WFP alone
    comm = rowca.communities
    assert comm["community"].nunique() > 1
    # betweenness against networkx on the independent edge list (unweighted hops)
    nxg = nx.Graph()
    nxg.add_nodes_from(rowca_rows["Organization"].unique())
    nxg.add_edges_from(_independent_pairs(rowca_rows).index)
    bt = nx.betweenness_centrality(nxg, normalized=False)
    b = rowca.broker_table.set_index("name")
    assert b["betweenness"].to_dict() == pytest.approx(bt)
    assert b["betweenness"].idxmax() == max(bt, key=bt.get) == "International Rescue Committee"
    # structural holes are between cells: WFP's cells have no one else, so no constraint
    assert np.isnan(b.loc["World Food Programme", "constraint"])
    assert b["constraint"].notna().sum() == 10


def test_rowca_report_sections_speak_of_cells(rowca, rowca_rows):
    from ecosystem.report import (
        sections_coordination,
        sections_network,
        sections_power,
        sections_structure,
    )

    text = {}
    for name, build in (("overview", sections_network.overview),
                        ("hubs", sections_network.hubs),
                        ("brokers", sections_network.brokers),
                        ("structure", sections_structure.structure),
                        ("resilience", sections_power.resilience),
                        ("overlap", sections_coordination.overlap)):
        s = build(rowca)
        text[name] = " ".join(s.findings + [t for _, t in s.methods])
    assert text["overview"].startswith("11 organisations work in 30 sector × admin1 cells")
    assert "Co-presence projection" in " ".join(m for m, _ in sections_network.overview(rowca)
                                                .methods)
    assert "World Food Programme works in the most cells (14)" in text["hubs"]
    # the reach of a fifth of its 11 organisations, counted on the CSV's rows: the two in the
    # most cells, and the cells either works in
    cells = rowca_rows.groupby("Organization")[["Country", "Admin1", "Cluster"]].apply(
        lambda d: set(map(tuple, d.to_numpy())))
    top = cells.map(len).sort_values(ascending=False, kind="stable")
    assert top.iloc[1] > top.iloc[2]  # no tie for second place: the two are these
    reach = len(cells[top.index[0]] | cells[top.index[1]])
    assert text["hubs"].startswith(f"The 2 organisations in the most cells work in "
                                   f"{round(100 * reach / 30)}% of the sector × admin1 cells "
                                   f"({reach} of 30).")
    assert "structural holes between cells" in text["brokers"]
    assert "Leiden finds 3 communities" in text["structure"]
    assert "of cells in the largest connected group" in text["resilience"]
    assert NOT_ASSESSED.removeprefix("connectivity not assessed: ") in text["overlap"]
    for words in text.values():
        assert not re.search(r"\b(nan|None|inf)\b|initiatives with partners", words)


# --- IATI activities flattened to HXL -------------------------------------------------------


def test_iati_sierra_leone_reads_as_activities_with_start_dates():
    from ecosystem.loaders import hxl

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    df = pd.read_csv(path, skiprows=[1], dtype=str, keep_default_na=False)
    reg = hxl.read(path)
    assert len(reg.initiatives) == len(df) == 515
    assert set(reg.initiatives["kind"]) == {"activity"}
    assert registry_kind(reg) == "activity"
    # start: actual when given, else planned (both tagged #x_activity_start_date), day first
    actual, planned = df["start-actual"].str.strip(), df["start-planned"].str.strip()
    expected = pd.to_datetime(actual.where(actual != "", planned).replace("", None),
                              format="%d/%m/%Y")
    expected.index = df["iati-identifier"].str.strip()
    got = reg.initiatives.set_index("record_id")["start"]
    assert got.notna().sum() == expected.notna().sum() == 457
    assert (pd.to_datetime(got.reindex(expected.index)).dropna()
            == expected.dropna()).all()
    assert reg.initiatives["end"].isna().all()  # the end columns carry no hashtag


def test_rowca_stays_presence():
    from ecosystem.loaders import hxl

    reg = hxl.read(real_file("hxl_3w", "rowca-3w-hxl.csv"))
    assert set(reg.initiatives["kind"]) == {"presence"}
    assert reg.initiatives["start"].isna().all()  # #period_date is only "June"


def test_pairs_helper_is_a_true_self_join():
    rows = pd.DataFrame({"Organization": ["a", "b", "c", "a"], "Country": "M",
                         "Admin1": ["g", "g", "g", "k"], "Cluster": ["w", "w", "w", "w"]})
    assert _independent_pairs(rows).to_dict() == {
        tuple(p): 1 for p in itertools.combinations("abc", 2)}


def test_bridges_between_communities_are_not_claimed_where_no_community_is_large(rowca):
    # "No two communities of 10+ actors work on the same sector with no actor in both": true
    # of any sheet of eleven organisations, and read as a finding
    from ecosystem.report.sections_coordination import MIN_COMMUNITY, gaps

    sizes = rowca.communities["community"].value_counts()
    assert sizes.max() < MIN_COMMUNITY                           # independent: none is large
    findings = gaps(rowca).findings
    assert (f"Missing bridges between communities are not assessed: no community has "
            f"{MIN_COMMUNITY} actors or more.") in findings
    assert not any("No two communities" in f for f in findings)


def test_rowca_weak_structure_is_read_on_the_modularity_shown(rowca):
    """ROWCA's communities have modularity just under 0.3, shown as 0.30: the report had
    added "Modularity below 0.3 is weak" after "modularity 0.30". Modularity checked with
    networkx on the same partition and weights."""
    from ecosystem.report.sections_structure import structure

    memb = rowca.communities
    q = memb.attrs["modularity"]
    g = nx.Graph()
    e = projection_edges(rowca.projection)
    g.add_weighted_edges_from(zip(e["source"], e["target"], e["weight"]))
    groups = [set(grp) & set(g) for grp in memb.groupby("community")["actor_id"].apply(set)]
    assert nx.community.modularity(g, [p for p in groups if p]) == pytest.approx(q, abs=1e-6)
    assert 0.295 <= q < 0.3
    text = structure(rowca).findings[0]
    assert "modularity 0.30" in text and "weak community structure" not in text
