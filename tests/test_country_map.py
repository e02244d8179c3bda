"""The country map: shipped public-domain shapes, counts per country, drawn with no network."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from ecosystem.measures.context import Analysis
from ecosystem.model import Registry
from ecosystem.reference.country_shapes import (
    SHAPES_FILE,
    country_bounds,
    country_shapes,
    shape_ids,
)
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.report.html import figure_html, page_figures
from ecosystem.report.sections_places import country_counts, places
from ecosystem.views.country_map import NONE_COLOUR, country_map


def _rings(geometry: dict) -> list[list]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for poly in polys for ring in poly[:1]]     # outer rings


def _signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def test_shipped_shapes_are_iso3_countries_with_closed_clockwise_outer_rings():
    doc = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    ids = [f["id"] for f in doc["features"]]
    assert len(ids) == len(set(ids)) == 177
    with open(REFERENCE_DIR / "countries.csv", encoding="utf-8") as fh:
        iso = {row["iso3"] for row in csv.DictReader(fh)}
    assert set(ids) - iso == {"CYN", "SOL", "XKX"}          # as the provenance note says
    for f in doc["features"]:
        for ring in _rings(f["geometry"]):
            assert ring[0] == ring[-1] and len(ring) >= 4, f["id"]
            # d3-geo (plotly.js) fills the inside of clockwise rings: counter-clockwise
            # would paint the whole globe but the country
            assert _signed_area(ring) < 0, f["id"]
    assert SHAPES_FILE.stat().st_size < 150_000
    assert (REFERENCE_DIR / "country_shapes.PROVENANCE.md").read_text(
        encoding="utf-8").count("public domain") >= 1


def test_bounds_and_subsets():
    w, s, e, n = country_bounds({"FJI"})        # Fiji straddles the antimeridian
    assert -180 <= w < e <= 180 and -22 < s < n < -12
    assert country_bounds({"TUV"}) is None
    assert {f["id"] for f in country_shapes({"KEN", "TZA"})["features"]} == {"KEN", "TZA"}
    assert "KEN" in shape_ids() and "MDV" not in shape_ids()


def _registry() -> Registry:
    ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3", "i3"],
                         "actor_id": ["a", "b", "a", "c", "b"], "role": "lead",
                         "registry": "r", "record_id": "1"})
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
                             "actor_type": "ngo", "country": ["KEN", "KEN", "TUV", "FJI"]}),
        initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
                                  "record_id": ["1", "2", "3"], "kind": "partnership"}),
        ties=ties,
        initiative_places=pd.DataFrame({
            "initiative_id": ["i1", "i1", "i2", "i3", "i3"],
            "place": ["KEN", "Mombasa", "SEN", "Pacific", "TUV"],
            "kind": ["country", "admin1", "country", "ocean_basin", "country"],
            "parent": [None, "KEN", None, None, None]}))


def test_country_counts_match_a_hand_count():
    got = country_counts(_registry()).set_index("country")
    # i1 in Kenya (twice: country and admin area, once counted); i2 in Senegal; i3 in Tuvalu.
    # Actors: a, b in Kenya, c in Tuvalu; d (Fiji) is in no initiative.
    assert got.loc["KEN", ["initiatives", "actors"]].tolist() == [1, 2]
    assert got.loc["SEN", ["initiatives", "actors"]].tolist() == [1, 0]
    assert got.loc["TUV", ["initiatives", "actors"]].tolist() == [1, 1]
    assert "FJI" not in got.index and got.loc["KEN", "name"] == "Kenya"


def test_country_map_draws_every_shape_from_its_own_geojson_with_no_base_layer():
    counts = pd.DataFrame({"country": ["KEN", "FJI", "TUV", "NRU"], "initiatives": [40, 0, 1, 2],
                           "actors": [12, 3, 2, 0]})
    fig = country_map(counts)
    t = fig.data[0]
    assert t.type == "choropleth" and t.featureidkey == "id"
    assert sorted(t.locations) == sorted(shape_ids()) and len(t.geojson["features"]) == 177
    geo = fig.layout.geo
    assert not any([geo.showland, geo.showcoastlines, geo.showocean, geo.showlakes,
                    geo.showrivers, geo.showcountries, geo.showframe])
    z = dict(zip(t.locations, t.z))
    # counts on a log scale; zero below the scale's first blue, in grey
    assert z["KEN"] == pytest.approx(1.60206, abs=1e-4) and z["FJI"] < 0
    assert t.colorscale[0][1] == NONE_COLOUR and z["FJI"] == t.zmin
    card = t.text[list(t.locations).index("KEN")]
    assert card == "<b>Kenya</b><br>Initiatives: 40<br>Actors: 12"
    # Tuvalu has no outline: a dot at Funafuti, coloured on the same scale (log10 1 = 0)
    dots = fig.data[1]
    assert dots.type == "scattergeo" and (dots.lon[0], dots.lat[0]) == (179.22, -8.52)
    assert list(dots.marker.color) == [0.0] and dots.marker.cmax == t.zmax
    # Nauru has neither: the note says so, and sends the reader to the table
    note = fig.layout.annotations[0].text
    assert note.startswith("1 small country drawn as a dot at its capital; 1 of the 4 "
                           "countries counted has no outline or point at this scale (Nauru)")
    # the buttons recolour both the shapes and the dots
    actors = fig.layout.updatemenus[0].buttons[1].args
    assert list(actors[2]) == [0, 1]
    assert list(actors[0]["marker.color"][1]) == [pytest.approx(0.30103, abs=1e-3)]
    # no URL in the figure: nothing for plotly.js to fetch
    page = figure_html(fig, div_id="fig-map")
    assert "http" not in json.dumps(page_figures(page)[0])


def test_places_section_has_the_map_a_table_and_findings():
    s = places(Analysis(_registry()))
    assert s.anchor == "places" and s.figures[0].data[0].type == "choropleth"
    assert s.findings[0] == ("Initiatives work in 3 countries; most in Kenya (1), Tuvalu (1), "
                             "Senegal (1).")
    assert s.findings[1] == "Actors are based in 2 countries; most in Kenya (2), Tuvalu (1)."
    _, table, _ = s.tables[0]
    assert list(table["country"]) == ["KEN", "TUV", "SEN"]
    assert "Small countries without an outline at this scale are dots" in s.how_to_read
    assert "small country has" not in s.how_to_read            # Tuvalu has a dot


def test_places_of_one_country_say_so_in_the_singular():
    reg = _registry()
    kenya = reg.initiative_places.assign(place=["KEN", "Mombasa", "KEN", "Pacific", "KEN"])
    reg = reg.replace(initiative_places=kenya,
                      actors=reg.actors.assign(country=["KEN", "KEN", "KEN", "FJI"]))
    s = places(Analysis(reg))
    assert s.findings == ["Initiatives work in one country: Kenya (3).",
                          "Actors are based in one country: Kenya (3)."]


def test_hubs_of_a_registry_of_few_actors_speak_of_its_most_connected():
    """"All 4 actors take part in 100% of initiatives" was true of any registry: the top of a
    small one is a fifth of its actors (here one: a and b each take part in 2 of the 3)."""
    from ecosystem.report.sections_network import hubs

    assert hubs(Analysis(_registry())).findings[0] == (
        "The most connected actor takes part in 67% of initiatives (2 of 3).")


def test_places_of_a_3w_are_presence_records_not_initiatives():
    reg = _registry()
    reg = reg.replace(initiatives=reg.initiatives.assign(kind="presence"))
    s = places(Analysis(reg))
    assert s.findings[0] == ("Presence records are in 3 countries; most in Kenya (1), Tuvalu (1), "
                             "Senegal (1).")


def test_participation_of_a_3w_counts_presence_records():
    # a: 2 records, b: 2, c: 1, d: none (hand count of the ties above): 5 in all, top 10% = a or b
    from ecosystem.report.sections_power import power

    reg = _registry()
    for kind, words in [("partnership", ("of the 4 actors hold 40% of all 5 memberships (an actor "
                                         "counted once per initiative, whatever its roles).")),
                        ("presence", ("of the 4 organisations hold 40% of all 5 presence records "
                                      "(an organisation counted once per record)."))]:
        s = power(Analysis(reg.replace(initiatives=reg.initiatives.assign(kind=kind))))
        [finding] = [f for f in s.findings if f.startswith("Participation is concentrated")]
        assert finding.endswith(words), finding
