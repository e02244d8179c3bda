"""North–South classification of initiatives on a registry with known answers."""
from __future__ import annotations

import pandas as pd
import pytest

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.country_partnerships import partnerships_by_country
from ecosystem.measures.power.geography import north_south, north_south_summary
from ecosystem.model import Registry
from ecosystem.report.sections_power import north_lead_finding

ACTORS = [("nor", "Norway", "government", "NOR"), ("fji", "Fiji", "government", "FJI"),
          ("ton", "Tonga", "government", "TON"), ("ken_ngo", "Kenyan NGO", "ngo", "KEN"),
          ("fra_ngo", "French NGO", "ngo", "FRA"), ("deu", "Germany", "government", "DEU"),
          ("undp", "UNDP", "un_multilateral", "USA"), ("x", "Anon", "ngo", None)]
# lead first; expected category on the right
TIES = {
    "t1": ["fji", "ton", "nor"],      # triangular: FJI+TON, supported by NOR, led from the South
    "t2": ["nor", "fji", "ton"],      # north-south: same countries, led from the North
    "t3": ["ken_ngo", "fji"],         # south-south
    "t4": ["deu", "fra_ngo"],         # north-north (both lead)
    "t5": ["fji", "undp", "ton"],     # triangular: supported by a multilateral body (USA ignored)
    "t6": ["x"],                      # single-country: only the place KEN
    "t7": ["x"],                      # unclassified
    "t8": ["nor"],                    # north-south through the place FJI
    "t10": ["undp", "fji"],           # single-country (FJI; UNDP's USA ignored)
}
EXPECTED = {"t1": "triangular", "t2": "north-south", "t3": "south-south", "t4": "north-north",
            "t5": "triangular", "t6": "single-country", "t7": "unclassified",
            "t8": "north-south", "t10": "single-country"}


def geo_registry() -> Registry:
    ids = list(TIES)
    ties = [(i, a, "lead" if k == 0 or i == "t4" else "partner")
            for i, acts in TIES.items() for k, a in enumerate(acts)]
    return Registry.from_frames(
        actors=pd.DataFrame(ACTORS, columns=["actor_id", "name", "actor_type", "country"]),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                                  "kind": "partnership"}),
        ties=pd.DataFrame(ties, columns=["initiative_id", "actor_id", "role"]).assign(
            registry="t", record_id="r"),
        initiative_places=pd.DataFrame({"initiative_id": ["t6", "t8", "t8"],
                                        "place": ["KEN", "FJI", "Pacific"],
                                        "kind": ["country", "country", "region"]}),
        resources=pd.DataFrame({
            "initiative_id": ["t1", "t1", "t2", "t3", "t4", "t4", "t7"],
            "type": ["financing", "staff_expertise", "financing", "in_kind", "financing",
                     "staff_expertise", "other"],
            "details": ["USD 1.5 million", "2 staff", "20000", "boats", "some money", "experts",
                        "TBC"]}))


@pytest.fixture(scope="module")
def reg():
    return geo_registry()


def test_categories(reg):
    ns = north_south(reg).set_index("initiative_id")
    assert ns["category"].to_dict() == EXPECTED
    t1 = ns.loc["t1"]
    assert (t1["north_actors"], t1["south_actors"], t1["multilateral_actors"]) == (1, 2, 0)
    assert (t1["north_countries"], t1["south_countries"], t1["lead_group"]) == (
        "NOR", "FJI|TON", "south")
    assert t1["explanation"].startswith("triangular: 2 South countries (FJI, TON) among the "
                                        "actors, supported by a North actor, Southern-driven")
    assert ns.loc["t5", "multilateral_actors"] == 1
    assert ns.loc["t2", "explanation"].startswith("North–South: North countries NOR; South "
                                                  "countries FJI, TON")
    assert ns.loc["t4", "lead_group"] == "north"
    assert ns.loc["t10", "lead_group"] == "multilateral"
    # without places t8 is Norway alone
    assert north_south(reg, use_places=False).set_index("initiative_id").loc[
        "t8", "category"] == "single-country"


def test_summary_share_led_from_north(reg):
    s = north_south_summary(reg).set_index(["aspect", "value"])
    assert s.loc[("category", "triangular"), "initiatives"] == 2
    assert s.loc[("category", "north-south"), "share"] == pytest.approx(2 / 9)
    # 8 classified initiatives (t7 is not)
    assert s.loc[("category", "north-south"), "share_of_known"] == pytest.approx(2 / 8)
    # leads: north t2 t4 t8, south t1 t3 t5, multilateral t10, unknown t6 t7
    assert s.loc[("lead", "north"), "initiatives"] == 3
    assert s.loc[("lead", "north"), "share"] == pytest.approx(3 / 9)
    assert s.loc[("lead", "north"), "share_of_known"] == pytest.approx(0.5)
    assert s.loc[("lead", "unknown"), "initiatives"] == 2
    assert s.loc[("country_group", "developing"), "initiatives"] == 7
    # the denominators: 8 classified, 6 led from the North or South, 9 with a known country
    # (t7 has none); none where no share of known applies
    assert s.loc[("category", "north-south"), "known"] == 8
    assert s.loc[("lead", "north"), "known"] == 6
    assert pd.isna(s.loc[("lead", "unknown"), "known"])
    assert pd.isna(s.loc[("lead", "unknown"), "share_of_known"])
    assert s.loc[("country_group", "developing"), "known"] == 8
    assert s.loc[("lead", "north"), "explanation"] == (
        "3 of 9 initiatives (33.3%) are led from the Global North; 50.0% of the 6 led from a "
        "known North or South country")


def test_north_lead_finding_states_its_denominator(reg):
    # 3 North and 3 South leads of 9 initiatives: 50% of 6, which is 67% of all 9
    assert north_lead_finding(north_south_summary(reg)) == (
        "50% of the 6 initiatives led from a known North or South country (67% of all 9) are "
        "led from the Global North.")
    # leads recorded, none with a known country (x has none)
    anon = reg.replace(ties=reg.ties[reg.ties["initiative_id"].isin(["t6", "t7"])],
                       initiatives=reg.initiatives[reg.initiatives["initiative_id"]
                                                   .isin(["t6", "t7"])])
    assert north_lead_finding(north_south_summary(anon)) == (
        "No lead has a known North or South country (of 2 initiatives with a recorded lead): "
        "North/South share not computed.")
    # no lead at all: every tie a partner
    partners = reg.replace(ties=reg.ties.assign(role="partner"))
    assert north_lead_finding(north_south_summary(partners)) == (
        "No initiative names a lead: North/South share not computed.")
    # an aid-activity registry: the reporting organisation stands in for the lead
    reporting = reg.replace(ties=reg.ties.assign(role=reg.ties["role"].replace(
        {"lead": "reporting"})))
    assert north_lead_finding(north_south_summary(reporting, lead_roles=("reporting",)),
                              led="reported") == north_lead_finding(
        north_south_summary(reg)).replace(" led ", " reported ")


def test_ocean_north_lead_finding(ocean):
    # independent count of the denominators from the per-initiative table
    ns = north_south(ocean)
    north = int((ns["lead_group"] == "north").sum())
    known = int(ns["lead_group"].isin(["north", "south"]).sum())
    text = north_lead_finding(north_south_summary(ocean))
    assert text == (f"{north / known:.0%} of the {known:,} initiatives led from a known North "
                    f"or South country ({known / len(ns):.0%} of all {len(ns):,}) are led from "
                    "the Global North.")
    # measured 485 of 1,067 (45%; 40% of all); 361 of 711 before an actor took the one country
    # its names name ("Fisheries and Oceans Canada") or its records work in
    assert len(ns) == 2650 and 1000 < known < 1150


def test_partnerships_by_country(reg):
    p = partnerships_by_country(reg).set_index("country")
    fji = p.loc["FJI"]
    assert (fji["initiatives"], fji["triangular"], fji["north-south"], fji["south-south"],
            fji["single-country"]) == (6, 2, 2, 1, 1)
    assert fji["development_group"] == "developing" and bool(fji["sids"])
    assert p.index[0] == "FJI"
    assert p.loc["NOR", "initiatives"] == 3
    assert "Fiji (developing) appears in 6 initiatives: 2 triangular" in fji["explanation"]


def test_no_countries_is_an_error():
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["x"], "name": ["X"], "actor_type": ["ngo"]}),
        initiatives=pd.DataFrame({"initiative_id": ["i"], "registry": "t", "record_id": "i",
                                  "kind": "partnership"}),
        ties=pd.DataFrame({"initiative_id": ["i"], "actor_id": ["x"], "role": ["lead"],
                           "registry": ["t"], "record_id": ["i"]}))
    assert north_south(reg)["category"].tolist() == ["unclassified"]
    with pytest.raises(AnalysisError, match="no actor or place has a known country"):
        partnerships_by_country(reg)
    with pytest.raises(AnalysisError, match="empty"):
        north_south(Registry.empty())


def test_unknown_lead_is_southern_driven_only_without_a_north_place():
    # lead of unknown country with Fiji and Tonga, supported by Norway: triangular, unless the
    # initiative is located in the North (the Ocean platform's location is often the lead's office)
    actors = pd.DataFrame(ACTORS, columns=["actor_id", "name", "actor_type", "country"])
    ties = pd.DataFrame([(i, a, "lead" if a == "x" else "partner")
                         for i in ("u1", "u2") for a in ("x", "fji", "ton", "nor")],
                        columns=["initiative_id", "actor_id", "role"]).assign(registry="t",
                                                                              record_id="r")
    reg = Registry.from_frames(
        actors=actors, ties=ties,
        initiatives=pd.DataFrame({"initiative_id": ["u1", "u2"], "registry": "t",
                                  "record_id": ["u1", "u2"], "kind": "partnership"}),
        initiative_places=pd.DataFrame({"initiative_id": ["u2"], "place": ["GBR"],
                                        "kind": ["country"]}))
    ns = north_south(reg).set_index("initiative_id")["category"]
    assert ns.to_dict() == {"u1": "triangular", "u2": "north-south"}


def test_summary_reads_a_table_given_to_it(reg):
    pd.testing.assert_frame_equal(north_south_summary(reg, table=north_south(reg)), north_south_summary(reg))
    # the table is what it reads: a table with every initiative North–South says so
    table = north_south(reg).assign(category="north-south")
    row = north_south_summary(reg, table=table).set_index(["aspect", "value"]).loc[("category", "north-south")]
    assert row["initiatives"] == len(table)
