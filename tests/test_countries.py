"""Country names → ISO3, free-text country finding, the country groupings table, and regions
of states named in a name."""
from __future__ import annotations

import csv

import pytest

from ecosystem.reference.countries import (
    country_code_or_name,
    country_groups,
    country_iso3,
    country_name,
)
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.gazetteer import REGION_NAMES_CSV, place_kind, region_named


@pytest.mark.parametrize("name, iso3", [
    ("Republic of Korea", "KOR"),                      # pycountry's fuzzy search says PRK
    ("Democratic People's Republic of Korea", "PRK"),
    ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("Viet Nam", "VNM"), ("Vietnam", "VNM"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("Ivory Coast", "CIV"),
    ("United Republic of Tanzania", "TZA"), ("Tanzania", "TZA"),
    ("Iran (Islamic Republic of)", "IRN"), ("Bolivia (Plurinational State of)", "BOL"),
    ("Micronesia (Federated States of)", "FSM"), ("Federated States of Micronesia", "FSM"),
    ("Republic of Moldova", "MDA"), ("Venezuela (Bolivarian Republic of)", "VEN"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("UK", "GBR"), ("U.K.", "GBR"),
    ("United States of America", "USA"), ("USA", "USA"), ("U.S.", "USA"),
    ("the Netherlands", "NLD"), ("Cabo Verde", "CPV"), ("Cape Verde", "CPV"),
    ("Lao People's Democratic Republic", "LAO"), ("Democratic Republic of the Congo", "COD"),
    ("Congo", "COG"), ("Eswatini", "SWZ"), ("Swaziland", "SWZ"), ("Timor-Leste", "TLS"),
    ("Saint Kitts and Nevis", "KNA"), ("St. Lucia", "LCA"),
])
def test_country_iso3(name, iso3):
    assert country_iso3(name) == iso3


def test_unknown_names():
    assert country_iso3("Atlantis") is None
    assert country_iso3("") is None
    assert country_iso3(None) is None
    assert country_iso3("IT") is None   # ISO2 codes are not accepted (too many are words)


@pytest.mark.parametrize("code", ["and", "are", "can", "per", "Mar", "Fin", "BMU", "CAF", "SGP"])
def test_an_iso3_code_in_text_is_no_country(code):
    # words: "and" had been Andorra and "are" the Emirates ("Sustainable Ocean Alliance both
    # are NGOs" gave an actor "Sustainable Ocean Alliance both"); in capitals, the Ocean
    # registry writes codes as acronyms: "(BMU)" of Germany's environment ministry (Bermuda),
    # "(CAF)" of the Development Bank of Latin America, "SGP" of the Small Grants Programme
    assert country_iso3(code) is None
    assert country_code_or_name(code) == code.upper()   # a code typed on the command line


def test_codes_written_as_names_are_countries():
    assert [country_iso3(c) for c in ("USA", "PNG", "FSM", "UK")] == ["USA", "PNG", "FSM", "GBR"]


def test_find_countries_word_boundaries():
    assert find_countries("Niger and Nigeria") == ["NER", "NGA"]
    assert find_countries("Nigeria only") == ["NGA"]
    assert find_countries("Papua New Guinea") == ["PNG"]
    assert find_countries("Guinea-Bissau, Equatorial Guinea and Guinea") == ["GNB", "GNQ", "GIN"]
    assert find_countries("Dominican Republic") == ["DOM"]
    assert find_countries("Dominica and the Dominican Republic") == ["DMA", "DOM"]
    assert find_countries("South Sudan") == ["SSD"]
    assert find_countries("American Samoa, Samoa") == ["ASM", "WSM"]


def test_find_countries_skips_lookalikes():
    assert find_countries("Gulf of Guinea coastal states") == []
    assert find_countries("Rutherford, New Jersey") == []
    assert find_countries("Indian Ocean rim") == []
    assert find_countries("chad and turkey are lower case") == []
    assert find_countries("South China Sea") == []


def test_find_countries_case_and_order():
    assert find_countries("Kenton on Sea SOUTH AFRICA") == ["ZAF"]
    assert find_countries("Chad, then republic of korea, then Korea again") == ["TCD", "KOR"]
    assert find_countries("Georgia") == ["GEO"]            # documented: never the US state


def test_find_countries_longest_name_at_each_word():
    # names are tried at each word, the longest first: a name inside a longer one is not found
    assert find_countries("the Republic of Korea (South Korea) and Democratic People's Republic of Korea") \
        == ["KOR", "PRK"]
    assert find_countries("Papua  New\nGuinea and NEW ZEALAND") == ["PNG", "NZL"]   # any spaces between words
    assert find_countries("Guinea-Bissau—Guinea; Equatorial Guinea") == ["GNB", "GIN", "GNQ"]
    assert find_countries("Saint Kitts and Nevis, Saint Lucia, St. Vincent") == ["KNA", "LCA"]
    assert find_countries("São Tomé and Príncipe, Türkiye") == ["STP", "TUR"]
    assert find_countries("Côte d'Ivoire, Cote d’Ivoire, Ivory Coast") == ["CIV"]
    assert find_countries("NIGERIA, niger, Niger") == ["NGA", "NER"]


def test_country_name():
    assert country_name("TZA") == "United Republic of Tanzania"
    assert country_name("KOR") == "Republic of Korea"
    assert country_name("XXX") is None


def test_country_groups_table():
    g = country_groups().set_index("iso3")
    assert len(g) == 249 and g.index.is_unique
    assert g.loc["KOR", "iso2"] == "KR"
    assert g.loc["FJI", "m49_region"] == "Oceania" and g.loc["FJI", "m49_subregion"] == "Melanesia"
    assert g.loc["NGA", "m49_subregion"] == "Sub-Saharan Africa"
    assert g.loc["NGA", "m49_intermediate_region"] == "Western Africa"
    assert g.loc["MEX", "m49_intermediate_region"] == "Central America"
    assert str(g.loc["ATA", "m49_region"]) == "<NA>"
    developed = set(g.index[g["development_group"] == "developed"])
    assert {"JPN", "AUS", "NZL", "USA", "CAN", "DEU", "NOR", "RUS"} <= developed
    assert not {"ISR", "KOR", "CHN", "SGP", "BRA", "FJI"} & developed
    sids = set(g.index[g["sids"].fillna(False)])
    assert len(sids) == 58
    assert {"FJI", "MDV", "SGP", "BHS", "PNG", "CUW", "PRI"} <= sids and "NZL" not in sids
    ldc = set(g.index[g["ldc"].fillna(False)])
    assert len(ldc) == 44
    assert {"BGD", "HTI", "KIR", "TUV", "SLB", "TLS", "MOZ"} <= ldc
    assert not {"BTN", "STP", "VUT"} & ldc      # graduated 2023, 2024, 2020
    assert g["sids"].dtype == "boolean" and g["ldc"].dtype == "boolean"


def test_find_countries_reads_names_with_or_without_their_accents():
    # country_iso3 ignored accents; free text did not: "Panamá" in a lead entity gave no country
    from ecosystem.reference.country_text import find_countries

    assert find_countries("Autoridad de los Recursos Acuáticos de Panamá") == ["PAN"]
    assert find_countries("Université Cheikh Anta Diop, SÉNÉGAL; Perú") == ["SEN", "PER"]
    assert find_countries("Côte d'Ivoire and Cote d'Ivoire") == ["CIV"]
    assert find_countries("São Tomé and Príncipe") == ["STP"]
    assert find_countries("la pêche au Niger") == ["NER"]         # 'pêche' is no country


def test_spanish_french_portuguese_names_and_lost_accents_name_their_country():
    # A Caribbean list in Spanish, exported with its accented letters lost (Ocean): "Mxico",
    # "Panam", "Repblica Dominicana" were three actors of their own, "Granada" a Spanish city
    from ecosystem.loaders.partner_text import split_partners
    from ecosystem.reference.countries import country_iso3
    from ecosystem.resolution.names import parse_name

    text = "Belice, Brasil, Repblica Dominicana, Granada, Mxico, Panam, Trinidad y Tobago"
    assert [(m.country, m.actor_type) for m in split_partners(text)] == [
        (iso, "government") for iso in ("BLZ", "BRA", "DOM", "GRD", "MEX", "PAN", "TTO")]
    assert [parse_name(n).country for n in ("Mxico", "Repblica Dominicana", "Côte d'Ivoire",
                                            "Cte d'Ivoire")] == ["MEX", "DOM", "CIV", "CIV"]
    assert country_iso3("Pérou") == country_iso3("Peru") == "PER"
    assert country_iso3("Maurice") == "MUS"                                  # a whole name
    assert find_countries("The Maurice Strong Foundation") == []              # not in free text


def test_free_text_reads_translated_names_but_not_a_persons_first_name():
    # Free text read English names only: "Santo Domingo, Repblica Dominicana", "Malte et
    # Portugal", "Brasil" named no country in a record's coverage
    from ecosystem.reference.country_text import find_countries

    assert find_countries("Santo Domingo, Repblica Dominicana") == ["DOM"]
    assert find_countries("France, malte, Portugal, Tunisie, Brésil, Chili, Chine") == [
        "FRA", "PRT", "TUN", "BRA", "CHL", "CHN"]                 # "malte": one word, lower case
    assert find_countries("Cte d'Ivoire; Nouvelle-Calédonie") == ["CIV", "NCL"]
    # a translated name that is also a first name, before a surname, is a person
    assert find_countries("Maurice Strong; Salvador Dalí; Dominique Benzaken") == []
    assert find_countries("Île Maurice et Salvador") == ["MUS", "SLV"]
    # a form whose first letter was lost is no name ("gypte" from "Égypte")
    assert find_countries("gypte") == []


@pytest.mark.parametrize("name, region", [
    ("Sabah Parks Authority", "Sabah"), ("Government of Tamil Nadu", "Tamil Nadu"),
    ("Government of Flanders Department of Agriculture and Fisheries", "Flanders"),
    ("Regional Government of Azores", "Azores"),
    ("Maryland Department of the Environment", "Maryland"),
    ("Government of West Nusa Tenggara", "West Nusa Tenggara"),  # under a geographical unit in ISO
    ("Bali Provincial Government", "Bali"), ("Región de Murcia", "Murcia"),  # "Murcia, Región de"
    ("Bavarian State Ministry", None), ("Forest Department", None),
    ("North Atlantic Agency", None),
    ("Western Provincial Government", None), ("Central Region Office", None),
    ("Ministry of Agriculture and Rural Affairs (MARA)", None),  # an acronym, not Tanzania's Mara
])
def test_region_named_reads_a_region_of_a_state_in_a_name(name, region):
    assert region_named(name) == region


def test_region_names_table_gives_iso_regions_their_english_names():
    import json

    import pycountry

    with open(pycountry.DATABASE_DIR + "/iso3166-2.json", encoding="utf-8") as fh:
        codes = {row["code"] for row in json.load(fh)["3166-2"]}
    with open(REGION_NAMES_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 60 and {r["code"] for r in rows} <= codes
    assert all(place_kind(r["name"]) in ("region", "city") for r in rows)
