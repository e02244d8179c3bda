"""Meeting and headquarters cities are not places of work (issue 13).

The reference rule on texts written by hand, the Ocean loader on a small JSONL written here
(invented records), then the real Ocean file: the records losing a USA country place are
counted again straight from the raw JSONL with pandas and a regular expression of their own.
"""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from ecosystem import loaders
from ecosystem.reference.known_body_names import seat_of
from ecosystem.reference.meeting_places import meeting_place


@pytest.mark.parametrize("text, city, kept", [
    ("NY, USA", "New York", ""),
    ("New York, NY USA", "New York", ""),
    ("UNHQ, New York", "New York", ""),
    ("New York City", "New York", ""),
    ("Permanent Mission of India , New York , USA", "New York", "Permanent Mission of India"),
    ("Geneva, SWITZERLAND", "Geneva", ""),
    ("Nairobi Kenya", "Nairobi", ""),
    ("Vienna, Austria.", "Vienna", ""),
])
def test_a_meeting_city_alone_is_recognised(text, city, kept):
    m = meeting_place(text)
    assert (m.city, m.kept) == (city, kept)


@pytest.mark.parametrize("text", [
    "USA", "United States", "West Sayville, New York, USA", "Tokyo, Japan; New York, The United States",
    "New York City/The Hague", "Lisboa, Portugal", "Suva, Fiji", "", None,
    "Geneva, SWITZERLAND (www.oceans2020.com)", "30 Elderfields Road, Manhasset, NY 11030",
])
def test_anything_more_than_the_city_is_not(text):
    assert meeting_place(text) is None


def _record(node_id, lead, coverage, beneficiaries=""):
    return {"node_id": node_id, "ocean_action_id": f"#OceanAction{node_id}",
            "url": "https://example.org/x", "title": f"Invented {node_id}", "entity_types": ["NGO"],
            "lead_entity": lead, "partners": "", "description": "Invented.", "sdgs": [14],
            "sdg14_targets": ["14.2"], "start_date": "01 March 2019",
            "completion_date": "01 March 2021", "geographical_coverage": coverage,
            "other_beneficiaries": beneficiaries, "ocean_basins": "",
            "communities_of_ocean_action": "", "action_network_logos": [], "deliverables": [],
            "resources": []}


def _places(tmp_path, records) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """The places the loader reads from ``records``, and "kind:place" per record number."""
    p = tmp_path / "r.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    places = loaders.read(p).initiative_places
    return places, {int(i.rsplit("OceanAction", 1)[1]): sorted(f"{k}:{x}" for k, x in
                                                                zip(g["kind"], g["place"]))
                    for i, g in places.groupby("initiative_id")}


def test_the_ocean_loader_keeps_meeting_cities_out_of_countries(tmp_path):
    records = [
        _record(1, "United Nations Development Programme", "NY, USA"),
        _record(2, "Blue Shore Foundation", "USA"),
        _record(3, "India", "Permanent Mission of India, New York , USA"),
        _record(4, "Kenya", "Nairobi, Kenya"),  # the host country's own government
        _record(5, "World Meteorological Organization", "Geneva, Switzerland", "Fiji and Samoa"),
        _record(6, "Reef Watch", "West Sayville, New York, USA"),
    ]
    places, got = _places(tmp_path, records)
    assert got == {1: ["other:New York"], 2: ["country:USA"],
                   3: ["country:IND", "other:New York"], 4: ["country:KEN"],
                   5: ["country:FJI", "country:WSM", "other:Geneva"], 6: ["country:USA"]}
    name = places.loc[places["kind"] == "other", "name"].iloc[0]
    assert name == "New York (United Nations Headquarters; venue of the 2017 UN Ocean Conference)"


@pytest.mark.parametrize("lead, seat", [
    ("European Union", "BEL"),
    ("Baltic Marine Environment Protection Commission (HELCOM)", "FIN"),
    ("Indian Ocean Rim Association (IORA)", "MUS"),
    ("OECD", "FRA"),
    ("the Pacific Community", "NCL"),
    ("WWF", None),  # an NGO: no seat in the table
    ("Federal Public Service Health, Food Chain Safety and Environment", None),
    ("European Union, UNDP", None),  # two bodies: neither is the lead alone
])
def test_the_seat_of_an_international_body(lead, seat):
    assert (seat_of(lead) or (None,))[0] == seat


def test_the_ocean_loader_keeps_the_seat_of_an_international_lead_out_of_countries(tmp_path):
    records = [
        _record(1, "European Union", "Brussels, Belgium", "Kenya"),
        _record(2, "Federal Public Service Environment", "Brussels, Belgium"),  # a Belgian body
        _record(3, "European Union", "Dakar, Senegal"),  # not the seat: a place of work
        _record(4, "European Union", "Brussels, Belgium; Dakar, Senegal"),
        _record(5, "Baltic Marine Environment Protection Commission (HELCOM)", "Helsinki, Finland"),
    ]
    places, got = _places(tmp_path, records)
    assert got == {1: ["country:KEN", "other:Brussels, Belgium"], 2: ["country:BEL"],
                   3: ["country:SEN"], 4: ["country:BEL", "country:SEN"],
                   5: ["other:Helsinki, Finland"]}
    assert places.loc[places["kind"] == "other", "name"].iloc[0] == \
        "Brussels, Belgium (seat of the lead, European Union)"


# --- the real Ocean file ----------------------------------------------------------------------

#: New York written alone, as the records write it, by an expression independent of the
#: reference table's parser: the city (NY, NYC, New York [City], UNHQ), the state, the country.
_NY = re.compile(r"^(?:(?:new york(?: city)?|nyc|ny|unhq|usa|us|united states(?: of america)?)"
                 r"[\s,/]*)+$", re.IGNORECASE)


def test_ocean_usa_places_from_new_york_addresses(ocean_path):
    raw = pd.read_json(ocean_path, lines=True, dtype=False)
    cov = raw["geographical_coverage"].fillna("").str.strip()
    # a diplomatic mission writing from the city ("Permanent Mission of India, New York")
    cov = cov.str.replace(r"(?i)^[^,]*\b(?:permanent mission|embassy)\b[^,]*,", "",
                          regex=True).str.strip()
    ben = raw["other_beneficiaries"].fillna("")
    us = r"\b(?:USA|US\b|United States|U\.S\.)"
    ny_only = cov.str.match(_NY) & cov.str.contains(r"(?i)new york|\bny\b|nyc|unhq")
    has_usa = cov.str.contains(us)
    # records whose only USA came from a New York address: no USA in the beneficiaries
    expected = set(raw.loc[ny_only & has_usa & ~ben.str.contains(us), "ocean_action_id"]
                   .str.lstrip("#"))
    kept = set(raw.loc[has_usa & ~ny_only, "ocean_action_id"].str.lstrip("#"))

    places = loaders.read(ocean_path).initiative_places
    usa = set(places.loc[places["place"] == "USA", "initiative_id"].str.rsplit("/", n=1).str[1])
    assert len(expected) == 35 and not expected & usa
    assert kept <= usa  # "USA" alone, "Sacramento, California, USA": still the country
    ny = places[(places["kind"] == "other") & (places["place"] == "New York")]
    assert len(ny) == int(ny_only.sum()) == 47


def test_ocean_european_union_commitments_are_not_placed_in_belgium_by_its_address(ocean_path):
    # counted straight from the raw JSONL: the Union's own records whose location is its seat
    raw = pd.read_json(ocean_path, lines=True, dtype=False)
    cov = raw["geographical_coverage"].fillna("").str.strip().str.casefold()
    ben = raw["other_beneficiaries"].fillna("")
    eu = raw["lead_entity"].fillna("").str.strip() == "European Union"
    seat_only = eu & (cov == "brussels, belgium") & ~ben.str.contains("Belgi")
    expected = set(raw.loc[seat_only, "ocean_action_id"].str.lstrip("#"))
    belgian = set(raw.loc[~eu & (cov == "brussels, belgium"), "ocean_action_id"].str.lstrip("#"))

    places = loaders.read(ocean_path).initiative_places
    bel = set(places.loc[places["place"] == "BEL", "initiative_id"].str.rsplit("/", n=1).str[1])
    assert len(expected) == 19 and not expected & bel
    assert len(belgian) >= 10 and belgian <= bel  # Belgian bodies writing from Brussels work there
