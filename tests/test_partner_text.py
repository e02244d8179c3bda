"""split_partners on hand-written partner fields (invented names, modelled on the registry's patterns)."""
from __future__ import annotations

import pytest

from ecosystem.loaders.actor_labels import entity_type, label_type
from ecosystem.loaders.lead_text import split_lead
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.partner_text import split_partners


def names(text):
    return [m.name for m in split_partners(text) if m.is_organisation]


def typed(text):
    return [(m.name, m.actor_type) for m in split_partners(text) if m.is_organisation]


def test_commas_semicolons_and_line_breaks():
    assert names("Blue Reef Trust, Coastal Futures Institute; Harbour Watch\nIsland Kelp Society") == [
        "Blue Reef Trust", "Coastal Futures Institute", "Harbour Watch", "Island Kelp Society"]


def test_empty_and_placeholder_fields():
    assert split_partners("") == []
    assert split_partners(None) == []
    [dash] = split_partners("-")
    assert (dash.reason, dash.is_organisation) == ("placeholder", False)
    assert [m.reason for m in split_partners("N/A")] == ["placeholder"]


def test_legal_suffix_commas_do_not_split():
    assert names("Sakura Marine Co., Ltd, Nordic Survey AS, Tidal Works, Inc., Lagoon Farms S.A.") == [
        "Sakura Marine Co., Ltd", "Nordic Survey AS", "Tidal Works, Inc", "Lagoon Farms S.A"]


def test_ministry_enumeration_stays_one_name():
    assert names("Ministry of Fisheries, Oceans and Coastal Affairs, Lagoon Keepers Society") == [
        "Ministry of Fisheries, Oceans and Coastal Affairs", "Lagoon Keepers Society"]
    assert names("Department of Environment, Lands and Survey (Government), Reef Patrol (NGO)") == [
        "Department of Environment, Lands and Survey", "Reef Patrol"]


def test_topics_after_an_oxford_comma_or_an_article_stay_in_the_name():
    assert names("Ministry of Lagoons, Reefs, and the Environment (Government), Reef Patrol") == [
        "Ministry of Lagoons, Reefs, and the Environment", "Reef Patrol"]
    assert names("Department of Tides, Energy, the Environment and Water, Kelp Trust") == [
        "Department of Tides, Energy, the Environment and Water", "Kelp Trust"]


def test_topics_written_before_the_head_word_stay_in_the_name():
    assert names("Economic, Social and Environmental Council, Reef Patrol") == [
        "Economic, Social and Environmental Council", "Reef Patrol"]
    assert names("Foreign, Commonwealth and Lagoon Office (FCLO); Kelp Trust") == [
        "Foreign, Commonwealth and Lagoon Office (FCLO)", "Kelp Trust"]
    # a name, then a sentence about others: not topics of one body
    found = names("Tide2Clean, Surf2Clean and Reef2Clean are programmes developed by Wave Trust Limited")
    assert found[0] == "Tide2Clean"


def test_a_known_bodys_name_and_a_named_society_are_organisations():
    # a known body named with category words (data/known_bodies.csv), a society that is not civil
    assert names("Pacific Community; The Pacific Community; Local communities") == [
        "Pacific Community", "The Pacific Community"]
    assert names("Harbour Conservation Society (NGO); Civil society") == ["Harbour Conservation Society"]


def test_an_acronym_joined_to_a_town_is_a_body_there():
    # "Donostia-San Sebastian" is a place; "KELP-Arendal", an acronym and a town, is a body
    assert [(m.name, m.reason) for m in split_partners("KELP-Arendal (NGO); Donostia-San Sebastian")] == [
        ("KELP-Arendal", None), ("Donostia-San Sebastian", "place")]


def test_names_that_begin_with_their_country_keep_it_after_a_label():
    # each name is closed by its label: the country begins the next name, it locates none
    assert names("Tonga Voyaging Society (NGO), Tonga Reef Society (NGO), Tonga Hotel Association "
                 "(NGO), Tonga Coast Guard (Government)") == [
        "Tonga Voyaging Society", "Tonga Reef Society", "Tonga Hotel Association", "Tonga Coast Guard"]
    # with the line breaks lost and no labels, a country still locates the name before it
    assert names("Kelp Institute, New Zealand Reef University, Portugal Tide Institute, Chile") == [
        "Kelp Institute", "Reef University", "Tide Institute"]


def test_an_acronym_alone_after_and_is_a_second_body():
    assert names("Blue Reef Brasil and KELPCO; Sea Grant and NOAA") == [
        "Blue Reef Brasil", "KELPCO", "Sea Grant", "NOAA"]
    # an acronym of the name before it, or inside one name, is no second body
    assert names("Kelp Research and Policy Institute (KRPI); Tide Watch and TW") == [
        "Kelp Research and Policy Institute (KRPI)", "Tide Watch and TW"]


def test_a_known_bodys_name_cut_by_its_own_comma_stays_whole():
    # UNESCO's names hold commas (data/known_bodies.csv lists them without)
    assert names("United Nations Educational, Scientific and Cultural Organization (UNESCO), Kelp "
                 "Trust") == ["United Nations Educational, Scientific and Cultural Organization (UNESCO)",
                              "Kelp Trust"]
    assert names("Organisation des Nations Unies pour l'éducation, la science et la culture; Kelp "
                 "Trust") == ["Organisation des Nations Unies pour l'éducation, la science et la culture",
                              "Kelp Trust"]
    # two bodies listed side by side are still two
    assert names("World Wide Fund for Nature (WWF), International Union for Conservation of Nature") == [
        "World Wide Fund for Nature (WWF)", "International Union for Conservation of Nature"]


def test_an_article_or_a_role_before_a_name_is_no_part_of_it():
    assert names("a Kelp Fund Company; an Executive Reef Group; the Tide Trust") == [
        "Kelp Fund Company", "Executive Reef Group", "Tide Trust"]
    assert names("Lead entity - Ministry of Lagoons; Implementing partner: Kelp Trust; "
                 "Lead entity Reef School Fiji") == ["Ministry of Lagoons", "Kelp Trust", "Reef School Fiji"]
    # a name that begins with such words keeps them: "A Rocha", "Leading Agency for …"
    assert names("A Rocha; Leading Agency for Reefs Kelp") == ["A Rocha", "Leading Agency for Reefs Kelp"]


@pytest.mark.parametrize("text, expected", [
    ("Kelp Research Trust: KRT; Tide Watch", ["Kelp Research Trust (KRT)", "Tide Watch"]),
    ("KRT: Kelp Research Trust; Tide Watch", ["Kelp Research Trust (KRT)", "Tide Watch"]),
    ("Reef Lagoon Agency: involved in the financing of the park; Tide Watch",
     ["Reef Lagoon Agency", "Tide Watch"]),
    ("Partners: Kelp Trust; Tonga: Ministry of Lagoons", ["Kelp Trust", "Ministry of Lagoons"]),
    ("Kelp Trust; Phone: +679 331 0000; Address: Lot 3 Reef Road", ["Kelp Trust"]),
    # no name before the colon: nothing is cut
    ("Please note: just a few countries are mentioned", []),
])
def test_a_colon_inside_a_name(text, expected):
    assert names(text) == expected


def test_parenthesised_acronyms_stay_with_their_name():
    assert names("United Nations Development Programme (UNDP), Reef Check Foundation (RCF)") == [
        "United Nations Development Programme (UNDP)", "Reef Check Foundation (RCF)"]


def test_type_suffixes_set_the_type_and_separate_names():
    assert typed("Kelp Watch (NGO) Tidal Energy Partners Ltd (Private sector) "
                 "University of Saltmarsh (Academic institution) Coral Lab (Scientific community)") == [
        ("Kelp Watch", "ngo"), ("Tidal Energy Partners Ltd", "private_sector"),
        ("University of Saltmarsh", "academic"), ("Coral Lab", "scientific")]


@pytest.mark.parametrize("label, expected", [
    ("Non-governmental organization", "ngo"), ("gobierno", "government"), ("UN entity", "un_multilateral"),
    ("Local / Regional Government", "local_government"), ("Intergovernmental organisation", "intergovernmental"),
    ("Philantropic Organization", "philanthropic"), ("Civil society organisation", "civil_society"),
    ("other relevant actor", "other"), ("Academia", "academic"), ("Partnership", "partnership"),
    ("NGO, Academic Institution", "ngo"), ("lead entity, government", "government"),
])
def test_label_types(label, expected):
    assert label_type(label) == expected


def test_names_and_acronyms_are_not_labels():
    assert label_type("UN Environment") is None
    assert label_type("IUCN") is None
    assert label_type("Japan") is None
    assert label_type("Government of Palau", strict=True) is None


def test_category_prefixes_set_types():
    text = ("Government: Ministry of Marine Resources, Port Authority of Lagoona; "
            "Private Sector: Coral Coast Resorts Ltd; NGOs: Turtle Rescue Network")
    assert typed(text) == [
        ("Ministry of Marine Resources", "government"), ("Port Authority of Lagoona", "government"),
        ("Coral Coast Resorts Ltd", "private_sector"), ("Turtle Rescue Network", "ngo")]


def test_category_prefix_glued_to_the_previous_name():
    assert typed("Government: Department of Lagoons NGO: Mangrove Friends Network "
                 "Academic Institutions: Saltmarsh University") == [
        ("Department of Lagoons", "government"), ("Mangrove Friends Network", "ngo"),
        ("Saltmarsh University", "academic")]


def test_introductions_are_dropped():
    assert names("Partnerships: Harbour Watch, Kelp Watch") == ["Harbour Watch", "Kelp Watch"]


def test_numbered_and_bulleted_lists():
    assert names("1. Island Fisheries Agency 2. Lagoon Research Centre 3. Pacific Shell Cooperative") == [
        "Island Fisheries Agency", "Lagoon Research Centre", "Pacific Shell Cooperative"]
    assert names("(i) Harbour Watch (ii) Reef Alive") == ["Harbour Watch", "Reef Alive"]
    assert names("• Harbour Watch • Reef Alive ● Kelp Watch") == ["Harbour Watch", "Reef Alive", "Kelp Watch"]
    assert typed("- Harbour Watch (NGO) - Port of Lagoona (Government)") == [
        ("Harbour Watch", "ngo"), ("Port of Lagoona", "government")]


def test_dash_suffixes_acronyms_and_labels():
    assert typed("Centre for Ocean Law - COL (Academic institution)") == [
        ("Centre for Ocean Law (COL)", "academic")]
    assert typed("Reef Alive - NGO Shoreline Trust - Private Sector") == [
        ("Reef Alive", "ngo"), ("Shoreline Trust", "private_sector")]


def test_trailing_bare_label_applies_to_the_name_before():
    assert typed("Harbour Lights Ltd, Private Sector, Ocean Youth Club, NGO") == [
        ("Harbour Lights Ltd", "private_sector"), ("Ocean Youth Club", "ngo")]


def test_lead_named_again_is_kept():
    assert typed("Blue Shore Foundation (lead entity), Coastal Institute (Academic institution)") == [
        ("Blue Shore Foundation", "unknown"), ("Coastal Institute", "academic")]


def test_parenthesised_list_of_names_gives_each_name():
    assert names("Lagoon Alliance (Harbour Watch, Reef Alive and Kelp Watch Society)") == [
        "Lagoon Alliance", "Harbour Watch", "Reef Alive and Kelp Watch Society"]


def test_countries_as_partners_are_governments():
    got = [(m.name, m.actor_type, m.country) for m in split_partners("Fiji, Samoa and Tonga (Government)")]
    assert got == [("Fiji", "government", "FJI"), ("Samoa", "government", "WSM"),
                   ("Tonga", "government", "TON")]


def test_country_after_a_name_locates_it():
    # The country only locates the university: it leaves the name and becomes its country.
    [m] = split_partners("University of Genoa, Italy (Academic institution)")
    assert (m.name, m.actor_type, m.country) == ("University of Genoa", "academic", "ITA")


def test_mojibake_is_repaired():
    broken = "Café Marin, Île Verte Society".encode("utf-8").decode("latin-1")
    assert names(broken) == ["Café Marin", "Île Verte Society"]


@pytest.mark.parametrize("phrase, reason", [
    ("Most of WMO members", "quantifier"),
    ("NGOs", "generic"),
    ("All relevant government departments", "quantifier"),
    ("local communities", "generic"),
    ("other bilateral and multilateral development partners", "quantifier"),
    ("Operators working in the sector", "generic"),
    ("Several coastal municipalities", "quantifier"),
    ("Fishing industry", "generic"),
    ("18 island schools", "quantifier"),
    ("Provincial Governments", "generic"),
    ("The project will be working with partners that are not yet known", "sentence"),
    ("Anonymous donor", "withheld"),
    ("Further partners to be identified", "withheld"),
    # quantified groups in title case: a plural at the end, or a plural of parties
    ("Three Research Infrastructures", "quantifier"),
    ("Several Pacific Island Countries", "quantifier"),
    ("Various Recipients", "quantifier"),
    # a UN group of states, alone or with its governments
    ("SIDS", "generic"), ("SIDS Government", "generic"), ("LDCs", "generic"),
])
def test_non_organisations(phrase, reason):
    assert not_organisation_reason(phrase) == reason
    [m] = split_partners(phrase)
    assert not m.is_organisation and m.reason == reason


@pytest.mark.parametrize("name", ["Friends of Menjangan", "A Rocha", "Our Fish", "500 Sails",
                                  "Conservation International", "United Nations Development Programme",
                                  "Coastal Students Cultural Forum (CSCF)",
                                  # names opening with a number or a quantifying word: they were
                                  # set aside as quantified groups (two Ocean leads kept only by
                                  # the lead's fallback, two partners lost)
                                  "Four Seasons Resort Seychelles", "Six Senses Laamu",
                                  "All Clams on Deck", "Diverse Voices and Action for Equality",
                                  "SIDS DOCK"])
def test_organisations_that_look_generic(name):
    assert not_organisation_reason(name) is None


def test_a_phrase_that_lists_bodies_gives_them_and_is_set_aside():
    # "… including …, as well as … such as …" lists several bodies: it was one actor of 2 records
    found = [(m.name, m.reason) for m in split_partners(
        "GFCM membership including the European Union as well as others such as the Global "
        "Environmental Facility (GEF)")]
    assert found[:3] == [("GFCM", None), ("European Union", None),
                         ("Global Environmental Facility (GEF)", None)]
    assert found[3][1] == "sentence" and len(found) == 4
    assert [(m.name, m.reason) for m in split_partners("WWF, including its offices")] == [
        ("WWF", None), ("its offices", "generic")]


def test_a_known_body_is_never_cut_at_its_and():
    # "U.S. Fish" and "Wildlife Service" had been two actors of 3 Ocean records
    assert names("Parks and Recreation (Government), U.S. Fish and Wildlife Service (Government), "
                 "U.S. Army Corps of Engineers (Government)") == [
        "Parks and Recreation", "U.S. Fish and Wildlife Service", "U.S. Army Corps of Engineers"]
    assert names("National Directorate for the Environment (DNA); US Fish and Wildlife Service "
                 "(USF&WS - USA)")[1].startswith("US Fish and Wildlife Service")
    assert names("WWF and Wildlife Service") == ["WWF", "Wildlife Service"]  # no known name across


@pytest.mark.parametrize("phrase", ["Agency", "Lead Agency", "International Agency", "Lead Entity",
                                    "Secretariat", "Governmental Office", "The Ministry"])
def test_a_kind_of_body_with_nothing_that_names_it_is_generic(phrase):
    # Ocean partners fields had given "Lead Agency (Albania)", "International Agency (Kiribati)"
    # and "Secretariat" as actors (8 in all)
    assert not_organisation_reason(phrase) == "generic"


@pytest.mark.parametrize("name", ["Marine Institute", "Fisheries Agency", "Secretariat (SPREP)",
                                  "Environmental Protection Agency", "Department of Fisheries"])
def test_a_kind_of_body_with_a_word_of_its_own_is_a_name(name):
    assert not_organisation_reason(name) is None


def test_non_organisations_are_kept_apart_from_names():
    got = [(m.name, m.reason) for m in split_partners("Harbour Watch; NGOs; most of the member States")]
    assert got == [("Harbour Watch", None), ("NGOs", "generic"), ("most of the member States", "quantifier")]


def test_legal_forms_written_before_ltd_do_not_end_a_sentence():
    # "Pty. Ltd." and "Pvt. Ltd." are one legal form: the full stop after "Pty" ends no name
    assert names("Coral Shore Pty. Ltd. (Private Sector), Tide Data Pvt. Ltd. (Private sector), "
                 "Reef Net Pte. Ltd.") == ["Coral Shore Pty. Ltd", "Tide Data Pvt. Ltd", "Reef Net Pte. Ltd"]


def test_words_that_open_a_sentence_are_no_organisation():
    found = split_partners("Kelp Trust has worked with many partners. Moreover, the Trust works with the "
                           "media. Then, Harbour Watch; Finally, Reef Net")
    assert [m.name for m in found if m.is_organisation] == ["Kelp Trust", "Harbour Watch", "Reef Net"]
    assert {m.name: m.reason for m in found}["Moreover"] == "sentence"
    # an acronym in capitals is a name, even when it spells a word
    assert not_organisation_reason("WHO") is None and not_organisation_reason("Moreover") == "sentence"


@pytest.mark.parametrize("text, expected", [
    # a plural before the head word is part of the name, not a heading before one
    ("Harbour Fishers Organization (CSO)", ["Harbour Fishers Organization"]),
    ("Seagrass Clubs Tonga (NGO)", ["Seagrass Clubs Tonga"]),
    # a heading of a kind, then a whole name or an acronym
    ("Civil societies Kelp Coast Conservation Society", ["Kelp Coast Conservation Society"]),
    ("Civil societies KCCS (NGO)", ["KCCS"]),
    # a possessive before a body: the body
    ("Lagoon Action Plan (LAP) and its Regional Response Centre (RRC)",
     ["Lagoon Action Plan (LAP)", "Regional Response Centre (RRC)"]),
])
def test_a_word_after_a_plural_is_no_name_of_its_own(text, expected):
    assert names(text) == expected


def test_source_text_is_the_raw_fragment():
    [m] = split_partners("Kelp Watch (NGO)")
    assert m.source_text == "Kelp Watch (NGO)"


@pytest.mark.parametrize("value, expected", [
    (["Government"], "government"), (["Local / Regional Government"], "local_government"),
    (["United Nations / Multilateral body"], "un_multilateral"),
    (["Intergovernmental organization"], "intergovernmental"), (["NGO"], "ngo"),
    (["Non-governmental organization (NGO)"], "ngo"), (["Civil society organization"], "civil_society"),
    (["Private sector"], "private_sector"), (["Academic institution"], "academic"),
    (["Scientific community"], "scientific"), (["Philanthropic organization"], "philanthropic"),
    (["Partnership"], "partnership"), (["Other relevant actor"], "other"), ([], "unknown"), ("", "unknown"),
])
def test_entity_types(value, expected):
    assert entity_type(value) == expected


def test_lower_case_lead_in_is_dropped():
    assert names("Reef Alive, in close collaboration with the Lagoon Research Centre (LRC), "
                 "hosted by Saltmarsh University") == [
        "Reef Alive", "Lagoon Research Centre (LRC)", "Saltmarsh University"]


def test_names_run_together_are_split_with_the_registrys_own_names():
    import pandas as pd

    from ecosystem.loaders.vocabulary_split import split_by_vocabulary

    rows = [("r1", "UNCTAD"), ("r2", "UNCTAD"), ("r1", "International Whaling Commission"),
            ("r3", "International Whaling Commission"), ("r4", "UNCTAD International Whaling Commission"),
            ("r5", "World Wide Fund for Nature"), ("r6", "World Wide Fund for Nature"), ("r5", "WWF"),
            ("r6", "WWF"), ("r7", "World Wide Fund for Nature: WWF")]
    m = pd.DataFrame({"initiative_id": [r for r, _ in rows], "record_id": [r for r, _ in rows],
                      "name": [n for _, n in rows], "role": "partner", "actor_type": "unknown",
                      "country": None})
    out = split_by_vocabulary(m)
    assert sorted(out.loc[out["record_id"] == "r4", "name"]) == ["International Whaling Commission", "UNCTAD"]
    # a name and its own acronym stay one mention
    assert out.loc[out["record_id"] == "r7", "name"].tolist() == ["World Wide Fund for Nature: WWF"]
    assert len(out) == len(m) + 1


def _mentions(rows):
    import pandas as pd

    return pd.DataFrame({"initiative_id": [r for r, *_ in rows], "record_id": [r for r, *_ in rows],
                         "name": [n for _, n, _ in rows], "role": "partner", "actor_type": "unknown",
                         "country": None, "source_text": [s for *_, s in rows]})


def test_a_cut_at_and_inside_a_name_the_registry_writes_whole_is_mended():
    from ecosystem.loaders.vocabulary_split import split_by_vocabulary

    # each side of the "and" looks like a name on its own, so split_partners cuts there
    [left, right] = split_partners("Harbour Board Kelp and Reef Council")
    assert (left.name, right.name) == ("Harbour Board Kelp", "Reef Council")
    assert right.source_text == "Harbour Board Kelp and Reef Council"  # the text that holds both names
    rows = [("r1", "Kelp and Reef Council", "Kelp and Reef Council"),
            ("r2", "Kelp and Reef Council (KRC)", "Kelp and Reef Council (KRC)"),
            ("r3", left.name, left.source_text), ("r3", right.name, right.source_text),
            # written with a comma: no "and" between them in the text, so never mended
            ("r4", "Pacific Kelp", "Pacific Kelp"), ("r4", "Reef Council", "Reef Council"),
            # "Ministry of Tides and Currents" is known and so is the body run on after it
            ("r5", "Ministry of Tides and Currents", "x"), ("r6", "Ministry of Tides and Currents", "x"),
            ("r5", "Harbour Board", "x"), ("r6", "Harbour Board", "x"),
            ("r7", "Ministry of Tides", "Ministry of Tides"),
            ("r7", "Currents Harbour Board", "Ministry of Tides and Currents Harbour Board")]
    out = split_by_vocabulary(_mentions(rows))
    by = out.groupby("record_id")["name"].apply(list)
    assert by["r3"] == ["Harbour Board Kelp and Reef Council"]
    assert by["r4"] == ["Pacific Kelp", "Reef Council"]
    assert by["r7"] == ["Ministry of Tides and Currents", "Harbour Board"]


def test_the_name_left_of_and_is_read_after_a_dash():
    # "K.R.C." makes the whole left side look like a name on its own; "Tidal Science" is none
    assert names("K.R.C. – Tidal Science and Coastal Change Agency") == [
        "K.R.C. - Tidal Science and Coastal Change Agency"]


def test_or_between_two_names_splits_them():
    assert names("Lagoon Research Center or DOTR; or SEAMAST") == ["Lagoon Research Center", "DOTR", "SEAMAST"]


def test_portuguese_do_is_no_verb():
    assert not_organisation_reason("Instituto do Mar") is None
    assert not_organisation_reason("we do coastal clean-ups") == "sentence"


def test_countries_that_locate_a_name_are_not_partners():
    # after a dashed acronym, in brackets, before a dash, before a role note
    assert names("• Institut Halieutique du Sud - IHS, Morocco (Academic Institution) "
                 "• Kelp Watch - KW, Cabo Verde") == ["Institut Halieutique du Sud (IHS)", "Kelp Watch (KW)"]
    assert names("Reef Guardians (Philippines, Indonesia) (NGO), Tidal Trust") == ["Reef Guardians", "Tidal Trust"]
    assert names("Ministry of Tides, Thailand - Coastal Survey Department, Harbour Board") == [
        "Ministry of Tides", "Coastal Survey Department", "Harbour Board"]
    assert names("1. KELP INSTITUTE (KI), Italy, the coordinator 2. REEF COUNCIL (RC), Norway") == [
        "KELP INSTITUTE (KI)", "REEF COUNCIL (RC)"]
    # but countries named as members of a group are partners
    assert names("Pacific Countries (Samoa, Tonga)") == ["Samoa", "Tonga"]
    # an acronym or a formal state name before the dash is kept
    assert names("Republic of Cyprus - Department of Tides") == ["Republic of Cyprus", "Department of Tides"]
    assert names("CAF - Reef Development Bank of the Coast") == ["CAF - Reef Development Bank of the Coast"]


def test_misspelt_labels_are_still_labels():
    assert typed("Reef Bank (Other Relavant Actor), Kelp Trust (Organizacin no gubernamental), "
                 "Port Park (Local administration)") == [
        ("Reef Bank", "other"), ("Kelp Trust", "ngo"), ("Port Park", "local_government")]
    assert label_type("Donnor Government") == "government"
    # a letter added at the end makes another word ("nationale"), not a typo of a category word
    assert names("Association Nationale des Élus du Littoral") == ["Association Nationale des Élus du Littoral"]


def test_a_label_that_goes_on_to_describe_ends_the_name():
    assert typed("Alchemist Biolab (private sector company / laboratory services) Rocket Works "
                 "(private sector company – engineering partner)") == [
        ("Alchemist Biolab", "private_sector"), ("Rocket Works", "private_sector")]
    assert typed("Reef Fund (a project of the Tidal Foundation)")[0] == ("Reef Fund", "unknown")


def test_letter_and_hyphen_bullets_and_role_notes_after_a_dash():
    assert names("a. Field lead : Reefwatch (NGO) b. Kelp University c. Tidal Institute") == [
        "Reefwatch", "Kelp University", "Tidal Institute"]
    assert names("Partners: -Reef Youth Initiative (RYI) (NGO) -Mission Green Harbour -Kelp Network (KN)") == [
        "Reef Youth Initiative (RYI)", "Mission Green Harbour", "Kelp Network (KN)"]
    assert names("#Saveourreef - Lead entity") == ["#Saveourreef"]


def test_directorate_general_enumeration_stays_one_name():
    assert names("Directorate General for Tides, Safety and Maritime Services, Reef Trust") == [
        "Directorate General for Tides, Safety and Maritime Services", "Reef Trust"]


# ----------------------------------------------------------------------------- issue 12, second pass


def test_places_the_gazetteer_knows_beyond_cities():
    from ecosystem.reference.gazetteer import place_kind

    # first-level regions (ISO 3166-2), big cities' other names, letters an export dropped
    assert [place_kind(p) for p in ("Quintana Roo", "West Bengal", "Binh Thuan")] == ["region"] * 3
    assert place_kind("Bangalore") == place_kind("Bombay") == place_kind("Braslia") == "city"
    assert place_kind("Bnin") == place_kind("Guine") == "country"
    assert place_kind("Blue Ventures") is None and place_kind("Mag") is None  # short: no letters dropped
    assert names("DGMZ en Guine, CNGRF au Bnin") == ["DGMZ", "CNGRF"]
    # a town before its region in brackets locates the name too
    assert names("Uvesco- Samano (Cantabria), Zallo- Bermeo (Bizkaia)") == ["Uvesco", "Zallo"]
    # a region or a country written on its own is still a partner (its government)
    assert names("Nova Scotia; Mxico") == ["Nova Scotia", "Mxico"]
    # "Mxico" is Mexico now: "Nova Scotia, Mxico" reads as "Nova Scotia, Mexico" always did
    # (a region, then a country: one place)
    assert [m.reason for m in split_partners("Nova Scotia, Mxico")] == \
        [m.reason for m in split_partners("Nova Scotia, Mexico")] == ["place"]
    assert [m.reason for m in split_partners("Africa")] == ["place"]
    # the whole world as a scope is a place too: "Global" had been an NGO of 2 records, one of
    # them "World Ocean Council Spain/Global (NGO)"
    assert [(m.name, m.reason) for m in split_partners("Global")] == [("Global", "place")]
    assert [(m.name, m.reason) for m in split_partners(
        "World Ocean Council Spain/Global (NGO) MARE FVG - Italian Cluster Mare Friuli Venezia "
        "Giulia (Private Sector)")][:2] == [("World Ocean Council Spain", None), ("Global", "place")]
    assert [m.reason for m in split_partners("Global Ghost Gear Initiative")] == [None]


def test_acronym_dash_name_items_of_a_dashed_list():
    assert typed("DGRM - Directorate General for Maritime Services - government ICNF - Institute for "
                 "Nature Conservation - government") == [
        ("DGRM - Directorate General for Maritime Services", "government"),
        ("ICNF - Institute for Nature Conservation", "government")]
    # "Name - label Name - label" is not read so: the label ends the item before
    assert names("Aquasis - NGO Brazilian Navy - Government Oceana - NGO") == ["Aquasis", "Brazilian Navy",
                                                                             "Oceana"]


def test_two_acronym_dash_name_items_run_together_are_two_names():
    # the separator between two "acronym - name" items was lost: "… Shelf IPMA - …" had given
    # one name for both, which resolution then merged with IPMA's own (Ocean record 47385)
    assert names("EMEPC - Portuguese Task Group for the Extension of the Continental Shelf IPMA - "
                 "Portuguese Institute for Sea and Atmosphere") == [
        "EMEPC - Portuguese Task Group for the Extension of the Continental Shelf",
        "IPMA - Portuguese Institute for Sea and Atmosphere"]
    assert names("WWF - World Wide Fund for Nature") == ["WWF - World Wide Fund for Nature"]


def test_two_bodies_joint_programme_behind_a_slash_is_one_name():
    assert names("UNDP/GEF Small Grants Programme; SEMARNAT/CONANP") == [
        "UNDP/GEF Small Grants Programme", "SEMARNAT", "CONANP"]


def test_posts_of_people_are_not_organisations():
    from ecosystem.loaders.person_names import names_a_role

    assert names_a_role("Project Coordinator of TRICUSO: Richard Sanders")
    assert not names_a_role("Expert Group on Ocean Acidification")
    found = split_partners("Director of the Institute for Marine Research; Dean")
    assert [(m.name, m.reason) for m in found] == [
        ("Institute for Marine Research", None), ("Director of the Institute for Marine Research", "person"),
        ("Dean", "person")]


@pytest.mark.parametrize("phrase", [
    "Monitoring the mangroves", "Maya Chak means red", "List of All Organizations Involved in this Commitment",
    "Along with 32 high school students", "meetings, incentives, conferences and events (MICE)"])
def test_sentences_that_read_like_names(phrase):
    assert not_organisation_reason(phrase) == "sentence"


@pytest.mark.parametrize("text, names", [
    # a bracket that describes the body before it, then another body: the separators were lost
    ("Kelp Schools (Private education trust) Reef Tourism Authority",
     ["Kelp Schools (Private education trust)", "Reef Tourism Authority"]),
    ("Blue Fund for Reefs (Multi-Partner Trust Fund) Capital Development Fund (CDF)",
     ["Blue Fund for Reefs (Multi-Partner Trust Fund)", "Capital Development Fund (CDF)"]),
    # not a place in brackets, nor what does not stand alone as a name
    ("Harbour Lab (Cape Town, South Africa) Marine Station", None),
    ("Coral Films (Film production company) Private investors", None),
    ("Lagoon Pearls (Fiji) Pearl Farm Ltd", None)])
def test_a_note_in_brackets_ends_a_name_run_into_the_next(text, names):
    from ecosystem.loaders.name_boundaries import split_names

    assert split_names(text) == (names or [text])


def test_a_name_ending_with_its_acronym_is_not_joined_to_the_next_by_a_later_acronym():
    # "SPC" fits the initials of both pieces, but the first already ends with its own acronym
    found = split_partners("Secretariat of the Pacific Reef Programme (SPRP), "
                           "Pacific Community (SPC)")
    assert [m.name for m in found] == ["Secretariat of the Pacific Reef Programme (SPRP)",
                                       "Pacific Community (SPC)"]
    found = split_partners("Agreement on the Reefs of the Baltic, North East Atlantic and Irish "
                           "Seas (ARBNEAIS)")
    assert len(found) == 1


def test_a_known_body_after_and_is_a_second_name():
    # "Conservation International" has no head word, but it is a known body's name
    found = split_partners("Ministry of Tourism and Conservation International")
    assert [m.name for m in found] == ["Ministry of Tourism", "Conservation International"]
    assert [m.name for m in split_partners("Ministry of Tourism and Cultural International")] == [
        "Ministry of Tourism and Cultural International"]


@pytest.mark.parametrize("text, names", [
    ("(Financial experts): Pegasus Capital; Reef Bank", ["Pegasus Capital", "Reef Bank"]),
    ("Management Arrangements: UNDP", ["UNDP"]),
    ("Other allied organizations from the Pacific: Association Kelp Rapa Nui",
     ["Association Kelp Rapa Nui"]),
    # an acronym and its name, a title: no heading
    ("AMV: Les Amis du Monde Vert", ["AMV: Les Amis du Monde Vert"]),
    ("Marine Affairs Research and Education: MARE",
     ["Marine Affairs Research and Education (MARE)"]),
    ("Pacific Plastics: Science to Solutions network",
     ["Pacific Plastics: Science to Solutions network"])])
def test_a_heading_before_a_colon_is_not_part_of_the_name_after_it(text, names):
    assert [m.name for m in split_partners(text) if m.is_organisation] == names


def test_a_label_inside_a_bracket_is_not_cut_off_it():
    # "body of Government)" reads as a label after the name, but closes a bracket opened before
    found = split_partners("Board of Trade (Statutory body of Government)")
    assert [m.name for m in found] == ["Board of Trade (Statutory body of Government)"]


@pytest.mark.parametrize("name, reason", [
    ("Tidewave Media", None), ("Blue Media Group", None), ("Local media", "generic"),
    ("National Media", "generic"), ("Social media", "generic"), ("Press and media", "generic"),
    ("media players", "generic")])
def test_a_company_named_media_is_a_body_and_the_media_a_category(name, reason):
    assert not_organisation_reason(name) == reason


@pytest.mark.parametrize("phrase", [
    "ORCA delivers its training in close cooperation with national and international",
    "BWF empowers fishers and schools to engage with the targets",
    "Norway decided to contribute to the Reef Fund (RF)"])
def test_a_body_that_opens_a_sentence_is_not_the_sentence(phrase):
    # "<acronym> <verb> ...": a description of what a body does, though it opens with an acronym
    assert not_organisation_reason(phrase) == "sentence"


def test_a_sentence_about_a_body_names_the_bodies_in_it():
    found = split_partners("Cooperation rests on treaties between the two governments. ORCA "
                           "delivers its training in close cooperation with national and "
                           "international non-governmental organizations and the private sector.")
    assert [m.name for m in found if m.is_organisation] == ["ORCA"]


@pytest.mark.parametrize("phrase", [
    "GGGI Member Organizations", "Local Fishermen’s Association", "Fisherfolks Association",
    "Fisheries Aquatic Resources and Management Councils (FARMCs)"])
def test_kinds_of_bodies_that_read_like_names(phrase):
    assert not_organisation_reason(phrase) == "generic"


@pytest.mark.parametrize("name", ["Fishing industry Processing Ltd", "Association of Fishermen of Maio",
                                  "Marine Conservation Research Group", "Eastern Fishermen's Federation"])
def test_names_with_category_words_stay_names(name):
    assert not_organisation_reason(name) is None


def test_prose_names_a_body_once_and_not_its_context():
    text = ("The United Nations Environment Programme (UNEP) is the global authority within the United "
            "Nations system. UNEP with support of the Ocean Trust is implementing the project.")
    assert names(text) == ["The United Nations Environment Programme (UNEP)", "Ocean Trust"]
    # in a list, the acronym is a mention of its own
    assert names("United Nations Environment Programme (UNEP); UNEP") == [
        "United Nations Environment Programme (UNEP)", "UNEP"]


def test_commas_and_aliases_inside_one_name():
    assert names("Ministry of commerce, industry and tourism of Colombia - MINCIT (Government) Colombia "
                 "Productiva") == ["Ministry of commerce, industry and tourism of Colombia - MINCIT",
                                   "Colombia Productiva"]
    assert names("Aquatic School of Technology, or SPAMAST; UP Mindanao") == [
        "Aquatic School of Technology (SPAMAST)", "UP Mindanao"]
    # a label, then the body's name in its own language: no body of its own
    assert typed("Minister of Agriculture (Government; Ministerio de Agricultura, Chile) National Forestry "
                 "Service") == [("Minister of Agriculture", "government"), ("National Forestry Service", "unknown")]


def test_a_country_heading_before_a_body():
    assert names("MALDIVES Italian Ministry of Environment (IMELS); US Forest Service") == [
        "Italian Ministry of Environment (IMELS)", "US Forest Service"]
    assert names("Germany, Federal Ministry of the Environment; Monaco, Norway, Ministry of Fisheries") == [
        "Federal Ministry of the Environment", "Monaco", "Norway", "Ministry of Fisheries"]
    assert names("FFA and SPC member countries") == ["FFA"]


def test_a_known_name_ends_a_run_of_two_names():
    from ecosystem.loaders.vocabulary_split import segment

    known = frozenset({"xiamen university", "duke university", "environment programme"})
    assert segment("University of Hong Kong Xiamen University", known) == ["University of Hong Kong",
                                                                           "Xiamen University"]
    assert segment("Nicholas Institute for Policy Solutions at Duke University", known) is None
    assert segment("The Secretariat of the Pacific Regional Environment Programme", known) is None


def test_a_bracket_with_the_acronym_and_a_note():
    assert names("The Pacific Community (SPC – CROP agency), Pacific Islands Forum Fisheries Agency (FFA, "
                 "CROP agency), NOAA (NOAA, US Department of Commerce), The Global Alliance (TNC, WWF and CI)") == [
        "The Pacific Community (SPC)", "Pacific Islands Forum Fisheries Agency (FFA)", "NOAA", "NOAA",
        "US Department of Commerce", "The Global Alliance (TNC, WWF and CI)"]
    # a ministry named for its sectors is a name, not a kind of body
    assert not_organisation_reason("Ministry of Primary Industries") is None
    assert not_organisation_reason("Pearl Industry Stakeholders") == "generic"


def test_a_counted_heading_of_signatories_introduces_the_list():
    """ "42 Signatories: Australia (Government), …": the heading introduces the list, as
    "Members:" does; it is neither an organisation nor part of the first name."""
    names = [m.name for m in split_partners("42 Signatories: Australia (Government), Belgium "
                                            "(Government), Chile (Government)") if m.is_organisation]
    assert names == ["Australia", "Belgium", "Chile"]


def test_hyphens_written_for_spaces_are_read_as_spaces():
    text = ("NGOs: Reef-Watch-Society, Centre-for-Tide-Research-and-Education, Friends-of-the-Lagoon, "
            "Coral-Trust-e.V.-(CT)/Society-for-Coral-Care, GRID-Arendal")
    assert names(text) == ["Reef Watch Society", "Centre for Tide Research and Education", "Friends of the Lagoon",
                           "Coral Trust e.V. (CT)", "Society for Coral Care", "GRID Arendal"]
    # a few hyphens in ordinary names are kept
    assert names("Marine Management Organisation-Government, GOA-ON") == ["Marine Management Organisation", "GOA-ON"]


def test_places_that_only_locate_a_name_are_dropped():
    # a town after a dash, then its region in brackets, in a list whose dashes introduce places
    assert names("● Kelpa- Bermeo (Bizkaia) ● Tuna Lab - Bermeo (Bizkaia) ● Net Co- Bilbao (Bizkaia) "
                 "● Bolt Foods- O Grove (Pontevedra) ● Salt Works- L´Ametlla de Mar (tarragona)") == [
        "Kelpa", "Tuna Lab", "Net Co", "Bolt Foods", "Salt Works"]
    # a place in brackets, with its region, ends the name and names no body
    assert names("University of Tidal Studies (Hong Kong, Special Administrative Region of China) Harbour "
                 "University, China") == ["University of Tidal Studies", "Harbour University"]
    # "in" a country after a university; an international body "in" a country is its country office
    assert names("the University of Reefland (Academic Institution) in the U.S.A.") == ["University of Reefland"]
    assert names("United Nations Development Programme in the Philippines") == [
        "United Nations Development Programme in the Philippines"]


def test_notes_projects_and_people_are_no_bodies():
    assert names("Tide Lab (project GHOSTNET) – Venice, Italy") == ["Tide Lab"]
    assert names("Reef Committee (RC) (Project Mechanism – Multi-Stakeholder Governance Body)") == [
        "Reef Committee (RC)"]
    assert [(m.name, m.reason) for m in split_partners("Kelp Trust, Ronal W. Larson")] == [
        ("Kelp Trust", None), ("Ronal W. Larson", "person")]
    # a label after a bracket or a quote left open
    assert [(m.name, m.actor_type) for m in split_partners(
        "Tide Research Institute (Academic institution=, Fish Data Initiative “Non-Government")] == [
        ("Tide Research Institute", "academic"), ("Fish Data Initiative", "ngo")]


def test_elided_compound_is_one_name():
    assert names("1. HAVS- OCH VATTENMYNDIGHETEN (HaV), Sweden 2. FORSCHUNGS- UND KUSTENZENTRUM (FKZ), Germany") == [
        "HAVS-OCH VATTENMYNDIGHETEN (HaV)", "FORSCHUNGS-UND KUSTENZENTRUM (FKZ)"]


def test_unknown_towns_in_a_list_of_name_city_country():
    # two items locate their names with towns the gazetteer knows: the list's structure says the
    # capitalised phrase before the country of the other items is a town too
    text = ("Kelp Lab, Lagos, Nigeria, academic organization Tide College, Palmgrove Island, Nigeria, "
            "NGO Reef Hands, Buenos Aires, Argentina, civil society organization Shore Trust, Abbassa, Egypt")
    assert names(text) == ["Kelp Lab", "Tide College", "Reef Hands", "Shore Trust"]
    # without that structure a name before a country stays a name
    assert names("Kelp Foundation, Blue Ventures, Kenya") == ["Kelp Foundation", "Blue Ventures"]


def test_units_written_into_their_body():
    # after "&", a phrase of topic words and a head word is the same body's other half
    assert names("Kelp Aquarium & Marine Science Center, Reef Zoo & Aquarium, WWF & Blue Ventures") == [
        "Kelp Aquarium & Marine Science Center", "Reef Zoo & Aquarium", "WWF", "Blue Ventures"]
    # a unit written right after its parent's acronym is run into the parent's name
    assert names("Tide Survival Commission (TSC) Kelp Specialist Group (KSG), Reef Trust") == [
        "Tide Survival Commission (TSC) Kelp Specialist Group (KSG)", "Reef Trust"]
    # but not a body with an acronym of its own words, or after a parent that is no body
    assert names("Cooperation Programme (CP) UNDP-NSA Unit") == ["Cooperation Programme (CP)", "UNDP-NSA Unit"]


def test_topics_after_a_comma_end_a_body_before_the_sentence_goes_on():
    assert names("UNEP with support of the Federal Ministry for the Environment, Nature Conservation and "
                 "Reef Safety is implementing the project.") == [
        "UNEP", "Federal Ministry for the Environment, Nature Conservation and Reef Safety"]


def test_lists_of_names_in_capitals():
    items = ("1. MINISTRY OF FOOD, AGRICULTURE AND FISHERIES, DANISH KELP AGENCY (DKA), Denmark "
             "2. MINISTRY OF EDUCATION, SCIENCE AND YOUTH OF GEORGIA (MESY), Georgia "
             "3. CONSORCIO PARA EL DISENO, CONSTRUCCION Y EXPLOTACION DEL SISTEMA DE OBSERVACION COSTERO DE LAS "
             "ISLAS DEL SUR Y DEL NORTE Y DEL OESTE (CDC), Spain 4. NARODOWE CENTRUM BADAN (NCB), Polonia "
             "5. MINISTRSTVO ZA ZNANOST (MZZ) Slovenja 6. HAVS- OCH KUSTMYNDIGHETEN (HaK), Sweden "
             "7. REEF COUNCIL (RC), Faroe Island 8. TIDE FUND (TF), Spain 9. SEA BOARD (SB), Italy "
             "10. KELP FOUNDATION (KF), Malta 11. LAGOON INSTITUTE (LI), Greece 12. SHORE AGENCY (SA), Cyprus")
    assert names(items) == [
        "MINISTRY OF FOOD, AGRICULTURE AND FISHERIES", "DANISH KELP AGENCY (DKA)",
        "MINISTRY OF EDUCATION, SCIENCE AND YOUTH OF GEORGIA (MESY)",
        "CONSORCIO PARA EL DISENO, CONSTRUCCION Y EXPLOTACION DEL SISTEMA DE OBSERVACION COSTERO DE LAS "
        "ISLAS DEL SUR Y DEL NORTE Y DEL OESTE (CDC)", "NARODOWE CENTRUM BADAN (NCB)", "MINISTRSTVO ZA ZNANOST (MZZ)",
        "HAVS-OCH KUSTMYNDIGHETEN (HaK)", "REEF COUNCIL (RC)", "TIDE FUND (TF)", "SEA BOARD (SB)",
        "KELP FOUNDATION (KF)", "LAGOON INSTITUTE (LI)", "SHORE AGENCY (SA)"]
    # a name glued after a name in capitals is not read as its place
    assert names("KELP TRUST (KT) Blue Ventures") != ["KELP TRUST (KT)"]


def test_seas_and_world_regions_are_places():
    assert not_organisation_reason("Indian Ocean and Pacific") == "place"
    assert not_organisation_reason("Indian Ocean Commission") is None
    assert not_organisation_reason("Pacific (PTWS)") is None


def test_nordic_compound_heads():
    from ecosystem.loaders.org_name_parts import has_org_head

    assert has_org_head("Länsstyrelsen i Västra Götalands län") and has_org_head("Västkuststiftelsen")
    assert has_org_head("Kosterhavets nationalpark") and not has_org_head("Verket")
    assert names("Kosterhavets nationalpark/Länsstyrelsen i Västra Götalands län") == [
        "Kosterhavets nationalpark", "Länsstyrelsen i Västra Götalands län"]


def test_labels_and_eponyms_in_quotes():
    assert [(m.name, m.actor_type) for m in split_partners(
        'Kelp University "Government" Reef Farmers Association RFA "Civil Society" Tide Partnership "Other"')] == [
        ("Kelp University", "government"), ("Reef Farmers Association RFA", "civil_society"),
        ("Tide Partnership", "other")]
    # a person's name in quotes after a name is the name's eponym, part of it
    assert names('Research Centre in Urban Planning, "Alberto Calza Bini", University of Tides, Italy') == [
        'Research Centre in Urban Planning, "Alberto Calza Bini"', "University of Tides"]


def test_a_name_between_people_in_a_list_of_people_is_a_person():
    found = split_partners("Scientists: Walker O. Smith, Bethan OLeary, Asha de Vos, Ellen Prager, Reef Trust")
    assert [m.name for m in found if m.reason == "person"] == [
        "Walker O. Smith", "Bethan OLeary", "Asha de Vos", "Ellen Prager"]
    # in a list of organisations two such words stay a name
    assert "Arctic Explorer" in names("Asha de Vos, Arctic Explorer, Ellen Prager, Reef Trust, Kelp Lab, Tide Fund")


def test_known_names_around_one_unknown_name_are_split():
    from ecosystem.loaders.vocabulary_split import segment

    known = frozenset({"jica", "unep", "world bank", "secretariat of the pacific regional environment programme"})
    assert segment("JICA UNEP World Bank - International Finance Cooperation", known) == [
        "JICA", "UNEP", "World Bank", "International Finance Cooperation"]
    # one known name is no evidence; nor is an unknown rest that continues a name after a comma
    assert segment("UNEP Regional Seas Programme", known) is None
    assert segment("JICA UNEP World Bank, Forest and Climate Change", known) is None
    # a run of acronyms is not one unknown name
    assert segment("JICA UNEP The GEF PEMSEA NOWPAP", known) is None


@pytest.mark.parametrize("text", ["FIJIAN NAVY", "Fijian Navy", "fijian navy", "Reef Watch", "Västkuststiftelsen",
                                  "VASTKUSTSTIFTELSEN", "Skjoldungernes Land Nationalpark", "CO-FOUNDER of Reef Trust",
                                  "Project Co-ordinator", "Headwaters Trust", "Ocean Lab Inc", "UniversitY OF Bergen"])
def test_lower_case_shortcuts_find_what_the_case_insensitive_patterns_find(text):
    # ASCII text is read in lower case with case-sensitive copies of the patterns (faster): the same
    # answers as the case-insensitive patterns, whatever the case the text is written in
    from ecosystem.loaders import org_name_parts, person_names

    assert org_name_parts.has_org_head(text) == bool(org_name_parts._ORG_HEADS.search(text))
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        assert (person_names._ROLE_WORD.search(variant) is None) == (
            (person_names._ROLE_WORD_LOWER if variant.isascii() else person_names._ROLE_WORD)
            .search(variant.lower() if variant.isascii() else variant) is None)
        org_name_parts.has_org_head.cache_clear()
        assert org_name_parts.has_org_head(variant) == bool(
            org_name_parts._ORG_HEADS.search(variant))


def test_beneficiaries_are_a_kind_of_people_not_a_partner():
    # "Beneficiaries" became an actor of three Ocean records (a heading, and a list's tail)
    from ecosystem.loaders.partner_names import not_organisation_reason

    text = ("• Tethys Research Institute [Scientific Community] • Beneficiaries: Scientific "
            "community, yachting sector stakeholders, coastal communities")
    organisations = [m.name for m in split_partners(text) if m.is_organisation]
    assert organisations == ["Tethys Research Institute [Scientific Community]"]
    tail = split_partners("WWF (NGO); (Government Entity) Beneficiaries:")
    assert [(m.name, m.reason) for m in tail] == [("WWF", None), ("Beneficiaries", "generic")]
    assert not_organisation_reason("Participants") == "generic"


def test_a_postal_address_is_a_place_not_an_organisation():
    # "… Dive Centre, Plakias, 74060 Rethymno, Crete, Greece; Technical Office, A-2201 Gerasdorf,
    # Lorenz Steinergasse 6": the address pieces had become actors, and a tie between two of them
    # was the report's "longest-lasting tie"
    for address in ("74060 Rethymno", "A-2201 Gerasdorf", "CH-1196 Gland", "Bali 80363",
                    "Leyte Philippines 6502", "Lorenz Steinergasse 6", "Main Street 10"):
        assert not_organisation_reason(address) == "place", address
    # a year is no postcode, a number in a name is no house number
    for name in ("Marine Life 2030", "Natura 2000", "1000 Mermaids", "Africa Eco 2100",
                 "Route 66 Foundation", "Road 2 Recovery Trust"):
        assert not_organisation_reason(name) is None, name
    found = split_partners("Blue Dive Centre, 74060 Rethymno, Greece; Reef Check Austria, "
                           "A-2201 Gerasdorf")
    assert [m.name for m in found if m.is_organisation] == ["Blue Dive Centre", "Reef Check Austria"]
    # a word in lower case before a place is where the body before it is: its campus, its office
    found = split_partners("Universidad Central (UC), recinto Puerto Plata; WWF, office Nairobi")
    assert [m.name for m in found if m.is_organisation] == ["Universidad Central (UC)", "WWF"]
    assert not_organisation_reason("iCow Kenya") is None      # a name that starts in lower case


def test_a_dashed_list_gives_each_name_its_country_acronym_and_label():
    # "Kobe University - Japan (Academic Institution), …" and "… - UBO (Academic Institution) -
    # …" in long dashed lists: the country and the acronym had become names of their own
    # ("Japan" an academic body), the label's second word a name ("Institution)")
    text = ("Blue Reef Center (NGO), Kobe Marine University - Japan (Academic Institution), "
            "Reef Check Lab - Thailand (Academic Institution), Coast Energy Co. - Japan (Private "
            "Sector), Université de Bretagne Occidentale - UBO (Academic Institution) - Instituto "
            "Nacional de Pesca - INP (Government) - Hydrographic Office - HO (Government) - "
            "Sea Grant College - IUCN (NGO)")
    got = [(m.name, m.actor_type, m.country) for m in split_partners(text)]
    assert got == [
        ("Blue Reef Center", "ngo", None),
        ("Kobe Marine University", "academic", "JPN"),
        ("Reef Check Lab", "academic", "THA"),
        ("Coast Energy Co", "private_sector", "JPN"),
        ("Université de Bretagne Occidentale (UBO)", "academic", None),
        ("Instituto Nacional de Pesca (INP)", "government", None),
        ("Hydrographic Office", "unknown", None),       # two letters: too often a code
        ("HO", "government", None),
        ("Sea Grant College", "unknown", None),          # a known body's acronym is that body
        ("IUCN", "ngo", None)]


@pytest.mark.parametrize(("text", "names"), [
    # a ministry's topics after a comma, the item closed by a label and a full stop
    ("-Ministry of Fisheries (Government). -Ministry of Tourism, Crafts and Family Welfare "
     "(Government). -Ministry of Culture (Government)",
     ["Ministry of Fisheries", "Ministry of Tourism, Crafts and Family Welfare",
      "Ministry of Culture"]),
    # … and by the country it is of
    ("Ministry of Planning, Industry, Trade and Labour - Saint Vincent and the Grenadines",
     ["Ministry of Planning, Industry, Trade and Labour"]),
])
def test_a_ministrys_topics_stay_with_it(text, names):
    assert [m.name for m in split_partners(text)] == names


def test_a_name_opening_in_lower_case_after_a_bracketed_label_is_a_new_name():
    """A list whose line breaks were lost reads each name's label in brackets as its end; a
    name written in lower case before a capital ("cChange", "eBay") was run into the name
    before it ("Global Vision International cChange", an Ocean partner)."""
    assert typed("Global Vision International (NGO) cChange (NGO) Coral Reef Alliance (NGO)") == [
        ("Global Vision International", "ngo"), ("cChange", "ngo"), ("Coral Reef Alliance", "ngo")]
    assert names("Blue Lab (NGO) and partners") == ["Blue Lab"]


@pytest.mark.parametrize("lead, reason", [
    ("N/A", "placeholder"), ("Academic Institution", "generic"), ("Sociedad Civil", "generic"),
    ("Many different organisations", "quantifier"),
    ("12 organisations, see https://example.org/members", "sentence"),
    ("Ocean Networks Canada", None), ("adidas", None),  # names the rules misread: kept whole
])
def test_a_lead_naming_no_organisation_is_set_aside_whole(lead, reason):
    """A lead field the rules read no organisation in was kept whole as the record's lead, so
    that a misread name still leads ("Ocean Networks Canada"); "N/A" and "Academic Institution"
    were Ocean actors leading a record each."""
    [m] = split_lead(lead)
    assert (m.name, m.reason) == (lead, reason)


@pytest.mark.parametrize("name", [
    # French names are written in sentence case: five Ocean records' names were set aside as
    # sentences (their words mostly in lower case)
    "Agence française pour la biodiversité", "Alliance pour la préservation des forêts",
    "Association des jeunes pêcheurs migrants",
    "Centre d’expertise en gestion des risques d’incidents maritimes",
    "Secrétariat d'état chargé du développement durable",
    # a word that reads as a verb ("works") inside a name its acronym spells
    "Ministry of works, Transport and Infrastructure (MWTI)"])
def test_names_in_sentence_case_or_spelled_by_their_acronym_are_names(name):
    assert not_organisation_reason(name) is None


@pytest.mark.parametrize(("phrase", "reason"), [
    ("Asociaciones de pescadores", "generic"),  # a plural head: a kind, no body
    ("Association works with local fishermen", "sentence"),  # a verb, no acronym spelling it
    ("meetings, incentives, conferences and events (MICE)", "sentence"),  # a topic in lower case
    ("EAF-Nansen Programme is committed to improving fisheries management in line with the "
     "ecosystem approach to fisheries (EAF)", "sentence")])  # the acronym spells no name before it
def test_sentences_and_kinds_stay_set_aside(phrase, reason):
    assert not_organisation_reason(phrase) == reason


@pytest.mark.parametrize(("text", "found"), [
    # a capitalised note of a type and a description in lower case ends the name before it, as a
    # label does, where a list lost its separators: three Ocean fields were one actor each
    ("Harbour Sailing League (Other relevant actor: sporting association) Tide Race Cup",
     [("Harbour Sailing League", "other"), ("Tide Race Cup", "unknown")]),
    ("Lagoon Academy Trust (Private education trust) Coral Garden Society",
     [("Lagoon Academy Trust", "private_sector"), ("Coral Garden Society", "unknown")]),
    ("Sea Swift (NGO sailing with disabled crews) Reef Doctors",
     [("Sea Swift", "ngo"), ("Reef Doctors", "unknown")]),
    ("Atlantic Fund (Inter governmental organization)", [("Atlantic Fund", "intergovernmental")]),
    # a note that is no type: the name goes on
    ("Blue Reef Trust (Research and Monitoring Unit) Reef Doctors",
     [("Blue Reef Trust (Research and Monitoring Unit) Reef Doctors", "unknown")]),
])
def test_a_capitalised_type_note_ends_the_name_before_it(text, found):
    assert [(m.name, m.actor_type) for m in split_partners(text) if m.is_organisation] == found


def test_a_quoted_acronym_keeps_its_closing_quote_and_a_lead_in_goes_before_a_quote():
    assert names("Centre de Recherches Marines 'CRM'; Institut des Lagunes 'IDL'") == [
        "Centre de Recherches Marines 'CRM'", "Institut des Lagunes 'IDL'"]
    assert names("Reef Society, through the 'Coral Watch Consortium'") == [
        "Reef Society", "Coral Watch Consortium"]
    assert names("vzw 't Zeepaardje") == ["vzw 't Zeepaardje"]  # an article, not a quote


def test_investors_are_a_kind_of_party():
    assert not_organisation_reason("Private investors") == "generic"


@pytest.mark.parametrize(("text", "found"), [
    # a full stop after a bracket ends a name when a name follows: such lists were one actor
    ("Reef Watch (NGO). Prince Coral Foundation (NGO). Blue Lab (Academic institution, "
     "previously Ocean Lab). D-Shape (Private Sector)",
     ["Reef Watch", "Prince Coral Foundation", "Blue Lab", "Ocean Lab", "D-Shape"]),
    ("National Institute of Tides (NIT). Coastal Survey Office (COSO)",
     ["National Institute of Tides (NIT)", "Coastal Survey Office (COSO)"]),
])
def test_a_full_stop_after_a_bracket_ends_a_name_before_a_name(text, found):
    assert names(text) == found


def test_prose_after_a_full_stop_starts_no_name():
    assert "At the moment" not in names(
        "Harbour Trust (HT). At the moment, two studies are being carried out")


def test_a_heading_before_the_last_colon_gives_the_name_after_it():
    assert names("Reef Week Initiative: Clean Coasts Sponsors: Blue Reef Trust") == [
        "Blue Reef Trust"]


def test_a_sector_note_ends_the_name_before_it():
    # "Samoa Tourism Authority (Cultural Sector)" and "Government of Catalonia (Administration
    # sector)" were actors of their own beside the bodies' plain names
    assert names("Lagoon Tourism Authority (Cultural Sector), Reef Council (Fishing sector)") \
        == ["Lagoon Tourism Authority", "Reef Council"]
    assert names("Harbour Trust (Fiji Sector)") == ["Harbour Trust (Fiji Sector)"]  # a place


def test_an_entity_type_and_a_country_after_a_dash_end_a_name():
    # a list that lost its line breaks: "Ministry of Agriculture, Rural Development and
    # Environment Government -Cyprus" was cut at its comma into two actors, and the next
    # ministry took the country written before it
    found = [(m.name, m.actor_type, m.country) for m in split_partners(
        "Ministry of Tides, Waves and Coasts Government -Fiji Ministry of Reefs - Government - "
        "Samoa Coral Lab")]
    assert found == [("Ministry of Tides, Waves and Coasts", "government", "FJI"),
                     ("Ministry of Reefs", "government", "WSM"), ("Coral Lab", "unknown", None)]
    # a name's own last word is no label: the name stays whole
    assert names("Queensland Government - Australia")[0].startswith("Queensland Government")


def test_a_label_notes_country_is_the_bodys():
    found = split_partners("Kobe Reef University (Academic Institution - Japan)")[0]
    assert (found.name, found.actor_type, found.country) == (
        "Kobe Reef University", "academic", "JPN")
    # a country of several words is no word of a label either
    found = split_partners("Coral Lab (Academic Institution - United Kingdom)")[0]
    assert (found.name, found.actor_type, found.country) == ("Coral Lab", "academic", "GBR")


def test_a_label_never_ends_with_a_connector_of_another_language():
    # "- Universidade do Algarve (academic institution)" had given "Algarve": "Universidade do"
    # read as a label before a name
    assert names("NOVA Lisboa (academic institution). - Universidade do Minho (academic "
                 "institution)")[-1] == "Universidade do Minho"


def test_a_dash_after_a_labels_bracket_starts_the_next_name():
    # "Hellenic Centre for Marine Research (HCMR) - National coordinator of …" and
    # "… (Government) - Lead" had glued the note or role to the name
    assert names("Reef Watch (NGO) - Blue Lab (NGO)") == ["Reef Watch", "Blue Lab"]
    assert names("Reef Watch (NGO). - Blue Lab (NGO)") == ["Reef Watch", "Blue Lab"]
    found = split_partners("Reef Watch (NGO) - Fiji")  # the country of the name before
    assert [(m.name, m.country) for m in found] == [("Reef Watch", "FJI")]
    assert names("Reef Watch (NGO) - Role: Policy support") == [
        "Reef Watch - Role: Policy support"]  # a note: left as it was read
    assert not_organisation_reason("Local Small and Medium Enterprises") == "generic"


@pytest.mark.parametrize("name", [
    # Portuguese, Italian and French ministries whose topics go on after a comma were cut there:
    # "Ministério das Finanças, Comercio e Economia Azul", "Ministère de l'Environnement, de l'Eau
    # et des Forêts" (four Ocean ministries)
    "Ministério das Pescas, Comércio e Economia Azul",
    "Ministero delle Politiche Agricole, Alimentari e Forestali",
    "Ministère de la Mer, de l'Eau et des Lagons"])
def test_a_ministrys_topics_in_other_languages_stay_with_it(name):
    assert names(f"{name}; Reef Watch") == [name, "Reef Watch"]


def test_a_ministry_written_without_of_keeps_its_topics():
    # "Ministry Agro Industry, Food Security, Blue Economy and Fisheries" gave three names
    assert names("Ministry Reef Industry, Food Security, Blue Economy and Fisheries; WWF") == [
        "Ministry Reef Industry, Food Security, Blue Economy and Fisheries", "WWF"]
    assert names("Ministry Reef Industry, WWF and UNEP") == ["Ministry Reef Industry", "WWF", "UNEP"]


def test_a_label_never_ends_with_in():
    # "…, local governments in Ecuador and Peru (Governments)" had given the actor "Ecuador
    # and Peru": "local governments in" read as a label before a name
    found = split_partners("Reef Watch, local governments in Fiji and Samoa (Governments)")
    assert [m.name for m in found if m.is_organisation] == ["Reef Watch"]
