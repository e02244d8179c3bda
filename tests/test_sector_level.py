"""Sector level of the coverage analyses: cluster × admin1 cells of a 3W sheet.

A hand-made registry with humanitarian clusters and admin1 areas (counts worked
out by hand below), then the real OCHA ROWCA 3W, checked against counts taken
from the CSV with the csv module, and its report.
"""
from __future__ import annotations

import collections
import csv

import pandas as pd
import pytest
from helpers.real_data import real_file

from ecosystem.errors import AnalysisError, InputError
from ecosystem.measures.coordination import (
    fragmented_cells,
    missing_stakeholders,
    need_gaps,
    uncovered,
)
from ecosystem.measures.coordination.cells import (
    SECTOR_VOCABULARIES,
    cell_memberships,
    sector_vocabulary,
)
from ecosystem.measures.coordination.coverage import coverage
from ecosystem.measures.coordination.crowding import crowding
from ecosystem.model import Registry, validate

# Actors: irc, oxfam (ngo), unicef, wfp (un_multilateral), gov (government).
# Initiatives (cluster @ admin1 (country): actors):
#   a1 WASH @ Gao (MLI): irc            a2 WASH @ Gao: oxfam
#   a3 WASH @ Gao, Mopti (MLI): unicef  a4 Protection @ Gao: irc, unicef
#   a5 Education @ Mopti: unicef        a8 WASH @ Mopti: irc (no dates: dormant)
#   a9 Protection @ Gao: oxfam
#   a6 Food Security @ Dakar (SEN): wfp a10 Food Security @ Dakar: wfp
#   a7 Food Security @ Thiès (SEN): wfp, gov
# a1 also carries the DAC sector "Basic drinking water supply" (vocabulary dac_sector).
# Cells (initiatives, actors):
#   (Education, Mopti) a5 -> 1, 1            (Food Security, Dakar) a6 a10 -> 2, 1 (wfp)
#   (Food Security, Thiès) a7 -> 1, 2        (Protection, Gao) a4 a9 -> 2, 3
#   (WASH, Gao) a1 a2 a3 -> 3, 3             (WASH, Mopti) a3 a8 -> 2, 2
# Links: irc and unicef work together in a4; oxfam never works with anyone.
#   (Protection, Gao): a4 {irc, unicef} vs a9 {oxfam}: no link -> fragmented (strict).
#   (WASH, Gao): a1–a3 linked through a4, a2 alone -> 2 groups (fragmented when not strict).
#   (WASH, Mopti): a3–a8 linked.  (Food Security, Dakar): a6, a10 share wfp.
TIES = {"a1": ["irc"], "a2": ["oxfam"], "a3": ["unicef"], "a4": ["irc", "unicef"],
        "a5": ["unicef"], "a8": ["irc"], "a9": ["oxfam"], "a6": ["wfp"], "a10": ["wfp"],
        "a7": ["wfp", "gov"]}
CLUSTER = {"a1": "WASH", "a2": "WASH", "a3": "WASH", "a4": "Protection", "a5": "Education",
           "a8": "WASH", "a9": "Protection", "a6": "Food Security", "a10": "Food Security",
           "a7": "Food Security"}
ADMIN1 = {"a1": ["Gao"], "a2": ["Gao"], "a3": ["Gao", "Mopti"], "a4": ["Gao"], "a5": ["Mopti"],
          "a8": ["Mopti"], "a9": ["Gao"], "a6": ["Dakar"], "a10": ["Dakar"], "a7": ["Thiès"]}
COUNTRY = {"Gao": "MLI", "Mopti": "MLI", "Dakar": "SEN", "Thiès": "SEN"}
ACTORS = [("irc", "IRC", "ngo"), ("oxfam", "OXFAM", "ngo"), ("unicef", "UNICEF", "un_multilateral"),
          ("wfp", "WFP", "un_multilateral"), ("gov", "Government of Senegal", "government")]


def sector_registry(with_parent: bool = True) -> Registry:
    ids = list(TIES)
    ini = pd.DataFrame({"initiative_id": ids, "registry": "w", "record_id": ids,
                        "kind": "presence", "title": ids,
                        "start": [None if i == "a8" else "2014-01-01" for i in ids],
                        "end": [None if i == "a8" else "2030-01-01" for i in ids]})
    ties = pd.DataFrame([(i, a, "implementing", "w", i) for i, acts in TIES.items() for a in acts],
                        columns=["initiative_id", "actor_id", "role", "registry", "record_id"])
    themes = pd.DataFrame([(i, c, "cluster") for i, c in CLUSTER.items()]
                          + [("a1", "Basic drinking water supply", "dac_sector")],
                          columns=["initiative_id", "theme", "vocabulary"])
    places = [(i, p, "admin1", p, COUNTRY[p] if with_parent else None)
              for i, ps in ADMIN1.items() for p in ps]
    places += [(i, COUNTRY[ps[0]], "country", {"MLI": "Mali", "SEN": "Senegal"}[COUNTRY[ps[0]]],
                None) for i, ps in ADMIN1.items()]
    reg = Registry.from_frames(
        actors=pd.DataFrame(ACTORS, columns=["actor_id", "name", "actor_type"]),
        initiatives=ini, ties=ties, initiative_themes=themes,
        initiative_places=pd.DataFrame(places, columns=["initiative_id", "place", "kind", "name",
                                                        "parent"]))
    validate(reg)
    return reg


@pytest.fixture(scope="module")
def reg():
    return sector_registry()


def _cells(df: pd.DataFrame, *cols: str) -> dict:
    return {(r.sector, r.place): tuple(getattr(r, c) for c in cols)
            for r in df.itertuples(index=False)}


def test_vocabulary_is_chosen_and_checked(reg):
    assert SECTOR_VOCABULARIES[0] == "cluster"
    assert sector_vocabulary(reg) == "cluster"  # cluster comes before dac_sector
    assert sector_vocabulary(reg, "dac_sector") == "dac_sector"
    with pytest.raises(AnalysisError, match=r"no initiative theme of vocabulary 'sdg'; "
                                            r"vocabularies present: cluster, dac_sector"):
        coverage(reg, place_kind="admin1", level="sector", vocabulary="sdg")
    networks = reg.replace(initiative_themes=reg.initiative_themes.assign(
        vocabulary="action_network"))
    with pytest.raises(AnalysisError, match=r"level='sector' needs initiative themes of a sector "
                                            r"vocabulary \(cluster, dac_sector.*present: "
                                            r"action_network; pass vocabulary="):
        coverage(networks, place_kind="admin1", level="sector")
    # the 6 cluster cells and the DAC sector's (Basic drinking water supply, Gao)
    assert len(coverage(networks, place_kind="admin1", level="sector",
                        vocabulary="action_network")) == 7


def test_cell_memberships_sector_columns(reg):
    cells = cell_memberships(reg, place_kind="admin1", level="sector")
    assert cells.columns.tolist() == ["initiative_id", "goal", "target", "sector", "place",
                                      "place_kind"]
    assert cells["goal"].isna().all() and cells["target"].isna().all()
    assert len(cells) == 11  # a3 is in two places
    assert set(cells.loc[cells["initiative_id"] == "a3", "place"]) == {"Gao", "Mopti"}


def test_coverage_by_hand(reg):
    cov = coverage(reg, place_kind="admin1", level="sector")
    assert cov.columns.tolist() == ["goal", "target", "sector", "place", "place_kind",
                                    "place_name", "initiatives", "actors", "explanation"]
    assert _cells(cov, "initiatives", "actors") == {
        ("Education", "Mopti"): (1, 1), ("Food Security", "Dakar"): (2, 1),
        ("Food Security", "Thiès"): (1, 2), ("Protection", "Gao"): (2, 3),
        ("WASH", "Gao"): (3, 3), ("WASH", "Mopti"): (2, 2)}
    # sectors alphabetically (no SDG target order), most initiatives first within a sector
    assert list(zip(cov["sector"], cov["place"])) == [
        ("Education", "Mopti"), ("Food Security", "Dakar"), ("Food Security", "Thiès"),
        ("Protection", "Gao"), ("WASH", "Gao"), ("WASH", "Mopti")]
    assert cov.iloc[4]["explanation"] == ("3 registered initiatives with 3 distinct actors "
                                          "work on sector WASH in Gao (admin1)")
    # a 3W lists presence in its reporting period: no record is judged dormant, none excluded
    active = coverage(reg, place_kind="admin1", level="sector", dormant="exclude")
    assert _cells(active, "initiatives")[("WASH", "Mopti")] == (2,)
    dac = coverage(reg, place_kind="admin1", level="sector", vocabulary="dac_sector")
    assert _cells(dac, "initiatives") == {("Basic drinking water supply", "Gao"): (1,)}
    country = coverage(reg, place_kind="country", level="sector")
    assert _cells(country, "initiatives")[("WASH", "MLI")] == (4,)
    # target level on a registry without SDG tags: nothing, and no error
    assert coverage(reg, place_kind="admin1").empty


def test_crowding_by_hand(reg):
    c = crowding(reg, place_kind="admin1", level="sector", min_crowding=1.5)
    assert c.columns.tolist()[:4] == ["goal", "target", "sector", "place"]
    cells = _cells(c, "initiatives", "actors", "actor_pairs", "connected_pairs",
                   "linked_initiatives", "crowding", "flag")
    # initiatives per cell 1 2 1 2 3 2 -> median 2.
    # (WASH, Gao): irc, oxfam, unicef in three one-actor initiatives -> 3 cross pairs, of which
    # irc-unicef worked together (a4): connected 1; a1 and a3 linked, a2 not -> 2 of 3.
    assert cells[("WASH", "Gao")] == (3, 3, 3, 1, 2, 1.5, False)
    # one actor in two initiatives links both
    assert cells[("Food Security", "Dakar")] == (2, 1, 0, 0, 2, 1.0, False)
    assert cells[("Protection", "Gao")] == (2, 3, 2, 0, 0, 1.0, False)
    assert cells[("Education", "Mopti")] == (1, 1, 0, 0, 0, 0.5, False)
    flagged = crowding(reg, place_kind="admin1", level="sector", min_crowding=1.5,
                       max_linked_share=0.7)
    row = flagged[flagged["flag"]].iloc[0]
    assert (row["sector"], row["place"]) == ("WASH", "Gao")
    assert row["explanation"].startswith("3 initiatives on sector WASH in Gao (1.5× the median "
                                         "cell) with 3 actors; 2 of 3 initiatives linked")


def test_fragmented_cells_by_hand(reg):
    strict = fragmented_cells(reg, place_kind="admin1", level="sector")
    assert list(zip(strict["sector"], strict["place"])) == [("Protection", "Gao")]
    row = strict.iloc[0]
    assert (row["initiatives"], row["actors"], row["linked_pairs"], row["groups"],
            row["initiative_ids"]) == (2, 3, 0, 2, "a4|a9")
    assert row["explanation"].startswith("2 initiatives work on sector Protection in Gao with 3 "
                                         "actors, but no two share an actor")
    assert pd.isna(row["goal"]) and pd.isna(row["target"])
    loose = fragmented_cells(reg, place_kind="admin1", level="sector", strict=False)
    assert _cells(loose, "groups", "linked_pairs") == {("Protection", "Gao"): (2, 0),
                                                      ("WASH", "Gao"): (2, 1)}


def test_uncovered_sectors_within_the_country(reg):
    u = uncovered(reg, place_kind="admin1", level="sector")
    # Mali has WASH, Protection, Education: Gao lacks Education, Mopti lacks Protection.
    # Senegal has Food Security only, in both its areas: nothing missing there.
    assert u[["sector", "place", "goal_initiatives", "sector_initiatives"]].values.tolist() == [
        ["Education", "Gao", 5, 1], ["Protection", "Mopti", 3, 2]]
    assert set(u["scope"]) == {"place"}
    assert u.iloc[0]["explanation"] == (
        "5 initiatives work in Gao (admin1) on 2 of the 3 sectors active in Mali, but none on "
        "sector Education (1 initiative elsewhere in Mali)")
    # without a parent country every place is compared with the whole registry (4 sectors)
    flat = uncovered(sector_registry(with_parent=False), place_kind="admin1", level="sector")
    assert flat.groupby("place").size().to_dict() == {"Dakar": 3, "Gao": 2, "Mopti": 2,
                                                      "Thiès": 3}
    assert "sectors active in the registry" in flat.iloc[0]["explanation"]
    with pytest.raises(AnalysisError, match="level must be 'target' or 'sector'"):
        uncovered(reg, level="goal")


def test_a_registry_about_one_country_reads_gaps_there_alone():
    """The Sierra Leone IATI sheet lists activities that work in Sierra Leone; 74 other
    countries appear only through the few that also work elsewhere. It had reported 6,238
    "empty" sector × country cells, all outside Sierra Leone ("6 activities work in Ethiopia …
    but none on …"). Counted here from the CSV: every activity names SL."""
    from ecosystem import load
    from ecosystem.measures.coordination.uncovered import focus_place

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[1].index("#country_id")
    countries = collections.defaultdict(set)
    for r in rows[2:]:
        countries[r[0]] |= {c.strip() for c in r[col].split(";") if c.strip()}
    with_sl = sum("SL" in c for c in countries.values())
    placed = sum(bool(c) for c in countries.values())
    assert with_sl == placed == 515 and len(set().union(*countries.values())) > 70
    reg = load(path)
    assert focus_place(reg) == ("SLE", 515, 515)
    u = uncovered(reg, place_kind="country", level="sector", vocabulary="dac_sector")
    assert u.attrs["focus"] == ("SLE", 515, 515)
    assert set(u["place"]) <= {"SLE"}  # every sector of the sheet works in Sierra Leone


def test_no_focus_place_when_work_is_spread():
    # two places with half the records each: both are read for gaps
    ids = ["a", "b", "c", "d"]
    reg = Registry.from_frames(
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
                                  "kind": "presence"}),
        actors=pd.DataFrame({"actor_id": ["o"], "name": ["Oxfam"], "actor_type": "ngo"}),
        ties=pd.DataFrame({"initiative_id": ids, "actor_id": "o", "role": "implementing",
                           "registry": "r", "record_id": ids}),
        initiative_themes=pd.DataFrame({"initiative_id": ids, "vocabulary": "cluster",
                                        "theme": ["WASH", "Health", "WASH", "Food"]}),
        initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "country",
                                        "place": ["MLI", "MLI", "SEN", "SEN"]}))
    u = uncovered(reg, place_kind="country", level="sector")
    assert "focus" not in u.attrs and set(u["place"]) == {"MLI", "SEN"}


def test_missing_stakeholders_per_sector_cell(reg):
    ms = missing_stakeholders(reg, by="cell", place_kind="admin1", level="sector")
    # cells with 3+ actors: (Protection, Gao) and (WASH, Gao): irc, oxfam, unicef
    assert list(zip(ms["sector"], ms["place"])) == [("Protection", "Gao"), ("WASH", "Gao")]
    row = ms.iloc[1]
    assert row["present"] == "civil society; UN and multilateral bodies"
    assert row["explanation"].startswith("sector WASH in Gao: 3 actors, none of them national "
                                         "government or local government")


def test_need_gaps_with_a_sector_column(reg, tmp_path):
    f = tmp_path / "need.csv"
    f.write_text("place,sector,need\nGao,wash,0.9\nMopti,Protection,0.8\nDakar,Food Security,0.2\n"
                 "Thiès,Nutrition,0.5\n", encoding="utf-8")
    g = need_gaps(reg, f, place_kind="admin1")
    # need_norm = (n - 0.2) / 0.7; coverage_norm = initiatives / 3 (WASH in Gao has 3)
    # Mopti Protection 0.857 * (1 - 0) ; Thiès Nutrition 0.429 * 1 ; Gao WASH 1 * 0 ; Dakar 0
    assert g[["place", "sector", "initiatives"]].values.tolist() == [
        ["Mopti", "Protection", 0], ["Thiès", "Nutrition", 0], ["Gao", "WASH", 3],
        ["Dakar", "Food Security", 2]]
    assert g["gap"].round(4).tolist() == [0.8571, 0.4286, 0.0, 0.0]
    assert g.iloc[1]["explanation"].endswith("no initiative of the registry records this "
                                             "sector: check its spelling")
    assert "for sector Protection" in g.iloc[0]["explanation"]
    f.write_text("place,sector,need\nGao,WASH,1\nGao,wash,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3, field place: place Gao and wash appear twice"):
        need_gaps(reg, f, place_kind="admin1")
    f.write_text("place,cluster,need\nGao,WASH,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"needs a column 'target' or 'goal' \(SDG\), or "
                                         r"'sector'"):
        need_gaps(reg, f, place_kind="admin1")


def test_study_settings_level():
    from ecosystem.study import read_settings

    _, settings, _, _ = read_settings({"analysis": {"level": "sector", "vocabulary": "cluster",
                                                    "place_kind": "admin1"}})
    assert (settings.level, settings.vocabulary, settings.place_kind) == ("sector", "cluster",
                                                                          "admin1")
    with pytest.raises(InputError, match=r"field analysis\.level: must be one of target, goal, "
                                         r"sector, got 'cluster'"):
        read_settings({"analysis": {"level": "cluster"}}, file="s.toml")


# --- the real OCHA ROWCA 3W ------------------------------------------------------------------

def _rowca_csv_cells(path) -> dict:
    """(cluster, admin1) -> (orgs, (activity id, org) groups), read with the csv module.

    Row 1 holds the column titles, row 2 the HXL hashtags, data starts on row 3. The loader
    groups rows with an #activity_id by (activity id, organisation): one initiative each.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    tags = rows[1]
    col = {t: tags.index(t) for t in ("#sector", "#org", "#adm1", "#activity_id", "#country")}
    orgs, groups = collections.defaultdict(set), collections.defaultdict(set)
    for r in rows[2:]:
        key = (r[col["#sector"]], r[col["#adm1"]])
        orgs[key].add(r[col["#org"]])
        groups[key].add((r[col["#activity_id"]], r[col["#org"]]))
    return {k: (len(orgs[k]), len(groups[k])) for k in orgs}, rows[2:], col


@pytest.fixture(scope="module")
def rowca_path():
    return real_file("hxl_3w", "rowca-3w-hxl.csv")


@pytest.fixture(scope="module")
def rowca(rowca_path):
    import ecosystem

    return ecosystem.load(rowca_path)


@pytest.mark.slow
def test_rowca_coverage_matches_the_csv(rowca, rowca_path):
    expected, _, _ = _rowca_csv_cells(rowca_path)
    cov = coverage(rowca, place_kind="admin1", level="sector")
    assert len(cov) == len(expected) == 30
    assert _cells(cov, "actors", "initiatives") == expected
    assert expected[("Protection", "Gao")] == (5, 20)
    assert expected[("Water Sanitation & Hygiene", "Mopti")] == (3, 15)
    assert cov["sector"].nunique() == 4 and cov["place"].nunique() == 23


@pytest.mark.slow
def test_rowca_overlap_and_gaps_per_admin1(rowca, rowca_path):
    _, rows, col = _rowca_csv_cells(rowca_path)
    c = crowding(rowca, place_kind="admin1", level="sector").set_index(["sector", "place"])
    gao = c.loc[("Protection", "Gao")]
    # five organisations, each alone in its activities: 10 pairs, none ever worked together
    assert (gao["actors"], gao["actor_pairs"], gao["connected_pairs"]) == (5, 10, 0)
    assert c.loc[("Education", "Gao"), "linked_initiatives"] == 2  # both UNICEF's
    loose = fragmented_cells(rowca, place_kind="admin1", level="sector", strict=False)
    # a cell is fragmented exactly when two or more organisations work in it
    expected, _, _ = _rowca_csv_cells(rowca_path)
    assert set(zip(loose["sector"], loose["place"])) == {k for k, (n, _) in expected.items()
                                                         if n >= 2}
    assert loose.iloc[0][["sector", "place", "groups"]].tolist() == ["Protection", "Gao", 5]
    # sectors missing from an admin1 area although they work elsewhere in its country
    by_country, by_area = collections.defaultdict(set), collections.defaultdict(set)
    area_country = {}
    for r in rows:
        by_country[r[col["#country"]]].add(r[col["#sector"]])
        by_area[r[col["#adm1"]]].add(r[col["#sector"]])
        area_country[r[col["#adm1"]]] = r[col["#country"]]
    missing = {(s, a) for a, present in by_area.items()
               for s in by_country[area_country[a]] - present}
    u = uncovered(rowca, place_kind="admin1", level="sector")
    assert set(zip(u["sector"], u["place"])) == missing
    assert len(missing) == 11
    assert u.iloc[0]["explanation"].startswith("32 initiatives work in Mopti (admin1) on 2 of "
                                               "the 3 sectors active in Mali, but none on sector "
                                               "Education")


@pytest.mark.slow
def test_rowca_need_layer(rowca, tmp_path):
    # an invented need layer (not real figures), to check the join on cluster names
    f = tmp_path / "need.csv"
    f.write_text("place,sector,need\nMopti,education,1.0\nGao,Protection,0.9\n"
                 "Dakar,Food Security,0.1\n", encoding="utf-8")
    g = need_gaps(rowca, f, place_kind="admin1")
    assert g[["place", "sector", "initiatives", "actors"]].values.tolist() == [
        ["Mopti", "Education", 0, 0], ["Gao", "Protection", 20, 5],
        ["Dakar", "Food Security", 1, 1]]


@pytest.mark.slow
def test_rowca_report_states_sector_by_admin1_findings(rowca_path, tmp_path):
    from ecosystem.report import build_report
    from ecosystem.study import study_for

    study = study_for("analyses/rowca-3w.toml")
    res = build_report(study, out_dir=tmp_path)
    assert "overlap" in res["sections"] and "gaps" in res["sections"]
    assert "overlap" not in res["skipped"] and "gaps" not in res["skipped"]
    page = res["report"].read_text(encoding="utf-8")
    assert ("The sector × admin1 cell with the most organisations is sector Protection in Gao: "
            "5 organisations (20 presence records).") in page
    # a 3W records only presence: connectivity and fragmentation are not assessed, and say why
    assert "whether their organisations are poorly connected is not assessed" in page
    assert "Fragmentation is not assessed: a 3W records only who is present" in page
    assert "30 of the 92 sector × admin1 cells have work" in page
    assert "11 sector × admin1 cells are empty where the place has work in other sectors" in page
    from ecosystem.report.html import page_figures

    titles = [str(f["layout"].get("title", {}).get("text", "")) for f in page_figures(page)]
    assert any("Presence records per sector and admin1" in t for t in titles)  # figures are packed
    assert "no initiative has both a target" not in page
